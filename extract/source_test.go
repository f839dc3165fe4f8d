package extract_test

import (
	"testing"

	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/graph"
)

func TestOutletNamesASourceAsTheTextWould(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	for source, want := range map[string]string{
		"BBC News":              "organization:bbc",
		"BBC News - World":      "organization:bbc",
		"Top stories | Reuters": "organization:reuters",
		"The Financial Times":   "organization:financial-times",
		"  Kyiv   Ledger ":      "organization:kyiv-ledger",
		"The Kyiv Independent":  "organization:kyiv-independent",
		"Meridian Wire - World": "organization:meridian-wire",
		"Associated Press":      "organization:associated-press",
		"AP":                    "organization:associated-press",
		"ap":                    "organization:ap",
		"—":                     "",
	} {
		got := x.Outlet(source)
		if got.ID != want || (want != "" && got.Kind != graph.KindOrganization) {
			t.Errorf("Outlet(%q) = %+v, want id %q", source, got, want)
		}
	}
}

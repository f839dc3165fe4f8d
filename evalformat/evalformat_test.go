package evalformat_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/evalformat"
	"github.com/entitygraph/entitygraph/graph"
)

func TestFromExtractionWritesTheEvalFormatShape(t *testing.T) {
	budanov := graph.EntityRef{ID: "person:kyrylo-budanov", Kind: graph.KindPerson, Name: "Kyrylo Budanov"}
	x := &graph.Extraction{
		Document: graph.Document{ID: "d1", Text: "Kyrylo Budanov told the FT about Russia."},
		Entities: []graph.DocumentEntity{
			{ID: budanov.ID, Kind: graph.KindPerson, Name: "Kyrylo Budanov", Mentions: []graph.Mention{{Start: 0, End: 14, Text: "Kyrylo Budanov"}}},
			{ID: "country:russia", Kind: graph.KindCountry, Name: "Russia"},
		},
		Statements: []graph.Statement{{
			Speaker: budanov, Cue: "told", Text: "Kyrylo Budanov told the FT about Russia.", Start: 0, End: 40,
			About:      []graph.EntityRef{{ID: "country:russia", Kind: graph.KindCountry, Name: "Russia"}},
			ReportedBy: []graph.EntityRef{{ID: "organization:financial-times", Kind: graph.KindOrganization, Name: "Financial Times"}},
		}},
	}
	b, err := json.Marshal(evalformat.FromExtraction(x))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"d1","entities":[{"type":"PERSON","name":"Kyrylo Budanov","mentions":[{"start":0,"end":14,"text":"Kyrylo Budanov"}]},` +
		`{"type":"COUNTRY","name":"Russia","mentions":[]}],` +
		`"statements":[{"speaker":"Kyrylo Budanov","about":["Russia"],"reported_by":["Financial Times"],"cue":"told","text":"Kyrylo Budanov told the FT about Russia.","start":0,"end":40}]}`
	if string(b) != want {
		t.Errorf("output\n%s\nwant\n%s", b, want)
	}
	empty, _ := json.Marshal(evalformat.FromExtraction(&graph.Extraction{Document: graph.Document{ID: "d2"}}))
	if want := `{"id":"d2","entities":[],"statements":[]}`; string(empty) != want {
		t.Errorf("empty output %s; want %s (lists, not null)", empty, want)
	}
}

func TestDecodeReadsWhatFromExtractionWrites(t *testing.T) {
	o, err := evalformat.Decode([]byte(`{"id":"d1","entities":[{"type":"ORGANIZATION","name":"Reuters","mentions":[{"start":3,"end":10,"text":"Reuters"}]}],"statements":[]}`))
	if err != nil || o.ID != "d1" || o.Entities[0].Mentions[0].End != 10 || o.Entities[0].Type != evalformat.Organization {
		t.Errorf("Decode = %+v, %v", o, err)
	}
	for _, bad := range []string{`not json`, `{"entities":[]}`} {
		if _, err := evalformat.Decode([]byte(bad)); err == nil || graph.ErrorCode(err) != graph.Invalid {
			t.Errorf("Decode(%s) = %v; want an Invalid error", bad, err)
		} else if !strings.Contains(err.Error(), "evalformat.Decode") {
			t.Errorf("error %v does not name its operation", err)
		}
	}
}

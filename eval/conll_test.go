package eval_test

import (
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/eval"
	"github.com/entitygraph/entitygraph/evalformat"
	"github.com/entitygraph/entitygraph/graph"
)

// iob1 is wikigold-style: space-separated, I- throughout, B- only between
// two adjacent entities of one type, documents after -DOCSTART-.
const iob1 = `-DOCSTART- O

Kyrylo I-PER
Budanov I-PER
told O
the O
Financial I-ORG
Times I-ORG
. O

Japanese I-MISC
and O
Russia I-LOC
. O
-DOCSTART- O

Merkel I-PER
Putin B-PER
met O
in O
Moscow I-LOC
-DOCSTART- O

Australian I-ORG
Open I-ORG
in O
Australia I-LOC
`

func TestReadCoNLLRebuildsTextAndSpans(t *testing.T) {
	docs, err := eval.ReadCoNLL(strings.NewReader(iob1), "wg")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 {
		t.Fatalf("%d documents, want 3: %+v", len(docs), docs)
	}
	want := []struct {
		id, text string
		spans    []string
	}{
		{"wg:3", "Kyrylo Budanov told the Financial Times .\nJapanese and Russia .", []string{"PER Kyrylo Budanov", "ORG Financial Times", "MISC Japanese", "LOC Russia"}},
		{"wg:17", "Merkel Putin met in Moscow", []string{"PER Merkel", "PER Putin", "LOC Moscow"}},
		{"wg:24", "Australian Open in Australia", []string{"ORG Australian Open", "LOC Australia"}},
	}
	for i, d := range docs {
		if d.ID != want[i].id || d.Text != want[i].text {
			t.Errorf("document %d = %q %q, want %q %q", i, d.ID, d.Text, want[i].id, want[i].text)
		}
		var spans []string
		for _, s := range d.Spans {
			spans = append(spans, s.Label+" "+d.Text[s.Start:s.End])
		}
		if strings.Join(spans, "|") != strings.Join(want[i].spans, "|") {
			t.Errorf("document %d spans %q, want %q", i, spans, want[i].spans)
		}
	}
}

func TestReadCoNLLWithoutDocstartGivesOneDocumentPerSentence(t *testing.T) {
	// WNUT17-style: tab-separated IOB2 with its own types.
	in := "Apple\tB-corporation\nfans\tO\n\n@x\tO\nTaylor\tB-person\nSwift\tI-person\nrocks\tB-creative-work\n"
	docs, err := eval.ReadCoNLL(strings.NewReader(in), "wnut")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[1].ID != "wnut:4" || docs[1].Text != "@x Taylor Swift rocks" {
		t.Fatalf("documents %+v, want two, the second %q", docs, "@x Taylor Swift rocks")
	}
	if s := docs[0].Spans; len(s) != 1 || s[0] != (eval.Span{Start: 0, End: 5, Label: eval.ORG}) {
		t.Errorf("first spans %+v, want ORG Apple", s)
	}
	if s := docs[1].Spans; len(s) != 2 || s[0] != (eval.Span{Start: 3, End: 15, Label: eval.PER}) || s[1].Label != eval.MISC {
		t.Errorf("second spans %+v, want PER Taylor Swift and MISC rocks", s)
	}
}

func TestReadCoNLLRejectsABadTagWithItsLine(t *testing.T) {
	for _, in := range []string{"a O\nb X-PER\n", "a O\nb\n"} {
		_, err := eval.ReadCoNLL(strings.NewReader(in), "bad")
		if graph.ErrorCode(err) != graph.Invalid || !strings.Contains(err.Error(), "bad:2") {
			t.Errorf("ReadCoNLL(%q) = %v, want an Invalid error at bad:2", in, err)
		}
	}
}

func TestScoreSpans(t *testing.T) {
	docs, err := eval.ReadCoNLL(strings.NewReader(iob1), "wg")
	if err != nil {
		t.Fatal(err)
	}
	// Offsets in "Kyrylo Budanov told the Financial Times .\nJapanese and Russia ."
	// and "Merkel Putin met in Moscow".
	mention := func(start, end int, text string) []graph.Mention {
		return []graph.Mention{{Start: start, End: end, Text: text}}
	}
	preds := map[string]evalformat.Output{
		"wg:3": {ID: "wg:3", Entities: []evalformat.Entity{
			{Type: evalformat.Person, Name: "Kyrylo Budanov", Mentions: mention(0, 14, "Kyrylo Budanov")},
			{Type: evalformat.Organization, Name: "Financial Times", Mentions: mention(20, 39, "the Financial Times")}, // "the Financial Times": wrong span
			{Type: evalformat.Country, Name: "Japan", Mentions: mention(42, 50, "Japanese")},                           // demonym, MISC in CoNLL: ignored
			{Type: evalformat.Country, Name: "Russia", Mentions: mention(55, 61, "Russia")},
		}},
		"wg:17": {ID: "wg:17", Entities: []evalformat.Entity{
			{Type: evalformat.Person, Name: "Merkel Putin", Mentions: mention(0, 12, "Merkel Putin")},
			{Type: evalformat.Country, Name: "Russia", Mentions: mention(20, 26, "Moscow")}, // Moscow as a place
		}},
		"wg:24": {ID: "wg:24", Entities: []evalformat.Entity{
			{Type: evalformat.Country, Name: "Australia", Mentions: []graph.Mention{
				{Start: 0, End: 10, Text: "Australian"}, // inside an ORG span: ignored
				{Start: 19, End: 28, Text: "Australia"},
			}},
		}},
	}
	tests := []struct {
		name      string
		isCountry func(string) bool
		country   eval.Counts
	}{
		// Moscow is a place, not a country, so a COUNTRY mention there is wrong.
		{"a country table", func(s string) bool { return s == "Russia" || s == "Australia" }, eval.Counts{TP: 2, FP: 1}},
		// A table that knows Moscow makes it a gold country span.
		{"a table with capitals", func(s string) bool { return s != "Merkel" }, eval.Counts{TP: 3}},
		{"an empty table", func(string) bool { return false }, eval.Counts{FP: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := eval.ScoreSpans(docs, preds, tt.isCountry)
			if want := (eval.Counts{TP: 1, FP: 1, FN: 2}); rep.PER != want {
				t.Errorf("PER %+v, want %+v", rep.PER, want)
			}
			if want := (eval.Counts{FP: 1, FN: 2}); rep.ORG != want {
				t.Errorf("ORG %+v, want %+v", rep.ORG, want)
			}
			if want := (eval.Counts{TP: 1, FP: 2, FN: 4}); rep.PERORG != want {
				t.Errorf("PER+ORG %+v, want %+v", rep.PERORG, want)
			}
			if rep.Country != tt.country {
				t.Errorf("COUNTRY %+v, want %+v", rep.Country, tt.country)
			}
		})
	}
}

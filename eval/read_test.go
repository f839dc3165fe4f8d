package eval_test

import (
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/eval"
	"github.com/entitygraph/entitygraph/graph"
)

func TestReadGoldReportsBadLinesByNumberAndKeepsGoing(t *testing.T) {
	in := strings.Join([]string{
		`{"id": "d1", "text": "Russia said.", "date": "2024-01-21", "entities": [{"type": "COUNTRY", "name": "Russia", "aliases": ["RF"]}], "speakers": ["Russia"]}`,
		`{"id": "d2", "text": `,
		``,
		`{"id": "d3", "text": "x", "entities": [{"type": "LOCATION", "name": "Kyiv"}]}`,
		`{"id": "d1", "text": "again"}`,
		`{"id": "d4", "text": "Budanov told the FT.", "stated": [{"speaker": "Kyrylo Budanov"}]}`,
		`{"text": "no id"}`,
		`{"id": "d5", "text": "Yusov said.", "reported_by": [{"speaker": "Andrii Yusov", "outlet": "Ukrainian News"}]}`,
	}, "\n")
	docs, errs := eval.ReadGold(strings.NewReader(in))

	var ids []string
	var lines []int
	for _, d := range docs {
		ids = append(ids, d.ID)
		lines = append(lines, d.Line)
	}
	if strings.Join(ids, ",") != "d1,d5" || len(lines) != 2 || lines[0] != 1 || lines[1] != 8 {
		t.Errorf("documents %v on lines %v, want d1 and d5 on lines 1 and 8", ids, lines)
	}
	if d := docs[0]; d.Date != "2024-01-21" || len(d.Entities) != 1 || d.Entities[0].Aliases[0] != "RF" || d.Document().Text != "Russia said." {
		t.Errorf("d1 read as %+v", d)
	}
	wantErrs := []string{"line 2: not a JSON object", `line 4: entity 1 ("Kyiv"): type "LOCATION"`, `line 5: id "d1" was already used on line 1`, "line 6: stated pair 1 needs", `line 7: no "id"`}
	if len(errs) != len(wantErrs) {
		t.Fatalf("errors %v, want %d", errs, len(wantErrs))
	}
	for i, err := range errs {
		if !strings.Contains(err.Error(), wantErrs[i]) || graph.ErrorCode(err) != graph.Invalid {
			t.Errorf("error %d = %v (%s), want an Invalid error containing %q", i, err, graph.ErrorCode(err), wantErrs[i])
		}
	}
}

func TestReadPredictionsReadsTheExtractionOutputShape(t *testing.T) {
	in := `{"id":"d1","entities":[{"type":"PERSON","name":"Kyrylo Budanov","mentions":[{"start":120,"end":134,"text":"Kyrylo Budanov"}]}],"statements":[{"speaker":"Kyrylo Budanov","about":["North Korea","Russia"],"reported_by":["Financial Times"],"cue":"said","text":"…","start":0,"end":98}]}
not json
{"id":"d2","entities":[],"statements":[]}`
	preds, errs := eval.ReadPredictions(strings.NewReader(in))
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "line 2") {
		t.Errorf("errors %v, want one for line 2", errs)
	}
	p, ok := preds["d1"]
	if !ok || len(preds) != 2 {
		t.Fatalf("predictions %+v, want d1 and d2", preds)
	}
	if m := p.Entities[0].Mentions[0]; m.Start != 120 || m.End != 134 {
		t.Errorf("mention %+v, want 120-134", m)
	}
	if s := p.Statements[0]; s.Speaker != "Kyrylo Budanov" || len(s.About) != 2 || s.ReportedBy[0] != "Financial Times" {
		t.Errorf("statement %+v", s)
	}
}

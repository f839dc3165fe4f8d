package eval_test

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/eval"
	"github.com/entitygraph/entitygraph/evalformat"
)

// russia is a gold entity with the aliases the scoring must accept.
var russia = eval.GoldEntity{Type: evalformat.Country, Name: "Russia", Aliases: []string{"RF", "Moscow", "the Kremlin"}}

func ent(typ, name string) evalformat.Entity { return evalformat.Entity{Type: typ, Name: name} }

func TestScoreCountsSetsPerDocument(t *testing.T) {
	budanov := eval.GoldEntity{Type: evalformat.Person, Name: "Kyrylo Budanov"}
	ft := eval.GoldEntity{Type: evalformat.Organization, Name: "Financial Times"}
	tests := []struct {
		name string
		gold eval.Gold
		pred evalformat.Output
		// want holds entities, speakers, stated, reported_by.
		want [4]eval.Counts
		// wantTypes holds PERSON, ORGANIZATION, COUNTRY.
		wantTypes [3]eval.Counts
	}{
		{
			name: "names fold case, accents, punctuation, possessive and a leading the",
			gold: eval.Gold{Entities: []eval.GoldEntity{
				{Type: evalformat.Person, Name: "José Ramos-Horta"},
				{Type: evalformat.Organization, Name: "Kremlin"},
				{Type: evalformat.Country, Name: "U.S."},
			}},
			pred: evalformat.Output{Entities: []evalformat.Entity{
				ent(evalformat.Person, "jose ramos horta"),
				ent(evalformat.Organization, "The Kremlin's"),
				ent(evalformat.Country, "US"),
			}},
			want:      [4]eval.Counts{{TP: 3}},
			wantTypes: [3]eval.Counts{{TP: 1}, {TP: 1}, {TP: 1}},
		},
		{
			name:      "an alias matches the gold entity, and two forms of one entity count once",
			gold:      eval.Gold{Entities: []eval.GoldEntity{russia}},
			pred:      evalformat.Output{Entities: []evalformat.Entity{ent(evalformat.Country, "RF"), ent(evalformat.Country, "Russia")}},
			want:      [4]eval.Counts{{TP: 1}},
			wantTypes: [3]eval.Counts{{}, {}, {TP: 1}},
		},
		{
			name: "a wrong type is a false positive of one type and a miss of the other",
			gold: eval.Gold{Entities: []eval.GoldEntity{{Type: evalformat.Organization, Name: "Defense Intelligence Directorate"}, budanov}},
			pred: evalformat.Output{Entities: []evalformat.Entity{
				ent(evalformat.Country, "Defense Intelligence Directorate"),
				ent(evalformat.Person, "Kyrylo Budanov"),
				ent(evalformat.Person, "Budanov"),
			}},
			want:      [4]eval.Counts{{TP: 1, FP: 2, FN: 1}},
			wantTypes: [3]eval.Counts{{TP: 1, FP: 1}, {FN: 1}, {FP: 1}},
		},
		{
			name: "aliases apply to speakers, abouts and outlets; a pair about its own speaker is dropped",
			gold: eval.Gold{
				Entities:   []eval.GoldEntity{russia, {Type: evalformat.Country, Name: "Ukraine"}, budanov, ft},
				Speakers:   []string{"Russia", "Kyrylo Budanov"},
				Stated:     []eval.Stated{{Speaker: "Russia", About: "Ukraine"}, {Speaker: "Kyrylo Budanov", About: "Russia"}},
				ReportedBy: []eval.Reported{{Speaker: "Kyrylo Budanov", Outlet: "Financial Times"}},
			},
			pred: evalformat.Output{Statements: []evalformat.Statement{
				{Speaker: "the Kremlin", About: []string{"Moscow", "Ukraine"}},
				{Speaker: "Kyrylo Budanov", About: []string{"RF"}, ReportedBy: []string{"the Financial Times"}},
				{Speaker: "Kyrylo Budanov", About: []string{"North Korea"}, ReportedBy: []string{"Reuters"}},
			}},
			want: [4]eval.Counts{
				{FN: 4},
				{TP: 2},
				{TP: 2, FP: 1},
				{TP: 1, FP: 1},
			},
			wantTypes: [3]eval.Counts{{FN: 1}, {FN: 1}, {FN: 2}},
		},
		{
			name: "a key the gold leaves out is not scored; an empty list means none",
			gold: eval.Gold{
				Entities: []eval.GoldEntity{budanov, ft},
				Speakers: []string{},
			},
			pred: evalformat.Output{Statements: []evalformat.Statement{
				{Speaker: "Kyrylo Budanov", About: []string{"Russia"}, ReportedBy: []string{"Financial Times"}},
			}},
			want:      [4]eval.Counts{{FN: 2}, {FP: 1}, {}, {}},
			wantTypes: [3]eval.Counts{{FN: 1}, {FN: 1}, {}},
		},
		{
			name: "a gold document without a prediction misses everything",
			gold: eval.Gold{
				Entities:   []eval.GoldEntity{budanov, ft},
				Speakers:   []string{"Kyrylo Budanov"},
				Stated:     []eval.Stated{{Speaker: "Kyrylo Budanov", About: "Kyrylo Budanov"}},
				ReportedBy: []eval.Reported{{Speaker: "Kyrylo Budanov", Outlet: "Financial Times"}},
			},
			want:      [4]eval.Counts{{FN: 2}, {FN: 1}, {}, {FN: 1}},
			wantTypes: [3]eval.Counts{{FN: 1}, {FN: 1}, {}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.gold.ID = "d1"
			preds := map[string]evalformat.Output{}
			if tt.pred.Entities != nil || tt.pred.Statements != nil {
				tt.pred.ID = "d1"
				preds["d1"] = tt.pred
			}
			rep := eval.Score([]eval.Gold{tt.gold}, preds)
			got := [4]eval.Counts{rep.Entities, rep.Speakers, rep.Stated, rep.ReportedBy}
			if got != tt.want {
				t.Errorf("entities, speakers, stated, reported_by = %+v, want %+v\nerrors: %+v", got, tt.want, rep.Errors)
			}
			gotTypes := [3]eval.Counts{rep.EntityTypes[evalformat.Person], rep.EntityTypes[evalformat.Organization], rep.EntityTypes[evalformat.Country]}
			if gotTypes != tt.wantTypes {
				t.Errorf("per type = %+v, want %+v", gotTypes, tt.wantTypes)
			}
		})
	}
}

func TestScoreSumsOverDocumentsAndListsErrors(t *testing.T) {
	gold := []eval.Gold{
		{ID: "a", Entities: []eval.GoldEntity{russia, {Type: evalformat.Person, Name: "Andrii Yusov"}}},
		{ID: "b", Entities: []eval.GoldEntity{russia}},
		{ID: "c", Entities: []eval.GoldEntity{{Type: evalformat.Country, Name: "Japan"}}},
	}
	preds := map[string]evalformat.Output{
		"a":     {ID: "a", Entities: []evalformat.Entity{ent(evalformat.Country, "Russia"), ent(evalformat.Organization, "Yusov")}},
		"b":     {ID: "b", Entities: []evalformat.Entity{ent(evalformat.Country, "Moscow")}},
		"other": {ID: "other", Entities: []evalformat.Entity{ent(evalformat.Country, "Chile")}},
	}
	rep := eval.Score(gold, preds)
	if want := (eval.Counts{TP: 2, FP: 1, FN: 2}); rep.Entities != want {
		t.Errorf("entities = %+v, want %+v", rep.Entities, want)
	}
	if rep.Documents != 3 || len(rep.Unpredicted) != 1 || rep.Unpredicted[0] != "c" {
		t.Errorf("documents %d, unpredicted %v; want 3 and [c]", rep.Documents, rep.Unpredicted)
	}
	want := []eval.DocumentErrors{
		{ID: "a", Misses: []eval.Item{{Category: "entity", Value: "PERSON Andrii Yusov"}}, Extras: []eval.Item{{Category: "entity", Value: "ORGANIZATION Yusov"}}},
		{ID: "c", Misses: []eval.Item{{Category: "entity", Value: "COUNTRY Japan"}}},
	}
	if got, _ := json.Marshal(rep.Errors); string(got) != mustJSON(t, want) {
		t.Errorf("errors = %s\nwant %s", got, mustJSON(t, want))
	}

	var out bytes.Buffer
	if err := rep.WriteText(&out); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"gold documents: 3 (without a prediction: c)", "missed entity PERSON Andrii Yusov", "extra entity ORGANIZATION Yusov"} {
		if !strings.Contains(collapse(out.String()), line) {
			t.Errorf("text report lacks %q:\n%s", line, out.String())
		}
	}
	if !strings.Contains(collapse(out.String()), "entities 4 3 2 1 2 0.667 0.500 0.571") {
		t.Errorf("text report lacks the entities row (gold 4, predicted 3, 2 1 2):\n%s", out.String())
	}
}

func TestCountsScores(t *testing.T) {
	tests := []struct {
		c       eval.Counts
		p, r, f float64
	}{
		{eval.Counts{TP: 3, FP: 1, FN: 2}, 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35},
		{eval.Counts{FN: 2}, 0, 0, 0},
		{eval.Counts{}, 0, 0, 0},
	}
	for _, tt := range tests {
		if p, r, f := tt.c.Precision(), tt.c.Recall(), tt.c.F1(); !near(p, tt.p) || !near(r, tt.r) || !near(f, tt.f) {
			t.Errorf("%+v: P %.4f R %.4f F1 %.4f, want %.4f %.4f %.4f", tt.c, p, r, f, tt.p, tt.r, tt.f)
		}
	}
	got, err := json.Marshal(eval.Counts{TP: 3, FP: 1, FN: 2})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"tp":3,"fp":1,"fn":2,"precision":0.75,"recall":0.6,"f1":0.6667}`; string(got) != want {
		t.Errorf("JSON %s, want %s", got, want)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// collapse turns runs of spaces into one, so tests do not depend on the
// table's column widths.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

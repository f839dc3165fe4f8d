package graph

import "testing"

func TestAnswersAcross(t *testing.T) {
	ref := func(id string) EntityRef { return EntityRef{ID: id} }
	refs := func(ids ...string) []EntityRef {
		out := []EntityRef{}
		for _, id := range ids {
			out = append(out, ref(id))
		}
		return out
	}
	denial := Statement{ID: "d", DocumentID: "doc-b", Date: "2024-06-12", Speaker: ref("country:russia"), About: refs(), Cue: "rejected",
		Text: "Russia rejected the claim that its drones struck the grain terminal in Izmail."}
	claim := Statement{ID: "c", DocumentID: "doc-a", Date: "2024-06-10", Speaker: ref("person:dmytro-kuleba"), About: refs("country:russia", "country:egypt"),
		Text: "Ukrainian Foreign Minister Dmytro Kuleba said Russia had struck the grain terminal in Izmail with drones overnight."}
	with := func(f func(c *Statement)) Statement {
		c := claim
		c.About = append([]EntityRef(nil), claim.About...)
		f(&c)
		return c
	}
	tests := []struct {
		name  string
		claim Statement
		want  bool
	}{
		{"the claim it answers", claim, true},
		{"a month's date overlapping the window", with(func(c *Statement) { c.Date = "2024-06" }), true},
		{"in the denial's own document (Answers' case)", with(func(c *Statement) { c.DocumentID = "doc-b" }), false},
		{"by the denier", with(func(c *Statement) { c.Speaker = ref("country:russia") }), false},
		{"not about the denier", with(func(c *Statement) { c.About = refs("country:egypt") }), false},
		{"after the denial", with(func(c *Statement) { c.Date = "2024-06-13" }), false},
		{"before the window", with(func(c *Statement) { c.Date = "2024-05-01" }), false},
		{"undated", with(func(c *Statement) { c.Date = "" }), false},
		{"a denial itself", with(func(c *Statement) { c.Text = "Kuleba denied that drones struck the grain terminal in Izmail." }), false},
		// Two words in common are not enough, nor are the names.
		{"about something else", with(func(c *Statement) { c.Text = "Kuleba said Russia had struck Odesa with drones and missiles." }), false},
		{"sharing only names", with(func(c *Statement) { c.Text = "Kuleba said Russia and Egypt met in Izmail on Monday." }), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AnswersAcross(denial, tt.claim); got != tt.want {
				t.Errorf("AnswersAcross = %v, want %v", got, tt.want)
			}
		})
	}
	// A denial about the one who accused it: the accuser may be the
	// claim's speaker rather than what it is about.
	d := denial
	d.About = refs("person:dmytro-kuleba")
	if !AnswersAcross(d, claim) {
		t.Errorf("a denial about the claim's speaker does not answer the claim")
	}
	d.About = refs("country:lithuania")
	if AnswersAcross(d, claim) {
		t.Errorf("a denial about an entity the claim does not name answers it")
	}
	if _, ok := AcrossQuery(Statement{Speaker: ref("country:russia")}); ok {
		t.Errorf("an undated denial has a window to read")
	}
	q, _ := AcrossQuery(denial)
	if q.About != "country:russia" || q.Time != (TimeRange{From: "2024-05-12", To: "2024-06-12"}) {
		t.Errorf("AcrossQuery = %+v, want the statements about Russia from 2024-05-12 to 2024-06-12", q)
	}
}

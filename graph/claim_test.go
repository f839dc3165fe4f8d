package graph

import "testing"

func TestClaimOf(t *testing.T) {
	budanov := EntityRef{ID: "person:kyrylo-budanov"}
	yusov := EntityRef{ID: "person:andrii-yusov"}
	nk, ru := EntityRef{ID: "country:north-korea"}, EntityRef{ID: "country:russia"}
	ft, reuters := EntityRef{ID: "organization:financial-times"}, EntityRef{ID: "organization:reuters"}
	st := func(speaker EntityRef, text, quote string, about []EntityRef, outlets ...EntityRef) Statement {
		return Statement{Speaker: speaker, Text: text, Quote: quote, About: about, ReportedBy: outlets}
	}
	quoted := st(budanov, `"They really handed over a lot of shells," Budanov told the Financial Times.`, "They really handed over a lot of shells", []EntityRef{nk}, ft)
	for _, c := range []struct {
		name string
		a, b Statement
		same bool
	}{
		{"the same quote in other words around it, case and punctuation",
			quoted, st(budanov, `Budanov told Reuters: "they really handed over a lot of SHELLS!"`, "they really handed over a lot of SHELLS!", []EntityRef{nk, ru}, reuters), true},
		{"the same quote by another speaker", quoted, st(yusov, quoted.Text, quoted.Quote, []EntityRef{nk}, ft), false},
		{"another quote", quoted, st(budanov, quoted.Text, "They handed over a lot of rockets", []EntityRef{nk}, ft), false},
		{"the same content words, told to another outlet",
			st(budanov, "Budanov told Reuters that North Korea sent shells to Russia.", "", []EntityRef{nk, ru}, reuters),
			st(budanov, "North Korea sent shells to Russia, Budanov said in an interview with the Financial Times.", "", []EntityRef{ru, nk}, ft), true},
		{"the same words about other entities",
			st(budanov, "Budanov said North Korea sent shells to Russia.", "", []EntityRef{nk, ru}),
			st(budanov, "Budanov said North Korea sent shells to Russia.", "", []EntityRef{nk}), false},
		{"reworded", st(budanov, "Budanov said North Korea sent shells to Russia.", "", []EntityRef{nk, ru}),
			st(budanov, "Budanov said North Korea shipped artillery rounds to Russia.", "", []EntityRef{nk, ru}), false},
	} {
		a, b := ClaimOf(c.a), ClaimOf(c.b)
		if a == "" || b == "" {
			t.Errorf("%s: no claim (%q, %q)", c.name, a, b)
			continue
		}
		if (a == b) != c.same {
			t.Errorf("%s: claims %s and %s, same = %v, want %v", c.name, a, b, a == b, c.same)
		}
	}
	if c := ClaimOf(st(budanov, "Budanov said so.", "", nil)); c != "" {
		t.Errorf("a statement of fewer than %d content words makes claim %s, want none", MinClaimWords, c)
	}
	if c := ClaimOf(st(EntityRef{}, quoted.Text, quoted.Quote, nil)); c != "" {
		t.Errorf("an unattributed statement makes claim %s, want none", c)
	}
}

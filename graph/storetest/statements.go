package storetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

func mustRange(t *testing.T, from, to string) graph.TimeRange {
	t.Helper()
	tr, err := graph.NewTimeRange(from, to)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func testFacts(t *testing.T, s graph.Store, sd seedData) {
	budanovAll := sd.ids("budanov-search", "budanov-supplier", "budanov-ammunition", "note-kremlin")
	budanov2024 := sd.ids("budanov-search", "budanov-supplier", "budanov-ammunition")
	affiliated := graph.Relation{Type: graph.RelAffiliatedWith, Source: Budanov, Target: DefenseIntel, Role: "head of"}
	tests := []struct {
		name          string
		ids           []string
		from, to      string
		wantStatement []string
		wantRelations []graph.Relation
	}{
		{"speaker, any time", []string{Budanov}, "", "", budanovAll, []graph.Relation{affiliated}},
		{"speaker, one month (the undated note is out)", []string{Budanov}, "2024-01", "2024-01", budanov2024, []graph.Relation{affiliated}},
		{"speaker, open range after his statements", []string{Budanov}, "2024-02", "", nil, []graph.Relation{affiliated}},
		{"about entity, any time", []string{Russia}, "", "",
			sd.ids("budanov-search", "budanov-supplier", "budanov-ammunition", "yusov-missiles", "seoul-shells", "note-kremlin"), nil},
		{"about entity, a year", []string{Russia}, "2024", "2024",
			sd.ids("budanov-search", "budanov-supplier", "budanov-ammunition", "yusov-missiles"), nil},
		// A statement dated 2024-01 overlaps days in January; one dated
		// 2024-02-03 is after the range.
		{"about entity, days overlapping a month", []string{Russia}, "2024-01-20", "2024-02-01", budanov2024, nil},
		{"about entity, up to a day", []string{Russia}, "", "2023-11-30", sd.ids("seoul-shells"), nil},
		{"outlet", []string{FinancialTimes}, "", "", budanov2024, nil},
		{"several ids", []string{Kremlin, SouthKorea}, "", "", sd.ids("note-kremlin"),
			[]graph.Relation{{Type: graph.RelBasedIn, Source: SouthKoreanInt, Target: SouthKorea}}},
		{"relation target", []string{MainIntel}, "", "", nil,
			[]graph.Relation{{Type: graph.RelAffiliatedWith, Source: Yusov, Target: MainIntel, Role: "representative of"}}},
		{"unknown id", []string{"person:nobody"}, "", "", nil, nil},
		{"no ids", nil, "", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := s.Facts(t.Context(), tt.ids, mustRange(t, tt.from, tt.to))
			if err != nil {
				t.Fatalf("Facts: %v", err)
			}
			var got []string
			for _, l := range f.Statements {
				got = append(got, l.ID)
			}
			equal(t, "statement ids", sorted(got...), sorted(tt.wantStatement...))
			equal(t, "relations", relationSet(f.Relations), relationSet(tt.wantRelations))
		})
	}

	// Each link carries what traversals need.
	f, err := s.Facts(t.Context(), []string{NorthKorea}, graph.TimeRange{})
	if err != nil {
		t.Fatalf("Facts: %v", err)
	}
	want := map[string]graph.StatementLink{}
	for _, x := range sd.extractions {
		for _, st := range x.Statements {
			want[st.ID] = graph.StatementLink{ID: st.ID, Speaker: st.Speaker.ID, About: refIDs(st.About),
				ReportedBy: refIDs(st.ReportedBy), Date: x.Document.Date, Text: st.Text}
		}
	}
	if len(f.Statements) != 4 {
		t.Errorf("Facts(North Korea) has %d statements, want 4", len(f.Statements))
	}
	for _, l := range f.Statements {
		equal(t, "statement link "+l.ID, l, want[l.ID])
	}
}

// relationSet returns relations without their document, sorted and
// deduplicated: a relation two documents state is one fact.
func relationSet(rs []graph.Relation) []string {
	set := []string{}
	for _, r := range rs {
		set = append(set, fmt.Sprintf("%s %s->%s (%s)", r.Type, r.Source, r.Target, r.Role))
	}
	slices.Sort(set)
	return slices.Compact(set)
}

func refIDs(refs []graph.EntityRef) []string {
	ids := []string{}
	for _, r := range refs {
		ids = append(ids, r.ID)
	}
	return ids
}

// testFactsManyIDs asks for facts around thousands of ids at once, as a
// deep neighborhood or an export does.
func testFactsManyIDs(t *testing.T, s graph.Store, sd seedData) {
	ids := []string{Budanov}
	for i := range 3000 {
		ids = append(ids, fmt.Sprintf("person:nobody-%d", i))
	}
	ids = append(ids, SouthKorea)
	f, err := s.Facts(t.Context(), ids, graph.TimeRange{})
	if err != nil {
		t.Fatalf("Facts(3002 ids): %v", err)
	}
	if len(f.Statements) != 4 || len(relationSet(f.Relations)) != 2 {
		t.Errorf("Facts(3002 ids) = %d statements, %d relations; want 4 and 2", len(f.Statements), len(relationSet(f.Relations)))
	}
}

func testStatements(t *testing.T, s graph.Store, sd seedData) {
	// By date, then id; undated last.
	jan := sorted(sd.ids("budanov-search", "budanov-supplier", "budanov-ammunition")...)
	all := slices.Concat(sd.ids("seoul-shells"), jan, sd.ids("yusov-missiles", "note-kremlin"))
	tests := []struct {
		name string
		q    graph.StatementQuery
		want []string
	}{
		{"all", graph.StatementQuery{}, all},
		{"speaker", graph.StatementQuery{Speaker: Budanov}, slices.Concat(jan, sd.ids("note-kremlin"))},
		{"about", graph.StatementQuery{About: NorthKorea}, slices.Concat(sd.ids("seoul-shells"), sorted(sd.ids("budanov-supplier", "budanov-ammunition")...), sd.ids("yusov-missiles"))},
		{"outlet", graph.StatementQuery{Outlet: UkrainianNews}, sd.ids("yusov-missiles")},
		{"an outlet is not what a statement is about", graph.StatementQuery{About: FinancialTimes}, []string{}},
		{"document", graph.StatementQuery{Document: DocSeoul}, sd.ids("seoul-shells")},
		{"time range", graph.StatementQuery{Time: mustRange(t, "2024-02", "")}, sd.ids("yusov-missiles")},
		{"speaker and time range", graph.StatementQuery{Speaker: Budanov, Time: mustRange(t, "2024", "2024")}, jan},
		{"speaker and about", graph.StatementQuery{Speaker: Budanov, About: Kremlin}, sd.ids("note-kremlin")},
		{"speaker and outlet", graph.StatementQuery{Speaker: Yusov, Outlet: FinancialTimes}, []string{}},
		{"unknown speaker", graph.StatementQuery{Speaker: "person:nobody"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s.Statements(t.Context(), tt.q)
			if err != nil {
				t.Fatalf("Statements: %v", err)
			}
			equal(t, "statement ids", statementIDs(p.Statements), tt.want)
			for _, st := range p.Statements {
				one, err := s.Statement(t.Context(), st.ID)
				if err != nil {
					t.Fatal(err)
				}
				equal(t, "listed statement "+st.ID, st, one)
			}
		})
	}
}

func testStatementsPaging(t *testing.T, s graph.Store, sd seedData) {
	full, err := s.Statements(t.Context(), graph.StatementQuery{})
	if err != nil {
		t.Fatalf("Statements: %v", err)
	}
	for _, size := range []int{1, 2, 5} {
		got := pages(t, func(token string) ([]string, string, error) {
			p, err := s.Statements(t.Context(), graph.StatementQuery{Page: graph.PageRequest{Size: size, Token: token}})
			return statementIDs(p.Statements), p.NextPageToken, err
		})
		equal(t, fmt.Sprintf("statements in pages of %d", size), got, statementIDs(full.Statements))
	}
	_, err = s.Statements(t.Context(), graph.StatementQuery{Page: graph.PageRequest{Size: graph.MaxPageSize + 1}})
	wantCode(t, "page size over the cap", err, graph.Invalid, "page_size")
}

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

func testStatementsAround(t *testing.T, s graph.Store, sd seedData) {
	budanovAll := sd.ids("budanov-search", "budanov-supplier", "budanov-ammunition", "note-kremlin")
	budanov2024 := sd.ids("budanov-search", "budanov-supplier", "budanov-ammunition")
	tests := []struct {
		name          string
		ids           []string
		from, to      string
		wantStatement []string
	}{
		{"speaker, any time", []string{Budanov}, "", "", budanovAll},
		{"speaker, one month (the undated note is out)", []string{Budanov}, "2024-01", "2024-01", budanov2024},
		{"speaker, open range after his statements", []string{Budanov}, "2024-02", "", nil},
		{"about entity, any time", []string{Russia}, "", "",
			sd.ids("budanov-search", "budanov-supplier", "budanov-ammunition", "yusov-missiles", "seoul-shells", "note-kremlin")},
		{"about entity, a year", []string{Russia}, "2024", "2024",
			sd.ids("budanov-search", "budanov-supplier", "budanov-ammunition", "yusov-missiles")},
		// A statement dated 2024-01 overlaps days in January; one dated
		// 2024-02-03 is after the range.
		{"about entity, days overlapping a month", []string{Russia}, "2024-01-20", "2024-02-01", budanov2024},
		{"about entity, up to a day", []string{Russia}, "", "2023-11-30", sd.ids("seoul-shells")},
		{"outlet", []string{FinancialTimes}, "", "", budanov2024},
		{"several ids", []string{Kremlin, SouthKorea}, "", "", sd.ids("note-kremlin")},
		{"unknown id", []string{"person:nobody"}, "", "", nil},
	}
	want := map[string]graph.StatementLink{}
	for _, x := range sd.extractions {
		for _, st := range x.Statements {
			want[st.ID] = graph.StatementLink{ID: st.ID, Speaker: st.Speaker.ID, About: refIDs(st.About),
				ReportedBy: refIDs(st.ReportedBy), Date: x.Document.Date, Text: st.Text, Quote: st.Quote}
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := mustRange(t, tt.from, tt.to)
			lists, err := s.StatementsAround(t.Context(), tt.ids, 100, tr)
			if err != nil {
				t.Fatalf("StatementsAround: %v", err)
			}
			counts, err := s.StatementCounts(t.Context(), tt.ids, tr)
			if err != nil {
				t.Fatalf("StatementCounts: %v", err)
			}
			var got []string
			for i, list := range lists {
				if counts[i] != len(list) {
					t.Errorf("%s: StatementCounts %d, StatementsAround gives %d", tt.ids[i], counts[i], len(list))
				}
				if !slices.IsSortedFunc(list, func(a, b graph.StatementLink) int { return graph.SampleOrder(a.Date, a.ID, b.Date, b.ID) }) {
					t.Errorf("%s: statements not newest first: %v", tt.ids[i], list)
				}
				for _, l := range list {
					got = append(got, l.ID)
					equal(t, "statement link "+l.ID, l, want[l.ID])
				}
			}
			equal(t, "statement ids", sorted(slices.Compact(sorted(got...))...), sorted(tt.wantStatement...))
		})
	}
	// k bounds each list, keeping the newest.
	lists, err := s.StatementsAround(t.Context(), []string{Russia}, 2, graph.TimeRange{})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Russia's two newest", statementLinkIDs(lists[0]), slices.Concat(sd.ids("yusov-missiles"), sorted(budanov2024...)[:1]))
}

func statementLinkIDs(list []graph.StatementLink) []string {
	ids := []string{}
	for _, l := range list {
		ids = append(ids, l.ID)
	}
	return ids
}

func refIDs(refs []graph.EntityRef) []string {
	ids := []string{}
	for _, r := range refs {
		ids = append(ids, r.ID)
	}
	return ids
}

func testStatements(t *testing.T, s graph.Store, sd seedData) {
	// Newest first, then by id; undated last.
	jan := sorted(sd.ids("budanov-search", "budanov-supplier", "budanov-ammunition")...)
	all := slices.Concat(sd.ids("yusov-missiles"), jan, sd.ids("seoul-shells", "note-kremlin"))
	tests := []struct {
		name string
		q    graph.StatementQuery
		want []string
	}{
		{"all", graph.StatementQuery{}, all},
		{"speaker", graph.StatementQuery{Speaker: Budanov}, slices.Concat(jan, sd.ids("note-kremlin"))},
		{"about", graph.StatementQuery{About: NorthKorea}, slices.Concat(sd.ids("yusov-missiles"), sorted(sd.ids("budanov-supplier", "budanov-ammunition")...), sd.ids("seoul-shells"))},
		{"speaker and outlet, newest first", graph.StatementQuery{Speaker: Budanov, Outlet: FinancialTimes}, jan},
		{"about and outlet", graph.StatementQuery{About: NorthKorea, Outlet: FinancialTimes}, sorted(sd.ids("budanov-supplier", "budanov-ammunition")...)},
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

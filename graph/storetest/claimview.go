package storetest

import (
	"slices"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// The statement view draws the reports of a claim reported more than
// once as one claim node whose edges count all its reports within the
// time range (see graph.statementNeighborhood), on every store: the
// stores give StatementsAround the quote that ClaimOf reads, and count
// the claim's reports in the tally layer.

const (
	reuters      = "organization:reuters"
	dailyLedger  = "organization:daily-ledger"
	shellsQuote  = `"North Korea sent a million shells to Russia,"`
	claimSpeaker = Budanov
)

// claimViewDocs returns three reports of one claim of Budanov's (the same
// quoted words in three different sentences: only the quote rule makes
// them one claim) in three documents, and one statement of his that
// makes a claim of its own, reported once. It returns the extractions and
// the ids of the reports, oldest first, and of the lone statement.
func claimViewDocs() ([]*graph.Extraction, []string, string) {
	var xs []*graph.Extraction
	var reports []string
	var lone string
	for _, d := range []struct{ id, date, text string }{
		{"claim-wire", "2024-03-01", shellsQuote + ` Kyrylo Budanov told Reuters on Friday.`},
		{"claim-ledger", "2024-03-04", shellsQuote + ` said Kyrylo Budanov in an interview with the Daily Ledger. Kyrylo Budanov said the Kremlin plans a new offensive in the spring.`},
		{"claim-later", "2024-04-10", `Repeating his words, Kyrylo Budanov told Reuters again: ` + shellsQuote + ` he added.`},
	} {
		b := newDoc(graph.Document{ID: d.id, Date: d.date, Text: d.text})
		b.entity(graph.KindPerson, "Kyrylo Budanov", []string{"Budanov"}, "Kyrylo Budanov")
		b.entity(graph.KindCountry, "North Korea", nil, "North Korea")
		b.entity(graph.KindCountry, "Russia", nil, "Russia")
		outlet := reuters
		if d.id == "claim-ledger" {
			outlet = dailyLedger
			b.entity(graph.KindOrganization, "Daily Ledger", nil, "Daily Ledger")
			b.entity(graph.KindOrganization, "Kremlin", nil, "Kremlin")
		} else {
			b.entity(graph.KindOrganization, "Reuters", nil, "Reuters")
		}
		sentence := d.text
		if d.id == "claim-ledger" {
			sentence = shellsQuote + ` said Kyrylo Budanov in an interview with the Daily Ledger.`
		}
		reports = append(reports, b.statement(sentence, "said", Budanov, []string{NorthKorea, Russia}, []string{outlet}))
		if d.id == "claim-ledger" {
			lone = b.statement(`Kyrylo Budanov said the Kremlin plans a new offensive in the spring.`, "said", Budanov,
				[]string{Kremlin}, []string{dailyLedger})
		}
		xs = append(xs, b.x)
	}
	return xs, reports, lone
}

func testStatementViewClaims(t *testing.T, s graph.Store) {
	xs, reports, lone := claimViewDocs()
	Write(t, s, xs...)
	claim := graph.ClaimOf(xs[0].Statements[0])
	if claim == "" || graph.ClaimOf(xs[2].Statements[0]) != claim || graph.ClaimOf(xs[1].Statements[1]) == claim {
		t.Fatalf("fixture: the three reports must make one claim and the lone statement another")
	}
	edge := func(typ graph.RelType, source, target string, sample []string, count int) string {
		return edgeSummary(graph.Edge{Type: typ, Source: source, Target: target, Statements: sample, Count: count})
	}
	newest := []string{reports[2], reports[1], reports[0]}
	tests := []struct {
		name     string
		q        graph.NeighborhoodQuery
		nodes    map[string]graph.Kind
		reports  int // the claim node's
		edges    []string
		omitted  int // Budanov's
		notDrawn []string
	}{
		{"every report in the answer", graph.NeighborhoodQuery{View: graph.ViewStatements},
			map[string]graph.Kind{claim: graph.KindClaim, lone: graph.KindStatement}, 3,
			[]string{
				edge(graph.RelStated, Budanov, claim, newest, 3),
				edge(graph.RelAbout, claim, NorthKorea, newest, 3),
				edge(graph.RelAbout, claim, Russia, newest, 3),
				edge(graph.RelReportedBy, claim, reuters, []string{reports[2], reports[0]}, 2),
				edge(graph.RelReportedBy, claim, dailyLedger, []string{reports[1]}, 1),
				edge(graph.RelStated, Budanov, lone, []string{lone}, 1),
			}, 0, reports},
		// The limit keeps the newest report only: the claim node still
		// counts all three, and only the lone statement is left out.
		{"one report in the answer", graph.NeighborhoodQuery{View: graph.ViewStatements, Limit: 2},
			map[string]graph.Kind{claim: graph.KindClaim}, 3,
			[]string{edge(graph.RelStated, Budanov, claim, []string{reports[2]}, 3)}, 1, reports},
		{"a range with two reports", graph.NeighborhoodQuery{View: graph.ViewStatements, Time: mustRange(t, "2024-03-02", "2024-04")},
			map[string]graph.Kind{claim: graph.KindClaim, lone: graph.KindStatement}, 2,
			[]string{
				edge(graph.RelStated, Budanov, claim, []string{reports[2], reports[1]}, 2),
				edge(graph.RelReportedBy, claim, reuters, []string{reports[2]}, 1),
			}, 0, reports},
		// Reported once within the range, the claim is its statement.
		{"a range with one report", graph.NeighborhoodQuery{View: graph.ViewStatements, Time: mustRange(t, "2024-04", "2024-04")},
			map[string]graph.Kind{reports[2]: graph.KindStatement}, 0,
			[]string{edge(graph.RelStated, Budanov, reports[2], []string{reports[2]}, 1)}, 0, []string{claim}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := graph.Neighborhood(t.Context(), s, claimSpeaker, tt.q)
			if err != nil {
				t.Fatalf("Neighborhood: %v", err)
			}
			byID := map[string]graph.Node{}
			for _, n := range g.Nodes {
				byID[n.ID] = n
			}
			for id, kind := range tt.nodes {
				if byID[id].Kind != kind {
					t.Errorf("node %s: kind %q, want %q (nodes %v)", id, byID[id].Kind, kind, nodeIDs(g.Nodes))
				}
			}
			if n := byID[claim]; n.Reports != tt.reports {
				t.Errorf("claim node reports %d, want %d", n.Reports, tt.reports)
			}
			for _, id := range tt.notDrawn {
				if _, ok := byID[id]; ok {
					t.Errorf("%s is a node of its own; want it folded", id)
				}
			}
			got := edgeSummaries(g.Edges)
			for _, e := range tt.edges {
				if !slices.Contains(got, e) {
					t.Errorf("lacks edge %s; has %v", e, got)
				}
			}
			if n := byID[Budanov]; n.Omitted != tt.omitted || g.Truncated != (tt.omitted > 0) {
				t.Errorf("Budanov omitted %d, truncated %v; want %d", n.Omitted, g.Truncated, tt.omitted)
			}
		})
	}
	// An export of the whole statement view folds them too.
	g, err := graph.WholeGraph(t.Context(), s, graph.NeighborhoodQuery{View: graph.ViewStatements})
	if err != nil {
		t.Fatalf("WholeGraph: %v", err)
	}
	var claims []graph.Node
	for _, n := range g.Nodes {
		if n.Kind == graph.KindClaim {
			claims = append(claims, n)
		}
		if slices.Contains(reports, n.ID) {
			t.Errorf("export: report %s is a node of its own", n.ID)
		}
	}
	if len(claims) != 1 || claims[0].ID != claim || claims[0].Reports != 3 {
		t.Errorf("export: claim nodes %+v, want %s with 3 reports", claims, claim)
	}
}

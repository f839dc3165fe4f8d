package api

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/internal/teststores"
)

// reprint returns a copy of x as another outlet's article of a later date
// carries it: the same statements, in a document of its own.
func reprint(x *graph.Extraction, id, date string) *graph.Extraction {
	y := *x
	y.Document.ID, y.Document.Date = id, date
	y.Statements = nil
	for _, st := range x.Statements {
		st.DocumentID = id
		st.ID = graph.StatementID(id, st.Start, st.End, st.Speaker.ID)
		st.Date = date
		y.Statements = append(y.Statements, st)
	}
	return &y
}

func TestClaims(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		store := open(t)
		f := seedFixture(t)
		f.load(t, store)
		var ft *graph.Extraction
		for _, x := range f.extractions {
			for _, st := range x.Statements {
				if st.ID == f.budanovSearch {
					ft = x
				}
			}
		}
		if _, err := store.WriteExtraction(context.Background(), reprint(ft, "reprint-1", "2024-03-02")); err != nil {
			t.Fatal(err)
		}
		c := newClient(t, Config{Store: store, Version: "test"})
		page := decode[struct {
			Claims []claimSummary `json:"claims"`
		}](t, c.get("/api/v1/claims?speaker="+budanov))
		if len(page.Claims) != len(ft.Statements) {
			t.Fatalf("Budanov's claims reported twice: %d, want one per statement of the reprinted article (%d): %+v", len(page.Claims), len(ft.Statements), page.Claims)
		}
		for _, cl := range page.Claims {
			if cl.Reports != 2 || cl.Speaker.ID != budanov || cl.First.DocumentID != ft.Document.ID {
				t.Errorf("claim %+v: want 2 reports by Budanov, first in %s", cl, ft.Document.ID)
			}
		}
		// One claim: its reports oldest first, each statement saying so.
		type reportsJSON struct {
			Claim      claimSummary      `json:"claim"`
			Statements []graph.Statement `json:"statements"`
		}
		one := decode[reportsJSON](t, c.get("/api/v1/claims/"+page.Claims[0].ID))
		if len(one.Statements) != 2 || one.Statements[0].DocumentID != ft.Document.ID || one.Statements[1].DocumentID != "reprint-1" {
			t.Errorf("the reports of %s: %+v, want the first article's, then the reprint's", page.Claims[0].ID, one.Statements)
		}
		for _, st := range one.Statements {
			if st.Claim != page.Claims[0].ID || st.Reports != 2 {
				t.Errorf("report %s says claim %q with %d reports, want %s with 2", st.ID, st.Claim, st.Reports, page.Claims[0].ID)
			}
		}
		// The statement view draws each claim as one node whose STATED
		// edge counts its reports, and so do its exports.
		sg := decode[graph.Subgraph](t, c.get("/api/v1/entities/"+budanov+"/neighborhood?view=statements"))
		for _, cl := range page.Claims {
			if n, ok := findNode(sg, cl.ID); !ok || n.Kind != graph.KindClaim || n.Reports != 2 {
				t.Errorf("view=statements: claim %s as node %+v (found %v), want a claim node with 2 reports", cl.ID, n, ok)
			}
			if e, ok := findEdge(sg, graph.RelStated, budanov, cl.ID); !ok || e.Count != 2 {
				t.Errorf("view=statements: STATED edge to claim %s: %+v (found %v), want count 2", cl.ID, e, ok)
			}
		}
		for _, n := range sg.Nodes {
			if n.Kind != graph.KindStatement {
				continue
			}
			claim := graph.ClaimOf(statementOf(t, c, n.ID))
			if slices.ContainsFunc(page.Claims, func(cl claimSummary) bool { return cl.ID == claim }) {
				t.Errorf("view=statements: report %s of a claim reported twice is a node of its own", n.ID)
			}
		}
		rec := c.get("/api/v1/export?format=graphml&view=statements&entity=" + budanov)
		if want := `<data key="reports">2</data>`; rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("GraphML export of the statement view: %d, want %s in\n%s", rec.Code, want, rec.Body.String())
		}
		// A claim reported once is not listed unless asked for.
		about := decode[struct {
			Claims []claimSummary `json:"claims"`
		}](t, c.get("/api/v1/claims?speaker="+yusov+"&min_reports=1"))
		if len(about.Claims) != 1 || about.Claims[0].Reports != 1 {
			t.Errorf("Yusov's claims with min_reports=1: %+v, want his one statement", about.Claims)
		}
		both := decode[struct {
			Claims []claimSummary `json:"claims"`
		}](t, c.get("/api/v1/claims?speaker="+budanov+"&about="+northKorea))
		if len(both.Claims) == 0 || len(both.Claims) >= len(page.Claims)+1 {
			t.Errorf("Budanov's claims about North Korea: %d", len(both.Claims))
		}
		wantProblem(t, c.get("/api/v1/claims/claim_0000000000000000"), http.StatusNotFound, "")
		wantProblem(t, c.get("/api/v1/claims?min_reports=0"), http.StatusBadRequest, "min_reports")
	})
}

// statementOf reads one statement through the API.
func statementOf(t *testing.T, c *client, id string) graph.Statement {
	t.Helper()
	return decode[graph.Statement](t, c.get("/api/v1/statements/"+id))
}

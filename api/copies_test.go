package api

import (
	"bufio"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/internal/teststores"
)

// labelledStory returns the documents of one story of the labelled set
// of syndicated copies, as JSON bodies, by id.
func labelledStory(t *testing.T, story string) map[string]string {
	t.Helper()
	f, err := os.Open("../testdata/dedupe/labelled.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d struct {
			ID, Story string
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		if d.Story == story {
			out[d.ID] = sc.Text()
		}
	}
	return out
}

// TestPostedCopiesFoldIntoTheFirstReport posts a wire story as three
// outlets ran it, a later one first, in separate requests: the later
// reports fold into the first one, whose statements every outlet
// reports, and a copy's address answers with the document it is a copy
// of.
func TestPostedCopiesFoldIntoTheFirstReport(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	story := labelledStory(t, "drones")
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c := newClient(t, Config{Store: open(t), Extractor: x})
		var results []graph.WriteResult
		for _, id := range []string{"drones-harbour", "drones-wire", "drones-ledger"} {
			rec := c.postJSON("/api/v1/documents", story[id])
			wantStatus(t, rec, http.StatusCreated)
			results = append(results, decode[graph.WriteResult](t, rec))
		}
		// The harbour edition came a day later: the wire, posted after
		// it, takes its place; the ledger, the same day as the wire,
		// comes first by id and takes the wire's.
		if results[0].CopyOf != "" || results[1].CopyOf != "" || results[2].CopyOf != "" || results[2].Statements == 0 {
			t.Errorf("each report is the first so far when posted: %+v", results)
		}
		rec := c.postJSON("/api/v1/documents", story["drones-wire"])
		wantStatus(t, rec, http.StatusOK)
		if res := decode[graph.WriteResult](t, rec); !res.Unchanged || res.CopyOf != "drones-ledger" {
			t.Errorf("the wire posted again: %+v, want unchanged, a copy of drones-ledger", res)
		}

		rec = c.get("/api/v1/documents/drones-harbour")
		wantStatus(t, rec, http.StatusOK)
		d := decode[graph.Document](t, rec)
		if d.ID != "drones-ledger" || d.RequestedCopy == nil || d.RequestedCopy.ID != "drones-harbour" || d.RequestedCopy.Source != "Harbour Times" {
			t.Errorf("a copy's address: %+v (requested copy %+v), want drones-ledger saying drones-harbour was asked for", d, d.RequestedCopy)
		}
		var copies []string
		for _, cp := range d.Copies {
			if cp.Outlet == nil {
				t.Fatalf("copy %s has no outlet", cp.ID)
			}
			copies = append(copies, cp.ID+" "+cp.Date+" "+cp.Outlet.ID)
		}
		want := "drones-wire 2024-02-12 organization:meridian-wire, drones-harbour 2024-02-13 organization:harbour-times"
		if strings.Join(copies, ", ") != want || d.CopyCount != 2 {
			t.Errorf("copies: %s (%d), want %s", strings.Join(copies, ", "), d.CopyCount, want)
		}
		if list := decode[graph.DocumentPage](t, c.get("/api/v1/documents")); len(list.Documents) != 1 || list.Documents[0].CopyCount != 2 {
			t.Errorf("documents: %+v, want the one document with 2 copies", list.Documents)
		}
		// Every outlet that carried the story reports each statement, and
		// the statements are not multiplied.
		st := decode[graph.Stats](t, c.get("/api/v1/stats"))
		if st.Documents != 1 || st.Statements != results[2].Statements {
			t.Errorf("stats: %+v, want 1 document and the ledger's %d statements", st, results[2].Statements)
		}
		for _, outlet := range []string{"organization:kyiv-ledger", "organization:meridian-wire", "organization:harbour-times"} {
			page := decode[graph.StatementPage](t, c.get("/api/v1/statements?page_size=500&outlet="+outlet))
			if len(page.Statements) != st.Statements {
				t.Errorf("%s reports %d statements, want all %d", outlet, len(page.Statements), st.Statements)
			}
		}
		sg := decode[graph.Subgraph](t, c.get("/api/v1/entities/person:kyrylo-budanov/neighborhood"))
		if e, ok := findEdge(sg, graph.RelReportedBy, budanov, "organization:harbour-times"); !ok || e.Count == 0 {
			t.Errorf("no REPORTED_BY edge from Budanov to Harbour Times in %+v", sg.Edges)
		}
		// Exports draw what the neighborhood draws.
		rec = c.get("/api/v1/export?format=csv&entity=person:kyrylo-budanov")
		wantStatus(t, rec, http.StatusOK)
		if !strings.Contains(rec.Body.String(), "person:kyrylo-budanov,organization:harbour-times,REPORTED_BY,") {
			t.Errorf("the export has no REPORTED_BY row from Budanov to Harbour Times:\n%s", rec.Body)
		}
	})
}

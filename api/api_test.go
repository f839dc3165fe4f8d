package api

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/storetest"
	"github.com/entitygraph/entitygraph/internal/teststores"
)

// seeded opens a store, loads the seed fixture into it and serves it.
func seeded(t *testing.T, open func(t *testing.T) graph.Store) (*client, seed) {
	t.Helper()
	s := open(t)
	f := seedFixture(t)
	f.load(t, s)
	return newClient(t, Config{Store: s, Version: "test"}), f
}

func TestSearchEntities(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c, _ := seeded(t, open)
		tests := []struct {
			target string
			want   []string // ids that must be in the page, in this order
			not    []string // ids that must not
		}{
			{"/api/v1/entities?q=budanov", []string{budanov}, []string{russia}},
			{"/api/v1/entities?q=Kyrylo%20Budanov", []string{budanov}, nil},
			{"/api/v1/entities?q=russian", []string{russia}, nil}, // an alias
			{"/api/v1/entities?q=RF", []string{russia}, nil},
			{"/api/v1/entities?kind=country", []string{russia, northKorea}, []string{budanov, financialTimes}},
			{"/api/v1/entities?kind=country,person", []string{budanov, russia}, []string{financialTimes}},
			{"/api/v1/entities?kind=country&kind=PERSON", []string{budanov, russia}, []string{financialTimes}},
			{"/api/v1/entities?q=yusov&kind=organization", nil, []string{yusov}},
		}
		for _, tt := range tests {
			rec := c.get(tt.target)
			wantStatus(t, rec, http.StatusOK)
			var ids []string
			for _, e := range decode[graph.EntityPage](t, rec).Entities {
				ids = append(ids, e.ID)
			}
			if len(tt.want) == 0 && len(ids) != 0 {
				t.Errorf("%s: %v, want none", tt.target, ids)
			}
			for _, id := range tt.want {
				if !slices.Contains(ids, id) {
					t.Errorf("%s: %v, want %s among them", tt.target, ids, id)
				}
			}
			for _, id := range tt.not {
				if slices.Contains(ids, id) {
					t.Errorf("%s: %v, want no %s", tt.target, ids, id)
				}
			}
		}
		// Russia is the most mentioned entity: first when listing all.
		first := decode[graph.EntityPage](t, c.get("/api/v1/entities?page_size=1"))
		if len(first.Entities) != 1 || first.Entities[0].ID != russia || first.NextPageToken == "" {
			t.Fatalf("first page of one: %+v, want Russia and a next page", first)
		}
		second := decode[graph.EntityPage](t, c.get("/api/v1/entities?page_size=1&page_token="+url.QueryEscape(first.NextPageToken)))
		if len(second.Entities) != 1 || second.Entities[0].ID == russia {
			t.Errorf("second page of one: %+v, want one entity other than Russia", second)
		}
	})
}

func TestSearchSuggestions(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		s := open(t)
		seedFixture(t).load(t, s)
		// Page tokens are signed with a key derived from the API key.
		c := newClient(t, Config{Store: s, APIKey: "k"})
		pastTheEnd := newPageTokens("k").sign("entities", url.Values{"q": {"Budnov"}}, graph.NextPageToken(0, 50, true))
		tests := []struct {
			target      string
			entities    bool     // whether the page has entities
			suggestions []string // ids, in order; nil: no suggestions field
		}{
			{"/api/v1/entities?q=Budnov", false, []string{budanov}},
			{"/api/v1/entities?q=kyrilo%20budnov", false, []string{budanov}},
			{"/api/v1/entities?q=Jusov", false, []string{yusov}},
			{"/api/v1/entities?q=zzzz", false, nil},
			{"/api/v1/entities?q=Budnov&kind=country", false, nil}, // suggestions keep to the kinds asked for
			{"/api/v1/entities?q=budanov", true, nil},
			{"/api/v1/entities?q=Budnov&page_token=" + pastTheEnd, false, nil}, // past the end, not a typo
		}
		for _, tt := range tests {
			rec := c.get(tt.target)
			wantStatus(t, rec, http.StatusOK)
			page := decode[struct {
				Entities    []graph.Entity
				Suggestions *[]graph.Entity
			}](t, rec)
			if (len(page.Entities) > 0) != tt.entities {
				t.Errorf("%s: entities %v, want some: %v", tt.target, page.Entities, tt.entities)
			}
			if tt.suggestions == nil {
				if page.Suggestions != nil {
					t.Errorf("%s: suggestions %v, want no suggestions field", tt.target, *page.Suggestions)
				}
				continue
			}
			var ids []string
			if page.Suggestions != nil {
				for _, e := range *page.Suggestions {
					ids = append(ids, e.ID)
				}
			}
			if !slices.Equal(ids, tt.suggestions) {
				t.Errorf("%s: suggestions %v, want %v", tt.target, ids, tt.suggestions)
			}
		}
	})
}

func TestEntityByID(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c, _ := seeded(t, open)
		// The ':' in an id works as it is and escaped.
		for _, target := range []string{"/api/v1/entities/person:kyrylo-budanov", "/api/v1/entities/person%3Akyrylo-budanov"} {
			rec := c.get(target)
			wantStatus(t, rec, http.StatusOK)
			e := decode[graph.Entity](t, rec)
			if e.ID != budanov || e.Name != "Kyrylo Budanov" || e.Kind != graph.KindPerson || e.Mentions < 2 || !slices.Contains(e.Aliases, "Budanov") {
				t.Errorf("%s: %+v, want Kyrylo Budanov with the alias Budanov", target, e)
			}
		}
		wantProblem(t, c.get("/api/v1/entities/person:nobody"), http.StatusNotFound, "")
	})
}

func TestNeighborhood(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c, f := seeded(t, open)

		rec := c.get("/api/v1/entities/person:kyrylo-budanov/neighborhood?depth=1")
		wantStatus(t, rec, http.StatusOK)
		sg := decode[graph.Subgraph](t, rec)
		for _, want := range []struct {
			typ        graph.RelType
			target     string
			statements []string
		}{
			{graph.RelStated, northKorea, []string{f.budanovSupplier, f.budanovAmmunition}},
			{graph.RelStated, russia, []string{f.budanovSearch, f.budanovSupplier, f.budanovAmmunition, f.budanovKremlin}},
			{graph.RelStated, kremlin, []string{f.budanovKremlin}},
			{graph.RelReportedBy, financialTimes, []string{f.budanovSearch, f.budanovSupplier, f.budanovAmmunition}},
		} {
			e, ok := findEdge(sg, want.typ, budanov, want.target)
			if !ok {
				t.Errorf("no %s edge %s → %s in %+v", want.typ, budanov, want.target, sg.Edges)
				continue
			}
			slices.Sort(want.statements)
			if !slices.Equal(e.Statements, want.statements) || e.Count != len(want.statements) {
				t.Errorf("%s → %s: statements %v count %d, want %v", want.typ, want.target, e.Statements, e.Count, want.statements)
			}
		}
		if _, ok := findEdge(sg, graph.RelAffiliatedWith, budanov, defenseIntel); !ok {
			t.Errorf("no AFFILIATED_WITH edge to the directorate in %+v", sg.Edges)
		}
		if sg.Truncated || nodeIDs(sg)[yusov] {
			t.Errorf("depth 1 of Budanov: truncated %v, nodes %v; want all of it, without Yusov (two steps away)", sg.Truncated, nodeIDs(sg))
		}

		// Two steps reach Yusov through Russia and North Korea.
		sg = decode[graph.Subgraph](t, c.get("/api/v1/entities/person:kyrylo-budanov/neighborhood?depth=2"))
		if !nodeIDs(sg)[yusov] {
			t.Errorf("depth 2 of Budanov: nodes %v, want Yusov", nodeIDs(sg))
		}

		// Filters: kinds, edge types, dates, the statement view, the limit.
		sg = decode[graph.Subgraph](t, c.get("/api/v1/entities/person:kyrylo-budanov/neighborhood?kind=country&kind=person"))
		if ids := nodeIDs(sg); ids[financialTimes] || !ids[russia] {
			t.Errorf("kind=country,person: nodes %v, want Russia and no Financial Times", ids)
		}
		sg = decode[graph.Subgraph](t, c.get("/api/v1/entities/person:kyrylo-budanov/neighborhood?rel=reported_by"))
		for _, e := range sg.Edges {
			if e.Type != graph.RelReportedBy {
				t.Errorf("rel=reported_by: edge %+v", e)
			}
		}
		sg = decode[graph.Subgraph](t, c.get("/api/v1/entities/person:kyrylo-budanov/neighborhood?from=2024-02"))
		if len(sg.Edges) != 1 || sg.Edges[0].Type != graph.RelAffiliatedWith {
			t.Errorf("from=2024-02 (after all of Budanov's statements): edges %+v, want only the affiliation", sg.Edges)
		}
		sg = decode[graph.Subgraph](t, c.get("/api/v1/entities/person:kyrylo-budanov/neighborhood?view=statements"))
		if n, ok := findNode(sg, f.budanovSupplier); !ok || n.Kind != graph.KindStatement {
			t.Errorf("view=statements: no statement node %s in %+v", f.budanovSupplier, sg.Nodes)
		}
		if _, ok := findEdge(sg, graph.RelStated, budanov, f.budanovSupplier); !ok {
			t.Errorf("view=statements: no STATED edge to the statement in %+v", sg.Edges)
		}
		sg = decode[graph.Subgraph](t, c.get("/api/v1/entities/person:kyrylo-budanov/neighborhood?limit=2"))
		if len(sg.Nodes) != 2 || !sg.Truncated || sg.Omitted == 0 {
			t.Errorf("limit=2: %d nodes, truncated %v, omitted %d; want 2 nodes and the cut reported", len(sg.Nodes), sg.Truncated, sg.Omitted)
		}
	})
}

func TestPaths(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c, _ := seeded(t, open)
		rec := c.get("/api/v1/paths?from=person:kyrylo-budanov&to=person:andrii-yusov")
		wantStatus(t, rec, http.StatusOK)
		p := decode[graph.PathResult](t, rec)
		if !p.Found || p.Length != 2 || len(p.Order) != 3 || p.Order[0] != budanov || p.Order[2] != yusov {
			t.Errorf("Budanov to Yusov: %+v, want a path of 2 edges", p)
		}
		p = decode[graph.PathResult](t, c.get("/api/v1/paths?from=person:kyrylo-budanov&to=person:andrii-yusov&max_depth=1"))
		if p.Found || len(p.Nodes) != 2 {
			t.Errorf("Budanov to Yusov within 1 edge: %+v, want not found and the two ends", p)
		}
		wantProblem(t, c.get("/api/v1/paths?from=person:kyrylo-budanov&to=person:nobody"), http.StatusNotFound, "")
	})
}

func TestStatements(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c, f := seeded(t, open)

		rec := c.get("/api/v1/statements/" + f.budanovSupplier)
		wantStatus(t, rec, http.StatusOK)
		st := decode[graph.Statement](t, rec)
		text := f.document(t, storetest.DocBudanov).Text
		sentence := "According to Budanov, North Korea is currently the largest supplier of weapons to the russian army."
		if st.Text != sentence || st.Start < 0 || st.End > len(text) || text[st.Start:st.End] != sentence {
			t.Errorf("statement text %q at [%d, %d), want %q at its offsets in the document", st.Text, st.Start, st.End, sentence)
		}
		if st.Speaker.ID != budanov || st.Document == nil || st.Document.ID != storetest.DocBudanov || st.Document.Date != "2024-01" {
			t.Errorf("statement %+v (document %+v): want Budanov's, from his interview", st, st.Document)
		}
		wantProblem(t, c.get("/api/v1/statements/st_0000000000000000"), http.StatusNotFound, "")

		tests := []struct {
			query string
			want  []string
		}{
			{"speaker=person:kyrylo-budanov", []string{f.budanovSearch, f.budanovSupplier, f.budanovAmmunition, f.budanovKremlin}},
			{"speaker=person:andrii-yusov&outlet=organization:ukrainian-news", []string{f.yusovMissiles}},
			{"about=country:russia&from=2024-02", []string{f.yusovMissiles}},
			{"about=country:russia&to=2024-01&speaker=person:kyrylo-budanov", []string{f.budanovSearch, f.budanovSupplier, f.budanovAmmunition}},
			{"document=" + storetest.DocNote, []string{f.budanovKremlin}},
			{"speaker=person:nobody", nil},
		}
		for _, tt := range tests {
			rec := c.get("/api/v1/statements?" + tt.query)
			wantStatus(t, rec, http.StatusOK)
			var got []string
			for _, s := range decode[graph.StatementPage](t, rec).Statements {
				got = append(got, s.ID)
			}
			slices.Sort(got)
			slices.Sort(tt.want)
			if !slices.Equal(got, tt.want) {
				t.Errorf("statements?%s: %v, want %v", tt.query, got, tt.want)
			}
		}
	})
}

func TestDocuments(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c, f := seeded(t, open)
		rec := c.get("/api/v1/documents")
		wantStatus(t, rec, http.StatusOK)
		docs := decode[graph.DocumentPage](t, rec).Documents
		if len(docs) != 4 || docs[0].ID != storetest.DocYusov || docs[1].ID != storetest.DocBudanov || docs[1].Statements != 3 || docs[1].Text != "" {
			t.Errorf("documents: %+v, want 4, Yusov's then Budanov's (3 statements), without text", docs)
		}
		page := decode[graph.DocumentPage](t, c.get("/api/v1/documents?page_size=3"))
		if len(page.Documents) != 3 || page.NextPageToken == "" {
			t.Errorf("documents?page_size=3: %d documents, next %q; want 3 and a next page", len(page.Documents), page.NextPageToken)
		}
		rec = c.get("/api/v1/documents/" + storetest.DocBudanov)
		wantStatus(t, rec, http.StatusOK)
		if d, want := decode[graph.Document](t, rec), f.document(t, storetest.DocBudanov); d.Text != want.Text || d.Date != want.Date || d.URL != want.URL {
			t.Errorf("document %s: %+v, want its text, date and url", storetest.DocBudanov, d)
		}
		wantProblem(t, c.get("/api/v1/documents/nope"), http.StatusNotFound, "")
	})
}

func TestStats(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c, _ := seeded(t, open)
		rec := c.get("/api/v1/stats")
		wantStatus(t, rec, http.StatusOK)
		st := decode[graph.Stats](t, rec)
		if st.Documents != 4 || st.Statements != 6 || st.Entities != 11 || st.ByKind[graph.KindPerson] != 2 {
			t.Errorf("stats %+v: want 4 documents, 6 statements, 11 entities of which 2 people", st)
		}
	})
}

func TestServiceRoutes(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c := newClient(t, Config{Store: open(t), Version: "v9.9.9"})
		for _, tt := range []struct {
			target, want string
		}{
			{"/healthz", `"version":"v9.9.9"`},
			{"/readyz", `"status":"ready"`},
			{"/api/v1/openapi.yaml", "openapi: 3.0.3"},
			{"/api/v1/stats", `"documents":0`},
		} {
			rec := c.get(tt.target)
			wantStatus(t, rec, http.StatusOK)
			if !strings.Contains(rec.Body.String(), tt.want) {
				t.Errorf("%s: %.200s, want %s in it", tt.target, rec.Body.String(), tt.want)
			}
		}
		// An empty store lists nothing, as [] rather than null.
		for _, target := range []string{"/api/v1/entities", "/api/v1/statements", "/api/v1/documents"} {
			if body := c.get(target).Body.String(); !strings.Contains(body, "[]") {
				t.Errorf("%s on an empty store: %s, want an empty list", target, body)
			}
		}
	})
}

func TestRootWithAndWithoutUI(t *testing.T) {
	store := brokenStore{graph.Errorf(graph.Unavailable, "test", "down")}
	log := slog.New(slog.NewTextHandler(testWriter{t}, nil))
	plain := New(Config{Store: store, Logger: log})
	rec := httptest.NewRecorder()
	plain.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "/api/v1/openapi.yaml") {
		t.Errorf("GET / without a UI: %d %.200s, want a page that points to the API", rec.Code, rec.Body.String())
	}
	rec = httptest.NewRecorder()
	plain.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/graph/person:x", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("GET /graph/person:x without a UI: %d, want 404", rec.Code)
	}

	ui := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "app for "+r.URL.Path) })
	withUI := New(Config{Store: store, UI: ui, Logger: log})
	for _, path := range []string{"/", "/assets/app.js", "/graph/person:x"} {
		rec := httptest.NewRecorder()
		withUI.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Body.String() != "app for "+path {
			t.Errorf("GET %s with a UI: %q, want the UI's answer", path, rec.Body.String())
		}
	}
	rec = httptest.NewRecorder()
	withUI.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/nope", nil))
	if rec.Code != http.StatusNotFound || rec.Header().Get("Content-Type") != problemContentType {
		t.Errorf("GET /api/v1/nope with a UI: %d %s, want a 404 problem, not the UI", rec.Code, rec.Header().Get("Content-Type"))
	}
}

func findEdge(sg graph.Subgraph, typ graph.RelType, source, target string) (graph.Edge, bool) {
	for _, e := range sg.Edges {
		if e.Type == typ && e.Source == source && e.Target == target {
			return e, true
		}
	}
	return graph.Edge{}, false
}

func findNode(sg graph.Subgraph, id string) (graph.Node, bool) {
	for _, n := range sg.Nodes {
		if n.ID == id {
			return n, true
		}
	}
	return graph.Node{}, false
}

func nodeIDs(sg graph.Subgraph) map[string]bool {
	ids := map[string]bool{}
	for _, n := range sg.Nodes {
		ids[n.ID] = true
	}
	return ids
}

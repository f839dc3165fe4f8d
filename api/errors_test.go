package api

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/storetest"
	"github.com/entitygraph/entitygraph/internal/teststores"
)

// TestBadRequests checks that every bad parameter or body is a 400 (or 413)
// problem that names what was wrong.
func TestBadRequests(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		s := open(t)
		seedFixture(t).load(t, s)
		c := newClient(t, Config{Store: s, Extractor: fakeExtractor()})
		nb := "/api/v1/entities/person:kyrylo-budanov/neighborhood?"
		tests := []struct {
			target string
			param  string
		}{
			{nb + "depth=0", "depth"},
			{nb + "depth=4", "depth"},
			{nb + "depth=two", "depth"},
			{nb + "limit=0", "limit"},
			{nb + "limit=2001", "limit"},
			{nb + "limit=1e3", "limit"},
			{nb + "kind=animal", "kind"},
			{nb + "kind=person,animal", "kind"},
			{nb + "rel=LIKES", "rel"},
			{nb + "view=tree", "view"},
			{nb + "from=2024-13", "from"},
			{nb + "to=yesterday", "to"},
			{nb + "from=2024-03&to=2024-01", "from"},
			{"/api/v1/entities?page_size=501", "page_size"},
			{"/api/v1/entities?page_size=0", "page_size"},
			{"/api/v1/entities?page_size=ten", "page_size"},
			{"/api/v1/entities?page_token=not-a-token", "page_token"},
			{"/api/v1/entities?kind=city", "kind"},
			{"/api/v1/statements?page_size=1000", "page_size"},
			{"/api/v1/statements?from=2024-1", "from"},
			{"/api/v1/documents?page_token=bad", "page_token"},
			{"/api/v1/paths?to=person:andrii-yusov", "from"},
			{"/api/v1/paths?from=person:kyrylo-budanov", "to"},
			{"/api/v1/paths?from=person:kyrylo-budanov&to=person:andrii-yusov&max_depth=7", "max_depth"},
			{"/api/v1/export?format=pdf", "format"},
			{"/api/v1/export?entity=person:kyrylo-budanov&depth=9", "depth"},
		}
		for _, tt := range tests {
			t.Run(tt.target, func(t *testing.T) {
				wantProblem(t, c.get(tt.target), http.StatusBadRequest, tt.param)
			})
		}

		bodies := []struct {
			name   string
			body   string
			status int
			param  string
		}{
			{"not JSON", `{"text": "Russia`, http.StatusBadRequest, ""},
			{"empty", ``, http.StatusBadRequest, ""},
			{"an array", `[{"text": "x"}]`, http.StatusBadRequest, ""},
			{"two objects", `{"text": "Russia."} {"text": "Russia."}`, http.StatusBadRequest, ""},
			{"no text", `{"title": "t"}`, http.StatusBadRequest, "text"},
			{"blank text", `{"text": "  \n "}`, http.StatusBadRequest, "text"},
			{"bad date", `{"text": "Russia.", "date": "21 January 2024"}`, http.StatusBadRequest, "date"},
			{"script url", `{"text": "Russia.", "url": "javascript:alert(1)"}`, http.StatusBadRequest, "url"},
			{"numeric title", `{"text": "Russia.", "title": 7}`, http.StatusBadRequest, "title"},
			{"long id", `{"text": "Russia.", "id": "` + strings.Repeat("x", 257) + `"}`, http.StatusBadRequest, "id"},
			{"text over the limit", `{"text": "` + strings.Repeat("a", graph.MaxDocumentBytes+1) + `"}`, http.StatusRequestEntityTooLarge, "text"},
			{"body over the limit", `{"text": "` + strings.Repeat("\\n", graph.MaxDocumentBytes+1) + `"}`, http.StatusRequestEntityTooLarge, ""},
		}
		for _, tt := range bodies {
			t.Run("POST "+tt.name, func(t *testing.T) {
				wantProblem(t, c.postJSON("/api/v1/documents", tt.body), tt.status, tt.param)
			})
		}
	})
}

// TestExtractionErrors checks that the extractor's and the store's own
// errors reach the client with their status and their reason.
func TestExtractionErrors(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		param  string
	}{
		{"binary text", graph.InvalidParam("extract.Extract", "text", "document looks binary"), http.StatusBadRequest, "text"},
		{"too large", graph.Errorf(graph.TooLarge, "extract.Extract", "document is over the limit"), http.StatusRequestEntityTooLarge, ""},
		{"bug", errors.New("index out of range"), http.StatusInternalServerError, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			failing := extractorFunc(func(context.Context, graph.Document) (*graph.Extraction, error) { return nil, tt.err })
			c := newClient(t, Config{Store: brokenStore{errors.New("unused")}, Extractor: failing})
			p := wantProblem(t, c.postJSON("/api/v1/documents", `{"text": "Russia."}`), tt.status, tt.param)
			if tt.status != http.StatusInternalServerError && !strings.Contains(p.Detail, graph.ErrorMessage(tt.err)) {
				t.Errorf("detail %q, want the extractor's reason %q", p.Detail, graph.ErrorMessage(tt.err))
			}
		})
	}
}

func TestNotFoundAndMethods(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c := newClient(t, Config{Store: open(t)})
		for _, target := range []string{
			"/api/v1/nope",
			"/api/v2/entities",
			"/api/v1/entities/person:nobody/neighborhood",
			"/api/v1/export?entity=person:nobody",
		} {
			wantProblem(t, c.get(target), http.StatusNotFound, "")
		}
		rec := c.do(httptest.NewRequest(http.MethodDelete, "/api/v1/entities/person:kyrylo-budanov", nil))
		wantProblem(t, rec, http.StatusMethodNotAllowed, "")
		if allow := rec.Header().Get("Allow"); allow != "GET, HEAD" {
			t.Errorf("Allow %q, want GET, HEAD", allow)
		}
		// A server without an extractor is read-only.
		wantProblem(t, c.postJSON("/api/v1/documents", `{"text": "Russia."}`), http.StatusServiceUnavailable, "")
	})
}

// TestStoreDown checks that a store that cannot be reached gives 503
// problems with the reason, while the process still reports itself alive.
func TestStoreDown(t *testing.T) {
	down := brokenStore{graph.Errorf(graph.Unavailable, "sqlite.Ping", "database is locked by another process")}
	c := newClient(t, Config{Store: down, Extractor: fakeExtractor()})
	wantStatus(t, c.get("/healthz"), http.StatusOK)
	p := wantProblem(t, c.get("/readyz"), http.StatusServiceUnavailable, "")
	if !strings.Contains(p.Detail, "database is locked") {
		t.Errorf("readyz detail %q, want the reason", p.Detail)
	}
	for _, target := range []string{
		"/api/v1/entities?q=budanov",
		"/api/v1/entities/person:kyrylo-budanov",
		"/api/v1/entities/person:kyrylo-budanov/neighborhood",
		"/api/v1/paths?from=person:kyrylo-budanov&to=person:andrii-yusov",
		"/api/v1/statements",
		"/api/v1/statements/st_1",
		"/api/v1/documents",
		"/api/v1/documents/" + storetest.DocBudanov,
		"/api/v1/export?format=csv",
		"/api/v1/stats",
	} {
		rec := c.get(target)
		wantProblem(t, rec, http.StatusServiceUnavailable, "")
		if rec.Header().Get("Retry-After") == "" {
			t.Errorf("%s: 503 without Retry-After", target)
		}
	}
	wantProblem(t, c.postJSON("/api/v1/documents", `{"text": "Oleksandr Syrskyi said Russia attacked."}`), http.StatusServiceUnavailable, "")
}

// TestInternalErrorsHideTheirCause checks that an error the domain does not
// know becomes a 500 that tells the client nothing of the cause.
func TestInternalErrorsHideTheirCause(t *testing.T) {
	c := newClient(t, Config{Store: brokenStore{errors.New("dial tcp 10.0.0.7:7687: password=hunter2")}})
	rec := c.get("/api/v1/stats")
	p := wantProblem(t, rec, http.StatusInternalServerError, "")
	if strings.Contains(rec.Body.String(), "hunter2") || p.Detail != internalDetail {
		t.Errorf("500 body %s leaks the cause", rec.Body.String())
	}
}

func TestPanicIsA500AndTheServerGoesOn(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c := newClient(t, Config{Store: panickyStore{open(t)}})
		wantProblem(t, c.get("/api/v1/stats"), http.StatusInternalServerError, "")
		wantStatus(t, c.get("/api/v1/documents"), http.StatusOK)
	})
}

func TestRequestID(t *testing.T) {
	c := newClient(t, Config{Store: brokenStore{graph.Errorf(graph.NotFound, "test", "no such entity")}})
	tests := []struct {
		sent string
		keep bool
	}{
		{"abc-123", true},
		{"", false},
		{strings.Repeat("x", 129), false},
		{"two words", false},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/entities/person:x", nil)
		if tt.sent != "" {
			req.Header.Set(RequestIDHeader, tt.sent)
		}
		rec := c.do(req)
		got := rec.Header().Get(RequestIDHeader)
		if (got == tt.sent) != tt.keep || got == "" {
			t.Errorf("sent request id %q, got %q; want it kept: %v", tt.sent, got, tt.keep)
		}
		if p := wantProblem(t, rec, http.StatusNotFound, ""); p.RequestID != got {
			t.Errorf("problem request_id %q, header %q", p.RequestID, got)
		}
	}
	// Two requests without an id get two ids.
	if a, b := c.get("/healthz").Header().Get(RequestIDHeader), c.get("/healthz").Header().Get(RequestIDHeader); a == b {
		t.Errorf("two requests got the same generated id %q", a)
	}
}

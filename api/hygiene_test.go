package api

import (
	"bytes"
	"context"
	"encoding/base64"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/internal/teststores"
	"github.com/entitygraph/entitygraph/ui"
)

func TestHeadAnswersEveryGetRoute(t *testing.T) {
	h := New(Config{Store: openSQLiteStore(t), UI: ui.Handler(), Logger: slog.New(slog.NewTextHandler(testWriter{t}, nil))})
	for _, target := range []string{
		"/healthz", "/readyz", "/api/v1/entities?q=x", "/api/v1/entities/person:x", "/api/v1/statements",
		"/api/v1/documents", "/api/v1/documents/nope", "/api/v1/stats", "/api/v1/openapi.yaml",
		"/api/v1/export?format=json", "/", "/assets/app.js",
	} {
		get := httptest.NewRecorder()
		h.ServeHTTP(get, httptest.NewRequest(http.MethodGet, target, nil))
		head := httptest.NewRecorder()
		h.ServeHTTP(head, httptest.NewRequest(http.MethodHead, target, nil))
		if head.Code != get.Code || head.Header().Get("Content-Type") != get.Header().Get("Content-Type") {
			t.Errorf("HEAD %s: %d %q; GET: %d %q", target, head.Code, head.Header().Get("Content-Type"), get.Code, get.Header().Get("Content-Type"))
		}
	}
}

// waitingStore answers Stats only when the request's context ends, with
// the error a store gives then.
type waitingStore struct{ brokenStore }

func (waitingStore) Stats(ctx context.Context) (graph.Stats, error) {
	<-ctx.Done()
	return graph.Stats{}, graph.Wrap(graph.Unavailable, "test.Stats", "reading the store", ctx.Err())
}

func TestAClientThatLeavesIsNoServerError(t *testing.T) {
	var log bytes.Buffer
	h := New(Config{Store: waitingStore{}, Logger: slog.New(slog.NewTextHandler(&log, nil))})
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequest(http.MethodGet, "/api/v1/stats", nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() { h.ServeHTTP(rec, req); close(done) }()
	cancel()
	<-done
	if rec.Code != statusClientClosed {
		t.Errorf("status %d; want %d in the log, for a client that is gone", rec.Code, statusClientClosed)
	}
	if strings.Contains(log.String(), "level=ERROR") || strings.Contains(log.String(), "level=WARN") || !strings.Contains(log.String(), "client closed the request") {
		t.Errorf("log:\n%s\nwant the disconnect at INFO and no warning or error", log.String())
	}
}

func TestTheAppAnswersOnlyItsOwnRoutes(t *testing.T) {
	h := New(Config{Store: openSQLiteStore(t), UI: ui.Handler(), Logger: slog.New(slog.NewTextHandler(testWriter{t}, nil))})
	get := func(target string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		return rec
	}
	for _, target := range []string{"/", "/?entity=person:x", "/graph/person:kyrylo-budanov", "/assets/app.js"} {
		if rec := get(target); rec.Code != http.StatusOK {
			t.Errorf("GET %s: %d; want the app", target, rec.Code)
		}
	}
	for _, target := range []string{"/.git/config", "/backup.sql", "/wp-login.php", "/assets/missing.js", "/.env", "/a/.hidden/x"} {
		rec := get(target)
		if rec.Code != http.StatusNotFound || rec.Header().Get("Content-Type") != problemContentType {
			t.Errorf("GET %s: %d %s; want a 404 problem, not the app", target, rec.Code, rec.Header().Get("Content-Type"))
		}
	}
}

func TestMetricsCountRequestsExtractionsAndErrors(t *testing.T) {
	c := newClient(t, Config{Store: openSQLiteStore(t), Extractor: fakeExtractor()})
	wantStatus(t, c.post(postBody, "application/json"), http.StatusCreated)
	wantStatus(t, c.post(postBody, "application/json"), http.StatusOK)
	wantStatus(t, c.get("/api/v1/documents"), http.StatusOK)
	down := newClient(t, Config{Store: brokenStore{graph.Errorf(graph.Unavailable, "test", "down")}})
	down.get("/api/v1/stats")

	body := c.get("/metrics").Body.String()
	for _, want := range []string{
		`entitygraph_documents_ingested_total{result="written"} 1`,
		`entitygraph_documents_ingested_total{result="unchanged"} 1`,
		`entitygraph_extraction_duration_seconds_count 2`,
		`entitygraph_extractions_in_flight 0`,
		`entitygraph_http_request_duration_seconds_count{method="GET",route="/api/v1/documents",status="200"} 1`,
		`entitygraph_http_request_duration_seconds_count{method="POST",route="/api/v1/documents",status="201"} 1`,
		`entitygraph_store_errors_total{code="unavailable"} 0`,
		"go_goroutines",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics has no %s", want)
		}
	}
	if body := down.get("/metrics").Body.String(); !strings.Contains(body, `entitygraph_store_errors_total{code="unavailable"} 1`) {
		t.Errorf("/metrics of a server whose store is down:\n%s", body)
	}
}

func TestPageTokensBelongToTheirListAndQuery(t *testing.T) {
	st := openSQLiteStore(t)
	seedFixture(t).load(t, st)
	c := newClient(t, Config{Store: st})
	next := func(target string) string {
		t.Helper()
		rec := c.get(target)
		wantStatus(t, rec, http.StatusOK)
		token := decode[struct {
			NextPageToken string `json:"next_page_token"`
		}](t, rec).NextPageToken
		if token == "" {
			t.Fatalf("%s: no next page", target)
		}
		return url.QueryEscape(token)
	}
	docs := next("/api/v1/documents?page_size=1")
	stmts := next("/api/v1/statements?speaker=" + budanov + "&page_size=1")
	// The tokens page their own lists, whatever the page size.
	wantStatus(t, c.get("/api/v1/documents?page_size=2&page_token="+docs), http.StatusOK)
	wantStatus(t, c.get("/api/v1/statements?speaker="+budanov+"&page_size=1&page_token="+stmts), http.StatusOK)
	forged := base64.RawURLEncoding.EncodeToString([]byte(strings.Repeat("x", macBytes) + graph.NextPageToken(0, 1, true)))
	for _, target := range []string{
		"/api/v1/statements?page_token=" + docs,                           // another list
		"/api/v1/entities?page_token=" + docs,                             // another list
		"/api/v1/statements?speaker=" + yusov + "&page_token=" + stmts,    // other filters
		"/api/v1/statements?page_token=" + stmts,                          // filters dropped
		"/api/v1/documents?page_token=" + graph.NextPageToken(0, 1, true), // the store's own, unsigned
		"/api/v1/documents?page_token=" + forged,
		"/api/v1/documents?page_token=" + docs[:len(docs)-2],
	} {
		wantProblem(t, c.get(target), http.StatusBadRequest, "page_token")
	}
	// Another server (another key) does not accept this one's tokens.
	other := newClient(t, Config{Store: st})
	wantProblem(t, other.get("/api/v1/documents?page_token="+docs), http.StatusBadRequest, "page_token")
}

// TestTheSpecDescribesWhatTheServerAccepts sends the requests on which
// the server and openapi.yaml once disagreed; the client holds every
// answer to the spec, so an accepted request the spec forbids fails here.
func TestTheSpecDescribesWhatTheServerAccepts(t *testing.T) {
	st := openSQLiteStore(t)
	seedFixture(t).load(t, st)
	c := newClient(t, Config{Store: st, Extractor: fakeExtractor()})
	for _, target := range []string{
		"/api/v1/statements?to=&from=&page_size=&page_token=",
		"/api/v1/entities?q=&kind=&page_size=",
		"/api/v1/entities?kind=Person,%20ORG&kind=country",
		"/api/v1/entities/" + budanov + "/neighborhood?depth=&limit=&rel=stated,%20about&view=",
	} {
		wantStatus(t, c.get(target), http.StatusOK)
	}
	for _, tc := range []struct{ target, param string }{
		{"/api/v1/entities?kind=person%09", "kind"},
		{"/api/v1/entities?kind=person%20country", "kind"},
		{"/api/v1/statements?from=2024-05&to=2024-01", "from"},
		{"/api/v1/statements?to=2024-02-30", "to"},
	} {
		wantProblem(t, c.get(tc.target), http.StatusBadRequest, tc.param)
	}
	wantStatus(t, c.post(`{"text": "Oleksandr Syrskyi said so.", "url": null, "title": null, "date": null, "source": null, "id": null}`, "application/json"), http.StatusCreated)
}

func TestSearchBoundsItsQuery(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c := newClient(t, Config{Store: open(t)})
		wantStatus(t, c.get("/api/v1/entities?q="+strings.Repeat("b", graph.MaxSearchRunes)), http.StatusOK)
		for _, q := range []string{strings.Repeat("b", 1000), strings.Repeat("é ", 101)} {
			p := wantProblem(t, c.get("/api/v1/entities?q="+url.QueryEscape(q)), http.StatusBadRequest, "q")
			if !strings.Contains(p.Detail, "the limit is 200") {
				t.Errorf("detail %q does not state the limit", p.Detail)
			}
		}
		// A query of 100 KB is refused before any store is asked, as a
		// problem like every other error.
		rec := httptest.NewRecorder()
		c.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/entities?q="+strings.Repeat("b", 100<<10), nil))
		if rec.Code != http.StatusRequestHeaderFieldsTooLarge || rec.Header().Get("Content-Type") != problemContentType {
			t.Errorf("100 KB query: %d %s; want a 431 problem", rec.Code, rec.Header().Get("Content-Type"))
		}
	})
}

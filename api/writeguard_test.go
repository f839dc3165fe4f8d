package api

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/sqlite"
)

const postBody = `{"text": "Oleksandr Syrskyi said Russia lost a brigade, Reuters reported."}`

// post sends POST /api/v1/documents with body, Content-Type ctype and the
// headers given as name, value pairs.
func (c *client) post(body, ctype string, headers ...string) *httptest.ResponseRecorder {
	c.t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/api/v1/documents", strings.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return c.do(req)
}

// openSQLiteStore returns an empty SQLite store, for tests of what the
// API does before any store is asked.
func openSQLiteStore(t *testing.T) graph.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestWritesNeedTheAPIKeyWhenTheServerHasOne(t *testing.T) {
	c := newClient(t, Config{Store: openSQLiteStore(t), Extractor: fakeExtractor(), APIKey: "s3cret-key"})
	for _, tc := range []struct {
		name, auth string
		want       int
	}{
		{"no key", "", http.StatusUnauthorized},
		{"wrong key", "Bearer wrong", http.StatusUnauthorized},
		{"another scheme", "Basic czNjcmV0LWtleQ==", http.StatusUnauthorized},
		{"the key", "Bearer s3cret-key", http.StatusCreated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := c.post(postBody, "application/json", "Authorization", tc.auth)
			if tc.want != http.StatusCreated {
				wantProblem(t, rec, tc.want, "")
				if rec.Header().Get("WWW-Authenticate") == "" {
					t.Error("401 without WWW-Authenticate")
				}
				return
			}
			wantStatus(t, rec, tc.want)
		})
	}
	// Reads need no key.
	wantStatus(t, c.get("/api/v1/documents"), http.StatusOK)
	// With a key, a page of another site cannot send it, so the origin
	// no longer matters.
	wantStatus(t, c.post(postBody, "application/json", "Authorization", "Bearer s3cret-key", "Origin", "https://elsewhere.example"), http.StatusOK)
}

func TestWritesWithoutAKeyComeOnlyFromTheSameSite(t *testing.T) {
	c := newClient(t, Config{Store: openSQLiteStore(t), Extractor: fakeExtractor()})
	// httptest's requests are sent to example.com.
	for _, tc := range []struct {
		name    string
		headers []string
		want    int
	}{
		{"another origin", []string{"Origin", "https://attacker.example"}, http.StatusForbidden},
		{"another port", []string{"Origin", "http://example.com:8081"}, http.StatusForbidden},
		{"a cross-site fetch", []string{"Sec-Fetch-Site", "cross-site"}, http.StatusForbidden},
		{"an unreadable origin", []string{"Origin", "http://%zz"}, http.StatusForbidden},
		{"the same origin", []string{"Origin", "http://example.com", "Sec-Fetch-Site", "same-origin"}, http.StatusCreated},
		{"a client that is not a browser", nil, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := c.post(postBody, "application/json", tc.headers...)
			if tc.want == http.StatusForbidden {
				wantProblem(t, rec, tc.want, "")
				return
			}
			wantStatus(t, rec, tc.want)
		})
	}
}

func TestWritesReadOnlyTheirBodyTypes(t *testing.T) {
	c := newClient(t, Config{Store: openSQLiteStore(t), Extractor: fakeExtractor()})
	// text/plain and form types are what a cross-site HTML form can send
	// without a preflight.
	for _, ctype := range []string{"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "", "application/jsonx", "json"} {
		t.Run(ctype, func(t *testing.T) {
			rec := c.post(postBody, ctype)
			wantProblem(t, rec, http.StatusUnsupportedMediaType, "")
			if got, want := rec.Header().Get("Accept-Post"), "application/json, application/atom+xml, application/rss+xml, application/xhtml+xml, text/csv, text/html, text/tab-separated-values"; got != want {
				t.Errorf("Accept-Post %q, want %q", got, want)
			}
		})
	}
	wantStatus(t, c.post(postBody, "Application/JSON; charset=utf-8"), http.StatusCreated)
}

func TestWritesAreLimitedPerClient(t *testing.T) {
	c := newClient(t, Config{Store: openSQLiteStore(t), Extractor: fakeExtractor(), WriteRate: 0.5, WriteBurst: 2})
	from := func(ip string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/documents", strings.NewReader(postBody))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = ip + ":40000"
		return c.do(req)
	}
	for i := range 2 {
		if rec := from("192.0.2.1"); rec.Code >= 300 {
			t.Fatalf("write %d within the burst: %d %s", i+1, rec.Code, rec.Body)
		}
	}
	rec := from("192.0.2.1")
	wantProblem(t, rec, http.StatusTooManyRequests, "")
	if wait, err := strconv.Atoi(rec.Header().Get("Retry-After")); err != nil || wait < 1 || wait > 2 {
		t.Errorf("Retry-After %q; want the 1-2 s until the next token at 0.5/s", rec.Header().Get("Retry-After"))
	}
	if rec := from("192.0.2.2"); rec.Code >= 300 {
		t.Errorf("another client was limited too: %d", rec.Code)
	}
	// Reads are not limited.
	for range 5 {
		wantStatus(t, c.get("/api/v1/documents"), http.StatusOK)
	}
}

func TestClientLimitsForgetRefilledClients(t *testing.T) {
	l := newClientLimits(1, 1)
	now := time.Unix(1000, 0)
	for i := range maxClients {
		if _, ok := l.allow(strconv.Itoa(i), now); !ok {
			t.Fatalf("client %d refused its first write", i)
		}
	}
	if _, ok := l.allow("0", now); ok {
		t.Fatal("client 0 wrote twice within its burst of 1")
	}
	// A second later every bucket is full again: a new client makes room
	// by forgetting them, and nobody gains a write by it.
	later := now.Add(time.Second)
	if _, ok := l.allow("new", later); !ok || len(l.byIP) != 1 {
		t.Fatalf("after refilling: %d buckets kept, want only the new client's", len(l.byIP))
	}
}

func TestPostsWithInvalidUnicodeNameTheField(t *testing.T) {
	c := newClient(t, Config{Store: openSQLiteStore(t), Extractor: fakeExtractor()})
	for _, tc := range []struct {
		name, body, param string
	}{
		{"a byte in the text", "{\"text\": \"Syrskyi said \xff.\"}", "text"},
		{"a byte in the title", "{\"title\": \"\xc3\x28\", \"text\": \"Syrskyi said.\"}", "title"},
		{"a lone high surrogate", `{"text": "Syrskyi said \ud800."}`, "text"},
		{"a lone low surrogate", `{"id": "a", "source": "\udc00", "text": "Syrskyi said."}`, "source"},
		{"two high surrogates", `{"text": "x", "url": "\ud800\ud800"}`, "url"},
		{"a field the server ignores", "{\"text\": \"Syrskyi said.\", \"extra\": [\"\xfe\"]}", "extra"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantProblem(t, c.post(tc.body, "application/json"), http.StatusBadRequest, tc.param)
		})
	}
	// Escaped pairs, an escaped backslash before "u", and a written U+FFFD
	// are text.
	rec := c.post(`{"text": "Oleksandr Syrskyi said \ud83d\ude00 and \\ud800 and `+"\uFFFD"+`."}`, "application/json")
	wantStatus(t, rec, http.StatusCreated)
	doc := decode[graph.Document](t, c.get(rec.Header().Get("Location")))
	if want := "Oleksandr Syrskyi said 😀 and \\ud800 and \uFFFD."; doc.Text != want {
		t.Errorf("stored text %q, want %q", doc.Text, want)
	}
}

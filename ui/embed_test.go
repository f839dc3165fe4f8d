package ui

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	h := Handler()
	tests := []struct {
		name, method, path string
		wantStatus         int
		wantType           string // prefix of Content-Type
		wantBody           string // substring of the body
	}{
		{"root is the page", "GET", "/", 200, "text/html", `<div id="graph"`},
		{"deep link gets the page", "GET", "/?entity=person:kyrylo-budanov&depth=2", 200, "text/html", `<div id="graph"`},
		{"app path falls back to the page", "GET", "/entities/person:kyrylo-budanov", 200, "text/html", `<div id="graph"`},
		{"index.html is the page, not a redirect", "GET", "/index.html", 200, "text/html", `<div id="graph"`},
		{"script asset", "GET", "/assets/app.js", 200, "text/javascript", "sigma"},
		{"style asset", "GET", "/assets/index.css", 200, "text/css", "--accent"},
		{"missing asset falls back to the page", "GET", "/assets/nope.js", 200, "text/html", `<div id="graph"`},
		{"dot segments stay inside dist", "GET", "/../embed.go", 200, "text/html", `<div id="graph"`},
		{"writes are refused", "POST", "/", 405, "text/plain", "method not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			res := rec.Result()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.wantStatus {
				t.Fatalf("status = %d, want %d", res.StatusCode, tt.wantStatus)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.wantType) {
				t.Errorf("Content-Type = %q, want prefix %q", ct, tt.wantType)
			}
			if !strings.Contains(string(body), tt.wantBody) {
				t.Errorf("body does not contain %q", tt.wantBody)
			}
		})
	}
}

// The page must load its assets from paths the handler serves as files.
func TestIndexReferencesServedAssets(t *testing.T) {
	h := Handler()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	page := rec.Body.String()
	for _, asset := range []string{"/assets/app.js", "/assets/index.css"} {
		if !strings.Contains(page, `"`+asset+`"`) {
			t.Errorf("index.html does not reference %s", asset)
			continue
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", asset, nil))
		if ct := rec.Header().Get("Content-Type"); strings.HasPrefix(ct, "text/html") {
			t.Errorf("%s served as %q, want the asset itself", asset, ct)
		}
	}
}

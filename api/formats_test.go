package api

import (
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"

	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/internal/teststores"
)

func init() {
	// The spec check reads these bodies as text: the server reads a CSV
	// file row by row and reports the bad rows, where kin-openapi's CSV
	// decoder would refuse the whole body.
	for _, ct := range []string{"text/html", "application/xhtml+xml", "application/rss+xml", "application/atom+xml", "text/csv", "text/tab-separated-values"} {
		openapi3filter.RegisterBodyDecoder(ct, openapi3filter.PlainBodyDecoder)
	}
}

// post sends POST target with a body of the given Content-Type.
func (c *client) postBody(target, contentType string, body []byte) *httptest.ResponseRecorder {
	c.t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(string(body)))
	req.Header.Set("Content-Type", contentType)
	return c.do(req)
}

func formatFixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("../testdata/formats/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestPostDocumentsReadsPagesFeedsAndCSV posts each format, good and bad,
// with the real extractor, on both stores.
func TestPostDocumentsReadsPagesFeedsAndCSV(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c := newClient(t, Config{Store: open(t), Extractor: x})

		// A page: the article, its metadata, its outlet as REPORTED_BY.
		rec := c.postBody("/api/v1/documents", "text/html", formatFixture(t, "kyiv-ledger-drones.html"))
		wantStatus(t, rec, http.StatusCreated)
		res := decode[graph.WriteResult](t, rec)
		pageURL := "https://kyivledger.example/news/2023/06/budanov-drones"
		if res.DocumentID != graph.DocumentIDFromURL(pageURL) || res.Statements == 0 {
			t.Errorf("page: %+v", res)
		}
		d := decode[graph.Document](t, c.get(rec.Header().Get("Location")))
		if d.Title != "Budanov: Russia is turning Iranian drones into an industry" || d.Date != "2023-06-14" || d.Source != "Kyiv Ledger" || d.URL != pageURL ||
			strings.Contains(d.Text, "Related stories") {
			t.Errorf("the posted page's document: %+v", d)
		}
		page := decode[graph.StatementPage](t, c.get("/api/v1/statements?outlet=organization:kyiv-ledger"))
		if len(page.Statements) == 0 || page.Statements[0].Speaker.Name != "Kyrylo Budanov" {
			t.Errorf("statements reported by the page's outlet: %+v", page.Statements)
		}
		wantStatus(t, c.postBody("/api/v1/documents", "text/html; charset=utf-8", formatFixture(t, "kyiv-ledger-drones.html")), http.StatusOK)

		// ?url= names where the page came from; a windows-1252 page is
		// decoded by its meta tag.
		rec = c.postBody("/api/v1/documents?url=https://alpinecourier.example/zurich", "text/html", formatFixture(t, "windows-1252-declared.html"))
		wantStatus(t, rec, http.StatusCreated)
		if id := decode[graph.WriteResult](t, rec).DocumentID; id != graph.DocumentIDFromURL("https://alpinecourier.example/zurich") {
			t.Errorf("a page posted with ?url= has id %s", id)
		}
		if d := decode[graph.Document](t, c.get(rec.Header().Get("Location"))); !strings.Contains(d.Text, "“We will not accept") {
			t.Errorf("windows-1252 page: %q", d.Text)
		}

		// A feed: one document per item; the item without text is listed.
		rec = c.postBody("/api/v1/documents", "application/rss+xml", formatFixture(t, "kyiv-ledger.rss"))
		wantStatus(t, rec, http.StatusCreated)
		feed := decode[ingestResult](t, rec)
		if feed.Documents != 3 || feed.Written != 2 || len(feed.Results) != 2 || len(feed.Skipped) != 1 ||
			feed.Skipped[0].Origin != "request:3" || !strings.Contains(feed.Skipped[0].Reason, "no text") {
			t.Errorf("feed: %+v", feed)
		}
		rec = c.postBody("/api/v1/documents", "application/atom+xml", formatFixture(t, "wire.atom"))
		wantStatus(t, rec, http.StatusCreated)

		// CSV: the columns guessed are told; bad rows listed by row.
		rec = c.postBody("/api/v1/documents", "text/csv", formatFixture(t, "export.csv"))
		wantStatus(t, rec, http.StatusCreated)
		rows := decode[ingestResult](t, rec)
		var skipped []string
		for _, s := range rows.Skipped {
			skipped = append(skipped, s.Origin)
		}
		if rows.Documents != 6 || rows.Written != 3 || !slices.Equal(skipped, []string{"request:4", "request:5", "request:6"}) ||
			len(rows.Notes) != 1 || !strings.Contains(rows.Notes[0], `text from "Body" (guessed)`) {
			t.Errorf("csv: %+v", rows)
		}
		rec = c.postBody("/api/v1/documents", "text/csv", formatFixture(t, "export.csv"))
		wantStatus(t, rec, http.StatusOK)
		if again := decode[ingestResult](t, rec); again.Unchanged != 3 {
			t.Errorf("the same CSV again: %+v, want every row unchanged", again)
		}
		rec = c.postBody("/api/v1/documents?csv_text=headline&csv_source=section", "text/tab-separated-values",
			[]byte("headline\tsection\nOfficials in Kyiv said on Monday that the talks had ended.\tWar\n"))
		wantStatus(t, rec, http.StatusCreated)

		// Bad bodies: a problem that says why, nothing stored changes.
		before := decode[graph.Stats](t, c.get("/api/v1/stats"))
		for _, tc := range []struct {
			target, contentType string
			body                []byte
			status              int
			want                string
		}{
			{"/api/v1/documents", "text/html", formatFixture(t, "no-article.html"), http.StatusBadRequest, "no article text"},
			{"/api/v1/documents", "text/html", formatFixture(t, "undeclared-undetectable.html"), http.StatusBadRequest, "declares no character encoding"},
			{"/api/v1/documents?url=javascript:alert(1)", "text/html", formatFixture(t, "kyiv-ledger-drones.html"), http.StatusBadRequest, "url must be an http or https address"},
			{"/api/v1/documents", "application/rss+xml", formatFixture(t, "broken.rss"), http.StatusBadRequest, "not a readable RSS or Atom feed"},
			{"/api/v1/documents", "text/csv", formatFixture(t, "no-text-column.csv"), http.StatusBadRequest, "no column of the header looks like the text"},
			{"/api/v1/documents?csv_text=story", "text/csv", formatFixture(t, "export.csv"), http.StatusBadRequest, `for the text (its columns: Headline, Body`},
			{"/api/v1/documents", "text/csv", []byte("title,text\n"), http.StatusBadRequest, "holds no document"},
			{"/api/v1/documents", "text/csv", []byte("title,text\nx," + strings.Repeat("y", maxBodyBytes) + "\n"), http.StatusRequestEntityTooLarge, "over the limit of 4 MiB"},
			{"/api/v1/documents", "text/html", nil, http.StatusBadRequest, "empty"},
			{"/api/v1/documents", "application/xml", formatFixture(t, "kyiv-ledger.rss"), http.StatusUnsupportedMediaType, "application/rss+xml"},
		} {
			rec := c.postBody(tc.target, tc.contentType, tc.body)
			if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.want) {
				t.Errorf("POST %s (%s): %d %s; want %d saying %q", tc.target, tc.contentType, rec.Code, rec.Body.String(), tc.status, tc.want)
			}
		}
		if after := decode[graph.Stats](t, c.get("/api/v1/stats")); after.Documents != before.Documents || after.Statements != before.Statements {
			t.Errorf("bad posts changed the store: %+v → %+v", before, after)
		}
	})
}

package api

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/ingest"
)

// postedFormats maps the media types POST /documents reads, other than
// application/json, to the ingest format of the body: a web page, an RSS
// or Atom feed, or a CSV or TSV file with a header row.
var postedFormats = map[string]ingest.Format{
	"text/html":                 ingest.FormatHTML,
	"application/xhtml+xml":     ingest.FormatHTML,
	"application/rss+xml":       ingest.FormatFeed,
	"application/atom+xml":      ingest.FormatFeed,
	"text/csv":                  ingest.FormatCSV,
	"text/tab-separated-values": ingest.FormatCSV,
}

// postedFormat returns the format of a POST /documents body by its
// Content-Type, and whether it is one postedFormats knows.
func postedFormat(r *http.Request) (ingest.Format, string, bool) {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return "", ct, false
	}
	f, ok := postedFormats[mt]
	return f, ct, ok
}

// postedSource reads a body of one of postedFormats whole (it is at most
// maxBodyBytes, so that a body over the limit is refused with 413 before
// anything is extracted) and returns the source of its documents, read as
// `entitygraph ingest` reads a file of that format. Query parameters:
// url, the address of a posted page (its id, as a WARC's target URI is);
// csv_text, csv_title, csv_date, csv_source, csv_url and csv_id, the
// columns of a CSV body (see ingest.CSVColumns). notes receives what the
// CSV reader guessed. It returns a TooLarge error for a body over the
// limit and an Invalid error naming a bad url parameter.
func postedSource(c *gin.Context, format ingest.Format, contentType string, notes *[]string) (ingest.Source, error) {
	const op = "api.createDocument"
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, maxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, graph.Errorf(graph.TooLarge, op, "the request body is over the limit of %s", ingest.ByteSize(tooBig.Limit))
		}
		return nil, graph.Errorf(graph.Invalid, op, "cannot read the request body: %v", err)
	}
	if len(body) == 0 {
		return nil, graph.Errorf(graph.Invalid, op, "the request body is empty")
	}
	q := c.Request.URL.Query()
	pageURL := q.Get("url")
	if pageURL != "" {
		if !ingest.IsWebURL(pageURL) {
			return nil, graph.InvalidParam(op, "url", "url must be an http or https address")
		}
	}
	opt := ingest.ReadOptions{
		CSV: ingest.CSVColumns{Text: q.Get("csv_text"), Title: q.Get("csv_title"), Date: q.Get("csv_date"),
			Source: q.Get("csv_source"), URL: q.Get("csv_url"), ID: q.Get("csv_id")},
		Note: func(msg string) { *notes = append(*notes, msg) },
	}
	in := ingest.Input{Name: "request", Format: format, ContentType: contentType, URL: pageURL}
	return func(ctx context.Context, yield func(ingest.Item) error) error {
		return ingest.ReadStream(ctx, bytes.NewReader(body), in, opt, yield)
	}, nil
}

// ingestResult answers a POST of a feed or a CSV file: what became of
// each document, in the order of the body.
type ingestResult struct {
	Documents int                 `json:"documents"`
	Written   int                 `json:"written"`
	Unchanged int                 `json:"unchanged"`
	Folded    int                 `json:"folded"`
	Skipped   []ingest.Skip       `json:"skipped"`
	Results   []graph.WriteResult `json:"results"`
	// Notes say what the server chose by itself: the CSV columns it
	// guessed from the header.
	Notes []string `json:"notes,omitempty"`
}

// meteredExtractor times each extraction for the server's metrics, and
// names outlets as the extractor it wraps does.
type meteredExtractor struct {
	Extractor
	metrics *metrics
}

func (m meteredExtractor) Extract(ctx context.Context, doc graph.Document) (*graph.Extraction, error) {
	done := m.metrics.extracting()
	defer done()
	return m.Extractor.Extract(ctx, doc)
}

// Outlet names the outlet of a document's source as the wrapped extractor
// does; one that names none gives the zero EntityRef, and no outlet is
// then added.
func (m meteredExtractor) Outlet(source string) graph.EntityRef {
	if n, ok := m.Extractor.(ingest.OutletNamer); ok {
		return n.Outlet(source)
	}
	return graph.EntityRef{}
}

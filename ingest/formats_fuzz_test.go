package ingest_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/ingest"
	"github.com/entitygraph/entitygraph/ingest/ingesttest"
)

// FuzzReadFormats reads any bytes as each format ingest reads (HTML, a
// feed, a WARC, CSV): no panic, and every document it lets through has an
// id, a date the store accepts and no url but a web address. Its seeds are
// the fixtures and a small crawl; `go test ./ingest -run '^$' -fuzz
// FuzzReadFormats` searches further.
func FuzzReadFormats(f *testing.F) {
	entries, err := os.ReadDir(fixtures)
	if err != nil {
		f.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(fixtures + e.Name())
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	recs, err := ingesttest.SampleCrawl(fixtures, 1)
	if err != nil {
		f.Fatal(err)
	}
	var warc bytes.Buffer
	if _, err := ingesttest.WriteWARC(&warc, recs, ingesttest.Plain); err != nil {
		f.Fatal(err)
	}
	f.Add(warc.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []ingest.Format{ingest.FormatHTML, ingest.FormatFeed, ingest.FormatWARC, ingest.FormatCSV} {
			err := ingest.ReadStream(context.Background(), bytes.NewReader(data), ingest.Input{Name: "f", Format: format}, ingest.ReadOptions{}, func(it ingest.Item) error {
				if it.Err != nil || it.Ignored != "" {
					return nil
				}
				d := it.Doc
				if strings.TrimSpace(d.ID) == "" || strings.TrimSpace(d.Text) == "" {
					t.Errorf("%s: document without id or text let through: %+v", format, d)
				}
				if _, err := graph.ParseDate(d.Date); err != nil {
					t.Errorf("%s: document with date %q let through", format, d.Date)
				}
				if d.URL != "" && !strings.HasPrefix(d.URL, "http://") && !strings.HasPrefix(d.URL, "https://") {
					t.Errorf("%s: document with url %q let through", format, d.URL)
				}
				return nil
			})
			if err != nil {
				t.Fatalf("%s: %v", format, err)
			}
		}
	})
}

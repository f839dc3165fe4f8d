package ingest_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/ingest"
)

// FuzzReadJSONL checks what reading any input must do: no panic, one item
// per non-blank line (a line over the limit counts once), and every
// document it lets through valid UTF-8 with an id and a text, as the store
// requires. Its seeds (testdata/fuzz/FuzzReadJSONL and these) run with the
// ordinary tests; `go test ./ingest -run '^$' -fuzz FuzzReadJSONL` searches
// further.
func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"id": "a", "text": "First.", "date": "2024-01"}` + "\n" + `{"id": "b", "text": ` + "\n\n"))
	f.Add([]byte("{\"id\": \"d\", \"text\": \"bad \xff byte\"}\r\n{\"id\":\"e\",\"text\":\"\\ud800\"}"))
	f.Add([]byte(`{"id": "x", "text": "T", "url": null, "date": "2024-13-01"}` + "\n" + `[1,2]` + "\n" + `"s"`))
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := 0
		for _, l := range bytes.Split(data, []byte("\n")) {
			if len(bytes.TrimSpace(l)) > 0 {
				lines++
			}
		}
		items := 0
		err := ingest.ReadJSONL(context.Background(), bytes.NewReader(data), "f.jsonl", func(it ingest.Item) error {
			items++
			if !strings.HasPrefix(it.Origin, "f.jsonl:") {
				t.Errorf("origin %q", it.Origin)
			}
			if it.Err != nil {
				return nil
			}
			d := it.Doc
			if strings.TrimSpace(d.ID) == "" || !utf8.ValidString(d.ID) || !utf8.ValidString(d.Text) || !utf8.ValidString(d.Title) {
				t.Errorf("document %+v let through", d)
			}
			if _, err := graph.ParseDate(d.Date); err != nil {
				t.Errorf("document with date %q let through: %v", d.Date, err)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("ReadJSONL: %v", err)
		}
		if items != lines {
			t.Fatalf("%d items for %d non-blank lines", items, lines)
		}
	})
}

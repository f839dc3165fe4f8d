package demo

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/ingest"
)

func TestArticles(t *testing.T) {
	sc := bufio.NewScanner(bytes.NewReader(Articles()))
	sc.Buffer(make([]byte, 0, 64<<10), graph.MaxDocumentBytes+4096)
	seen := map[string]bool{}
	line := 0
	for sc.Scan() {
		line++
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		// Strict decoding: a misspelt field name fails instead of being dropped.
		dec.DisallowUnknownFields()
		var a ingest.DocumentInput
		if err := dec.Decode(&a); err != nil {
			t.Fatalf("line %d: %v", line, err)
		}
		if a.ID == "" || seen[a.ID] {
			t.Errorf("line %d: id %q is empty or repeated", line, a.ID)
		}
		seen[a.ID] = true
		if d, err := graph.ParseDate(a.Date); err != nil || d == "" {
			t.Errorf("%s: date %q is missing or invalid: %v", a.ID, a.Date, err)
		}
		if strings.TrimSpace(a.Text) == "" || len(a.Text) >= graph.MaxDocumentBytes {
			t.Errorf("%s: text is empty or %d bytes, want 1..%d", a.ID, len(a.Text), graph.MaxDocumentBytes-1)
		}
		if a.Title == "" || a.Source == "" || !strings.HasPrefix(a.URL, "https://") {
			t.Errorf("%s: title %q, source %q or url %q is missing", a.ID, a.Title, a.Source, a.URL)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if line < 20 {
		t.Errorf("got %d articles, want at least 20", line)
	}
}

// The demo is only worth loading if the graph connects across documents:
// the people and outlets it is built around must recur.
func TestArticlesRecurringNames(t *testing.T) {
	corpus := string(Articles())
	for _, tc := range []struct {
		name    string
		atLeast int
	}{
		{"Kyrylo Budanov", 3},
		{"Dmitry Peskov", 5},
		{"told Reuters", 5},
		{"Volodymyr Zelensky", 3},
	} {
		if got := strings.Count(corpus, tc.name); got < tc.atLeast {
			t.Errorf("%q occurs %d times, want at least %d", tc.name, got, tc.atLeast)
		}
	}
}

func TestArticlesReturnsCopy(t *testing.T) {
	a := Articles()
	a[0] = 'X'
	if Articles()[0] == 'X' {
		t.Error("editing the result of Articles changed the embedded corpus")
	}
}

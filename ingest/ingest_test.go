package ingest_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/ingest"
)

func TestReadJSONLReportsBadLinesAndKeepsGoing(t *testing.T) {
	input := strings.Join([]string{
		`{"id": "a", "text": "First.", "date": "2024-01"}`,
		`{"id": "b", "text": `, // cut off
		``,
		`{"text": "no id"}`,
		`{"id": "c", "title": "T", "text": "Third.", "gold": ["ignored"]}`,
		"{\"id\": \"d\", \"text\": \"bad \xff byte\"}",
		`{"id": "e", "text": ""}`,
	}, "\n")
	var got []string
	err := ingest.ReadJSONL(context.Background(), strings.NewReader(input), "news.jsonl", func(it ingest.Item) error {
		if it.Err != nil {
			got = append(got, it.Origin+" error")
		} else {
			got = append(got, it.Origin+" "+it.Doc.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"news.jsonl:1 a", "news.jsonl:2 error", "news.jsonl:4 error", "news.jsonl:5 c", "news.jsonl:6 error", "news.jsonl:7 error"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("items = %q\nwant    %q", got, want)
	}
}

func TestTextDocumentTakesTheDateHeaderAndAContentID(t *testing.T) {
	d := ingest.TextDocument(" date 2024-01 North Korea is the largest supplier.\n\nMore text.")
	if d.Date != "2024-01" || !strings.HasPrefix(d.Text, "North Korea") || d.Title != "North Korea is the largest supplier." {
		t.Errorf("document = %+v", d)
	}
	if again := ingest.TextDocument(" date 2024-01 North Korea is the largest supplier.\n\nMore text."); again.ID != d.ID {
		t.Error("the same text gave two document ids")
	}
}

func TestFilesWalksFoldersAndRejectsOtherTypes(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.txt", "a.jsonl", "sub/c.md", "notes.pdf"} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, err := ingest.Files([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	var rel []string
	for _, f := range files {
		r, _ := filepath.Rel(dir, f)
		rel = append(rel, r)
	}
	if fmt.Sprint(rel) != "[a.jsonl b.txt sub/c.md]" {
		t.Errorf("files = %v", rel)
	}
	if _, err := ingest.Files([]string{filepath.Join(dir, "notes.pdf")}); err == nil || !strings.Contains(err.Error(), "notes.pdf") {
		t.Errorf("a .pdf named directly: err = %v, want one naming the file", err)
	}
	if _, err := ingest.Files([]string{filepath.Join(dir, "missing.txt")}); err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("a missing path: err = %v, want one naming it", err)
	}
}

// slowExtractor takes longer for earlier documents, so that a pool that
// wrote in completion order would write out of input order.
type slowExtractor struct{}

func (slowExtractor) Extract(ctx context.Context, doc graph.Document) (*graph.Extraction, error) {
	if strings.Contains(doc.Text, "reject") {
		return nil, graph.Errorf(graph.Invalid, "fake", "document is empty")
	}
	n := len(doc.ID)
	time.Sleep(time.Duration(10-n%10) * time.Millisecond)
	return &graph.Extraction{Document: doc}, nil
}

type recordingWriter struct {
	mu      sync.Mutex
	written []string
	failAt  string
}

func (w *recordingWriter) WriteExtraction(ctx context.Context, x *graph.Extraction) (graph.WriteResult, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if x.Document.ID == w.failAt {
		return graph.WriteResult{}, graph.Errorf(graph.Unavailable, "fake", "store is down")
	}
	w.written = append(w.written, x.Document.ID)
	return graph.WriteResult{DocumentID: x.Document.ID}, nil
}

func docs(ids ...string) ingest.Source {
	return func(ctx context.Context, yield func(ingest.Item) error) error {
		for _, id := range ids {
			it := ingest.Item{Origin: "test:" + id, Doc: graph.Document{ID: id, Text: "text " + id}}
			if id == "bad" {
				it.Doc.Text = "reject"
			}
			if err := yield(it); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestRunWritesInInputOrderAndSkipsBadDocuments(t *testing.T) {
	ids := []string{"d1", "d22", "bad", "d333", "d4444", "d5", "d66"}
	w := &recordingWriter{}
	sum, err := ingest.Run(context.Background(), w, slowExtractor{}, docs(ids...), ingest.Options{Workers: 4})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(w.written); got != "[d1 d22 d333 d4444 d5 d66]" {
		t.Errorf("written in order %s", got)
	}
	if sum.Documents != 7 || sum.Written != 6 || len(sum.Skipped) != 1 || sum.Skipped[0].Origin != "test:bad" {
		t.Errorf("summary = %+v", sum)
	}
}

func TestRunStopsWhenTheStoreIsDown(t *testing.T) {
	w := &recordingWriter{failAt: "d3"}
	sum, err := ingest.Run(context.Background(), w, slowExtractor{}, docs("d1", "d2", "d3", "d4", "d5"), ingest.Options{Workers: 2})
	if graph.ErrorCode(err) != graph.Unavailable || !strings.Contains(err.Error(), "test:d3") {
		t.Fatalf("err = %v, want the store's Unavailable error naming the document", err)
	}
	if fmt.Sprint(w.written) != "[d1 d2]" || sum.Written != 2 {
		t.Errorf("written %v, summary %+v; want d1 and d2 only", w.written, sum)
	}
}

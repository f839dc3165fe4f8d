package ingest_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/ingest"
)

// labelledDoc is a document of the labelled set of syndicated copies
// (testdata/dedupe): its story names the reports that are copies.
type labelledDoc struct {
	graph.Document
	Story string `json:"story"`
}

func readLabelledSet(t *testing.T) []labelledDoc {
	t.Helper()
	f, err := os.Open("../testdata/dedupe/labelled.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var docs []labelledDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d labelledDoc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return docs
}

func sourceOf(docs []labelledDoc) ingest.Source {
	return func(ctx context.Context, yield func(ingest.Item) error) error {
		for _, d := range docs {
			if err := yield(ingest.Item{Origin: d.ID, Format: ingest.FormatJSONL, Doc: d.Document}); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestIntoStoreFoldsCopiesAcrossRuns ingests the labelled set in two runs,
// and backwards in one: both end with one document per story, each the
// story's first report with the others as its copies, and the same
// graph; ingesting it all again changes nothing. The briefing that runs
// the nuclear and the ports wire stories whole is, by its text, a copy of
// both (the detector's known false pairs), and so joins the two stories
// into one document (see graph/copies.go).
func TestIntoStoreFoldsCopiesAcrossRuns(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	docs := readLabelledSet(t)
	ingestAll := func(s graph.Store, parts ...[]labelledDoc) ingest.Summary {
		var total ingest.Summary
		for _, p := range parts {
			sum, err := ingest.IntoStore(t.Context(), s, x, sourceOf(p), ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			total.Documents += sum.Documents
			total.Written += sum.Written
			total.Unchanged += sum.Unchanged
			total.Folded += sum.Folded
		}
		return total
	}
	inTwoRuns := openSQLite(t)
	sum := ingestAll(inTwoRuns, docs[:20], docs[20:])
	backwards := openSQLite(t)
	reversed := slices.Clone(docs)
	slices.Reverse(reversed)
	ingestAll(backwards, reversed)

	// A story's first report: the earliest date, then the smallest id.
	first := map[string]labelledDoc{}
	for _, d := range docs {
		if f, ok := first[d.Story]; !ok || graph.FirstReport(d.Date, d.ID, f.Date, f.ID) {
			first[d.Story] = d
		}
	}
	first["briefing"], first["ports"] = first["nuclear"], first["nuclear"]
	stories := map[string]bool{}
	for _, f := range first {
		stories[f.ID] = true
	}
	if sum.Written != len(docs) || sum.Folded != len(docs)-len(stories) {
		t.Errorf("summary: %+v, want %d written, %d folded", sum, len(docs), len(docs)-len(stories))
	}
	// How the stored grouping scores against the labels, pair by pair.
	group := map[string]string{}
	for _, d := range docs {
		got, err := inTwoRuns.Document(t.Context(), d.ID)
		if err != nil {
			t.Fatal(err)
		}
		group[d.ID] = got.ID
	}
	var tp, fp, fn int
	for i, a := range docs {
		for _, b := range docs[i+1:] {
			got, want := group[a.ID] == group[b.ID], a.Story == b.Story
			switch {
			case got && want:
				tp++
			case got:
				fp++
			case want:
				fn++
			}
		}
	}
	t.Logf("%d documents stored for %d reports; pairs in one document: precision %.3f, recall %.3f (%d right, %d wrong, %d missed)",
		len(stories), len(docs), float64(tp)/float64(tp+fp), float64(tp)/float64(tp+fn), tp, fp, fn)
	for _, s := range []graph.Store{inTwoRuns, backwards} {
		st, err := s.Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if st.Documents != len(stories) {
			t.Errorf("%d documents, want %d (one per story)", st.Documents, len(stories))
		}
		for _, d := range docs {
			got, err := s.Document(t.Context(), d.ID)
			if err != nil {
				t.Fatal(err)
			}
			if want := first[d.Story].ID; got.ID != want || (d.ID != want) != (got.RequestedCopy != nil) {
				t.Errorf("document %s answers as %s (requested copy %v), want %s", d.ID, got.ID, got.RequestedCopy, want)
			}
		}
	}
	for _, read := range []func(graph.Store) (any, error){
		func(s graph.Store) (any, error) { return s.Stats(t.Context()) },
		func(s graph.Store) (any, error) { return s.Documents(t.Context(), graph.DocumentQuery{}) },
		func(s graph.Store) (any, error) {
			return s.Statements(t.Context(), graph.StatementQuery{Outlet: "organization:harbour-times", Page: graph.PageRequest{Size: 500}})
		},
		func(s graph.Store) (any, error) {
			return s.Neighbors(t.Context(), []string{"person:kyrylo-budanov"}, 100, graph.LinkFilter{})
		},
	} {
		a, err := read(inTwoRuns)
		if err != nil {
			t.Fatal(err)
		}
		b, err := read(backwards)
		if err != nil {
			t.Fatal(err)
		}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Errorf("in two runs and backwards differ:\n%s\n%s", ja, jb)
		}
	}
	before, _ := inTwoRuns.Stats(t.Context())
	again := ingestAll(inTwoRuns, docs)
	after, _ := inTwoRuns.Stats(t.Context())
	if again.Unchanged != len(docs) || again.Folded != len(docs)-len(stories) || fmt.Sprint(before) != fmt.Sprint(after) {
		t.Errorf("ingesting again: %+v; stats %v, before %v", again, after, before)
	}
}

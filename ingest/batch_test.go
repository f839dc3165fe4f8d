package ingest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/ingest"
)

// lastFirstExtractor extracts the first document only after all the
// others, so that they are all done when the writer takes the first, and
// Run writes them in one batch.
type lastFirstExtractor struct {
	ingest.Extractor
	first  string
	others sync.WaitGroup
}

func newLastFirstExtractor(x ingest.Extractor, ids ...string) *lastFirstExtractor {
	e := &lastFirstExtractor{Extractor: x, first: ids[0]}
	e.others.Add(len(ids) - 1)
	return e
}

func (e *lastFirstExtractor) Extract(ctx context.Context, doc graph.Document) (*graph.Extraction, error) {
	if doc.ID == e.first {
		e.others.Wait()
		// The workers hand their results over just after Extract returns.
		time.Sleep(50 * time.Millisecond)
	} else {
		defer e.others.Done()
	}
	x, err := e.Extractor.Extract(ctx, doc)
	if err == nil && doc.ID == "bad" {
		x.Document.Date = "2024-13"
	}
	return x, err
}

// batchRecorder is a store that records the document ids of each write
// call it is given, a batch or a single document.
type batchRecorder struct {
	graph.Store
	bw    graph.BatchWriter
	calls [][]string
	// fits, when not 0, is the most documents WriteExtractions takes: a
	// longer batch is refused as too large, as Neo4j refuses a
	// transaction over its memory.
	fits int
}

func (r *batchRecorder) WriteExtraction(ctx context.Context, x *graph.Extraction) (graph.WriteResult, error) {
	r.calls = append(r.calls, []string{x.Document.ID})
	return r.Store.WriteExtraction(ctx, x)
}

func (r *batchRecorder) WriteExtractions(ctx context.Context, xs []*graph.Extraction) ([]graph.WriteResult, error) {
	var ids []string
	for _, x := range xs {
		ids = append(ids, x.Document.ID)
	}
	r.calls = append(r.calls, ids)
	if r.fits > 0 && len(xs) > r.fits {
		return nil, graph.Errorf(graph.TooLarge, "batchRecorder", "%d documents are more than the %d that fit in one transaction", len(xs), r.fits)
	}
	return r.bw.WriteExtractions(ctx, xs)
}

// TestRunResolvesTheSameWhateverTheBatches ingests a document that names
// Kyrylo Budanov in full and one that names him "Budanov", in one batch
// and one document at a time: the surname joins him both times, although
// in the batch the first document is not written yet when the second is
// resolved.
func TestRunResolvesTheSameWhateverTheBatches(t *testing.T) {
	docs := speechExtractor{"d1": {"Kyrylo Budanov", "Andrii Yusov"}, "d2": {"Budanov", "Yusov"}, "d3": {"Kim Jong Un=Kim"}, "d4": {"Kim", "Budanov"}}
	docIDs := []string{"d1", "d2", "d3", "d4"}
	tests := []struct {
		batchSize int
		calls     string
	}{
		{1, "[[d1] [d2] [d3] [d4]]"},
		{64, "[[d1 d2 d3 d4]]"},
	}
	var graphs []string
	for _, tt := range tests {
		t.Run(fmt.Sprint("batch size ", tt.batchSize), func(t *testing.T) {
			s := openSQLite(t)
			w := &batchRecorder{Store: s, bw: s}
			opt := ingest.Options{Workers: len(docIDs), BatchSize: tt.batchSize, Resolver: ingest.NewSurnameResolver(s)}
			sum, err := ingest.Run(t.Context(), w, newLastFirstExtractor(docs, docIDs...), docs.source(docIDs...), opt)
			if err != nil || sum.Written != len(docIDs) {
				t.Fatalf("Run = %+v, %v", sum, err)
			}
			if got := fmt.Sprint(w.calls); got != tt.calls {
				t.Fatalf("write calls %s, want %s", got, tt.calls)
			}
			want := []string{"person:andrii-yusov", "person:kim-jong-un", "person:kyrylo-budanov"}
			if got := ids(persons(t, s)); !slices.Equal(got, want) {
				t.Errorf("persons = %v, want %v", got, want)
			}
			page, err := s.Statements(t.Context(), graph.StatementQuery{Page: graph.PageRequest{Size: graph.MaxPageSize}})
			if err != nil {
				t.Fatal(err)
			}
			state, err := json.Marshal([]any{persons(t, s), page.Statements})
			if err != nil {
				t.Fatal(err)
			}
			graphs = append(graphs, string(state))
		})
	}
	if len(graphs) == 2 && graphs[0] != graphs[1] {
		t.Errorf("the graphs differ:\nbatch size 1:  %s\nbatch size 64: %s", graphs[0], graphs[1])
	}
}

// TestRunSkipsTheBadDocumentOfABatch has the store reject a batch for one
// invalid document: Run writes the batch again in halves, down to the
// document the store rejects on its own, skips only that one and writes
// the others.
func TestRunSkipsTheBadDocumentOfABatch(t *testing.T) {
	docs := speechExtractor{"d1": {"Kyrylo Budanov"}, "bad": {"Andrii Yusov"}, "d3": {"Kim Jong Un"}}
	docIDs := []string{"d1", "bad", "d3"}
	s := openSQLite(t)
	w := &batchRecorder{Store: s, bw: s}
	var progress []int
	opt := ingest.Options{Workers: len(docIDs), Progress: func(sum ingest.Summary) { progress = append(progress, sum.Documents) }}
	sum, err := ingest.Run(t.Context(), w, newLastFirstExtractor(docs, docIDs...), docs.source(docIDs...), opt)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(w.calls); got != "[[d1 bad d3] [d1] [bad d3] [bad] [d3]]" {
		t.Errorf("write calls %s, want the batch, then its halves, then the half with bad in halves", got)
	}
	if sum.Documents != 3 || sum.Written != 2 || len(sum.Skipped) != 1 || sum.Skipped[0].Origin != "bad" {
		t.Errorf("summary = %+v, want d1 and d3 written and bad skipped", sum)
	}
	if fmt.Sprint(progress) != "[1 2 3]" {
		t.Errorf("progress after documents %v, want after each of the three", progress)
	}
	if got := ids(persons(t, s)); fmt.Sprint(got) != "[person:kim-jong-un person:kyrylo-budanov]" {
		t.Errorf("persons = %v, want those of d1 and d3", got)
	}
}

// TestRunWritesABatchTooLargeInHalves has the store refuse a batch of more
// than two documents as too large for one transaction: Run writes it in
// halves, skips nothing, and writes the batches after it at the size
// that fitted without trying the bigger size again.
func TestRunWritesABatchTooLargeInHalves(t *testing.T) {
	docs := speechExtractor{"d1": {"Kyrylo Budanov"}, "d2": {"Andrii Yusov"}, "d3": {"Kim Jong Un"}, "d4": {"Budanov"},
		"d5": {"Volodymyr Zelensky"}, "d6": {"Zelensky"}, "d7": {"Yusov"}, "d8": {"Kim Yo Jong"}}
	docIDs := []string{"d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8"}
	s := openSQLite(t)
	w := &batchRecorder{Store: s, bw: s, fits: 2}
	opt := ingest.Options{Workers: 1, BatchSize: 4, BatchWait: time.Minute}
	sum, err := ingest.Run(t.Context(), w, steadyExtractor{docs}, docs.source(docIDs...), opt)
	if err != nil || sum.Written != len(docIDs) || len(sum.Skipped) != 0 {
		t.Fatalf("Run = %+v, %v; want all %d documents written", sum, err, len(docIDs))
	}
	if got := fmt.Sprint(w.calls); got != "[[d1 d2 d3 d4] [d1 d2] [d3 d4] [d5 d6] [d7 d8]]" {
		t.Errorf("write calls %s, want the first batch, its halves, then batches of two", got)
	}
	if got := ids(persons(t, s)); len(got) != len(docIDs) {
		t.Errorf("persons = %v, want the one each document names", got)
	}
}

// steadyExtractor takes a while over each document, so that the writer
// is always waiting for the next one.
type steadyExtractor struct{ ingest.Extractor }

func (e steadyExtractor) Extract(ctx context.Context, doc graph.Document) (*graph.Extraction, error) {
	time.Sleep(20 * time.Millisecond)
	return e.Extractor.Extract(ctx, doc)
}

// TestRunFillsBatchesWhenExtractionIsTheSlowerSide extracts one document
// at a time, slower than the store writes: the writer still writes full
// batches (a transaction per document would rewrite the pages every
// document touches once per document), and the input's end writes the
// rest without waiting.
func TestRunFillsBatchesWhenExtractionIsTheSlowerSide(t *testing.T) {
	docs := speechExtractor{"d1": {"Kyrylo Budanov"}, "d2": {"Andrii Yusov"}, "d3": {"Kim Jong Un"}, "d4": {"Budanov"}}
	s := openSQLite(t)
	w := &batchRecorder{Store: s, bw: s}
	opt := ingest.Options{Workers: 1, BatchSize: 3, BatchWait: time.Minute}
	sum, err := ingest.Run(t.Context(), w, steadyExtractor{docs}, docs.source("d1", "d2", "d3", "d4"), opt)
	if err != nil || sum.Written != 4 {
		t.Fatalf("Run = %+v, %v", sum, err)
	}
	if got := fmt.Sprint(w.calls); got != "[[d1 d2 d3] [d4]]" {
		t.Errorf("write calls %s, want [[d1 d2 d3] [d4]]", got)
	}
}

package neo4j_test

import (
	"context"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/neo4j"
	"github.com/entitygraph/entitygraph/graph/neo4j/neo4jtest"
	"github.com/entitygraph/entitygraph/ingest"
)

// extractions is an ingest.Extractor that gives the extraction made
// beforehand for each document id.
type extractions map[string]*graph.Extraction

func (xs extractions) Extract(_ context.Context, doc graph.Document) (*graph.Extraction, error) {
	return xs[doc.ID], nil
}

// TestBatchOverTheTransactionMemory: on a server that gives a transaction
// 8 MB, a batch of 60 demo documents is refused as too large for its
// memory (not as Neo4j being down, which would stop an ingest), leaving
// nothing written; ingest, given them as one batch, writes them all in
// halves, and the store holds every document and statement.
func TestBatchOverTheTransactionMemory(t *testing.T) {
	ctx := t.Context()
	s, err := neo4j.Open(ctx, neo4jtest.Limited(t, "8m"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	docs := neo4jtest.DemoExtractions(60)

	_, err = s.WriteExtractions(ctx, docs)
	if graph.ErrorCode(err) != graph.TooLarge || !strings.Contains(graph.ErrorMessage(err), "db.memory.transaction.max") {
		t.Fatalf("writing 60 documents in 8 MB: %v (code %q), want a too_large error that names db.memory.transaction.max", err, graph.ErrorCode(err))
	}
	if st, err := s.Stats(ctx); err != nil || st.Documents != 0 {
		t.Fatalf("after the refused batch: %+v, %v; want nothing written", st, err)
	}

	byID := extractions{}
	var items []ingest.Item
	for _, x := range docs {
		byID[x.Document.ID] = x
		items = append(items, ingest.Item{Origin: x.Document.ID, Doc: x.Document})
	}
	src := func(ctx context.Context, yield func(ingest.Item) error) error {
		for _, it := range items {
			if err := yield(it); err != nil {
				return err
			}
		}
		return nil
	}
	sum, err := ingest.Run(ctx, s, byID, src, ingest.Options{BatchSize: len(docs)})
	if err != nil || sum.Written != len(docs) || len(sum.Skipped) != 0 {
		t.Fatalf("ingest = %+v, %v; want all %d documents written", sum, err, len(docs))
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != len(docs) {
		t.Errorf("the store holds %d documents, want %d", st.Documents, len(docs))
	}
	want := 0
	for _, x := range docs {
		want += len(x.Statements)
	}
	if st.Statements != want {
		t.Errorf("the store holds %d statements, want the documents' %d", st.Statements, want)
	}
}

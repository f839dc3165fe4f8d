package neo4j_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/neo4j"
	"github.com/entitygraph/entitygraph/graph/neo4j/neo4jtest"
	"github.com/entitygraph/entitygraph/ingest"
)

// BenchmarkWrite measures how fast demo-style documents go into Neo4j:
// as ingest writes them (WriteExtractions, 64 documents per transaction,
// each step one UNWIND over all their rows), one transaction per document
// (WriteExtraction, UNWIND rows), and one transaction per document sending
// one row per query. It reports documents and statements per second; the
// ratios of the writers are the figure. Each case first writes 300 other documents
// and wipes them, untimed: a fresh Neo4j JVM runs several times slower
// until its JIT has compiled the write path, which would penalize
// whichever case ran first. Run:
//
//	go test ./graph/neo4j -run '^$' -bench Write -benchtime 1x
func BenchmarkWrite(b *testing.B) {
	ctx := context.Background()
	warmup := neo4jtest.DemoExtractions(300)
	for _, n := range []int{1000, 10000} {
		docs := neo4jtest.DemoExtractions(n)
		statements := 0
		for _, x := range docs {
			statements += len(x.Statements)
		}
		for _, w := range []struct {
			name  string
			write func(*neo4j.Store, []*graph.Extraction) error
		}{
			{"ingest-batches", func(s *neo4j.Store, xs []*graph.Extraction) error {
				for start := 0; start < len(xs); start += ingest.DefaultBatchSize {
					if _, err := s.WriteExtractions(ctx, xs[start:min(start+ingest.DefaultBatchSize, len(xs))]); err != nil {
						return err
					}
				}
				return nil
			}},
			{"per-document", eachDocument(func(s *neo4j.Store, x *graph.Extraction) error { _, err := s.WriteExtraction(ctx, x); return err })},
			{"row-by-row", eachDocument(func(s *neo4j.Store, x *graph.Extraction) error { _, err := s.WriteRowByRow(ctx, x); return err })},
		} {
			b.Run(fmt.Sprintf("docs=%d/%s", n, w.name), func(b *testing.B) {
				s := neo4jtest.Open(b)
				cfg := neo4jtest.Config(b)
				if err := w.write(s, warmup); err != nil {
					b.Fatal(err)
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					neo4jtest.Wipe(b, cfg)
					b.StartTimer()
					if err := w.write(s, docs); err != nil {
						b.Fatal(err)
					}
				}
				secs := b.Elapsed().Seconds()
				b.ReportMetric(float64(n*b.N)/secs, "docs/s")
				b.ReportMetric(float64(statements*b.N)/secs, "statements/s")
			})
		}
	}
}

// eachDocument writes a list one document at a time with write.
func eachDocument(write func(*neo4j.Store, *graph.Extraction) error) func(*neo4j.Store, []*graph.Extraction) error {
	return func(s *neo4j.Store, xs []*graph.Extraction) error {
		for _, x := range xs {
			if err := write(s, x); err != nil {
				return err
			}
		}
		return nil
	}
}

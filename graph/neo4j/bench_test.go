package neo4j_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/neo4j"
	"github.com/entitygraph/entitygraph/graph/neo4j/neo4jtest"
)

// BenchmarkWrite measures how fast demo-style documents go into Neo4j,
// one transaction per document (WriteExtraction; ingest writes several
// per transaction, see scripts/bench-ingest): batched (UNWIND rows, as
// built) against the same transactions sending one row per query. It reports documents and statements per second; the ratio of the
// two writers is the figure. Each case first writes 300 other documents
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
			write func(*neo4j.Store, *graph.Extraction) error
		}{
			{"batched", func(s *neo4j.Store, x *graph.Extraction) error { _, err := s.WriteExtraction(ctx, x); return err }},
			{"row-by-row", func(s *neo4j.Store, x *graph.Extraction) error { _, err := s.WriteRowByRow(ctx, x); return err }},
		} {
			b.Run(fmt.Sprintf("docs=%d/%s", n, w.name), func(b *testing.B) {
				s := neo4jtest.Open(b)
				cfg := neo4jtest.Config(b)
				for _, x := range warmup {
					if err := w.write(s, x); err != nil {
						b.Fatal(err)
					}
				}
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					neo4jtest.Wipe(b, cfg)
					b.StartTimer()
					for _, x := range docs {
						if err := w.write(s, x); err != nil {
							b.Fatal(err)
						}
					}
				}
				secs := b.Elapsed().Seconds()
				b.ReportMetric(float64(n*b.N)/secs, "docs/s")
				b.ReportMetric(float64(statements*b.N)/secs, "statements/s")
			})
		}
	}
}

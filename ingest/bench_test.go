package ingest_test

import (
	"cmp"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/sqlite"
	"github.com/entitygraph/entitygraph/ingest"
	"github.com/entitygraph/entitygraph/internal/cputime"
	"github.com/entitygraph/entitygraph/internal/synth"
)

// BenchmarkIngestWireCorpus ingests the synthetic wire corpus of the scale
// benchmark (internal/synth) as text into a SQLite file, with the default
// workers and batches, and reports documents/s end to end; the
// "extract-only" case runs the same extraction without a store, the
// ceiling the issue compares ingest with. b.N is the number of documents.
//
//	go test ./ingest -run '^$' -bench IngestWireCorpus -benchtime 2000x
//
// With ENTITYGRAPH_BENCH_INTO=PATH the "store" case writes into the SQLite
// file at PATH instead of an empty one (give it a copy: the documents,
// of a corpus of ENTITYGRAPH_BENCH_ENTITIES entities with seed 2, are
// new to a store that bench-scale built with seed 1), to time ingest into
// a store that is already large.

func BenchmarkIngestWireCorpus(b *testing.B) {
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	into := os.Getenv("ENTITYGRAPH_BENCH_INTO")
	corpus := func(n int) ingest.Source {
		cfg := synth.Config{Entities: n * 100 / 53, Seed: 1}
		if into != "" {
			entities, err := strconv.Atoi(os.Getenv("ENTITYGRAPH_BENCH_ENTITIES"))
			if err != nil {
				b.Fatalf("ENTITYGRAPH_BENCH_INTO needs ENTITYGRAPH_BENCH_ENTITIES, the size of the store's corpus: %v", err)
			}
			cfg = synth.Config{Entities: entities, Seed: 2}
		}
		c := synth.New(cfg)
		return func(ctx context.Context, yield func(ingest.Item) error) error {
			for range n {
				d, ok := c.Next()
				if !ok {
					return nil
				}
				if err := yield(ingest.Item{Origin: d.Document.ID, Format: ingest.FormatJSONL, Doc: d.Document}); err != nil {
					return err
				}
			}
			return nil
		}
	}
	report := func(b *testing.B, sum ingest.Summary, cpu0 time.Duration, disk0 int64) {
		b.ReportMetric(float64(sum.Written)/b.Elapsed().Seconds(), "docs/s")
		b.ReportMetric(float64((cputime.Process()-cpu0).Microseconds())/1000/float64(sum.Written), "cpu-ms/doc")
		b.ReportMetric(float64(cputime.DiskWrites()-disk0)/1024/float64(sum.Written), "disk-KiB/doc")
	}
	b.Run("store", func(b *testing.B) {
		path := cmp.Or(into, filepath.Join(b.TempDir(), "g.db"))
		s, err := sqlite.Open(b.Context(), path)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		src := corpus(b.N)
		b.ResetTimer()
		cpu0, disk0 := cputime.Process(), cputime.DiskWrites()
		sum, err := ingest.IntoStore(b.Context(), s, x, src, ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		report(b, sum, cpu0, disk0)
	})
	b.Run("extract-only", func(b *testing.B) {
		src := corpus(b.N)
		b.ResetTimer()
		cpu0, disk0 := cputime.Process(), cputime.DiskWrites()
		sum, err := ingest.Run(b.Context(), discard{}, x, src, ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		report(b, sum, cpu0, disk0)
	})
}

// discard is a writer that keeps nothing.
type discard struct{}

func (discard) WriteExtraction(context.Context, *graph.Extraction) (graph.WriteResult, error) {
	return graph.WriteResult{}, nil
}

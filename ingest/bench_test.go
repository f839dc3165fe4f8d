package ingest_test

import (
	"context"
	"path/filepath"
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

func BenchmarkIngestWireCorpus(b *testing.B) {
	x, err := extract.New()
	if err != nil {
		b.Fatal(err)
	}
	corpus := func(n int) ingest.Source {
		c := synth.New(synth.Config{Entities: n * 100 / 53, Seed: 1})
		return func(ctx context.Context, yield func(ingest.Item) error) error {
			for d, ok := c.Next(); ok; d, ok = c.Next() {
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
		s, err := sqlite.Open(b.Context(), filepath.Join(b.TempDir(), "g.db"))
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

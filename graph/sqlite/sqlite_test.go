package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/sqlite"
	"github.com/entitygraph/entitygraph/graph/storetest"
	"github.com/entitygraph/entitygraph/internal/cputime"
	"github.com/entitygraph/entitygraph/internal/synth"
)

// MustOpen opens a store on a new file in a temporary folder and closes it
// when the test ends.
func MustOpen(tb testing.TB) *sqlite.Store {
	tb.Helper()
	return mustOpenPath(tb, filepath.Join(tb.TempDir(), "graph.db"))
}

func mustOpenPath(tb testing.TB, path string) *sqlite.Store {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("Open(%s): %v", path, err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store { return MustOpen(t) })
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "graph.db")
	ctx := t.Context()
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	storetest.Write(t, s, storetest.SeedExtractions()...)
	before, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s = mustOpenPath(t, path)
	after, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Documents != 4 || after.Entities != before.Entities || after.Statements != before.Statements {
		t.Errorf("after reopening: %+v, want %+v", after, before)
	}
	// The search index survives too, and a rewrite is still recognized.
	p, err := s.SearchEntities(ctx, graph.EntityQuery{Text: "buda"})
	if err != nil || len(p.Entities) != 1 || p.Entities[0].ID != storetest.Budanov {
		t.Errorf("search after reopening = %v, %v; want Budanov", p.Entities, err)
	}
	res, err := s.WriteExtraction(ctx, storetest.SeedExtractions()[0])
	if err != nil || !res.Unchanged {
		t.Errorf("rewrite after reopening = %+v, %v; want Unchanged", res, err)
	}
}

// TestTwoStoresOnOneFile writes from two Store values on the same file at
// once, as two processes would: both succeed and both see every document.
func TestTwoStoresOnOneFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "graph.db")
	stores := []*sqlite.Store{mustOpenPath(t, path), mustOpenPath(t, path)}
	const perStore = 20
	var wg sync.WaitGroup
	errs := make(chan error, len(stores)*perStore)
	for i, s := range stores {
		wg.Go(func() {
			for n := range perStore {
				x := storetest.SeedExtractions()[n%4]
				x.Document.ID = fmt.Sprintf("store%d-doc%d", i, n)
				for j := range x.Statements {
					x.Statements[j].ID = graph.StatementID(x.Document.ID, x.Statements[j].Start, x.Statements[j].End, x.Statements[j].Speaker.ID)
					x.Statements[j].DocumentID = x.Document.ID
				}
				if _, err := s.WriteExtraction(t.Context(), x); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent write: %v", err)
	}
	for i, s := range stores {
		st, err := s.Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if st.Documents != len(stores)*perStore {
			t.Errorf("store %d sees %d documents, want %d", i, st.Documents, len(stores)*perStore)
		}
	}
	e, err := stores[0].Entity(t.Context(), storetest.Russia)
	if err != nil {
		t.Fatal(err)
	}
	// Every seed document names Russia.
	if e.Documents != len(stores)*perStore {
		t.Errorf("Russia is named in %d documents, want %d", e.Documents, len(stores)*perStore)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(notDB, []byte("this is not a database, just some text that is long enough to be read as a header"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
		code graph.Code
	}{
		{"empty path", "", graph.Invalid},
		{"in memory", ":memory:", graph.Invalid},
		{"folder that does not exist", filepath.Join(dir, "missing", "graph.db"), graph.Unavailable},
		{"a folder, not a file", dir, graph.Unavailable},
		{"not a database", notDB, graph.Unavailable},
	}
	for _, tt := range tests {
		s, err := sqlite.Open(t.Context(), tt.path)
		if err == nil {
			s.Close()
		}
		if graph.ErrorCode(err) != tt.code {
			t.Errorf("%s: Open(%q) = %v, want a %s error", tt.name, tt.path, err, tt.code)
		}
	}
}

// BenchmarkWriteExtraction writes distinct seed-like documents (each names
// Russia and North Korea, as a news corpus on one topic does) and reports
// documents per second.
func BenchmarkWriteExtraction(b *testing.B) {
	s := MustOpen(b)
	seed := storetest.SeedExtractions()
	xs := make([]*graph.Extraction, b.N)
	for n := range xs {
		x := *seed[n%len(seed)]
		x.Document.ID = fmt.Sprintf("bench-%d", n)
		x.Statements = append([]graph.Statement(nil), x.Statements...)
		for j := range x.Statements {
			x.Statements[j].ID = graph.StatementID(x.Document.ID, x.Statements[j].Start, x.Statements[j].End, x.Statements[j].Speaker.ID)
			x.Statements[j].DocumentID = x.Document.ID
		}
		xs[n] = &x
	}
	ctx := context.Background()
	b.ResetTimer()
	for n := range b.N {
		if _, err := s.WriteExtraction(ctx, xs[n]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}

// TestLockedFile holds the write lock from another connection, as another
// process ingesting would: a write whose deadline passes meanwhile fails
// as Unavailable when its deadline is up, not after the busy timeout, and
// writes nothing.
func TestLockedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "graph.db")
	s := mustOpenPath(t, path)
	other, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(t.Context(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = s.WriteExtraction(ctx, storetest.SeedExtractions()[0])
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("a write to a locked file took %v, want about its 300ms deadline", took)
	}
	if graph.ErrorCode(err) != graph.Unavailable {
		t.Errorf("write to a locked file = %v, want an Unavailable error", err)
	}
	if _, err := conn.ExecContext(t.Context(), "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if st, err := s.Stats(t.Context()); err != nil || st.Documents != 0 {
		t.Errorf("after the failed write: %+v, %v; want no documents", st, err)
	}
}

// BenchmarkWriteWireCorpus writes a synthetic wire corpus (internal/synth,
// the scale benchmark's; about b.N documents) in batches of the store's
// PreferredBatchSize, as ingest does, and reports documents per second
// and, per document, the process's CPU time and bytes written to disk:
// the store's share of ingest.
//
//	go test ./graph/sqlite -run '^$' -bench WriteWireCorpus -benchtime 4000x
func BenchmarkWriteWireCorpus(b *testing.B) {
	s := MustOpen(b)
	c := synth.New(synth.Config{Entities: b.N * 100 / 53, Seed: 1})
	var xs []*graph.Extraction
	for d, ok := c.Next(); ok; d, ok = c.Next() {
		xs = append(xs, d.Extraction)
	}
	batch := s.PreferredBatchSize()
	b.ResetTimer()
	cpu0, disk0 := cputime.Process(), cputime.DiskWrites()
	for start := 0; start < len(xs); start += batch {
		if _, err := s.WriteExtractions(context.Background(), xs[start:min(start+batch, len(xs))]); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(xs))/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64((cputime.Process()-cpu0).Microseconds())/1000/float64(len(xs)), "cpu-ms/doc")
	b.ReportMetric(float64(cputime.DiskWrites()-disk0)/1024/float64(len(xs)), "disk-KiB/doc")
}

// wireStore returns a store holding the synthetic wire corpus of the
// given size (internal/synth, seed 1), built once and kept in the system's
// temporary folder across runs (named after the size and this package's
// schema; rename it when the schema changes), since writing it takes a
// minute.
func wireStore(b *testing.B, entities int) *sqlite.Store {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("entitygraph-bench-wire-%d-v7.db", entities))
	if _, err := os.Stat(path); err != nil {
		s := mustOpenPath(b, path+".tmp")
		c := synth.New(synth.Config{Entities: entities, Seed: 1})
		var xs []*graph.Extraction
		for d, ok := c.Next(); ok; d, ok = c.Next() {
			if xs = append(xs, d.Extraction); len(xs) == 256 {
				if _, err := s.WriteExtractions(context.Background(), xs); err != nil {
					b.Fatal(err)
				}
				xs = xs[:0]
			}
		}
		if _, err := s.WriteExtractions(context.Background(), xs); err != nil {
			b.Fatal(err)
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		if err := os.Rename(path+".tmp", path); err != nil {
			b.Fatal(err)
		}
	}
	return mustOpenPath(b, path)
}

// BenchmarkNeighborhood reads the neighborhoods the explorer asks for
// around a hub country and the most mentioned person of the wire corpus,
// again and again (the rows cache serves the repeats) and with the cache
// emptied before each read ("uncached"): of 10k entities, or of ENTITYGRAPH_BENCH_ENTITIES (a 100k store takes
// 15-30 minutes to build the first time; `go run ./internal/benchscale
// write -entities N -store sqlite:PATH` builds the same one, which can be
// linked to the path wireStore names).
func BenchmarkNeighborhood(b *testing.B) {
	entities := 10000
	if v := os.Getenv("ENTITYGRAPH_BENCH_ENTITIES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			b.Fatalf("ENTITYGRAPH_BENCH_ENTITIES=%q: %v", v, err)
		}
		entities = n
	}
	s := wireStore(b, entities)
	ctx := context.Background()
	people, err := s.SearchEntities(ctx, graph.EntityQuery{Kinds: []graph.Kind{graph.KindPerson}, Page: graph.PageRequest{Size: 1}})
	if err != nil || len(people.Entities) == 0 {
		b.Fatalf("no person in the corpus: %v", err)
	}
	for _, bc := range []struct {
		name  string
		id    string
		depth int
	}{
		{"hub depth 1", "country:united-states", 1},
		{"hub depth 2", "country:united-states", 2},
		{"person depth 2", people.Entities[0].ID, 2},
	} {
		for _, cold := range []bool{false, true} {
			name := bc.name
			if cold {
				name += " uncached"
			}
			b.Run(name, func(b *testing.B) {
				cpu := cputime.Process()
				for b.Loop() {
					if cold {
						sqlite.ForgetCachedRows(s)
					}
					if _, err := graph.Neighborhood(ctx, s, bc.id, graph.NeighborhoodQuery{Depth: bc.depth}); err != nil {
						b.Fatal(err)
					}
				}
				// CPU time says what a request costs whatever else the
				// machine is doing; wall time (ns/op) does not.
				b.ReportMetric(float64((cputime.Process()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			})
		}
	}
}

// BenchmarkCorrection merges an entity named in a quarter of 1,000
// seed-like documents into another and undoes it, each rewriting those
// documents (see graph.Curation), and reports the documents rewritten per
// second.
func BenchmarkCorrection(b *testing.B) {
	s := MustOpen(b)
	seed := storetest.SeedExtractions()
	ctx := context.Background()
	for n := range 1000 {
		x := *seed[n%len(seed)]
		x.Document.ID = fmt.Sprintf("bench-%d", n)
		x.Statements = append([]graph.Statement(nil), x.Statements...)
		for j := range x.Statements {
			x.Statements[j].ID = graph.StatementID(x.Document.ID, x.Statements[j].Start, x.Statements[j].End, x.Statements[j].Speaker.ID)
			x.Statements[j].DocumentID = x.Document.ID
		}
		if _, err := s.WriteExtraction(ctx, &x); err != nil {
			b.Fatal(err)
		}
	}
	e, err := s.Entity(ctx, storetest.Yusov)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		c, err := s.AddCorrection(ctx, graph.Correction{Kind: graph.CorrectMerge, Target: storetest.Yusov, After: &graph.EntityRef{ID: storetest.Budanov}})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.UndoCorrection(ctx, c.ID); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(2*b.N*e.Documents)/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(e.Documents), "docs/correction")
}

// TestCachedRowsFollowOtherWriters: two Stores on one file; the rows one
// keeps of a neighborhood (the row cache) do not outlive a write through
// the other.
func TestCachedRowsFollowOtherWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "graph.db")
	storetest.ReadsFollowOtherWriters(t, mustOpenPath(t, path), mustOpenPath(t, path),
		func() *sqlite.Store { return mustOpenPath(t, path) })
}

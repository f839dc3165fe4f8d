package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/eval"
	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/sqlite"
)

// TestCorrectionsExportImportGold: a team's corrections, exported to a
// file, rebuild a store that is ingested again from its sources, and the
// documents they touch come out as a gold file that eval reads.
func TestCorrectionsExportImportGold(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	first := filepath.Join(dir, "first.db")
	if _, stderr, err := runCmd(t, "ingest", "--store", "sqlite:"+first, seedPath); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	s, err := sqlite.Open(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	budanov := "person:kyrylo-budanov"
	ents, err := s.SearchEntities(ctx, graph.EntityQuery{Text: "Financial Times"})
	if err != nil || len(ents.Entities) == 0 {
		t.Fatalf("no Financial Times in the seed: %v", err)
	}
	if _, err := s.AddCorrection(ctx, graph.Correction{Kind: graph.CorrectRename, Target: budanov, After: &graph.EntityRef{Name: "Kyrylo O. Budanov"}}); err != nil {
		t.Fatal(err)
	}
	want, err := s.Entity(ctx, budanov)
	if err != nil {
		t.Fatal(err)
	}
	wantStats, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	file := filepath.Join(dir, "corrections.jsonl")
	if _, stderr, err := runCmd(t, "corrections", "export", "--store", "sqlite:"+first, file); err != nil {
		t.Fatalf("export: %v\n%s", err, stderr)
	}
	// A new store from the file, then the sources.
	second := filepath.Join(dir, "second.db")
	out, stderr, err := runCmd(t, "corrections", "import", "--store", "sqlite:"+second, file)
	if err != nil || !strings.Contains(out, "1 corrections imported") {
		t.Fatalf("import: %q %v\n%s", out, err, stderr)
	}
	if _, stderr, err := runCmd(t, "ingest", "--store", "sqlite:"+second, seedPath); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	s, err = sqlite.Open(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Entity(ctx, budanov)
	gotStats, _ := s.Stats(ctx)
	s.Close()
	if err != nil || got.Name != want.Name || !statsEqual(gotStats, wantStats) {
		t.Errorf("rebuilt store: %+v %+v, %v; want %+v %+v", got, gotStats, err, want, wantStats)
	}

	gold := filepath.Join(dir, "gold.jsonl")
	if _, stderr, err := runCmd(t, "corrections", "gold", "--store", "sqlite:"+second, gold); err != nil {
		t.Fatalf("gold: %v\n%s", err, stderr)
	}
	f, err := os.Open(gold)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	docs, errs := eval.ReadGold(f)
	if len(errs) > 0 || len(docs) != 1 || !slices.Contains(docs[0].Speakers, "Kyrylo O. Budanov") {
		t.Fatalf("gold file: %+v, %v; want the seed with the corrected speaker", docs, errs)
	}
	// The extractor does not know the new name: the gold file measures it.
	out, _, err = runCmd(t, "eval", gold)
	if err != nil || !strings.Contains(out, "speakers") {
		t.Fatalf("eval of the gold file: %q, %v", out, err)
	}
}

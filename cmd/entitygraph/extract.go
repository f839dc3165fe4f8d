package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/entitygraph/entitygraph/evalformat"
	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/ingest"
)

func runExtract(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("extract", stderr)
	format := fs.String("format", "jsonl", "output format: jsonl (one line per document) or json (one array)")
	workers := fs.Int("workers", 0, "documents extracted at once (default: one per CPU)")
	csvCols := addCSVFlags(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *format != "json" && *format != "jsonl" {
		return fmt.Errorf("%w: --format must be json or jsonl, not %q", errUsage, *format)
	}
	if len(paths) == 0 {
		return fmt.Errorf("%w: extract needs at least one file or folder", errUsage)
	}
	files, err := ingest.Files(paths)
	if err != nil {
		return err
	}
	x, err := extract.New()
	if err != nil {
		return err
	}
	out := &outputWriter{enc: json.NewEncoder(stdout), collect: *format == "json"}
	sum, err := ingest.Run(ctx, out, x, ingest.FileSource(files, ingest.ReadOptions{CSV: *csvCols, Note: func(msg string) { fmt.Fprintln(stderr, msg) }}), ingest.Options{Workers: *workers})
	if err == nil && out.collect {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(out.all)
	}
	if err != nil {
		return err
	}
	for _, s := range sum.Skipped {
		fmt.Fprintf(stderr, "skipped %s: %s\n", s.Origin, s.Reason)
	}
	if len(sum.Skipped) > 0 {
		return fmt.Errorf("%d of %d inputs skipped (see the reasons above)", len(sum.Skipped), sum.Documents)
	}
	return nil
}

// outputWriter is the graph.Writer of `extract`: it prints each extraction
// in the output shape of shared/eval-format.md instead of storing it, so
// extract shares ingest's reading, worker pool, ordering and error report.
type outputWriter struct {
	enc     *json.Encoder
	collect bool
	all     []evalformat.Output
}

func (w *outputWriter) WriteExtraction(_ context.Context, x *graph.Extraction) (graph.WriteResult, error) {
	o := evalformat.FromExtraction(x)
	if w.collect {
		w.all = append(w.all, o)
	} else if err := w.enc.Encode(o); err != nil {
		return graph.WriteResult{}, fmt.Errorf("writing output: %w", err)
	}
	return graph.WriteResult{DocumentID: x.Document.ID, Entities: len(x.Entities), Statements: len(x.Statements)}, nil
}

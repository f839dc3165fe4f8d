package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/ingest"
)

func runIngest(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("ingest", stderr)
	storeFlag := addStoreFlag(fs)
	workers := fs.Int("workers", 0, "documents extracted at once (default: one per CPU)")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return fmt.Errorf("%w: ingest needs at least one file or folder", errUsage)
	}
	files, err := ingest.Files(paths)
	if err != nil {
		return err
	}
	store, err := openStore(ctx, storeURI(*storeFlag, getenv), getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	x, err := extract.New()
	if err != nil {
		return err
	}
	progress := newProgressBar(stderr, ingest.CountDocuments(files))
	sum, err := ingest.Run(ctx, store, x, ingest.FileSource(files), ingest.Options{
		Workers:  *workers,
		Progress: progress.update,
		Resolver: ingest.NewSurnameResolver(store),
	})
	progress.finish()
	return report(stdout, stderr, sum, progress.elapsed(), err)
}

// report prints the skipped inputs with their reasons and the summary line,
// and returns an error when the run failed or skipped anything, so that a
// script sees a non-zero exit.
func report(stdout, stderr io.Writer, sum ingest.Summary, elapsed time.Duration, runErr error) error {
	for _, s := range sum.Skipped {
		fmt.Fprintf(stderr, "skipped %s: %s\n", s.Origin, s.Reason)
	}
	fmt.Fprintf(stdout, "ingested %d documents in %.1fs: %d written (%d unchanged), %d skipped; %d entities, %d statements\n",
		sum.Documents, elapsed.Seconds(), sum.Written, sum.Unchanged, len(sum.Skipped), sum.Entities, sum.Statements)
	if runErr != nil {
		return fmt.Errorf("ingest stopped: %w", runErr)
	}
	if len(sum.Skipped) > 0 {
		return fmt.Errorf("%d of %d inputs skipped (see the reasons above)", len(sum.Skipped), sum.Documents)
	}
	return nil
}

// progressBar draws a one-line bar on a terminal and stays silent
// otherwise (a log file or a pipe wants only the summary line).
type progressBar struct {
	w        io.Writer
	terminal bool
	total    int
	start    time.Time
	drawn    time.Time
}

func newProgressBar(w io.Writer, total int) *progressBar {
	terminal := false
	if f, ok := w.(*os.File); ok {
		if info, err := f.Stat(); err == nil {
			terminal = info.Mode()&os.ModeCharDevice != 0
		}
	}
	return &progressBar{w: w, terminal: terminal, total: max(total, 1), start: time.Now()}
}

func (p *progressBar) update(sum ingest.Summary) {
	if !p.terminal || time.Since(p.drawn) < 100*time.Millisecond {
		return
	}
	p.drawn = time.Now()
	const width = 30
	filled := min(width, width*sum.Documents/p.total)
	rate := float64(sum.Documents) / time.Since(p.start).Seconds()
	fmt.Fprintf(p.w, "\r\033[K[%s%s] %d/%d documents  %.0f/s  %d skipped",
		strings.Repeat("#", filled), strings.Repeat(" ", width-filled), sum.Documents, p.total, rate, len(sum.Skipped))
}

func (p *progressBar) finish() {
	if p.terminal {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func (p *progressBar) elapsed() time.Duration { return time.Since(p.start) }

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/ingest"
)

func runIngest(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("ingest", stderr)
	storeFlag := addStoreFlag(fs)
	workers := fs.Int("workers", 0, "documents extracted at once (default: one per CPU)")
	csvCols := addCSVFlags(fs)
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
	progress := newProgressBar(stderr, totalBytes(files))
	read := ingest.ReadOptions{CSV: *csvCols, Note: progress.note, BytesRead: progress.addBytes}
	sum, err := ingest.IntoStore(ctx, store, x, ingest.FileSource(files, read), ingest.Options{
		Workers:  *workers,
		Progress: progress.update,
	})
	progress.finish()
	return report(stdout, stderr, sum, progress.elapsed(), err)
}

// addCSVFlags adds the flags that name the columns of CSV and TSV files.
func addCSVFlags(fs *flag.FlagSet) *ingest.CSVColumns {
	c := &ingest.CSVColumns{}
	for _, f := range []struct {
		name string
		to   *string
	}{{"text", &c.Text}, {"title", &c.Title}, {"date", &c.Date}, {"source", &c.Source}, {"url", &c.URL}, {"id", &c.ID}} {
		fs.StringVar(f.to, "csv-"+f.name, "", "CSV/TSV column that holds the document's "+f.name+" (default: guessed from the header)")
	}
	return c
}

// totalBytes is the size of files together, for progress; a file that
// cannot be read counts nothing (it will be reported as skipped).
func totalBytes(files []string) int64 {
	var n int64
	for _, f := range files {
		if info, err := os.Stat(f); err == nil {
			n += info.Size()
		}
	}
	return n
}

// report prints the skipped inputs with their reasons, the summary line
// and a line per format, and returns an error when the run failed or
// skipped anything, so that a script sees a non-zero exit. Inputs passed
// over (a WARC's request records) are counted, not errors.
func report(stdout, stderr io.Writer, sum ingest.Summary, elapsed time.Duration, runErr error) error {
	for _, s := range sum.Skipped {
		fmt.Fprintf(stderr, "skipped %s: %s\n", s.Origin, s.Reason)
	}
	fmt.Fprintf(stdout, "ingested %d documents in %.1fs: %d written (%d unchanged, %d duplicates folded), %d skipped; %d entities, %d statements\n",
		sum.Documents, elapsed.Seconds(), sum.Written, sum.Unchanged, sum.Folded, len(sum.Skipped), sum.Entities, sum.Statements)
	for _, f := range slices.Sorted(maps.Keys(sum.Formats)) {
		fmt.Fprintf(stdout, "  %s\n", formatLine(f, sum.Formats[f]))
	}
	if runErr != nil {
		return fmt.Errorf("ingest stopped: %w", runErr)
	}
	if len(sum.Skipped) > 0 {
		return fmt.Errorf("%d of %d inputs skipped (see the reasons above)", len(sum.Skipped), sum.Documents)
	}
	return nil
}

// formatLine says what was done with the inputs of one format:
// "warc: 120 documents: 118 written (2 unchanged, 5 duplicates folded), 2 skipped; passed over
// 240 request records, 3 responses of image/png".
func formatLine(f ingest.Format, c *ingest.FormatCount) string {
	name := string(f)
	if name == "" {
		name = "unreadable files"
	}
	line := fmt.Sprintf("%s: %d documents: %d written (%d unchanged, %d duplicates folded), %d skipped", name, c.Documents, c.Written, c.Unchanged, c.Folded, c.Skipped)
	if len(c.Ignored) > 0 {
		var parts []string
		for _, reason := range slices.Sorted(maps.Keys(c.Ignored)) {
			parts = append(parts, fmt.Sprintf("%d %s", c.Ignored[reason], reason))
		}
		line += "; passed over " + strings.Join(parts, ", ")
	}
	return line
}

// progressBar draws a one-line bar on a terminal and stays silent
// otherwise (a log file or a pipe wants only the summary line). Its
// measure is the bytes of the input files read, since a WARC, feed or CSV
// file does not say how many documents it holds until it is read.
type progressBar struct {
	w        io.Writer
	terminal bool
	total    int64
	read     atomic.Int64
	start    time.Time
	drawn    time.Time
}

func newProgressBar(w io.Writer, total int64) *progressBar {
	terminal := false
	if f, ok := w.(*os.File); ok {
		if info, err := f.Stat(); err == nil {
			terminal = info.Mode()&os.ModeCharDevice != 0
		}
	}
	return &progressBar{w: w, terminal: terminal, total: max(total, 1), start: time.Now()}
}

// addBytes counts bytes read from the input files; the reading goroutine
// calls it.
func (p *progressBar) addBytes(n int) { p.read.Add(int64(n)) }

// note prints what a reader chose by itself (the CSV columns it reads),
// on its own line above the bar.
func (p *progressBar) note(msg string) {
	if p.terminal {
		fmt.Fprint(p.w, "\r\033[K")
	}
	fmt.Fprintln(p.w, msg)
}

func (p *progressBar) update(sum ingest.Summary) {
	if !p.terminal || time.Since(p.drawn) < 100*time.Millisecond {
		return
	}
	p.drawn = time.Now()
	const width = 30
	frac := min(1, float64(p.read.Load())/float64(p.total))
	filled := int(frac * width)
	rate := float64(sum.Documents) / time.Since(p.start).Seconds()
	var formats []string
	for _, f := range slices.Sorted(maps.Keys(sum.Formats)) {
		c := sum.Formats[f]
		if f != "" {
			formats = append(formats, fmt.Sprintf("%s %d (%d folded)", f, c.Documents, c.Folded))
		}
	}
	fmt.Fprintf(p.w, "\r\033[K[%s%s] %3.0f%%  %d documents (%s)  %.0f/s  %d skipped",
		strings.Repeat("#", filled), strings.Repeat(" ", width-filled), 100*frac, sum.Documents, strings.Join(formats, ", "), rate, len(sum.Skipped))
}

func (p *progressBar) finish() {
	if p.terminal {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func (p *progressBar) elapsed() time.Duration { return time.Since(p.start) }

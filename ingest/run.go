package ingest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/entitygraph/entitygraph/graph"
)

// Extractor turns a document into what the store writes.
type Extractor interface {
	Extract(ctx context.Context, doc graph.Document) (*graph.Extraction, error)
}

// Source produces items in a fixed order; it stops when yield returns an
// error and returns that error.
type Source func(ctx context.Context, yield func(Item) error) error

// Options tune Run.
type Options struct {
	// Workers is how many documents are extracted at once; 0 means one per
	// CPU.
	Workers int
	// Progress, when set, is called after each document, from one goroutine.
	Progress func(Summary)
	// Resolver, when set, rewrites each extraction against the store just
	// before it is written (see Resolver).
	Resolver Resolver
	// BatchSize is the most documents written in one transaction when the
	// writer is a graph.BatchWriter; 0 means the writer's
	// PreferredBatchSize when it is a graph.BatchSizer, DefaultBatchSize
	// otherwise.
	BatchSize int
	// BatchWait is how long a batch waits for the next documents to be
	// extracted before it is written short of BatchSize; 0 means
	// DefaultBatchWait. Extraction goes on meanwhile. The input's end
	// writes what is ready at once, so one posted document is not held.
	BatchWait time.Duration
	// Outlet, when set, names the outlet of a document's source (its
	// metadata: a JSONL "source", a page's og:site_name, a feed's title):
	// the statements of a document whose text names no outlet are then
	// REPORTED_BY that outlet (see AttributeSource).
	Outlet func(source string) graph.EntityRef
	// FoldCopies has each document fingerprinted (graph.Fingerprint), so
	// that the store folds syndicated copies into the document they copy
	// (see graph/copies.go); IntoStore sets it.
	FoldCopies bool
	// Slots, when set, holds one token for each extraction running and is
	// shared between runs, so that all of them together extract at most
	// cap(Slots) documents at once.
	Slots chan struct{}
	// Done, when set, is called with each document's outcome, in input
	// order, from one goroutine: its write result, or the error that
	// skipped it. Inputs passed over (Item.Ignored) are not documents and
	// are not reported.
	Done func(it Item, res graph.WriteResult, err error)
}

// DefaultBatchSize is the BatchSize when neither the options nor the
// writer give one: on the demo corpus larger batches wrote no clearly
// faster into Neo4j (256: within the noise of 64), and a batch that must
// be retried or rolled back costs more.
const DefaultBatchSize = 64

// BatchSize returns how many documents Run writes to w in one transaction
// when it is asked for size (see Options.BatchSize): size, or when it is
// 0 w's preferred size, or DefaultBatchSize.
func BatchSize(w graph.Writer, size int) int {
	if size > 0 {
		return size
	}
	if bs, ok := w.(graph.BatchSizer); ok {
		return bs.PreferredBatchSize()
	}
	return DefaultBatchSize
}

// DefaultBatchWait is the BatchWait when none is given. A store commits
// every page a transaction changed, so a transaction of the few documents
// that happen to be ready when extraction is the slower side rewrites the
// pages every document touches (counters, a hub's links) once per
// document: writing SQLite the wire corpus of BenchmarkIngestWireCorpus a
// document or two at a time wrote over 500 KiB to disk per document.
// Waiting up to two seconds lets a batch fill while extraction runs on.
const DefaultBatchWait = 2 * time.Second

// Summary counts what Run did. Entities and Statements are over the
// documents written in this run (an entity in two documents counts twice).
type Summary struct {
	Documents int `json:"documents"`
	Written   int `json:"written"`
	Unchanged int `json:"unchanged"`
	// Folded counts the syndicated copies folded: the documents written as
	// copies of another (graph.WriteResult.CopyOf), and the documents
	// stored before that became copies of one written (an earlier report
	// of their story, graph.WriteResult.Folded).
	Folded     int    `json:"folded"`
	Entities   int    `json:"entities"`
	Statements int    `json:"statements"`
	Skipped    []Skip `json:"skipped"`
	// Formats counts the same by input format.
	Formats map[Format]*FormatCount `json:"formats"`
	// Last is where the last document came from.
	Last string `json:"-"`
}

// FormatCount is what Run did with the inputs of one format. Documents is
// Written plus Skipped.
type FormatCount struct {
	Documents int `json:"documents"`
	Written   int `json:"written"`
	Unchanged int `json:"unchanged"`
	Folded    int `json:"folded"`
	Skipped   int `json:"skipped"`
	// Ignored counts the inputs that hold no document (Item.Ignored), by
	// reason.
	Ignored map[string]int `json:"ignored,omitempty"`
}

// format returns the counts of format f, made on first use.
func (s *Summary) format(f Format) *FormatCount {
	if s.Formats == nil {
		s.Formats = map[Format]*FormatCount{}
	}
	c := s.Formats[f]
	if c == nil {
		c = &FormatCount{}
		s.Formats[f] = c
	}
	return c
}

// Skip is an input that was not written, and why.
type Skip struct {
	Origin string `json:"origin"`
	Reason string `json:"reason"`
}

// Run reads src, extracts each document on a pool of workers and writes
// the extractions to w in the order src gave them, each resolved by
// opt.Resolver just before its write. When w is a graph.BatchWriter,
// documents that are extracted by the time the previous write ends are
// written together in one transaction (see Options.BatchSize). A document
// that cannot be read or extracted, or that the store rejects as invalid
// or too large, is skipped with its reason and the run goes on (a batch
// the store rejects is written again in halves, to find which; see
// storeSome). Any other write error (a store that is down) stops the
// run: Run returns the summary so far and that error; what was written
// before stays, and the failed document or batch is not half written
// because each write is atomic.
func Run(ctx context.Context, w graph.Writer, x Extractor, src Source, opt Options) (Summary, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	wr := writer{w: w, resolver: opt.Resolver, progress: opt.Progress, done: opt.Done}
	size := 1
	if bw, ok := w.(graph.BatchWriter); ok {
		wr.bw = bw
		size = BatchSize(w, opt.BatchSize)
	}
	wait := cmp.Or(opt.BatchWait, DefaultBatchWait)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		item Item
		done chan result
	}
	// queue holds jobs in input order; its capacity bounds how far
	// extraction runs ahead of the writes, and so the size of a batch.
	queue := make(chan job, max(4*workers, size))
	work := make(chan job)
	var readErr error
	go func() {
		defer close(queue)
		defer close(work)
		readErr = src(ctx, func(it Item) error {
			j := job{item: it, done: make(chan result, 1)}
			select {
			case queue <- j:
			case <-ctx.Done():
				return ctx.Err()
			}
			if it.Err != nil || it.Ignored != "" {
				j.done <- result{err: it.Err}
				return nil
			}
			select {
			case work <- j:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range work {
				x, err := extractOne(ctx, x, j.item.Doc, opt)
				j.done <- result{x: x, err: err}
			}
		})
	}
	defer wg.Wait()

	// next is a job taken from the queue whose extraction was not done
	// yet, which starts the next batch.
	var next *job
	for {
		var j job
		var ok bool
		if next != nil {
			j, ok, next = *next, true, nil
		} else {
			j, ok = <-queue
		}
		if !ok {
			break
		}
		batch := []done{{item: j.item, result: <-j.done}}
		// The batch takes the documents that follow as they are
		// extracted, until it is full or has waited long enough.
		deadline := time.NewTimer(wait)
	fill:
		for len(batch) < size {
			select {
			case after, ok := <-queue:
				if !ok {
					break fill
				}
				select {
				case r := <-after.done:
					batch = append(batch, done{item: after.item, result: r})
				case <-deadline.C:
					next = &after
					break fill
				}
			case <-deadline.C:
				break fill
			}
		}
		deadline.Stop()
		if err := wr.write(ctx, batch); err != nil {
			cancel()
			return wr.sum, err
		}
	}
	sum := wr.sum
	if readErr != nil && !errors.Is(readErr, context.Canceled) {
		return sum, readErr
	}
	return sum, ctx.Err()
}

// extractOne extracts doc, holding one of opt.Slots meanwhile, and
// attributes its statements to its source (see Options.Outlet).
func extractOne(ctx context.Context, x Extractor, doc graph.Document, opt Options) (*graph.Extraction, error) {
	if opt.Slots != nil {
		select {
		case opt.Slots <- struct{}{}:
			defer func() { <-opt.Slots }()
		case <-ctx.Done():
			return nil, graph.Wrap(graph.Unavailable, "ingest.Run", "waiting for a free extraction worker", ctx.Err())
		}
	}
	ext, err := x.Extract(ctx, doc)
	if err != nil {
		return nil, err
	}
	if ext == nil {
		return nil, graph.Errorf(graph.Internal, "ingest.Run", "the extractor returned nothing for document %q", doc.ID)
	}
	if opt.Outlet != nil && strings.TrimSpace(ext.Document.Source) != "" {
		outlet := opt.Outlet(ext.Document.Source)
		AttributeSource(ext, outlet)
		if outlet.ID != "" {
			ext.Outlet = &outlet
		}
	}
	if opt.FoldCopies {
		f := graph.NewFingerprint(ext.Document.Text)
		ext.Fingerprint = &f
	}
	return ext, nil
}

type result struct {
	x   *graph.Extraction
	err error
}

// done is an input whose extraction has ended; res is what writing it did.
type done struct {
	item Item
	result
	res graph.WriteResult
}

// writer is the writing end of Run: it resolves, writes and counts the
// documents in input order, from one goroutine.
type writer struct {
	w        graph.Writer
	bw       graph.BatchWriter // w, when it writes batches; nil otherwise
	resolver Resolver
	progress func(Summary)
	done     func(Item, graph.WriteResult, error)
	sum      Summary
	// fits, when not 0, is the most documents written in one
	// transaction since the store refused a bigger batch as too large.
	fits int
}

// write resolves and writes a batch of documents in input order and
// counts them, one by one. It returns the error that stops the run, a
// resolver's or store's error that is not about one document, after
// counting the documents before the one it stopped at, and that one as
// read but neither written nor skipped.
func (wr *writer) write(ctx context.Context, batch []done) error {
	n := len(batch)
	var stop error
	for i := range batch {
		d := &batch[i]
		if d.err != nil || d.item.Ignored != "" || wr.resolver == nil {
			continue
		}
		if d.err = wr.resolver.Resolve(ctx, d.x); d.err != nil && !skippable(d.err) {
			// The documents before it are resolved: write them, then
			// stop at this one.
			stop = fmt.Errorf("writing %s: %w", d.item.Origin, d.err)
			n = i
			break
		}
	}
	finished, err := wr.store(ctx, batch[:n])
	for _, d := range batch[:finished] {
		wr.count(d)
	}
	if err == nil {
		if stop == nil {
			return nil
		}
		err = stop
	}
	wr.sum.Documents++
	wr.sum.Last = batch[finished].item.Origin
	return err
}

// store writes the documents of batch that have an extraction, setting
// their res, or their err when the store rejects them (see storeSome),
// at most wr.fits of them in one transaction when a store refused a
// bigger one. It returns how many documents of batch are finished
// (written or skipped), all of them unless it returns a store error that
// is not about one document; the document at that index is the one that
// failed.
func (wr *writer) store(ctx context.Context, batch []done) (int, error) {
	var at []int
	for i, d := range batch {
		if d.err == nil && d.item.Ignored == "" {
			at = append(at, i)
		}
	}
	for len(at) > 0 {
		n := len(at)
		if wr.fits > 0 {
			n = min(n, wr.fits)
		}
		if failed, err := wr.storeSome(ctx, batch, at[:n]); err != nil {
			return failed, err
		}
		at = at[n:]
	}
	return len(batch), nil
}

// storeSome writes the documents of batch at the indexes at, in one
// transaction when the store writes batches. When the store refuses that
// transaction for what its documents hold (graph.Invalid: one is bad;
// graph.TooLarge: together they need more memory than Neo4j gives one
// transaction, db.memory.transaction.max), it writes each half the same
// way, down to single documents, so that only the documents refused on
// their own are skipped, in about 2·log2(len(at)) transactions per bad
// document instead of one per document. A batch refused as too large also
// caps the batches after it at half its size (wr.fits): the graph only
// grows during a run, so a batch of that size would be refused again;
// a part bigger than the cap is halved without being tried. It returns
// the index of the document it stopped at, with the error that is not
// about one document.
func (wr *writer) storeSome(ctx context.Context, batch []done, at []int) (int, error) {
	if wr.fits > 0 && len(at) > wr.fits {
		return wr.storeHalves(ctx, batch, at)
	}
	if wr.bw == nil || len(at) == 1 {
		for _, i := range at {
			d := &batch[i]
			d.res, d.err = wr.w.WriteExtraction(ctx, d.x)
			if d.err != nil && !skippable(d.err) {
				return i, fmt.Errorf("writing %s: %w", d.item.Origin, d.err)
			}
		}
		return 0, nil
	}
	xs := make([]*graph.Extraction, len(at))
	for k, i := range at {
		xs[k] = batch[i].x
	}
	res, err := wr.bw.WriteExtractions(ctx, xs)
	if err == nil {
		for k, i := range at {
			batch[i].res = res[k]
		}
		return 0, nil
	}
	if !skippable(err) {
		return at[0], fmt.Errorf("writing %s and the %d documents after it: %w", batch[at[0]].item.Origin, len(at)-1, err)
	}
	if graph.ErrorCode(err) == graph.TooLarge && (wr.fits == 0 || wr.fits > len(at)/2) {
		wr.fits = len(at) / 2
	}
	return wr.storeHalves(ctx, batch, at)
}

// storeHalves writes the two halves of at with storeSome, in order.
func (wr *writer) storeHalves(ctx context.Context, batch []done, at []int) (int, error) {
	half := len(at) / 2
	if failed, err := wr.storeSome(ctx, batch, at[:half]); err != nil {
		return failed, err
	}
	return wr.storeSome(ctx, batch, at[half:])
}

// count adds a document, or an input passed over, to the summary and
// reports progress.
func (wr *writer) count(d done) {
	sum := &wr.sum
	f := sum.format(d.item.Format)
	if d.item.Ignored != "" && d.err == nil {
		if f.Ignored == nil {
			f.Ignored = map[string]int{}
		}
		f.Ignored[d.item.Ignored]++
	} else {
		sum.Documents++
		f.Documents++
		sum.Last = d.item.Origin
		if d.err != nil {
			sum.Skipped = append(sum.Skipped, Skip{Origin: d.item.Origin, Reason: reason(d.err)})
			f.Skipped++
		} else {
			sum.Written++
			f.Written++
			if d.res.Unchanged {
				sum.Unchanged++
				f.Unchanged++
			}
			folded := d.res.Folded
			if d.res.CopyOf != "" {
				folded++
			}
			sum.Folded += folded
			f.Folded += folded
			sum.Entities += d.res.Entities
			sum.Statements += d.res.Statements
		}
		if wr.done != nil {
			wr.done(d.item, d.res, d.err)
		}
	}
	if wr.progress != nil {
		wr.progress(*sum)
	}
}

// skippable reports whether an error is about one document (bad input) and
// not about the store or the run.
func skippable(err error) bool {
	switch graph.ErrorCode(err) {
	case graph.Invalid, graph.TooLarge:
		return true
	}
	return false
}

func reason(err error) string {
	var ge *graph.Error
	if errors.As(err, &ge) {
		return ge.Msg
	}
	return err.Error()
}

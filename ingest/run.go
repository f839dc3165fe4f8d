package ingest

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/entitygraph/entitygraph/graph"
)

// Extractor turns a document into what the store writes.
type Extractor interface {
	Extract(ctx context.Context, doc graph.Document) (*graph.Extraction, error)
}

// Source produces items in a fixed order; it stops when yield returns an
// error and returns that error.
type Source func(ctx context.Context, yield func(Item) error) error

// FileSource reads files in the order given (see ReadFile).
func FileSource(files []string) Source {
	return func(ctx context.Context, yield func(Item) error) error {
		for _, f := range files {
			if err := ReadFile(ctx, f, yield); err != nil {
				return err
			}
		}
		return nil
	}
}

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
}

// Summary counts what Run did. Entities and Statements are over the
// documents written in this run (an entity in two documents counts twice).
type Summary struct {
	Documents  int    `json:"documents"`
	Written    int    `json:"written"`
	Unchanged  int    `json:"unchanged"`
	Entities   int    `json:"entities"`
	Statements int    `json:"statements"`
	Skipped    []Skip `json:"skipped"`
	// Last is where the last document came from.
	Last string `json:"-"`
}

// Skip is an input that was not written, and why.
type Skip struct {
	Origin string `json:"origin"`
	Reason string `json:"reason"`
}

// Run reads src, extracts each document on a pool of workers and writes
// the extractions to w in the order src gave them, each resolved by
// opt.Resolver just before its write. A document that cannot be read or
// extracted, or that the store rejects as invalid, is skipped with its
// reason and the run goes on. Any other write error (a store that
// is down) stops the run: Run returns the summary so far and that error;
// what was written before stays, and the failed document is not half
// written because each write is atomic.
func Run(ctx context.Context, w graph.Writer, x Extractor, src Source, opt Options) (Summary, error) {
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		item Item
		done chan result
	}
	// queue holds jobs in input order; its capacity bounds how far
	// extraction runs ahead of the writes.
	queue := make(chan job, 4*workers)
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
			if it.Err != nil {
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
				x, err := x.Extract(ctx, j.item.Doc)
				j.done <- result{x: x, err: err}
			}
		})
	}
	defer wg.Wait()

	var sum Summary
	for j := range queue {
		r := <-j.done
		sum.Documents++
		sum.Last = j.item.Origin
		if r.err == nil {
			var res graph.WriteResult
			res, r.err = write(ctx, w, opt.Resolver, r.x)
			if r.err != nil && !skippable(r.err) {
				cancel()
				return sum, fmt.Errorf("writing %s: %w", j.item.Origin, r.err)
			}
			if r.err == nil {
				sum.Written++
				if res.Unchanged {
					sum.Unchanged++
				}
				sum.Entities += res.Entities
				sum.Statements += res.Statements
			}
		}
		if r.err != nil {
			sum.Skipped = append(sum.Skipped, Skip{Origin: j.item.Origin, Reason: reason(r.err)})
		}
		if opt.Progress != nil {
			opt.Progress(sum)
		}
	}
	if readErr != nil && !errors.Is(readErr, context.Canceled) {
		return sum, readErr
	}
	return sum, ctx.Err()
}

// write resolves x, when there is a resolver, and writes it; it returns
// the resolver's or the store's error.
func write(ctx context.Context, w graph.Writer, r Resolver, x *graph.Extraction) (graph.WriteResult, error) {
	if r != nil {
		if err := r.Resolve(ctx, x); err != nil {
			return graph.WriteResult{}, err
		}
	}
	return w.WriteExtraction(ctx, x)
}

type result struct {
	x   *graph.Extraction
	err error
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

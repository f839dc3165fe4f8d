package graph

import "context"

// Snapshotter is a Reader that can hold the graph still for several reads:
// ReadSnapshot runs fn with a Reader whose reads all see one state of the
// store (one read transaction), and returns fn's error or the store's
// (Unavailable when it is down). Traversals read through a snapshot when
// the store offers one, so that a document written meanwhile is in their
// answer whole or not at all, and a store that pays a round trip per read
// and per commit (graph/neo4j) commits once per traversal, not once per
// read.
type Snapshotter interface {
	ReadSnapshot(ctx context.Context, fn func(r Reader) error) error
}

// inSnapshot runs fn on a snapshot of r when r offers one, else on r.
func inSnapshot(ctx context.Context, r Reader, fn func(r Reader) error) error {
	if s, ok := r.(Snapshotter); ok {
		return s.ReadSnapshot(ctx, fn)
	}
	return fn(r)
}

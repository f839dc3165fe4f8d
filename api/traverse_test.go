package api

import (
	"context"
	"testing"
	"time"

	"github.com/entitygraph/entitygraph/graph"
)

// TestTraversalsWaitForASlot: with every slot taken a traversal waits,
// and gives up with Unavailable when its request ends first; a slot
// freed lets the next one run, and running gives the slot back.
func TestTraversalsWaitForASlot(t *testing.T) {
	s := &server{traversing: make(chan struct{}, 1)}
	s.traversing <- struct{}{} // another traversal holds the only slot
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	ran := false
	read := func(context.Context) error { ran = true; return nil }
	if err := s.traverse(ctx, "test", read); ran || graph.ErrorCode(err) != graph.Unavailable {
		t.Fatalf("with no slot free: ran %v, error %v; want a wait ending in Unavailable", ran, err)
	}
	<-s.traversing
	if err := s.traverse(t.Context(), "test", read); err != nil || !ran {
		t.Fatalf("with a slot free: ran %v, error %v", ran, err)
	}
	if len(s.traversing) != 0 {
		t.Errorf("%d slots still held after the traversal", len(s.traversing))
	}
}

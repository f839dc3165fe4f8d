package storetest

import (
	"reflect"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// ReadsFollowOtherWriters reads a depth-1 neighborhood through reader,
// writes through writer (another Store on the same database, as another
// process would) and reads again through reader: it must see the write,
// as a Store opened afterwards (open) does, whatever reader kept of its
// first read (a store's row cache). It returns that third Store, after its
// one read, for checks of the store's own.
func ReadsFollowOtherWriters[S graph.Store](t *testing.T, reader, writer S, open func() S) S {
	t.Helper()
	seeds := SeedExtractions()
	Write(t, writer, seeds[0])
	read := func(s S) graph.Subgraph {
		t.Helper()
		sg, err := graph.Neighborhood(t.Context(), s, Russia, graph.NeighborhoodQuery{Depth: 1})
		if err != nil {
			t.Fatalf("neighborhood of %s: %v", Russia, err)
		}
		return sg
	}
	before := read(reader)
	if again := read(reader); !reflect.DeepEqual(again, before) {
		t.Fatalf("read twice without a write in between: %+v, then %+v", before, again)
	}
	Write(t, writer, seeds[1:]...)
	after := read(reader)
	fresh := open()
	want := read(fresh)
	if reflect.DeepEqual(want, before) {
		t.Fatal("the neighborhood did not change with three more documents: the test checks nothing")
	}
	if !reflect.DeepEqual(after, want) {
		t.Errorf("after another Store wrote, the first reads %+v; a Store opened afterwards reads %+v", after, want)
	}
	return fresh
}

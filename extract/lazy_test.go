package extract

import (
	"context"
	"reflect"
	"sync"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// A read-only server never loads the models; the first document loads them
// once, however many arrive at once, and gets what New's extractor gives.
func TestLazyLoadsOnFirstUse(t *testing.T) {
	l := NewLazy()
	if l.x != nil {
		t.Fatal("NewLazy loaded the extractor before any use")
	}
	doc := graph.Document{ID: "lazy", Source: "BBC News - World",
		Text: "Kyrylo Budanov told the Financial Times that North Korea had sent shells to Russia."}
	var wg sync.WaitGroup
	got := make([]*graph.Extraction, 4)
	for i := range got {
		wg.Go(func() {
			var err error
			if got[i], err = l.Extract(context.Background(), doc); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	x, err := New()
	if err != nil {
		t.Fatal(err)
	}
	want, err := x.Extract(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range got {
		if !reflect.DeepEqual(g, want) {
			t.Errorf("extraction %d differs from New's:\n got %+v\nwant %+v", i, g, want)
		}
	}
	if g, w := l.Outlet(doc.Source), x.Outlet(doc.Source); g != w {
		t.Errorf("Outlet(%q) = %+v, want %+v", doc.Source, g, w)
	}
}

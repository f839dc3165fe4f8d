package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/entitygraph/entitygraph/graph"
)

type probe struct {
	graph.Reader
	t *testing.B
}

func (p probe) LinksBetween(ctx context.Context, pairs []graph.Pair, f graph.LinkFilter) ([]graph.Link, error) {
	t0 := time.Now()
	l, err := p.Reader.LinksBetween(ctx, pairs, f)
	p.t.Logf("LinksBetween pairs=%d links=%d %v", len(pairs), len(l), time.Since(t0))
	return l, err
}
func (p probe) Neighbors(ctx context.Context, ids []string, k int, f graph.LinkFilter) ([][]graph.Neighbor, error) {
	t0 := time.Now()
	l, err := p.Reader.Neighbors(ctx, ids, k, f)
	n := 0
	for _, x := range l {
		n += len(x)
	}
	p.t.Logf("Neighbors ids=%d k=%d rows=%d %v", len(ids), k, n, time.Since(t0))
	return l, err
}
func (p probe) Entities(ctx context.Context, ids []string) ([]graph.Entity, error) {
	t0 := time.Now()
	l, err := p.Reader.Entities(ctx, ids)
	p.t.Logf("Entities ids=%d %v", len(ids), time.Since(t0))
	return l, err
}
func (p probe) Degrees(ctx context.Context, ids []string, f graph.LinkFilter) ([]int, error) {
	t0 := time.Now()
	l, err := p.Reader.Degrees(ctx, ids, f)
	p.t.Logf("Degrees ids=%d %v", len(ids), time.Since(t0))
	return l, err
}

func BenchmarkProbe(b *testing.B) {
	s := wireStore(b, 10000)
	for range 3 {
		sg, err := graph.Neighborhood(context.Background(), probe{s, b}, "country:united-states", graph.NeighborhoodQuery{Depth: 1})
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("nodes=%d edges=%d", len(sg.Nodes), len(sg.Edges))
	}
}

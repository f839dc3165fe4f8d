package graph_test

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// ringOf returns a first ring of n nodes, each listing up to k neighbors
// among the others with small weights (many ties, as in real rings), and
// a few outside; seeded, so every run builds the same one.
func ringOf(n, k int, seed uint64) []graph.NodeLinks {
	rng := rand.New(rand.NewPCG(seed, 1))
	id := func(i int) string { return fmt.Sprintf("person:p-%04d", i) }
	ring := make([]graph.NodeLinks, n)
	for i := range ring {
		ring[i].Entity.ID = id(i)
		for range rng.IntN(k) + 1 {
			other := id(rng.IntN(n + n/10)) // a tenth are outside the ring
			ring[i].Neighbors = append(ring[i].Neighbors, graph.Neighbor{ID: other, Weight: 1 + rng.IntN(4)})
		}
	}
	return ring
}

// TestRingPairsHeaviestFirst checks RingPairs against the order it
// promises, computed the plain way: each pair of ring nodes that a list
// names, at the heaviest weight a list gives it, heaviest first, then by
// the pair's ids; the first among of them.
func TestRingPairsHeaviestFirst(t *testing.T) {
	for seed := range uint64(20) {
		ring := ringOf(60, 12, seed)
		in := map[string]bool{}
		for _, n := range ring {
			in[n.Entity.ID] = true
		}
		weight := map[graph.Pair]int{}
		for _, n := range ring {
			for _, o := range n.Neighbors {
				if in[o.ID] && o.ID != n.Entity.ID {
					p := graph.PairOf(n.Entity.ID, o.ID)
					weight[p] = max(weight[p], o.Weight)
				}
			}
		}
		var want []graph.Pair
		for p := range weight {
			want = append(want, p)
		}
		slices.SortFunc(want, func(x, y graph.Pair) int {
			return cmp.Or(weight[y]-weight[x], cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
		})
		for _, among := range []int{1, 7, len(want) / 2, len(want), len(want) + 5} {
			got := graph.RingPairs(ring, among)
			if w := want[:min(among, len(want))]; !slices.Equal(got, w) {
				t.Fatalf("seed %d, among %d: RingPairs gave %d pairs, first %v; want %d, first %v", seed, among, len(got), got[:min(3, len(got))], len(w), w[:min(3, len(w))])
			}
		}
	}
}

// BenchmarkRingPairs ranks the pairs among a first ring of 500 nodes
// (a hub's depth 1 at the default limit), 250 of them kept.
//
//	go test ./graph -run '^$' -bench RingPairs
func BenchmarkRingPairs(b *testing.B) {
	ring := ringOf(500, 12, 1)
	for b.Loop() {
		graph.RingPairs(ring, 250)
	}
}

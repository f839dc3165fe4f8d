package graph

import (
	"context"
	"slices"
)

// Path returns a shortest connection between the entities from and to in
// the entity view, edges taken in either direction, of at most maxDepth
// edges (DefaultPathDepth when 0), using statements within tr. When there
// is none, Found is false and the subgraph holds just the two ends. It
// returns a NotFound error for an unknown id and an Invalid error naming
// max_depth when it is out of range.
func Path(ctx context.Context, r Reader, from, to string, maxDepth int, tr TimeRange) (PathResult, error) {
	const op = "graph.Path"
	switch {
	case maxDepth == 0:
		maxDepth = DefaultPathDepth
	case maxDepth < 1 || maxDepth > MaxPathDepth:
		return PathResult{}, InvalidParam(op, "max_depth", "max_depth must be between 1 and %d", MaxPathDepth)
	}
	for _, id := range []string{from, to} {
		if _, err := r.Entity(ctx, id); err != nil {
			return PathResult{}, err
		}
	}
	b := newBuilder(r, NeighborhoodQuery{Time: tr, View: ViewEntities})
	order, err := b.shortest(ctx, from, to, maxDepth)
	if err != nil {
		return PathResult{}, err
	}
	res := PathResult{Found: order != nil, Order: order}
	if order == nil {
		b.include(from)
		b.include(to)
		res.Order = []string{}
	} else {
		res.Length = len(order) - 1
		for _, id := range order {
			b.include(id)
		}
		// Keep only the links along the path, not every link among its nodes.
		onPath := map[linkKey]*link{}
		for i := 1; i < len(order); i++ {
			for _, l := range b.adjacent[order[i-1]] {
				if l.source == order[i] || l.target == order[i] {
					onPath[l.linkKey] = l
				}
			}
		}
		b.links = onPath
	}
	res.Subgraph, err = b.subgraph(ctx)
	return res, err
}

// shortest runs a breadth-first search from both ends, one whole ring at a
// time from the smaller side, and returns the node ids along a shortest path
// (nil when none is within maxDepth). Ties break by id, so the answer is the
// same on every store and every run.
func (b *builder) shortest(ctx context.Context, from, to string, maxDepth int) ([]string, error) {
	if from == to {
		return []string{from}, nil
	}
	parent := [2]map[string]string{{from: ""}, {to: ""}}
	frontier := [2][]string{{from}, {to}}
	depth := [2]int{}
	for depth[0]+depth[1] < maxDepth {
		side := 0
		if len(frontier[1]) < len(frontier[0]) {
			side = 1
		}
		if len(frontier[side]) == 0 {
			return nil, nil
		}
		if err := b.fetch(ctx, frontier[side]); err != nil {
			return nil, err
		}
		var next []string
		for _, f := range frontier[side] {
			for _, l := range b.adjacent[f] {
				other := l.target
				if other == f {
					other = l.source
				}
				if _, seen := parent[side][other]; seen {
					continue
				}
				parent[side][other] = f
				next = append(next, other)
			}
		}
		slices.Sort(next)
		frontier[side] = next
		depth[side]++
		var meets []string
		for _, n := range next {
			if _, ok := parent[1-side][n]; ok {
				meets = append(meets, n)
			}
		}
		if len(meets) > 0 {
			return joinPath(parent, slices.Min(meets)), nil
		}
	}
	return nil, nil
}

func joinPath(parent [2]map[string]string, meet string) []string {
	var order []string
	for n := meet; n != ""; n = parent[0][n] {
		order = append(order, n)
	}
	slices.Reverse(order)
	for n := parent[1][meet]; n != ""; n = parent[1][n] {
		order = append(order, n)
	}
	return order
}

package graph

import (
	"context"
	"slices"
)

// Path returns a shortest connection between the entities from and to in
// the entity view, edges taken in either direction, of at most maxDepth
// edges (DefaultPathDepth when 0), using statements within tr. The search
// runs over the heaviest links only (PathLinksPerNode per node,
// PathRingNodes per ring), so it costs the same on a busy graph as on a
// small one. When there is none, Found is false and the subgraph holds
// just the two ends. It returns a NotFound error for an unknown id and an
// Invalid error naming max_depth when it is out of range. Its reads are one
// snapshot of r when r is a Snapshotter.
func Path(ctx context.Context, r Reader, from, to string, maxDepth int, tr TimeRange) (PathResult, error) {
	var res PathResult
	err := inSnapshot(ctx, r, func(r Reader) error {
		var err error
		res, err = path(ctx, r, from, to, maxDepth, tr)
		return err
	})
	return res, err
}

// path is Path on one snapshot of r.
func path(ctx context.Context, r Reader, from, to string, maxDepth int, tr TimeRange) (PathResult, error) {
	const op = "graph.Path"
	switch {
	case maxDepth == 0:
		maxDepth = DefaultPathDepth
	case maxDepth < 1 || maxDepth > MaxPathDepth:
		return PathResult{}, InvalidParam(op, "max_depth", "max_depth must be between 1 and %d", MaxPathDepth)
	}
	c := newNodeReads(r, LinkFilter{Time: tr})
	// Both ends and the lists their first rings read, at once.
	if err := c.read(ctx, []string{from, to}, PathLinksPerNode, false); err != nil {
		return PathResult{}, Wrap(Internal, op, "reading entities", err)
	}
	for _, id := range []string{from, to} {
		if _, ok := c.entity(id); !ok {
			return PathResult{}, Errorf(NotFound, op, "no entity %q", id)
		}
	}
	order, err := shortest(ctx, c, from, to, maxDepth)
	if err != nil {
		return PathResult{}, err
	}
	res := PathResult{Found: order != nil, Order: order}
	s := newSelection()
	if order == nil {
		s.add(from)
		s.add(to)
		res.Order = []string{}
	} else {
		res.Length = len(order) - 1
		for i, id := range order {
			s.add(id)
			if i > 0 {
				s.link(order[i-1], id)
			}
		}
	}
	res.Subgraph, err = s.draw(ctx, c)
	return res, err
}

// shortest runs a breadth-first search from both ends, one whole ring at a
// time from the smaller side, and returns the node ids along a shortest path
// (nil when none is within maxDepth). Ties break by id, so the answer is the
// same on every store and every run.
func shortest(ctx context.Context, c *nodeReads, from, to string, maxDepth int) ([]string, error) {
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
		lists, err := c.neighbors(ctx, frontier[side], PathLinksPerNode)
		if err != nil {
			return nil, Wrap(Internal, "graph.Path", "reading the links around entities", err)
		}
		// The ring keeps its best-linked new nodes; each remembers the
		// first node of the ring before that offered it.
		var ring []Neighbor
		at := map[string]int{}
		via := map[string]string{}
		for i, list := range lists {
			for _, n := range list {
				if _, seen := parent[side][n.ID]; seen {
					continue
				}
				if j, ok := at[n.ID]; ok {
					ring[j].Weight = max(ring[j].Weight, n.Weight)
					continue
				}
				at[n.ID] = len(ring)
				via[n.ID] = frontier[side][i]
				ring = append(ring, n)
			}
		}
		slices.SortFunc(ring, HeavierFirst)
		next := make([]string, 0, min(len(ring), PathRingNodes))
		for _, n := range ring[:min(len(ring), PathRingNodes)] {
			parent[side][n.ID] = via[n.ID]
			next = append(next, n.ID)
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

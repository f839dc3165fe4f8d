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
// Invalid error naming max_depth when it is out of range. A store that is
// a PathSearcher runs the search in its one read; on another, the reads
// of SearchPathOf are one snapshot of r when r is a Snapshotter.
func Path(ctx context.Context, r Reader, from, to string, maxDepth int, tr TimeRange) (PathResult, error) {
	const op = "graph.Path"
	switch {
	case maxDepth == 0:
		maxDepth = DefaultPathDepth
	case maxDepth < 1 || maxDepth > MaxPathDepth:
		return PathResult{}, InvalidParam(op, "max_depth", "max_depth must be between 1 and %d", MaxPathDepth)
	}
	q := PathQuery{From: from, To: to, MaxDepth: maxDepth, LinksPerNode: PathLinksPerNode, RingNodes: PathRingNodes,
		Filter: LinkFilter{Time: tr}}
	var found PathRead
	var err error
	if ps, ok := r.(PathSearcher); ok {
		found, err = ps.SearchPath(ctx, q)
		err = Wrap(Internal, op, "searching the path", err)
	} else {
		err = inSnapshot(ctx, r, func(r Reader) error {
			var err error
			found, err = SearchPathOf(ctx, r, q)
			return err
		})
	}
	if err != nil {
		return PathResult{}, err
	}
	return found.result(ctx, q)
}

// PathQuery is one bounded path search (see Path): from From to To, of at
// most MaxDepth edges, each node offering its LinksPerNode heaviest links
// under Filter and each ring keeping its RingNodes best-linked new nodes.
// Path asks for PathLinksPerNode and PathRingNodes; the contract suite
// asks for less, so that the fixtures' rings are cut and tie.
type PathQuery struct {
	From, To     string
	MaxDepth     int
	LinksPerNode int
	RingNodes    int
	Filter       LinkFilter
}

// PathRead is what a path search reads: Order, the node ids along the
// path (nil when there is none within MaxDepth or an end is unknown);
// Entities, those of the two ends and of Order's nodes that the store
// knows (in any order; an end missing from it is unknown); Links, the
// links between consecutive nodes of Order, as LinksBetween returns them.
type PathRead struct {
	Order    []string
	Entities []Entity
	Links    []Link
}

// PathSearcher is a store that runs a whole path search, with the links
// and entities of its answer, in one read. A search reads a few times
// (the ends with their first rings, a ring or two more, the links and
// the nodes between), which costs next to nothing in process
// (graph/sqlite) but a round trip and the server's fixed cost per query
// on a server (graph/neo4j), where the one query of a path between rare
// people cost 1.2–1.6 ms of server CPU against 1.7–2.1 ms for the reads
// (README, Neo4j at scale). Its answer is SearchPathOf's for every
// query: the contract suite (graph/storetest) compares them on the
// fixtures.
type PathSearcher interface {
	SearchPath(ctx context.Context, q PathQuery) (PathRead, error)
}

// Warmer is a store that can pay ahead of requests for what its first
// reads of a kind would otherwise pay: on Neo4j, planning a path search's
// one query takes the server seconds (3–10 s measured on a 10k graph) and
// is then cached. serve calls Warm once, in the background, when it
// starts.
type Warmer interface {
	Warm(ctx context.Context) error
}

// SearchPathOf answers PathSearcher.SearchPath with the reads of r's
// LinkReader: what Path runs on a store that is no PathSearcher, and the
// answer a store's one read must give. Its reads: the ends with their
// first rings (Nodes), a read for each ring more (or for two, see
// shortest), then the links along the path and the entities of the
// nodes between.
func SearchPathOf(ctx context.Context, r Reader, q PathQuery) (PathRead, error) {
	const op = "graph.Path"
	c := newNodeReads(r, q.Filter, 0)
	ends := []string{q.From, q.To}
	// Both ends and the lists their first rings read, at once.
	if err := c.read(ctx, ends, q.LinksPerNode, false); err != nil {
		return PathRead{}, Wrap(Internal, op, "reading entities", err)
	}
	for _, id := range ends {
		if _, ok := c.entity(id); !ok {
			entities, err := c.entitiesOf(ctx, ends)
			return PathRead{Entities: entities}, err
		}
	}
	order, err := shortest(ctx, c, q)
	if err != nil {
		return PathRead{}, err
	}
	var pairs []Pair
	for i := 1; i < len(order); i++ {
		pairs = append(pairs, PairOf(order[i-1], order[i]))
	}
	slices.SortFunc(pairs, comparePairs)
	links, err := c.linksBetween(ctx, pairs)
	if err != nil {
		return PathRead{}, Wrap(Internal, op, "reading the links along the path", err)
	}
	drawn := ends
	if order != nil {
		drawn = order
	}
	entities, err := c.entitiesOf(ctx, drawn)
	if err != nil {
		return PathRead{}, Wrap(Internal, op, "reading entities", err)
	}
	return PathRead{Order: order, Entities: entities, Links: links}, nil
}

// result draws the path p read for q: its nodes (just the two ends when
// there is none) and the links along it. It returns a NotFound error
// when an end is unknown.
func (p PathRead) result(ctx context.Context, q PathQuery) (PathResult, error) {
	// Reads that hold all p read and no store behind them, so that the
	// drawing is Neighborhood's (selection.draw) and reads nothing more.
	c := newNodeReads(nil, q.Filter, len(p.Entities))
	for _, e := range p.Entities {
		c.entities[e.ID] = e
	}
	for _, id := range []string{q.From, q.To} {
		if _, ok := c.entity(id); !ok {
			return PathResult{}, Errorf(NotFound, "graph.Path", "no entity %q", id)
		}
	}
	res := PathResult{Found: p.Order != nil, Order: p.Order}
	s := newSelection(len(p.Entities))
	if p.Order == nil {
		s.add(q.From)
		s.add(q.To)
		res.Order = []string{}
	} else {
		res.Length = len(p.Order) - 1
		for i, id := range p.Order {
			s.add(id)
			if i > 0 {
				s.link(p.Order[i-1], id)
				c.links[PairOf(p.Order[i-1], id)] = []Link{}
			}
		}
	}
	for _, l := range p.Links {
		pair := PairOf(l.Source, l.Target)
		c.links[pair] = append(c.links[pair], l)
	}
	for _, id := range s.ids {
		if _, ok := c.entities[id]; !ok {
			c.entities[id] = Entity{} // unknown: drawn without it, as a store read would
		}
	}
	var err error
	res.Subgraph, err = s.draw(ctx, c)
	return res, err
}

// shortest runs a breadth-first search from both ends, one whole ring at a
// time from the smaller side, and returns the node ids along a shortest path
// (nil when none is within maxDepth). Ties break by id, so the answer is the
// same on every store and every run.
func shortest(ctx context.Context, c *nodeReads, q PathQuery) ([]string, error) {
	from, to, maxDepth, k := q.From, q.To, q.MaxDepth, q.LinksPerNode
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
		// The next ring most often grows from the other side (a new
		// ring is larger than the frontier it grew from): when this ring
		// needs a read, another ring follows, and the other side's
		// frontier is small (at most 16 nodes, or twice this one), its
		// lists come in the same read, so that a path costs a read per
		// two rings.
		ids := frontier[side]
		if other := frontier[1-side]; depth[0]+depth[1]+1 < maxDepth && len(other) <= max(2*len(ids), 16) && !c.knowsAll(ids, k) {
			ids = append(slices.Clip(ids), other...)
		}
		lists, err := c.neighbors(ctx, ids, k)
		if err != nil {
			return nil, Wrap(Internal, "graph.Path", "reading the links around entities", err)
		}
		lists = lists[:len(frontier[side])]
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
		next := make([]string, 0, min(len(ring), q.RingNodes))
		for _, n := range ring[:min(len(ring), q.RingNodes)] {
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

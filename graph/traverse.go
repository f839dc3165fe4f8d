package graph

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"
)

// Neighborhood returns the subgraph around the entity id within q.Depth
// steps, in q.View, read from the link layer with every bound applied in
// the store: a neighborhood costs what it returns, however busy its
// entities are.
//
// Entity view: each ring keeps the neighbors with the heaviest links to
// the ring before it (a neighbor ranks by its heaviest such link, then by
// id) until q.Limit nodes. Edges join each node kept to the node of the
// ring before it was kept for (its heaviest link there, ties by that
// node's id); then, among the other links between nodes that were read
// on the way (from the ring before, those that rank with the nodes kept;
// among all nodes, each node's LinksPerNode heaviest), the heaviest are
// drawn until EdgeBudget pairs of linked nodes. Each node's Omitted
// counts its neighbors (under the filters)
// that no edge of the answer joins to it; the subgraph's Omitted counts
// the root's neighbors left out; Truncated says whether the limit left out
// any entity within the depth.
//
// Statement view: each ring keeps the newest statements around the ring
// before it, then the entities they name, until q.Limit nodes.
//
// Its reads are one snapshot of r when r is a Snapshotter (a depth-1
// entity view is one read, with no snapshot). It returns a
// NotFound error for an unknown id and an Invalid error naming the
// parameter for a depth, limit or view out of range.
func Neighborhood(ctx context.Context, r Reader, id string, q NeighborhoodQuery) (Subgraph, error) {
	if q.Depth <= 1 && q.View != ViewStatements {
		// A depth-1 entity view is one read (NodesAround), which sees one
		// state of the graph without a snapshot; the snapshot's
		// transaction would cost a store that pays per query
		// (graph/neo4j) a round trip more.
		return neighborhood(ctx, r, id, q)
	}
	var sg Subgraph
	err := inSnapshot(ctx, r, func(r Reader) error {
		var err error
		sg, err = neighborhood(ctx, r, id, q)
		return err
	})
	return sg, err
}

// neighborhood is Neighborhood on one snapshot of r.
func neighborhood(ctx context.Context, r Reader, id string, q NeighborhoodQuery) (Subgraph, error) {
	const op = "graph.Neighborhood"
	q, err := q.normalize(op)
	if err != nil {
		return Subgraph{}, err
	}
	if q.View == ViewStatements {
		root, err := r.Entity(ctx, id)
		if err != nil {
			return Subgraph{}, err
		}
		return statementNeighborhood(ctx, r, root.ID, q)
	}
	c := newNodeReads(r, q.linkFilter(), q.Limit)
	// The root, its degree and the list its first ring is read from
	// (bestAcross reads q.Limit deep for one node), and the nodes of that
	// ring (its first q.Limit-1, see growRing) as entitySubgraph reads
	// them, with the links that join them to the root, at once; and the
	// links among that ring that the answer's budget leaves room for
	// when the ring is all the answer (depth 1, or a ring that fills
	// the limit): the heaviest pairs its nodes' lists offer
	// (entitySubgraph), so that a depth-1 answer is one read.
	m := q.Limit - 1
	if err := c.around(ctx, id, max(q.Limit, LinksPerNode), m, LinksPerNode, EdgeBudget(q.Limit)-m); err != nil {
		return Subgraph{}, Wrap(Internal, op, "reading entity "+id, err)
	}
	if _, ok := c.entity(id); !ok {
		return Subgraph{}, Errorf(NotFound, op, "no entity %q", id)
	}
	s := newSelection(q.Limit, id)
	frontier := []string{id}
	var expanded []string
	for ring := 0; ring < q.Depth && len(frontier) > 0; ring++ {
		expanded = append(expanded, frontier...)
		slots := q.Limit - len(s.ids)
		if slots <= 0 {
			break
		}
		if frontier, err = s.growRing(ctx, c, frontier, slots); err != nil {
			return Subgraph{}, err
		}
	}
	return s.entitySubgraph(ctx, c, expanded)
}

func (q NeighborhoodQuery) normalize(op string) (NeighborhoodQuery, error) {
	switch {
	case q.Depth == 0:
		q.Depth = 1
	case q.Depth < 0 || q.Depth > MaxDepth:
		return q, InvalidParam(op, "depth", "depth must be between 1 and %d", MaxDepth)
	}
	switch {
	case q.Limit == 0:
		q.Limit = DefaultNodeLimit
	case q.Limit < 1 || q.Limit > MaxNodeLimit:
		return q, InvalidParam(op, "limit", "limit must be between 1 and %d", MaxNodeLimit)
	}
	view, err := ParseView(string(q.View))
	q.View = view
	return q, err
}

func (q NeighborhoodQuery) linkFilter() LinkFilter {
	return LinkFilter{Kinds: q.Kinds, Rels: q.Rels, Time: q.Time}
}

// Summed reports whether f has a type or time filter: then a node's
// neighbors and degree are summed from its links (of those types, on
// those dates), not read from the neighbors kept on write and counters.
func (f LinkFilter) Summed() bool { return len(f.Rels) > 0 || !f.Time.IsZero() }

// KindOfID returns the kind an entity id starts with (see EntityID), or ""
// when the id is not an entity id.
func KindOfID(id string) Kind {
	k, _, ok := strings.Cut(id, ":")
	if !ok || !Kind(k).Valid() {
		return ""
	}
	return Kind(k)
}

// selection is the node set of an entity-view answer as it grows, with
// the pairs of nodes found linked on the way: those drawn, and those
// offered (with their weights) to be drawn within the answer's budget.
type selection struct {
	ids     []string
	in      map[string]bool
	pairs   map[Pair]bool
	offered map[Pair]int
}

// newSelection returns a selection of ids with room for about nodes
// nodes and their pairs.
func newSelection(nodes int, ids ...string) *selection {
	s := &selection{in: make(map[string]bool, nodes), pairs: make(map[Pair]bool, EdgeBudget(nodes)),
		offered: make(map[Pair]int, EdgeBudget(nodes))}
	for _, id := range ids {
		s.add(id)
	}
	return s
}

func (s *selection) add(id string) {
	if !s.in[id] {
		s.in[id] = true
		s.ids = append(s.ids, id)
	}
}

// link records that a and b are linked (in some direction).
func (s *selection) link(a, b string) { s.pairs[PairOf(a, b)] = true }

// growRing adds up to slots new neighbors of frontier, the best first (see
// Neighborhood), and returns them.
func (s *selection) growRing(ctx context.Context, c *nodeReads, frontier []string, slots int) ([]string, error) {
	fetch := func(ctx context.Context, ids []string, k int) ([][]Neighbor, error) {
		lists, err := c.neighbors(ctx, ids, k)
		return lists, Wrap(Internal, "graph.Neighborhood", "reading the links around entities", err)
	}
	isNew := func(_ string, n Neighbor) bool { return !s.in[n.ID] }
	// A list this long holds at least slots new neighbors, all at least
	// as good as its last: reading further cannot change the answer.
	maxK := slots + len(s.ids)
	lists, best, err := bestAcross(ctx, frontier, slots, maxK, fetch, isNew, func(n Neighbor) string { return n.ID }, HeavierFirst)
	if err != nil {
		return nil, err
	}
	picked := make([]string, 0, len(best))
	isPicked := make(map[string]bool, len(best))
	for _, n := range best {
		s.add(n.ID)
		picked = append(picked, n.ID)
		isPicked[n.ID] = true
	}
	// A picked node is drawn joined to the node of the frontier it was
	// picked for, its heaviest link to it (ties: the first frontier node
	// by id), and offered joined to each other one whose link to it ranks
	// with the picked ones: those links were all read, whatever the order
	// lists were read in.
	if len(best) > 0 {
		bar := best[len(best)-1]
		via := make(map[string]Neighbor, len(best))
		for i, list := range lists {
			for _, n := range list {
				if !isPicked[n.ID] || HeavierFirst(n, bar) > 0 {
					continue
				}
				s.offered[PairOf(frontier[i], n.ID)] = n.Weight
				if had, ok := via[n.ID]; !ok || HeavierFirst(Neighbor{frontier[i], n.Weight}, had) < 0 {
					via[n.ID] = Neighbor{frontier[i], n.Weight}
				}
			}
		}
		for id, from := range via {
			p := PairOf(from.ID, id)
			delete(s.offered, p)
			s.pairs[p] = true
		}
	}
	return picked, nil
}

// bestAcross returns the want best items, by order, over the sorted lists
// of the sources (each best first, read by fetch k at a time), counting
// only the items keep accepts and each item (by key) once. It reads no
// more of a list than the answer needs: it starts with a share of want per
// source and reads further (k doubled) only in lists whose last item read
// still ranks before the want-th best found so far, so the answer is
// exactly that of whole lists. maxK, when not 0, is a length past which a
// list need not be read (the caller knows it holds want kept items). It
// returns the lists as read and the best items, best first.
func bestAcross[T any](ctx context.Context, sources []string, want, maxK int,
	fetch func(ctx context.Context, ids []string, k int) ([][]T, error),
	keep func(source string, item T) bool, key func(T) string, order func(a, b T) int) ([][]T, []T, error) {
	lists := make([][]T, len(sources))
	if want <= 0 || len(sources) == 0 {
		return lists, nil, nil
	}
	k := max(8, 2*want/len(sources)+1)
	if maxK > 0 {
		k = min(k, maxK)
	}
	pending := make([]int, len(sources))
	for i := range pending {
		pending[i] = i
	}
	ranked := newRanking(keep, key, order)
	for {
		ids := make([]string, len(pending))
		for j, i := range pending {
			ids[j] = sources[i]
		}
		got, err := fetch(ctx, ids, k)
		if err != nil {
			return nil, nil, err
		}
		for j, i := range pending {
			// A store whose reads see other writes between them (Neo4j's
			// read committed) may give a list shorter than before.
			ranked.add(sources[i], got[j][min(len(lists[i]), len(got[j])):])
			lists[i] = got[j]
		}
		best := ranked.best()
		var bar *T
		if len(best) >= want {
			bar = &best[want-1]
		}
		next := pending[:0]
		for _, i := range pending {
			list := lists[i]
			if len(list) < k || (maxK > 0 && k >= maxK) {
				continue // read to its end, or far enough
			}
			if bar == nil || order(list[len(list)-1], *bar) < 0 {
				next = append(next, i)
			}
		}
		if len(next) == 0 {
			return lists, best[:min(len(best), want)], nil
		}
		pending = next
		k *= 2
		if maxK > 0 {
			k = min(k, maxK)
		}
	}
}

// ranking holds the kept items of lists as they are read, each once (at
// its best rank). A list read again further begins with what was read of
// it before (lists are sorted; in a store without snapshots a write
// between the reads can change that, and the ranking then holds an item
// as first read), so only the rest is added. Ranking every item of the
// lists again at each round of bestAcross was a third of a person's
// depth 2 at 100k (six rounds, 23,000 items ranked for 7,500): 5.4
// against 2.9 CPU-ms of bestAcross per request.
type ranking[T any] struct {
	keep  func(string, T) bool
	key   func(T) string
	order func(a, b T) int
	items map[string]T
}

func newRanking[T any](keep func(string, T) bool, key func(T) string, order func(a, b T) int) *ranking[T] {
	return &ranking[T]{keep: keep, key: key, order: order, items: map[string]T{}}
}

// add ranks the items of source's list that were not read before.
func (r *ranking[T]) add(source string, items []T) {
	for _, item := range items {
		if !r.keep(source, item) {
			continue
		}
		k := r.key(item)
		if had, ok := r.items[k]; !ok || r.order(item, had) < 0 {
			r.items[k] = item
		}
	}
}

// best returns the items ranked so far, best first.
func (r *ranking[T]) best() []T {
	out := make([]T, 0, len(r.items))
	for _, item := range r.items {
		out = append(out, item)
	}
	slices.SortFunc(out, r.order)
	return out
}

// entitySubgraph draws the selection: its edges (see Neighborhood), its
// nodes with names and counts read from the store, what the limit left
// out. expanded are the nodes whose neighbors the depth covers.
func (s *selection) entitySubgraph(ctx context.Context, c *nodeReads, expanded []string) (Subgraph, error) {
	const op = "graph.Neighborhood"
	// Each node's entity, links and (from counters) degree, at once.
	if err := c.read(ctx, s.ids, LinksPerNode, !c.f.Summed()); err != nil {
		return Subgraph{}, Wrap(Internal, op, "reading the nodes and the links among them", err)
	}
	lists, err := c.neighbors(ctx, s.ids, LinksPerNode)
	if err != nil {
		return Subgraph{}, Wrap(Internal, op, "reading the links among the neighbors", err)
	}
	// Nodes whose every link was read know how many of their neighbors
	// the selection holds.
	whole := map[string]int{}
	offered := s.offered
	for i, id := range s.ids {
		inside := 0
		for _, n := range lists[i] {
			if s.in[n.ID] {
				inside++
				if p := PairOf(id, n.ID); !s.pairs[p] {
					offered[p] = n.Weight
				}
			}
		}
		if len(lists[i]) < LinksPerNode {
			whole[id] = inside
		}
	}
	// The heaviest offered pairs are drawn, within the answer's budget.
	for _, p := range heaviestPairs(offered, EdgeBudget(len(s.ids))-len(s.pairs)) {
		s.pairs[p] = true
	}
	sg, err := s.draw(ctx, c)
	if err != nil {
		return Subgraph{}, err
	}
	if err := s.countOmitted(ctx, c, &sg, expanded, whole); err != nil {
		return Subgraph{}, err
	}
	return sg, nil
}

// draw returns the selection's nodes and the links between its pairs.
func (s *selection) draw(ctx context.Context, c *nodeReads) (Subgraph, error) {
	const op = "graph.Neighborhood"
	// The pairs in any order: the edges are sorted once drawn.
	links, err := c.linksBetween(ctx, slices.Collect(maps.Keys(s.pairs)))
	if err != nil {
		return Subgraph{}, Wrap(Internal, op, "reading the links among the nodes", err)
	}
	entities, err := c.entitiesOf(ctx, s.ids)
	if err != nil {
		return Subgraph{}, Wrap(Internal, op, "reading entities", err)
	}
	sg := entityNodes(entities)
	for _, l := range links {
		sg.Edges = append(sg.Edges, l.edge())
	}
	sortEdges(sg.Edges)
	return sg, nil
}

// entityNodes returns a subgraph of the entities (in that order) with
// their names and mentions.
func entityNodes(entities []Entity) Subgraph {
	sg := Subgraph{Nodes: make([]Node, 0, len(entities)), Edges: []Edge{}}
	for _, e := range entities {
		sg.Nodes = append(sg.Nodes, Node{ID: e.ID, Kind: e.Kind, Name: e.Name, Mentions: e.Mentions})
	}
	return sg
}

// countOmitted sets each node's Omitted and the subgraph's Omitted and
// Truncated (see Neighborhood). Without a type or time filter degrees are
// counters, read for every node; with one they are counted, so only for
// the expanded nodes.
func (s *selection) countOmitted(ctx context.Context, c *nodeReads, sg *Subgraph, expanded []string, whole map[string]int) error {
	const op = "graph.Neighborhood"
	f := c.f
	counted := expanded
	if !f.Summed() {
		counted = s.ids
	}
	degrees, err := c.degreesOf(ctx, counted)
	if err != nil {
		return Wrap(Internal, op, "counting neighbors", err)
	}
	// The root need not be of a kind the filter lets in; only neighbors
	// that it does count.
	drawn := make(map[string]int, len(s.ids))
	for p := range s.pairs {
		if f.allowsKind(p.B) {
			drawn[p.A]++
		}
		if f.allowsKind(p.A) {
			drawn[p.B]++
		}
	}
	degree := make(map[string]int, len(counted))
	for i, id := range counted {
		degree[id] = degrees[i]
	}
	for i := range sg.Nodes {
		n := &sg.Nodes[i]
		if d, ok := degree[n.ID]; ok {
			n.Omitted = d - drawn[n.ID]
		}
	}
	if len(sg.Nodes) > 0 && sg.Nodes[0].ID == s.ids[0] {
		sg.Omitted = sg.Nodes[0].Omitted
	}
	// Truncated: does an expanded node have a neighbor outside the
	// selection? A node with more neighbors than the selection has other
	// nodes surely does; one whose links were all read tells exactly; the
	// rest (few: more than LinksPerNode neighbors, fewer than the
	// selection) have their whole lists read now.
	var unsure []string
	kUnsure := 0
	for _, id := range expanded {
		d := degree[id]
		inside, known := whole[id]
		switch {
		case d > len(s.ids)-1:
			sg.Truncated = true
			return nil
		case known:
			if d > inside {
				sg.Truncated = true
				return nil
			}
		default:
			unsure = append(unsure, id)
			kUnsure = max(kUnsure, d)
		}
	}
	if len(unsure) == 0 {
		return nil
	}
	lists, err := c.neighbors(ctx, unsure, kUnsure)
	if err != nil {
		return Wrap(Internal, op, "reading the links of the neighbors", err)
	}
	for _, list := range lists {
		for _, n := range list {
			if !s.in[n.ID] {
				sg.Truncated = true
				return nil
			}
		}
	}
	return nil
}

// edge returns the link as an edge of a subgraph.
func (l Link) edge() Edge {
	return Edge{ID: EdgeID(l.Type, l.Source, l.Target), Type: l.Type, Source: l.Source, Target: l.Target,
		Statements: l.Sample, Count: l.Count, First: l.First, Last: l.Last, Role: l.Role}
}

func sortEdges(edges []Edge) {
	slices.SortFunc(edges, func(x, y Edge) int {
		return cmp.Or(cmp.Compare(x.Type, y.Type), cmp.Compare(x.Source, y.Source), cmp.Compare(x.Target, y.Target))
	})
}

// WholeGraph returns the most mentioned entities (of q.Kinds), up to
// MaxExportNodes, and the edges among them in q.View: in the entity view
// each entity's ExportLinksPerNode heaviest links to other exported
// entities; in the statement view half the nodes are entities and the
// rest the newest statements around them. Omitted counts the entities
// left out. q.Depth and q.Limit are not read. It is what an export of the
// whole graph writes.
func WholeGraph(ctx context.Context, r Reader, q NeighborhoodQuery) (Subgraph, error) {
	const op = "graph.WholeGraph"
	view, err := ParseView(string(q.View))
	if err != nil {
		return Subgraph{}, err
	}
	stats, err := r.Stats(ctx)
	if err != nil {
		return Subgraph{}, Wrap(Internal, op, "counting entities", err)
	}
	total := 0
	for k, n := range stats.ByKind {
		if len(q.Kinds) == 0 || slices.Contains(q.Kinds, k) {
			total += n
		}
	}
	entityCap := MaxExportNodes
	if view == ViewStatements {
		entityCap /= 2
	}
	var ids []string
	page := PageRequest{Size: MaxPageSize}
	for len(ids) < entityCap {
		page.Size = min(MaxPageSize, entityCap-len(ids))
		p, err := r.SearchEntities(ctx, EntityQuery{Kinds: q.Kinds, Page: page})
		if err != nil {
			return Subgraph{}, Wrap(Internal, op, "listing entities", err)
		}
		for _, e := range p.Entities {
			ids = append(ids, e.ID)
		}
		if p.NextPageToken == "" {
			break
		}
		page.Token = p.NextPageToken
	}
	var sg Subgraph
	if view == ViewStatements {
		sg, err = wholeStatementGraph(ctx, r, ids, q.Time)
	} else {
		sg, err = wholeEntityGraph(ctx, r, ids, q.linkFilter())
	}
	if err != nil {
		return Subgraph{}, err
	}
	sg.Omitted = max(0, total-len(ids))
	sg.Truncated = sg.Truncated || sg.Omitted > 0
	return sg, nil
}

// exportBatch is how many entities one read of an export asks about.
const exportBatch = 1000

func wholeEntityGraph(ctx context.Context, r Reader, ids []string, f LinkFilter) (Subgraph, error) {
	s := newSelection(len(ids), ids...)
	c := newNodeReads(r, f, len(ids))
	for start := 0; start < len(ids); start += exportBatch {
		batch := ids[start:min(start+exportBatch, len(ids))]
		lists, err := r.Neighbors(ctx, batch, ExportLinksPerNode, f)
		if err != nil {
			return Subgraph{}, Wrap(Internal, "graph.WholeGraph", "reading links", err)
		}
		for i, list := range lists {
			for _, n := range list {
				if s.in[n.ID] {
					s.link(batch[i], n.ID)
				}
			}
		}
	}
	return s.draw(ctx, c)
}

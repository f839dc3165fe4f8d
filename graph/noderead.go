package graph

import "context"

// nodeReads is what one traversal has read about its nodes, under its one
// filter and in its one snapshot, so that no step reads again what an
// earlier step read: a list of neighbors read k deep answers a read of
// the same node as deep or less (the heaviest k' of a node are the first
// k' of its heaviest k), and any read when it came back shorter than k
// (it is the whole list); an entity and its degree are read once. With
// it, the steps of a traversal that need a node's entity, degree and
// first neighbors ask for them together (LinkReader.Nodes), a
// neighborhood reads its root and first ring at once, with the links
// between them and the links its budget draws among the ring
// (LinkReader.NodesAround), and a depth-1 neighborhood is one read.
type nodeReads struct {
	r        Reader
	f        LinkFilter
	lists    map[string]readList
	entities map[string]Entity // ID "" for an id the store does not know
	degrees  map[string]int
	links    map[Pair][]Link // the links between pairs read so far
}

// readList is a node's list of neighbors as read k deep.
type readList struct {
	list []Neighbor
	k    int
}

// newNodeReads returns reads of r under f, with room for about nodes
// nodes (growing the maps node by node was a tenth of a cached
// neighborhood's CPU).
func newNodeReads(r Reader, f LinkFilter, nodes int) *nodeReads {
	return &nodeReads{r: r, f: f, lists: make(map[string]readList, nodes), entities: make(map[string]Entity, nodes),
		degrees: make(map[string]int, nodes), links: make(map[Pair][]Link, nodes)}
}

// known returns id's k heaviest neighbors when what was read of its list
// answers that, and whether it does.
func (c *nodeReads) known(id string, k int) ([]Neighbor, bool) {
	if k <= 0 {
		return nil, true
	}
	l, ok := c.lists[id]
	if !ok || (l.k < k && len(l.list) >= l.k) {
		return nil, false
	}
	return l.list[:min(k, len(l.list))], true
}

// knowsAll reports whether the lists of ids k deep are all known.
func (c *nodeReads) knowsAll(ids []string, k int) bool {
	for _, id := range ids {
		if _, ok := c.known(id, k); !ok {
			return false
		}
	}
	return true
}

// keep records id's list as read k deep, unless a deeper read is known.
func (c *nodeReads) keep(id string, list []Neighbor, k int) {
	if k <= 0 {
		return
	}
	if l, ok := c.lists[id]; ok && (l.k >= k || len(l.list) < l.k) {
		return
	}
	c.lists[id] = readList{list: list, k: k}
}

// neighbors answers LinkReader.Neighbors(ids, k) under the traversal's
// filter, reading only the lists it does not know.
func (c *nodeReads) neighbors(ctx context.Context, ids []string, k int) ([][]Neighbor, error) {
	out := make([][]Neighbor, len(ids))
	var missing []string
	var at []int
	for i, id := range ids {
		if list, ok := c.known(id, k); ok {
			out[i] = list
			continue
		}
		missing = append(missing, id)
		at = append(at, i)
	}
	if len(missing) == 0 {
		return out, nil
	}
	lists, err := c.r.Neighbors(ctx, missing, k, c.f)
	if err != nil {
		return nil, err
	}
	for j, id := range missing {
		c.keep(id, lists[j], k)
		out[at[j]] = lists[j]
	}
	return out, nil
}

// read reads in one LinkReader.Nodes what is not known yet of ids: each
// entity, its list k deep and, when degrees is set, its degree.
func (c *nodeReads) read(ctx context.Context, ids []string, k int, degrees bool) error {
	var missing []string
	for _, id := range ids {
		_, entity := c.entities[id]
		_, degree := c.degrees[id]
		_, list := c.known(id, k)
		if !entity || !list || (degrees && !degree) {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	nodes, err := c.r.Nodes(ctx, missing, k, c.f, degrees)
	if err != nil {
		return err
	}
	for i, id := range missing {
		c.entities[id] = nodes[i].Entity
		c.keep(id, nodes[i].Neighbors, k)
		if degrees {
			c.degrees[id] = nodes[i].Degree
		}
	}
	return nil
}

// around reads, in one LinkReader.NodesAround, the root id (its entity,
// degree and list k deep) and its first m neighbors (their entities,
// lists kk deep, degrees unless the filter is summed, and their links to
// the root), with the links of the among heaviest pairs among them.
func (c *nodeReads) around(ctx context.Context, id string, k, m, kk, among int) error {
	root, ring, links, err := c.r.NodesAround(ctx, id, k, m, kk, among, c.f)
	if err != nil {
		return err
	}
	c.entities[id] = root.Entity
	c.keep(id, root.Neighbors, k)
	c.degrees[id] = root.Degree
	for _, n := range ring {
		nid := n.Entity.ID
		if _, ok := c.entities[nid]; ok || nid == "" {
			continue
		}
		c.entities[nid] = n.Entity
		c.keep(nid, n.Neighbors, kk)
		if !c.f.Summed() {
			c.degrees[nid] = n.Degree
		}
		c.links[PairOf(id, nid)] = n.Links
	}
	// A pair read has a link (its weight counts some), and all of its
	// links came.
	for _, l := range links {
		p := PairOf(l.Source, l.Target)
		c.links[p] = append(c.links[p], l)
	}
	return nil
}

// linksBetween answers LinkReader.LinksBetween(pairs), reading the pairs
// not known.
func (c *nodeReads) linksBetween(ctx context.Context, pairs []Pair) ([]Link, error) {
	var out []Link
	var missing []Pair
	for _, p := range pairs {
		if links, ok := c.links[p]; ok {
			out = append(out, links...)
		} else {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		links, err := c.r.LinksBetween(ctx, missing, c.f)
		if err != nil {
			return nil, err
		}
		out = append(out, links...)
	}
	return out, nil
}

// entity returns the entity id as read, and whether the store knows it.
func (c *nodeReads) entity(id string) (Entity, bool) {
	e := c.entities[id]
	return e, e.ID != ""
}

// entitiesOf answers Reader.Entities(ids), reading those not known.
func (c *nodeReads) entitiesOf(ctx context.Context, ids []string) ([]Entity, error) {
	if err := c.read(ctx, ids, 0, false); err != nil {
		return nil, err
	}
	out := make([]Entity, 0, len(ids))
	for _, id := range ids {
		if e, ok := c.entity(id); ok {
			out = append(out, e)
		}
	}
	return out, nil
}

// degreesOf answers LinkReader.Degrees(ids) under the traversal's
// filter, reading those not known.
func (c *nodeReads) degreesOf(ctx context.Context, ids []string) ([]int, error) {
	var missing []string
	for _, id := range ids {
		if _, ok := c.degrees[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		counts, err := c.r.Degrees(ctx, missing, c.f)
		if err != nil {
			return nil, err
		}
		for i, id := range missing {
			c.degrees[id] = counts[i]
		}
	}
	out := make([]int, len(ids))
	for i, id := range ids {
		out[i] = c.degrees[id]
	}
	return out, nil
}

package neo4j

import (
	"context"
	"sync"
	"time"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A click on a busy entity reads the same rows each time: the root's list
// of neighbors, its ring's node rows (drawn entity, degree, 4 heaviest
// neighbors), the links between the root and the ring and among the ring;
// at 100k entities a hub's depth 1 is about 30 ms of the server's CPU
// for them (see the README's Neo4j at scale). rowCache keeps those rows,
// decoded, for one state of the database, as graph/sqlite's row cache
// does; NodesAround without a type, kind or time filter reads the write
// generation first (one small query) and takes the rows from the cache
// when it holds that generation, querying the database only for a
// generation it has not filled (then the one query of before, whose rows
// it keeps). Rows, not answers: a node's row serves every neighborhood
// it is in, and the answer is assembled from them as before.
//
// The write generation is on the one (:Curation {id: 'entitygraph'})
// node, beside the corrections' version: every write transaction of this
// package (documents, corrections, migrations; write and execWrite) adds
// one to it as its first statement, which takes the node's write lock for
// the rest of the transaction. Writes of documents and corrections took
// that lock first already (see curation.go), so write transactions were
// one at a time and the bump adds no wait; migrations now queue behind
// them too. epoch is a random id set when the node is created, so that a
// database wiped and written again (the tests do) is not taken for the
// one whose generations the cache saw.
//
// Staleness. Neo4j has no snapshot across two queries (read committed),
// so the argument is about order. A write's transaction holds the
// generation's lock from its start until it has committed, so generation
// g+1 is written only after every write of generation g is committed.
// A read reads the generation first and the rows after, so the rows it
// reads are at least as new as the generation it read: it keeps them
// tagged with that generation, and a later read that reads the same
// generation gets rows at least as new as what it would have read
// itself at that moment, unless a write committed in between, which
// it would see as a newer generation. The one gap is within a commit:
// Neo4j applies a committed transaction's records to the store in an
// order of its own (created properties and relationships, updated
// properties, then deletions), so a read that runs while a commit is
// being applied may see the new generation before the LINKs that
// commit deletes are gone. So a process fills the cache with a
// generation only once settle has passed since it first saw it:
// applying one commit (its records to the page cache) takes
// milliseconds, and settle is a second. A read within that second
// reads the database as without the cache. The rows a read keeps can
// also be newer than their tag (a write committed after the generation
// was read); a later reader of the tag then gets rows newer than the
// tag, which read committed allows, and the cache empties when it sees
// the newer generation.

const (
	// bumpGeneration is the first statement of every write transaction.
	bumpGeneration = `
MERGE (v:Curation {id: $id})
ON CREATE SET v.version = 0
SET v.generation = coalesce(v.generation, 0) + 1, v.epoch = coalesce(v.epoch, randomUUID())`
	readGeneration = `
OPTIONAL MATCH (v:Curation {id: $id})
RETURN v.epoch, v.generation`
)

// rowCacheEntries bounds the entity rows and the pairs' links a rowCache
// holds, and rowCacheNeighbors the neighbors in all its rows' lists (a
// root's list is hundreds long): past either, the map starts over. A
// hub's depth 1 is 500 rows, about 750 pairs and 2,500 neighbors; this
// keeps dozens of them, in tens of MB at most.
const (
	rowCacheEntries   = 1 << 16
	rowCacheNeighbors = 1 << 19
)

// rowSettle is how long after a process first sees a generation it
// starts filling the cache with it (see above).
const rowSettle = time.Second

// cachedRow is an entity's row as NodesAround reads it without a filter:
// what a subgraph's node shows of it, its degree, and its heaviest
// neighbors read k deep (the whole list when shorter than k).
type cachedRow struct {
	entity    graph.Entity
	degree    int
	neighbors []graph.Neighbor
	k         int
}

// rowCache holds rows of one generation of one epoch (see above). Values
// are shared between readers, which get them capped so that an append
// copies.
type rowCache struct {
	mu         sync.Mutex
	epoch      string
	generation int64
	seen       time.Time // when this process first saw the generation
	settle     time.Duration
	rows       map[string]cachedRow
	neighbors  int // in rows' lists
	// links holds, for a pair, every link between its ends in either
	// direction, read without a filter.
	links map[graph.Pair][]graph.Link
}

// rowView is the cache as one read may use it.
type rowView struct {
	c          *rowCache
	epoch      string
	generation int64
	usable     bool // the cache holds the read's generation
	fill       bool // and the read may add to it
}

// rowView reads the write generation and returns the cache as a read
// that follows may use it.
func (s *Store) rowView(ctx context.Context, op string) (rowView, error) {
	recs, err := readRows(ctx, s, op, readGeneration, map[string]any{"id": curationID})
	if err != nil || len(recs) == 0 {
		return rowView{}, err
	}
	epoch, ok := recs[0].Values[0].(string)
	generation, ok2 := recs[0].Values[1].(int64)
	if !ok || !ok2 {
		return rowView{}, nil // nothing written since it was created
	}
	c := &s.rows
	c.mu.Lock()
	defer c.mu.Unlock()
	now := time.Now()
	switch {
	case epoch != c.epoch || generation > c.generation || c.rows == nil:
		c.epoch, c.generation, c.seen = epoch, generation, now
		c.rows, c.neighbors, c.links = map[string]cachedRow{}, 0, map[graph.Pair][]graph.Link{}
	case generation < c.generation:
		return rowView{}, nil
	}
	settle := rowSettle
	if c.settle != 0 {
		settle = max(c.settle, 0)
	}
	return rowView{c: c, epoch: epoch, generation: generation, usable: true, fill: now.Sub(c.seen) >= settle}, nil
}

// lock locks the cache and reports whether it still holds v's generation;
// the caller unlocks it when it does.
func (v rowView) lock() bool {
	if !v.usable {
		return false
	}
	v.c.mu.Lock()
	if v.c.epoch != v.epoch || v.c.generation != v.generation {
		v.c.mu.Unlock()
		return false
	}
	return true
}

// row returns id's row read at least k deep.
func (v rowView) row(id string, k int) (cachedRow, bool) {
	r, ok := v.c.rows[id]
	if !ok || (r.k < k && len(r.neighbors) >= r.k) {
		return cachedRow{}, false
	}
	if n := min(k, len(r.neighbors)); n > 0 {
		r.neighbors = r.neighbors[:n:n]
	} else {
		r.neighbors = nil // as the query gives none
	}
	return r, true
}

// keepRow keeps r, unless the cache holds a deeper read. The caller holds
// the lock.
func (v rowView) keepRow(r cachedRow) {
	if old, ok := v.c.rows[r.entity.ID]; ok {
		if old.k >= r.k {
			return
		}
		v.c.neighbors -= len(old.neighbors)
	}
	if len(v.c.rows) >= rowCacheEntries || v.c.neighbors+len(r.neighbors) > rowCacheNeighbors {
		v.c.rows, v.c.neighbors = map[string]cachedRow{}, 0
	}
	v.c.rows[r.entity.ID] = r
	v.c.neighbors += len(r.neighbors)
}

// pairLinks returns the cached links of p.
func (v rowView) pairLinks(p graph.Pair) ([]graph.Link, bool) {
	links, ok := v.c.links[p]
	return links[:len(links):len(links)], ok
}

// keepPairLinks keeps links as every link of p. The caller holds the
// lock.
func (v rowView) keepPairLinks(p graph.Pair, links []graph.Link) {
	if len(v.c.links) >= rowCacheEntries {
		v.c.links = map[graph.Pair][]graph.Link{}
	}
	v.c.links[p] = links
}

// cachedAround answers NodesAround without a filter from the cache v, as
// nodesAround would: ok is false when the cache lacks the root's row, a
// ring node's row or its links to the root. missing are the pairs among
// the ring whose links it lacks, for the caller to read; inside holds
// the links of the others.
func (v rowView) cachedAround(id string, k, m, kk, among int) (root graph.NodeLinks, ring []graph.NodeLinks, inside []graph.Link, missing []graph.Pair, ok bool) {
	if !v.lock() {
		return root, nil, nil, nil, false
	}
	defer v.c.mu.Unlock()
	r, ok := v.row(id, k)
	if !ok {
		return root, nil, nil, nil, false
	}
	root = graph.NodeLinks{Entity: r.entity, Neighbors: r.neighbors, Degree: r.degree}
	for _, n := range root.Neighbors[:min(m, len(root.Neighbors))] {
		nr, ok := v.row(n.ID, kk)
		if !ok {
			return root, nil, nil, nil, false
		}
		links, ok := v.pairLinks(graph.PairOf(id, n.ID))
		if !ok {
			return root, nil, nil, nil, false
		}
		ring = append(ring, graph.NodeLinks{Entity: nr.entity, Neighbors: nr.neighbors, Degree: nr.degree, Links: links})
	}
	for _, p := range graph.RingPairs(ring, among) {
		links, ok := v.pairLinks(p)
		if !ok {
			missing = append(missing, p)
			continue
		}
		inside = append(inside, links...)
	}
	return root, ring, inside, missing, true
}

// keepAround keeps what the query of NodesAround without a filter read:
// the root's row k deep, the ring's rows kk deep and their links to the
// root, and the links among the ring by pair (only the pairs it has
// links of: a pair it read without any is read again).
func (v rowView) keepAround(root graph.NodeLinks, k int, ring []graph.NodeLinks, kk int, inside []graph.Link) {
	if !v.fill || !v.lock() {
		return
	}
	defer v.c.mu.Unlock()
	v.keepRow(cachedRow{entity: root.Entity, degree: root.Degree, neighbors: root.Neighbors, k: k})
	for _, n := range ring {
		v.keepRow(cachedRow{entity: n.Entity, degree: n.Degree, neighbors: n.Neighbors, k: kk})
		v.keepPairLinks(graph.PairOf(root.Entity.ID, n.Entity.ID), n.Links)
	}
	v.keepLinks(nil, inside)
}

// keepLinks keeps, for each of pairs, its links among read (every link
// of those pairs), and for each other pair of read its links there.
// The caller holds the lock unless it is keepAround.
func (v rowView) keepLinks(pairs []graph.Pair, read []graph.Link) {
	byPair := make(map[graph.Pair][]graph.Link, len(pairs))
	for _, p := range pairs {
		byPair[p] = nil
	}
	for _, l := range read {
		p := graph.PairOf(l.Source, l.Target)
		byPair[p] = append(byPair[p], l)
	}
	for p, links := range byPair {
		v.keepPairLinks(p, links)
	}
}

// keepPairs keeps the links of pairs read without a filter.
func (v rowView) keepPairs(pairs []graph.Pair, read []graph.Link) {
	if !v.fill || !v.lock() {
		return
	}
	defer v.c.mu.Unlock()
	v.keepLinks(pairs, read)
}

// bump adds one to the write generation in tx: the first statement of
// every write transaction (see above).
func bump(ctx context.Context, tx neo4j.ManagedTransaction) error {
	_, err := collect(ctx, tx, bumpGeneration, map[string]any{"id": curationID})
	return err
}

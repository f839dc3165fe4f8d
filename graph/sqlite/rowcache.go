package sqlite

import (
	"sync"

	"github.com/entitygraph/entitygraph/graph"
)

// A click on a busy entity reads the same few hundred rows each time: the
// node rows of its first ring (Nodes) and the links between it and them
// (LinksBetween), a B-tree lookup each, about four fifths of a hub's
// depth-1 CPU at 100k entities (see the README). rowCache keeps those rows
// decoded, for one state of the database: every write transaction, from
// this process or another, adds one to write_generation, and a read uses
// the cache only when the generation its own transaction sees is the
// cache's. A read of an older snapshot (begun before a write the cache has
// seen) neither uses nor fills it; one of a newer empties it first. The
// answer of a read is the same with or without it.

const (
	qWriteGeneration = `SELECT value FROM write_generation`
	qBumpGeneration  = `UPDATE write_generation SET value = value + 1`
	// schemaV11 adds the generation (see rowCache).
	schemaV11 = `CREATE TABLE write_generation (value INTEGER NOT NULL);
		INSERT INTO write_generation (value) VALUES (0);`
)

// rowCacheEntries bounds each map of a rowCache: past it the map starts
// over. A hub's depth-1 neighborhood holds 500 nodes and up to 750 pairs;
// this keeps the rows of about a hundred of them, in tens of MB at most.
const rowCacheEntries = 1 << 16

// nodeRow is an entity's row as Nodes reads it.
type nodeRow struct {
	entity  graph.Entity
	degrees degreeCounters
	top     topList
}

// rowCache holds decoded rows of one write generation. Values are shared
// between readers, which do not change them (an Entity's Aliases, a Link's
// Sample).
type rowCache struct {
	mu         sync.Mutex
	generation int64
	nodes      map[string]nodeRow
	// links holds, for a pair read without a type or time filter, every
	// link between its ends in either direction (none when it has none).
	links map[graph.Pair][]graph.Link
	// lists holds entities' heaviest neighbors of any kind, as read from
	// neighbors_by_weight when their top lists were too short.
	lists map[string]neighborList
}

// neighborList is an entity's heaviest neighbors read k deep: it answers
// a read as deep or less, and any read when shorter than k (it is the
// whole list).
type neighborList struct {
	list []graph.Neighbor
	k    int
}

// cacheView is the cache as one read transaction may use it.
type cacheView struct {
	c          *rowCache
	generation int64
	usable     bool
}

// rowCacheFor returns the cache for the transaction t, reading the
// generation t sees.
func (s *Store) rowCacheFor(t *txn) (cacheView, error) {
	var generation int64
	if err := t.queryRow(qWriteGeneration).Scan(&generation); err != nil {
		return cacheView{}, err
	}
	c := &s.rows
	c.mu.Lock()
	defer c.mu.Unlock()
	if generation < c.generation {
		return cacheView{}, nil
	}
	if generation > c.generation || c.nodes == nil {
		c.generation, c.nodes, c.links, c.lists = generation, map[string]nodeRow{}, map[graph.Pair][]graph.Link{}, map[string]neighborList{}
	}
	return cacheView{c: c, generation: generation, usable: true}, nil
}

// lock locks the cache and reports whether it still holds v's generation;
// the caller unlocks it either way.
func (v cacheView) lock() bool {
	if !v.usable {
		return false
	}
	v.c.mu.Lock()
	return v.c.generation == v.generation
}

func (v cacheView) unlock() {
	if v.usable {
		v.c.mu.Unlock()
	}
}

// nodeRows sets rows[i] to the cached row of ids[i] and returns the
// indexes of ids it does not hold.
func (v cacheView) nodeRows(ids []string, rows []nodeRow) (missing []int) {
	defer v.unlock()
	if !v.lock() {
		for i := range ids {
			missing = append(missing, i)
		}
		return missing
	}
	for i, id := range ids {
		if row, ok := v.c.nodes[id]; ok {
			rows[i] = row
		} else {
			missing = append(missing, i)
		}
	}
	return missing
}

// keepNodeRows caches rows read in v's generation.
func (v cacheView) keepNodeRows(rows []nodeRow) {
	defer v.unlock()
	if !v.lock() {
		return
	}
	for _, row := range rows {
		if len(v.c.nodes) >= rowCacheEntries {
			v.c.nodes = map[string]nodeRow{}
		}
		v.c.nodes[row.entity.ID] = row
	}
}

// pairLinks appends the cached links of each of pairs to out and returns
// the pairs it does not hold.
func (v cacheView) pairLinks(pairs []graph.Pair, out []graph.Link) ([]graph.Link, []graph.Pair) {
	defer v.unlock()
	if !v.lock() {
		return out, pairs
	}
	var missing []graph.Pair
	for _, p := range pairs {
		if links, ok := v.c.links[p]; ok {
			out = append(out, links...)
		} else {
			missing = append(missing, p)
		}
	}
	return out, missing
}

// keepPairLinks caches, for each of pairs, the links of read between its
// ends: read holds every link of those pairs, read in v's generation.
func (v cacheView) keepPairLinks(pairs []graph.Pair, read []graph.Link) {
	defer v.unlock()
	if !v.lock() {
		return
	}
	if len(v.c.links)+len(pairs) > rowCacheEntries {
		v.c.links = map[graph.Pair][]graph.Link{}
	}
	byPair := make(map[graph.Pair][]graph.Link, len(pairs))
	for _, l := range read {
		p := graph.PairOf(l.Source, l.Target)
		byPair[p] = append(byPair[p], l)
	}
	for _, p := range pairs {
		v.c.links[p] = byPair[p]
	}
}

// neighborLists sets lists[i] to the cached k heaviest neighbors of
// ids[i] and returns the indexes of ids it does not hold so deep.
func (v cacheView) neighborLists(ids []string, k int, lists [][]graph.Neighbor) (missing []int) {
	defer v.unlock()
	usable := v.lock()
	for i, id := range ids {
		var l neighborList
		ok := false
		if usable {
			l, ok = v.c.lists[id]
		}
		if !ok || (l.k < k && len(l.list) >= l.k) {
			missing = append(missing, i)
			continue
		}
		// Capped, so that a reader's append cannot write into the list.
		n := min(k, len(l.list))
		lists[i] = l.list[:n:n]
	}
	return missing
}

// keepNeighborLists caches lists[i], ids[i]'s heaviest neighbors read k
// deep in v's generation, unless a deeper read is cached.
func (v cacheView) keepNeighborLists(ids []string, lists [][]graph.Neighbor, k int) {
	defer v.unlock()
	if !v.lock() {
		return
	}
	if len(v.c.lists)+len(ids) > rowCacheEntries {
		v.c.lists = map[string]neighborList{}
	}
	for i, id := range ids {
		if l, ok := v.c.lists[id]; !ok || l.k < k {
			v.c.lists[id] = neighborList{list: lists[i], k: k}
		}
	}
}

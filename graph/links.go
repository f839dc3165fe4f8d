package graph

import (
	"cmp"
	"context"
	"iter"
	"maps"
	"math/bits"
	"slices"
)

// The link layer: the entity view of DESIGN.md §3 kept as aggregates on
// write, so that a neighborhood reads its answer and not every statement
// around it. A STATED link joins a speaker to an entity its statements are
// about, a REPORTED_BY link a speaker to an outlet that carried them, and
// the standing relations (AFFILIATED_WITH, PART_OF, BASED_IN) join the
// entities a document relates. Each link keeps its count, first and last
// date and counts per date, written in the same transaction as the
// document that gives them.

// MaxEdgeSample is how many statement ids an edge of the entity view
// carries inline; the rest are paged from Reader.Statements.
const MaxEdgeSample = 3

// LinkFilter narrows the entity view. Kinds restricts the neighbors (empty:
// every kind), Rels the link types (empty: every type); Time counts only
// the statements dated within it. Standing relations are not dated
// statements: a time range keeps them whole.
type LinkFilter struct {
	Kinds []Kind
	Rels  []RelType
	Time  TimeRange
}

// Neighbor is an entity next to another in the entity view, with the
// weight of the links between the two: the sum of their counts in either
// direction, of the types and within the time the filter allows.
type Neighbor struct {
	ID     string
	Weight int
}

// HeavierFirst orders neighbors as LinkReader.Neighbors returns them:
// heaviest first, then by id.
func HeavierFirst(a, b Neighbor) int {
	return cmp.Or(cmp.Compare(b.Weight, a.Weight), cmp.Compare(a.ID, b.ID))
}

// Pair names two entities; LinksBetween reads the links between them in
// both directions.
type Pair struct{ A, B string }

// PairOf returns the pair of a and b in id order, the one key of the two
// entities whichever way their links go.
func PairOf(a, b string) Pair {
	if a > b {
		a, b = b, a
	}
	return Pair{a, b}
}

// comparePairs orders pairs by their first id, then their second.
func comparePairs(a, b Pair) int { return cmp.Or(cmp.Compare(a.A, b.A), cmp.Compare(a.B, b.B)) }

// Link is an edge of the entity view as the link layer keeps it.
type Link struct {
	Type   RelType
	Source string
	Target string
	// Count is the number of statements behind a STATED or REPORTED_BY
	// link within the filter's time range, or of documents that state a
	// standing relation.
	Count int
	// First and Last are the earliest and latest dates (as written) among
	// them; empty when none is dated.
	First, Last string
	// Role is a standing relation's role ("head of"): the first in
	// alphabetical order that any document gives.
	Role string
	// Sample is the link's MaxEdgeSample newest statements (undated last,
	// then by id), those of them within the time range: a time range
	// may leave fewer, or none, though the link has others in it (the
	// statements list pages through them all).
	Sample []string
}

// Key returns the link's type and ends.
func (l Link) Key() LinkKey { return LinkKey{l.Type, l.Source, l.Target} }

// LinkKey identifies a link: one per type and ordered pair of entities.
type LinkKey struct {
	Type           RelType
	Source, Target string
}

// LinkReader reads the link layer. Every method answers from aggregates
// kept on write, in time proportional to what it returns (see each), and
// returns the Reader's errors (Unavailable when the store is down).
type LinkReader interface {
	// Neighbors returns, for each of ids in order, its k heaviest
	// neighbors under f: by weight, heaviest first, then by id. Without a
	// type or time filter it reads k rows per id from an index ordered by
	// weight; with one, it sums the id's links of those types and dates.
	Neighbors(ctx context.Context, ids []string, k int, f LinkFilter) ([][]Neighbor, error)
	// Degrees returns, for each of ids in order, how many distinct
	// neighbors it has under f: from counters kept on write without a
	// type or time filter, by counting its links with one.
	Degrees(ctx context.Context, ids []string, f LinkFilter) ([]int, error)
	// LinksBetween returns the links between the two entities of each
	// pair, in either direction, of the types f allows (f.Kinds is not
	// read), with counts and samples within f.Time; links with nothing
	// in the range are left out. Order: by type, source, target.
	LinksBetween(ctx context.Context, pairs []Pair, f LinkFilter) ([]Link, error)
	// Nodes returns, for each of ids in order, what Entities, Neighbors
	// (k deep) and, when degrees is set, Degrees return for it under f,
	// in one read: a traversal reads what it draws of a node at once, so
	// that a store that pays for each query (graph/neo4j) pays once.
	Nodes(ctx context.Context, ids []string, k int, f LinkFilter, degrees bool) ([]NodeLinks, error)
	// NodesAround returns in one read what a neighborhood reads of its
	// root and first ring: Nodes(id, k, with its degree) and Nodes of its
	// first m neighbors (kk deep, with their degrees unless f has a type
	// or time filter), each of these with Links, the links between it
	// and id (as LinksBetween); and the links among the ring: those of
	// its among heaviest pairs (RingPairs), as LinksBetween returns
	// them. Of each entity it reads what a subgraph's node shows
	// (Entity.Drawn), so that a store that pays for what it sends
	// (graph/neo4j) sends no more for a ring of hundreds. An unknown id
	// has an empty NodeLinks, no ring and no links.
	NodesAround(ctx context.Context, id string, k, m, kk, among int, f LinkFilter) (NodeLinks, []NodeLinks, []Link, error)
}

// NodeLinks is what LinkReader.Nodes reads about one entity.
type NodeLinks struct {
	// Entity is the entity; its ID is "" when the id is unknown.
	Entity Entity
	// Neighbors are its k heaviest neighbors, as Neighbors returns them.
	Neighbors []Neighbor
	// Degree is its number of neighbors, as Degrees returns it; 0 when
	// not asked for.
	Degree int
	// Links are, for a neighbor read by NodesAround, the links between
	// it and the node read around, as LinksBetween returns them.
	Links []Link
}

// NodesOf answers LinkReader.Nodes with a read each of Entities,
// Neighbors and Degrees: for a store whose reads cost little apart, and
// the answer a store's one read must give.
func NodesOf(ctx context.Context, r interface {
	Entities(ctx context.Context, ids []string) ([]Entity, error)
	Neighbors(ctx context.Context, ids []string, k int, f LinkFilter) ([][]Neighbor, error)
	Degrees(ctx context.Context, ids []string, f LinkFilter) ([]int, error)
}, ids []string, k int, f LinkFilter, degrees bool) ([]NodeLinks, error) {
	out := make([]NodeLinks, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	entities, err := r.Entities(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]Entity, len(entities))
	for _, e := range entities {
		byID[e.ID] = e
	}
	lists := make([][]Neighbor, len(ids))
	if k > 0 {
		if lists, err = r.Neighbors(ctx, ids, k, f); err != nil {
			return nil, err
		}
	}
	var counts []int
	if degrees {
		if counts, err = r.Degrees(ctx, ids, f); err != nil {
			return nil, err
		}
	}
	for i, id := range ids {
		out[i] = NodeLinks{Entity: byID[id], Neighbors: lists[i]}
		if degrees {
			out[i].Degree = counts[i]
		}
	}
	return out, nil
}

// NodesAroundOf answers LinkReader.NodesAround with Nodes and
// LinksBetween: for a store whose reads cost little apart, and the
// answer a store's one read must give.
func NodesAroundOf(ctx context.Context, r LinkReader, id string, k, m, kk, among int, f LinkFilter) (NodeLinks, []NodeLinks, []Link, error) {
	roots, err := r.Nodes(ctx, []string{id}, k, f, true)
	if err != nil || roots[0].Entity.ID == "" {
		return NodeLinks{}, nil, nil, err
	}
	root := roots[0]
	root.Entity = root.Entity.Drawn()
	var ids []string
	var pairs []Pair
	for _, n := range root.Neighbors[:min(max(m, 0), len(root.Neighbors))] {
		ids = append(ids, n.ID)
		pairs = append(pairs, PairOf(id, n.ID))
	}
	ring, err := r.Nodes(ctx, ids, kk, f, !f.Summed())
	if err != nil {
		return NodeLinks{}, nil, nil, err
	}
	for i := range ring {
		ring[i].Entity = ring[i].Entity.Drawn()
	}
	inside := RingPairs(ring, among)
	links, err := r.LinksBetween(ctx, append(pairs, inside...), f)
	if err != nil {
		return NodeLinks{}, nil, nil, err
	}
	at := make(map[string]int, len(ids))
	for i, n := range ids {
		at[n] = i
	}
	var amongLinks []Link
	for _, l := range links {
		other := l.Source
		if other == id {
			other = l.Target
		} else if l.Target != id {
			amongLinks = append(amongLinks, l)
			continue
		}
		ring[at[other]].Links = append(ring[at[other]].Links, l)
	}
	return root, ring, amongLinks, nil
}

// RingPairs returns the among heaviest pairs of nodes of ring that a
// node's list of neighbors names (by the list's weight, heaviest first,
// then by the pair's ids): the links among a first ring that
// LinkReader.NodesAround reads. A neighborhood whose first ring is all
// its nodes draws the heaviest such pairs first (entitySubgraph), so
// with among the pairs its budget leaves it reads what it draws.
func RingPairs(ring []NodeLinks, among int) []Pair {
	if among <= 0 || len(ring) < 2 {
		return nil
	}
	r := rankIDs(len(ring), func(add func(string)) {
		for _, n := range ring {
			add(n.Entity.ID)
		}
	})
	weights := map[uint64]int{}
	for _, n := range ring {
		a := r.place[n.Entity.ID]
		for _, o := range n.Neighbors {
			if b, in := r.place[o.ID]; in && a != b {
				k := r.pair(a, b)
				weights[k] = max(weights[k], o.Weight)
			}
		}
	}
	return r.heaviest(maps.All(weights), len(weights), among)
}

// heaviestPairs returns the n heaviest pairs of weights (all when fewer),
// heaviest first, then by the pairs' ids.
func heaviestPairs(weights map[Pair]int, n int) []Pair {
	if n <= 0 {
		return nil
	}
	r := rankIDs(0, func(add func(string)) {
		for p := range weights {
			add(p.A)
			add(p.B)
		}
	})
	return r.heaviest(func(yield func(uint64, int) bool) {
		for p, w := range weights {
			if !yield(r.pair(r.place[p.A], r.place[p.B]), w) {
				return
			}
		}
	}, len(weights), n)
}

// idRanks places each of a set of ids in their string order, so that a
// pair of them is one integer and pairs compare as integers: a
// neighborhood's thousands of pairs share a few hundred ends. Ranking
// them once and sorting pairs as integers (heaviest) took the ranking of
// a 500-node ring's pairs from 3.1 to 1.0 ms against looking weights up
// in a map and comparing ids (BenchmarkRingPairs).
type idRanks struct {
	ids   []string          // the ids in order
	place map[string]uint64 // each id's index in ids
	// width is the bits a place takes: the fewest that hold every place.
	width uint
}

// rankIDs ranks the ids that each adds (size is about how many distinct
// ids it adds).
func rankIDs(size int, each func(add func(id string))) idRanks {
	place := make(map[string]uint64, size)
	each(func(id string) { place[id] = 0 })
	ids := slices.Sorted(maps.Keys(place))
	for i, id := range ids {
		place[id] = uint64(i)
	}
	return idRanks{ids, place, uint(max(1, bits.Len(uint(len(ids)))))}
}

// pair returns the key of the pair of the ids placed at a and b.
func (r idRanks) pair(a, b uint64) uint64 {
	return min(a, b)<<r.width | max(a, b)
}

// heaviest returns the n heaviest of the size pairs of weights (keyed by
// pair), heaviest first, then by the pairs' ids. Each sorts as one
// integer: its weight above its key; the key takes the low bits it needs
// (24 for the ids of a neighborhood at its largest limit, 2,000 nodes; 50
// for 16 million ids) and the weight the rest: a weight past what they
// hold (16,383 for 16 million ids) ranks as that.
func (r idRanks) heaviest(weights iter.Seq2[uint64, int], size, n int) []Pair {
	heaviest := uint64(1)<<(64-2*r.width) - 1
	keys := make([]uint64, 0, size)
	for k, w := range weights {
		lighter := heaviest - min(uint64(max(w, 0)), heaviest)
		keys = append(keys, lighter<<(2*r.width)|k)
	}
	slices.Sort(keys)
	mask := uint64(1)<<r.width - 1
	out := make([]Pair, min(n, len(keys)))
	for i := range out {
		out[i] = Pair{r.ids[keys[i]>>r.width&mask], r.ids[keys[i]&mask]}
	}
	return out
}

// SortLinks orders links as LinkReader.LinksBetween returns them: by
// type, then source, then target.
func SortLinks(links []Link) {
	slices.SortFunc(links, func(a, b Link) int {
		return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target))
	})
}

// allowsRel reports whether f lets links of type t through.
func (f LinkFilter) allowsRel(t RelType) bool {
	return len(f.Rels) == 0 || slices.Contains(f.Rels, t)
}

// allowsKind reports whether f lets the entity id through.
func (f LinkFilter) allowsKind(id string) bool {
	return len(f.Kinds) == 0 || slices.Contains(f.Kinds, KindOfID(id))
}

// IsStanding reports whether t is a standing relation (a document states
// it) rather than a link made of statements.
func (t RelType) IsStanding() bool {
	return t == RelAffiliatedWith || t == RelPartOf || t == RelBasedIn
}

// LinkShare is what one document gives one link: Count statements (or 1
// for a standing relation it states) dated Date (the document's date),
// with Statements their ids in order, and for a relation the roles it
// gives it.
type LinkShare struct {
	LinkKey
	Date       string
	Count      int
	Statements []string
	Roles      []string
}

// LinkShares returns the shares of the link layer that x gives, sorted by
// key: a STATED share for each speaker and entity its statements are
// about, a REPORTED_BY share for each speaker and outlet, and one share
// per standing relation (type, source, target) it states, whatever the
// number of roles. A statement about its own speaker, or carried by it,
// gives no link, nor does an unattributed statement (no speaker). Both stores keep the link layer by adding a document's
// shares and subtracting the shares of what it replaces, so they agree on
// every count.
func LinkShares(x *Extraction) []LinkShare {
	byKey := map[LinkKey]*LinkShare{}
	share := func(k LinkKey) *LinkShare {
		s, ok := byKey[k]
		if !ok {
			s = &LinkShare{LinkKey: k, Date: x.Document.Date}
			byKey[k] = s
		}
		return s
	}
	for _, st := range x.Statements {
		if st.Speaker.ID == "" {
			continue // unattributed: no speaker to link
		}
		add := func(t RelType, refs []EntityRef) {
			seen := map[string]bool{}
			for _, r := range refs {
				if r.ID == st.Speaker.ID || seen[r.ID] {
					continue
				}
				seen[r.ID] = true
				s := share(LinkKey{t, st.Speaker.ID, r.ID})
				s.Count++
				s.Statements = append(s.Statements, st.ID)
			}
		}
		add(RelStated, st.About)
		add(RelReportedBy, st.ReportedBy)
	}
	for _, r := range x.Relations {
		s := share(LinkKey{r.Type, r.Source, r.Target})
		s.Count = 1
		if r.Role != "" && !slices.Contains(s.Roles, r.Role) {
			s.Roles = append(s.Roles, r.Role)
		}
	}
	out := make([]LinkShare, 0, len(byKey))
	for _, s := range byKey {
		slices.Sort(s.Statements)
		slices.Sort(s.Roles)
		out = append(out, *s)
	}
	slices.SortFunc(out, func(a, b LinkShare) int { return compareLinkKeys(a.LinkKey, b.LinkKey) })
	return out
}

func compareLinkKeys(a, b LinkKey) int {
	return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target))
}

// EntityShare is how many statements of one document (all dated Date)
// name an entity as speaker, about entity or outlet: what the entity's
// timeline and statement count are summed from.
type EntityShare struct {
	Entity string
	Date   string
	Count  int
}

// EntityShares returns x's entity shares, sorted by entity: a statement
// counts once for each distinct entity it names.
func EntityShares(x *Extraction) []EntityShare {
	count := map[string]int{}
	for _, st := range x.Statements {
		seen := map[string]bool{}
		if st.Speaker.ID != "" {
			seen[st.Speaker.ID] = true
		}
		for _, refs := range [][]EntityRef{st.About, st.ReportedBy} {
			for _, r := range refs {
				seen[r.ID] = true
			}
		}
		for id := range seen {
			count[id]++
		}
	}
	out := make([]EntityShare, 0, len(count))
	for id, n := range count {
		out = append(out, EntityShare{Entity: id, Date: x.Document.Date, Count: n})
	}
	slices.SortFunc(out, func(a, b EntityShare) int { return cmp.Compare(a.Entity, b.Entity) })
	return out
}

// SampleOrder orders a link's statements for its sample: newest first,
// undated last, then by id. date is the statement's date as written.
func SampleOrder(dateA, idA, dateB, idB string) int {
	switch {
	case dateA == dateB:
		return cmp.Compare(idA, idB)
	case dateA == "":
		return 1
	case dateB == "":
		return -1
	}
	return cmp.Compare(dateB, dateA)
}

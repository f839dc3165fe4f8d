package neo4j

import (
	"cmp"
	"context"
	"maps"
	"slices"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The link layer (graph.LinkReader) in Neo4j: the entity view of
// DESIGN.md §3 kept on write as relationships between entity nodes, beside
// the Statement/Document evidence layer, which it leaves as it is.
//
//	(source:Entity)-[:LINK {type, source, target, source_kind, target_kind,
//	                        count, first, last, dates, date_counts,
//	                        sample, sample_dates, role, roles, role_counts,
//	                        weight, rank}]->(target:Entity)
//
// One LINK per entity-view link (graph.LinkKey): type is STATED (the
// speaker source's statements about target), REPORTED_BY (its statements
// carried by the outlet target), or a standing relation (AFFILIATED_WITH,
// PART_OF, BASED_IN). source, target and their kinds repeat what the ends
// say, for the indexes. count is the number of statements (of documents
// stating it, for a standing relation); dates and date_counts are
// parallel lists, sorted by date: how many of them carry each date as
// written ("2024", "2024-01", "2024-01-05", "" for undated), so that a
// time range sums exactly the statements it would filter, without reading
// them; first and last are the earliest and latest of those dates (absent
// when none is dated). sample and sample_dates are the ids and dates of
// the graph.MaxEdgeSample newest statements (undated last). A standing
// relation has roles and role_counts instead (how many documents give
// each role, sorted), and role, the first of them.
//
// weight is the weight of the pair in the entity view: the sum of the
// counts of every LINK between the two entities, either way (so every
// LINK of a pair has the same), and rank its negation. The indexes
// link_out (source, target_kind, rank, target) and link_in (target,
// source_kind, rank, source) list an entity's neighbors of one kind
// heaviest first, ties by id, so a ring of a neighborhood reads its k
// entries and no more (Neo4j orders by an index in one direction only,
// hence rank); link_pair (source, target) finds the LINKs of a pair.
//
// On each entity: statements and the parallel lists statement_dates and
// statement_counts (how many statements name it, per date), and degree,
// degree_person, degree_organization and degree_country (how many
// entities it shares a LINK with). near_ids and near_weights are its
// nearListSize heaviest neighbors of any kind with their weights,
// heaviest first, ties by id (all of them when fewer; absent when it has
// none): what link_out and link_in give for the entity, kept on the node
// so that the many short lists a neighborhood or a path reads (a ring's
// graph.LinksPerNode, a path's graph.PathLinksPerNode) cost a property
// read each instead of six index seeks (one per kind and direction),
// which were most of the server's CPU for a hub's depth 1.
// (:Counters {id: 'entitygraph'}) counts the standing LINKs per type, for
// Stats, and says which version of the layer the database holds
// (link_layer) and whether its entities keep their lists (near_lists;
// a database written before them gets them on first contact, see
// migrateNearLists).
//
// A write adds the shares of its documents (graph.LinkShares,
// graph.EntityShares) and subtracts those of the versions they replace,
// read back from the evidence layer, in the transaction of the documents:
// it reads the LINKs of every pair it changes and the counts of every
// entity, computes their new values in Go, and writes them back, each
// part one UNWIND query for the whole batch. Concurrent writers: the
// transaction first write-locks every existing entity its documents name,
// old versions included, in id order (lockEntities); every LINK it reads
// joins two of them, so two writes that share an entity run their link
// updates one after the other, and each reads what the other committed.
// That makes creating a missing LINK safe without MERGE, whose
// Expand(Into) would read every relationship of the lighter end, thousands
// for two hubs. The lists of neighbors follow the weights: a write reads
// the lists of the entities whose pairs it changes and updates them in
// Go (updateNear), and reads a list again from the indexes, after its
// LINKs are written, only where a kept neighbor got lighter than the
// list's last (then one it did not keep may come first) or the entity
// has none yet.

// linkLayerVersion is the version of the link layer this package writes;
// the Counters node holds the version the database was brought to.
const linkLayerVersion = 1

// countersID names the one Counters node.
const countersID = "entitygraph"

// nearListSize is how many neighbors an entity keeps in near_ids: the
// longest list a neighborhood's ring or a path reads of every node.
const nearListSize = 32

// nearListsVersion is the version of the kept lists this package
// writes (Counters.near_lists).
const nearListsVersion = 1

const (
	// lockEntities write-locks entities (SET takes the lock; it is held
	// to the end of the transaction). $ids are sorted, so writers lock in
	// one order.
	lockEntities = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
SET e.locked = true
REMOVE e.locked
RETURN id, elementId(e)`

	// storedDocuments reads back what earlier writes of documents gave
	// the link and tally layers: each document's date, statements
	// (speaker, text, quote, cue, about entities, outlets), relations, and
	// every entity it names.
	storedDocuments = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN id, d.date AS date,
  COLLECT {
    MATCH (s:Statement)-[:IN]->(d)
    OPTIONAL MATCH (speaker:Entity)-[:STATED]->(s)
    RETURN {id: s.id, speaker: coalesce(speaker.id, ''), text: s.text, quote: s.quote, cue: s.cue,
            about: COLLECT { MATCH (s)-[:ABOUT]->(e:Entity) RETURN e.id },
            outlets: COLLECT { MATCH (s)-[:REPORTED_BY]->(e:Entity) RETURN e.id }}
  } AS statements,
  COLLECT {
    MATCH (e:Entity)-[:MENTIONED_IN]->(d)
    MATCH (e)-[r:AFFILIATED_WITH|PART_OF|BASED_IN]->(t:Entity)
    WHERE r.document_id = id
    RETURN {type: type(r), source: e.id, target: t.id, role: r.role}
  } AS relations,
  COLLECT { MATCH (e:Entity)-[:MENTIONED_IN]->(d) RETURN e.id } AS entities`

	// pairLinks reads every LINK between the ends of each of $ends (a
	// source and a target), through the index link_pair.
	pairLinks = `
UNWIND $ends AS ends
MATCH ()-[l:LINK]->() USING INDEX l:LINK(source, target)
WHERE l.source = ends[0] AND l.target = ends[1]
RETURN elementId(l), l.type, l.source, l.target, l.count, l.dates, l.date_counts,
       l.sample, l.sample_dates, l.roles, l.role_counts`

	// nearLists reads each entity's kept list of neighbors.
	nearLists = `
UNWIND $rows AS row
MATCH (e:Entity) WHERE elementId(e) = row.node
RETURN row.id, e.near_ids, e.near_weights`

	// entityDates reads each entity's counts per date.
	entityDates = `
UNWIND $rows AS row
MATCH (e:Entity) WHERE elementId(e) = row.node
RETURN row.id, e.statement_dates, e.statement_counts`

	createLinks = `
UNWIND $rows AS row
MATCH (a:Entity) WHERE elementId(a) = row.source_node
MATCH (b:Entity) WHERE elementId(b) = row.target_node
CREATE (a)-[l:LINK]->(b)
SET l = row.props`

	setLinks = `
UNWIND $rows AS row
MATCH ()-[l:LINK]->() WHERE elementId(l) = row.id
SET l += row.props`

	deleteLinks = `
UNWIND $ids AS id
MATCH ()-[l:LINK]->() WHERE elementId(l) = id
DELETE l`

	// setEntities sets each entity's statement counts (when the row has
	// them) and adds to its degrees.
	setEntities = `
UNWIND $rows AS row
MATCH (e:Entity) WHERE elementId(e) = row.node
SET e += row.props,
    e.degree = coalesce(e.degree, 0) + row.degree[0],
    e.degree_person = coalesce(e.degree_person, 0) + row.degree[1],
    e.degree_organization = coalesce(e.degree_organization, 0) + row.degree[2],
    e.degree_country = coalesce(e.degree_country, 0) + row.degree[3]`

	// updateCounters adds to the counts of standing LINKs. A Counters
	// node created here (the database was wiped while the store was
	// open) starts at this version: every document is written by it.
	updateCounters = `
MERGE (c:Counters {id: $id})
ON CREATE SET c.link_layer = $version, c.near_lists = $nearVersion, c.AFFILIATED_WITH = 0, c.PART_OF = 0, c.BASED_IN = 0
SET c.AFFILIATED_WITH = c.AFFILIATED_WITH + $AFFILIATED_WITH,
    c.PART_OF = c.PART_OF + $PART_OF,
    c.BASED_IN = c.BASED_IN + $BASED_IN`
)

// heaviestNear reads each entity's nearListSize heaviest neighbors from
// the indexes link_out and link_in (heaviestOf), as its near_ids are to
// be: in a write, after its LINKs are written.
var heaviestNear = `
UNWIND $rows AS row
MATCH (e:Entity) WHERE elementId(e) = row.node
CALL (e) {
  WITH e.id AS id` + heaviestOf("$near") + `
  RETURN [collect(other), collect(-rank)] AS near
}
RETURN row.id, near`

// refreshSamples reads the sample of each LINK again from the statements
// of its speaker.
var refreshSamples = `
UNWIND $rows AS row
MATCH ()-[l:LINK]->() USING INDEX l:LINK(source, target)
  WHERE l.source = row.source AND l.target = row.target AND l.type = row.type
MATCH (a:Entity {id: row.source})
CALL (a, row) {
  MATCH (a)-[:STATED]->(s:Statement)
  WHERE CASE row.type
    WHEN 'STATED' THEN EXISTS { (s)-[:ABOUT]->(:Entity {id: row.target}) }
    ELSE EXISTS { (s)-[:REPORTED_BY]->(:Entity {id: row.target}) } END
  WITH s ORDER BY s.date IS NULL, s.date DESC, s.id LIMIT $sample
  RETURN collect(s.id) AS sample, collect(` + cypherDateNumber("s.date") + `) AS sample_dates
}
SET l.sample = sample, l.sample_dates = sample_dates`

// linkChanges is what a write changes in the link layer: the shares of
// the documents it writes, less those of the versions they replace.
type linkChanges struct {
	links    map[graph.LinkKey]*linkChange
	entities map[string]map[string]int // entity → date → statements
	tallies  map[graph.TallyKey]map[string]int
}

// linkChange is the change of one LINK.
type linkChange struct {
	count   int
	dates   map[string]int
	roles   map[string]int
	added   []sampleItem // statements of the new versions
	removed []string     // statements of the old ones
}

type sampleItem struct{ date, id string }

func newLinkChanges() *linkChanges {
	return &linkChanges{links: map[graph.LinkKey]*linkChange{}, entities: map[string]map[string]int{}, tallies: map[graph.TallyKey]map[string]int{}}
}

// add adds the shares of x (sign 1) or subtracts them (sign -1).
func (c *linkChanges) add(x *graph.Extraction, sign int) {
	for _, s := range graph.LinkShares(x) {
		lc, ok := c.links[s.LinkKey]
		if !ok {
			lc = &linkChange{dates: map[string]int{}, roles: map[string]int{}}
			c.links[s.LinkKey] = lc
		}
		lc.count += sign * s.Count
		lc.dates[s.Date] += sign * s.Count
		for _, r := range s.Roles {
			lc.roles[r] += sign
		}
		if sign > 0 {
			for _, id := range s.Statements {
				lc.added = append(lc.added, sampleItem{s.Date, id})
			}
		} else {
			lc.removed = append(lc.removed, s.Statements...)
		}
	}
	for _, s := range graph.EntityShares(x) {
		addDated(c.entities, s.Entity, s.Date, sign*s.Count)
	}
}

// addDated adds n to the count of key on date.
func addDated[K comparable](m map[K]map[string]int, key K, date string, n int) {
	dates, ok := m[key]
	if !ok {
		dates = map[string]int{}
		m[key] = dates
	}
	dates[date] += n
}

// changed returns the keys of the links that c changes (a rewrite may
// give a link exactly what it took away), in index order.
func (c *linkChanges) changed() []graph.LinkKey {
	var keys []graph.LinkKey
	for k, lc := range c.links {
		if lc.count != 0 || !allZero(lc.dates) || !allZero(lc.roles) || !sameStatements(lc.added, lc.removed) {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, compareKeys)
	return keys
}

func compareKeys(a, b graph.LinkKey) int {
	return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target), cmp.Compare(a.Type, b.Type))
}

func allZero(m map[string]int) bool {
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return true
}

// sameStatements reports whether a rewrite gives a link the statements it
// took away (same ids; their dates are checked by the counts per date).
func sameStatements(added []sampleItem, removed []string) bool {
	if len(added) != len(removed) {
		return false
	}
	ids := make([]string, len(added))
	for i, a := range added {
		ids[i] = a.id
	}
	return slices.Equal(sortedSet(ids), sortedSet(removed))
}

// linkState is a LINK as read back, then as it is to be written.
type linkState struct {
	id         string // element id; "" for a LINK to create
	key        graph.LinkKey
	count      int
	dates      []string // sorted
	counts     []int
	sample     []sampleItem // newest first
	roles      []string     // sorted
	roleCounts []int
}

// stateFrom reads a row of pairLinks.
func stateFrom(r *neo4j.Record) *linkState {
	v := r.Values
	st := &linkState{id: str(v[0]), key: graph.LinkKey{Type: graph.RelType(str(v[1])), Source: str(v[2]), Target: str(v[3])},
		count: integer(v[4]), dates: dateStrings(ints(v[5])), counts: ints(v[6]), roles: strs(v[9]), roleCounts: ints(v[10])}
	ids, dates := strs(v[7]), dateStrings(ints(v[8]))
	for i := range min(len(ids), len(dates)) {
		st.sample = append(st.sample, sampleItem{dates[i], ids[i]})
	}
	return st
}

// apply applies lc to st and reports whether st's sample lost a
// statement, so that it must be read again.
func (st *linkState) apply(lc *linkChange) (stale bool) {
	st.count += lc.count
	st.dates, st.counts = mergeCounts(st.dates, st.counts, lc.dates)
	st.roles, st.roleCounts = mergeCounts(st.roles, st.roleCounts, lc.roles)
	for _, it := range st.sample {
		if slices.Contains(lc.removed, it.id) {
			return true
		}
	}
	items := slices.Clone(st.sample)
	for _, a := range lc.added {
		if !slices.ContainsFunc(items, func(it sampleItem) bool { return it.id == a.id }) {
			items = append(items, a)
		}
	}
	slices.SortFunc(items, func(a, b sampleItem) int { return graph.SampleOrder(a.date, a.id, b.date, b.id) })
	st.sample = items[:min(len(items), graph.MaxEdgeSample)]
	return false
}

// mergeCounts adds delta to the counts of the sorted keys and returns
// them, those whose count is still positive.
func mergeCounts(keys []string, counts []int, delta map[string]int) ([]string, []int) {
	sum := map[string]int{}
	for i, k := range keys {
		if i < len(counts) {
			sum[k] += counts[i]
		}
	}
	for k, d := range delta {
		sum[k] += d
	}
	outKeys, outCounts := []string{}, []int{}
	for _, k := range slices.Sorted(maps.Keys(sum)) {
		if sum[k] > 0 {
			outKeys = append(outKeys, k)
			outCounts = append(outCounts, sum[k])
		}
	}
	return outKeys, outCounts
}

// props returns the properties of st that a change sets: counts, dates
// and the sample, or the roles of a standing relation.
func (st *linkState) props() map[string]any {
	p := map[string]any{"count": st.count, "dates": dateNumbers(st.dates), "date_counts": st.counts, "first": nil, "last": nil}
	for _, d := range st.dates {
		if d != "" {
			if p["first"] == nil {
				p["first"] = d
			}
			p["last"] = d
		}
	}
	if st.key.Type.IsStanding() {
		p["roles"], p["role_counts"], p["role"] = st.roles, st.roleCounts, nil
		if len(st.roles) > 0 {
			p["role"] = st.roles[0]
		}
		return p
	}
	ids, dates := make([]string, len(st.sample)), make([]int, len(st.sample))
	for i, it := range st.sample {
		ids[i], dates[i] = it.id, dateNumber(it.date)
	}
	p["sample"], p["sample_dates"] = ids, dates
	return p
}

// degreeChange is what a write adds to an entity's degrees: in all, and
// per kind of neighbor.
type degreeChange [4]int

func (d *degreeChange) add(other string, n int) {
	d[0] += n
	d[1+slices.Index(graph.EntityKinds, graph.KindOfID(other))] += n
}

// writeLinks applies c in tx: the LINKs of every pair it changes (counts,
// dates, samples, roles, and the pair's weight on each of its LINKs), the
// entities' counts per date and degrees, and the counters of standing
// LINKs. Every entity c names must be locked (lockEntities) or new, nodes
// gives its element id; existed holds those that were there before the
// transaction (a pair with another has no LINK to read).
func writeLinks(ctx context.Context, tx neo4j.ManagedTransaction, c *linkChanges, nodes, existed map[string]string, run runner) error {
	keys := c.changed()
	var pairs []graph.Pair
	var ends [][]string
	seen := map[graph.Pair]bool{}
	for _, k := range keys {
		p := pairOf(k)
		if seen[p] {
			continue
		}
		seen[p] = true
		pairs = append(pairs, p)
		if existed[p.A] == "" || existed[p.B] == "" {
			continue
		}
		ends = append(ends, []string{p.A, p.B})
		if p.A != p.B {
			ends = append(ends, []string{p.B, p.A})
		}
	}
	states := map[graph.LinkKey]*linkState{}
	byPair := map[graph.Pair][]*linkState{}
	if len(ends) > 0 {
		recs, err := run(ctx, tx, step{pairLinks, map[string]any{"ends": ends}, "ends"})
		if err != nil {
			return err
		}
		for _, r := range recs {
			st := stateFrom(r)
			states[st.key] = st
			byPair[pairOf(st.key)] = append(byPair[pairOf(st.key)], st)
		}
	}
	oldWeight := map[graph.Pair]int{}
	for p, list := range byPair {
		for _, st := range list {
			oldWeight[p] += st.count
		}
	}
	changed, isStale := map[graph.LinkKey]bool{}, map[graph.LinkKey]bool{}
	var stale []map[string]any
	for _, k := range keys {
		st, ok := states[k]
		if !ok {
			st = &linkState{key: k}
			states[k] = st
			byPair[pairOf(k)] = append(byPair[pairOf(k)], st)
		}
		changed[k] = true
		if st.apply(c.links[k]) && st.count > 0 {
			isStale[k] = true
			stale = append(stale, map[string]any{"type": string(k.Type), "source": k.Source, "target": k.Target})
		}
	}
	var creates, updates []map[string]any
	var deletes []string
	degrees := map[string]*degreeChange{}
	degree := func(id string) *degreeChange {
		if degrees[id] == nil {
			degrees[id] = &degreeChange{}
		}
		return degrees[id]
	}
	counters := map[graph.RelType]int{}
	reweighed := map[string]map[string]int{} // entity → neighbor → its new weight (0: none)
	for _, p := range pairs {
		list := byPair[p]
		slices.SortFunc(list, func(a, b *linkState) int { return compareKeys(a.key, b.key) })
		weight := 0
		for _, st := range list {
			weight += max(st.count, 0)
		}
		if weight != oldWeight[p] {
			for _, ends := range [][2]string{{p.A, p.B}, {p.B, p.A}} {
				if reweighed[ends[0]] == nil {
					reweighed[ends[0]] = map[string]int{}
				}
				reweighed[ends[0]][ends[1]] = weight
			}
		}
		switch old := oldWeight[p]; {
		case old == 0 && weight > 0:
			degree(p.A).add(p.B, 1)
			if p.A != p.B {
				degree(p.B).add(p.A, 1)
			}
		case old > 0 && weight == 0:
			degree(p.A).add(p.B, -1)
			if p.A != p.B {
				degree(p.B).add(p.A, -1)
			}
		}
		for _, st := range list {
			k := st.key
			if st.count <= 0 {
				if st.id != "" {
					deletes = append(deletes, st.id)
					if k.Type.IsStanding() {
						counters[k.Type]--
					}
				}
				continue
			}
			props := map[string]any{}
			if changed[k] {
				props = st.props()
			}
			if weight != oldWeight[p] || st.id == "" {
				props["weight"], props["rank"] = weight, -weight
			}
			if st.id == "" {
				props["type"], props["source"], props["target"] = string(k.Type), k.Source, k.Target
				props["source_kind"], props["target_kind"] = string(graph.KindOfID(k.Source)), string(graph.KindOfID(k.Target))
				creates = append(creates, map[string]any{"source_node": nodes[k.Source], "target_node": nodes[k.Target], "props": props})
				if k.Type.IsStanding() {
					counters[k.Type]++
				}
			} else if len(props) > 0 {
				if isStale[k] { // refreshSamples sets it
					delete(props, "sample")
					delete(props, "sample_dates")
				}
				updates = append(updates, map[string]any{"id": st.id, "props": props})
			}
		}
	}
	steps := []step{
		{deleteLinks, map[string]any{"ids": deletes}, "ids"},
		{setLinks, map[string]any{"rows": updates}, "rows"},
		{createLinks, map[string]any{"rows": creates}, "rows"},
		{refreshSamples, map[string]any{"rows": stale, "sample": graph.MaxEdgeSample}, "rows"},
	}
	if len(counters) > 0 {
		params := map[string]any{"id": countersID, "version": linkLayerVersion, "nearVersion": nearListsVersion}
		for _, t := range standingTypes {
			params[string(t)] = counters[t]
		}
		steps = append(steps, step{query: updateCounters, params: params})
	}
	near, reread, err := readNear(ctx, tx, reweighed, nodes, existed, run)
	if err != nil {
		return err
	}
	if err := runSteps(ctx, tx, run, steps); err != nil {
		return err
	}
	if len(reread) > 0 {
		recs, err := run(ctx, tx, step{heaviestNear, map[string]any{"rows": reread, "near": nearListSize,
			"kinds": kindNames(graph.EntityKinds)}, "rows"})
		if err != nil {
			return err
		}
		for _, r := range recs {
			near[str(r.Values[0])] = neighborsFrom(r.Values[1])
		}
	}
	return writeEntityCounts(ctx, tx, c, degrees, near, nodes, run)
}

// readNear returns the kept lists of neighbors (near_ids) of the entities
// whose pairs a write reweighs (entity → neighbor → new weight), updated
// (updateNear), and the rows of heaviestNear for those whose list is to
// be read again from the indexes once the LINKs are written. An entity
// that did not exist before the write had no neighbors.
func readNear(ctx context.Context, tx neo4j.ManagedTransaction, reweighed map[string]map[string]int, nodes, existed map[string]string,
	run runner) (map[string][]graph.Neighbor, []map[string]any, error) {
	old := map[string][]graph.Neighbor{}
	var rows []map[string]any
	for _, id := range slices.Sorted(maps.Keys(reweighed)) {
		if existed[id] != "" {
			rows = append(rows, map[string]any{"id": id, "node": nodes[id]})
		} else {
			old[id] = []graph.Neighbor{}
		}
	}
	if len(rows) > 0 {
		recs, err := run(ctx, tx, step{nearLists, map[string]any{"rows": rows}, "rows"})
		if err != nil {
			return nil, nil, err
		}
		for _, r := range recs {
			if r.Values[1] != nil { // no list yet: read from the indexes
				old[str(r.Values[0])] = neighborsFrom([]any{r.Values[1], r.Values[2]})
			}
		}
	}
	near := map[string][]graph.Neighbor{}
	var reread []map[string]any
	for _, id := range slices.Sorted(maps.Keys(reweighed)) {
		list, ok := old[id]
		if ok {
			list, ok = updateNear(list, reweighed[id])
		}
		if ok {
			near[id] = list
		} else {
			reread = append(reread, map[string]any{"id": id, "node": nodes[id]})
		}
	}
	return near, reread, nil
}

// updateNear returns an entity's kept list of neighbors (its heaviest
// nearListSize, heaviest first, ties by id; all of them when fewer) once
// the neighbors in reweighed have their new weights (0: no longer a
// neighbor), and false when the list cannot tell: a list that held
// nearListSize lost a neighbor or saw one get lighter than its last, so
// that a neighbor it did not keep may now come before it.
func updateNear(list []graph.Neighbor, reweighed map[string]int) ([]graph.Neighbor, bool) {
	full := len(list) >= nearListSize
	out := make([]graph.Neighbor, 0, len(list)+len(reweighed))
	for _, n := range list {
		w, ok := reweighed[n.ID]
		switch {
		case !ok:
			out = append(out, n)
		case full && (w <= 0 || graph.HeavierFirst(graph.Neighbor{ID: n.ID, Weight: w}, list[len(list)-1]) > 0):
			return nil, false
		}
	}
	for id, w := range reweighed {
		if w > 0 {
			out = append(out, graph.Neighbor{ID: id, Weight: w})
		}
	}
	slices.SortFunc(out, graph.HeavierFirst)
	return out[:min(len(out), nearListSize)], true
}

// nearProps returns a kept list of neighbors as the properties near_ids
// and near_weights: null for none, so that SET removes them.
func nearProps(list []graph.Neighbor) (ids, weights any) {
	if len(list) == 0 {
		return nil, nil
	}
	is, ws := make([]string, len(list)), make([]int, len(list))
	for i, n := range list {
		is[i], ws[i] = n.ID, n.Weight
	}
	return is, ws
}

// pairOf returns the pair of a link's ends.
func pairOf(k graph.LinkKey) graph.Pair { return graph.PairOf(k.Source, k.Target) }

// writeEntityCounts applies c's counts per date and degrees to the
// entities: it reads their counts per date, adds, and writes them back
// with their sum, and sets the kept lists of neighbors near gives.
func writeEntityCounts(ctx context.Context, tx neo4j.ManagedTransaction, c *linkChanges, degrees map[string]*degreeChange,
	near map[string][]graph.Neighbor, nodes map[string]string, run runner) error {
	var dated []map[string]any
	for _, id := range slices.Sorted(maps.Keys(c.entities)) {
		if !allZero(c.entities[id]) {
			dated = append(dated, map[string]any{"id": id, "node": nodes[id]})
		}
	}
	rows := map[string]map[string]any{}
	row := func(id string) map[string]any {
		if rows[id] == nil {
			rows[id] = map[string]any{"node": nodes[id], "props": map[string]any{}, "degree": []int{0, 0, 0, 0}}
		}
		return rows[id]
	}
	if len(dated) > 0 {
		recs, err := run(ctx, tx, step{entityDates, map[string]any{"rows": dated}, "rows"})
		if err != nil {
			return err
		}
		for _, r := range recs {
			id := str(r.Values[0])
			dates, counts := mergeCounts(dateStrings(ints(r.Values[1])), ints(r.Values[2]), c.entities[id])
			total := 0
			for _, n := range counts {
				total += n
			}
			props := row(id)["props"].(map[string]any)
			props["statements"], props["statement_dates"], props["statement_counts"] = total, dateNumbers(dates), counts
		}
	}
	for id, list := range near {
		props := row(id)["props"].(map[string]any)
		props["near_ids"], props["near_weights"] = nearProps(list)
	}
	for id, d := range degrees {
		if *d != (degreeChange{}) {
			row(id)["degree"] = d[:]
		}
	}
	list := make([]map[string]any, 0, len(rows))
	for _, id := range slices.Sorted(maps.Keys(rows)) {
		list = append(list, rows[id])
	}
	return runSteps(ctx, tx, run, []step{{setEntities, map[string]any{"rows": list}, "rows"}})
}

// standingTypes are the standing relations, each counted on the Counters
// node under its name.
var standingTypes = []graph.RelType{graph.RelAffiliatedWith, graph.RelPartOf, graph.RelBasedIn}

package neo4j

import (
	"cmp"
	"maps"
	"slices"

	"github.com/entitygraph/entitygraph/graph"
)

// The link layer (graph.LinkReader) in Neo4j: the entity view of
// DESIGN.md §3 kept on write as relationships between entity nodes, beside
// the Statement/Document evidence layer, which it leaves as it is.
//
//	(source:Entity)-[:LINK {type, source, target, count, first, last,
//	                        dates, date_counts, sample, sample_dates,
//	                        role, roles, role_counts}]->(target:Entity)
//
// One LINK per entity-view link (graph.LinkKey): type is STATED (a
// speaker's statements about target), REPORTED_BY (a speaker's
// statements carried by the outlet target), or a standing relation
// (AFFILIATED_WITH, PART_OF, BASED_IN). source and target repeat the ends'
// ids for the index link_pair. count is the number of statements (of
// documents stating it, for a standing relation); dates and date_counts
// are parallel lists, sorted by date: how many of them carry each date as
// written ("2024", "2024-01", "2024-01-05", "" for undated), so that a
// time range sums exactly the statements it would filter, without reading
// them; first and last are the earliest and latest of those dates (absent
// when none is dated). sample and sample_dates are the ids and dates of
// the graph.MaxEdgeSample newest statements (undated last). A standing
// relation has roles and role_counts instead (how many documents give
// each role, sorted), and role, the first of them.
//
//	(entity:Entity)-[:NEIGHBOR {entity, other, kind, weight, rank}]->(other:Entity)
//
// For each pair of linked entities, one NEIGHBOR from each end: weight is
// the sum of the counts of every LINK between the two, rank its negation,
// kind the other end's kind. The index neighbor_rank on (entity, kind,
// rank, other) lists an entity's neighbors of one kind heaviest first,
// ties by id, so a ring reads its k rows and no more (Neo4j orders by an
// index only in one direction, hence rank).
//
// On each entity: statements and the parallel lists statement_dates and
// statement_counts (how many statements name it, per date), and degree,
// degree_person, degree_organization and degree_country (its NEIGHBORs).
// (:Counters {id: 'entitygraph'}) counts the standing LINKs per type, for
// Stats, and says which version of the layer the database holds.
//
// A write adds the shares of its documents (graph.LinkShares,
// graph.EntityShares, computed here in Go) and subtracts those of the
// versions they replace, read back from the evidence layer; the rows go
// in as UNWIND lists, one query per part, in the transaction of the
// documents. Concurrent writers: the transaction first write-locks every
// existing entity its documents name, old versions included, in id order
// (lockEntities), and every LINK and NEIGHBOR it touches joins two of
// them, so two writes that share an entity run their link updates one
// after the other and each reads what the other committed; a LINK or
// NEIGHBOR is looked up through its index and created when missing, which
// the locks make safe without MERGE (whose Expand(Into) would read every
// relationship of the lighter end, thousands for two hubs).

// linkLayerVersion is the version of the link layer this package writes;
// the Counters node holds the version the database was brought to.
const linkLayerVersion = 1

// countersID names the one Counters node.
const countersID = "entitygraph"

const (
	// lockEntities write-locks entities (SET takes the lock; it is held
	// to the end of the transaction). $ids are sorted, so writers lock in
	// one order.
	lockEntities = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
SET e.locked = true
REMOVE e.locked`

	// storedDocuments reads back what earlier writes of documents gave
	// the link layer: each document's date, statements (speaker, about
	// entities, outlets), relations, and every entity it names.
	storedDocuments = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
RETURN id, d.date AS date,
  COLLECT {
    MATCH (s:Statement)-[:IN]->(d)
    MATCH (speaker:Entity)-[:STATED]->(s)
    RETURN {id: s.id, speaker: speaker.id,
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

	// updateLinks applies each row's change to its LINK, created when
	// missing and deleted when its count reaches zero: count, counts per
	// date (merged into the sorted lists), first and last, a standing
	// relation's roles, and the sample (the newest of the old sample and
	// the row's new statements, unless a statement of the sample is gone:
	// then the row comes back stale and refreshSamples reads it again).
	// It returns the rows whose LINK appeared, went, or is stale.
	updateLinks = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target})
OPTIONAL MATCH ()-[found:LINK]->() USING INDEX found:LINK(source, target)
  WHERE found.source = row.source AND found.target = row.target AND found.type = row.type
OPTIONAL CALL (a, b, found, row) {
  WITH * WHERE found IS NULL
  CREATE (a)-[l:LINK {type: row.type, source: row.source, target: row.target, count: 0, dates: [], date_counts: []}]->(b)
  RETURN l AS created
}
WITH row, coalesce(found, created) AS l
WITH row, l, l.count AS before
CALL (l, row) {
  UNWIND [j IN range(0, size(l.dates) - 1) | [l.dates[j], l.date_counts[j]]] +
         [j IN range(0, size(row.dates) - 1) | [row.dates[j], row.deltas[j]]] AS p
  WITH p[0] AS date, sum(p[1]) AS n
  WHERE n > 0
  WITH date, n ORDER BY date
  RETURN collect(date) AS dates, collect(n) AS counts
}
CALL (l, row) {
  UNWIND [j IN range(0, size(coalesce(l.roles, [])) - 1) | [l.roles[j], l.role_counts[j]]] +
         [j IN range(0, size(row.roles) - 1) | [row.roles[j], row.role_deltas[j]]] AS p
  WITH p[0] AS role, sum(p[1]) AS n
  WHERE n > 0
  WITH role, n ORDER BY role
  RETURN collect(role) AS roles, collect(n) AS role_counts
}
WITH row, l, before, dates, counts, roles, role_counts,
     any(id IN row.removed WHERE id IN coalesce(l.sample, [])) AS stale
CALL (l, row, stale) {
  UNWIND CASE WHEN stale OR row.standing THEN [] ELSE
    [j IN range(0, size(coalesce(l.sample, [])) - 1) WHERE NOT l.sample[j] IN row.added | [l.sample_dates[j], l.sample[j]]] +
    [j IN range(0, size(row.added) - 1) | [row.added_dates[j], row.added[j]]] END AS item
  WITH item ORDER BY item[0] = '', item[0] DESC, item[1] LIMIT $sample
  RETURN collect(item[1]) AS sample, collect(item[0]) AS sample_dates
}
SET l.count = before + row.delta, l.dates = dates, l.date_counts = counts,
    l.first = head([d IN dates WHERE d <> '']),
    l.last = CASE WHEN last(dates) <> '' THEN last(dates) END,
    l.sample = CASE WHEN row.standing OR stale THEN l.sample ELSE sample END,
    l.sample_dates = CASE WHEN row.standing OR stale THEN l.sample_dates ELSE sample_dates END,
    l.roles = CASE WHEN row.standing THEN roles END,
    l.role_counts = CASE WHEN row.standing THEN role_counts END,
    l.role = CASE WHEN row.standing THEN head(roles) END
WITH row, l, before, stale, l.count AS after
CALL (l, after) {
  WITH l WHERE after <= 0
  DELETE l
}
WITH row, before, after, stale
WHERE (before <= 0) <> (after <= 0) OR (stale AND after > 0)
RETURN row.type AS type, row.source AS source, row.target AS target, before, after, stale`

	// refreshSamples reads the sample of each LINK again from the
	// statements of its speaker.
	refreshSamples = `
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
  RETURN collect(s.id) AS sample, collect(coalesce(s.date, '')) AS sample_dates
}
SET l.sample = sample, l.sample_dates = sample_dates`

	// updateNeighbors adds each row's delta to the weight of a NEIGHBOR,
	// created when missing and deleted at zero, and counts the ones that
	// appear or go in their entity's degrees.
	updateNeighbors = `
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity}), (o:Entity {id: row.other})
OPTIONAL MATCH ()-[found:NEIGHBOR]->() USING INDEX found:NEIGHBOR(entity, other)
  WHERE found.entity = row.entity AND found.other = row.other
OPTIONAL CALL (e, o, found, row) {
  WITH * WHERE found IS NULL
  CREATE (e)-[n:NEIGHBOR {entity: row.entity, other: row.other, kind: row.kind, weight: 0, rank: 0}]->(o)
  RETURN n AS created
}
WITH e, row, coalesce(found, created) AS n
WITH e, row, n, n.weight + row.delta AS weight
SET n.weight = weight, n.rank = -weight
WITH e, row, n, weight, CASE WHEN weight <= 0 THEN -1 WHEN weight = row.delta THEN 1 ELSE 0 END AS change
CALL (n, weight) {
  WITH n WHERE weight <= 0
  DELETE n
}
WITH e, sum(change) AS all,
     sum(CASE row.kind WHEN 'person' THEN change ELSE 0 END) AS persons,
     sum(CASE row.kind WHEN 'organization' THEN change ELSE 0 END) AS organizations,
     sum(CASE row.kind WHEN 'country' THEN change ELSE 0 END) AS countries
WHERE all <> 0 OR persons <> 0 OR organizations <> 0 OR countries <> 0
SET e.degree = coalesce(e.degree, 0) + all,
    e.degree_person = coalesce(e.degree_person, 0) + persons,
    e.degree_organization = coalesce(e.degree_organization, 0) + organizations,
    e.degree_country = coalesce(e.degree_country, 0) + countries`

	// updateEntityDates adds to each entity's statement count and counts
	// per date.
	updateEntityDates = `
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
CALL (e, row) {
  UNWIND [j IN range(0, size(coalesce(e.statement_dates, [])) - 1) | [e.statement_dates[j], e.statement_counts[j]]] +
         [j IN range(0, size(row.dates) - 1) | [row.dates[j], row.deltas[j]]] AS p
  WITH p[0] AS date, sum(p[1]) AS n
  WHERE n > 0
  WITH date, n ORDER BY date
  RETURN collect(date) AS dates, collect(n) AS counts
}
SET e.statements = coalesce(e.statements, 0) + row.delta, e.statement_dates = dates, e.statement_counts = counts`

	// updateCounters adds to the counts of standing LINKs. A Counters
	// node created here (the database was wiped while the store was
	// open) starts at this version: every document is written by it.
	updateCounters = `
MERGE (c:Counters {id: $id})
ON CREATE SET c.link_layer = $version, c.AFFILIATED_WITH = 0, c.PART_OF = 0, c.BASED_IN = 0
SET c.AFFILIATED_WITH = c.AFFILIATED_WITH + $AFFILIATED_WITH,
    c.PART_OF = c.PART_OF + $PART_OF,
    c.BASED_IN = c.BASED_IN + $BASED_IN`
)

// linkChanges is what a write changes in the link layer: the shares of
// the documents it writes, less those of the versions they replace.
type linkChanges struct {
	links    map[graph.LinkKey]*linkChange
	pairs    map[graph.Pair]int        // A <= B: the change of their NEIGHBOR weights
	entities map[string]map[string]int // entity → date → statements
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
	return &linkChanges{links: map[graph.LinkKey]*linkChange{}, pairs: map[graph.Pair]int{}, entities: map[string]map[string]int{}}
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
		a, b := s.Source, s.Target
		if a > b {
			a, b = b, a
		}
		c.pairs[graph.Pair{A: a, B: b}] += sign * s.Count
	}
	for _, s := range graph.EntityShares(x) {
		dates, ok := c.entities[s.Entity]
		if !ok {
			dates = map[string]int{}
			c.entities[s.Entity] = dates
		}
		dates[s.Date] += sign * s.Count
	}
}

// linkRows returns the rows of updateLinks, in the order of the index
// link_pair; links that the change leaves as they were are left out.
func (c *linkChanges) linkRows() []map[string]any {
	keys := slices.SortedFunc(maps.Keys(c.links), func(a, b graph.LinkKey) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target), cmp.Compare(a.Type, b.Type))
	})
	rows := make([]map[string]any, 0, len(keys))
	for _, k := range keys {
		lc := c.links[k]
		dates, deltas := nonZero(lc.dates)
		roles, roleDeltas := nonZero(lc.roles)
		// Only the newest of the new statements can enter the sample.
		slices.SortFunc(lc.added, func(a, b sampleItem) int { return graph.SampleOrder(a.date, a.id, b.date, b.id) })
		added := lc.added[:min(len(lc.added), graph.MaxEdgeSample)]
		if lc.count == 0 && len(dates) == 0 && len(roles) == 0 && sameStatements(lc.added, lc.removed) {
			continue
		}
		addedIDs := make([]string, len(added))
		addedDates := make([]string, len(added))
		for i, a := range added {
			addedIDs[i], addedDates[i] = a.id, a.date
		}
		rows = append(rows, map[string]any{
			"type": string(k.Type), "source": k.Source, "target": k.Target, "standing": k.Type.IsStanding(),
			"delta": lc.count, "dates": dates, "deltas": deltas, "roles": roles, "role_deltas": roleDeltas,
			"added": addedIDs, "added_dates": addedDates, "removed": sortedSet(lc.removed),
		})
	}
	return rows
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

// nonZero returns the keys of m whose value is not zero, sorted, and
// their values.
func nonZero(m map[string]int) ([]string, []int) {
	keys := []string{}
	values := []int{}
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if m[k] != 0 {
			keys = append(keys, k)
			values = append(values, m[k])
		}
	}
	return keys, values
}

// neighborRows returns the rows of updateNeighbors: each changed pair
// from both ends (once for an entity linked to itself), sorted.
func (c *linkChanges) neighborRows() []map[string]any {
	var rows []map[string]any
	row := func(entity, other string, d int) map[string]any {
		return map[string]any{"entity": entity, "other": other, "kind": string(graph.KindOfID(other)), "delta": d}
	}
	for p, d := range c.pairs {
		if d == 0 {
			continue
		}
		rows = append(rows, row(p.A, p.B, d))
		if p.A != p.B {
			rows = append(rows, row(p.B, p.A, d))
		}
	}
	slices.SortFunc(rows, func(x, y map[string]any) int {
		return cmp.Or(cmp.Compare(x["entity"].(string), y["entity"].(string)), cmp.Compare(x["other"].(string), y["other"].(string)))
	})
	return rows
}

// entityRows returns the rows of updateEntityDates, sorted by entity.
func (c *linkChanges) entityRows() []map[string]any {
	var rows []map[string]any
	for _, id := range slices.Sorted(maps.Keys(c.entities)) {
		dates, deltas := nonZero(c.entities[id])
		if len(dates) == 0 {
			continue
		}
		total := 0
		for _, d := range deltas {
			total += d
		}
		rows = append(rows, map[string]any{"id": id, "delta": total, "dates": dates, "deltas": deltas})
	}
	return rows
}

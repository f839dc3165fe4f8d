package neo4j

import (
	"context"
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// Reads of the link layer (graph.LinkReader) and of the counts kept with
// it (see linkwrite.go for the model). Each is one query for all its ids.
// Without a type or time filter they read what they return: a list of
// at most nearListSize neighbors (any kind) is a slice of the one kept on
// the node (near_ids), a longer one or one of some kinds k entries of the
// indexes link_out and link_in per id and kind (sourceOf); degrees are
// counters on the nodes, links one index seek per pair. With one,
// Neighbors and Degrees sum the LINKs of each id (as graph/sqlite does),
// reading its counts per date.
//
// graph.Neighborhood draws a depth-1 entity view of $id in one query,
// NodesAround (nodesAroundQuery below): the root with its degree and its
// k heaviest neighbors (heaviestOf: for each kind, $k entries of link_out
// and of link_in, in index order),
//
//	MATCH ()-[l:LINK]->() USING INDEX l:LINK(source, target_kind, rank, target)
//	WHERE l.source = $id AND l.target_kind = $kind AND l.rank IS NOT NULL AND l.target IS NOT NULL
//	WITH DISTINCT l.source AS end, l.target_kind AS k, l.rank AS rank, l.target AS other
//	ORDER BY end, k, rank, other LIMIT $k
//	RETURN other, rank
//	UNION ... the same through link_in (target, source_kind, rank, source)
//
// and, for each node of the ring, what a subgraph's node shows of its
// entity (nodeFields: id, kind, name and mentions, where the whole
// entity was 8 properties), the degree counter the filter needs (one,
// where it was four), and its 4 heaviest neighbors (the links offered
// for edges among the neighbors,
// from its kept list, where they took six index seeks, one per kind and
// direction, before the lists were kept); and the root's LINKs to the
// ring, read from the root's side: for each kind, the entries of
// link_out and link_in from the heaviest down to the rank of the ring's
// last node (of those at that rank, the ones to the ring), a range of
// each index where it took a seek of link_pair per node and direction
// (under a type or time filter, which the ranks do not follow, it still
// does); and the links among the ring that the answer's edge budget
// draws (graph.RingPairs: of the pairs its nodes' 4 heaviest neighbors
// make, the heaviest), one link_pair seek per pair and direction, where
// they were a second query (LinksBetween). Deeper rings read Neighbors
// of the ring before and Nodes of the nodes kept (entities, degrees and
// 4 heaviest neighbors in one query). Each query costs the server a share of CPU however little it
// reads, which is most of what a small answer costs. The raw Cypher that
// the scale benchmark times the API against answers the same in one
// query (rawNeighborhood in internal/benchscale/raw.go). Without a type,
// kind or time filter NodesAround reads the write generation first and
// runs this query only when the row cache (rowcache.go) lacks rows of
// that generation, keeping what it reads.

var (
	// degreeCounters reads the degrees kept on each entity.
	degreeCounters = `
UNWIND range(0, size($ids) - 1) AS i
MATCH (e:Entity {id: $ids[i]})
RETURN i, coalesce(e.degree, 0), coalesce(e.degree_person, 0), coalesce(e.degree_organization, 0), coalesce(e.degree_country, 0)`

	// statementCounts reads each entity's statement count, or sums its
	// counts per date within the range.
	statementCounts = `
UNWIND range(0, size($ids) - 1) AS i
MATCH (e:Entity {id: $ids[i]})
RETURN i, CASE WHEN $timed
  THEN reduce(c = 0, j IN range(0, size(coalesce(e.statement_dates, [])) - 1) |
    c + CASE WHEN ` + inRange("e.statement_dates[j]") + ` THEN e.statement_counts[j] ELSE 0 END)
  ELSE coalesce(e.statements, 0) END`

	// timeline sums an entity's counts per date by month.
	timeline = `
MATCH (e:Entity {id: $id})
UNWIND range(0, size(coalesce(e.statement_dates, [])) - 1) AS j
WITH e.statement_dates[j] AS date, e.statement_counts[j] AS n
WHERE ` + inRange("date") + `
RETURN date / 100 AS month, sum(n) AS count ORDER BY month`

	// linksBetween reads the LINKs of each ordered pair through the index
	// link_pair, with their counts (and first and last) within the range:
	// within lists the dates in it and their counts, null when the count
	// is the LINK's own (no range, or a standing relation).
	linksBetween = `
UNWIND $pairs AS p` + linkRows + `
RETURN ` + linkColumns

	// linkRows binds l to the LINKs of the ordered pair p (the ids of its
	// source and target) through the index link_pair, with their counts
	// within the range: within lists the dates in it and their counts,
	// null when the count is the LINK's own (no range, or a standing
	// relation); linkColumns are what LinksBetween reads of each.
	linkRows = `
MATCH ()-[l:LINK]->() USING INDEX l:LINK(source, target)
WHERE l.source = p[0] AND l.target = p[1] AND ($rels IS NULL OR l.type IN $rels)` + linkCounts
	// linkCounts binds within and count to the LINK l as linkRows does,
	// and keeps it when it counts anything.
	linkCounts = `
WITH l, CASE WHEN $timed AND NOT l.type IN $standing
  THEN [j IN range(0, size(l.dates) - 1) WHERE ` + inRange("l.dates[j]") + ` | [l.dates[j], l.date_counts[j]]] END AS within
WITH l, within, CASE WHEN within IS NULL THEN l.count ELSE reduce(c = 0, x IN within | c + x[1]) END AS count
WHERE count > 0`
	linkColumns = `l.type, l.source, l.target, count,
  CASE WHEN within IS NULL THEN l.first ELSE head(within)[0] END,
  CASE WHEN within IS NULL THEN l.last ELSE last(within)[0] END,
  l.role, l.sample, l.sample_dates`

	// statementsAround reads each id's $k newest statements within the
	// range, with their speakers, about entities and outlets: the $k
	// newest of each of its three kinds of edges, from their indexes (see
	// anchoredBy), then the $k newest of those.
	statementsAround = `
UNWIND range(0, size($ids) - 1) AS i
CALL (i) {
  CALL (i) {
    ` + newestAround("(:Entity)-[r:STATED]->(s:Statement)", "STATED") + `
    UNION
    ` + newestAround("(s:Statement)-[r:ABOUT]->(:Entity)", "ABOUT") + `
    UNION
    ` + newestAround("(s:Statement)-[r:REPORTED_BY]->(:Entity)", "REPORTED_BY") + `
  }
  WITH s ORDER BY s.date IS NULL, s.date DESC, s.id LIMIT $k
  RETURN s
}
OPTIONAL MATCH (speaker:Entity)-[:STATED]->(s)
RETURN i, s.id, coalesce(speaker.id, ''), coalesce(s.date, ''), s.text, coalesce(s.quote, ''),
  COLLECT { MATCH (s)-[r:ABOUT]->(x:Entity) WITH r, x ORDER BY r.idx RETURN x.id },
  COLLECT { MATCH (s)-[r:REPORTED_BY]->(x:Entity) WITH r, x ORDER BY r.idx RETURN x.id }`
)

// newestAround is the Cypher that returns as s the $k newest statements
// within the range whose edge of type edge (bound to r by pattern) ends
// at the entity $ids[i].
func newestAround(pattern, edge string) string {
	match, order := anchoredBy(pattern, edge, "$ids[i]")
	return match + " AND " + inTimeRange + `
    WITH s ORDER BY ` + order + ` LIMIT $k RETURN s`
}

// summedLinks is the Cypher that binds, for each entity e, each neighbor
// o and its weight under the filter: the sum of the counts of the LINKs
// between them of the types in $rels (all when null) within the range
// (when $timed), o of the kinds in $kinds (all when null). Standing
// relations count whole in any range.
var summedLinks = `
MATCH (e)-[l:LINK]-(o:Entity)
WHERE ($rels IS NULL OR l.type IN $rels) AND ($kinds IS NULL OR o.kind IN $kinds)
WITH o, sum(CASE WHEN $timed AND NOT l.type IN $standing
  THEN reduce(c = 0, j IN range(0, size(l.dates) - 1) | c + CASE WHEN ` + inRange("l.dates[j]") + ` THEN l.date_counts[j] ELSE 0 END)
  ELSE l.count END) AS weight
WHERE weight > 0`

// heaviestOf binds other and rank (the weight negated) to the k
// heaviest neighbors of each of $kinds of the entity id bound to id:
// $k entries of the indexes link_out and link_in per kind, in their
// order (a neighbor linked to it several ways comes once: the weight
// is the pair's), of which it keeps the $k heaviest.
func heaviestOf(k string) string {
	return `
  UNWIND $kinds AS kind
  CALL (id, kind) {
    MATCH ()-[l:LINK]->() USING INDEX l:LINK(source, target_kind, rank, target)
    WHERE l.source = id AND l.target_kind = kind AND l.rank IS NOT NULL AND l.target IS NOT NULL
    WITH DISTINCT l.source AS end, l.target_kind AS k, l.rank AS rank, l.target AS other
    ORDER BY end, k, rank, other LIMIT ` + k + `
    RETURN other, rank
    UNION
    MATCH ()-[l:LINK]->() USING INDEX l:LINK(target, source_kind, rank, source)
    WHERE l.target = id AND l.source_kind = kind AND l.rank IS NOT NULL AND l.source IS NOT NULL
    WITH DISTINCT l.target AS end, l.source_kind AS k, l.rank AS rank, l.source AS other
    ORDER BY end, k, rank, other LIMIT ` + k + `
    RETURN other, rank
  }
  WITH other, rank ORDER BY rank, other LIMIT ` + k
}

// nodesQuery returns the query of Nodes: for each id, its entity, its $k
// heaviest neighbors (read from src: kept, the indexes, or summed when the
// filter has a type or time), the degree counters on the
// node and, with summed and degrees set, its degree counted from its
// LINKs (null otherwise).
func nodesQuery(src listSource, degrees bool) string {
	q := `
UNWIND range(0, size($ids) - 1) AS i
MATCH (e:Entity {id: $ids[i]})` + listOf(src, "e", "$k", "near")
	degree := "null"
	if src == fromSums && degrees {
		q += summedDegree("e")
		degree = "degree"
	}
	return q + `
RETURN i, e ` + entityMap + `, near, ` + degree + `, ` + countersOf("e")
}

// nodesAroundQuery returns the query of NodesAround under f: the root
// $id ($k deep from src, with its degree; of its entity, nodeFields), the
// first $m of its neighbors (nodeFields, $kk deep from ringSrc, with
// their degrees from the counters f needs unless f is summed), and
// their links to the root: without a type or time filter, in a last
// column read from the root's index ranges (see the top of this file);
// with one, with each node, from link_pair.
func nodesAroundQuery(src, ringSrc listSource, f graph.LinkFilter) string {
	q := `
MATCH (e:Entity {id: $id})` + listOf(src, "e", "$k", "near")
	degree, ringLinks, ringRead, rootRead, rootLinks := "null", "[]", "", "", "[]"
	ringDegree := "null"
	if src == fromSums {
		// Under a type or time filter, which the ranks do not follow,
		// each node of the ring reads its links to the root.
		q += summedDegree("e")
		degree, ringLinks = "degree", "links"
		ringRead = `
  CALL (e, n) {
    UNWIND [[e.id, n.id], [n.id, e.id]] AS p` + linkRows + `
    RETURN collect([` + linkColumns + `]) AS links
  }`
	} else {
		ringDegree = counterDegreeOf("n", f)
		rootLinks = "links"
		rootRead = `
CALL (e, near) {
  WITH e, near[0][0..$m] AS ring, -last(near[1][0..$m]) AS bar
  UNWIND CASE WHEN bar IS NULL THEN [] ELSE $kinds END AS kind
  CALL (e, kind, ring, bar) {
    MATCH ()-[l:LINK]->() USING INDEX l:LINK(source, target_kind, rank, target)
    WHERE l.source = e.id AND l.target_kind = kind AND l.rank <= bar AND l.target IS NOT NULL
      AND (l.rank < bar OR l.target IN ring)
    RETURN l
    UNION
    MATCH ()-[l:LINK]->() USING INDEX l:LINK(target, source_kind, rank, source)
    WHERE l.target = e.id AND l.source_kind = kind AND l.rank <= bar AND l.source IS NOT NULL
      AND (l.rank < bar OR l.source IN ring)
    RETURN l
  }
  WITH l` + linkCounts + `
  RETURN collect([` + linkColumns + `]) AS links
}`
	}
	return q + `
CALL (e, near) {
  UNWIND near[0][0..$m] AS x
  MATCH (n:Entity {id: x})` + listOf(ringSrc, "n", "$kk", "near2") + ringRead + `
  RETURN collect([` + nodeFields("n") + `, near2, ` + ringLinks + `, ` + ringDegree + `]) AS ring
}` + rootRead + `
CALL (ring) {
  WITH ring, [r IN ring | r[0]] AS ids
  UNWIND CASE WHEN $among > 0 THEN ring ELSE [] END AS r
  UNWIND range(0, size(r[4][0]) - 1) AS j
  WITH ids, r[0] AS a, r[4][0][j] AS b, r[4][1][j] AS w
  WHERE b IN ids AND b <> a
  WITH CASE WHEN a < b THEN [a, b] ELSE [b, a] END AS pair, max(w) AS w
  ORDER BY w DESC, pair[0], pair[1] LIMIT $among
  UNWIND [pair, [pair[1], pair[0]]] AS p` + linkRows + `
  RETURN collect([` + linkColumns + `]) AS among
}
RETURN [` + nodeFields("e") + `], near, ` + degree + `, ` + countersOf("e") + `, ring, ` + rootLinks + `, among`
}

// nodeFields returns the Cypher values of what a subgraph's node shows of
// the entity bound to node (graph.Entity.Drawn): its id, kind, name and
// mentions, read as nodeFrom reads them. A ring's 499 entities read
// whole (entityMap) had cost the server about as much as the rest of a
// hub's depth 1.
func nodeFields(node string) string {
	return node + `.id, ` + node + `.kind, ` + node + `.name, ` + node + `.mentions`
}

// nodeFrom reads the values of nodeFields.
func nodeFrom(v []any) graph.Entity {
	return graph.Entity{ID: str(v[0]), Kind: graph.Kind(str(v[1])), Name: str(v[2]), Mentions: integer(v[3])}
}

// counterDegreeOf returns the Cypher of the degree under f (without a type
// or time filter) of the entity bound to node, from the counters on it, as
// counterDegree reads them: only the counters f needs.
func counterDegreeOf(node string, f graph.LinkFilter) string {
	if len(f.Kinds) == 0 {
		return `coalesce(` + node + `.degree, 0)`
	}
	var terms []string
	for _, k := range kindNames(f.Kinds) {
		switch graph.Kind(k) {
		case graph.KindPerson, graph.KindOrganization, graph.KindCountry:
			terms = append(terms, `coalesce(`+node+`.degree_`+k+`, 0)`)
		}
	}
	if len(terms) == 0 {
		return "0"
	}
	return strings.Join(terms, " + ")
}

// listSource says where a list of neighbors is read from.
type listSource int

const (
	// fromIndexes reads k entries of link_out and link_in per kind
	// (heaviestOf).
	fromIndexes listSource = iota
	// fromSums sums the LINKs of the node under a type or time filter.
	fromSums
	// fromKept slices the list kept on the node (near_ids): one property
	// read, for lists of any kind at most nearListSize deep.
	fromKept
)

// sourceOf returns where a list k deep under f is read from.
func sourceOf(f graph.LinkFilter, k int) listSource {
	switch {
	case f.Summed():
		return fromSums
	case len(f.Kinds) == 0 && k <= nearListSize:
		return fromKept
	}
	return fromIndexes
}

// listOf returns the Cypher that binds name to the k heaviest neighbors
// of the entity bound to node, heaviest first, as [ids, weights] (two
// flat lists: a list per neighbor costs the driver an allocation each),
// read from src: the kept list, the indexes (heaviestOf), or summed
// under a type or time filter.
func listOf(src listSource, node, k, name string) string {
	switch src {
	case fromKept:
		return `
WITH *, [coalesce(` + node + `.near_ids[0..` + k + `], []), coalesce(` + node + `.near_weights[0..` + k + `], [])] AS ` + name
	case fromSums:
		return `
CALL (` + node + `) {
  WITH ` + node + ` AS e WHERE ` + k + ` > 0` + summedLinks + `
  WITH o.id AS other, weight ORDER BY weight DESC, other LIMIT ` + k + `
  RETURN [collect(other), collect(weight)] AS ` + name + `
}`
	}
	return `
CALL (` + node + `) {
  WITH ` + node + `.id AS id` + heaviestOf(k) + `
  RETURN [collect(other), collect(-rank)] AS ` + name + `
}`
}

// summedDegree returns a CALL that binds degree to the number of
// neighbors of the entity bound to node under a type or time filter.
func summedDegree(node string) string {
	return `
CALL (` + node + `) {
  WITH ` + node + ` AS e` + summedLinks + `
  RETURN count(o) AS degree
}`
}

// countersOf returns the degree counters of the entity bound to
// node: all its neighbors', then persons', organizations', countries'.
func countersOf(node string) string {
	return `coalesce(` + node + `.degree, 0), coalesce(` + node + `.degree_person, 0), coalesce(` +
		node + `.degree_organization, 0), coalesce(` + node + `.degree_country, 0)`
}

// filterParams returns the parameters of a query under f: $rels and
// $kinds (null for all), $timed and the range's $lo and $hi (open ends
// widened), and $standing.
func filterParams(f graph.LinkFilter) map[string]any {
	var rels, kinds any
	if len(f.Rels) > 0 {
		rs := make([]string, len(f.Rels))
		for i, r := range f.Rels {
			rs[i] = string(r)
		}
		rels = rs
	}
	if len(f.Kinds) > 0 {
		kinds = kindNames(f.Kinds)
	}
	params := rangeParams(f.Time)
	params["rels"], params["kinds"] = rels, kinds
	standing := make([]string, len(standingTypes))
	for i, t := range standingTypes {
		standing[i] = string(t)
	}
	params["standing"] = standing
	return params
}

// kindNames returns kinds as strings, each once.
func kindNames(kinds []graph.Kind) []string {
	out := make([]string, 0, len(kinds))
	for _, k := range kinds {
		if !slices.Contains(out, string(k)) {
			out = append(out, string(k))
		}
	}
	return out
}

// Neighbors returns each id's k heaviest neighbors under f, heaviest
// first, then by id (see graph.LinkReader): without a type or time
// filter, k entries per kind of the indexes link_out and link_in; with
// one, the sum of the id's LINKs. It returns an Unavailable error when Neo4j is
// down.
func (s *Store) Neighbors(ctx context.Context, ids []string, k int, f graph.LinkFilter) ([][]graph.Neighbor, error) {
	const op = "neo4j.Neighbors"
	out := make([][]graph.Neighbor, len(ids))
	if len(ids) == 0 || k <= 0 {
		return out, nil
	}
	query := `
UNWIND range(0, size($ids) - 1) AS i
MATCH (e:Entity {id: $ids[i]})` + listOf(sourceOf(f, k), "e", "$k", "near") + `
RETURN i, near`
	params := filterParams(f)
	params["ids"], params["k"] = ids, k
	if !f.Summed() && len(f.Kinds) == 0 {
		params["kinds"] = kindNames(graph.EntityKinds)
	}
	recs, err := readRows(ctx, s, op, query, params)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		out[integer(r.Values[0])] = neighborsFrom(r.Values[1])
	}
	return out, nil
}

// Degrees returns how many distinct neighbors each id has under f: from
// the counters on the entity without a type or time filter, by summing
// its LINKs with one. An unknown id has none. It returns an Unavailable
// error when Neo4j is down.
func (s *Store) Degrees(ctx context.Context, ids []string, f graph.LinkFilter) ([]int, error) {
	const op = "neo4j.Degrees"
	out := make([]int, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	query := degreeCounters
	params := map[string]any{"ids": ids}
	if f.Summed() {
		query = `
UNWIND range(0, size($ids) - 1) AS i
MATCH (e:Entity {id: $ids[i]})
CALL (e) {` + summedLinks + `
  RETURN count(o) AS degree
}
RETURN i, degree`
		params = filterParams(f)
		params["ids"] = ids
	}
	recs, err := readRows(ctx, s, op, query, params)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		i := integer(r.Values[0])
		if f.Summed() {
			out[i] = integer(r.Values[1])
			continue
		}
		out[i] = counterDegree(r.Values[1:5], f)
	}
	return out, nil
}

// counterDegree returns a degree under f (without a type or time filter)
// from the counters on an entity: all its neighbors', then those of
// persons, organizations and countries.
func counterDegree(counters []any, f graph.LinkFilter) int {
	if len(f.Kinds) == 0 {
		return integer(counters[0])
	}
	byKind := map[graph.Kind]int{
		graph.KindPerson: integer(counters[1]), graph.KindOrganization: integer(counters[2]), graph.KindCountry: integer(counters[3]),
	}
	n := 0
	for _, k := range kindNames(f.Kinds) {
		n += byKind[graph.Kind(k)]
	}
	return n
}

// Nodes returns each id's entity, k heaviest neighbors under f and, when
// degrees is set, degree under f (see graph.LinkReader), in one query:
// what Entities, Neighbors and Degrees read, each as they read it. An
// unknown id gets an empty NodeLinks. It returns an Unavailable error when
// Neo4j is down.
func (s *Store) Nodes(ctx context.Context, ids []string, k int, f graph.LinkFilter, degrees bool) ([]graph.NodeLinks, error) {
	const op = "neo4j.Nodes"
	out := make([]graph.NodeLinks, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	params := filterParams(f)
	params["ids"], params["k"] = ids, max(k, 0)
	switch {
	case f.Summed(): // $kinds is the filter's, $k > 0 says whether to sum
	case k <= 0:
		params["kinds"] = []string{} // no list: no index read
	case len(f.Kinds) == 0:
		params["kinds"] = kindNames(graph.EntityKinds)
	}
	query := nodesQuery(sourceOf(f, k), degrees)
	recs, err := readRows(ctx, s, op, query, params)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		v := r.Values
		n := &out[integer(v[0])]
		n.Entity = entityFrom(v[1])
		n.Neighbors = neighborsFrom(v[2])
		if degrees {
			if f.Summed() {
				n.Degree = integer(v[3])
			} else {
				n.Degree = counterDegree(v[4:8], f)
			}
		}
	}
	return out, nil
}

// LinksBetween returns the links between the ends of each pair, in either
// direction, of the types f allows, with counts and samples within f.Time
// (see graph.LinkReader): one seek of the index link_pair per pair and
// direction. It returns an Unavailable error when Neo4j is down.
func (s *Store) LinksBetween(ctx context.Context, pairs []graph.Pair, f graph.LinkFilter) ([]graph.Link, error) {
	const op = "neo4j.LinksBetween"
	ends := make([][]string, 0, 2*len(pairs))
	for _, p := range pairs {
		ends = append(ends, []string{p.A, p.B})
		if p.A != p.B {
			ends = append(ends, []string{p.B, p.A})
		}
	}
	out := []graph.Link{}
	if len(ends) == 0 {
		return out, nil
	}
	params := filterParams(f)
	params["pairs"] = ends
	recs, err := readRows(ctx, s, op, linksBetween, params)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		out = append(out, linkFrom(r.Values, f))
	}
	graph.SortLinks(out)
	return out, nil
}

// linkFrom reads a link from the values of linkColumns.
func linkFrom(v []any, f graph.LinkFilter) graph.Link {
	l := graph.Link{Type: graph.RelType(str(v[0])), Source: str(v[1]), Target: str(v[2]), Count: integer(v[3]),
		First: dateOf(v[4]), Last: dateOf(v[5]), Role: str(v[6])}
	sample, dates := list(v[7]), list(v[8])
	if f.Time.IsZero() {
		// Every sample is in an open range: no date to read.
		for _, id := range sample[:min(len(sample), len(dates))] {
			l.Sample = append(l.Sample, str(id))
		}
		return l
	}
	for j, id := range sample {
		if j < len(dates) && f.Time.Contains(dateString(integer(dates[j]))) {
			l.Sample = append(l.Sample, str(id))
		}
	}
	return l
}

// NodesAround returns the root id (its entity, degree and k heaviest
// neighbors), its first m neighbors (each kk deep, with its degree
// unless f has a type or time filter, and its links to id) and the links
// of the among heaviest pairs among them that their lists name (see
// graph.LinkReader). Without a type, kind or time filter it reads the
// write generation, then takes the rows from the row cache when it holds
// them (rowcache.go) and reads in one query what it lacks; with one, it
// is one query. It returns an Unavailable error when Neo4j is down.
func (s *Store) NodesAround(ctx context.Context, id string, k, m, kk, among int, f graph.LinkFilter) (graph.NodeLinks, []graph.NodeLinks, []graph.Link, error) {
	const op = "neo4j.NodesAround"
	k, m, kk, among = max(k, 0), max(m, 0), max(kk, 0), max(among, 0)
	if f.Summed() || len(f.Kinds) > 0 || kk > nearListSize {
		return s.nodesAround(ctx, id, k, m, kk, among, f)
	}
	v, err := s.rowView(ctx, op)
	if err != nil {
		return graph.NodeLinks{}, nil, nil, err
	}
	if root, ring, inside, missing, ok := v.cachedAround(id, k, m, kk, among); ok {
		if len(missing) > 0 {
			links, err := s.LinksBetween(ctx, missing, f)
			if err != nil {
				return graph.NodeLinks{}, nil, nil, err
			}
			v.keepPairs(missing, links)
			inside = append(inside, links...)
		}
		graph.SortLinks(inside)
		return root, ring, inside, nil
	}
	root, ring, inside, err := s.nodesAround(ctx, id, k, m, kk, among, f)
	if err == nil && root.Entity.ID != "" {
		v.keepAround(root, k, ring, kk, inside)
	}
	return root, ring, inside, err
}

// nodesAround is NodesAround in one query (see the top of this file),
// without the cache.
func (s *Store) nodesAround(ctx context.Context, id string, k, m, kk, among int, f graph.LinkFilter) (graph.NodeLinks, []graph.NodeLinks, []graph.Link, error) {
	const op = "neo4j.NodesAround"
	params := filterParams(f)
	params["id"], params["k"], params["m"], params["kk"], params["among"] = id, max(k, 0), max(m, 0), max(kk, 0), max(among, 0)
	if !f.Summed() && len(f.Kinds) == 0 {
		params["kinds"] = kindNames(graph.EntityKinds)
	}
	query := nodesAroundQuery(sourceOf(f, k), sourceOf(f, kk), f)
	recs, err := readRows(ctx, s, op, query, params)
	if err != nil || len(recs) == 0 {
		return graph.NodeLinks{}, nil, nil, err
	}
	v := recs[0].Values
	root := graph.NodeLinks{Entity: nodeFrom(list(v[0])), Neighbors: neighborsFrom(v[1])}
	if f.Summed() {
		root.Degree = integer(v[2])
	} else {
		root.Degree = counterDegree(v[3:7], f)
	}
	var ring []graph.NodeLinks
	at := map[string]int{}
	for _, x := range list(v[7]) {
		w := list(x)
		n := graph.NodeLinks{Entity: nodeFrom(w), Neighbors: neighborsFrom(w[4])}
		for _, l := range list(w[5]) {
			n.Links = append(n.Links, linkFrom(list(l), f))
		}
		if !f.Summed() {
			n.Degree = integer(w[6])
		}
		at[n.Entity.ID] = len(ring)
		ring = append(ring, n)
	}
	for _, x := range list(v[8]) {
		l := linkFrom(list(x), f)
		other := l.Target
		if other == id {
			other = l.Source
		}
		if i, ok := at[other]; ok {
			ring[i].Links = append(ring[i].Links, l)
		}
	}
	for i := range ring {
		graph.SortLinks(ring[i].Links)
	}
	var inside []graph.Link
	for _, x := range list(v[9]) {
		inside = append(inside, linkFrom(list(x), f))
	}
	graph.SortLinks(inside)
	return root, ring, inside, nil
}

// neighborsFrom reads the [ids, weights] of listOf, heaviest first.
func neighborsFrom(v any) []graph.Neighbor {
	lists := list(v)
	ids, weights := list(lists[0]), list(lists[1])
	if len(ids) == 0 {
		return nil
	}
	out := make([]graph.Neighbor, len(ids))
	for i := range ids {
		out[i] = graph.Neighbor{ID: str(ids[i]), Weight: integer(weights[i])}
	}
	slices.SortFunc(out, graph.HeavierFirst)
	return out
}

// dateOf reads a first or last date of linksBetween: as written, or its
// number (within a range).
func dateOf(v any) string {
	if n, ok := v.(int64); ok {
		return dateString(int(n))
	}
	return str(v)
}

// StatementsAround returns each id's k newest statements within tr in
// which it is the speaker, an about entity or an outlet: newest first,
// undated last, then by id. It reads at most k of each kind of edge around
// each id, newest first from their indexes (see newestAround), plus those
// the time range drops. It returns an Unavailable error when Neo4j is down.
func (s *Store) StatementsAround(ctx context.Context, ids []string, k int, tr graph.TimeRange) ([][]graph.StatementLink, error) {
	const op = "neo4j.StatementsAround"
	out := make([][]graph.StatementLink, len(ids))
	if len(ids) == 0 || k <= 0 {
		return out, nil
	}
	lo, hi := tr.Bounds()
	params := map[string]any{"ids": ids, "k": k, "lo": nullable(lo), "hi": nullable(hi), "to_rank": toRank(hi)}
	recs, err := readRows(ctx, s, op, statementsAround, params)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		v := r.Values
		i := integer(v[0])
		out[i] = append(out[i], graph.StatementLink{ID: str(v[1]), Speaker: str(v[2]), Date: str(v[3]), Text: str(v[4]),
			Quote: str(v[5]), About: strs(v[6]), ReportedBy: strs(v[7])})
	}
	for _, list := range out {
		slices.SortFunc(list, func(a, b graph.StatementLink) int { return graph.SampleOrder(a.Date, a.ID, b.Date, b.ID) })
	}
	return out, nil
}

// StatementCounts returns how many statements within tr name each id:
// the count kept on the entity, or its counts per date summed over tr. An
// unknown id has none. It returns an Unavailable error when Neo4j is
// down.
func (s *Store) StatementCounts(ctx context.Context, ids []string, tr graph.TimeRange) ([]int, error) {
	const op = "neo4j.StatementCounts"
	out := make([]int, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	params := rangeParams(tr)
	params["ids"] = ids
	recs, err := readRows(ctx, s, op, statementCounts, params)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		out[integer(r.Values[0])] = integer(r.Values[1])
	}
	return out, nil
}

// Timeline returns how many statements within tr name the entity id per
// month (or year, for dates written as a year), oldest first, from its
// counts per date; an unknown id has an empty timeline. It returns an
// Unavailable error when Neo4j is down.
func (s *Store) Timeline(ctx context.Context, id string, tr graph.TimeRange) ([]graph.MonthCount, error) {
	const op = "neo4j.Timeline"
	params := rangeParams(tr)
	params["id"] = id
	recs, err := readRows(ctx, s, op, timeline, params)
	if err != nil {
		return nil, err
	}
	out := []graph.MonthCount{}
	for _, r := range recs {
		// A month number is yyyymm, yyyy00 for a date given as a year.
		month := dateString(integer(r.Values[0]) * 100)
		out = append(out, graph.MonthCount{Month: month, Count: integer(r.Values[1])})
	}
	return out, nil
}

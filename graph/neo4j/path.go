package neo4j

import (
	"context"
	"fmt"

	"github.com/entitygraph/entitygraph/graph"
)

var (
	_ graph.PathSearcher = (*Store)(nil)
	_ graph.Warmer       = (*Store)(nil)
)

// pathQueries are the queries of SearchPath by where they read each
// node's list of neighbors (listSource, see pathQuery).
var pathQueries = [3]string{pathQuery(fromIndexes), pathQuery(fromSums), pathQuery(fromKept)}

// pathQuery returns the query of SearchPath: graph.SearchPathOf's
// search (graph.shortest) written out in Cypher, so that a path costs
// one query where the reads of graph.LinkReader cost four or five, each
// with the server's fixed cost per query. The ends ($from, $to) must be
// known, else no ring is grown. Then the search from both ends, one ring
// at a time from the side with the smaller frontier (the $from side on
// a tie): a ring is the $k heaviest neighbors of each frontier node
// (listOf, as Neighbors reads them) not yet reached from that side, by
// their heaviest link to the frontier (then id), cut at $ring, each
// reached from the first node of the frontier (in id order) that offers
// it; the search stops at the first ring that meets the other side, at
// the least id of those met. Cypher has no loop, so the rings are
// written out, graph.MaxPathDepth CALLs, each a no-op once the path is
// found or the ring is deeper than $maxDepth: f0 and f1 are the
// frontiers, v0 and v1 the nodes reached from each side with the node
// they were reached from, found the meeting node. Last come the path's
// links (linkRows, as LinksBetween reads them) and the entities of its
// nodes. Its one row: the path (null when none), the entities of the
// ends and of the nodes between that exist, the links.
//
// Planning it takes the server seconds (0.5 s or more per ring), so it
// asks for replan=skip: Neo4j would otherwise plan it again whenever the
// counts of the graph have changed enough (as an ingest runs), stalling a
// path request each time; its plan reads by index at every step, which
// no count changes. Warm plans it before the first request does.
func pathQuery(src listSource) string {
	q := `CYPHER replan=skip
CALL () {
  UNWIND CASE WHEN $from = $to THEN [$from] ELSE [$from, $to] END AS id
  MATCH (e:Entity {id: id})
  RETURN collect(e ` + entityMap + `) AS ends
}
WITH ends, size(ends) = CASE WHEN $from = $to THEN 1 ELSE 2 END AS known
WITH ends, CASE WHEN known THEN [$from] ELSE [] END AS f0, CASE WHEN known THEN [$to] ELSE [] END AS f1,
  [[$from, null]] AS v0, [[$to, null]] AS v1, CASE WHEN known AND $from = $to THEN $from END AS found`
	for ring := 1; ring <= graph.MaxPathDepth; ring++ {
		q += `
CALL (f0, f1, v0, v1, found) {
  WITH f0, f1, v0, v1, found, CASE WHEN size(f1) < size(f0) THEN 1 ELSE 0 END AS side
  WITH f0, f1, v0, v1, found, side, CASE side WHEN 0 THEN f0 ELSE f1 END AS fr,
    [m IN CASE side WHEN 0 THEN v0 ELSE v1 END | m[0]] AS seen,
    [m IN CASE side WHEN 0 THEN v1 ELSE v0 END | m[0]] AS theirs
  CALL (fr, seen, found) {
    UNWIND CASE WHEN found IS NULL AND $maxDepth >= ` + fmt.Sprint(ring) + ` THEN range(0, size(fr) - 1) ELSE [] END AS i
    CALL (fr, i) {
      MATCH (n:Entity {id: fr[i]})` + listOf(src, "n", "$k", "near") + `
      UNWIND range(0, size(near[0]) - 1) AS j
      RETURN near[0][j] AS other, near[1][j] AS weight
    }
    WITH i, other, weight WHERE NOT other IN seen
    WITH other, max(weight) AS weight, min(i) AS i ORDER BY weight DESC, other LIMIT $ring
    WITH other, i ORDER BY other
    RETURN collect(other) AS next, collect([other, i]) AS reached
  }
  WITH f0, f1, v0, v1, found, side, next, [r IN reached | [r[0], fr[r[1]]]] AS reached, theirs
  RETURN CASE side WHEN 0 THEN next ELSE f0 END AS nf0, CASE side WHEN 1 THEN next ELSE f1 END AS nf1,
    CASE side WHEN 0 THEN v0 + reached ELSE v0 END AS nv0, CASE side WHEN 1 THEN v1 + reached ELSE v1 END AS nv1,
    coalesce(found, head([n IN next WHERE n IN theirs])) AS nfound
}
WITH ends, nf0 AS f0, nf1 AS f1, nv0 AS v0, nv1 AS v1, nfound AS found`
	}
	// The path: from the meeting node back to each end.
	back := func(v string) string {
		return `reduce(chain = [found], _ IN range(1, $maxDepth) |
    chain + [m IN ` + v + ` WHERE m[0] = last(chain) AND m[1] IS NOT NULL | m[1]])`
	}
	return q + `
WITH ends, CASE WHEN found IS NOT NULL THEN reverse(` + back("v0") + `) + tail(` + back("v1") + `) END AS order
CALL (order) {
  UNWIND range(0, size(coalesce(order, [])) - 2) AS j
  UNWIND [[order[j], order[j + 1]], [order[j + 1], order[j]]] AS p` + linkRows + `
  RETURN collect([` + linkColumns + `]) AS links
}
CALL (order) {
  UNWIND coalesce(order, [])[1..-1] AS id
  MATCH (e:Entity {id: id})
  RETURN collect(e ` + entityMap + `) AS between
}
RETURN order, ends + between, links`
}

// SearchPath runs the path search q, with the links and entities of its
// answer, in one query (PathCypher; see graph.PathSearcher), q.MaxDepth
// at most graph.MaxPathDepth. It returns an Unavailable error when Neo4j
// is down.
func (s *Store) SearchPath(ctx context.Context, q graph.PathQuery) (graph.PathRead, error) {
	const op = "neo4j.SearchPath"
	query, params := PathCypher(q)
	recs, err := readRows(ctx, s, op, query, params)
	if err != nil || len(recs) == 0 {
		return graph.PathRead{}, err
	}
	v := recs[0].Values
	var out graph.PathRead
	if v[0] != nil {
		out.Order = strs(v[0])
	}
	for _, e := range list(v[1]) {
		out.Entities = append(out.Entities, entityFrom(e))
	}
	for _, l := range list(v[2]) {
		out.Links = append(out.Links, linkFrom(list(l), q.Filter))
	}
	graph.SortLinks(out.Links)
	return out, nil
}

// Warm plans the queries of SearchPath that graph.Path sends (lists kept
// on the nodes, and summed under a time range; see pathQuery) by running each
// between ends the graph does not hold, which reads nothing. Neo4j keeps
// a plan per size class of its string parameters, as measured on 5.26:
// ends named "-" were planned again for real ids, ends of 22 characters
// served ids of 18 to 46, so the ends here are as long as most ids. It
// returns an Unavailable error when Neo4j is down.
func (s *Store) Warm(ctx context.Context) error {
	for _, f := range []graph.LinkFilter{{}, {Time: graph.TimeRange{From: "2000-01-01", To: "2099-12-31"}}} {
		q := graph.PathQuery{From: "person:warm-up-ends-1", To: "person:warm-up-ends-2", MaxDepth: 1, LinksPerNode: 1, RingNodes: 1, Filter: f}
		if _, err := s.SearchPath(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// PathCypher returns the one query of SearchPath for q, with its
// parameters. Its one row: the path's node ids (null when there is
// none), the entities of the ends and of the nodes between (maps of
// id, kind, name, aliases, mentions, documents, first_seen, last_seen),
// the links along the path (lists of type, source, target, count, first,
// last, role, sample, sample dates). Exported for the scale benchmark
// (internal/benchscale), which times it as the raw Cypher of a path: it
// is the API's search, which Cypher's shortestPath is not.
func PathCypher(q graph.PathQuery) (string, map[string]any) {
	f := q.Filter
	params := filterParams(f)
	params["from"], params["to"], params["maxDepth"] = q.From, q.To, q.MaxDepth
	params["k"], params["ring"] = max(q.LinksPerNode, 0), max(q.RingNodes, 0)
	if !f.Summed() && len(f.Kinds) == 0 {
		params["kinds"] = kindNames(graph.EntityKinds)
	}
	return pathQueries[sourceOf(f, q.LinksPerNode)], params
}

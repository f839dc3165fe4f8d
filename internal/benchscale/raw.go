package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/entitygraph/entitygraph/graph"
	neo4jstore "github.com/entitygraph/entitygraph/graph/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The raw Cypher of each request (load -raw): one query per request, sent
// straight through the driver in one read transaction, that returns what
// the API answers, read through the same indexes (see
// graph/neo4j/linkwrite.go for the model). It is what a Neo4j user would
// write by hand for the question, and what the API's answer is timed
// against: the target is the API within 2x of it.
//
// Each query is checked once against the API's answer before timing (the
// "same answer" column): the nodes and the edges with their counts for a
// neighborhood, the entities in order for a search, the path with its
// nodes and edges, the counts for /stats, the statement ids for an
// evidence page.

// ringOf returns the Cypher of one entity's k heaviest neighbors
// (weight, then id; k a parameter or a number, as LIMIT takes no
// variable): k entries of the indexes link_out and link_in per kind,
// merged. It binds other and rank (the negated weight) for the entity id
// bound to a.
func ringOf(a, k string) string {
	return `
  WITH ` + a + ` AS a
  UNWIND ['person', 'organization', 'country'] AS kind
  CALL (a, kind) {
    MATCH ()-[l:LINK]->() USING INDEX l:LINK(source, target_kind, rank, target)
    WHERE l.source = a AND l.target_kind = kind AND l.rank IS NOT NULL AND l.target IS NOT NULL
    WITH DISTINCT l.source AS end, l.target_kind AS k, l.rank AS rank, l.target AS other
    ORDER BY end, k, rank, other LIMIT ` + k + `
    RETURN other, rank
    UNION
    MATCH ()-[l:LINK]->() USING INDEX l:LINK(target, source_kind, rank, source)
    WHERE l.target = a AND l.source_kind = kind AND l.rank IS NOT NULL AND l.source IS NOT NULL
    WITH DISTINCT l.target AS end, l.source_kind AS k, l.rank AS rank, l.source AS other
    ORDER BY end, k, rank, other LIMIT ` + k + `
    RETURN other, rank
  }
  WITH other, rank ORDER BY rank, other LIMIT ` + k
}

// keptRing returns the Cypher of one entity's k heaviest neighbors, k at
// most 32, from the list each entity keeps of its 32 heaviest
// (near_ids and near_weights, heaviest first). It binds other and rank
// (the negated weight) for the entity id bound to a.
func keptRing(a, k string) string {
	return `
  MATCH (n:Entity {id: ` + a + `})
  UNWIND range(0, size(coalesce(n.near_ids, [])[0..` + k + `]) - 1) AS j
  WITH n.near_ids[j] AS other, -n.near_weights[j] AS rank`
}

// rawNeighborhood answers GET /entities/{id}/neighborhood?depth=1|2 with
// the default limit: ring 1 is the root's $k1 heaviest neighbors; ring 2
// (when $k2 > 0) the $slots best-linked new neighbors of ring 1, each
// node of ring 1 read $k2 deep: as deep as graph.Neighborhood may have
// to read (the limit), since one query cannot stop early where the API
// reads a little of each list first and further only where a list could
// still hold a better neighbor. The edges (graph.Neighborhood): each
// node's heaviest link to the ring before (ties: that node's least id);
// then, of the other links of ring 1 to ring 2 that rank with the nodes
// picked and of each node's 4 heaviest links inside the answer (from the
// list kept on it, keptRing), the heaviest, until graph.EdgeBudget pairs in all; then the LINKs of those
// pairs (with the count, dates, role and sample an edge shows) and the
// nodes.
var rawNeighborhood = `
MATCH (root:Entity {id: $id})
CALL (root) {` + ringOf("root.id", "$k1") + `
  RETURN collect(other) AS ring1
}
WITH root.id AS root, ring1, [root.id] + ring1 AS ids
CALL (ring1, ids) {
  UNWIND CASE WHEN $k2 > 0 THEN ring1 ELSE [] END AS f
  CALL (f) {` + ringOf("f", "$k2") + `
    RETURN other, rank
  }
  WITH f, other, rank WHERE NOT other IN ids
  WITH collect({f: f, other: other, rank: rank}) AS cands
  CALL (cands) {
    UNWIND cands AS c
    WITH c.other AS other, min(c.rank) AS rank ORDER BY rank, other
    RETURN collect({other: other, rank: rank})[0..$slots] AS picked
  }
  WITH cands, picked, last(picked) AS bar
  WITH picked, [c IN cands WHERE bar IS NOT NULL AND (c.rank < bar.rank OR (c.rank = bar.rank AND c.other <= bar.other))
       AND any(p IN picked WHERE p.other = c.other)] AS links
  CALL (links) {
    UNWIND links AS c
    WITH c ORDER BY c.rank, c.f
    WITH c.other AS other, collect(c.f)[0] AS f
    RETURN collect([f, other]) AS grown2
  }
  RETURN [p IN picked | p.other] AS ring2, grown2,
    [c IN links WHERE NOT [c.f, c.other] IN grown2 | [CASE WHEN c.f < c.other THEN [c.f, c.other] ELSE [c.other, c.f] END, c.rank]] AS offered2
}
WITH ids + ring2 AS ids, [o IN ring1 | [root, o]] + grown2 AS grown, offered2
WITH ids, [g IN grown | CASE WHEN g[0] < g[1] THEN g ELSE [g[1], g[0]] END] AS grown, offered2
CALL (ids, grown, offered2) {
  CALL (ids, offered2) {
    UNWIND ids AS a
    CALL (a) {` + keptRing("a", "4") + `
      RETURN other, rank
    }
    WITH CASE WHEN a < other THEN [a, other] ELSE [other, a] END AS p, rank
    WHERE p[1] IN ids AND p[0] IN ids
    RETURN p, rank
    UNION
    UNWIND offered2 AS o
    RETURN o[0] AS p, o[1] AS rank
  }
  WITH p, rank WHERE NOT p IN grown
  WITH DISTINCT p, rank ORDER BY rank, p[0], p[1]
  RETURN collect(p) AS offered
}
WITH ids, grown + offered[0..(3 * size(ids) / 2 - size(grown))] AS pairs
CALL (pairs) {
  UNWIND pairs AS p
  UNWIND [[p[0], p[1]], [p[1], p[0]]] AS e
  MATCH ()-[l:LINK]->() USING INDEX l:LINK(source, target)
  WHERE l.source = e[0] AND l.target = e[1]
  RETURN collect([l.type, l.source, l.target, l.count, l.first, l.last, l.role, l.sample]) AS edges
}
CALL (ids) {
  UNWIND ids AS id
  MATCH (e:Entity {id: id})
  RETURN collect(e {.id, .kind, .name, .mentions, .degree}) AS nodes
}
RETURN [n IN nodes | n.id] AS nodes, edges`

// rawSearch answers GET /entities?q=: the full-text index, then the
// order of the API (exact name, mentions, id), one page of entities with
// the properties the API shows.
const rawSearch = `
CALL db.index.fulltext.queryNodes('entity_search', $lucene) YIELD node AS e
WITH e ORDER BY e.slug = $exact DESC, e.mentions DESC, e.id LIMIT 51
RETURN collect(e.id), collect(e {.id, .kind, .name, .aliases, .mentions, .documents, .first_seen, .last_seen})`

// The raw Cypher of GET /paths is the store's own query
// (neo4jstore.PathCypher): the API's bounded search (graph.Path: both ends,
// each entity's graph.PathLinksPerNode heaviest links, rings cut at
// graph.PathRingNodes, ties by id) written out ring by ring, with the
// path's links and entities. A hand-written query that answers the same
// is that query again; Cypher's shortestPath over every LINK finds
// connections through light links that the API does not. Its row: the
// path, the entities, the links.

// rawStats answers GET /stats from the count store and the index
// document_date, as the API does.
const rawStats = `
RETURN COUNT { (:Document) } AS documents, COUNT { (:Statement) } AS statements,
  COUNT { (:Person) } AS persons, COUNT { (:Organization) } AS organizations, COUNT { (:Country) } AS countries,
  COUNT { ()-[:STATED]->() } AS stated, COUNT { ()-[:ABOUT]->() } AS about,
  COUNT { ()-[:REPORTED_BY]->() } AS reported, COUNT { ()-[:MENTIONED_IN]->() } AS mentioned,
  COLLECT { MATCH (d:Document) WHERE d.date IS NOT NULL RETURN d.date ORDER BY d.date LIMIT 1 } AS first,
  COLLECT { MATCH (d:Document) WHERE d.date IS NOT NULL RETURN d.date ORDER BY d.date DESC LIMIT 1 } AS last`

// rawEvidence answers GET /statements?about=: the first page, newest
// first, each statement with its text, speaker, entities, outlets and
// document, as the API shows them; read newest first from the index
// about_order as far as the page goes (see graph/neo4j's createStatements).
const rawEvidence = `
MATCH (s:Statement)-[r:ABOUT]->(:Entity) USING INDEX r:ABOUT(anchor, rank, sid)
WHERE r.anchor = $about AND r.rank IS NOT NULL AND r.sid IS NOT NULL
WITH s ORDER BY r.anchor, r.rank, r.sid LIMIT 51
MATCH (speaker:Entity)-[:STATED]->(s)-[:IN]->(d:Document)
RETURN collect(s.id), collect([s {.id, .document_id, .text, .quote, .cue, .date, .start, .end},
  speaker {.id, .kind, .name}, d {.id, .title, .date, .source, .url},
  COLLECT { MATCH (s)-[r:ABOUT]->(e:Entity) WITH r, e ORDER BY r.idx RETURN e {.id, .kind, .name} },
  COLLECT { MATCH (s)-[r:REPORTED_BY]->(e:Entity) WITH r, e ORDER BY r.idx RETURN e {.id, .kind, .name} }])`

// rawQuery is one request's raw Cypher and how to tell whether it
// answers what the API did.
type rawQuery struct {
	cypher string
	params map[string]any
	// same compares the raw answer (the query's one row) with the API's
	// JSON answer: "" when they agree, else what differs.
	same func(raw []any, api []byte) string
}

// rawFor returns the raw Cypher of the API request u, or false when the
// benchmark has none for it.
func rawFor(u string) (rawQuery, bool) {
	path, query, _ := strings.Cut(u[strings.Index(u, "/api/v1")+len("/api/v1"):], "?")
	q := parseQuery(query)
	switch {
	case strings.HasSuffix(path, "/neighborhood"):
		id := unescape(strings.TrimSuffix(strings.TrimPrefix(path, "/entities/"), "/neighborhood"))
		depth := q["depth"]
		k2 := 0
		if depth == "2" {
			k2 = -1 // set from ring 1 below
		}
		return rawQuery{cypher: rawNeighborhood, params: map[string]any{"id": id, "k1": graph.DefaultNodeLimit - 1,
			"k2": k2, "limit": graph.DefaultNodeLimit}, same: sameSubgraph}, true
	case path == "/entities" && q["q"] != "":
		words, err := graph.SearchWords(q["q"])
		if err != nil || len(words) == 0 {
			return rawQuery{}, false
		}
		lucene := strings.Join(words, " AND ") + "*"
		return rawQuery{cypher: rawSearch, params: map[string]any{"lucene": lucene, "exact": graph.Slug(q["q"])}, same: sameSearch}, true
	case path == "/paths":
		depth := graph.DefaultPathDepth
		if d, err := strconv.Atoi(q["max_depth"]); err == nil {
			depth = d
		}
		cypher, params := neo4jstore.PathCypher(graph.PathQuery{From: q["from"], To: q["to"], MaxDepth: depth,
			LinksPerNode: graph.PathLinksPerNode, RingNodes: graph.PathRingNodes})
		return rawQuery{cypher: cypher, params: params, same: samePath}, true
	case path == "/stats":
		return rawQuery{cypher: rawStats, params: map[string]any{}, same: sameStats}, true
	case path == "/statements" && q["about"] != "":
		return rawQuery{cypher: rawEvidence, params: map[string]any{"about": q["about"]}, same: sameEvidence}, true
	}
	return rawQuery{}, false
}

// ringSizes sets the parameters of a raw neighborhood that depend on its
// ring 1: $slots (the nodes left for ring 2) and $k2 (how deep each list
// of ring 1 is read: the limit at depth 2 when there are slots, else 0).
func ringSizes(ctx context.Context, sess neo4j.SessionWithContext, q *rawQuery) error {
	if q.cypher != rawNeighborhood {
		return nil
	}
	n, err := neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) (int, error) {
		r, err := tx.Run(ctx, `MATCH (root:Entity {id: $id}) CALL (root) {`+ringOf("root.id", "$k1")+
			` RETURN count(*) AS n } RETURN n`, q.params)
		if err != nil {
			return 0, err
		}
		rec, err := r.Single(ctx)
		if err != nil {
			return 0, err
		}
		return int(rec.Values[0].(int64)), nil
	})
	if err != nil {
		return err
	}
	slots := graph.DefaultNodeLimit - 1 - n
	q.params["slots"] = max(slots, 0)
	if q.params["k2"] == -1 && n > 0 && slots > 0 {
		q.params["k2"] = graph.DefaultNodeLimit
	} else {
		q.params["k2"] = 0
	}
	return nil
}

// runRaw runs q in one read transaction and returns its one row.
func runRaw(ctx context.Context, sess neo4j.SessionWithContext, q rawQuery) ([]any, error) {
	return neo4j.ExecuteRead(ctx, sess, func(tx neo4j.ManagedTransaction) ([]any, error) {
		r, err := tx.Run(ctx, q.cypher, q.params)
		if err != nil {
			return nil, err
		}
		rec, err := r.Single(ctx)
		if err != nil {
			return nil, err
		}
		return rec.Values, nil
	})
}

func sameSubgraph(raw []any, api []byte) string {
	var sg graph.Subgraph
	if err := json.Unmarshal(api, &sg); err != nil {
		return err.Error()
	}
	var apiNodes, rawNodes, apiEdges, rawEdges []string
	for _, n := range sg.Nodes {
		apiNodes = append(apiNodes, n.ID)
	}
	for _, e := range sg.Edges {
		apiEdges = append(apiEdges, fmt.Sprintf("%s %s %s %d", e.Type, e.Source, e.Target, e.Count))
	}
	for _, v := range raw[0].([]any) {
		rawNodes = append(rawNodes, v.(string))
	}
	for _, v := range raw[1].([]any) {
		e := v.([]any)
		rawEdges = append(rawEdges, fmt.Sprintf("%s %s %s %d", e[0], e[1], e[2], e[3]))
	}
	return cmpSets("nodes", apiNodes, rawNodes) + cmpSets(" edges", apiEdges, rawEdges)
}

func sameSearch(raw []any, api []byte) string {
	var page graph.EntityPage
	if err := json.Unmarshal(api, &page); err != nil {
		return err.Error()
	}
	var ids []string
	for _, e := range page.Entities {
		ids = append(ids, e.ID)
	}
	var got []string
	for _, v := range raw[0].([]any) {
		got = append(got, v.(string))
	}
	got = got[:min(len(got), len(ids))]
	if !slices.Equal(ids, got) {
		return fmt.Sprintf("entities differ (%d vs %d)", len(ids), len(got))
	}
	return ""
}

func samePath(raw []any, api []byte) string {
	var p graph.PathResult
	if err := json.Unmarshal(api, &p); err != nil {
		return err.Error()
	}
	order := []string{}
	for _, v := range list(raw[0]) {
		order = append(order, v.(string))
	}
	if !slices.Equal(order, p.Order) {
		return fmt.Sprintf("path %v vs %v", p.Order, order)
	}
	var nodes []any
	for _, v := range list(raw[1]) {
		nodes = append(nodes, v.(map[string]any)["id"])
	}
	return sameSubgraph([]any{nodes, raw[2]}, api)
}

// list reads a list column, nil as empty.
func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func sameStats(raw []any, api []byte) string {
	var st graph.Stats
	if err := json.Unmarshal(api, &st); err != nil {
		return err.Error()
	}
	want := []int{st.Documents, st.Statements, st.ByKind[graph.KindPerson], st.ByKind[graph.KindOrganization],
		st.ByKind[graph.KindCountry], st.Edges["STATED"], st.Edges["ABOUT"], st.Edges["REPORTED_BY"], st.Edges["MENTIONED_IN"]}
	for i, w := range want {
		if int(raw[i].(int64)) != w {
			return fmt.Sprintf("count %d: %d vs %d", i, w, raw[i])
		}
	}
	return ""
}

func sameEvidence(raw []any, api []byte) string {
	var page graph.StatementPage
	if err := json.Unmarshal(api, &page); err != nil {
		return err.Error()
	}
	var ids, got []string
	for _, s := range page.Statements {
		ids = append(ids, s.ID)
	}
	for _, v := range raw[0].([]any) {
		got = append(got, v.(string))
	}
	got = got[:min(len(got), len(ids))]
	if !slices.Equal(ids, got) {
		return "statements differ"
	}
	return ""
}

// cmpSets says how two sets of strings differ, "" when they do not.
func cmpSets(what string, a, b []string) string {
	in := map[string]int{}
	for _, s := range a {
		in[s] |= 1
	}
	for _, s := range b {
		in[s] |= 2
	}
	onlyA, onlyB := 0, 0
	for _, v := range in {
		switch v {
		case 1:
			onlyA++
		case 2:
			onlyB++
		}
	}
	if onlyA == 0 && onlyB == 0 {
		return ""
	}
	return fmt.Sprintf("%s: %d only in the API, %d only in raw;", what, onlyA, onlyB)
}

// rawBench times raw Cypher on the Neo4j the server reads.
type rawBench struct {
	driver neo4j.DriverWithContext
	client *http.Client
	dbpid  int
}

func openRaw(ctx context.Context, uri string, dbpid int) (*rawBench, error) {
	auth := neo4j.NoAuth()
	if u := os.Getenv("NEO4J_USERNAME"); u != "" {
		auth = neo4j.BasicAuth(u, os.Getenv("NEO4J_PASSWORD"), "")
	}
	d, err := neo4j.NewDriverWithContext(uri, auth)
	if err != nil {
		return nil, err
	}
	if err := d.VerifyConnectivity(ctx); err != nil {
		return nil, err
	}
	return &rawBench{driver: d, client: &http.Client{}, dbpid: dbpid}, nil
}

func (b *rawBench) close(ctx context.Context) { _ = b.driver.Close(ctx) }

func (b *rawBench) session(ctx context.Context) neo4j.SessionWithContext {
	return b.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: neo4j.AccessModeRead, DatabaseName: os.Getenv("NEO4J_DATABASE"), FetchSize: neo4j.FetchAll})
}

// row times the raw Cypher of r's requests as api was timed and returns
// the columns that follow the API's; "n/a" when the benchmark has no raw
// query for r.
func (b *rawBench) row(ctx context.Context, r request, clients int, d time.Duration, api result) string {
	queries := make([]rawQuery, len(r.urls))
	verdict := ""
	for i, u := range r.urls {
		q, ok := rawFor(u)
		if !ok {
			return " n/a | | | | " + api.perRequest(api.dbCPU) + " / | |"
		}
		sess := b.session(ctx)
		err := ringSizes(ctx, sess, &q)
		var got []any
		if err == nil {
			got, err = runRaw(ctx, sess, q)
		}
		sess.Close(ctx)
		if err != nil {
			return fmt.Sprintf(" error: %v | | | | | |", err)
		}
		queries[i] = q
		if i < 10 { // the check costs an API request each
			body, err := getBody(ctx, b.client, u)
			if err != nil {
				return fmt.Sprintf(" error: %v | | | | | |", err)
			}
			if diff := q.same(got, body); diff != "" && verdict == "" {
				verdict = fmt.Sprintf("no (%s)", diff)
			}
		}
	}
	if verdict == "" {
		verdict = "yes"
	}
	cpu := procCPU(b.dbpid)
	res, err := hammer(ctx, len(queries), clients, d, func(ctx context.Context, i int) (int64, error) {
		sess := b.session(ctx)
		defer sess.Close(ctx)
		_, err := runRaw(ctx, sess, queries[i])
		return 0, err
	})
	res.dbCPU = procCPU(b.dbpid) - cpu
	if err != nil {
		return fmt.Sprintf(" error: %v | | | | | |", err)
	}
	return fmt.Sprintf(" %s | %s | %.0f | %.1f | %s / %s | %s |", ms(res.p50), ms(res.p99), res.rps,
		float64(api.p50)/float64(res.p50), api.perRequest(api.dbCPU), res.perRequest(res.dbCPU), verdict)
}

func getBody(ctx context.Context, client *http.Client, u string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	return io.ReadAll(res.Body)
}

// parseQuery reads a URL's query into single values.
func parseQuery(q string) map[string]string {
	out := map[string]string{}
	v, _ := url.ParseQuery(q)
	for k := range v {
		out[k] = v.Get(k)
	}
	return out
}

func unescape(s string) string {
	u, err := url.PathUnescape(s)
	if err != nil {
		return s
	}
	return u
}

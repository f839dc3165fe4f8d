package neo4j

import (
	"context"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Projections: the properties the API shows, picked by name so that
// element ids and bookkeeping (hash, date bounds) never leave the store.
const (
	entityMap = `{.id, .kind, .name, .aliases, .mentions, .documents, .first_seen, .last_seen}`
	refMap    = `{.id, .kind, .name}`
	docRefMap = `{.id, .title, .date, .source, .url}`

	// statementTail completes a query that has bound s to statements: it
	// adds the speaker (null for an unattributed statement), the about
	// and reported_by entities in the order they were extracted, and the
	// document.
	statementTail = `
OPTIONAL MATCH (speaker:Entity)-[:STATED]->(s)
MATCH (s)-[:IN]->(d:Document)
CALL (s) {
  OPTIONAL MATCH (s)-[r:ABOUT]->(e:Entity)
  WITH r, e ORDER BY r.idx
  RETURN collect(e ` + refMap + `) AS about
}
CALL (s) {
  OPTIONAL MATCH (s)-[r:REPORTED_BY]->(e:Entity)
  WITH r, e ORDER BY r.idx
  RETURN collect(e ` + refMap + `) AS outlets
}
RETURN s {.id, .document_id, .text, .quote, .cue, .date, .start, .end} AS s,
       speaker ` + refMap + ` AS speaker, about, outlets, d ` + docRefMap + ` AS doc`

	// inTimeRange keeps statements whose date overlaps [$lo, $hi]; an
	// undated statement has no bounds and drops out once an end is set.
	inTimeRange = `($lo IS NULL OR s.date_last >= $lo) AND ($hi IS NULL OR s.date_first <= $hi)`
)

// Entity returns the entity with this id, or a NotFound error.
func (s *Store) Entity(ctx context.Context, id string) (graph.Entity, error) {
	const op = "neo4j.Entity"
	es, err := s.Entities(ctx, []string{id})
	if err != nil {
		return graph.Entity{}, graph.Wrap(graph.Internal, op, "reading entity "+id, err)
	}
	if len(es) == 0 {
		return graph.Entity{}, graph.Errorf(graph.NotFound, op, "no entity %q", id)
	}
	return es[0], nil
}

// Entities returns the entities with these ids in the order given, leaving
// out unknown ids. It returns an Unavailable error when Neo4j is down.
func (s *Store) Entities(ctx context.Context, ids []string) ([]graph.Entity, error) {
	found, err := read(ctx, s, "neo4j.Entities", func(tx neo4j.ManagedTransaction) (map[string]graph.Entity, error) {
		recs, err := collect(ctx, tx, `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e `+entityMap+` AS e`, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		found := make(map[string]graph.Entity, len(recs))
		for _, r := range recs {
			e := entityFrom(r.Values[0])
			found[e.ID] = e
		}
		return found, nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]graph.Entity, 0, len(found))
	for _, id := range ids {
		if e, ok := found[id]; ok {
			out = append(out, e)
		}
	}
	return out, nil
}

// SearchEntities finds entities by name or alias in the search language of
// graph.SearchWords: every word of q.Text must match a word of the name or
// an alias, the last as a prefix, in any case and with or without accents.
// The full-text index finds the words it holds; the English stop words its
// analyzer leaves out ("of", "and", "the"), and a last word that may begin
// one, are matched by a regular expression on the names instead (alone,
// they scan every entity). An exact name match comes first, then more
// mentions, then id. Empty text lists every entity, most mentioned first.
// It returns an Invalid error naming q, kind, page_size or page_token when
// one is bad.
func (s *Store) SearchEntities(ctx context.Context, q graph.EntityQuery) (graph.EntityPage, error) {
	const op = "neo4j.SearchEntities"
	size, offset, err := q.Page.Normalize()
	if err != nil {
		return graph.EntityPage{}, err
	}
	var kinds any // nil: every kind
	if len(q.Kinds) > 0 {
		ks := make([]string, len(q.Kinds))
		for i, k := range q.Kinds {
			if !k.Valid() {
				return graph.EntityPage{}, graph.InvalidParam(op, "kind", "unknown kind %q (want person, organization or country)", k)
			}
			ks[i] = string(k)
		}
		kinds = ks
	}
	words, err := graph.SearchWords(q.Text)
	if err != nil {
		return graph.EntityPage{}, err
	}
	params := map[string]any{"kinds": kinds, "skip": offset, "limit": size + 1}
	var query string
	if len(words) > 0 {
		indexed, prefix, patterns := splitSearch(words)
		params["patterns"] = patterns
		params["exact"] = graph.Slug(q.Text)
		match := `MATCH (e:Entity)`
		if len(indexed) > 0 {
			params["index"] = searchIndex
			params["lucene"] = luceneQuery(indexed, prefix)
			match = `CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node AS e`
		}
		// Only the conditions the query has: each is evaluated on every
		// match before the sort, and a 2-letter prefix matches thousands.
		var where []string
		if kinds != nil {
			where = append(where, `e.kind IN $kinds`)
		}
		if len(patterns) > 0 {
			where = append(where, `all(p IN $patterns WHERE any(t IN [e.name] + coalesce(e.aliases, []) WHERE toLower(t) =~ p))`)
		}
		if len(where) > 0 {
			match += "\nWHERE " + strings.Join(where, " AND ")
		}
		query = match + `
WITH e ORDER BY e.slug = $exact DESC, e.mentions DESC, e.id SKIP $skip LIMIT $limit
RETURN e ` + entityMap + ` AS e`
	} else if strings.TrimSpace(q.Text) != "" {
		// Only punctuation: nothing can match it.
		return graph.EntityPage{Entities: []graph.Entity{}}, nil
	} else {
		query = `
MATCH (e:Entity)
WHERE $kinds IS NULL OR e.kind IN $kinds
WITH e ORDER BY e.mentions DESC, e.id SKIP $skip LIMIT $limit
RETURN e ` + entityMap + ` AS e`
	}
	recs, err := readRows(ctx, s, op, query, params)
	if err != nil {
		return graph.EntityPage{}, err
	}
	page := graph.EntityPage{Entities: make([]graph.Entity, 0, min(len(recs), size))}
	for i, r := range recs {
		if i == size {
			break
		}
		page.Entities = append(page.Entities, entityFrom(r.Values[0]))
	}
	page.NextPageToken = graph.NextPageToken(offset, size, len(recs) > size)
	return page, nil
}

// stopWords are the words the full-text index's analyzer (standard-folding:
// Lucene's English stop words) leaves out of the index, so that a query
// for them through the index finds nothing.
var stopWords = []string{"a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
	"no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was",
	"will", "with"}

// splitSearch splits the words of a query into those the index can find
// and, for the others, regular expressions that a lower-cased name or alias
// must match in full: a stop word as a whole word, and a last word that a
// stop word begins with as a prefix ("o" must find "of" as SQLite's index
// does). prefix says whether the last indexed word is the query's last,
// to be matched as a prefix.
func splitSearch(words []string) (indexed []string, prefix bool, patterns []string) {
	const notWord = `[^\p{L}\p{N}]`
	for i, w := range words {
		last := i == len(words)-1
		stop := slices.Contains(stopWords, w)
		if last && slices.ContainsFunc(stopWords, func(s string) bool { return strings.HasPrefix(s, w) }) {
			patterns = append(patterns, `(?s)(.*`+notWord+`)?`+regexp.QuoteMeta(w)+`.*`)
			continue
		}
		if stop {
			patterns = append(patterns, `(?s)(.*`+notWord+`)?`+regexp.QuoteMeta(w)+`(`+notWord+`.*)?`)
			continue
		}
		indexed = append(indexed, w)
		prefix = last
	}
	return indexed, prefix, patterns
}

// luceneQuery requires every word, the last as a prefix when prefix is
// set. Words are escaped although graph.SearchWords leaves only letters
// and digits: the query language must never see user input as syntax.
func luceneQuery(words []string, prefix bool) string {
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = escapeLucene(w)
		if prefix && i == len(words)-1 {
			parts[i] += "*"
		}
	}
	return strings.Join(parts, " AND ")
}

// escapeLucene backslash-escapes every character that Lucene's classic
// query parser treats as syntax, and quotes the operator words.
func escapeLucene(s string) string {
	switch s {
	case "and", "or", "not", "to":
		return `\` + s
	}
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\+-!():^[]"{}~*?|&/`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Statement returns one statement with its entities and its document, or
// a NotFound error.
func (s *Store) Statement(ctx context.Context, id string) (graph.Statement, error) {
	const op = "neo4j.Statement"
	recs, err := readRows(ctx, s, op, `MATCH (s:Statement {id: $id})`+statementTail, map[string]any{"id": id})
	if err != nil {
		return graph.Statement{}, err
	}
	if len(recs) == 0 {
		return graph.Statement{}, graph.Errorf(graph.NotFound, op, "no statement %q", id)
	}
	return statementFrom(recs[0]), nil
}

// Statements lists the statements that match every filter set in q,
// newest first (undated last), then by id. An unknown entity or document
// id matches nothing. It returns an Invalid error naming page_size or page_token when
// one is bad.
func (s *Store) Statements(ctx context.Context, q graph.StatementQuery) (graph.StatementPage, error) {
	const op = "neo4j.Statements"
	size, offset, err := q.Page.Normalize()
	if err != nil {
		return graph.StatementPage{}, err
	}
	lo, hi := q.Time.Bounds()
	params := map[string]any{
		"speaker": q.Speaker, "about": q.About, "outlet": q.Outlet, "document": q.Document,
		"lo": nullable(lo), "hi": nullable(hi), "to_rank": toRank(hi), "skip": offset, "limit": size + 1,
	}
	// Start from the most selective anchor the query has, so that Neo4j
	// walks edges from one node instead of scanning every statement, in
	// the order of the page: an entity's statements come newest first
	// from its edges' index (about_order, …), every statement's from
	// statement_order, so that Neo4j reads as far as the page goes, plus
	// the statements the other filters drop, not all of them. The other
	// filters become pattern predicates (the anchor's own would be a
	// subquery per statement, for nothing), and the time range a
	// condition only when it has an end; the index is read from the
	// newest statement the range's end lets in (toRank).
	var match, order string
	var where []string
	switch {
	case q.Speaker != "":
		match, order = anchoredBy("(:Entity)-[r:STATED]->(s:Statement)", "STATED", "$speaker")
	case q.Document != "":
		match, order = `MATCH (s:Statement)-[:IN]->(:Document {id: $document}) WHERE true`, `s.date IS NULL, s.date DESC, s.id`
	case q.About != "":
		match, order = anchoredBy("(s:Statement)-[r:ABOUT]->(:Entity)", "ABOUT", "$about")
	case q.Outlet != "":
		match, order = anchoredBy("(s:Statement)-[r:REPORTED_BY]->(:Entity)", "REPORTED_BY", "$outlet")
	default:
		match = `MATCH (s:Statement) USING INDEX s:Statement(rank, id)
WHERE s.rank >= $to_rank AND s.id IS NOT NULL`
		order = `s.rank, s.id`
	}
	if q.Document != "" && q.Speaker != "" {
		where = append(where, `s.document_id = $document`)
	}
	if q.About != "" && (q.Speaker != "" || q.Document != "") {
		where = append(where, `EXISTS { (s)-[:ABOUT]->(:Entity {id: $about}) }`)
	}
	if q.Outlet != "" && (q.Speaker != "" || q.Document != "" || q.About != "") {
		where = append(where, `EXISTS { (s)-[:REPORTED_BY]->(:Entity {id: $outlet}) }`)
	}
	if lo != "" || hi != "" {
		where = append(where, inTimeRange)
	}
	query := match
	for _, w := range where {
		query += "\nAND " + w
	}
	query += `
WITH s ORDER BY ` + order + ` SKIP $skip LIMIT $limit` + statementTail + `
ORDER BY s.date IS NULL, s.date DESC, s.id`
	recs, err := readRows(ctx, s, op, query, params)
	if err != nil {
		return graph.StatementPage{}, err
	}
	page := graph.StatementPage{Statements: make([]graph.Statement, 0, min(len(recs), size))}
	for i, r := range recs {
		if i == size {
			break
		}
		page.Statements = append(page.Statements, statementFrom(r))
	}
	page.NextPageToken = graph.NextPageToken(offset, size, len(recs) > size)
	return page, nil
}

// anchoredBy returns the MATCH of the statements whose edge of type
// (STATED, ABOUT or REPORTED_BY; pattern binds it to r) ends at the
// entity param, read from the edges' index in page order from rank
// $to_rank on (see toRank), and that order.
func anchoredBy(pattern, edge, param string) (match, order string) {
	return "MATCH " + pattern + " USING INDEX r:" + edge + `(anchor, rank, sid)
WHERE r.anchor = ` + param + ` AND r.rank >= $to_rank AND r.sid IS NOT NULL`, `r.anchor, r.rank, r.sid`
}

// toRank is the least rank (see dateRank) of a statement that can
// start on or before hi, a day, so that a range read from an index in
// rank order starts there, and an old range does not read every newer
// statement: a statement dated by a month or a year starts on its first
// day, and its number (00 for the day or month it does not give) is at
// most hi's exactly when that day is. Without hi it is the least rank
// there is.
func toRank(hi string) int {
	if hi == "" {
		return math.MinInt64
	}
	return dateRank(hi)
}

// Document returns one document with its text, or a NotFound error.
func (s *Store) Document(ctx context.Context, id string) (graph.Document, error) {
	const op = "neo4j.Document"
	recs, err := readRows(ctx, s, op, `
OPTIONAL MATCH (c:Copy {id: $id})
WITH c, coalesce(c.canonical_id, $id) AS doc
MATCH (d:Document {id: doc})
CALL (d) {
  MATCH (k:Copy) WHERE k.canonical_id = d.id AND k.rank IS NOT NULL
  WITH k ORDER BY k.rank LIMIT $max
  RETURN collect(k {.id, .title, .date, .source, .url, .outlet_id, .outlet_kind, .outlet_name}) AS copies
}
RETURN d {.id, .title, .date, .source, .url, .text, .bytes, .statements, .copies},
       c {.id, .title, .date, .source, .url, .outlet_id, .outlet_kind, .outlet_name}, copies`,
		map[string]any{"id": id, "max": graph.MaxDocumentCopies})
	if err != nil {
		return graph.Document{}, err
	}
	if len(recs) == 0 {
		return graph.Document{}, graph.Errorf(graph.NotFound, op, "no document %q", id)
	}
	d := documentFrom(recs[0].Values[0])
	if recs[0].Values[1] != nil {
		c := copyFrom(recs[0].Values[1])
		d.RequestedCopy = &c
	}
	for _, v := range list(recs[0].Values[2]) {
		d.Copies = append(d.Copies, copyFrom(v))
	}
	// collect keeps the order of the index, which graph.SortCopies
	// states (Neo4j gave the copies of an open transaction out of order).
	graph.SortCopies(d.Copies)
	return d, nil
}

// Documents lists documents without their text, newest date first (undated
// last), then by id. It returns an Invalid error naming page_size or
// page_token when one is bad.
func (s *Store) Documents(ctx context.Context, q graph.DocumentQuery) (graph.DocumentPage, error) {
	const op = "neo4j.Documents"
	size, offset, err := q.Page.Normalize()
	if err != nil {
		return graph.DocumentPage{}, err
	}
	// Read from the index document_order in page order (see dateRank):
	// as far as the page goes, not every document sorted.
	recs, err := readRows(ctx, s, op, `
MATCH (d:Document) USING INDEX d:Document(rank, id)
WHERE d.rank IS NOT NULL AND d.id IS NOT NULL
WITH d ORDER BY d.rank, d.id SKIP $skip LIMIT $limit
RETURN d {.id, .title, .date, .source, .url, .bytes, .statements, .copies}`,
		map[string]any{"skip": offset, "limit": size + 1})
	if err != nil {
		return graph.DocumentPage{}, err
	}
	page := graph.DocumentPage{Documents: make([]graph.Document, 0, min(len(recs), size))}
	for i, r := range recs {
		if i == size {
			break
		}
		page.Documents = append(page.Documents, documentFrom(r.Values[0]))
	}
	page.NextPageToken = graph.NextPageToken(offset, size, len(recs) > size)
	return page, nil
}

// Stats counts what the store holds, as graph/sqlite does: Edges has
// every edge type of the stored graph (zero included), each standing
// relation counted once per (type, source, target) however many documents
// state it; the dates are those of the first and last dated document. It
// reads counts kept on write, whatever the size of the graph: nodes per
// label and relationships per type from Neo4j's count store, standing
// relations from the Counters node, the dates from both ends of the index
// document_date. It returns an Unavailable error when Neo4j is down.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	const op = "neo4j.Stats"
	const query = `
CALL () { MATCH (d:Document) RETURN count(d) AS documents }
CALL () {
  MATCH (d:Document) WHERE d.date IS NOT NULL
  WITH d.date AS date ORDER BY date LIMIT 1
  RETURN collect(date) AS first
}
CALL () {
  MATCH (d:Document) WHERE d.date IS NOT NULL
  WITH d.date AS date ORDER BY date DESC LIMIT 1
  RETURN collect(date) AS last
}
CALL () { MATCH (s:Statement) RETURN count(s) AS statements }
CALL () { MATCH (e:Person) RETURN count(e) AS persons }
CALL () { MATCH (e:Organization) RETURN count(e) AS organizations }
CALL () { MATCH (e:Country) RETURN count(e) AS countries }
CALL () { MATCH ()-[r:STATED]->() RETURN count(r) AS stated }
CALL () { MATCH ()-[r:ABOUT]->() RETURN count(r) AS about }
CALL () { MATCH ()-[r:REPORTED_BY]->() RETURN count(r) AS reported }
CALL () { MATCH ()-[r:IN]->() RETURN count(r) AS in }
CALL () { MATCH ()-[r:MENTIONED_IN]->() RETURN count(r) AS mentioned }
CALL () {
  OPTIONAL MATCH (c:Counters {id: $id})
  RETURN [coalesce(c.AFFILIATED_WITH, 0), coalesce(c.PART_OF, 0), coalesce(c.BASED_IN, 0)] AS standing
}
RETURN documents, head(first), head(last), statements, persons, organizations, countries,
       stated, about, reported, in, mentioned, standing`
	rec, err := read(ctx, s, op, func(tx neo4j.ManagedTransaction) (*neo4j.Record, error) {
		return single(ctx, tx, query, map[string]any{"id": countersID})
	})
	if err != nil {
		return graph.Stats{}, err
	}
	v := rec.Values
	st := graph.Stats{
		Documents: integer(v[0]), FirstDate: str(v[1]), LastDate: str(v[2]), Statements: integer(v[3]),
		ByKind: map[graph.Kind]int{
			graph.KindPerson: integer(v[4]), graph.KindOrganization: integer(v[5]), graph.KindCountry: integer(v[6]),
		},
		Edges: map[string]int{
			string(graph.RelStated): integer(v[7]), string(graph.RelAbout): integer(v[8]),
			string(graph.RelReportedBy): integer(v[9]), "IN": integer(v[10]), "MENTIONED_IN": integer(v[11]),
		},
	}
	st.Entities = st.ByKind[graph.KindPerson] + st.ByKind[graph.KindOrganization] + st.ByKind[graph.KindCountry]
	for i, n := range list(v[12]) {
		st.Edges[string(standingTypes[i])] = integer(n)
	}
	return st, nil
}

// collect runs a query and returns all its rows.
func collect(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) ([]*neo4j.Record, error) {
	r, err := tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	return r.Collect(ctx)
}

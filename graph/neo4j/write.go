package neo4j

import (
	"context"
	"errors"
	"maps"
	"slices"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The write of a group of documents with distinct ids, in the order the
// transaction runs them. Each is one round trip whatever the number of
// documents and rows: rows go in as one list parameter and UNWIND spreads
// them; a row of a document's part carries the document id as doc.
const (
	// claimDocuments locks the document nodes for the rest of the
	// transaction (SET takes a write lock), so that two processes writing
	// the same document run one after the other; the second then finds
	// the first's hash and changes nothing. A document without a hash is
	// new: the transaction that created it would have set one.
	claimDocuments = `
UNWIND $ids AS id
MERGE (d:Document {id: id})
ON CREATE SET d.seq = timestamp()
SET d.writing = true
REMOVE d.writing
RETURN id, d.hash AS hash, d.linked AS linked, elementId(d) AS node, d.tallied AS tallied, d.raw IS NOT NULL AS has_raw, d.claimed AS claimed`

	// statementClash finds the statement ids of this write that another
	// document already holds: ids hash the document id, so a clash means
	// the caller reused another document's statement id.
	statementClash = `
UNWIND $rows AS row
MATCH (s:Statement {id: row.id})
WHERE s.document_id <> row.doc
RETURN row.doc, s.id, s.document_id`

	// dropContribution removes what an earlier write of one document
	// added, and returns the entities it had named, whose aggregates must
	// be recomputed. Its relations start at one of those entities, so they
	// are found from there and not by scanning every relation.
	dropContribution = `
MATCH (d:Document {id: $id})
OPTIONAL MATCH (s:Statement)-[:IN]->(d)
DETACH DELETE s
WITH DISTINCT d
OPTIONAL MATCH (e:Entity)-[m:MENTIONED_IN]->(d)
CALL (e) {
  OPTIONAL MATCH (e)-[r:AFFILIATED_WITH|PART_OF|BASED_IN {document_id: $id}]->()
  DELETE r
}
DELETE m
RETURN collect(e.id) AS ids`

	// setDocuments writes the documents; linked, tallied and claimed say
	// that their shares are in the link layer, the tally layer and its
	// claims (see migrate.go); raw is the extraction as extraction gave
	// it (see curation.go).
	setDocuments = `
UNWIND $rows AS row
MATCH (d:Document {id: row.doc.id})
SET d += row.doc, d.hash = row.hash, d.linked = true, d.tallied = true, d.claimed = true, d.raw = row.raw`

	// setRawNames keeps, as RAW_NAMES loops on each document, the entity
	// ids its raw extraction names: the documents a correction of one of
	// them rewrites, found through the index raw_names.
	setRawNames = `
UNWIND $rows AS row
MATCH (d:Document) WHERE elementId(d) = row.doc_node
CALL (d) { MATCH (d)-[r:RAW_NAMES]->(d) DELETE r }
FOREACH (id IN row.ids | CREATE (d)-[:RAW_NAMES {entity: id}]->(d))`

	// mergeEntities creates missing entities with their kind label (labels
	// cannot be parameters; the FOREACH picks one) and adds the write's
	// documents to the entity's aggregates: one row per entity, summed
	// over the documents of the write in Go. Adding is exact because the
	// documents' earlier edges, if any, are gone by now and
	// aggregateEntities recomputes the entities they named; it spares the
	// common write, a new document, a read of every other document that
	// names a popular entity. The name stays the one the first written
	// document gave (as in graph/sqlite): a row carries the name of the
	// first document of the write that names the entity.
	mergeEntities = `
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.kind = row.kind, e.name = row.name, e.slug = row.slug, e.aliases = [], e.mentions = 0, e.documents = 0
FOREACH (_ IN CASE WHEN row.kind = 'person' THEN [1] ELSE [] END | SET e:Person)
FOREACH (_ IN CASE WHEN row.kind = 'organization' THEN [1] ELSE [] END | SET e:Organization)
FOREACH (_ IN CASE WHEN row.kind = 'country' THEN [1] ELSE [] END | SET e:Country)
FOREACH (_ IN CASE WHEN row.merged_ids IS NULL THEN [] ELSE [1] END | SET e.merged_ids = row.merged_ids)
SET e.mentions = e.mentions + row.mentions, e.documents = e.documents + row.documents,
    e.first_seen = CASE WHEN row.first IS NULL OR row.first >= e.first_seen THEN e.first_seen ELSE row.first END,
    e.last_seen = CASE WHEN row.last IS NULL OR row.last <= e.last_seen THEN e.last_seen ELSE row.last END
RETURN row.id, elementId(e)`

	// createMentions links each entity to each document of the write that
	// names it. CREATE, not MERGE: the documents are new or their earlier
	// edges are gone (dropContribution), so there is nothing to match, and
	// MERGE would read every MENTIONED_IN of the lighter end.
	createMentions = `
UNWIND $rows AS row
MATCH (d:Document) WHERE elementId(d) = row.doc_node
MATCH (e:Entity) WHERE elementId(e) = row.node
CREATE (e)-[:MENTIONED_IN {count: row.count, aliases: row.aliases, name: row.name, slug: row.slug}]->(d)`

	// mergeAliases adds to each entity the aliases that the documents of
	// the write give it (one row per entity, the union over them). They
	// are only set when they change, since each set rewrites the entity in
	// the full-text index.
	mergeAliases = `
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
CALL (e, row) {
  UNWIND e.aliases + row.aliases AS alias
  WITH DISTINCT alias ORDER BY alias
  RETURN collect(alias) AS aliases
}
WITH e, aliases WHERE aliases <> e.aliases
SET e.aliases = aliases`

	// createStatements writes statements with their edges (an
	// unattributed statement has no speaker: speaker_nodes is empty); idx
	// keeps the order of about and reported_by as extracted; rank orders
	// the statements in the index statement_order, and with anchor and sid
	// each entity's in stated_order, about_order and reported_by_order
	// (see statementRank). CREATE, as for
	// createMentions: a document's earlier statements are gone, and
	// checkStatementIDs made sure no other document holds these ids (the
	// constraint statement_id would refuse one that did).
	createStatements = `
UNWIND $rows AS row
MATCH (d:Document) WHERE elementId(d) = row.doc_node
CREATE (s:Statement)-[:IN]->(d)
SET s = row.props
WITH s, row
CALL (s, row) {
  UNWIND row.speaker_nodes AS node
  MATCH (speaker:Entity) WHERE elementId(speaker) = node
  CREATE (speaker)-[:STATED {anchor: speaker.id, rank: s.rank, sid: s.id}]->(s)
}
CALL (s, row) {
  UNWIND range(0, size(row.about_nodes) - 1) AS i
  MATCH (e:Entity) WHERE elementId(e) = row.about_nodes[i]
  CREATE (s)-[:ABOUT {idx: i, anchor: e.id, rank: s.rank, sid: s.id}]->(e)
}
CALL (s, row) {
  UNWIND range(0, size(row.reported_by_nodes) - 1) AS i
  MATCH (o:Entity) WHERE elementId(o) = row.reported_by_nodes[i]
  CREATE (s)-[:REPORTED_BY {idx: i, anchor: o.id, rank: s.rank, sid: s.id}]->(o)
}`

	// createRelations keeps one edge per document and role that states a
	// relation, so that replacing one document leaves the others' intact;
	// rows are distinct, and created as statements are. (The role is ""
	// when there is none, as the edges written before kept it.)
	createRelations = `
UNWIND $rows AS row
MATCH (a:Entity) WHERE elementId(a) = row.source_node
MATCH (b:Entity) WHERE elementId(b) = row.target_node
FOREACH (_ IN CASE WHEN row.type = 'AFFILIATED_WITH' THEN [1] ELSE [] END |
  CREATE (a)-[:AFFILIATED_WITH {document_id: row.doc, role: row.role}]->(b))
FOREACH (_ IN CASE WHEN row.type = 'PART_OF' THEN [1] ELSE [] END |
  CREATE (a)-[:PART_OF {document_id: row.doc, role: row.role}]->(b))
FOREACH (_ IN CASE WHEN row.type = 'BASED_IN' THEN [1] ELSE [] END |
  CREATE (a)-[:BASED_IN {document_id: row.doc, role: row.role}]->(b))`

	// aggregateEntities recomputes from their MENTIONED_IN edges the
	// aggregates of the entities that an earlier write of the documents
	// named, and deletes the ones no document names any more. The name is
	// the one the earliest written document gave.
	aggregateEntities = `
UNWIND $ids AS id
MATCH (e:Entity {id: id})
OPTIONAL MATCH (e)-[m:MENTIONED_IN]->(d:Document)
WITH e, sum(m.count) AS mentions, count(m) AS documents, min(d.date) AS first, max(d.date) AS last
CALL (e) {
  OPTIONAL MATCH (e)-[m:MENTIONED_IN]->(d:Document)
  WITH m ORDER BY d.seq, d.id
  RETURN head(collect(m.name)) AS name, head(collect(m.slug)) AS slug
}
CALL (e) {
  OPTIONAL MATCH (e)-[m:MENTIONED_IN]->()
  UNWIND coalesce(m.aliases, []) AS alias
  WITH DISTINCT alias ORDER BY alias
  RETURN collect(alias) AS aliases
}
SET e.mentions = mentions, e.documents = documents, e.first_seen = first, e.last_seen = last,
    e.aliases = aliases, e.name = coalesce(name, e.name), e.slug = coalesce(slug, e.slug)
WITH e, documents WHERE documents = 0
DETACH DELETE e`
)

// WriteExtraction writes one document and everything it gave in one
// transaction, replacing what an earlier write of the same document id
// gave, link layer included. The same extraction twice is detected by its
// hash and changes nothing (Unchanged). It returns Invalid or TooLarge
// errors for a bad extraction (see prepare), Unavailable when Neo4j
// cannot be reached, and Conflict when concurrent writers kept colliding
// past the retry budget.
func (s *Store) WriteExtraction(ctx context.Context, x *graph.Extraction) (graph.WriteResult, error) {
	res, err := s.writeExtractions(ctx, "neo4j.WriteExtraction", []*graph.Extraction{x}, runStep)
	if err != nil {
		return graph.WriteResult{}, err
	}
	return res[0], nil
}

// PreferredBatchSize is how many documents ingest writes in one
// transaction (graph.BatchSizer): each step of a write is sent once per
// batch, so larger batches cost the server less per document. Writing the
// 10k-entity wire corpus (5,300 documents) into an empty server took
// 79–81 s at 64 documents per transaction (49–51 documents per second of
// the server's CPU), 71 s at 256 (53) and 55 s at 1,024 (67), at load
// average 1.5–1.7 (`go run ./internal/benchscale write -entities 10000
// -store bolt://... -dbpid PID -batch N`).
func (s *Store) PreferredBatchSize() int { return 1024 }

// WriteExtractions writes xs in one transaction, with the result of
// writing them one by one in order with WriteExtraction: a document that
// comes twice in xs is written, then replaced (or found Unchanged) by its
// later extraction. It sends each step of the write once for all the
// documents, which saves the round trips and the commit per document that
// are most of the cost of a small one. On any error nothing of xs is
// written; it returns the errors of WriteExtraction.
func (s *Store) WriteExtractions(ctx context.Context, xs []*graph.Extraction) ([]graph.WriteResult, error) {
	return s.writeExtractions(ctx, "neo4j.WriteExtractions", xs, runStep)
}

// writeExtractions prepares xs and writes them in one transaction (see
// WriteExtractions), the steps that carry rows through run.
func (s *Store) writeExtractions(ctx context.Context, op string, xs []*graph.Extraction, run runner) ([]graph.WriteResult, error) {
	bs := make([]*batch, len(xs))
	for i, x := range xs {
		b, err := prepare(x)
		if err != nil {
			return nil, err
		}
		bs[i] = b
	}
	if len(bs) == 0 {
		return nil, nil
	}
	return write(ctx, s, op, func(tx neo4j.ManagedTransaction) ([]graph.WriteResult, error) {
		cur, err := s.curation(ctx, tx)
		if err != nil {
			return nil, err
		}
		cbs, err := correctAll(bs, cur)
		if err != nil {
			return nil, err
		}
		return writeDocuments(ctx, tx, cbs, cur, run)
	})
}

// correctAll returns bs as cur corrects them (see corrected).
func correctAll(bs []*batch, cur *graph.Curation) ([]*batch, error) {
	merged := cur.MergedInto()
	out := make([]*batch, len(bs))
	for i, b := range bs {
		cb, err := corrected(b, cur, merged)
		if err != nil {
			return nil, err
		}
		out[i] = cb
	}
	return out, nil
}

// step is one query of a write. Rows names its list parameter, the one
// that UNWIND spreads ("" for none).
type step struct {
	query  string
	params map[string]any
	rows   string
}

// runner runs a step and returns the rows it gives.
type runner func(context.Context, neo4j.ManagedTransaction, step) ([]*neo4j.Record, error)

// runStep runs a step as one query, whatever the number of rows.
func runStep(ctx context.Context, tx neo4j.ManagedTransaction, st step) ([]*neo4j.Record, error) {
	return collect(ctx, tx, st.query, st.params)
}

// writeDocuments writes bs (corrected by cur) in tx in order, as runs of
// documents with distinct ids (a document that comes again starts a new
// run, which then finds the earlier one written), folding syndicated
// copies when they are fingerprinted, and returns their results. It only reads
// bs, so the driver may run it again after a transient error.
func writeDocuments(ctx context.Context, tx neo4j.ManagedTransaction, bs []*batch, cur *graph.Curation, run runner) ([]graph.WriteResult, error) {
	res := make([]graph.WriteResult, len(bs))
	folding := slices.ContainsFunc(bs, func(b *batch) bool { return b.src.Fingerprint != nil })
	for start := 0; start < len(bs); {
		end := start + 1
		ids := map[string]bool{bs[start].docID: true}
		for end < len(bs) && !ids[bs[end].docID] {
			ids[bs[end].docID] = true
			end++
		}
		var err error
		if folding {
			err = writeFoldingRun(ctx, tx, bs[start:end], res[start:end], cur, run)
		} else {
			err = writeRun(ctx, tx, bs[start:end], res[start:end], run)
		}
		if err != nil {
			return nil, err
		}
		start = end
	}
	return res, nil
}

// writeRun writes documents of distinct ids in tx, together when it can,
// one by one when they share statement ids (see errOneByOne).
func writeRun(ctx context.Context, tx neo4j.ManagedTransaction, bs []*batch, res []graph.WriteResult, run runner) error {
	err := writeDistinct(ctx, tx, bs, res, run)
	if errors.Is(err, errOneByOne) {
		for i := range bs {
			if err = writeDistinct(ctx, tx, bs[i:i+1], res[i:i+1], run); err != nil {
				break
			}
		}
	}
	return err
}

// errOneByOne is what writeDistinct returns, having written nothing, when
// its documents take over each other's statement ids: which of them is at
// fault depends on the order, so they must be written one by one.
var errOneByOne = errors.New("documents of one write share statement ids")

// claim is what claimDocuments finds of a document.
type claim struct {
	hash   string // of the extraction last written; "" for a new document
	linked bool   // its shares are in the link layer
	// tallied, claimed: its shares are in the tally layer, its claims
	tallied, claimed bool
	node             string // element id
	hasRaw           bool   // its raw extraction is kept (see curation.go)
}

// claimAll locks the documents ids (sorted by the caller) and returns
// what the store holds of each.
func claimAll(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]claim, error) {
	recs, err := collect(ctx, tx, claimDocuments, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	claims := make(map[string]claim, len(recs))
	for _, rec := range recs {
		linked, _ := rec.Values[2].(bool)
		tallied, _ := rec.Values[4].(bool)
		hasRaw, _ := rec.Values[5].(bool)
		claimed, _ := rec.Values[6].(bool)
		claims[str(rec.Values[0])] = claim{hash: str(rec.Values[1]), linked: linked, node: str(rec.Values[3]), tallied: tallied,
			hasRaw: hasRaw, claimed: claimed}
	}
	return claims, nil
}

// writeDistinct writes documents of distinct ids in tx, setting their
// results in res. It returns an Invalid error when a document takes over
// a statement id of a document outside bs, errOneByOne (see there), or
// the driver's error.
func writeDistinct(ctx context.Context, tx neo4j.ManagedTransaction, bs []*batch, res []graph.WriteResult, run runner) error {
	ids := make([]string, len(bs))
	for i, b := range bs {
		res[i] = graph.WriteResult{DocumentID: b.docID, Entities: b.given[0], Statements: b.given[1]}
		ids[i] = b.docID
	}
	slices.Sort(ids) // lock order, as for the rows
	claims, err := claimAll(ctx, tx, ids)
	if err != nil {
		return err
	}
	var todo []*batch
	for i, b := range bs {
		if c := claims[b.docID]; c.hash == b.hash && c.hasRaw && !b.rewrite {
			res[i].Unchanged = true
		} else {
			todo = append(todo, b)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	if err := checkStatementIDs(ctx, tx, todo); err != nil {
		return err
	}
	// The link and tally layers hold the shares of the versions being
	// replaced (unless they were written before them): they are read back
	// now, to be subtracted, before dropContribution deletes them.
	var replaced []string
	for _, b := range todo {
		if c := claims[b.docID]; c.linked || c.tallied || c.claimed {
			replaced = append(replaced, b.docID)
		}
	}
	stored, err := readStored(ctx, tx, replaced)
	if err != nil {
		return err
	}
	var named []string
	for _, b := range todo {
		for _, e := range b.entities {
			named = append(named, e["id"].(string))
		}
		if st, ok := stored[b.docID]; ok {
			named = append(named, st.entities...)
		}
	}
	nodes, err := lockAll(ctx, tx, run, named)
	if err != nil {
		return err
	}
	existed := maps.Clone(nodes)
	var old []string
	for _, b := range todo {
		if claims[b.docID].hash == "" {
			continue // new: nothing to drop
		}
		rec, err := single(ctx, tx, dropContribution, map[string]any{"id": b.docID})
		if err != nil {
			return err
		}
		old = append(old, strs(rec.Values[0])...)
	}
	var docs, rawNames []map[string]any
	aliases := map[string][]string{}
	changes := newLinkChanges()
	for _, b := range todo {
		docs = append(docs, map[string]any{"doc": b.doc, "hash": b.hash, "raw": b.raw})
		rawNames = append(rawNames, map[string]any{"doc_node": claims[b.docID].node, "ids": b.rawIDs})
		for _, e := range b.entities {
			id := e["id"].(string)
			aliases[id] = append(aliases[id], e["aliases"].([]string)...)
		}
		if st, ok := stored[b.docID]; ok && claims[b.docID].linked {
			changes.add(st.x, -1)
		}
		if st, ok := stored[b.docID]; ok && claims[b.docID].tallied {
			changes.addTallies(graph.Tallies(st.x), -1)
		}
		if st, ok := stored[b.docID]; ok && claims[b.docID].claimed {
			changes.addTallies(graph.ClaimTallies(st.x), -1)
		}
		changes.add(b.x, 1)
		changes.addTallies(graph.Tallies(b.x), 1)
		changes.addTallies(graph.ClaimTallies(b.x), 1)
	}
	var aliasRows []map[string]any
	for _, id := range slices.Sorted(maps.Keys(aliases)) {
		if len(aliases[id]) > 0 {
			aliasRows = append(aliasRows, map[string]any{"id": id, "aliases": sortedSet(aliases[id])})
		}
	}
	if err := runSteps(ctx, tx, run, []step{{setDocuments, map[string]any{"rows": docs}, "rows"}, {setRawNames, map[string]any{"rows": rawNames}, "rows"}}); err != nil {
		return err
	}
	recs, err := run(ctx, tx, step{mergeEntities, map[string]any{"rows": entityRows(todo)}, "rows"})
	if err != nil {
		return err
	}
	for _, r := range recs {
		nodes[str(r.Values[0])] = str(r.Values[1])
	}
	// The rows that follow name nodes by element id, which spares an index
	// seek per node.
	var mentions, statements, relations []map[string]any
	for _, b := range todo {
		doc := claims[b.docID].node
		for _, e := range b.entities {
			mentions = append(mentions, map[string]any{"doc_node": doc, "node": nodes[e["id"].(string)],
				"count": e["count"], "aliases": e["aliases"], "name": e["name"], "slug": e["slug"]})
		}
		for _, r := range b.statements {
			props := map[string]any{"document_id": b.docID}
			for _, k := range statementProps {
				props[k] = r[k]
			}
			date, _ := r["date"].(string)
			props["rank"] = statementRank(date)
			statements = append(statements, map[string]any{"props": props, "doc_node": doc, "speaker_nodes": speakerNodes(nodes, r["speaker"].(string)),
				"about_nodes": nodeIDs(nodes, r["about"].([]string)), "reported_by_nodes": nodeIDs(nodes, r["reported_by"].([]string))})
		}
		seen := map[[4]string]bool{}
		for _, r := range b.relations {
			k := [4]string{r["type"].(string), r["source"].(string), r["target"].(string), r["role"].(string)}
			if seen[k] {
				continue
			}
			seen[k] = true
			relations = append(relations, map[string]any{"doc": b.docID, "type": k[0], "role": k[3],
				"source_node": nodes[k[1]], "target_node": nodes[k[2]]})
		}
	}
	steps := []step{
		{createMentions, map[string]any{"rows": mentions}, "rows"},
		{mergeAliases, map[string]any{"rows": aliasRows}, "rows"},
		{createStatements, map[string]any{"rows": statements}, "rows"},
		{createRelations, map[string]any{"rows": relations}, "rows"},
	}
	if err := runSteps(ctx, tx, run, steps); err != nil {
		return err
	}
	// The link layer is written once the statements are, which a stale
	// sample is read from, and before aggregateEntities deletes the
	// entities no document names any more, whose links are gone by then.
	if err := writeLinks(ctx, tx, changes, nodes, existed, run); err != nil {
		return err
	}
	if err := writeTallies(ctx, tx, changes, run); err != nil {
		return err
	}
	if len(old) > 0 {
		slices.Sort(old) // lock order, as for the rows
		if _, err := run(ctx, tx, step{aggregateEntities, map[string]any{"ids": slices.Compact(old)}, "ids"}); err != nil {
			return err
		}
	}
	return nil
}

// statementProps are the properties of a Statement node that a row of
// prepare gives as they are.
var statementProps = []string{"id", "text", "quote", "cue", "date", "date_first", "date_last", "start", "end"}

// entityRows returns the rows of mergeEntities for the documents bs: one
// per entity, in id order (the lock order), with the name, slug and kind
// of the first document that names it, its mentions and documents summed,
// and the earliest and latest of those documents' dates (null when none
// is dated).
func entityRows(bs []*batch) []map[string]any {
	rows := map[string]map[string]any{}
	for _, b := range bs {
		date, _ := b.doc["date"].(string)
		for _, e := range b.entities {
			id := e["id"].(string)
			r, ok := rows[id]
			if !ok {
				r = map[string]any{"id": id, "kind": e["kind"], "name": e["name"], "slug": e["slug"],
					"mentions": 0, "documents": 0, "first": nil, "last": nil, "merged_ids": e["merged_ids"]}
				rows[id] = r
			}
			r["mentions"] = r["mentions"].(int) + e["count"].(int)
			r["documents"] = r["documents"].(int) + 1
			if date == "" {
				continue
			}
			if first, _ := r["first"].(string); first == "" || date < first {
				r["first"] = date
			}
			if last, _ := r["last"].(string); date > last {
				r["last"] = date
			}
		}
	}
	out := make([]map[string]any, 0, len(rows))
	for _, id := range slices.Sorted(maps.Keys(rows)) {
		out = append(out, rows[id])
	}
	return out
}

// lockAll write-locks the entities ids that exist (lockEntities), in id
// order, and returns their element ids.
func lockAll(ctx context.Context, tx neo4j.ManagedTransaction, run runner, ids []string) (map[string]string, error) {
	recs, err := run(ctx, tx, step{lockEntities, map[string]any{"ids": sortedSet(ids)}, "ids"})
	if err != nil {
		return nil, err
	}
	nodes := make(map[string]string, len(recs))
	for _, r := range recs {
		nodes[str(r.Values[0])] = str(r.Values[1])
	}
	return nodes, nil
}

// speakerNodes returns the element id of the speaker id as a list, empty
// for an unattributed statement.
func speakerNodes(nodes map[string]string, id string) []string {
	if id == "" {
		return []string{}
	}
	return []string{nodes[id]}
}

// nodeIDs returns the element ids of the entities ids.
func nodeIDs(nodes map[string]string, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = nodes[id]
	}
	return out
}

// runSteps runs steps in order, skipping those with no rows.
func runSteps(ctx context.Context, tx neo4j.ManagedTransaction, run runner, steps []step) error {
	for _, st := range steps {
		if rows, ok := st.params[st.rows].([]map[string]any); ok && len(rows) == 0 {
			continue
		}
		if _, err := run(ctx, tx, st); err != nil {
			return err
		}
	}
	return nil
}

// storedDoc is what the store holds of a document written before: as
// much of its extraction as its link shares need, and the entities it
// names.
type storedDoc struct {
	x        *graph.Extraction
	entities []string
}

// readStored reads back the documents ids (see storedDocuments); a
// document the store does not hold is left out.
func readStored(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) (map[string]storedDoc, error) {
	out := map[string]storedDoc{}
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := collect(ctx, tx, storedDocuments, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		id := str(rec.Values[0])
		x := &graph.Extraction{Document: graph.Document{ID: id, Date: str(rec.Values[1])}}
		for _, v := range list(rec.Values[2]) {
			m := props(v)
			st := graph.Statement{ID: str(m["id"]), DocumentID: id, Speaker: graph.EntityRef{ID: str(m["speaker"])},
				Text: str(m["text"]), Quote: str(m["quote"]), Cue: str(m["cue"])}
			for _, e := range strs(m["about"]) {
				st.About = append(st.About, graph.EntityRef{ID: e})
			}
			for _, e := range strs(m["outlets"]) {
				st.ReportedBy = append(st.ReportedBy, graph.EntityRef{ID: e})
			}
			x.Statements = append(x.Statements, st)
		}
		for _, v := range list(rec.Values[3]) {
			m := props(v)
			x.Relations = append(x.Relations, graph.Relation{Type: graph.RelType(str(m["type"])), Source: str(m["source"]),
				Target: str(m["target"]), Role: str(m["role"]), DocumentID: id})
		}
		out[id] = storedDoc{x: x, entities: strs(rec.Values[4])}
	}
	return out, nil
}

// checkStatementIDs returns an Invalid error naming the first document
// of bs (in their order) that takes over a statement id of a document
// outside bs, errOneByOne when two documents of bs share a statement id,
// or the driver's error.
func checkStatementIDs(ctx context.Context, tx neo4j.ManagedTransaction, bs []*batch) error {
	owner := map[string]string{}
	inWrite := map[string]bool{}
	var rows []map[string]any
	for _, b := range bs {
		inWrite[b.docID] = true
		for _, st := range b.statements {
			id := st["id"].(string)
			if _, ok := owner[id]; ok {
				return errOneByOne
			}
			owner[id] = b.docID
			rows = append(rows, map[string]any{"doc": b.docID, "id": id})
		}
	}
	clashes, err := collect(ctx, tx, statementClash, map[string]any{"rows": rows})
	if err != nil || len(clashes) == 0 {
		return err
	}
	first := map[string][2]string{} // document → its first clash: statement id, owner
	for _, c := range clashes {
		if inWrite[str(c.Values[2])] {
			return errOneByOne
		}
		if _, ok := first[str(c.Values[0])]; !ok {
			first[str(c.Values[0])] = [2]string{str(c.Values[1]), str(c.Values[2])}
		}
	}
	for _, b := range bs {
		if c, ok := first[b.docID]; ok {
			return graph.Errorf(graph.Invalid, "neo4j.WriteExtraction", "document %s: statement id %s already belongs to document %s",
				b.docID, c[0], c[1])
		}
	}
	return nil
}

// single runs a query that returns exactly one row.
func single(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) (*neo4j.Record, error) {
	r, err := tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	return r.Single(ctx)
}

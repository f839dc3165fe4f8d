package neo4j

import (
	"context"
	"slices"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The write of one document, in the order the transaction runs them. Each
// is one round trip whatever the size of the document: rows go in as one
// list parameter and UNWIND spreads them.
const (
	// claimDocument locks the document node for the rest of the
	// transaction (SET takes a write lock), so that two processes writing
	// the same document run one after the other; the second then finds
	// the first's hash and changes nothing.
	claimDocument = `
MERGE (d:Document {id: $id})
ON CREATE SET d.seq = timestamp()
SET d.writing = true
REMOVE d.writing
RETURN d.hash AS hash`

	// statementClash finds a statement id of this write that another
	// document already holds: ids hash the document id, so a clash means
	// the caller reused another document's statement id.
	statementClash = `
UNWIND $ids AS id
MATCH (s:Statement {id: id})
WHERE s.document_id <> $id
RETURN s.id, s.document_id
LIMIT 1`

	// dropContribution removes what an earlier write of this document
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

	setDocument = `
MATCH (d:Document {id: $doc.id})
SET d += $doc, d.hash = $hash`

	// mergeEntities creates missing entities with their kind label (labels
	// cannot be parameters; the FOREACH picks one), links each to the
	// document, and adds the document to the entity's aggregates. Adding is
	// exact because the document's earlier edges, if any, are gone by now
	// and aggregateEntities recomputes the entities they named; it spares
	// the common write, a new document, a read of every other document that
	// names a popular entity. The name stays the one the first written
	// document gave (as in graph/sqlite); aliases are only set when they
	// change, since each set rewrites the entity in the full-text index.
	mergeEntities = `
MATCH (d:Document {id: $id})
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
ON CREATE SET e.kind = row.kind, e.name = row.name, e.slug = row.slug, e.aliases = [], e.mentions = 0, e.documents = 0
FOREACH (_ IN CASE WHEN row.kind = 'person' THEN [1] ELSE [] END | SET e:Person)
FOREACH (_ IN CASE WHEN row.kind = 'organization' THEN [1] ELSE [] END | SET e:Organization)
FOREACH (_ IN CASE WHEN row.kind = 'country' THEN [1] ELSE [] END | SET e:Country)
MERGE (e)-[m:MENTIONED_IN]->(d)
SET m.count = row.count, m.aliases = row.aliases, m.name = row.name, m.slug = row.slug,
    e.mentions = e.mentions + row.count, e.documents = e.documents + 1,
    e.first_seen = CASE WHEN d.date IS NULL OR d.date >= e.first_seen THEN e.first_seen ELSE d.date END,
    e.last_seen = CASE WHEN d.date IS NULL OR d.date <= e.last_seen THEN e.last_seen ELSE d.date END
WITH e, row
CALL (e, row) {
  UNWIND e.aliases + row.aliases AS alias
  WITH DISTINCT alias ORDER BY alias
  RETURN collect(alias) AS aliases
}
WITH e, aliases WHERE aliases <> e.aliases
SET e.aliases = aliases`

	// mergeStatements writes statements with their edges; idx keeps the
	// order of about and reported_by as extracted.
	mergeStatements = `
MATCH (d:Document {id: $id})
UNWIND $rows AS row
MERGE (s:Statement {id: row.id})
SET s.document_id = $id, s.text = row.text, s.quote = row.quote, s.cue = row.cue,
    s.date = row.date, s.date_first = row.date_first, s.date_last = row.date_last,
    s.start = row.start, s.end = row.end
MERGE (s)-[:IN]->(d)
WITH s, row
MATCH (speaker:Entity {id: row.speaker})
MERGE (speaker)-[:STATED]->(s)
WITH s, row
CALL (s, row) {
  UNWIND range(0, size(row.about) - 1) AS i
  MATCH (e:Entity {id: row.about[i]})
  MERGE (s)-[r:ABOUT]->(e)
  SET r.idx = i
}
CALL (s, row) {
  UNWIND range(0, size(row.reported_by) - 1) AS i
  MATCH (o:Entity {id: row.reported_by[i]})
  MERGE (s)-[r:REPORTED_BY]->(o)
  SET r.idx = i
}`

	// mergeRelations keeps one edge per document and role that states a
	// relation, so that replacing one document leaves the others' intact.
	// (The role is "" when there is none: MERGE cannot match on null.)
	mergeRelations = `
UNWIND $rows AS row
MATCH (a:Entity {id: row.source}), (b:Entity {id: row.target})
FOREACH (_ IN CASE WHEN row.type = 'AFFILIATED_WITH' THEN [1] ELSE [] END |
  MERGE (a)-[:AFFILIATED_WITH {document_id: $id, role: row.role}]->(b))
FOREACH (_ IN CASE WHEN row.type = 'PART_OF' THEN [1] ELSE [] END |
  MERGE (a)-[:PART_OF {document_id: $id, role: row.role}]->(b))
FOREACH (_ IN CASE WHEN row.type = 'BASED_IN' THEN [1] ELSE [] END |
  MERGE (a)-[:BASED_IN {document_id: $id, role: row.role}]->(b))`

	// aggregateEntities recomputes from their MENTIONED_IN edges the
	// aggregates of the entities that an earlier write of the document
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
// gave. The same extraction twice is detected by its hash and changes
// nothing (Unchanged). It returns Invalid or TooLarge errors for a bad
// extraction (see prepare), Unavailable when Neo4j cannot be reached, and
// Conflict when concurrent writers kept colliding past the retry budget.
func (s *Store) WriteExtraction(ctx context.Context, x *graph.Extraction) (graph.WriteResult, error) {
	const op = "neo4j.WriteExtraction"
	b, err := prepare(x)
	if err != nil {
		return graph.WriteResult{}, err
	}
	return write(ctx, s, op, func(tx neo4j.ManagedTransaction) (graph.WriteResult, error) {
		return writeBatch(ctx, tx, b, runStep)
	})
}

// step is one query of a write. Rows names its list parameter, the one
// that UNWIND spreads ("" for none).
type step struct {
	query  string
	params map[string]any
	rows   string
}

// runStep runs a step as one query, whatever the number of rows.
func runStep(ctx context.Context, tx neo4j.ManagedTransaction, st step) error {
	r, err := tx.Run(ctx, st.query, st.params)
	if err == nil {
		_, err = r.Consume(ctx)
	}
	return err
}

// writeBatch runs the queries of one document in tx, the steps that carry
// rows through run (runStep; the benchmark passes a row-at-a-time one). It
// only reads b, so the driver may run it again after a transient error.
func writeBatch(ctx context.Context, tx neo4j.ManagedTransaction, b *batch,
	run func(context.Context, neo4j.ManagedTransaction, step) error) (graph.WriteResult, error) {
	res := graph.WriteResult{DocumentID: b.docID, Entities: len(b.entities), Statements: len(b.statements)}
	rec, err := single(ctx, tx, claimDocument, map[string]any{"id": b.docID})
	if err != nil {
		return res, err
	}
	if str(rec.Values[0]) == b.hash {
		res.Unchanged = true
		return res, nil
	}
	clash, err := collect(ctx, tx, statementClash, map[string]any{"id": b.docID, "ids": statementIDs(b)})
	if err != nil {
		return res, err
	}
	if len(clash) > 0 {
		return res, graph.Errorf(graph.Invalid, "neo4j.WriteExtraction", "document %s: statement id %s already belongs to document %s",
			b.docID, str(clash[0].Values[0]), str(clash[0].Values[1]))
	}
	rec, err = single(ctx, tx, dropContribution, map[string]any{"id": b.docID})
	if err != nil {
		return res, err
	}
	steps := []step{
		{setDocument, map[string]any{"doc": b.doc, "hash": b.hash}, ""},
		{mergeEntities, map[string]any{"id": b.docID, "rows": b.entities}, "rows"},
		{mergeStatements, map[string]any{"id": b.docID, "rows": b.statements}, "rows"},
		{mergeRelations, map[string]any{"id": b.docID, "rows": b.relations}, "rows"},
	}
	if old := strs(rec.Values[0]); len(old) > 0 {
		slices.Sort(old) // lock order, as for the rows
		steps = append(steps, step{aggregateEntities, map[string]any{"ids": old}, "ids"})
	}
	for _, st := range steps {
		if err := run(ctx, tx, st); err != nil {
			return res, err
		}
	}
	return res, nil
}

// single runs a query that returns exactly one row.
func single(ctx context.Context, tx neo4j.ManagedTransaction, query string, params map[string]any) (*neo4j.Record, error) {
	r, err := tx.Run(ctx, query, params)
	if err != nil {
		return nil, err
	}
	return r.Single(ctx)
}

func statementIDs(b *batch) []string {
	ids := make([]string, len(b.statements))
	for i, row := range b.statements {
		ids[i] = row["id"].(string)
	}
	return ids
}

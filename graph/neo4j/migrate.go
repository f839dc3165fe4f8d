package neo4j

import (
	"context"
	"time"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A database written before the link layer (documents without linked,
// no link_layer on the Counters node), or before the tally layer
// (tallied, tally_layer), gets it on first contact: every
// document's shares are added as a write of it would add them, in
// transactions of migrateBatch documents in id order, each marking its
// documents linked. Writers may run meanwhile: a write links its own
// documents (and subtracts a replaced version only if it was linked), and
// a batch skips the documents already linked, both under the documents'
// locks, so every document is added once whatever runs when. A migration
// cut short (a cancelled context, a server gone) resumes where it stopped
// at the next contact.

// migrateBatch is how many documents one transaction of the migration
// links: big enough that the commit is a small part of it, small enough
// for the server's transaction memory.
const migrateBatch = 256

// migrateProgressEvery is how often the migration logs its progress.
const migrateProgressEvery = 10 * time.Second

// layer is one of the layers kept on write that a database written
// before it gets on first contact: the Counters property that holds the
// version it was built to, the Document flag that says a document's
// shares are in it, and how to add documents' shares: fill collects them,
// write writes them with the documents' entities locked.
type layer struct {
	name    string
	counter string
	version int
	flag    string
	done    func(claim) bool
	fill    func(c *linkChanges, x *graph.Extraction)
	write   func(ctx context.Context, tx neo4j.ManagedTransaction, c *linkChanges, nodes map[string]string) error
}

// layers are built in order at first contact.
var layers = []layer{
	{name: "link layer", counter: "link_layer", version: linkLayerVersion, flag: "linked",
		done: func(c claim) bool { return c.linked },
		fill: func(c *linkChanges, x *graph.Extraction) { c.add(x, 1) },
		write: func(ctx context.Context, tx neo4j.ManagedTransaction, c *linkChanges, nodes map[string]string) error {
			return writeLinks(ctx, tx, c, nodes, nodes, runStep)
		}},
	{name: "tally layer", counter: "tally_layer", version: tallyLayerVersion, flag: "tallied",
		done:  func(c claim) bool { return c.tallied },
		fill:  func(c *linkChanges, x *graph.Extraction) { c.addTallies(graph.Tallies(x), 1) },
		write: writeTalliesOnly},
	{name: "claims of the tally layer", counter: "claim_layer", version: 1, flag: "claimed",
		done:  func(c claim) bool { return c.claimed },
		fill:  func(c *linkChanges, x *graph.Extraction) { c.addTallies(graph.ClaimTallies(x), 1) },
		write: writeTalliesOnly},
}

// writeTalliesOnly writes the tallies c collected; a tally names only
// entities its documents name, which storedBatch has locked.
func writeTalliesOnly(ctx context.Context, tx neo4j.ManagedTransaction, c *linkChanges, _ map[string]string) error {
	return writeTallies(ctx, tx, c, runStep)
}

// tallyLayerVersion is the version of the tally layer this package writes.
const tallyLayerVersion = 1

// layerState reads the version of the layer the database holds (null when
// none) and whether it has documents.
func (l layer) state() string {
	return `
OPTIONAL MATCH (c:Counters {id: $id})
RETURN c.` + l.counter + ` AS version, EXISTS { MATCH (:Document) } AS documents, COUNT { (:Document) } AS total`
}

// start creates the Counters node, with the layer's version when given
// (a database without documents has nothing to migrate).
func (l layer) start() string {
	return `
MERGE (c:Counters {id: $id})
ON CREATE SET c.AFFILIATED_WITH = 0, c.PART_OF = 0, c.BASED_IN = 0
SET c.` + l.counter + ` = coalesce($version, c.` + l.counter + `)
RETURN 1`
}

func (l layer) mark() string {
	return `
UNWIND $ids AS id
MATCH (d:Document {id: id})
SET d.` + l.flag + ` = true`
}

// nextDocuments lists the documents after $after in id order, from the
// index of the constraint document_id.
const nextDocuments = `
MATCH (d:Document) WHERE d.id > $after
RETURN d.id ORDER BY d.id LIMIT $n`

// migrateLayers builds each layer of a database written before it (see
// above), logging its progress, unless the database holds it. It returns
// the errors of a write (Unavailable when Neo4j is down or ctx ends);
// what it built before an error stays.
func (s *Store) migrateLayers(ctx context.Context) error {
	for _, l := range layers {
		if err := s.migrate(ctx, l); err != nil {
			return err
		}
	}
	if err := s.migrateNearLists(ctx); err != nil {
		return err
	}
	return s.migrateOrder(ctx)
}

// A database written before statements and documents kept their order
// (no statement_order or document_order on the Counters node) gets it on
// first contact: each statement its rank and each of its STATED, ABOUT
// and REPORTED_BY edges their anchor, rank and sid (see
// createStatements), each document its rank (see setDocuments), in
// transactions of migrateBatch*16 statements or documents in id order.
// A writer meanwhile creates its statements and documents with them, and
// the migration sets on any of them what a write would, so the order of
// the two does not matter; one cut short starts again at the next
// contact, where it stopped. orderVersion is the version of both
// (Counters.statement_order and document_order).
const orderVersion = 1

// setDocumentOrder orders the next $n documents after $after, and
// returns how many it read and the last id.
var setDocumentOrder = `
MATCH (d:Document) WHERE d.id > $after
WITH d ORDER BY d.id LIMIT $n
SET d.rank = ` + cypherDateRank("d.date") + `
RETURN count(d), max(d.id)`

// setStatementOrder orders the next $n statements after $after and their
// edges, and returns how many it read and the last id.
var setStatementOrder = `
MATCH (s:Statement) WHERE s.id > $after
WITH s ORDER BY s.id LIMIT $n
SET s.rank = ` + cypherDateRank("s.date") + `
WITH s
CALL (s) { MATCH (e:Entity)-[r:STATED]->(s) SET r.anchor = e.id, r.rank = s.rank, r.sid = s.id }
CALL (s) { MATCH (s)-[r:ABOUT]->(e:Entity) SET r.anchor = e.id, r.rank = s.rank, r.sid = s.id }
CALL (s) { MATCH (s)-[r:REPORTED_BY]->(e:Entity) SET r.anchor = e.id, r.rank = s.rank, r.sid = s.id }
RETURN count(s), max(s.id)`

// migrateOrder orders every statement and its edges, and every
// document, unless the database holds them (see above), logging its
// progress.
func (s *Store) migrateOrder(ctx context.Context) error {
	batch := func(query string) func(after string) (migrated, error) {
		return func(after string) (migrated, error) {
			rec, err := s.writeOne(ctx, "neo4j.migrate", query, map[string]any{"after": after, "n": 16 * migrateBatch})
			if err != nil {
				return migrated{}, err
			}
			return migrated{last: str(rec.Values[1]), read: integer(rec.Values[0])}, nil
		}
	}
	if err := s.migrateInIDOrder(ctx, idMigration{
		counter: "statement_order", label: "Statement", version: orderVersion,
		unit: "statements", doing: "ordering each entity's statements", finished: "each entity's statements are ordered",
		batch: batch(setStatementOrder),
	}); err != nil {
		return err
	}
	return s.migrateInIDOrder(ctx, idMigration{
		counter: "document_order", label: "Document", version: orderVersion,
		unit: "documents", doing: "ordering the documents", finished: "the documents are ordered",
		batch: batch(setDocumentOrder),
	})
}

// A database written before the entities kept their lists of neighbors
// (near_ids, see linkwrite.go; no near_lists on the Counters node) gets
// them on first contact: every entity's list is read from the indexes
// link_out and link_in and set, in transactions of migrateBatch*4
// entities in id order, each under the entities' locks, as a write takes
// them. A writer meanwhile reads from the indexes the list of an entity
// that has none yet, and rewrites it whole under the same lock, so the
// order of the two does not matter; one cut short starts again at the
// next contact.
const (
	nextEntities = `
MATCH (e:Entity) WHERE e.id > $after
RETURN e.id ORDER BY e.id LIMIT $n`

	setNearLists = `
UNWIND $rows AS row
MATCH (e:Entity) WHERE elementId(e) = row.node
SET e.near_ids = row.ids, e.near_weights = row.weights`
)

// migrateNearLists gives every entity its kept list of neighbors unless
// the database holds them (see above), logging its progress.
func (s *Store) migrateNearLists(ctx context.Context) error {
	return s.migrateInIDOrder(ctx, idMigration{
		counter: "near_lists", label: "Entity", version: nearListsVersion,
		unit: "entities", doing: "keeping each entity's heaviest neighbors", finished: "each entity keeps its heaviest neighbors",
		batch: func(after string) (migrated, error) {
			return execWrite(ctx, s, "neo4j.migrate", func(tx neo4j.ManagedTransaction) (migrated, error) {
				return nearBatch(ctx, tx, after)
			})
		},
	})
}

// idMigration is a migration that goes through the nodes of a label in
// id order, a transaction at a time: batch migrates the nodes after an
// id and says how many it read and the last; the version it builds is
// kept on the Counters node as counter. unit, doing and finished word
// its log lines.
type idMigration struct {
	counter, label        string
	version               int
	unit, doing, finished string
	batch                 func(after string) (migrated, error)
}

// migrateInIDOrder runs m unless the database holds its version, logging
// its progress; one cut short starts again at the next contact.
func (s *Store) migrateInIDOrder(ctx context.Context, m idMigration) error {
	const op = "neo4j.migrate"
	// The names are this package's, not input.
	state := `
OPTIONAL MATCH (c:Counters {id: $id})
RETURN c.` + m.counter + ` AS version, COUNT { (:` + m.label + `) } AS total`
	done := `
MERGE (c:Counters {id: $id})
ON CREATE SET c.AFFILIATED_WITH = 0, c.PART_OF = 0, c.BASED_IN = 0
SET c.` + m.counter + ` = $version
RETURN 1`
	rec, err := s.writeOne(ctx, op, state, map[string]any{"id": countersID})
	if err != nil {
		return err
	}
	if version, ok := rec.Values[0].(int64); ok && version >= int64(m.version) {
		return nil
	}
	total := integer(rec.Values[1])
	if total > 0 {
		s.log.Info("neo4j: "+m.doing, m.unit, total)
	}
	start, logged := time.Now(), time.Now()
	after, count := "", 0
	for total > 0 {
		res, err := m.batch(after)
		if err != nil {
			return err
		}
		if res.read == 0 {
			break
		}
		after, count = res.last, count+res.read
		if time.Since(logged) >= migrateProgressEvery {
			s.log.Info("neo4j: "+m.doing, m.unit, count, "of", total)
			logged = time.Now()
		}
	}
	if _, err := s.writeOne(ctx, op, done, map[string]any{"id": countersID, "version": m.version}); err != nil {
		return err
	}
	if total > 0 {
		s.log.Info("neo4j: "+m.finished, m.unit, count, "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// nearBatch sets the kept lists of the next entities after after (in id
// order), read from the indexes with the entities locked.
func nearBatch(ctx context.Context, tx neo4j.ManagedTransaction, after string) (migrated, error) {
	var res migrated
	ids, err := nextIDs(ctx, tx, nextEntities, after, 4*migrateBatch)
	if err != nil || len(ids) == 0 {
		return res, err
	}
	res.last, res.read = ids[len(ids)-1], len(ids)
	nodes, err := lockAll(ctx, tx, runStep, ids)
	if err != nil {
		return res, err
	}
	var rows []map[string]any
	for _, id := range ids {
		if nodes[id] != "" {
			rows = append(rows, map[string]any{"id": id, "node": nodes[id]})
		}
	}
	recs, err := runStep(ctx, tx, step{heaviestNear, map[string]any{"rows": rows, "near": nearListSize,
		"kinds": kindNames(graph.EntityKinds)}, "rows"})
	if err != nil {
		return res, err
	}
	sets := make([]map[string]any, 0, len(recs))
	for _, r := range recs {
		ids, weights := nearProps(neighborsFrom(r.Values[1]))
		sets = append(sets, map[string]any{"node": nodes[str(r.Values[0])], "ids": ids, "weights": weights})
	}
	_, err = runStep(ctx, tx, step{setNearLists, map[string]any{"rows": sets}, "rows"})
	return res, err
}

func (s *Store) migrate(ctx context.Context, l layer) error {
	const op = "neo4j.migrate"
	rec, err := s.writeOne(ctx, op, l.state(), map[string]any{"id": countersID})
	if err != nil {
		return err
	}
	if version, ok := rec.Values[0].(int64); ok && version >= int64(l.version) {
		return nil
	}
	if documents, _ := rec.Values[1].(bool); !documents {
		_, err := s.writeOne(ctx, op, l.start(), map[string]any{"id": countersID, "version": l.version})
		return err
	}
	total := integer(rec.Values[2])
	if _, err := s.writeOne(ctx, op, l.start(), map[string]any{"id": countersID, "version": nil}); err != nil {
		return err
	}
	s.log.Info("neo4j: building the "+l.name+" of a database written before it", "documents", total)
	start, logged := time.Now(), time.Now()
	after, done, added := "", 0, 0
	for {
		res, err := execWrite(ctx, s, op, func(tx neo4j.ManagedTransaction) (migrated, error) {
			return l.storedBatch(ctx, tx, after)
		})
		if err != nil {
			return err
		}
		if res.read == 0 {
			break
		}
		after, done, added = res.last, done+res.read, added+res.added
		if time.Since(logged) >= migrateProgressEvery {
			s.log.Info("neo4j: building the "+l.name, "documents", done, "of", total)
			logged = time.Now()
		}
	}
	if _, err := s.writeOne(ctx, op, l.start(), map[string]any{"id": countersID, "version": l.version}); err != nil {
		return err
	}
	s.log.Info("neo4j: "+l.name+" built", "documents", done, "added", added, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// migrated is what one batch of the migration did: the last document id
// it read, how many documents it read and how many it added.
type migrated struct {
	last        string
	read, added int
}

// storedBatch adds to the layer the shares of the next migrateBatch
// documents after after (in id order) that it does not hold yet, and
// marks them.
func (l layer) storedBatch(ctx context.Context, tx neo4j.ManagedTransaction, after string) (migrated, error) {
	var res migrated
	ids, err := nextIDs(ctx, tx, nextDocuments, after, migrateBatch)
	if err != nil || len(ids) == 0 {
		return res, err
	}
	res.last, res.read = ids[len(ids)-1], len(ids)
	claims, err := claimAll(ctx, tx, ids)
	if err != nil {
		return res, err
	}
	var todo []string
	for _, id := range ids {
		if c, ok := claims[id]; ok && !l.done(c) {
			todo = append(todo, id)
		}
	}
	if len(todo) == 0 {
		return res, nil
	}
	stored, err := readStored(ctx, tx, todo)
	if err != nil {
		return res, err
	}
	changes := newLinkChanges()
	var named []string
	for _, id := range todo {
		l.fill(changes, stored[id].x)
		named = append(named, stored[id].entities...)
	}
	nodes, err := lockAll(ctx, tx, runStep, named)
	if err != nil {
		return res, err
	}
	if err := l.write(ctx, tx, changes, nodes); err != nil {
		return res, err
	}
	if _, err := runStep(ctx, tx, step{l.mark(), map[string]any{"ids": todo}, "ids"}); err != nil {
		return res, err
	}
	res.added = len(todo)
	return res, nil
}

// nextIDs returns the page of ids that query ($n of them after $after,
// in id order) lists.
func nextIDs(ctx context.Context, tx neo4j.ManagedTransaction, query, after string, n int) ([]string, error) {
	recs, err := collect(ctx, tx, query, map[string]any{"after": after, "n": n})
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = str(r.Values[0])
	}
	return ids, nil
}

// writeOne runs one query that returns one row in a write transaction.
func (s *Store) writeOne(ctx context.Context, op, query string, params map[string]any) (*neo4j.Record, error) {
	return execWrite(ctx, s, op, func(tx neo4j.ManagedTransaction) (*neo4j.Record, error) {
		return single(ctx, tx, query, params)
	})
}

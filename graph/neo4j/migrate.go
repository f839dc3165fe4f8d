package neo4j

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// A database written before the link layer (documents without linked,
// no link_layer on the Counters node) gets it on first contact: every
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

const (
	// linkLayerState reads the version of the link layer the database
	// holds (null when none) and whether it has documents.
	linkLayerState = `
OPTIONAL MATCH (c:Counters {id: $id})
RETURN c.link_layer AS version, EXISTS { MATCH (:Document) } AS documents, COUNT { (:Document) } AS total`

	// startCounters creates the Counters node, with the version when
	// given (a database without documents has nothing to migrate).
	startCounters = `
MERGE (c:Counters {id: $id})
ON CREATE SET c.AFFILIATED_WITH = 0, c.PART_OF = 0, c.BASED_IN = 0
SET c.link_layer = coalesce($version, c.link_layer)`

	// nextDocuments lists the documents after $after in id order, from
	// the index of the constraint document_id.
	nextDocuments = `
MATCH (d:Document) WHERE d.id > $after
RETURN d.id ORDER BY d.id LIMIT $n`

	markLinked = `
UNWIND $ids AS id
MATCH (d:Document {id: id})
SET d.linked = true`
)

// migrateLinks builds the link layer of a database written before it
// (see above), logging its progress, unless the database holds it. It
// returns the errors of a write (Unavailable when Neo4j is down or ctx
// ends); what it linked before an error stays linked.
func (s *Store) migrateLinks(ctx context.Context) error {
	const op = "neo4j.migrateLinks"
	rec, err := s.writeOne(ctx, op, linkLayerState, map[string]any{"id": countersID})
	if err != nil {
		return err
	}
	if version, ok := rec.Values[0].(int64); ok && version >= linkLayerVersion {
		return nil
	}
	if documents, _ := rec.Values[1].(bool); !documents {
		_, err := s.writeOne(ctx, op, startCounters+" RETURN 1", map[string]any{"id": countersID, "version": linkLayerVersion})
		return err
	}
	total := integer(rec.Values[2])
	if _, err := s.writeOne(ctx, op, startCounters+" RETURN 1", map[string]any{"id": countersID, "version": nil}); err != nil {
		return err
	}
	s.log.Info("neo4j: building the link layer of a database written before it", "documents", total)
	start, logged := time.Now(), time.Now()
	after, done, linked := "", 0, 0
	for {
		res, err := execWrite(ctx, s, op, func(tx neo4j.ManagedTransaction) (migrated, error) {
			return linkStoredBatch(ctx, tx, after)
		})
		if err != nil {
			return err
		}
		if res.read == 0 {
			break
		}
		after, done, linked = res.last, done+res.read, linked+res.linked
		if time.Since(logged) >= migrateProgressEvery {
			s.log.Info("neo4j: building the link layer", "documents", done, "of", total)
			logged = time.Now()
		}
	}
	if _, err := s.writeOne(ctx, op, startCounters+" RETURN 1", map[string]any{"id": countersID, "version": linkLayerVersion}); err != nil {
		return err
	}
	s.log.Info("neo4j: link layer built", "documents", done, "linked", linked, "took", time.Since(start).Round(time.Millisecond))
	return nil
}

// migrated is what one batch of the migration did: the last document id
// it read, how many documents it read and how many it linked.
type migrated struct {
	last         string
	read, linked int
}

// linkStoredBatch adds to the link layer the shares of the next
// migrateBatch documents after after (in id order) that it does not hold
// yet, and marks them linked.
func linkStoredBatch(ctx context.Context, tx neo4j.ManagedTransaction, after string) (migrated, error) {
	var res migrated
	recs, err := collect(ctx, tx, nextDocuments, map[string]any{"after": after, "n": migrateBatch})
	if err != nil || len(recs) == 0 {
		return res, err
	}
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = str(r.Values[0])
	}
	res.last, res.read = ids[len(ids)-1], len(ids)
	claims, err := claimAll(ctx, tx, ids)
	if err != nil {
		return res, err
	}
	var todo []string
	for _, id := range ids {
		if c, ok := claims[id]; ok && !c.linked {
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
		changes.add(stored[id].x, 1)
		named = append(named, stored[id].entities...)
	}
	nodes, err := lockAll(ctx, tx, runStep, named)
	if err != nil {
		return res, err
	}
	if err := writeLinks(ctx, tx, changes, nodes, nodes, runStep); err != nil {
		return res, err
	}
	if _, err := runStep(ctx, tx, step{markLinked, map[string]any{"ids": todo}, "ids"}); err != nil {
		return res, err
	}
	res.linked = len(todo)
	return res, nil
}

// writeOne runs one query that returns one row in a write transaction.
func (s *Store) writeOne(ctx context.Context, op, query string, params map[string]any) (*neo4j.Record, error) {
	return execWrite(ctx, s, op, func(tx neo4j.ManagedTransaction) (*neo4j.Record, error) {
		return single(ctx, tx, query, params)
	})
}

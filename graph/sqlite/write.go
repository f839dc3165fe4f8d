package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/entitygraph/entitygraph/graph"
)

// WriteExtraction writes one document and everything it gave in one
// transaction, replacing what an earlier write of the same document id
// gave, with the store's corrections applied (graph.Curation.Apply); the
// extraction as given is kept for corrections to come. A statement's date is its document's date (Statement.Date is not
// read). It returns an Invalid error for an extraction that does not hold
// together (see validate), a TooLarge error for a text over
// graph.MaxDocumentBytes, and an Unavailable error when ctx ends or the
// file stays locked by another writer; in every error case the store is
// left as it was.
func (s *Store) WriteExtraction(ctx context.Context, x *graph.Extraction) (graph.WriteResult, error) {
	res, err := s.writeExtractions(ctx, "sqlite.WriteExtraction", []*graph.Extraction{x})
	if err != nil {
		return graph.WriteResult{}, err
	}
	return res[0], nil
}

// WriteExtractions writes xs in one transaction, each in order exactly as
// WriteExtraction writes it (a document that comes twice is written, then
// replaced or found Unchanged by its later extraction), and returns one
// result per extraction. It returns the errors of WriteExtraction, for the
// first extraction that fails; on any error nothing of xs is written.
func (s *Store) WriteExtractions(ctx context.Context, xs []*graph.Extraction) ([]graph.WriteResult, error) {
	return s.writeExtractions(ctx, "sqlite.WriteExtractions", xs)
}

// PreferredBatchSize is how many documents ingest writes in one
// transaction (graph.BatchSizer). Each commit writes every page the
// transaction changed, and a document's rows land on pages all over the
// indexes, so fewer, larger transactions write far less: writing the
// 8,000-document wire corpus of BenchmarkIngestWireCorpus wrote 248 KiB to
// disk per document in transactions of 512 and 108 KiB in transactions of
// 2,048 (over 500 KiB at 64). 1,024 holds the write lock for a few
// seconds at most.
func (s *Store) PreferredBatchSize() int { return 1024 }

// writeExtractions validates xs and writes them in order in one
// transaction (see WriteExtractions).
func (s *Store) writeExtractions(ctx context.Context, op string, xs []*graph.Extraction) ([]graph.WriteResult, error) {
	hashes := make([]string, len(xs))
	for i, x := range xs {
		if err := graph.ValidateExtraction(op, x); err != nil {
			return nil, err
		}
		hash, err := extractionHash(x)
		if err != nil {
			return nil, graph.Wrap(graph.Internal, op, "hashing the extraction", err)
		}
		hashes[i] = hash
	}
	if len(xs) == 0 {
		return nil, nil
	}
	select {
	case s.writeSem <- struct{}{}:
		defer func() { <-s.writeSem }()
	case <-ctx.Done():
		return nil, wrapErr(ctx, op, "waiting for another write", ctx.Err())
	}
	what := "writing document " + xs[0].Document.ID
	if len(xs) > 1 {
		what = fmt.Sprintf("writing %d documents from %s", len(xs), xs[0].Document.ID)
	}
	res := make([]graph.WriteResult, len(xs))
	err := s.write(ctx, op, what, func(t *txn) error {
		cur, err := s.curation(t)
		if err != nil {
			return err
		}
		d := newDerived()
		for i, x := range xs {
			res[i] = graph.WriteResult{DocumentID: x.Document.ID, Entities: len(x.Entities), Statements: len(x.Statements)}
			var old string
			var hasRaw bool
			err := t.queryRow(qDocumentHash, x.Document.ID).Scan(&old, &hasRaw)
			switch {
			case err == nil && old == hashes[i] && hasRaw:
				res[i].Unchanged = true
				continue
			case err != nil && !errors.Is(err, sql.ErrNoRows):
				return err
			}
			if err := writeFolded(t, op, cur, x, hashes[i], &res[i], d); err != nil {
				return err
			}
		}
		return d.apply(t)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// extractionHash fingerprints everything a write stores. encoding/json
// writes struct fields in a fixed order, so equal extractions hash equal.
func extractionHash(x *graph.Extraction) (string, error) {
	b, err := json.Marshal(x)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// Queries of a write, prepared once (see preparedQueries).
const (
	// A document without a raw extraction (written before version 3 of
	// the schema) is never Unchanged, so that writing it again keeps one.
	qDocumentHash = `SELECT d.hash, r.document_id IS NOT NULL FROM documents d
		LEFT JOIN raw_extractions r ON r.document_id = d.id WHERE d.id = ?`
	qEntitiesOfDoc  = `SELECT entity_id FROM entity_documents WHERE document_id = ?`
	qStatementClash = `SELECT id, document_id FROM statements WHERE id IN (SELECT value FROM json_each(?)) AND document_id <> ? LIMIT 1`
	qSubtractShare  = `UPDATE entities SET mentions = entities.mentions - ed.mentions, documents = entities.documents - 1
		FROM entity_documents ed WHERE ed.document_id = ?1 AND ed.entity_id = entities.id`
	// A document written earlier in the same transaction has its aliases
	// still to be added (derived.aliases): their rows are made first, so
	// that taking the document out counts them down and not past them.
	qHoldAliases = `INSERT OR IGNORE INTO entity_aliases (entity_id, alias, documents)
		SELECT ed.entity_id, j.value, 0 FROM entity_documents ed, json_each(ed.aliases) j WHERE ed.document_id = ?1`
	qSubtractAliases = `UPDATE entity_aliases SET documents = entity_aliases.documents - 1
		FROM (SELECT ed.entity_id, j.value AS alias FROM entity_documents ed, json_each(ed.aliases) j
			WHERE ed.document_id = ?1) AS old
		WHERE entity_aliases.entity_id = old.entity_id AND entity_aliases.alias = old.alias`
	qDeleteStatements = `DELETE FROM statements WHERE document_id = ?1` // statement_refs cascade
	qDeleteRelations  = `DELETE FROM relations WHERE document_id = ?1`
	qDeleteMentions   = `DELETE FROM entity_documents WHERE document_id = ?1`
	qUpsertDocument   = `INSERT INTO documents (id, title, date, source, url, text, bytes, statements, hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET title = excluded.title, date = excluded.date, source = excluded.source,
			url = excluded.url, text = excluded.text, bytes = excluded.bytes,
			statements = excluded.statements, hash = excluded.hash
		RETURNING seq`
	qInsertRelation = `INSERT OR IGNORE INTO relations (document_id, type, source, target, role) VALUES (?, ?, ?, ?, ?)`

	// refreshEntities, each with the JSON array of touched ids.
	qDropAliases   = `DELETE FROM entity_aliases WHERE entity_id IN (SELECT value FROM json_each(?1)) AND documents <= 0`
	qDropSearchRow = `DELETE FROM entity_fts WHERE rowid IN (SELECT rid FROM entities WHERE id IN (SELECT value FROM json_each(?1)))`
	qDropOrphans   = `DELETE FROM entities WHERE id IN (SELECT value FROM json_each(?1))
		AND NOT EXISTS (SELECT 1 FROM entity_documents ed WHERE ed.entity_id = entities.id)
		RETURNING kind`
	qRefreshEntity = `UPDATE entities SET
		name = (SELECT ed.name FROM entity_documents ed WHERE ed.entity_id = entities.id ORDER BY ed.seq LIMIT 1),
		slug = (SELECT ed.slug FROM entity_documents ed WHERE ed.entity_id = entities.id ORDER BY ed.seq LIMIT 1),
		first_seen = coalesce((SELECT ed.date FROM entity_documents ed
			WHERE ed.entity_id = entities.id AND ed.date > '' ORDER BY ed.date LIMIT 1), ''),
		last_seen = coalesce((SELECT ed.date FROM entity_documents ed
			WHERE ed.entity_id = entities.id AND ed.date > '' ORDER BY ed.date DESC LIMIT 1), ''),
		aliases = (SELECT json_group_array(a.alias) FROM entity_aliases a WHERE a.entity_id = entities.id)
		WHERE id IN (SELECT value FROM json_each(?1))`
	// searchRowColumns are an entity's row of a full-text index
	// (entity_fts, entity_busy_fts): rowid, name and aliases.
	searchRowColumns = `rid, name, (SELECT group_concat(value, ' ; ') FROM json_each(entities.aliases))`
	qAddSearchRow    = `INSERT INTO entity_fts (rowid, name, aliases)
		SELECT ` + searchRowColumns + ` FROM entities WHERE id IN (SELECT value FROM json_each(?1))`
)

// The statements over a document's rows (see rowsQuery).
var (
	qInsertEntities = newRowsQuery(4, `INSERT INTO entities (id, kind, name, slug) VALUES %s
		ON CONFLICT (id) DO NOTHING RETURNING id, kind`)
	qInsertMentions = newRowsQuery(8, `INSERT INTO entity_documents (entity_id, document_id, seq, date, name, slug, mentions, aliases)
		VALUES %s`)
	qInsertStatements = newRowsQuery(11, `INSERT INTO statements
		(id, document_id, speaker_id, text, quote, cue, date, date_first, date_last, span_start, span_end) VALUES %s`)
	// OR IGNORE: an entity listed twice keeps its first place.
	qInsertRefs = newRowsQuery(6, `INSERT OR IGNORE INTO statement_refs (statement_id, role, entity_id, pos, speaker_id, date)
		VALUES %s`)
)

// replaceDocument removes the rows document x.Document.ID gave before and
// writes x's in their place, and adds what that changes in the derived
// tables to d. isNew says that the store has no document of that id.
func replaceDocument(t *txn, op string, x *graph.Extraction, hash string, isNew bool, d *derived) error {
	doc := x.Document
	// Statement ids hash the document id, so a clash means the caller
	// reused another document's statement id.
	var clash, owner string
	err := t.queryRow(qStatementClash, jsonArray(stmtIDs(x.Statements)), doc.ID).Scan(&clash, &owner)
	switch {
	case err == nil:
		return graph.Errorf(graph.Invalid, op, "document %s: statement id %s already belongs to document %s", doc.ID, clash, owner)
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	old := &graph.Extraction{Document: graph.Document{ID: doc.ID}}
	if !isNew {
		if old, err = dropRows(t, doc.ID, doc.Date, d); err != nil {
			return err
		}
	} else {
		d.counters[counterDocuments]++
	}
	d.counters[counterMentioned] += len(x.Entities)
	for _, e := range x.Entities {
		d.seen(e.ID, doc.Date)
	}
	var seq int64
	if err := t.queryRow(qUpsertDocument, doc.ID, doc.Title, doc.Date, doc.Source, doc.URL, doc.Text, len(doc.Text), len(x.Statements), hash).Scan(&seq); err != nil {
		return err
	}
	if err := insertEntities(t, doc, seq, x.Entities, d); err != nil {
		return err
	}
	for _, e := range x.Entities {
		c := d.entity(e.ID)
		c.mentions += len(e.Mentions)
		c.documents++
		for _, a := range uniqueAliases(e.Aliases) {
			d.aliases[[2]string{e.ID, a}]++
		}
	}
	if err := insertStatements(t, doc, x.Statements); err != nil {
		return err
	}
	for _, r := range x.Relations {
		if err := t.exec(qInsertRelation, doc.ID, string(r.Type), r.Source, r.Target, r.Role); err != nil {
			return err
		}
	}
	d.replace(old, x)
	return nil
}

// dropRows removes the rows document id gave (not its documents row) and
// returns the version they held as the link layer saw it, read before the
// rows go, its share taken out of the entities' running sums while its
// rows are still there. date is the date to give that version when it has
// no statements to read one from.
func dropRows(t *txn, id, date string, d *derived) (*graph.Extraction, error) {
	oldEntities, err := queryStrings(t, qEntitiesOfDoc, id)
	if err != nil {
		return nil, err
	}
	for _, e := range oldEntities {
		d.dirty[e] = true
	}
	d.counters[counterMentioned] -= len(oldEntities)
	old, err := storedExtraction(t, id, date)
	if err != nil {
		return nil, err
	}
	return old, execEach(t, []string{qSubtractShare, qHoldAliases, qSubtractAliases, qDeleteStatements, qDeleteRelations, qDeleteMentions}, id)
}

// refCounts returns how many distinct (statement, about entity) and
// (statement, outlet) pairs x holds: the ABOUT and REPORTED_BY edges it
// stores.
func refCounts(x *graph.Extraction) (about, outlets int) {
	for _, st := range x.Statements {
		about += len(uniqueRefs(st.About))
		outlets += len(uniqueRefs(st.ReportedBy))
	}
	return about, outlets
}

func uniqueRefs(refs []graph.EntityRef) []string {
	var ids []string
	for _, r := range refs {
		if !slices.Contains(ids, r.ID) {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// execEach runs each query with the same arguments.
func execEach(t *txn, queries []string, args ...any) error {
	for _, q := range queries {
		if err := t.exec(q, args...); err != nil {
			return err
		}
	}
	return nil
}

// insertEntities writes the document's rows of its entities, creating the
// entities it is the first to name (with zero counts: the caller adds the
// document's share, and sets name and dates after) and counting them by
// kind; one statement each for all the entities.
func insertEntities(t *txn, d graph.Document, seq int64, entities []graph.DocumentEntity, changes *derived) error {
	var created, mentions [][]any
	for _, e := range entities {
		slug := graph.Slug(e.Name)
		created = append(created, []any{e.ID, string(e.Kind), e.Name, slug})
		mentions = append(mentions, []any{e.ID, d.ID, seq, d.Date, e.Name, slug, len(e.Mentions), jsonArray(uniqueAliases(e.Aliases))})
	}
	err := queryRows(t, qInsertEntities, created, func(row scanner) error {
		var id, kind string
		err := row.Scan(&id, &kind)
		changes.counters[counterKindPrefix+kind]++
		changes.dirty[id] = true
		return err
	})
	if err != nil {
		return err
	}
	return execRows(t, qInsertMentions, mentions)
}

// uniqueAliases drops empty and repeated aliases, so that each counts once
// per document in entity_aliases.
func uniqueAliases(aliases []string) []string {
	out := []string{}
	for _, a := range aliases {
		if a != "" && !slices.Contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

// insertStatements writes the document's statements and their about and
// outlet rows, one statement each for all of them.
func insertStatements(t *txn, d graph.Document, statements []graph.Statement) error {
	first, last := graph.DateBounds(d.Date)
	var rows, refs [][]any
	for _, st := range statements {
		rows = append(rows, []any{st.ID, d.ID, st.Speaker.ID, st.Text, st.Quote, st.Cue, d.Date, first, last, st.Start, st.End})
		for _, list := range []struct {
			role string
			refs []graph.EntityRef
		}{{roleAbout, st.About}, {roleOutlet, st.ReportedBy}} {
			for pos, r := range list.refs {
				refs = append(refs, []any{st.ID, list.role, r.ID, pos, st.Speaker.ID, d.Date})
			}
		}
	}
	if err := execRows(t, qInsertStatements, rows); err != nil {
		return err
	}
	return execRows(t, qInsertRefs, refs)
}

// Roles of statement_refs rows.
const (
	roleAbout  = "about"
	roleOutlet = "outlet"
)

func stmtIDs(statements []graph.Statement) []string {
	ids := make([]string, len(statements))
	for i, st := range statements {
		ids[i] = st.ID
	}
	return ids
}

// jsonArray encodes strings as a JSON array, the one parameter through
// which queries take a list (with json_each) instead of a built IN list.
func jsonArray(list []string) string {
	if list == nil {
		return "[]"
	}
	b, _ := json.Marshal(list) // a []string always encodes
	return string(b)
}

// queryStrings returns the first column of every row of a query.
func queryStrings(t *txn, query string, args ...any) ([]string, error) {
	rows, err := t.query(query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

package sqlite

import (
	"context"
	"fmt"

	"github.com/entitygraph/entitygraph/graph"
)

// schemaV1 is the first schema. Dates are kept as written ("2024-01") and
// as the first and last day they cover (graph.DateBounds, "" when unknown),
// which time-range filters compare against.
const schemaV1 = `
CREATE TABLE documents (
	-- seq orders documents by first write; it survives a rewrite of the
	-- same id, so "the first document to name an entity" is stable.
	seq        INTEGER PRIMARY KEY,
	id         TEXT NOT NULL UNIQUE,
	title      TEXT NOT NULL,
	date       TEXT NOT NULL,
	source     TEXT NOT NULL,
	url        TEXT NOT NULL,
	text       TEXT NOT NULL,
	bytes      INTEGER NOT NULL,
	statements INTEGER NOT NULL,
	-- hash of the extraction last written, to answer Unchanged.
	hash       TEXT NOT NULL
);
-- Newest first: an undated document ('') sorts after every date.
CREATE INDEX documents_by_date ON documents(date DESC, id);

CREATE TABLE entities (
	rid        INTEGER PRIMARY KEY, -- rowid of the entity's entity_fts row
	id         TEXT NOT NULL UNIQUE,
	kind       TEXT NOT NULL,
	name       TEXT NOT NULL,
	slug       TEXT NOT NULL,
	aliases    TEXT NOT NULL DEFAULT '[]', -- JSON array of its entity_aliases
	mentions   INTEGER NOT NULL DEFAULT 0,
	documents  INTEGER NOT NULL DEFAULT 0,
	first_seen TEXT NOT NULL DEFAULT '',
	last_seen  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX entities_by_mentions ON entities(mentions DESC, id);
CREATE INDEX entities_by_kind ON entities(kind, mentions DESC, id);

-- What one document says of one entity. An entity's mentions and
-- documents are running sums of these rows (a write subtracts the old rows
-- of its document and adds the new ones), so a write costs the same however
-- many documents name the entity; seq and date copy the document's, so the
-- first-written name and the first/last dates are index lookups.
CREATE TABLE entity_documents (
	entity_id   TEXT NOT NULL REFERENCES entities(id),
	document_id TEXT NOT NULL REFERENCES documents(id),
	seq         INTEGER NOT NULL,
	date        TEXT NOT NULL,
	name        TEXT NOT NULL,
	slug        TEXT NOT NULL,
	mentions    INTEGER NOT NULL,
	aliases     TEXT NOT NULL, -- JSON array, without repeats
	PRIMARY KEY (entity_id, document_id)
) WITHOUT ROWID;
CREATE INDEX entity_documents_by_document ON entity_documents(document_id);
CREATE INDEX entity_documents_by_seq ON entity_documents(entity_id, seq);
CREATE INDEX entity_documents_by_date ON entity_documents(entity_id, date);

-- Every alias of an entity, with how many documents give it.
CREATE TABLE entity_aliases (
	entity_id TEXT NOT NULL REFERENCES entities(id),
	alias     TEXT NOT NULL,
	documents INTEGER NOT NULL,
	PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;

CREATE TABLE statements (
	id          TEXT PRIMARY KEY,
	document_id TEXT NOT NULL REFERENCES documents(id),
	speaker_id  TEXT NOT NULL REFERENCES entities(id),
	text        TEXT NOT NULL,
	quote       TEXT NOT NULL,
	cue         TEXT NOT NULL,
	date        TEXT NOT NULL,
	date_first  TEXT NOT NULL,
	date_last   TEXT NOT NULL,
	span_start  INTEGER NOT NULL,
	span_end    INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX statements_by_document ON statements(document_id);
CREATE INDEX statements_by_speaker ON statements(speaker_id);
CREATE INDEX statements_by_date ON statements(date_first);

-- The entities a statement is about (role 'about') and the outlets that
-- carried it (role 'outlet'), in the order the extraction gave them.
CREATE TABLE statement_refs (
	statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
	role         TEXT NOT NULL CHECK (role IN ('about', 'outlet')),
	entity_id    TEXT NOT NULL REFERENCES entities(id),
	pos          INTEGER NOT NULL,
	PRIMARY KEY (statement_id, role, entity_id)
) WITHOUT ROWID;
CREATE INDEX statement_refs_by_entity ON statement_refs(entity_id, role);

CREATE TABLE relations (
	document_id TEXT NOT NULL REFERENCES documents(id),
	type        TEXT NOT NULL,
	source      TEXT NOT NULL REFERENCES entities(id),
	target      TEXT NOT NULL REFERENCES entities(id),
	role        TEXT NOT NULL,
	PRIMARY KEY (document_id, type, source, target, role)
) WITHOUT ROWID;
CREATE INDEX relations_by_source ON relations(source);
CREATE INDEX relations_by_target ON relations(target);

-- Names and aliases, folded to lower case without accents.
CREATE VIRTUAL TABLE entity_fts USING fts5(name, aliases, tokenize = 'unicode61 remove_diacritics 2');
`

// schemaV2 adds the link layer (see graph.LinkReader): the entity view
// kept as aggregates on write, and the counters that /stats, timelines and
// the statement view read instead of counting rows. Every table here is
// derived from the documents' rows and kept by adding a document's shares
// (graph.LinkShares, graph.EntityShares) and subtracting those of the
// version it replaces; migrateV2 fills them for a database written before.
const schemaV2 = `
-- One row per entity-view link (type, source, target): its count, first
-- and last date, a standing relation's role and up to graph.MaxEdgeSample
-- statements, newest first, as text "DATE ID DATE ID" (see encodeSample).
CREATE TABLE links (
	source TEXT NOT NULL,
	target TEXT NOT NULL,
	type   TEXT NOT NULL,
	count  INTEGER NOT NULL,
	first  TEXT NOT NULL DEFAULT '',
	last   TEXT NOT NULL DEFAULT '',
	role   TEXT NOT NULL DEFAULT '',
	sample TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (source, target, type)
) WITHOUT ROWID;
CREATE INDEX links_by_target ON links(target, source, type);

-- A link's count per date (as written; '' for undated), which a time
-- range sums exactly as it would filter the statements. Read through the
-- links of an entity, so it needs no index of its own.
CREATE TABLE link_dates (
	source     TEXT NOT NULL,
	target     TEXT NOT NULL,
	type       TEXT NOT NULL,
	date       TEXT NOT NULL,
	count      INTEGER NOT NULL,
	PRIMARY KEY (source, target, type, date)
) WITHOUT ROWID;

-- Each pair of linked entities twice, once from each end, with the sum of
-- the counts of every link between them: a ring of a neighborhood is the
-- first rows of an entity in weight order.
CREATE TABLE neighbors (
	entity     TEXT NOT NULL,
	other      TEXT NOT NULL,
	other_kind TEXT NOT NULL,
	weight     INTEGER NOT NULL,
	PRIMARY KEY (entity, other)
) WITHOUT ROWID;
-- other_kind rides along so that a ring of one kind is read from the index
-- alone.
CREATE INDEX neighbors_by_weight ON neighbors(entity, weight DESC, other, other_kind);

-- How many statements name an entity (as speaker, about or outlet), per
-- date: timelines and the statement view's counts.
CREATE TABLE entity_dates (
	entity_id  TEXT NOT NULL,
	date       TEXT NOT NULL,
	count      INTEGER NOT NULL,
	PRIMARY KEY (entity_id, date)
) WITHOUT ROWID;

-- Running totals for /stats, kept by every write.
CREATE TABLE counters (
	name  TEXT PRIMARY KEY,
	value INTEGER NOT NULL
) WITHOUT ROWID;

ALTER TABLE entities ADD COLUMN degree INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN degree_person INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN degree_organization INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN degree_country INTEGER NOT NULL DEFAULT 0;
ALTER TABLE entities ADD COLUMN statements INTEGER NOT NULL DEFAULT 0;

-- The statement lists read newest first (undated last) through indexes,
-- whichever entity they are filtered by: the refs carry their statement's
-- speaker and date.
ALTER TABLE statement_refs ADD COLUMN speaker_id TEXT NOT NULL DEFAULT '';
ALTER TABLE statement_refs ADD COLUMN date TEXT NOT NULL DEFAULT '';
UPDATE statement_refs SET
	speaker_id = (SELECT s.speaker_id FROM statements s WHERE s.id = statement_refs.statement_id),
	date = (SELECT s.date FROM statements s WHERE s.id = statement_refs.statement_id);
DROP INDEX statement_refs_by_entity;
CREATE INDEX statement_refs_by_entity ON statement_refs(entity_id, role, date DESC, statement_id);
CREATE INDEX statement_refs_by_pair ON statement_refs(entity_id, role, speaker_id, date DESC, statement_id);
DROP INDEX statements_by_speaker;
CREATE INDEX statements_by_speaker ON statements(speaker_id, date DESC, id);
CREATE INDEX statements_by_recency ON statements(date DESC, id);
CREATE INDEX relations_by_link ON relations(source, target, type, role);
-- Search: the same index with prefix indexes of 2 and 3 letters, which a
-- short prefix ("ma") reads instead of every term that starts with it.
DROP TABLE entity_fts;
CREATE VIRTUAL TABLE entity_fts USING fts5(name, aliases, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
INSERT INTO entity_fts (rowid, name, aliases)
	SELECT rid, name, (SELECT group_concat(value, ' ; ') FROM json_each(entities.aliases)) FROM entities;

-- Version 1's reads that the link layer replaced.
DROP INDEX statements_by_date;
DROP INDEX relations_by_source;
DROP INDEX relations_by_target;
`

// schemaV3 keeps corrections (see graph.Curation) and each document's
// extraction as extraction gave it, which a correction added or undone
// rewrites the document from. A document written by an earlier version has
// no raw extraction: corrections reach it when it is ingested again.
//
// A statement may now be unattributed (speaker_id ”): statements loses
// its foreign key on the speaker, which SQLite can only do by building
// the table again; statement_refs goes first, so that dropping statements
// cascades to nothing.
const schemaV3 = `
CREATE TABLE statements_v3 (
	id          TEXT PRIMARY KEY,
	document_id TEXT NOT NULL REFERENCES documents(id),
	speaker_id  TEXT NOT NULL, -- '' for an unattributed statement
	text        TEXT NOT NULL,
	quote       TEXT NOT NULL,
	cue         TEXT NOT NULL,
	date        TEXT NOT NULL,
	date_first  TEXT NOT NULL,
	date_last   TEXT NOT NULL,
	span_start  INTEGER NOT NULL,
	span_end    INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO statements_v3 SELECT id, document_id, speaker_id, text, quote, cue, date, date_first, date_last, span_start, span_end FROM statements;
CREATE TABLE statement_refs_v3 (
	statement_id TEXT NOT NULL REFERENCES statements_v3(id) ON DELETE CASCADE,
	role         TEXT NOT NULL CHECK (role IN ('about', 'outlet')),
	entity_id    TEXT NOT NULL REFERENCES entities(id),
	pos          INTEGER NOT NULL,
	speaker_id   TEXT NOT NULL DEFAULT '',
	date         TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (statement_id, role, entity_id)
) WITHOUT ROWID;
INSERT INTO statement_refs_v3 SELECT statement_id, role, entity_id, pos, speaker_id, date FROM statement_refs;
DROP TABLE statement_refs;
DROP TABLE statements;
ALTER TABLE statements_v3 RENAME TO statements;
ALTER TABLE statement_refs_v3 RENAME TO statement_refs;
CREATE INDEX statements_by_document ON statements(document_id);
CREATE INDEX statements_by_speaker ON statements(speaker_id, date DESC, id);
CREATE INDEX statements_by_recency ON statements(date DESC, id);
CREATE INDEX statement_refs_by_entity ON statement_refs(entity_id, role, date DESC, statement_id);
CREATE INDEX statement_refs_by_pair ON statement_refs(entity_id, role, speaker_id, date DESC, statement_id);

-- Corrections in the order they apply; body is the graph.Correction as
-- JSON. version counts every add and undo, so that a store caching the
-- curation knows when another process changed it.
CREATE TABLE corrections (
	seq  INTEGER PRIMARY KEY,
	id   TEXT NOT NULL UNIQUE,
	body TEXT NOT NULL
);
CREATE TABLE curation_version (one INTEGER PRIMARY KEY CHECK (one = 1), version INTEGER NOT NULL);
INSERT INTO curation_version VALUES (1, 0);

-- Each document's extraction as extraction gave it, as JSON without the
-- text (documents keeps it), and the entity ids it names: the documents
-- a correction of an entity rewrites.
CREATE TABLE raw_extractions (
	document_id TEXT PRIMARY KEY REFERENCES documents(id),
	extraction  TEXT NOT NULL
);
CREATE TABLE raw_entities (
	entity_id   TEXT NOT NULL,
	document_id TEXT NOT NULL,
	PRIMARY KEY (entity_id, document_id)
) WITHOUT ROWID;
CREATE INDEX raw_entities_by_document ON raw_entities(document_id);
`

// schemaV10 indexes relations by target again (version 3 dropped the
// index when reads stopped using it): deleting an entity, as a rewrite
// does with one no document names any more and a merge does, makes
// SQLite check every table whose foreign key points at entities, and
// without it that check read all of relations, about 138 ms per entity
// at a million relations.
const schemaV10 = `CREATE INDEX relations_by_target ON relations(target);`

// migrate brings the schema to the newest version, one step per
// PRAGMA user_version, in one write transaction: two processes opening a
// new file at once migrate it once. It returns an Unavailable error for a
// database written by a newer version of this program.
func (s *Store) migrate(ctx context.Context) error {
	const op = "sqlite.migrate"
	steps := []func(t *txn) error{
		func(t *txn) error { return t.exec(schemaV1) },
		migrateV2,
		func(t *txn) error { return t.exec(schemaV3) },
		migrateV4,
		func(t *txn) error { return t.exec(schemaV5) },
		migrateV6,
		migrateV7,
		migrateV8,
		migrateV9,
		func(t *txn) error { return t.exec(schemaV10) },
		func(t *txn) error { return t.exec(schemaV11) },
	}
	return s.write(ctx, op, "migrating the schema", func(t *txn) error {
		var version int
		if err := t.queryRow(`PRAGMA user_version`).Scan(&version); err != nil {
			return err
		}
		if version > len(steps) {
			return graph.Errorf(graph.Unavailable, op, "the database has schema version %d, newer than this program knows (%d)", version, len(steps))
		}
		for i := version; i < len(steps); i++ {
			if err := steps[i](t); err != nil {
				return fmt.Errorf("schema step %d: %w", i+1, err)
			}
		}
		if version == len(steps) {
			return nil
		}
		// PRAGMA takes no bound parameters; the value is our own integer.
		return t.exec(fmt.Sprintf(`PRAGMA user_version = %d`, len(steps)))
	})
}

// migrateV2 creates the link layer and fills it from the documents a
// version 1 database holds, each added as a write adds it.
func migrateV2(t *txn) error {
	if err := t.exec(schemaV2); err != nil {
		return err
	}
	err := t.exec(`INSERT INTO counters (name, value)
		SELECT 'documents', count(*) FROM documents
		UNION ALL SELECT 'statements', count(*) FROM statements
		UNION ALL SELECT 'mentioned_in', count(*) FROM entity_documents
		UNION ALL SELECT 'about', count(*) FROM statement_refs WHERE role = 'about'
		UNION ALL SELECT 'outlet', count(*) FROM statement_refs WHERE role = 'outlet'
		UNION ALL SELECT 'kind:' || kind, count(*) FROM entities GROUP BY kind`)
	if err != nil {
		return err
	}
	if err := addTopColumn(t); err != nil {
		return err
	}
	d := newDerived()
	err = eachStored(t, func(x *graph.Extraction) error {
		d.replace(&graph.Extraction{Document: x.Document}, x)
		return nil
	})
	if err != nil {
		return err
	}
	// The counters above already hold what the documents' rows count;
	// the links count the standing relations. d holds no aliases or
	// entity sums (the rows kept them): apply adds the rest.
	d.counters = map[string]int{}
	d.tallies = map[tallyDate]int{} // the tally layer comes with version 4
	return d.apply(t)
}

// eachStored calls fn with what each document the database holds gave
// the derived tables (see storedExtraction), in the order of first write,
// and returns fn's first error.
func eachStored(t *txn, fn func(x *graph.Extraction) error) error {
	rows, err := t.tx.QueryContext(t.ctx, `SELECT id, date FROM documents ORDER BY seq`)
	if err != nil {
		return err
	}
	type doc struct{ id, date string }
	docs, err := collect(rows, func(row scanner) (doc, error) {
		var d doc
		err := row.Scan(&d.id, &d.date)
		return d, err
	})
	if err != nil {
		return err
	}
	for _, doc := range docs {
		x, err := storedExtraction(t, doc.id, doc.date)
		if err != nil {
			return err
		}
		if err := fn(x); err != nil {
			return err
		}
	}
	return nil
}

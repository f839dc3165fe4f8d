package sqlite

import (
	"database/sql"
	"encoding/json"
	"errors"
	"maps"
	"slices"

	"github.com/entitygraph/entitygraph/graph"
)

// Syndicated copies (see graph/copies.go): a fingerprinted document is
// matched, inside its write transaction, against the canonical documents
// that share one of its LSH band keys (an index lookup), and written as a
// document of its own, folded into one, or put in the place of a later
// report. Writes are serialized (BEGIN IMMEDIATE), so two writers of
// copies of one story, in one process or two, end as if one came first.

// schemaV5 keeps what folding needs: each document's fingerprint and
// outlet (its raw extraction, in raw_extractions since version 3, is what
// its copies' outlets are folded into again when its copies change); its
// copies, with their fingerprints; and the band keys of both, which a new
// report is matched through.
const schemaV5 = `
ALTER TABLE documents ADD COLUMN fingerprint BLOB;
ALTER TABLE documents ADD COLUMN outlet_id TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN outlet_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN outlet_name TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN copies INTEGER NOT NULL DEFAULT 0;

CREATE TABLE document_bands (
	band        INTEGER NOT NULL,
	document_id TEXT NOT NULL,
	PRIMARY KEY (band, document_id)
) WITHOUT ROWID;
CREATE INDEX document_bands_by_document ON document_bands(document_id);

-- A copy keeps its own id, so that its address still answers, and the
-- hash of its extraction, so that writing it again changes nothing.
CREATE TABLE document_copies (
	id           TEXT PRIMARY KEY,
	canonical_id TEXT NOT NULL,
	title        TEXT NOT NULL,
	date         TEXT NOT NULL,
	source       TEXT NOT NULL,
	url          TEXT NOT NULL,
	outlet_id    TEXT NOT NULL,
	outlet_kind  TEXT NOT NULL,
	outlet_name  TEXT NOT NULL,
	hash         TEXT NOT NULL,
	fingerprint  BLOB,
	undated      INTEGER GENERATED ALWAYS AS (date = '') VIRTUAL
) WITHOUT ROWID;
-- A document's copies, first reports first (graph.FirstReport), and its
-- copies' outlets, which its statements are folded with.
CREATE INDEX document_copies_by_canonical ON document_copies(canonical_id, undated, date, id);
CREATE INDEX document_copies_by_outlet ON document_copies(canonical_id, outlet_id);
`

const (
	qStoredCopy = `SELECT canonical_id, hash FROM document_copies WHERE id = ?`
	// The documents and copies that share a band key, with the
	// document of their story and its date.
	qCopyCandidates = `WITH m AS (SELECT DISTINCT document_id AS id FROM document_bands
			WHERE band IN (SELECT value FROM json_each(?1)) LIMIT ?2)
		SELECT d.id, d.id, d.date, d.fingerprint FROM m JOIN documents d ON d.id = m.id WHERE d.fingerprint IS NOT NULL
		UNION ALL
		SELECT c.id, c.canonical_id, cd.date, c.fingerprint FROM m JOIN document_copies c ON c.id = m.id
			JOIN documents cd ON cd.id = c.canonical_id WHERE c.fingerprint IS NOT NULL`
	copyColumns = `id, title, date, source, url, outlet_id, outlet_kind, outlet_name`
	qCopiesOf   = `SELECT ` + copyColumns + ` FROM document_copies WHERE canonical_id = ?1
		ORDER BY undated, date, id LIMIT ?2`
	qInsertCopy = `INSERT INTO document_copies (id, canonical_id, title, date, source, url, outlet_id, outlet_kind, outlet_name, hash, fingerprint)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	// qDemote makes document ?1 a copy of ?2, from its own row.
	qDemote = `INSERT INTO document_copies (id, canonical_id, title, date, source, url, outlet_id, outlet_kind, outlet_name, hash, fingerprint)
		SELECT id, ?2, title, date, source, url, outlet_id, outlet_kind, outlet_name, hash, fingerprint FROM documents WHERE id = ?1`
	// One copy per outlet of document ?1: what its statements are folded
	// with, read through the index in as many steps as it has outlets.
	qCopyOutlets = `SELECT ` + copyColumns + ` FROM document_copies WHERE canonical_id = ?1 AND outlet_id > ''
		GROUP BY outlet_id`
	qHasOutlet      = `SELECT 1 FROM document_copies WHERE canonical_id = ?1 AND outlet_id = ?2 AND id <> ?3 LIMIT 1`
	qAddCopy        = `UPDATE documents SET copies = copies + 1 WHERE id = ?`
	qMoveCopies     = `UPDATE document_copies SET canonical_id = ?2 WHERE canonical_id = ?1`
	qDeleteCopy     = `DELETE FROM document_copies WHERE id = ?`
	qCountCopies    = `UPDATE documents SET copies = (SELECT count(*) FROM document_copies WHERE canonical_id = ?1) WHERE id = ?1`
	qDeleteBands    = `DELETE FROM document_bands WHERE document_id = ?`
	qInsertBands    = `INSERT OR IGNORE INTO document_bands (band, document_id) SELECT value, ?2 FROM json_each(?1)`
	qSetFoldColumns = `UPDATE documents SET fingerprint = ?2, outlet_id = ?3, outlet_kind = ?4, outlet_name = ?5
		WHERE id = ?1`
	qOutletOf       = `SELECT outlet_id, outlet_kind, outlet_name FROM documents WHERE id = ?`
	qDeleteRaw      = `DELETE FROM raw_extractions WHERE document_id = ?`
	qDeleteDocument = `DELETE FROM documents WHERE id = ?`
)

// writeFolded writes x as graph.PlanCopy decides, setting res: a
// document without a fingerprint is written as a document of its own
// (with the copies it has folded in) and matched with none. What a
// document shows is cur's correction of its raw extraction with its
// copies folded in.
func writeFolded(t *txn, op string, cur *graph.Curation, x *graph.Extraction, hash string, res *graph.WriteResult, d *derived) error {
	id := x.Document.ID
	var prev *graph.StoredCopy
	var sc graph.StoredCopy
	switch err := t.queryRow(qStoredCopy, id).Scan(&sc.Canonical, &sc.Hash); {
	case err == nil:
		prev = &sc
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	var cands []graph.CopyCandidate
	var bands []int64
	var fp []byte
	if x.Fingerprint != nil {
		bands, fp = x.Fingerprint.Bands(), x.Fingerprint.Bytes()
		var err error
		if cands, err = copyCandidates(t, bands); err != nil {
			return err
		}
	}
	plan := graph.PlanCopy(x, hash, prev, cands)
	if plan.Keep {
		res.Unchanged, res.CopyOf, res.Entities, res.Statements = true, plan.Canonical, 0, 0
		return nil
	}
	res.Folded = len(plan.Demote)
	refold := map[string]bool{}
	if plan.Leave != "" {
		if err := t.exec(qDeleteCopy, id); err != nil {
			return err
		}
		refold[plan.Leave] = true
	}
	for _, later := range plan.Demote {
		if _, err := demote(t, later, plan.Canonical, true, d); err != nil {
			return err
		}
		delete(refold, later)
	}
	if plan.Canonical == id {
		if err := writeCanonical(t, op, cur, x, hash, d); err != nil {
			return err
		}
	} else {
		// A document that turns out to be a later report of another
		// story's document hands its copies over.
		wasDocument, err := demote(t, id, plan.Canonical, false, d)
		if err != nil {
			return err
		}
		// The document's rows change only when its story gains an
		// outlet (or copies move): a wire story's hundredth copy from an
		// outlet already there is one row.
		newOutlet := false
		if o := x.Outlet; o != nil {
			var one int
			switch err := t.queryRow(qHasOutlet, plan.Canonical, o.ID, id).Scan(&one); {
			case errors.Is(err, sql.ErrNoRows):
				newOutlet = true
			case err != nil:
				return err
			}
		}
		o := outletColumns(x.Outlet)
		doc := x.Document
		if err := t.exec(qInsertCopy, id, plan.Canonical, doc.Title, doc.Date, doc.Source, doc.URL, o[0], o[1], o[2], hash, fp); err != nil {
			return err
		}
		if newOutlet || wasDocument || len(plan.Demote) > 0 || plan.Leave == plan.Canonical {
			refold[plan.Canonical] = true
		} else if err := t.exec(qAddCopy, plan.Canonical); err != nil {
			return err
		}
		res.CopyOf, res.Entities, res.Statements = plan.Canonical, 0, 0
	}
	if err := t.exec(qDeleteBands, id); err != nil {
		return err
	}
	if len(bands) > 0 {
		keys, _ := json.Marshal(bands) // []int64 always encodes
		if err := t.exec(qInsertBands, string(keys), id); err != nil {
			return err
		}
	}
	for _, c := range slices.Sorted(maps.Keys(refold)) {
		if err := refoldDocument(t, op, cur, c, d); err != nil {
			return err
		}
	}
	return nil
}

// copyCandidates returns the canonical documents that share a band key.
func copyCandidates(t *txn, bands []int64) ([]graph.CopyCandidate, error) {
	if len(bands) == 0 {
		return nil, nil
	}
	keys, _ := json.Marshal(bands) // []int64 always encodes
	rows, err := t.query(qCopyCandidates, string(keys), graph.MaxCopyCandidates)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(row scanner) (graph.CopyCandidate, error) {
		var c graph.CopyCandidate
		var fp []byte
		err := row.Scan(&c.ID, &c.Canonical, &c.Date, &fp)
		c.Fingerprint, _ = graph.ParseFingerprint(fp)
		return c, err
	})
}

// writeCanonical writes x as a document of its own with its stored
// copies' outlets folded in, and keeps what later folds need (its band
// keys are the caller's).
func writeCanonical(t *txn, op string, cur *graph.Curation, x *graph.Extraction, hash string, d *derived) error {
	id := x.Document.ID
	outlets, err := copyOutlets(t, id)
	if err != nil {
		return err
	}
	if err := writeVersion(t, op, cur.Apply(graph.FoldCopies(x, outlets)), hash, d); err != nil {
		return err
	}
	if err := saveRaw(t, x); err != nil {
		return err
	}
	var fp []byte
	if x.Fingerprint != nil {
		fp = x.Fingerprint.Bytes()
	}
	o := outletColumns(x.Outlet)
	if err := t.exec(qSetFoldColumns, id, fp, o[0], o[1], o[2]); err != nil {
		return err
	}
	return t.exec(qCountCopies, id)
}

// writeVersion replaces the rows of x's document by x's.
func writeVersion(t *txn, op string, x *graph.Extraction, hash string, d *derived) error {
	var old string
	var hasRaw bool
	err := t.queryRow(qDocumentHash, x.Document.ID).Scan(&old, &hasRaw)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	return replaceDocument(t, op, x, hash, err != nil, d)
}

// foldedRaw returns document id as extraction gave it, with the copies
// it has now folded in, and the hash of the extraction last written; ok
// is false for a document not stored, or written before the store kept
// raw extractions.
func foldedRaw(t *txn, id string) (x *graph.Extraction, hash string, ok bool, err error) {
	x, hash, ok, err = rawExtraction(t, id)
	if err != nil || !ok {
		return nil, "", ok, err
	}
	var o graph.EntityRef
	if err := t.queryRow(qOutletOf, id).Scan(&o.ID, &o.Kind, &o.Name); err != nil {
		return nil, "", false, err
	}
	if o.ID != "" {
		x.Outlet = &o
	}
	outlets, err := copyOutlets(t, id)
	if err != nil {
		return nil, "", false, err
	}
	return graph.FoldCopies(x, outlets), hash, true, nil
}

// refoldDocument writes the document id again, from its raw extraction,
// with its copies as they are now. A document that is not (or no longer)
// stored, or was written before raw extractions were kept, is left as it
// is.
func refoldDocument(t *txn, op string, cur *graph.Curation, id string, d *derived) error {
	x, hash, ok, err := foldedRaw(t, id)
	if err != nil || !ok {
		return err
	}
	if err := writeVersion(t, op, cur.Apply(x), hash, d); err != nil {
		return err
	}
	return t.exec(qCountCopies, id)
}

// demote makes the stored document id, if there is one (it returns
// whether there was), and its copies copies of into, and removes what id
// gave. asCopy says whether id itself is listed as a copy (from its own
// row): a document folded into another is listed from its new extraction
// by the caller instead.
func demote(t *txn, id, into string, asCopy bool, d *derived) (bool, error) {
	var date string
	switch err := t.queryRow(`SELECT date FROM documents WHERE id = ?`, id).Scan(&date); {
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	case err != nil:
		return false, err
	}
	if asCopy {
		if err := t.exec(qDemote, id, into); err != nil {
			return false, err
		}
	}
	if err := t.exec(qMoveCopies, id, into); err != nil {
		return false, err
	}
	old, err := dropRows(t, id, date, d)
	if err != nil {
		return false, err
	}
	d.replace(old, &graph.Extraction{Document: graph.Document{ID: id, Date: date}})
	d.counters[counterDocuments]--
	// Its band keys stay: it is matched as a copy now.
	return true, execEach(t, []string{qDropRawEntities, qDeleteRaw, qDeleteDocument}, id)
}

// copyOutlets returns one copy of document id per outlet its copies
// name: what graph.FoldCopies reads.
func copyOutlets(t *txn, id string) ([]graph.Copy, error) {
	rows, err := t.query(qCopyOutlets, id)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(row scanner) (graph.Copy, error) { return scanCopy(row) })
}

// copiesOf returns the copies of document id, first reports first, at
// most limit of them.
func copiesOf(t *txn, id string, limit int) ([]graph.Copy, error) {
	rows, err := t.query(qCopiesOf, id, limit)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(row scanner) (graph.Copy, error) { return scanCopy(row) })
}

// scanCopy scans copyColumns, and then into more.
func scanCopy(row scanner, more ...any) (graph.Copy, error) {
	var c graph.Copy
	var o graph.EntityRef
	err := row.Scan(append([]any{&c.ID, &c.Title, &c.Date, &c.Source, &c.URL, &o.ID, &o.Kind, &o.Name}, more...)...)
	if o.ID != "" {
		c.Outlet = &o
	}
	return c, err
}

// outletColumns returns an outlet as the id, kind and name columns, empty
// for none.
func outletColumns(o *graph.EntityRef) [3]string {
	if o == nil {
		return [3]string{}
	}
	return [3]string{o.ID, string(o.Kind), o.Name}
}

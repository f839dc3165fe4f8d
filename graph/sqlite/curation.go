package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"sync"
	"time"

	"github.com/entitygraph/entitygraph/graph"
)

// Corrections (graph.Curator): each is a row of corrections; each document
// keeps its raw extraction, and what the store shows is the curation's
// Apply of it, written by replaceDocument like any write (see
// graph.Curation for why).

var _ graph.Curator = (*Store)(nil)

const (
	qCurationVersion = `SELECT version FROM curation_version`
	qBumpCuration    = `UPDATE curation_version SET version = version + 1`
	qAllCorrections  = `SELECT body FROM corrections ORDER BY seq`
	qAddCorrection   = `INSERT INTO corrections (id, body) VALUES (?, ?)`
	qDropCorrection  = `DELETE FROM corrections WHERE id = ?`
	qSaveRaw         = `INSERT INTO raw_extractions (document_id, extraction) VALUES (?1, ?2)
		ON CONFLICT (document_id) DO UPDATE SET extraction = excluded.extraction`
	qDropRawEntities = `DELETE FROM raw_entities WHERE document_id = ?`
	qAddRawEntities  = `INSERT OR IGNORE INTO raw_entities (entity_id, document_id)
		SELECT j.value, ?2 FROM json_each(?1) j`
	qRawExtraction = `SELECT r.extraction, d.text, d.hash FROM raw_extractions r JOIN documents d ON d.id = r.document_id
		WHERE r.document_id = ?`
	qDocumentsNaming = `SELECT DISTINCT document_id FROM raw_entities WHERE entity_id IN (SELECT value FROM json_each(?1))`
	qEntityRef       = `SELECT id, kind, name FROM entities WHERE id = ?`
)

// curationCache is the curation last read, with the version it was read
// at: a write or a redirect reads one row to know it is still current.
type curationCache struct {
	mu      sync.Mutex
	version int64
	cur     *graph.Curation
}

// curation returns the corrections the transaction sees, folded, reading
// them again only when their version moved since the last read.
func (s *Store) curation(t *txn) (*graph.Curation, error) {
	var version int64
	if err := t.queryRow(qCurationVersion).Scan(&version); err != nil {
		return nil, err
	}
	s.curated.mu.Lock()
	defer s.curated.mu.Unlock()
	if s.curated.cur != nil && s.curated.version == version {
		return s.curated.cur, nil
	}
	rows, err := t.query(qAllCorrections)
	if err != nil {
		return nil, err
	}
	list, err := collect(rows, func(row scanner) (graph.Correction, error) {
		var body string
		var c graph.Correction
		if err := row.Scan(&body); err != nil {
			return c, err
		}
		return c, json.Unmarshal([]byte(body), &c)
	})
	if err != nil {
		return nil, err
	}
	cur, err := graph.NewCuration(list)
	if err != nil {
		return nil, graph.Wrap(graph.Internal, "sqlite.curation", "the stored corrections do not apply in order", err)
	}
	s.curated.version, s.curated.cur = version, cur
	return cur, nil
}

// saveRaw keeps x as extraction gave it (without its text, which
// documents keeps) and the entity ids it names.
func saveRaw(t *txn, x *graph.Extraction) error {
	raw := *x
	raw.Document.Text = ""
	b, err := json.Marshal(&raw)
	if err != nil {
		return err
	}
	ids := make([]string, len(x.Entities))
	for i, e := range x.Entities {
		ids[i] = e.ID
	}
	if err := t.exec(qSaveRaw, x.Document.ID, string(b)); err != nil {
		return err
	}
	if err := t.exec(qDropRawEntities, x.Document.ID); err != nil {
		return err
	}
	return t.exec(qAddRawEntities, jsonArray(ids), x.Document.ID)
}

// rawExtraction returns document id as extraction gave it, with its text,
// and the hash of the extraction last written; ok is false for a document
// written before the store kept raw extractions.
func rawExtraction(t *txn, id string) (x *graph.Extraction, hash string, ok bool, err error) {
	var body, text string
	err = t.queryRow(qRawExtraction, id).Scan(&body, &text, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", false, nil
	}
	if err != nil {
		return nil, "", false, err
	}
	x = &graph.Extraction{}
	if err := json.Unmarshal([]byte(body), x); err != nil {
		return nil, "", false, err
	}
	x.Document.Text = text
	return x, hash, true, nil
}

// recurate rewrites, as cur corrects them, the documents whose corrected
// extraction differs between was and cur (with their copies folded in).
func recurate(t *txn, op string, was, cur *graph.Curation) error {
	entities, docs := was.Changed(cur)
	named, err := queryStrings(t, qDocumentsNaming, jsonArray(entities))
	if err != nil {
		return err
	}
	docs = append(docs, named...)
	slices.Sort(docs)
	d := newDerived()
	for _, id := range slices.Compact(docs) {
		x, hash, ok, err := foldedRaw(t, id)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if err := replaceDocument(t, op, cur.Apply(x), hash, false, d); err != nil {
			return err
		}
	}
	return d.apply(t)
}

// AddCorrection implements graph.Curator: the correction is checked,
// completed (names, kinds, the statement's document), recorded and its
// documents rewritten in one write transaction; writes of one Store queue
// in Go and those of other processes wait for SQLite's lock, so of two
// conflicting corrections the second sees the first and gets a Conflict.
func (s *Store) AddCorrection(ctx context.Context, c graph.Correction) (graph.Correction, error) {
	const op = "sqlite.AddCorrection"
	if err := graph.ValidateCorrection(op, &c); err != nil {
		return graph.Correction{}, err
	}
	c.Stamp("local", time.Now())
	err := s.curate(ctx, op, "recording correction "+c.ID, func(t *txn, cur *graph.Curation) (*graph.Curation, error) {
		if err := graph.CompleteCorrection(op, cur, &c, lookup{t}); err != nil {
			return nil, err
		}
		next, err := cur.With(c)
		if err != nil {
			return nil, err
		}
		return next, insertCorrection(t, c)
	})
	if err != nil {
		return graph.Correction{}, err
	}
	return c, nil
}

// ImportCorrections implements graph.Curator.
func (s *Store) ImportCorrections(ctx context.Context, cs []graph.Correction) (int, error) {
	const op = "sqlite.ImportCorrections"
	var added []graph.Correction
	err := s.curate(ctx, op, "importing corrections", func(t *txn, cur *graph.Curation) (next *graph.Curation, err error) {
		if next, added, err = cur.Import(op, cs, time.Now()); err != nil {
			return nil, err
		}
		for _, c := range added {
			if err := insertCorrection(t, c); err != nil {
				return nil, err
			}
		}
		return next, nil
	})
	if err != nil {
		return 0, err
	}
	return len(added), nil
}

// UndoCorrection implements graph.Curator.
func (s *Store) UndoCorrection(ctx context.Context, id string) (graph.Correction, error) {
	const op = "sqlite.UndoCorrection"
	var undone graph.Correction
	err := s.curate(ctx, op, "undoing correction "+id, func(t *txn, cur *graph.Curation) (next *graph.Curation, err error) {
		if next, undone, err = cur.Undo(op, id); err != nil {
			return nil, err
		}
		return next, t.exec(qDropCorrection, id)
	})
	return undone, err
}

// curate runs change in a write transaction with the current curation; it
// returns the curation it leaves, and the documents that differ between
// the two are rewritten in the same transaction.
func (s *Store) curate(ctx context.Context, op, what string, change func(t *txn, cur *graph.Curation) (*graph.Curation, error)) error {
	select {
	case s.writeSem <- struct{}{}:
		defer func() { <-s.writeSem }()
	case <-ctx.Done():
		return wrapErr(ctx, op, "waiting for another write", ctx.Err())
	}
	return s.write(ctx, op, what, func(t *txn) error {
		cur, err := s.curation(t)
		if err != nil {
			return err
		}
		next, err := change(t, cur)
		if err != nil {
			return err
		}
		if err := recurate(t, op, cur, next); err != nil {
			return err
		}
		return t.exec(qBumpCuration)
	})
}

// insertCorrection appends c to the corrections table.
func insertCorrection(t *txn, c graph.Correction) error {
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return t.exec(qAddCorrection, c.ID, string(b))
}

// lookup reads entities and statements for graph.CompleteCorrection.
type lookup struct{ t *txn }

func (l lookup) LookupEntity(id string) (graph.EntityRef, bool, error) {
	var r graph.EntityRef
	err := l.t.queryRow(qEntityRef, id).Scan(&r.ID, &r.Kind, &r.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	return r, err == nil, err
}

func (l lookup) LookupStatement(id string) (graph.Statement, bool, error) {
	st, err := scanStatement(l.t.queryRow(statementSelect+` WHERE s.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return st, false, nil
	}
	if err != nil {
		return st, false, err
	}
	list := []graph.Statement{st}
	err = fillRefs(l.t, list)
	return list[0], err == nil, err
}

// Corrections implements graph.Curator: a page read from the corrections
// table in order of seq.
func (s *Store) Corrections(ctx context.Context, q graph.CorrectionQuery) (graph.CorrectionPage, error) {
	const op = "sqlite.Corrections"
	size, offset, err := q.Page.Normalize()
	if err != nil {
		return graph.CorrectionPage{}, err
	}
	order := "DESC"
	if q.Oldest {
		order = "ASC"
	}
	var page graph.CorrectionPage
	err = s.read(ctx, op, "listing corrections", func(t *txn) error {
		rows, err := t.query(`SELECT body FROM corrections ORDER BY seq `+order+` LIMIT ? OFFSET ?`, size+1, offset)
		if err != nil {
			return err
		}
		page.Corrections, err = collect(rows, func(row scanner) (graph.Correction, error) {
			var body string
			var c graph.Correction
			if err := row.Scan(&body); err != nil {
				return c, err
			}
			return c, json.Unmarshal([]byte(body), &c)
		})
		return err
	})
	if err != nil {
		return graph.CorrectionPage{}, err
	}
	more := len(page.Corrections) > size
	page.Corrections = page.Corrections[:min(size, len(page.Corrections))]
	page.NextPageToken = graph.NextPageToken(offset, size, more)
	return page, nil
}

// Redirect implements graph.Curator, from the cached curation.
func (s *Store) Redirect(ctx context.Context, id string) (string, error) {
	to := id
	err := s.read(ctx, "sqlite.Redirect", "reading redirects", func(t *txn) error {
		cur, err := s.curation(t)
		to, _ = cur.Resolve(id)
		return err
	})
	return to, err
}

// CorrectedExtractions implements graph.Curator.
func (s *Store) CorrectedExtractions(ctx context.Context, fn func(*graph.Extraction) error) error {
	return s.read(ctx, "sqlite.CorrectedExtractions", "reading corrected documents", func(t *txn) error {
		cur, err := s.curation(t)
		if err != nil {
			return err
		}
		entities, docs := (*graph.Curation)(nil).Changed(cur)
		named, err := queryStrings(t, qDocumentsNaming, jsonArray(entities))
		if err != nil {
			return err
		}
		docs = append(docs, named...)
		slices.Sort(docs)
		for _, id := range slices.Compact(docs) {
			x, _, ok, err := rawExtraction(t, id)
			if err != nil {
				return err
			}
			if ok {
				if err := fn(cur.Apply(x)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

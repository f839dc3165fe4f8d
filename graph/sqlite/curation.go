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
	qStatementOf     = `SELECT s.document_id, s.speaker_id, coalesce(e.kind, ''), coalesce(e.name, '')
		FROM statements s LEFT JOIN entities e ON e.id = s.speaker_id WHERE s.id = ?`
	qStatementRef = `SELECT e.id, e.kind, e.name FROM statement_refs r JOIN entities e ON e.id = r.entity_id
		WHERE r.statement_id = ?1 AND r.role = ?2 AND r.entity_id = ?3`
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
		if err := complete(t, op, cur, &c); err != nil {
			return nil, err
		}
		return record(t, cur, c)
	})
	if err != nil {
		return graph.Correction{}, err
	}
	return c, nil
}

// ImportCorrections implements graph.Curator.
func (s *Store) ImportCorrections(ctx context.Context, cs []graph.Correction) (int, error) {
	const op = "sqlite.ImportCorrections"
	added := 0
	err := s.curate(ctx, op, "importing corrections", func(t *txn, cur *graph.Curation) (*graph.Curation, error) {
		now := time.Now()
		for _, c := range cs {
			if err := graph.ValidateCorrection(op, &c); err != nil {
				return nil, err
			}
			if cur.Has(c.ID) {
				continue
			}
			c.Stamp("local", now)
			next, err := record(t, cur, c)
			if err != nil {
				return nil, err
			}
			cur = next
			added++
		}
		return cur, nil
	})
	if err != nil {
		return 0, err
	}
	return added, nil
}

// UndoCorrection implements graph.Curator.
func (s *Store) UndoCorrection(ctx context.Context, id string) (graph.Correction, error) {
	const op = "sqlite.UndoCorrection"
	var undone graph.Correction
	err := s.curate(ctx, op, "undoing correction "+id, func(t *txn, cur *graph.Curation) (*graph.Curation, error) {
		i := slices.IndexFunc(cur.Corrections(), func(c graph.Correction) bool { return c.ID == id })
		if i < 0 {
			return nil, graph.Errorf(graph.NotFound, op, "no correction %s", id)
		}
		undone = cur.Corrections()[i]
		next, err := cur.Without(id)
		if err != nil {
			return nil, graph.Wrap(graph.Conflict, op, "a later correction depends on "+id+"; undo it first", err)
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

// record appends c to the corrections table and returns cur with it, or
// c's Conflict error.
func record(t *txn, cur *graph.Curation, c graph.Correction) (*graph.Curation, error) {
	next, err := cur.With(c)
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	return next, t.exec(qAddCorrection, c.ID, string(b))
}

// complete checks that what c names exists and fills in what it replaces
// and the names and kinds of what it sets. Conflicts (a target merged or
// hidden) come before NotFound, since such a target has no row.
func complete(t *txn, op string, cur *graph.Curation, c *graph.Correction) error {
	entity := func(id, param string) (graph.EntityRef, error) {
		var r graph.EntityRef
		to, hidden := cur.Resolve(id)
		err := t.queryRow(qEntityRef, to).Scan(&r.ID, &r.Kind, &r.Name)
		switch {
		case errors.Is(err, sql.ErrNoRows) && (hidden || to != id) && param == "target":
			if err := cur.Check(*c); err != nil {
				return r, err
			}
			return r, &graph.Error{Code: graph.NotFound, Op: op, Param: param, Msg: "no entity " + id}
		case errors.Is(err, sql.ErrNoRows) && hidden:
			return r, graph.Errorf(graph.Conflict, op, "%s is hidden as not an entity", id)
		case errors.Is(err, sql.ErrNoRows):
			return r, &graph.Error{Code: graph.NotFound, Op: op, Param: param, Msg: "no entity " + id}
		}
		return r, err
	}
	if !c.Kind.OnStatement() {
		target, err := entity(c.Target, "target")
		if err != nil {
			return err
		}
		before := target
		c.Before = &before
		switch c.Kind {
		case graph.CorrectMerge:
			into, err := entity(c.After.ID, "after")
			if err != nil {
				return err
			}
			c.After = &into
		case graph.CorrectRename:
			c.After = &graph.EntityRef{ID: target.ID, Kind: target.Kind, Name: c.After.Name}
		case graph.CorrectRetype:
			c.After = &graph.EntityRef{ID: graph.RetypedID(target.ID, c.After.Kind), Kind: c.After.Kind, Name: target.Name}
		case graph.CorrectHide:
			c.After = nil
		}
		return cur.Check(*c)
	}
	var speaker graph.EntityRef
	err := t.queryRow(qStatementOf, c.Target).Scan(&c.Document, &speaker.ID, &speaker.Kind, &speaker.Name)
	if errors.Is(err, sql.ErrNoRows) {
		for _, x := range cur.Corrections() {
			if x.Target == c.Target && x.Kind == graph.CorrectReject {
				return graph.Errorf(graph.Conflict, op, "statement %s was rejected by correction %s", c.Target, x.ID)
			}
		}
		return &graph.Error{Code: graph.NotFound, Op: op, Param: "target", Msg: "no statement " + c.Target}
	}
	if err != nil {
		return err
	}
	role := roleAbout
	switch c.Kind {
	case graph.CorrectSpeaker:
		c.Before = nil
		if speaker.ID != "" {
			c.Before = &speaker
		}
	case graph.CorrectReject:
		c.Before, c.After = nil, nil
	case graph.CorrectOutlet:
		role = roleOutlet
	}
	if c.Kind == graph.CorrectAbout || c.Kind == graph.CorrectOutlet {
		if c.Before != nil && c.Before.ID != "" {
			var r graph.EntityRef
			err := t.queryRow(qStatementRef, c.Target, role, c.Before.ID).Scan(&r.ID, &r.Kind, &r.Name)
			if errors.Is(err, sql.ErrNoRows) {
				return &graph.Error{Code: graph.NotFound, Op: op, Param: "before", Msg: "statement " + c.Target + " has no " + string(c.Kind) + " " + c.Before.ID}
			}
			if err != nil {
				return err
			}
			c.Before = &r
		} else {
			c.Before = nil
		}
	}
	if c.After != nil && c.After.ID != "" && c.Kind != graph.CorrectReject {
		r, err := entity(c.After.ID, "after")
		if err != nil {
			return err
		}
		c.After = &r
	} else if c.Kind != graph.CorrectReject {
		c.After = nil
	}
	return cur.Check(*c)
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

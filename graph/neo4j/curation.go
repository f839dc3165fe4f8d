package neo4j

import (
	"context"
	"encoding/json"
	"slices"
	"sync"
	"time"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Corrections (graph.Curator) in Neo4j: each is a (:Correction {id, seq,
// body}) node, body the graph.Correction as JSON; each Document keeps its
// raw extraction (raw, without the text) and RAW_NAMES loops naming the
// entity ids it gives; what the graph shows is the curation's Apply of the
// raw extraction, written by the one write path (see graph.Curation). A
// merge leaves one node, the one merged into, which lists the ids merged
// into it as merged_ids, so that Browser and Bloom users see one node and
// can find it by an old id.
//
// The (:Curation {id}) node holds the version of the corrections (and
// the write generation, see rowcache.go). Every write transaction takes
// its lock first: a correction then never misses a document written
// meanwhile, and of two conflicting corrections the second sees the
// first and gets a Conflict. Writes into one database therefore run one
// transaction at a time.

var _ graph.Curator = (*Store)(nil)

const (
	// lockCuration takes the curation's lock for the transaction and
	// reads its version.
	lockCuration = `
MERGE (v:Curation {id: $id})
ON CREATE SET v.version = 0
SET v.writing = true
REMOVE v.writing
RETURN v.version`
	readCurationVersion = `OPTIONAL MATCH (v:Curation {id: $id}) RETURN coalesce(v.version, 0)`
	bumpCuration        = `MATCH (v:Curation {id: $id}) SET v.version = v.version + $n RETURN v.version`
	allCorrections      = `MATCH (c:Correction) RETURN c.body ORDER BY c.seq`
	addCorrection       = `CREATE (:Correction {id: $id, seq: $seq, body: $body})`
	dropCorrection      = `MATCH (c:Correction {id: $id}) DELETE c`
	documentsNaming     = `
MATCH ()-[r:RAW_NAMES]->(d:Document) WHERE r.entity IN $ids
RETURN DISTINCT d.id`
	rawDocuments = `
UNWIND $ids AS id
MATCH (d:Document {id: id}) WHERE d.raw IS NOT NULL
RETURN d.id, d.raw, d.text, d.hash, d.outlet_id, d.outlet_kind, d.outlet_name ORDER BY d.id`
	setMergedIDs = `
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
SET e.merged_ids = row.merged_ids`
	lookupEntity = `MATCH (e:Entity {id: $id}) RETURN e.id, e.kind, e.name`
)

// curationID names the one Curation node.
const curationID = "entitygraph"

// curationCache is the curation last read, with its version.
type curationCache struct {
	mu      sync.Mutex
	version int64
	cur     *graph.Curation
}

// curation takes the curation's lock in tx and returns the corrections,
// read again only when their version moved since the last read.
func (s *Store) curation(ctx context.Context, tx neo4j.ManagedTransaction) (*graph.Curation, error) {
	return s.curationAt(ctx, tx, lockCuration)
}

// curationAt returns the curation at the version that query reads.
func (s *Store) curationAt(ctx context.Context, tx neo4j.ManagedTransaction, query string) (*graph.Curation, error) {
	rec, err := single(ctx, tx, query, map[string]any{"id": curationID})
	if err != nil {
		return nil, err
	}
	version, _ := rec.Values[0].(int64)
	s.curated.mu.Lock()
	defer s.curated.mu.Unlock()
	if s.curated.cur != nil && s.curated.version == version {
		return s.curated.cur, nil
	}
	recs, err := collect(ctx, tx, allCorrections, nil)
	if err != nil {
		return nil, err
	}
	list := make([]graph.Correction, len(recs))
	for i, r := range recs {
		if err := json.Unmarshal([]byte(str(r.Values[0])), &list[i]); err != nil {
			return nil, err
		}
	}
	cur, err := graph.NewCuration(list)
	if err != nil {
		return nil, graph.Wrap(graph.Internal, "neo4j.curation", "the stored corrections do not apply in order", err)
	}
	s.curated.version, s.curated.cur = version, cur
	return cur, nil
}

// recurate rewrites, as cur corrects them (with their copies folded in),
// the documents whose corrected extraction differs between was and cur, and sets merged_ids on the
// entities merges lead to.
func recurate(ctx context.Context, tx neo4j.ManagedTransaction, was, cur *graph.Curation) error {
	entities, docs := was.Changed(cur)
	recs, err := collect(ctx, tx, documentsNaming, map[string]any{"ids": entities})
	if err != nil {
		return err
	}
	for _, r := range recs {
		docs = append(docs, str(r.Values[0]))
	}
	slices.Sort(docs)
	bs, err := rawBatches(ctx, tx, slices.Compact(docs))
	if err != nil {
		return err
	}
	merged := cur.MergedInto()
	cbs := make([]*batch, len(bs))
	for i, b := range bs {
		if cbs[i], err = foldedBatch(ctx, tx, b, cur, merged); err != nil {
			return err
		}
	}
	if len(cbs) > 0 {
		if _, err := writeDocuments(ctx, tx, cbs, cur, runStep); err != nil {
			return err
		}
	}
	var rows []map[string]any
	for _, m := range []map[string][]string{was.MergedInto(), merged} {
		for id := range m {
			var ids any // null removes the property
			if list, ok := merged[id]; ok {
				ids = list
			}
			rows = append(rows, map[string]any{"id": id, "merged_ids": ids})
		}
	}
	_, err = collect(ctx, tx, setMergedIDs, map[string]any{"rows": rows})
	return err
}

// rawBatches returns the documents ids as extraction gave them, with
// their text, outlet and the hash last written; documents written before raw
// extractions were kept are left out.
func rawBatches(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) ([]*batch, error) {
	recs, err := collect(ctx, tx, rawDocuments, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	bs := make([]*batch, 0, len(recs))
	for _, r := range recs {
		x := &graph.Extraction{}
		if err := json.Unmarshal([]byte(str(r.Values[1])), x); err != nil {
			return nil, err
		}
		x.Document.Text = str(r.Values[2])
		if id := str(r.Values[4]); id != "" {
			x.Outlet = &graph.EntityRef{ID: id, Kind: graph.Kind(str(r.Values[5])), Name: str(r.Values[6])}
		}
		b, err := prepare(x)
		if err != nil {
			return nil, err
		}
		b.hash = str(r.Values[3])
		bs = append(bs, b)
	}
	return bs, nil
}

// curate runs change in a write transaction with the current curation,
// rewrites the documents that differ between it and the curation change
// returns, and moves the version on by n: change may number the n
// corrections it records seq, seq+1, ...
func (s *Store) curate(ctx context.Context, op string, n int, change func(tx neo4j.ManagedTransaction, cur *graph.Curation, seq int64) (*graph.Curation, error)) error {
	_, err := write(ctx, s, op, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		cur, err := s.curation(ctx, tx)
		if err != nil {
			return struct{}{}, err
		}
		rec, err := single(ctx, tx, bumpCuration, map[string]any{"id": curationID, "n": max(n, 1)})
		if err != nil {
			return struct{}{}, err
		}
		version, _ := rec.Values[0].(int64)
		seq := version - int64(max(n, 1)) + 1
		next, err := change(tx, cur, seq)
		if err != nil {
			return struct{}{}, err
		}
		return struct{}{}, recurate(ctx, tx, cur, next)
	})
	return err
}

// insertCorrection creates the node of c.
func insertCorrection(ctx context.Context, tx neo4j.ManagedTransaction, c graph.Correction, seq int64) error {
	body, err := json.Marshal(c)
	if err != nil {
		return err
	}
	_, err = collect(ctx, tx, addCorrection, map[string]any{"id": c.ID, "seq": seq, "body": string(body)})
	return err
}

// lookup reads entities and statements for graph.CompleteCorrection.
type lookup struct {
	ctx context.Context
	tx  neo4j.ManagedTransaction
}

func (l lookup) LookupEntity(id string) (graph.EntityRef, bool, error) {
	recs, err := collect(l.ctx, l.tx, lookupEntity, map[string]any{"id": id})
	if err != nil || len(recs) == 0 {
		return graph.EntityRef{}, false, err
	}
	v := recs[0].Values
	return graph.EntityRef{ID: str(v[0]), Kind: graph.Kind(str(v[1])), Name: str(v[2])}, true, nil
}

func (l lookup) LookupStatement(id string) (graph.Statement, bool, error) {
	recs, err := collect(l.ctx, l.tx, `MATCH (s:Statement {id: $id})`+statementTail, map[string]any{"id": id})
	if err != nil || len(recs) == 0 {
		return graph.Statement{}, false, err
	}
	return statementFrom(recs[0]), true, nil
}

// AddCorrection implements graph.Curator, in one write transaction under
// the curation's lock.
func (s *Store) AddCorrection(ctx context.Context, c graph.Correction) (graph.Correction, error) {
	const op = "neo4j.AddCorrection"
	if err := graph.ValidateCorrection(op, &c); err != nil {
		return graph.Correction{}, err
	}
	c.Stamp("local", time.Now())
	given := c
	err := s.curate(ctx, op, 1, func(tx neo4j.ManagedTransaction, cur *graph.Curation, seq int64) (*graph.Curation, error) {
		c = given // the driver may run this again after a transient error
		if err := graph.CompleteCorrection(op, cur, &c, lookup{ctx, tx}); err != nil {
			return nil, err
		}
		next, err := cur.With(c)
		if err != nil {
			return nil, err
		}
		return next, insertCorrection(ctx, tx, c, seq)
	})
	if err != nil {
		return graph.Correction{}, err
	}
	return c, nil
}

// ImportCorrections implements graph.Curator.
func (s *Store) ImportCorrections(ctx context.Context, cs []graph.Correction) (int, error) {
	const op = "neo4j.ImportCorrections"
	var added []graph.Correction
	err := s.curate(ctx, op, len(cs), func(tx neo4j.ManagedTransaction, cur *graph.Curation, seq int64) (next *graph.Curation, err error) {
		if next, added, err = cur.Import(op, cs, time.Now()); err != nil {
			return nil, err
		}
		for i, c := range added {
			if err := insertCorrection(ctx, tx, c, seq+int64(i)); err != nil {
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
	const op = "neo4j.UndoCorrection"
	var undone graph.Correction
	err := s.curate(ctx, op, 1, func(tx neo4j.ManagedTransaction, cur *graph.Curation, _ int64) (next *graph.Curation, err error) {
		if next, undone, err = cur.Undo(op, id); err != nil {
			return nil, err
		}
		_, err = collect(ctx, tx, dropCorrection, map[string]any{"id": id})
		return next, err
	})
	return undone, err
}

// Corrections implements graph.Curator: a page in order of seq, from the
// index correction_seq.
func (s *Store) Corrections(ctx context.Context, q graph.CorrectionQuery) (graph.CorrectionPage, error) {
	const op = "neo4j.Corrections"
	size, offset, err := q.Page.Normalize()
	if err != nil {
		return graph.CorrectionPage{}, err
	}
	order := "DESC"
	if q.Oldest {
		order = "ASC"
	}
	recs, err := readRows(ctx, s, op, `MATCH (c:Correction) WHERE c.seq IS NOT NULL
RETURN c.body ORDER BY c.seq `+order+` SKIP $skip LIMIT $limit`, map[string]any{"skip": offset, "limit": size + 1})
	if err != nil {
		return graph.CorrectionPage{}, err
	}
	page := graph.CorrectionPage{Corrections: []graph.Correction{}}
	for _, r := range recs[:min(size, len(recs))] {
		var c graph.Correction
		if err := json.Unmarshal([]byte(str(r.Values[0])), &c); err != nil {
			return graph.CorrectionPage{}, graph.Wrap(graph.Internal, op, "reading a correction", err)
		}
		page.Corrections = append(page.Corrections, c)
	}
	page.NextPageToken = graph.NextPageToken(offset, size, len(recs) > size)
	return page, nil
}

// Redirect implements graph.Curator, from the cached curation.
func (s *Store) Redirect(ctx context.Context, id string) (string, error) {
	return read(ctx, s, "neo4j.Redirect", func(tx neo4j.ManagedTransaction) (string, error) {
		cur, err := s.curationAt(ctx, tx, readCurationVersion)
		to, _ := cur.Resolve(id)
		return to, err
	})
}

// CorrectedExtractions implements graph.Curator.
func (s *Store) CorrectedExtractions(ctx context.Context, fn func(*graph.Extraction) error) error {
	const op = "neo4j.CorrectedExtractions"
	var xs []*graph.Extraction
	_, err := read(ctx, s, op, func(tx neo4j.ManagedTransaction) (struct{}, error) {
		cur, err := s.curationAt(ctx, tx, readCurationVersion)
		if err != nil {
			return struct{}{}, err
		}
		entities, docs := (*graph.Curation)(nil).Changed(cur)
		recs, err := collect(ctx, tx, documentsNaming, map[string]any{"ids": entities})
		if err != nil {
			return struct{}{}, err
		}
		for _, r := range recs {
			docs = append(docs, str(r.Values[0]))
		}
		slices.Sort(docs)
		bs, err := rawBatches(ctx, tx, slices.Compact(docs))
		xs = xs[:0]
		for _, b := range bs {
			xs = append(xs, cur.Apply(b.x))
		}
		return struct{}{}, err
	})
	if err != nil {
		return err
	}
	for _, x := range xs {
		if err := fn(x); err != nil {
			return err
		}
	}
	return nil
}

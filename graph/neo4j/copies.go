package neo4j

import (
	"context"
	"maps"
	"slices"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Syndicated copies (see graph/copies.go), as graph/sqlite folds them.
// A canonical document keeps its fingerprint and outlet as properties
// (its raw extraction, d.raw, is what its copies' outlets are folded into
// again when they change: see curation.go); a copy is a (:Copy) node,
// -[:COPY_OF]-> its document, with its own id, metadata, hash and
// fingerprint; both are -[:IN_BAND]-> a (:Band {key}) per LSH band key,
// through which a new report finds its candidates.
//
// Every write takes the curation's lock first (curation.go), so writes
// that fold run one after the other, as SQLite's do: two copies of one
// story written at once end as if one came first. In a batch, the
// documents that share no band key with a stored report or one before
// them in the batch, and neither were nor have copies, are written
// together as before; the others one by one after them (the grouping does
// not depend on order).
const (
	// classifyDocuments says, for each document of a write, whether it
	// is a copy, has copies, or shares a band key with a stored report:
	// one that does is written on its own, which decides whether it is a
	// copy (a band shared by texts that are no copies is rare).
	classifyDocuments = `
UNWIND $docs AS doc
OPTIONAL MATCH (c:Copy {id: doc.id})
OPTIONAL MATCH (d:Document {id: doc.id})
RETURN doc.id, c IS NOT NULL OR coalesce(d.copies, 0) > 0 OR EXISTS {
  UNWIND doc.bands AS k
  MATCH (:Band {key: k})<-[:IN_BAND]-(m)
  WHERE m.id <> doc.id
}`

	// storedAs says what the store holds of an id: a copy (of which
	// document, with which hash) or a document (with which hash).
	storedAs = `
OPTIONAL MATCH (c:Copy {id: $id})
OPTIONAL MATCH (d:Document {id: $id})
RETURN c.canonical_id, c.hash, d.hash`

	// copyCandidates returns the documents and copies that share a band
	// key, with the document of their story and its date.
	copyCandidates = `
UNWIND $bands AS k
MATCH (:Band {key: k})<-[:IN_BAND]-(m)
WITH DISTINCT m LIMIT $limit
OPTIONAL MATCH (m)-[:COPY_OF]->(c:Document)
RETURN m.id, CASE WHEN c IS NULL THEN m.id ELSE c.id END, CASE WHEN c IS NULL THEN m.date ELSE c.date END, m.fingerprint`

	deleteCopy = `MATCH (c:Copy {id: $id}) DETACH DELETE c`

	insertCopy = `
MATCH (into:Document {id: $into})
CREATE (c:Copy)
SET c = $props
CREATE (c)-[:COPY_OF]->(into)`

	// demoteDocument makes the document $id a copy of $into (from its
	// own properties, when $as_copy) and hands its copies and band keys
	// over.
	demoteDocument = `
MATCH (d:Document {id: $id}), (into:Document {id: $into})
CALL (d, into) {
  MATCH (k:Copy)-[r:COPY_OF]->(d)
  CREATE (k)-[:COPY_OF]->(into)
  SET k.canonical_id = into.id
  DELETE r
}
CALL (d, into) {
  WITH d, into WHERE $as_copy
  CREATE (c:Copy {id: d.id, canonical_id: into.id, title: d.title, date: d.date, source: d.source, url: d.url,
    outlet_id: d.outlet_id, outlet_kind: d.outlet_kind, outlet_name: d.outlet_name, hash: d.hash,
    fingerprint: d.fingerprint, rank: coalesce(d.date, '~') + ' ' + d.id})
  CREATE (c)-[:COPY_OF]->(into)
  WITH d, c
  MATCH (d)-[r:IN_BAND]->(b)
  CREATE (c)-[:IN_BAND]->(b)
  DELETE r
}
RETURN d.date`

	deleteDocument = `MATCH (d:Document {id: $id}) DETACH DELETE d`

	// setFolding keeps on each document what later folds need, and its
	// band keys, replacing those of an earlier version; a copy's band
	// keys are set by setCopyBands.
	setFolding = `
UNWIND $rows AS row
MATCH (d:Document {id: row.id})
SET d.fingerprint = row.fingerprint, d.outlet_id = row.outlet_id,
    d.outlet_kind = row.outlet_kind, d.outlet_name = row.outlet_name, d.copies = COUNT { (d)<-[:COPY_OF]-() }
WITH d, row
CALL (d) { MATCH (d)-[r:IN_BAND]->() DELETE r }
CALL (d, row) {
  UNWIND row.bands AS k
  MERGE (b:Band {key: k})
  CREATE (d)-[:IN_BAND]->(b)
}`

	setCopyBands = `
MATCH (c:Copy {id: $id})
CALL (c) { MATCH (c)-[r:IN_BAND]->() DELETE r }
UNWIND $bands AS k
MERGE (b:Band {key: k})
CREATE (c)-[:IN_BAND]->(b)`

	countCopies = `MATCH (d:Document {id: $id}) SET d.copies = COUNT { (d)<-[:COPY_OF]-() }`

	// copyOutlets returns one copy of a document per outlet its copies
	// name (what graph.FoldCopies reads), from the index copy_outlet.
	copyOutlets = `
MATCH (c:Copy) WHERE c.canonical_id = $id AND c.outlet_id IS NOT NULL
WITH c.outlet_id AS outlet, head(collect(c)) AS c
RETURN c {.id, .outlet_id, .outlet_kind, .outlet_name}`

	hasOutlet = `
MATCH (c:Copy) WHERE c.canonical_id = $id AND c.outlet_id = $outlet AND c.id <> $self
RETURN c.id LIMIT 1`
)

// writeFoldingRun writes a run of documents of distinct ids, some
// fingerprinted, in tx (see the top of this file), setting res.
func writeFoldingRun(ctx context.Context, tx neo4j.ManagedTransaction, bs []*batch, res []graph.WriteResult, cur *graph.Curation, run runner) error {
	special, err := classifyRun(ctx, tx, bs)
	if err != nil {
		return err
	}
	var plain []*batch
	var plainRes []graph.WriteResult
	for i, b := range bs {
		if !special[i] {
			plain = append(plain, b)
			plainRes = append(plainRes, graph.WriteResult{})
		}
	}
	if len(plain) > 0 {
		if err := writeRun(ctx, tx, plain, plainRes, run); err != nil {
			return err
		}
		var rows []map[string]any
		for i, b := range plain {
			if !plainRes[i].Unchanged {
				rows = append(rows, foldingRow(b.src))
			}
		}
		if err := runSteps(ctx, tx, run, []step{{setFolding, map[string]any{"rows": rows}, "rows"}}); err != nil {
			return err
		}
	}
	k := 0
	for i, b := range bs {
		if !special[i] {
			res[i] = plainRes[k]
			k++
			continue
		}
		if err := writeFoldedDocument(ctx, tx, b, &res[i], cur, run); err != nil {
			return err
		}
	}
	return nil
}

// classifyRun returns, for each of bs, whether it must be written on its
// own: it is or has a copy, shares a band key with a stored report, or is
// a copy of one before it in bs.
func classifyRun(ctx context.Context, tx neo4j.ManagedTransaction, bs []*batch) ([]bool, error) {
	docs := make([]map[string]any, len(bs))
	bands := make([][]int64, len(bs))
	for i, b := range bs {
		if f := b.src.Fingerprint; f != nil {
			bands[i] = f.Bands()
		}
		docs[i] = map[string]any{"id": b.docID, "bands": nonNilBands(bands[i])}
	}
	recs, err := collect(ctx, tx, classifyDocuments, map[string]any{"docs": docs})
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*neo4j.Record, len(recs))
	for _, r := range recs {
		byID[str(r.Values[0])] = r
	}
	special := make([]bool, len(bs))
	for i, b := range bs {
		r := byID[b.docID]
		if r == nil {
			continue
		}
		if s, _ := r.Values[1].(bool); s {
			special[i] = true
			continue
		}
		f := b.src.Fingerprint
		if f == nil {
			continue
		}
		for j := 0; j < i && !special[i]; j++ {
			if g := bs[j].src.Fingerprint; g != nil && shareBand(bands[i], bands[j]) && f.IsCopy(*g) {
				special[i] = true
			}
		}
	}
	return special, nil
}

func shareBand(a, b []int64) bool {
	for _, k := range a {
		if slices.Contains(b, k) {
			return true
		}
	}
	return false
}

func nonNilBands(b []int64) []int64 {
	if b == nil {
		return []int64{}
	}
	return b
}

func bytesOf(v any) []byte {
	b, _ := v.([]byte)
	return b
}

// foldingRow is what setFolding keeps of a document written as itself.
func foldingRow(x *graph.Extraction) map[string]any {
	row := map[string]any{"id": x.Document.ID, "fingerprint": nil, "bands": []int64{},
		"outlet_id": nil, "outlet_kind": nil, "outlet_name": nil}
	if f := x.Fingerprint; f != nil {
		row["fingerprint"], row["bands"] = f.Bytes(), f.Bands()
	}
	if o := x.Outlet; o != nil {
		row["outlet_id"], row["outlet_kind"], row["outlet_name"] = o.ID, string(o.Kind), o.Name
	}
	return row
}

// writeFoldedDocument writes b as graph.PlanCopy decides, setting res.
func writeFoldedDocument(ctx context.Context, tx neo4j.ManagedTransaction, b *batch, res *graph.WriteResult, cur *graph.Curation, run runner) error {
	id, src := b.docID, b.src
	*res = graph.WriteResult{DocumentID: id, Entities: len(b.entities), Statements: len(b.statements)}
	rec, err := single(ctx, tx, storedAs, map[string]any{"id": id})
	if err != nil {
		return err
	}
	if str(rec.Values[2]) == b.hash {
		res.Unchanged = true
		return nil
	}
	var prev *graph.StoredCopy
	if rec.Values[0] != nil {
		prev = &graph.StoredCopy{Canonical: str(rec.Values[0]), Hash: str(rec.Values[1])}
	}
	var cands []graph.CopyCandidate
	var bands []int64
	if f := src.Fingerprint; f != nil {
		bands = f.Bands()
		recs, err := collect(ctx, tx, copyCandidates, map[string]any{"bands": bands, "limit": graph.MaxCopyCandidates})
		if err != nil {
			return err
		}
		for _, r := range recs {
			g, _ := graph.ParseFingerprint(bytesOf(r.Values[3]))
			cands = append(cands, graph.CopyCandidate{ID: str(r.Values[0]), Canonical: str(r.Values[1]), Date: str(r.Values[2]), Fingerprint: g})
		}
	}
	plan := graph.PlanCopy(src, b.hash, prev, cands)
	if plan.Keep {
		res.Unchanged, res.CopyOf, res.Entities, res.Statements = true, plan.Canonical, 0, 0
		return nil
	}
	res.Folded = len(plan.Demote)
	refold := map[string]bool{}
	if plan.Leave != "" {
		if _, err := collect(ctx, tx, deleteCopy, map[string]any{"id": id}); err != nil {
			return err
		}
		refold[plan.Leave] = true
	}
	if plan.Canonical == id {
		// The document must be there for its new copies to point to.
		if _, err := claimAll(ctx, tx, []string{id}); err != nil {
			return err
		}
	}
	for _, later := range plan.Demote {
		if _, err := demote(ctx, tx, later, plan.Canonical, true, run); err != nil {
			return err
		}
		delete(refold, later)
	}
	if plan.Canonical == id {
		if err := writeCanonical(ctx, tx, b, cur, run); err != nil {
			return err
		}
	} else {
		wasDocument, err := demote(ctx, tx, id, plan.Canonical, false, run)
		if err != nil {
			return err
		}
		// The document's rows change only when its story gains an
		// outlet (or copies move), as in graph/sqlite.
		newOutlet := false
		if o := src.Outlet; o != nil {
			recs, err := collect(ctx, tx, hasOutlet, map[string]any{"id": plan.Canonical, "outlet": o.ID, "self": id})
			if err != nil {
				return err
			}
			newOutlet = len(recs) == 0
		}
		d := src.Document
		props := map[string]any{"id": id, "canonical_id": plan.Canonical, "title": nullable(d.Title), "date": nullable(d.Date),
			"source": nullable(d.Source), "url": nullable(d.URL), "hash": b.hash, "rank": rank(d.Date, id)}
		if o := src.Outlet; o != nil {
			props["outlet_id"], props["outlet_kind"], props["outlet_name"] = o.ID, string(o.Kind), o.Name
		}
		if f := src.Fingerprint; f != nil {
			props["fingerprint"] = f.Bytes()
		}
		if _, err := collect(ctx, tx, insertCopy, map[string]any{"into": plan.Canonical, "props": props}); err != nil {
			return err
		}
		if _, err := collect(ctx, tx, setCopyBands, map[string]any{"id": id, "bands": nonNilBands(bands)}); err != nil {
			return err
		}
		if newOutlet || wasDocument || len(plan.Demote) > 0 || plan.Leave == plan.Canonical {
			refold[plan.Canonical] = true
		} else if _, err := collect(ctx, tx, countCopies, map[string]any{"id": plan.Canonical}); err != nil {
			return err
		}
		res.CopyOf, res.Entities, res.Statements = plan.Canonical, 0, 0
	}
	for _, c := range slices.Sorted(maps.Keys(refold)) {
		if err := refoldDocument(ctx, tx, c, cur, run); err != nil {
			return err
		}
	}
	return nil
}

// rank orders copies as graph.FirstReport does: by date, undated last
// ("~" sorts after digits), then by id (" " sorts before "-", so that
// "2024" comes before "2024-03").
func rank(date, id string) string {
	if date == "" {
		date = "~"
	}
	return date + " " + id
}

// writeCanonical writes b as a document of its own with its stored
// copies' outlets folded in, and keeps what later folds need.
func writeCanonical(ctx context.Context, tx neo4j.ManagedTransaction, b *batch, cur *graph.Curation, run runner) error {
	fb, err := foldedBatch(ctx, tx, b, cur, cur.MergedInto())
	if err != nil {
		return err
	}
	if err := writeDistinct(ctx, tx, []*batch{fb}, make([]graph.WriteResult, 1), run); err != nil {
		return err
	}
	_, err = run(ctx, tx, step{setFolding, map[string]any{"rows": []map[string]any{foldingRow(b.src)}}, "rows"})
	return err
}

// foldedBatch returns b, a document as extraction gave it, as the store
// shows it: with the outlets its copies have now folded in, corrected by
// cur, to be written whatever its hash (its rows change with its copies
// and corrections, not with its extraction), keeping b's hash and raw
// extraction.
func foldedBatch(ctx context.Context, tx neo4j.ManagedTransaction, b *batch, cur *graph.Curation, merged map[string][]string) (*batch, error) {
	recs, err := collect(ctx, tx, copyOutlets, map[string]any{"id": b.docID})
	if err != nil {
		return nil, err
	}
	outlets := make([]graph.Copy, len(recs))
	for i, r := range recs {
		outlets[i] = copyFrom(r.Values[0])
	}
	fb := b
	if len(outlets) > 0 {
		if fb, err = prepare(graph.FoldCopies(b.src, outlets)); err != nil {
			return nil, err
		}
		fb.hash, fb.raw, fb.rawIDs, fb.given, fb.src = b.hash, b.raw, b.rawIDs, b.given, b.src
	}
	fb.rewrite = true
	return corrected(fb, cur, merged)
}

// refoldDocument writes the document id again, from its raw extraction,
// with its copies as they are now; a document not (or no longer) stored,
// or written before raw extractions were kept, is left as it is.
func refoldDocument(ctx context.Context, tx neo4j.ManagedTransaction, id string, cur *graph.Curation, run runner) error {
	bs, err := rawBatches(ctx, tx, []string{id})
	if err != nil {
		return err
	}
	for _, b := range bs {
		fb, err := foldedBatch(ctx, tx, b, cur, cur.MergedInto())
		if err != nil {
			return err
		}
		if err := writeDistinct(ctx, tx, []*batch{fb}, make([]graph.WriteResult, 1), run); err != nil {
			return err
		}
	}
	_, err = collect(ctx, tx, countCopies, map[string]any{"id": id})
	return err
}

// demote makes the stored document id, if there is one (it returns
// whether there was), and its copies copies of into (id itself only when
// asCopy: a document folded into another is listed from its new
// extraction by the caller), and removes what id gave.
func demote(ctx context.Context, tx neo4j.ManagedTransaction, id, into string, asCopy bool, run runner) (bool, error) {
	recs, err := collect(ctx, tx, demoteDocument, map[string]any{"id": id, "into": into, "as_copy": asCopy})
	if err != nil || len(recs) == 0 {
		return false, err
	}
	// Writing an empty version takes out what the document gave, link
	// layer and entities included.
	empty, err := prepare(&graph.Extraction{Document: graph.Document{ID: id, Date: str(recs[0].Values[0])}})
	if err != nil {
		return false, err
	}
	empty.rewrite = true
	if err := writeDistinct(ctx, tx, []*batch{empty}, make([]graph.WriteResult, 1), run); err != nil {
		return false, err
	}
	_, err = collect(ctx, tx, deleteDocument, map[string]any{"id": id})
	return true, err
}

// copyFrom reads a Copy node's properties.
func copyFrom(v any) graph.Copy {
	m := props(v)
	c := graph.Copy{ID: str(m["id"]), Title: str(m["title"]), Date: str(m["date"]), Source: str(m["source"]), URL: str(m["url"])}
	if id := str(m["outlet_id"]); id != "" {
		c.Outlet = &graph.EntityRef{ID: id, Kind: graph.Kind(str(m["outlet_kind"])), Name: str(m["outlet_name"])}
	}
	return c
}

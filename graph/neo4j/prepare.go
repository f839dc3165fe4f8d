package neo4j

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"

	"github.com/entitygraph/entitygraph/graph"
)

// batch is one extraction flattened into the rows that the write queries
// UNWIND. Rows are maps because the driver sends only maps, lists and
// scalars as parameters.
type batch struct {
	x *graph.Extraction // what the link shares are computed from
	// src is the extraction as given, before corrections and copies
	// (see copies.go).
	src   *graph.Extraction
	docID string
	hash  string // of the extraction as given, before corrections
	// raw is the extraction as given, as JSON without its text, and
	// rawIDs the entity ids it names (see curation.go).
	raw    string
	rawIDs []string
	// given counts the entities and statements as given, for WriteResult.
	given [2]int
	// rewrite writes the document even when its hash is unchanged: a
	// correction, or its copies, changed what it becomes.
	rewrite    bool
	doc        map[string]any
	entities   []map[string]any
	statements []map[string]any
	relations  []map[string]any
}

// prepare validates x and turns it into rows. A statement's date is its
// document's date (Statement.Date is not read), as in graph/sqlite. It
// returns the errors of validate.
func prepare(x *graph.Extraction) (*batch, error) {
	const op = "neo4j.WriteExtraction"
	if err := graph.ValidateExtraction(op, x); err != nil {
		return nil, err
	}
	d := x.Document
	b := &batch{x: x, src: x, docID: d.ID}
	// Rows in id order: concurrent writers then lock entities in the same
	// order, which keeps deadlocks (and their retries) rare.
	for _, e := range x.Entities {
		b.entities = append(b.entities, map[string]any{
			"id": e.ID, "kind": string(e.Kind), "name": e.Name, "slug": graph.Slug(e.Name),
			"count": len(e.Mentions), "aliases": sortedSet(e.Aliases),
		})
	}
	slices.SortFunc(b.entities, compareID)

	first, last := graph.DateBounds(d.Date)
	for _, st := range x.Statements {
		b.statements = append(b.statements, map[string]any{
			"id": st.ID, "text": st.Text, "quote": nullable(st.Quote), "cue": nullable(st.Cue),
			"date": nullable(d.Date), "date_first": nullable(first), "date_last": nullable(last),
			"start": st.Start, "end": st.End,
			"speaker": st.Speaker.ID, "about": uniqueIDs(st.About), "reported_by": uniqueIDs(st.ReportedBy),
		})
	}
	slices.SortFunc(b.statements, compareID)

	for _, r := range x.Relations {
		b.relations = append(b.relations, map[string]any{
			"type": string(r.Type), "source": r.Source, "target": r.Target, "role": r.Role,
		})
	}

	b.doc = map[string]any{
		"id": d.ID, "title": nullable(d.Title), "date": nullable(d.Date), "source": nullable(d.Source),
		"url": nullable(d.URL), "text": d.Text, "bytes": len(d.Text), "statements": len(x.Statements),
	}
	raw, err := json.Marshal([]any{b.doc, b.entities, b.statements, b.relations})
	if err != nil {
		return nil, graph.Wrap(graph.Internal, op, "hashing the extraction", err)
	}
	sum := sha256.Sum256(raw)
	b.hash = hex.EncodeToString(sum[:])
	given := *x
	given.Document.Text = ""
	rawJSON, err := json.Marshal(&given)
	if err != nil {
		return nil, graph.Wrap(graph.Internal, op, "keeping the extraction", err)
	}
	b.raw = string(rawJSON)
	for _, e := range x.Entities {
		b.rawIDs = append(b.rawIDs, e.ID)
	}
	b.given = [2]int{len(x.Entities), len(x.Statements)}
	return b, nil
}

// corrected returns b as cur corrects it: the rows of cur.Apply(b.x),
// with b's hash, raw extraction and counts, and on each entity that
// merges lead to the ids merged into it. It returns the errors of
// prepare, which a correct curation never gives.
func corrected(b *batch, cur *graph.Curation, merged map[string][]string) (*batch, error) {
	cb := b
	if len(cur.Corrections()) > 0 {
		var err error
		if cb, err = prepare(cur.Apply(b.x)); err != nil {
			return nil, err
		}
		cb.hash, cb.raw, cb.rawIDs, cb.given, cb.rewrite, cb.src = b.hash, b.raw, b.rawIDs, b.given, b.rewrite, b.src
	}
	for _, r := range cb.entities {
		if ids, ok := merged[r["id"].(string)]; ok {
			r["merged_ids"] = ids
		} else {
			r["merged_ids"] = nil
		}
	}
	return cb, nil
}

func compareID(x, y map[string]any) int {
	return cmp.Compare(x["id"].(string), y["id"].(string))
}

// uniqueIDs returns the ids of refs, an entity listed twice keeping its
// first place.
func uniqueIDs(refs []graph.EntityRef) []string {
	ids := make([]string, 0, len(refs))
	for _, r := range refs {
		if !slices.Contains(ids, r.ID) {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func sortedSet(list []string) []string {
	out := slices.Clone(list)
	if out == nil {
		out = []string{}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// nullable stores an empty string as a missing property, so that Cypher's
// min/max and IS NULL treat an unknown value as unknown.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

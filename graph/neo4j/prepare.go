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
	x          *graph.Extraction // what the link shares are computed from
	docID      string
	hash       string
	doc        map[string]any
	entities   []map[string]any
	statements []map[string]any
	relations  []map[string]any
	// force writes the document even when the store holds its hash: a
	// document's rows change with its copies (see copies.go).
	force bool
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
	b := &batch{x: x, docID: d.ID}
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
	return b, nil
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

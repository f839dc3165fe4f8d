package ingest

import (
	"context"
	"slices"

	"github.com/entitygraph/entitygraph/graph"
)

// OutletNamer names the outlet a document's source stands for;
// extract.Extractor is one.
type OutletNamer interface {
	Outlet(source string) graph.EntityRef
}

// IntoStore is the one way documents enter a store, whoever sends them
// (`entitygraph ingest`, `serve --demo`, POST /documents): Run with names
// resolved against the store (SurnameResolver) and each document's source
// as the outlet of its statements whose text names none (Options.Outlet,
// when x is an OutletNamer, as extract.Extractor is), and syndicated
// copies folded into the document they copy (Options.FoldCopies), in this
// run or any before. It sets opt.Resolver, opt.Outlet and opt.FoldCopies;
// the rest of opt is the caller's. It returns what Run returns.
func IntoStore(ctx context.Context, store graph.Store, x Extractor, src Source, opt Options) (Summary, error) {
	opt.Resolver = NewSurnameResolver(store)
	opt.FoldCopies = true
	opt.Outlet = nil
	if n, ok := x.(OutletNamer); ok {
		opt.Outlet = n.Outlet
	}
	return Run(ctx, store, x, src, opt)
}

// AttributeSource makes outlet, the document's, a REPORTED_BY of each
// statement of x that is not the outlet's own: the only one of a
// statement whose text names no outlet, the last of one whose text names
// others ("X told Reuters" in a BBC article is reported by Reuters, the
// outlet told, and by the BBC, which carried it: both are kept, the
// document's last). It then lists outlet among x's entities, without
// mentions when the text does not name it: a document's metadata saying
// which outlet published it is evidence of who carried its statements
// (the eval format scores what the text says, so extraction itself leaves
// this out). A zero outlet changes nothing.
func AttributeSource(x *graph.Extraction, outlet graph.EntityRef) {
	if outlet.ID == "" {
		return
	}
	used := false
	for i := range x.Statements {
		st := &x.Statements[i]
		if st.Speaker.ID == outlet.ID || slices.ContainsFunc(st.ReportedBy, func(r graph.EntityRef) bool { return r.ID == outlet.ID }) {
			continue
		}
		st.ReportedBy = append(st.ReportedBy, outlet)
		used = true
	}
	if !used {
		return
	}
	for _, e := range x.Entities {
		if e.ID == outlet.ID {
			return
		}
	}
	x.Entities = append(x.Entities, graph.DocumentEntity{ID: outlet.ID, Kind: outlet.Kind, Name: outlet.Name, Mentions: []graph.Mention{}})
}

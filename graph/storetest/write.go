package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

func testWriteResult(t *testing.T, s graph.Store) {
	x := seed().byDocument(DocBudanov)
	res, err := s.WriteExtraction(t.Context(), x)
	if err != nil {
		t.Fatalf("WriteExtraction: %v", err)
	}
	equal(t, "first write", res, graph.WriteResult{DocumentID: DocBudanov, Entities: 5, Statements: 3})
}

// snapshot is what a user can see of a whole store: counts, every entity,
// every statement and every document.
type snapshot struct {
	Stats      graph.Stats
	Entities   []graph.Entity
	Statements []graph.Statement
	Documents  []graph.Document
}

func take(t *testing.T, s graph.Store) snapshot {
	t.Helper()
	ctx := t.Context()
	var snap snapshot
	var err error
	if snap.Stats, err = s.Stats(ctx); err != nil {
		t.Fatalf("Stats: %v", err)
	}
	ep, err := s.SearchEntities(ctx, graph.EntityQuery{Page: graph.PageRequest{Size: graph.MaxPageSize}})
	if err != nil {
		t.Fatalf("SearchEntities: %v", err)
	}
	sp, err := s.Statements(ctx, graph.StatementQuery{Page: graph.PageRequest{Size: graph.MaxPageSize}})
	if err != nil {
		t.Fatalf("Statements: %v", err)
	}
	dp, err := s.Documents(ctx, graph.DocumentQuery{Page: graph.PageRequest{Size: graph.MaxPageSize}})
	if err != nil {
		t.Fatalf("Documents: %v", err)
	}
	snap.Entities, snap.Statements, snap.Documents = ep.Entities, sp.Statements, dp.Documents
	return snap
}

func testIdempotent(t *testing.T, s graph.Store) {
	sd := seed()
	Write(t, s, sd.extractions...)
	before := take(t, s)
	for _, x := range seed().extractions {
		res, err := s.WriteExtraction(t.Context(), x)
		if err != nil {
			t.Fatalf("second WriteExtraction(%s): %v", x.Document.ID, err)
		}
		if !res.Unchanged {
			t.Errorf("second write of %s: Unchanged false, want true", x.Document.ID)
		}
	}
	equal(t, "store after writing everything twice", take(t, s), before)
}

func testReplace(t *testing.T, s graph.Store) {
	sd := seed()
	Write(t, s, sd.extractions...)
	before := take(t, s)

	// A new version of the note: dated now, without the Kremlin and without
	// its statement, and calling Russia by one more name.
	v2 := seed().byDocument(DocNote)
	v2.Document.Date = "2024-03"
	v2.Statements = nil
	v2.Entities = v2.Entities[:0:0]
	for _, e := range seed().byDocument(DocNote).Entities {
		switch e.ID {
		case Kremlin:
			continue
		case Russia:
			e.Aliases = []string{"Russian Federation"}
		}
		v2.Entities = append(v2.Entities, e)
	}
	res, err := s.WriteExtraction(t.Context(), v2)
	if err != nil {
		t.Fatalf("WriteExtraction(v2): %v", err)
	}
	if res.Unchanged {
		t.Errorf("a changed extraction was reported Unchanged")
	}
	ctx := t.Context()
	_, err = s.Statement(ctx, sd.id("note-kremlin"))
	wantCode(t, "the dropped statement", err, graph.NotFound, "")
	_, err = s.Entity(ctx, Kremlin)
	wantCode(t, "the entity only the old version named", err, graph.NotFound, "")
	if p, err := s.SearchEntities(ctx, graph.EntityQuery{Text: "Kremlin"}); err != nil || len(p.Entities) != 0 {
		t.Errorf("search for the dropped entity = %v, %v; want nothing", entityIDs(p.Entities), err)
	}
	if l, err := s.StatementsAround(ctx, []string{Kremlin}, 10, graph.TimeRange{}); err != nil || len(l[0]) != 0 {
		t.Errorf("statements around the dropped entity = %+v, %v; want none", l, err)
	}
	if l, err := s.Neighbors(ctx, []string{Budanov}, 10, graph.LinkFilter{}); err != nil || slices.ContainsFunc(l[0], func(n graph.Neighbor) bool { return n.ID == Kremlin }) {
		t.Errorf("Budanov's neighbors after the rewrite = %+v, %v; want no Kremlin", l, err)
	}
	russia, err := s.Entity(ctx, Russia)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Russia after the rewrite", russia, graph.Entity{ID: Russia, Kind: graph.KindCountry, Name: "Russia",
		Aliases:  []string{"RF", "Russian Federation", "russia", "russian", "russians"},
		Mentions: 8, Documents: 4, FirstSeen: "2023-11", LastSeen: "2024-03"})
	budanov, err := s.Entity(ctx, Budanov)
	if err != nil {
		t.Fatal(err)
	}
	if budanov.LastSeen != "2024-03" || budanov.Mentions != 3 {
		t.Errorf("Budanov after the note got a date: last seen %q, mentions %d; want 2024-03, 3", budanov.LastSeen, budanov.Mentions)
	}
	if p, err := s.Statements(ctx, graph.StatementQuery{Speaker: Budanov}); err != nil || len(p.Statements) != 3 {
		t.Errorf("Budanov's statements after the rewrite: %v, %v; want the three of %s", statementIDs(p.Statements), err, DocBudanov)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Entities != 10 || st.Statements != 5 || st.Documents != 4 || st.LastDate != "2024-03" {
		t.Errorf("Stats after the rewrite: %+v; want 10 entities, 5 statements, 4 documents, last date 2024-03", st)
	}
	d, err := s.Documents(ctx, graph.DocumentQuery{Page: graph.PageRequest{Size: 1}})
	if err != nil || len(d.Documents) != 1 || d.Documents[0].ID != DocNote || d.Documents[0].Statements != 0 {
		t.Errorf("newest document after the rewrite: %+v, %v; want %s with 0 statements", d.Documents, err, DocNote)
	}

	// Writing the first version again brings back exactly what it gave.
	Write(t, s, seed().byDocument(DocNote))
	equal(t, "store after writing the first version back", take(t, s), before)
}

func testNameFirstWrittenWins(t *testing.T, s graph.Store) {
	first := seed().byDocument(DocBudanov)
	second := seed().byDocument(DocNote)
	for i := range second.Entities {
		if second.Entities[i].ID == Budanov {
			second.Entities[i].Name = "KYRYLO BUDANOV" // same id, other spelling
		}
	}
	Write(t, s, first, second)
	e, err := s.Entity(t.Context(), Budanov)
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "Kyrylo Budanov" {
		t.Errorf("name %q, want the first written, Kyrylo Budanov", e.Name)
	}
	// Rewriting the first document keeps it first.
	changed := seed().byDocument(DocBudanov)
	changed.Document.Title += " (updated)"
	Write(t, s, changed)
	if e, err = s.Entity(t.Context(), Budanov); err != nil || e.Name != "Kyrylo Budanov" {
		t.Errorf("after rewriting the first document: %q, %v; want Kyrylo Budanov", e.Name, err)
	}
}

// testInvalidWrite writes extractions that do not hold together, new and
// over an existing document: each is rejected as Invalid and the store is
// as before.
func testInvalidWrite(t *testing.T, s graph.Store) {
	Write(t, s, seed().extractions...)
	before := take(t, s)
	tests := []struct {
		name  string
		spoil func(x *graph.Extraction)
	}{
		{"speaker not among the entities", func(x *graph.Extraction) {
			x.Statements[len(x.Statements)-1].Speaker = graph.EntityRef{ID: "person:ghost", Kind: graph.KindPerson, Name: "Ghost"}
		}},
		{"about entity not among the entities", func(x *graph.Extraction) {
			st := &x.Statements[len(x.Statements)-1]
			st.About = append(st.About, graph.EntityRef{ID: "country:atlantis", Kind: graph.KindCountry, Name: "Atlantis"})
		}},
		{"outlet not among the entities", func(x *graph.Extraction) {
			st := &x.Statements[len(x.Statements)-1]
			st.ReportedBy = append(st.ReportedBy, graph.EntityRef{ID: "organization:gazette", Kind: graph.KindOrganization, Name: "Gazette"})
		}},
		{"relation to an entity not among the entities", func(x *graph.Extraction) {
			x.Relations = append(x.Relations, graph.Relation{Type: graph.RelPartOf, Source: x.Entities[0].ID, Target: "organization:nowhere"})
		}},
		{"entity kind unknown", func(x *graph.Extraction) { x.Entities[1].Kind = "planet" }},
		{"entity id of another kind", func(x *graph.Extraction) { x.Entities[1].Kind = graph.KindPerson }},
		{"bad date", func(x *graph.Extraction) { x.Document.Date = "2024-13" }},
		{"no document id", func(x *graph.Extraction) { x.Document.ID = "" }},
		// Statement ids are global: one document cannot take over
		// another's statement.
		{"statement id of another document", func(x *graph.Extraction) {
			x.Statements[0].ID = seed().id("budanov-supplier")
		}},
	}
	for _, tt := range tests {
		for _, id := range []string{"brand-new-document", DocNote} {
			x := seed().byDocument(DocNote)
			x.Document.ID = id
			for i := range x.Statements {
				x.Statements[i].DocumentID = id
			}
			tt.spoil(x)
			_, err := s.WriteExtraction(t.Context(), x)
			wantCode(t, tt.name+" ("+id+")", err, graph.Invalid, "")
		}
	}
	if _, err := s.WriteExtraction(t.Context(), nil); graph.ErrorCode(err) != graph.Invalid {
		t.Errorf("WriteExtraction(nil) = %v, want an Invalid error", err)
	}
	_, err := s.Document(t.Context(), "brand-new-document")
	wantCode(t, "the rejected new document", err, graph.NotFound, "")
	equal(t, "store after rejected writes", take(t, s), before)
}

func testCancelledWrite(t *testing.T, s graph.Store) {
	Write(t, s, seed().byDocument(DocBudanov))
	before := take(t, s)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := s.WriteExtraction(ctx, seed().byDocument(DocYusov))
	if err == nil {
		t.Fatalf("WriteExtraction with a cancelled context succeeded")
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v does not say the context was cancelled", err)
	}
	_, err = s.Document(t.Context(), DocYusov)
	wantCode(t, "document of the cancelled write", err, graph.NotFound, "")
	equal(t, "store after the cancelled write", take(t, s), before)
}

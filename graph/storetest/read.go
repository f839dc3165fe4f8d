package storetest

import (
	"fmt"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

func testEntity(t *testing.T, s graph.Store, _ seedData) {
	tests := []graph.Entity{
		// Aliases are the sorted union over documents; mentions add up;
		// first/last seen span the dated documents (the note is undated).
		{ID: Budanov, Kind: graph.KindPerson, Name: "Kyrylo Budanov", Aliases: []string{"Budanov"},
			Mentions: 3, Documents: 2, FirstSeen: "2024-01", LastSeen: "2024-01"},
		{ID: Russia, Kind: graph.KindCountry, Name: "Russia", Aliases: []string{"RF", "russia", "russian", "russians"},
			Mentions: 8, Documents: 4, FirstSeen: "2023-11", LastSeen: "2024-02-03"},
		{ID: SouthKoreanInt, Kind: graph.KindOrganization, Name: "South Korean intelligence", Aliases: []string{"Seoul"},
			Mentions: 3, Documents: 1, FirstSeen: "2023-11", LastSeen: "2023-11"},
		{ID: Kremlin, Kind: graph.KindOrganization, Name: "Kremlin", Aliases: []string{},
			Mentions: 1, Documents: 1},
	}
	for _, want := range tests {
		got, err := s.Entity(t.Context(), want.ID)
		if err != nil {
			t.Errorf("Entity(%s): %v", want.ID, err)
			continue
		}
		equal(t, "Entity("+want.ID+")", got, want)
	}
}

func testEntities(t *testing.T, s graph.Store, _ seedData) {
	got, err := s.Entities(t.Context(), []string{Russia, "person:nobody", Budanov, Kremlin})
	if err != nil {
		t.Fatalf("Entities: %v", err)
	}
	equal(t, "Entities keep the order given and skip unknown ids", entityIDs(got), []string{Russia, Budanov, Kremlin})
	if len(got) > 1 {
		one, err := s.Entity(t.Context(), Budanov)
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "Entities()[1] is the same as Entity()", got[1], one)
	}
	none, err := s.Entities(t.Context(), nil)
	if err != nil || len(none) != 0 {
		t.Errorf("Entities(nil) = %v, %v; want none", none, err)
	}
}

func testStatement(t *testing.T, s graph.Store, sd seedData) {
	for _, key := range []string{"budanov-supplier", "seoul-shells", "note-kremlin"} {
		var want graph.Statement
		var doc graph.Document
		for _, x := range sd.extractions {
			for _, st := range x.Statements {
				if st.ID == sd.id(key) {
					want, doc = st, x.Document
				}
			}
		}
		// The statement comes back as written, with its document.
		want.Document = &graph.DocumentRef{ID: doc.ID, Title: doc.Title, Date: doc.Date, Source: doc.Source, URL: doc.URL}
		got, err := s.Statement(t.Context(), want.ID)
		if err != nil {
			t.Errorf("Statement(%s): %v", key, err)
			continue
		}
		equal(t, "Statement("+key+")", got, want)
	}
}

func testDocument(t *testing.T, s graph.Store, sd seedData) {
	for _, x := range sd.extractions {
		want := x.Document
		want.Bytes, want.Statements = len(want.Text), len(x.Statements)
		got, err := s.Document(t.Context(), want.ID)
		if err != nil {
			t.Errorf("Document(%s): %v", want.ID, err)
			continue
		}
		equal(t, "Document("+want.ID+")", got, want)
	}
}

func testDocuments(t *testing.T, s graph.Store, sd seedData) {
	// Newest first; the undated note last.
	order := []string{DocYusov, DocBudanov, DocSeoul, DocNote}
	first, err := s.Documents(t.Context(), graph.DocumentQuery{})
	if err != nil {
		t.Fatalf("Documents: %v", err)
	}
	var ids []string
	for _, d := range first.Documents {
		ids = append(ids, d.ID)
		x := sd.byDocument(d.ID)
		want := x.Document
		want.Text, want.Bytes, want.Statements = "", len(x.Document.Text), len(x.Statements)
		equal(t, "listed document "+d.ID+" (without text)", d, want)
	}
	equal(t, "Documents order", ids, order)
	if first.NextPageToken != "" {
		t.Errorf("one page of every document has NextPageToken %q", first.NextPageToken)
	}
	for _, size := range []int{1, 2, 3, 4} {
		got := pages(t, func(token string) ([]string, string, error) {
			p, err := s.Documents(t.Context(), graph.DocumentQuery{Page: graph.PageRequest{Size: size, Token: token}})
			var ids []string
			for _, d := range p.Documents {
				ids = append(ids, d.ID)
			}
			return ids, p.NextPageToken, err
		})
		equal(t, fmt.Sprintf("Documents in pages of %d", size), got, order)
	}
}

func testStats(t *testing.T, s graph.Store, _ seedData) {
	got, err := s.Stats(t.Context())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	want := seedStats()
	equal(t, "Stats", got, want)
}

// seedStats is what a store holds after the seed.
func seedStats() graph.Stats {
	return graph.Stats{
		Documents: 4, Entities: 11, Statements: 6,
		ByKind: map[graph.Kind]int{graph.KindPerson: 2, graph.KindOrganization: 6, graph.KindCountry: 3},
		// The AFFILIATED_WITH edge Budanov → Defense Intelligence
		// Directorate, stated by two documents, is one edge.
		Edges: map[string]int{"STATED": 6, "IN": 6, "ABOUT": 11, "REPORTED_BY": 4, "MENTIONED_IN": 18,
			"AFFILIATED_WITH": 2, "PART_OF": 0, "BASED_IN": 1},
		FirstDate: "2023-11", LastDate: "2024-02-03",
	}
}

func testNotFound(t *testing.T, s graph.Store, _ seedData) {
	ctx := t.Context()
	for _, c := range []struct {
		name string
		call func() error
	}{
		{"Entity", func() error { _, err := s.Entity(ctx, "person:nobody"); return err }},
		{"Statement", func() error { _, err := s.Statement(ctx, "st_0000000000000000"); return err }},
		{"Document", func() error { _, err := s.Document(ctx, "no-such-document"); return err }},
		{"Neighborhood", func() error {
			_, err := graph.Neighborhood(ctx, s, "person:nobody", graph.NeighborhoodQuery{})
			return err
		}},
		{"Path", func() error { _, err := graph.Path(ctx, s, Budanov, "person:nobody", 0, graph.TimeRange{}); return err }},
	} {
		wantCode(t, c.name+" of an unknown id", c.call(), graph.NotFound, "")
	}
}

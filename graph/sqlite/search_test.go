package sqlite

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/internal/synth"
)

// A search reads its matches one of two ways, sorted or in mentions order
// (from the busy entities' matches when they fill the page), by how many
// there are (searchSortLimit). Both must give the same pages: here every
// query runs both ways, over a wire corpus whose common prefixes match
// hundreds of names and whose full names match one.
func TestSearchReadsAgreeBothWays(t *testing.T) {
	ctx := t.Context()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "graph.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := synth.New(synth.Config{Entities: 1500, Seed: 3})
	var xs []*graph.Extraction
	for d, ok := c.Next(); ok; d, ok = c.Next() {
		xs = append(xs, d.Extraction)
	}
	// "Ann Lee", named once, shares her words with 15 persons named more:
	// read in mentions order she is not in the first pages of "Ann Lee",
	// so only the read by id puts her first.
	for i := range 16 {
		name, n := "Ann Lee", 1
		if i > 0 {
			name, n = "Ann Lee"+strings.Repeat("e", i), 3
		}
		text := strings.TrimSpace(strings.Repeat(name+" spoke. ", n))
		e := graph.DocumentEntity{ID: graph.EntityID(graph.KindPerson, name), Kind: graph.KindPerson, Name: name}
		for j := range n {
			start := j * len(name+" spoke. ")
			e.Mentions = append(e.Mentions, graph.Mention{Start: start, End: start + len(name), Text: name})
		}
		xs = append(xs, &graph.Extraction{Document: graph.Document{ID: fmt.Sprintf("lee-%d", i), Text: text},
			Entities: []graph.DocumentEntity{e}})
	}
	if _, err := s.WriteExtractions(ctx, xs); err != nil {
		t.Fatal(err)
	}
	top, err := s.SearchEntities(ctx, graph.EntityQuery{Kinds: []graph.Kind{graph.KindPerson}, Page: graph.PageRequest{Size: 3}})
	if err != nil || len(top.Entities) < 3 {
		t.Fatalf("listing persons: %v", err)
	}
	queries := []graph.EntityQuery{
		{Text: "ma"}, {Text: "jo", Kinds: []graph.Kind{graph.KindPerson}}, {Text: "a"},
		{Text: "united"}, {Text: "Ann Lee"}, {Text: "u", Kinds: []graph.Kind{graph.KindCountry, graph.KindOrganization}},
	}
	for _, e := range top.Entities {
		queries = append(queries, graph.EntityQuery{Text: e.Name}, graph.EntityQuery{Text: e.Name[:len(e.Name)-2]})
	}
	// The least mentioned persons' full names: read in mentions order
	// they rank last, so only the read by id puts them first.
	persons := readAll(t, s, graph.EntityQuery{Kinds: []graph.Kind{graph.KindPerson}}, searchSortLimit)
	for _, id := range persons[len(persons)-3:] {
		e, err := s.Entity(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		queries = append(queries, graph.EntityQuery{Text: e.Name})
	}
	manyMatches, busyPage := false, false
	for _, q := range queries {
		words, err := graph.SearchWords(q.Text)
		if err != nil {
			t.Fatal(err)
		}
		var busy int
		err = s.read(ctx, "test", "counting busy matches", func(tx *txn) error {
			return tx.queryRow(`SELECT count(*) FROM entity_busy_fts WHERE entity_busy_fts MATCH ?`, ftsQuery(words)).Scan(&busy)
		})
		if err != nil {
			t.Fatal(err)
		}
		busyPage = busyPage || busy > 7+len(graph.EntityKinds)
		sorted, inOrder := readAll(t, s, q, 1<<30), readAll(t, s, q, 0)
		if !slices.Equal(sorted, inOrder) {
			t.Errorf("search %q %v: sorted gives %v,\nin mentions order %v", q.Text, q.Kinds, sorted, inOrder)
		}
		if len(sorted) == 0 {
			t.Errorf("search %q %v found nothing", q.Text, q.Kinds)
		}
		manyMatches = manyMatches || len(sorted) > 3*graph.DefaultPageSize
	}
	if !manyMatches {
		t.Error("no query matched more than three pages: the corpus does not exercise paging")
	}
	if !busyPage {
		t.Error("no query's busy matches (see busyMentions) fill a page: the corpus does not exercise them")
	}
}

// readAll pages through q (page size 7) with the store's searchSortLimit
// set to limit and returns the ids in order.
func readAll(t *testing.T, s *Store, q graph.EntityQuery, limit int) []string {
	t.Helper()
	s.searchSortLimit = limit
	defer func() { s.searchSortLimit = searchSortLimit }()
	var ids []string
	q.Page = graph.PageRequest{Size: 7}
	for {
		p, err := s.SearchEntities(t.Context(), q)
		if err != nil {
			t.Fatal(fmt.Errorf("search %q: %w", q.Text, err))
		}
		for _, e := range p.Entities {
			ids = append(ids, e.ID)
		}
		if p.NextPageToken == "" {
			return ids
		}
		q.Page.Token = p.NextPageToken
	}
}

package graph_test

import (
	"cmp"
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// searchFake is a Reader that serves SearchEntities from a list, as the
// stores do (every query word begins a word of the name or an alias; no
// text lists all, most mentioned first), and records what it was asked.
// Its other methods are the nil embedded Reader's: Suggest must not call
// them.
type searchFake struct {
	graph.Reader
	entities []graph.Entity
	err      error
	asked    []graph.EntityQuery
}

func (f *searchFake) SearchEntities(_ context.Context, q graph.EntityQuery) (graph.EntityPage, error) {
	f.asked = append(f.asked, q)
	if f.err != nil {
		return graph.EntityPage{}, f.err
	}
	var out []graph.Entity
	for _, e := range f.entities {
		if (len(q.Kinds) == 0 || slices.Contains(q.Kinds, e.Kind)) && fakeMatch(q.Text, e) {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b graph.Entity) int {
		return cmp.Or(cmp.Compare(b.Mentions, a.Mentions), strings.Compare(a.ID, b.ID))
	})
	return graph.EntityPage{Entities: out[:min(len(out), q.Page.Size)]}, nil
}

func fakeMatch(text string, e graph.Entity) bool {
	var words []string
	for _, name := range append([]string{e.Name}, e.Aliases...) {
		words = append(words, strings.Split(graph.Slug(name), "-")...)
	}
	for _, w := range strings.Split(graph.Slug(text), "-") {
		if w != "" && !slices.ContainsFunc(words, func(n string) bool { return strings.HasPrefix(n, w) }) {
			return false
		}
	}
	return true
}

func person(name string, mentions int, aliases ...string) graph.Entity {
	return graph.Entity{ID: graph.EntityID(graph.KindPerson, name), Kind: graph.KindPerson, Name: name, Aliases: aliases, Mentions: mentions}
}

func TestSuggest(t *testing.T) {
	entities := []graph.Entity{
		person("Kyrylo Budanov", 12, "Budanov"),
		person("Dmitry Peskov", 7, "Peskov"),
		person("Ivan Petrov", 1),
		person("Anna Petrova", 9),
		person("Boris Johnson", 5),
		person("Ben Jonsen", 5),
		{ID: "organization:irgc", Kind: graph.KindOrganization, Name: "Islamic Revolutionary Guard Corps", Aliases: []string{"IRGC"}, Mentions: 2},
		{ID: "country:russia", Kind: graph.KindCountry, Name: "Russia", Aliases: []string{"RF", "russian"}, Mentions: 30},
	}
	tests := []struct {
		name  string
		text  string
		kinds []graph.Kind
		want  []string // names, in rank order
	}{
		{"a letter left out", "Budnov", nil, []string{"Kyrylo Budanov"}},
		{"a letter replaced", "Peskow", nil, []string{"Dmitry Peskov"}},
		{"any case and accents", "PÉSKÔW", nil, []string{"Dmitry Peskov"}},
		{"two letters swapped", "Peksov", nil, []string{"Dmitry Peskov", "Ivan Petrov"}}, // 1 edit, then 2
		{"every word near a word of the name", "Kyrilo Budnov", nil, []string{"Kyrylo Budanov"}},
		{"an initial begins a word", "K. Budnov", nil, []string{"Kyrylo Budanov"}},
		{"an initial that begins no word", "D. Budnov", nil, nil},
		{"a typo in the first letter of a well-known name", "Vudanov", nil, []string{"Kyrylo Budanov"}},
		{"an alias", "IRCG", nil, []string{"Islamic Revolutionary Guard Corps"}},
		{"fewer edits first, though less mentioned", "Petrow", nil, []string{"Ivan Petrov", "Anna Petrova"}},
		{"equal edits and mentions: by id", "Jonson", nil, []string{"Ben Jonsen", "Boris Johnson"}},
		{"a short word allows one edit only", "Bdnov", nil, nil}, // 2 edits from budanov; 5 letters
		{"nothing near", "zzzz", nil, nil},
		{"other kinds are not suggested", "Budnov", []graph.Kind{graph.KindCountry}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := &searchFake{entities: entities}
			got, err := graph.Suggest(t.Context(), f, graph.EntityQuery{Text: tt.text, Kinds: tt.kinds}, 5)
			if err != nil {
				t.Fatalf("Suggest(%q): %v", tt.text, err)
			}
			var names []string
			for _, e := range got {
				names = append(names, e.Name)
			}
			if !slices.Equal(names, tt.want) {
				t.Errorf("Suggest(%q) = %q, want %q", tt.text, names, tt.want)
			}
			for _, q := range f.asked {
				if !slices.Equal(q.Kinds, tt.kinds) {
					t.Errorf("Suggest(%q) asked for kinds %v, want %v", tt.text, q.Kinds, tt.kinds)
				}
			}
		})
	}
}

func TestSuggestIsBounded(t *testing.T) {
	var many []graph.Entity
	for _, name := range []string{"Ana Alves", "Ana Alvez", "Ana Alvis", "Ana Alvas", "Ana Alvos", "Ana Alvus", "Ana Alvys"} {
		many = append(many, person(name, 1))
	}
	tests := []struct {
		text      string
		limit     int
		wantCalls int
		wantN     int
	}{
		{"alvxs anx bxb cxc dxd exe fxf gxg hxh", 5, 3, 0}, // many words: still two prefixes and the listing
		{"Alvqs", 5, 2, 5}, // one prefix and the listing; cut at the limit
		{"Alvqs", 0, 0, 0},
		{"A. B.", 5, 0, 0}, // initials only: nothing to correct, the store is not asked
		{"", 5, 0, 0},
	}
	for _, tt := range tests {
		f := &searchFake{entities: many}
		got, err := graph.Suggest(t.Context(), f, graph.EntityQuery{Text: tt.text}, tt.limit)
		if err != nil {
			t.Fatalf("Suggest(%q): %v", tt.text, err)
		}
		if len(f.asked) != tt.wantCalls || len(got) != tt.wantN {
			t.Errorf("Suggest(%q, %d): %d store calls and %d suggestions, want %d and %d", tt.text, tt.limit, len(f.asked), len(got), tt.wantCalls, tt.wantN)
		}
		for _, q := range f.asked {
			if q.Page.Size != graph.MaxPageSize || q.Page.Token != "" {
				t.Errorf("Suggest(%q) asked for page %+v, want one first page of %d", tt.text, q.Page, graph.MaxPageSize)
			}
		}
	}
	// The same graph gives the same answer, whatever order the store
	// returns equals in.
	f := &searchFake{entities: many}
	first, _ := graph.Suggest(t.Context(), f, graph.EntityQuery{Text: "Alvqs"}, 3)
	slices.Reverse(f.entities)
	again, _ := graph.Suggest(t.Context(), f, graph.EntityQuery{Text: "Alvqs"}, 3)
	if !slices.EqualFunc(first, again, func(a, b graph.Entity) bool { return a.ID == b.ID }) {
		t.Errorf("Suggest gave %v, then %v", first, again)
	}
}

func TestSuggestStoreError(t *testing.T) {
	down := graph.Errorf(graph.Unavailable, "fake.SearchEntities", "the store is down")
	f := &searchFake{err: down}
	got, err := graph.Suggest(t.Context(), f, graph.EntityQuery{Text: "Budnov"}, 5)
	if graph.ErrorCode(err) != graph.Unavailable || !errors.Is(err, down) || got != nil {
		t.Errorf("Suggest on a store that is down = %v, %v; want the Unavailable error", got, err)
	}
}

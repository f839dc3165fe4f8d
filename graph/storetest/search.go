package storetest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// byMentions returns every seed entity, most mentioned first, then by id.
func byMentions() []string {
	return []string{
		Russia,                                                               // 8
		NorthKorea,                                                           // 5
		DefenseIntel,                                                         // 3
		SouthKoreanInt,                                                       // 3
		Budanov,                                                              // 3
		SouthKorea, FinancialTimes, Kremlin, MainIntel, UkrainianNews, Yusov, // 1
	}
}

func testSearchEntities(t *testing.T, s graph.Store, _ seedData) {
	org := []graph.Kind{graph.KindOrganization}
	tests := []struct {
		name  string
		text  string
		kinds []graph.Kind
		want  []string
	}{
		{"surname", "Budanov", nil, []string{Budanov}},
		{"prefix of the last word", "Buda", nil, []string{Budanov}},
		{"full name in capitals with accents", "KÝRYLO BUDÁNOV", nil, []string{Budanov}},
		{"lower case", "kyrylo budanov", nil, []string{Budanov}},
		{"alias", "russian", nil, []string{Russia}},
		{"short alias", "RF", nil, []string{Russia}},
		{"alias of an organization", "Seoul", nil, []string{SouthKoreanInt}},
		{"prefix matches longer words, most mentioned first", "Korea", nil, []string{NorthKorea, SouthKoreanInt, SouthKorea}},
		{"exact name first", "South Korea", nil, []string{SouthKorea, SouthKoreanInt}},
		{"kind filter", "Korea", []graph.Kind{graph.KindCountry}, []string{NorthKorea, SouthKorea}},
		{"word in name or alias, one kind", "intelligence", org, []string{DefenseIntel, SouthKoreanInt, MainIntel}},
		{"two kinds", "Korea", []graph.Kind{graph.KindOrganization, graph.KindPerson}, []string{SouthKoreanInt}},
		{"every word must match", "Budanov Yusov", nil, []string{}},
		{"no match", "Zelensky", nil, []string{}},
		// FTS syntax in what a user typed is read as text, never an error.
		{"unbalanced quote and operator", `"foo AND (`, nil, []string{}},
		{"quote inside a name", `Budanov"`, nil, []string{Budanov}},
		{"only a star", `*`, nil, []string{}},
		{"operators around a word", `NOT budanov OR`, nil, []string{}},
		{"column filter syntax", `name:Budanov`, nil, []string{}},
		{"near syntax", `NEAR(budanov`, nil, []string{}},
		{"minus and caret", `-^budanov`, nil, []string{Budanov}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s.SearchEntities(t.Context(), graph.EntityQuery{Text: tt.text, Kinds: tt.kinds})
			if err != nil {
				t.Fatalf("SearchEntities(%q): %v", tt.text, err)
			}
			equal(t, fmt.Sprintf("SearchEntities(%q, %v)", tt.text, tt.kinds), entityIDs(p.Entities), tt.want)
		})
	}
}

func testSearchEntitiesList(t *testing.T, s graph.Store, _ seedData) {
	p, err := s.SearchEntities(t.Context(), graph.EntityQuery{})
	if err != nil {
		t.Fatalf("SearchEntities(empty): %v", err)
	}
	equal(t, "empty text lists every entity by mentions", entityIDs(p.Entities), byMentions())
	if len(p.Entities) > 0 {
		want, err := s.Entity(t.Context(), p.Entities[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "a listed entity", p.Entities[0], want)
	}
	p, err = s.SearchEntities(t.Context(), graph.EntityQuery{Kinds: []graph.Kind{graph.KindPerson}})
	if err != nil {
		t.Fatalf("SearchEntities(kind person): %v", err)
	}
	equal(t, "every person", entityIDs(p.Entities), []string{Budanov, Yusov})

	for _, size := range []int{1, 4, 11} {
		got := pages(t, func(token string) ([]string, string, error) {
			p, err := s.SearchEntities(t.Context(), graph.EntityQuery{Page: graph.PageRequest{Size: size, Token: token}})
			return entityIDs(p.Entities), p.NextPageToken, err
		})
		equal(t, fmt.Sprintf("every entity in pages of %d", size), got, byMentions())
	}
	got := pages(t, func(token string) ([]string, string, error) {
		p, err := s.SearchEntities(t.Context(), graph.EntityQuery{Text: "intelligence", Page: graph.PageRequest{Size: 2, Token: token}})
		return entityIDs(p.Entities), p.NextPageToken, err
	})
	equal(t, "search results in pages of 2", got, []string{DefenseIntel, SouthKoreanInt, MainIntel})
}

func testSearchEntitiesInvalid(t *testing.T, s graph.Store, _ seedData) {
	tests := []struct {
		name  string
		q     graph.EntityQuery
		param string
	}{
		{"absurd page size", graph.EntityQuery{Text: "Budanov", Page: graph.PageRequest{Size: 1_000_000}}, "page_size"},
		{"negative page size", graph.EntityQuery{Page: graph.PageRequest{Size: -1}}, "page_size"},
		{"made-up page token", graph.EntityQuery{Page: graph.PageRequest{Token: "not-a-token"}}, "page_token"},
		{"unknown kind", graph.EntityQuery{Kinds: []graph.Kind{"planet"}}, "kind"},
		{"query over the limit", graph.EntityQuery{Text: strings.Repeat("é", graph.MaxSearchRunes+1)}, "q"},
	}
	for _, tt := range tests {
		_, err := s.SearchEntities(t.Context(), tt.q)
		wantCode(t, tt.name, err, graph.Invalid, tt.param)
	}
}

// testSearchLanguage holds every store to the one query language of
// graph.SearchWords: words without operators, the last a prefix, words
// such as "of" and "and" (which a full-text analyzer may drop) matched
// like any other, and long words answered, not failed.
func testSearchLanguage(t *testing.T, s graph.Store) {
	const (
		ministry = "organization:ministry-of-defense"
		andOr    = "organization:and-or-records"
		ab       = "organization:a-b-testing-group"
	)
	d := newDoc(graph.Document{ID: "search-language",
		Text: "The Ministry of Defense and And Or Records and A B Testing Group spoke."})
	d.entity(graph.KindOrganization, "Ministry of Defense", nil, "Ministry of Defense")
	d.entity(graph.KindOrganization, "And Or Records", nil, "And Or Records")
	d.entity(graph.KindOrganization, "A B Testing Group", nil, "A B Testing Group")
	Write(t, s, d.x)
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"ministry of", []string{ministry}},
		{"ministry of defense", []string{ministry}},
		{"ministry o", []string{ministry}},
		{"of defense", []string{ministry}},
		{"AND OR", []string{andOr}},
		{"and or records", []string{andOr}},
		{"a:b", []string{ab}},
		{"A B", []string{ab}},
		{"the ministry", []string{}},
		{"Ministry's", []string{ministry}},
		{strings.Repeat("x", graph.MaxSearchRunes), []string{}},
		{strings.Repeat("defense ", 20), []string{ministry}},
	} {
		p, err := s.SearchEntities(t.Context(), graph.EntityQuery{Text: tt.text})
		if err != nil {
			t.Errorf("SearchEntities(%.40q): %v", tt.text, err)
			continue
		}
		equal(t, fmt.Sprintf("SearchEntities(%.40q)", tt.text), entityIDs(p.Entities), tt.want)
	}
}

package graph

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The search language, the same on every store: a query is words, runs of
// letters and digits; everything else separates them and means nothing
// (no operators: "AND", "OR", "a:b", quotes and stars are words or
// separators like any other). Words match the words of an entity's name
// or aliases in any case and without accents; every word must match, the
// last as a prefix. A possessive 's is dropped ("Russia's" finds Russia).
// One difference remains: Neo4j's index keeps a word with an apostrophe
// inside whole ("o'brien"), so there "O'Brien" finds nothing, while
// SQLite's splits it as the query does.
const (
	// MaxSearchRunes bounds a query: names are short, and a long query
	// costs the stores time (and Lucene an error) for nothing.
	MaxSearchRunes = 200
	// maxSearchWords bounds the words of a query: each is one more term
	// for the index to intersect.
	maxSearchWords = 16
)

// SearchWords returns the words of the query text in the search language
// above: lower-case, without accents, at most 16 of them. It returns an
// Invalid error naming q for a text over MaxSearchRunes characters.
func SearchWords(text string) ([]string, error) {
	if n := utf8.RuneCountInString(text); n > MaxSearchRunes {
		return nil, InvalidParam("graph.SearchWords", "q", "q is %d characters long; the limit is %d", n, MaxSearchRunes)
	}
	text = possessive.ReplaceAllString(text, "")
	var words []string
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 && len(words) < maxSearchWords {
			words = append(words, b.String())
		}
		b.Reset()
	}
	for _, r := range norm.NFD.String(text) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return words, nil
}

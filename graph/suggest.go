package graph

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// Suggest returns up to limit entities whose name or one alias is spelled
// nearly like q.Text: for a search that found nothing ("Budnov", "Peskow"),
// what the user probably meant. It works on any Reader, through
// SearchEntities alone, and returns nil when nothing is near enough or
// q.Text has no word of three letters or more. On a failing store it
// returns the store's error, wrapped.
//
// Spelling is compared word by word on slugs (Slug: any case, no accents).
// An entity matches when one of its name strings (the name or one alias)
// has, for every word of q.Text, a word within the word's allowance:
//   - a word of 1–2 letters (an initial, "K") must begin a word there;
//   - a word of 3–5 letters may be 1 edit away ("Peskw" → "Peskov");
//   - a longer word 2 edits ("Budnov" → "Budanov", "Peskow" → "Peskov").
//
// An edit inserts, deletes or replaces a letter or swaps two neighbors
// (optimal string alignment distance). Matches rank by the sum of their
// edits, then by mentions, then by id, so the answer is the same every
// time for the same graph.
//
// Candidates come from at most three SearchEntities calls, each one page
// of MaxPageSize, whatever the graph's size: one prefix search for each of
// the (at most) two longest query words, on its first two letters (3–5
// letter words) or three (longer words), and the most mentioned entities.
// The prefixes find rarely mentioned entities in a large graph; the
// listing catches a typo in the first letters of an entity people talk
// about. A typo in the first letters of a rarely mentioned entity, in a
// graph where its prefix has more than MaxPageSize entities, is missed:
// the price of a bounded answer. q.Kinds restricts the candidates; q.Page
// is not used.
func Suggest(ctx context.Context, r Reader, q EntityQuery, limit int) ([]Entity, error) {
	const op = "graph.Suggest"
	words := slugWords(q.Text)
	if len(words) > maxSuggestWords {
		words = words[:maxSuggestWords]
	}
	prefixes := suggestPrefixes(words)
	if limit <= 0 || len(prefixes) == 0 {
		return nil, nil
	}
	seen := map[string]bool{}
	var ranked []scoredEntity
	// The listing goes last: "" would otherwise stand for "every entity"
	// in a prefix slot, and the order of calls does not change the answer.
	for _, text := range append(prefixes, "") {
		page, err := r.SearchEntities(ctx, EntityQuery{Text: text, Kinds: q.Kinds, Page: PageRequest{Size: MaxPageSize}})
		if err != nil {
			return nil, Wrap(Internal, op, "looking for entities spelled like "+strings.Join(words, " "), err)
		}
		for _, e := range page.Entities {
			if seen[e.ID] {
				continue
			}
			seen[e.ID] = true
			if d, ok := spellingDistance(words, e); ok {
				ranked = append(ranked, scoredEntity{e, d})
			}
		}
	}
	slices.SortFunc(ranked, func(a, b scoredEntity) int {
		return cmp.Or(cmp.Compare(a.dist, b.dist), cmp.Compare(b.Mentions, a.Mentions), strings.Compare(a.ID, b.ID))
	})
	var out []Entity
	for _, s := range ranked[:min(len(ranked), limit)] {
		out = append(out, s.Entity)
	}
	return out, nil
}

// maxSuggestWords bounds the words of a query Suggest compares: names have
// a few, and each word costs a distance per candidate word.
const maxSuggestWords = 8

type scoredEntity struct {
	Entity
	dist int
}

// slugWords returns the words of s as Slug folds them.
func slugWords(s string) []string {
	return strings.FieldsFunc(Slug(s), func(r rune) bool { return r == '-' })
}

// suggestPrefixes returns the prefix searches for the two longest words
// of at least three letters (the earlier word first among equals), or
// none when no word is that long: initials alone are nothing to correct.
func suggestPrefixes(words []string) []string {
	var long []string
	for _, w := range words {
		if len([]rune(w)) >= 3 {
			long = append(long, w)
		}
	}
	slices.SortStableFunc(long, func(a, b string) int { return cmp.Compare(len([]rune(b)), len([]rune(a))) })
	var out []string
	for _, w := range long[:min(len(long), 2)] {
		n := 2
		if len([]rune(w)) > 5 {
			n = 3
		}
		p := string([]rune(w)[:n])
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	return out
}

// spellingDistance returns the fewest edits that make the words of one of
// e's name strings match words (see Suggest), and false when none is
// within the allowance.
func spellingDistance(words []string, e Entity) (int, bool) {
	best, found := 0, false
	for _, name := range append([]string{e.Name}, e.Aliases...) {
		if d, ok := nameDistance(words, slugWords(name)); ok && (!found || d < best) {
			best, found = d, true
		}
	}
	return best, found
}

// nameDistance returns the sum, over words, of the edits to the nearest
// word of name, and false when some word has none within its allowance.
func nameDistance(words, name []string) (int, bool) {
	total := 0
	for _, w := range words {
		allow := editAllowance(w)
		best := allow + 1
		for _, n := range name {
			if allow == 0 {
				if strings.HasPrefix(n, w) {
					best = 0
				}
				continue
			}
			best = min(best, editDistance([]rune(w), []rune(n), allow))
		}
		if best > allow {
			return 0, false
		}
		total += best
	}
	return total, true
}

// editAllowance returns how many edits a query word may be from a name
// word: short words have few letters to spare before they match anything.
func editAllowance(w string) int {
	switch n := len([]rune(w)); {
	case n <= 2:
		return 0
	case n <= 5:
		return 1
	default:
		return 2
	}
}

// editDistance returns the optimal string alignment distance of a and b
// (insertions, deletions, substitutions, adjacent swaps), or limit+1 as
// soon as it is certain to exceed limit.
func editDistance(a, b []rune, limit int) int {
	if len(a)-len(b) > limit || len(b)-len(a) > limit {
		return limit + 1
	}
	// Three rows of the dynamic programme: the one two back is needed for
	// swaps.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit+1)
}

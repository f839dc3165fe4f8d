package graph

import (
	"slices"
	"strings"
)

// A claim is what one speaker said, however many documents report it:
// statements in different documents (or in one) by the same speaker with
// the same content are the reports of one claim. The rule, measurable and
// computed from what every store keeps of a statement (its text, quote,
// speaker, about and outlet ids), so that a write can subtract a replaced
// version's claims exactly:
//
//  1. A statement that quotes at least MinClaimWords words makes the claim
//     of its speaker and its quoted words: the words are runs of letters
//     and digits, folded as Slug folds names (lower case, no accents), so
//     case, punctuation and spacing do not matter.
//  2. Otherwise it makes the claim of its speaker, the set of entities it
//     is about, and the set of its sentence's content words: the folded
//     words less stop words, attribution cues (said, told, according to,
//     …) and the words of its speaker's and outlets' names, at least
//     MinClaimWords of them. "Budanov told Reuters that North Korea sent
//     shells" and "North Korea sent shells, Budanov said" make one claim.
//  3. A statement with fewer words makes no claim of its own.
//
// The rule favours precision: two reworded reports of one remark stay two
// claims. The claim id is a hash of the rule's key, stable across runs.

// MinClaimWords is the fewest words a quote or a sentence's content must
// have to make a claim.
const MinClaimWords = 4

// ClaimOf returns the id of the claim st makes ("claim_" and 16 hex
// digits), or "" when it makes none (see the rule above).
func ClaimOf(st Statement) string {
	if st.Speaker.ID == "" {
		return ""
	}
	if q := foldWords(st.Quote); len(q) >= MinClaimWords {
		return "claim_" + shortHash("quote", st.Speaker.ID, strings.Join(q, " "))
	}
	drop := map[string]bool{}
	for _, id := range append([]string{st.Speaker.ID}, refIDs(st.ReportedBy)...) {
		for _, w := range strings.Split(id[strings.IndexByte(id, ':')+1:], "-") {
			drop[w] = true
		}
	}
	var words []string
	for _, w := range foldWords(st.Text) {
		if !drop[w] && !claimStopWords[w] {
			words = append(words, w)
		}
	}
	slices.Sort(words)
	words = slices.Compact(words)
	if len(words) < MinClaimWords {
		return ""
	}
	about := refIDs(st.About)
	slices.Sort(about)
	return "claim_" + shortHash("content", st.Speaker.ID, strings.Join(slices.Compact(about), " "), strings.Join(words, " "))
}

// foldWords returns the words of s (runs of letters and digits), folded
// as Slug folds them.
func foldWords(s string) []string {
	return strings.FieldsFunc(Slug(s), func(r rune) bool { return r == '-' })
}

// claimStopWords are left out of a sentence's content: function words,
// pronouns, and the words of attribution, which vary between reports of
// one claim.
var claimStopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the and or but if of to in on at by for with from as into about over after before
		than then that this these those there here it its is are was were be been being has have had do does did will would
		shall should can could may might must not no so very just also too he she they we i you him her them us me his hers
		their our my your who whom whose which what when where why how s t said says say saying told tell tells telling added
		adding stated states according claimed claims claim reported reports reporting noted notes explained announced
		declared insisted warned interview statement statements spokesman spokeswoman spokesperson asked speaking remarks
		comments commented quoted mr mrs ms dr`) {
		m[w] = true
	}
	return m
}()

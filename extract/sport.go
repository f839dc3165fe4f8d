// Rules for sport: which sentences speak of sport, and the team names
// ("FC Basel", "the Riverside Hawks") that only such sentences have.

package extract

import "strings"

// aboutSport reports whether sentence s has a word of sport in it.
func (d *document) aboutSport(s sentence) bool {
	for k := s.t0; k < s.t1; k++ {
		if d.t.sport[d.toks[k].lower] {
			return true
		}
	}
	return false
}

// teamName reports whether the capitalized words [i, j) of a sentence
// about sport name a club: they open or end with a club word ("FC Basel",
// "Leeds United"), or end with a plural that a word of sport follows
// ("the Riverside Hawks football team", "Hawks coach"). A plural at the
// end says too little on its own ("Riverside Hawks", but "Greatest Hockey
// Players"): on wikigold it gained 2 mentions for 8 wrong ones.
func (d *document) teamName(i, j int) bool {
	if d.t.clubFirst[d.toks[i].text] || d.t.club[d.toks[j-1].text] {
		return true
	}
	return j < len(d.toks) && d.toks[j].sent == d.toks[i].sent && !isCap(d.toks[j].text) && d.t.sport[d.toks[j].lower] && d.t.teamPlural(d.toks[j-1].text)
}

// teamPlural reports whether a capitalized word is a plural that may end
// a team's name ("Hawks"), not one of sport's own words ("Leagues",
// "Games") or a plural in -ries ("Series", "Industries").
func (t *tables) teamPlural(w string) bool {
	return plural(w) && !t.sport[strings.ToLower(w)] && !strings.HasSuffix(w, "ries")
}

// plural reports whether a capitalized word reads as a plural noun
// ("Falcons", "Rangers"), not a possessive or a name ending in -ss or -us.
func plural(w string) bool {
	return len(w) > 3 && isCap(w) && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "'s")
}

// inSport reports whether token k stands in a sentence about sport.
func (d *document) inSport(k int) bool { return d.sport[d.toks[k].sent] }

// Rules for sport: which sentences speak of sport, and the team names
// ("FC Basel", "the Riverside Hawks") that only such sentences have.

package extract

import (
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

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

// resultSide reports whether the capitalized words [i, j) stand beside a
// verb of a match's result in a sentence about a team sport that gives a
// score: "Milan beat Valencia 2-1", "Crystal Palace drew 1-1 with
// Everton". Such names are teams, whatever their shape; scores of sets
// side by side ("6-3, 6-4") are a game of players.
func (d *document) resultSide(i, j int) bool {
	s := d.sents[d.toks[i].sent]
	scores, last, team := 0, -10, false
	for k := s.t0; k < s.t1; k++ {
		if score(d.toks[k].text) {
			if k-last <= 3 {
				return false // sets of one match: "6-3, 6-4"
			}
			scores, last = scores+1, k
		}
		team = team || d.t.teamSport[d.toks[k].lower]
	}
	// A score, or a word of a team sport, says the verb is a match's
	// result: "Crystal Palace drew 1-1 with Everton", "the striker scored
	// as Milan beat Valencia".
	if scores == 0 && !team {
		return false
	}
	before := j < s.t1 && d.t.result[d.toks[j].lower]
	// "Hapoel Haifa and Maccabi Tel Aviv drew 1-1": the first of two
	// teams before the verb.
	if j+1 < s.t1 && d.toks[j].lower == "and" {
		k := j + 1
		for k < s.t1 && isCap(d.toks[k].text) {
			k++
		}
		before = before || k > j+1 && k < s.t1 && d.t.result[d.toks[k].lower]
	}
	// "beat Valencia", "beat the New York Mets 5-3"
	after := i > s.t0 && d.t.result[d.toks[i-1].lower] || i-1 > s.t0 && d.toks[i-1].lower == "the" && d.t.result[d.toks[i-2].lower]
	// "drew 1-1 with Everton", "lost 2-0 to Rovers"
	if i-2 > s.t0 && score(d.toks[i-2].text) && (d.toks[i-1].lower == "with" || d.toks[i-1].lower == "to") {
		after = true
	}
	return before || after
}

// score reports whether w is a match score: digits, a dash, digits.
func score(w string) bool {
	for _, dash := range []string{"-", "–", "—"} {
		if a, b, ok := strings.Cut(w, dash); ok && a != "" && b != "" && strings.Trim(a, "0123456789") == "" && strings.Trim(b, "0123456789") == "" {
			return true
		}
	}
	return false
}

// tableRow reports whether the capitalized words [i, j) head a row of a
// results table or a standings table, where wire sport pages name teams:
// a line of names and whole numbers only, with a number right after the
// name and at least two in the line ("Juventus 2 Bologna 1", "Parma 22 12
// 6 4 30 20 42"). A name that looks like a person's ("Ernie Els 67 71
// 70") is a player's row.
func (d *document) tableRow(i, j int) bool {
	s := d.sents[d.toks[i].sent]
	if j >= s.t1 || !wholeNumber(d.toks[j].text) || j-i > 1 && d.looksPersonal(i, j) && !d.resultRow(s) {
		return false
	}
	p := d.sents[d.toks[i].sent].para
	numbers := 0
	for k := s.t0; k < len(d.toks) && d.sents[d.toks[k].sent].para == p; k++ {
		switch w := d.toks[k].text; {
		case wholeNumber(w):
			numbers++
		case !isCap(w) && !connectors[d.toks[k].lower] && w != "(" && w != ")":
			return false
		}
	}
	for k := s.t0 - 1; k >= 0 && d.sents[d.toks[k].sent].para == p; k-- {
		if !wholeNumber(d.toks[k].text) && !isCap(d.toks[k].text) {
			return false
		}
	}
	return numbers >= 2
}

// inlineResult reports whether the capitalized words [i, j) are a side of
// a result written inside a sentence, two names each followed by a number,
// then a comma, a period, a semicolon or the sentence's end: "Results on
// Saturday: Ajax Amsterdam 3 Vitesse Arnhem 1, PSV Eindhoven 2 Feyenoord 2."
func (d *document) inlineResult(i, j int) bool {
	s := d.sents[d.toks[i].sent]
	ends := func(k int) bool {
		if k >= s.t1 {
			return true
		}
		switch d.toks[k].text {
		case ",", ".", ";":
			return true
		}
		return false
	}
	capRun := func(k int) int {
		for k < s.t1 && (isCap(d.toks[k].text) || connectors[d.toks[k].lower]) {
			k++
		}
		return k
	}
	if j+1 < s.t1 && wholeNumber(d.toks[j].text) && isCap(d.toks[j+1].text) {
		// The first side: its number, then the other side and its number.
		if e := capRun(j + 1); e < s.t1 && wholeNumber(d.toks[e].text) && ends(e+1) {
			return true
		}
	}
	// The second side: the first side's number before it.
	if i-2 >= s.t0 && wholeNumber(d.toks[i-1].text) && isCap(d.toks[i-2].text) && j < s.t1 && wholeNumber(d.toks[j].text) && ends(j+1) {
		return true
	}
	return false
}

// opponentIs reports whether the name of mention m stands on one side of
// a verb of a match's result ("beat", "drew with") and a name of that kind
// on the other.
func (d *document) opponentIs(m mention, kind graph.Kind) bool {
	if m.t0 >= 2 && d.t.result[d.toks[m.t0-1].lower] {
		if o := d.typedEnd[m.t0-2]; o >= 0 && d.ms[o].kind == kind && d.ms[o].t1 == m.t0-1 {
			return true
		}
	}
	if m.t1+1 < len(d.toks) && d.t.result[d.toks[m.t1].lower] {
		for _, o := range d.startsAt[m.t1+1] {
			if d.ms[o].kind == kind {
				return true
			}
		}
	}
	return false
}

// placeInTeam reports whether the place [i, j) ends a team's name
// ("Maccabi Tel Aviv"): a capitalized word comes before it, and the
// sentence speaks of sport or a score or number follows it ("Hapoel Haifa
// 3 Maccabi Tel Aviv 1").
func (d *document) placeInTeam(i, j int, s sentence) bool {
	if i == s.t0 || !isCap(d.toks[i-1].text) || d.t.stop[d.toks[i-1].lower] || d.consumed[i-1] {
		return false
	}
	return d.sport[d.toks[i].sent] || j < s.t1 && (wholeNumber(d.toks[j].text) || score(d.toks[j].text))
}

// resultRow reports whether sentence s is a match's result: two names,
// each followed by one number ("Crystal Palace 3 Norwich 1"), where a
// player's row has one name and several numbers ("Ernie Els 67 71 70").
func (d *document) resultRow(s sentence) bool {
	sides := 0
	for k := s.t0; k < s.t1; {
		if !isCap(d.toks[k].text) {
			return false
		}
		for k < s.t1 && isCap(d.toks[k].text) {
			k++
		}
		if k >= s.t1 || !wholeNumber(d.toks[k].text) {
			return false
		}
		sides++
		k++
	}
	return sides == 2
}

// wholeNumber reports whether w is written with digits only.
func wholeNumber(w string) bool { return w != "" && strings.Trim(w, "0123456789") == "" }

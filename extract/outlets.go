// Rules for news outlets: the markers that make a name an outlet ("news
// agency"), and the outlet named after a cue ("told the state news agency
// TASS").

package extract

import (
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// markerAt reports whether an outlet marker ("agency", "news agency")
// begins at token k and reads in direction dir (1 after a name, -1 before
// it), staying before limit.
func (d *document) markerAt(k, limit, dir int) bool {
	var words []string
	for n := 0; n < 2; n++ {
		i := k + n*dir
		if (dir > 0 && i >= limit) || (dir < 0 && i <= limit) || isCap(d.toks[i].text) && d.toks[i].text != "TV" {
			return false
		}
		if dir > 0 {
			words = append(words, d.toks[i].lower)
		} else {
			words = append([]string{d.toks[i].lower}, words...)
		}
		if d.t.outletMarker[strings.Join(words, " ")] {
			return true
		}
	}
	return false
}

// outletAfter returns the outlet named at token j, perhaps after an
// article and a short description ("the state news agency RIA Novosti",
// "Russian state news agency TASS", "Chinese state broadcaster CCTV"), and
// the token after it; -1 when there is none.
func (d *document) outletAfter(j int, s sentence) (int, int) {
	if j < s.t1 && d.toks[j].lower == "the" {
		j++
	}
	for n := 0; j < s.t1 && n <= 4; n++ {
		if m := d.mentionAt(j); m >= 0 {
			if e := d.ms[m].ent; d.ents[e].outlet {
				return e, d.ms[m].t1
			}
			if d.ms[m].kind != graph.KindCountry || d.ms[m].form != formDemonym {
				return -1, j
			}
			j = d.ms[m].t1
			continue
		}
		if t := d.toks[j]; isCap(t.text) || !isWord(t.text) || t.lower == "that" || strings.HasPrefix(t.tag, "VB") || t.tag == "IN" {
			return -1, j
		}
		j++
	}
	return -1, j
}

// outletByMarker makes m an outlet when an outlet marker stands beside it
// ("the Ukrainian News agency", "news agency Yonhap").
func (d *document) outletByMarker(s sentence, m *mention) {
	if d.markerAt(m.t1, s.t1, 1) || d.markerAt(m.t0-1, s.t0-1, -1) {
		m.kind, m.outlet = graph.KindOrganization, true
	}
}

// newsName reports whether a single word names a news outlet by its shape:
// a capitalized word that ends with "news" written in lower case
// ("Euronews", "Ynetnews").
func newsName(w string) bool {
	return len(w) > len("news")+1 && isCap(w) && strings.HasSuffix(w, "news") && !strings.Contains(w, " ")
}

// months are the month names and abbreviations a dateline's date uses.
var months = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true}

// dateline reads a wire dateline at the start of sentence s: a place in
// capitals, perhaps a date, an outlet's credit in brackets, and a dash
// ("ANKARA, March 4 (Reuters) -", "WASHINGTON (AP) —", "(Reuters) -",
// "KYIV, Ukraine, Jan. 3 -"). Its place and date name no entity: it marks
// them consumed. It returns the token of the credited outlet, or -1 when
// there is no dateline or it credits no outlet.
func (d *document) dateline(s sentence) int {
	k := s.t0
	for k < s.t1 && shouted(d.toks[k].text) {
		k++
	}
	place := k > s.t0
	if !place {
		// "Paris (AFP) -": a place written in lower case before a credit.
		j := s.t0
		for j < s.t1 && j < s.t0+3 && isCap(d.toks[j].text) && isWord(d.toks[j].text) {
			j++
		}
		if j > s.t0 && j+1 < s.t1 && d.toks[j].text == "(" {
			k, place = j, true
		}
	}
	if place && k+1 < s.t1 && d.toks[k].text == "," {
		// ", Ukraine", ", March 4", ", Jan. 3"
		j := k + 1
		for j < s.t1 && (isCap(d.toks[j].text) && !months[strings.TrimSuffix(d.toks[j].lower, ".")]) {
			j++
		}
		if j < s.t1 && d.toks[j].text == "," {
			j++
		}
		if j+1 < s.t1 && months[strings.TrimSuffix(d.toks[j].lower, ".")] {
			j++
			if d.toks[j].text == "." {
				j++
			}
			if j < s.t1 && ordinal(d.toks[j].text) {
				k = j + 1
			}
		} else if j > k+1 && j < s.t1 && (isDash(d.toks[j].text) || d.toks[j].text == "(") {
			// "KYIV, Ukraine -", "KYIV, Ukraine (AP) -"
			k = j
		}
	}
	// "ROME 1997-03-02" alone on its line: a dateline without a credit.
	if place && k+1 == s.t1 && isoDate(d.toks[k].text) {
		for j := s.t0; j < s.t1; j++ {
			d.consumed[j] = true
		}
		return -1
	}
	credit, creditEnd := -1, -1
	if k+2 < s.t1 && d.toks[k].text == "(" {
		e, n, ok := d.matchGaz(k+1, s)
		if !ok || e.kind != gazOutlet {
			e, n, ok = d.shoutedOutlet(k+1, s) // "(REUTERS)"
		}
		if ok && e.kind == gazOutlet && k+1+n < s.t1 && d.toks[k+1+n].text == ")" {
			credit, creditEnd, k = k+1, k+1+n, k+2+n
		}
	}
	if k >= s.t1 || !isDash(d.toks[k].text) || !place && credit < 0 {
		return -1
	}
	for j := s.t0; j < k; j++ {
		if j < credit || j >= creditEnd {
			d.consumed[j] = true
		}
	}
	return credit
}

// shouted reports whether a token is a word written in capitals, as a
// dateline writes its place ("ANKARA", "NEW", "U.S.").
func shouted(w string) bool {
	letters, ok := capitalLetters(w, "./-'")
	return ok && (letters >= 2 || letters == 1 && strings.HasSuffix(w, "."))
}

func isDash(w string) bool { return w == "-" || w == "--" || w == "–" || w == "—" }

// isoDate reports whether w is a date written YYYY-MM-DD.
func isoDate(w string) bool {
	y, rest, ok := strings.Cut(w, "-")
	m, day, ok2 := strings.Cut(rest, "-")
	return ok && ok2 && isYear(y) && len(m) == 2 && len(day) == 2 && wholeNumber(m) && wholeNumber(day)
}

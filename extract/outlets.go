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

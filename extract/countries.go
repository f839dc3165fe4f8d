// Rules for countries: demonyms and capitals standing for a government,
// the institutions of a country ("South Korean intelligence"), and the
// organizations a country's name joins ("Ukraine's Air Force").

package extract

import (
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// institutionAt returns the length and kind of a lower-case institution
// phrase ("intelligence", "armed forces", "government") at token k,
// perhaps after up to maxModifiers lower-case nouns or adjectives that say
// which ("commerce ministry", "state security service").
func (d *document) institutionAt(k, end int) (int, graph.Kind) {
	const maxModifiers = 2
	for skip := 0; skip <= maxModifiers && k+skip < end; skip++ {
		if skip > 0 {
			if t := d.toks[k+skip-1]; isCap(t.text) || !strings.HasPrefix(t.tag, "NN") && !strings.HasPrefix(t.tag, "JJ") {
				return 0, ""
			}
		}
		for n := 2; n >= 1; n-- {
			if k+skip+n > end {
				continue
			}
			words := make([]string, n)
			lower := true
			for w := range words {
				lower = lower && !isCap(d.toks[k+skip+w].text)
				words[w] = d.toks[k+skip+w].lower
			}
			if kind, ok := d.t.institutions[strings.Join(words, " ")]; ok && lower && (skip == 0 || kind == graph.KindOrganization) {
				return skip + n, kind
			}
		}
	}
	return 0, ""
}

// speaks reports whether the words [i, j) are the speaker of a speech
// verb: the verb follows, perhaps after an adverb or auxiliary ("South
// Korean intelligence earlier reported"), or "according to" precedes them.
// An institution written in lower case is an entity only when it speaks:
// "the Russian army" elsewhere is a description, not a name.
func (d *document) speaks(i, j int, s sentence) bool {
	// "according to (the) X", "citing (the) X"
	if d.sourceBefore(i, s) || i-1 >= s.t0 && d.toks[i-1].lower == "the" && d.sourceBefore(i-1, s) {
		return true
	}
	for k := j; k < s.t1 && k < j+3; k++ {
		if c, _, ok := d.cueAt(k); ok && c.class.saying() {
			return true
		}
		if !strings.HasPrefix(d.toks[k].tag, "RB") && d.toks[k].lower != "has" && d.toks[k].lower != "have" && d.toks[k].lower != "had" {
			return false
		}
	}
	return false
}

// institutionOf adds "the intelligence of Ukraine" as the organization
// "Ukrainian intelligence" when c is the country after "of" and the
// institution speaks.
func (d *document) institutionOf(s sentence, c *mention, extra *[]mention) {
	k := c.t0 - 1
	if k >= s.t0 && d.toks[k].lower == "the" {
		k--
	}
	if k-1 < s.t0 || d.toks[k].lower != "of" || d.t.demonym[c.name] == "" {
		return
	}
	for n := 2; n >= 1; n-- {
		a := k - n
		if a < s.t0 {
			continue
		}
		if got, kind := d.institutionAt(a, k); got == n && kind == graph.KindOrganization && d.speaks(a, c.t1, s) {
			*extra = append(*extra, mention{start: d.toks[a].start, end: c.end, t0: a, t1: c.t1, kind: graph.KindOrganization,
				name: d.t.demonym[c.name] + " " + strings.ToLower(d.text[d.toks[a].start:d.toks[k-1].end]), country: c.name, parent: -1})
			return
		}
	}
}

func isPlural(w string) bool { return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") }

// countryJoins applies the rules that join a country to the mentions of
// sentence s around it: "Ukraine's Air Force" (the organization belongs to
// the country, and a generic one takes its demonym: "Ukrainian Air
// Force"), "the US Navy" (a country and one organization word), "Russian
// Defense Ministry" (a demonym or country before an organization is part
// of its name), "Russian authorities" (a demonym for its government), and
// "South Korean intelligence", "China's commerce ministry" or "the
// intelligence of Ukraine" (an institution of a country that speaks,
// named with the country's demonym). It returns the organizations the
// last two add.
func (d *document) countryJoins(s sentence, ms []mention) []mention {
	var extra []mention
	for k := range ms {
		c := &ms[k]
		if c.kind != graph.KindCountry || c.form == formSeat {
			continue
		}
		if c.t1+1 < s.t1 && (d.toks[c.t1].text == "'s" || d.toks[c.t1].text == "’s") && c.form != formDemonym {
			// "Ukraine's Air Force": the organization belongs to the country.
			if o := startingAt(ms, c.t1+1); o >= 0 && ms[o].kind == graph.KindOrganization && !ms[o].fromTable {
				ms[o].country = c.name
				if d.t.isGeneric(ms[o].name) && d.t.demonym[c.name] != "" {
					ms[o].name = d.t.demonym[c.name] + " " + ms[o].name // "Ukrainian Air Force"
				}
			}
		}
		if o := d.bareOrgWordAt(ms, c.t1); o >= 0 {
			// "the US Navy", "the British Council": one organization word
			// after a country names that country's organization; an outlet
			// when the word names outlets ("the New Zealand Herald").
			ms[o].kind, ms[o].outlet = graph.KindOrganization, d.t.outletSuffix[ms[o].name]
		}
		if o := startingAt(ms, c.t1); o >= 0 && ms[o].kind == graph.KindOrganization {
			ms[o].country = c.name
			ms[o].t0, ms[o].start = c.t0, c.start
			if !ms[o].fromTable {
				ms[o].name = d.text[ms[o].start:ms[o].end]
				if c.name == "United States" && c.form == formAlias {
					ms[o].name = usBodyName(d.text[d.toks[c.t1].start:ms[o].end], ms[o].name)
				}
				c.inName = c.form == formName && d.t.companySuffix[d.toks[ms[o].t1-1].text]
			}
			continue
		}
		// "South Korean intelligence", "China's commerce ministry"
		at := c.t1
		if c.form != formDemonym && at+1 < s.t1 && (d.toks[at].text == "'s" || d.toks[at].text == "’s") {
			at++
		} else if c.form != formDemonym || isPlural(d.toks[c.t1-1].lower) {
			at = -1
		}
		if at >= 0 && d.t.demonym[c.name] != "" {
			if n, kind := d.institutionAt(at, s.t1); n > 0 {
				if kind == graph.KindCountry {
					c.government = c.form == formDemonym
					continue
				}
				end := d.toks[at+n-1].end
				if !d.speaks(c.t0, at+n, s) {
					continue
				}
				extra = append(extra, mention{start: c.start, end: end, t0: c.t0, t1: at + n, kind: graph.KindOrganization,
					name: d.t.demonym[c.name] + " " + strings.ToLower(d.text[d.toks[at].start:end]), country: c.name, parent: -1})
			}
		}
		if c.form == formName || c.form == formAlias {
			d.institutionOf(s, c, &extra)
		}
	}
	return extra
}

// usBodies begin the names of the federal bodies whose full names begin
// with "United States" ("U.S. Department of Agriculture" is the United
// States Department of Agriculture, "the US Army" the United States Army).
var usBodies = []string{"Department of ", "Army", "Navy", "Air Force", "Marine Corps", "Coast Guard", "Congress",
	"Senate", "House of Representatives", "Census Bureau", "Environmental Protection Agency", "Secret Service",
	"Postal Service", "Geological Survey", "Forest Service", "Space Force", "Border Patrol", "Capitol Police",
	"Court of ", "District Court", "Supreme Court", "Agency for International Development", "Naval Academy",
	"Military Academy", "Mint"}

// usBodyName returns the name of the organization the text writes as
// written, after "U.S." or "US" (rest): a federal body of usBodies by its
// full name, and one whose name says "National" or "Federal" without the
// country ("US National Science Foundation" is the National Science
// Foundation), as does a party's ("US Republican Party"); any other as
// written.
func usBodyName(rest, written string) string {
	switch {
	case rest == "Supreme Court":
		return "Supreme Court of the United States"
	case strings.HasPrefix(rest, "National ") || strings.HasPrefix(rest, "Federal ") || strings.HasSuffix(rest, " Party"):
		return rest // "U.S. Republican Party" is the Republican Party
	}
	for _, b := range usBodies {
		if strings.HasPrefix(rest, b) && (strings.HasSuffix(b, " ") || len(rest) == len(b) || rest[len(b)] == ' ') {
			return "United States " + rest
		}
	}
	return written
}

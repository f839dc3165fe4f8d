// The learned name tagger (package ner) in extraction: which component
// decides what a run of capitalized words names.

package extract

import (
	"math"
	"strings"
	"unicode"

	"github.com/entitygraph/entitygraph/extract/ner"
	"github.com/entitygraph/entitygraph/graph"
)

// Namer says which component finds and types the names of persons and
// organizations that the tables do not know. The tables (countries,
// demonyms, capitals, outlets, known organizations, places) and the rules
// that join, resolve and attribute mentions run in every mode.
type Namer int

const (
	// Combined: the rules keep what they decide on strong evidence, the
	// tagger decides the rest (see learnedMentions). The default.
	Combined Namer = iota
	// RulesOnly: the name-shape and context rules alone.
	RulesOnly
	// ModelOnly: the tagger's persons and organizations, with no rule
	// typing a run of capitalized words.
	ModelOnly
)

var namerNames = map[Namer]string{Combined: "combined", RulesOnly: "rules", ModelOnly: "model"}

func (n Namer) String() string { return namerNames[n] }

// ParseNamer reads "combined", "rules" or "model". It returns an Invalid
// error for anything else.
func ParseNamer(s string) (Namer, error) {
	for n, name := range namerNames {
		if name == s {
			return n, nil
		}
	}
	return 0, graph.Errorf(graph.Invalid, "extract.ParseNamer", "names %q: want combined, rules or model", s)
}

// The margins (see ner.Model.Tag, in units of a typical name's margin)
// above which the tagger's reading counts. Chosen by measurement on the
// dev set and the held-out fifths of wikigold and GUM other (README,
// "Extraction quality"): the tagger's low-margin readings of multi-word
// runs lose more to the rules than they gain, and its readings of lone
// words are right less often than the rules' context tests.
const (
	// overrideMargin: the least margin of the tagger's names in a run for
	// them to replace what the rules made of it on weak evidence.
	overrideMargin = 0.25
	// singleMargin: the least margin for the tagger to type a lone word
	// that no rule types.
	singleMargin = 0.35
)

// tagged is the name tagger's reading of a document: a label and a
// margin for every token.
type tagged struct {
	labels  []ner.Label
	margins []float32
}

// tagNames runs the tagger over the document's sentences, giving it each
// token's table classes.
func (x *Extractor) tagNames(toks []token, sents []sentence) *tagged {
	doc := make([][]ner.Token, len(sents))
	var words, lower []string
	for si, s := range sents {
		words, lower = words[:0], lower[:0]
		for _, t := range toks[s.t0:s.t1] {
			words = append(words, t.text)
			lower = append(lower, t.lower)
		}
		classes := make([]ner.Class, len(words))
		x.tables.nerClasses(words, lower, classes)
		doc[si] = make([]ner.Token, len(words))
		for i, w := range words {
			doc[si][i] = ner.Token{Text: w, Class: classes[i]}
		}
	}
	tg := &tagged{labels: make([]ner.Label, len(toks)), margins: make([]float32, len(toks))}
	labels, margins := x.names.Tag(doc)
	for si := range labels {
		copy(tg.labels[sents[si].t0:], labels[si])
		copy(tg.margins[sents[si].t0:], margins[si])
	}
	return tg
}

// learnedSpan is a person or organization the tagger found: tokens
// [start, end) of the document, its kind, and the least margin of its
// tokens.
type learnedSpan struct {
	start, end int
	kind       graph.Kind
	margin     float32
}

// spans returns the tagger's persons and organizations within tokens
// [i, j) of sentence s; a name that runs past i or j is cut there. Places
// and other names give none: countries come from the tables, and cities
// and works are no entities.
func (tg *tagged) spans(s sentence, i, j int) []learnedSpan {
	var out []learnedSpan
	for _, sp := range ner.Spans(tg.labels[s.t0:s.t1]) {
		var kind graph.Kind
		switch sp.Kind {
		case ner.PER:
			kind = graph.KindPerson
		case ner.ORG:
			kind = graph.KindOrganization
		default:
			continue
		}
		a, b := max(sp.Start+s.t0, i), min(sp.End+s.t0, j)
		if a >= b {
			continue
		}
		m := float32(math.Inf(1))
		for k := sp.Start + s.t0; k < sp.End+s.t0; k++ {
			m = min(m, tg.margins[k])
		}
		out = append(out, learnedSpan{start: a, end: b, kind: kind, margin: m})
	}
	return out
}

// learnedMention returns the tagger's span as a mention; a person's name
// leaves out the titles before it ("Ambassador Mohib" is Mohib).
func (d *document) learnedMention(sp learnedSpan) mention {
	t0 := sp.start
	for n := d.roleAt(t0, sp.end); sp.kind == graph.KindPerson && n > 0 && t0+n < sp.end; n = d.roleAt(t0, sp.end) {
		t0 += n
	}
	m := mention{start: d.toks[t0].start, end: d.toks[sp.end-1].end, t0: t0, t1: sp.end, kind: sp.kind, parent: -1, personHint: t0 > sp.start}
	m.name = d.text[m.start:m.end]
	return m
}

// learnedMentions decides, in Combined mode, what the capitalized words
// [i, j) of sentence s name, given what the rules made of them (ruled):
//   - the rules keep a run they joined into an organization's name, split
//     into several names ("the Riverside Hawks of the Northern League"),
//     typed on strong evidence (see confident), or whose last word the
//     tables say ends the names of places, events or things ("Tokyo
//     Olympics", "Artificial Intelligence Act");
//   - a lone word stays with resolve, which reads the rest of the document
//     (a surname of a person named before, "firm Kpler", "Acme said"); the
//     tagger's kind, with margin singleMargin or more, is its last resort;
//   - otherwise the tagger's persons and organizations replace the rules'
//     reading when it found some, each with margin overrideMargin or more;
//     when it found none, an organization the rules read on weak evidence
//     is dropped, with the exceptions below.
func (d *document) learnedMentions(s sentence, i, j int, joined bool, ruled []mention) []mention {
	if joined || len(ruled) > 1 || d.t.nonEntity[d.toks[j-1].text] || partyMembers[d.toks[j-1].text] || j-i > 1 && (notNames(d.toks[i].text, d.toks[j-1].text) || d.onlyInitials(i, j)) || d.facility(i, j) {
		return ruled
	}
	for _, m := range ruled {
		// An untyped run is left to resolve when the sentence treats it as
		// an organization ("Bayern Munich coach Otto Rehhagel").
		if d.confident(m) || m.kind == "" && j-i > 1 && d.orgContext(m) {
			return ruled
		}
	}
	sps := d.learned.spans(s, i, j)
	if j-i == 1 {
		for k := range ruled {
			// A lone word in capitals is an organization's acronym only
			// when the tagger reads it as one or it abbreviates an
			// organization named before; otherwise ("service is HUGE",
			// "XML", "POV") resolve decides, as for other lone words.
			// An acronym of an organization named before is that
			// organization ("the FAA" after "the Federal Aviation
			// Administration").
			if r := &ruled[k]; r.kind == graph.KindOrganization && !r.fromTable && r.t1-r.t0 == 1 && isAcronym(d.toks[r.t0].text) {
				if name, ok := d.abbreviates(d.toks[r.t0].text); ok {
					r.name = name
				} else if d.learned.labels[r.t0].Kind() != ner.ORG {
					r.kind = ""
				}
			}
			for _, sp := range sps {
				if ruled[k].kind == "" && sp.start == ruled[k].t0 && sp.end == ruled[k].t1 && sp.margin >= singleMargin {
					ruled[k].learned = sp.kind
				}
			}
		}
		return ruled
	}
	if len(sps) == 0 {
		// An organization the rules read on weak evidence (see
		// confident) in which the tagger finds no person or organization
		// (a place, a work, an event, a product, words in capitals: "the
		// Pacific Northwest", "Star Wars", "the Communist Manifesto",
		// "THE BEST") is none, unless it speaks, the words around it make
		// it an organization (see orgContext) or a noun beside it an
		// outlet ("the Cadena SER radio station"), it ends with a plural
		// (a group: "the Riverside Hawks"), or a verb says someone joined
		// or left it ("left the Sea Org"), or a relative clause describes
		// it.
		if r := ruled; len(r) == 1 && r[0].kind == graph.KindOrganization && !d.besideCue(r[0]) && !d.orgContext(r[0]) &&
			!d.markerAt(j, s.t1, 1) && !d.markerAt(i-1, s.t0-1, -1) && !d.groupName(j-1) && !d.membership(i) && !d.relativeAfter(j) {
			return nil
		}
		return ruled
	}
	out := make([]mention, 0, len(sps))
	for _, sp := range sps {
		if sp.margin < overrideMargin {
			// Below the margin, the tagger's kind of a whole untyped run
			// tells resolve whether a run beside a verb of saying is a
			// person ("Rishi Sunak, speaking in Downing Street, insisted").
			for k := range ruled {
				if ruled[k].kind == "" && sp.start == ruled[k].t0 && sp.end == ruled[k].t1 && len(sps) == 1 {
					ruled[k].runLearned = sp.kind
				}
			}
			return ruled
		}
		out = append(out, d.learnedMention(sp))
	}
	return out
}

// confident reports whether the rules typed m on strong evidence: a
// person after a title or whose words look like a person's name (a given
// name, an initial, a particle); an organization from the tables, one
// whose last word is an organization word or a party's plural ("Christian
// Democrats") or that has one before "of" or "for" ("Council of Medical
// Research"), an outlet, part of a chain
// "X of the Y", a club in a sentence about sport ("FC Utrecht", "Crystal
// Palace drew 1-1"), or a name
// that a noun for an organization introduces ("the folk band Jesse
// Rivers").
func (d *document) confident(m mention) bool {
	switch m.kind {
	case graph.KindPerson:
		return m.personHint || d.looksPersonal(m.t0, m.t1)
	case graph.KindOrganization:
		return m.fromTable || m.outlet || m.chainNext || d.t.orgSuffix[d.toks[m.t1-1].text] || legalForms[d.toks[m.t1-1].text] || romanceOrgs[d.toks[m.t0].text] || partyPlurals[d.toks[m.t1-1].text] || d.orgWordOf(m.t0, m.t1) ||
			d.inSport(m.t0) && (d.teamName(m.t0, m.t1) || d.resultSide(m.t0, m.t1)) || d.afterOrgNoun(m.t0) || d.tableRow(m.t0, m.t1) || d.inlineResult(m.t0, m.t1)
	}
	return false
}

// learnedOnly gives, in ModelOnly mode, the tagger's persons and
// organizations in sentence s, less any words a table took.
func (d *document) learnedOnly(s sentence) []mention {
	var out []mention
	for _, sp := range d.learned.spans(s, s.t0, s.t1) {
		for sp.start < sp.end && d.consumed[sp.start] {
			sp.start++
		}
		for sp.end > sp.start && d.consumed[sp.end-1] {
			sp.end--
		}
		if sp.start < sp.end {
			out = append(out, d.learnedMention(sp))
		}
	}
	return out
}

// afterOrgNoun reports whether a lower-case noun for an organization
// stands right before token k ("the retailer", "firm").
func (d *document) afterOrgNoun(k int) bool {
	return k > 0 && d.toks[k-1].sent == d.toks[k].sent && !isCap(d.toks[k-1].text) && d.t.orgNoun[d.toks[k-1].lower]
}

// abbreviates reports whether the word in capitals w is the initials of an
// organization named before it in the document ("BOJ" after "the Bank of
// Japan", "NSF" after "National Science Foundation"), and returns the
// first such organization's name. While mentions are found, d.ms only
// grows, so the mentions are indexed by their initials once each: reading
// them all for every word in capitals was quadratic in a document of
// acronyms.
func (d *document) abbreviates(w string) (string, bool) {
	if d.initials == nil {
		d.initials = map[string]string{}
	}
	for ; d.initialsOf < len(d.ms); d.initialsOf++ {
		m := d.ms[d.initialsOf]
		if m.kind != graph.KindOrganization || m.t1-m.t0 < 2 && !strings.Contains(m.name, " ") {
			continue
		}
		// With or without the initials of its small words: "BOJ" for
		// "Bank of Japan", "DHS" for "Department of Homeland Security".
		var caps, all strings.Builder
		for _, f := range strings.Fields(m.name) {
			r := firstRune(f)
			if unicode.IsUpper(r) {
				caps.WriteRune(r)
			}
			all.WriteRune(unicode.ToUpper(r))
		}
		for _, k := range []string{caps.String(), all.String()} {
			if _, ok := d.initials[k]; !ok {
				d.initials[k] = m.name
			}
		}
	}
	name, ok := d.initials[strings.ReplaceAll(w, ".", "")]
	return name, ok
}

// memberVerbs say that someone belongs to what follows them: "joined the
// Sea Org", "left the Party".
var memberVerbs = map[string]bool{"joined": true, "joining": true, "joins": true, "left": true, "leaving": true,
	"quit": true, "founded": true, "co-founded": true, "cofounded": true}

// membership reports whether a verb of memberVerbs comes before the name at
// token i, perhaps with "the" between.
func (d *document) membership(i int) bool {
	k := i - 1
	if k >= 0 && d.toks[k].lower == "the" {
		k--
	}
	return k >= 0 && d.toks[k].sent == d.toks[i].sent && memberVerbs[d.toks[k].lower]
}

// relativeAfter reports whether a relative clause about a name ending
// before token j follows it ("Blue Harbor Logistics, which has offices in
// Oslo, said").
func (d *document) relativeAfter(j int) bool {
	if j+1 >= len(d.toks) || d.toks[j].text != "," || d.toks[j].sent != d.toks[j+1].sent {
		return false
	}
	switch d.toks[j+1].lower {
	case "which", "who", "whose":
		return true
	}
	return false
}

// groupName reports whether the name ending at token k ends with a plural,
// as the names of teams, bands and other groups of people do ("the
// Riverside Hawks", "Hells Angels"), but not one of a thing the tables
// know ("Star Wars").
func (d *document) groupName(k int) bool {
	w := d.toks[k].text
	return plural(w) && !d.t.nonEntity[strings.TrimSuffix(w, "s")]
}

// adjectival reports whether the lone word [i, j) is an adjective of
// nationality, religion or region before the noun it describes ("Jewish
// philosopher", "English captain", "the African side", "Christian moral
// life"): it ends as those adjectives do and a noun or an adjective in
// lower case follows.
func (d *document) adjectival(i, j int) bool {
	if j != i+1 || j >= len(d.toks) || d.toks[j].sent != d.toks[i].sent || isAcronym(d.toks[i].text) {
		return false
	}
	w, next := d.toks[i].lower, d.toks[j].text
	if !isWord(next) || isCap(next) || d.t.stop[strings.ToLower(next)] || !strings.HasPrefix(d.toks[j].tag, "NN") && d.toks[j].tag != "JJ" {
		return false
	}
	for _, suf := range []string{"ish", "ese", "ian", "ican"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+2 {
			return true
		}
	}
	return false
}

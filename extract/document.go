// The document in the making, and what every stage reads from it.

package extract

import (
	"slices"

	"github.com/entitygraph/entitygraph/graph"
)

// document is one document in the making. Every stage of extraction is a
// method of it, reading what the stages before it left here:
//
//  1. analyze (text.go): tokens and sentences;
//  2. findMentions (mentions.go): candidate names, typed by the rules of
//     names.go, organizations.go, countries.go, outlets.go and sport.go;
//  3. resolve (resolve.go): mentions grouped into entities;
//  4. affiliations and relations (relations.go);
//  5. statements (statements.go): who said what, found sentence by sentence
//     by the attribution rules of attribution.go (cue classes in
//     data/cues.tsv).
type document struct {
	t     *tables
	text  string
	toks  []token
	sents []sentence

	// namer says who names persons and organizations; learned is the name
	// tagger's reading of the tokens (nil for RulesOnly).
	namer   Namer
	learned *tagged

	// consumed[k] marks token k as part of a table form or a name already
	// found, while mentions are found; sport[s] marks sentence s as one
	// about sport (see aboutSport).
	consumed []bool
	sport    []bool
	ms       []mention
	// credit is the token of the outlet a dateline credits with the story
	// ("ANKARA, March 4 (Reuters) -"), or -1; see dateline.
	credit int
	// citing caches cites: 0 not yet known, 1 no, 2 yes.
	citing int8
	// initials maps the initials of the organizations among the first
	// initialsOf mentions to the first one's name (see abbreviates);
	// bracketed lists the tokens of each word written alone in brackets,
	// and facilityInitials caches facilityAcronym by word.
	initials         map[string]string
	initialsOf       int
	bracketed        map[string][]int
	facilityInitials map[string]bool

	ents []entity
	// byKey finds an entity by kind and folded name or surface form while
	// mentions are resolved; typedEnd[k] is the longest typed mention that
	// ends at token k, or -1.
	byKey    map[string]int
	typedEnd []int
	// personsByLast lists the person entities by the last word of their
	// name, personsByEnd those of two words or more by their first and by
	// their last word in lower case, and orgsByFirstTwo the organizations
	// of two words or more by their first two, each in order of creation:
	// person, single and org compare a mention with only these, since
	// comparing it with every entity was quadratic in the document.
	personsByLast, personsByEnd, orgsByFirstTwo map[string][]int
	// startsAt and endsAt list the mentions by their first token and by the
	// token after them, for listedWith.
	startsAt, endsAt map[int][]int
	// outer[k] is the longest resolved mention covering token k, or -1;
	// byToken[k] lists the resolved mentions that start at token k.
	outer   []int
	byToken [][]int

	affs []affiliation
}

// index fills outer and byToken.
func (d *document) index() {
	d.outer = make([]int, len(d.toks))
	d.byToken = make([][]int, len(d.toks))
	for k := range d.outer {
		d.outer[k] = -1
	}
	for i, m := range d.ms {
		if m.ent < 0 {
			continue
		}
		d.byToken[m.t0] = append(d.byToken[m.t0], i)
		for k := m.t0; k < m.t1; k++ {
			if o := d.outer[k]; o < 0 || d.ms[o].end-d.ms[o].start < m.end-m.start {
				d.outer[k] = i
			}
		}
	}
}

// mentionAt returns the longest resolved mention that starts at token k,
// or -1.
func (d *document) mentionAt(k int) int {
	if k < 0 || k >= len(d.toks) {
		return -1
	}
	if m := d.outer[k]; m >= 0 && d.ms[m].t0 == k {
		return m
	}
	return -1
}

// documentEntities returns the entities with their mentions (by start) and
// aliases: the distinct surface forms other than the name, in order of
// first use.
func (d *document) documentEntities() []graph.DocumentEntity {
	out := make([]graph.DocumentEntity, 0, len(d.ents))
	for _, e := range d.ents {
		de := graph.DocumentEntity{ID: e.id, Kind: e.kind, Name: e.name}
		seen := map[[2]int]bool{}
		for _, mi := range e.mentions {
			m := d.ms[mi]
			start := d.spanStart(m)
			if seen[[2]int{start, m.end}] {
				continue
			}
			seen[[2]int{start, m.end}] = true
			surface := d.text[start:m.end]
			de.Mentions = append(de.Mentions, graph.Mention{Start: start, End: m.end, Text: surface})
			if surface != e.name && !slices.Contains(de.Aliases, surface) {
				de.Aliases = append(de.Aliases, surface)
			}
		}
		out = append(out, de)
	}
	return out
}

// spanStart returns where mention m starts in the text: at its first
// word, or at a capitalized "The" right before an organization inside a
// sentence ("members of The Scout Association"), since a writer capitalizes
// it there only as part of the name. The mention's name leaves it out (a
// leading "the" is folded when names are compared), but its span, which
// is scored by exact match against corpora that mark "The" as part of such
// names, keeps it. At the start of a sentence the capital says nothing.
func (d *document) spanStart(m mention) int {
	if m.kind != graph.KindOrganization || !d.capitalThe(m.t0-1) {
		return m.start
	}
	return d.toks[m.t0-1].start
}

// capitalThe reports whether token k is "The" written with a capital
// inside a sentence: not its first word, nor the first after a quote mark
// or bracket that opens the sentence.
func (d *document) capitalThe(k int) bool {
	if k < 1 || d.toks[k].text != "The" || d.toks[k-1].sent != d.toks[k].sent {
		return false
	}
	if k >= 2 && d.toks[k-2].sent == d.toks[k].sent {
		return true
	}
	r := firstRune(d.toks[k-1].text)
	return !isDoubleQuote(r) && r != '(' && r != '['
}

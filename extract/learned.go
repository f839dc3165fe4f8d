package extract

import (
	"math"
	"strconv"
	"os"
	"github.com/entitygraph/entitygraph/extract/ner"
	"github.com/entitygraph/entitygraph/graph"
)

// Namer says which component finds and types the names of persons and
// organizations that the tables do not know. The tables (countries,
// demonyms, capitals, outlets, known organizations, places) and the rules
// that join and resolve mentions run in every mode.
type Namer int

const (
	// Combined: the learned tagger (package ner) types and bounds the runs
	// of capitalized words the tables do not know; see modelMentions.
	Combined Namer = iota
	// RulesOnly: the name-shape and context rules of entities.go alone.
	RulesOnly
	// ModelOnly: the tagger's persons and organizations, with no rule of
	// entities.go typing a capitalized run.
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

// tagged is the name tagger's reading of a document: a label and a
// margin (see ner.Model.Tag) for every token.
type tagged struct {
	labels  []ner.Label
	margins []float32
}

// tagNames runs the learned tagger over the document's sentences.
func (x *Extractor) tagNames(toks []token, sents []sentence) *tagged {
	doc := make([][]ner.Token, len(sents))
	var words, lower []string
	var classes []ner.Class
	for si, s := range sents {
		words, lower = words[:0], lower[:0]
		for _, t := range toks[s.t0:s.t1] {
			words = append(words, t.text)
			lower = append(lower, t.lower)
		}
		classes = append(classes[:0], make([]ner.Class, len(words))...)
		x.tables.nerClasses(words, lower, classes)
		doc[si] = make([]ner.Token, len(words))
		for i, w := range words {
			doc[si][i] = ner.Token{Text: w, Tag: toks[s.t0+i].tag, Class: classes[i]}
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

// learnedSpan is a name the tagger found: tokens [start, end) of the
// document, its kind, and the smallest margin of its tokens.
type learnedSpan struct {
	start, end int
	kind       ner.Kind
	margin     float32
}

// spans returns the tagger's names that lie within tokens [i, j) of
// sentence s; a name that runs past i or j is cut there.
func (tg *tagged) spans(s sentence, i, j int) []learnedSpan {
	var out []learnedSpan
	for _, sp := range ner.Spans(tg.labels[s.t0:s.t1]) {
		a, b := max(sp.Start+s.t0, i), min(sp.End+s.t0, j)
		if a >= b {
			continue
		}
		m := float32(math.Inf(1))
		for k := sp.Start + s.t0; k < sp.End+s.t0; k++ {
			m = min(m, tg.margins[k])
		}
		out = append(out, learnedSpan{start: a, end: b, kind: sp.Kind, margin: m})
	}
	return out
}

// mentionKind is the kind of entity a tagger's name gives: persons and
// organizations; places and other names give none here (countries come
// from the tables).
func mentionKind(k ner.Kind) (graph.Kind, bool) {
	switch k {
	case ner.PER:
		return graph.KindPerson, true
	case ner.ORG:
		return graph.KindOrganization, true
	}
	return "", false
}

// modelMentions is where the tagger decides, in Combined mode, what the
// capitalized words [i, j) of sentence s name, given what the rules made
// of them (ruled). The rules keep what they decide on strong evidence
// (see confident); the tagger decides the rest.
func (t *tables) modelMentions(text string, toks []token, s sentence, i, j int, joined bool, tg *tagged, ruled []mention) []mention {
	pol := os.Getenv("NERPOL")
	if joined {
		return ruled
	}
	for _, m := range ruled {
		if t.confident(toks, m) {
			return ruled
		}
	}
	sps := tg.spans(s, i, j)
	if j-i == 1 || pol == "E" && len(ruled) == 1 && ruled[0].t1-ruled[0].t0 == 1 {
		// A single word: resolve decides by the rest of the document and
		// its context; the tagger's kind is its last resort.
		for k := range ruled {
			if ruled[k].kind != "" {
				continue
			}
			for _, sp := range sps {
				if kind, ok := mentionKind(sp.kind); ok && sp.start == ruled[k].t0 && sp.end == ruled[k].t1 && sp.margin >= threshold("S") {
					ruled[k].learned = kind
				}
			}
		}
		return ruled
	}
	if len(sps) > 0 && os.Getenv("NERTHM") != "" {
		low := float32(math.Inf(1))
		for _, sp := range sps {
			low = min(low, sp.margin)
		}
		if low < threshold("M") {
			return ruled
		}
	}
	if pol == "K" {
		some := false
		for _, sp := range sps {
			_, ok := mentionKind(sp.kind)
			some = some || ok
		}
		if !some {
			return ruled
		}
	}
	var out []mention
	for _, sp := range sps {
		kind, ok := mentionKind(sp.kind)
		if !ok {
			continue
		}
		out = append(out, mention{start: toks[sp.start].start, end: toks[sp.end-1].end, t0: sp.start, t1: sp.end,
			kind: kind, name: text[toks[sp.start].start:toks[sp.end-1].end], parent: -1})
	}
	if len(sps) == 0 {
		for _, m := range ruled {
			if m.kind == "" {
				out = append(out, m)
			}
		}
	}
	return out
}

// confident reports whether the rules typed m on strong evidence: a
// person after a title or with a given name, an initial or a particle; an
// organization whose last word is an organization word, or that is part
// of a chain of organizations or an outlet.
func (t *tables) confident(toks []token, m mention) bool {
	switch m.kind {
	case graph.KindPerson:
		return m.personHint || t.looksPersonal(toks, m.t0, m.t1)
	case graph.KindOrganization:
		return t.orgSuffix[toks[m.t1-1].text] || m.chainNext || m.outlet || m.fromTable
	}
	return false
}

// modelOnlyMentions gives, in ModelOnly mode, the tagger's persons and
// organizations in sentence s that no table took.
func modelOnlyMentions(text string, toks []token, s sentence, consumed []bool, tg *tagged) []mention {
	var out []mention
	for _, sp := range tg.spans(s, s.t0, s.t1) {
		kind, ok := mentionKind(sp.kind)
		if !ok {
			continue
		}
		a, b := sp.start, sp.end
		for a < b && consumed[a] {
			a++
		}
		for b > a && consumed[b-1] {
			b--
		}
		if a == b {
			continue
		}
		out = append(out, mention{start: toks[a].start, end: toks[b-1].end, t0: a, t1: b,
			kind: kind, name: text[toks[a].start:toks[b-1].end], parent: -1})
	}
	return out
}

func threshold(name string) float32 {
	f, _ := strconv.ParseFloat(os.Getenv("NERTH"+name), 32)
	return float32(f)
}

package eval

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/entitygraph/entitygraph/evalformat"
	"github.com/entitygraph/entitygraph/graph"
)

// CoNLL labels after ReadCoNLL has mapped a corpus's own types onto them.
const (
	PER  = "PER"
	ORG  = "ORG"
	LOC  = "LOC"
	MISC = "MISC"
)

// CoNLLDocument is a document rebuilt from CoNLL tokens: Text joins a
// sentence's tokens with single spaces and sentences with a newline, and
// Spans are the gold entity spans as byte offsets into Text.
type CoNLLDocument struct {
	// ID is the corpus name and the line of the document's first token
	// ("wikigold.conll:151"), so a document can be found in the file.
	ID    string
	Text  string
	Spans []Span
}

// Span is a labelled byte span of a text, end exclusive.
type Span struct {
	Start, End int
	Label      string
}

// ReadCoNLL reads a CoNLL-format corpus: one token per line with its tag in
// the last whitespace-separated column, a blank line after each sentence,
// and "-DOCSTART-" lines between documents. Tags are O, or a type with a
// B-/I- prefix in either IOB1 (wikigold: I- throughout, B- only between
// two adjacent entities of one type) or IOB2 (WNUT17: B- opens every
// entity); E- and S- (IOBES) are read as I- and B- with an end.
//
// The corpora this was written for, both CC BY 4.0, in shared/data/ner:
//   - wikigold (Balasuriya, Ringland, Nothman, Murphy and Curran, "Named
//     entity recognition in Wikipedia", People's Web Meets NLP 2009):
//     Wikipedia articles, PER ORG LOC MISC, separated by -DOCSTART-.
//   - WNUT17 emerging entities (Derczynski, Nichols, van Erp and
//     Limsopatham, "Results of the WNUT2017 Shared Task on Novel and
//     Emerging Entity Recognition", W-NUT 2017): tweets, Reddit, YouTube
//     and Stack Overflow posts, with the types person, location,
//     corporation, group, creative-work and product.
//
// Types map onto PER, ORG, LOC and MISC: person → PER; corporation and
// group → ORG (WNUT17's groups are bands, teams and organizations, which
// CoNLL tags ORG); location → LOC; everything else → MISC.
//
// A file without any -DOCSTART- (WNUT17) gives one document per sentence:
// its sentences are unrelated posts, and joining them would let the
// extractor resolve a name in one post through another.
//
// name labels document ids. ReadCoNLL returns an Invalid *graph.Error that
// names the line of a token line without a tag or with a tag it cannot
// read, and a wrapped error when r fails.
func ReadCoNLL(r io.Reader, name string) ([]CoNLLDocument, error) {
	const op = "eval.ReadCoNLL"
	var (
		sents   []sentence
		cur     sentence
		markers bool // the file has -DOCSTART- lines
		newDoc  = true
		sc      = bufio.NewScanner(r)
		lineNo  int
		endSent = func() {
			if len(cur.tokens) > 0 {
				sents = append(sents, cur)
			}
			cur = sentence{}
		}
	)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		lineNo++
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) == 0:
			endSent()
		case fields[0] == "-DOCSTART-":
			endSent()
			markers, newDoc = true, true
		case len(fields) < 2:
			return nil, graph.Errorf(graph.Invalid, op, "%s:%d: token %q has no tag", name, lineNo, fields[0])
		default:
			tag, err := parseTag(fields[len(fields)-1])
			if err != nil {
				return nil, graph.Errorf(graph.Invalid, op, "%s:%d: %v", name, lineNo, err)
			}
			if len(cur.tokens) == 0 {
				cur.line, cur.docStart, newDoc = lineNo, newDoc, false
			}
			cur.tokens = append(cur.tokens, fields[0])
			cur.tags = append(cur.tags, tag)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, graph.Wrap(graph.Invalid, op, fmt.Sprintf("cannot read %s", name), err)
	}
	endSent()

	var docs []CoNLLDocument
	var b docBuilder
	for i, s := range sents {
		if i > 0 && (!markers || s.docStart) {
			docs = append(docs, b.done())
		}
		if b.id == "" {
			b.id = fmt.Sprintf("%s:%d", name, s.line)
		}
		b.add(s)
	}
	if len(sents) > 0 {
		docs = append(docs, b.done())
	}
	return docs, nil
}

type sentence struct {
	line     int // of the first token
	docStart bool
	tokens   []string
	tags     []tag
}

// tag is one token's tag: begin is true when it opens an entity (B-, S-, or
// any tag after O or another type), end when it closes one (E-, S-).
type tag struct {
	label      string // "" for O
	begin, end bool
}

func parseTag(s string) (tag, error) {
	if s == "O" {
		return tag{}, nil
	}
	prefix, typ, ok := strings.Cut(s, "-")
	if !ok || typ == "" {
		return tag{}, fmt.Errorf("tag %q is neither O nor B-, I-, E- or S- and a type", s)
	}
	t := tag{label: conllLabel(typ)}
	switch prefix {
	case "B":
		t.begin = true
	case "I":
	case "E":
		t.end = true
	case "S":
		t.begin, t.end = true, true
	default:
		return tag{}, fmt.Errorf("tag %q is neither O nor B-, I-, E- or S- and a type", s)
	}
	return t, nil
}

func conllLabel(typ string) string {
	switch strings.ToLower(typ) {
	case "per", "person":
		return PER
	case "org", "corporation", "group":
		return ORG
	case "loc", "location":
		return LOC
	}
	return MISC
}

// docBuilder joins sentences into one document's text and spans.
type docBuilder struct {
	id    string
	text  strings.Builder
	spans []Span
}

func (b *docBuilder) add(s sentence) {
	if b.text.Len() > 0 {
		b.text.WriteByte('\n')
	}
	open := -1 // index in b.spans of the entity the previous token is in
	for i, tok := range s.tokens {
		if i > 0 {
			b.text.WriteByte(' ')
		}
		start := b.text.Len()
		b.text.WriteString(tok)
		t := s.tags[i]
		switch {
		case t.label == "":
			open = -1
		case t.begin || open < 0 || b.spans[open].Label != t.label:
			b.spans = append(b.spans, Span{Start: start, End: b.text.Len(), Label: t.label})
			open = len(b.spans) - 1
		default:
			b.spans[open].End = b.text.Len()
		}
		if t.end {
			open = -1
		}
	}
}

func (b *docBuilder) done() CoNLLDocument {
	d := CoNLLDocument{ID: b.id, Text: b.text.String(), Spans: b.spans}
	*b = docBuilder{}
	return d
}

// SpanReport is the mention-level score of a CoNLL corpus.
type SpanReport struct {
	Documents int `json:"documents"`
	// Unpredicted lists documents the extractor gave nothing for.
	Unpredicted []string `json:"unpredicted,omitempty"`
	PER         Counts   `json:"PER"`
	ORG         Counts   `json:"ORG"`
	// PERORG is PER and ORG together: the sum of their counts.
	PERORG  Counts           `json:"PER+ORG"`
	Country Counts           `json:"COUNTRY"`
	Errors  []DocumentErrors `json:"errors,omitempty"`
}

// ScoreSpans scores predicted mentions against the gold spans of docs:
// a mention counts when its byte span and type match a gold span exactly,
// PERSON ↔ PER and ORGANIZATION ↔ ORG.
//
// COUNTRY ↔ LOC spans that name a country: the gold COUNTRY spans are the
// LOC spans whose text isCountry accepts; a predicted COUNTRY mention is a
// true positive on one of them and a false positive elsewhere (another LOC
// span, such as a capital as a place, or untagged words), except where it
// overlaps a gold PER, ORG or MISC span: CoNLL tags demonyms ("Japanese")
// MISC and a country's team ORG, and eval-format.md counts a demonym, even
// inside a longer name, as naming its country; there the two annotations
// mean different things, so the mention is neither right nor wrong for
// COUNTRY (a wrong type still shows in PER and ORG).
func ScoreSpans(docs []CoNLLDocument, predicted map[string]evalformat.Output, isCountry func(name string) bool) SpanReport {
	var rep SpanReport
	for _, d := range docs {
		rep.Documents++
		p, ok := predicted[d.ID]
		if !ok {
			rep.Unpredicted = append(rep.Unpredicted, d.ID)
		}
		gold := map[string]set{PER: {}, ORG: {}, evalformat.Country: {}}
		var other []Span // gold spans that are not places
		for _, s := range d.Spans {
			if s.Label != LOC {
				other = append(other, s)
			}
			switch {
			case s.Label == PER || s.Label == ORG:
				gold[s.Label].add(spanKey(s.Start, s.End), spanValue(d.Text, s.Start, s.End, ""))
			case s.Label == LOC && isCountry(d.Text[s.Start:s.End]):
				gold[evalformat.Country].add(spanKey(s.Start, s.End), spanValue(d.Text, s.Start, s.End, ""))
			}
		}
		pred := map[string]set{PER: {}, ORG: {}, evalformat.Country: {}}
		for _, e := range p.Entities {
			var label string
			switch strings.ToUpper(e.Type) {
			case evalformat.Person:
				label = PER
			case evalformat.Organization:
				label = ORG
			case evalformat.Country:
				label = evalformat.Country
			default:
				continue
			}
			for _, m := range e.Mentions {
				if label == evalformat.Country && overlapsAny(m.Start, m.End, other) {
					continue
				}
				pred[label].add(spanKey(m.Start, m.End), spanValue(d.Text, m.Start, m.End, m.Text))
			}
		}
		de := DocumentErrors{ID: d.ID}
		rep.PER = rep.PER.Add(compare(gold[PER], pred[PER], PER, &de))
		rep.ORG = rep.ORG.Add(compare(gold[ORG], pred[ORG], ORG, &de))
		rep.Country = rep.Country.Add(compare(gold[evalformat.Country], pred[evalformat.Country], evalformat.Country, &de))
		if len(de.Misses)+len(de.Extras) > 0 {
			rep.Errors = append(rep.Errors, de)
		}
	}
	rep.PERORG = rep.PER.Add(rep.ORG)
	return rep
}

func overlapsAny(start, end int, spans []Span) bool {
	for _, s := range spans {
		if start < s.End && s.Start < end {
			return true
		}
	}
	return false
}

func spanKey(start, end int) string { return fmt.Sprintf("%d:%d", start, end) }

// spanValue shows a span as its text and offsets; fallback is the text
// when the offsets lie outside the document.
func spanValue(text string, start, end int, fallback string) string {
	if 0 <= start && start <= end && end <= len(text) {
		fallback = text[start:end]
	}
	return fmt.Sprintf("%q [%d,%d)", fallback, start, end)
}

// WriteText writes the report as a table, PER, ORG, PER+ORG and COUNTRY,
// followed by each document's misses and extras when the report holds them.
// It returns the first write error.
func (r SpanReport) WriteText(w io.Writer) error {
	head := fmt.Sprintf("documents: %d (mentions scored by exact span and type)", r.Documents)
	if n := len(r.Unpredicted); n > 0 {
		head += fmt.Sprintf("; without a prediction: %d", n)
	}
	rows := []row{{PER, r.PER}, {ORG, r.ORG}, {"PER+ORG", r.PERORG}, {evalformat.Country, r.Country}}
	return writeReport(w, head, rows, r.Errors)
}

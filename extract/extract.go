// Package extract turns news text into a graph.Extraction: the persons,
// organizations and countries a document names, what they stated and which
// outlets carried it. It stores nothing and serves nothing.
//
// prose v2 tokenizes and tags the text (its model is loaded once, in New);
// tables written for this project (data/) name countries with their
// abbreviations, demonyms and capitals, outlets, well-known organizations,
// the words that make a name an organization and given names (with the
// 1990 US Census first names, public domain); rules resolve surnames,
// pronouns and role descriptions within a document and attribute
// statements to speakers. A run of capitalized words the tables do not
// know is a person when it looks like a person's name (a given name first,
// a title before it, a name particle, an initial) or stands in a list of
// persons; an organization when it ends with an organization word or the
// text treats it as one ("the" before it, a possessive after it, a speech
// verb beside it, a list of organizations); and otherwise no entity, since
// such runs are as often places, events or titles of works. A single such
// word is resolved by what surrounds it; a known given name alone is a
// person. Where those rules have only weak evidence, a name tagger learned
// from open corpora (package ner, learned.go) decides the kind and the
// boundaries of a run instead, and types a lone word no rule decides.
//
// Canonical names: a country by its common short name ("North Korea"), a
// table organization or outlet by its table name ("Financial Times",
// "Ukrainian News" for "the Ukrainian News agency"), a person by the
// fullest name the document writes, and any other organization by its own
// name without the organizations it belongs to ("Defense Intelligence
// Directorate" for "Defense Intelligence Directorate of the Ministry of
// Defense of Ukraine", with PART_OF and BASED_IN relations), except that a
// name that only says what the organization does keeps its country
// ("Ministry of Defense of Ukraine"). A leading "the" is never part of a
// name. It is part of an organization's mention span only when written
// "The" inside a sentence ("members of The Scout Association"): on
// wikigold that gained 12 exact spans and lost none, while also taking a
// sentence-initial "The" lost 32 (corpora leave that one out).
//
// Where the rules live: every stage is a method of one per-document type,
// document (document.go); one file per rule family: names.go (persons),
// learned.go (where the learned tagger decides),
// organizations.go, countries.go, outlets.go, sport.go, attribution.go (who
// said what, by the cue classes of data/cues.tsv), with mentions.go,
// resolve.go, relations.go and statements.go assembling their results.
package extract

import (
	"context"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/entitygraph/entitygraph/extract/ner"
	"github.com/entitygraph/entitygraph/graph"
	"github.com/jdkato/prose/v2"
)

// Extractor extracts entities and statements from documents. It is safe
// for concurrent use by many goroutines: after New it only reads.
type Extractor struct {
	model  *prose.Model
	tables *tables
	names  *ner.Model
	namer  Namer
}

// New loads prose's model, the tables and the name tagger's model once. It
// returns an Internal error if an embedded table or model is malformed.
func New() (*Extractor, error) { return NewNamer(Combined) }

// NewNamer is New with namer deciding what names persons and organizations
// (see Namer); `entitygraph eval --names` compares them.
func NewNamer(namer Namer) (*Extractor, error) {
	names, err := ner.Embedded()
	if err != nil {
		return nil, graph.Wrap(graph.Internal, "extract.New", "load the name tagger", err)
	}
	return NewNamerModel(namer, names)
}

// NewNamerModel is NewNamer with the name tagger's model names instead of
// the embedded one: a model `go run ./extract/ner/train -heldout K` wrote,
// so that `entitygraph eval --model` scores the whole extractor on a fifth
// of wikigold and GUM other that its tagger never saw. It returns an
// Internal error if an embedded table is malformed.
func NewNamerModel(namer Namer, names *ner.Model) (*Extractor, error) {
	const op = "extract.New"
	t, err := loadTables()
	if err != nil {
		return nil, graph.Wrap(graph.Internal, op, "load tables", err)
	}
	// ModelFromData with no data is prose's default English model; building
	// it here once avoids prose reloading it for every document.
	return &Extractor{model: prose.ModelFromData("en"), tables: t, names: names, namer: namer}, nil
}

// Extract returns what doc's text says. It returns an Invalid error for an
// empty, binary or non-UTF-8 text or a malformed date, a TooLarge error for
// a text over graph.MaxDocumentBytes or MaxTokens, and an Unavailable error wrapping
// ctx's error when ctx ends first. A document without an ID gets
// graph.DocumentIDFromText. The output depends only on the document: the
// same input gives the same extraction, in the same order.
func (x *Extractor) Extract(ctx context.Context, doc graph.Document) (*graph.Extraction, error) {
	const op = "extract.Extract"
	if err := validateText(op, doc.Text); err != nil {
		return nil, err
	}
	date, err := graph.ParseDate(doc.Date)
	if err != nil {
		return nil, graph.InvalidParam(op, "date", "%s", graph.ErrorMessage(err))
	}
	doc.Date = date
	if doc.ID == "" {
		doc.ID = graph.DocumentIDFromText(doc.Text)
	}
	if n := countTokens(doc.Text); n > MaxTokens {
		return nil, graph.Errorf(graph.TooLarge, op, "document has %d words and punctuation marks; the limit is %d", n, MaxTokens)
	}
	var ex *graph.Extraction
	if len(doc.Text) > maxSegmentBytes {
		ex, err = x.extractSegments(ctx, doc)
	} else {
		ex, err = x.extractText(ctx, doc, doc.Text)
	}
	if err != nil {
		return nil, graph.Wrap(graph.Unavailable, op, "extraction stopped", err)
	}
	return ex, nil
}

// extractText returns what text, which is doc's text or a segment of it,
// says, with offsets into text. It returns ctx's error when ctx ends first.
func (x *Extractor) extractText(ctx context.Context, doc graph.Document, text string) (*graph.Extraction, error) {
	toks, sents, err := analyze(ctx, x.model, text)
	if err != nil {
		return nil, err
	}
	d := &document{t: x.tables, text: text, toks: toks, sents: sents, namer: x.namer}
	if x.namer != RulesOnly {
		d.learned = x.tagNames(toks, sents)
	}
	d.findMentions()
	d.resolve()
	d.index()
	d.affs = d.affiliations()
	return &graph.Extraction{
		Document:   doc,
		Entities:   d.documentEntities(),
		Statements: d.statements(doc),
		Relations:  d.relations(doc.ID),
	}, nil
}

// validateText returns an Invalid or TooLarge error for text that cannot
// be news: too large, not UTF-8, binary, or empty.
func validateText(op, text string) error {
	if len(text) > graph.MaxDocumentBytes {
		return graph.Errorf(graph.TooLarge, op, "document is %d bytes; the limit is %d bytes", len(text), graph.MaxDocumentBytes)
	}
	controls := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == utf8.RuneError && size == 1 {
			return graph.Errorf(graph.Invalid, op, "document is not valid UTF-8 (at byte offset %d)", i)
		}
		if r == 0 {
			return graph.Errorf(graph.Invalid, op, "document looks binary: it contains a NUL byte at offset %d", i)
		}
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != '\f' {
			controls++
		}
		i += size
	}
	// Text has next to no control characters; a file with many is binary.
	if controls > 8 && controls*100 > len(text) {
		return graph.Errorf(graph.Invalid, op, "document looks binary: %d control characters", controls)
	}
	if strings.TrimSpace(text) == "" {
		return graph.Errorf(graph.Invalid, op, "document is empty")
	}
	return nil
}

// dateHeader is an optional first line "date YYYY[-MM[-DD]]" of a text
// file; the text may go on on the same line.
var dateHeader = regexp.MustCompile(`(?i)^\s*date:?[ \t]+(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:\s+|$)`)

// SplitDateHeader strips a leading "date YYYY-MM[-DD]" header from a text
// file's content. It returns the date, the text after the header and the
// number of bytes removed (add it to the body's offsets to get the file's).
// A text without a valid header comes back whole with an empty date.
func SplitDateHeader(text string) (date, body string, offset int) {
	m := dateHeader.FindStringSubmatchIndex(text)
	if m == nil {
		return "", text, 0
	}
	d, err := graph.ParseDate(text[m[2]:m[3]])
	if err != nil {
		return "", text, 0
	}
	return d, text[m[1]:], m[1]
}

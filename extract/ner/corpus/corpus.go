// Package corpus reads the open, human-annotated corpora the name tagger
// (package ner) is trained and measured on, from the project's shared data
// folder (../shared/data beside the repository), maps their tags onto
// PER, ORG, LOC and MISC, and says which documents training must leave
// out. See extract/ner/README.md for the corpora and their licenses.
//
// What is never trained on: GUM's Wikinews news and interviews (the
// documents of gum/news.gold.jsonl, also inside gum/gum.conll), the
// measuring stick of issue 9; the UNER-EWT test split; and every fifth
// document (HeldOut) of wikigold and of GUM's other genres, so that those
// two can be scored honestly too.
package corpus

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/eval"
	"github.com/entitygraph/entitygraph/extract/ner"
)

// Lexicon turns a sentence's words into the tagger's tokens, with their
// table classes (extract.Lexicon).
type Lexicon interface {
	Tokens(words []string) []ner.Token
}

// Document is one document of a corpus, as tokens with their gold labels.
type Document struct {
	ID     string // the gold id for GUM documents, the CoNLL id otherwise
	Words  [][]string
	Labels [][]ner.Label
	// NoMISC marks a corpus without MISC (UNER): where it says O, a
	// name of another kind may stand.
	NoMISC bool
}

// Paths of the corpora under the data folder, and the names Train's
// Options.Corpora uses for them.
const (
	Wikigold  = "wikigold"
	GUMOther  = "gum-other"
	UNERDev   = "uner-dev"
	WNUT      = "wnut17"
	UNERTest  = "uner-test" // measuring only
	GUMNews   = "gum-news"  // measuring only
	gumCoNLL  = "gum/gum.conll"
	gumNews   = "gum/news.gold.jsonl"
	gumOther  = "gum/other.gold.jsonl"
	wikigoldF = "ner/wikigold/wikigold.conll"
)

var trainable = map[string][]string{
	Wikigold: {wikigoldF},
	GUMOther: {gumCoNLL},
	UNERDev:  {"uner-ewt/en_ewt-dev.conll"},
	WNUT:     {"ner/wnut17/wnut17train.conll", "ner/wnut17/emerging.dev.conll", "ner/wnut17/emerging.test.annotated"},
}

// Names returns the names of the corpora one can train on.
func Names() []string {
	var n []string
	for k := range trainable {
		n = append(n, k)
	}
	slices.Sort(n)
	return n
}

// HeldOut reports whether the document at index i (from 0, in file order)
// of wikigold or of GUM's other genres is left out of training: every
// fifth one.
func HeldOut(i int) bool { return HeldOutIn(i, ShippedFold) }

// ShippedFold is the fifth of wikigold and GUM other that the shipped model
// never trained on: the documents i with i % 5 == 4 (`entitygraph eval
// --fold 4/5`).
const ShippedFold = 4

// HeldOutIn reports whether the document at index i is in fifth fold
// (i % 5 == fold), the one a model trained with Options.Fold = fold leaves
// out. Training five models, one per fold, scores the whole extractor on
// every document of wikigold and GUM other (see README, "Measuring on
// every fifth").
func HeldOutIn(i, fold int) bool { return i%5 == fold }

// Read returns the documents of one corpus by name (Names, UNERTest or
// GUMNews), all of them, held-out ones included. It returns an error
// naming the file that cannot be read, or a GUM document that cannot be
// matched to its gold file.
func Read(data, name string) ([]Document, error) {
	switch name {
	case GUMOther, GUMNews:
		news, other, err := readGUM(data)
		if name == GUMNews {
			return news, err
		}
		return other, err
	case UNERTest:
		return readCoNLL(filepath.Join(data, "uner-ewt/en_ewt-test.conll"), true)
	}
	files, ok := trainable[name]
	if !ok {
		return nil, fmt.Errorf("no corpus %q (known: %s)", name, strings.Join(Names(), ", "))
	}
	var docs []Document
	for _, f := range files {
		d, err := readCoNLL(filepath.Join(data, f), name == UNERDev)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d...)
	}
	return docs, nil
}

// readCoNLL reads a CoNLL file with eval.ReadCoNLL (which maps each
// corpus's types onto PER, ORG, LOC, MISC) and turns its texts back into
// tokens: ReadCoNLL joins a sentence's tokens with spaces and sentences
// with newlines.
func readCoNLL(path string, noMISC bool) ([]Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cdocs, err := eval.ReadCoNLL(f, filepath.Base(path))
	if err != nil {
		return nil, err
	}
	docs := make([]Document, 0, len(cdocs))
	for _, cd := range cdocs {
		docs = append(docs, fromCoNLL(cd, noMISC))
	}
	return docs, nil
}

func fromCoNLL(cd eval.CoNLLDocument, noMISC bool) Document {
	d := Document{ID: cd.ID, NoMISC: noMISC}
	type tok struct{ start, end int }
	var toks [][]tok
	off := 0
	for _, line := range strings.Split(cd.Text, "\n") {
		var words []string
		var ts []tok
		pos := off
		for _, w := range strings.Split(line, " ") {
			words = append(words, w)
			ts = append(ts, tok{pos, pos + len(w)})
			pos += len(w) + 1
		}
		off += len(line) + 1
		d.Words = append(d.Words, words)
		toks = append(toks, ts)
	}
	d.Labels = make([][]ner.Label, len(toks))
	for s := range toks {
		d.Labels[s] = make([]ner.Label, len(toks[s]))
	}
	for _, sp := range cd.Spans {
		kind, _ := ner.ParseKind(sp.Label)
		first := true
		for s := range toks {
			for i, t := range toks[s] {
				if t.start >= sp.Start && t.end <= sp.End {
					if first {
						d.Labels[s][i] = ner.Begin(kind)
						first = false
					} else {
						d.Labels[s][i] = ner.Inside(kind)
					}
				}
			}
		}
	}
	return d
}

// readGUM splits gum.conll into the news documents (those of
// news.gold.jsonl) and the others, each with the id of its gold document,
// found by comparing texts without white space.
func readGUM(data string) (news, other []Document, err error) {
	docs, err := readCoNLL(filepath.Join(data, gumCoNLL), false)
	if err != nil {
		return nil, nil, err
	}
	type gold struct{ id, squeezed string }
	var golds [][]gold
	for _, f := range []string{gumNews, gumOther} {
		g, err := readGoldTexts(filepath.Join(data, f))
		if err != nil {
			return nil, nil, err
		}
		var gs []gold
		for _, x := range g {
			gs = append(gs, gold{x[0], squeeze(x[1])})
		}
		golds = append(golds, gs)
	}
	for _, d := range docs {
		var words []string
		for _, s := range d.Words {
			words = append(words, s...)
		}
		probe := squeeze(strings.Join(words[:min(len(words), 400)], ""))
		var hits []string
		for set, gs := range golds {
			for _, g := range gs {
				if strings.HasPrefix(g.squeezed, probe) {
					hits = append(hits, fmt.Sprint(set, g.id))
				}
			}
		}
		if len(hits) != 1 {
			return nil, nil, fmt.Errorf("%s: document %s matches %d gold documents (%v), want 1", gumCoNLL, d.ID, len(hits), hits)
		}
		d.ID = hits[0][1:]
		if hits[0][0] == '0' {
			news = append(news, d)
		} else {
			other = append(other, d)
		}
	}
	// Keep GUM other in the order of its gold file, which HeldOut counts.
	order := map[string]int{}
	for i, g := range golds[1] {
		order[g.id] = i
	}
	slices.SortStableFunc(other, func(a, b Document) int { return order[a.ID] - order[b.ID] })
	if len(news) != len(golds[0]) || len(other) != len(golds[1]) {
		return nil, nil, fmt.Errorf("%s: %d news and %d other documents, want %d and %d", gumCoNLL, len(news), len(other), len(golds[0]), len(golds[1]))
	}
	return news, other, nil
}

// squeeze drops white space and the quote marks PTB tokens rewrite.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\n', '\t', '\r', '"', '\'', '`', '“', '”', '‘', '’', '\u00a0':
			return -1
		}
		return r
	}, s)
}

// readGoldTexts returns the id and text of each line of a gold JSONL file.
func readGoldTexts(path string) ([][2]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		var d struct{ ID, Text string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out = append(out, [2]string{d.ID, d.Text})
	}
	return out, sc.Err()
}

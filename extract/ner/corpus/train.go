package corpus

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/eval"
	"github.com/entitygraph/entitygraph/extract/ner"
)

// Options say what to train on and how.
type Options struct {
	ner.TrainOptions
	Corpora string // comma-separated corpus names (Names)
	// Fold is the fifth of wikigold and GUM other left out of training
	// (HeldOutIn): ShippedFold for the shipped model, as DefaultOptions
	// sets it (the zero value is fold 0).
	Fold int
}

// DefaultOptions are the settings of the shipped model. Adding WNUT-17
// and keeping features seen once each gained 0.01–0.02 PER+ORG on
// five-fold cross-validation of the training documents and on the
// held-out fifths, and about 0.01 for the whole extractor there.
func DefaultOptions() Options {
	return Options{
		TrainOptions: ner.TrainOptions{Epochs: 12, Seed: 1, MinCount: 1, Runs: 5},
		Corpora:      strings.Join([]string{Wikigold, GUMOther, UNERDev, WNUT}, ","),
		Fold:         ShippedFold,
	}
}

// Stats count what a training run read.
type Stats struct{ Documents, Tokens int }

// Train reads the corpora of opt, leaves out the held-out documents, and
// trains a model; lexHash (the tables' hash) goes into the model's Meta.
// It returns an error when a corpus cannot be read or ctx ends.
func Train(ctx context.Context, data string, lex Lexicon, lexHash string, opt Options, progress func(epoch, wrong, sents int)) (*ner.Model, Stats, error) {
	if opt.Fold < 0 || opt.Fold > 4 {
		return nil, Stats{}, fmt.Errorf("held-out fold %d: want 0 to 4", opt.Fold)
	}
	docs, err := trainingDocuments(ctx, data, lex, opt.Corpora, opt.Fold)
	if err != nil {
		return nil, Stats{}, err
	}
	var st Stats
	tds := make([]ner.TrainDocument, len(docs))
	for i, d := range docs {
		tds[i] = d.train
		st.Documents++
		for _, s := range d.Words {
			st.Tokens += len(s)
		}
	}
	opt.Meta = fmt.Sprintf("corpora=%s epochs=%d seed=%d mincount=%d runs=%d tables=%s", opt.Corpora, opt.Epochs, opt.Seed, opt.MinCount, opt.Runs, lexHash)
	if opt.Fold != ShippedFold {
		opt.Meta += fmt.Sprintf(" heldout=%d/5", opt.Fold)
	}
	opt.Progress = progress
	m, err := ner.Train(tds, opt.TrainOptions)
	return m, st, err
}

// annotated is a training document with its corpus and tagger tokens.
type annotated struct {
	Document
	corpus string
	train  ner.TrainDocument
}

// trainingDocuments reads and annotates the documents of the corpora that
// training may read: all but fifth fold of wikigold and GUM other.
func trainingDocuments(ctx context.Context, data string, lex Lexicon, corpora string, fold int) ([]annotated, error) {
	var docs []annotated
	for _, name := range strings.Split(corpora, ",") {
		cds, err := Read(data, name)
		if err != nil {
			return nil, err
		}
		for i, d := range cds {
			if (name == Wikigold || name == GUMOther) && HeldOutIn(i, fold) {
				continue
			}
			docs = append(docs, annotated{d, name, d.training(lex)})
		}
	}
	return docs, nil
}

// CrossValidate scores the settings of opt without touching held-out
// data: it splits the training documents into k folds (document i in fold
// i % k), trains on all folds but one and scores the model alone on that
// one, for each fold. It returns the summed counts per corpus, in the
// order of opt.Corpora, so that settings that add a corpus can be compared
// on the others. It returns an error when a corpus cannot be read or ctx
// ends.
func CrossValidate(ctx context.Context, data string, lex Lexicon, opt Options, k int) ([]Report, error) {
	docs, err := trainingDocuments(ctx, data, lex, opt.Corpora, opt.Fold)
	if err != nil {
		return nil, err
	}
	names := strings.Split(opt.Corpora, ",")
	reports := make([]Report, len(names))
	for i, n := range names {
		reports[i].Name = fmt.Sprintf("%s, %d-fold CV", n, k)
	}
	for f := range k {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var train []ner.TrainDocument
		for i, d := range docs {
			if i%k != f {
				train = append(train, d.train)
			}
		}
		m, err := ner.Train(train, opt.TrainOptions)
		if err != nil {
			return nil, err
		}
		for i, d := range docs {
			if i%k != f {
				continue
			}
			r := &reports[slices.Index(names, d.corpus)]
			pred, _ := m.Tag(d.train.Sents)
			for s := range d.Labels {
				r.add(d.Labels[s], pred[s])
			}
		}
	}
	return reports, nil
}

// training turns d into a training document: one allowed label per token,
// or, in a corpus without MISC, O or a MISC label where it says O.
func (d Document) training(lex Lexicon) ner.TrainDocument {
	td := ner.TrainDocument{Sents: d.tokens(lex), Allowed: make([][]ner.LabelSet, len(d.Labels))}
	misc := ner.LabelSet(1<<ner.Begin(ner.MISC) | 1<<ner.Inside(ner.MISC))
	for s, ls := range d.Labels {
		td.Allowed[s] = make([]ner.LabelSet, len(ls))
		for i, l := range ls {
			td.Allowed[s][i] = 1 << l
			if d.NoMISC && l == ner.O {
				td.Allowed[s][i] |= misc
			}
		}
	}
	return td
}

func (d Document) tokens(lex Lexicon) [][]ner.Token {
	sents := make([][]ner.Token, len(d.Words))
	for s, words := range d.Words {
		sents[s] = lex.Tokens(words)
	}
	return sents
}

// Report is the model's own mention-level score on one corpus: exact span
// and kind.
type Report struct {
	Name                  string
	PER, ORG, LOC, PERORG eval.Counts
}

// Evaluate tags the held-out data with m alone (no rules, no tables beyond
// the lexicon's bits) and scores its names by exact span and kind: fifth
// fold of wikigold and of GUM other (the one m was trained without),
// UNER-EWT test, and GUM news (measured, never trained on).
func Evaluate(ctx context.Context, data string, lex Lexicon, m *ner.Model, fold int) ([]Report, error) {
	var out []Report
	for _, c := range []struct {
		name, label string
		heldOut     bool
	}{
		{Wikigold, "wikigold held-out fifth", true},
		{GUMOther, "GUM other held-out fifth", true},
		{UNERTest, "UNER-EWT test", false},
		{GUMNews, "GUM news (gum.conll)", false},
	} {
		docs, err := Read(data, c.name)
		if err != nil {
			return nil, err
		}
		r := Report{Name: c.label}
		for i, d := range docs {
			if c.heldOut && !HeldOutIn(i, fold) {
				continue
			}
			pred, _ := m.Tag(d.tokens(lex))
			for s := range d.Labels {
				r.add(d.Labels[s], pred[s])
			}
		}
		out = append(out, r)
	}
	return out, nil
}

func (r *Report) add(gold, pred []ner.Label) {
	g, p := map[ner.Span]bool{}, map[ner.Span]bool{}
	for _, s := range ner.Spans(gold) {
		g[s] = true
	}
	for _, s := range ner.Spans(pred) {
		p[s] = true
	}
	count := func(s ner.Span, c func(*eval.Counts)) {
		switch s.Kind {
		case ner.PER:
			c(&r.PER)
			c(&r.PERORG)
		case ner.ORG:
			c(&r.ORG)
			c(&r.PERORG)
		case ner.LOC:
			c(&r.LOC)
		}
	}
	for s := range g {
		if p[s] {
			count(s, func(c *eval.Counts) { c.TP++ })
		} else {
			count(s, func(c *eval.Counts) { c.FN++ })
		}
	}
	for s := range p {
		if !g[s] {
			count(s, func(c *eval.Counts) { c.FP++ })
		}
	}
}

package corpus

import (
	"context"
	"fmt"
	"strings"

	"github.com/entitygraph/entitygraph/eval"
	"github.com/entitygraph/entitygraph/extract/ner"
)

// Options say what to train on and how.
type Options struct {
	ner.TrainOptions
	Corpora string // comma-separated corpus names (Names)
}

// DefaultOptions are the settings of the shipped model.
func DefaultOptions() Options {
	return Options{
		TrainOptions: ner.TrainOptions{Epochs: 12, Seed: 1, MinCount: 2},
		Corpora:      strings.Join([]string{Wikigold, GUMOther, UNERDev}, ","),
	}
}

// Stats count what a training run read.
type Stats struct{ Documents, Tokens int }

// Train reads the corpora of opt, leaves out the held-out documents, and
// trains a model; lexHash (the tables' hash) goes into the model's Meta.
// It returns an error when a corpus cannot be read or ctx ends.
func Train(ctx context.Context, data string, lex Lexicon, lexHash string, opt Options, progress func(epoch, wrong, sents int)) (*ner.Model, Stats, error) {
	var docs []ner.TrainDocument
	var st Stats
	for _, name := range strings.Split(opt.Corpora, ",") {
		if err := ctx.Err(); err != nil {
			return nil, st, err
		}
		cds, err := Read(data, name)
		if err != nil {
			return nil, st, err
		}
		for i, d := range cds {
			if (name == Wikigold || name == GUMOther) && HeldOut(i) {
				continue
			}
			td, err := d.training(ctx, lex)
			if err != nil {
				return nil, st, fmt.Errorf("%s: %w", d.ID, err)
			}
			docs = append(docs, td)
			st.Documents++
			for _, s := range d.Words {
				st.Tokens += len(s)
			}
		}
	}
	opt.Meta = fmt.Sprintf("corpora=%s epochs=%d seed=%d mincount=%d tables=%s", opt.Corpora, opt.Epochs, opt.Seed, opt.MinCount, lexHash)
	opt.Progress = progress
	m, err := ner.Train(docs, opt.TrainOptions)
	return m, st, err
}

// training turns d into a training document: one allowed label per token,
// or, in a corpus without MISC, O or a MISC label where it says O.
func (d Document) training(ctx context.Context, lex Lexicon) (ner.TrainDocument, error) {
	sents, err := lex.Annotate(ctx, d.Text, d.Words)
	if err != nil {
		return ner.TrainDocument{}, err
	}
	td := ner.TrainDocument{Sents: sents, Allowed: make([][]ner.LabelSet, len(d.Labels))}
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
	return td, nil
}

// Report is the model's own mention-level score on one corpus: exact span
// and kind.
type Report struct {
	Name                  string
	PER, ORG, LOC, PERORG eval.Counts
}

// Evaluate tags the held-out data with m alone (no rules, no tables beyond
// the lexicon's bits) and scores its names by exact span and kind: the
// held-out fifth of wikigold and of GUM other, UNER-EWT test, and GUM news
// (measured, never trained on).
func Evaluate(ctx context.Context, data string, lex Lexicon, m *ner.Model) ([]Report, error) {
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
			if c.heldOut && !HeldOut(i) {
				continue
			}
			sents, err := lex.Annotate(ctx, d.Text, d.Words)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", d.ID, err)
			}
			pred, _ := m.Tag(sents)
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

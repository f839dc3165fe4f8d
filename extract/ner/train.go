package ner

import (
	"fmt"
	"math/rand/v2"
	"slices"
)

// TrainDocument is one annotated document: its sentences and, for each
// token, the labels the annotation allows. A fully annotated corpus allows
// one label per token; a corpus that leaves a kind out (UNER has no MISC)
// allows that kind where it says O, and training takes whichever allowed
// sequence the model scores best.
type TrainDocument struct {
	Sents   [][]Token
	Allowed [][]LabelSet
}

// TrainOptions are the settings of a training run.
type TrainOptions struct {
	Epochs int
	Seed   uint64 // orders the sentences of each epoch
	// MinCount drops features seen fewer times in the training data.
	MinCount int
	// Runs is how many models, trained on sentences shuffled with seeds
	// Seed, Seed+1, ..., are averaged into one (1 when 0).
	Runs int
	Meta string // stored in the model (Model.Meta)
	// Progress, when set, is called after each epoch with the number of
	// sentences the model got wrong in it.
	Progress func(epoch, wrong, sentences int)
}

// Train learns a Model with the averaged structured perceptron (Collins
// 2002): for each sentence, decode with the current weights; where the
// best sequence is not an allowed one, add the features of the best
// allowed sequence and subtract those of the decoded one; the model keeps
// the average of the weights over all steps. With opt.Runs above one, that
// is done once per seed (the sentences shuffled anew) and the runs'
// weights are averaged, which lowers how much the model depends on the
// order it read the sentences in. The same documents and
// options give the same model. It returns an error for a document whose
// Allowed does not match its sentences or allows no label for a token.
func Train(docs []TrainDocument, opt TrainOptions) (*Model, error) {
	counts := map[uint64]int32{}
	var order []uint64 // hashes in order of first sight, for deterministic rows
	var hashed [][][]uint64
	var allowed [][]LabelSet
	for di, doc := range docs {
		if len(doc.Allowed) != len(doc.Sents) {
			return nil, fmt.Errorf("ner: document %d: %d sentences, %d label rows", di, len(doc.Sents), len(doc.Allowed))
		}
		d := newDocument(doc.Sents)
		for s, toks := range doc.Sents {
			if len(doc.Allowed[s]) != len(toks) {
				return nil, fmt.Errorf("ner: document %d sentence %d: %d tokens, %d label sets", di, s, len(toks), len(doc.Allowed[s]))
			}
			caps := capsSentence(toks)
			toksFeats := make([][]uint64, len(toks))
			for i := range toks {
				if doc.Allowed[s][i]&AllLabels == 0 {
					return nil, fmt.Errorf("ner: document %d sentence %d token %d: no label allowed", di, s, i)
				}
				fs := d.features(nil, s, i, caps)
				for _, f := range fs {
					if counts[f] == 0 {
						order = append(order, f)
					}
					counts[f]++
				}
				toksFeats[i] = fs
			}
			hashed = append(hashed, toksFeats)
			allowed = append(allowed, doc.Allowed[s])
		}
	}
	index := map[uint64]int32{}
	for _, f := range order {
		if int(counts[f]) >= opt.MinCount {
			index[f] = int32(len(index))
		}
	}
	sents := make([]trainSentence, len(hashed))
	for k, toks := range hashed {
		sents[k] = trainSentence{feats: make([][]int32, len(toks)), allowed: allowed[k]}
		for i, fs := range toks {
			for _, f := range fs {
				if row, ok := index[f]; ok {
					sents[k].feats[i] = append(sents[k].feats[i], row)
				}
			}
		}
	}
	hashed = nil

	m := &Model{w: make([]float32, len(index)*NumLabels)}
	runs := max(opt.Runs, 1)
	for r := range runs {
		one := trainRun(sents, len(index), opt, opt.Seed+uint64(r))
		for k, w := range one.w {
			m.w[k] += w / float32(runs)
		}
		for a := range one.trans {
			for b := range one.trans[a] {
				m.trans[a][b] += one.trans[a][b] / float32(runs)
			}
		}
	}
	m.features = newFeatureTable(len(index))
	for _, f := range order {
		if row, ok := index[f]; ok {
			m.features.add(f, row)
		}
	}
	m.Meta = opt.Meta
	m.marginUnit = typicalMargin(m, sents)
	return m, nil
}

// trainRun trains one averaged perceptron over sents, the sentences
// shuffled by a generator seeded with seed.
func trainRun(sents []trainSentence, features int, opt TrainOptions, seed uint64) *Model {
	p := newPerceptron(features)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	perm := make([]int, len(sents))
	for k := range perm {
		perm[k] = k
	}
	var emit []float32
	var pred, gold []Label
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(perm), func(a, b int) { perm[a], perm[b] = perm[b], perm[a] })
		wrong := 0
		for _, k := range perm {
			s := sents[k]
			n := len(s.feats)
			emit = p.emissions(emit, s.feats)
			pred, gold = resize(pred, n), resize(gold, n)
			decode(emit, &p.trans, nil, pred)
			if fits(pred, s.allowed) {
				p.tick()
				continue
			}
			decode(emit, &p.trans, s.allowed, gold)
			wrong++
			p.update(s.feats, gold, pred)
			p.tick()
		}
		if opt.Progress != nil {
			opt.Progress(epoch, wrong, len(sents))
		}
	}
	return p.average()
}

// typicalMargin returns the median margin (see Model.Tag) of the tokens
// that m tags as part of a name in the training sentences (1 when it tags
// none), the unit in which Tag reports margins, so that a threshold on them
// means the same for every trained model.
func typicalMargin(m *Model, sents []trainSentence) float32 {
	var margins []float32
	for _, s := range sents {
		emit := make([]float32, len(s.feats)*NumLabels)
		for i, fs := range s.feats {
			for _, row := range fs {
				for l := range NumLabels {
					emit[i*NumLabels+l] += m.w[int(row)*NumLabels+l]
				}
			}
		}
		labels := make([]Label, len(s.feats))
		score := decode(emit, &m.trans, nil, labels)
		maxMarginals(emit, &m.trans, score)
		for i, l := range labels {
			if l != O {
				margins = append(margins, margin(score[i*NumLabels:(i+1)*NumLabels], l))
			}
		}
	}
	if len(margins) == 0 {
		return 1
	}
	slices.Sort(margins)
	return max(margins[len(margins)/2], 1e-6)
}

// trainSentence is a training sentence: per token, the rows of its
// features and the labels the annotation allows.
type trainSentence struct {
	feats   [][]int32
	allowed []LabelSet
}

func resize(ls []Label, n int) []Label {
	if cap(ls) < n {
		return make([]Label, n)
	}
	return ls[:n]
}

// fits reports whether every label is allowed.
func fits(ls []Label, allowed []LabelSet) bool {
	for i, l := range ls {
		if !allowed[i].Has(l) {
			return false
		}
	}
	return true
}

// perceptron holds the weights being learned and, for averaging, the sum
// of each update times the step it was made at (Daumé's trick: the
// average is w - u/c).
type perceptron struct {
	w      []float32
	u      []float64
	trans  [NumLabels + 1][NumLabels]float32
	transU [NumLabels + 1][NumLabels]float64
	c      float64
}

func newPerceptron(features int) *perceptron {
	return &perceptron{w: make([]float32, features*NumLabels), u: make([]float64, features*NumLabels), c: 1}
}

func (p *perceptron) tick() { p.c++ }

func (p *perceptron) emissions(emit []float32, feats [][]int32) []float32 {
	n := len(feats) * NumLabels
	if cap(emit) < n {
		emit = make([]float32, n)
	}
	emit = emit[:n]
	clear(emit)
	for i, fs := range feats {
		e := emit[i*NumLabels : (i+1)*NumLabels]
		for _, row := range fs {
			w := p.w[int(row)*NumLabels : (int(row)+1)*NumLabels]
			for l := range e {
				e[l] += w[l]
			}
		}
	}
	return emit
}

// update moves the weights towards gold and away from pred.
func (p *perceptron) update(feats [][]int32, gold, pred []Label) {
	for i, fs := range feats {
		if gold[i] == pred[i] {
			continue
		}
		for _, row := range fs {
			p.add(int(row)*NumLabels+int(gold[i]), 1)
			p.add(int(row)*NumLabels+int(pred[i]), -1)
		}
	}
	prevG, prevP := Label(NumLabels), Label(NumLabels)
	for i := range gold {
		if gold[i] != pred[i] || prevG != prevP {
			p.trans[prevG][gold[i]]++
			p.transU[prevG][gold[i]] += p.c
			p.trans[prevP][pred[i]]--
			p.transU[prevP][pred[i]] -= p.c
		}
		prevG, prevP = gold[i], pred[i]
	}
}

func (p *perceptron) add(k int, d float32) {
	p.w[k] += d
	p.u[k] += float64(d) * p.c
}

// average returns a Model with the averaged weights (its index unset).
func (p *perceptron) average() *Model {
	m := &Model{w: make([]float32, len(p.w))}
	for k := range p.w {
		m.w[k] = float32(float64(p.w[k]) - p.u[k]/p.c)
	}
	for a := range p.trans {
		for b := range p.trans[a] {
			m.trans[a][b] = float32(float64(p.trans[a][b]) - p.transU[a][b]/p.c)
		}
	}
	return m
}

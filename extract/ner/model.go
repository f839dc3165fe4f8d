package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Model is a trained tagger: a weight for each (feature, label) pair and
// for each pair of adjacent labels.
type Model struct {
	features featureTable // feature hash → row of w
	w        []float32    // NumLabels weights per row
	// trans[a][b] is the weight of label b after label a; row NumLabels is
	// the start of a sentence.
	trans [NumLabels + 1][NumLabels]float32
	// marginUnit is the median margin of a name's token on the training
	// data; Tag reports margins in this unit.
	marginUnit float32
	// Meta says how the model was trained (corpora, epochs, seed, the hash
	// of the caller's tables); it is informational.
	Meta string
}

//go:embed model.bin
var embedded []byte

// Embedded returns the model shipped in the binary (built by
// `go run ./extract/ner/train`). It returns an error if the embedded file is
// malformed or was trained for another FeatureSet.
func Embedded() (*Model, error) { return Load(embedded) }

// Tag returns the labels of every token of a document, sentence by
// sentence, and for each token a margin: how much lower the model scores
// the best labelling that gives the token a label of another kind (or O
// for a name, a name for O), in units of the median margin of a name's
// token on the training data (so 1 is a typical name's certainty, and 0.1
// a coin toss). Features look at the whole document (whether
// a capitalized word is written in lower case elsewhere), so pass the
// document, not one sentence at a time.
func (m *Model) Tag(sents [][]Token) ([][]Label, [][]float32) {
	d := newDocument(sents)
	labels := make([][]Label, len(sents))
	margins := make([][]float32, len(sents))
	var fs []uint64
	var emit []float32
	for s, toks := range sents {
		caps := capsSentence(toks)
		emit = slices.Grow(emit[:0], len(toks)*NumLabels)[:len(toks)*NumLabels]
		clear(emit)
		for i := range toks {
			fs = d.features(fs[:0], s, i, caps)
			e := emit[i*NumLabels : (i+1)*NumLabels]
			for _, f := range fs {
				if row := m.features.row(f); row >= 0 {
					w := m.w[int(row)*NumLabels : (int(row)+1)*NumLabels]
					for l := range e {
						e[l] += w[l]
					}
				}
			}
		}
		labels[s] = make([]Label, len(toks))
		margins[s] = make([]float32, len(toks))
		score := decode(emit, &m.trans, nil, labels[s])
		maxMarginals(emit, &m.trans, score)
		for i, l := range labels[s] {
			margins[s][i] = margin(score[i*NumLabels:(i+1)*NumLabels], l) / m.marginUnit
		}
	}
	return labels, margins
}

// margin returns how far the max-marginal of label l stands above the best
// label of another kind.
func margin(maxMarginals []float32, l Label) float32 {
	other := float32(math.Inf(-1))
	for k := Label(0); k < NumLabels; k++ {
		if k.Kind() != l.Kind() {
			other = max(other, maxMarginals[k])
		}
	}
	return maxMarginals[l] - other
}

// maxMarginals turns the forward Viterbi scores of decode into
// max-marginals: score[i][l] becomes the score of the best labelling with
// label l at token i.
func maxMarginals(emit []float32, trans *[NumLabels + 1][NumLabels]float32, score []float32) {
	n := len(score) / NumLabels
	negInf := float32(math.Inf(-1))
	beta := make([]float32, NumLabels)
	next := make([]float32, NumLabels)
	for i := n - 1; i >= 0; i-- {
		cur := score[i*NumLabels : (i+1)*NumLabels]
		for l := range cur {
			cur[l] += beta[l]
		}
		if i == 0 {
			break
		}
		// beta for token i-1: the best continuation from each label.
		for p := Label(0); p < NumLabels; p++ {
			next[p] = negInf
			for l := Label(0); l < NumLabels; l++ {
				if !follows(p, l) {
					continue
				}
				next[p] = max(next[p], trans[p][l]+emit[i*NumLabels+int(l)]+beta[l])
			}
		}
		beta, next = next, beta
	}
}

// LabelSet is a set of labels, one bit each.
type LabelSet uint16

// AllLabels holds every label.
const AllLabels LabelSet = 1<<NumLabels - 1

// Has reports whether l is in the set.
func (s LabelSet) Has(l Label) bool { return s&(1<<l) != 0 }

// decode writes into out the best sequence of labels for the emission
// scores emit (NumLabels per token) under the transition weights, each
// label drawn from allowed[i] when allowed is not nil. An inside label
// never follows a label of another kind. It returns the forward scores:
// for each token and label, the score of the best labelling up to the
// token that ends with the label.
func decode(emit []float32, trans *[NumLabels + 1][NumLabels]float32, allowed []LabelSet, out []Label) []float32 {
	n := len(out)
	if n == 0 {
		return nil
	}
	negInf := float32(math.Inf(-1))
	score := make([]float32, n*NumLabels)
	back := make([]Label, n*NumLabels)
	for l := Label(0); l < NumLabels; l++ {
		score[l] = negInf
		if follows(O, l) && (allowed == nil || allowed[0].Has(l)) {
			score[l] = trans[NumLabels][l] + emit[l]
		}
	}
	for i := 1; i < n; i++ {
		prev, cur := score[(i-1)*NumLabels:i*NumLabels], score[i*NumLabels:(i+1)*NumLabels]
		for l := Label(0); l < NumLabels; l++ {
			cur[l] = negInf
			if allowed != nil && !allowed[i].Has(l) {
				continue
			}
			for p := Label(0); p < NumLabels; p++ {
				if prev[p] == negInf || !follows(p, l) {
					continue
				}
				if s := prev[p] + trans[p][l]; s > cur[l] {
					cur[l], back[i*NumLabels+int(l)] = s, p
				}
			}
			cur[l] += emit[i*NumLabels+int(l)]
		}
	}
	best := Label(0)
	last := score[(n-1)*NumLabels:]
	for l := Label(1); l < NumLabels; l++ {
		if last[l] > last[best] {
			best = l
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = best
		best = back[i*NumLabels+int(best)]
	}
	return score
}

// The model file: "EGNER" and a format version, then, gzip-compressed, the
// FeatureSet and Meta strings, the quantization scale, the margin unit
// (both as float32 bits), the transition
// weights and the feature rows in increasing hash order (the hash as a
// delta from the previous one, then NumLabels weights), all integers as
// varints and weights as zigzag multiples of the scale.
const magic = "EGNER"

// Encode writes the model file: weights are rounded to multiples of
// max|w|/32767 and rows that round to all zeros are left out, so the model
// decoded from it differs from m by that rounding. It returns w's error.
func (m *Model) Encode(w io.Writer) error {
	maxAbs := float32(0)
	for _, x := range m.w {
		maxAbs = max(maxAbs, abs32(x))
	}
	for _, row := range m.trans {
		for _, x := range row {
			maxAbs = max(maxAbs, abs32(x))
		}
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	q := func(x float32) int64 { return int64(math.Round(float64(x / scale))) }
	hashes := make([]uint64, 0, m.features.n)
	for k, row := range m.features.rows {
		if row < 0 {
			continue
		}
		for _, x := range m.w[int(row)*NumLabels : (int(row)+1)*NumLabels] {
			if q(x) != 0 {
				hashes = append(hashes, m.features.keys[k])
				break
			}
		}
	}
	slices.Sort(hashes)

	var body bytes.Buffer
	var buf [binary.MaxVarintLen64]byte
	uvarint := func(x uint64) { body.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	varint := func(x int64) { body.Write(buf[:binary.PutVarint(buf[:], x)]) }
	str := func(s string) { uvarint(uint64(len(s))); body.WriteString(s) }
	str(FeatureSet)
	str(m.Meta)
	uvarint(uint64(math.Float32bits(scale)))
	uvarint(uint64(math.Float32bits(m.marginUnit)))
	for _, row := range m.trans {
		for _, x := range row {
			varint(q(x))
		}
	}
	uvarint(uint64(len(hashes)))
	prev := uint64(0)
	for _, h := range hashes {
		uvarint(h - prev)
		prev = h
		row := m.features.row(h)
		for _, x := range m.w[int(row)*NumLabels : (int(row)+1)*NumLabels] {
			varint(q(x))
		}
	}

	if _, err := io.WriteString(w, magic); err != nil {
		return err
	}
	if _, err := w.Write(buf[:binary.PutUvarint(buf[:], Version)]); err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := zw.Write(body.Bytes()); err != nil {
		return err
	}
	return zw.Close()
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

// Load decodes a model file written by Encode. It returns an error that
// says what is wrong when data is not a model file, has another format
// Version, or was trained for another FeatureSet.
func Load(data []byte) (*Model, error) {
	if !bytes.HasPrefix(data, []byte(magic)) {
		return nil, errors.New("ner: not a model file")
	}
	r := bytes.NewReader(data[len(magic):])
	v, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, fmt.Errorf("ner: model file: %w", err)
	}
	if v != Version {
		return nil, fmt.Errorf("ner: model file format %d, want %d: retrain with `go run ./extract/ner/train`", v, Version)
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner: model file: %w", err)
	}
	br := bufio.NewReader(zr)
	m, err := readBody(br)
	if err != nil {
		return nil, fmt.Errorf("ner: model file: %w", err)
	}
	return m, nil
}

func readBody(r *bufio.Reader) (*Model, error) {
	str := func() (string, error) {
		n, err := binary.ReadUvarint(r)
		if err != nil || n > 1<<20 {
			return "", errors.Join(errors.New("bad string"), err)
		}
		b := make([]byte, n)
		_, err = io.ReadFull(r, b)
		return string(b), err
	}
	fset, err := str()
	if err != nil {
		return nil, err
	}
	if fset != FeatureSet {
		return nil, fmt.Errorf("trained for features %q, this code computes %q: retrain with `go run ./extract/ner/train`", fset, FeatureSet)
	}
	m := &Model{}
	if m.Meta, err = str(); err != nil {
		return nil, err
	}
	bits, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	scale := math.Float32frombits(uint32(bits))
	if bits, err = binary.ReadUvarint(r); err != nil {
		return nil, err
	}
	if m.marginUnit = math.Float32frombits(uint32(bits)); !(m.marginUnit > 0) {
		return nil, errors.New("bad margin unit")
	}
	for a := range m.trans {
		for b := range m.trans[a] {
			x, err := binary.ReadVarint(r)
			if err != nil {
				return nil, err
			}
			m.trans[a][b] = float32(x) * scale
		}
	}
	n, err := binary.ReadUvarint(r)
	if err != nil || n > 1<<26 {
		return nil, errors.Join(errors.New("bad feature count"), err)
	}
	m.features = newFeatureTable(int(n))
	m.w = make([]float32, int(n)*NumLabels)
	h := uint64(0)
	for row := range int(n) {
		d, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		h += d
		m.features.add(h, int32(row))
		for l := range NumLabels {
			x, err := binary.ReadVarint(r)
			if err != nil {
				return nil, err
			}
			m.w[row*NumLabels+l] = float32(x) * scale
		}
	}
	if _, err := r.ReadByte(); err != io.EOF {
		return nil, errors.New("data after the last feature")
	}
	return m, nil
}

// Features returns how many features have weights.
func (m *Model) Features() int { return m.features.n }

// featureTable maps feature hashes to rows: an open-addressing hash table
// with linear probing, about half full. Built once and only read after,
// it is faster to fill and to query than a Go map, and Tag queries it for
// every feature of every token.
type featureTable struct {
	keys []uint64
	rows []int32 // -1 for an empty slot
	mask uint64
	n    int
}

func newFeatureTable(n int) featureTable {
	size := 16
	for size < 2*n {
		size *= 2
	}
	t := featureTable{keys: make([]uint64, size), rows: make([]int32, size), mask: uint64(size - 1)}
	for k := range t.rows {
		t.rows[k] = -1
	}
	return t
}

// slot is where the probe for hash h starts: its high bits folded onto its
// low ones, since FNV's low bits alone spread less well.
func (t *featureTable) slot(h uint64) uint64 { return (h ^ h>>29) & t.mask }

// add maps h to row; h must not be in the table yet.
func (t *featureTable) add(h uint64, row int32) {
	k := t.slot(h)
	for t.rows[k] >= 0 {
		k = (k + 1) & t.mask
	}
	t.keys[k], t.rows[k] = h, row
	t.n++
}

// row returns the row of h, or -1.
func (t *featureTable) row(h uint64) int32 {
	for k := t.slot(h); ; k = (k + 1) & t.mask {
		switch r := t.rows[k]; {
		case r < 0:
			return -1
		case t.keys[k] == h:
			return r
		}
	}
}

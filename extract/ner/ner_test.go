package ner

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestSpans(t *testing.T) {
	per, org := Begin(PER), Begin(ORG)
	for _, c := range []struct {
		labels []Label
		want   []Span
	}{
		{[]Label{O, per, Inside(PER), O}, []Span{{1, 3, PER}}},
		// Two names side by side: the second opens with a B- label.
		{[]Label{per, per, Inside(PER)}, []Span{{0, 1, PER}, {1, 3, PER}}},
		// An inside label that continues nothing opens a name (IOB1).
		{[]Label{Inside(ORG), Inside(ORG), O, Inside(PER)}, []Span{{0, 2, ORG}, {3, 4, PER}}},
		{[]Label{org, Inside(PER)}, []Span{{0, 1, ORG}, {1, 2, PER}}},
		{nil, nil},
	} {
		if got := Spans(c.labels); !slices.Equal(got, c.want) {
			t.Errorf("Spans(%v) = %v, want %v", c.labels, got, c.want)
		}
	}
}

// sentence builds tokens from words separated by spaces; a word in the
// classes map gets its class.
func sentence(s string, classes map[string]Class) []Token {
	var out []Token
	for _, w := range strings.Fields(s) {
		out = append(out, Token{Text: w, Class: classes[w]})
	}
	return out
}

// toyCorpus is a small corpus in which persons are a given name and a
// surname, and organizations end with "Corp" or "Institute".
func toyCorpus() []TrainDocument {
	given := map[string]Class{"Anna": GivenName, "Boris": GivenName, "Carla": GivenName, "Dmitri": GivenName,
		"Corp": OrgWord, "Institute": OrgWord, "said": CueWord}
	texts := []string{
		"Anna Kowalski said Zento Corp grew .",
		"Boris Lind joined the Halden Institute .",
		"The Malvo Institute hired Carla Reyes .",
		"Dmitri Okafor left Brightwater Corp yesterday .",
		"Shares of Quill Corp fell , Anna Lind said .",
		"It rained in the morning .",
	}
	var docs []TrainDocument
	for _, text := range texts {
		toks := sentence(text, given)
		allowed := make([]LabelSet, len(toks))
		for i, tok := range toks {
			l := O
			switch {
			case tok.Class&GivenName != 0:
				l = Begin(PER)
			case i > 0 && toks[i-1].Class&GivenName != 0:
				l = Inside(PER)
			case tok.Class&OrgWord != 0:
				l = Inside(ORG)
			case i+1 < len(toks) && toks[i+1].Class&OrgWord != 0 && tok.Text != "the" && tok.Text != "The":
				l = Begin(ORG)
			}
			allowed[i] = 1 << l
		}
		docs = append(docs, TrainDocument{Sents: [][]Token{toks}, Allowed: [][]LabelSet{allowed}})
	}
	return docs
}

func TestTrainLearnsNamesAndIsReproducible(t *testing.T) {
	opt := TrainOptions{Epochs: 8, Seed: 7, MinCount: 1, Meta: "toy"}
	var files [2][]byte
	var model *Model
	for k := range files {
		m, err := Train(toyCorpus(), opt)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := m.Encode(&buf); err != nil {
			t.Fatal(err)
		}
		files[k] = buf.Bytes()
		model = m
	}
	if !bytes.Equal(files[0], files[1]) {
		t.Fatal("two runs of Train with the same data and options wrote different model files")
	}
	loaded, err := Load(files[0])
	if err != nil {
		t.Fatalf("Load of what Encode wrote: %v", err)
	}
	if loaded.Meta != "toy" {
		t.Errorf("Meta %q, want toy", loaded.Meta)
	}
	// Names the corpus never showed, in the shapes it taught.
	classes := map[string]Class{"Carla": GivenName, "Corp": OrgWord, "said": CueWord}
	test := sentence("Carla Moreau said Tessel Corp grew .", classes)
	for name, m := range map[string]*Model{"trained": model, "loaded": loaded} {
		labels, margins := m.Tag([][]Token{test})
		want := []Span{{0, 2, PER}, {3, 5, ORG}}
		if got := Spans(labels[0]); !slices.Equal(got, want) {
			t.Errorf("%s model: names %v, want %v (labels %v)", name, got, want, labels[0])
		}
		for i, mg := range margins[0] {
			if !(mg > 0) {
				t.Errorf("%s model: token %d has margin %v; the best labelling's margins are positive", name, i, mg)
			}
		}
	}
}

func TestTrainRejectsMismatchedLabels(t *testing.T) {
	docs := toyCorpus()
	docs[0].Allowed[0] = docs[0].Allowed[0][:2]
	if _, err := Train(docs, TrainOptions{Epochs: 1}); err == nil {
		t.Error("Train accepted a sentence with fewer label sets than tokens")
	}
	docs = toyCorpus()
	docs[1].Allowed[0][0] = 0
	if _, err := Train(docs, TrainOptions{Epochs: 1}); err == nil {
		t.Error("Train accepted a token with no allowed label")
	}
}

// A corpus that leaves MISC out allows it where it says O: training then
// takes the best allowed labelling instead of counting MISC as wrong.
func TestTrainPartialLabels(t *testing.T) {
	docs := toyCorpus()
	misc := LabelSet(1<<Begin(MISC) | 1<<Inside(MISC))
	for _, d := range docs {
		for _, row := range d.Allowed {
			for i := range row {
				if row[i] == 1<<O {
					row[i] |= misc
				}
			}
		}
	}
	if _, err := Train(docs, TrainOptions{Epochs: 3, MinCount: 1}); err != nil {
		t.Fatal(err)
	}
}

func TestDecodeNeverContinuesAnotherKind(t *testing.T) {
	// Emissions that favour B-PER then I-ORG, which may not follow it: the
	// best valid sequence is B-ORG I-ORG (10 against 5 for B-PER O).
	emit := make([]float32, 2*NumLabels)
	emit[Begin(PER)] = 5
	emit[NumLabels+int(Inside(ORG))] = 10
	var trans [NumLabels + 1][NumLabels]float32
	out := make([]Label, 2)
	decode(emit, &trans, nil, out)
	for i := 1; i < len(out); i++ {
		if !follows(out[i-1], out[i]) {
			t.Fatalf("decode gave %v then %v", out[i-1], out[i])
		}
	}
	if out[0] != Begin(ORG) || out[1] != Inside(ORG) {
		t.Errorf("decode gave %v, want B-ORG I-ORG", out)
	}
}

func TestLoadRejectsBadFiles(t *testing.T) {
	m, err := Train(toyCorpus(), TrainOptions{Epochs: 2, MinCount: 1})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	for name, data := range map[string][]byte{
		"empty":     nil,
		"not ours":  []byte("PK\x03\x04 some zip file"),
		"truncated": good[:len(good)/2],
		"version":   append([]byte(magic+"\x07"), good[len(magic)+1:]...),
	} {
		if _, err := Load(data); err == nil {
			t.Errorf("%s: Load accepted it", name)
		}
	}
	// A model trained for other features is refused, with the command that
	// rebuilds it.
	saved := FeatureSet
	FeatureSet = "v0 something else"
	var other bytes.Buffer
	err = m.Encode(&other)
	FeatureSet = saved
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Load(other.Bytes()); err == nil || !strings.Contains(err.Error(), "go run ./extract/ner/train") {
		t.Errorf("Load of a model for other features: %v, want an error naming the trainer", err)
	}
}

func TestEmbeddedModelLoads(t *testing.T) {
	m, err := Embedded()
	if err != nil {
		t.Fatalf("the shipped model does not load: %v", err)
	}
	if m.Features() < 1000 || !strings.Contains(m.Meta, "corpora=") {
		t.Errorf("the shipped model has %d features and Meta %q", m.Features(), m.Meta)
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Embedded(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(embedded)), "bytes")
}

package corpus_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"testing"

	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/extract/ner"
	"github.com/entitygraph/entitygraph/extract/ner/corpus"
)

// data is the shared corpora, from this package's directory.
const data = "../../../../shared/data"

// The measuring stick stays out: no GUM news or interview document is among
// the GUM documents training reads, and every GUM document is found.
func TestGUMNewsIsNeverTrainedOn(t *testing.T) {
	f, err := os.Open(data + "/gum/news.gold.jsonl")
	if err != nil {
		t.Fatalf("GUM is missing (shared/data/gum): %v", err)
	}
	defer f.Close()
	news := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var d struct{ ID string }
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatal(err)
		}
		news[d.ID] = true
	}
	other, err := corpus.Read(data, corpus.GUMOther)
	if err != nil {
		t.Fatal(err)
	}
	if len(other) != 64 || len(news) != 43 {
		t.Fatalf("%d GUM other documents and %d news ones, want 64 and 43", len(other), len(news))
	}
	for _, d := range other {
		if news[d.ID] {
			t.Errorf("training would read the news document %s", d.ID)
		}
	}
	measured, err := corpus.Read(data, corpus.GUMNews)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range measured {
		if !news[d.ID] {
			t.Errorf("%s is read as news but is not in news.gold.jsonl", d.ID)
		}
	}
}

// The shipped model is what `go run ./extract/ner/train` writes from the
// shared corpora and the current tables, byte for byte (training takes
// about half a minute, most of it prose tagging the corpora).
func TestShippedModelIsReproducible(t *testing.T) {
	lex, err := extract.NewLexicon()
	if err != nil {
		t.Fatal(err)
	}
	hash, err := lex.Hash()
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := corpus.Train(context.Background(), data, lex, hash, corpus.DefaultOptions(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	shipped, err := os.ReadFile("../model.bin")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), shipped) {
		got, _ := ner.Load(shipped)
		meta := "unreadable"
		if got != nil {
			meta = got.Meta
		}
		t.Errorf("extract/ner/model.bin (%d bytes, %s) is not what the trainer writes now (%d bytes, %s): "+
			"after changing the tables, the features or the corpora, run `go run ./extract/ner/train` and commit the model",
			len(shipped), meta, buf.Len(), m.Meta)
	}
}

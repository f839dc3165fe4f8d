package corpus

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/extract/ner"
)

func TestDiag(t *testing.T) {
	lex, _ := extract.NewLexicon()
	b, _ := os.ReadFile("/tmp/ner/m.bin")
	m, err := ner.Load(b)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{UNERTest, GUMOther} {
		docs, _ := Read("../../../../shared/data", name)
		conf := map[string]int{}
		for i, d := range docs {
			if name == GUMOther && !HeldOut(i) {
				continue
			}
			sents, _ := lex.Annotate(context.Background(), d.Text, d.Words)
			pred, _ := m.Tag(sents)
			for s := range d.Labels {
				gs, ps := ner.Spans(d.Labels[s]), ner.Spans(pred[s])
				for _, g := range gs {
					if g.Kind != ner.ORG {
						continue
					}
					what := "missed"
					for _, p := range ps {
						if p.Start == g.Start && p.End == g.End {
							what = "type:" + p.Kind.String()
							if p.Kind == g.Kind {
								what = "ok"
							}
						} else if p.Start < g.End && g.Start < p.End && what == "missed" {
							what = "overlap:" + p.Kind.String()
						}
					}
					conf[what]++
					if what != "ok" && conf[what] < 15 {
						fmt.Printf("%s %s: %v\n", name, what, d.Words[s][g.Start:g.End])
					}
				}
			}
		}
		fmt.Println(name, conf)
	}
}

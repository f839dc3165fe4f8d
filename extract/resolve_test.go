package extract

import (
	"context"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// mentionsBeforeResolve returns text's document as resolve finds it: its
// tokens, the tagger's reading, its mentions and their bounds, and what
// resolve reads before names in capitals.
func mentionsBeforeResolve(tb testing.TB, text string) *document {
	tb.Helper()
	x := extractor(tb)
	toks, sents, err := analyze(context.Background(), x.model, text)
	if err != nil {
		tb.Fatal(err)
	}
	d := &document{t: x.tables, text: text, toks: toks, sents: sents, namer: x.namer}
	d.learned = x.tagNames(toks, sents)
	d.findMentions()
	d.boundMentions()
	d.typeDefined()
	d.placesDefined()
	return d
}

// capitalsFixpoint is what capitalsInLists computes, as it was first
// written: passes over every mention until none turns, one pass per name
// of a list whose only seed is at its far end.
func capitalsFixpoint(d *document) {
	for changed := true; changed; {
		changed = false
		for i := range d.ms {
			if d.capitalBesidePerson(i) {
				d.ms[i].kind, d.ms[i].learned = graph.KindPerson, ""
				changed = true
			}
		}
	}
}

// kinds returns each mention's text and kind.
func kinds(d *document) []string {
	var out []string
	for _, m := range d.ms {
		out = append(out, d.text[m.start:m.end]+"="+string(m.kind)+"/"+string(m.learned))
	}
	return out
}

// sameAsFixpoint checks that capitalsInLists leaves text's mentions as
// capitalsFixpoint does, and returns the document it read.
func sameAsFixpoint(t *testing.T, text string) *document {
	t.Helper()
	want := mentionsBeforeResolve(t, text)
	capitalsFixpoint(want)
	got := mentionsBeforeResolve(t, text)
	got.capitalsInLists()
	if g, w := kinds(got), kinds(want); !slices.Equal(g, w) {
		for i := range g {
			if g[i] != w[i] {
				t.Fatalf("mention %d of %.80q: %s; the fixpoint gives %s", i, text, g[i], w[i])
			}
		}
		t.Fatalf("%.80q: %d mentions; the fixpoint gives %d", text, len(g), len(w))
	}
	return got
}

func TestCapitalsListedAsTheFixpoint(t *testing.T) {
	// Lists mixing surnames, given names and acronyms in capitals, with
	// every separator the rule reads and some it does not.
	seps := []string{", ", " and ", ", and ", " of ", " ", "; "}
	items := []string{"JOHN", "MARY", "NASA", "ILPAP", "Smith", "the court"}
	r := rand.New(rand.NewPCG(1, 2))
	for n := range 40 {
		var b strings.Builder
		b.WriteString("The opinion, in which ")
		for i := range 5 + n {
			if i > 0 {
				b.WriteString(seps[r.IntN(len(seps))])
			}
			if r.IntN(4) == 0 {
				b.WriteString(items[r.IntN(len(items))])
			} else {
				b.WriteString(strings.ToUpper(word(r.IntN(5000))))
			}
		}
		b.WriteString(" joined.")
		sameAsFixpoint(t, b.String())
	}
}

func TestCapitalsListedInLinearTime(t *testing.T) {
	// 20,000 surnames in capitals whose only person is the given name at
	// the far end: once a pass over all mentions per name, 20,000 passes.
	// Each is a person, as the fixpoint would make it.
	var b strings.Builder
	b.WriteString("The opinion, in which ")
	const n = 20000
	for i := range n {
		// Made-up surnames no table holds ("CUBA" would end the list).
		b.WriteString("QZ" + strings.ToUpper(word(i)))
		b.WriteString(", ")
	}
	b.WriteString("and JOHN joined.")
	d := mentionsBeforeResolve(t, b.String())
	d.capitalsInLists()
	persons := 0
	for _, m := range d.ms {
		if strings.HasPrefix(m.name, "QZ") && m.kind == graph.KindPerson {
			persons++
		}
	}
	if persons != n {
		t.Errorf("%d of the %d surnames in capitals are persons", persons, n)
	}
	// The same shape, short enough for the fixpoint.
	sameAsFixpoint(t, "The opinion, in which "+strings.Repeat("QZABC, QZDEF, ", 30)+"and JOHN joined.")
}

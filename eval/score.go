package eval

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/entitygraph/entitygraph/evalformat"
	"github.com/entitygraph/entitygraph/graph"
)

// Counts are the true positives, false positives and false negatives of one
// category, summed over documents.
type Counts struct {
	TP, FP, FN int
}

// Add returns the sum of c and o.
func (c Counts) Add(o Counts) Counts {
	return Counts{TP: c.TP + o.TP, FP: c.FP + o.FP, FN: c.FN + o.FN}
}

// Precision is TP / (TP+FP), and 0 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP / (TP+FN), and 0 when the gold has nothing.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall, and 0 when both are 0.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// MarshalJSON writes the counts with their precision, recall and F1, rounded
// to four decimals, so that machines need not recompute them.
func (c Counts) MarshalJSON() ([]byte, error) {
	round := func(f float64) float64 { return math.Round(f*1e4) / 1e4 }
	return json.Marshal(struct {
		TP        int     `json:"tp"`
		FP        int     `json:"fp"`
		FN        int     `json:"fn"`
		Precision float64 `json:"precision"`
		Recall    float64 `json:"recall"`
		F1        float64 `json:"f1"`
	}{c.TP, c.FP, c.FN, round(c.Precision()), round(c.Recall()), round(c.F1())})
}

// DocumentErrors are what one document got wrong: gold items the prediction
// missed (false negatives) and predicted items the gold lacks (false
// positives).
type DocumentErrors struct {
	ID     string `json:"id"`
	Misses []Item `json:"misses,omitempty"`
	Extras []Item `json:"extras,omitempty"`
}

// Item is one missed or extra item: its category ("entity", "speaker",
// "stated", "reported_by", or an entity type at mention level) and a
// readable value ("PERSON Kyrylo Budanov", "Kyrylo Budanov → Russia").
type Item struct {
	Category string `json:"category"`
	Value    string `json:"value"`
}

// Report is the document-level score of a gold set.
type Report struct {
	Documents int `json:"documents"`
	// Unpredicted lists gold documents the extractor gave nothing for
	// (it failed on them); all their gold items count as misses.
	Unpredicted []string `json:"unpredicted,omitempty"`
	Entities    Counts   `json:"entities"`
	// EntityTypes holds the entity counts of each type in Types.
	EntityTypes map[string]Counts `json:"entity_types"`
	Speakers    Counts            `json:"speakers"`
	Stated      Counts            `json:"stated"`
	ReportedBy  Counts            `json:"reported_by"`
	// Errors lists, for each document with any, its misses and extras, in
	// gold order.
	Errors []DocumentErrors `json:"errors,omitempty"`
}

// Score compares predictions with the gold, document by document, by the
// rules of eval-format.md. Predictions for documents the gold lacks are
// ignored; a gold document without a prediction scores as one where
// nothing was found.
//
// Names are compared after fold. A name (predicted or gold: speakers,
// abouts and outlets as well as entity names) that equals the name or an
// alias of a gold entity of the document stands for that entity; when it is
// the alias of several, an entity of the predicted type (for entities) or
// the first in gold order wins. Sets collapse duplicates, so two predicted
// entities that both resolve to the same gold entity count once. A stated
// pair whose speaker and about resolve to the same entity is dropped on
// both sides.
func Score(gold []Gold, predicted map[string]evalformat.Output) Report {
	rep := Report{EntityTypes: map[string]Counts{}}
	for _, g := range gold {
		rep.Documents++
		p, ok := predicted[g.ID]
		if !ok {
			rep.Unpredicted = append(rep.Unpredicted, g.ID)
		}
		res := newResolver(g.Entities)
		de := DocumentErrors{ID: g.ID}

		gEnt, pEnt := set{}, set{}
		for _, e := range g.Entities {
			gEnt.add(e.Type+" "+res.key(e.Name, e.Type), e.Type+" "+e.Name)
		}
		for _, e := range p.Entities {
			t := strings.ToUpper(e.Type)
			pEnt.add(t+" "+res.key(e.Name, t), t+" "+e.Name)
		}
		rep.Entities = rep.Entities.Add(compare(gEnt, pEnt, "entity", &de))
		for _, t := range Types {
			rep.EntityTypes[t] = rep.EntityTypes[t].Add(compare(gEnt.ofType(t), pEnt.ofType(t), "", nil))
		}

		gSp, pSp := set{}, set{}
		gSt, pSt := set{}, set{}
		gRe, pRe := set{}, set{}
		for _, s := range g.Speakers {
			gSp.add(res.key(s, ""), s)
		}
		for _, s := range g.Stated {
			res.addPair(gSt, s.Speaker, s.About, true)
		}
		for _, s := range g.ReportedBy {
			res.addPair(gRe, s.Speaker, s.Outlet, false)
		}
		for _, s := range p.Statements {
			pSp.add(res.key(s.Speaker, ""), s.Speaker)
			for _, a := range s.About {
				res.addPair(pSt, s.Speaker, a, true)
			}
			for _, o := range s.ReportedBy {
				res.addPair(pRe, s.Speaker, o, false)
			}
		}
		// A key the gold line leaves out was not annotated: nothing of it
		// is scored, not even the predictions (eval-format.md).
		if g.Speakers != nil {
			rep.Speakers = rep.Speakers.Add(compare(gSp, pSp, "speaker", &de))
		}
		if g.Stated != nil {
			rep.Stated = rep.Stated.Add(compare(gSt, pSt, "stated", &de))
		}
		if g.ReportedBy != nil {
			rep.ReportedBy = rep.ReportedBy.Add(compare(gRe, pRe, "reported_by", &de))
		}
		if len(de.Misses)+len(de.Extras) > 0 {
			rep.Errors = append(rep.Errors, de)
		}
	}
	return rep
}

// set maps a folded key to a readable value.
type set map[string]string

func (s set) add(key, value string) {
	if _, ok := s[key]; !ok {
		s[key] = value
	}
}

// ofType returns the entries of an entity set whose key starts with type t.
func (s set) ofType(t string) set {
	out := set{}
	for k, v := range s {
		if strings.HasPrefix(k, t+" ") {
			out[k] = v
		}
	}
	return out
}

// compare counts gold against predicted and, when de is not nil, records
// the misses and extras under category, sorted by value.
func compare(gold, pred set, category string, de *DocumentErrors) Counts {
	var c Counts
	var misses, extras []Item
	for k, v := range gold {
		if _, ok := pred[k]; ok {
			c.TP++
		} else {
			c.FN++
			misses = append(misses, Item{category, v})
		}
	}
	for k, v := range pred {
		if _, ok := gold[k]; !ok {
			c.FP++
			extras = append(extras, Item{category, v})
		}
	}
	if de != nil {
		byValue := func(a, b Item) int { return cmp.Compare(a.Value, b.Value) }
		slices.SortFunc(misses, byValue)
		slices.SortFunc(extras, byValue)
		de.Misses = append(de.Misses, misses...)
		de.Extras = append(de.Extras, extras...)
	}
	return c
}

// resolver maps names to the folded canonical names of one gold document's
// entities.
type resolver struct {
	// names maps a folded gold name to the entities with that name;
	// aliases a folded alias to the entities that have it.
	names, aliases map[string][]GoldEntity
}

func newResolver(entities []GoldEntity) resolver {
	r := resolver{names: map[string][]GoldEntity{}, aliases: map[string][]GoldEntity{}}
	for _, e := range entities {
		k := fold(e.Name)
		r.names[k] = append(r.names[k], e)
		for _, a := range e.Aliases {
			if ka := fold(a); ka != "" {
				r.aliases[ka] = append(r.aliases[ka], e)
			}
		}
	}
	return r
}

// key returns the folded canonical name that name stands for: a gold
// entity's own name before an alias, an entity of type typ (if not empty)
// before others, else the first in gold order; name itself, folded, when no
// gold entity has it.
func (r resolver) key(name, typ string) string {
	k := fold(name)
	if _, ok := r.names[k]; ok {
		return k
	}
	cands := r.aliases[k]
	if len(cands) == 0 {
		return k
	}
	for _, e := range cands {
		if e.Type == typ {
			return fold(e.Name)
		}
	}
	return fold(cands[0].Name)
}

// addPair adds the pair (a, b) to s; dropSelf drops it when both resolve to
// the same entity (a stated pair about its own speaker).
func (r resolver) addPair(s set, a, b string, dropSelf bool) {
	ka, kb := r.key(a, ""), r.key(b, "")
	if dropSelf && ka == kb {
		return
	}
	s.add(ka+"\x00"+kb, a+" → "+b)
}

// fold is the form in which names are compared: case, accents, punctuation,
// spaces, a possessive 's and a leading "the" do not count, so "the
// Kremlin's", "Kremlin", "U.S." and "US", "Kim Jong-un" and "Kim Jong Un"
// match. graph.Slug does the case, accent and possessive folding; joining
// its words without separators also makes "U.S." (slug "u-s") equal "US".
func fold(name string) string {
	words := strings.Split(graph.Slug(name), "-")
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	return strings.Join(words, "")
}

// WriteText writes the report as a table of counts and scores, followed by
// the misses and extras of each document when the report holds them. It
// returns the first write error.
func (r Report) WriteText(w io.Writer) error {
	rows := []row{{"entities", r.Entities}}
	for _, t := range Types {
		rows = append(rows, row{"  " + t, r.EntityTypes[t]})
	}
	rows = append(rows, row{"speakers", r.Speakers}, row{"stated", r.Stated}, row{"reported_by", r.ReportedBy})
	head := fmt.Sprintf("gold documents: %d", r.Documents)
	if n := len(r.Unpredicted); n > 0 {
		head += fmt.Sprintf(" (without a prediction: %s)", strings.Join(r.Unpredicted, ", "))
	}
	return writeReport(w, head, rows, r.Errors)
}

type row struct {
	name string
	c    Counts
}

func writeReport(w io.Writer, head string, rows []row, errs []DocumentErrors) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "%s\n\n", head)
	// Numbers align right; names are padded to one width so that they
	// stay aligned left.
	width := 0
	for _, r := range rows {
		width = max(width, len(r.name))
	}
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "%-*s\tgold\tpredicted\tTP\tFP\tFN\tprecision\trecall\tF1\t\n", width, "")
	for _, r := range rows {
		c := r.c
		fmt.Fprintf(tw, "%-*s\t%d\t%d\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n", width, r.name, c.TP+c.FN, c.TP+c.FP, c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
	}
	tw.Flush()
	for _, de := range errs {
		fmt.Fprintf(ew, "\n%s\n", de.ID)
		for _, it := range de.Misses {
			fmt.Fprintf(ew, "  missed  %-12s %s\n", it.Category, it.Value)
		}
		for _, it := range de.Extras {
			fmt.Fprintf(ew, "  extra   %-12s %s\n", it.Category, it.Value)
		}
	}
	return ew.err
}

// errWriter keeps the first write error so that a report is written with
// plain Fprintf calls and checked once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

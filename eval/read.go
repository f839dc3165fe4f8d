// Package eval measures extraction quality against hand-annotated data.
//
// Document level (shared/eval-format.md, "Scoring"): each gold document's
// entities, speakers, stated pairs and reported_by pairs are compared as sets
// with what the extractor gave for the same document; true positives, false
// positives and false negatives are summed over all documents (micro
// average). See Score.
//
// Mention level (ScoreSpans): exact spans and types on CoNLL-format corpora
// such as shared/data/ner (see ReadCoNLL).
//
// Predictions are in the extraction output shape of eval-format.md
// (package evalformat), not Go types of package extract, so it scores any
// extractor that writes that shape, including a saved `entitygraph extract`
// run.
package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/evalformat"
	"github.com/entitygraph/entitygraph/graph"
)

// Types lists the entity types in report order.
var Types = []string{evalformat.Person, evalformat.Organization, evalformat.Country}

// Gold is one line of a gold file: an input document and its annotations.
type Gold struct {
	ID       string       `json:"id"`
	Title    string       `json:"title,omitempty"`
	Date     string       `json:"date,omitempty"`
	Source   string       `json:"source,omitempty"`
	URL      string       `json:"url,omitempty"`
	Text     string       `json:"text"`
	Entities []GoldEntity `json:"entities"`
	// Speakers, Stated and ReportedBy are nil when the line leaves their
	// key out (not annotated, not scored) and empty when it says "none".
	Speakers   []string   `json:"speakers"`
	Stated     []Stated   `json:"stated"`
	ReportedBy []Reported `json:"reported_by"`
	// Line is the line of the gold file this document came from.
	Line int `json:"-"`
}

// Document returns the input document of a gold line.
func (g Gold) Document() graph.Document {
	return graph.Document{ID: g.ID, Title: g.Title, Date: g.Date, Source: g.Source, URL: g.URL, Text: g.Text}
}

// GoldEntity is one entity a gold document names: its canonical name and the
// other forms (aliases) under which a prediction may also name it.
type GoldEntity struct {
	Type    string   `json:"type"`
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
}

// Stated is a gold (speaker, about) pair.
type Stated struct {
	Speaker string `json:"speaker"`
	About   string `json:"about"`
}

// Reported is a gold (speaker, outlet) pair.
type Reported struct {
	Speaker string `json:"speaker"`
	Outlet  string `json:"outlet"`
}

// ReadGold reads a gold JSONL file. A line that is not a valid gold document
// (not JSON, no id or text, an unknown entity type, an empty name, an id
// seen before) is left out and reported as an Invalid *graph.Error that
// names its line; reading goes on with the next line. A read error of r
// ends reading and is the last error returned.
func ReadGold(r io.Reader) ([]Gold, []error) {
	var (
		docs []Gold
		errs []error
		seen = map[string]int{}
	)
	err := eachLine(r, func(n int, line []byte) {
		g, err := parseGold(line)
		if err == nil {
			if first, dup := seen[g.ID]; dup {
				err = fmt.Errorf("id %q was already used on line %d", g.ID, first)
			}
		}
		if err != nil {
			errs = append(errs, graph.Errorf(graph.Invalid, "eval.ReadGold", "line %d: %v", n, err))
			return
		}
		g.Line = n
		seen[g.ID] = n
		docs = append(docs, g)
	})
	if err != nil {
		errs = append(errs, graph.Wrap(graph.Internal, "eval.ReadGold", "cannot read the gold file", err))
	}
	return docs, errs
}

func parseGold(line []byte) (Gold, error) {
	var g Gold
	if err := json.Unmarshal(line, &g); err != nil {
		return g, fmt.Errorf("not a JSON object: %v", err)
	}
	if g.ID == "" {
		return g, fmt.Errorf(`no "id"`)
	}
	if g.Text == "" {
		return g, fmt.Errorf(`document %q has no "text"`, g.ID)
	}
	for i, e := range g.Entities {
		if !validType(e.Type) {
			return g, fmt.Errorf("entity %d (%q): type %q is not one of %s", i+1, e.Name, e.Type, strings.Join(Types, ", "))
		}
		if fold(e.Name) == "" {
			return g, fmt.Errorf("entity %d has no name", i+1)
		}
	}
	for i, s := range g.Speakers {
		if fold(s) == "" {
			return g, fmt.Errorf("speaker %d is empty", i+1)
		}
	}
	for i, s := range g.Stated {
		if fold(s.Speaker) == "" || fold(s.About) == "" {
			return g, fmt.Errorf("stated pair %d needs a speaker and an about", i+1)
		}
	}
	for i, s := range g.ReportedBy {
		if fold(s.Speaker) == "" || fold(s.Outlet) == "" {
			return g, fmt.Errorf("reported_by pair %d needs a speaker and an outlet", i+1)
		}
	}
	return g, nil
}

func validType(t string) bool {
	for _, v := range Types {
		if t == v {
			return true
		}
	}
	return false
}

// ReadPredictions reads extraction output JSONL (one line per document) into
// a map by document id. A line that is not a JSON object with an id is left
// out and reported as an Invalid *graph.Error naming its line; a read error
// of r ends reading and is the last error returned.
func ReadPredictions(r io.Reader) (map[string]evalformat.Output, []error) {
	preds := map[string]evalformat.Output{}
	var errs []error
	err := eachLine(r, func(n int, line []byte) {
		p, err := evalformat.Decode(line)
		if err != nil {
			errs = append(errs, graph.Errorf(graph.Invalid, "eval.ReadPredictions", "line %d: %v", n, graph.ErrorMessage(err)))
			return
		}
		preds[p.ID] = p
	})
	if err != nil {
		errs = append(errs, graph.Wrap(graph.Internal, "eval.ReadPredictions", "cannot read the predictions", err))
	}
	return preds, errs
}

// eachLine calls fn with every non-blank line of r and its 1-based number.
// Lines may be of any length: a gold document is as long as its text.
func eachLine(r io.Reader, fn func(n int, line []byte)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if line = bytes.TrimSpace(line); len(line) > 0 {
			fn(n, line)
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// GoldFromExtraction returns the gold line that x is, taken as right: its
// document, its entities by type and name with their aliases, its
// speakers, and its stated and reported_by pairs (an unattributed
// statement gives none, nor does a statement about its own speaker). It is
// how a team's corrected documents become a gold file
// (`entitygraph corrections gold`).
func GoldFromExtraction(x *graph.Extraction) Gold {
	d := x.Document
	g := Gold{ID: d.ID, Title: d.Title, Date: d.Date, Source: d.Source, URL: d.URL, Text: d.Text,
		Entities: []GoldEntity{}, Speakers: []string{}, Stated: []Stated{}, ReportedBy: []Reported{}}
	for _, e := range x.Entities {
		g.Entities = append(g.Entities, GoldEntity{Type: strings.ToUpper(string(e.Kind)), Name: e.Name, Aliases: e.Aliases})
	}
	for _, st := range x.Statements {
		sp := st.Speaker.Name
		if st.Speaker.ID == "" {
			continue
		}
		if !slices.Contains(g.Speakers, sp) {
			g.Speakers = append(g.Speakers, sp)
		}
		for _, a := range st.About {
			if p := (Stated{sp, a.Name}); a.ID != st.Speaker.ID && !slices.Contains(g.Stated, p) {
				g.Stated = append(g.Stated, p)
			}
		}
		for _, o := range st.ReportedBy {
			if p := (Reported{sp, o.Name}); !slices.Contains(g.ReportedBy, p) {
				g.ReportedBy = append(g.ReportedBy, p)
			}
		}
	}
	return g
}

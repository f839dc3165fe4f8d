// Package evalformat is the one definition of the extraction output shape of
// shared/eval-format.md: what `entitygraph extract --format jsonl` prints,
// one line per document, and what `entitygraph eval` scores. Package
// extract's results are written in it (FromExtraction) and package eval
// reads it (Decode), so the two cannot drift apart; it depends only on the
// domain types of package graph.
package evalformat

import (
	"encoding/json"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// Entity types of the output (and gold) format.
const (
	Person       = "PERSON"
	Organization = "ORGANIZATION"
	Country      = "COUNTRY"
)

// Output is one line of extraction output: a document's entities by type
// and canonical name with their mentions, and its statements by speaker
// name.
type Output struct {
	ID         string      `json:"id"`
	Entities   []Entity    `json:"entities"`
	Statements []Statement `json:"statements"`
}

// Entity is an entity of Output; Type is Person, Organization or Country.
type Entity struct {
	Type     string          `json:"type"`
	Name     string          `json:"name"`
	Mentions []graph.Mention `json:"mentions"`
}

// Statement is a statement of Output, naming entities by their canonical
// names; Start and End are byte offsets of its text, end exclusive.
type Statement struct {
	Speaker    string   `json:"speaker"`
	About      []string `json:"about"`
	ReportedBy []string `json:"reported_by"`
	Cue        string   `json:"cue"`
	Text       string   `json:"text"`
	Start      int      `json:"start"`
	End        int      `json:"end"`
}

// FromExtraction returns the output shape of x. Lists are never nil, so
// they encode as [] rather than null.
func FromExtraction(x *graph.Extraction) Output {
	out := Output{ID: x.Document.ID, Entities: []Entity{}, Statements: []Statement{}}
	for _, e := range x.Entities {
		mentions := e.Mentions
		if mentions == nil {
			mentions = []graph.Mention{}
		}
		out.Entities = append(out.Entities, Entity{Type: strings.ToUpper(string(e.Kind)), Name: e.Name, Mentions: mentions})
	}
	for _, s := range x.Statements {
		out.Statements = append(out.Statements, Statement{
			Speaker:    s.Speaker.Name,
			About:      names(s.About),
			ReportedBy: names(s.ReportedBy),
			Cue:        s.Cue,
			Text:       s.Text,
			Start:      s.Start,
			End:        s.End,
		})
	}
	return out
}

func names(refs []graph.EntityRef) []string {
	out := make([]string, 0, len(refs))
	for _, r := range refs {
		out = append(out, r.Name)
	}
	return out
}

// Decode decodes one output object, as another extractor may have written
// it. It returns an Invalid *graph.Error when data is not a JSON object
// with an "id".
func Decode(data []byte) (Output, error) {
	var o Output
	if err := json.Unmarshal(data, &o); err != nil {
		return o, graph.Errorf(graph.Invalid, "evalformat.Decode", "not a JSON object: %v", err)
	}
	if o.ID == "" {
		return o, graph.Errorf(graph.Invalid, "evalformat.Decode", `no "id"`)
	}
	return o, nil
}

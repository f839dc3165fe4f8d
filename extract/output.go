package extract

import (
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// Output is one line of `entitygraph extract --format jsonl`, in the shape
// of shared/eval-format.md: entities by type and canonical name with their
// mentions, and statements by speaker name.
type Output struct {
	ID         string            `json:"id"`
	Entities   []OutputEntity    `json:"entities"`
	Statements []OutputStatement `json:"statements"`
}

// OutputEntity is an entity of Output; Type is PERSON, ORGANIZATION or
// COUNTRY.
type OutputEntity struct {
	Type     string          `json:"type"`
	Name     string          `json:"name"`
	Mentions []graph.Mention `json:"mentions"`
}

// OutputStatement is a statement of Output, naming entities by their
// canonical names.
type OutputStatement struct {
	Speaker    string   `json:"speaker"`
	About      []string `json:"about"`
	ReportedBy []string `json:"reported_by"`
	Cue        string   `json:"cue"`
	Text       string   `json:"text"`
	Start      int      `json:"start"`
	End        int      `json:"end"`
}

// NewOutput returns the evaluation shape of x. Lists are never nil, so
// they encode as [] rather than null.
func NewOutput(x *graph.Extraction) Output {
	out := Output{ID: x.Document.ID, Entities: []OutputEntity{}, Statements: []OutputStatement{}}
	for _, e := range x.Entities {
		mentions := e.Mentions
		if mentions == nil {
			mentions = []graph.Mention{}
		}
		out.Entities = append(out.Entities, OutputEntity{Type: strings.ToUpper(string(e.Kind)), Name: e.Name, Mentions: mentions})
	}
	for _, s := range x.Statements {
		out.Statements = append(out.Statements, OutputStatement{
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

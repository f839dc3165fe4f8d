package neo4j

import (
	"github.com/entitygraph/entitygraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The driver returns properties as any: strings, int64, []any, maps, and
// nil for a missing property. These helpers read them leniently, because
// a property that is missing is a zero value in the API, not an error.

func str(v any) string {
	s, _ := v.(string)
	return s
}

func integer(v any) int {
	n, _ := v.(int64)
	return int(n)
}

func strs(v any) []string {
	l := list(v)
	out := make([]string, 0, len(l))
	for _, x := range l {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func ints(v any) []int {
	l := list(v)
	out := make([]int, 0, len(l))
	for _, x := range l {
		out = append(out, integer(x))
	}
	return out
}

func list(v any) []any {
	l, _ := v.([]any)
	return l
}

func props(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func entityFrom(v any) graph.Entity {
	m := props(v)
	return graph.Entity{
		ID: str(m["id"]), Kind: graph.Kind(str(m["kind"])), Name: str(m["name"]),
		Aliases: strs(m["aliases"]), Mentions: integer(m["mentions"]), Documents: integer(m["documents"]),
		FirstSeen: str(m["first_seen"]), LastSeen: str(m["last_seen"]),
	}
}

func refFrom(v any) graph.EntityRef {
	m := props(v)
	return graph.EntityRef{ID: str(m["id"]), Kind: graph.Kind(str(m["kind"])), Name: str(m["name"])}
}

func refsFrom(v any) []graph.EntityRef {
	l := list(v)
	out := make([]graph.EntityRef, 0, len(l))
	for _, x := range l {
		out = append(out, refFrom(x))
	}
	return out
}

func documentFrom(v any) graph.Document {
	m := props(v)
	return graph.Document{
		ID: str(m["id"]), Title: str(m["title"]), Date: str(m["date"]), Source: str(m["source"]),
		URL: str(m["url"]), Text: str(m["text"]), Bytes: integer(m["bytes"]), Statements: integer(m["statements"]),
		CopyCount: integer(m["copies"]),
	}
}

// statementFrom reads a row of statementTail.
func statementFrom(r *neo4j.Record) graph.Statement {
	m := props(r.Values[0])
	d := props(r.Values[4])
	return graph.Statement{
		ID: str(m["id"]), DocumentID: str(m["document_id"]),
		Speaker: refFrom(r.Values[1]), About: refsFrom(r.Values[2]), ReportedBy: refsFrom(r.Values[3]),
		Text: str(m["text"]), Quote: str(m["quote"]), Cue: str(m["cue"]), Date: str(m["date"]),
		Start: integer(m["start"]), End: integer(m["end"]),
		Document: &graph.DocumentRef{
			ID: str(d["id"]), Title: str(d["title"]), Date: str(d["date"]), Source: str(d["source"]), URL: str(d["url"]),
		},
	}
}

package api

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// TestSubgraphJSONIsEncodingJSON holds the neighborhood's hand-written
// encoding to encoding/json's, byte for byte, over subgraphs with every
// optional field set and unset and strings of every byte, HTML, control
// characters, invalid UTF-8 and U+2028/U+2029; and to the fields the
// types have, so that a field added to Node, Edge or Subgraph fails here
// until appendSubgraphJSON writes it.
func TestSubgraphJSONIsEncodingJSON(t *testing.T) {
	for typ, fields := range map[reflect.Type][]string{
		reflect.TypeFor[graph.Subgraph](): {"nodes", "edges", "truncated", "omitted,omitempty"},
		reflect.TypeFor[graph.Node]():     {"id", "kind", "name", "mentions,omitempty", "date,omitempty", "reports,omitempty", "omitted,omitempty"},
		reflect.TypeFor[graph.Edge]():     {"id", "type", "source", "target", "statements,omitempty", "count", "first,omitempty", "last,omitempty", "role,omitempty"},
	} {
		var tags []string
		for f := range typ.Fields() {
			tags = append(tags, f.Tag.Get("json"))
		}
		if !slices.Equal(tags, fields) {
			t.Errorf("%s has the fields %q; appendSubgraphJSON writes %q: make it write the new ones", typ, tags, fields)
		}
	}

	rng := rand.New(rand.NewPCG(1, 2))
	odd := []string{"", "plain", `quote " and \ backslash`, "<b>&amp;</b>", "tab\tnew\nline\rcr\bbs\fff\x00\x01\x1f\x7f",
		"Côte d’Ivoire", "\u2028\u2029", "bad \xff\xfe utf-8 \xe2\x82", "emoji 🙂 and \U0010ffff"}
	every := make([]byte, 256)
	for i := range every {
		every[i] = byte(i)
	}
	odd = append(odd, string(every))
	str := func() string {
		if rng.IntN(3) == 0 {
			return ""
		}
		return odd[rng.IntN(len(odd))] + strings.Repeat("x", rng.IntN(3))
	}
	num := func() int { return []int{0, 0, 1, 42, -3, 1 << 40}[rng.IntN(6)] }
	for round := range 300 {
		var sg graph.Subgraph
		if round%5 != 0 { // a fifth keep nil lists, which encode as []
			sg.Nodes, sg.Edges = []graph.Node{}, []graph.Edge{}
		}
		for range rng.IntN(4) {
			sg.Nodes = append(sg.Nodes, graph.Node{ID: str(), Kind: graph.Kind(str()), Name: str(), Mentions: num(), Date: str(), Reports: num(), Omitted: num()})
		}
		for range rng.IntN(4) {
			e := graph.Edge{ID: str(), Type: graph.RelType(str()), Source: str(), Target: str(), Count: num(), First: str(), Last: str(), Role: str()}
			switch rng.IntN(3) {
			case 1:
				e.Statements = []string{}
			case 2:
				e.Statements = []string{str(), str()}
			}
			sg.Edges = append(sg.Edges, e)
		}
		sg.Truncated = rng.IntN(2) == 0
		sg.Omitted = num()
		want, err := json.Marshal(subgraphJSON(sg))
		if err != nil {
			t.Fatal(err)
		}
		if got := appendSubgraphJSON(nil, sg); !bytes.Equal(got, want) {
			t.Fatalf("round %d:\n got %s\nwant %s", round, got, want)
		}
	}
}

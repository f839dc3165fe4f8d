package graph_test

import (
	"reflect"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// TestApplyMergeWithinOneDocument: two entities of one document merged
// become one, with both mentions, the merged name as an alias, no relation
// to itself, and a statement about its own speaker keeps its about list
// (the link layer drops the self link).
func TestApplyMergeWithinOneDocument(t *testing.T) {
	welt, wams := graph.EntityID(graph.KindOrganization, "Welt"), graph.EntityID(graph.KindOrganization, "Welt am Sonntag")
	x := &graph.Extraction{
		Document: graph.Document{ID: "d"},
		Entities: []graph.DocumentEntity{
			{ID: welt, Kind: graph.KindOrganization, Name: "Welt", Mentions: []graph.Mention{{Start: 0, End: 4, Text: "Welt"}}},
			{ID: wams, Kind: graph.KindOrganization, Name: "Welt am Sonntag", Mentions: []graph.Mention{{Start: 10, End: 25, Text: "Welt am Sonntag"}}},
		},
		Relations: []graph.Relation{{Type: graph.RelPartOf, Source: welt, Target: wams}},
	}
	cur, err := graph.NewCuration([]graph.Correction{{ID: "c1", Kind: graph.CorrectMerge, Target: welt,
		After: &graph.EntityRef{ID: wams, Kind: graph.KindOrganization, Name: "Welt am Sonntag"}}})
	if err != nil {
		t.Fatal(err)
	}
	got := cur.Apply(x)
	want := []graph.DocumentEntity{{ID: wams, Kind: graph.KindOrganization, Name: "Welt am Sonntag", Aliases: []string{"Welt"},
		Mentions: []graph.Mention{{Start: 0, End: 4, Text: "Welt"}, {Start: 10, End: 25, Text: "Welt am Sonntag"}}}}
	if !reflect.DeepEqual(got.Entities, want) || len(got.Relations) != 0 {
		t.Errorf("Apply:\n got %+v %+v\nwant %+v and no relation", got.Entities, got.Relations, want)
	}
	if len(x.Entities) != 2 {
		t.Errorf("Apply changed its input")
	}
	entities, docs := (*graph.Curation)(nil).Changed(cur)
	if !reflect.DeepEqual(entities, []string{welt}) || docs != nil {
		t.Errorf("Changed = %v, %v; want only %s", entities, docs, welt)
	}
}

// TestCurationCycle: a chain of merges cannot be closed into a cycle, and
// undoing a merge that a later one needs is refused.
func TestCurationCycle(t *testing.T) {
	a, b, c := "person:a", "person:b", "person:c"
	merge := func(id, from, into string) graph.Correction {
		return graph.Correction{ID: id, Kind: graph.CorrectMerge, Target: from, After: &graph.EntityRef{ID: into}}
	}
	cur, err := graph.NewCuration([]graph.Correction{merge("1", a, b), merge("2", b, c)})
	if err != nil {
		t.Fatal(err)
	}
	if to, _ := cur.Resolve(a); to != c {
		t.Errorf("Resolve(a) = %s, want c", to)
	}
	if _, err := cur.With(merge("3", c, a)); graph.ErrorCode(err) != graph.Conflict {
		t.Errorf("closing a cycle: %v, want a conflict", err)
	}
	if _, err := cur.Without("1"); err != nil {
		t.Errorf("undoing the first merge: %v", err)
	}
}

package neo4j_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/neo4j"
	"github.com/entitygraph/entitygraph/graph/neo4j/neo4jtest"
	"github.com/entitygraph/entitygraph/graph/storetest"
	"github.com/entitygraph/entitygraph/ingest"
)

// TestKeptNeighborLists: the lists of neighbors kept on each entity
// (near_ids) answer as the indexes do, after writes that add to links,
// rewrites that take from them (a kept neighbor dropping out of a full
// list), and a migration that builds them for a database without.
func TestKeptNeighborLists(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.Open(t)
	cfg := neo4jtest.Config(t)
	docs := neo4jtest.DemoExtractions(300)
	write := func(xs []*graph.Extraction) {
		t.Helper()
		for start := 0; start < len(xs); start += ingest.DefaultBatchSize {
			if _, err := s.WriteExtractions(ctx, xs[start:min(start+ingest.DefaultBatchSize, len(xs))]); err != nil {
				t.Fatal(err)
			}
		}
	}
	write(docs)
	if full := checkKeptLists(t, s, cfg); full == 0 {
		t.Fatal("no entity has a full list: the test does not reach the rereads")
	}
	// Each of the first 100 documents loses its last two statements,
	// then a document at a time gets them back.
	var cut []*graph.Extraction
	for _, x := range docs[:100] {
		y := *x
		y.Statements = y.Statements[:2]
		cut = append(cut, &y)
	}
	write(cut)
	checkKeptLists(t, s, cfg)
	storetest.Write(t, s, docs[:100]...)
	checkKeptLists(t, s, cfg)

	want := checkKeptLists(t, s, cfg)
	for _, q := range []string{`MATCH (e:Entity) REMOVE e.near_ids, e.near_weights`, `MATCH (c:Counters) REMOVE c.near_lists`} {
		cypher(t, cfg, q)
	}
	old, err := neo4j.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	if got := checkKeptLists(t, old, cfg); got != want {
		t.Errorf("after migrating: %d full lists, want %d", got, want)
	}
	if v := cypher(t, cfg, `MATCH (c:Counters) RETURN c.near_lists`); len(v) != 1 || v[0][0] != int64(1) {
		t.Errorf("Counters.near_lists = %v, want 1", v)
	}
}

// checkKeptLists checks that every entity's 32 heaviest neighbors read
// from its kept list (no filter) are those read from the indexes (a
// filter naming every kind), and returns how many lists are full.
func checkKeptLists(t *testing.T, s graph.Store, cfg neo4j.Config) int {
	t.Helper()
	ctx := context.Background()
	var ids []string
	for _, r := range cypher(t, cfg, `MATCH (e:Entity) RETURN e.id ORDER BY e.id`) {
		ids = append(ids, r[0].(string))
	}
	const k = 32
	kept, err := s.Neighbors(ctx, ids, k, graph.LinkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	indexed, err := s.Neighbors(ctx, ids, k, graph.LinkFilter{Kinds: graph.EntityKinds})
	if err != nil {
		t.Fatal(err)
	}
	full := 0
	for i, id := range ids {
		if !reflect.DeepEqual(kept[i], indexed[i]) {
			t.Errorf("%s: kept list %v, indexes %v", id, kept[i], indexed[i])
		}
		if len(kept[i]) == k {
			full++
		}
	}
	return full
}

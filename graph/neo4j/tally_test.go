package neo4j_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/neo4j"
	"github.com/entitygraph/entitygraph/graph/neo4j/neo4jtest"
	"github.com/entitygraph/entitygraph/graph/storetest"
)

// TestTallyLayerMigration takes the tally layer out of a database, as a
// version before it left it, and checks that opening the store builds
// the same rankings and timelines that writing the documents built.
func TestTallyLayerMigration(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.Open(t)
	storetest.Write(t, s, storetest.SeedExtractions()...)
	reads := func(s graph.Store) []any {
		t.Helper()
		speakers, err := s.Ranking(ctx, graph.TallySpeakers, "", graph.PageRequest{})
		if err != nil {
			t.Fatal(err)
		}
		about, err := s.Ranking(ctx, graph.TallyOutletAbout, storetest.FinancialTimes, graph.PageRequest{})
		if err != nil {
			t.Fatal(err)
		}
		months, err := s.TallyMonths(ctx, graph.TallyKey{Kind: graph.TallyStatements}, graph.TimeRange{})
		if err != nil {
			t.Fatal(err)
		}
		claims, err := s.Ranking(ctx, graph.TallySpeakerClaims, storetest.Budanov, graph.PageRequest{})
		if err != nil {
			t.Fatal(err)
		}
		return []any{speakers, about, months, claims}
	}
	want := reads(s)
	if len(want[0].(graph.RankPage).Items) == 0 || len(want[3].(graph.RankPage).Items) == 0 {
		t.Fatal("the seed gave no speakers or no claims")
	}
	old := reopenWithout(t, `MATCH (t:Tally) DELETE t`, `MATCH (d:Document) REMOVE d.tallied, d.claimed`, `MATCH (c:Counters) REMOVE c.tally_layer, c.claim_layer`)
	if got := reads(old); !reflect.DeepEqual(got, want) {
		t.Errorf("after migrating:\n got %+v\nwant %+v", got, want)
	}
	// Changing a migrated document and back gives the same counts: the
	// change took out what the migration put in.
	changed := storetest.SeedExtractions()[0]
	changed.Statements = changed.Statements[1:]
	storetest.Write(t, old, changed, storetest.SeedExtractions()[0])
	if got := reads(old); !reflect.DeepEqual(got, want) {
		t.Errorf("after changing a migrated document and back:\n got %+v\nwant %+v", got, want)
	}
}

// reopenWithout runs each of the queries, that take a layer out of the
// test database as a version before the layer left it, and opens a new
// store on it, which migrates it; the store is closed at cleanup.
func reopenWithout(t *testing.T, queries ...string) graph.Store {
	t.Helper()
	cfg := neo4jtest.Config(t)
	for _, q := range queries {
		cypher(t, cfg, q)
	}
	s, err := neo4j.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

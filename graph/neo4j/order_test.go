package neo4j_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/neo4j/neo4jtest"
	"github.com/entitygraph/entitygraph/graph/storetest"
)

// TestStatementOrderMigration takes the statements' and documents' order
// out of a database, as a version before it left it, and checks that
// opening the store puts it back: every list of statements and documents
// reads from it, so one left out would be missing from the evidence panel
// or the documents list.
func TestStatementOrderMigration(t *testing.T) {
	ctx := context.Background()
	s := neo4jtest.Open(t)
	storetest.Write(t, s, storetest.SeedExtractions()...)
	reads := func(s graph.Store) []any {
		t.Helper()
		var out []any
		for _, q := range []graph.StatementQuery{{}, {Speaker: storetest.Budanov}, {About: storetest.Russia},
			{Outlet: storetest.FinancialTimes}, {Speaker: storetest.Budanov, About: storetest.Russia},
			{About: storetest.Russia, Page: graph.PageRequest{Size: 1}}} {
			page, err := s.Statements(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, page)
		}
		around, err := s.StatementsAround(ctx, []string{storetest.Budanov, storetest.Russia, storetest.FinancialTimes}, 2, graph.TimeRange{})
		if err != nil {
			t.Fatal(err)
		}
		docs, err := s.Documents(ctx, graph.DocumentQuery{})
		if err != nil {
			t.Fatal(err)
		}
		return append(out, around, docs)
	}
	want := reads(s)
	for i, page := range want[:5] {
		if len(page.(graph.StatementPage).Statements) == 0 {
			t.Fatalf("query %d of the seed gave no statements", i)
		}
	}
	for _, q := range []string{`MATCH (s:Statement) REMOVE s.rank`,
		`MATCH ()-[r:STATED|ABOUT|REPORTED_BY]->() REMOVE r.anchor, r.rank, r.sid`,
		`MATCH (d:Document) REMOVE d.rank`, `MATCH (c:Counters) REMOVE c.statement_order, c.document_order`} {
		cypher(t, neo4jtest.Config(t), q)
	}
	if got := reads(s); reflect.DeepEqual(got, want) {
		t.Fatal("the lists did not change without the order: the test tests nothing")
	}
	old := reopenWithout(t) // the order is out already
	if got := reads(old); !reflect.DeepEqual(got, want) {
		t.Errorf("after migrating:\n got %+v\nwant %+v", got, want)
	}
}

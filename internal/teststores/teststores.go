// Package teststores opens, for tests above the graph package, every
// graph.Store the test machine has, so that a behavior the API promises is
// checked on each store and not on one that happens to be convenient.
package teststores

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/neo4j/neo4jtest"
	"github.com/entitygraph/entitygraph/graph/sqlite"
)

// Opener opens a new, empty store that is closed when the test ends. It
// fails the test if the store cannot be opened.
type Opener func(t *testing.T) graph.Store

// Each runs fn once per store, as a subtest named after the store; fn gets
// the store's Opener and may call it for as many fresh stores as it needs.
func Each(t *testing.T, fn func(t *testing.T, open func(t *testing.T) graph.Store)) {
	t.Helper()
	for _, s := range stores() {
		t.Run(s.name, func(t *testing.T) { fn(t, s.open) })
	}
}

type store struct {
	name string
	open Opener
}

func stores() []store {
	return []store{{"sqlite", openSQLite}, {"neo4j", openNeo4j}}
}

// openNeo4j opens the test Neo4j server's database, wiped: see neo4jtest
// for which server (ENTITYGRAPH_TEST_NEO4J_URI, or one it starts; required
// in CI) and why tests using it take turns.
func openNeo4j(t *testing.T) graph.Store {
	t.Helper()
	return neo4jtest.Open(t)
}

func openSQLite(t *testing.T) graph.Store {
	t.Helper()
	// Not t.Context(): it is canceled before cleanups run, and the store
	// may hold on to the context it was opened with.
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatalf("opening a SQLite store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("closing the SQLite store: %v", err)
		}
	})
	return s
}

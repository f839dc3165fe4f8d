// Package storetest is the contract suite that every graph.Store passes:
// the SQLite store and the Neo4j store run the same cases, written as what
// a user of the API would notice. Fixtures are hand-built extractions
// modeled on the seed article (see SeedExtractions).
package storetest

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// Run runs the contract suite. open returns a fresh, empty store each time
// it is called (the caller closes and removes it in t.Cleanup); the suite
// calls it once per group of cases, and the read-only groups share one
// seeded store. Stores that are a graph.BatchWriter also run its cases.
func Run(t *testing.T, open func(t *testing.T) graph.Store) {
	// The stores open returns are all of one type: the first one tells
	// whether the batch cases apply. (A probe store of its own would hold
	// a shared server while the cases open theirs.)
	var batching bool
	t.Run("Read", func(t *testing.T) {
		s := open(t)
		_, batching = s.(graph.BatchWriter)
		sd := seed()
		Write(t, s, sd.extractions...)
		for _, c := range []struct {
			name string
			run  func(*testing.T, graph.Store, seedData)
		}{
			{"Entity", testEntity},
			{"Entities", testEntities},
			{"Statement", testStatement},
			{"Document", testDocument},
			{"Documents", testDocuments},
			{"Stats", testStats},
			{"NotFound", testNotFound},
			{"SearchEntities", testSearchEntities},
			{"SearchEntitiesList", testSearchEntitiesList},
			{"SearchEntitiesInvalid", testSearchEntitiesInvalid},
			{"StatementsAround", testStatementsAround},
			{"SeedLinks", testSeedLinks},
			{"Statements", testStatements},
			{"StatementsPaging", testStatementsPaging},
			{"Neighborhood", testNeighborhood},
			{"NeighborhoodLimit", testNeighborhoodLimit},
			{"NeighborhoodStatementView", testNeighborhoodStatementView},
			{"Path", testPath},
			{"TraversalReads", testTraversalReads},
			{"PathSearch", testPathSearch},
		} {
			t.Run(c.name, func(t *testing.T) { c.run(t, s, sd) })
		}
	})
	t.Run("LinkLayer", func(t *testing.T) { testLinkLayer(t, open(t)) })
	t.Run("Rewrites", func(t *testing.T) { testRewrites(t, open, batching) })
	t.Run("Copies", func(t *testing.T) { testCopies(t, open, batching) })
	t.Run("StatementViewClaims", func(t *testing.T) { testStatementViewClaims(t, open(t)) })
	t.Run("SearchLanguage", func(t *testing.T) { testSearchLanguage(t, open(t)) })
	t.Run("WriteResult", func(t *testing.T) { testWriteResult(t, open(t)) })
	t.Run("Idempotent", func(t *testing.T) { testIdempotent(t, open(t)) })
	t.Run("Replace", func(t *testing.T) { testReplace(t, open(t)) })
	t.Run("NameFirstWrittenWins", func(t *testing.T) { testNameFirstWrittenWins(t, open(t)) })
	t.Run("InvalidWriteLeavesNothing", func(t *testing.T) { testInvalidWrite(t, open(t)) })
	t.Run("CancelledWriteLeavesNothing", func(t *testing.T) { testCancelledWrite(t, open(t)) })
	t.Run("Ping", func(t *testing.T) {
		if err := open(t).Ping(t.Context()); err != nil {
			t.Fatalf("Ping: %v", err)
		}
	})
	if batching {
		runBatch(t, func(t *testing.T) batchStore { return open(t).(batchStore) })
	}
	t.Run("Curation", func(t *testing.T) { runCuration(t, open) })
}

// Write writes extractions in order and fails the test on an error.
func Write(tb testing.TB, s graph.Store, xs ...*graph.Extraction) {
	tb.Helper()
	for _, x := range xs {
		if _, err := s.WriteExtraction(context.Background(), x); err != nil {
			tb.Fatalf("WriteExtraction(%s): %v", x.Document.ID, err)
		}
	}
}

// equal reports a difference between got and want as a test error.
func equal(t *testing.T, what string, got, want any) bool {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
		return false
	}
	return true
}

// wantCode fails unless err is a *graph.Error of the code (and, when param
// is set, naming that parameter).
func wantCode(t *testing.T, what string, err error, code graph.Code, param string) {
	t.Helper()
	if got := graph.ErrorCode(err); got != code {
		t.Errorf("%s: error %v (code %q), want code %q", what, err, got, code)
		return
	}
	var ge *graph.Error
	if param != "" && (!errors.As(err, &ge) || ge.Param != param) {
		t.Errorf("%s: error %v does not name parameter %q", what, err, param)
	}
}

func entityIDs(es []graph.Entity) []string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	return ids
}

func statementIDs(ss []graph.Statement) []string {
	ids := make([]string, len(ss))
	for i, s := range ss {
		ids[i] = s.ID
	}
	return ids
}

func sorted(ids ...string) []string {
	return slices.Sorted(slices.Values(ids))
}

// pages collects every page of a list: next(token) returns one page's ids
// and the token of the next page. It fails on a repeated id (pages that
// overlap) or after more pages than items.
func pages(t *testing.T, next func(token string) ([]string, string, error)) []string {
	t.Helper()
	var all []string
	seen := map[string]bool{}
	token := ""
	for n := 0; ; n++ {
		ids, tok, err := next(token)
		if err != nil {
			t.Fatalf("page %d: %v", n, err)
		}
		for _, id := range ids {
			if seen[id] {
				t.Fatalf("page %d repeats %s", n, id)
			}
			seen[id] = true
		}
		all = append(all, ids...)
		if tok == "" {
			return all
		}
		if n > 100 {
			t.Fatalf("more than 100 pages")
		}
		token = tok
	}
}

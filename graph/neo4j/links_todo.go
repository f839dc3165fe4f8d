package neo4j

// TEMPORARY: the link layer is being written for this store on branch
// neo4jlinks; these stubs only let the rest of the tree build meanwhile.

import (
	"context"

	"github.com/entitygraph/entitygraph/graph"
)

func todo(op string) error {
	return graph.Errorf(graph.Internal, op, "the Neo4j link layer is not written yet")
}

func (s *Store) Neighbors(ctx context.Context, ids []string, k int, f graph.LinkFilter) ([][]graph.Neighbor, error) {
	return nil, todo("neo4j.Neighbors")
}

func (s *Store) Degrees(ctx context.Context, ids []string, f graph.LinkFilter) ([]int, error) {
	return nil, todo("neo4j.Degrees")
}

func (s *Store) LinksBetween(ctx context.Context, pairs []graph.Pair, f graph.LinkFilter) ([]graph.Link, error) {
	return nil, todo("neo4j.LinksBetween")
}

func (s *Store) StatementsAround(ctx context.Context, ids []string, k int, tr graph.TimeRange) ([][]graph.StatementLink, error) {
	return nil, todo("neo4j.StatementsAround")
}

func (s *Store) StatementCounts(ctx context.Context, ids []string, tr graph.TimeRange) ([]int, error) {
	return nil, todo("neo4j.StatementCounts")
}

func (s *Store) Timeline(ctx context.Context, id string, tr graph.TimeRange) ([]graph.MonthCount, error) {
	return nil, todo("neo4j.Timeline")
}

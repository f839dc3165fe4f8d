package main

import (
	"context"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/neo4j"
)

// openNeo4j opens the Neo4j store at uri with the credentials and database
// from NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE (empty: no auth,
// the server's default database).
func openNeo4j(ctx context.Context, uri string, getenv func(string) string) (graph.Store, error) {
	return neo4j.Open(ctx, neo4j.Config{
		URI:      uri,
		Username: getenv("NEO4J_USERNAME"),
		Password: getenv("NEO4J_PASSWORD"),
		Database: getenv("NEO4J_DATABASE"),
	})
}

package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/sqlite"
)

const defaultStore = "sqlite:entitygraph.db"

// addStoreFlag adds --store to a command's flags.
func addStoreFlag(fs *flag.FlagSet) *string {
	return fs.String("store", "", "store URI (default $ENTITYGRAPH_STORE or "+defaultStore+")")
}

// storeURI picks the store: the flag, else ENTITYGRAPH_STORE, else the
// embedded default.
func storeURI(flagValue string, getenv func(string) string) string {
	if flagValue != "" {
		return flagValue
	}
	if env := getenv("ENTITYGRAPH_STORE"); env != "" {
		return env
	}
	return defaultStore
}

// openStore opens the store a URI names: sqlite:PATH, or a Neo4j URI
// (bolt://, neo4j://, neo4j+s://, ...) with credentials from NEO4J_USERNAME,
// NEO4J_PASSWORD and NEO4J_DATABASE. It returns a usage error for any other
// scheme.
func openStore(ctx context.Context, uri string, getenv func(string) string) (graph.Store, error) {
	scheme, rest, _ := strings.Cut(uri, ":")
	switch scheme {
	case "sqlite":
		if rest == "" {
			return nil, fmt.Errorf("%w: --store sqlite: needs a file path, as in sqlite:entitygraph.db", errUsage)
		}
		return sqlite.Open(ctx, rest)
	case "bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc":
		return openNeo4j(ctx, uri, getenv)
	}
	return nil, fmt.Errorf("%w: --store %q: want sqlite:PATH or a bolt:// or neo4j:// URI", errUsage, uri)
}

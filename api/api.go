// Package api is the HTTP face of entitygraph: a gin JSON API under /api/v1
// over a graph.Store (search, entities, neighborhoods, paths, statements,
// documents, export, stats), health checks at the root, and the web app for
// every other path. Errors are RFC 9457 problem details; openapi.yaml, served
// at /api/v1/openapi.yaml, describes every route, and the tests check every
// response against it.
package api

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/entitygraph/entitygraph/graph"
)

// Extractor turns a document into what it gives; POST /documents uses it.
// extract.New() satisfies it.
type Extractor interface {
	// Extract returns the extraction of doc; an Invalid error for text it
	// cannot read, any other error for a failure of its own.
	Extract(ctx context.Context, doc graph.Document) (*graph.Extraction, error)
}

// Config is what New needs.
type Config struct {
	Store graph.Store
	// Extractor serves POST /documents; nil answers that route with 503,
	// for a read-only server.
	Extractor Extractor
	// Logger receives the access log and internal errors; nil means
	// slog.Default().
	Logger *slog.Logger
	// UI serves every path outside /api/ and the health checks; nil serves
	// a plain page at / that says where the API is.
	UI http.Handler
	// Version is reported by GET /healthz and /readyz.
	Version string
	// APIKey, when set, is required of every write as "Authorization:
	// Bearer APIKey"; when empty, writes are refused from other sites'
	// pages (see writeGuard).
	APIKey string
	// APIKeyName is the author of the corrections written with APIKey;
	// empty means "api-key". Without a key the author is "local".
	APIKeyName string
	// WriteRate is how many writes per second one client address may make
	// on average, WriteBurst how many at once; a zero WriteRate means no
	// limit. DefaultWriteRate and DefaultWriteBurst are what `serve` uses.
	WriteRate  float64
	WriteBurst int
}

// The default write limit per client: a burst of 20 posts, then one a
// second, which a person or a script feeding documents one by one does
// not reach, while a loop that floods the extraction queue does.
const (
	DefaultWriteRate  = 1
	DefaultWriteBurst = 20
)

// server holds what the handlers share; New builds one per handler so that
// two servers in one process never share state.
type server struct {
	store     graph.Store
	extractor Extractor
	// extracting holds one token per POST /documents extraction running;
	// its capacity (one per CPU) keeps a burst of posts from starving the
	// reads of CPU: the rest wait their turn, or their client's deadline.
	extracting chan struct{}
	// traversing holds one token per neighborhood or path being read: a
	// traversal is CPU-bound (the store's lookups, in this process for
	// SQLite), and more of them at once than there are CPUs only share
	// the CPUs, stretching each one and the tail of all; the rest wait
	// their turn, or their client's deadline. With 4 clients on 2 cores a
	// hub's neighborhood at 100k entities had a p99 of 53-55 ms without
	// it, 34-41 ms with it (README, SQLite at scale).
	traversing  chan struct{}
	log         *slog.Logger
	ui          http.Handler
	version     string
	apiKey      string
	apiKeyName  string
	writeLimits *clientLimits
	metrics     *metrics
	pageTokens  *pageTokens
}

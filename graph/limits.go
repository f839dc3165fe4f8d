package graph

// Documented limits. The API rejects values above a cap with an Invalid
// error naming the parameter; a result cut at a limit says so (Truncated).
const (
	// MaxDepth is the deepest neighborhood the API expands.
	MaxDepth = 3
	// DefaultNodeLimit and MaxNodeLimit bound the nodes of one subgraph.
	DefaultNodeLimit = 500
	MaxNodeLimit     = 2000
	// MaxPathDepth is the longest path (in entity-view edges) Path searches.
	MaxPathDepth = 6
	// DefaultPathDepth is used when the caller gives none.
	DefaultPathDepth = 4
	// DefaultPageSize and MaxPageSize bound one page of a list.
	DefaultPageSize = 50
	MaxPageSize     = 500
	// MaxDocumentBytes is the largest document text that is extracted and
	// stored; news articles are tens of kilobytes, so a larger text is
	// almost always a wrong file, and would hold a worker for minutes.
	MaxDocumentBytes = 2 << 20
	// MaxExportNodes bounds an export of the whole graph.
	MaxExportNodes = 20000
)

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

// Bounds of the entity view's reads, so that a neighborhood, a path or an
// export costs what it returns however busy its entities are.
const (
	// LinksPerNode bounds the edges drawn among a neighborhood's nodes
	// beside the links it was grown along: each node offers its
	// LinksPerNode heaviest links to other nodes of the answer, and of
	// those the heaviest are drawn within EdgeBudget.
	LinksPerNode = 4
	// PathLinksPerNode and PathRingNodes bound a path search: each node
	// offers its heaviest PathLinksPerNode links, and each ring of the
	// search keeps its PathRingNodes best-linked new nodes. A connection
	// that exists only through lighter links is not found.
	PathLinksPerNode = 32
	PathRingNodes    = 512
	// ExportLinksPerNode bounds the edges of a whole-graph export: each
	// exported entity offers its heaviest ExportLinksPerNode links.
	ExportLinksPerNode = 1000
)

// EdgeBudget returns how many pairs of linked nodes an entity-view answer
// of n nodes draws at most, the pairs its rings grew along included: 3
// for every 2 nodes, so that an answer of 500 nodes stays under 300 KB
// however dense its nodes are (a tree of 500 nodes has 499 pairs; a pair
// is one edge per link type and direction), and the links it reads cost
// a few milliseconds.
func EdgeBudget(n int) int { return 3 * n / 2 }

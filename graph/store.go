package graph

import (
	"context"
)

// Store keeps the graph. Every method takes ctx first and returns *Error
// values: NotFound for an unknown id, Invalid for a bad query, Unavailable
// when the backing database cannot be reached (the API answers 503).
// Implementations: graph/sqlite (embedded) and graph/neo4j; both pass the
// contract suite in graph/storetest.
type Store interface {
	Writer
	Reader
	Curator
	// Ping returns nil when the store can serve requests, an Unavailable
	// error otherwise.
	Ping(ctx context.Context) error
	Close() error
}

// Writer writes extractions.
type Writer interface {
	// WriteExtraction writes one document and all it gave in one
	// transaction: afterwards the store holds all of it or, on error, none
	// of it. Writing a document id again replaces what that document gave
	// before, so the same extraction twice leaves the same graph, ids and
	// counts. Entity aggregates (mentions, documents, first/last seen,
	// aliases) are over every document that names the entity.
	WriteExtraction(ctx context.Context, x *Extraction) (WriteResult, error)
}

// Reader reads the graph.
type Reader interface {
	// Entity returns the entity with this id, or a NotFound error.
	Entity(ctx context.Context, id string) (Entity, error)
	// Entities returns the entities with these ids, in the order given;
	// unknown ids are left out, not an error.
	Entities(ctx context.Context, ids []string) ([]Entity, error)
	// SearchEntities finds entities whose name or an alias matches q.Text
	// (whole words, the last one as a prefix, any case and accents); an
	// exact name match ranks first, then more mentions. An empty Text
	// lists every entity, most mentioned first.
	SearchEntities(ctx context.Context, q EntityQuery) (EntityPage, error)
	LinkReader
	TallyReader
	// StatementsAround returns, for each of ids in order, its k newest
	// statements within tr in which it is the speaker, an about entity or
	// an outlet: newest date first, undated last, then by id. It reads k
	// rows per id from an index in that order.
	StatementsAround(ctx context.Context, ids []string, k int, tr TimeRange) ([][]StatementLink, error)
	// StatementCounts returns, for each of ids in order, how many
	// statements within tr name it (as speaker, about entity or outlet),
	// from counts per date kept on write.
	StatementCounts(ctx context.Context, ids []string, tr TimeRange) ([]int, error)
	// Timeline returns how many statements within tr name the entity id,
	// per month ("2024-01"; a statement dated only by its year counts
	// under the year, "2024"), oldest first, from counts kept on write. An
	// unknown id has an empty timeline.
	Timeline(ctx context.Context, id string, tr TimeRange) ([]MonthCount, error)
	// Statement returns one statement with its entities and its document,
	// or a NotFound error.
	Statement(ctx context.Context, id string) (Statement, error)
	// Statements lists statements that match every filter set in q, by
	// date then id.
	Statements(ctx context.Context, q StatementQuery) (StatementPage, error)
	// Document returns one document with its text, or a NotFound error.
	Document(ctx context.Context, id string) (Document, error)
	// Documents lists documents without their text, newest date first.
	Documents(ctx context.Context, q DocumentQuery) (DocumentPage, error)
	// Stats counts what the store holds.
	Stats(ctx context.Context) (Stats, error)
}

// PageRequest asks for one page of a list. Token is the NextPageToken of
// the previous page, or empty for the first.
type PageRequest struct {
	Size  int
	Token string
}

// EntityQuery selects entities; Kinds empty means every kind.
type EntityQuery struct {
	Text  string
	Kinds []Kind
	Page  PageRequest
}

// EntityPage is one page of entities.
type EntityPage struct {
	Entities      []Entity `json:"entities"`
	NextPageToken string   `json:"next_page_token,omitempty"`
}

// StatementQuery selects statements; each set field is an entity or
// document id that must match.
type StatementQuery struct {
	Speaker  string
	About    string
	Outlet   string
	Document string
	Time     TimeRange
	Page     PageRequest
}

// StatementPage is one page of statements.
type StatementPage struct {
	Statements    []Statement `json:"statements"`
	NextPageToken string      `json:"next_page_token,omitempty"`
}

// DocumentQuery selects documents.
type DocumentQuery struct {
	Page PageRequest
}

// DocumentPage is one page of documents.
type DocumentPage struct {
	Documents     []Document `json:"documents"`
	NextPageToken string     `json:"next_page_token,omitempty"`
}

// MonthCount is a count of statements in one month ("2024-01"), or in one
// year ("2024") for statements dated only by their year.
type MonthCount struct {
	Month string `json:"month"`
	Count int    `json:"count"`
}

// StatementLink is a statement reduced to what traversals need: who said
// it, about whom, carried by whom, when.
type StatementLink struct {
	ID         string
	Speaker    string
	About      []string
	ReportedBy []string
	Date       string
	// Text is the statement's sentence, for labels in the statement view,
	// and Quote its quoted words: with the rest, what ClaimOf reads.
	Text  string
	Quote string
}

package graph

import "context"

// BatchWriter is a Writer that can write several extractions in one
// transaction: all of them or, on error, none. Ingest uses it when a store
// offers it, because a commit per document is most of the cost of a write.
type BatchWriter interface {
	Writer
	// WriteExtractions writes xs in order, each exactly as WriteExtraction
	// would (a later extraction of the same document id replaces an
	// earlier one, even within xs), and returns one result per extraction,
	// in the same order. On any error nothing of xs is written; the error
	// is the one WriteExtraction would give for the first extraction that
	// fails (Invalid or TooLarge for a bad one).
	WriteExtractions(ctx context.Context, xs []*Extraction) ([]WriteResult, error)
}

// BatchSizer is a BatchWriter that says how many documents it best writes
// in one transaction, when ingest is not told.
type BatchSizer interface {
	PreferredBatchSize() int
}

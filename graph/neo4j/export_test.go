package neo4j

import (
	"context"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// WriteRowByRow writes x as WriteExtraction does, in one transaction, but
// sends every row of every step as a query of its own: the one-row-at-a-
// time MERGE that BenchmarkWrite compares the batched write against.
func (s *Store) WriteRowByRow(ctx context.Context, x *graph.Extraction) (graph.WriteResult, error) {
	res, err := s.writeExtractions(ctx, "neo4j.WriteRowByRow", []*graph.Extraction{x}, runRowByRow)
	if err != nil {
		return graph.WriteResult{}, err
	}
	return res[0], nil
}

func runRowByRow(ctx context.Context, tx neo4j.ManagedTransaction, st step) ([]*neo4j.Record, error) {
	var rows []any
	switch list := st.params[st.rows].(type) {
	case []map[string]any:
		for _, r := range list {
			rows = append(rows, r)
		}
	case []string:
		for _, r := range list {
			rows = append(rows, r)
		}
	default: // no rows: a step on the document alone
		return runStep(ctx, tx, st)
	}
	var out []*neo4j.Record
	for _, row := range rows {
		params := make(map[string]any, len(st.params))
		for k, v := range st.params {
			params[k] = v
		}
		params[st.rows] = []any{row}
		recs, err := runStep(ctx, tx, step{query: st.query, params: params})
		if err != nil {
			return nil, err
		}
		out = append(out, recs...)
	}
	return out, nil
}

// FillRowCacheAtOnce makes s fill its row cache with a generation as soon
// as it sees it, not a second later (see rowcache.go).
func (s *Store) FillRowCacheAtOnce() {
	s.rows.mu.Lock()
	defer s.rows.mu.Unlock()
	s.rows.settle = -1
}

// RowCacheRows returns how many entity rows s's row cache holds.
func (s *Store) RowCacheRows() int {
	s.rows.mu.Lock()
	defer s.rows.mu.Unlock()
	return len(s.rows.rows)
}

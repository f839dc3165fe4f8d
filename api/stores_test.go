package api

import (
	"context"

	"github.com/entitygraph/entitygraph/graph"
)

// brokenStore is a store whose every method fails with err, as a store
// whose database went away does.
type brokenStore struct{ err error }

var _ graph.Store = brokenStore{}

func (s brokenStore) WriteExtraction(context.Context, *graph.Extraction) (graph.WriteResult, error) {
	return graph.WriteResult{}, s.err
}
func (s brokenStore) Entity(context.Context, string) (graph.Entity, error) {
	return graph.Entity{}, s.err
}
func (s brokenStore) Entities(context.Context, []string) ([]graph.Entity, error) { return nil, s.err }
func (s brokenStore) SearchEntities(context.Context, graph.EntityQuery) (graph.EntityPage, error) {
	return graph.EntityPage{}, s.err
}
func (s brokenStore) Neighbors(context.Context, []string, int, graph.LinkFilter) ([][]graph.Neighbor, error) {
	return nil, s.err
}
func (s brokenStore) Degrees(context.Context, []string, graph.LinkFilter) ([]int, error) {
	return nil, s.err
}
func (s brokenStore) Nodes(context.Context, []string, int, graph.LinkFilter, bool) ([]graph.NodeLinks, error) {
	return nil, s.err
}
func (s brokenStore) NodesAround(context.Context, string, int, int, int, int, graph.LinkFilter) (graph.NodeLinks, []graph.NodeLinks, []graph.Link, error) {
	return graph.NodeLinks{}, nil, nil, s.err
}
func (s brokenStore) LinksBetween(context.Context, []graph.Pair, graph.LinkFilter) ([]graph.Link, error) {
	return nil, s.err
}
func (s brokenStore) StatementsAround(context.Context, []string, int, graph.TimeRange) ([][]graph.StatementLink, error) {
	return nil, s.err
}
func (s brokenStore) StatementCounts(context.Context, []string, graph.TimeRange) ([]int, error) {
	return nil, s.err
}
func (s brokenStore) Timeline(context.Context, string, graph.TimeRange) ([]graph.MonthCount, error) {
	return nil, s.err
}
func (s brokenStore) Ranking(context.Context, graph.TallyKind, string, graph.PageRequest) (graph.RankPage, error) {
	return graph.RankPage{}, s.err
}
func (s brokenStore) TallyCounts(context.Context, []graph.TallyKey, graph.TimeRange) ([]int, error) {
	return nil, s.err
}
func (s brokenStore) TallyMonths(context.Context, graph.TallyKey, graph.TimeRange) ([]graph.MonthCount, error) {
	return nil, s.err
}
func (s brokenStore) Statement(context.Context, string) (graph.Statement, error) {
	return graph.Statement{}, s.err
}
func (s brokenStore) Statements(context.Context, graph.StatementQuery) (graph.StatementPage, error) {
	return graph.StatementPage{}, s.err
}
func (s brokenStore) Document(context.Context, string) (graph.Document, error) {
	return graph.Document{}, s.err
}
func (s brokenStore) Documents(context.Context, graph.DocumentQuery) (graph.DocumentPage, error) {
	return graph.DocumentPage{}, s.err
}
func (s brokenStore) Stats(context.Context) (graph.Stats, error) { return graph.Stats{}, s.err }
func (s brokenStore) AddCorrection(context.Context, graph.Correction) (graph.Correction, error) {
	return graph.Correction{}, s.err
}
func (s brokenStore) ImportCorrections(context.Context, []graph.Correction) (int, error) {
	return 0, s.err
}
func (s brokenStore) UndoCorrection(context.Context, string) (graph.Correction, error) {
	return graph.Correction{}, s.err
}
func (s brokenStore) Corrections(context.Context, graph.CorrectionQuery) (graph.CorrectionPage, error) {
	return graph.CorrectionPage{}, s.err
}
func (s brokenStore) Redirect(context.Context, string) (string, error) { return "", s.err }
func (s brokenStore) CorrectedExtractions(context.Context, func(*graph.Extraction) error) error {
	return s.err
}
func (s brokenStore) Ping(context.Context) error { return s.err }
func (s brokenStore) Close() error               { return nil }

// panickyStore is a working store whose Stats panics, as a handler bug
// would.
type panickyStore struct{ graph.Store }

func (panickyStore) Stats(context.Context) (graph.Stats, error) { panic("stats exploded") }

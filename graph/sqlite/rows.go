package sqlite

import (
	"fmt"
	"strings"
)

// A write's statements over many rows (the entity rows of a document,
// the changes of the link layer and tallies of a batch) take their rows as
// bound parameters of a VALUES list, up to 32 rows a statement. They took
// them as one JSON array before, spread with json_each and read with ->>:
// a quarter of a write's CPU samples were SQLite parsing and printing
// JSON, and BenchmarkWriteWireCorpus (4,000 documents) took 7.9-8.2
// CPU-ms per document against 6.7-6.9 with bound rows.

// rowsQuery is a statement over rows of cols values each, with its SQL
// for each of rowsChunks rows.
type rowsQuery struct {
	chunks []string
	cols   int
}

// rowsChunks are the numbers of rows a rowsQuery is prepared for, largest
// first: rows are run in as many statements of the largest as they fill,
// then of the smaller ones.
var rowsChunks = []int{32, 4, 1}

// newRowsQuery returns the rowsQuery whose SQL is query with %s where the
// VALUES list of its rows goes, "(?, ?), (?, ?)".
func newRowsQuery(cols int, query string) rowsQuery {
	q := rowsQuery{cols: cols}
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	for _, n := range rowsChunks {
		q.chunks = append(q.chunks, fmt.Sprintf(query, strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")))
	}
	return q
}

// rowsQueries lists every rowsQuery, for Open to prepare each chunk of.
var rowsQueries = []rowsQuery{
	qInsertEntities, qInsertMentions, qInsertStatements, qInsertRefs,
	qApplyLinkDates, qDropLinkDates, qApplyLinks, qDropLinks, qRedateLinks, qRoleLinks, qLinkSamples, qSetSamples,
	qApplyNeighbors, qDropNeighbors, qApplyEntityDates, qDropEntityDates, qApplyAliases, qApplyCounters, qApplyEntities,
	qApplyTallyDates, qDropTallyDates, qApplyTallies, qDropTallies,
}

// writeQueries returns the queries that only writes run, which Open
// prepares on the writing connection alone: every chunk of every
// rowsQuery, and the queries of copies and raw extractions (which SQLite
// parsed again for every document before).
func writeQueries() []string {
	out := []string{qHoldAliases, qStoredCopy, qCopyCandidates, qCopiesOf, qInsertCopy, qDemote, qCopyOutlets,
		qHasOutlet, qAddCopy, qMoveCopies, qDeleteCopy, qCountCopies, qDeleteBands, qInsertBands, qSetFoldColumns,
		qOutletOf, qDeleteRaw, qDeleteDocument, qCurationVersion, qSaveRaw, qDropRawEntities, qAddRawEntities,
		qRawExtraction}
	for _, q := range rowsQueries {
		out = append(out, q.chunks...)
	}
	return out
}

// eachChunk calls run with the SQL and the arguments of each chunk of rows
// (see rowsChunks), in order, and returns its first error.
func eachChunk(q rowsQuery, rows [][]any, run func(query string, args []any) error) error {
	args := make([]any, 0, rowsChunks[0]*q.cols)
	for i, n := range rowsChunks {
		for len(rows) >= n {
			args = args[:0]
			for _, r := range rows[:n] {
				if len(r) != q.cols {
					return fmt.Errorf("a row of %d values for a statement of %d columns", len(r), q.cols)
				}
				args = append(args, r...)
			}
			if err := run(q.chunks[i], args); err != nil {
				return err
			}
			rows = rows[n:]
		}
	}
	return nil
}

// execRows runs q over rows; no rows, no statement.
func execRows(t *txn, q rowsQuery, rows [][]any) error {
	return eachChunk(q, rows, func(query string, args []any) error {
		st, err := t.boundStmt(query)
		if err != nil {
			return err
		}
		_, err = st.ExecContext(t.ctx, args...)
		return err
	})
}

// queryRows runs q, a statement with RETURNING, over rows and scans every
// row it returns.
func queryRows(t *txn, q rowsQuery, rows [][]any, scan func(scanner) error) error {
	return eachChunk(q, rows, func(query string, args []any) error {
		st, err := t.boundStmt(query)
		if err != nil {
			return err
		}
		res, err := st.QueryContext(t.ctx, args...)
		if err != nil {
			return err
		}
		defer res.Close()
		for res.Next() {
			if err := scan(res); err != nil {
				return err
			}
		}
		return res.Err()
	})
}

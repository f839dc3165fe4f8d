package sqlite

import (
	"context"
	"database/sql"
	"maps"
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// The tally layer (graph.TallyReader): one row per tally with its count,
// read in count order from tallies_by_count for a ranking, and its counts
// per date in tally_dates for a range or a timeline. Kept like the link
// layer: a write collects its documents' graph.Tallies less those of the
// versions they replace (derived.replace) and applies them once.

// schemaV4 adds the tally layer; migrateV4 fills it for a database
// written before.
const schemaV4 = `
CREATE TABLE tallies (
	kind  TEXT NOT NULL,
	scope TEXT NOT NULL,
	item  TEXT NOT NULL,
	item2 TEXT NOT NULL,
	count INTEGER NOT NULL,
	PRIMARY KEY (kind, scope, item, item2)
) WITHOUT ROWID;
CREATE INDEX tallies_by_count ON tallies(kind, scope, count DESC, item, item2);

CREATE TABLE tally_dates (
	kind  TEXT NOT NULL,
	scope TEXT NOT NULL,
	item  TEXT NOT NULL,
	item2 TEXT NOT NULL,
	date  TEXT NOT NULL,
	count INTEGER NOT NULL,
	PRIMARY KEY (kind, scope, item, item2, date)
) WITHOUT ROWID;
`

// The statements of applyTallies (see rowsQuery).
var (
	qApplyTallyDates = newRowsQuery(6, `INSERT INTO tally_dates (kind, scope, item, item2, date, count) VALUES %s
		ON CONFLICT (kind, scope, item, item2, date) DO UPDATE SET count = tally_dates.count + excluded.count`)
	qDropTallyDates = newRowsQuery(4, `DELETE FROM tally_dates WHERE count <= 0 AND (kind, scope, item, item2) IN (VALUES %s)`)
	qApplyTallies   = newRowsQuery(5, `INSERT INTO tallies (kind, scope, item, item2, count) VALUES %s
		ON CONFLICT (kind, scope, item, item2) DO UPDATE SET count = tallies.count + excluded.count`)
	qDropTallies = newRowsQuery(4, `DELETE FROM tallies WHERE count <= 0 AND (kind, scope, item, item2) IN (VALUES %s)`)
)

const (
	qRanking = `SELECT item, item2, count FROM tallies WHERE kind = ?1 AND scope = ?2
		ORDER BY count DESC, item, item2 LIMIT ?3 OFFSET ?4`
	qTallyCount      = `SELECT coalesce(sum(count), 0) FROM tallies WHERE kind = :kind AND scope = :scope AND item = :item AND item2 = :item2`
	qTallyCountDated = `SELECT coalesce(sum(count), 0) FROM tally_dates WHERE kind = :kind AND scope = :scope AND item = :item AND item2 = :item2 AND `
)

// tallyDate is one tally's count on one date, as a write changes it.
type tallyDate struct {
	graph.TallyKey
	date string
}

// addTallies adds x's tallies to d's changes, with sign -1 for a version
// being replaced.
func (d *derived) addTallies(x *graph.Extraction, sign int) {
	d.addShares(graph.Tallies(x), sign)
	d.addShares(graph.ClaimTallies(x), sign)
}

func (d *derived) addShares(shares []graph.TallyShare, sign int) {
	for _, s := range shares {
		d.tallies[tallyDate{s.TallyKey, s.Date}] += sign * s.Count
	}
}

// applyTallies writes the collected tally changes: counts per date, then
// in all, and drops what reached zero.
func (d *derived) applyTallies(t *txn) error {
	keys := slices.SortedFunc(maps.Keys(d.tallies), func(a, b tallyDate) int {
		if c := graph.CompareTallyKeys(a.TallyKey, b.TallyKey); c != 0 {
			return c
		}
		return strings.Compare(a.date, b.date)
	})
	total := map[graph.TallyKey]int{}
	var dateRows, shrunkDates, shrunk [][]any
	for _, k := range keys {
		n := d.tallies[k]
		if n == 0 {
			continue
		}
		row := tallyRow(k.TallyKey)
		_, mirrored := pairsKey(k.TallyKey)
		if !mirrored {
			dateRows = append(dateRows, append(row, k.date, n))
		}
		if n < 0 {
			shrunk = append(shrunk, row)
			if !mirrored {
				shrunkDates = append(shrunkDates, row)
			}
		}
		total[k.TallyKey] += n
	}
	var rows [][]any
	for _, k := range slices.SortedFunc(maps.Keys(total), graph.CompareTallyKeys) {
		if n := total[k]; n != 0 {
			rows = append(rows, append(tallyRow(k), n))
		}
	}
	for _, q := range []struct {
		query rowsQuery
		rows  [][]any
	}{{qApplyTallyDates, dateRows}, {qDropTallyDates, shrunkDates}, {qApplyTallies, rows}, {qDropTallies, shrunk}} {
		if err := execRows(t, q.query, q.rows); err != nil {
			return err
		}
	}
	return nil
}

func tallyRow(k graph.TallyKey) []any { return []any{string(k.Kind), k.Scope, k.Item, k.Item2} }

// pairsKey returns the pairs tally whose counts k's are, and true, for a
// speaker_topics or about_speakers tally: a statement counts in all three
// of a speaker and an entity spoken about or in none (graph.Tallies), so
// their counts per date are the same, and since schema version 9 only the
// pairs tally keeps them in tally_dates (they were 22% of its rows). For
// any other tally it returns k and false.
func pairsKey(k graph.TallyKey) (graph.TallyKey, bool) {
	switch k.Kind {
	case graph.TallySpeakerTopics:
		return graph.TallyKey{Kind: graph.TallyPairs, Item: k.Scope, Item2: k.Item}, true
	case graph.TallyAboutSpeakers:
		return graph.TallyKey{Kind: graph.TallyPairs, Item: k.Item, Item2: k.Scope}, true
	}
	return k, false
}

// migrateV9 drops the dates that pairsKey reads from the pairs tally.
func migrateV9(t *txn) error {
	return t.exec(`DELETE FROM tally_dates WHERE kind IN (?, ?)`, string(graph.TallySpeakerTopics), string(graph.TallyAboutSpeakers))
}

// migrateV4 creates the tally layer and fills it from the documents a
// database holds, each added as a write adds it.
func migrateV4(t *txn) error {
	if err := t.exec(schemaV4); err != nil {
		return err
	}
	return addStoredTallies(t, graph.Tallies)
}

// migrateV6 adds the claims (graph.ClaimTallies) of the documents a
// database holds to the tally layer.
func migrateV6(t *txn) error {
	return addStoredTallies(t, graph.ClaimTallies)
}

// migrateChunk is how many documents' tallies a migration collects before
// it writes them: a large store's tallies do not fit in memory at once.
const migrateChunk = 1000

// addStoredTallies adds the tallies that shares gives for every document
// the database holds, a chunk at a time.
func addStoredTallies(t *txn, shares func(*graph.Extraction) []graph.TallyShare) error {
	d, n := newDerived(), 0
	err := eachStored(t, func(x *graph.Extraction) error {
		d.addShares(shares(x), 1)
		if n++; n%migrateChunk != 0 {
			return nil
		}
		err := d.applyTallies(t)
		d.tallies = map[tallyDate]int{}
		return err
	})
	if err != nil {
		return err
	}
	return d.applyTallies(t)
}

// Ranking returns one page of a ranking from tallies_by_count.
func (s *Store) Ranking(ctx context.Context, kind graph.TallyKind, scope string, page graph.PageRequest) (graph.RankPage, error) {
	const op = "sqlite.Ranking"
	size, offset, err := page.Normalize()
	if err != nil {
		return graph.RankPage{}, err
	}
	out := graph.RankPage{Items: []graph.Ranked{}}
	err = s.read(ctx, op, "reading a ranking", func(t *txn) error {
		items, err := queryList(t, qRanking, func(row scanner) (graph.Ranked, error) {
			var r graph.Ranked
			err := row.Scan(&r.Item, &r.Item2, &r.Count)
			return r, err
		}, string(kind), scope, size+1, offset)
		if err != nil {
			return err
		}
		more := len(items) > size
		out.Items = items[:min(len(items), size)]
		out.NextPageToken = graph.NextPageToken(offset, size, more)
		return nil
	})
	return out, err
}

// TallyCounts returns each key's count within tr: the tally's own count
// without a range, the sum of its dates (see pairsKey) in the range with
// one.
func (s *Store) TallyCounts(ctx context.Context, keys []graph.TallyKey, tr graph.TimeRange) ([]int, error) {
	const op = "sqlite.TallyCounts"
	out := make([]int, len(keys))
	query, extra := qTallyCount, []any(nil)
	if !tr.IsZero() {
		query, extra = qTallyCountDated+dateCond("date"), dateArgs(tr)
	}
	err := s.read(ctx, op, "reading counts", func(t *txn) error {
		if len(keys) == 0 {
			return nil
		}
		// Prepared once for the loop: parsing it took most of a page of
		// 50 statements' claim counts.
		st, err := t.stmt(query)
		if err != nil {
			return err
		}
		for i, k := range keys {
			if !tr.IsZero() {
				k, _ = pairsKey(k)
			}
			if err := st.QueryRowContext(ctx, append(tallyArgs(k), extra...)...).Scan(&out[i]); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// TallyMonths returns a tally's counts per month (or year) within tr.
func (s *Store) TallyMonths(ctx context.Context, key graph.TallyKey, tr graph.TimeRange) ([]graph.MonthCount, error) {
	key, _ = pairsKey(key)
	return s.months(ctx, "sqlite.TallyMonths", `tally_dates WHERE kind = :kind AND scope = :scope AND item = :item AND item2 = :item2`, tr, tallyArgs(key)...)
}

func tallyArgs(k graph.TallyKey) []any {
	return []any{sql.Named("kind", string(k.Kind)), sql.Named("scope", k.Scope), sql.Named("item", k.Item), sql.Named("item2", k.Item2)}
}

package neo4j

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// The tally layer (graph.TallyReader) in Neo4j: one node per tally,
//
//	(:Tally {key, kind, scope, item, item2, count, rank, dates, date_counts})
//
// key joins kind, scope, item and item2 (unique, for MERGE and lookups);
// rank is -count, so that the index tally_rank (kind, scope, rank, item,
// item2) lists a ranking most counted first (Neo4j reads a composite index
// in one direction only); dates and date_counts are parallel lists sorted
// by date, dates as numbers (datenum.go), as on LINKs. A write reads the
// tallies it changes, adds in Go and writes them back, one UNWIND query
// each, after the link layer. Every tally but the one of all statements
// names only entities of the write, which lockEntities has locked, so two
// writes that change one tally run one after the other; the tally of all
// statements is changed last, by a MERGE that takes its lock.

const (
	readTallies = `
UNWIND $keys AS k
MATCH (t:Tally {key: k})
RETURN t.key, t.dates, t.date_counts`

	setTallies = `
UNWIND $rows AS row
MERGE (t:Tally {key: row.key})
SET t += row.props`

	deleteTallies = `
UNWIND $keys AS k
MATCH (t:Tally {key: k})
DELETE t`

	ranking = `
MATCH (t:Tally) USING INDEX t:Tally(kind, scope, rank, item, item2)
WHERE t.kind = $kind AND t.scope = $scope AND t.rank < 0 AND t.item IS NOT NULL AND t.item2 IS NOT NULL
RETURN t.item, t.item2, t.count ORDER BY t.rank, t.item, t.item2 SKIP $offset LIMIT $limit`
)

// The reads that sum counts within a range.
var (
	tallyCounts = `
UNWIND range(0, size($keys) - 1) AS i
OPTIONAL MATCH (t:Tally {key: $keys[i]})
RETURN i, CASE WHEN t IS NULL THEN 0 WHEN NOT $timed THEN t.count ELSE
  reduce(n = 0, j IN range(0, size(t.dates) - 1) | n + CASE WHEN ` + inRange("t.dates[j]") + ` THEN t.date_counts[j] ELSE 0 END) END
ORDER BY i`

	tallyMonths = `
MATCH (t:Tally {key: $key})
UNWIND range(0, size(t.dates) - 1) AS j
WITH t.dates[j] AS date, t.date_counts[j] AS n
WHERE ` + inRange("date") + `
RETURN date / 100 AS month, sum(n) AS count ORDER BY month`
)

// last is 1 for the tally of every statement, 0 for the others.
func last(k graph.TallyKey) int {
	if k.Kind == graph.TallyStatements {
		return 1
	}
	return 0
}

// tallyKey is the key property of a tally node.
func tallyKey(k graph.TallyKey) string {
	return strings.Join([]string{string(k.Kind), k.Scope, k.Item, k.Item2}, "\x1f")
}

// addTallies adds shares to c (sign -1 for a version replaced).
func (c *linkChanges) addTallies(shares []graph.TallyShare, sign int) {
	for _, s := range shares {
		addDated(c.tallies, s.TallyKey, s.Date, sign*s.Count)
	}
}

// writeTallies applies c's tally changes in tx.
func writeTallies(ctx context.Context, tx neo4j.ManagedTransaction, c *linkChanges, run runner) error {
	var keys []graph.TallyKey
	for k, dates := range c.tallies {
		if !allZero(dates) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	// The tally of every statement sorts last: its lock is taken last.
	slices.SortFunc(keys, func(a, b graph.TallyKey) int {
		return cmp.Or(cmp.Compare(last(a), last(b)), graph.CompareTallyKeys(a, b))
	})
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = tallyKey(k)
	}
	recs, err := run(ctx, tx, step{readTallies, map[string]any{"keys": names}, "keys"})
	if err != nil {
		return err
	}
	type stored struct {
		dates  []string
		counts []int
	}
	have := map[string]stored{}
	for _, r := range recs {
		have[str(r.Values[0])] = stored{dateStrings(ints(r.Values[1])), ints(r.Values[2])}
	}
	var rows []map[string]any
	var gone []string
	for i, k := range keys {
		st := have[names[i]]
		dates, counts := mergeCounts(st.dates, st.counts, c.tallies[k])
		total := 0
		for _, n := range counts {
			total += n
		}
		if total <= 0 {
			if _, ok := have[names[i]]; ok {
				gone = append(gone, names[i])
			}
			continue
		}
		rows = append(rows, map[string]any{"key": names[i], "props": map[string]any{
			"kind": string(k.Kind), "scope": k.Scope, "item": k.Item, "item2": k.Item2,
			"count": total, "rank": -total, "dates": dateNumbers(dates), "date_counts": counts}})
	}
	return runSteps(ctx, tx, run, []step{
		{deleteTallies, map[string]any{"keys": gone}, "keys"},
		{setTallies, map[string]any{"rows": rows}, "rows"},
	})
}

// Ranking returns one page of a ranking from the index tally_rank. It
// returns an Invalid error for a bad page, Unavailable when Neo4j is down.
func (s *Store) Ranking(ctx context.Context, kind graph.TallyKind, scope string, page graph.PageRequest) (graph.RankPage, error) {
	const op = "neo4j.Ranking"
	size, offset, err := page.Normalize()
	if err != nil {
		return graph.RankPage{}, err
	}
	recs, err := readRows(ctx, s, op, ranking, map[string]any{"kind": string(kind), "scope": scope, "offset": offset, "limit": size + 1})
	if err != nil {
		return graph.RankPage{}, err
	}
	out := graph.RankPage{Items: []graph.Ranked{}}
	for _, r := range recs[:min(len(recs), size)] {
		out.Items = append(out.Items, graph.Ranked{Item: str(r.Values[0]), Item2: str(r.Values[1]), Count: integer(r.Values[2])})
	}
	out.NextPageToken = graph.NextPageToken(offset, size, len(recs) > size)
	return out, nil
}

// TallyCounts returns each key's count within tr, from its counts per
// date; Unavailable when Neo4j is down.
func (s *Store) TallyCounts(ctx context.Context, keys []graph.TallyKey, tr graph.TimeRange) ([]int, error) {
	const op = "neo4j.TallyCounts"
	out := make([]int, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = tallyKey(k)
	}
	params := rangeParams(tr)
	params["keys"] = names
	recs, err := readRows(ctx, s, op, tallyCounts, params)
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		out[integer(r.Values[0])] = integer(r.Values[1])
	}
	return out, nil
}

// TallyMonths returns a tally's counts per month (or year) within tr;
// Unavailable when Neo4j is down.
func (s *Store) TallyMonths(ctx context.Context, key graph.TallyKey, tr graph.TimeRange) ([]graph.MonthCount, error) {
	const op = "neo4j.TallyMonths"
	params := rangeParams(tr)
	params["key"] = tallyKey(key)
	recs, err := readRows(ctx, s, op, tallyMonths, params)
	if err != nil {
		return nil, err
	}
	out := []graph.MonthCount{}
	for _, r := range recs {
		out = append(out, graph.MonthCount{Month: dateString(integer(r.Values[0]) * 100), Count: integer(r.Values[1])})
	}
	return out, nil
}

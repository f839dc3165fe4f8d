package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// Reads of the link layer (graph.LinkReader) and of the counts kept with
// it. Each names the index it reads in order; none reads more rows than
// it returns unless a type or time filter makes it sum links.

// topNeighborsSQL reads the k heaviest neighbors (?k, after the ids) of
// idChunk entities, each a range of an index in weight order: a union of
// one ordered, limited branch per entity (SQLite has no LATERAL join).
// Unused branches get the id "". With ofKind, only neighbors of the kind
// ?kind (after ?k), read from the same index. The limit is written
// "?k + 0": SQLite plans with the value bound to a bare LIMIT parameter
// and prepares the statement again whenever it changes, which for these
// 64 branches cost more than the reads.
func topNeighborsSQL(ofKind bool) string {
	var b strings.Builder
	for i := 1; i <= idChunk; i++ {
		if i > 1 {
			b.WriteString("\nUNION ALL ")
		}
		kind := ""
		if ofKind {
			kind = fmt.Sprintf(" AND other_kind = ?%d", idChunk+2)
		}
		fmt.Fprintf(&b, `SELECT * FROM (SELECT %d AS at, other, weight FROM neighbors WHERE entity = ?%d%s
			ORDER BY weight DESC, other LIMIT ?%d + 0)`, i-1, i, kind, idChunk+1)
	}
	return b.String()
}

var (
	qTopNeighbors       = topNeighborsSQL(false)
	qTopNeighborsOfKind = topNeighborsSQL(true)
	qDegrees            = `SELECT e.id, ` + degreeColumns + ` FROM entities e WHERE e.id IN (` + idList + `)`
	qStatementCounts    = `SELECT e.id, e.statements FROM entities e WHERE e.id IN (` + idList + `)`
)

// linkReadQueries lists the queries above, for Open to prepare.
var linkReadQueries = []string{qTopNeighbors, qTopNeighborsOfKind, qDegrees, qStatementCounts, qLinksAround}

// degreeColumns are an entity's counters of neighbors: in all, then of
// each kind of graph.EntityKinds.
const degreeColumns = `e.degree, e.degree_person, e.degree_organization, e.degree_country`

// degreeCounters holds degreeColumns as read.
type degreeCounters struct {
	all    int
	byKind [3]int
}

func (c *degreeCounters) dest() []any { return []any{&c.all, &c.byKind[0], &c.byKind[1], &c.byKind[2]} }

// of returns the neighbors of the kinds (sorted, without repeats; all of
// them when empty).
func (c *degreeCounters) of(kinds []graph.Kind) int {
	if len(kinds) == 0 {
		return c.all
	}
	n := 0
	for _, k := range kinds {
		n += c.byKind[slices.Index(graph.EntityKinds, k)]
	}
	return n
}

// scanNodeRow scans a row of qEntityNodes.
func scanNodeRow(row scanner) (nodeRow, error) {
	var r nodeRow
	var err error
	r.entity, err = scanEntityAnd(row, append(r.degrees.dest(), &r.top.text)...)
	r.top.degree = r.degrees.all
	return r, err
}

// dateCond returns a condition that a date column (as written, ” when
// unknown) falls in tr with the semantics of graph.TimeRange.Contains, and
// its two arguments, to bind as ?lo and ?hi. A date written "2024" is
// within a range when its year overlaps it: its last day is at or after lo
// exactly when it is at least lo's prefix of its own length, and its first
// day at or before hi exactly when it sorts at or before hi, so the
// condition reads the column as it is, and an index on it bounds the scan.
func dateCond(col string) string {
	return `(` + col + ` <> '' AND ` + col + ` <= :hi AND ` + col + ` >= substr(:lo, 1, length(` + col + `)))`
}

// dateArgs returns the :lo and :hi bounds of tr (open ends widened).
func dateArgs(tr graph.TimeRange) []any {
	lo, hi := tr.Bounds()
	if hi == "" {
		hi = "9999-12-31"
	}
	return []any{sql.Named("lo", lo), sql.Named("hi", hi)}
}

// inList keeps the rows whose expr is in the JSON array bound to param
// (all when it is empty): the types of a filter, its kinds.
func inList(expr, param string) string {
	return `(json_array_length(` + param + `) = 0 OR ` + expr + ` IN (SELECT value FROM json_each(` + param + `)))`
}

// linkRows is the SQL of the links around :id under a filter: (other,
// count) rows, one per link (or per link and date in a time range).
// Standing relations are whole in any time range.
func linkRows(f graph.LinkFilter) string {
	typeCond := inList("type", ":rels")
	if f.Time.IsZero() {
		return `SELECT target AS other, count FROM links WHERE source = :id AND ` + typeCond + `
			UNION ALL SELECT source, count FROM links WHERE target = :id AND ` + typeCond
	}
	standing := `type IN ('AFFILIATED_WITH', 'PART_OF', 'BASED_IN')`
	dated := func(end, other string) string {
		return `SELECT l.` + other + `, d.count FROM links l JOIN link_dates d
			ON d.source = l.source AND d.target = l.target AND d.type = l.type
			WHERE l.` + end + ` = :id AND NOT l.` + standing + ` AND ` + inList("l.type", ":rels") + ` AND ` + dateCond("d.date")
	}
	return `SELECT target AS other, count FROM links WHERE source = :id AND ` + standing + ` AND ` + typeCond + `
		UNION ALL SELECT source, count FROM links WHERE target = :id AND ` + standing + ` AND ` + typeCond + `
		UNION ALL ` + dated("source", "target") + `
		UNION ALL ` + dated("target", "source")
}

// kindCond keeps the rows whose other end is of a kind in :kinds (all when
// it is empty).
var kindCond = inList(`substr(other, 1, instr(other, ':') - 1)`, ":kinds")

// filterArgs binds :rels, :kinds and the date bounds of f.
func filterArgs(f graph.LinkFilter) []any {
	kinds := make([]string, len(f.Kinds))
	for i, k := range f.Kinds {
		kinds[i] = string(k)
	}
	args := []any{sql.Named("rels", relsArray(f)), sql.Named("kinds", jsonArray(kinds))}
	if !f.Time.IsZero() {
		args = append(args, dateArgs(f.Time)...)
	}
	return args
}

// relsArray returns the link types f allows as a JSON array (empty: all).
func relsArray(f graph.LinkFilter) string {
	rels := make([]string, len(f.Rels))
	for i, r := range f.Rels {
		rels[i] = string(r)
	}
	return jsonArray(rels)
}

// Neighbors returns each id's k heaviest neighbors under f (see
// graph.LinkReader): without a type or time filter, from its top list
// when that holds them, else k rows of neighbors_by_weight (per kind
// with a kind filter); with one, the sum of the id's links of those types
// and dates.
func (s *Store) Neighbors(ctx context.Context, ids []string, k int, f graph.LinkFilter) ([][]graph.Neighbor, error) {
	const op = "sqlite.Neighbors"
	out := make([][]graph.Neighbor, len(ids))
	scan := func(row scanner) (graph.Neighbor, error) {
		var n graph.Neighbor
		err := row.Scan(&n.ID, &n.Weight)
		return n, err
	}
	err := s.read(ctx, op, "reading neighbors", func(t *txn) error {
		if f.Summed() {
			summed, err := t.stmt(`SELECT other, sum(count) AS weight FROM (` + linkRows(f) + `)
				WHERE ` + kindCond + ` GROUP BY other ORDER BY weight DESC, other LIMIT :k`)
			if err != nil {
				return err
			}
			for i, id := range ids {
				if out[i], err = stmtList(t, summed, scan, append(filterArgs(f), sql.Named("id", id), sql.Named("k", k))...); err != nil {
					return err
				}
			}
			return nil
		}
		kinds := slices.Compact(slices.Sorted(slices.Values(f.Kinds)))
		cache, err := s.rowCacheFor(t)
		if err != nil {
			return err
		}
		var tops []topList
		if k <= topKept {
			rows, err := readNodeRows(t, cache, ids)
			if err != nil {
				return err
			}
			tops = make([]topList, len(ids))
			for i, row := range rows {
				tops[i] = row.top
			}
		}
		return neighborsOf(t, cache, ids, tops, k, kinds, out)
	})
	return out, err
}

// neighborsOf sets out[i] to the k heaviest neighbors of the kinds (all
// when empty) of ids[i], without a type or time filter: from tops[i] when
// it holds them (tops may be nil), else from the cache or
// neighbors_by_weight.
func neighborsOf(t *txn, cache cacheView, ids []string, tops []topList, k int, kinds []graph.Kind, out [][]graph.Neighbor) error {
	var rest []string
	var restAt []int
	for i, id := range ids {
		if tops != nil {
			list, ok, err := tops[i].heaviest(k, kinds)
			if err != nil {
				return fmt.Errorf("entity %s: %w", id, err)
			}
			if ok {
				out[i] = list
				continue
			}
		}
		rest = append(rest, id)
		restAt = append(restAt, i)
	}
	if len(rest) == 0 {
		return nil
	}
	lists := make([][]graph.Neighbor, len(rest))
	if len(kinds) == 0 {
		missing := cache.neighborLists(rest, k, lists)
		misses := make([]string, len(missing))
		for j, i := range missing {
			misses[j] = rest[i]
		}
		read := make([][]graph.Neighbor, len(misses))
		if err := topNeighbors(t, qTopNeighbors, misses, k, read); err != nil {
			return err
		}
		cache.keepNeighborLists(misses, read, k)
		for j, i := range missing {
			lists[i] = read[j]
		}
	} else {
		for _, kind := range kinds {
			if err := topNeighbors(t, qTopNeighborsOfKind, rest, k, lists, string(kind)); err != nil {
				return err
			}
		}
		for i := range lists {
			slices.SortFunc(lists[i], graph.HeavierFirst)
			lists[i] = lists[i][:min(len(lists[i]), k)]
		}
	}
	for j, i := range restAt {
		out[i] = lists[j]
	}
	return nil
}

// topNeighbors runs query (qTopNeighbors or qTopNeighborsOfKind, with its
// extra arguments) over ids a chunk at a time and appends each id's rows
// to out.
func topNeighbors(t *txn, query string, ids []string, k int, out [][]graph.Neighbor, extra ...any) error {
	return eachIDChunk(ids, func(start int, args []any) error {
		rows, err := t.query(query, append(append(args, k), extra...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var at int
			var n graph.Neighbor
			if err := rows.Scan(&at, &n.ID, &n.Weight); err != nil {
				return err
			}
			out[start+at] = append(out[start+at], n)
		}
		return rows.Err()
	})
}

// queryList runs a query and scans every row.
func queryList[T any](t *txn, query string, scan func(scanner) (T, error), args ...any) ([]T, error) {
	rows, err := t.query(query, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scan)
}

// stmtList runs a prepared query and scans every row.
func stmtList[T any](t *txn, st *sql.Stmt, scan func(scanner) (T, error), args ...any) ([]T, error) {
	rows, err := st.QueryContext(t.ctx, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scan)
}

// Degrees returns how many distinct neighbors each id has under f: from
// the entity's counters without a type or time filter, by counting its
// links with one.
func (s *Store) Degrees(ctx context.Context, ids []string, f graph.LinkFilter) ([]int, error) {
	const op = "sqlite.Degrees"
	out := make([]int, len(ids))
	err := s.read(ctx, op, "counting neighbors", func(t *txn) error {
		if f.Summed() {
			return countEach(t, `SELECT count(DISTINCT other) FROM (`+linkRows(f)+`) WHERE `+kindCond, ids, out,
				func(id string) []any { return append(filterArgs(f), sql.Named("id", id)) })
		}
		kinds := slices.Compact(slices.Sorted(slices.Values(f.Kinds)))
		return rowsByID(t, qDegrees, ids, out, func(row scanner) (string, int, error) {
			var id string
			var counters degreeCounters
			if err := row.Scan(append([]any{&id}, counters.dest()...)...); err != nil {
				return id, 0, err
			}
			return id, counters.of(kinds), nil
		})
	})
	return out, err
}

// countEach runs query (a count) once per id, with the arguments args
// gives for it, into out.
func countEach(t *txn, query string, ids []string, out []int, args func(id string) []any) error {
	st, err := t.stmt(query)
	if err != nil {
		return err
	}
	for i, id := range ids {
		if err := st.QueryRowContext(t.ctx, args(id)...).Scan(&out[i]); err != nil {
			return err
		}
	}
	return nil
}

// rowsByID runs query, which reads rows of the entities of a list of ids
// (idList), and puts what scan makes of each row in out at its id's
// places; unknown ids keep the zero value.
func rowsByID[T any](t *txn, query string, ids []string, out []T, scan func(row scanner) (string, T, error)) error {
	at := map[string][]int{}
	for i, id := range ids {
		at[id] = append(at[id], i)
	}
	return eachIDChunk(ids, func(_ int, args []any) error {
		rows, err := t.query(query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			id, v, err := scan(rows)
			if err != nil {
				return err
			}
			for _, i := range at[id] {
				out[i] = v
			}
		}
		return rows.Err()
	})
}

// linkColumns are a link as LinksBetween scans it.
const linkColumns = `l.type, l.source, l.target, l.count, l.first, l.last, l.role, l.sample`

// relsCond keeps the links of the types in the JSON array ?66.
var relsCond = inList("l.type", "?66")

// qLinksAround reads the links between the entity ?65 and each of idChunk
// others, in both directions, of the types relsCond keeps: a primary-key
// lookup per other and direction, where a list of pairs (LinksBetween's
// other query) costs a JSON lookup per pair and direction. Each direction
// is read only when ?65 has a link in it (SQLite tests a constant
// condition once, before its loop): a hub country is only ever a target,
// so half of its lookups found nothing. The second branch names the
// primary key (SQLite's name for it) because SQLite prefers
// links_by_target, which then needs a lookup more per link for its
// columns.
var qLinksAround = `SELECT ` + linkColumns + ` FROM links l WHERE l.source = ?65 AND l.target IN (` + idList + `) AND ` + relsCond + `
		AND EXISTS (SELECT 1 FROM links WHERE source = ?65)
	UNION ALL SELECT ` + linkColumns + ` FROM links l INDEXED BY sqlite_autoindex_links_1
		WHERE l.target = ?65 AND l.source IN (` + idList + `) AND l.source <> l.target AND ` + relsCond + `
		AND EXISTS (SELECT 1 FROM links WHERE target = ?65)`

// sharedEnd is how many pairs of one LinksBetween must share an end for
// them to be read with qLinksAround: a neighborhood's root and its ring,
// a frontier node and the nodes kept for it.
const sharedEnd = 8

// LinksBetween returns the links between the ends of each pair, in either
// direction, of the types f allows, with counts and samples within f.Time
// (see graph.LinkReader): one primary-key lookup per pair and direction.
// Without a time range, pairs that share an end with many others are
// read together (qLinksAround); in one, each link sums its dates.
func (s *Store) LinksBetween(ctx context.Context, pairs []graph.Pair, f graph.LinkFilter) ([]graph.Link, error) {
	const op = "sqlite.LinksBetween"
	var out []graph.Link
	err := s.read(ctx, op, "reading links", func(t *txn) error {
		if len(f.Rels) > 0 || !f.Time.IsZero() {
			var err error
			out, err = readLinksBetween(t, pairs, f)
			return err
		}
		cache, err := s.rowCacheFor(t)
		if err != nil {
			return err
		}
		var missing []graph.Pair
		out, missing = cache.pairLinks(pairs, out)
		if len(missing) == 0 {
			return nil
		}
		read, err := readLinksBetween(t, missing, f)
		if err != nil {
			return err
		}
		cache.keepPairLinks(missing, read)
		out = append(out, read...)
		return nil
	})
	graph.SortLinks(out)
	return out, err
}

// readLinksBetween is LinksBetween's read in t.
func readLinksBetween(t *txn, pairs []graph.Pair, f graph.LinkFilter) ([]graph.Link, error) {
	var groups []pairGroup
	if f.Time.IsZero() {
		groups, pairs = groupByEnd(pairs, sharedEnd)
	}
	ends := make([][2]string, 0, 2*len(pairs))
	for _, p := range pairs {
		ends = append(ends, [2]string{p.A, p.B})
		if p.A != p.B {
			ends = append(ends, [2]string{p.B, p.A})
		}
	}
	raw, err := json.Marshal(ends)
	if err != nil {
		return nil, fmt.Errorf("encoding pairs: %w", err)
	}
	query := `SELECT ` + linkColumns + `
		FROM json_each(:pairs) p JOIN links l ON l.source = p.value ->> 0 AND l.target = p.value ->> 1
		WHERE ` + inList("l.type", ":rels")
	if !f.Time.IsZero() {
		// In a time range a statement link counts its dates within it;
		// standing relations stay whole.
		query = `SELECT l.type, l.source, l.target,
			CASE WHEN l.type IN ('AFFILIATED_WITH', 'PART_OF', 'BASED_IN') THEN l.count ELSE sum(d.count) END,
			CASE WHEN l.type IN ('AFFILIATED_WITH', 'PART_OF', 'BASED_IN') THEN l.first ELSE coalesce(min(d.date), '') END,
			CASE WHEN l.type IN ('AFFILIATED_WITH', 'PART_OF', 'BASED_IN') THEN l.last ELSE coalesce(max(d.date), '') END,
			l.role, l.sample
			FROM json_each(:pairs) p JOIN links l ON l.source = p.value ->> 0 AND l.target = p.value ->> 1
			LEFT JOIN link_dates d ON d.source = l.source AND d.target = l.target AND d.type = l.type AND ` + dateCond("d.date") + `
			WHERE ` + inList("l.type", ":rels") + `
			GROUP BY l.source, l.target, l.type
			HAVING l.type IN ('AFFILIATED_WITH', 'PART_OF', 'BASED_IN') OR sum(d.count) > 0`
	}
	scan := func(row scanner) (graph.Link, error) {
		var l graph.Link
		var sample string
		if err := row.Scan(&l.Type, &l.Source, &l.Target, &l.Count, &l.First, &l.Last, &l.Role, &sample); err != nil {
			return l, err
		}
		for _, it := range decodeSample(sample) {
			if f.Time.Contains(it.Date) {
				l.Sample = append(l.Sample, it.ID)
			}
		}
		return l, nil
	}
	var out []graph.Link
	rels := relsArray(f)
	for _, g := range groups {
		err := eachIDChunk(g.others, func(_ int, ids []any) error {
			links, err := queryList(t, qLinksAround, scan, append(ids, g.end, rels)...)
			out = append(out, links...)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	if len(pairs) == 0 {
		return out, nil
	}
	links, err := queryList(t, query, scan, append(filterArgs(f), sql.Named("pairs", string(raw)))...)
	return append(out, links...), err
}

// pairGroup is pairs that share an end: (end, each of others).
type pairGroup struct {
	end    string
	others []string
}

// groupByEnd takes from pairs, the busiest end first, the groups of at
// least least pairs that share an end, and returns them with the pairs
// left. Each pair is in one group or left, once; the work is linear in
// the pairs.
func groupByEnd(pairs []graph.Pair, least int) ([]pairGroup, []graph.Pair) {
	at := map[string][]int{}
	for i, p := range pairs {
		at[p.A] = append(at[p.A], i)
		if p.B != p.A {
			at[p.B] = append(at[p.B], i)
		}
	}
	var busy []string
	for id, list := range at {
		if len(list) >= least {
			busy = append(busy, id)
		}
	}
	if len(busy) == 0 {
		return nil, pairs
	}
	slices.SortFunc(busy, func(a, b string) int { return cmp.Or(len(at[b])-len(at[a]), cmp.Compare(a, b)) })
	taken := make([]bool, len(pairs))
	var groups []pairGroup
	for _, end := range busy {
		var others []string
		for _, i := range at[end] {
			if !taken[i] {
				others = append(others, otherEnd(pairs[i], end))
			}
		}
		if len(others) < least {
			continue
		}
		for _, i := range at[end] {
			taken[i] = true
		}
		groups = append(groups, pairGroup{end, others})
	}
	var left []graph.Pair
	for i, p := range pairs {
		if !taken[i] {
			left = append(left, p)
		}
	}
	return groups, left
}

// otherEnd returns the end of p that is not end.
func otherEnd(p graph.Pair, end string) string {
	if p.A == end {
		return p.B
	}
	return p.A
}

// StatementsAround returns each id's k newest statements within tr (see
// graph.Reader): k rows from each of statements_by_speaker and the two
// roles of statement_refs_by_entity, merged.
func (s *Store) StatementsAround(ctx context.Context, ids []string, k int, tr graph.TimeRange) ([][]graph.StatementLink, error) {
	const op = "sqlite.StatementsAround"
	timeS, timeR := "", ""
	if !tr.IsZero() {
		timeS, timeR = " AND "+dateCond("s.date"), " AND "+dateCond("r.date")
	}
	query := `SELECT id, speaker_id, date, text, quote FROM (
		SELECT * FROM (SELECT s.id, s.speaker_id, s.date, s.text, s.quote FROM statements s
			WHERE s.speaker_id = :id` + timeS + ` ORDER BY s.date DESC, s.id LIMIT :k)
		UNION SELECT * FROM (SELECT s.id, s.speaker_id, s.date, s.text, s.quote FROM statement_refs r JOIN statements s ON s.id = r.statement_id
			WHERE r.entity_id = :id AND r.role = 'about'` + timeR + ` ORDER BY r.date DESC, r.statement_id LIMIT :k)
		UNION SELECT * FROM (SELECT s.id, s.speaker_id, s.date, s.text, s.quote FROM statement_refs r JOIN statements s ON s.id = r.statement_id
			WHERE r.entity_id = :id AND r.role = 'outlet'` + timeR + ` ORDER BY r.date DESC, r.statement_id LIMIT :k))
		ORDER BY date = '', date DESC, id LIMIT :k`
	out := make([][]graph.StatementLink, len(ids))
	err := s.read(ctx, op, "reading statements around entities", func(t *txn) error {
		st, err := t.stmt(query)
		if err != nil {
			return err
		}
		var all []*graph.StatementLink
		for i, id := range ids {
			args := []any{sql.Named("id", id), sql.Named("k", k)}
			if !tr.IsZero() {
				args = append(args, dateArgs(tr)...)
			}
			list, err := stmtList(t, st, func(row scanner) (graph.StatementLink, error) {
				l := graph.StatementLink{About: []string{}, ReportedBy: []string{}}
				err := row.Scan(&l.ID, &l.Speaker, &l.Date, &l.Text, &l.Quote)
				return l, err
			}, args...)
			if err != nil {
				return err
			}
			out[i] = list
			for j := range list {
				all = append(all, &out[i][j])
			}
		}
		return fillLinkRefs(t, all)
	})
	return out, err
}

// fillLinkRefs sets the about entities and outlets of statement links.
func fillLinkRefs(t *txn, links []*graph.StatementLink) error {
	byID := map[string][]*graph.StatementLink{}
	var sids []string
	for _, l := range links {
		if _, ok := byID[l.ID]; !ok {
			sids = append(sids, l.ID)
		}
		byID[l.ID] = append(byID[l.ID], l)
	}
	return eachRef(t, sids, func(statementID, role string, ref graph.EntityRef) {
		for _, l := range byID[statementID] {
			if role == roleAbout {
				l.About = append(l.About, ref.ID)
			} else {
				l.ReportedBy = append(l.ReportedBy, ref.ID)
			}
		}
	})
}

// StatementCounts returns how many statements within tr name each id:
// the entity's counter, or its counts per date summed over tr.
func (s *Store) StatementCounts(ctx context.Context, ids []string, tr graph.TimeRange) ([]int, error) {
	const op = "sqlite.StatementCounts"
	out := make([]int, len(ids))
	err := s.read(ctx, op, "counting statements", func(t *txn) error {
		if !tr.IsZero() {
			return countEach(t, `SELECT coalesce(sum(count), 0) FROM entity_dates WHERE entity_id = :id AND `+dateCond("date"), ids, out,
				func(id string) []any { return append(dateArgs(tr), sql.Named("id", id)) })
		}
		return rowsByID(t, qStatementCounts, ids, out, func(row scanner) (string, int, error) {
			var id string
			var n int
			err := row.Scan(&id, &n)
			return id, n, err
		})
	})
	return out, err
}

// Timeline returns the statements naming id per month (or year) within
// tr, from its counts per date.
func (s *Store) Timeline(ctx context.Context, id string, tr graph.TimeRange) ([]graph.MonthCount, error) {
	return s.months(ctx, "sqlite.Timeline", `entity_dates WHERE entity_id = :id`, tr, sql.Named("id", id))
}

// months sums the counts per date of the rows of from (a table and its
// condition, whose column date is a date as written) by month within tr.
func (s *Store) months(ctx context.Context, op, from string, tr graph.TimeRange, args ...any) ([]graph.MonthCount, error) {
	cond := `date <> ''`
	if !tr.IsZero() {
		cond = dateCond("date")
		args = append(args, dateArgs(tr)...)
	}
	out := []graph.MonthCount{}
	err := s.read(ctx, op, "reading a timeline", func(t *txn) error {
		var err error
		out, err = queryList(t, `SELECT substr(date, 1, 7) AS period, sum(count) FROM `+from+` AND `+cond+` GROUP BY period ORDER BY period`,
			func(row scanner) (graph.MonthCount, error) {
				var p graph.MonthCount
				err := row.Scan(&p.Month, &p.Count)
				return p, err
			}, args...)
		return err
	})
	return out, err
}

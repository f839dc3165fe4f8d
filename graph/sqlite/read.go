package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

const entityColumns = `e.id, e.kind, e.name, e.aliases, e.mentions, e.documents, e.first_seen, e.last_seen`

// Queries of the reads that traversals repeat, prepared once.
var (
	qEntity   = `SELECT ` + entityColumns + ` FROM entities e WHERE e.id = ?`
	qEntities = `SELECT ` + entityColumns + ` FROM entities e WHERE e.id IN (` + idList + `)`
	// qEntityNodes reads entities with their counters of neighbors (in
	// all, then of each kind of graph.EntityKinds) and their top lists.
	qEntityNodes = `SELECT ` + entityColumns + `, ` + degreeColumns + `, e.top FROM entities e WHERE e.id IN (` + idList + `)`
	qRefs        = `SELECT r.statement_id, r.role, e.id, e.kind, e.name
		FROM statement_refs r JOIN entities e ON e.id = r.entity_id
		WHERE r.statement_id IN (SELECT value FROM json_each(?))
		ORDER BY r.statement_id, r.role, r.pos`
)

// preparedQueries lists the queries that Open prepares: every query of a
// write and the reads above.
func preparedQueries() []string {
	q := []string{
		qDocumentHash, qEntitiesOfDoc, qStatementClash, qSubtractShare, qSubtractAliases, qDeleteStatements,
		qDeleteRelations, qDeleteMentions, qUpsertDocument, qInsertRelation, qDropAliases, qDropSearchRow, qDropOrphans, qRefreshEntity,
		qAddSearchRow, qEntity, qEntities, qEntityNodes, qRefs, qWriteGeneration, qBumpGeneration, qTallyCount,
	}
	return append(append(q, derivedWriteQueries...), linkReadQueries...)
}

type scanner interface{ Scan(dest ...any) error }

// scanEntity reads entityColumns; aliases come out sorted.
func scanEntity(row scanner) (graph.Entity, error) { return scanEntityAnd(row) }

// scanEntityAnd reads entityColumns and, into extra, the columns after
// them.
func scanEntityAnd(row scanner, extra ...any) (graph.Entity, error) {
	var e graph.Entity
	var aliases string
	if err := row.Scan(append([]any{&e.ID, &e.Kind, &e.Name, &aliases, &e.Mentions, &e.Documents, &e.FirstSeen, &e.LastSeen}, extra...)...); err != nil {
		return e, err
	}
	var err error
	if e.Aliases, err = decodeStrings(aliases); err != nil {
		return e, err
	}
	slices.Sort(e.Aliases)
	return e, nil
}

// decodeStrings reads a JSON array of strings, as SQLite's
// json_group_array writes them; it reads them itself unless a string has
// an escape, because a subgraph reads hundreds of entities and
// encoding/json was most of that time.
func decodeStrings(s string) ([]string, error) {
	out := []string{}
	rest, ok := strings.CutPrefix(s, "[")
	if !ok || !strings.HasSuffix(rest, "]") || strings.ContainsRune(rest, '\\') {
		return out, json.Unmarshal([]byte(s), &out)
	}
	rest = rest[:len(rest)-1]
	for rest != "" {
		if rest[0] != '"' {
			return out, json.Unmarshal([]byte(s), &out)
		}
		end := strings.IndexByte(rest[1:], '"')
		if end < 0 {
			return nil, fmt.Errorf("unterminated string in %q", s)
		}
		out = append(out, rest[1:1+end])
		rest = strings.TrimPrefix(rest[2+end:], ",")
	}
	return out, nil
}

// Entity returns the entity with this id, or a NotFound error.
func (s *Store) Entity(ctx context.Context, id string) (graph.Entity, error) {
	const op = "sqlite.Entity"
	var e graph.Entity
	err := s.read(ctx, op, "reading entity "+id, func(t *txn) error {
		var err error
		e, err = scanEntity(t.queryRow(qEntity, id))
		if errors.Is(err, sql.ErrNoRows) {
			return graph.Errorf(graph.NotFound, op, "no entity %q", id)
		}
		return err
	})
	return e, err
}

// Entities returns the entities with these ids in the order given, leaving
// out unknown ids.
func (s *Store) Entities(ctx context.Context, ids []string) ([]graph.Entity, error) {
	const op = "sqlite.Entities"
	byID := make(map[string]graph.Entity, len(ids))
	err := s.read(ctx, op, "reading entities", func(t *txn) error {
		return eachIDChunk(ids, func(_ int, args []any) error {
			rows, err := t.query(qEntities, args...)
			if err != nil {
				return err
			}
			found, err := collect(rows, scanEntity)
			for _, e := range found {
				byID[e.ID] = e
			}
			return err
		})
	})
	out := make([]graph.Entity, 0, len(byID))
	for _, id := range ids {
		if e, ok := byID[id]; ok {
			out = append(out, e)
		}
	}
	return out, err
}

// Nodes returns each id's entity, k heaviest neighbors and (when degrees
// is set) degree under f (see graph.LinkReader). Without a type or time
// filter an entity, its degree and its top list are one row of entities
// (qEntityNodes), and the top list most often holds the neighbors asked
// for: read apart, the entity and degree cost a neighborhood of 500 nodes
// about 12% of its CPU more, and the neighbors read from
// neighbors_by_weight about a third. Rows read once in a write
// generation are served from the row cache.
func (s *Store) Nodes(ctx context.Context, ids []string, k int, f graph.LinkFilter, degrees bool) ([]graph.NodeLinks, error) {
	if !degrees || f.Summed() {
		return graph.NodesOf(ctx, s, ids, k, f, degrees)
	}
	const op = "sqlite.Nodes"
	out := make([]graph.NodeLinks, len(ids))
	kinds := slices.Compact(slices.Sorted(slices.Values(f.Kinds)))
	err := s.read(ctx, op, "reading entities", func(t *txn) error {
		cache, err := s.rowCacheFor(t)
		if err != nil {
			return err
		}
		rows, err := readNodeRows(t, cache, ids)
		if err != nil {
			return err
		}
		tops := make([]topList, len(ids))
		for i, row := range rows {
			out[i].Entity, out[i].Degree, tops[i] = row.entity, row.degrees.of(kinds), row.top
		}
		if k <= 0 {
			return nil
		}
		lists := make([][]graph.Neighbor, len(ids))
		if err := neighborsOf(t, cache, ids, tops, k, kinds, lists); err != nil {
			return err
		}
		for i := range out {
			out[i].Neighbors = lists[i]
		}
		return nil
	})
	return out, err
}

// readNodeRows returns the row of each of ids (zero for an unknown id):
// from the cache, else from qEntityNodes.
func readNodeRows(t *txn, cache cacheView, ids []string) ([]nodeRow, error) {
	rows := make([]nodeRow, len(ids))
	missing := cache.nodeRows(ids, rows)
	if len(missing) == 0 {
		return rows, nil
	}
	misses := make([]string, len(missing))
	at := make(map[string][]int, len(missing))
	for j, i := range missing {
		misses[j] = ids[i]
		at[ids[i]] = append(at[ids[i]], i)
	}
	var read []nodeRow
	err := eachIDChunk(misses, func(_ int, args []any) error {
		got, err := queryList(t, qEntityNodes, scanNodeRow, args...)
		read = append(read, got...)
		return err
	})
	if err != nil {
		return nil, err
	}
	cache.keepNodeRows(read)
	for _, row := range read {
		for _, i := range at[row.entity.ID] {
			rows[i] = row
		}
	}
	return rows, nil
}

// NodesAround returns the root id's and its first ring's reads, with the
// links among the ring (see graph.LinkReader), with Nodes and
// LinksBetween.
func (s *Store) NodesAround(ctx context.Context, id string, k, m, kk, among int, f graph.LinkFilter) (graph.NodeLinks, []graph.NodeLinks, []graph.Link, error) {
	return graph.NodesAroundOf(ctx, s, id, k, m, kk, among, f)
}

// idChunk is how many ids one lookup by id binds: a query costs more in
// the driver than in SQLite, and SQLite reads a list of bound ids in index
// order, which a JSON array it must parse row by row does not give.
const idChunk = 64

// idList is the list of parameters ?1 … ?idChunk of a lookup by id.
var idList = func() string {
	params := make([]string, idChunk)
	for i := range params {
		params[i] = fmt.Sprintf("?%d", i+1)
	}
	return strings.Join(params, ", ")
}()

// eachIDChunk calls fn with the ids of each chunk of ids, as the idChunk
// arguments of a lookup by id (padded with "", which no entity has), and
// the index in ids of the chunk's first.
func eachIDChunk(ids []string, fn func(start int, args []any) error) error {
	for start := 0; start < len(ids); start += idChunk {
		args := make([]any, idChunk, idChunk+2)
		for i := range args {
			args[i] = ""
			if start+i < len(ids) {
				args[i] = ids[start+i]
			}
		}
		if err := fn(start, args); err != nil {
			return err
		}
	}
	return nil
}

// collect scans every row with scan and closes rows.
func collect[T any](rows *sql.Rows, scan func(scanner) (T, error)) ([]T, error) {
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// eachRef calls fn for every about entity and outlet of the statements
// sids, in each statement's order.
func eachRef(t *txn, sids []string, fn func(statementID, role string, ref graph.EntityRef)) error {
	if len(sids) == 0 {
		return nil
	}
	rows, err := t.query(qRefs, jsonArray(sids))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var sid, role string
		var ref graph.EntityRef
		if err := rows.Scan(&sid, &role, &ref.ID, &ref.Kind, &ref.Name); err != nil {
			return err
		}
		fn(sid, role, ref)
	}
	return rows.Err()
}

// An unattributed statement (speaker_id ”) has an empty speaker.
const statementSelect = `SELECT s.id, s.document_id, s.speaker_id, coalesce(sp.kind, ''), coalesce(sp.name, ''), s.text, s.quote, s.cue, s.date,
	s.span_start, s.span_end, d.title, d.source, d.url
	FROM statements s LEFT JOIN entities sp ON sp.id = s.speaker_id JOIN documents d ON d.id = s.document_id`

func scanStatement(row scanner) (graph.Statement, error) {
	st := graph.Statement{About: []graph.EntityRef{}, ReportedBy: []graph.EntityRef{}, Document: &graph.DocumentRef{}}
	err := row.Scan(&st.ID, &st.DocumentID, &st.Speaker.ID, &st.Speaker.Kind, &st.Speaker.Name, &st.Text, &st.Quote,
		&st.Cue, &st.Date, &st.Start, &st.End, &st.Document.Title, &st.Document.Source, &st.Document.URL)
	st.Document.ID, st.Document.Date = st.DocumentID, st.Date
	return st, err
}

// fillRefs sets the About and ReportedBy entities of statements.
func fillRefs(t *txn, statements []graph.Statement) error {
	byID := make(map[string]*graph.Statement, len(statements))
	sids := make([]string, len(statements))
	for i := range statements {
		byID[statements[i].ID] = &statements[i]
		sids[i] = statements[i].ID
	}
	return eachRef(t, sids, func(statementID, role string, ref graph.EntityRef) {
		st := byID[statementID]
		if role == roleAbout {
			st.About = append(st.About, ref)
		} else {
			st.ReportedBy = append(st.ReportedBy, ref)
		}
	})
}

// Statement returns one statement with its entities and its document, or
// a NotFound error.
func (s *Store) Statement(ctx context.Context, id string) (graph.Statement, error) {
	const op = "sqlite.Statement"
	var st graph.Statement
	err := s.read(ctx, op, "reading statement "+id, func(t *txn) error {
		var err error
		st, err = scanStatement(t.queryRow(statementSelect+` WHERE s.id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return graph.Errorf(graph.NotFound, op, "no statement %q", id)
		}
		if err != nil {
			return err
		}
		list := []graph.Statement{st}
		err = fillRefs(t, list)
		st = list[0]
		return err
	})
	return st, err
}

// Statements lists the statements that match every filter set in q,
// newest first (undated last), then by id, reading them in that order
// from the index of the most selective filter: statement_refs_by_pair for
// a speaker with an about entity or an outlet, statement_refs_by_entity
// for an about entity or an outlet, statements_by_speaker,
// statements_by_document, or statements_by_recency. It returns an Invalid
// error naming page_size or page_token when q.Page is out of range.
func (s *Store) Statements(ctx context.Context, q graph.StatementQuery) (graph.StatementPage, error) {
	const op = "sqlite.Statements"
	size, offset, err := q.Page.Normalize()
	if err != nil {
		return graph.StatementPage{}, err
	}
	// drive is the table read in order (its date and id columns), with
	// the conditions that select its range.
	drive, date, id := "", "s.date", "s.id"
	var conds []string
	args := []any{sql.Named("size", size+1), sql.Named("offset", offset)}
	ref := func(role, entity string) {
		drive = ` JOIN statement_refs r ON r.statement_id = s.id`
		date, id = "r.date", "r.statement_id"
		conds = append(conds, `r.entity_id = :entity`, `r.role = '`+role+`'`)
		args = append(args, sql.Named("entity", entity))
		if q.Speaker != "" {
			conds = append(conds, `r.speaker_id = :speaker`)
		}
	}
	switch {
	case q.About != "":
		ref(roleAbout, q.About)
		if q.Outlet != "" {
			conds = append(conds, `EXISTS (SELECT 1 FROM statement_refs o WHERE o.statement_id = s.id AND o.role = 'outlet' AND o.entity_id = :outlet)`)
		}
	case q.Outlet != "":
		ref(roleOutlet, q.Outlet)
	case q.Speaker != "":
		conds = append(conds, `s.speaker_id = :speaker`)
	}
	if q.Speaker != "" {
		args = append(args, sql.Named("speaker", q.Speaker))
	}
	if q.Outlet != "" {
		args = append(args, sql.Named("outlet", q.Outlet))
	}
	if q.Document != "" {
		conds = append(conds, `s.document_id = :document`)
		args = append(args, sql.Named("document", q.Document))
	}
	if !q.Time.IsZero() {
		conds = append(conds, dateCond(date))
		args = append(args, dateArgs(q.Time)...)
	}
	where := ""
	if len(conds) > 0 {
		where = ` WHERE ` + strings.Join(conds, " AND ")
	}
	page := graph.StatementPage{}
	err = s.read(ctx, op, "listing statements", func(t *txn) error {
		rows, err := t.query(statementSelect+drive+where+` ORDER BY `+date+` DESC, `+id+` LIMIT :size OFFSET :offset`, args...)
		if err != nil {
			return err
		}
		list, err := collect(rows, scanStatement)
		if err != nil {
			return err
		}
		more := len(list) > size
		page.Statements = list[:min(len(list), size)]
		page.NextPageToken = graph.NextPageToken(offset, size, more)
		return fillRefs(t, page.Statements)
	})
	return page, err
}

// Document returns one document with its text and its first
// graph.MaxDocumentCopies copies; asked for by the id of a copy, its
// canonical document with RequestedCopy set. It returns a NotFound error
// for an id that is neither.
func (s *Store) Document(ctx context.Context, id string) (graph.Document, error) {
	const op = "sqlite.Document"
	var d graph.Document
	err := s.read(ctx, op, "reading document "+id, func(t *txn) error {
		docID := id
		c, err := scanCopy(t.queryRow(`SELECT `+copyColumns+`, canonical_id FROM document_copies WHERE id = ?`, id), &docID)
		switch {
		case err == nil:
			d.RequestedCopy = &c
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		err = t.queryRow(`SELECT id, title, date, source, url, text, bytes, statements, copies
			FROM documents WHERE id = ?`, docID).
			Scan(&d.ID, &d.Title, &d.Date, &d.Source, &d.URL, &d.Text, &d.Bytes, &d.Statements, &d.CopyCount)
		if errors.Is(err, sql.ErrNoRows) {
			return graph.Errorf(graph.NotFound, op, "no document %q", id)
		}
		if err != nil || d.CopyCount == 0 {
			return err
		}
		d.Copies, err = copiesOf(t, d.ID, graph.MaxDocumentCopies)
		return err
	})
	return d, err
}

// Documents lists documents without their text, newest date first
// (undated last), then by id. It returns an Invalid error naming page_size
// or page_token when q.Page is out of range.
func (s *Store) Documents(ctx context.Context, q graph.DocumentQuery) (graph.DocumentPage, error) {
	const op = "sqlite.Documents"
	size, offset, err := q.Page.Normalize()
	if err != nil {
		return graph.DocumentPage{}, err
	}
	page := graph.DocumentPage{}
	err = s.read(ctx, op, "listing documents", func(t *txn) error {
		rows, err := t.query(`SELECT id, title, date, source, url, bytes, statements, copies
			FROM documents ORDER BY date DESC, id LIMIT ? OFFSET ?`, size+1, offset)
		if err != nil {
			return err
		}
		list, err := collect(rows, func(row scanner) (graph.Document, error) {
			var d graph.Document
			err := row.Scan(&d.ID, &d.Title, &d.Date, &d.Source, &d.URL, &d.Bytes, &d.Statements, &d.CopyCount)
			return d, err
		})
		if err != nil {
			return err
		}
		page.Documents = list[:min(len(list), size)]
		page.NextPageToken = graph.NextPageToken(offset, size, len(list) > size)
		return nil
	})
	return page, err
}

// Stats counts what the store holds, from counters every write keeps
// (see counterDeltas), whatever the size of the graph. Edges counts every
// edge type of the stored graph (zero included): IN one per statement,
// STATED one per statement with a speaker, ABOUT and REPORTED_BY one per statement and entity,
// MENTIONED_IN one per entity and document, and each standing relation
// once per (type, source, target) however many documents state it.
func (s *Store) Stats(ctx context.Context) (graph.Stats, error) {
	const op = "sqlite.Stats"
	st := graph.Stats{ByKind: map[graph.Kind]int{}, Edges: map[string]int{}}
	err := s.read(ctx, op, "counting", func(t *txn) error {
		rows, err := t.query(`SELECT name, value FROM counters`)
		if err != nil {
			return err
		}
		counters := map[string]int{}
		for rows.Next() {
			var name string
			var n int
			if err := rows.Scan(&name, &n); err != nil {
				rows.Close()
				return err
			}
			counters[name] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		st.Documents, st.Statements = counters[counterDocuments], counters[counterStatements]
		for _, k := range graph.EntityKinds {
			st.ByKind[k] = counters[counterKindPrefix+string(k)]
			st.Entities += st.ByKind[k]
		}
		st.Edges[string(graph.RelStated)] = st.Statements - counters[counterUnattributed]
		st.Edges["IN"] = st.Statements
		st.Edges[string(graph.RelAbout)] = counters[counterAbout]
		st.Edges[string(graph.RelReportedBy)] = counters[counterOutlet]
		st.Edges["MENTIONED_IN"] = counters[counterMentioned]
		for _, r := range []graph.RelType{graph.RelAffiliatedWith, graph.RelPartOf, graph.RelBasedIn} {
			st.Edges[string(r)] = counters[counterRelPrefix+string(r)]
		}
		// Both ends of documents_by_date.
		return t.queryRow(`SELECT coalesce((SELECT min(date) FROM documents WHERE date > ''), ''),
			coalesce((SELECT max(date) FROM documents), '')`).Scan(&st.FirstDate, &st.LastDate)
	})
	return st, err
}

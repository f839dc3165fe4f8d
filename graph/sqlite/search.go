package sqlite

import (
	"context"
	"database/sql"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// SearchEntities finds entities whose name or an alias holds every word of
// q.Text in the search language of graph.SearchWords (the last word as a
// prefix, no operators); an exact name match ranks first, then more
// mentions, then id. A query with few full-text matches sorts them; one
// with many reads the entities in mentions order until a page of them
// matches (see searchSortLimit). An empty Text lists every entity, most mentioned
// first; a Text without any letter or digit matches nothing. It returns an
// Invalid error naming q, kind, page_size or page_token for a bad query.
func (s *Store) SearchEntities(ctx context.Context, q graph.EntityQuery) (graph.EntityPage, error) {
	const op = "sqlite.SearchEntities"
	size, offset, err := q.Page.Normalize()
	if err != nil {
		return graph.EntityPage{}, err
	}
	kinds := make([]string, len(q.Kinds))
	for i, k := range q.Kinds {
		if !k.Valid() {
			return graph.EntityPage{}, graph.InvalidParam(op, "kind", "unknown kind %q (want person, organization or country)", k)
		}
		kinds[i] = string(k)
	}
	words, err := graph.SearchWords(q.Text)
	if err != nil {
		return graph.EntityPage{}, err
	}
	page := graph.EntityPage{Entities: []graph.Entity{}}
	if strings.TrimSpace(q.Text) == "" {
		err = s.read(ctx, op, "listing entities", func(t *txn) error {
			rows, err := t.query(`SELECT `+entityColumns+` FROM entities e
				WHERE `+inList("e.kind", "?1")+`
				ORDER BY e.mentions DESC, e.id LIMIT ?2 OFFSET ?3`, jsonArray(kinds), size+1, offset)
			return fillEntityPage(&page, rows, err, offset, size)
		})
		return page, err
	}
	if len(words) == 0 {
		return page, nil
	}
	match := ftsQuery(words)
	exact := graph.Slug(q.Text)
	err = s.read(ctx, op, "searching entities", func(t *txn) error {
		var hits int
		if err := t.queryRow(`SELECT count(*) FROM (SELECT rowid FROM entity_fts WHERE entity_fts MATCH ?1 LIMIT ?2)`,
			match, s.searchSortLimit).Scan(&hits); err != nil {
			return err
		}
		if hits < s.searchSortLimit {
			// Few matches: sorted, a lookup each.
			rows, err := t.query(`SELECT `+entityColumns+` FROM entity_fts f JOIN entities e ON e.rid = f.rowid
				WHERE entity_fts MATCH :match AND `+inList("e.kind", ":kinds")+`
				ORDER BY e.slug = :slug DESC, e.mentions DESC, e.id LIMIT :size OFFSET :offset`,
				sql.Named("match", match), sql.Named("kinds", jsonArray(kinds)), sql.Named("slug", exact),
				sql.Named("size", size+1), sql.Named("offset", offset))
			return fillEntityPage(&page, rows, err, offset, size)
		}
		// Many matches (a common prefix): the entities whose name is the
		// query come first, at most one per kind, found by id (kind:slug);
		// the rest are read in mentions order from entities_by_mentions,
		// each checked against the matches, which stops about a page in
		// rather than sorting thousands.
		var exactIDs []string
		for _, k := range graph.EntityKinds {
			exactIDs = append(exactIDs, graph.EntityID(k, exact))
		}
		// The exact ids are checked by a full-text query kept to their
		// rows, and the matches the ordered read probes are the
		// subquery's own set: with a set built once for both (a
		// materialized CTE) a 2-letter prefix at 100k entities took 8.0
		// ms of SQLite's time, this way 2.1. That set is the busy
		// entities' matches when they fill the page (see busyMentions).
		upto := offset + size + len(exactIDs) + 1
		args := []any{sql.Named("match", match), sql.Named("exact", jsonArray(exactIDs)), sql.Named("kinds", jsonArray(kinds)),
			sql.Named("slug", exact), sql.Named("upto", upto), sql.Named("size", size+1), sql.Named("offset", offset)}
		matches := `SELECT rowid FROM entity_fts WHERE entity_fts MATCH :match`
		var busy int
		err := t.queryRow(`SELECT count(*) FROM (SELECT 1 FROM entities e
			WHERE e.rid IN (SELECT rowid FROM entity_busy_fts WHERE entity_busy_fts MATCH :match)
				AND `+inList("e.kind", ":kinds")+` LIMIT :upto)`, args...).Scan(&busy)
		if err != nil {
			return err
		}
		if busy == upto {
			matches = `SELECT rowid FROM entity_busy_fts WHERE entity_busy_fts MATCH :match`
		}
		rows, err := t.query(`SELECT `+entityColumns+` FROM (
				SELECT f.rowid AS rid FROM entity_fts f WHERE entity_fts MATCH :match
					AND f.rowid IN (SELECT e.rid FROM entities e WHERE e.id IN (SELECT value FROM json_each(:exact))
						AND `+inList("e.kind", ":kinds")+`)
				UNION
				SELECT rid FROM (SELECT e.rid FROM entities e INDEXED BY entities_by_mentions
					WHERE e.rid IN (`+matches+`)
						AND `+inList("e.kind", ":kinds")+`
					ORDER BY e.mentions DESC, e.id LIMIT :upto)
			) p JOIN entities e ON e.rid = p.rid
			ORDER BY e.slug = :slug DESC, e.mentions DESC, e.id LIMIT :size OFFSET :offset`, args...)
		return fillEntityPage(&page, rows, err, offset, size)
	})
	return page, err
}

// searchSortLimit is how many full-text matches a search sorts by
// mentions (a lookup each); with more it reads entities_by_mentions in
// order instead, checking each against the matches. Sorting costs the
// matches; reading in order costs the entities that rank before a page of
// matches, which for a rare name is most of the index: at 100k entities a
// full name took about 10 ms of CPU that way and 0.3 ms sorted, while a
// two-letter prefix (8,400 matches) would sort thousands.
const searchSortLimit = 1024

// fillEntityPage reads one page of entities into p (the query asked for
// size+1 rows to know whether another page follows).
func fillEntityPage(p *graph.EntityPage, rows *sql.Rows, err error, offset, size int) error {
	if err != nil {
		return err
	}
	list, err := collect(rows, scanEntity)
	if err != nil {
		return err
	}
	p.Entities = list[:min(len(list), size)]
	p.NextPageToken = graph.NextPageToken(offset, size, len(list) > size)
	return nil
}

// ftsQuery turns search words into an FTS5 query: each word a quoted
// string, so that FTS5 reads nothing in them as syntax, and the last a
// prefix.
func ftsQuery(words []string) string {
	terms := make([]string, len(words))
	for i, w := range words {
		terms[i] = `"` + w + `"`
	}
	terms[len(terms)-1] += "*"
	return strings.Join(terms, " ")
}

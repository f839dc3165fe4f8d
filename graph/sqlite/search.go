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
// mentions, then id. An empty Text lists every entity, most mentioned
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
				WHERE json_array_length(?1) = 0 OR e.kind IN (SELECT value FROM json_each(?1))
				ORDER BY e.mentions DESC, e.id LIMIT ?2 OFFSET ?3`, jsonArray(kinds), size+1, offset)
			return fillEntityPage(&page, rows, err, offset, size)
		})
		return page, err
	}
	if len(words) == 0 {
		return page, nil
	}
	match := ftsQuery(words)
	err = s.read(ctx, op, "searching entities", func(t *txn) error {
		rows, err := t.query(`SELECT `+entityColumns+`
			FROM entity_fts JOIN entities e ON e.rid = entity_fts.rowid
			WHERE entity_fts MATCH ?1 AND (json_array_length(?2) = 0 OR e.kind IN (SELECT value FROM json_each(?2)))
			ORDER BY e.slug = ?3 DESC, e.mentions DESC, e.id LIMIT ?4 OFFSET ?5`,
			match, jsonArray(kinds), graph.Slug(q.Text), size+1, offset)
		return fillEntityPage(&page, rows, err, offset, size)
	})
	return page, err
}

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

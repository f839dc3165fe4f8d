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
	// The entities whose name is the query come first: at most one per
	// kind, found by id (kind:slug). The rest are read in mentions order
	// from entities_by_mentions, each checked against the set the
	// full-text index matches, so that a common prefix ("ma", thousands of
	// names) reads about a page of entities rather than sorting them all.
	exact := graph.Slug(q.Text)
	var exactIDs []string
	for _, k := range graph.EntityKinds {
		exactIDs = append(exactIDs, graph.EntityID(k, exact))
	}
	err = s.read(ctx, op, "searching entities", func(t *txn) error {
		rows, err := t.query(`WITH hits(rid) AS MATERIALIZED (SELECT rowid FROM entity_fts WHERE entity_fts MATCH :match)
			SELECT `+entityColumns+` FROM (
				SELECT e.rid FROM entities e WHERE e.id IN (SELECT value FROM json_each(:exact)) AND e.rid IN hits
					AND (json_array_length(:kinds) = 0 OR e.kind IN (SELECT value FROM json_each(:kinds)))
				UNION
				SELECT rid FROM (SELECT e.rid FROM entities e INDEXED BY entities_by_mentions
					WHERE e.rid IN hits AND (json_array_length(:kinds) = 0 OR e.kind IN (SELECT value FROM json_each(:kinds)))
					ORDER BY e.mentions DESC, e.id LIMIT :upto)
			) p JOIN entities e ON e.rid = p.rid
			ORDER BY e.slug = :slug DESC, e.mentions DESC, e.id LIMIT :size OFFSET :offset`,
			sql.Named("match", match), sql.Named("exact", jsonArray(exactIDs)), sql.Named("kinds", jsonArray(kinds)),
			sql.Named("slug", exact), sql.Named("upto", offset+size+len(exactIDs)+1),
			sql.Named("size", size+1), sql.Named("offset", offset))
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

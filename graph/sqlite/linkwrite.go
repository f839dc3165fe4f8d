package sqlite

import (
	"cmp"
	"encoding/json"
	"maps"
	"slices"

	"github.com/entitygraph/entitygraph/graph"
)

// The link layer's write: a document's shares (graph.LinkShares,
// graph.EntityShares) are added and those of the version it replaces
// subtracted, in the same transaction as its rows. Only the difference is
// applied, so rewriting a document that changed a little costs a little.

const (
	qStoredStatements = `SELECT s.id, s.speaker_id, s.date FROM statements s WHERE s.document_id = ?1 ORDER BY s.id`
	qStoredRefs       = `SELECT r.statement_id, r.role, r.entity_id FROM statements s
		JOIN statement_refs r ON r.statement_id = s.id WHERE s.document_id = ?1 ORDER BY r.statement_id, r.role, r.pos`
	qStoredRelations = `SELECT type, source, target, role FROM relations WHERE document_id = ?1 ORDER BY 1, 2, 3, 4`

	qAddLinkDate = `INSERT INTO link_dates (source, target, type, date, date_first, date_last, count)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
		ON CONFLICT (source, target, type, date) DO UPDATE SET count = link_dates.count + excluded.count
		RETURNING count`
	qDropLinkDate = `DELETE FROM link_dates WHERE source = ?1 AND target = ?2 AND type = ?3 AND date = ?4 AND count <= 0`
	qAddLink      = `INSERT INTO links (source, target, type, count) VALUES (?1, ?2, ?3, ?4)
		ON CONFLICT (source, target, type) DO UPDATE SET count = links.count + excluded.count
		RETURNING count`
	qDropLink      = `DELETE FROM links WHERE source = ?1 AND target = ?2 AND type = ?3 AND count <= 0`
	qLinkFirstLast = `SELECT coalesce(min(date), ''), coalesce(max(date), '') FROM link_dates WHERE source = ?1 AND target = ?2 AND type = ?3 AND date > ''`
	qSetLinkDates  = `UPDATE links SET first = ?4, last = ?5 WHERE source = ?1 AND target = ?2 AND type = ?3`
	qLinkRole      = `SELECT coalesce(min(role), '') FROM relations WHERE source = ?1 AND target = ?2 AND type = ?3 AND role > ''`
	qSetLinkRole   = `UPDATE links SET role = ?4 WHERE source = ?1 AND target = ?2 AND type = ?3`
	qLinkSample    = `SELECT sample FROM links WHERE source = ?1 AND target = ?2 AND type = ?3`
	qSetLinkSample = `UPDATE links SET sample = ?4 WHERE source = ?1 AND target = ?2 AND type = ?3`
	qNewestOfLink  = `SELECT date, statement_id FROM statement_refs WHERE entity_id = ?2 AND role = ?3 AND speaker_id = ?1 ORDER BY date DESC, statement_id LIMIT ?4`
	qAddNeighbor   = `INSERT INTO neighbors (entity, other, other_kind, weight) VALUES (?1, ?2, ?3, ?4)
		ON CONFLICT (entity, other) DO UPDATE SET weight = neighbors.weight + excluded.weight
		RETURNING weight`
	qDropNeighbor = `DELETE FROM neighbors WHERE entity = ?1 AND other = ?2 AND weight <= 0`
	qAddDegree    = `UPDATE entities SET degree = degree + ?2,
		degree_person = degree_person + (CASE ?3 WHEN 'person' THEN ?2 ELSE 0 END),
		degree_organization = degree_organization + (CASE ?3 WHEN 'organization' THEN ?2 ELSE 0 END),
		degree_country = degree_country + (CASE ?3 WHEN 'country' THEN ?2 ELSE 0 END)
		WHERE id = ?1`
	qAddEntityDate = `INSERT INTO entity_dates (entity_id, date, date_first, date_last, count) VALUES (?1, ?2, ?3, ?4, ?5)
		ON CONFLICT (entity_id, date) DO UPDATE SET count = entity_dates.count + excluded.count`
	qDropEntityDate    = `DELETE FROM entity_dates WHERE entity_id = ?1 AND date = ?2 AND count <= 0`
	qAddEntityStatemts = `UPDATE entities SET statements = statements + ?2 WHERE id = ?1`
	qAddCounter        = `INSERT INTO counters (name, value) VALUES (?1, ?2)
		ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value`
)

// linkWriteQueries lists the queries above, for Open to prepare.
var linkWriteQueries = []string{
	qStoredStatements, qStoredRefs, qStoredRelations, qAddLinkDate, qDropLinkDate, qAddLink, qDropLink,
	qLinkFirstLast, qSetLinkDates, qLinkRole, qSetLinkRole, qLinkSample, qSetLinkSample, qNewestOfLink,
	qAddNeighbor, qDropNeighbor, qAddDegree, qAddEntityDate, qDropEntityDate, qAddEntityStatemts, qAddCounter,
}

// Counter names of the counters table.
const (
	counterDocuments  = "documents"
	counterStatements = "statements"
	counterMentioned  = "mentioned_in"
	counterAbout      = "about"
	counterOutlet     = "outlet"
	counterKindPrefix = "kind:"
	counterRelPrefix  = "rel:"
)

// storedExtraction returns what the store holds of document id as much of
// an extraction as its link shares need (date, statements with their
// speakers, about entities and outlets, relations); an empty one when the
// document is new.
func storedExtraction(t *txn, id, date string) (*graph.Extraction, error) {
	x := &graph.Extraction{Document: graph.Document{ID: id, Date: date}}
	rows, err := t.query(qStoredStatements, id)
	if err != nil {
		return nil, err
	}
	byID := map[string]int{}
	for rows.Next() {
		var st graph.Statement
		if err := rows.Scan(&st.ID, &st.Speaker.ID, &x.Document.Date); err != nil {
			rows.Close()
			return nil, err
		}
		byID[st.ID] = len(x.Statements)
		x.Statements = append(x.Statements, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(x.Statements) > 0 {
		rows, err = t.query(qStoredRefs, id)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var sid, role, entity string
			if err := rows.Scan(&sid, &role, &entity); err != nil {
				rows.Close()
				return nil, err
			}
			st := &x.Statements[byID[sid]]
			if role == roleAbout {
				st.About = append(st.About, graph.EntityRef{ID: entity})
			} else {
				st.ReportedBy = append(st.ReportedBy, graph.EntityRef{ID: entity})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	rows, err = t.query(qStoredRelations, id)
	if err != nil {
		return nil, err
	}
	x.Relations, err = collect(rows, func(row scanner) (graph.Relation, error) {
		var r graph.Relation
		err := row.Scan(&r.Type, &r.Source, &r.Target, &r.Role)
		return r, err
	})
	return x, err
}

// dateShare is one link's count at one date.
type dateShare struct {
	key  graph.LinkKey
	date string
}

// linkChange is what a rewrite changes of one link.
type linkChange struct {
	delta     int
	dates     map[string]int
	added     []sampleItem // statements of the new version
	removed   []string     // statements of the old version
	relations bool
}

type sampleItem struct{ Date, ID string }

// updateLinks applies the difference between the link and entity shares
// of old and x (the old and new version of one document): links, their
// dates, samples and roles, neighbors and degrees, entity timelines, and
// the counters of /stats.
func updateLinks(t *txn, old, x *graph.Extraction) error {
	changes := map[graph.LinkKey]*linkChange{}
	change := func(k graph.LinkKey) *linkChange {
		c, ok := changes[k]
		if !ok {
			c = &linkChange{dates: map[string]int{}, relations: k.Type.IsStanding()}
			changes[k] = c
		}
		return c
	}
	for _, s := range graph.LinkShares(old) {
		c := change(s.LinkKey)
		c.delta -= s.Count
		c.dates[s.Date] -= s.Count
		c.removed = append(c.removed, s.Statements...)
	}
	for _, s := range graph.LinkShares(x) {
		c := change(s.LinkKey)
		c.delta += s.Count
		c.dates[s.Date] += s.Count
		for _, id := range s.Statements {
			c.added = append(c.added, sampleItem{s.Date, id})
		}
	}
	keys := slices.SortedFunc(maps.Keys(changes), compareKeys)
	pairs := map[graph.Pair]int{}
	for _, k := range keys {
		c := changes[k]
		if err := updateLink(t, k, c); err != nil {
			return err
		}
		if c.delta != 0 {
			a, b := k.Source, k.Target
			if a > b {
				a, b = b, a
			}
			pairs[graph.Pair{A: a, B: b}] += c.delta
		}
	}
	for _, p := range slices.SortedFunc(maps.Keys(pairs), func(a, b graph.Pair) int {
		return cmp.Or(cmp.Compare(a.A, b.A), cmp.Compare(a.B, b.B))
	}) {
		if d := pairs[p]; d != 0 {
			if err := updateNeighbor(t, p.A, p.B, d); err != nil {
				return err
			}
			if err := updateNeighbor(t, p.B, p.A, d); err != nil {
				return err
			}
		}
	}
	return updateEntityDates(t, old, x)
}

// compareKeys orders links as the links table's primary key does, so that
// a write touches its rows in index order.
func compareKeys(a, b graph.LinkKey) int {
	return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target), cmp.Compare(a.Type, b.Type))
}

// updateLink applies one link's change: its counts per date and in all,
// its first and last date when a date appeared or went, its sample, and a
// standing relation's role.
func updateLink(t *txn, k graph.LinkKey, c *linkChange) error {
	args := []any{k.Source, k.Target, string(k.Type)}
	datesChanged := false
	for _, date := range slices.Sorted(maps.Keys(c.dates)) {
		d := c.dates[date]
		if d == 0 {
			continue
		}
		first, last := graph.DateBounds(date)
		var n int
		if err := t.queryRow(qAddLinkDate, k.Source, k.Target, string(k.Type), date, first, last, d).Scan(&n); err != nil {
			return err
		}
		if n <= 0 {
			if err := t.exec(qDropLinkDate, k.Source, k.Target, string(k.Type), date); err != nil {
				return err
			}
		}
		datesChanged = datesChanged || n <= 0 || n == d
	}
	var count int
	if err := t.queryRow(qAddLink, append(args, c.delta)...).Scan(&count); err != nil {
		return err
	}
	if count <= 0 {
		if c.relations {
			if err := t.exec(qAddCounter, counterRelPrefix+string(k.Type), -1); err != nil {
				return err
			}
		}
		return t.exec(qDropLink, args...)
	}
	if c.relations && count == c.delta {
		if err := t.exec(qAddCounter, counterRelPrefix+string(k.Type), 1); err != nil {
			return err
		}
	}
	if datesChanged {
		var first, last string
		if err := t.queryRow(qLinkFirstLast, args...).Scan(&first, &last); err != nil {
			return err
		}
		if err := t.exec(qSetLinkDates, append(args, first, last)...); err != nil {
			return err
		}
	}
	if c.relations {
		var role string
		if err := t.queryRow(qLinkRole, args...).Scan(&role); err != nil {
			return err
		}
		return t.exec(qSetLinkRole, append(args, role)...)
	}
	return updateSample(t, k, c)
}

// updateSample keeps a link's sample the newest statements: new ones
// enter by date; when one of the sample is gone, the sample is read again
// from the statements' index.
func updateSample(t *txn, k graph.LinkKey, c *linkChange) error {
	args := []any{k.Source, k.Target, string(k.Type)}
	var raw string
	if err := t.queryRow(qLinkSample, args...).Scan(&raw); err != nil {
		return err
	}
	var sample [][2]string
	if err := json.Unmarshal([]byte(raw), &sample); err != nil {
		return err
	}
	items := make([]sampleItem, 0, len(sample)+len(c.added))
	stale := false
	for _, s := range sample {
		if slices.Contains(c.removed, s[1]) {
			stale = true
			break
		}
		items = append(items, sampleItem{s[0], s[1]})
	}
	if stale {
		role := roleAbout
		if k.Type == graph.RelReportedBy {
			role = roleOutlet
		}
		rows, err := t.query(qNewestOfLink, k.Source, k.Target, role, graph.MaxEdgeSample)
		if err != nil {
			return err
		}
		items, err = collect(rows, func(row scanner) (sampleItem, error) {
			var s sampleItem
			err := row.Scan(&s.Date, &s.ID)
			return s, err
		})
		if err != nil {
			return err
		}
	} else {
		if len(c.added) == 0 {
			return nil
		}
		for _, a := range c.added {
			if !slices.ContainsFunc(items, func(s sampleItem) bool { return s.ID == a.ID }) {
				items = append(items, a)
			}
		}
		slices.SortFunc(items, func(a, b sampleItem) int { return graph.SampleOrder(a.Date, a.ID, b.Date, b.ID) })
	}
	out := make([][2]string, 0, graph.MaxEdgeSample)
	for _, s := range items[:min(len(items), graph.MaxEdgeSample)] {
		out = append(out, [2]string{s.Date, s.ID})
	}
	b, err := json.Marshal(out)
	if err != nil {
		return err
	}
	return t.exec(qSetLinkSample, append(args, string(b))...)
}

// updateNeighbor adds d to the weight of entity's row for other, creating
// or dropping the row (and counting it in entity's degrees) as the weight
// leaves or reaches zero.
func updateNeighbor(t *txn, entity, other string, d int) error {
	kind := string(graph.KindOfID(other))
	var w int
	if err := t.queryRow(qAddNeighbor, entity, other, kind, d).Scan(&w); err != nil {
		return err
	}
	switch {
	case w <= 0:
		if err := t.exec(qDropNeighbor, entity, other); err != nil {
			return err
		}
		return t.exec(qAddDegree, entity, -1, kind)
	case w == d:
		return t.exec(qAddDegree, entity, 1, kind)
	}
	return nil
}

// updateEntityDates applies the difference of the entity shares (how many
// statements name each entity, per date) of old and x.
func updateEntityDates(t *txn, old, x *graph.Extraction) error {
	type key struct{ entity, date string }
	delta := map[key]int{}
	for _, s := range graph.EntityShares(old) {
		delta[key{s.Entity, s.Date}] -= s.Count
	}
	for _, s := range graph.EntityShares(x) {
		delta[key{s.Entity, s.Date}] += s.Count
	}
	keys := slices.SortedFunc(maps.Keys(delta), func(a, b key) int {
		return cmp.Or(cmp.Compare(a.entity, b.entity), cmp.Compare(a.date, b.date))
	})
	for _, k := range keys {
		d := delta[k]
		if d == 0 {
			continue
		}
		first, last := graph.DateBounds(k.date)
		if err := t.exec(qAddEntityDate, k.entity, k.date, first, last, d); err != nil {
			return err
		}
		if d < 0 {
			if err := t.exec(qDropEntityDate, k.entity, k.date); err != nil {
				return err
			}
		}
		if err := t.exec(qAddEntityStatemts, k.entity, d); err != nil {
			return err
		}
	}
	return nil
}

package sqlite

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// The derived tables' write. A document's rows (documents, entity rows,
// statements, refs, relations) are written as it comes; what it changes
// in the tables derived from them (the link layer, timelines, entity
// aggregates and search rows, the counters of /stats) is collected over
// every document of the transaction and applied once at its end, each
// table with statements over many rows (see rowsQuery): a hub entity that every
// document of a batch names is updated once per batch, not once per
// document. A document's share of the link layer is graph.LinkShares and
// graph.EntityShares; a rewrite subtracts the shares of the version it
// replaces, read from that version's rows before they go.

const (
	qStoredStatements = `SELECT s.id, s.speaker_id, s.date, s.text, s.quote, s.cue FROM statements s WHERE s.document_id = ?1 ORDER BY s.id`
	qStoredRefs       = `SELECT r.statement_id, r.role, r.entity_id FROM statements s
		JOIN statement_refs r ON r.statement_id = s.id WHERE s.document_id = ?1 ORDER BY r.statement_id, r.role, r.pos`
	qStoredRelations = `SELECT type, source, target, role FROM relations WHERE document_id = ?1 ORDER BY 1, 2, 3, 4`

	qNewestOfLink = `SELECT date, statement_id FROM statement_refs
		WHERE entity_id = ?2 AND role = ?3 AND speaker_id = ?1 ORDER BY date DESC, statement_id LIMIT ?4`
)

// The statements over the rows of a batch (see rowsQuery).
var (
	qApplyLinkDates = newRowsQuery(5, `INSERT INTO link_dates (source, target, type, date, count) VALUES %s
		ON CONFLICT (source, target, type, date) DO UPDATE SET count = link_dates.count + excluded.count
		RETURNING source, target, type, count`)
	qDropLinkDates = newRowsQuery(3, `DELETE FROM link_dates WHERE count <= 0 AND (source, target, type) IN (VALUES %s)`)
	// A new date can only widen a link's first and last; excluded.first
	// and excluded.last are the oldest and newest dates the write adds.
	qApplyLinks = newRowsQuery(6, `INSERT INTO links (source, target, type, count, first, last) VALUES %s
		ON CONFLICT (source, target, type) DO UPDATE SET count = links.count + excluded.count,
			first = CASE WHEN excluded.first <> '' AND (links.first = '' OR excluded.first < links.first) THEN excluded.first ELSE links.first END,
			last = CASE WHEN excluded.last > links.last THEN excluded.last ELSE links.last END
		RETURNING source, target, type, count`)
	qDropLinks = newRowsQuery(3, `DELETE FROM links WHERE count <= 0 AND (source, target, type) IN (VALUES %s)`)
	// Links that lost a date read their first and last again.
	qRedateLinks = newRowsQuery(3, `UPDATE links SET
		first = coalesce((SELECT min(d.date) FROM link_dates d WHERE d.source = links.source AND d.target = links.target AND d.type = links.type AND d.date > ''), ''),
		last = coalesce((SELECT max(d.date) FROM link_dates d WHERE d.source = links.source AND d.target = links.target AND d.type = links.type AND d.date > ''), '')
		WHERE (source, target, type) IN (VALUES %s)`)
	qRoleLinks = newRowsQuery(3, `UPDATE links SET role = coalesce((SELECT min(r.role) FROM relations r
			WHERE r.source = links.source AND r.target = links.target AND r.type = links.type AND r.role > ''), '')
		WHERE (source, target, type) IN (VALUES %s)`)
	qLinkSamples = newRowsQuery(3, `SELECT source, target, type, sample FROM links WHERE (source, target, type) IN (VALUES %s)`)
	qSetSamples  = newRowsQuery(4, `WITH v(v_source, v_target, v_type, v_sample) AS (VALUES %s)
		UPDATE links SET sample = v_sample FROM v WHERE source = v_source AND target = v_target AND type = v_type`)
	qApplyNeighbors = newRowsQuery(4, `INSERT INTO neighbors (entity, other, other_kind, weight) VALUES %s
		ON CONFLICT (entity, other) DO UPDATE SET weight = neighbors.weight + excluded.weight
		RETURNING entity, other, other_kind, weight`)
	qDropNeighbors    = newRowsQuery(2, `DELETE FROM neighbors WHERE weight <= 0 AND (entity, other) IN (VALUES %s)`)
	qApplyEntityDates = newRowsQuery(3, `INSERT INTO entity_dates (entity_id, date, count) VALUES %s
		ON CONFLICT (entity_id, date) DO UPDATE SET count = entity_dates.count + excluded.count`)
	qDropEntityDates = newRowsQuery(1, `DELETE FROM entity_dates WHERE count <= 0 AND entity_id IN (VALUES %s)`)
	qApplyAliases    = newRowsQuery(3, `INSERT INTO entity_aliases (entity_id, alias, documents) VALUES %s
		ON CONFLICT (entity_id, alias) DO UPDATE SET documents = entity_aliases.documents + excluded.documents
		RETURNING entity_id, alias, documents`)
	qApplyCounters = newRowsQuery(2, `INSERT INTO counters (name, value) VALUES %s
		ON CONFLICT (name) DO UPDATE SET value = counters.value + excluded.value`)
	// qApplyEntities adds to entities' running sums; a new date can only
	// widen first and last seen. An entity whose neighbors rows changed
	// (v_relinked) reads its top list again, after applyNeighbors wrote
	// them.
	qApplyEntities = newRowsQuery(11, `WITH v(v_id, v_mentions, v_documents, v_statements, v_degree,
			v_person, v_organization, v_country, v_first, v_last, v_relinked) AS (VALUES %s)
		UPDATE entities SET mentions = mentions + v_mentions, documents = documents + v_documents,
		statements = statements + v_statements, degree = degree + v_degree,
		degree_person = degree_person + v_person, degree_organization = degree_organization + v_organization,
		degree_country = degree_country + v_country,
		first_seen = CASE WHEN v_first <> '' AND (first_seen = '' OR v_first < first_seen) THEN v_first ELSE first_seen END,
		last_seen = CASE WHEN v_last > last_seen THEN v_last ELSE last_seen END,
		top = CASE WHEN v_relinked THEN `+topListOf("entities.id")+` ELSE top END
		FROM v WHERE entities.id = v_id
		RETURNING id, mentions`)
)

// derivedWriteQueries lists the queries above, for Open to prepare.
var derivedWriteQueries = []string{
	qStoredStatements, qStoredRefs, qStoredRelations, qNewestOfLink, qDropBusySearchRows, qAddBusySearchRowsOf,
}

// Counter names of the counters table.
const (
	counterDocuments  = "documents"
	counterStatements = "statements"
	// counterUnattributed counts the statements without a speaker (see
	// graph.Curation), which have no STATED edge.
	counterUnattributed = "unattributed"
	counterMentioned    = "mentioned_in"
	counterAbout        = "about"
	counterOutlet       = "outlet"
	counterKindPrefix   = "kind:"
	counterRelPrefix    = "rel:"
)

// storedExtraction returns what the store holds of document id as much of
// an extraction as its link shares and tallies need (date, statements
// with their speakers, text, quote, cue, about entities and outlets,
// relations); an empty one when the document is new.
func storedExtraction(t *txn, id, date string) (*graph.Extraction, error) {
	x := &graph.Extraction{Document: graph.Document{ID: id, Date: date}}
	rows, err := t.query(qStoredStatements, id)
	if err != nil {
		return nil, err
	}
	byID := map[string]int{}
	for rows.Next() {
		var st graph.Statement
		if err := rows.Scan(&st.ID, &st.Speaker.ID, &x.Document.Date, &st.Text, &st.Quote, &st.Cue); err != nil {
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

// derived collects what the documents of one transaction change in the
// derived tables (see the top of this file).
type derived struct {
	links       map[graph.LinkKey]*linkChange
	entityDates map[entityDate]int
	counters    map[string]int
	// dirty are the entities whose name, aliases or existence may have
	// changed (new, given a new alias, or named by a version replaced):
	// their aggregates and search rows are read again. dates are, for the
	// entities the new versions name, the range of those versions'
	// dates, which can only widen first and last seen.
	dirty map[string]bool
	dates map[string][2]string
	// entities and aliases are what the new versions add to the
	// entities' running sums and alias counts (a replaced version's share
	// is taken out as it goes, from its rows).
	entities map[string]*entityChange
	aliases  map[[2]string]int
	// tallies is what the documents change in the tally layer.
	tallies map[tallyDate]int
}

// entityChange is what a transaction adds to one entity's running sums.
type entityChange struct {
	mentions, documents, statements int
	// degrees: in all, then per neighbor kind (graph.EntityKinds order).
	degrees [4]int
	// relinked: a neighbors row of the entity changed, so its top list
	// (see schemaV7) is read again.
	relinked bool
}

// entity returns the change of the entity id, creating it.
func (d *derived) entity(id string) *entityChange {
	c, ok := d.entities[id]
	if !ok {
		c = &entityChange{}
		d.entities[id] = c
	}
	return c
}

// linkChange is what the transaction changes of one link.
type linkChange struct {
	delta   int
	dates   map[string]int
	added   []sampleItem // statements the new versions give it
	removed []string     // statements the old versions gave it
}

type sampleItem struct{ Date, ID string }

type entityDate struct{ entity, date string }

func newDerived() *derived {
	return &derived{links: map[graph.LinkKey]*linkChange{}, entityDates: map[entityDate]int{},
		counters: map[string]int{}, dirty: map[string]bool{}, dates: map[string][2]string{},
		entities: map[string]*entityChange{}, aliases: map[[2]string]int{}, tallies: map[tallyDate]int{}}
}

// seen records that a new version dated date names the entity id.
func (d *derived) seen(id, date string) {
	r, ok := d.dates[id]
	switch {
	case !ok:
		r = [2]string{date, date}
	case date == "":
	case r[0] == "" || date < r[0]:
		r[0] = date
	}
	if date > r[1] {
		r[1] = date
	}
	d.dates[id] = r
}

// replace adds the change from old to x, two versions of one document
// (old empty for a new document).
func (d *derived) replace(old, x *graph.Extraction) {
	change := func(k graph.LinkKey) *linkChange {
		c, ok := d.links[k]
		if !ok {
			c = &linkChange{dates: map[string]int{}}
			d.links[k] = c
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
	for _, s := range graph.EntityShares(old) {
		d.entityDates[entityDate{s.Entity, s.Date}] -= s.Count
	}
	for _, s := range graph.EntityShares(x) {
		d.entityDates[entityDate{s.Entity, s.Date}] += s.Count
	}
	d.addTallies(old, -1)
	d.addTallies(x, 1)
	d.counters[counterStatements] += len(x.Statements) - len(old.Statements)
	d.counters[counterUnattributed] += unattributed(x) - unattributed(old)
	for _, v := range []struct {
		x    *graph.Extraction
		sign int
	}{{old, -1}, {x, 1}} {
		about, outlets := refCounts(v.x)
		d.counters[counterAbout] += v.sign * about
		d.counters[counterOutlet] += v.sign * outlets
	}
}

// unattributed returns how many statements of x have no speaker.
func unattributed(x *graph.Extraction) int {
	n := 0
	for _, st := range x.Statements {
		if st.Speaker.ID == "" {
			n++
		}
	}
	return n
}

// apply writes the collected changes.
func (d *derived) apply(t *txn) error {
	if err := d.applyLinks(t); err != nil {
		return err
	}
	if err := d.applyEntityDates(t); err != nil {
		return err
	}
	if err := d.applyTallies(t); err != nil {
		return err
	}
	if err := d.applyAliases(t); err != nil {
		return err
	}
	mentions, err := d.applyEntities(t)
	if err != nil {
		return err
	}
	if err := d.refreshEntities(t, mentions); err != nil {
		return err
	}
	return d.writeCounters(t)
}

// writeCounters adds the collected counter changes to the counters table.
func (d *derived) writeCounters(t *txn) error {
	var rows [][]any
	for _, name := range slices.Sorted(maps.Keys(d.counters)) {
		if n := d.counters[name]; n != 0 {
			rows = append(rows, []any{name, n})
		}
	}
	return execRows(t, qApplyCounters, rows)
}

// compareKeys orders links as the links table's primary key does.
func compareKeys(a, b graph.LinkKey) int {
	return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Target, b.Target), cmp.Compare(a.Type, b.Type))
}

func keyRow(k graph.LinkKey) []any { return []any{k.Source, k.Target, string(k.Type)} }

// applyLinks applies the links' changes: counts per date and in all,
// first and last dates, standing relations' roles, samples, and the
// neighbors and degrees of their ends.
func (d *derived) applyLinks(t *txn) error {
	keys := slices.SortedFunc(maps.Keys(d.links), compareKeys)
	var dateRows, linkRows, relationKeys [][]any
	for _, k := range keys {
		c := d.links[k]
		first, last := "", ""
		for _, date := range slices.Sorted(maps.Keys(c.dates)) {
			n := c.dates[date]
			if n == 0 {
				continue
			}
			dateRows = append(dateRows, []any{k.Source, k.Target, string(k.Type), date, n})
			if n > 0 && date != "" {
				if first == "" {
					first = date
				}
				last = date
			}
		}
		if c.delta != 0 || first != "" {
			linkRows = append(linkRows, []any{k.Source, k.Target, string(k.Type), c.delta, first, last})
		}
		if k.Type.IsStanding() {
			relationKeys = append(relationKeys, keyRow(k))
		}
	}
	// Dates whose count reached zero go; their links read first and last
	// again.
	var redate [][]any
	err := queryRows(t, qApplyLinkDates, dateRows, func(row scanner) error {
		var k graph.LinkKey
		var n int
		if err := row.Scan(&k.Source, &k.Target, &k.Type, &n); err != nil {
			return err
		}
		if n <= 0 {
			redate = append(redate, keyRow(k))
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := execRows(t, qDropLinkDates, redate); err != nil {
		return err
	}
	var gone [][]any
	err = queryRows(t, qApplyLinks, linkRows, func(row scanner) error {
		var k graph.LinkKey
		var n int
		if err := row.Scan(&k.Source, &k.Target, &k.Type, &n); err != nil {
			return err
		}
		before := n - d.links[k].delta
		switch {
		case n <= 0:
			gone = append(gone, keyRow(k))
			if k.Type.IsStanding() {
				d.counters[counterRelPrefix+string(k.Type)]--
			}
		case before <= 0 && k.Type.IsStanding():
			d.counters[counterRelPrefix+string(k.Type)]++
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, q := range []struct {
		query rowsQuery
		rows  [][]any
	}{{qDropLinks, gone}, {qRedateLinks, redate}, {qRoleLinks, relationKeys}} {
		if err := execRows(t, q.query, q.rows); err != nil {
			return err
		}
	}
	if err := d.updateSamples(t, keys); err != nil {
		return err
	}
	return d.applyNeighbors(t, keys)
}

// updateSamples keeps each changed statement link's sample its newest
// statements: new ones enter by date; a sample that lost one of its
// statements is read again from the statements' index.
func (d *derived) updateSamples(t *txn, keys []graph.LinkKey) error {
	var changed [][]any
	for _, k := range keys {
		if c := d.links[k]; !k.Type.IsStanding() && (len(c.added) > 0 || len(c.removed) > 0) {
			changed = append(changed, keyRow(k))
		}
	}
	type stored struct {
		k   graph.LinkKey
		raw string
	}
	var samples []stored
	err := queryRows(t, qLinkSamples, changed, func(row scanner) error {
		var s stored
		err := row.Scan(&s.k.Source, &s.k.Target, &s.k.Type, &s.raw)
		samples = append(samples, s)
		return err
	})
	if err != nil {
		return err
	}
	var out [][]any
	for _, st := range samples {
		c := d.links[st.k]
		items := decodeSample(st.raw)
		// A statement both added and removed in this transaction (a
		// document written, then folded into another or rewritten) may
		// or may not be there now: the index says.
		stale := false
		for _, s := range items {
			stale = stale || slices.Contains(c.removed, s.ID)
		}
		for _, a := range c.added {
			stale = stale || slices.Contains(c.removed, a.ID)
		}
		if stale {
			if items, err = newestOfLink(t, st.k); err != nil {
				return err
			}
		} else {
			for _, a := range c.added {
				if !slices.ContainsFunc(items, func(s sampleItem) bool { return s.ID == a.ID }) {
					items = append(items, a)
				}
			}
			slices.SortFunc(items, func(a, b sampleItem) int { return graph.SampleOrder(a.Date, a.ID, b.Date, b.ID) })
		}
		out = append(out, append(keyRow(st.k), encodeSample(items[:min(len(items), graph.MaxEdgeSample)])))
	}
	return execRows(t, qSetSamples, out)
}

// A link's sample is kept as text, "DATE ID DATE ID ...", an undated
// statement's date written "-": read for every edge of every answer, it
// must cost less to parse than JSON.
func encodeSample(items []sampleItem) string {
	var b strings.Builder
	for i, s := range items {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(cmp.Or(s.Date, "-"))
		b.WriteByte(' ')
		b.WriteString(s.ID)
	}
	return b.String()
}

// decodeSample reads what encodeSample wrote.
func decodeSample(s string) []sampleItem {
	f := strings.Fields(s)
	items := make([]sampleItem, 0, len(f)/2)
	for i := 0; i+1 < len(f); i += 2 {
		date := f[i]
		if date == "-" {
			date = ""
		}
		items = append(items, sampleItem{date, f[i+1]})
	}
	return items
}

// newestOfLink reads a statement link's newest statements from the
// statement_refs_by_pair index.
func newestOfLink(t *txn, k graph.LinkKey) ([]sampleItem, error) {
	role := roleAbout
	if k.Type == graph.RelReportedBy {
		role = roleOutlet
	}
	rows, err := t.query(qNewestOfLink, k.Source, k.Target, role, graph.MaxEdgeSample)
	if err != nil {
		return nil, err
	}
	return collect(rows, func(row scanner) (sampleItem, error) {
		var s sampleItem
		err := row.Scan(&s.Date, &s.ID)
		return s, err
	})
}

// applyNeighbors adds the links' changes to the neighbors rows of both
// ends, and counts the rows that appear or go in the ends' degrees.
func (d *derived) applyNeighbors(t *txn, keys []graph.LinkKey) error {
	pairs := map[[2]string]int{}
	for _, k := range keys {
		if c := d.links[k]; c.delta != 0 {
			pairs[[2]string{k.Source, k.Target}] += c.delta
			pairs[[2]string{k.Target, k.Source}] += c.delta
		}
	}
	var rows [][]any
	for _, p := range slices.SortedFunc(maps.Keys(pairs), func(a, b [2]string) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	}) {
		if n := pairs[p]; n != 0 {
			rows = append(rows, []any{p[0], p[1], string(graph.KindOfID(p[1])), n})
		}
	}
	var gone [][]any
	err := queryRows(t, qApplyNeighbors, rows, func(row scanner) error {
		var entity, other, kind string
		var w int
		if err := row.Scan(&entity, &other, &kind, &w); err != nil {
			return err
		}
		d.entity(entity).relinked = true
		step := 0
		switch before := w - pairs[[2]string{entity, other}]; {
		case w <= 0:
			gone = append(gone, []any{entity, other})
			step = -1
		case before <= 0:
			step = 1
		}
		if step != 0 {
			deg := &d.entity(entity).degrees
			deg[0] += step
			deg[1+slices.Index(graph.EntityKinds, graph.Kind(kind))] += step
		}
		return nil
	})
	if err != nil {
		return err
	}
	return execRows(t, qDropNeighbors, gone)
}

// applyEntityDates adds the statements naming each entity, per date.
func (d *derived) applyEntityDates(t *txn) error {
	keys := slices.SortedFunc(maps.Keys(d.entityDates), func(a, b entityDate) int {
		return cmp.Or(cmp.Compare(a.entity, b.entity), cmp.Compare(a.date, b.date))
	})
	var rows, shrunk [][]any
	for _, k := range keys {
		n := d.entityDates[k]
		if n == 0 {
			continue
		}
		rows = append(rows, []any{k.entity, k.date, n})
		if n < 0 {
			shrunk = append(shrunk, []any{k.entity})
		}
		d.entity(k.entity).statements += n
	}
	if err := execRows(t, qApplyEntityDates, rows); err != nil {
		return err
	}
	return execRows(t, qDropEntityDates, shrunk)
}

// applyAliases adds the new versions' aliases to the alias counts; an
// alias new to its entity makes the entity dirty.
func (d *derived) applyAliases(t *txn) error {
	keys := slices.SortedFunc(maps.Keys(d.aliases), func(a, b [2]string) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	})
	rows := make([][]any, 0, len(keys))
	for _, k := range keys {
		rows = append(rows, []any{k[0], k[1], d.aliases[k]})
	}
	return queryRows(t, qApplyAliases, rows, func(row scanner) error {
		var id, alias string
		var n int
		if err := row.Scan(&id, &alias, &n); err != nil {
			return err
		}
		if n <= d.aliases[[2]string{id, alias}] {
			d.dirty[id] = true
		}
		return nil
	})
}

// applyEntities adds to each entity's running sums (mentions, documents,
// statements, degrees) and widens its first and last seen, one update
// per entity however many documents of the transaction name it, and
// returns the mentions each has then.
func (d *derived) applyEntities(t *txn) (map[string]int, error) {
	var rows [][]any
	for _, id := range slices.Sorted(maps.Keys(d.entities)) {
		c := d.entities[id]
		r := d.dates[id]
		rows = append(rows, []any{id, c.mentions, c.documents, c.statements,
			c.degrees[0], c.degrees[1], c.degrees[2], c.degrees[3], r[0], r[1], c.relinked})
	}
	mentions := map[string]int{}
	return mentions, queryRows(t, qApplyEntities, rows, func(row scanner) error {
		var id string
		var n int
		err := row.Scan(&id, &n)
		mentions[id] = n
		return err
	})
}

// refreshEntities drops the aliases no document gives any more and the
// entities no document names any more, and gives the dirty ones their name
// (that of the first document written that names them), first/last seen
// and aliases from index lookups and a fresh search row; and writes again
// the busy search rows (see busyMentions) of the dirty ones and of those
// whose mentions (as applyEntities returned them) crossed the bar.
func (d *derived) refreshEntities(t *txn, mentions map[string]int) error {
	busy := jsonArray(d.busyChanged(mentions))
	if busy != "[]" {
		if err := t.exec(qDropBusySearchRows, busy); err != nil {
			return err
		}
	}
	if len(d.dirty) > 0 {
		dirty := jsonArray(slices.Sorted(maps.Keys(d.dirty)))
		if err := execEach(t, []string{qDropAliases, qDropSearchRow}, dirty); err != nil {
			return err
		}
		gone, err := queryStrings(t, qDropOrphans, dirty)
		if err != nil {
			return err
		}
		for _, kind := range gone {
			d.counters[counterKindPrefix+kind]--
		}
		if err := execEach(t, []string{qRefreshEntity, qAddSearchRow}, dirty); err != nil {
			return err
		}
	}
	if busy != "[]" {
		return t.exec(qAddBusySearchRowsOf, busy, busyMentions)
	}
	return nil
}

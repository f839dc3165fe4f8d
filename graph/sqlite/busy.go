package sqlite

import (
	"fmt"
	"maps"
	"slices"
)

// A search with many full-text matches (a common prefix) pages through
// them in mentions order, and SQLite builds the set of every match to do
// so: "jo", a 2-letter prefix of the scale benchmark, matched 3,842 entities at
// 100k and 38,185 at 940k, and its CPU grew with them. entity_busy_fts
// indexes, like entity_fts, only the entities named busyMentions times or
// more (24,256 of those 940k), so a page of such a search first reads
// from its much smaller set: when that set fills the page, no match
// outside it can rank before (each has fewer mentions), and the answer is
// the same. A write keeps it for the entities whose mentions cross the bar
// or whose name or aliases change.

// busyMentions is how many mentions put an entity in entity_busy_fts.
const busyMentions = 16

// migrateV8 adds entity_busy_fts and fills it.
func migrateV8(t *txn) error {
	return t.exec(`CREATE VIRTUAL TABLE entity_busy_fts USING fts5(name, aliases, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
		`+fmt.Sprintf(qAddBusySearchRows, "mentions >= ?1"), busyMentions)
}

// The rows of entity_busy_fts of entities named by a JSON array of ids:
// dropped while the entities still exist, then added for those that are
// busy once their names and aliases are read again.
const (
	qDropBusySearchRows = `DELETE FROM entity_busy_fts WHERE rowid IN (SELECT rid FROM entities WHERE id IN (SELECT value FROM json_each(?1)))`
	qAddBusySearchRows  = `INSERT INTO entity_busy_fts (rowid, name, aliases) SELECT ` + searchRowColumns + ` FROM entities WHERE %s`
)

var qAddBusySearchRowsOf = fmt.Sprintf(qAddBusySearchRows, `id IN (SELECT value FROM json_each(?1)) AND mentions >= ?2`)

// busyChanged returns the entities whose row of entity_busy_fts must be
// written again: those whose mentions crossed busyMentions (mentions holds
// each changed entity's count after the write) and the dirty ones.
func (d *derived) busyChanged(mentions map[string]int) []string {
	changed := map[string]bool{}
	maps.Copy(changed, d.dirty)
	for id, now := range mentions {
		before := now - d.entities[id].mentions
		if (before >= busyMentions) != (now >= busyMentions) {
			changed[id] = true
		}
	}
	return slices.Sorted(maps.Keys(changed))
}

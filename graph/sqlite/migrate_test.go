package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/storetest"
)

// TestMigrateFromV1 opens a database as version 1 of the schema left it
// (the documents' rows and the entities' aggregates, no link layer) and
// checks that opening it builds the link layer, counters and timelines
// that writing the same documents now builds.
func TestMigrateFromV1(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	want := filepath.Join(dir, "now.db")
	old := filepath.Join(dir, "v1.db")
	for _, path := range []string{want, old} {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		storetest.Write(t, s, storetest.SeedExtractions()...)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	downgradeToV1(t, old)

	s, err := Open(ctx, old)
	if err != nil {
		t.Fatalf("opening a version 1 database: %v", err)
	}
	defer s.Close()
	ref, err := Open(ctx, want)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	for _, r := range []struct {
		name string
		read func(*Store) (any, error)
	}{
		{"stats", func(s *Store) (any, error) { return s.Stats(ctx) }},
		{"neighbors", func(s *Store) (any, error) {
			return s.Neighbors(ctx, []string{storetest.Budanov, storetest.Russia, storetest.SouthKorea}, 10, graph.LinkFilter{})
		}},
		{"degrees", func(s *Store) (any, error) {
			return s.Degrees(ctx, []string{storetest.Budanov, storetest.Russia}, graph.LinkFilter{Kinds: []graph.Kind{graph.KindPerson}})
		}},
		{"links", func(s *Store) (any, error) {
			return s.LinksBetween(ctx, []graph.Pair{{A: storetest.Budanov, B: storetest.Russia}, {A: storetest.Budanov, B: storetest.DefenseIntel}}, graph.LinkFilter{})
		}},
		{"timeline", func(s *Store) (any, error) { return s.Timeline(ctx, storetest.Russia, graph.TimeRange{}) }},
		{"statement counts", func(s *Store) (any, error) {
			return s.StatementCounts(ctx, []string{storetest.Russia, storetest.Kremlin}, graph.TimeRange{})
		}},
		{"ranking", func(s *Store) (any, error) {
			return s.Ranking(ctx, graph.TallySpeakers, "", graph.PageRequest{})
		}},
		{"tally months", func(s *Store) (any, error) {
			return s.TallyMonths(ctx, graph.TallyKey{Kind: graph.TallyOutlets, Item: storetest.FinancialTimes}, graph.TimeRange{})
		}},
		{"statements about", func(s *Store) (any, error) {
			return s.Statements(ctx, graph.StatementQuery{Speaker: storetest.Budanov, About: storetest.Russia})
		}},
	} {
		got, err := r.read(s)
		if err != nil {
			t.Fatalf("%s after migrating: %v", r.name, err)
		}
		exp, err := r.read(ref)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, exp) {
			t.Errorf("%s after migrating:\n got %+v\nwant %+v", r.name, got, exp)
		}
	}
}

// downgradeToV1 takes out of a database what versions 2 to 8 of the
// schema added, leaving what version 1 wrote.
func downgradeToV1(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`DROP TABLE document_copies`, `DROP TABLE document_bands`, `DROP TABLE entity_busy_fts`,
		`ALTER TABLE documents DROP COLUMN fingerprint`, `ALTER TABLE documents DROP COLUMN outlet_id`, `ALTER TABLE documents DROP COLUMN outlet_kind`,
		`ALTER TABLE documents DROP COLUMN outlet_name`, `ALTER TABLE documents DROP COLUMN copies`,
		`DROP TABLE tallies`, `DROP TABLE tally_dates`,
		`DROP TABLE corrections`, `DROP TABLE curation_version`, `DROP TABLE write_generation`, `DROP TABLE raw_extractions`, `DROP TABLE raw_entities`,
		`DROP TABLE links`, `DROP TABLE link_dates`, `DROP TABLE neighbors`, `DROP TABLE entity_dates`, `DROP TABLE counters`,
		`DROP INDEX statement_refs_by_entity`, `DROP INDEX statement_refs_by_pair`, `DROP INDEX statements_by_speaker`,
		`DROP INDEX statements_by_recency`, `DROP INDEX relations_by_link`, `DROP INDEX relations_by_target`,
		`ALTER TABLE entities DROP COLUMN degree`, `ALTER TABLE entities DROP COLUMN degree_person`,
		`ALTER TABLE entities DROP COLUMN degree_organization`, `ALTER TABLE entities DROP COLUMN degree_country`,
		`ALTER TABLE entities DROP COLUMN statements`, `ALTER TABLE entities DROP COLUMN top`,
		`ALTER TABLE statement_refs DROP COLUMN speaker_id`, `ALTER TABLE statement_refs DROP COLUMN date`,
		`CREATE INDEX statement_refs_by_entity ON statement_refs(entity_id, role)`,
		`CREATE INDEX statements_by_speaker ON statements(speaker_id)`,
		`CREATE INDEX statements_by_date ON statements(date_first)`,
		`CREATE INDEX relations_by_source ON relations(source)`,
		`CREATE INDEX relations_by_target ON relations(target)`,
		`PRAGMA user_version = 1`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// TestEveryForeignKeyIsIndexed checks that every column with a foreign key
// leads an index of its table, in a new store and in one migrated from
// version 1: SQLite checks a foreign key when the row it points at is
// deleted (an entity no document names any more, a merged one), and
// without such an index that check reads the whole table, once per
// deleted row.
func TestEveryForeignKeyIsIndexed(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	fresh, migrated := filepath.Join(dir, "new.db"), filepath.Join(dir, "v1.db")
	for _, path := range []string{fresh, migrated} {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	check := func(path string) {
		for _, missing := range unindexedForeignKeys(t, path) {
			t.Errorf("%s: %s has a foreign key but no index that starts with it", filepath.Base(path), missing)
		}
	}
	check(fresh)
	downgradeToV1(t, migrated)
	s, err := Open(ctx, migrated)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	check(migrated)
}

// unindexedForeignKeys returns "table.column" for every foreign key column
// of the database at path that no index (the primary key of a table
// without rowid included) starts with.
func unindexedForeignKeys(t *testing.T, path string) []string {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	column := func(q string, at int) []string {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		var out []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(vals[at]))
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	var missing []string
	for _, table := range column(`SELECT name FROM sqlite_master WHERE type = 'table'`, 0) {
		leading := map[string]bool{}
		for _, index := range column(fmt.Sprintf(`PRAGMA index_list('%s')`, table), 1) {
			if first := column(fmt.Sprintf(`PRAGMA index_info('%s')`, index), 2); len(first) > 0 {
				leading[first[0]] = true
			}
		}
		// pragma foreign_key_list: the child column is the fourth.
		for _, col := range column(fmt.Sprintf(`PRAGMA foreign_key_list('%s')`, table), 3) {
			if !leading[col] {
				missing = append(missing, table+"."+col)
			}
		}
	}
	if len(missing) == 0 && len(column(`SELECT name FROM sqlite_master WHERE sql LIKE '%REFERENCES%'`, 0)) == 0 {
		t.Fatal("no table with a foreign key: the check checked nothing")
	}
	return missing
}

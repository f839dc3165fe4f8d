package sqlite

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/internal/synth"
)

// TestPairsDates writes a synthetic corpus and checks that every
// speaker_topics and about_speakers tally reads, per month and within a
// range, what its pairs tally reads (see pairsKey); then it puts their
// dates back in tally_dates as schema version 8 kept them, opens the file
// again and checks that the migration dropped them and that they read the
// same.
func TestPairsDates(t *testing.T) {
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "graph.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	c := synth.New(synth.Config{Entities: 300, Seed: 3})
	var xs []*graph.Extraction
	for d, ok := c.Next(); ok; d, ok = c.Next() {
		xs = append(xs, d.Extraction)
	}
	if _, err := s.WriteExtractions(ctx, xs); err != nil {
		t.Fatal(err)
	}
	tr, err := graph.NewTimeRange("2024-01", "2024-06")
	if err != nil {
		t.Fatal(err)
	}
	var keys []graph.TallyKey
	err = s.read(ctx, "test", "reading", func(tx *txn) error {
		rows, err := tx.query(`SELECT kind, scope, item, item2 FROM tallies WHERE kind IN (?, ?)`,
			string(graph.TallySpeakerTopics), string(graph.TallyAboutSpeakers))
		if err != nil {
			return err
		}
		keys, err = collect(rows, func(row scanner) (graph.TallyKey, error) {
			var k graph.TallyKey
			err := row.Scan(&k.Kind, &k.Scope, &k.Item, &k.Item2)
			return k, err
		})
		return err
	})
	if err != nil || len(keys) == 0 {
		t.Fatalf("speaker_topics and about_speakers tallies: %d, %v", len(keys), err)
	}
	type reads struct {
		months [][]graph.MonthCount
		counts []int
	}
	readAll := func(s *Store, keys []graph.TallyKey) reads {
		t.Helper()
		var r reads
		for _, k := range keys {
			m, err := s.TallyMonths(ctx, k, graph.TimeRange{})
			if err != nil {
				t.Fatal(err)
			}
			r.months = append(r.months, m)
		}
		if r.counts, err = s.TallyCounts(ctx, keys, tr); err != nil {
			t.Fatal(err)
		}
		return r
	}
	pairs := make([]graph.TallyKey, len(keys))
	for i, k := range keys {
		pairs[i], _ = pairsKey(k)
	}
	got, want := readAll(s, keys), readAll(s, pairs)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("speaker_topics and about_speakers read %+v, their pairs %+v", got, want)
	}
	var mentioned bool
	for _, n := range got.counts {
		mentioned = mentioned || n > 0
	}
	if !mentioned {
		t.Fatal("no tally counts anything within the range: the test reads nothing")
	}
	// As version 8 kept them: each with its own dates.
	for _, q := range []string{
		`INSERT INTO tally_dates (kind, scope, item, item2, date, count)
			SELECT 'speaker_topics', item, item2, '', date, count FROM tally_dates WHERE kind = 'pairs'`,
		`INSERT INTO tally_dates (kind, scope, item, item2, date, count)
			SELECT 'about_speakers', item2, item, '', date, count FROM tally_dates WHERE kind = 'pairs'`,
		`DROP INDEX relations_by_target`,
		`DROP TABLE write_generation`,
		`PRAGMA user_version = 8`,
	} {
		if _, err := s.writer.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var left int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM tally_dates WHERE kind IN ('speaker_topics', 'about_speakers')`).Scan(&left); err != nil || left != 0 {
		t.Errorf("after migrating: %d dates of speaker_topics and about_speakers left (%v), want none", left, err)
	}
	if again := readAll(s, keys); !reflect.DeepEqual(again, got) {
		t.Errorf("after migrating they read %+v, before %+v", again, got)
	}
}

package sqlite

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/internal/synth"
)

// TestEntityRowsFollowWrites writes a synthetic wire corpus, writes a
// seventh of its documents again with a statement fewer, merges one
// busy person into another and undoes a second merge, and checks that
// every entity's top list is still the start of its neighbors in
// neighbors_by_weight, that neighbors read through top lists (with and
// without a kind filter, at the depths a neighborhood and a path read)
// are those read from the index, and that the busy search rows are those
// of the entities with busyMentions mentions or more, with their names.
func TestEntityRowsFollowWrites(t *testing.T) {
	ctx := t.Context()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "graph.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c := synth.New(synth.Config{Entities: 1000, Seed: 7})
	var all, batch []*graph.Extraction
	for d, ok := c.Next(); ok; d, ok = c.Next() {
		all = append(all, d.Extraction)
		if batch = append(batch, d.Extraction); len(batch) == 64 {
			if _, err := s.WriteExtractions(ctx, batch); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	if _, err := s.WriteExtractions(ctx, batch); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(all); i += 7 {
		x := *all[i]
		if len(x.Statements) == 0 {
			continue
		}
		x.Statements = x.Statements[:len(x.Statements)-1]
		if _, err := s.WriteExtraction(ctx, &x); err != nil {
			t.Fatal(err)
		}
	}
	people, err := s.SearchEntities(ctx, graph.EntityQuery{Kinds: []graph.Kind{graph.KindPerson}, Page: graph.PageRequest{Size: 4}})
	if err != nil || len(people.Entities) < 4 {
		t.Fatalf("the corpus's busiest people: %v, %v", people.Entities, err)
	}
	p := people.Entities
	if _, err := s.AddCorrection(ctx, graph.Correction{Kind: graph.CorrectMerge, Target: p[1].ID, After: &graph.EntityRef{ID: p[0].ID}}); err != nil {
		t.Fatal(err)
	}
	undone, err := s.AddCorrection(ctx, graph.Correction{Kind: graph.CorrectMerge, Target: p[3].ID, After: &graph.EntityRef{ID: p[2].ID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UndoCorrection(ctx, undone.ID); err != nil {
		t.Fatal(err)
	}

	var ids []string
	err = s.read(ctx, "test", "checking top lists", func(tx *txn) error {
		var stale int
		if err := tx.queryRow(`SELECT count(*) FROM entities WHERE top <> ` + topListOf("entities.id")).Scan(&stale); err != nil {
			return err
		}
		if stale > 0 {
			t.Errorf("%d entities have a top list that is not the start of their neighbors", stale)
		}
		var busy, wrong, missing int
		err := tx.queryRow(`SELECT count(*), count(*) FILTER (WHERE e.rid IS NULL OR e.mentions < ?1 OR e.name <> b.name)
			FROM entity_busy_fts b LEFT JOIN entities e ON e.rid = b.rowid`, busyMentions).Scan(&busy, &wrong)
		if err != nil {
			return err
		}
		err = tx.queryRow(`SELECT count(*) FROM entities e WHERE e.mentions >= ?1
			AND NOT EXISTS (SELECT 1 FROM entity_busy_fts b WHERE b.rowid = e.rid)`, busyMentions).Scan(&missing)
		if err != nil {
			return err
		}
		if busy < 10 || wrong > 0 || missing > 0 {
			t.Errorf("busy search rows: %d, of which %d of no entity, a less mentioned one or another name; %d busy entities without one", busy, wrong, missing)
		}
		rows, err := tx.query(`SELECT id FROM entities ORDER BY degree DESC, id`)
		if err != nil {
			return err
		}
		ids, err = collect(rows, func(row scanner) (string, error) {
			var id string
			return id, row.Scan(&id)
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) < 500 {
		t.Fatalf("only %d entities written", len(ids))
	}
	for _, k := range []int{graph.LinksPerNode, graph.PathLinksPerNode} {
		for _, kinds := range [][]graph.Kind{nil, {graph.KindPerson}, {graph.KindCountry, graph.KindOrganization}} {
			got, err := s.Neighbors(ctx, ids, k, graph.LinkFilter{Kinds: kinds})
			if err != nil {
				t.Fatal(err)
			}
			want := make([][]graph.Neighbor, len(ids))
			err = s.read(ctx, "test", "reading the index", func(tx *txn) error {
				return neighborsOf(tx, cacheView{}, ids, nil, k, kinds, want)
			})
			if err != nil {
				t.Fatal(err)
			}
			for i := range ids {
				if len(got[i]) == 0 && len(want[i]) == 0 {
					continue
				}
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Fatalf("k %d, kinds %v, %s: read through its top list %v, from the index %v", k, kinds, ids[i], got[i], want[i])
				}
			}
		}
	}
}

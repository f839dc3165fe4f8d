package sqlite

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// Each entity's heaviest neighbors are also kept on its entities row, as
// its top list: a neighborhood reads a few neighbors of each of its
// hundreds of nodes (graph.LinksPerNode), a path search a few dozen
// (graph.PathLinksPerNode), and a node's entity, degree and list then
// cost one lookup instead of a lookup in entities and a range of
// neighbors_by_weight each (about a third of a hub's depth-1 CPU at 100k
// entities, see the README). Writes read the list again from
// neighbors_by_weight for the entities whose neighbors rows changed.

// topKept is how many neighbors a top list holds: enough for a path's
// ring and a neighborhood's links per node.
const topKept = max(graph.LinksPerNode, graph.PathLinksPerNode)

// topListOf is the SQL of the top list of the entity idExpr: its topKept
// heaviest neighbors rows, best first as neighbors_by_weight orders them,
// each "weight other" on a line of its own ("" when it has none). Ids
// hold no line breaks (graph.Slug).
func topListOf(idExpr string) string {
	return fmt.Sprintf(`coalesce((SELECT group_concat(weight || ' ' || other, char(10) ORDER BY weight DESC, other)
		FROM (SELECT weight, other FROM neighbors WHERE entity = %s ORDER BY weight DESC, other LIMIT %d)), '')`, idExpr, topKept)
}

// migrateV7 adds the top lists and fills them.
func migrateV7(t *txn) error {
	if err := addTopColumn(t); err != nil {
		return err
	}
	return t.exec(`UPDATE entities SET top = ` + topListOf("entities.id") + ` WHERE degree > 0`)
}

// addTopColumn adds the column of the top lists unless the entities table
// has it: migrateV2 builds the link layer with today's write, which keeps
// top lists, so it adds the column before version 7 does.
func addTopColumn(t *txn) error {
	var n int
	if err := t.queryRow(`SELECT count(*) FROM pragma_table_info('entities') WHERE name = 'top'`).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	return t.exec(`ALTER TABLE entities ADD COLUMN top TEXT NOT NULL DEFAULT ''`)
}

// topList is an entity's top list as read, with its degree.
type topList struct {
	text   string
	degree int
}

// heaviest returns the entity's k heaviest neighbors of the kinds (all
// when empty), best first, and whether its top list holds them: it does
// when it holds every neighbor, or at least k of those kinds (a top list
// is the start of the whole list in the same order).
func (tl topList) heaviest(k int, kinds []graph.Kind) ([]graph.Neighbor, bool, error) {
	held := 0
	if tl.text != "" {
		held = strings.Count(tl.text, "\n") + 1
	}
	whole := held >= tl.degree
	if !whole && len(kinds) == 0 && k > topKept {
		return nil, false, nil
	}
	var out []graph.Neighbor
	for rest := tl.text; rest != "" && len(out) < k; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		weight, id, ok := strings.Cut(line, " ")
		w, err := strconv.Atoi(weight)
		if !ok || err != nil {
			return nil, false, fmt.Errorf("top list line %q", line)
		}
		if len(kinds) == 0 || slices.Contains(kinds, graph.KindOfID(id)) {
			out = append(out, graph.Neighbor{ID: id, Weight: w})
		}
	}
	return out, whole || len(out) == k, nil
}

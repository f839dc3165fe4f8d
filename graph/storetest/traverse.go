package storetest

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// edgeSummary is an edge as a user reads it: type, ends, how many
// statements and the newest few of them.
func edgeSummary(e graph.Edge) string {
	return fmt.Sprintf("%s %s->%s %v count=%d", e.Type, e.Source, e.Target, e.Statements, e.Count)
}

func edgeSummaries(edges []graph.Edge) []string {
	out := []string{}
	for _, e := range edges {
		out = append(out, edgeSummary(e))
	}
	slices.Sort(out)
	return out
}

func nodeIDs(nodes []graph.Node) []string {
	ids := []string{}
	for _, n := range nodes {
		ids = append(ids, n.ID)
	}
	return ids
}

func testNeighborhood(t *testing.T, s graph.Store, sd seedData) {
	// An edge of statements carries their count and the newest
	// graph.MaxEdgeSample of them (here all dated alike or undated, so by
	// id, the undated last); a relation the number of documents stating it.
	edge := func(typ graph.RelType, source, target string, keys ...string) string {
		var dated, undated []string
		for _, k := range keys {
			if k == "note-kremlin" {
				undated = append(undated, sd.id(k))
			} else {
				dated = append(dated, sd.id(k))
			}
		}
		st := append(sorted(dated...), undated...)
		count := len(st)
		if len(st) > graph.MaxEdgeSample {
			st = st[:graph.MaxEdgeSample]
		}
		if count == 0 {
			count = 1
		}
		return edgeSummary(graph.Edge{Type: typ, Source: source, Target: target, Statements: st, Count: count})
	}
	// Two documents state that Budanov heads the directorate.
	affiliated := edgeSummary(graph.Edge{Type: graph.RelAffiliatedWith, Source: Budanov, Target: DefenseIntel, Count: 2})
	tests := []struct {
		name      string
		q         graph.NeighborhoodQuery
		wantNodes []string
		wantEdges []string
	}{
		{"depth 1", graph.NeighborhoodQuery{Depth: 1},
			[]string{Budanov, DefenseIntel, FinancialTimes, Kremlin, NorthKorea, Russia},
			[]string{
				affiliated,
				edge(graph.RelReportedBy, Budanov, FinancialTimes, "budanov-search", "budanov-supplier", "budanov-ammunition"),
				edge(graph.RelStated, Budanov, Kremlin, "note-kremlin"),
				edge(graph.RelStated, Budanov, NorthKorea, "budanov-supplier", "budanov-ammunition"),
				edge(graph.RelStated, Budanov, Russia, "budanov-search", "budanov-supplier", "budanov-ammunition", "note-kremlin"),
			}},
		{"time range keeps the standing relations", graph.NeighborhoodQuery{Time: mustRange(t, "2024-02", "")},
			[]string{Budanov, DefenseIntel},
			[]string{affiliated}},
		{"kind filter", graph.NeighborhoodQuery{Kinds: []graph.Kind{graph.KindPerson, graph.KindCountry}},
			[]string{Budanov, NorthKorea, Russia},
			[]string{
				edge(graph.RelStated, Budanov, NorthKorea, "budanov-supplier", "budanov-ammunition"),
				edge(graph.RelStated, Budanov, Russia, "budanov-search", "budanov-supplier", "budanov-ammunition", "note-kremlin"),
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := graph.Neighborhood(t.Context(), s, Budanov, tt.q)
			if err != nil {
				t.Fatalf("Neighborhood: %v", err)
			}
			equal(t, "nodes", sorted(nodeIDs(g.Nodes)...), sorted(tt.wantNodes...))
			equal(t, "edges", edgeSummaries(g.Edges), sorted(tt.wantEdges...))
			if g.Truncated || g.Omitted != 0 {
				t.Errorf("a neighborhood under the limit says it was truncated (omitted %d)", g.Omitted)
			}
			for _, n := range g.Nodes {
				if n.ID == Budanov && (n.Name != "Kyrylo Budanov" || n.Kind != graph.KindPerson || n.Mentions != 3) {
					t.Errorf("node %+v, want Kyrylo Budanov, person, 3 mentions", n)
				}
			}
		})
	}

	// Depth 2 reaches the other speakers through what they spoke about,
	// and depth 3 the outlets that carried them.
	for depth, want := range map[int][]string{2: {Yusov, SouthKoreanInt}, 3: {UkrainianNews, MainIntel, SouthKorea}} {
		g, err := graph.Neighborhood(t.Context(), s, Budanov, graph.NeighborhoodQuery{Depth: depth})
		if err != nil {
			t.Fatalf("Neighborhood depth %d: %v", depth, err)
		}
		for _, id := range want {
			if !slices.Contains(nodeIDs(g.Nodes), id) {
				t.Errorf("depth %d from Budanov lacks %s: %v", depth, id, nodeIDs(g.Nodes))
			}
		}
		if depth == 2 && slices.Contains(nodeIDs(g.Nodes), UkrainianNews) {
			t.Errorf("depth 2 from Budanov reaches %s, three steps away", UkrainianNews)
		}
	}
}

func testNeighborhoodLimit(t *testing.T, s graph.Store, _ seedData) {
	g, err := graph.Neighborhood(t.Context(), s, Budanov, graph.NeighborhoodQuery{Limit: 2})
	if err != nil {
		t.Fatalf("Neighborhood: %v", err)
	}
	// Budanov has five neighbors: one is kept, four are left out.
	if !g.Truncated || g.Omitted != 4 {
		t.Errorf("limit 2: truncated %v, omitted %d; want truncated with 4 nodes omitted", g.Truncated, g.Omitted)
	}
	// The strongest neighbor (four statements about Russia) is kept.
	equal(t, "limit 2 nodes", sorted(nodeIDs(g.Nodes)...), sorted(Russia, Budanov))
}

func testNeighborhoodStatementView(t *testing.T, s graph.Store, sd seedData) {
	g, err := graph.Neighborhood(t.Context(), s, Budanov, graph.NeighborhoodQuery{View: graph.ViewStatements})
	if err != nil {
		t.Fatalf("Neighborhood: %v", err)
	}
	kinds := map[string]graph.Kind{}
	for _, n := range g.Nodes {
		kinds[n.ID] = n.Kind
	}
	for _, key := range []string{"budanov-search", "budanov-supplier", "budanov-ammunition", "note-kremlin"} {
		if kinds[sd.id(key)] != graph.KindStatement {
			t.Errorf("statement %s is not a statement node: %v", key, kinds)
		}
	}
	edges := edgeSummaries(g.Edges)
	supplier := sd.id("budanov-supplier")
	one := []string{supplier}
	for _, e := range []graph.Edge{
		{Type: graph.RelStated, Source: Budanov, Target: supplier, Statements: one, Count: 1},
		{Type: graph.RelAbout, Source: supplier, Target: NorthKorea, Statements: one, Count: 1},
		{Type: graph.RelReportedBy, Source: supplier, Target: FinancialTimes, Statements: one, Count: 1},
	} {
		if !slices.Contains(edges, edgeSummary(e)) {
			t.Errorf("statement view lacks %s; has %v", edgeSummary(e), edges)
		}
	}
}

func testPath(t *testing.T, s graph.Store, _ seedData) {
	tests := []struct {
		name     string
		from, to string
		maxDepth int
		want     []string // nil: no path
	}{
		// Budanov and South Korean intelligence both spoke about North
		// Korea (and Russia; ties break by id).
		{"three steps", Budanov, SouthKorea, 0, []string{Budanov, NorthKorea, SouthKoreanInt, SouthKorea}},
		{"two speakers about one country", Budanov, Yusov, 0, []string{Budanov, NorthKorea, Yusov}},
		{"outlet to outlet", FinancialTimes, UkrainianNews, 0, []string{FinancialTimes, Budanov, NorthKorea, Yusov, UkrainianNews}},
		{"itself", Budanov, Budanov, 0, []string{Budanov}},
		{"too far for max depth", Budanov, SouthKorea, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := graph.Path(t.Context(), s, tt.from, tt.to, tt.maxDepth, graph.TimeRange{})
			if err != nil {
				t.Fatalf("Path: %v", err)
			}
			if tt.want == nil {
				if p.Found {
					t.Errorf("found path %v, want none within %d steps", p.Order, tt.maxDepth)
				}
				return
			}
			if !p.Found || p.Length != len(tt.want)-1 {
				t.Errorf("found %v, length %d; want a path of %d steps", p.Found, p.Length, len(tt.want)-1)
			}
			equal(t, "path", p.Order, tt.want)
			// Every step is an edge of the answer, either way round.
			for i := 1; i < len(p.Order); i++ {
				a, b := p.Order[i-1], p.Order[i]
				if !slices.ContainsFunc(p.Edges, func(e graph.Edge) bool {
					return e.Source == a && e.Target == b || e.Source == b && e.Target == a
				}) {
					t.Errorf("no edge between %s and %s in %v", a, b, edgeSummaries(p.Edges))
				}
			}
		})
	}
	// Before any statement, only the standing relations connect.
	p, err := graph.Path(t.Context(), s, Budanov, SouthKorea, 0, mustRange(t, "", "2000"))
	if err != nil {
		t.Fatalf("Path: %v", err)
	}
	if p.Found {
		t.Errorf("path %v found through statements outside the time range", p.Order)
	}
}

// countingReader counts the reads a traversal sends to the store.
type countingReader struct {
	graph.Store
	reads []string
}

func (c *countingReader) Entity(ctx context.Context, id string) (graph.Entity, error) {
	c.reads = append(c.reads, "Entity")
	return c.Store.Entity(ctx, id)
}

func (c *countingReader) Entities(ctx context.Context, ids []string) ([]graph.Entity, error) {
	c.reads = append(c.reads, "Entities")
	return c.Store.Entities(ctx, ids)
}

func (c *countingReader) Neighbors(ctx context.Context, ids []string, k int, f graph.LinkFilter) ([][]graph.Neighbor, error) {
	c.reads = append(c.reads, "Neighbors")
	return c.Store.Neighbors(ctx, ids, k, f)
}

func (c *countingReader) Degrees(ctx context.Context, ids []string, f graph.LinkFilter) ([]int, error) {
	c.reads = append(c.reads, "Degrees")
	return c.Store.Degrees(ctx, ids, f)
}

func (c *countingReader) LinksBetween(ctx context.Context, pairs []graph.Pair, f graph.LinkFilter) ([]graph.Link, error) {
	c.reads = append(c.reads, "LinksBetween")
	return c.Store.LinksBetween(ctx, pairs, f)
}

func (c *countingReader) NodesAround(ctx context.Context, id string, k, m, kk, among int, f graph.LinkFilter) (graph.NodeLinks, []graph.NodeLinks, []graph.Link, error) {
	c.reads = append(c.reads, "NodesAround")
	return c.Store.NodesAround(ctx, id, k, m, kk, among, f)
}

func (c *countingReader) Nodes(ctx context.Context, ids []string, k int, f graph.LinkFilter, degrees bool) ([]graph.NodeLinks, error) {
	c.reads = append(c.reads, "Nodes")
	return c.Store.Nodes(ctx, ids, k, f, degrees)
}

// snapshotCounter is a countingReader that is a graph.Snapshotter: it
// counts the snapshot too, and reads through itself within it.
type snapshotCounter struct{ countingReader }

func (c *snapshotCounter) ReadSnapshot(ctx context.Context, fn func(graph.Reader) error) error {
	c.reads = append(c.reads, "ReadSnapshot")
	return fn(c)
}

// testTraversalReads checks that a traversal reads each node once, its
// entity, degree and first neighbors together: a small depth-1
// neighborhood (Budanov's five neighbors, whose heaviest links join none
// of them to another) is one read of the root with its ring and their
// links; a path whose ends' first rings meet reads the ends with those
// rings, the links and the node between, and a longer one a read for
// each ring more, or for two when the ring read brings the other side's
// next (graph.Path's guess that rings grow). (On Neo4j each read is a query,
// whose fixed cost a small answer is mostly made of; so a path there is one
// query, graph.PathSearcher, which countingReader hides: these are the
// reads of graph.SearchPathOf.)
func testTraversalReads(t *testing.T, s graph.Store, _ seedData) {
	ctx := t.Context()
	r := &countingReader{Store: s}
	if _, err := graph.Neighborhood(ctx, r, Budanov, graph.NeighborhoodQuery{}); err != nil {
		t.Fatal(err)
	}
	equal(t, "reads of a depth-1 neighborhood", r.reads, []string{"NodesAround"})
	// One read needs no snapshot; a deeper neighborhood reads in one.
	sr := &snapshotCounter{countingReader{Store: s}}
	if _, err := graph.Neighborhood(ctx, sr, Budanov, graph.NeighborhoodQuery{}); err != nil {
		t.Fatal(err)
	}
	equal(t, "reads of a depth-1 neighborhood from a Snapshotter", sr.reads, []string{"NodesAround"})
	sr.reads = nil
	if _, err := graph.Neighborhood(ctx, sr, Budanov, graph.NeighborhoodQuery{Depth: 2}); err != nil {
		t.Fatal(err)
	}
	if len(sr.reads) < 2 || sr.reads[0] != "ReadSnapshot" {
		t.Errorf("reads of a depth-2 neighborhood from a Snapshotter: %v, want a snapshot first", sr.reads)
	}
	r.reads = nil
	if _, err := graph.Path(ctx, r, Budanov, Yusov, 0, graph.TimeRange{}); err != nil {
		t.Fatal(err)
	}
	equal(t, "reads of a path of two steps", r.reads, []string{"Nodes", "LinksBetween", "Nodes"})
	r.reads = nil
	// Four steps: both ends' rings, then a ring of each side. (The
	// third ring's read brings the other side's frontier too, but here
	// Yusov's side grows a ring smaller than it, which the fourth
	// reads.)
	if _, err := graph.Path(ctx, r, FinancialTimes, UkrainianNews, 0, graph.TimeRange{}); err != nil {
		t.Fatal(err)
	}
	equal(t, "reads of a path of four steps", r.reads, []string{"Nodes", "Neighbors", "Neighbors", "LinksBetween", "Nodes"})
	r.reads = nil
	_, err := graph.Neighborhood(ctx, r, "person:nobody", graph.NeighborhoodQuery{})
	wantCode(t, "an unknown root", err, graph.NotFound, "")
	_, err = graph.Path(ctx, r, Budanov, "person:nobody", 0, graph.TimeRange{})
	wantCode(t, "an unknown end", err, graph.NotFound, "")
}

// testPathSearch checks that a store's one-read path search
// (graph.PathSearcher) answers what graph.SearchPathOf's reads do, on
// every pair of the seed's entities (and an unknown one, and each with
// itself); checkPathSearch does it on the wire corpus, whose hubs and
// ties the seed lacks.
func testPathSearch(t *testing.T, s graph.Store, _ seedData) {
	ids := []string{Budanov, Yusov, NorthKorea, Russia, SouthKorea, FinancialTimes, UkrainianNews, DefenseIntel,
		MainIntel, SouthKoreanInt, Kremlin, "person:nobody"}
	var pairs [][2]string
	for _, from := range ids {
		for _, to := range ids {
			pairs = append(pairs, [2]string{from, to})
		}
	}
	comparePathSearch(t, s, pairs, []graph.TimeRange{{}, mustRange(t, "", "2000"), mustRange(t, "2024-01", "")},
		[][2]int{{graph.PathLinksPerNode, graph.PathRingNodes}, {1, 1}})
}

// checkPathSearch compares the path searches (see testPathSearch) between
// 100 pairs of the corpus's entities, drawn with a fixed seed.
func checkPathSearch(t *testing.T, s graph.Store, corpus []*graph.Extraction) {
	var ids []string
	for _, x := range corpus {
		for _, e := range x.Entities {
			if !slices.Contains(ids, e.ID) {
				ids = append(ids, e.ID)
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 0x5eed))
	var pairs [][2]string
	for range 100 {
		pairs = append(pairs, [2]string{ids[rng.IntN(len(ids))], ids[rng.IntN(len(ids))]})
	}
	comparePathSearch(t, s, pairs, []graph.TimeRange{{}, mustRange(t, "2024-01", "2024-06")},
		[][2]int{{graph.PathLinksPerNode, graph.PathRingNodes}, {1, 2}, {2, 3}, {4, 6}})
}

// comparePathSearch checks, for a store that is a graph.PathSearcher,
// that its search answers what graph.SearchPathOf's reads do between
// each of pairs: the path (or none), its links and its entities, at a
// depth that stops a search early and at the deepest, within each of
// ranges, and with each of bounds (links per node, nodes per ring), small
// ones that cut rings and make neighbors tie among them. Then that
// graph.Path answers the same through the store's search as through
// SearchPathOf.
func comparePathSearch(t *testing.T, s graph.Store, pairs [][2]string, ranges []graph.TimeRange, bounds [][2]int) {
	ctx := t.Context()
	ps, ok := s.(graph.PathSearcher)
	if !ok {
		t.Skip("the store has no search of its own: graph.Path runs graph.SearchPathOf")
	}
	var found, none int
	for _, b := range bounds {
		for _, tr := range ranges {
			for _, depth := range []int{2, graph.MaxPathDepth} {
				for _, p := range pairs {
					q := graph.PathQuery{From: p[0], To: p[1], MaxDepth: depth, LinksPerNode: b[0], RingNodes: b[1],
						Filter: graph.LinkFilter{Time: tr}}
					got, err := ps.SearchPath(ctx, q)
					if err != nil {
						t.Fatalf("SearchPath(%+v): %v", q, err)
					}
					want, err := graph.SearchPathOf(ctx, s, q)
					if err != nil {
						t.Fatalf("SearchPathOf(%+v): %v", q, err)
					}
					if !equal(t, fmt.Sprintf("path of %+v", q), pathSummary(got), pathSummary(want)) {
						return
					}
					if want.Order != nil {
						found++
					} else {
						none++
					}
				}
			}
		}
	}
	if found == 0 || none == 0 {
		t.Errorf("%d paths found and %d not: the cases check little", found, none)
	}
	for _, p := range pairs {
		got, gotErr := graph.Path(ctx, s, p[0], p[1], 0, graph.TimeRange{})
		want, wantErr := graph.Path(ctx, storeOnly{s}, p[0], p[1], 0, graph.TimeRange{})
		equal(t, fmt.Sprintf("Path(%s, %s) error", p[0], p[1]), graph.ErrorCode(gotErr), graph.ErrorCode(wantErr))
		equal(t, fmt.Sprintf("Path(%s, %s)", p[0], p[1]), got, want)
	}
}

// storeOnly hides what a store offers beyond graph.Store (a
// PathSearcher's search), so that traversals run on its reads alone.
type storeOnly struct{ graph.Store }

// pathSummary is what a path search read, in an order that does not
// depend on the store: the path, the entities by id, the links by type
// and ends (as LinksBetween orders them).
func pathSummary(p graph.PathRead) []string {
	out := []string{fmt.Sprint("path ", p.Order, " found ", p.Order != nil)}
	for _, e := range slices.SortedFunc(slices.Values(p.Entities), func(a, b graph.Entity) int { return cmp.Compare(a.ID, b.ID) }) {
		out = append(out, fmt.Sprintf("entity %+v", e))
	}
	for _, l := range p.Links {
		out = append(out, fmt.Sprintf("link %+v", l))
	}
	return out
}

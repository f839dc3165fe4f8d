package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// The link layer's cases: the aggregates a store keeps on write must be
// what the statements say (the model computes them the slow way), under
// every filter, after any order of writes and rewrites; and the
// neighborhoods read from them must be the ones graph.Neighborhood's doc
// comment defines.

// wireDocs is the size of the generated corpus of these cases.
const wireDocs = 60

// linkFilters are the filters the cases check under.
func linkFilters(t *testing.T) map[string]graph.LinkFilter {
	return map[string]graph.LinkFilter{
		"none":             {},
		"kinds":            {Kinds: []graph.Kind{graph.KindPerson, graph.KindCountry}},
		"rels":             {Rels: []graph.RelType{graph.RelStated, graph.RelAffiliatedWith}},
		"months":           {Time: mustRange(t, "2024-03", "2024-08")},
		"a year":           {Time: mustRange(t, "2023", "2023")},
		"days":             {Time: mustRange(t, "2024-05-10", "2024-06-20")},
		"open start":       {Time: mustRange(t, "", "2023-06")},
		"kinds and months": {Kinds: []graph.Kind{graph.KindOrganization}, Time: mustRange(t, "2024-01", "")},
	}
}

// checkLinks compares every entity's neighbors, degree and links with the
// model's, under every filter.
func checkLinks(t *testing.T, s graph.Store, m *model) {
	t.Helper()
	checkTallies(t, s, m)
	ctx := t.Context()
	ids := modelEntities(m)
	for name, f := range linkFilters(t) {
		lists, err := s.Neighbors(ctx, ids, 1000, f)
		if err != nil {
			t.Fatalf("Neighbors (%s): %v", name, err)
		}
		degrees, err := s.Degrees(ctx, ids, f)
		if err != nil {
			t.Fatalf("Degrees (%s): %v", name, err)
		}
		var pairs []graph.Pair
		var want []graph.Link
		for i, id := range ids {
			all := m.neighbors(id, f)
			if !equal(t, fmt.Sprintf("neighbors of %s (%s)", id, name), nonNilNeighbors(lists[i]), nonNilNeighbors(all)) {
				return
			}
			equal(t, fmt.Sprintf("degree of %s (%s)", id, name), degrees[i], len(all))
			for _, n := range all {
				if id < n.ID {
					pairs = append(pairs, graph.Pair{A: id, B: n.ID})
					want = append(want, m.linksBetween(id, n.ID, f)...)
				}
			}
			// A prefix is the heaviest k.
			if len(all) > 3 {
				top, err := s.Neighbors(ctx, []string{id}, 3, f)
				if err != nil {
					t.Fatal(err)
				}
				equal(t, fmt.Sprintf("top 3 neighbors of %s (%s)", id, name), top[0], all[:3])
			}
		}
		got, err := s.LinksBetween(ctx, pairs, f)
		if err != nil {
			t.Fatalf("LinksBetween (%s): %v", name, err)
		}
		equal(t, "links ("+name+")", linkSummaries(got), linkSummaries(want))
		checkNodes(t, s, m, ids, name, f)
		checkNodesAround(t, s, m, ids, name, f)
	}
}

// checkNodesAround compares LinkReader.NodesAround with the model around
// the busiest entities, one of middling degree and the least busy: the
// root as Nodes reads it with its degree, its first neighbors as Nodes
// reads them (with degrees unless the filter is by type or time; of each
// entity what Entity.Drawn keeps), each
// with the links between it and the root, and the links of the among
// heaviest pairs of the ring that a node's list names (graph.RingPairs
// of the model's lists).
func checkNodesAround(t *testing.T, s graph.Store, m *model, ids []string, name string, f graph.LinkFilter) {
	t.Helper()
	ctx := t.Context()
	byDegree := slices.Clone(ids)
	degree := func(id string) int { return len(m.weights(id, graph.LinkFilter{})) }
	slices.SortStableFunc(byDegree, func(a, b string) int { return degree(b) - degree(a) })
	summed := f.Summed()
	for _, id := range []string{byDegree[0], byDegree[1], byDegree[len(ids)/2], byDegree[len(ids)-1], "person:nobody"} {
		for _, size := range [][4]int{{1000, 1000, 1000, 1000}, {1000, 1000, 4, 0}, {1000, 1000, 4, 3}, {5, 3, 2, 2}, {4, 0, 4, 1}, {8, 8, 4, 1000}} {
			k, mm, kk, among := size[0], size[1], size[2], size[3]
			what := fmt.Sprintf("NodesAround(%s, %d, %d, %d, %d) (%s)", id, k, mm, kk, among, name)
			root, ring, inside, err := s.NodesAround(ctx, id, k, mm, kk, among, f)
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			wantRoot, err := s.Nodes(ctx, []string{id}, k, f, true)
			if err != nil {
				t.Fatal(err)
			}
			if id == "person:nobody" {
				equal(t, what, [3]any{root.Entity.ID, len(ring), len(inside)}, [3]any{"", 0, 0})
				continue
			}
			all := m.neighbors(id, f)
			wantRoot[0].Entity = wantRoot[0].Entity.Drawn()
			if !equal(t, what+": root", root, wantRoot[0]) ||
				!equal(t, what+": root's neighbors", nonNilNeighbors(root.Neighbors), nonNilNeighbors(all[:min(k, len(all))])) ||
				!equal(t, what+": ring size", len(ring), min(mm, k, len(all))) {
				return
			}
			lists := make([]graph.NodeLinks, 0, len(ring))
			for i, n := range ring {
				other := all[i].ID
				want, err := s.Nodes(ctx, []string{other}, kk, f, !summed)
				if err != nil {
					t.Fatal(err)
				}
				links := n.Links
				n.Links = nil
				want[0].Entity = want[0].Entity.Drawn()
				if !equal(t, what+": "+other, n, want[0]) ||
					!equal(t, what+": links to "+other, linkSummaries(links), linkSummaries(m.linksBetween(id, other, f))) {
					return
				}
				ns := m.neighbors(other, f)
				lists = append(lists, graph.NodeLinks{Entity: graph.Entity{ID: other}, Neighbors: ns[:min(kk, len(ns))]})
			}
			var want []graph.Link
			for _, p := range graph.RingPairs(lists, among) {
				want = append(want, m.linksBetween(p.A, p.B, f)...)
			}
			if !equal(t, what+": links among the ring", linkSummaries(inside), linkSummaries(want)) {
				return
			}
		}
	}
}

// checkNodes compares LinkReader.Nodes with the model: each entity, its
// heaviest neighbors k deep (none for k 0) and its degree when asked for.
func checkNodes(t *testing.T, s graph.Store, m *model, ids []string, name string, f graph.LinkFilter) {
	t.Helper()
	ctx := t.Context()
	entities, err := s.Entities(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{0, 3, 1000} {
		for _, degrees := range []bool{false, true} {
			nodes, err := s.Nodes(ctx, append(slices.Clone(ids), "person:nobody"), k, f, degrees)
			if err != nil {
				t.Fatalf("Nodes (%s, k %d): %v", name, k, err)
			}
			what := fmt.Sprintf("Nodes (%s, k %d, degrees %v)", name, k, degrees)
			if !equal(t, what+": how many", len(nodes), len(ids)+1) {
				return
			}
			equal(t, what+": the unknown id", nodes[len(ids)].Entity.ID, "")
			equal(t, what+": the unknown id's neighbors", nonNilNeighbors(nodes[len(ids)].Neighbors), []graph.Neighbor{})
			for i, id := range ids {
				all := m.neighbors(id, f)
				wantDegree := 0
				if degrees {
					wantDegree = len(all)
				}
				if !equal(t, what+": entity "+id, nodes[i].Entity, entities[i]) ||
					!equal(t, what+": neighbors of "+id, nonNilNeighbors(nodes[i].Neighbors), nonNilNeighbors(all[:min(k, len(all))])) ||
					!equal(t, what+": degree of "+id, nodes[i].Degree, wantDegree) {
					return
				}
			}
		}
	}
}

func nonNilNeighbors(list []graph.Neighbor) []graph.Neighbor {
	if list == nil {
		return []graph.Neighbor{}
	}
	return list
}

func linkSummaries(links []graph.Link) []string {
	out := []string{}
	for _, l := range links {
		out = append(out, fmt.Sprintf("%s %s->%s count=%d %s..%s role=%q sample=%v", l.Type, l.Source, l.Target, l.Count, l.First, l.Last, l.Role, l.Sample))
	}
	slices.Sort(out)
	return out
}

// modelEntities returns every entity the model's links name, sorted.
func modelEntities(m *model) []string {
	var ids []string
	for k := range m.links {
		ids = append(ids, k.Source, k.Target)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

func testLinkLayer(t *testing.T, s graph.Store) {
	corpus := wireCorpus(1, wireDocs)
	Write(t, s, corpus...)
	m := newModel(corpus)
	t.Run("Aggregates", func(t *testing.T) { checkLinks(t, s, m) })
	t.Run("Neighborhoods", func(t *testing.T) { checkNeighborhoods(t, s, m) })
	t.Run("TimeRangeMatchesStatements", func(t *testing.T) { checkLinksMatchStatements(t, s, m) })
	t.Run("Timeline", func(t *testing.T) { checkTimeline(t, s, corpus) })
	t.Run("SearchOrder", func(t *testing.T) { checkSearchOrder(t, s) })
	t.Run("PathSearch", func(t *testing.T) { checkPathSearch(t, s, corpus) })
}

// checkSearchOrder pages through a search for a prefix that most names
// share, filtered by kind: every page is full until the last, and the
// pages together are every match, most mentioned first.
func checkSearchOrder(t *testing.T, s graph.Store) {
	ctx := t.Context()
	var all []graph.Entity
	for token := ""; ; {
		p, err := s.SearchEntities(ctx, graph.EntityQuery{Kinds: []graph.Kind{graph.KindPerson}, Page: graph.PageRequest{Size: graph.MaxPageSize, Token: token}})
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, p.Entities...)
		if token = p.NextPageToken; token == "" {
			break
		}
	}
	var got []graph.Entity
	for token := ""; ; {
		p, err := s.SearchEntities(ctx, graph.EntityQuery{Text: "pe", Kinds: []graph.Kind{graph.KindPerson}, Page: graph.PageRequest{Size: 7, Token: token}})
		if err != nil {
			t.Fatal(err)
		}
		if p.NextPageToken != "" && len(p.Entities) != 7 {
			t.Fatalf("a page before the last holds %d entities, want 7", len(p.Entities))
		}
		got = append(got, p.Entities...)
		if token = p.NextPageToken; token == "" {
			break
		}
	}
	// Every person of the corpus is "Person ...", listed most mentioned
	// first, as the search must list them.
	equal(t, "search for pe among persons", entityIDs(got), entityIDs(all))
}

// checkNeighborhoods compares graph.Neighborhood with the model's, around
// a hub, an outlet, busy and rare speakers, at every depth, under tight
// and loose limits and every filter; and checks that a depth-1 answer,
// the links among its ring included, is one read (NodesAround).
func checkNeighborhoods(t *testing.T, s graph.Store, m *model) {
	ids := modelEntities(m)
	degree := func(id string) int { return len(m.weights(id, graph.LinkFilter{})) }
	slices.SortFunc(ids, func(a, b string) int { return degree(b) - degree(a) })
	roots := []string{ids[0], ids[1], ids[len(ids)/4], ids[len(ids)/2], ids[len(ids)-1]}
	for _, root := range roots {
		for _, depth := range []int{1, 2, 3} {
			for _, limit := range []int{1, 4, 15, 500} {
				for name, f := range linkFilters(t) {
					q := graph.NeighborhoodQuery{Depth: depth, Limit: limit, Kinds: f.Kinds, Rels: f.Rels, Time: f.Time}
					what := fmt.Sprintf("%s depth %d limit %d (%s)", root, depth, limit, name)
					r := &countingReader{Store: s}
					got, err := graph.Neighborhood(t.Context(), r, root, q)
					if err != nil {
						t.Fatalf("%s: %v", what, err)
					}
					if depth == 1 {
						equal(t, what+": reads", r.reads, []string{"NodesAround"})
					}
					want := m.neighborhood(root, q)
					if len(got.Nodes) > limit {
						t.Errorf("%s: %d nodes, over the limit", what, len(got.Nodes))
					}
					if !equal(t, what+": nodes", nodeOmitted(got.Nodes), nodeOmitted(want.Nodes)) ||
						!equal(t, what+": edges", edgeDetails(got.Edges), edgeDetails(want.Edges)) ||
						!equal(t, what+": truncated, omitted", [2]any{got.Truncated, got.Omitted}, [2]any{want.Truncated, want.Omitted}) {
						return
					}
				}
			}
		}
	}
}

func nodeOmitted(nodes []graph.Node) []string {
	out := []string{}
	for _, n := range nodes {
		out = append(out, fmt.Sprintf("%s +%d", n.ID, n.Omitted))
	}
	return out
}

func edgeDetails(edges []graph.Edge) []string {
	out := []string{}
	for _, e := range edges {
		out = append(out, fmt.Sprintf("%s %s %s->%s count=%d %s..%s role=%q %v", e.ID, e.Type, e.Source, e.Target, e.Count, e.First, e.Last, e.Role, e.Statements))
	}
	return out
}

// checkLinksMatchStatements: a link's count in a time range is the number
// of statements the evidence list gives for its two ends in that range.
func checkLinksMatchStatements(t *testing.T, s graph.Store, m *model) {
	ctx := t.Context()
	for name, f := range linkFilters(t) {
		if len(f.Kinds) > 0 || len(f.Rels) > 0 {
			continue
		}
		n := 0
		for k := range m.links {
			if k.Type.IsStanding() || n == 40 {
				continue
			}
			n++
			q := graph.StatementQuery{Speaker: k.Source, Time: f.Time, Page: graph.PageRequest{Size: graph.MaxPageSize}}
			if k.Type == graph.RelStated {
				q.About = k.Target
			} else {
				q.Outlet = k.Target
			}
			page, err := s.Statements(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			links, err := s.LinksBetween(ctx, []graph.Pair{{A: k.Source, B: k.Target}}, graph.LinkFilter{Rels: []graph.RelType{k.Type}, Time: f.Time})
			if err != nil {
				t.Fatal(err)
			}
			count := 0
			var sample []string
			for _, l := range links {
				if l.Source == k.Source {
					count, sample = l.Count, l.Sample
				}
			}
			equal(t, fmt.Sprintf("%v (%s): link count vs statements", k, name), count, len(page.Statements))
			for _, id := range sample {
				if !slices.Contains(statementIDs(page.Statements), id) {
					t.Errorf("%v (%s): sampled statement %s is not among the link's statements %v", k, name, id, statementIDs(page.Statements))
				}
			}
		}
	}
}

// checkTimeline: an entity's timeline and statement counts add up its
// statements per month.
func checkTimeline(t *testing.T, s graph.Store, corpus []*graph.Extraction) {
	want := map[string]map[string]int{}
	for _, x := range corpus {
		if x.Document.Date == "" {
			continue
		}
		period := x.Document.Date[:min(7, len(x.Document.Date))]
		for _, st := range x.Statements {
			named := map[string]bool{st.Speaker.ID: true}
			for _, r := range append(slices.Clone(st.About), st.ReportedBy...) {
				named[r.ID] = true
			}
			for id := range named {
				if want[id] == nil {
					want[id] = map[string]int{}
				}
				want[id][period]++
			}
		}
	}
	for id, periods := range want {
		got, err := s.Timeline(t.Context(), id, graph.TimeRange{})
		if err != nil {
			t.Fatal(err)
		}
		var exp []graph.MonthCount
		for _, p := range slices.Sorted(func(yield func(string) bool) {
			for p := range periods {
				if !yield(p) {
					return
				}
			}
		}) {
			exp = append(exp, graph.MonthCount{Month: p, Count: periods[p]})
		}
		equal(t, "timeline of "+id, got, exp)
	}
	got, err := s.Timeline(t.Context(), "person:nobody", graph.TimeRange{})
	if err != nil || len(got) != 0 {
		t.Errorf("timeline of an unknown id = %v, %v; want empty", got, err)
	}
}

// testRewrites rewrites documents every way a user can (the same again,
// changed, changed back, in a batch when the stores are BatchWriters,
// from two writers at once) and checks that the link layer always equals
// the model of what is stored.
func testRewrites(t *testing.T, open func(t *testing.T) graph.Store, batching bool) {
	corpus := wireCorpus(2, wireDocs)
	m := newModel(corpus)
	t.Run("Again", func(t *testing.T) {
		s := open(t)
		Write(t, s, corpus...)
		before, err := s.Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		Write(t, s, wireCorpus(2, wireDocs)...)
		after, err := s.Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "stats after writing every document again", after, before)
		checkLinks(t, s, m)
	})
	t.Run("ChangedAndBack", func(t *testing.T) {
		s := open(t)
		Write(t, s, corpus...)
		before, err := s.Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		changed := wireCorpus(2, wireDocs)
		for i, x := range changed {
			switch i % 3 {
			case 0: // one statement fewer
				x.Statements = x.Statements[1:]
			case 1: // another date
				x.Document.Date = "2022-07-01"
				for j := range x.Statements {
					x.Statements[j].Date = x.Document.Date
				}
			}
		}
		Write(t, s, changed...)
		checkLinks(t, s, newModel(changed))
		Write(t, s, corpus...)
		after, err := s.Stats(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "stats after changing documents and back", after, before)
		checkLinks(t, s, m)
	})
	t.Run("TwoWriters", func(t *testing.T) {
		s := open(t)
		var wg sync.WaitGroup
		errs := make(chan error, 2)
		for w := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				xs := wireCorpus(2, wireDocs)
				if w == 1 {
					slices.Reverse(xs)
				}
				for _, x := range xs {
					if _, err := s.WriteExtraction(context.Background(), x); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("concurrent write: %v", err)
		}
		checkLinks(t, s, m)
	})
	if batching {
		t.Run("Batch", func(t *testing.T) {
			s := open(t).(graph.BatchWriter)
			xs := wireCorpus(2, wireDocs)
			// A batch with documents twice: the later write replaces.
			again := wireCorpus(2, 10)
			if _, err := s.WriteExtractions(t.Context(), append(xs, again...)); err != nil {
				t.Fatal(err)
			}
			checkLinks(t, s.(graph.Store), m)
		})
	}
}

// testSeedLinks checks the seed's links by hand, as a user reads them.
func testSeedLinks(t *testing.T, s graph.Store, sd seedData) {
	ctx := t.Context()
	lists, err := s.Neighbors(ctx, []string{Budanov, "person:nobody"}, 10, graph.LinkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Budanov's neighbors", lists[0], []graph.Neighbor{
		{ID: Russia, Weight: 4}, {ID: FinancialTimes, Weight: 3}, {ID: NorthKorea, Weight: 2},
		{ID: DefenseIntel, Weight: 2}, {ID: Kremlin, Weight: 1}})
	equal(t, "an unknown entity's neighbors", nonNilNeighbors(lists[1]), []graph.Neighbor{})
	links, err := s.LinksBetween(ctx, []graph.Pair{{A: Russia, B: Budanov}, {A: Budanov, B: DefenseIntel}}, graph.LinkFilter{})
	if err != nil {
		t.Fatal(err)
	}
	newest := sorted(sd.ids("budanov-search", "budanov-supplier", "budanov-ammunition")...)
	equal(t, "links", links, []graph.Link{
		{Type: graph.RelAffiliatedWith, Source: Budanov, Target: DefenseIntel, Count: 2, First: "2024-01", Last: "2024-01", Role: "head of"},
		{Type: graph.RelStated, Source: Budanov, Target: Russia, Count: 4, First: "2024-01", Last: "2024-01", Sample: newest},
	})
	degrees, err := s.Degrees(ctx, []string{Russia, Budanov}, graph.LinkFilter{Kinds: []graph.Kind{graph.KindPerson}})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "degrees among persons", degrees, []int{2, 0})
	nodes, err := s.Nodes(ctx, []string{"person:nobody", Budanov}, 2, graph.LinkFilter{}, true)
	if err != nil {
		t.Fatal(err)
	}
	budanov, err := s.Entity(ctx, Budanov)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "Nodes", nodes, []graph.NodeLinks{{}, {Entity: budanov, Degree: 5,
		Neighbors: []graph.Neighbor{{ID: Russia, Weight: 4}, {ID: FinancialTimes, Weight: 3}}}})
}

package storetest

import (
	"cmp"
	"slices"

	"github.com/entitygraph/entitygraph/graph"
)

// model is the entity view computed the slow, obvious way from the
// extractions a store was given, without the link layer: what every
// store's aggregates must agree with.
type model struct {
	// statements: for each link, the (date, id) of its statements; for a
	// standing relation, the dates of the documents stating it.
	links map[graph.LinkKey][]dated
	roles map[graph.LinkKey][]string
	// tallies is the tally layer counted the obvious way (see tallies).
	tallies map[graph.TallyKey][]dated
}

type dated struct{ date, id string }

func newModel(xs []*graph.Extraction) *model {
	m := &model{links: map[graph.LinkKey][]dated{}, roles: map[graph.LinkKey][]string{}, tallies: tallies(xs)}
	for _, x := range xs {
		date := x.Document.Date
		for _, st := range x.Statements {
			for _, refs := range []struct {
				t    graph.RelType
				list []graph.EntityRef
			}{{graph.RelStated, st.About}, {graph.RelReportedBy, st.ReportedBy}} {
				var seen []string
				for _, r := range refs.list {
					if r.ID == st.Speaker.ID || slices.Contains(seen, r.ID) {
						continue
					}
					seen = append(seen, r.ID)
					k := graph.LinkKey{Type: refs.t, Source: st.Speaker.ID, Target: r.ID}
					m.links[k] = append(m.links[k], dated{date, st.ID})
				}
			}
		}
		var stated []graph.LinkKey
		for _, r := range x.Relations {
			k := graph.LinkKey{Type: r.Type, Source: r.Source, Target: r.Target}
			if !slices.Contains(stated, k) {
				stated = append(stated, k)
				m.links[k] = append(m.links[k], dated{date, x.Document.ID})
			}
			if r.Role != "" && !slices.Contains(m.roles[k], r.Role) {
				m.roles[k] = append(m.roles[k], r.Role)
			}
		}
	}
	return m
}

// link returns the link of key k as a store must give it under f.
func (m *model) link(k graph.LinkKey, f graph.LinkFilter) (graph.Link, bool) {
	if len(f.Rels) > 0 && !slices.Contains(f.Rels, k.Type) {
		return graph.Link{}, false
	}
	l := graph.Link{Type: k.Type, Source: k.Source, Target: k.Target}
	var items []dated
	for _, d := range m.links[k] {
		if k.Type.IsStanding() || f.Time.Contains(d.date) {
			items = append(items, d)
		}
	}
	if len(items) == 0 {
		return graph.Link{}, false
	}
	l.Count = len(items)
	for _, d := range items {
		if d.date == "" {
			continue
		}
		if l.First == "" || d.date < l.First {
			l.First = d.date
		}
		if d.date > l.Last {
			l.Last = d.date
		}
	}
	if k.Type.IsStanding() {
		if roles := slices.Sorted(slices.Values(m.roles[k])); len(roles) > 0 {
			l.Role = roles[0]
		}
		return l, true
	}
	// The sample is the link's newest statements, those of them in the
	// time range.
	all := slices.Clone(m.links[k])
	slices.SortFunc(all, func(a, b dated) int { return graph.SampleOrder(a.date, a.id, b.date, b.id) })
	for _, d := range all[:min(len(all), graph.MaxEdgeSample)] {
		if f.Time.Contains(d.date) {
			l.Sample = append(l.Sample, d.id)
		}
	}
	return l, true
}

// weights returns every neighbor of id under f with its weight.
func (m *model) weights(id string, f graph.LinkFilter) map[string]int {
	w := map[string]int{}
	for k := range m.links {
		other := ""
		switch id {
		case k.Source:
			other = k.Target
		case k.Target:
			other = k.Source
		default:
			continue
		}
		if len(f.Kinds) > 0 && !slices.Contains(f.Kinds, graph.KindOfID(other)) {
			continue
		}
		if l, ok := m.link(k, f); ok {
			w[other] += l.Count
		}
	}
	return w
}

// neighbors returns every neighbor of id under f, heaviest first, then by
// id: the whole list of which LinkReader.Neighbors returns a prefix.
func (m *model) neighbors(id string, f graph.LinkFilter) []graph.Neighbor {
	var out []graph.Neighbor
	for other, w := range m.weights(id, f) {
		out = append(out, graph.Neighbor{ID: other, Weight: w})
	}
	slices.SortFunc(out, graph.HeavierFirst)
	return out
}

// linksBetween returns the links between a and b, both ways, under f.
func (m *model) linksBetween(a, b string, f graph.LinkFilter) []graph.Link {
	var out []graph.Link
	for _, t := range graph.RelTypes {
		for _, k := range []graph.LinkKey{{Type: t, Source: a, Target: b}, {Type: t, Source: b, Target: a}} {
			if l, ok := m.link(k, f); ok && (a != b || k.Source == a) {
				out = append(out, l)
			}
		}
	}
	return out
}

// neighborhood is graph.Neighborhood in the entity view as its doc
// comment defines it, computed from whole neighbor lists.
func (m *model) neighborhood(root string, q graph.NeighborhoodQuery) graph.Subgraph {
	if q.Depth == 0 {
		q.Depth = 1
	}
	if q.Limit == 0 {
		q.Limit = graph.DefaultNodeLimit
	}
	f := graph.LinkFilter{Kinds: q.Kinds, Rels: q.Rels, Time: q.Time}
	in := map[string]bool{root: true}
	ids := []string{root}
	drawn := map[graph.Pair]bool{}
	offered := map[graph.Pair]int{}
	pair := func(a, b string) { drawn[graph.PairOf(a, b)] = true }
	frontier := []string{root}
	var expanded []string
	for ring := 0; ring < q.Depth && len(frontier) > 0; ring++ {
		expanded = append(expanded, frontier...)
		slots := q.Limit - len(ids)
		if slots <= 0 {
			break
		}
		best := map[string]graph.Neighbor{}
		for _, fr := range frontier {
			for _, n := range m.neighbors(fr, f) {
				if in[n.ID] {
					continue
				}
				if had, ok := best[n.ID]; !ok || n.Weight > had.Weight {
					best[n.ID] = n
				}
			}
		}
		var ranked []graph.Neighbor
		for _, n := range best {
			ranked = append(ranked, n)
		}
		slices.SortFunc(ranked, graph.HeavierFirst)
		ranked = ranked[:min(len(ranked), slots)]
		var picked []string
		for _, n := range ranked {
			in[n.ID] = true
			ids = append(ids, n.ID)
			picked = append(picked, n.ID)
		}
		if len(ranked) > 0 {
			// Each picked node is drawn joined to its heaviest link to
			// the frontier (ties: the frontier node first by id); its
			// other links there that rank with the picked are offered.
			bar := ranked[len(ranked)-1]
			for _, id := range picked {
				var links []graph.Neighbor // the frontier nodes, weighted by their link to id
				for _, fr := range frontier {
					for _, n := range m.neighbors(fr, f) {
						if n.ID == id && graph.HeavierFirst(n, bar) <= 0 {
							links = append(links, graph.Neighbor{ID: fr, Weight: n.Weight})
						}
					}
				}
				slices.SortFunc(links, graph.HeavierFirst)
				for i, l := range links {
					if i == 0 {
						pair(l.ID, id)
					} else {
						offered[graph.PairOf(l.ID, id)] = l.Weight
					}
				}
			}
		}
		frontier = picked
	}
	for _, id := range ids {
		list := m.neighbors(id, f)
		for _, n := range list[:min(len(list), graph.LinksPerNode)] {
			if p := graph.PairOf(id, n.ID); in[n.ID] && !drawn[p] {
				offered[p] = n.Weight
			}
		}
	}
	var ranked []graph.Pair
	for p := range offered {
		ranked = append(ranked, p)
	}
	slices.SortFunc(ranked, func(a, b graph.Pair) int {
		return cmp.Or(cmp.Compare(offered[b], offered[a]), cmp.Compare(a.A, b.A), cmp.Compare(a.B, b.B))
	})
	for _, p := range ranked[:max(0, min(len(ranked), graph.EdgeBudget(len(ids))-len(drawn)))] {
		drawn[p] = true
	}
	sg := modelSubgraph(ids, drawn, m, f)
	degreeOf := func(id string) int { return len(m.weights(id, f)) }
	drawnOf := map[string]int{}
	for p := range drawn {
		if len(f.Kinds) == 0 || slices.Contains(f.Kinds, graph.KindOfID(p.B)) {
			drawnOf[p.A]++
		}
		if len(f.Kinds) == 0 || slices.Contains(f.Kinds, graph.KindOfID(p.A)) {
			drawnOf[p.B]++
		}
	}
	counted := ids
	if len(q.Rels) > 0 || !q.Time.IsZero() {
		counted = expanded
	}
	for i := range sg.Nodes {
		if slices.Contains(counted, sg.Nodes[i].ID) {
			sg.Nodes[i].Omitted = degreeOf(sg.Nodes[i].ID) - drawnOf[sg.Nodes[i].ID]
		}
	}
	sg.Omitted = sg.Nodes[0].Omitted
	for _, id := range expanded {
		for other := range m.weights(id, f) {
			if !in[other] {
				sg.Truncated = true
			}
		}
	}
	return sg
}

// modelSubgraph returns the nodes ids (ids only: names are not the
// model's) and the edges of the drawn pairs.
func modelSubgraph(ids []string, drawn map[graph.Pair]bool, m *model, f graph.LinkFilter) graph.Subgraph {
	sg := graph.Subgraph{Nodes: []graph.Node{}, Edges: []graph.Edge{}}
	for _, id := range ids {
		sg.Nodes = append(sg.Nodes, graph.Node{ID: id})
	}
	for p := range drawn {
		for _, l := range m.linksBetween(p.A, p.B, f) {
			sg.Edges = append(sg.Edges, graph.Edge{ID: graph.EdgeID(l.Type, l.Source, l.Target), Type: l.Type,
				Source: l.Source, Target: l.Target, Statements: l.Sample, Count: l.Count, First: l.First, Last: l.Last, Role: l.Role})
		}
	}
	slices.SortFunc(sg.Edges, func(x, y graph.Edge) int {
		return cmp.Or(cmp.Compare(x.Type, y.Type), cmp.Compare(x.Source, y.Source), cmp.Compare(x.Target, y.Target))
	})
	return sg
}

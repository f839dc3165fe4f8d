package graph

import (
	"context"
	"slices"
	"strings"
)

// statementNeighborhood is Neighborhood in the statement view: each depth
// step keeps the newest statements around the entities of the step
// before (in a role the type filter allows), then the entities those
// statements name, until q.Limit nodes. An entity node's Omitted counts
// the statements around it (within the time range) that are not in the
// answer, a statement node's the entities it names that are not.
func statementNeighborhood(ctx context.Context, r Reader, root string, q NeighborhoodQuery) (Subgraph, error) {
	const op = "graph.Neighborhood"
	v := statementView{q: q, nodes: []string{root}, in: map[string]bool{root: true}, statements: map[string]StatementLink{}}
	frontier := []string{root}
	var expanded []string
	for ring := 0; ring < q.Depth && len(frontier) > 0; ring++ {
		expanded = append(expanded, frontier...)
		slots := q.Limit - len(v.nodes)
		if slots <= 0 {
			break
		}
		picked, err := v.newestAround(ctx, r, frontier, slots)
		if err != nil {
			return Subgraph{}, err
		}
		frontier = frontier[:0:0]
		for _, st := range picked {
			v.include(st.ID)
			v.statements[st.ID] = st
		}
		for _, st := range picked {
			for _, id := range v.entitiesOf(st) {
				if !v.in[id] && len(v.nodes) < q.Limit {
					v.include(id)
					frontier = append(frontier, id)
				}
			}
		}
	}
	sg, err := v.subgraph(ctx, r)
	if err != nil {
		return Subgraph{}, err
	}
	counts, err := r.StatementCounts(ctx, expanded, q.Time)
	if err != nil {
		return Subgraph{}, Wrap(Internal, op, "counting statements", err)
	}
	around := map[string]int{}
	for _, st := range v.statements {
		for _, id := range namedIn(st) {
			if v.in[id] {
				around[id]++
			}
		}
	}
	omitted := map[string]int{}
	for i, id := range expanded {
		omitted[id] = max(0, counts[i]-around[id])
	}
	for id, st := range v.statements {
		for _, e := range v.entitiesOf(st) {
			if !v.in[e] {
				omitted[id]++
			}
		}
	}
	for i := range sg.Nodes {
		n := &sg.Nodes[i]
		n.Omitted = omitted[n.ID]
		sg.Truncated = sg.Truncated || n.Omitted > 0
	}
	if len(sg.Nodes) > 0 && sg.Nodes[0].ID == root {
		sg.Omitted = sg.Nodes[0].Omitted
	}
	return sg, nil
}

// statementView is a statement-view answer as it grows.
type statementView struct {
	q          NeighborhoodQuery
	nodes      []string
	in         map[string]bool
	statements map[string]StatementLink
}

func (v *statementView) include(id string) {
	if !v.in[id] {
		v.in[id] = true
		v.nodes = append(v.nodes, id)
	}
}

// role reports whether the type filter lets a statement link to entity
// id: as its speaker (STATED), an about entity (ABOUT) or an outlet
// (REPORTED_BY).
func (v *statementView) role(st StatementLink, id string) bool {
	f := v.q.linkFilter()
	return id == st.Speaker && f.allowsRel(RelStated) ||
		slices.Contains(st.About, id) && f.allowsRel(RelAbout) ||
		slices.Contains(st.ReportedBy, id) && f.allowsRel(RelReportedBy)
}

// entitiesOf returns the entities st names that the filters let in: the
// speaker, the about entities, then the outlets.
func (v *statementView) entitiesOf(st StatementLink) []string {
	var out []string
	f := v.q.linkFilter()
	for _, id := range namedIn(st) {
		if f.allowsKind(id) && v.role(st, id) {
			out = append(out, id)
		}
	}
	return out
}

// newestAround returns the slots newest statements around frontier that
// the answer does not hold yet.
func (v *statementView) newestAround(ctx context.Context, r Reader, frontier []string, slots int) ([]StatementLink, error) {
	fetch := func(ctx context.Context, ids []string, k int) ([][]StatementLink, error) {
		lists, err := r.StatementsAround(ctx, ids, k, v.q.Time)
		return lists, Wrap(Internal, "graph.Neighborhood", "reading the statements around entities", err)
	}
	keep := func(source string, st StatementLink) bool { return !v.in[st.ID] && v.role(st, source) }
	newer := func(a, b StatementLink) int { return SampleOrder(a.Date, a.ID, b.Date, b.ID) }
	// Without a type filter every statement of a list is kept but the
	// ones already in: a list that long holds slots kept ones.
	maxK := 0
	if len(v.q.Rels) == 0 {
		maxK = slots + len(v.statements)
	}
	_, best, err := bestAcross(ctx, frontier, slots, maxK, fetch, keep, func(st StatementLink) string { return st.ID }, newer)
	return best, err
}

// subgraph returns the nodes (statements labelled by their sentence) and
// the edges between a statement and the entities it names.
func (v *statementView) subgraph(ctx context.Context, r Reader) (Subgraph, error) {
	var entityIDs []string
	for _, id := range v.nodes {
		if _, ok := v.statements[id]; !ok {
			entityIDs = append(entityIDs, id)
		}
	}
	found, err := r.Entities(ctx, entityIDs)
	if err != nil {
		return Subgraph{}, Wrap(Internal, "graph.Neighborhood", "reading entities", err)
	}
	byID := map[string]Node{}
	for _, n := range entityNodes(found).Nodes {
		byID[n.ID] = n
	}
	sg := Subgraph{Nodes: []Node{}, Edges: []Edge{}}
	for _, id := range v.nodes {
		if st, ok := v.statements[id]; ok {
			sg.Nodes = append(sg.Nodes, Node{ID: id, Kind: KindStatement, Name: statementLabel(st.Text), Date: st.Date})
		} else if n, ok := byID[id]; ok {
			sg.Nodes = append(sg.Nodes, n)
		}
	}
	f := v.q.linkFilter()
	edge := func(t RelType, source, target, sid string) {
		if f.allowsRel(t) && v.in[source] && v.in[target] {
			sg.Edges = append(sg.Edges, Edge{ID: EdgeID(t, source, target), Type: t, Source: source, Target: target,
				Statements: []string{sid}, Count: 1})
		}
	}
	for _, id := range v.nodes {
		st, ok := v.statements[id]
		if !ok {
			continue
		}
		edge(RelStated, st.Speaker, st.ID, st.ID)
		for _, a := range st.About {
			edge(RelAbout, st.ID, a, st.ID)
		}
		for _, o := range st.ReportedBy {
			edge(RelReportedBy, st.ID, o, st.ID)
		}
	}
	sortEdges(sg.Edges)
	sg.Edges = slices.CompactFunc(sg.Edges, func(a, b Edge) bool { return a.ID == b.ID })
	return sg, nil
}

// wholeStatementGraph is WholeGraph in the statement view: the entities
// ids, then the newest statements around them up to MaxExportNodes nodes.
func wholeStatementGraph(ctx context.Context, r Reader, ids []string, tr TimeRange) (Subgraph, error) {
	v := statementView{q: NeighborhoodQuery{Time: tr, View: ViewStatements}, in: map[string]bool{}, statements: map[string]StatementLink{}}
	for _, id := range ids {
		v.include(id)
	}
	slots := MaxExportNodes - len(v.nodes)
	var truncated bool
	for start := 0; start < len(ids) && slots > 0; start += exportBatch {
		batch := ids[start:min(start+exportBatch, len(ids))]
		picked, err := v.newestAround(ctx, r, batch, slots)
		if err != nil {
			return Subgraph{}, err
		}
		for _, st := range picked {
			v.include(st.ID)
			v.statements[st.ID] = st
		}
		slots -= len(picked)
		truncated = slots <= 0
	}
	sg, err := v.subgraph(ctx, r)
	sg.Truncated = truncated
	return sg, err
}

// statementLabel shortens a sentence to a node label.
func statementLabel(text string) string {
	const max = 60
	if len(text) <= max {
		return text
	}
	cut := strings.LastIndexByte(text[:max], ' ')
	if cut < max/2 {
		cut = max
		for cut > 0 && text[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
			cut--
		}
	}
	return text[:cut] + "…"
}

// namedIn returns the distinct entities st names: its speaker, the
// entities it is about, its outlets; an unattributed statement has no
// speaker to name.
func namedIn(st StatementLink) []string {
	var out []string
	if st.Speaker != "" {
		out = append(out, st.Speaker)
	}
	for _, id := range append(slices.Clone(st.About), st.ReportedBy...) {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

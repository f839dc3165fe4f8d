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
	sg, around, nodeOmitted, err := v.subgraph(ctx, r)
	if err != nil {
		return Subgraph{}, err
	}
	counts, err := r.StatementCounts(ctx, expanded, q.Time)
	if err != nil {
		return Subgraph{}, Wrap(Internal, op, "counting statements", err)
	}
	omitted := nodeOmitted
	for i, id := range expanded {
		omitted[id] = max(0, counts[i]-around[id])
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

// subgraph returns the nodes (statements labelled by their sentence,
// claims by their newest report's in the answer) and the edges between a
// statement or claim and the entities it names. It also returns, for each
// entity of the answer, how many statements within the time range the
// answer's statement and claim nodes stand for that name it (a claim:
// the count of its heaviest edge to the entity), and each statement and
// claim node's Omitted: the entities its statements name that the answer
// leaves out.
//
// One claim, many reports: the statements of the answer that make one
// claim (ClaimOf) reported at least twice within the time range are one
// node of kind claim with the claim's id and its number of Reports. Its
// edges count the claim's reports within the range, all of them and not
// only those of the answer, from the tally layer (STATED from the speaker:
// TallyClaims; ABOUT an entity: TallyAboutClaims; REPORTED_BY an outlet:
// TallyClaimOutlets), and sample the reports of the answer behind them,
// newest first: a claim carried by ten outlets is one STATED edge counted
// ten, not ten statement nodes. A claim reported once is its statement.
func (v *statementView) subgraph(ctx context.Context, r Reader) (Subgraph, map[string]int, map[string]int, error) {
	const op = "graph.Neighborhood"
	var entityIDs, sids []string
	for _, id := range v.nodes {
		if _, ok := v.statements[id]; ok {
			sids = append(sids, id)
		} else {
			entityIDs = append(entityIDs, id)
		}
	}
	found, err := r.Entities(ctx, entityIDs)
	if err != nil {
		return Subgraph{}, nil, nil, Wrap(Internal, "graph.Neighborhood", "reading entities", err)
	}
	byID := map[string]Node{}
	for _, n := range entityNodes(found).Nodes {
		byID[n.ID] = n
	}
	claims, err := v.claims(ctx, r, sids)
	if err != nil {
		return Subgraph{}, nil, nil, err
	}
	nodeOf := func(sid string) string {
		if c, ok := claims.of[sid]; ok {
			return c
		}
		return sid
	}
	sg := Subgraph{Nodes: []Node{}, Edges: []Edge{}}
	seen := map[string]bool{}
	for _, id := range v.nodes {
		if st, ok := v.statements[id]; ok {
			nid := nodeOf(id)
			if seen[nid] {
				continue
			}
			seen[nid] = true
			n := Node{ID: nid, Kind: KindStatement, Name: statementLabel(st.Text), Date: st.Date}
			if nid != id {
				n.Kind, n.Reports = KindClaim, claims.reports[nid]
			}
			sg.Nodes = append(sg.Nodes, n)
		} else if n, ok := byID[id]; ok {
			sg.Nodes = append(sg.Nodes, n)
		}
	}
	f := v.q.linkFilter()
	edges := map[string]*Edge{}
	edge := func(t RelType, source, target, sid string) {
		if !f.allowsRel(t) || !v.in[source] || !v.in[target] {
			return
		}
		if t == RelStated {
			target = nodeOf(target)
		} else {
			source = nodeOf(source)
		}
		id := EdgeID(t, source, target)
		e, ok := edges[id]
		if !ok {
			e = &Edge{ID: id, Type: t, Source: source, Target: target}
			edges[id] = e
		}
		if !slices.Contains(e.Statements, sid) {
			e.Statements = append(e.Statements, sid)
			e.Count++
		}
	}
	for _, sid := range sids {
		st := v.statements[sid]
		edge(RelStated, st.Speaker, sid, sid)
		for _, a := range st.About {
			edge(RelAbout, sid, a, sid)
		}
		for _, o := range st.ReportedBy {
			edge(RelReportedBy, sid, o, sid)
		}
	}
	// A claim's edges count all its reports: one read of their tallies.
	var keys []TallyKey
	var counted []*Edge
	for _, e := range edges {
		switch {
		case e.Type == RelStated && claims.reports[e.Target] > 0:
			keys = append(keys, TallyKey{Kind: TallyClaims, Item: e.Target})
		case e.Type == RelAbout && claims.reports[e.Source] > 0:
			keys = append(keys, TallyKey{Kind: TallyAboutClaims, Scope: e.Target, Item: e.Source})
		case e.Type == RelReportedBy && claims.reports[e.Source] > 0:
			keys = append(keys, TallyKey{Kind: TallyClaimOutlets, Scope: e.Source, Item: e.Target})
		default:
			continue
		}
		counted = append(counted, e)
	}
	counts, err := r.TallyCounts(ctx, keys, v.q.Time)
	if err != nil {
		return Subgraph{}, nil, nil, Wrap(Internal, op, "counting the reports of claims", err)
	}
	for i, e := range counted {
		// A report about its own speaker is in no about tally: the
		// answer's own reports are the floor.
		e.Count = max(e.Count, counts[i])
	}
	for _, e := range edges {
		slices.SortFunc(e.Statements, func(a, b string) int {
			return SampleOrder(v.statements[a].Date, a, v.statements[b].Date, b)
		})
		e.Statements = e.Statements[:min(len(e.Statements), MaxEdgeSample)]
		sg.Edges = append(sg.Edges, *e)
	}
	sortEdges(sg.Edges)

	around, omitted := map[string]int{}, map[string]int{}
	for _, nid := range sg.Nodes {
		if nid.Kind != KindStatement && nid.Kind != KindClaim {
			continue // an entity
		}
		named, out := map[string]int{}, map[string]bool{}
		for _, sid := range append([]string{nid.ID}, claims.members[nid.ID]...) {
			st, ok := v.statements[sid]
			if !ok {
				continue // a claim's id
			}
			for _, e := range namedIn(st) {
				if v.in[e] {
					named[e]++
				}
			}
			for _, e := range v.entitiesOf(st) {
				if !v.in[e] {
					out[e] = true
				}
			}
		}
		if nid.Kind == KindClaim {
			for _, e := range sg.Edges {
				if e.Source == nid.ID {
					named[e.Target] = max(named[e.Target], e.Count)
				} else if e.Target == nid.ID {
					named[e.Source] = max(named[e.Source], e.Count)
				}
			}
		}
		for e, n := range named {
			around[e] += n
		}
		omitted[nid.ID] = len(out)
	}
	return sg, around, omitted, nil
}

// answerClaims is what the statement view folds: of (statement id → the
// claim node it is a report of), each claim node's reports within the
// time range and its statements in the answer.
type answerClaims struct {
	of      map[string]string
	reports map[string]int
	members map[string][]string
}

// claims returns the claims of the statements sids reported at least
// twice within the time range, from one read of their tallies.
func (v *statementView) claims(ctx context.Context, r Reader, sids []string) (answerClaims, error) {
	c := answerClaims{of: map[string]string{}, reports: map[string]int{}, members: map[string][]string{}}
	var keys []TallyKey
	made := map[string]string{}
	for _, sid := range sids {
		claim := v.statements[sid].claim()
		if claim == "" {
			continue
		}
		if _, ok := c.members[claim]; !ok {
			keys = append(keys, TallyKey{Kind: TallyClaims, Item: claim})
		}
		made[sid] = claim
		c.members[claim] = append(c.members[claim], sid)
	}
	counts, err := r.TallyCounts(ctx, keys, v.q.Time)
	if err != nil {
		return c, Wrap(Internal, "graph.Neighborhood", "counting the reports of claims", err)
	}
	for i, k := range keys {
		if counts[i] >= 2 {
			c.reports[k.Item] = counts[i]
		} else {
			delete(c.members, k.Item)
		}
	}
	for sid, claim := range made {
		if c.reports[claim] > 0 {
			c.of[sid] = claim
		}
	}
	return c, nil
}

// claim returns the claim st makes (ClaimOf), "" when none.
func (st StatementLink) claim() string {
	refs := func(ids []string) []EntityRef {
		out := make([]EntityRef, len(ids))
		for i, id := range ids {
			out[i] = EntityRef{ID: id}
		}
		return out
	}
	return ClaimOf(Statement{Speaker: EntityRef{ID: st.Speaker}, About: refs(st.About), ReportedBy: refs(st.ReportedBy),
		Text: st.Text, Quote: st.Quote})
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
	sg, _, _, err := v.subgraph(ctx, r)
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

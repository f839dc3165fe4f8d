package graph

import (
	"cmp"
	"context"
	"slices"
	"strings"
)

// Neighborhood returns the subgraph around the entity id: the entities
// within q.Depth steps and the edges among them, in q.View. Neighbors are
// added strongest first (most statements behind their link), so a subgraph
// cut at q.Limit keeps what matters most and says how much it left out.
// It returns a NotFound error for an unknown id and an Invalid error naming
// the parameter for a depth, limit or view out of range.
func Neighborhood(ctx context.Context, r Reader, id string, q NeighborhoodQuery) (Subgraph, error) {
	const op = "graph.Neighborhood"
	q, err := q.normalize(op)
	if err != nil {
		return Subgraph{}, err
	}
	root, err := r.Entity(ctx, id)
	if err != nil {
		return Subgraph{}, err
	}
	b := newBuilder(r, q)
	b.include(root.ID)
	frontier := []string{root.ID}
	steps := q.Depth
	if q.View == ViewStatements {
		// A statement sits between two entities: one depth step is two hops.
		steps *= 2
	}
	for step := 0; step < steps && len(frontier) > 0; step++ {
		if err := b.fetch(ctx, frontier); err != nil {
			return Subgraph{}, err
		}
		frontier = b.expand(frontier, q.Limit)
	}
	// The last ring's own links close the subgraph (edges among neighbors).
	if err := b.fetch(ctx, frontier); err != nil {
		return Subgraph{}, err
	}
	return b.subgraph(ctx)
}

// WholeGraph returns every entity (of q.Kinds) and the edges among them, in
// q.View, up to MaxExportNodes entities, most mentioned first. q.Depth and
// q.Limit are ignored. It is what an export of the whole graph writes.
func WholeGraph(ctx context.Context, r Reader, q NeighborhoodQuery) (Subgraph, error) {
	const op = "graph.WholeGraph"
	view, err := ParseView(string(q.View))
	if err != nil {
		return Subgraph{}, err
	}
	q.View = view
	b := newBuilder(r, q)
	var ids []string
	page := PageRequest{Size: MaxPageSize}
	for {
		p, err := r.SearchEntities(ctx, EntityQuery{Kinds: q.Kinds, Page: page})
		if err != nil {
			return Subgraph{}, Wrap(Internal, op, "listing entities", err)
		}
		for _, e := range p.Entities {
			if len(ids) == MaxExportNodes {
				b.omitted++
				continue
			}
			ids = append(ids, e.ID)
			b.include(e.ID)
		}
		if p.NextPageToken == "" {
			break
		}
		page.Token = p.NextPageToken
	}
	const batch = 1000
	for start := 0; start < len(ids); start += batch {
		if err := b.fetch(ctx, ids[start:min(start+batch, len(ids))]); err != nil {
			return Subgraph{}, err
		}
	}
	if q.View == ViewStatements {
		// Statement nodes are not entities: include every statement found.
		for sid := range b.statements {
			b.include(sid)
		}
	}
	return b.subgraph(ctx)
}

func (q NeighborhoodQuery) normalize(op string) (NeighborhoodQuery, error) {
	switch {
	case q.Depth == 0:
		q.Depth = 1
	case q.Depth < 0 || q.Depth > MaxDepth:
		return q, InvalidParam(op, "depth", "depth must be between 1 and %d", MaxDepth)
	}
	switch {
	case q.Limit == 0:
		q.Limit = DefaultNodeLimit
	case q.Limit < 1 || q.Limit > MaxNodeLimit:
		return q, InvalidParam(op, "limit", "limit must be between 1 and %d", MaxNodeLimit)
	}
	view, err := ParseView(string(q.View))
	q.View = view
	return q, err
}

// KindOfID returns the kind an entity id starts with (see EntityID), or ""
// when the id is not an entity id.
func KindOfID(id string) Kind {
	k, _, ok := strings.Cut(id, ":")
	if !ok || !Kind(k).Valid() {
		return ""
	}
	return Kind(k)
}

type linkKey struct {
	typ            RelType
	source, target string
}

type link struct {
	linkKey
	role       string
	statements []string
}

// builder accumulates the links of a view from Facts and grows a node set
// over them; Neighborhood, WholeGraph and Path share it.
type builder struct {
	r          Reader
	q          NeighborhoodQuery
	limit      int
	kinds      map[Kind]bool
	rels       map[RelType]bool
	links      map[linkKey]*link
	adjacent   map[string][]*link
	statements map[string]StatementLink
	fetched    map[string]bool
	nodes      []string
	included   map[string]bool
	omittedBy  map[string]int
	omitted    int
}

func newBuilder(r Reader, q NeighborhoodQuery) *builder {
	b := &builder{
		r: r, q: q, limit: q.Limit,
		links:      map[linkKey]*link{},
		adjacent:   map[string][]*link{},
		statements: map[string]StatementLink{},
		fetched:    map[string]bool{},
		included:   map[string]bool{},
		omittedBy:  map[string]int{},
	}
	if len(q.Kinds) > 0 {
		b.kinds = map[Kind]bool{}
		for _, k := range q.Kinds {
			b.kinds[k] = true
		}
	}
	if len(q.Rels) > 0 {
		b.rels = map[RelType]bool{}
		for _, t := range q.Rels {
			b.rels[t] = true
		}
	}
	return b
}

func (b *builder) include(id string) {
	if !b.included[id] {
		b.included[id] = true
		b.nodes = append(b.nodes, id)
	}
}

// fetch loads the facts around the entities among ids not fetched before.
func (b *builder) fetch(ctx context.Context, ids []string) error {
	var todo []string
	for _, id := range ids {
		if KindOfID(id) != "" && !b.fetched[id] {
			b.fetched[id] = true
			todo = append(todo, id)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	facts, err := b.r.Facts(ctx, todo, b.q.Time)
	if err != nil {
		return Wrap(Internal, "graph.fetch", "reading the statements around entities", err)
	}
	for _, s := range facts.Statements {
		if _, seen := b.statements[s.ID]; seen {
			continue
		}
		b.statements[s.ID] = s
		b.addStatement(s)
	}
	for _, rel := range facts.Relations {
		b.addLink(rel.Type, rel.Source, rel.Target, rel.Role, "")
	}
	return nil
}

func (b *builder) addStatement(s StatementLink) {
	if b.q.View == ViewStatements {
		b.addLink(RelStated, s.Speaker, s.ID, "", s.ID)
		for _, a := range s.About {
			b.addLink(RelAbout, s.ID, a, "", s.ID)
		}
		for _, o := range s.ReportedBy {
			b.addLink(RelReportedBy, s.ID, o, "", s.ID)
		}
		return
	}
	for _, a := range s.About {
		if a != s.Speaker {
			b.addLink(RelStated, s.Speaker, a, "", s.ID)
		}
	}
	for _, o := range s.ReportedBy {
		if o != s.Speaker {
			b.addLink(RelReportedBy, s.Speaker, o, "", s.ID)
		}
	}
}

func (b *builder) addLink(t RelType, source, target, role, statementID string) {
	if b.rels != nil && !b.rels[t] {
		return
	}
	k := linkKey{t, source, target}
	l, ok := b.links[k]
	if !ok {
		l = &link{linkKey: k, role: role}
		b.links[k] = l
		b.adjacent[source] = append(b.adjacent[source], l)
		b.adjacent[target] = append(b.adjacent[target], l)
	}
	if statementID != "" && !slices.Contains(l.statements, statementID) {
		l.statements = append(l.statements, statementID)
	}
}

// allowed reports whether the kind filter lets the node in; statement nodes
// carry the statement view and are never filtered out by kind.
func (b *builder) allowed(id string) bool {
	k := KindOfID(id)
	return b.kinds == nil || k == "" || b.kinds[k]
}

// expand adds the neighbors of frontier, strongest first, up to the limit,
// and returns the ones it added.
func (b *builder) expand(frontier []string, limit int) []string {
	weight := map[string]int{}
	via := map[string][]string{}
	for _, f := range frontier {
		for _, l := range b.adjacent[f] {
			other := l.target
			if other == f {
				other = l.source
			}
			if b.included[other] || !b.allowed(other) {
				continue
			}
			weight[other] += max(1, len(l.statements))
			via[other] = append(via[other], f)
		}
	}
	candidates := make([]string, 0, len(weight))
	for id := range weight {
		candidates = append(candidates, id)
	}
	slices.SortFunc(candidates, func(x, y string) int {
		return cmp.Or(cmp.Compare(weight[y], weight[x]), cmp.Compare(x, y))
	})
	var added []string
	for _, c := range candidates {
		if len(b.nodes) >= limit {
			b.omitted++
			for _, f := range slices.Compact(slices.Sorted(slices.Values(via[c]))) {
				b.omittedBy[f]++
			}
			continue
		}
		b.include(c)
		added = append(added, c)
	}
	return added
}

// subgraph turns the included nodes and the links among them into the
// answer, with entity names and mentions read from the store.
func (b *builder) subgraph(ctx context.Context) (Subgraph, error) {
	var entityIDs []string
	for _, id := range b.nodes {
		if KindOfID(id) != "" {
			entityIDs = append(entityIDs, id)
		}
	}
	entities, err := b.r.Entities(ctx, entityIDs)
	if err != nil {
		return Subgraph{}, Wrap(Internal, "graph.subgraph", "reading entities", err)
	}
	byID := make(map[string]Entity, len(entities))
	for _, e := range entities {
		byID[e.ID] = e
	}
	sg := Subgraph{Nodes: []Node{}, Edges: []Edge{}, Truncated: b.omitted > 0, Omitted: b.omitted}
	for _, id := range b.nodes {
		n := Node{ID: id, Omitted: b.omittedBy[id]}
		if s, ok := b.statements[id]; ok {
			n.Kind, n.Name, n.Date = KindStatement, statementLabel(s.Text), s.Date
		} else if e, ok := byID[id]; ok {
			n.Kind, n.Name, n.Mentions = e.Kind, e.Name, e.Mentions
		} else {
			continue // named by a statement but gone from the store since
		}
		sg.Nodes = append(sg.Nodes, n)
	}
	present := map[string]bool{}
	for _, n := range sg.Nodes {
		present[n.ID] = true
	}
	for _, l := range b.links {
		if present[l.source] && present[l.target] {
			sg.Edges = append(sg.Edges, l.edge())
		}
	}
	slices.SortFunc(sg.Edges, func(x, y Edge) int {
		return cmp.Or(cmp.Compare(x.Type, y.Type), cmp.Compare(x.Source, y.Source), cmp.Compare(x.Target, y.Target))
	})
	return sg, nil
}

func (l *link) edge() Edge {
	st := slices.Sorted(slices.Values(l.statements))
	count := len(st)
	if count == 0 {
		count = 1
	}
	return Edge{ID: EdgeID(l.typ, l.source, l.target), Type: l.typ, Source: l.source, Target: l.target,
		Statements: st, Count: count, Role: l.role}
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

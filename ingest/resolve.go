package ingest

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// Resolver rewrites a document's extraction against what the store already
// holds, before it is written, so that a real entity named differently in
// two documents is one node. Run calls it in input order from the one
// goroutine that writes, so that its result does not depend on the number
// of workers; the documents before it are written, or resolved and about
// to be written in the same batch (see SurnameResolver for how it then
// knows them).
type Resolver interface {
	// Resolve rewrites x in place; it returns an error (the store's, with
	// its code) when it cannot read what it needs, and then x is unusable.
	Resolve(ctx context.Context, x *graph.Extraction) error
}

// SurnameResolver resolves a person a document names by one word only
// ("Budanov") to the one person with more than one word in their name that
// the store or the document itself knows by that word: whose last name it
// is ("Kyrylo Budanov"), or who already has it as an alias (a family name
// written first, "Kim" for "Kim Jong Un", once a document has called him
// so). The one-word form becomes an alias of that person. When two or more
// persons fit ("Andy Kim", "Young Kim"), or none, the entity is left as it
// is: a wrong merge is worse than a second node.
//
// It also remembers the persons of every extraction it has resolved, so
// that its answers do not depend on whether those documents are in the
// store yet: ingest writes several documents in one transaction, and a
// document is resolved before the earlier ones of its batch are written.
// It is therefore not safe for concurrent use; use one per run.
//
// Decisions: only the last name is matched, not the first word of a name,
// because given names ("Donald", "Anna") are shared by too many people;
// a one-word person written before any fuller name is known keeps its
// own node, because rewriting an earlier document would need that
// document's extraction again; and a resolved document that the store
// then rejects is still remembered, because whether it is rejected is only
// known after the later documents of its batch were resolved (such a
// document is an extractor bug, and rare).
type SurnameResolver struct {
	store graph.Reader
	// seen are the persons of more than one word of the extractions
	// resolved so far, by id, with the name the first of them gave;
	// bySlug lists their ids by the slug of each word they go by (see
	// namedBy), in the order first seen.
	seen   map[string]graph.EntityRef
	bySlug map[string][]string
}

var _ Resolver = (*SurnameResolver)(nil)

// NewSurnameResolver returns a SurnameResolver that looks persons up in r.
func NewSurnameResolver(r graph.Reader) *SurnameResolver {
	return &SurnameResolver{store: r, seen: map[string]graph.EntityRef{}, bySlug: map[string][]string{}}
}

// Resolve rewrites every one-word person of x that names exactly one known
// person: the entity takes that person's id and name (merged with the
// entity of that id if x already has one), and every statement and relation
// follows. Statement ids do not change. Afterwards it remembers the
// persons of x for the extractions it resolves later. It returns the
// store's error, wrapped, when a search fails.
func (s *SurnameResolver) Resolve(ctx context.Context, x *graph.Extraction) error {
	to := map[string]graph.EntityRef{}
	for _, e := range x.Entities {
		if e.Kind != graph.KindPerson || len(strings.Fields(e.Name)) != 1 {
			continue
		}
		target, ok, err := s.onlyPerson(ctx, x, e.Name)
		if err != nil {
			return err
		}
		if ok {
			to[e.ID] = target
		}
	}
	if len(to) > 0 {
		rename(x, to)
	}
	s.remember(x)
	return nil
}

// remember indexes the persons of more than one word of x by the words
// they go by.
func (s *SurnameResolver) remember(x *graph.Extraction) {
	for _, e := range x.Entities {
		words := strings.Fields(e.Name)
		if e.Kind != graph.KindPerson || len(words) < 2 {
			continue
		}
		if _, ok := s.seen[e.ID]; !ok {
			s.seen[e.ID] = e.Ref()
		}
		for _, w := range append([]string{words[len(words)-1]}, e.Aliases...) {
			slug := graph.Slug(w)
			if !slices.Contains(s.bySlug[slug], e.ID) {
				s.bySlug[slug] = append(s.bySlug[slug], e.ID)
			}
		}
	}
}

// onlyPerson returns the one person of more than one word, in x, in the
// extractions resolved before or in the store, that word names (see
// SurnameResolver), and whether there is exactly one. The earlier
// extractions come before the store, so that a person's name is the same
// whether or not its document is written yet.
func (s *SurnameResolver) onlyPerson(ctx context.Context, x *graph.Extraction, word string) (graph.EntityRef, bool, error) {
	const op = "ingest.SurnameResolver"
	var found []graph.EntityRef
	addRef := func(ref graph.EntityRef) {
		if !slices.ContainsFunc(found, func(f graph.EntityRef) bool { return f.ID == ref.ID }) {
			found = append(found, ref)
		}
	}
	add := func(name string, aliases []string, ref graph.EntityRef) {
		if ref.Kind == graph.KindPerson && namedBy(name, aliases, word) {
			addRef(ref)
		}
	}
	for _, e := range x.Entities {
		add(e.Name, e.Aliases, e.Ref())
	}
	for _, id := range s.bySlug[graph.Slug(word)] {
		addRef(s.seen[id])
	}
	q := graph.EntityQuery{Text: word, Kinds: []graph.Kind{graph.KindPerson}, Page: graph.PageRequest{Size: graph.MaxPageSize}}
	for {
		page, err := s.store.SearchEntities(ctx, q)
		if err != nil {
			return graph.EntityRef{}, false, graph.Wrap(graph.Internal, op, "looking up persons named "+word, err)
		}
		for _, e := range page.Entities {
			add(e.Name, e.Aliases, e.Ref())
		}
		// Two are already too many; the remaining pages cannot make one.
		if len(found) > 1 || page.NextPageToken == "" {
			break
		}
		q.Page.Token = page.NextPageToken
	}
	if len(found) != 1 {
		return graph.EntityRef{}, false, nil
	}
	return found[0], true, nil
}

// namedBy reports whether a person of this name and aliases, written with
// more than one word, goes by word: it is the last word of the name, or
// one of the aliases. Words compare as slugs (any case, accents, 's).
func namedBy(name string, aliases []string, word string) bool {
	words := strings.Fields(name)
	if len(words) < 2 {
		return false
	}
	slug := graph.Slug(word)
	if graph.Slug(words[len(words)-1]) == slug {
		return true
	}
	return slices.ContainsFunc(aliases, func(a string) bool { return graph.Slug(a) == slug })
}

// rename gives the entities of x whose ids are keys of to the id and name
// of their value, merges entities that now share an id (mentions and
// aliases together, ordered by first mention as extract orders them), and
// points every statement and relation at the new ids. An about entity that
// became the speaker or an outlet of its statement is dropped, as extract
// drops it; a relation from an entity to itself is dropped.
func rename(x *graph.Extraction, to map[string]graph.EntityRef) {
	ref := func(r graph.EntityRef) graph.EntityRef {
		if t, ok := to[r.ID]; ok {
			return t
		}
		return r
	}
	var ents []graph.DocumentEntity
	at := map[string]int{}
	for _, e := range x.Entities {
		if t, ok := to[e.ID]; ok {
			e.Aliases = append(slices.Clone(e.Aliases), e.Name)
			e.ID, e.Name = t.ID, t.Name
		}
		i, ok := at[e.ID]
		if !ok {
			at[e.ID] = len(ents)
			ents = append(ents, e)
			continue
		}
		m := &ents[i]
		m.Aliases = append(m.Aliases, e.Aliases...)
		m.Mentions = append(m.Mentions, e.Mentions...)
		slices.SortFunc(m.Mentions, func(a, b graph.Mention) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
		})
		m.Mentions = slices.CompactFunc(m.Mentions, func(a, b graph.Mention) bool { return a.Start == b.Start && a.End == b.End })
	}
	for i := range ents {
		e := &ents[i]
		var aliases []string
		for _, a := range e.Aliases {
			if a != e.Name && !slices.Contains(aliases, a) {
				aliases = append(aliases, a)
			}
		}
		e.Aliases = aliases
	}
	slices.SortStableFunc(ents, func(a, b graph.DocumentEntity) int {
		return cmp.Compare(firstStart(a), firstStart(b))
	})
	x.Entities = ents

	for i := range x.Statements {
		st := &x.Statements[i]
		st.Speaker = ref(st.Speaker)
		seen := map[string]bool{}
		outlets := make([]graph.EntityRef, 0, len(st.ReportedBy))
		for _, o := range st.ReportedBy {
			if o = ref(o); !seen[o.ID] {
				seen[o.ID] = true
				outlets = append(outlets, o)
			}
		}
		seen[st.Speaker.ID] = true
		about := make([]graph.EntityRef, 0, len(st.About))
		for _, a := range st.About {
			if a = ref(a); !seen[a.ID] {
				seen[a.ID] = true
				about = append(about, a)
			}
		}
		st.About, st.ReportedBy = about, outlets
	}

	rels := make([]graph.Relation, 0, len(x.Relations))
	for _, r := range x.Relations {
		if t, ok := to[r.Source]; ok {
			r.Source = t.ID
		}
		if t, ok := to[r.Target]; ok {
			r.Target = t.ID
		}
		if r.Source != r.Target && !slices.Contains(rels, r) {
			rels = append(rels, r)
		}
	}
	x.Relations = rels
}

// firstStart is where an entity is first mentioned; an entity without
// mentions sorts last.
func firstStart(e graph.DocumentEntity) int {
	if len(e.Mentions) == 0 {
		return math.MaxInt
	}
	return e.Mentions[0].Start
}

package graph

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"slices"
	"strings"
	"time"
)

// Curation: researchers' corrections of what extraction got wrong, kept as
// their own records beside the graph.
//
// How a correction reaches every answer: stores keep each document's
// extraction as extraction gave it (the raw extraction) and write the
// corrected one, Curation.Apply of the raw one, through the one
// per-document write path. A correction added or undone rewrites, in the
// transaction that records it, the documents whose corrected extraction it
// changes (Curation.Changed names them), so that the link layer, counts,
// search and exports are exact at once and re-ingesting a document or
// ingesting a new one applies the corrections on its way in. Undo is
// "remove the record, rewrite the same documents". The cost of a
// correction is the cost of rewriting the documents that name what it
// touches: renaming an entity named in 10,000 documents rewrites them.

// CorrectionKind says what a correction changes.
type CorrectionKind string

const (
	// Entity corrections; Target is an entity id.
	CorrectMerge  CorrectionKind = "merge"  // After.ID: the entity Target becomes
	CorrectRename CorrectionKind = "rename" // After.Name: the display name; the id stays
	CorrectRetype CorrectionKind = "retype" // After.Kind: the new kind; the id becomes kind:slug
	CorrectHide   CorrectionKind = "hide"   // not an entity
	// Statement corrections; Target is a statement id.
	CorrectSpeaker CorrectionKind = "speaker" // After: the right speaker; no After: unattributed
	CorrectAbout   CorrectionKind = "about"   // Before: an about entity to remove, After: one to add
	CorrectOutlet  CorrectionKind = "outlet"  // Before: an outlet to remove, After: one to add
	CorrectReject  CorrectionKind = "reject"  // not a statement
)

// CorrectionKinds lists every kind of correction.
var CorrectionKinds = []CorrectionKind{CorrectMerge, CorrectRename, CorrectRetype, CorrectHide,
	CorrectSpeaker, CorrectAbout, CorrectOutlet, CorrectReject}

// OnStatement reports whether k corrects a statement (else an entity).
func (k CorrectionKind) OnStatement() bool {
	switch k {
	case CorrectSpeaker, CorrectAbout, CorrectOutlet, CorrectReject:
		return true
	}
	return false
}

// Correction is one researcher's fix, recorded as given. Before and After
// are the values it replaces and sets (see each kind); the store fills in
// the names and kinds the client left out, the id, the time and, for a
// statement, its document.
type Correction struct {
	ID       string         `json:"id"`
	Kind     CorrectionKind `json:"kind"`
	Target   string         `json:"target"`
	Document string         `json:"document,omitempty"`
	Before   *EntityRef     `json:"before,omitempty"`
	After    *EntityRef     `json:"after,omitempty"`
	Author   string         `json:"author"`
	Time     string         `json:"time"`
	Reason   string         `json:"reason,omitempty"`
}

// MaxCorrectionText bounds a correction's name and reason, in bytes.
const MaxCorrectionText = 1000

// NewCorrectionID returns a fresh correction id: random, so that ids made
// by two stores (or a store and a file kept in git) do not collide.
func NewCorrectionID() string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return "cor_" + hex.EncodeToString(b[:])
}

// Stamp sets c's id, author and time when c has none (a correction that
// comes from a file keeps its own).
func (c *Correction) Stamp(author string, now time.Time) {
	if c.ID == "" {
		c.ID = NewCorrectionID()
	}
	if c.Author == "" {
		c.Author = author
	}
	if c.Time == "" {
		c.Time = now.UTC().Format(time.RFC3339)
	}
}

// ValidateCorrection returns an Invalid error naming the field of c that a
// correction of its kind cannot have: an unknown kind, no target, a
// rename without a name, a retype to the same or an unknown kind, a merge
// without its entity, an about or outlet fix that neither removes nor
// adds, text over MaxCorrectionText.
func ValidateCorrection(op string, c *Correction) error {
	if !slices.Contains(CorrectionKinds, c.Kind) {
		return InvalidParam(op, "kind", "unknown correction kind %q", c.Kind)
	}
	if strings.TrimSpace(c.Target) == "" {
		return InvalidParam(op, "target", "a correction needs a target: an entity or statement id")
	}
	if len(c.Reason) > MaxCorrectionText {
		return InvalidParam(op, "reason", "the reason is longer than %d bytes", MaxCorrectionText)
	}
	needAfterID := func() error {
		if c.After == nil || c.After.ID == "" {
			return InvalidParam(op, "after", "a %s correction needs after.id", c.Kind)
		}
		return nil
	}
	switch c.Kind {
	case CorrectMerge:
		if c.Before != nil && c.Before.ID != "" && c.Before.ID != c.Target {
			return InvalidParam(op, "before", "before.id must be the target")
		}
		return needAfterID()
	case CorrectRename:
		if c.After == nil || strings.TrimSpace(c.After.Name) == "" {
			return InvalidParam(op, "after", "a rename needs after.name")
		}
		if len(c.After.Name) > MaxCorrectionText {
			return InvalidParam(op, "after", "the name is longer than %d bytes", MaxCorrectionText)
		}
		c.After.Name = strings.TrimSpace(c.After.Name)
	case CorrectRetype:
		if c.After == nil || !c.After.Kind.Valid() {
			return InvalidParam(op, "after", "a retype needs after.kind: person, organization or country")
		}
		if c.After.Kind == KindOfID(c.Target) {
			return InvalidParam(op, "after", "%s already is a %s", c.Target, c.After.Kind)
		}
	case CorrectAbout, CorrectOutlet:
		if (c.Before == nil || c.Before.ID == "") && (c.After == nil || c.After.ID == "") {
			return InvalidParam(op, "before", "an %s correction needs before.id (to remove) or after.id (to add)", c.Kind)
		}
	}
	return nil
}

// RetypedID is the id an entity gets when retyped to kind: the same slug
// under the new kind.
func RetypedID(id string, kind Kind) string {
	_, slug, _ := strings.Cut(id, ":")
	return string(kind) + ":" + slug
}

// Curation is the effect of an ordered list of corrections: where each
// entity id now leads, which entities are hidden, display names, and the
// fixes of each statement. Its zero value (or nil) corrects nothing. It is
// not changed after NewCuration, so stores may share one between
// goroutines.
type Curation struct {
	list []Correction
	// next is one step of a redirect: a merge or a retype.
	next   map[string]string
	hidden map[string]bool
	// name is a rename's display name; mergedName the name a merge target
	// had when something was merged into it, given to the rows of the
	// documents that named only what was merged.
	name       map[string]string
	mergedName map[string]string
	statements map[string][]Correction
	byID       map[string]int
}

// NewCuration folds cs, oldest first, into a Curation. It returns the
// Conflict error of the first correction that cannot follow those before
// it (see Check).
func NewCuration(cs []Correction) (*Curation, error) {
	c := &Curation{next: map[string]string{}, hidden: map[string]bool{}, name: map[string]string{},
		mergedName: map[string]string{}, statements: map[string][]Correction{}, byID: map[string]int{}}
	for _, x := range cs {
		if err := c.add(x); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Corrections returns the corrections of c, oldest first.
func (c *Curation) Corrections() []Correction {
	if c == nil {
		return nil
	}
	return c.list
}

// Has reports whether c holds the correction of this id.
func (c *Curation) Has(id string) bool {
	if c == nil {
		return false
	}
	_, ok := c.byID[id]
	return ok
}

// With returns c with x added last, or x's Conflict error.
func (c *Curation) With(x Correction) (*Curation, error) {
	return NewCuration(append(slices.Clone(c.Corrections()), x))
}

// Without returns c without the correction of this id, or a Conflict
// error when a later correction cannot stand without it.
func (c *Curation) Without(id string) (*Curation, error) {
	return NewCuration(slices.DeleteFunc(slices.Clone(c.Corrections()), func(x Correction) bool { return x.ID == id }))
}

// Import returns c with those of cs it does not hold yet (by id), in
// order, each validated and stamped (author "local" and now when it has
// none), and the corrections it added. It returns the Invalid or Conflict
// error of the first that cannot be added.
func (c *Curation) Import(op string, cs []Correction, now time.Time) (*Curation, []Correction, error) {
	list := slices.Clone(c.Corrections())
	var added []Correction
	seen := map[string]bool{}
	for _, x := range cs {
		if err := ValidateCorrection(op, &x); err != nil {
			return nil, nil, err
		}
		if c.Has(x.ID) || seen[x.ID] && x.ID != "" {
			continue
		}
		x.Stamp("local", now)
		seen[x.ID] = true
		list = append(list, x)
		added = append(added, x)
	}
	next, err := NewCuration(list)
	if err != nil {
		return nil, nil, err
	}
	return next, added, nil
}

// Undo returns c without the correction of this id, and that correction.
// It returns NotFound for an id c does not hold and Conflict when a later
// correction cannot stand without it.
func (c *Curation) Undo(op, id string) (*Curation, Correction, error) {
	i := slices.IndexFunc(c.Corrections(), func(x Correction) bool { return x.ID == id })
	if i < 0 {
		return nil, Correction{}, Errorf(NotFound, op, "no correction %s", id)
	}
	next, err := c.Without(id)
	if err != nil {
		return nil, Correction{}, Wrap(Conflict, op, "a later correction depends on "+id+"; undo it first", err)
	}
	return next, c.list[i], nil
}

// Resolve returns the entity id that id leads to after every merge and
// retype (id itself when none), and whether that entity is hidden.
func (c *Curation) Resolve(id string) (string, bool) {
	if c == nil {
		return id, false
	}
	for range len(c.next) + 1 {
		n, ok := c.next[id]
		if !ok {
			break
		}
		id = n
	}
	return id, c.hidden[id]
}

// MergedInto returns, for each entity that merges or retypes lead to,
// the ids that lead to it, sorted: what the Neo4j store keeps on the node
// as merged_ids, for users of Neo4j's own tools.
func (c *Curation) MergedInto() map[string][]string {
	out := map[string][]string{}
	if c == nil {
		return out
	}
	for from := range c.next {
		to, _ := c.Resolve(from)
		out[to] = append(out[to], from)
	}
	for _, ids := range out {
		slices.Sort(ids)
	}
	return out
}

// Check returns a Conflict error when x cannot follow the corrections of
// c: an entity correction whose target was merged, retyped or hidden
// already; a merge of an entity into itself, into something merged into
// it (a cycle) or into a hidden entity; a retype onto a hidden entity; a
// statement fix naming a hidden entity. It assumes ValidateCorrection.
func (c *Curation) Check(x Correction) error {
	const op = "graph.Curation"
	if c.Has(x.ID) {
		return Errorf(Conflict, op, "correction %s exists already", x.ID)
	}
	if !x.Kind.OnStatement() {
		if to, hidden := c.Resolve(x.Target); to != x.Target {
			return Errorf(Conflict, op, "%s was merged into or retyped as %s; correct that entity instead", x.Target, to)
		} else if hidden {
			return Errorf(Conflict, op, "%s is hidden as not an entity", x.Target)
		}
	}
	into := ""
	switch x.Kind {
	case CorrectMerge:
		into = x.After.ID
	case CorrectRetype:
		into = RetypedID(x.Target, x.After.Kind)
	case CorrectSpeaker, CorrectAbout, CorrectOutlet:
		if x.After != nil {
			into = x.After.ID
		}
	}
	if into == "" {
		return nil
	}
	to, hidden := c.Resolve(into)
	switch {
	case hidden:
		return Errorf(Conflict, op, "%s is hidden as not an entity", to)
	case x.Kind == CorrectMerge && to == x.Target && into == x.Target:
		return Errorf(Conflict, op, "an entity cannot be merged into itself")
	case x.Kind == CorrectMerge && to == x.Target:
		return Errorf(Conflict, op, "%s was merged into %s: merging back would make a cycle", into, x.Target)
	}
	return nil
}

// add records x after checking it.
func (c *Curation) add(x Correction) error {
	if err := c.Check(x); err != nil {
		return err
	}
	c.byID[x.ID] = len(c.list)
	c.list = append(c.list, x)
	switch x.Kind {
	case CorrectMerge:
		to, _ := c.Resolve(x.After.ID)
		c.next[x.Target] = to
		if c.name[to] == "" && c.mergedName[to] == "" && x.After.Name != "" {
			c.mergedName[to] = x.After.Name
		}
	case CorrectRetype:
		to := RetypedID(x.Target, x.After.Kind)
		c.next[x.Target] = to
		if n := c.name[x.Target]; n != "" && c.name[to] == "" {
			c.name[to] = n
		}
	case CorrectRename:
		c.name[x.Target] = x.After.Name
	case CorrectHide:
		c.hidden[x.Target] = true
	default:
		c.statements[x.Target] = append(c.statements[x.Target], x)
	}
	return nil
}

// outcome is what a raw entity id becomes: its entity, whether hidden, and
// the name it is written with ("" for its own).
type outcome struct {
	id     string
	hidden bool
	name   string
}

func (c *Curation) outcome(raw string) outcome {
	id, hidden := c.Resolve(raw)
	o := outcome{id: id, hidden: hidden}
	if c != nil {
		o.name = c.name[id]
		if o.name == "" && id != raw {
			o.name = c.mergedName[id]
		}
	}
	return o
}

// Changed returns what differs between the corrected extractions of c and
// d: the raw entity ids whose entity, visibility or name differ, and the
// documents of the statement fixes that one holds and the other does not,
// or that name such an entity. A store rewrites the documents that name
// those entities and those documents.
func (c *Curation) Changed(d *Curation) (entities, documents []string) {
	ids := map[string]bool{}
	for _, cur := range []*Curation{c, d} {
		for _, x := range cur.Corrections() {
			if !x.Kind.OnStatement() {
				ids[x.Target] = true
			}
			for _, r := range []*EntityRef{x.Before, x.After} {
				if r != nil && r.ID != "" {
					ids[r.ID] = true
				}
			}
			if x.Kind == CorrectRetype {
				ids[RetypedID(x.Target, x.After.Kind)] = true
			}
		}
	}
	changed := map[string]bool{}
	for id := range ids {
		if c.outcome(id) != d.outcome(id) {
			changed[id] = true
			entities = append(entities, id)
		}
	}
	docs := map[string]bool{}
	for _, pair := range [][2]*Curation{{c, d}, {d, c}} {
		for _, x := range pair[0].Corrections() {
			if !x.Kind.OnStatement() {
				continue
			}
			touches := !pair[1].Has(x.ID)
			for _, r := range []*EntityRef{x.Before, x.After} {
				touches = touches || r != nil && changed[r.ID]
			}
			if touches && !docs[x.Document] {
				docs[x.Document] = true
				documents = append(documents, x.Document)
			}
		}
	}
	slices.Sort(entities)
	slices.Sort(documents)
	return entities, documents
}

// Apply returns x as the corrections of c leave it; x is not changed.
// Statement fixes come first, then every entity reference leads where its
// merges and retypes lead: entities that become one are one entity of the
// document (mentions together, the merged names as aliases), hidden ones
// are dropped with their mentions, from about and outlet lists and from
// relations, and a statement whose speaker is hidden stays, unattributed
// (an empty speaker). A statement keeps its id whatever its fixes. An
// entity that a fix names and the document does not (the right speaker)
// joins the document's entities without mentions.
func (c *Curation) Apply(x *Extraction) *Extraction {
	if c == nil || len(c.list) == 0 {
		return x
	}
	out := &Extraction{Document: x.Document}
	entities := map[string]int{}
	// entity returns the index in out.Entities of the entity raw leads
	// to, adding it when new; -1 for a hidden one.
	entity := func(raw EntityRef) int {
		if raw.ID == "" {
			return -1
		}
		o := c.outcome(raw.ID)
		if o.hidden {
			return -1
		}
		i, ok := entities[o.id]
		if !ok {
			name := o.name
			if name == "" {
				name = raw.Name
			}
			i = len(out.Entities)
			entities[o.id] = i
			out.Entities = append(out.Entities, DocumentEntity{ID: o.id, Kind: KindOfID(o.id), Name: name, Mentions: []Mention{}})
		}
		e := &out.Entities[i]
		if raw.Name != "" && raw.Name != e.Name && !slices.Contains(e.Aliases, raw.Name) {
			e.Aliases = append(e.Aliases, raw.Name)
		}
		return i
	}
	for _, e := range x.Entities {
		i := entity(e.Ref())
		if i < 0 {
			continue
		}
		oe := &out.Entities[i]
		oe.Mentions = append(oe.Mentions, e.Mentions...)
		for _, a := range e.Aliases {
			if a != oe.Name && !slices.Contains(oe.Aliases, a) {
				oe.Aliases = append(oe.Aliases, a)
			}
		}
	}
	refs := func(list []EntityRef) []EntityRef {
		var rs []EntityRef
		for _, r := range list {
			if i := entity(r); i >= 0 {
				ref := out.Entities[i].Ref()
				if !slices.Contains(rs, ref) {
					rs = append(rs, ref)
				}
			}
		}
		return rs
	}
	for _, st := range x.Statements {
		st, keep := c.fixStatement(st)
		if !keep {
			continue
		}
		speaker := EntityRef{}
		if i := entity(st.Speaker); i >= 0 {
			speaker = out.Entities[i].Ref()
		}
		st.Speaker, st.About, st.ReportedBy = speaker, refs(st.About), refs(st.ReportedBy)
		out.Statements = append(out.Statements, st)
	}
	for _, r := range x.Relations {
		s, t := entity(EntityRef{ID: r.Source}), entity(EntityRef{ID: r.Target})
		if s < 0 || t < 0 || s == t {
			continue
		}
		r.Source, r.Target = out.Entities[s].ID, out.Entities[t].ID
		if !slices.Contains(out.Relations, r) {
			out.Relations = append(out.Relations, r)
		}
	}
	return out
}

// fixStatement applies the statement fixes of st, in order; keep is false
// for a statement rejected as not a statement.
func (c *Curation) fixStatement(st Statement) (_ Statement, keep bool) {
	fixes := c.statements[st.ID]
	if len(fixes) == 0 {
		return st, true
	}
	st.About, st.ReportedBy = slices.Clone(st.About), slices.Clone(st.ReportedBy)
	fixList := func(list []EntityRef, x Correction) []EntityRef {
		if x.Before != nil && x.Before.ID != "" {
			gone, _ := c.Resolve(x.Before.ID)
			list = slices.DeleteFunc(list, func(r EntityRef) bool { id, _ := c.Resolve(r.ID); return id == gone })
		}
		if x.After != nil && x.After.ID != "" {
			list = append(list, *x.After)
		}
		return list
	}
	for _, x := range fixes {
		switch x.Kind {
		case CorrectReject:
			return st, false
		case CorrectSpeaker:
			st.Speaker = EntityRef{}
			if x.After != nil {
				st.Speaker = *x.After
			}
		case CorrectAbout:
			st.About = fixList(st.About, x)
		case CorrectOutlet:
			st.ReportedBy = fixList(st.ReportedBy, x)
		}
	}
	return st, true
}

// Curator keeps corrections; both stores are one. Every method returns the
// Store's errors (Unavailable when the store is down).
type Curator interface {
	// AddCorrection checks c against the store and the corrections
	// before it, records it (stamped: see Correction.Stamp) and rewrites
	// the documents it changes, all in one transaction: afterwards every
	// read sees it, or on error nothing changed. It returns an Invalid
	// error for a correction that does not hold together, NotFound for a
	// target or an entity it names that the store does not have, and
	// Conflict when it cannot follow the corrections recorded (see
	// Curation.Check), including one recorded by a concurrent call.
	AddCorrection(ctx context.Context, c Correction) (Correction, error)
	// ImportCorrections records cs, oldest first, as AddCorrection does
	// but without asking that their targets exist (a store may be
	// rebuilt from its corrections before its documents): a correction
	// whose id the store holds already is passed over. It returns how
	// many it added; on error (the first correction that is Invalid or
	// a Conflict) none.
	ImportCorrections(ctx context.Context, cs []Correction) (int, error)
	// UndoCorrection removes the correction of this id and rewrites the
	// documents it changed, in one transaction, and returns it. It
	// returns NotFound for an unknown id and Conflict when a later
	// correction cannot stand without it.
	UndoCorrection(ctx context.Context, id string) (Correction, error)
	// Corrections lists the corrections, newest first (Oldest: oldest
	// first, the order in which they apply).
	Corrections(ctx context.Context, q CorrectionQuery) (CorrectionPage, error)
	// Redirect returns the entity that the merges and retypes of id lead
	// to, or id itself when there are none.
	Redirect(ctx context.Context, id string) (string, error)
	// CorrectedExtractions calls fn with the corrected extraction of each
	// document that a correction changes, in document id order, text
	// included: the documents a team's corrections make gold.
	CorrectedExtractions(ctx context.Context, fn func(*Extraction) error) error
}

// CorrectionQuery selects a page of corrections.
type CorrectionQuery struct {
	Oldest bool
	Page   PageRequest
}

// CorrectionPage is one page of corrections.
type CorrectionPage struct {
	Corrections   []Correction `json:"corrections"`
	NextPageToken string       `json:"next_page_token,omitempty"`
}

// CorrectionLookup reads, within a store's transaction, what completing a
// correction needs.
type CorrectionLookup interface {
	// LookupEntity returns the entity of this id; ok is false when the
	// store has none.
	LookupEntity(id string) (ref EntityRef, ok bool, err error)
	// LookupStatement returns the statement of this id with its
	// document id, speaker, about entities and outlets; ok is false when
	// the store has none.
	LookupStatement(id string) (st Statement, ok bool, err error)
}

// CompleteCorrection checks that what c names exists, through look, and
// fills in what c replaces (Before), the names and kinds of what it sets
// (After) and a statement's document; then it checks c against cur. It
// returns NotFound naming target, after or before for what the store does
// not have, and the Conflict errors of Check, which come first: a merged,
// retyped or hidden entity has no row of its own.
func CompleteCorrection(op string, cur *Curation, c *Correction, look CorrectionLookup) error {
	notFound := func(param, what string) error {
		return &Error{Code: NotFound, Op: op, Param: param, Msg: "no " + what}
	}
	entity := func(id, param string) (EntityRef, error) {
		to, hidden := cur.Resolve(id)
		r, ok, err := look.LookupEntity(to)
		switch {
		case err != nil || ok:
			return r, err
		case param == "target" && (hidden || to != id):
			if err := cur.Check(*c); err != nil {
				return r, err
			}
		case hidden:
			return r, Errorf(Conflict, op, "%s is hidden as not an entity", id)
		}
		return r, notFound(param, "entity "+id)
	}
	if !c.Kind.OnStatement() {
		target, err := entity(c.Target, "target")
		if err != nil {
			return err
		}
		before := target
		c.Before = &before
		switch c.Kind {
		case CorrectMerge:
			into, err := entity(c.After.ID, "after")
			if err != nil {
				return err
			}
			c.After = &into
		case CorrectRename:
			c.After = &EntityRef{ID: target.ID, Kind: target.Kind, Name: c.After.Name}
		case CorrectRetype:
			c.After = &EntityRef{ID: RetypedID(target.ID, c.After.Kind), Kind: c.After.Kind, Name: target.Name}
		case CorrectHide:
			c.After = nil
		}
		return cur.Check(*c)
	}
	st, ok, err := look.LookupStatement(c.Target)
	if err != nil {
		return err
	}
	if !ok {
		for _, x := range cur.Corrections() {
			if x.Target == c.Target && x.Kind == CorrectReject {
				return Errorf(Conflict, op, "statement %s was rejected by correction %s", c.Target, x.ID)
			}
		}
		return notFound("target", "statement "+c.Target)
	}
	c.Document = st.DocumentID
	switch c.Kind {
	case CorrectSpeaker:
		c.Before = nil
		if st.Speaker.ID != "" {
			c.Before = &st.Speaker
		}
	case CorrectReject:
		c.Before, c.After = nil, nil
	case CorrectAbout, CorrectOutlet:
		list := st.About
		if c.Kind == CorrectOutlet {
			list = st.ReportedBy
		}
		if c.Before != nil && c.Before.ID != "" {
			i := slices.IndexFunc(list, func(r EntityRef) bool { return r.ID == c.Before.ID })
			if i < 0 {
				return notFound("before", string(c.Kind)+" "+c.Before.ID+" of statement "+c.Target)
			}
			c.Before = &list[i]
		} else {
			c.Before = nil
		}
	}
	if c.After != nil && c.After.ID != "" {
		r, err := entity(c.After.ID, "after")
		if err != nil {
			return err
		}
		c.After = &r
	} else {
		c.After = nil
	}
	return cur.Check(*c)
}

package extract

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/entitygraph/entitygraph/graph"
)

// entity is one resolved entity of a document.
type entity struct {
	id       string
	kind     graph.Kind
	name     string
	outlet   bool
	mentions []int // indexes into the mention slice, by start
}

// resolver groups mentions into entities within one document.
type resolver struct {
	t    *tables
	text string
	toks []token
	ms   []mention
	ents []entity
	// byKey finds an entity by kind and folded name or surface form.
	byKey map[string]int
}

// resolve groups the mentions into entities and sets each mention's ent
// (-1 for a mention that names nothing: an unknown single word). Entities
// are ordered by first mention; persons get the fullest name written,
// surnames join the person they abbreviate, and a shorter organization name
// ("Defense Intelligence") joins the longer one it begins
// ("Defense Intelligence Directorate").
func (t *tables) resolve(text string, toks []token, ms []mention) []entity {
	r := &resolver{t: t, text: text, toks: toks, ms: ms, byKey: map[string]int{}}
	for i := range r.ms {
		r.ms[i].ent = -1
	}
	r.typeDefined()
	order := func(kind graph.Kind, longestFirst bool) []int {
		var idx []int
		for i, m := range r.ms {
			if m.kind == kind {
				idx = append(idx, i)
			}
		}
		if longestFirst {
			slices.SortStableFunc(idx, func(a, b int) int {
				return cmp.Compare(len(strings.Fields(r.ms[b].name)), len(strings.Fields(r.ms[a].name)))
			})
		}
		return idx
	}
	for _, i := range order(graph.KindCountry, false) {
		r.assign(i, r.entityFor(graph.KindCountry, r.ms[i].name))
	}
	for _, i := range order(graph.KindOrganization, true) {
		r.assign(i, r.org(i))
	}
	for _, i := range order(graph.KindPerson, true) {
		r.assign(i, r.person(i))
	}
	for _, i := range order("", false) {
		if e := r.single(i); e >= 0 {
			r.ms[i].kind = r.ents[e].kind
			r.assign(i, e)
		}
	}
	return r.finish()
}

// typeDefined makes every person or untyped mention of a name that the
// document defines as an organization one: "Acme is a Brazilian
// manufacturer of bicycles", "Harlan Price, a Boston-based company,". A
// family business then stays apart from the family ("Luigi Acme", "the
// Acme family").
func (r *resolver) typeDefined() {
	defined := map[string]bool{}
	for _, m := range r.ms {
		if m.kind != graph.KindCountry && r.definesOrg(m.t1) {
			defined[strings.ToLower(r.text[m.start:m.end])] = true
		}
	}
	if len(defined) == 0 {
		return
	}
	for i := range r.ms {
		m := &r.ms[i]
		// "the Acme family" still names people.
		family := m.t1 < len(r.toks) && r.toks[m.t1].lower == "family"
		if (m.kind == "" || m.kind == graph.KindPerson) && !family && defined[strings.ToLower(r.text[m.start:m.end])] {
			m.kind, m.surnameOnly = graph.KindOrganization, false
		}
	}
}

// definesOrg reports whether the words from token k say that the name
// before them is an organization: "is a", "was an" or ", a", then up to
// four modifiers and an organization noun (org_nouns.txt) that ends the
// phrase ("is a rock band from", but not "is a band member").
func (r *resolver) definesOrg(k int) bool {
	if k+2 >= len(r.toks) || r.toks[k].sent != r.toks[k+2].sent {
		return false
	}
	switch r.toks[k].lower {
	case "is", "was", ",":
	default:
		return false
	}
	if a := r.toks[k+1].lower; a != "a" && a != "an" {
		return false
	}
	for j := k + 2; j < len(r.toks) && j < k+7 && r.toks[j].sent == r.toks[k].sent; j++ {
		tok := r.toks[j]
		if !isCap(tok.text) && r.t.orgNoun[tok.lower] {
			return !strings.HasPrefix(r.tagAt(j+1), "NN")
		}
		switch {
		case strings.HasPrefix(tok.tag, "JJ"), strings.HasPrefix(tok.tag, "NN"), tok.tag == "VBN", tok.tag == "CD":
		default:
			return false
		}
	}
	return false
}

func key(kind graph.Kind, name string) string { return string(kind) + ":" + graph.Slug(name) }

// entityFor returns the entity of that kind and name, creating it.
func (r *resolver) entityFor(kind graph.Kind, name string) int {
	k := key(kind, name)
	if e, ok := r.byKey[k]; ok {
		return e
	}
	r.ents = append(r.ents, entity{kind: kind, name: name})
	r.byKey[k] = len(r.ents) - 1
	return len(r.ents) - 1
}

func (r *resolver) assign(i, e int) {
	m := &r.ms[i]
	m.ent = e
	r.ents[e].mentions = append(r.ents[e].mentions, i)
	r.ents[e].outlet = r.ents[e].outlet || m.outlet
	r.byKey[key(m.kind, r.text[m.start:m.end])] = e
}

// org finds the organization mention i names: the same name or surface,
// the name without the country the text appended ("Ministry of Defense"
// for "Ministry of Defense of Ukraine"), or a longer name it begins.
func (r *resolver) org(i int) int {
	m := r.ms[i]
	if e, ok := r.byKey[key(m.kind, m.name)]; ok {
		return e
	}
	if !m.fromTable {
		words := strings.Fields(m.name)
		for e := range r.ents {
			ew := strings.Fields(r.ents[e].name)
			if r.ents[e].kind == m.kind && len(words) >= 2 && len(words) < len(ew) && slices.Equal(words, ew[:len(words)]) {
				return e
			}
		}
	}
	e := r.entityFor(m.kind, m.name)
	if m.country != "" {
		if short, ok := strings.CutSuffix(m.name, " of "+m.country); ok {
			r.byKey[key(m.kind, short)] = e
		}
	}
	return e
}

// person finds the person mention i names: a person written with the same
// last word and the same first word, or whose words include all of its
// words ("Vladimir Putin" and "Vladimir Vladimirovich Putin").
func (r *resolver) person(i int) int {
	words := strings.Fields(r.ms[i].name)
	for e := range r.ents {
		if r.ents[e].kind != graph.KindPerson {
			continue
		}
		ew := strings.Fields(r.ents[e].name)
		if ew[len(ew)-1] == words[len(words)-1] && (ew[0] == words[0] || subset(words, ew)) {
			return e
		}
	}
	return r.entityFor(graph.KindPerson, r.ms[i].name)
}

func subset(small, big []string) bool {
	for _, w := range small {
		if !slices.Contains(big, w) {
			return false
		}
	}
	return true
}

// single resolves one capitalized word: the surname (or, for names written
// family name first, the first name) of a person named in full, the
// nearest such mention before it winning; a known organization name, or
// the last word of one ("the Commission" after "European Commission"); a
// person when a title comes before it; an organization when the text
// treats it as one (see orgContext) or when it speaks without a title
// ("TikTok said": a person the news quotes is named in full first). It
// returns -1 for anything else: most lone capitalized words are places
// ("Vladivostok") or other things.
func (r *resolver) single(i int) int {
	m := r.ms[i]
	best, bestDist := -1, 0
	for e := range r.ents {
		if r.ents[e].kind != graph.KindPerson {
			continue
		}
		ew := strings.Fields(r.ents[e].name)
		if len(ew) < 2 || (!strings.EqualFold(ew[len(ew)-1], m.name) && !strings.EqualFold(ew[0], m.name)) {
			continue
		}
		for _, mi := range r.ents[e].mentions {
			d := m.start - r.ms[mi].start
			if d < 0 {
				d = len(r.text) - d // a later full name is a weaker match
			}
			if best < 0 || d < bestDist {
				best, bestDist = e, d
			}
		}
	}
	if best >= 0 {
		return best
	}
	if m.surnameOnly {
		return -1
	}
	if e, ok := r.byKey[key(graph.KindOrganization, m.name)]; ok {
		return e
	}
	if m.weak {
		return -1
	}
	if r.t.orgSuffix[m.name] {
		for e := len(r.ents) - 1; e >= 0; e-- {
			if r.ents[e].kind == graph.KindOrganization && strings.HasSuffix(r.ents[e].name, " "+m.name) {
				return e
			}
		}
		return -1
	}
	switch {
	case strings.Contains(m.name, " ") && r.listedWith(m, graph.KindPerson):
		// "Jared Leto, Shannon Leto, Tomo Milicevic": a name in a list of
		// persons is one too.
		r.ms[i].kind = graph.KindPerson
		return r.entityFor(graph.KindPerson, m.name)
	case strings.Contains(m.name, " ") && r.listedWith(m, graph.KindOrganization):
		r.ms[i].kind = graph.KindOrganization
		return r.entityFor(graph.KindOrganization, m.name)
	case m.personHint, lifeYears(r.toks, m.t1), r.t.given[m.name] && !strings.Contains(m.name, " ") && !r.orgContext(m) && !r.modifies(m) && !r.afterLocative(m):
		// A given name alone names a person the text calls by it ("his
		// daughter, Angelina"), unless it modifies a noun ("Brent crude")
		// or follows "in" ("in Milan").
		r.ms[i].kind = graph.KindPerson
		return r.entityFor(graph.KindPerson, m.name)
	case r.orgContext(m):
		r.ms[i].kind = graph.KindOrganization
		return r.entityFor(graph.KindOrganization, m.name)
	case r.besideCue(m):
		// Several words that do not look like a person's name (see
		// looksPersonal) are an organization however the text goes on.
		if !strings.Contains(m.name, " ") && r.heOrSheAfter(m) {
			r.ms[i].kind = graph.KindPerson
			return r.entityFor(graph.KindPerson, m.name)
		}
		r.ms[i].kind = graph.KindOrganization
		return r.entityFor(graph.KindOrganization, m.name)
	}
	return -1
}

// listedWith reports whether the mention stands in a list ("A, B and C")
// right beside a name of that kind.
func (r *resolver) listedWith(m mention, kind graph.Kind) bool {
	separator := func(k int) bool {
		if k < 0 || k >= len(r.toks) {
			return false
		}
		switch r.toks[k].text {
		case ",", "and", "&", "or":
			return true
		}
		return false
	}
	for _, o := range r.ms {
		if o.kind != kind || o.ent < 0 {
			continue
		}
		if o.t1 == m.t0-1 && separator(m.t0-1) || o.t0 == m.t1+1 && separator(m.t1) {
			return true
		}
	}
	return false
}

// modifies reports whether a lower-case noun follows the mention, which
// then qualifies it ("Brent crude", "Milan derby") rather than names
// someone.
func (r *resolver) modifies(m mention) bool {
	if m.t1 >= len(r.toks) {
		return false
	}
	next := r.toks[m.t1]
	return !isCap(next.text) && (next.tag == "NN" || next.tag == "NNS")
}

// afterLocative reports whether a word such as "in" or "near" comes right
// before the mention, which then names a place ("championships in Milan").
func (r *resolver) afterLocative(m mention) bool {
	return m.t0 > 0 && r.t.locative[r.toks[m.t0-1].lower]
}

// heOrSheAfter reports whether "he", "she", "his" or "her" follows the
// mention before the end of the next sentence: "Zelensky said. He also
// warned" speaks of a person, "TikTok said it would appeal" of something
// else.
func (r *resolver) heOrSheAfter(m mention) bool {
	sent := r.toks[m.t0].sent
	for k := m.t1; k < len(r.toks) && r.toks[k].sent <= sent+1; k++ {
		switch r.toks[k].lower {
		case "he", "she", "his", "her", "him":
			return true
		}
	}
	return false
}

// orgContext reports whether the words around a single capitalized word
// make it an organization: a noun before it ("ship-tracking firm Kpler"), a
// role after it ("TikTok spokesperson", "Gavi's chief executive"), a role
// and "at" or "of" before it ("economist at Macquarie"), a country owning it
// ("Norway's Equinor"), a capital inside it ("QatarEnergy"), or, in a
// sentence about sport, "the" before a plural ("the Falcons").
func (r *resolver) orgContext(m mention) bool {
	if camelCase(m.name) {
		return true
	}
	lower := func(k int) string {
		if k < 0 || k >= len(r.toks) || isCap(r.toks[k].text) {
			return ""
		}
		return r.toks[k].lower
	}
	if r.t.orgNoun[lower(m.t0-1)] {
		return true
	}
	// "the Falcons won": in a sentence about sport, a plural after "the"
	// is a team; after a "The" capitalized inside a sentence ("toured with
	// The Ramones"), a band or a team in any sentence.
	if !strings.Contains(m.name, " ") && plural(m.name) && (m.sport && lower(m.t0-1) == "the" || capitalThe(r.toks, m.t0-1)) {
		return true
	}
	after := m.t1
	if w := lower(after); w == "'s" || w == "’s" {
		after++
	}
	if lower(after) != "" && r.t.roleAt(r.toks, after, len(r.toks)) > 0 {
		return true
	}
	if p := lower(m.t0 - 1); (p == "at" || p == "of") && lower(m.t0-2) != "" && r.t.roleAt(r.toks, m.t0-2, m.t0-1) > 0 {
		return true
	}
	// "Norway's Equinor will", but not "Russia's Kursk region".
	if m.t0 >= 2 && (r.toks[m.t0-1].text == "'s" || r.toks[m.t0-1].text == "’s") && !strings.HasPrefix(r.tagAt(m.t1), "NN") {
		for _, mi := range r.ms {
			if mi.t1 == m.t0-1 && mi.kind == graph.KindCountry && mi.form != formDemonym {
				return true
			}
		}
	}
	return false
}

func (r *resolver) tagAt(k int) string {
	if k < len(r.toks) {
		return r.toks[k].tag
	}
	return ""
}

// camelCase reports whether a word has a capital after a lower-case letter,
// as company names do ("TikTok", "ByteDance"), but not the family names
// written so ("McCarthy", "DeSantis", "MacArthur").
func camelCase(w string) bool {
	for _, p := range []string{"Mc", "Mac", "De", "Di", "Da", "Le", "La", "Du", "Van", "O'"} {
		if strings.HasPrefix(w, p) {
			return false
		}
	}
	rs := []rune(w)
	for i := 1; i < len(rs); i++ {
		if unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i-1]) {
			return true
		}
	}
	return false
}

// besideCue reports whether a speech verb follows the word ("Nvidia said")
// or precedes it ("said Nvidia", "according to Nvidia").
func (r *resolver) besideCue(m mention) bool {
	if m.t1 < len(r.toks) {
		if _, ok := r.t.cues[r.toks[m.t1].lower]; ok && r.toks[m.t1].lower != "according" && r.toks[m.t1].lower != "statement" {
			return true
		}
	}
	if m.t0 >= 1 {
		prev := r.toks[m.t0-1].lower
		if prev == "said" || prev == "says" || (prev == "to" && m.t0 >= 2 && r.toks[m.t0-2].lower == "according") {
			return true
		}
	}
	return false
}

// finish names each entity by its fullest person name, gives it its id,
// merges entities whose ids coincide, and orders entities by first mention.
func (r *resolver) finish() []entity {
	for e := range r.ents {
		ent := &r.ents[e]
		if ent.kind == graph.KindPerson {
			for _, mi := range ent.mentions {
				if n := r.ms[mi].name; len(strings.Fields(n)) > len(strings.Fields(ent.name)) {
					ent.name = n
				}
			}
		}
		ent.id = graph.EntityID(ent.kind, ent.name)
	}
	byID := map[string]int{}
	var out []entity
	remap := make([]int, len(r.ents))
	for e, ent := range r.ents {
		if len(ent.mentions) == 0 {
			remap[e] = -1
			continue
		}
		if o, ok := byID[ent.id]; ok {
			out[o].mentions = append(out[o].mentions, ent.mentions...)
			out[o].outlet = out[o].outlet || ent.outlet
			remap[e] = o
			continue
		}
		byID[ent.id] = len(out)
		remap[e] = len(out)
		out = append(out, ent)
	}
	for o := range out {
		slices.SortFunc(out[o].mentions, func(a, b int) int {
			return cmp.Or(cmp.Compare(r.ms[a].start, r.ms[b].start), cmp.Compare(r.ms[a].end, r.ms[b].end))
		})
	}
	perm := make([]int, len(out))
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(a, b int) int {
		return cmp.Compare(r.ms[out[a].mentions[0]].start, r.ms[out[b].mentions[0]].start)
	})
	rank := make([]int, len(out))
	sorted := make([]entity, len(out))
	for newIdx, old := range perm {
		rank[old] = newIdx
		sorted[newIdx] = out[old]
	}
	for i := range r.ms {
		if e := r.ms[i].ent; e >= 0 && remap[e] >= 0 {
			r.ms[i].ent = rank[remap[e]]
		} else {
			r.ms[i].ent = -1
		}
	}
	return sorted
}

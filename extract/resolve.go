// Resolution: the mentions of a document grouped into entities.

package extract

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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

// resolve groups the mentions into entities and sets each mention's ent
// (-1 for a mention that names nothing: an unknown single word). Entities
// are ordered by first mention; persons get the fullest name written,
// surnames join the person they abbreviate, and a shorter organization name
// ("Defense Intelligence") joins the longer one it begins
// ("Defense Intelligence Directorate").
func (d *document) resolve() {
	d.byKey = map[string]int{}
	d.personsByLast, d.personsByEnd, d.orgsByFirstTwo = map[string][]int{}, map[string][]int{}, map[string][]int{}
	d.boundMentions()
	d.typeDefined()
	d.placesDefined()
	d.capitalsListed()
	order := func(kind graph.Kind, longestFirst bool) []int {
		var idx []int
		for i, m := range d.ms {
			if m.kind == kind {
				idx = append(idx, i)
			}
		}
		if longestFirst {
			slices.SortStableFunc(idx, func(a, b int) int {
				return cmp.Compare(len(strings.Fields(d.ms[b].name)), len(strings.Fields(d.ms[a].name)))
			})
		}
		return idx
	}
	for _, i := range order(graph.KindCountry, false) {
		if !d.ms[i].inName {
			d.assign(i, d.entityFor(graph.KindCountry, d.ms[i].name))
		}
	}
	for _, i := range order(graph.KindOrganization, true) {
		d.assign(i, d.org(i))
	}
	for _, i := range order(graph.KindPerson, true) {
		d.assign(i, d.person(i))
	}
	d.typedEnd = make([]int, len(d.toks))
	for k := range d.typedEnd {
		d.typedEnd[k] = -1
	}
	for i, m := range d.ms {
		if o := d.typedEnd[m.t1-1]; m.kind != "" && (o < 0 || d.ms[o].t1-d.ms[o].t0 < m.t1-m.t0) {
			d.typedEnd[m.t1-1] = i
		}
	}
	for _, i := range order("", false) {
		if e := d.single(i); e >= 0 {
			d.ms[i].kind = d.ents[e].kind
			d.assign(i, e)
		}
	}
	// A word left unresolved names an organization that a later mention
	// made known ("The Onion: An interview", then "How The Onion writes").
	for _, i := range order("", false) {
		if e, ok := d.byKey[key(graph.KindOrganization, d.ms[i].name)]; ok && d.ms[i].ent < 0 && !d.ms[i].surnameOnly {
			d.ms[i].kind = graph.KindOrganization
			d.assign(i, e)
		}
	}
	d.seatsAsSurnames()
	d.finish()
}

// boundMentions marks every mention unresolved and fills startsAt and
// endsAt.
func (d *document) boundMentions() {
	d.startsAt, d.endsAt = map[int][]int{}, map[int][]int{}
	for i := range d.ms {
		d.ms[i].ent = -1
		d.startsAt[d.ms[i].t0] = append(d.startsAt[d.ms[i].t0], i)
		d.endsAt[d.ms[i].t1] = append(d.endsAt[d.ms[i].t1], i)
	}
}

// capitalsListed makes a person of a surname written in capitals that a
// list joins to a person ("in which KENNEDY, SOUTER, and BREYER joined",
// as court opinions write the judges): alone, a word in capitals is as
// often an acronym.
func (d *document) capitalsListed() {
	d.capitalsInLists()
	d.capitalsTitled()
}

// capitalsInLists makes a person of a word in capitals that a list joins
// to a person (capitalBesidePerson), and of the next such word beside it,
// and so on along the list.
func (d *document) capitalsInLists() {
	// A word in capitals becomes a person when a neighbour in the list is
	// one, so a seed spreads along the list. Each word that turns wakes
	// the words beside it (a worklist): every word is looked at a bounded
	// number of times, where passes over all mentions repeated until
	// nothing changed took one pass per name of a list whose only seed is
	// at its far end.
	watchers := make([][]int, len(d.ms)) // per mention, the words in capitals beside it
	var queue []int
	for i := range d.ms {
		if !d.capitalWord(d.ms[i]) {
			continue
		}
		for _, j := range d.listNeighbours(i) {
			watchers[j] = append(watchers[j], i)
		}
		queue = append(queue, i)
	}
	for len(queue) > 0 {
		i := queue[0]
		queue = queue[1:]
		if d.capitalBesidePerson(i) {
			d.ms[i].kind, d.ms[i].learned = graph.KindPerson, ""
			queue = append(queue, watchers[i]...)
		}
	}
}

// capitalsTitled makes a person of a word in capitals after a title in
// capitals ("JUSTICE SCALIA:"), and of every word in capitals that a
// person of the document is named by.
func (d *document) capitalsTitled() {
	// A title in capitals before it, as transcripts write the speakers.
	capitalTitle := func(k int) bool {
		return k >= 0 && isCap(d.toks[k].text) && strings.ToUpper(d.toks[k].text) == d.toks[k].text && d.roleAt(k, k+1) == 1 ||
			k >= 0 && honorifics[strings.TrimSuffix(d.toks[k].lower, ".")] && strings.ToUpper(d.toks[k].text) == d.toks[k].text
	}
	// After a title ("JUSTICE SCALIA:") too; and the word is that person
	// wherever the document writes it so.
	names := map[string]bool{}
	for i := range d.ms {
		if m := &d.ms[i]; d.capitalWord(*m) && m.personHint && capitalTitle(m.t0-1) || m.kind == graph.KindPerson && m.t1 == m.t0+1 && !m.fromTable {
			names[d.toks[m.t0].text] = true
		}
	}
	for i := range d.ms {
		if m := &d.ms[i]; d.capitalWord(*m) && names[d.toks[m.t0].text] {
			m.kind, m.learned = graph.KindPerson, ""
		}
	}
}

// listNeighbours returns the mentions beside mention i in a list: before
// it across ",", "and" or ", and", and after it across the same.
func (d *document) listNeighbours(i int) []int {
	m := d.ms[i]
	var ns []int
	before, after := d.listBefore(m.t0), m.t1
	if d.listSep(before) {
		ns = append(ns, d.endsAt[before]...)
	}
	if d.listSep(after) {
		ns = append(ns, d.startsAt[after+1]...)
		if d.toks[after].text == "," && after+2 < len(d.toks) && d.toks[after+1].lower == "and" {
			ns = append(ns, d.startsAt[after+2]...)
		}
	}
	return ns
}

// listBefore returns the separator before token t0 that a list's previous
// item ends at: the comma of "SOUTER, and BREYER", else the token before.
func (d *document) listBefore(t0 int) int {
	before := t0 - 1
	if before > 0 && d.toks[before].lower == "and" && d.toks[before-1].text == "," {
		before--
	}
	return before
}

// listSep reports whether token k separates the items of a list.
func (d *document) listSep(k int) bool {
	return k >= 0 && k < len(d.toks) && (d.toks[k].text == "," || d.toks[k].lower == "and")
}

// capitalWord reports whether m is one word in capitals, of four letters
// or more, that no table typed and nothing made a person yet: a surname
// as court opinions write the judges, or an acronym.
func (d *document) capitalWord(m mention) bool {
	w := d.toks[m.t0].text
	return m.t1 == m.t0+1 && !m.fromTable && m.kind != graph.KindCountry && m.kind != graph.KindPerson && len(w) >= 4 && strings.ToUpper(w) == w && strings.ToLower(w) != w &&
		!strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
}

// listedPerson reports whether one of the mentions cands, at one place in
// a list of names in capitals, is a person. Only a list of names in
// capitals counts: "Charles Bolden, NASA Administrator" lists no names. A
// given name in capitals is a person's name there ("KENNEDY, SOUTER"),
// unless the tagger read it as an organization's acronym ("ISAP, ILPAP and
// ETHEL").
func (d *document) listedPerson(cands []int) bool {
	return slices.ContainsFunc(cands, func(i int) bool {
		m := d.ms[i]
		w := d.toks[m.t0].text
		inCapitals := m.t1 == m.t0+1 && len(w) >= 4 && strings.ToUpper(w) == w
		return inCapitals && m.kind == graph.KindPerson || d.capitalWord(m) && (d.t.given[titleCase(w)] && m.kind != graph.KindOrganization || m.learned == graph.KindPerson || m.personHint)
	})
}

// capitalBesidePerson reports whether mention i is a word in capitals (see
// capitalWord) that a list joins to a person: one of its listNeighbours
// is a listedPerson.
func (d *document) capitalBesidePerson(i int) bool {
	return d.capitalWord(d.ms[i]) && d.listedPerson(d.listNeighbours(i))
}

// titleCase returns a word in capitals with only its first letter one
// ("KENNEDY" gives "Kennedy").
func titleCase(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(r) + strings.ToLower(w[n:])
}

// placeNouns name kinds of places: "Atwick is a village", "the town of
// Avdiivka", "nature park Kopački Rit".
var placeNouns = map[string]bool{"village": true, "town": true, "city": true, "hamlet": true, "parish": true,
	"municipality": true, "commune": true, "county": true, "district": true, "province": true, "region": true,
	"island": true, "river": true, "lake": true, "mountain": true, "park": true, "suburb": true, "neighborhood": true,
	"neighbourhood": true, "borough": true, "port": true, "settlement": true, "oblast": true, "prefecture": true,
	"canton": true, "territory": true, "peninsula": true, "valley": true, "township": true, "resort": true}

// placesDefined makes every mention of a name that the document says is a
// place no person or organization: "Atwick is a village in the East
// Riding", "Avdiivka, a town north of Donetsk,", "the city of Chiang
// Mai", "nature park Kopački Rit". The tagger reads such names from their
// shape alone. Names the tables give keep their kind; a mention left
// untyped may still be the family name of a person named in full.
func (d *document) placesDefined() {
	defined := map[string]bool{}
	for _, m := range d.ms {
		if m.fromTable || m.kind == graph.KindCountry {
			continue
		}
		if d.definesPlace(m.t1) || d.placeNounBefore(m.t0) {
			defined[strings.ToLower(d.text[m.start:m.end])] = true
		}
	}
	if len(defined) == 0 {
		return
	}
	for i := range d.ms {
		if m := &d.ms[i]; !m.fromTable && m.kind != graph.KindCountry && defined[strings.ToLower(d.text[m.start:m.end])] {
			m.kind, m.surnameOnly, m.learned, m.runLearned = "", true, "", ""
		}
	}
}

// definesPlace reports whether the words from token k say that the name
// before them is a place: "is a", "was the" or ", a", then up to four
// modifiers and a place noun that ends the phrase ("is a village in", ", a
// town north of", but not ", a city councillor").
func (d *document) definesPlace(k int) bool {
	return d.definesAs(k, placeNouns, true)
}

// placeNounBefore reports whether a place noun in lower case stands right
// before token k, or before "of" or "of the" there: "the village of
// Atwick", "nature park Kopački Rit".
func (d *document) placeNounBefore(k int) bool {
	j := k - 1
	if j >= 0 && d.toks[j].lower == "the" {
		j--
	}
	if j >= 0 && d.toks[j].lower == "of" {
		j--
	} else if j != k-1 {
		return false
	}
	return j >= 0 && d.toks[j].sent == d.toks[k].sent && !isCap(d.toks[j].text) && placeNouns[d.toks[j].text]
}

// seatsAsSurnames gives a capital written alone ("Paris claims") to the
// person the document names in full with it as family name ("Valeska
// Paris"): a seat of government stands for its country only where no
// one in the story bears its name.
func (d *document) seatsAsSurnames() {
	for i := range d.ms {
		m := &d.ms[i]
		if m.kind != graph.KindCountry || m.form != formSeat || m.t1-m.t0 != 1 || m.ent < 0 {
			continue
		}
		word := d.toks[m.t0].text
		p := -1
		for _, e := range d.personsByLast[word] {
			if len(strings.Fields(d.ents[e].name)) >= 2 && len(d.ents[e].mentions) > 0 {
				if p >= 0 && p != e {
					p = -1
					break
				}
				p = e
			}
		}
		if p < 0 {
			continue
		}
		old := &d.ents[m.ent]
		old.mentions = slices.DeleteFunc(old.mentions, func(mi int) bool { return mi == i })
		m.kind, m.name = graph.KindPerson, word
		m.ent = -1
		d.assign(i, p)
	}
}

func key(kind graph.Kind, name string) string { return string(kind) + ":" + graph.Slug(name) }

// entityFor returns the entity of that kind and name, creating it.
func (d *document) entityFor(kind graph.Kind, name string) int {
	k := key(kind, name)
	if e, ok := d.byKey[k]; ok {
		return e
	}
	e := len(d.ents)
	d.ents = append(d.ents, entity{kind: kind, name: name})
	d.byKey[k] = e
	switch words := strings.Fields(name); {
	case kind == graph.KindPerson && len(words) > 0:
		last := words[len(words)-1]
		d.personsByLast[last] = append(d.personsByLast[last], e)
		if len(words) >= 2 {
			first, last := strings.ToLower(words[0]), strings.ToLower(last)
			d.personsByEnd[first] = append(d.personsByEnd[first], e)
			if last != first {
				d.personsByEnd[last] = append(d.personsByEnd[last], e)
			}
		}
	case kind == graph.KindOrganization && len(words) >= 2:
		two := words[0] + " " + words[1]
		d.orgsByFirstTwo[two] = append(d.orgsByFirstTwo[two], e)
	}
	return e
}

func (d *document) assign(i, e int) {
	m := &d.ms[i]
	m.ent = e
	d.ents[e].mentions = append(d.ents[e].mentions, i)
	d.ents[e].outlet = d.ents[e].outlet || m.outlet
	d.byKey[key(m.kind, d.text[m.start:m.end])] = e
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
func (d *document) single(i int) int {
	m := d.ms[i]
	best, bestDist := -1, 0
	for _, e := range d.personsByEnd[strings.ToLower(m.name)] {
		ew := strings.Fields(d.ents[e].name)
		if len(ew) < 2 || (!strings.EqualFold(ew[len(ew)-1], m.name) && !strings.EqualFold(ew[0], m.name)) {
			continue
		}
		for _, mi := range d.ents[e].mentions {
			dist := m.start - d.ms[mi].start
			if dist < 0 {
				dist = len(d.text) - dist // a later full name is a weaker match
			}
			if best < 0 || dist < bestDist {
				best, bestDist = e, dist
			}
		}
	}
	if best >= 0 {
		return best
	}
	if m.surnameOnly {
		return -1
	}
	if e, ok := d.byKey[key(graph.KindOrganization, m.name)]; ok {
		return e
	}
	if m.weak {
		// "Rabobank and ING Groep NV said": a sentence's first word
		// listed with an organization before the list's verb of saying
		// is one too, unless the text writes it in lower case elsewhere.
		if d.speaksWithOrg(m) {
			d.ms[i].kind = graph.KindOrganization
			return d.entityFor(graph.KindOrganization, m.name)
		}
		return -1
	}
	if d.t.orgSuffix[m.name] {
		// "the Commission" after "European Commission", "the Church" after
		// "Church of Scientology": the last organization it ends or begins.
		for e := len(d.ents) - 1; e >= 0; e-- {
			if n := d.ents[e].name; d.ents[e].kind == graph.KindOrganization && (strings.HasSuffix(n, " "+m.name) || strings.HasPrefix(n, m.name+" of ")) {
				return e
			}
		}
		return -1
	}
	switch {
	case strings.Contains(m.name, " ") && d.listedWith(m, graph.KindPerson):
		// "Jared Leto, Shannon Leto, Tomo Milicevic": a name in a list of
		// persons is one too.
		d.ms[i].kind = graph.KindPerson
		return d.entityFor(graph.KindPerson, m.name)
	case strings.Contains(m.name, " ") && d.listedWith(m, graph.KindOrganization), d.speaksWithOrg(m):
		d.ms[i].kind = graph.KindOrganization
		return d.entityFor(graph.KindOrganization, m.name)
	case strings.Contains(m.name, " ") && d.opponentIs(m, graph.KindPerson):
		// "Tomas Muster beat Goran Ivanisevic 6-3 6-4": a player's
		// opponent is a player.
		d.ms[i].kind = graph.KindPerson
		return d.entityFor(graph.KindPerson, m.name)
	case m.sport && !m.personHint && d.resultSide(m.t0, m.t1):
		// "Milan beat Valencia 2-1": teams, not persons or places.
		d.ms[i].kind = graph.KindOrganization
		return d.entityFor(graph.KindOrganization, m.name)
	case m.personHint, d.lifeYears(m.t1), !strings.Contains(m.name, " ") && d.authorCited(m), d.t.given[m.name] && !strings.Contains(m.name, " ") && !d.orgContext(m) && !d.modifies(m) && !d.afterLocative(m) && !d.adjectival(m.t0, m.t1),
		strings.Contains(m.name, " ") && d.afterTitle(m):
		// A given name alone names a person the text calls by it ("his
		// daughter, Angelina"), unless it modifies a noun ("Brent crude")
		// or follows "in" ("in Milan").
		d.ms[i].kind = graph.KindPerson
		return d.entityFor(graph.KindPerson, m.name)
	case d.adjectival(m.t0, m.t1):
		return -1 // "the greatest Jewish philosopher", "English captain Harry Kane"
	case newsName(m.name):
		d.ms[i].kind, d.ms[i].outlet = graph.KindOrganization, true
		return d.entityFor(graph.KindOrganization, m.name)
	case d.orgContext(m):
		d.ms[i].kind = graph.KindOrganization
		return d.entityFor(graph.KindOrganization, m.name)
	case d.besideCue(m) && m.t0 > 0 && d.toks[m.t0-1].lower == "in":
		return -1 // "separatists in Chechnya said": a place (but "analysts at Nomura said")
	case d.besideCue(m):
		// Several words that do not look like a person's name (see
		// looksPersonal) are an organization however the text goes on;
		// so is one word after "the", and "The Sentinel reported" names
		// an outlet.
		the := m.t0 > 0 && d.toks[m.t0-1].lower == "the"
		if the {
			if c, _, ok := d.cueAt(d.afterAside(m.t1)); ok && c.class == cueReport {
				d.ms[i].outlet = true
			}
		}
		if !the && (!strings.Contains(m.name, " ") && (d.heOrSheAfter(m) || d.creditsQuote(m)) || m.learned == graph.KindPerson || m.runLearned == graph.KindPerson) {
			d.ms[i].kind = graph.KindPerson
			return d.entityFor(graph.KindPerson, m.name)
		}
		d.ms[i].kind = graph.KindOrganization
		return d.entityFor(graph.KindOrganization, m.name)
	case m.learned != "":
		// No rule decides; the name tagger does.
		d.ms[i].kind = m.learned
		return d.entityFor(m.learned, m.name)
	case m.runLearned == graph.KindPerson:
		// Several words no rule types, which the tagger reads as a
		// person below its override margin ("Wikinews interviews
		// Marymegan Daly on ..."): its reading is the last resort.
		d.ms[i].kind = graph.KindPerson
		return d.entityFor(graph.KindPerson, m.name)
	}
	return -1
}

// writtenName returns the name an organization of the tables goes by in
// this document: of its table names that one begins with another ("Anadolu
// Agency" and "Anadolu"), the longest the document writes, so that an
// outlet is not cut short, nor lengthened past what the text says ("NBC",
// not "NBC News"); its table name otherwise ("Associated Press" for "AP",
// "Security Service of Ukraine" for "Security Service").
// Its id stays that of the table name, one node across documents.
func (d *document) writtenName(e entity) string {
	name := e.name
	for _, mi := range e.mentions {
		m := d.ms[mi]
		w := d.text[m.start:m.end]
		if m.t1-m.t0 > 1 && legalForms[d.toks[m.t1-1].text] {
			continue // "Boeing Co", "Toyota Motor Corp" are Boeing and Toyota
		}
		if !m.fromTable || w == name || !isCap(d.toks[m.t1-1].text) {
			continue // "the Ukrainian News agency" is Ukrainian News
		}
		if strings.HasPrefix(w, e.name+" ") && len(w) > len(name) || e.outlet && strings.HasPrefix(e.name, w+" ") && name == e.name && !d.writes(e, e.name) {
			name = w
		}
	}
	return name
}

// writes reports whether one of e's mentions is written as name.
func (d *document) writes(e entity, name string) bool {
	return slices.ContainsFunc(e.mentions, func(mi int) bool { return d.text[d.ms[mi].start:d.ms[mi].end] == name })
}

// listedWith reports whether the mention stands in a list ("A, B and C")
// right beside a name of that kind.
func (d *document) listedWith(m mention, kind graph.Kind) bool {
	separator := func(k int) bool {
		if k < 0 || k >= len(d.toks) {
			return false
		}
		switch d.toks[k].text {
		case ",", "and", "&", "or":
			return true
		}
		return false
	}
	listed := func(candidates []int) bool {
		return slices.ContainsFunc(candidates, func(i int) bool { return d.ms[i].kind == kind && d.ms[i].ent >= 0 })
	}
	// "Orson Welles (The Trial), Wim Wenders (Until the End of the World)":
	// what each person listed has in brackets stands between them (but
	// "the secretary general of CEI (Italian Episcopal Conference), Nunzio
	// Galantino" lists no organizations).
	before, prevEnd, after := m.t0-1, m.t0-1, m.t1
	if kind != graph.KindPerson {
		return separator(before) && listed(d.endsAt[before]) || separator(after) && listed(d.startsAt[after+1])
	}
	if before > 0 && d.toks[before-1].text == ")" {
		if open := d.bracketMatch(before-1, -1); open >= 0 {
			prevEnd = open
		}
	}
	if after < len(d.toks) && d.toks[after].text == "(" {
		if end := d.bracketMatch(after, 1); end >= 0 {
			after = end + 1
		}
	}
	return separator(before) && listed(d.endsAt[prevEnd]) || separator(after) && listed(d.startsAt[after+1])
}

// bracketMatch returns the token of the bracket that matches the one at
// token k ("(" going forward with step 1, ")" going back with step -1),
// within its sentence and a dozen tokens, or -1.
func (d *document) bracketMatch(k, step int) int {
	want, other := ")", "("
	if step < 0 {
		want, other = other, want
	}
	for c := k + step; c >= 0 && c < len(d.toks) && c != k+14*step && d.toks[c].sent == d.toks[k].sent; c += step {
		switch d.toks[c].text {
		case want:
			return c
		case other:
			return -1
		}
	}
	return -1
}

// modifies reports whether a lower-case noun follows the mention, which
// then qualifies it ("Brent crude", "Milan derby") rather than names
// someone.
func (d *document) modifies(m mention) bool {
	if m.t1 >= len(d.toks) {
		return false
	}
	next := d.toks[m.t1]
	return !isCap(next.text) && (next.tag == "NN" || next.tag == "NNS")
}

// afterLocative reports whether a word such as "in" or "near" comes right
// before the mention, which then names a place ("championships in Milan").
func (d *document) afterLocative(m mention) bool {
	return m.t0 > 0 && d.t.locative[d.toks[m.t0-1].lower]
}

func (d *document) tagAt(k int) string {
	if k < len(d.toks) {
		return d.toks[k].tag
	}
	return ""
}

// finish names each entity by its fullest person name, gives it its id,
// merges entities whose ids coincide, and orders entities by first mention.
func (d *document) finish() {
	for e := range d.ents {
		ent := &d.ents[e]
		if ent.kind == graph.KindPerson {
			for _, mi := range ent.mentions {
				if n := d.ms[mi].name; len(strings.Fields(n)) > len(strings.Fields(ent.name)) {
					ent.name = n
				}
			}
		}
		ent.id = graph.EntityID(ent.kind, ent.name)
		if ent.kind == graph.KindOrganization {
			ent.name = d.writtenName(*ent)
		}
	}
	byID := map[string]int{}
	var out []entity
	remap := make([]int, len(d.ents))
	for e, ent := range d.ents {
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
			return cmp.Or(cmp.Compare(d.ms[a].start, d.ms[b].start), cmp.Compare(d.ms[a].end, d.ms[b].end))
		})
	}
	perm := make([]int, len(out))
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(a, b int) int {
		return cmp.Compare(d.ms[out[a].mentions[0]].start, d.ms[out[b].mentions[0]].start)
	})
	rank := make([]int, len(out))
	sorted := make([]entity, len(out))
	for newIdx, old := range perm {
		rank[old] = newIdx
		sorted[newIdx] = out[old]
	}
	for i := range d.ms {
		if e := d.ms[i].ent; e >= 0 && remap[e] >= 0 {
			d.ms[i].ent = rank[remap[e]]
		} else {
			d.ms[i].ent = -1
		}
	}
	d.ents = sorted
}

// speaksWithOrg reports whether the word m and an organization after it
// are the subjects of a verb of saying ("Rabobank and ING Groep NV said"),
// and the text never writes the word in lower case.
func (d *document) speaksWithOrg(m mention) bool {
	if m.t1+1 >= len(d.toks) || d.toks[m.t1].lower != "and" || !d.listedWith(m, graph.KindOrganization) || d.writesLower(m.name) {
		return false
	}
	o := d.startsAt[m.t1+1]
	return len(o) > 0 && d.besideCue(d.ms[o[0]])
}

// writesLower reports whether the document writes the word w in lower
// case somewhere.
func (d *document) writesLower(w string) bool {
	l := strings.ToLower(w)
	for _, t := range d.toks {
		if t.text == l {
			return true
		}
	}
	return false
}

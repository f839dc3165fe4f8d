package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entitygraph/entitygraph/graph"
)

// mention is one candidate name in the text. Tables give countries,
// outlets and well-known organizations; capitalized spans give persons and
// organizations; a single capitalized word stays unresolved (kind "") until
// resolve decides whether it is a known person's surname.
type mention struct {
	start, end int // byte span, end exclusive
	t0, t1     int // token span
	kind       graph.Kind
	name       string // canonical name (tables) or the name as written
	outlet     bool
	fromTable  bool
	form       formKind
	// government marks a demonym that stands for its government
	// ("Russian authorities").
	government bool
	personHint bool   // a title came before it ("President", "spokesman")
	country    string // the country the text says an organization belongs to
	parent     int    // index of the organization it is part of, or -1
	// chainNext marks an organization of a chain "X of the Y" in one
	// capitalized span: it is part of the mention that follows it.
	chainNext bool
	// weak marks a single word that starts a sentence: it names only an
	// entity the document names otherwise too.
	weak bool
	// sport marks a mention in a sentence about sport, where names ending
	// with a plural or a club word are teams.
	sport bool
	// surnameOnly marks a single word that is also a title ("King",
	// "Player"): it names only a person named in full whose family name it
	// is.
	surnameOnly bool
	ent         int // entity index, set by resolve; -1 when dropped
}

// findMentions returns the mentions of every sentence, in sentence order.
func (t *tables) findMentions(text string, toks []token, sents []sentence) []mention {
	consumed := make([]bool, len(toks))
	var all []mention
	for _, s := range sents {
		ms := t.gazetteer(toks, s, consumed)
		ms = append(ms, t.spans(text, toks, s, consumed)...)
		slices.SortFunc(ms, func(a, b mention) int { return a.t0 - b.t0 })
		ms = t.combine(text, toks, s, ms)
		for k := range ms {
			if ms[k].parent >= 0 {
				ms[k].parent += len(all)
			}
		}
		all = append(all, ms...)
	}
	return all
}

// gazetteer marks the longest table forms in sentence s, left to right.
func (t *tables) gazetteer(toks []token, s sentence, consumed []bool) []mention {
	var ms []mention
	for i := s.t0; i < s.t1; {
		e, n, ok := t.matchGaz(toks, i, s)
		if !ok {
			i++
			continue
		}
		for k := i; k < i+n; k++ {
			consumed[k] = true
		}
		if e.kind != gazPlace {
			m := mention{start: toks[i].start, end: toks[i+n-1].end, t0: i, t1: i + n, name: e.name,
				fromTable: true, form: e.form, outlet: e.kind == gazOutlet, parent: -1, kind: graph.KindOrganization}
			if e.kind == gazCountry {
				m.kind = graph.KindCountry
			}
			ms = append(ms, m)
		}
		i += n
	}
	return ms
}

// matchGaz returns the entry of the longest form starting at token i. A
// capital after a locative word ("in Kyiv") matches as a place.
func (t *tables) matchGaz(toks []token, i int, s sentence) (gazEntry, int, bool) {
	if !t.gazFirst[toks[i].lower] {
		return gazEntry{}, 0, false
	}
	for n := min(t.gazMax, s.t1-i); n >= 1; n-- {
		words := make([]string, n)
		for k := range words {
			words[k] = toks[i+k].lower
		}
		for _, e := range t.gaz[strings.Join(words, " ")] {
			if e.exact && !sameWords(toks[i:i+n], e.words) {
				continue
			}
			if e.common && e.form != formDemonym && !t.standalone(toks, i, i+n, s) {
				continue
			}
			if e.form == formSeat && t.afterLocative(toks, i, s) {
				return gazEntry{kind: gazPlace}, n, true
			}
			return e, n, true
		}
	}
	return gazEntry{}, 0, false
}

func sameWords(toks []token, words []string) bool {
	for k, w := range words {
		if toks[k].text != w {
			return false
		}
	}
	return true
}

// standalone reports whether tokens [i, j) are not part of a longer
// capitalized name.
func (t *tables) standalone(toks []token, i, j int, s sentence) bool {
	if j < s.t1 && isCap(toks[j].text) && !t.stop[toks[j].lower] {
		return false
	}
	return i == s.t0 || !isCap(toks[i-1].text) || t.stop[toks[i-1].lower]
}

func (t *tables) afterLocative(toks []token, i int, s sentence) bool {
	k := i - 1
	if k >= s.t0 && toks[k].lower == "the" {
		k--
	}
	return k >= s.t0 && t.locative[toks[k].lower]
}

// connectors may join the words of one name ("Ministry of Defense",
// "Ursula von der Leyen").
var connectors = map[string]bool{"of": true, "de": true, "von": true, "van": true, "der": true, "den": true,
	"bin": true, "al": true, "da": true, "del": true, "du": true, "la": true, "le": true, "&": true}

// spans finds runs of capitalized words not taken by the tables and
// classifies each (see classifySpan).
func (t *tables) spans(text string, toks []token, s sentence, consumed []bool) []mention {
	initial := s.t0
	if isDoubleQuote([]rune(toks[s.t0].text)[0]) {
		initial++
	}
	// capNext reports whether token k is a capitalized word that may go on
	// a name.
	capNext := func(k int) bool {
		return k < s.t1 && !consumed[k] && isCap(toks[k].text) && !t.stop[toks[k].lower]
	}
	sport := t.aboutSport(toks, s)
	var ms []mention
	for i := s.t0; i < s.t1; i++ {
		tok := toks[i]
		if consumed[i] || !isCap(tok.text) {
			continue
		}
		// A stop word starts no name, except an acronym before one ("AI
		// Safety Institute").
		if t.stop[tok.lower] && !(isAcronym(tok.text) && capNext(i+1)) {
			continue
		}
		// A capital at the start of a sentence only says a sentence starts,
		// unless the tagger calls the word a proper noun or a name goes on
		// after it ("Goldman Sachs said").
		// A sentence-initial word the tagger reads as a function word
		// ("Despite Bobick winning", "Apparently Hitzig's") is no part
		// of the name after it.
		if i == initial && functionTag(tok.tag) && capNext(i+1) {
			continue
		}
		if i == initial && tok.tag != "NNP" && tok.tag != "NNPS" && !capNext(i+1) {
			// It may still be a surname already known ("Yoon told
			// reporters"): resolve decides.
			if !t.stop[tok.lower] && isWord(tok.text) {
				ms = append(ms, mention{start: tok.start, end: tok.end, t0: i, t1: i + 1, name: tok.text, parent: -1, weak: true, sport: sport})
			}
			continue
		}
		j, joined := t.spanEnd(toks, i, s, consumed, sport)
		nick := [2]int{}
		if !joined {
			j, nick = t.nickname(toks, i, j, s, consumed)
		}
		// A number before a unit's name is part of it: "the 47th
		// Mechanized Brigade", "65 Air Division".
		if i > s.t0 && !consumed[i-1] && ordinal(toks[i-1].text) && t.orgSuffix[toks[j-1].text] {
			i--
		}
		if t.orgSuffix[toks[j-1].text] || joined {
			i = t.placeBefore(toks, i, s, consumed)
		}
		cls := t.classifySpan(text, toks, i, j, joined, sport)
		for k := range cls {
			if c := &cls[k]; nick[1] > 0 && c.t0 < nick[0] && c.t1 > nick[1] {
				// The nickname is part of the mention, not of the name.
				c.name = text[c.start:toks[nick[0]-1].end] + " " + text[toks[nick[1]].start:c.end]
			}
		}
		ms = append(ms, cls...)
		i = j - 1
	}
	for k := range ms {
		ms[k].sport = sport
	}
	return ms
}

// nickname returns where a person's name that starts at token i and
// breaks at token j ends when a nickname in quotation marks and the family
// name follow ("Joaquin \"El Chapo\" Guzman"): the first word is a known
// given name, one or two capitalized words stand between the quotation
// marks, and a capitalized word follows them. It also returns the tokens
// [q0, q1) of the nickname with its quotation marks. Otherwise it returns
// j and no tokens.
func (t *tables) nickname(toks []token, i, j int, s sentence, consumed []bool) (int, [2]int) {
	if !t.given[toks[i].text] || j >= s.t1 || !isDoubleQuote(firstRune(toks[j].text)) {
		return j, [2]int{}
	}
	k := j + 1
	for k < s.t1 && k-j <= 2 && isCap(toks[k].text) && !consumed[k] {
		k++
	}
	if k == j+1 || k+1 >= s.t1 || !isDoubleQuote(firstRune(toks[k].text)) {
		return j, [2]int{}
	}
	e := k + 1
	for e < s.t1 && !consumed[e] && isCap(toks[e].text) && !t.stop[toks[e].lower] {
		e++
	}
	if e == k+1 {
		return j, [2]int{}
	}
	return e, [2]int{j, k + 1}
}

// placeBefore returns where a place the tables know ends right before
// token i ("New York" in "New York Stock Exchange", "West Virginia" in
// "West Virginia Normal School") starts, so that an organization's name
// keeps it; without one, i.
func (t *tables) placeBefore(toks []token, i int, s sentence, consumed []bool) int {
	for n := min(t.gazMax, i-s.t0); n >= 1; n-- {
		if !consumed[i-n] || i-n > s.t0 && consumed[i-n-1] && isCap(toks[i-n-1].text) {
			continue
		}
		if e, got, ok := t.matchGaz(toks, i-n, s); ok && got == n && e.kind == gazPlace {
			return i - n
		}
	}
	return i
}

// aboutSport reports whether sentence s has a word of sport in it.
func (t *tables) aboutSport(toks []token, s sentence) bool {
	for k := s.t0; k < s.t1; k++ {
		if t.sport[toks[k].lower] {
			return true
		}
	}
	return false
}

// teamName reports whether the capitalized words [i, j) of a sentence
// about sport name a club: they open or end with a club word ("FC Basel",
// "Leeds United"), or end with a plural that a word of sport follows
// ("the Riverside Hawks football team", "Hawks coach"). A plural at the
// end says too little on its own ("Riverside Hawks", but "Greatest Hockey
// Players"): on wikigold it gained 2 mentions for 8 wrong ones.
func (t *tables) teamName(toks []token, i, j int) bool {
	if t.clubFirst[toks[i].text] || t.club[toks[j-1].text] {
		return true
	}
	return j < len(toks) && toks[j].sent == toks[i].sent && !isCap(toks[j].text) && t.sport[toks[j].lower] && t.teamPlural(toks[j-1].text)
}

// teamPlural reports whether a capitalized word is a plural that may end
// a team's name ("Hawks"), not one of sport's own words ("Leagues",
// "Games") or a plural in -ries ("Series", "Industries").
func (t *tables) teamPlural(w string) bool {
	return plural(w) && !t.sport[strings.ToLower(w)] && !strings.HasSuffix(w, "ries")
}

// plural reports whether a capitalized word reads as a plural noun
// ("Falcons", "Rangers"), not a possessive or a name ending in -ss or -us.
func plural(w string) bool {
	return len(w) > 3 && isCap(w) && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") &&
		!strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is") && !strings.HasSuffix(w, "'s")
}

// modelCode reports whether w is a model designation: capitals, a hyphen
// and digits ("F-16", "CH-53", "MiG-29", "B-52H").
func modelCode(w string) bool {
	letters, rest, ok := strings.Cut(w, "-")
	if !ok || letters == "" || len(letters) > 3 || !isCap(letters) || !unicode.IsLetter(rune(letters[len(letters)-1])) {
		return false
	}
	digits := strings.TrimRightFunc(rest, unicode.IsLetter)
	return digits != "" && strings.Trim(digits, "0123456789") == ""
}

func firstRune(w string) rune {
	r, _ := utf8.DecodeRuneInString(w)
	return r
}

// ordinal reports whether w is a number or an ordinal written with
// digits ("47th", "3rd", "62d", "65").
func ordinal(w string) bool {
	digits := strings.TrimRightFunc(w, unicode.IsLetter)
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return false
	}
	switch w[len(digits):] {
	case "", "st", "nd", "rd", "th", "d":
		return true
	}
	return false
}

// functionTag reports whether a part-of-speech tag is that of a word that
// never starts a name: a preposition, adverb, determiner, conjunction,
// pronoun or modal. (Verbs do: "Reading Railroad", "Bowling Green".)
func functionTag(tag string) bool {
	switch tag {
	case "IN", "RB", "RBR", "RBS", "DT", "PDT", "CC", "PRP", "PRP$", "WDT", "WP", "WRB", "MD", "TO", "EX", "UH":
		return true
	}
	return false
}

// spanEnd returns the end of the name that starts at token i: capitalized
// words and name particles ("Saad al-Kaabi"), joined by connectors ("Ministry
// of Defense", "Lula da Silva"), and by "for (the)" or "and" where that
// makes an organization's name ("Institute for the Study of War", "Food and
// Drug Administration"); joined reports the latter. In a sentence about
// sport a plural after "for" is a team, not part of the name ("the
// Northern League for the Riverside Hawks").
func (t *tables) spanEnd(toks []token, i int, s sentence, consumed []bool, sport bool) (j int, joined bool) {
	j = i + 1
	for j < s.t1 && !consumed[j] {
		if isCap(toks[j].text) || isParticleName(toks[j].text) {
			j++
			continue
		}
		w := toks[j].lower
		if !connectors[w] && w != "for" && w != "and" {
			break
		}
		k := j + 1
		if k < s.t1 && toks[k].lower == "the" && w != "and" {
			k++
		}
		if k >= s.t1 || consumed[k] || !isCap(toks[k].text) || t.stop[toks[k].lower] {
			break
		}
		if connectors[w] {
			j = k + 1
			continue
		}
		e := k + 1
		for e < s.t1 && !consumed[e] && (isCap(toks[e].text) || connectors[toks[e].lower] && e+1 < s.t1 && !consumed[e+1] && isCap(toks[e+1].text)) {
			e++
		}
		// "Department of Physics and Astronomy", "Center for Science and
		// Culture": after an organization word and "of" or "for", "and"
		// with a word or two goes on with the name.
		andOf := w == "and" && e-k <= 2 && t.orgWordOf(toks, i, j) && !t.hasOrgWord(toks, k, e) && !t.given[toks[k].text]
		if !andOf && !(w == "for" && t.orgSuffix[toks[j-1].text]) && !t.orgSuffix[toks[e-1].text] {
			break
		}
		// Two names that each end with an organization word are two
		// organizations: "the Dallas Morning News and Houston Post", "the
		// Swiss Super League for FC Basel".
		if w == "and" && t.orgSuffix[toks[j-1].text] || w == "for" && (t.hasOrgWord(toks, k, e) || sport && plural(toks[e-1].text)) {
			break
		}
		j, joined = e, true
	}
	return j, joined
}

// orgWordOf reports whether an organization word followed by "of" or
// "for" is among the tokens [i, j).
func (t *tables) orgWordOf(toks []token, i, j int) bool {
	for k := i; k+1 < j; k++ {
		if t.orgSuffix[toks[k].text] && (toks[k+1].lower == "of" || toks[k+1].lower == "for") {
			return true
		}
	}
	return false
}

// hasOrgWord reports whether any of the tokens [i, j) is an organization
// word.
func (t *tables) hasOrgWord(toks []token, i, j int) bool {
	for k := i; k < j; k++ {
		if t.orgSuffix[toks[k].text] {
			return true
		}
	}
	return false
}

// isParticleName reports whether a token is a family name written with a
// lower-case particle ("al-Kaabi", "el-Sisi", "bin-Salman").
func isParticleName(w string) bool {
	p, rest, ok := strings.Cut(w, "-")
	return ok && len(p) <= 3 && p == strings.ToLower(p) && isCap(rest)
}

// classifySpan turns the capitalized words [i, j) into mentions: an
// organization (or a chain "X of the Y" of them) when a part ends with an
// organization word or joined says so, nothing for places and events, a
// person for two to five words left after any title that look like a
// person's name (see looksPersonal), an organization for other runs of
// words, an acronym organization, or an unresolved single word.
func (t *tables) classifySpan(text string, toks []token, i, j int, joined, sport bool) []mention {
	org := func(a, b int) mention {
		return mention{start: toks[a].start, end: toks[b-1].end, t0: a, t1: b, kind: graph.KindOrganization,
			name: text[toks[a].start:toks[b-1].end], outlet: t.outletSuffix[toks[b-1].text] || toks[a].text == "Radio", parent: -1}
	}
	if joined {
		return []mention{org(i, j)}
	}
	// "Jenny Seaton & Gary Carvolth": two persons named in full, not a
	// firm ("Procter & Gamble" names one word each side).
	for a := i + 2; a+1 < j; a++ {
		if toks[a].text == "&" && t.looksPersonal(toks, i, a) && t.given[toks[a+1].text] && a+2 < j {
			return append(t.classifySpan(text, toks, i, a, false, sport), t.classifySpan(text, toks, a+1, j, false, sport)...)
		}
	}
	// A name in quotation marks of its own is a title ("Gloomy Sunday"),
	// and one that starts with a model code a product ("F-16 Fighting
	// Falcon").
	if i > 0 && j < len(toks) && isDoubleQuote(firstRune(toks[i-1].text)) && isDoubleQuote(firstRune(toks[j].text)) || modelCode(toks[i].text) {
		return nil
	}
	// Leading titles go first, so that the "of" of a title does not split
	// the name: "Secretary of State Antony Blinken". A title followed by
	// "of" names an office ("Minister of Defense"), not a person.
	from := i
	if first := splitOf(toks, i, j)[0]; !t.orgSuffix[toks[first[1]-1].text] {
		for from < j {
			n := t.roleAt(toks, from, j)
			if n == 0 {
				break
			}
			from += n
		}
		// "Major League Baseball": after a title, an organization word
		// says the title was the first word of an organization's name.
		if from < j && (connectors[toks[from].lower] || t.orgSuffix[toks[from].text]) {
			from = i
		}
		if from == j && j-i == 1 {
			// A title alone may be a family name: "King" after "Angus
			// King". Resolve keeps it only as such.
			return []mention{{start: toks[i].start, end: toks[i].end, t0: i, t1: j, name: toks[i].text, parent: -1, surnameOnly: true}}
		}
		if from == j {
			return nil
		}
	}
	// A title in lower case before the name counts too: "regional governor
	// Veniamin Kondratyev", "UBS chairman Colm Kelleher".
	hint := from > i || i > 0 && !isCap(toks[i-1].text) && t.roleAt(toks, i-1, i) == 1
	parts := splitOf(toks, from, j)
	if t.orgSuffix[toks[parts[0][1]-1].text] && j-from > 1 {
		var orgs []mention
		for _, p := range parts {
			if len(orgs) == 0 || t.orgSuffix[toks[p[1]-1].text] {
				orgs = append(orgs, mention{t0: p[0], kind: graph.KindOrganization, parent: -1,
					outlet: t.outletSuffix[toks[p[1]-1].text]})
			}
			orgs[len(orgs)-1].t1 = p[1]
		}
		for k := range orgs {
			o := &orgs[k]
			o.start, o.end = toks[o.t0].start, toks[o.t1-1].end
			o.name = text[o.start:o.end]
			o.chainNext = k+1 < len(orgs)
		}
		return orgs
	}
	if len(parts) > 1 && (hint || t.looksPersonal(toks, parts[0][0], parts[0][1])) && parts[0][1]-parts[0][0] > 1 && !t.orgSuffix[toks[parts[0][1]-1].text] {
		// "Andrii Yusov of the Main Intelligence Directorate": a person,
		// then what they belong to.
		p := mention{start: toks[from].start, end: toks[parts[0][1]-1].end, t0: from, t1: parts[0][1], kind: graph.KindPerson, parent: -1, personHint: hint}
		p.name = text[p.start:p.end]
		return append([]mention{p}, t.classifySpan(text, toks, parts[1][0], j, false, sport)...)
	}
	if t.orgSuffix[toks[j-1].text] && j-from > 1 {
		// "Joint Chiefs of Staff": one organization named by its last part.
		return []mention{org(from, j)}
	}
	last := j - 1
	if last > from && romanNumeral(toks[last].text) {
		last-- // "World War II"
	}
	if sport && j-from > 1 && len(parts) == 1 && !t.looksPersonal(toks, from, j) && !hint && t.teamName(toks, from, j) {
		return []mention{org(from, j)}
	}
	if sport && len(parts) == 2 && !hint && t.teamPlural(toks[parts[0][1]-1].text) && !t.looksPersonal(toks, from, parts[0][1]) {
		// "the Riverside Hawks of the Northern League": a team, then the
		// league it plays in.
		return []mention{org(from, parts[0][1]), org(parts[1][0], j)}
	}
	if len(parts) > 1 || t.nonEntity[toks[last].text] || t.nonEntityAt[toks[from].text] && j-from > 1 {
		return nil // "Bay of Bengal", "Duke of Edinburgh", "Black Sea", "Lake Chad"
	}
	// Titles inside: keep what follows the last one ("Kyiv Mayor Vitali
	// Klitschko"); an acronym before it is an organization ("CDC Director
	// General Jean Kaseya").
	var out []mention
	for k := from; k < j; k++ {
		if n := t.roleAt(toks, k, j); n > 0 && k+n < j && !t.orgSuffix[toks[k+n].text] {
			if k == from+1 && isAcronym(toks[from].text) {
				out = append(out, org(from, k))
			}
			from, hint = k+n, true
			k += n - 1
		}
	}
	n := j - from
	if n == 0 || n > 6 || n-t.countConnectors(toks, from, j) > 4 {
		return out
	}
	m := mention{t0: from, t1: j, parent: -1, personHint: hint}
	m.start, m.end = toks[from].start, toks[j-1].end
	m.name = text[m.start:m.end]
	switch {
	case n > 1 && !hint && from > 0 && !isCap(toks[from-1].text) && t.orgNoun[toks[from-1].lower]:
		// "the metal band Jesse Rivers", "the retailer Harold Benton": a
		// noun for an organization names what follows, whatever its shape.
		m.kind = graph.KindOrganization
	case n > 1 && (hint || t.looksPersonal(toks, from, j)):
		m.kind = graph.KindPerson
	case n > 1 && orgEvidence(toks, from, j):
		m.kind = graph.KindOrganization
	case isAcronym(toks[from].text) && len(toks[from].text) > 2 && !romanNumeral(toks[from].text):
		// Two capitals are too often something else ("KO", "CD"): resolve
		// decides them as it decides other single words.
		m.kind = graph.KindOrganization
	}
	return append(out, m)
}

// orgEvidence reports whether the words around the capitalized words
// [i, j), which look like no person's name, say they name an organization:
// "the" before them ("the Receiving End of Sirens"), or a possessive after
// them ("Caloi's shares"). Other runs of capitalized words are as often
// places ("Cal Anderson Park"), works ("Gloomy Sunday") or events, so
// without such evidence the run is left to resolve, which makes it an
// organization only where the sentence treats it as one ("Goldman Sachs
// said", "analysts at Morgan Stanley").
func orgEvidence(toks []token, i, j int) bool {
	if i > 0 && toks[i-1].lower == "the" && toks[i-1].sent == toks[i].sent {
		return true
	}
	return j < len(toks) && (toks[j].text == "'s" || toks[j].text == "’s")
}

// looksPersonal reports whether the words [i, j) look like a person's name:
// the first is a known given name, years of life follow in brackets ("Elias
// Howell (1792 - 1844)"), or a word is an initial ("Frederick H. Smith"), a
// name particle ("bin", "al-Kaabi") or hyphenated like a Korean given name
// ("Shin Won-sik").
func (t *tables) looksPersonal(toks []token, i, j int) bool {
	if t.given[toks[i].text] {
		return true
	}
	if lifeYears(toks, j) {
		return true
	}
	for k := i; k < j; k++ {
		w := toks[k].text
		switch {
		case len(w) == 2 && w[1] == '.' && isCap(w), isParticleName(w), particles[toks[k].lower]:
			return true
		case k > i && strings.Count(w, "-") == 1 && !strings.Contains(w, "--"):
			a, b, _ := strings.Cut(w, "-")
			if isCap(a) && b != "" && !isCap(b) {
				return true
			}
		}
	}
	return false
}

// lifeYears reports whether token j opens brackets that give years of
// life: "(1792 - 1844)", "(born 1951)", "(b. 1951)", "(February 6, 1839 -
// August 20, 1907)": "born" first, or a year and a dash in the first
// dozen words.
func lifeYears(toks []token, j int) bool {
	if j+1 >= len(toks) || toks[j].text != "(" {
		return false
	}
	if w := toks[j+1].lower; w == "born" || w == "b." {
		return true
	}
	year, dash := false, false
	for k := j + 1; k < len(toks) && k < j+13 && toks[k].text != ")"; k++ {
		switch w := toks[k].text; {
		case isYear(w):
			year = true
		case w == "-" || w == "–" || w == "—" || w == "--":
			dash = true
		}
	}
	return year && dash
}

// romanNumeral reports whether w is a Roman numeral of a name ("II",
// "XIV").
func romanNumeral(w string) bool {
	return w != "" && strings.Trim(w, "IVXL") == ""
}

// isYear reports whether w is a year of four digits.
func isYear(w string) bool {
	if len(w) != 4 {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// particles join the words of a person's name, never an organization's.
var particles = map[string]bool{"bin": true, "ibn": true, "al": true, "da": true, "de": true, "van": true, "von": true, "der": true, "del": true, "dos": true}

func (t *tables) countConnectors(toks []token, i, j int) int {
	n := 0
	for k := i; k < j; k++ {
		if connectors[toks[k].lower] || isDoubleQuote(firstRune(toks[k].text)) {
			n++
		}
	}
	return n
}

// splitOf splits the tokens [i, j) at "of" and "of the" into parts.
func splitOf(toks []token, i, j int) [][2]int {
	var parts [][2]int
	a := i
	for k := i; k < j; k++ {
		if toks[k].lower != "of" {
			continue
		}
		parts = append(parts, [2]int{a, k})
		a = k + 1
		if a < j && toks[a].lower == "the" {
			a++
		}
		k = a - 1
	}
	return append(parts, [2]int{a, j})
}

// roleAt returns how many tokens from k (before end) spell a role
// ("Foreign Minister"), preferring the longest, or 0.
func (t *tables) roleAt(toks []token, k, end int) int {
	for n := min(t.roleMaxWords, end-k); n >= 1; n-- {
		words := make([]string, n)
		for w := range words {
			words[w] = toks[k+w].lower
		}
		if t.roles[strings.Join(words, " ")] {
			return n
		}
	}
	return 0
}

// isAcronym reports whether a word is written in capitals, two to six of
// them, as organizations abbreviate their names ("HUR", "IAEA"); words with
// digits name things ("H5N1", "COP28") more often than organizations.
func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r == '&':
		default:
			return false
		}
	}
	return letters >= 2 && len(w) <= 6
}

// combine applies the rules that join neighbouring mentions of one
// sentence: demonym + organization ("Russian Defense Ministry"), demonym +
// institution ("South Korean intelligence"), institution of country ("the
// intelligence of Ukraine"), organization of organization or country,
// outlet markers ("the Ukrainian News agency"), and an acronym in brackets
// after an organization.
func (t *tables) combine(text string, toks []token, s sentence, ms []mention) []mention {
	for k := range ms {
		if ms[k].chainNext {
			ms[k].parent = k + 1
		}
	}
	at := func(tok int) int { // index of the mention starting at token tok
		for k := range ms {
			if ms[k].t0 == tok && ms[k].kind != "" {
				return k
			}
		}
		return -1
	}
	var extra []mention
	for k := range ms {
		c := &ms[k]
		if c.kind != graph.KindCountry || c.form == formSeat {
			continue
		}
		if c.t1+1 < s.t1 && (toks[c.t1].text == "'s" || toks[c.t1].text == "’s") && c.form != formDemonym {
			// "Ukraine's Air Force": the organization belongs to the country.
			if o := at(c.t1 + 1); o >= 0 && ms[o].kind == graph.KindOrganization && !ms[o].fromTable {
				ms[o].country = c.name
				if t.isGeneric(ms[o].name) && t.demonym[c.name] != "" {
					ms[o].name = t.demonym[c.name] + " " + ms[o].name // "Ukrainian Air Force"
				}
			}
		}
		if o := t.bareOrgWordAt(ms, c.t1); o >= 0 {
			// "the US Navy", "the British Council": one organization word
			// after a country names that country's organization.
			ms[o].kind = graph.KindOrganization
		}
		if o := at(c.t1); o >= 0 && ms[o].kind == graph.KindOrganization {
			ms[o].country = c.name
			ms[o].t0, ms[o].start = c.t0, c.start
			if !ms[o].fromTable {
				ms[o].name = text[ms[o].start:ms[o].end]
			}
			continue
		}
		if c.form == formDemonym && !isPlural(toks[c.t1-1].lower) {
			if n, kind := t.institutionAt(toks, c.t1, s.t1); n > 0 {
				if kind == graph.KindCountry {
					c.government = true
					continue
				}
				end := toks[c.t1+n-1].end
				if !t.speaks(toks, c.t0, c.t1+n, s) {
					continue
				}
				extra = append(extra, mention{start: c.start, end: end, t0: c.t0, t1: c.t1 + n, kind: graph.KindOrganization,
					name: t.demonym[c.name] + " " + strings.ToLower(text[toks[c.t1].start:end]), country: c.name, parent: -1})
			}
		}
		if c.form == formName || c.form == formAlias {
			t.institutionOf(text, toks, s, c, &extra)
		}
	}
	// "X of (the) Y", right to left so that a country reaches the last
	// organization of a chain first.
	for k := len(ms) - 1; k >= 0; k-- {
		o := &ms[k]
		if o.kind != graph.KindOrganization {
			continue
		}
		next := o.t1
		if next+1 >= s.t1 || toks[next].lower != "of" {
			continue
		}
		next++
		if toks[next].lower == "the" {
			next++
		}
		p := at(next)
		switch {
		case p < 0:
		case ms[p].kind == graph.KindOrganization:
			o.parent = p
			if !o.fromTable && !strings.Contains(o.name, " ") && t.isGeneric(o.name) {
				// "Council of the EU": a one-word name says too little.
				o.t1, o.end = ms[p].t1, ms[p].end
				o.name = text[o.start:o.end]
			}
		case ms[p].kind == graph.KindCountry && (ms[p].form == formName || ms[p].form == formAlias):
			o.country = ms[p].name
			if !o.fromTable && t.isGeneric(o.name) {
				o.name += " of " + ms[p].name
				o.t1, o.end = ms[p].t1, ms[p].end
			}
		}
	}
	for k := range ms {
		m := &ms[k]
		if m.kind == graph.KindCountry {
			continue
		}
		if t.markerAt(toks, m.t1, s.t1, 1) || t.markerAt(toks, m.t0-1, s.t0-1, -1) {
			m.kind, m.outlet = graph.KindOrganization, true
		}
		// "Organization (ACRONYM)": the acronym is another name of it.
		if m.kind == graph.KindOrganization && m.t1+2 < s.t1 && toks[m.t1].text == "(" && toks[m.t1+2].text == ")" {
			for q := range ms {
				if ms[q].t0 != m.t1+1 || ms[q].t1 != m.t1+2 {
					continue
				}
				if ms[q].fromTable && !m.fromTable && ms[q].kind == graph.KindOrganization {
					// A known acronym names it: "Ukraine's Security Service
					// (SBU)" is the table's Security Service of Ukraine.
					m.name, m.outlet, m.fromTable = ms[q].name, ms[q].outlet, true
					continue
				}
				ms[q].kind, ms[q].name, ms[q].outlet, ms[q].fromTable = m.kind, m.name, m.outlet, m.fromTable
			}
		}
	}
	return append(ms, extra...)
}

// bareOrgWordAt returns the index of the mention that is one capitalized
// organization word ("Navy", "Council") at token tok and that nothing has
// typed yet, or -1.
func (t *tables) bareOrgWordAt(ms []mention, tok int) int {
	for k := range ms {
		if m := ms[k]; m.t0 == tok && m.t1 == tok+1 && m.kind == "" && !m.weak && t.orgSuffix[m.name] {
			return k
		}
	}
	return -1
}

// institutionAt returns the length and kind of a lower-case institution
// phrase ("intelligence", "armed forces", "government") at token k.
func (t *tables) institutionAt(toks []token, k, end int) (int, graph.Kind) {
	for n := 2; n >= 1; n-- {
		if k+n > end {
			continue
		}
		words := make([]string, n)
		for w := range words {
			if isCap(toks[k+w].text) {
				return 0, ""
			}
			words[w] = toks[k+w].lower
		}
		if kind, ok := t.institutions[strings.Join(words, " ")]; ok {
			return n, kind
		}
	}
	return 0, ""
}

// speaks reports whether the words [i, j) are the speaker of a speech
// verb: the verb follows, perhaps after an adverb or auxiliary ("South
// Korean intelligence earlier reported"), or "according to" precedes them.
// An institution written in lower case is an entity only when it speaks:
// "the Russian army" elsewhere is a description, not a name.
func (t *tables) speaks(toks []token, i, j int, s sentence) bool {
	if i-1 >= s.t0 && toks[i-1].lower == "citing" || i-2 >= s.t0 && toks[i-2].lower == "citing" && toks[i-1].lower == "the" {
		return true
	}
	if i-2 >= s.t0 && toks[i-2].lower == "according" && toks[i-1].lower == "to" {
		return true
	}
	if i-3 >= s.t0 && toks[i-3].lower == "according" && toks[i-2].lower == "to" && toks[i-1].lower == "the" {
		return true
	}
	for k := j; k < s.t1 && k < j+3; k++ {
		if cue, ok := t.cues[toks[k].lower]; ok && cue != "according to" && cue != "statement" {
			return true
		}
		if !strings.HasPrefix(toks[k].tag, "RB") && toks[k].lower != "has" && toks[k].lower != "have" && toks[k].lower != "had" {
			return false
		}
	}
	return false
}

// institutionOf adds "the intelligence of Ukraine" as the organization
// "Ukrainian intelligence" when c is the country after "of" and the
// institution speaks.
func (t *tables) institutionOf(text string, toks []token, s sentence, c *mention, extra *[]mention) {
	k := c.t0 - 1
	if k >= s.t0 && toks[k].lower == "the" {
		k--
	}
	if k-1 < s.t0 || toks[k].lower != "of" || t.demonym[c.name] == "" {
		return
	}
	for n := 2; n >= 1; n-- {
		a := k - n
		if a < s.t0 {
			continue
		}
		if got, kind := t.institutionAt(toks, a, k); got == n && kind == graph.KindOrganization && t.speaks(toks, a, c.t1, s) {
			*extra = append(*extra, mention{start: toks[a].start, end: c.end, t0: a, t1: c.t1, kind: graph.KindOrganization,
				name: t.demonym[c.name] + " " + strings.ToLower(text[toks[a].start:toks[k-1].end]), country: c.name, parent: -1})
			return
		}
	}
}

// markerAt reports whether an outlet marker ("agency", "news agency")
// begins at token k and reads in direction dir (1 after a name, -1 before
// it), staying before limit.
func (t *tables) markerAt(toks []token, k, limit, dir int) bool {
	var words []string
	for n := 0; n < 2; n++ {
		i := k + n*dir
		if (dir > 0 && i >= limit) || (dir < 0 && i <= limit) || isCap(toks[i].text) && toks[i].text != "TV" {
			return false
		}
		if dir > 0 {
			words = append(words, toks[i].lower)
		} else {
			words = append([]string{toks[i].lower}, words...)
		}
		if t.outletMarker[strings.Join(words, " ")] {
			return true
		}
	}
	return false
}

// isGeneric reports whether an organization's name says only what it does
// ("Ministry of Defense", "Security Service"), so that the country it
// belongs to must be part of its name.
func (t *tables) isGeneric(name string) bool {
	words := 0
	for _, w := range strings.Fields(name) {
		if w == "of" || w == "the" || w == "and" {
			continue
		}
		if !t.generic[w] {
			return false
		}
		words++
	}
	return words <= 3
}

func isPlural(w string) bool { return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") }

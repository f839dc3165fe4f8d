// Mention finding: table forms first (countries, outlets, organizations,
// places), then runs of capitalized words, classified by the rules of
// names.go, organizations.go, countries.go, outlets.go and sport.go, then
// joined within each sentence (combine).

package extract

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entitygraph/entitygraph/extract/ner"
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
	// learned is the kind the name tagger gives a lone word that resolve
	// decides: its last resort (see learnedMentions).
	learned graph.Kind
	// runLearned is the tagger's kind of a run of several words that it
	// read with too little margin to override the rules (see
	// learnedMentions): resolve reads it only beside a verb of saying.
	runLearned graph.Kind
	// inName marks a country's name that begins a company's name
	// ("Taiwan Semiconductor Manufacturing Co"): it names no country.
	inName bool
	ent    int // entity index, set by resolve; -1 when dropped
}

// findMentions finds the mentions of every sentence, in sentence order.
func (d *document) findMentions() {
	d.consumed = make([]bool, len(d.toks))
	d.sport = make([]bool, len(d.sents))
	d.credit = -1
	for si, s := range d.sents {
		d.sport[si] = d.aboutSport(s)
		if credit := d.dateline(s); credit >= 0 && d.credit < 0 {
			d.credit = credit
		}
		// "Austen, Jane. Pride and Prejudice": before the tables, which
		// would read "London, Jack." as a capital.
		inv := d.invertedNames(s)
		for _, m := range inv {
			for k := m.t0; k < m.t1; k++ {
				d.consumed[k] = true
			}
		}
		ms := append(d.gazetteer(s), inv...)
		switch {
		case d.shouting(si):
		case d.namer == ModelOnly:
			ms = append(ms, d.learnedOnly(s)...)
		default:
			ms = append(ms, d.nameSpans(s)...)
		}
		slices.SortFunc(ms, func(a, b mention) int { return a.t0 - b.t0 })
		ms = d.commaLegalForms(s, ms)
		ms = d.campuses(s, ms)
		ms = d.combine(s, ms)
		for k := range ms {
			if ms[k].parent >= 0 {
				ms[k].parent += len(d.ms)
			}
		}
		d.ms = append(d.ms, ms...)
	}
}

// commaLegalForms makes a legal form written after a comma part of the
// mention of the company before it, not a name of its own ("Halden Capital,
// LLC" named an organization "LLC"; "Brenmark Systems, Inc."); the
// company's name leaves it out, as it does "Boeing Co".
func (d *document) commaLegalForms(s sentence, ms []mention) []mention {
	out := ms[:0]
	drop := -1
	for _, m := range ms {
		if m.t0 == drop {
			continue
		}
		if (m.kind == graph.KindOrganization || m.kind == "") && m.t1+1 < s.t1 && d.toks[m.t1].text == "," && legalForms[d.toks[m.t1+1].text] {
			drop = m.t1 + 1
			m.kind, m.weak = graph.KindOrganization, false
			d.consumed[drop] = true
		}
		out = append(out, m)
	}
	return out
}

// campuses makes a university's campus part of its name: "the University
// of Texas at Austin", "the University of California, Berkeley said" (a
// place after "at", or one or two capitalized words in commas or before
// what follows in lower case); the campus was a place or a person of its
// own.
func (d *document) campuses(s sentence, ms []mention) []mention {
	out := ms[:0]
	drop := -1
	for _, m := range ms {
		if m.t0 < drop {
			continue
		}
		if m.kind == graph.KindOrganization && m.t1-m.t0 >= 3 && d.toks[m.t0].text == "University" && d.toks[m.t0+1].lower == "of" && m.t1+1 < s.t1 &&
			(d.toks[m.t1].lower == "at" || d.toks[m.t1].text == ",") {
			e := m.t1 + 1
			for e < s.t1 && e < m.t1+4 && isCap(d.toks[e].text) && !d.t.stop[d.toks[e].lower] && !weekdays[d.toks[e].lower] {
				e++
			}
			if n := e - m.t1 - 1; n >= 1 && n <= 2 && e < s.t1 && !isCap(d.toks[e].text) && d.toks[e].text != "'s" && d.toks[e].text != "’s" &&
				(d.toks[m.t1].lower == "at" || d.campusInCommas(m, e, s)) {
				m.t1, m.end = e, d.toks[e-1].end
				m.name = d.text[m.start:m.end]
				for k := m.t1; k < e; k++ {
					d.consumed[k] = true
				}
				drop = e
			}
		}
		out = append(out, m)
	}
	return out
}

// campusInCommas reports whether the capitalized words after the comma
// that ends the university's mention m, up to token e, name its campus: a
// verb follows them, perhaps after another comma ("the University of
// California, Berkeley said"), they start with no given name ("…, Tom
// Hale said") and no phrase that a preposition starts opens the sentence
// with the university ("At the University of Michigan, Hale said").
func (d *document) campusInCommas(m mention, e int, s sentence) bool {
	if e < s.t1 && d.toks[e].text == "," {
		e++
	}
	if e >= s.t1 || !strings.HasPrefix(d.toks[e].tag, "VB") || d.t.isGiven(d.toks[m.t1+1].text) {
		return false
	}
	if d.toks[s.t0].tag != "IN" {
		return true
	}
	for k := s.t0 + 1; k < m.t0; k++ {
		if strings.HasPrefix(d.toks[k].tag, "VB") {
			return true
		}
	}
	return false
}

// givenMonth reports whether token i is a month's abbreviation that is
// also a given name, written without a period before a capitalized word
// that is no number, month or function word, in a sentence that the tagger
// reads a person in there: "led by Jan Hatzius".
func (d *document) givenMonth(i int, s sentence) bool {
	w := d.toks[i].text
	if !months[strings.ToLower(w)] || !d.t.isGiven(w) || i+1 >= s.t1 || d.learned == nil {
		return false
	}
	n := d.toks[i+1]
	return isCap(n.text) && isWord(n.text) && !d.t.stop[n.lower] && !months[n.lower] &&
		d.learned.labels[i] == ner.Begin(ner.PER) && d.learned.labels[i+1] == ner.Inside(ner.PER)
}

// shouting reports whether sentence si stands in a paragraph written in
// capitals ("EUROPEAN SHARES FALL AS BANKS SLIDE", "ASIAN CUP RESULTS"): a
// headline or section label, whose capitals say nothing of names. Only the
// tables find names there.
func (d *document) shouting(si int) bool {
	words := 0
	for _, s := range d.sents {
		if s.para != d.sents[si].para {
			continue
		}
		for k := s.t0; k < s.t1; k++ {
			w := d.toks[k].text
			if strings.ToUpper(w) != w {
				return false
			}
			if strings.ToLower(w) != w {
				words++
			}
		}
	}
	return words >= 2
}

// gazetteer marks the longest table forms in sentence s, left to right.
func (d *document) gazetteer(s sentence) []mention {
	var ms []mention
	for i := s.t0; i < s.t1; {
		// "Iran-backed", "U.S.-led": a table's name before a hyphen and a
		// participle names what it names, in its own bytes.
		// It speaks no more than a demonym does ("a US-led coalition
		// said"), and a capital where something is ("Seoul-based") names
		// no government.
		if e, size, ok := d.hyphenGaz(i); ok && !d.consumed[i] {
			d.consumed[i] = true
			if e.kind != gazPlace && !(e.form == formSeat && whereWords[strings.ToLower(d.toks[i].text[size+1:])]) {
				m := mention{start: d.toks[i].start, end: d.toks[i].start + size, t0: i, t1: i + 1, name: e.name,
					fromTable: true, form: e.form, outlet: e.kind == gazOutlet, parent: -1, kind: graph.KindOrganization}
				if e.kind == gazCountry {
					m.kind, m.form = graph.KindCountry, formDemonym
				}
				ms = append(ms, m)
			}
			i++
			continue
		}
		e, n, ok := d.matchGaz(i, s)
		if !ok {
			e, n, ok = d.shoutedCredit(i, s)
		}
		if !ok || d.consumed[i] {
			i++
			continue
		}
		// "The Times of Israel reported": a longer name after "The" wins
		// over one that holds it ("The Times", then the country Israel
		// speaking).
		if d.toks[i].lower == "the" && !d.consumed[i+1] {
			if e2, n2, ok2 := d.matchGaz(i+1, s); ok2 && n2 > n-1 {
				e, n = e2, n2
				i++
			}
		}
		// "U.N. Security Council": an organization's abbreviation right
		// before another known organization is part of its name.
		if e.kind == gazOrg && n == 1 && i+1 < s.t1 && !d.consumed[i+1] {
			if w := d.toks[i].text; isAcronym(w) || isAcronym(strings.ReplaceAll(w, ".", "")) && strings.Contains(w, ".") {
				if e2, n2, ok := d.matchGaz(i+1, s); ok && e2.kind == gazOrg {
					e, n = e2, n+n2
				}
			}
		}
		// "National Security Council": a known organization's name of
		// several words after a capitalized word of no table, inside a
		// sentence, is the end of a longer name, which the rules read.
		// So is one word of the tables that is itself an organization word
		// ("National Congress for Democracy", "State Senate").
		if e.kind == gazOrg && (n > 1 || d.t.orgSuffix[d.toks[i].text]) && i-1 > s.t0 && !d.consumed[i-1] && isCap(d.toks[i-1].text) && !d.t.stop[d.toks[i-1].lower] && !isAcronym(d.toks[i-1].text) {
			i++
			continue
		}
		// "the Federal Reserve Bank of New York", "the European Union
		// Council of Ministers": a known organization's name before an
		// organization word and "of" with a capitalized word starts the
		// name of another body, which the rules read.
		if e.kind == gazOrg && i+n+2 < s.t1 && !d.consumed[i+n] && d.t.orgSuffix[d.toks[i+n].text] && !legalForms[d.toks[i+n].text] &&
			d.toks[i+n+1].lower == "of" && isCap(d.toks[i+n+2].text) {
			i++
			continue
		}
		// "the Senate Foreign Relations Committee", "Congress Budget
		// Office": a one-word body of the tables that is itself an
		// organization word, before capitalized words that an organization
		// word ends, starts the name of one of its own bodies, which the
		// rules read.
		if e.kind == gazOrg && n == 1 && d.t.orgSuffix[d.toks[i].text] && d.bodyOfBody(i+1, s) {
			i++
			continue
		}
		// "Iran's Guardian Council", "the Palestine Liberation
		// Organization", "the Thomson Reuters Foundation": an outlet's name
		// before an organization word (not one of outlets, nor a legal
		// form) starts the name of another organization, which the rules
		// read.
		if e.kind == gazOutlet && i+n < s.t1 && !d.consumed[i+n] && d.t.orgSuffix[d.toks[i+n].text] &&
			!d.t.outletSuffix[d.toks[i+n].text] && !legalForms[d.toks[i+n].text] {
			i++
			continue
		}
		// "Boeing Co", "Siemens AG": a known company's legal form is part of
		// its mention, not of its name; so are the words of its full name
		// before one ("Toyota Motor Corp", "Samsung Electronics Co Ltd").
		if (e.kind == gazOrg || e.kind == gazOutlet) && i+n < s.t1 && !d.consumed[i+n] && legalForms[d.toks[i+n].text] {
			n++
		} else if (e.kind == gazOrg || e.kind == gazOutlet) && i+n+1 < s.t1 && !d.consumed[i+n] && !d.consumed[i+n+1] && d.toks[i+n].text == "&" && legalForms[d.toks[i+n+1].text] {
			n += 2 // "JPMorgan Chase & Co"
		} else if e.kind == gazOrg {
			for m := i + n; m < s.t1 && m < i+n+3 && !d.consumed[m] && isCap(d.toks[m].text) && !d.t.stop[d.toks[m].lower]; m++ {
				if legalForms[d.toks[m].text] {
					for m+1 < s.t1 && !d.consumed[m+1] && legalForms[d.toks[m+1].text] {
						m++ // "Co Ltd"
					}
					n = m + 1 - i
					break
				}
			}
		}
		// "Siemens Energy", "Shell Energy CEO Jane Roe": a known company's
		// name and a word that says what it does name a company of its
		// own, as written (but "EU Energy Commissioner" is a title).
		if e.kind == gazOrg && n == 1 && !isAcronym(d.toks[i].text) && i+1 < s.t1 && !d.consumed[i+1] &&
			isCap(d.toks[i+1].text) && !d.t.stop[d.toks[i+1].lower] && (d.t.isGeneric(d.toks[i+1].text) || d.t.orgSuffix[d.toks[i+1].text]) &&
			(i+2 >= s.t1 || !isCap(d.toks[i+2].text) || legalForms[d.toks[i+2].text] || corporateTitles[d.toks[i+2].lower]) {
			d.consumed[i], d.consumed[i+1] = true, true
			ms = append(ms, mention{start: d.toks[i].start, end: d.toks[i+1].end, t0: i, t1: i + 2, name: d.text[d.toks[i].start:d.toks[i+1].end],
				fromTable: true, parent: -1, kind: graph.KindOrganization})
			i += 2
			continue
		}
		// "Deputy Attorney General Lisa Monaco": a country's one-word name
		// after a known given name inside a sentence is a family name, as
		// the tables' common names are ("Michael Jordan").
		if e.kind == gazCountry && e.form == formName && n == 1 && i-1 > s.t0 && !d.consumed[i-1] && isCap(d.toks[i-1].text) && !d.t.stop[d.toks[i-1].lower] && d.t.isGiven(d.toks[i-1].text) &&
			(i+1 >= s.t1 || !isCap(d.toks[i+1].text)) {
			i++
			continue
		}
		// "University of London", "University of Paris": a capital after an
		// organization word and "of" is part of the name, no country.
		if (e.kind == gazPlace || e.kind == gazCountry && e.form == formSeat) && (d.placeInTeam(i, i+n, s) || d.placeOfOrg(i, s)) {
			i += n
			continue
		}
		// "Bank of the Philippine Islands", "Federation of Korean
		// Industries", "Institute for Palestinian Studies": so is a
		// demonym after "of" or "for" there that a capitalized word
		// follows, or "and" with another such demonym ("Centre for Irish
		// and Scottish Studies"); the name is an organization's, not the
		// country's.
		if e.kind == gazCountry && e.form == formDemonym && d.demonymOfOrg(i, s) {
			if end := d.demonymInName(i+n, s); end > 0 {
				i = end
				continue
			}
		}
		for k := i; k < i+n; k++ {
			d.consumed[k] = true
		}
		if e.kind != gazPlace {
			m := mention{start: d.toks[i].start, end: d.toks[i+n-1].end, t0: i, t1: i + n, name: e.name,
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
func (d *document) matchGaz(i int, s sentence) (gazEntry, int, bool) {
	if !d.t.gazFirst[d.toks[i].lower] {
		return gazEntry{}, 0, false
	}
	for n := min(d.t.gazMax, s.t1-i); n >= 1; n-- {
		words := make([]string, n)
		for k := range words {
			words[k] = d.toks[i+k].lower
		}
		for _, e := range d.t.gaz[strings.Join(words, " ")] {
			if e.exact && !sameWords(d.toks[i:i+n], e.words) {
				continue
			}
			if e.common && e.form != formDemonym && !d.standalone(i, i+n, s) {
				continue
			}
			if e.form == formSeat && d.locativeBefore(i, s) {
				return gazEntry{kind: gazPlace}, n, true
			}
			return e, n, true
		}
	}
	return gazEntry{}, 0, false
}

// shoutedOutlet returns the outlet whose name the words in capitals from
// token i write ("REUTERS", "ASSOCIATED PRESS"), and its length in tokens.
// Outlets otherwise match only as written, since several are common words
// ("TIME TO ACT" names no magazine).
func (d *document) shoutedOutlet(i int, s sentence) (gazEntry, int, bool) {
	caps := 0
	for caps < min(d.t.gazMax, s.t1-i) && shouted(d.toks[i+caps].text) {
		caps++
	}
	for n := caps; n >= 1; n-- {
		words := make([]string, n)
		for k := range words {
			words[k] = d.toks[i+k].lower
		}
		for _, e := range d.t.gaz[strings.Join(words, " ")] {
			if e.kind == gazOutlet {
				return e, n, true
			}
		}
	}
	return gazEntry{}, 0, false
}

// shoutedCredit returns the outlet an outlet's name in capitals credits
// in brackets ("(REUTERS)") or before a photographer's name
// ("REUTERS/Jason Reed"), and its length in tokens.
func (d *document) shoutedCredit(i int, s sentence) (gazEntry, int, bool) {
	e, n, ok := d.shoutedOutlet(i, s)
	if !ok || i+n >= s.t1 {
		return gazEntry{}, 0, false
	}
	if d.toks[i+n].text == "/" || i > s.t0 && d.toks[i-1].text == "(" && d.toks[i+n].text == ")" {
		return e, n, true
	}
	return gazEntry{}, 0, false
}

// hyphenAdjectives end the words that make a name before them an
// adjective: "Seoul-based", "Iran-backed", "US-led".
var hyphenAdjectives = map[string]bool{"based": true, "backed": true, "led": true, "born": true, "owned": true,
	"run": true, "made": true, "linked": true, "allied": true, "funded": true, "controlled": true, "held": true,
	"occupied": true, "aligned": true, "sponsored": true, "supported": true, "affiliated": true, "brokered": true,
	"headquartered": true, "registered": true, "listed": true, "flagged": true, "friendly": true, "style": true,
	"era": true, "bound": true, "imposed": true, "installed": true, "appointed": true}

// whereWords are the hyphenAdjectives that say where something is or
// comes from, not who acts: "Seoul-based", "Paris-born".
var whereWords = map[string]bool{"based": true, "born": true, "headquartered": true, "registered": true,
	"listed": true, "bound": true, "style": true, "era": true, "made": true, "flagged": true}

// hyphenAdjective reports whether w is a name made an adjective by a
// hyphen and a word of hyphenAdjectives ("Seoul-based"), and returns the
// name's length in bytes.
func hyphenAdjective(w string) (int, bool) {
	k := strings.LastIndexByte(w, '-')
	if k <= 0 || !hyphenAdjectives[strings.ToLower(w[k+1:])] || !isCap(w[:k]) {
		return 0, false
	}
	return k, true
}

// hyphenGaz returns the table entry of the name before the hyphen of a
// hyphenAdjective at token i, and the name's length in bytes.
func (d *document) hyphenGaz(i int) (gazEntry, int, bool) {
	w := d.toks[i].text
	k, ok := hyphenAdjective(w)
	if !ok {
		return gazEntry{}, 0, false
	}
	for _, e := range d.t.gaz[strings.ToLower(w[:k])] {
		if len(e.words) != 1 || e.exact && e.words[0] != w[:k] {
			continue
		}
		return e, k, true
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
func (d *document) standalone(i, j int, s sentence) bool {
	if j < s.t1 && isCap(d.toks[j].text) && !d.t.stop[d.toks[j].lower] {
		return false
	}
	return i == s.t0 || !isCap(d.toks[i-1].text) || d.t.stop[d.toks[i-1].lower]
}

func (d *document) locativeBefore(i int, s sentence) bool {
	k := i - 1
	if k >= s.t0 && d.toks[k].lower == "the" {
		k--
	}
	return k >= s.t0 && d.t.locative[d.toks[k].lower]
}

// placeOfOrg reports whether the place at token i ends an organization's
// name after "of" ("University of Michigan", "Bank of Nevada"): the word
// before "of" ends organization names.
func (d *document) placeOfOrg(i int, s sentence) bool {
	k := i - 1
	if k > s.t0 && d.toks[k].lower == "the" {
		k--
	}
	return k > s.t0 && d.toks[k].lower == "of" && d.t.orgSuffix[d.toks[k-1].text] && !d.consumed[k-1]
}

// placeAfterOf reports whether a place of several words that a stop word
// starts ("New York", "New Delhi") begins at token k after "of" (w): it
// goes on with an organization's name ("Federal Reserve Bank of New York").
func (d *document) placeAfterOf(w string, k int, s sentence) bool {
	if w != "of" {
		return false
	}
	e, n, ok := d.matchGaz(k, s)
	return ok && n >= 2 && (e.kind == gazPlace || e.kind == gazCountry)
}

// bodyOfBody reports whether one to four capitalized words from token j
// that no table took, and no more, end with an organization word ("Armed
// Services Committee" after "Senate"); not a title ("Senate Majority
// Leader").
func (d *document) bodyOfBody(j int, s sentence) bool {
	k := j
	for k < s.t1 && k < j+4 && !d.consumed[k] && isCap(d.toks[k].text) && !d.t.stop[d.toks[k].lower] {
		k++
	}
	return k > j && (k >= s.t1 || !isCap(d.toks[k].text)) && d.t.orgSuffix[d.toks[k-1].text]
}

// demonymOfOrg reports whether the demonym at token i follows an
// organization word and "of" or "for" (perhaps with "the"): "Federation of
// Korean Industries", "Center for American Progress".
func (d *document) demonymOfOrg(i int, s sentence) bool {
	k := i - 1
	if k > s.t0 && d.toks[k].lower == "the" {
		k--
	}
	return k > s.t0 && (d.toks[k].lower == "of" || d.toks[k].lower == "for") && d.t.orgSuffix[d.toks[k-1].text] && !d.consumed[k-1]
}

// demonymInName returns, for a demonym of an organization's name ending
// before token j, where the demonyms of that name end when a capitalized
// word goes on with it ("Korean Industries"), perhaps after "and" and
// another demonym or capitalized words ("Irish and Scottish Studies");
// else 0.
func (d *document) demonymInName(j int, s sentence) int {
	capAt := func(k int) bool {
		return k < s.t1 && !d.consumed[k] && isCap(d.toks[k].text) && !d.t.stop[d.toks[k].lower]
	}
	if capAt(j) {
		return j
	}
	if j+1 < s.t1 && d.toks[j].lower == "and" && !d.consumed[j+1] {
		if e, n, ok := d.matchGaz(j+1, s); ok && e.kind == gazCountry && e.form == formDemonym && capAt(j+1+n) {
			return j + 1 + n
		}
		if capAt(j+1) && capAt(j+2) {
			return j + 1 // "Scottish Studies": no table's demonym, read by the rules
		}
	}
	return 0
}

// nameInnerWords are prepositions that, capitalized, go on with a name.
var nameInnerWords = map[string]bool{"Without": true, "Against": true}

// weekdays end a name: a headline's date may follow it on its line.
var weekdays = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true}

// epithets follow "the" in rulers' names.
var epithets = map[string]bool{"Great": true, "Younger": true, "Elder": true, "Terrible": true, "Conqueror": true,
	"Wise": true, "Bold": true, "Magnificent": true, "Pious": true, "Fair": true, "Confessor": true, "Lionheart": true}

// peoplePlurals name groups of people whose possessive is part of names
// ("People's Liberation Army", "Workers' Party").
var peoplePlurals = map[string]bool{"People": true, "Peoples": true, "Workers": true, "Women": true, "Children": true,
	"Citizens": true, "Farmers": true, "Veterans": true, "Soldiers": true, "Students": true}

// closers are function words that no name goes on with, even written
// with a capital (a caption run into its text, a title in capitals).
var closers = map[string]bool{"in": true, "on": true, "at": true, "but": true, "or": true, "if": true,
	"when": true, "while": true, "after": true, "as": true, "the": true, "he": true, "she": true, "they": true,
	"we": true, "his": true, "her": true, "their": true, "with": true, "by": true, "from": true, "to": true}

// partyMembers name a member of a party, not the party ("a Kentucky
// Republican"; the party is "Republican Party" or "the Democrats"). Kept
// here rather than in data/non_entity.txt, whose words are features of the
// name tagger: one edit there asks for a retraining that moves every
// figure by up to 0.04.
var partyMembers = map[string]bool{"Republican": true, "Democrat": true}

// partyPlurals end the names of parties named by their members ("the
// Christian Democrats", "the Swedish Greens"), whatever the words before.
var partyPlurals = map[string]bool{"Democrats": true, "Republicans": true, "Socialists": true, "Liberals": true,
	"Conservatives": true, "Greens": true, "Communists": true, "Nationalists": true}

// connectors may join the words of one name ("Ministry of Defense",
// "Ursula von der Leyen").
var connectors = map[string]bool{"of": true, "de": true, "von": true, "van": true, "der": true, "den": true,
	"bin": true, "al": true, "da": true, "del": true, "du": true, "la": true, "le": true, "&": true}

// nameSpans finds runs of capitalized words not taken by the tables and
// classifies each (see classifySpan).
func (d *document) nameSpans(s sentence) []mention {
	initial := s.t0
	if isDoubleQuote([]rune(d.toks[s.t0].text)[0]) {
		initial++
	}
	// capNext reports whether token k is a capitalized word that may go on
	// a name.
	capNext := func(k int) bool {
		return k < s.t1 && !d.consumed[k] && isCap(d.toks[k].text) && !d.t.stop[d.toks[k].lower] && !fileOrAddress(d.toks[k].text)
	}
	sport := d.inSport(s.t0)
	var ms []mention
	for i := s.t0; i < s.t1; i++ {
		tok := d.toks[i]
		if d.consumed[i] || !isCap(tok.text) && !particleStart(tok.text) || fileOrAddress(tok.text) {
			continue
		}
		if _, ok := hyphenAdjective(tok.text); ok {
			continue // "the Seoul-based Zentrix"
		}
		// A stop word starts no name, except an acronym before one ("AI
		// Safety Institute").
		// Nor does a month's abbreviation, unless written without its
		// period as a given name before a family name ("Jan Hatzius", not
		// "Jan. 5" or "Jan 5").
		if d.t.stop[tok.lower] && !(isAcronym(tok.text) && capNext(i+1)) && !d.newOrg(i, s) && !d.givenMonth(i, s) {
			continue
		}
		// A capital at the start of a sentence only says a sentence starts,
		// unless the tagger calls the word a proper noun or a name goes on
		// after it ("Goldman Sachs said").
		// A sentence-initial word the tagger reads as a function word
		// ("Despite Bobick winning", "Apparently Hitzig's") is no part
		// of the name after it.
		// Nor does a participle (but "Acting" of a title, and one the
		// document capitalizes inside a sentence too: "Bowling Green") or
		// an instruction that opens it ("Having DNA-suitable material",
		// "See Christopher Herrold", "Visit Lake Bled").
		// "Shares of Lockheed Martin rose": what has shares is the name
		// after "of" or "in".
		if i == initial && (tok.lower == "shares" || tok.lower == "stake") && i+1 < s.t1 && (d.toks[i+1].lower == "of" || d.toks[i+1].lower == "in") {
			continue
		}
		if i == initial && (functionTag(tok.tag) || tok.tag == "VBG" && strings.HasSuffix(tok.lower, "ing") && !titleModifiers[tok.lower] && !d.capitalizedInside(tok.text) || instructions[tok.lower]) && capNext(i+1) {
			continue
		}
		if i == initial && tok.tag != "NNP" && tok.tag != "NNPS" && !capNext(i+1) && !d.tableRow(i, i+1) && !(i+2 < s.t1 && nameInnerWords[d.toks[i+1].text] && capNext(i+2)) {
			// It may still be a surname already known ("Yoon told
			// reporters"): resolve decides.
			if !d.t.stop[tok.lower] && isWord(tok.text) {
				ms = append(ms, mention{start: tok.start, end: tok.end, t0: i, t1: i + 1, name: tok.text, parent: -1, weak: true, sport: sport})
			}
			continue
		}
		if name, ok := usPartyMembers[tok.text]; ok && (i+1 >= s.t1 || !capNext(i+1)) && (i == s.t0 || !isCap(d.toks[i-1].text) || i == initial) {
			// "Democrats vowed to fight it", "Republicans and Democrats":
			// the party its members speak for.
			ms = append(ms, mention{start: tok.start, end: tok.end, t0: i, t1: i + 1, kind: graph.KindOrganization, name: name, parent: -1, sport: sport})
			continue
		}
		if partyAdjectives[tok.text] && i+1 < s.t1 && d.toks[i+1].text == "party" {
			// "the Republican party", "the Labour party": the party, named
			// as its name is written with a capital.
			ms = append(ms, mention{start: tok.start, end: d.toks[i+1].end, t0: i, t1: i + 2, kind: graph.KindOrganization,
				name: tok.text + " Party", parent: -1, sport: sport})
			i++
			continue
		}
		j, joined := d.spanEnd(i, s)
		nick := [2]int{}
		if !joined {
			j, nick = d.nickname(i, j, s)
		}
		// A number before a unit's name is part of it: "the 47th
		// Mechanized Brigade", "65 Air Division".
		if i > s.t0 && !d.consumed[i-1] && ordinal(d.toks[i-1].text) && d.t.orgSuffix[d.toks[j-1].text] {
			i--
		}
		if d.t.orgSuffix[d.toks[j-1].text] || joined {
			i = d.placeBefore(i, s)
		}
		// "(Okonkwo & Haldane, 2011)": two authors cited, not a firm
		// ("Procter & Gamble"); resolve reads each (see citation).
		if j == i+3 && d.toks[i+1].text == "&" && d.yearAfter(j) {
			for _, k := range []int{i, i + 2} {
				ms = append(ms, mention{start: d.toks[k].start, end: d.toks[k].end, t0: k, t1: k + 1, name: d.toks[k].text, parent: -1, sport: sport})
			}
			i = j - 1
			continue
		}
		if d.aboard(i) {
			i = j - 1
			continue
		}
		var cls []mention
		if joined {
			cls = []mention{d.orgMention(d.titleOfOrg(i, j), j)}
		} else {
			cls = d.classifySpan(i, j)
		}
		if d.learned != nil {
			cls = d.learnedMentions(s, i, j, joined, cls)
		}
		// "Texas Instruments", "New York Yankees": a place the tables know
		// right before an organization's name, or a name resolve decides,
		// is part of it.
		if p := d.placeBefore(i, s); p < i {
			for k := range cls {
				if c := &cls[k]; c.t0 == i && !c.weak && (c.kind == graph.KindOrganization || c.kind == "") {
					c.t0, c.start = p, d.toks[p].start
					c.name = d.text[c.start:c.end]
				}
			}
		}
		for k := range cls {
			if c := &cls[k]; nick[1] > 0 && c.t0 < nick[0] && c.t1 > nick[1] {
				// The nickname is part of the mention, not of the name.
				c.name = d.text[c.start:d.toks[nick[0]-1].end] + " " + d.text[d.toks[nick[1]].start:c.end]
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

// capitalizedInside reports whether the document writes the word w, with
// its capital, somewhere other than at a sentence's start.
func (d *document) capitalizedInside(w string) bool {
	for k, t := range d.toks {
		if t.text == w && k > 0 && d.toks[k-1].sent == t.sent && !isDoubleQuote(firstRune(d.toks[k-1].text)) {
			return true
		}
	}
	return false
}

// instructions are the verbs that open a sentence telling the reader to
// do something with a name ("See Christopher Herrold", "Visit Lake Bled").
var instructions = map[string]bool{"see": true, "visit": true, "contact": true, "try": true, "ask": true, "call": true,
	"email": true, "e-mail": true, "follow": true, "watch": true, "read": true}

// fileOrAddress reports whether a token is a file's name or an e-mail
// address ("CrudeStocks.pdf", "Jane.Roe@example.com"), which name no
// person or organization however they are capitalized.
func fileOrAddress(w string) bool {
	if at := strings.IndexByte(w, '@'); at > 0 && strings.Contains(w[at:], ".") {
		return true
	}
	dot := strings.LastIndexByte(w, '.')
	return dot > 0 && fileExtensions[strings.ToLower(w[dot+1:])]
}

// fileExtensions are the endings of the files mail and web text attach.
var fileExtensions = map[string]bool{"pdf": true, "doc": true, "docx": true, "xls": true, "xlsx": true, "ppt": true, "pptx": true,
	"txt": true, "csv": true, "jpg": true, "jpeg": true, "png": true, "gif": true, "zip": true, "htm": true, "html": true}

// usPartyMembers are the plurals of the members of the two US parties,
// written alone, and the parties they stand for.
var usPartyMembers = map[string]string{"Democrats": "Democratic Party", "Republicans": "Republican Party"}

// partyAdjectives name a party with "party" after them in lower case ("the
// Republican party" is the Republican Party); a name ("the Fidesz party")
// is the party's name alone.
var partyAdjectives = map[string]bool{"Republican": true, "Democratic": true, "Labour": true, "Labor": true, "Conservative": true,
	"Liberal": true, "Communist": true, "Socialist": true, "Green": true}

// newOrg reports whether "New", an ordinal or a number at token i starts
// the name of an organization that an organization word ends ("New
// Democratic Party", "New People's Party", "First Republic Bank", "Two Door
// Cinema Club"); elsewhere it is a stop word ("New rules", "First, the
// bank").
func (d *document) newOrg(i int, s sentence) bool {
	if !orgStarts[d.toks[i].text] || i+1 >= s.t1 || !isCap(d.toks[i+1].text) {
		return false
	}
	j, _ := d.spanEnd(i, s)
	return j > i+1 && d.t.orgSuffix[d.toks[j-1].text]
}

// forTopic reports whether the capitalized words [i, j), two or more
// inside a sentence, and "for" with the words up to e name a body by what
// it works for ("Carnegie Endowment for International Peace"): the last
// word is one of bodyTopics or forTopics.
func (d *document) forTopic(i, j, e int, s sentence) bool {
	return j-i >= 2 && i > s.t0 && (bodyTopics[d.toks[e-1].text] || forTopics[d.toks[e-1].text])
}

// forTopics end what a body works for after "for" ("Endowment for
// International Peace", "Foundation for Democracy").
var forTopics = map[string]bool{"Peace": true, "Democracy": true, "Justice": true, "Freedom": true, "Progress": true,
	"Research": true, "Security": true, "Education": true}

// bodyTopics end what the name of a council, committee or conference says
// it deals with after "on" ("Council on Foreign Relations", "Commission on
// Human Rights").
var bodyTopics = map[string]bool{"Relations": true, "Affairs": true, "Rights": true, "Disarmament": true,
	"Priorities": true, "Studies": true, "Policy": true, "Cooperation": true, "Development": true, "Change": true,
	"Trade": true, "Tariffs": true, "Intelligence": true, "Appropriations": true, "Women": true, "Aging": true, "Ageing": true}

// schoolDistrict reports whether the capitalized words ending before token
// j end with "School District", the body that runs a district's schools.
func (d *document) schoolDistrict(j int) bool {
	return j >= 2 && d.toks[j-1].text == "District" && d.toks[j-2].text == "School"
}

// orgStarts are the stop words that may start an organization's name.
var orgStarts = map[string]bool{"New": true, "First": true, "Second": true, "Third": true, "One": true, "Two": true,
	"Three": true, "Four": true, "Five": true, "Six": true, "Seven": true, "Eight": true, "Nine": true, "Ten": true}

// yearAfter reports whether a citation's year comes at token j, perhaps
// after a comma or in brackets.
func (d *document) yearAfter(j int) bool {
	for k := j; k < len(d.toks) && k <= j+1; k++ {
		if t := d.toks[k].text; citationYear(t) {
			return true
		} else if t != "," && t != "(" {
			return false
		}
	}
	return false
}

// placeBefore returns where a place the tables know ends right before
// token i ("New York" in "New York Stock Exchange", "West Virginia" in
// "West Virginia Normal School") starts, so that an organization's name
// keeps it; without one, i.
func (d *document) placeBefore(i int, s sentence) int {
	for n := min(d.t.gazMax, i-s.t0); n >= 1; n-- {
		if !d.consumed[i-n] || i-n > s.t0 && d.consumed[i-n-1] && isCap(d.toks[i-n-1].text) {
			continue
		}
		if e, got, ok := d.matchGaz(i-n, s); ok && got == n && e.kind == gazPlace {
			return i - n
		}
	}
	return i
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
func (d *document) spanEnd(i int, s sentence) (j int, joined bool) {
	sport := d.inSport(i)
	j = i + 1
	for j < s.t1 && !d.consumed[j] {
		// "Peter the Great", "Francisco de Montejo the Younger": an
		// epithet after "the" is part of a ruler's name.
		if d.toks[j].lower == "the" && j+1 < s.t1 && epithets[d.toks[j+1].text] && !d.consumed[j+1] {
			j += 2
			continue
		}
		if weekdays[d.toks[j].lower] || closers[d.toks[j].lower] && d.toks[j].text != "on" || d.creditAt(j) || fileOrAddress(d.toks[j].text) {
			// "Interview with Jane Roe Wednesday, May 7, 2014", "Elizabeth
			// Quat In the New Territories", "Jane Roe Image: John Doe".
			break
		}
		// "Reporters Without Borders", "Mothers Against Drunk Driving": a
		// preposition written with a capital inside a name goes on with it.
		if nameInnerWords[d.toks[j].text] && j+1 < s.t1 && !d.consumed[j+1] && isCap(d.toks[j+1].text) && !d.t.stop[d.toks[j+1].lower] {
			j += 2
			continue
		}
		if isCap(d.toks[j].text) || isParticleName(d.toks[j].text) {
			j++
			continue
		}
		// "Korean People's Army", "New People's Party": a plural of
		// people in the possessive goes on with the name.
		if t := d.toks[j].text; (t == "'s" || t == "’s" || t == "'" || t == "’") && peoplePlurals[d.toks[j-1].text] && j+1 < s.t1 && !d.consumed[j+1] && isCap(d.toks[j+1].text) {
			j += 2
			continue
		}
		w := d.toks[j].lower
		if !connectors[w] && w != "for" && w != "and" && w != "on" {
			break
		}
		k := j + 1
		if k < s.t1 && d.toks[k].lower == "the" && w != "and" {
			k++
		}
		// Two particles: "Ursula von der Leyen", "Rafael van der Vaart".
		if k < s.t1 && particles[w] && particles[d.toks[k].lower] {
			k++
		}
		if k >= s.t1 || d.consumed[k] || !isCap(d.toks[k].text) || d.t.stop[d.toks[k].lower] && !d.placeAfterOf(w, k, s) {
			break
		}
		if connectors[w] {
			j = k + 1
			continue
		}
		e := k + 1
		for e < s.t1 && !d.consumed[e] && (isCap(d.toks[e].text) || connectors[d.toks[e].lower] && e+1 < s.t1 && !d.consumed[e+1] && isCap(d.toks[e+1].text)) {
			e++
		}
		// "Department of Physics and Astronomy", "Center for Science and
		// Culture": after an organization word and "of" or "for", "and"
		// with a word or two goes on with the name.
		andOf := w == "and" && e-k <= 2 && d.orgWordOf(i, j) && !d.hasOrgWord(k, e) && !d.t.given[d.toks[k].text]
		// "Council on Foreign Relations", "Conference on Disarmament": "on"
		// and what a body deals with, not "the Senate on Monday" or "the
		// Security Council on Ukraine".
		if w == "on" {
			if !(d.t.orgSuffix[d.toks[j-1].text] || d.toks[j-1].text == "Conference") || !bodyTopics[d.toks[e-1].text] {
				break
			}
		} else if !andOf && !(w == "for" && (d.t.orgSuffix[d.toks[j-1].text] || d.forTopic(i, j, e, s))) && !d.t.orgSuffix[d.toks[e-1].text] {
			break
		}
		// Two names that each end with an organization word are two
		// organizations: "the Dallas Morning News and Houston Post", "the
		// Swiss Super League for FC Basel".
		// So are a full name with an organization word before "of" and one
		// of three words or more ending with one: "the Massachusetts
		// Institute of Technology and Colorado State University" (not "the
		// Department of Health and Human Services").
		// So are an acronym and a name of two words or more ending with one:
		// "SKL and Northgate Airlines" (not "Food and Drug Administration").
		if w == "and" && (d.t.orgSuffix[d.toks[j-1].text] || d.orgWordOf(i, j) && e-k >= 3 && d.t.orgSuffix[d.toks[e-1].text] ||
			j == i+1 && len(d.toks[i].text) >= 3 && isAcronym(d.toks[i].text) && e-k >= 2) ||
			w == "for" && (d.hasOrgWord(k, e) || sport && plural(d.toks[e-1].text)) {
			break
		}
		j, joined = e, true
	}
	return j, joined
}

// classifySpan turns the capitalized words [i, j) into mentions: an
// organization (or a chain "X of the Y" of them) when a part ends with an
// organization word, nothing for places and events, a
// person for two to five words left after any title that look like a
// person's name (see looksPersonal), an organization for other runs of
// words, an acronym organization, or an unresolved single word.
func (d *document) classifySpan(i, j int) []mention {
	sport := d.inSport(i)
	// "Jenny Seaton & Gary Carvolth": two persons named in full, not a
	// firm ("Procter & Gamble" names one word each side).
	for a := i + 2; a+1 < j; a++ {
		if d.toks[a].text == "&" && d.looksPersonal(i, a) && d.t.given[d.toks[a+1].text] && a+2 < j {
			return append(d.classifySpan(i, a), d.classifySpan(a+1, j)...)
		}
	}
	// "the Refugee Council Enver Solomon", "Governor of Washington Chris
	// Gregoire": an organization or an office, then a person's name.
	// "NASA Bill Ingalls" (a photo credit): an acronym, then a name.
	if p := d.personTail(i, j); p > i && (d.t.orgSuffix[d.toks[p-1].text] || d.officeOf(i, p) || p == i+1 && isAcronym(d.toks[i].text) && len(d.toks[i].text) > 2) {
		out := []mention{{start: d.toks[p].start, end: d.toks[j-1].end, t0: p, t1: j, kind: graph.KindPerson, parent: -1, personHint: true,
			name: d.text[d.toks[p].start:d.toks[j-1].end]}}
		if !d.officeOf(i, p) {
			out = append(d.classifySpan(i, p), out...)
		}
		return out
	}
	// "the Museum of Flight CEO Doug King", "Nippon Steel Chief Executive
	// Eiji Hashimoto": two words or more that no title starts, a title,
	// then a person's name of two or three words. (One word before a
	// title is as often an adjective: "Former", "Democratic"; and before
	// a minister, secretary or commissioner, a portfolio: "Internal Market
	// Commissioner".)
	for k := i + 2; k+2 < j; k++ {
		n := d.roleAt(k, j)
		if n == 0 || j-k-n < 2 || j-k-n > 3 || portfolioTitles[d.toks[k+n-1].lower] || titleModifiers[d.toks[k-1].lower] || d.hasOrgWord(k+n, j) || d.looksPersonal(i, k) || d.titleFrom(i, k, j) {
			continue
		}
		p := mention{start: d.toks[k+n].start, end: d.toks[j-1].end, t0: k + n, t1: j, kind: graph.KindPerson, parent: -1, personHint: true}
		p.name = d.text[p.start:p.end]
		head := d.classifySpan(i, k)
		if len(head) == 1 && head[0].kind == "" {
			head[0].kind = graph.KindOrganization // what a title is of
		}
		return append(head, p)
	}
	// "the Johnson Space Center", "the Al-Ghaza Hotel": a place people go
	// to, unless it speaks.
	if d.facility(i, j) || j == i+1 && d.facilityAcronym(i) || j > i+1 && d.onlyInitials(i, j) || d.marketIndex(j) {
		return nil
	}
	if rest := d.titleOfOrg(i, j); rest > i {
		return d.classifySpan(rest, j)
	}
	// "[former] Museum of Flight CEO", "the Zentrix spokesman": a corporate
	// title after an organization's name, without a name after it, is no
	// part of it.
	if j-i >= 2 && corporateTitles[d.toks[j-1].lower] && !titleModifiers[d.toks[j-2].lower] && !d.t.orgSuffix[d.toks[j-1].text] {
		return d.classifySpan(i, j-1)
	}
	// A name in quotation marks of its own is a title ("Gloomy Sunday"),
	// and one that starts with a model code a product ("F-16 Fighting
	// Falcon").
	if i > 0 && j < len(d.toks) && isDoubleQuote(firstRune(d.toks[i-1].text)) && isDoubleQuote(firstRune(d.toks[j].text)) || modelCode(d.toks[i].text) {
		return nil
	}
	// Leading titles go first, so that the "of" of a title does not split
	// the name: "Secretary of State Antony Blinken". A title followed by
	// "of" names an office ("Minister of Defense"), not a person.
	from := i
	if first := d.splitOf(i, j)[0]; !d.t.orgSuffix[d.toks[first[1]-1].text] {
		for from < j {
			n := d.roleAt(from, j)
			if n == 0 && from+1 < j && titlePrefixes[d.toks[from].lower] && d.roleAt(from+1, j) > 0 {
				n = 1 // "Vice Chairman Li Na"
			}
			if n == 0 {
				break
			}
			from += n
		}
		// "Major League Baseball": after a title, an organization word
		// says the title was the first word of an organization's name.
		if from < j && (connectors[d.toks[from].lower] || d.t.orgSuffix[d.toks[from].text]) {
			from = i
		}
		if from == j && j-i == 1 {
			// A title alone may be a family name: "King" after "Angus
			// King". Resolve keeps it only as such.
			return []mention{{start: d.toks[i].start, end: d.toks[i].end, t0: i, t1: j, name: d.toks[i].text, parent: -1, surnameOnly: true}}
		}
		if from == j {
			return nil
		}
	}
	// A title in lower case before the name counts too: "regional governor
	// Veniamin Kondratyev", "UBS chairman Colm Kelleher".
	// Not when a noun follows it: "the former House speaker", "former
	// Labour leader" name what the role is of, not a person.
	roleAfter := j < len(d.toks) && d.toks[j].sent == d.toks[i].sent && !isCap(d.toks[j].text) && strings.HasPrefix(d.toks[j].tag, "NN")
	hint := from > i || i > 0 && !isCap(d.toks[i-1].text) && d.roleAt(i-1, i) == 1 && !roleAfter || d.honorificBefore(i)
	parts := d.splitOf(from, j)
	if d.t.orgSuffix[d.toks[parts[0][1]-1].text] && j-from > 1 {
		var orgs []mention
		for _, p := range parts {
			if len(orgs) == 0 || d.t.orgSuffix[d.toks[p[1]-1].text] {
				orgs = append(orgs, mention{t0: p[0], kind: graph.KindOrganization, parent: -1,
					outlet: d.outletName(p[0], p[1])})
			}
			orgs[len(orgs)-1].t1 = p[1]
		}
		for k := range orgs {
			o := &orgs[k]
			o.start, o.end = d.toks[o.t0].start, d.toks[o.t1-1].end
			o.name = d.orgMention(o.t0, o.t1).name
			o.chainNext = k+1 < len(orgs)
		}
		return orgs
	}
	if len(parts) > 1 && (hint || d.looksPersonal(parts[0][0], parts[0][1])) && parts[0][1]-parts[0][0] > 1 && !d.t.orgSuffix[d.toks[parts[0][1]-1].text] {
		// "Andrii Yusov of the Main Intelligence Directorate": a person,
		// then what they belong to.
		p := mention{start: d.toks[from].start, end: d.toks[parts[0][1]-1].end, t0: from, t1: parts[0][1], kind: graph.KindPerson, parent: -1, personHint: hint}
		p.name = d.text[p.start:p.end]
		return append([]mention{p}, d.classifySpan(parts[1][0], j)...)
	}
	if (d.t.orgSuffix[d.toks[j-1].text] || legalForms[d.toks[j-1].text] || d.schoolDistrict(j)) && j-from > 1 {
		// "Joint Chiefs of Staff": one organization named by its last part;
		// "Glencore International AG", "Xstrata Plc": by a legal form;
		// "Irving Independent School District", a body, though a district
		// is a place.
		return []mention{d.orgMention(from, j)}
	}
	if d.toks[j-1].text == "Magazine" && j-from > 1 && !hint {
		// "Slate Magazine", "Rolling Stone Magazine": an outlet, named
		// without the word, as "Boeing Co" is Boeing.
		m := d.orgMention(from, j)
		m.outlet, m.name = true, d.text[m.start:d.toks[j-2].end]
		return []mention{m}
	}
	last := j - 1
	if last > from && romanNumeral(d.toks[last].text) {
		last-- // "World War II"
	}
	if sport && j-from > 1 && len(parts) == 1 && !d.looksPersonal(from, j) && !hint && d.teamName(from, j) {
		return []mention{d.orgMention(from, j)}
	}
	if sport && len(parts) == 2 && !hint && d.t.teamPlural(d.toks[parts[0][1]-1].text) && !d.looksPersonal(from, parts[0][1]) {
		// "the Riverside Hawks of the Northern League": a team, then the
		// league it plays in.
		return []mention{d.orgMention(from, parts[0][1]), d.orgMention(parts[1][0], j)}
	}
	if j-from > 1 && romanceOrgs[d.toks[from].text] {
		// "Universidad Nacional de Educación", "Banco de España": an
		// organization, whatever particles it has.
		return []mention{d.orgMention(from, j)}
	}
	if len(parts) > 1 || d.t.nonEntity[d.toks[last].text] || partyMembers[d.toks[last].text] || d.t.nonEntityAt[d.toks[from].text] && j-from > 1 ||
		notNames(d.toks[from].text, d.toks[last].text) && j-from > 1 {
		return nil // "Bay of Bengal", "Duke of Edinburgh", "Black Sea", "Lake Chad", "a Kentucky Republican"
	}
	// Titles inside: keep what follows the last one ("Kyiv Mayor Vitali
	// Klitschko"); an acronym before it is an organization ("CDC Director
	// General Jean Kaseya"), and so is a word that the tagger reads as one
	// ("Zentrix Chief Executive Mark Ellison").
	var out []mention
	for k := from; k < j; k++ {
		if n := d.roleAt(k, j); n > 0 && k+n < j && !d.t.orgSuffix[d.toks[k+n].text] {
			if k == from+1 && (isAcronym(d.toks[from].text) || corporateTitles[d.toks[k+n-1].lower] && d.companyBeforeTitle(from)) {
				out = append(out, d.orgMention(from, k))
			}
			from, hint = k+n, true
			k += n - 1
		}
	}
	n := j - from
	if n == 0 || n > 6 || n-d.countConnectors(from, j) > 4 {
		return out
	}
	m := mention{t0: from, t1: j, parent: -1, personHint: hint}
	m.start, m.end = d.toks[from].start, d.toks[j-1].end
	m.name = d.text[m.start:m.end]
	switch {
	case n > 1 && !hint && from > 0 && !isCap(d.toks[from-1].text) && d.t.orgNoun[d.toks[from-1].lower]:
		// "the metal band Jesse Rivers", "the retailer Harold Benton": a
		// noun for an organization names what follows, whatever its shape.
		m.kind = graph.KindOrganization
	case n > 1 && !hint && sport && d.resultSide(from, j):
		m.kind = graph.KindOrganization // "Crystal Palace drew 1-1 with Everton"
	case !hint && (d.tableRow(from, j) || d.inlineResult(from, j)):
		m.kind = graph.KindOrganization // "Juventus 2 Bologna 1"
	case n > 1 && !hint && partyPlurals[d.toks[j-1].text]:
		m.kind = graph.KindOrganization // "Christian Democrats"
	case n > 1 && (hint || d.looksPersonal(from, j)):
		m.kind = graph.KindPerson
	case n > 1 && d.orgEvidence(from, j):
		m.kind = graph.KindOrganization
	case isAcronym(d.toks[from].text) && len(d.toks[from].text) > 2 && !romanNumeral(d.toks[from].text) && !hint:
		// Not after a title: there a word in capitals is a name ("JUSTICE
		// SCALIA:"), which resolve types. Two capitals are too often something else ("KO", "CD"): resolve
		// decides them as it decides other single words.
		m.kind = graph.KindOrganization
	}
	return append(out, m)
}

// companyBeforeTitle reports whether the word at token k, before a title
// and a name, names what the title is of ("Zentrix Chief Executive Mark
// Ellison"): no word that modifies titles ("Former", "Acting",
// "Democratic"), no given name.
func (d *document) companyBeforeTitle(k int) bool {
	w := d.toks[k]
	return isWord(w.text) && !titleModifiers[w.lower] && !d.t.given[w.text] && !d.t.stop[w.lower] && !strings.HasSuffix(w.lower, "ly") &&
		!d.t.isGeneric(w.text) && !d.t.orgSuffix[w.text]
}

// corporateTitles end the titles that a company's name goes before
// ("Zentrix Chief Executive", "Zentrix CEO"), unlike a portfolio's
// ("Finance Minister") or a desk's ("Foreign Editor").
var corporateTitles = map[string]bool{"ceo": true, "executive": true, "chairman": true, "chairwoman": true,
	"founder": true, "co-founder": true, "cofounder": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "cfo": true, "coo": true, "cto": true, "economist": true, "analyst": true, "strategist": true}

// titleModifiers are words that go before a title without naming what it
// is of.
var titleModifiers = map[string]bool{"former": true, "acting": true, "deputy": true, "vice": true, "senior": true,
	"interim": true, "assistant": true, "associate": true, "chief": true, "executive": true, "general": true,
	"retired": true, "late": true, "then": true, "incoming": true, "outgoing": true, "current": true, "shadow": true,
	"junior": true, "principal": true, "special": true, "lead": true, "top": true, "ex": true, "co": true,
	"joint": true, "first": true, "second": true, "new": true, "democratic": true, "republican": true,
	"independent": true, "labour": true, "conservative": true, "liberal": true, "green": true, "socialist": true,
	"communist": true, "state": true, "federal": true, "national": true, "regional": true, "provincial": true,
	"county": true, "city": true, "municipal": true, "royal": true, "honorary": true, "emeritus": true,
	"founding": true, "managing": true, "supreme": true, "prime": true, "grand": true, "high": true, "head": true,
	"party": true, "team": true, "club": true, "company": true, "group": true, "union": true, "opposition": true,
	"majority": true, "minority": true}

// titlePrefixes make a title of the title after them ("Vice Chairman",
// "Deputy Governor", "Acting Director").
var titlePrefixes = map[string]bool{"vice": true, "deputy": true, "acting": true, "interim": true, "assistant": true,
	"associate": true, "senior": true, "co": true, "former": true, "executive": true}

// honorifics name a person after them, written with a period or, as
// British and Australian copy writes them, without ("Ms Holloway said").
var honorifics = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "miss": true, "mx": true}

// honorificBefore reports whether an honorific stands right before token
// i in its sentence.
func (d *document) honorificBefore(i int) bool {
	return i > 0 && d.toks[i-1].sent == d.toks[i].sent && isCap(d.toks[i-1].text) && honorifics[strings.TrimSuffix(d.toks[i-1].lower, ".")]
}

// buildings end the names of buildings and monuments ("Shah Mosque",
// "Tommy Solomon Statue"), places rather than organizations or persons.
// Kept here rather than in data/non_entity.txt, whose words are features of
// the name tagger (an edit there asks for a retraining).
var buildings = map[string]bool{"Mosque": true, "Cathedral": true, "Temple": true, "Castle": true,
	"Statue": true, "Monument": true, "Memorial": true, "Abbey": true, "Basilica": true, "Chapel": true,
	"Shrine": true, "Synagogue": true, "Fortress": true, "Mausoleum": true}

// romancePlaces begin the names of places and buildings in Spanish,
// Portuguese, French and Italian ("Catedral de San Ildefonso", "Palacio
// del Gobierno", "Terre de Haut"), whose particles are not a person's.
var romancePlaces = map[string]bool{"Catedral": true, "Palacio": true, "Palais": true, "Plaza": true, "Praça": true,
	"Piazza": true, "Calle": true, "Rue": true, "Avenida": true, "Porte": true, "Terre": true, "Isla": true,
	"Puerto": true, "Castillo": true, "Iglesia": true, "Igreja": true, "Église": true, "Chiesa": true,
	"Parque": true, "Estadio": true, "Estádio": true, "Place": true, "Pont": true, "Puente": true, "Monte": true,
	"Lago": true, "Río": true, "Rio": true, "Villa": true, "Castello": true, "Palazzo": true, "Basilique": true}

// romanceOrgs begin the names of organizations in those languages
// ("Universidade da Coruña", "Banco de España", "Partido Popular").
var romanceOrgs = map[string]bool{"Universidad": true, "Universidade": true, "Université": true, "Universitat": true,
	"Università": true, "Instituto": true, "Institut": true, "Istituto": true, "Banco": true, "Banque": true,
	"Banca": true, "Ministerio": true, "Ministério": true, "Ministère": true, "Ministero": true, "Partido": true,
	"Parti": true, "Partito": true, "Museo": true, "Musée": true, "Museu": true, "Teatro": true, "Théâtre": true,
	"Colegio": true, "Escuela": true, "Escola": true, "École": true, "Compagnie": true, "Société": true,
	"Compañía": true, "Companhia": true, "Fundación": true, "Fundação": true, "Fondation": true, "Fondazione": true,
	"Consejo": true, "Conseil": true, "Tribunal": true, "Corte": true, "Assemblée": true, "Asamblea": true}

// notNames reports whether a run of several words that begins with first
// and ends with last names a building or a place (see buildings and
// romancePlaces).
func notNames(first, last string) bool { return buildings[last] || romancePlaces[first] }

// titleOfOrg returns where the organization starts in the capitalized
// words [i, j) when they begin with a title or an award of it ("President
// of the Linguistic Society of America", "Lifetime Achievement Award of the
// Association for Computational Linguistics"), which is no part of its
// name; otherwise i. The organization is named in two words or more, the
// first part of them ending with an organization word ("Chairman of the
// Board" is left as it was).
func (d *document) titleOfOrg(i, j int) int {
	parts := d.splitOf(i, j)
	if len(parts) < 2 || parts[1][0] <= parts[0][1]+1 {
		return i
	}
	p, rest := parts[0], parts[1][0]
	title := d.roleAt(p[0], p[1]) == p[1]-p[0] || p[1] == p[0]+1 && d.t.roles[strings.TrimSuffix(d.toks[p[0]].lower, "s")]
	if (title || d.t.nonEntity[d.toks[p[1]-1].text]) && j-rest >= 2 && d.t.orgSuffix[d.toks[d.splitOf(rest, j)[0][1]-1].text] {
		return rest
	}
	return i
}

// facilities end the names of places that people visit, stay or work in
// ("the Al-Ghaza Hotel", "Century City Towers", "the Orbiter Processing
// Facility"), as buildings do; and facilityCenters, before "Center" or
// "Centre", make one of a center ("Kennedy Space Center", "Metro Toronto
// Convention Centre"), not of a body that studies or acts ("Pew Research
// Center", "National Hurricane Center").
var (
	facilities = map[string]bool{"Hotel": true, "Towers": true, "Factory": true, "Facility": true, "Arena": true,
		"Mall": true, "Terminal": true}
	facilityCenters = map[string]bool{"Space": true, "Convention": true, "Science": true, "Art": true, "Arts": true,
		"Community": true, "Visitor": true, "Visitors": true, "Shopping": true, "Civic": true, "Trade": true,
		"Exhibition": true, "Conference": true, "Sports": true, "Town": true, "City": true, "Events": true, "Leisure": true}
)

// facility reports whether the capitalized words [i, j) name a facility
// (see facilities) that does not speak: "the Kennedy Space Center said"
// is the body that runs it.
func (d *document) facility(i, j int) bool {
	if j-i < 2 {
		return false
	}
	last := d.toks[j-1].text
	if h := strings.LastIndexByte(last, '-'); h > 0 && strings.Trim(last[h+1:], "0123456789") == "" {
		last = last[:h] // "Orbiter Processing Facility-1"
	}
	if !facilities[last] && !((last == "Center" || last == "Centre") && facilityCenters[d.toks[j-2].text]) {
		return false
	}
	return !d.besideCue(mention{t0: i, t1: j, start: d.toks[i].start, end: d.toks[j-1].end})
}

// marketIndex reports whether the name ending before token j is a stock
// market's index, which the word after it says ("the Hang Seng index
// rose", "the Kospi average"): no person or organization.
func (d *document) marketIndex(j int) bool {
	return j < len(d.toks) && (d.toks[j].text == "index" || d.toks[j].text == "indices" || d.toks[j].text == "indexes" || d.toks[j].text == "average")
}

// aboard reports whether the name starting at token i follows "aboard"
// (perhaps with "the"): a ship, a plane or a train ("aboard Air Force
// One", "aboard the USS Gerald R. Ford"), no person or organization.
func (d *document) aboard(i int) bool {
	k := i - 1
	if k >= 0 && d.toks[k].lower == "the" {
		k--
	}
	return k >= 0 && d.toks[k].lower == "aboard"
}

// facilityAcronym reports whether the word at token i is the initials of
// a facility that the document names with them in brackets ("the Johnson
// Space Center (JSC)", then "the JSC will receive"). The words in brackets
// are found in one reading of the document, and each word's answer is
// kept: reading the document for every acronym was quadratic.
func (d *document) facilityAcronym(i int) bool {
	w := d.toks[i].text
	if !isAcronym(w) || len(w) < 2 {
		return false
	}
	if d.bracketed == nil {
		d.bracketed, d.facilityInitials = map[string][]int{}, map[string]bool{}
		for k := 2; k+1 < len(d.toks); k++ {
			if d.toks[k-1].text == "(" && d.toks[k+1].text == ")" {
				d.bracketed[d.toks[k].text] = append(d.bracketed[d.toks[k].text], k)
			}
		}
	}
	if is, ok := d.facilityInitials[w]; ok {
		return is
	}
	is := slices.ContainsFunc(d.bracketed[w], func(k int) bool {
		e := k - 1
		if e < len(w) {
			return false
		}
		var initials strings.Builder
		for _, t := range d.toks[e-len(w) : e] {
			initials.WriteRune(firstRune(t.text))
		}
		return initials.String() == w && d.facility(e-len(w), e)
	})
	d.facilityInitials[w] = is
	return is
}

// portfolioTitles are the titles that a portfolio rather than an
// organization comes before ("Home Secretary", "Trade Commissioner",
// "National Security Adviser").
var portfolioTitles = map[string]bool{"minister": true, "secretary": true, "commissioner": true, "chancellor": true,
	"czar": true, "tsar": true, "envoy": true, "ambassador": true, "adviser": true, "advisor": true}

// titleFrom reports whether a title starts at one of the tokens [i, k)
// and runs up to end at most ("Prime" in "Former Prime Minister").
func (d *document) titleFrom(i, k, end int) bool {
	for m := i; m < k; m++ {
		if d.roleAt(m, end) > 0 {
			return true
		}
	}
	return false
}

func (d *document) countConnectors(i, j int) int {
	n := 0
	for k := i; k < j; k++ {
		if connectors[d.toks[k].lower] || isDoubleQuote(firstRune(d.toks[k].text)) {
			n++
		}
	}
	return n
}

// splitOf splits the tokens [i, j) at "of" and "of the" into parts.
func (d *document) splitOf(i, j int) [][2]int {
	var parts [][2]int
	a := i
	for k := i; k < j; k++ {
		if d.toks[k].lower != "of" {
			continue
		}
		parts = append(parts, [2]int{a, k})
		a = k + 1
		if a < j && d.toks[a].lower == "the" {
			a++
		}
		k = a - 1
	}
	return append(parts, [2]int{a, j})
}

// combine applies the rules that join neighbouring mentions of one
// sentence: demonym + organization ("Russian Defense Ministry"), demonym +
// institution ("South Korean intelligence"), institution of country ("the
// intelligence of Ukraine"), organization of organization or country,
// outlet markers ("the Ukrainian News agency"), and an acronym in brackets
// after an organization.
func (d *document) combine(s sentence, ms []mention) []mention {
	for k := range ms {
		if ms[k].chainNext {
			ms[k].parent = k + 1
		}
	}
	extra := d.countryJoins(s, ms)
	d.ofChains(s, ms)
	for k := range ms {
		if ms[k].kind == graph.KindCountry {
			continue
		}
		d.outletByMarker(s, &ms[k])
		d.bracketAcronym(s, ms, k)
	}
	return append(ms, extra...)
}

// startingAt returns the index of the typed mention of ms that starts at
// token tok, or -1.
func startingAt(ms []mention, tok int) int {
	for k := range ms {
		if ms[k].t0 == tok && ms[k].kind != "" {
			return k
		}
	}
	return -1
}

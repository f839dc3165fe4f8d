// Rules for organizations: the words and contexts that make a name an
// organization, "X of the Y" chains, acronyms, "the ministry" for a named
// one, and how an organization's mentions resolve.

package extract

import (
	"slices"
	"strings"
	"unicode"

	"github.com/entitygraph/entitygraph/graph"
)

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

// bodyNouns follow the name of a political body in lower case ("the
// Fidesz party"); unlike data/org_nouns.txt, whose nouns come before a
// name, "team" or "company" after a name is as often a person's ("the
// Trump team"), and "group" or "movement" after an adjective ("the
// Olympic movement", "a localist group").
var bodyNouns = map[string]bool{"party": true, "alliance": true, "bloc": true, "militia": true, "faction": true}

// legalForms are the words of a company's legal form that follow its name.
var legalForms = map[string]bool{"Co": true, "Co.": true, "Corp": true, "Corp.": true, "Inc": true, "Inc.": true,
	"Ltd": true, "Ltd.": true, "LLC": true, "PLC": true, "Plc": true, "plc": true, "AG": true, "SA": true, "NV": true,
	"SpA": true, "GmbH": true}

// orgWordOf reports whether an organization word followed by "of" or
// "for" is among the tokens [i, j).
func (d *document) orgWordOf(i, j int) bool {
	for k := i; k+1 < j; k++ {
		if d.t.orgSuffix[d.toks[k].text] && (d.toks[k+1].lower == "of" || d.toks[k+1].lower == "for") {
			return true
		}
	}
	return false
}

// hasOrgWord reports whether any of the tokens [i, j) is an organization
// word.
func (d *document) hasOrgWord(i, j int) bool {
	for k := i; k < j; k++ {
		if d.t.orgSuffix[d.toks[k].text] {
			return true
		}
	}
	return false
}

// orgEvidence reports whether the words around the capitalized words
// [i, j), which look like no person's name, say they name an organization:
// "the" before them ("the Receiving End of Sirens"), or a possessive after
// them ("Caloi's shares"). Other runs of capitalized words are as often
// places ("Cal Anderson Park"), works ("Gloomy Sunday") or events, so
// without such evidence the run is left to resolve, which makes it an
// organization only where the sentence treats it as one ("Goldman Sachs
// said", "analysts at Morgan Stanley").
func (d *document) orgEvidence(i, j int) bool {
	if i > 0 && d.toks[i-1].lower == "the" && d.toks[i-1].sent == d.toks[i].sent {
		return true
	}
	return j < len(d.toks) && (d.toks[j].text == "'s" || d.toks[j].text == "’s")
}

// isAcronym reports whether a word is written in capitals, two to six of
// them, as organizations abbreviate their names ("HUR", "IAEA"); words with
// digits name things ("H5N1", "COP28") more often than organizations.
func isAcronym(w string) bool {
	letters, ok := capitalLetters(w, "&")
	return ok && letters >= 2 && len(w) <= 6
}

// capitalLetters counts the capital letters of w; ok is false when w holds
// a rune that is neither one nor in allowed.
func capitalLetters(w, allowed string) (letters int, ok bool) {
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case strings.ContainsRune(allowed, r):
		default:
			return letters, false
		}
	}
	return letters, true
}

// bareOrgWordAt returns the index of the mention that is one capitalized
// organization word ("Navy", "Council") at token tok and that nothing has
// typed yet, or -1.
func (d *document) bareOrgWordAt(ms []mention, tok int) int {
	for k := range ms {
		if m := ms[k]; m.t0 == tok && m.t1 == tok+1 && m.kind == "" && !m.weak && d.t.orgSuffix[m.name] {
			return k
		}
	}
	return -1
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

// typeDefined makes every person or untyped mention of a name that the
// document defines as an organization one: "Acme is a Brazilian
// manufacturer of bicycles", "Harlan Price, a Boston-based company,". A
// family business then stays apart from the family ("Luigi Acme", "the
// Acme family").
//
// So does a company's context around a name of several words ("the
// defense firm Northrop Grumman", "shares of Lockheed Martin"): its other
// mentions in the document, which look like a person's name, name the
// company too, unless a title or an honorific says they are a person's.
func (d *document) typeDefined() {
	defined, company := map[string]bool{}, map[string]bool{}
	for _, m := range d.ms {
		if m.kind != graph.KindCountry && d.definesOrg(m.t1) {
			defined[strings.ToLower(d.text[m.start:m.end])] = true
		}
		if m.kind != graph.KindCountry && !m.personHint && m.t1-m.t0 >= 2 && d.companyContext(m) {
			company[strings.ToLower(d.text[m.start:m.end])] = true
		}
	}
	if len(defined) == 0 && len(company) == 0 {
		return
	}
	for i := range d.ms {
		m := &d.ms[i]
		// "the Acme family" still names people.
		family := m.t1 < len(d.toks) && d.toks[m.t1].lower == "family"
		name := strings.ToLower(d.text[m.start:m.end])
		if (m.kind == "" || m.kind == graph.KindPerson) && !family && (defined[name] || company[name] && !m.personHint) {
			m.kind, m.surnameOnly = graph.KindOrganization, false
		}
	}
}

// companyContext reports whether the words around a mention say it names a
// company: a noun for one before it ("the defense firm X"; not one that
// names people too: "his rival X", "producer X"), shares in it ("shares of
// X", "X shares fell") or an apposition with such a noun ("X, the
// Seoul-based chipmaker,").
func (d *document) companyContext(m mention) bool {
	if m.t0 >= 1 {
		if p := d.toks[m.t0-1]; !isCap(p.text) && d.t.orgNoun[p.lower] && !peopleOrgNouns[p.lower] {
			return true
		}
	}
	if m.t0 >= 2 && (d.toks[m.t0-1].lower == "in" || d.toks[m.t0-1].lower == "of") && (d.toks[m.t0-2].lower == "shares" || d.toks[m.t0-2].lower == "stake") {
		return true
	}
	if m.t1 < len(d.toks) && d.toks[m.t1].text == "shares" {
		return true
	}
	return d.orgApposition(m.t1)
}

// peopleOrgNouns are the nouns for an organization (org_nouns.txt) that name
// people as often ("his rival X", "producer X").
var peopleOrgNouns = map[string]bool{"rival": true, "producer": true, "developer": true, "operator": true, "maker": true}

// definesOrg reports whether the words from token k say that the name
// before them is an organization: "is a", "was an" or ", a", then up to
// four modifiers and an organization noun (org_nouns.txt) that ends the
// phrase ("is a rock band from", but not "is a band member").
func (d *document) definesOrg(k int) bool {
	return d.definesAs(k, d.t.orgNoun, false)
}

// definesAs reports whether the words from token k say what the name before
// them is: "is", "was" or a comma, "a" or "an" (or "the", with the), then up
// to four modifiers and one of nouns, in lower case, that ends the phrase.
func (d *document) definesAs(k int, nouns map[string]bool, the bool) bool {
	if k+2 >= len(d.toks) || d.toks[k].sent != d.toks[k+2].sent {
		return false
	}
	switch d.toks[k].lower {
	case "is", "was", ",":
	default:
		return false
	}
	if a := d.toks[k+1].lower; a != "a" && a != "an" && !(the && a == "the") {
		return false
	}
	for j := k + 2; j < len(d.toks) && j < k+7 && d.toks[j].sent == d.toks[k].sent; j++ {
		tok := d.toks[j]
		if !isCap(tok.text) && nouns[tok.lower] {
			return !strings.HasPrefix(d.tagAt(j+1), "NN")
		}
		switch {
		case strings.HasPrefix(tok.tag, "JJ"), strings.HasPrefix(tok.tag, "NN"), tok.tag == "VBN", tok.tag == "CD":
		default:
			return false
		}
	}
	return false
}

// org finds the organization mention i names: the same name or surface,
// the name without the country the text appended ("Ministry of Defense"
// for "Ministry of Defense of Ukraine"), or a longer name it begins.
func (d *document) org(i int) int {
	m := d.ms[i]
	if e, ok := d.byKey[key(m.kind, m.name)]; ok {
		return e
	}
	if !m.fromTable {
		words := strings.Fields(m.name)
		var same []int
		if len(words) >= 2 {
			same = d.orgsByFirstTwo[words[0]+" "+words[1]]
		}
		for _, e := range same {
			ew := strings.Fields(d.ents[e].name)
			if d.ents[e].kind == m.kind && len(words) >= 2 && len(words) < len(ew) && slices.Equal(words, ew[:len(words)]) {
				return e
			}
		}
	}
	e := d.entityFor(m.kind, m.name)
	if m.country != "" {
		if short, ok := strings.CutSuffix(m.name, " of "+m.country); ok {
			d.byKey[key(m.kind, short)] = e
		}
	}
	return e
}

// orgContext reports whether the words around a single capitalized word
// make it an organization: a noun before it ("ship-tracking firm Kpler"), a
// role after it ("TikTok spokesperson", "Gavi's chief executive"), a role
// and "at" or "of" before it ("economist at Macquarie"), a country owning it
// ("Norway's Equinor"), a capital inside it ("QatarEnergy"), or, in a
// sentence about sport, "the" before a plural ("the Falcons").
func (d *document) orgContext(m mention) bool {
	if camelCase(m.name) {
		return true
	}
	lower := func(k int) string {
		if k < 0 || k >= len(d.toks) || isCap(d.toks[k].text) {
			return ""
		}
		return d.toks[k].lower
	}
	if d.t.orgNoun[lower(m.t0-1)] {
		return true
	}
	// "Zentrix, the Seoul-based chipmaker, said": a noun for an
	// organization in an apposition after it, a few words after the
	// article.
	if d.orgApposition(m.t1) {
		return true
	}
	// "the Morena party": a political body named before its noun.
	if bodyNouns[lower(m.t1)] {
		return true
	}
	// "shares in Glaxo Wellcome", "Acme shares fell": what has shares is a
	// company.
	if m.t0 >= 2 && (d.toks[m.t0-1].lower == "in" || d.toks[m.t0-1].lower == "of") && (d.toks[m.t0-2].lower == "shares" || d.toks[m.t0-2].lower == "stake") ||
		lower(m.t1) == "shares" {
		return true
	}
	// "the Falcons won": in a sentence about sport, a plural after "the"
	// is a team; after a "The" capitalized inside a sentence ("toured with
	// The Ramones"), a band or a team in any sentence.
	if !strings.Contains(m.name, " ") && plural(m.name) && (m.sport && lower(m.t0-1) == "the" || d.capitalThe(m.t0-1)) {
		return true
	}
	after := m.t1
	if w := lower(after); w == "'s" || w == "’s" {
		after++
	}
	if lower(after) != "" && d.roleAt(after, len(d.toks)) > 0 {
		return true
	}
	// "Zentrix CEO Mark Ellison": a title in capitals, then a name.
	if n := d.roleAt(after, len(d.toks)); n > 0 && corporateTitles[d.toks[after+n-1].lower] && after+n < len(d.toks) && d.toks[after+n].sent == d.toks[m.t0].sent && isCap(d.toks[after+n].text) && d.companyBeforeTitle(m.t0) && m.t1-m.t0 == 1 {
		return true
	}
	if p := lower(m.t0 - 1); (p == "at" || p == "of") && lower(m.t0-2) != "" && d.roleAt(m.t0-2, m.t0-1) > 0 {
		return true
	}
	// "Norway's Equinor will", but not "Russia's Kursk region".
	if m.t0 >= 2 && (d.toks[m.t0-1].text == "'s" || d.toks[m.t0-1].text == "’s") && !strings.HasPrefix(d.tagAt(m.t1), "NN") {
		for _, i := range d.endsAt[m.t0-1] {
			if mi := d.ms[i]; mi.kind == graph.KindCountry && mi.form != formDemonym {
				return true
			}
		}
	}
	return false
}

// orgApposition reports whether an apposition that a noun for an
// organization ends starts at token k: ", the Seoul-based chipmaker,", ", a
// small software firm.".
func (d *document) orgApposition(k int) bool {
	if k+2 >= len(d.toks) || d.toks[k].text != "," {
		return false
	}
	switch d.toks[k+1].lower {
	case "the", "a", "an":
	default:
		return false
	}
	sent := d.toks[k].sent
	for n := k + 2; n < len(d.toks) && n <= k+6 && d.toks[n].sent == sent; n++ {
		w := d.toks[n]
		if isCap(w.text) && !strings.Contains(w.text, "-") && !d.consumed[n] {
			return false // a name, not a description ("the German carrier" is one)
		}
		if d.t.orgNoun[w.lower] {
			next := ""
			if n+1 < len(d.toks) {
				next = d.toks[n+1].text
			}
			return next == "," || next == "." || next == ";" || next == "that" || next == "which"
		}
		if w.text == "," || w.lower == "of" || w.lower == "and" {
			return false
		}
	}
	return false
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

// describedOrg returns the organization that "the <noun>" at token k
// stands for ("the ministry", "the company"): the last organization before
// it whose name ends with that noun, or, for a noun of org_nouns.txt, the
// last organization that is not an outlet; -1 when there is none.
func (d *document) describedOrg(k int) int { return d.describedOrgBefore(k, k) }

// describedOrgBefore is describedOrg for the noun at token k, looking for
// the organization before token before ("the U.N. agency": before the
// U.N.).
func (d *document) describedOrgBefore(k, before int) int {
	w := d.toks[k].lower
	generic := d.t.orgNoun[w]
	if !generic && !d.t.orgSuffix[strings.ToUpper(w[:1])+w[1:]] {
		return -1
	}
	fallback := -1
	for j := before - 1; j >= 0; j-- {
		m := d.outer[j]
		if m < 0 || d.ms[m].t1 != j+1 || d.ms[m].kind != graph.KindOrganization {
			continue
		}
		e := d.ms[m].ent
		if strings.HasSuffix(strings.ToLower(d.ents[e].name), " "+w) {
			return e
		}
		if generic && fallback < 0 && !d.ents[e].outlet {
			fallback = e
		}
	}
	return fallback
}

// orgMention returns the tokens [a, b) as an organization's mention,
// named without its legal forms; an outlet when outletName says so.
func (d *document) orgMention(a, b int) mention {
	// "Xstrata Plc", "Nissan Motor Co Ltd": the legal forms are part of
	// the mention, not of the name.
	e := b
	for e-1 > a && legalForms[d.toks[e-1].text] {
		e--
	}
	// "Merrill Lynch & Co" is Merrill Lynch.
	if e < b && e-1 > a && (d.toks[e-1].text == "&" || d.toks[e-1].lower == "and") {
		e--
	}
	return mention{start: d.toks[a].start, end: d.toks[b-1].end, t0: a, t1: b, kind: graph.KindOrganization,
		name: d.text[d.toks[a].start:d.toks[e-1].end], outlet: d.outletName(a, b), parent: -1}
}

// outletName reports whether the capitalized words [a, b) name a news
// outlet: the last is an outlet word ("Kyiv Post"), or any is a media word
// ("Australian Broadcasting Corporation", "Radio Free Europe").
func (d *document) outletName(a, b int) bool {
	if d.t.outletSuffix[d.toks[b-1].text] {
		return true
	}
	for k := a; k < b; k++ {
		if d.t.mediaWord[d.toks[k].text] {
			return true
		}
	}
	return false
}

// ofChains joins "X of (the) Y" in sentence s: an organization of an
// organization is part of it ("Council of the EU", PART_OF), and an
// organization of a country is based in it, a generic one named with it
// ("Ministry of Defense of Ukraine"), as is one the country's name follows
// right after "of" ("State Railway of Thailand").
func (d *document) ofChains(s sentence, ms []mention) {
	// Right to left, so that a country reaches the last
	// organization of a chain first.
	for k := len(ms) - 1; k >= 0; k-- {
		o := &ms[k]
		next := o.t1
		if next+1 >= s.t1 || d.toks[next].lower != "of" {
			continue
		}
		next++
		if d.toks[next].lower == "the" {
			next++
		}
		p := startingAt(ms, next)
		// "the Bank of France", "the Parliament of Georgia", "the Bank
		// of Korea": an organization word alone, then "of" and a
		// country's name (or another name of it spelled out), is an
		// organization named with it.
		if o.kind == "" && o.t1-o.t0 == 1 && d.t.orgSuffix[o.name] && next == o.t1+1 && p >= 0 && ms[p].kind == graph.KindCountry && (ms[p].form == formName || d.spelledAlias(ms[p])) {
			o.kind = graph.KindOrganization
			o.country = ms[p].name
			o.t1, o.end = ms[p].t1, ms[p].end
			o.name = d.text[o.start:o.end]
			continue
		}
		if o.kind != graph.KindOrganization {
			continue
		}
		switch {
		case p < 0:
		case ms[p].kind == graph.KindOrganization:
			o.parent = p
			if !o.fromTable && !strings.Contains(o.name, " ") && d.t.isGeneric(o.name) {
				// "Council of the EU": a one-word name says too little.
				o.t1, o.end = ms[p].t1, ms[p].end
				o.name = d.text[o.start:o.end]
			}
		case ms[p].kind == graph.KindCountry && (ms[p].form == formName || ms[p].form == formAlias):
			o.country = ms[p].name
			if !o.fromTable && d.t.isGeneric(o.name) {
				// "Supreme Court of the United States" keeps the "the"
				// that the country's name takes, as written; "the Russian
				// Federation" gives Russia, which takes none.
				of := " of "
				if next > o.t1+1 && ms[p].form == formName {
					of = " of the "
				}
				o.name += of + ms[p].name
				o.t1, o.end = ms[p].t1, ms[p].end
			} else if !o.fromTable && next == o.t1+1 && (ms[p].form == formName || d.spelledAlias(ms[p])) {
				// "State Railway of Thailand", "Linguistic Society of
				// America": the country written right after "of" ends the
				// name.
				o.name = d.text[o.start:ms[p].end]
				o.t1, o.end = ms[p].t1, ms[p].end
			}
		}
	}
}

// nameConnectors are the lower-case words inside an organization's name
// that its initials may leave out.
var nameConnectors = map[string]bool{"of": true, "for": true, "and": true, "in": true, "on": true, "the": true, "&": true, "de": true}

// acronymExtends makes the organization m end where the acronym in
// brackets after it says its name ends: "the Organisation for Security and
// Cooperation in Europe (OSCE)" was cut at "in", a place after it; up to
// four more words, capitalized or connectors, whose capitals complete the
// initials.
func (d *document) acronymExtends(s sentence, m *mention) {
	p := m.t1
	for p < s.t1 && p < m.t1+4 && d.toks[p].text != "(" && (isCap(d.toks[p].text) || nameConnectors[d.toks[p].lower]) {
		p++
	}
	if p == m.t1 || p+2 >= s.t1 || d.toks[p].text != "(" || d.toks[p+2].text != ")" || !isCap(d.toks[p-1].text) {
		return
	}
	acr := d.toks[p+1].text
	if !isAcronym(acr) {
		return
	}
	var caps strings.Builder
	for _, t := range d.toks[m.t0:p] {
		if r := firstRune(t.text); unicode.IsUpper(r) {
			caps.WriteRune(r)
		}
	}
	if caps.String() != acr {
		return
	}
	m.t1, m.end = p, d.toks[p-1].end
	m.name = d.text[m.start:m.end]
}

// acronymStarts makes the organization ms[k] start where the acronym in
// brackets after it says its name starts: "Nippon Telegraph and Telephone
// Corp (NTT)" was three names, two of them words of the tables; up to six
// capitalized words or connectors before it whose capitals, with its own
// (less its legal forms), spell the acronym. The mentions those words
// made name nothing more.
func (d *document) acronymStarts(s sentence, ms []mention, k int) {
	m := &ms[k]
	p := m.t1
	if p+2 >= s.t1 || d.toks[p].text != "(" || d.toks[p+2].text != ")" || !isAcronym(d.toks[p+1].text) {
		return
	}
	acr := d.toks[p+1].text
	capitals := func(a, b int) string {
		var c strings.Builder
		for _, t := range d.toks[a:b] {
			if r := firstRune(t.text); unicode.IsUpper(r) && !legalForms[t.text] {
				c.WriteRune(r)
			}
		}
		return c.String()
	}
	own := capitals(m.t0, m.t1)
	if own == acr || !strings.HasSuffix(acr, own) {
		return
	}
	a := m.t0
	for a > s.t0 && a > m.t0-6 && (isCap(d.toks[a-1].text) || nameConnectors[d.toks[a-1].lower] && d.toks[a-1].lower != "the") {
		a--
		if isCap(d.toks[a].text) && capitals(a, m.t1) == acr {
			break
		}
	}
	if a == m.t0 || !isCap(d.toks[a].text) || capitals(a, m.t1) != acr {
		return
	}
	for q := range ms {
		if q != k && ms[q].t0 >= a && ms[q].t1 <= m.t0 {
			ms[q].kind, ms[q].surnameOnly, ms[q].fromTable, ms[q].outlet, ms[q].learned, ms[q].runLearned = "", true, false, false, "", ""
		}
	}
	e := m.t1
	for e-1 > m.t0 && legalForms[d.toks[e-1].text] {
		e--
	}
	m.t0, m.start = a, d.toks[a].start
	m.name = d.text[m.start:d.toks[e-1].end]
}

// spelledAlias reports whether the country mention m is another name of
// its country spelled out ("America", "Britain"), not an abbreviation
// ("U.S.", "UK").
func (d *document) spelledAlias(m mention) bool {
	w := d.text[m.start:m.end]
	return m.form == formAlias && !isAcronym(w) && !strings.Contains(w, ".")
}

// bracketAcronym makes an acronym in brackets after the organization
// ms[k] another name of it: "Organization (ACRONYM)". A known acronym
// names it instead: "Ukraine's Security Service (SBU)" is the table's
// Security Service of Ukraine.
func (d *document) bracketAcronym(s sentence, ms []mention, k int) {
	m := &ms[k]
	if m.kind == graph.KindOrganization && !m.fromTable {
		d.acronymExtends(s, m)
		d.acronymStarts(s, ms, k)
	}
	if m.kind == graph.KindOrganization && m.t1+2 < s.t1 && d.toks[m.t1].text == "(" && d.toks[m.t1+2].text == ")" {
		for q := range ms {
			if ms[q].t0 != m.t1+1 || ms[q].t1 != m.t1+2 {
				continue
			}
			if ms[q].fromTable && !m.fromTable && ms[q].kind == graph.KindOrganization {
				m.name, m.outlet, m.fromTable = ms[q].name, ms[q].outlet, true
				continue
			}
			ms[q].kind, ms[q].name, ms[q].outlet, ms[q].fromTable = m.kind, m.name, m.outlet, m.fromTable
		}
	}
}

// Rules for persons: the shape of a person's name (given names, initials,
// particles, years of life, nicknames), the titles and roles before one
// ("Vice President", "spokeswoman"), and how a person's mentions resolve.

package extract

import (
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// nickname returns where a person's name that starts at token i and
// breaks at token j ends when a nickname in quotation marks and the family
// name follow ("Joaquin \"El Chapo\" Guzman"): the first word is a known
// given name, one or two capitalized words stand between the quotation
// marks, and a capitalized word follows them. It also returns the tokens
// [q0, q1) of the nickname with its quotation marks. Otherwise it returns
// j and no tokens.
func (d *document) nickname(i, j int, s sentence) (int, [2]int) {
	if !d.t.given[d.toks[i].text] || j >= s.t1 || !isDoubleQuote(firstRune(d.toks[j].text)) {
		return j, [2]int{}
	}
	k := j + 1
	for k < s.t1 && k-j <= 2 && isCap(d.toks[k].text) && !d.consumed[k] {
		k++
	}
	if k == j+1 || k+1 >= s.t1 || !isDoubleQuote(firstRune(d.toks[k].text)) {
		return j, [2]int{}
	}
	e := k + 1
	for e < s.t1 && !d.consumed[e] && isCap(d.toks[e].text) && !d.t.stop[d.toks[e].lower] {
		e++
	}
	if e == k+1 {
		return j, [2]int{}
	}
	return e, [2]int{j, k + 1}
}

// isParticleName reports whether a token is a family name written with a
// lower-case particle ("al-Kaabi", "el-Sisi", "bin-Salman", "d'Estaing").
func isParticleName(w string) bool {
	p, rest, ok := strings.Cut(w, "-")
	if !ok {
		if p, rest, ok = strings.Cut(strings.Replace(w, "’", "'", 1), "'"); ok && len(p) > 1 {
			return false // "d'", "l'": one letter
		}
	}
	return ok && len(p) <= 3 && p == strings.ToLower(p) && isCap(rest)
}

// looksPersonal reports whether the words [i, j) look like a person's name:
// the first is a known given name, years of life follow in brackets ("Elias
// Howell (1792 - 1844)"), or a word is an initial ("Frederick H. Smith"), a
// name particle ("bin", "al-Kaabi") or hyphenated like a Korean given name
// ("Shin Won-sik").
func (d *document) looksPersonal(i, j int) bool {
	if d.onlyInitials(i, j) {
		return false
	}
	if d.t.isGiven(d.toks[i].text) {
		return true
	}
	if d.lifeYears(j) || d.ofCountry(i, j) {
		return true
	}
	for k := i; k < j; k++ {
		w := d.toks[k].text
		switch {
		case len(w) == 2 && w[1] == '.' && isCap(w), isParticleName(w), particles[d.toks[k].lower]:
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

// onlyInitials reports whether the words [i, j) are all initials ("U.
// S.", "S. F."): a person's name has a word more.
func (d *document) onlyInitials(i, j int) bool {
	for k := i; k < j; k++ {
		if w := d.toks[k].text; len(w) != 2 || w[1] != '.' || !isCap(w) {
			return false
		}
	}
	return true
}

// lifeYears reports whether token j opens brackets that give years of
// life: "(1792 - 1844)", "(born 1951)", "(b. 1951)", "(February 6, 1839 -
// August 20, 1907)": "born" first, or a year and a dash in the first
// dozen words.
// ofCountry reports whether the two or three capitalized words [i, j),
// no organization's, place's or title's words and not after "the", are
// followed by "of" and a country's name: "Goran Ivanisevic of Croatia",
// as sport and wire copy name players and officials ("the Grand Duchy of
// Luxembourg" is none).
func (d *document) ofCountry(i, j int) bool {
	if j-i < 2 || j-i > 3 || j+1 >= len(d.toks) || d.toks[j].lower != "of" || d.toks[j].sent != d.toks[i].sent ||
		i > 0 && d.toks[i-1].lower == "the" {
		return false
	}
	for k := i; k < j; k++ {
		w := d.toks[k].text
		if !isCap(w) || d.t.orgSuffix[w] || d.t.nonEntity[w] || d.t.isGeneric(w) || d.roleAt(k, j) > 0 || d.t.stop[d.toks[k].lower] {
			return false
		}
	}
	c := j + 1
	if d.toks[c].lower == "the" {
		c++
	}
	if c >= len(d.toks) {
		return false
	}
	e, _, ok := d.matchGaz(c, d.sents[d.toks[c].sent])
	return ok && e.kind == gazCountry && e.form == formName
}

func (d *document) lifeYears(j int) bool {
	if j+1 >= len(d.toks) || d.toks[j].text != "(" {
		return false
	}
	if w := d.toks[j+1].lower; w == "born" || w == "b." {
		return true
	}
	year, dash := false, false
	for k := j + 1; k < len(d.toks) && k < j+13 && d.toks[k].text != ")"; k++ {
		switch w := d.toks[k].text; {
		case isYear(w):
			year = true
		case w == "-" || w == "–" || w == "—" || w == "--":
			dash = true
		}
	}
	return year && dash
}

// Kinds of evidence that a single word is an author's name in a citation
// (see citation).
const (
	notCited = iota
	maybeCited
	cited
)

// citation tells whether the single word m is an author's name in a
// citation: cited before "et al." ("Hartsell-Gundy et al., 2015") or in
// brackets or after a semicolon, in a list of names that ends with a year
// ("(Kirriemuir & McFarlane, 2004; Prensky, 2005)", "(Baron & Beresford
// 2014)"); maybeCited in a list of names before a year that a comma, a
// bracket or a semicolon follows, or before a year in brackets ("Rao and
// Scott (1981)", "by Milekic (2010)"), which a work's title with its year
// is too ("Curious by Nature (2005)"): resolve takes those only in a
// document that cites (see cites).
func (d *document) citation(m mention) int {
	k := m.t1
	at := func(k int) string {
		if k < len(d.toks) && d.toks[k].sent == d.toks[m.t0].sent {
			return d.toks[k].text
		}
		return ""
	}
	if at(k) == "et" && (at(k+1) == "al." || at(k+1) == "al") {
		return cited
	}
	if seasons[strings.ToLower(m.name)] {
		return notCited
	}
	opened := m.t0 > 0 && (d.toks[m.t0-1].text == "(" || d.toks[m.t0-1].text == ";")
	for n := 0; n < 16; n, k = n+1, k+1 {
		w := at(k)
		switch {
		case w == "," || w == "&" || w == "and":
		case citationYear(w):
			switch next := at(k + 1); {
			case opened:
				return cited
			case next == ")" || next == ";" || next == ",":
				return maybeCited
			}
			return notCited
		case w == "(" && citationYear(at(k+1)):
			return maybeCited
		case isCap(w) && isWord(w) && !d.t.stop[strings.ToLower(w)]:
		default:
			return notCited
		}
	}
	return notCited
}

// invertedNames reads the names a line of a reading list or bibliography
// opens with, family name first: "Austen, Jane. Pride and Prejudice",
// "Marx, Karl and Engels, Friedrich. The Communist Manifesto". Each is a
// person named given names first ("Jane Austen"). Sentence s must open
// its paragraph, every given name's first word be one the tables know,
// and a full stop end the list; nil otherwise.
func (d *document) invertedNames(s sentence) []mention {
	if si := d.toks[s.t0].sent; si > 0 && d.sents[si-1].para == s.para || s.t1-s.t0 < 4 || d.toks[s.t0+1].text != "," {
		return nil
	}
	word := func(k int) bool {
		return k < s.t1 && isCap(d.toks[k].text) && isWord(d.toks[k].text) && !d.t.stop[d.toks[k].lower]
	}
	var out []mention
	for k := s.t0; ; {
		if !word(k) || k+2 >= s.t1 || d.toks[k+1].text != "," || !d.t.isGiven(d.toks[k+2].text) ||
			months[strings.ToLower(strings.TrimSuffix(d.toks[k+2].text, "."))] {
			return nil
		}
		end := k + 3
		for end < s.t1 && end < k+5 && word(end) {
			end++
		}
		given := d.text[d.toks[k+2].start:d.toks[end-1].end]
		out = append(out, mention{start: d.toks[k].start, end: d.toks[end-1].end, t0: k, t1: end,
			kind: graph.KindPerson, name: given + " " + d.toks[k].text, parent: -1})
		switch {
		case end < s.t1 && d.toks[end].lower == "and":
			k = end + 1
		case end < s.t1 && d.toks[end].text == ".":
			return out
		default:
			return nil
		}
	}
}

// authorCited reports whether the single word m is cited as an author
// (see citation).
func (d *document) authorCited(m mention) bool {
	switch d.citation(m) {
	case cited:
		return true
	case maybeCited:
		return d.cites()
	}
	return false
}

// seasons name no author: "(Spring 2007)".
var seasons = map[string]bool{"spring": true, "summer": true, "autumn": true, "fall": true, "winter": true}

// cites reports whether the document cites authors: two single words or
// more that citation finds cited.
func (d *document) cites() bool {
	if d.citing == 0 {
		d.citing = 1
		n := 0
		for _, m := range d.ms {
			if m.t1-m.t0 == 1 && !m.fromTable && d.citation(m) == cited {
				n++
			}
		}
		if n >= 2 {
			d.citing = 2
		}
	}
	return d.citing == 2
}

// citationYear reports whether w is a year as citations write it: "2014",
// "2014a".
func citationYear(w string) bool {
	return isYear(w) || len(w) == 5 && isYear(w[:4]) && w[4] >= 'a' && w[4] <= 'z'
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
var particles = map[string]bool{"bin": true, "ibn": true, "al": true, "da": true, "de": true, "van": true, "von": true, "der": true, "den": true, "del": true, "dos": true}

// roleAt returns how many tokens from k (before end) spell a role
// ("Foreign Minister"), preferring the longest, or 0.
func (d *document) roleAt(k, end int) int {
	// The phrases are built once in a buffer and looked up without
	// allocating: the statement rules ask this at every word before a cue,
	// and allocating here was most of the time of a text full of cues.
	n := min(d.t.roleMaxWords, end-k)
	var buf [128]byte
	var ends [16]int
	n = min(n, len(ends))
	phrase := buf[:0]
	for w := 0; w < n; w++ {
		if w > 0 {
			phrase = append(phrase, ' ')
		}
		phrase = append(phrase, d.toks[k+w].lower...)
		ends[w] = len(phrase)
	}
	for ; n >= 1; n-- {
		if d.t.roles[string(phrase[:ends[n-1]])] {
			return n
		}
	}
	return 0
}

// person finds the person mention i names: a person written with the same
// last word and the same first word, or whose words include all of its
// words ("Vladimir Putin" and "Vladimir Vladimirovich Putin").
func (d *document) person(i int) int {
	words := strings.Fields(d.ms[i].name)
	// "Von der Leyen added", "De Gaulle said": a family name's particle
	// takes a capital where a sentence starts with it.
	if len(words) > 1 && particles[strings.ToLower(words[0])] {
		words[0] = strings.ToLower(words[0])
	}
	for _, e := range d.personsByLast[words[len(words)-1]] {
		ew := strings.Fields(d.ents[e].name)
		if ew[len(ew)-1] == words[len(words)-1] && (ew[0] == words[0] || subset(words, ew)) {
			return e
		}
	}
	return d.entityFor(graph.KindPerson, d.ms[i].name)
}

func subset(small, big []string) bool {
	for _, w := range small {
		if !slices.Contains(big, w) {
			return false
		}
	}
	return true
}

// creditsQuote reports whether the word is credited with a quotation, as
// news credits persons ("\"We will win,\" said Bolden", "\"We will win,\"
// Bolden said"): a quotation closed right before the word or its verb.
func (d *document) creditsQuote(m mention) bool {
	k := m.t0 - 1
	if k < 1 {
		return false
	}
	if c, _, ok := d.cueAt(k); !ok || !c.class.saying() {
		// "\"We will not back down,\" Zelenskyy said".
		c, _, ok := d.cueAt(m.t1)
		return ok && c.class.saying() && (isDoubleQuote(firstRune(d.toks[k].text)) || d.toks[k].text == "," && isDoubleQuote(firstRune(d.toks[k-1].text)))
	}
	prev := d.toks[k-1].text
	if prev == "," && k >= 2 {
		prev = d.toks[k-2].text
	}
	return isDoubleQuote(firstRune(prev))
}

// heOrSheAfter reports whether "he", "she", "his" or "her" follows the
// mention before the end of the next sentence: "Zelensky said. He also
// warned" speaks of a person, "TikTok said it would appeal" of something
// else.
func (d *document) heOrSheAfter(m mention) bool {
	sent := d.toks[m.t0].sent
	for k := m.t1; k < len(d.toks) && d.toks[k].sent <= sent+1; k++ {
		switch d.toks[k].lower {
		case "he", "she", "his", "her", "him":
			return true
		}
	}
	return false
}

// pronouns that stand for a person speaker.
var personPronouns = map[string]bool{"he": true, "she": true, "him": true, "her": true}

// personBefore returns the last person mentioned before token k and the
// token where, or -1.
func (d *document) personBefore(k int) (int, int) {
	for j := k - 1; j >= 0; j-- {
		if m := d.outer[j]; m >= 0 && d.ms[m].kind == graph.KindPerson {
			return d.ms[m].ent, j
		}
	}
	return -1, -1
}

// personTail returns where a person's name that ends the capitalized words
// [i, j) starts: two or three words after i, the first a known given name
// (or two words after an organization word, when a verb of speech
// follows), none an organization word; or -1.
func (d *document) personTail(i, j int) int {
	for p := max(i+1, j-3); p <= j-2; p++ {
		// Two words after an organization word that speak are a name too
		// ("the Refugee Council Enver Solomon told").
		if !d.t.isGiven(d.toks[p].text) && !(j-p == 2 && d.t.orgSuffix[d.toks[p-1].text] && d.roleAt(p, j) == 0 && d.speechAt(j)) {
			continue
		}
		for k := p; k < j; k++ {
			if d.t.orgSuffix[d.toks[k].text] || !isCap(d.toks[k].text) {
				return -1
			}
		}
		return p
	}
	return -1
}

// officeOf reports whether the words [i, p) are a title and what it is of:
// "Governor of Washington", "CEO of the Refugee Council", "Minister of
// Education".
func (d *document) officeOf(i, p int) bool {
	n := d.roleAt(i, p)
	return n > 0 && i+n+1 < p && d.toks[i+n].lower == "of"
}

// speechAt reports whether a verb of saying stands at token k.
func (d *document) speechAt(k int) bool {
	c, _, ok := d.cueAt(k)
	return ok && c.class.saying()
}

// afterTitle reports whether a title stands right before mention m, or in
// a comma segment beside it: "the team's coach, Alireza Mehraban",
// "Ambassador to the United States Hamdullah Mohib", "Hernan Dario Gomez,
// Panama coach,". Several words named so are a person's name, whatever
// their shape.
func (d *document) afterTitle(m mention) bool {
	return d.titleBefore(m) || m.t1+1 < len(d.toks) && d.toks[m.t1].text == "," && d.titledSegment(m.t1+1, 1)
}

// titleBefore reports whether a title stands right before mention m or in
// the comma segment before it, within its sentence.
func (d *document) titleBefore(m mention) bool {
	k := m.t0 - 1
	if k >= 0 && d.toks[k].text == "," {
		k--
	}
	if k < 0 || d.toks[k].sent != d.toks[m.t0].sent {
		return false
	}
	// "Ambassador to the United States": a title of a country or
	// organization.
	if o := d.typedEnd[k]; o >= 0 && d.ms[o].kind != graph.KindPerson {
		j := d.ms[o].t0 - 1
		if j >= 0 && d.toks[j].lower == "the" {
			j--
		}
		if j < 1 || (d.toks[j].lower != "to" && d.toks[j].lower != "of") {
			return false
		}
		k = j - 1
	}
	for n := 1; n <= d.t.roleMaxWords && k-n+1 >= 0; n++ {
		if d.roleAt(k-n+1, k+1) == n {
			return true
		}
	}
	// In commas after or before a description with a title: "The
	// secretary general of CEI (Italian Episcopal Conference), Nunzio
	// Galantino, has called", "Hernan Dario Gomez, Panama coach, said".
	return m.t0 > 0 && d.toks[m.t0-1].text == "," && d.titledSegment(m.t0-2, -1)
}

// personNouns name a person by who they are rather than by a title: "Jane
// Roe, an Australian woman, has claimed".
var personNouns = map[string]bool{"woman": true, "man": true, "girl": true, "boy": true, "mother": true, "father": true,
	"wife": true, "husband": true, "son": true, "daughter": true, "sister": true, "brother": true, "widow": true,
	"widower": true, "teenager": true, "resident": true, "citizen": true, "student": true, "grandmother": true,
	"grandfather": true}

// titledSegment reports whether the comma segment that starts at token k
// and runs in direction dir (1 forward, -1 backward) holds a title: a role
// word, or a noun for a person, within its first few words ("the
// secretary general of CEI", "Panama coach", "a former minister", "an
// Australian woman").
func (d *document) titledSegment(k, dir int) bool {
	const maxWords = 12
	sent := d.toks[min(max(k, 0), len(d.toks)-1)].sent
	for n := 0; n < maxWords && k >= 0 && k < len(d.toks) && d.toks[k].sent == sent; n, k = n+1, k+dir {
		switch d.toks[k].text {
		case ",", ";", ":", ".":
			return false
		}
		if !isCap(d.toks[k].text) && (d.roleAt(k, k+1) == 1 || personNouns[d.toks[k].lower]) {
			return true
		}
	}
	return false
}

// particleStart reports whether a word in lower case opens a name with a
// name particle ("al-Ikhbariya", "bin-Salman"), unlike a prefix
// ("pro-Spanish").
func particleStart(w string) bool {
	p, _, _ := strings.Cut(w, "-")
	return isParticleName(w) && particles[p]
}

// opensSentenceBefore reports whether the mention that covers token at
// opens the sentence right before token k's.
func (d *document) opensSentenceBefore(at, k int) bool {
	m := d.outer[at]
	prev := d.toks[k].sent - 1
	return m >= 0 && prev >= 0 && d.toks[at].sent == prev && d.ms[m].t0 == d.sents[prev].t0
}

// Attribution: who said what, one sentence at a time. Every speech cue is a
// phrase of data/cues.tsv with a class (cueClass); the code branches on
// the class. Where to look:
//   - "X said", "said X", "X, a spokesman, said": verbClaim, subjectIn, npAt
//   - ", saying ...": participleClaim
//   - "according to X", "citing X": sourceAt, sourceBefore (the one
//     recogniser) and the cueSource case of claims
//   - "told X" (the audience; an outlet there carried the statement) and
//     "in an interview with X": interviewOutlets, verbEnd
//   - "a statement by X": the cueStatement case of claims
//   - "X and Y said": coordinated
//   - "X stated this": refersBack
//   - "he said", "the Texas senator said": antecedent, describedPersonEnd
//   - "X defended the plan: \"...\"": colonClaim
//   - what is no part of what was said (the frame): the audience
//     (audienceEnd), a source's description (describedEnd), another
//     clause's unnamed speaker (otherSpeech)

package extract

import (
	"regexp"
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// cueClass says how the rules read a speech cue; data/cues.tsv gives each
// cue phrase its class and documents them.
type cueClass string

const (
	cueSay       cueClass = "say"
	cueReport    cueClass = "report"
	cueTell      cueClass = "tell"
	cueSpeech    cueClass = "speech"
	cueCall      cueClass = "call"
	cueAsk       cueClass = "ask"
	cueQuoting   cueClass = "quoting"
	cueQuote     cueClass = "quote"
	cueBelief    cueClass = "belief"
	cueSource    cueClass = "source"
	cueStatement cueClass = "statement"
	cueInterview cueClass = "interview"
	// cueInterviewing and cueConversation name an interview's
	// interviewee (interviews.go); they are no speech.
	cueInterviewing cueClass = "interviewing"
	cueConversation cueClass = "conversation"
)

// saying reports whether a cue of class c is a verb whose subject speaks
// ("said", "told", "warned"), rather than a phrase that names the source
// after it or an interview.
func (c cueClass) saying() bool {
	switch c {
	case cueSay, cueReport, cueTell, cueSpeech, cueCall, cueAsk, cueQuoting:
		return true
	}
	return false
}

// cueClasses lists the classes a row of data/cues.tsv may give.
var cueClasses = []cueClass{cueSay, cueReport, cueTell, cueSpeech, cueCall, cueAsk, cueQuoting, cueQuote, cueBelief, cueSource,
	cueStatement, cueInterview, cueInterviewing, cueConversation}

// cue is one cue phrase of data/cues.tsv: the cue a statement records
// ("said" for "says") and its class.
type cue struct {
	name  string
	class cueClass
}

// cueAt returns the cue whose phrase starts at token k, the longest first,
// and how many tokens it spans; ok is false when none does.
func (d *document) cueAt(k int) (c cue, n int, ok bool) {
	if k < 0 || k >= len(d.toks) || !d.t.cueFirst[d.toks[k].lower] {
		return cue{}, 0, false
	}
	for n := min(d.t.cueMaxWords, len(d.toks)-k); n > 1; n-- {
		if d.toks[k+n-1].sent != d.toks[k].sent {
			continue
		}
		words := make([]string, n)
		for w := range words {
			words[w] = d.toks[k+w].lower
		}
		if c, ok := d.t.cues[strings.Join(words, " ")]; ok {
			return c, n, true
		}
	}
	c, ok = d.t.cues[d.toks[k].lower]
	return c, 1, ok
}

// participle reports whether the verb at token k is a participle
// ("saying", "adding").
func (d *document) participle(k int) bool {
	return d.toks[k].tag == "VBG" || strings.HasSuffix(d.toks[k].lower, "ing")
}

// finiteTag reports whether a part-of-speech tag is that of a verb in the
// past or the third person present ("said", "says"), or a participle
// ("has said"), as taggers read "said".
func finiteTag(tag string) bool { return tag == "VBD" || tag == "VBZ" || tag == "VBN" }

// sourceAt returns the token after a source phrase ("according to",
// "citing") that starts at token k, where the source is named; -1 when no
// source phrase starts there.
func (d *document) sourceAt(k int) int {
	if c, n, ok := d.cueAt(k); ok && c.class == cueSource {
		return k + n
	}
	return -1
}

// sourceBefore reports whether a source phrase ends right before token i
// within sentence s: what starts at i is named as the source of what is
// said ("according to Nvidia", "citing Nvidia").
func (d *document) sourceBefore(i int, s sentence) bool {
	for n := 1; n <= d.t.cueMaxWords && i-n >= s.t0; n++ {
		if d.sourceAt(i-n) == i {
			return true
		}
	}
	return false
}

// scope is where a noun phrase of an attribution is read: its sentence,
// and the last person who spoke before it, for whom "he" or "she" stands
// (-1 when none).
type scope struct {
	sentence
	lastPerson int
}

// claim is one attribution found in a sentence: who spoke (an entity
// index), by which cue, and which tokens say so rather than what was said.
type claim struct {
	speaker int
	cue     string
	attr    [][2]int // token ranges of the attribution, left out of About
	outlets []int    // entity indexes of outlets that carried it
	// backRef marks "X stated this" / "This follows from a statement by
	// X": what was said is in the sentences before.
	backRef bool
	// outletReport marks an outlet as the subject ("the BBC reported"):
	// it reports someone else's statement if the text names one.
	outletReport bool
	at           int // token of the cue
}

// claims returns the attributions of sentence si. Cues inside quotation
// marks are part of what was said and are skipped. lastPerson is the last
// person who spoke before the sentence; "he" and "she" stand for them.
func (d *document) claims(si, lastPerson int) []claim {
	s := scope{sentence: d.sents[si], lastPerson: lastPerson}
	inQuote := d.quoted(s.sentence)
	var out []claim
	interview := d.interviewOutlets(s.sentence)
	for k := s.t0; k < s.t1; k++ {
		cue, n, ok := d.cueAt(k)
		if !ok || inQuote[k-s.t0] {
			continue
		}
		var c claim
		switch cue.class {
		case cueInterview, cueInterviewing, cueConversation:
			continue // an interview's outlet goes with the sentence's claims (interviewOutlets)
		case cueBelief:
			// "she believes the deal will fail" states nothing; "According
			// to ABC News, Roe believes ..." reports what she expressed.
			if !d.outletSource(s.sentence) {
				continue
			}
			var ok bool
			if c, ok = d.verbClaim(k, s); !ok {
				continue
			}
		case cueSource:
			np := k + n
			ent, end := d.npAt(np, s)
			if o, oend := d.outletAfter(np, s.sentence); o >= 0 {
				// "according to Chinese state broadcaster CCTV"
				ent, end = o, oend
			}
			if ent < 0 {
				// "according to ship-tracking firm Kpler"
				ent, end = d.describedNameAt(np, s)
			}
			if ent < 0 {
				// "according to Mr. Putin", "according to Sen. Tom Hale"
				ent, end = d.titledPersonAt(np, s.sentence)
			}
			if ent < 0 {
				continue
			}
			if m := d.outer[end-1]; m >= 0 && d.ms[m].t1 == end && d.ms[m].kind == graph.KindOrganization {
				// "according to the Main Intelligence Directorate of the
				// Ministry of Defense of Ukraine": the source's whole name.
				end = d.chainEnd(m, s.sentence)
			}
			c = claim{speaker: ent, attr: [][2]int{{k, d.describedEnd(end, s.sentence)}}}
			c.outletReport = d.ents[ent].outlet
		case cueQuote:
			// "Interfax quoted Peskov as saying", "It quoted critics like
			// X and Y": one claim for each speaker quoted, none of whom
			// the others' statements are about.
			quoted := d.quoteClaims(k, s)
			for i := range quoted {
				quoted[i].cue, quoted[i].at = cue.name, k
			}
			out = append(out, quoted...)
			continue
		case cueStatement:
			if v := d.issuedBefore(k, s.sentence); v >= 0 {
				// "Senator X issued a statement on the closure": its
				// subject speaks, and a quotation after it goes on with
				// what was said.
				var ok bool
				if c, ok = d.verbClaim(v, s); !ok || d.ents[c.speaker].outlet {
					continue
				}
				c.attr = append(c.attr, [2]int{v, k + 1})
				break
			}
			if k+1 >= s.t1 || (d.toks[k+1].lower != "by" && d.toks[k+1].lower != "from") {
				continue
			}
			ent, end := d.npAt(k+2, s)
			if ent < 0 {
				continue
			}
			c = claim{speaker: ent, attr: [][2]int{{k, end}}}
		default:
			// "reports", "claims", "notes" as nouns are no cues; nor is a
			// denied verb ("has not confirmed"), nor "called" that quotes
			// or asks for nothing ("called a meeting").
			tag := d.toks[k].tag
			if strings.HasPrefix(tag, "NN") && !d.verbAfterName(k, s.sentence) || d.negated(k, s.sentence) ||
				cue.class == cueCall && !d.callsSomething(k, s.sentence) || cue.class == cueAsk && !d.asksSomething(k, s.sentence) ||
				cue.class == cueQuoting && !d.quotationAfter(k, s.sentence) {
				continue
			}
			var ok bool
			if d.participle(k) {
				// "adding", "saying" continue a statement already
				// attributed, or else the main clause's subject's: "The
				// ministry criticized the visit, saying ...", unless
				// they have their own subject ("with Roe saying").
				if c, ok = d.withSubject(k, s); !ok {
					if len(out) > 0 {
						continue
					}
					c, ok = d.participleClaim(k, s)
				}
			} else {
				c, ok = d.verbClaim(k, s)
			}
			if !ok {
				continue
			}
			// An outlet that says, reports or adds carries a story; it is
			// no speaker.
			c.outletReport = d.ents[c.speaker].outlet
		}
		c.cue, c.at = cue.name, k
		c.backRef = c.backRef || d.refersBack(k, s.sentence)
		out = append(out, c)
		if others, span := d.coordinated(c, s); len(others) > 0 {
			// "Russia and China denied ...": each speaker makes the same
			// statement, and none is what another's is about. Clipped, so
			// that appending to or deleting from one claim's slices never
			// changes another's.
			c.attr = slices.Clip(append(slices.Clip(c.attr), span))
			out[len(out)-1].attr, out[len(out)-1].outlets = c.attr, slices.Clip(slices.Clone(c.outlets))
			for _, e := range others {
				c.speaker, c.outlets = e, slices.Clip(slices.Clone(c.outlets))
				out = append(out, c)
			}
		}
	}
	if len(out) == 0 {
		if c, ok := d.colonClaim(si, s); ok {
			out = append(out, c)
		}
	}
	// "X said ..., but Western officials told CNN it was not": what
	// someone the rules cannot name said is no part of X's statement.
	for _, cut := range d.otherSpeech(s.sentence, inQuote, out) {
		for i := range out {
			if out[i].at < cut {
				out[i].attr = append(out[i].attr, [2]int{cut, s.t1})
			}
		}
	}
	// "told Reuters" belongs to the claim of its verb, "in an interview
	// with CNN" to the nearest claim: another clause's speaker did not
	// speak to that outlet.
	for _, iv := range interview {
		at := iv.at
		if !iv.told {
			for _, c := range out {
				if at == iv.at || abs(c.at-iv.span[0]) < abs(at-iv.span[0]) {
					at = c.at
				}
			}
		}
		for i := range out {
			if out[i].at == at {
				out[i].outlets = appendUnique(out[i].outlets, iv.ent)
				out[i].attr = append(out[i].attr, iv.span)
			}
		}
	}
	return out
}

func abs(n int) int { return max(n, -n) }

// coordinated finds the other speakers listed with c's right before its
// cue ("Kyrylo Budanov and Andrii Yusov told Reuters", "Germany, France and
// Italy said", "the Federal Reserve and the European Central Bank have
// said", "Russia and China, both permanent members, said") or right after
// it ("according to X and Y"). It returns them and the tokens of the
// list; none when there is no list, c's speaker is not in it, or its items
// are not all outlets or all not.
func (d *document) coordinated(c claim, s scope) ([]int, [2]int) {
	if len(c.attr) == 0 {
		return nil, [2]int{}
	}
	at := c.attr[0][0]
	before := at < c.at
	if before {
		at = d.listStart(at, s)
	} else {
		at = c.at + 1
		if at < s.t1 && (d.toks[at].lower == "to" || d.toks[at].lower == "by" || d.toks[at].lower == "from") {
			at++
		}
	}
	items, end := d.listAt(at, s)
	if len(items) < 2 || !slices.Contains(items, c.speaker) {
		return nil, [2]int{}
	}
	for _, e := range items {
		if d.ents[e].outlet != d.ents[items[0]].outlet {
			return nil, [2]int{}
		}
	}
	if before && !d.leadsTo(end, min(c.attr[0][1], c.at), s.sentence) {
		return nil, [2]int{}
	}
	return slices.DeleteFunc(items, func(e int) bool { return e == c.speaker }), [2]int{at, end}
}

// listStart returns where a list that goes on at token at starts: it steps
// back over names that each follow the start of the sentence or a comma
// and are followed by one ("Germany, France and Italy").
func (d *document) listStart(at int, s scope) int {
	for at-2 >= s.t0 && d.toks[at-1].text == "," {
		m := d.outer[at-2]
		if m < 0 || d.ms[m].t1 != at-1 {
			break
		}
		t0 := d.ms[m].t0
		if t0 > s.t0 && d.toks[t0-1].lower == "the" {
			t0--
		}
		if t0 != s.t0 && d.toks[t0-1].text != "," {
			break
		}
		at = t0
	}
	return at
}

// listAt reads a list of names at token at: "X and Y", "X, Y and Z", "X,
// Y, and Z", "both X and Y". It returns the distinct entities and the token after the
// list, or nothing when there is no "and" before the last name.
func (d *document) listAt(at int, s scope) ([]int, int) {
	var items []int
	k, end := at, at
	if k < s.t1 && d.toks[k].lower == "both" {
		k++ // "Both the district and the police have asserted"
	}
	for last := false; ; {
		e, next := d.npAt(k, s)
		if m := d.titledNameAt(k, s); e < 0 && m >= 0 {
			// "Vice President Kamala Harris and Transportation Secretary
			// Pete Buttigieg said": titles, perhaps after a portfolio,
			// then a person.
			e, next = d.ms[m].ent, d.ms[m].t1
		}
		if e < 0 {
			return nil, at
		}
		items, end = appendUnique(items, e), next
		if last {
			return items, end
		}
		switch {
		case next+1 < s.t1 && d.toks[next].lower == "and":
			k, last = next+1, true
		case next+2 < s.t1 && d.toks[next].text == "," && d.toks[next+1].lower == "and":
			k, last = next+2, true
		case next+1 < s.t1 && d.toks[next].text == ",":
			k = next + 1
		default:
			return nil, at
		}
	}
}

// leadsTo reports whether the tokens [j, limit) only join a subject to its
// verb: nothing, up to two auxiliaries, adverbs or "both" ("have", "also",
// "have both"), or a description in commas that starts with "both" or
// "who" ("Lopez and Hale, who met on Monday, said").
func (d *document) leadsTo(j, limit int, s sentence) bool {
	if j+1 < s.t1 && d.toks[j].text == "," && (d.toks[j+1].lower == "both" || d.toks[j+1].lower == "who") {
		return true
	}
	if limit-j > 2 {
		return false
	}
	for ; j < limit; j++ {
		t := d.toks[j]
		if isCap(t.text) || !(t.tag == "RB" || t.tag == "MD" || strings.HasPrefix(t.tag, "VB") || t.lower == "both" || t.lower == "all") {
			return false
		}
	}
	return true
}

// negated reports whether "not", "n't" or "never" comes within the two
// words before the cue at k: "Pyongyang has not confirmed the deployment".
func (d *document) negated(k int, s sentence) bool {
	for j := k - 1; j >= s.t0 && j >= k-2; j-- {
		if w := d.toks[j].lower; w == "not" || w == "n't" || w == "never" {
			return true
		}
	}
	return false
}

// callsSomething reports whether "called" at k reports words: a quotation
// follows in its clause ("called the deal \"historic\"") or "for" or "on"
// does ("called for restraint").
func (d *document) callsSomething(k int, s sentence) bool {
	if d.toks[k].lower == "calling" && k > s.t0 && d.toks[k-1].text == "," {
		return true // ", calling it a provocation"
	}
	if k > s.t0 && d.toks[k].tag == "VBN" && strings.HasPrefix(d.toks[k-1].tag, "NN") {
		return false // "a screen print called \"Cowboys\"" names a thing
	}
	if k+1 < s.t1 && (d.toks[k+1].lower == "for" || d.toks[k+1].lower == "on") {
		return true
	}
	for j := k + 1; j < s.t1 && j <= k+8; j++ {
		t := d.toks[j].text
		if isDoubleQuote([]rune(t)[0]) {
			return true
		}
		if t == "," || t == ";" || isSentenceEnd(t) {
			return false
		}
	}
	return false
}

// issuedBefore returns the token of the verb that issues the statement
// noun at k ("issued a statement", "released a joint statement", "put
// out a statement"), or -1.
func (d *document) issuedBefore(k int, s sentence) int {
	j := k - 1
	if j > s.t0 && d.toks[j].tag == "JJ" {
		j-- // "a joint statement"
	}
	if j <= s.t0 || d.toks[j].lower != "a" && d.toks[j].lower != "an" {
		return -1
	}
	switch v := d.toks[j-1].lower; {
	case v == "issued" || v == "released" || v == "published":
		return j - 1
	case v == "out" && j-2 >= s.t0 && d.toks[j-2].lower == "put":
		return j - 2
	}
	return -1
}

// quoteClaims reads an outlet quoting speakers at the cue k: "Interfax
// quoted Kremlin spokesman Dmitry Peskov as saying", "Peskov was quoted by
// Interfax as saying", "The agency quoted X" or "It quoted X" for the
// outlet the sentence before named, "It quoted critics like X, and Y"
// (each speaker of the list). The speakers must be no outlets, the outlet
// one.
func (d *document) quoteClaims(k int, s scope) []claim {
	var speakers []int
	var outlet, end int
	if d.passive(k, s.sentence) {
		by := k + 1
		if by+2 < s.t1 && d.toks[by].lower == "as" && d.toks[by+1].lower == "saying" {
			by += 2 // "was quoted as saying by TASS"
		}
		if by+1 >= s.t1 || d.toks[by].lower != "by" {
			return nil
		}
		outlet, end = d.npAt(by+1, s)
		if o, oend := d.outletAfter(by+1, s.sentence); o >= 0 {
			outlet, end = o, oend // "by the TASS news agency"
		}
		if e := d.subjectIn([2]int{s.t0, k}, s); e >= 0 {
			speakers = []int{e}
		}
	} else {
		outlet = d.subjectIn([2]int{s.t0, k}, s)
		if outlet < 0 {
			outlet = d.outletReferent(k, s.sentence)
		}
		speakers, end = d.quotedList(k+1, s)
	}
	if outlet < 0 || !d.ents[outlet].outlet {
		return nil
	}
	if end+1 < s.t1 && d.toks[end].lower == "as" && d.toks[end+1].lower == "saying" {
		end += 2
	}
	var out []claim
	for _, e := range speakers {
		if !d.ents[e].outlet {
			out = append(out, claim{speaker: e, outlets: []int{outlet}, attr: [][2]int{{s.t0, end}}})
		}
	}
	return out
}

// outletReferent returns the outlet that a subject standing for one
// refers to, before the cue at k: "It" or "the" and an outlet's noun
// ("The agency quoted", "The newspaper also quoted") for the last outlet
// named in the sentence before; -1 when the subject is another or that
// sentence names no outlet.
func (d *document) outletReferent(k int, s sentence) int {
	j := s.t0
	switch {
	case d.toks[j].lower == "it":
		j++
	case d.toks[j].lower == "the" && j+2 < k && d.t.outletMarker[d.toks[j+1].lower+" "+d.toks[j+2].lower]:
		j += 3 // "the news agency"
	case d.toks[j].lower == "the" && j+1 < k && d.t.outletMarker[d.toks[j+1].lower]:
		j += 2 // "the newspaper"
	default:
		return -1
	}
	for ; j < k; j++ {
		if d.toks[j].tag != "RB" {
			return -1 // "It also quoted", not "It said the report quoted"
		}
	}
	si := d.toks[s.t0].sent
	if si == 0 {
		return -1
	}
	prev := d.sents[si-1]
	for t := prev.t1 - 1; t >= prev.t0; t-- {
		if m := d.outer[t]; m >= 0 && d.ents[d.ms[m].ent].outlet {
			return d.ms[m].ent
		}
	}
	return -1
}

// quotedList reads who is quoted at token j: a noun phrase ("Kremlin
// spokesman Dmitry Peskov"), or a plural noun and "like", "including" or
// "such as" before a list of them ("critics like immigration barrister
// Jane Roe, and Refugee Council campaigner John Doe"), each item's last
// person its speaker. It returns them and the token after them.
func (d *document) quotedList(j int, s scope) ([]int, int) {
	if e, end := d.npAt(j, s); e >= 0 {
		return []int{e}, end
	}
	if e, end := d.describedNameAt(j, s); e >= 0 {
		return []int{e}, end // "union leader Tom Hale"
	}
	if e, end := d.titledPersonAt(j, s.sentence); e >= 0 {
		return []int{e}, end // "Mayor Rita Moreno"
	}
	k := j
	for k < s.t1 && k < j+3 && !isCap(d.toks[k].text) && d.toks[k].lower != "such" && d.toks[k].lower != "like" &&
		(strings.HasPrefix(d.toks[k].tag, "NN") || d.toks[k].tag == "JJ") {
		k++
	}
	switch {
	case k == j || k >= s.t1:
		return nil, j
	case d.toks[k].lower == "like" || d.toks[k].lower == "including":
		k++
	case d.toks[k].lower == "such" && k+1 < s.t1 && d.toks[k+1].lower == "as":
		k += 2
	default:
		return nil, j
	}
	var out []int
	for last := false; k < s.t1; {
		// One item: lower-case words, names; its last person speaks, or
		// else the organization it names.
		person, org, end := -1, -1, k
		for end < s.t1 {
			if m := d.mentionAt(end); m >= 0 {
				if e := d.ms[m].ent; d.ents[e].kind == graph.KindPerson {
					person = e
				} else if org < 0 && d.ents[e].kind == graph.KindOrganization {
					org = e
				}
				end = d.ms[m].t1
				continue
			}
			if t := d.toks[end]; isCap(t.text) || !isWord(t.text) || t.lower == "and" || strings.HasPrefix(t.tag, "VB") {
				break
			}
			end++
		}
		if person < 0 {
			person = org
		}
		if person < 0 {
			return out, k
		}
		out, k = appendUnique(out, person), end
		if last || k >= s.t1 {
			break
		}
		switch {
		case d.toks[k].lower == "and":
			k, last = k+1, true
		case d.toks[k].text == "," && k+1 < s.t1 && d.toks[k+1].lower == "and":
			k, last = k+2, true
		case d.toks[k].text == ",":
			k++
		default:
			return out, k
		}
	}
	return out, k
}

// asksSomething reports whether the request at k says what is asked: "to"
// or "for" follows within its clause ("asked the council to help", "asked
// for calm"), or a question word or quotation right after it or its
// object ("asked whether", "asked officials how").
func (d *document) asksSomething(k int, s sentence) bool {
	for j := k + 1; j < s.t1 && j <= k+8; j++ {
		switch t := d.toks[j]; {
		case t.lower == "to" || t.lower == "for" || t.lower == "whether" || t.lower == "how" || t.lower == "why" || t.lower == "if" ||
			isDoubleQuote(firstRune(t.text)):
			return true
		case t.text == "," || t.text == ";" || isSentenceEnd(t.text) || strings.HasPrefix(t.tag, "VB"):
			return false
		}
	}
	return false
}

// quotationAfter reports whether a quotation opens after the cue at k
// within its clause ("she continued: \"...\"").
func (d *document) quotationAfter(k int, s sentence) bool {
	for j := k + 1; j < s.t1 && j <= k+3; j++ {
		if isDoubleQuote(firstRune(d.toks[j].text)) {
			return true
		}
		if t := d.toks[j].text; t != ":" && t != "," {
			return false
		}
	}
	return false
}

// verbAfterName reports whether a cue the tagger read as a noun ("notes",
// "claims") is a verb: a name ends right before it and a comma, a
// quotation or "that" follows ("The Department of Agriculture notes,
// \"...\"").
func (d *document) verbAfterName(k int, s sentence) bool {
	if k == s.t0 || k+1 >= s.t1 {
		return false
	}
	if m := d.outer[k-1]; m < 0 || d.ms[m].t1 != k {
		return false
	}
	next := d.toks[k+1]
	return next.text == "," || next.text == ":" || next.lower == "that" || isDoubleQuote(firstRune(next.text))
}

// describedNameAt returns the name that a short description in lower
// case introduces at token j ("ship-tracking firm Kpler", "the
// London-based think tank Chatham House"), and the token after it; -1 when
// there is none.
func (d *document) describedNameAt(j int, s scope) (int, int) {
	if j < s.t1 && (d.toks[j].lower == "the" || d.toks[j].lower == "a" || d.toks[j].lower == "an") {
		j++
	}
	for n := 0; j < s.t1 && n <= 4; n++ {
		if m := d.mentionAt(j); m >= 0 {
			if n == 0 {
				return -1, j
			}
			return d.npAt(j, s)
		}
		if t := d.toks[j]; isCap(t.text) || !isWord(t.text) || !strings.HasPrefix(t.tag, "NN") && !strings.HasPrefix(t.tag, "JJ") && t.tag != "VBN" {
			return -1, j
		}
		j++
	}
	return -1, j
}

// participleClaim attributes a participle cue after a comma (", saying",
// ", calling it") to the subject of the sentence's main clause, or to its
// own subject after "with" ("with Boswell stating").
func (d *document) participleClaim(k int, s scope) (claim, bool) {
	if c, ok := d.withSubject(k, s); ok {
		return c, true
	}
	if k-1 <= s.t0 || d.toks[k-1].text != "," {
		return claim{}, false
	}
	ent, seg := d.mainSubject(s, k)
	if ent < 0 {
		// "Sen. Jane Roe, D-Mass., blasted the nominee, calling him
		// unfit", "Her colleague, Rep. John Doe, agreed, saying": the
		// subject of the main clause's verb behind titles and
		// appositions, read as for a verb of saying.
		if v := d.firstFinite(s.sentence, k); v > s.t0 {
			if c, ok := d.verbClaim(v, s); ok {
				c.attr = append(c.attr, [2]int{k, k + 1})
				return c, true
			}
		}
		return claim{}, false
	}
	return claim{speaker: ent, attr: [][2]int{seg, {k, k + 1}}}, true
}

// firstFinite returns the first finite verb of sentence s before token
// limit, outside quotation marks, or -1.
func (d *document) firstFinite(s sentence, limit int) int {
	in := d.quoted(s)
	for k := s.t0; k < limit; k++ {
		if t := d.toks[k].tag; !in[k-s.t0] && (t == "VBD" || t == "VBZ" || t == "VBP") {
			return k
		}
	}
	return -1
}

// withSubject reads a participle's own subject after "with": "..., with
// Boswell stating:", "with foreign ministry spokesperson Wang Wenbin
// calling them".
func (d *document) withSubject(k int, s scope) (claim, bool) {
	if m := d.outer[k-1]; k-1 > s.t0 && m >= 0 && d.ms[m].t1 == k {
		for j := d.ms[m].t0 - 1; j >= s.t0 && j >= d.ms[m].t0-6; j-- {
			t := d.toks[j]
			if t.lower == "with" {
				return claim{speaker: d.ms[m].ent, attr: [][2]int{{j, k + 1}}}, true
			}
			if isCap(t.text) && d.roleAt(j, d.ms[m].t0) == 0 || !isWord(t.text) {
				break
			}
		}
	}
	return claim{}, false
}

// mainSubject returns the subject of the sentence's main clause, found
// before its first verb and before token limit, and the tokens it spans;
// -1 when the sentence opens with a quotation or names no subject.
func (d *document) mainSubject(s scope, limit int) (int, [2]int) {
	if isDoubleQuote([]rune(d.toks[s.t0].text)[0]) {
		return -1, [2]int{}
	}
	v := s.t0
	for v < limit && (!strings.HasPrefix(d.toks[v].tag, "VB") || d.toks[v].tag == "VBN" || d.toks[v].tag == "VBG") &&
		d.toks[v].text != "," {
		v++
	}
	// "Sen. John Doe of Texas disagreed, saying": prose tags some past
	// tenses before a comma as nouns.
	if v < limit && d.toks[v].text == "," && v-1 > s.t0 && pastTense(d.toks[v-1].text) {
		v--
	}
	if v == s.t0 || v >= limit || d.toks[v].text == "," {
		return -1, [2]int{}
	}
	seg := [2]int{s.t0, v}
	return d.subjectIn(seg, s), seg
}

// pastTense reports whether w reads as a verb's past tense: a lower-case
// word of five letters or more ending in "ed".
func pastTense(w string) bool {
	return len(w) >= 5 && strings.HasSuffix(w, "ed") && strings.ToLower(w) == w
}

// quoted reports, for each token of s (indexed from s.t0), whether it is
// inside quotation marks. A straight quote mark glued to the word before it
// and not to the one after closes a quotation, so that a sentence that goes
// on with a quotation opened in an earlier paragraph starts inside it
// ("We could have won." After the match, Hale said).
func (d *document) quoted(s sentence) []bool {
	in := make([]bool, s.t1-s.t0)
	open, seen := false, false
	for k := s.t0; k < s.t1; k++ {
		r := firstRune(d.toks[k].text)
		if !isDoubleQuote(r) {
			in[k-s.t0] = open
			continue
		}
		closing := r == '"' && k > 0 && d.toks[k].start == d.toks[k-1].end &&
			(k+1 == s.t1 || d.toks[k+1].start > d.toks[k].end)
		if closing && !seen && !open {
			for j := s.t0; j < k; j++ {
				in[j-s.t0] = true
			}
			open = true
		}
		seen = true
		open = afterQuote(open, r)
	}
	return in
}

// carriedBy finds, in the words after a verb of saying that end at token
// j, an outlet after "by", "for" or "on" before what was said: "said in
// an interview broadcast on Sunday by the BBC that", "wrote in an op-ed
// for The Washington Post that", "speaking on CNN's State of the Union".
// The clause's speaker spoke through it, as "in an interview with".
func (d *document) carriedBy(j int, s sentence) []outletPhrase {
	var out []outletPhrase
	for k := j; k < s.t1 && k < j+10; k++ {
		switch w := d.toks[k]; {
		case w.lower == "that" || w.text == ":" || isDoubleQuote(firstRune(w.text)):
			return out
		case w.lower == "by" || w.lower == "for" || w.lower == "on":
			if o, end := d.outletAfter(k+1, s); o >= 0 {
				out = append(out, outletPhrase{ent: o, span: [2]int{k, end}, at: k})
				k = end - 1
			}
		}
	}
	return out
}

type outletPhrase struct {
	ent  int
	span [2]int
	at   int  // the token of its cue
	told bool // "told X", not "in an interview with X"
}

// interviewOutlets finds "(in) an interview with (the) X" and "told (the)
// X" where X is an outlet.
func (d *document) interviewOutlets(s sentence) []outletPhrase {
	var out []outletPhrase
	for k := s.t0; k < s.t1; k++ {
		c, n, ok := d.cueAt(k)
		if ok && c.class.saying() {
			out = append(out, d.carriedBy(k+n, s)...)
		}
		if !ok || c.class != cueInterview && c.class != cueTell {
			continue
		}
		j := k + n
		if o, end := d.outletAfter(j, s); o >= 0 {
			from := k
			if from-2 >= s.t0 && d.toks[from-2].lower == "in" {
				from -= 2
			}
			out = append(out, outletPhrase{ent: o, span: [2]int{from, end}, at: k, told: c.class == cueTell})
		}
	}
	return out
}

// refersBack reports whether the cue at k refers to what came before:
// "stated this", "said so", or a sentence that begins "This follows from".
func (d *document) refersBack(k int, s sentence) bool {
	if k+1 < s.t1 {
		next := d.toks[k+1].lower
		if (next == "this" || next == "so") && (k+2 >= s.t1 || !isWord(d.toks[k+2].text)) {
			return true
		}
	}
	first := d.toks[s.t0].lower
	return (first == "this" || first == "that") && k > s.t0+1 && slices.ContainsFunc(d.toks[s.t0+1:k], func(t token) bool {
		return t.lower == "by" || t.lower == "from" || t.lower == "follows"
	})
}

func isWord(s string) bool {
	r := []rune(s)[0]
	return r == '_' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 127 && !isDoubleQuote(r) && !isSingleQuote(r)
}

// verbClaim finds the speaker of the speech verb at k: the subject before
// it, skipping descriptions in commas ("Andrii Yusov, a representative of
// ..., stated"; "A Houthi spokesman, Mohammed Abdulsalam, told"), the
// main clause's subject after "and" ("Peskov called it rabid and said"),
// or, when nothing precedes it in its clause ("…," said the head of
// Defense Intelligence), the noun phrase after it. A verb inside what
// someone else said ("Grossi said IAEA experts had confirmed") and a verb
// whose subject is an anonymous source ("a source in the agency told")
// give no claim.
func (d *document) verbClaim(k int, s scope) (claim, bool) {
	// The clause before the verb starts after a closing quote.
	cl := k
	for cl > s.t0 && !isDoubleQuote([]rune(d.toks[cl-1].text)[0]) {
		cl--
	}
	var segs [][2]int
	for b, j := k, k-1; ; j-- {
		// A comma inside a name ("the University of California,
		// Berkeley") splits no clause.
		if j < cl || d.toks[j].text == "," && !d.insideMention(j) || d.toks[j].text == ";" {
			segs = append(segs, [2]int{j + 1, b})
			b = j
			if j < cl {
				break
			}
		}
	}
	if d.anonymous(cl, k, s.sentence) {
		return claim{}, false
	}
	// "was rejected by the minister": the speaker is the agent, and there
	// is none without "by".
	if d.passive(k, s.sentence) {
		if k+1 < s.t1 && d.toks[k+1].lower == "by" {
			if ent, end := d.npAt(k+2, s); ent >= 0 {
				return claim{speaker: ent, attr: [][2]int{{k, end}}}, true
			}
		}
		return claim{}, false
	}
	// "Jane Roe, who said": the name before the relative pronoun.
	if seg := segs[0]; seg[1]-seg[0] == 1 && (d.toks[seg[0]].lower == "who" || d.toks[seg[0]].lower == "which") && len(segs) > 1 {
		if before := segs[1]; before[1] > before[0] {
			if m := d.outer[before[1]-1]; m >= 0 && d.ms[m].t1 == before[1] {
				return claim{speaker: d.ms[m].ent, attr: [][2]int{{seg[0], d.verbEnd(k, s.sentence)}}}, true
			}
		}
	}
	// "... and said": the subject of the main clause, also when the verb
	// before has an object ("Lopez blasted Hale over the cuts and said").
	if and := d.andBefore(k, segs[0]); and >= 0 {
		ent, subj := d.mainSubject(s, k)
		if ent < 0 {
			return claim{}, false
		}
		return claim{speaker: ent, attr: [][2]int{subj, {and, d.verbEnd(k, s.sentence)}}}, true
	}
	// segs[0] is the nearest segment before the verb. When it is empty,
	// the verb follows a comma: only a name in commas after a description
	// or a name before descriptions in commas lets the subject stand
	// before it.
	first := 0
	if len(segs) > 1 && segs[0][1]-segs[0][0] == 1 && legalForms[d.toks[segs[0][0]].text] {
		first = 1 // "Halden Capital, LLC said": the company before its legal form
	} else if segs[0][0] >= segs[0][1] || d.auxiliaries(segs[0]) {
		first = len(segs)
		if cl < k && len(segs) > 1 {
			first = d.nameBeforeDescriptions(segs)
		}
	}
	for i := first; i < len(segs) && i < first+3; i++ {
		seg := segs[i]
		if i+1 < len(segs) && d.appositive(seg) && d.endsWithPerson(segs[i+1]) {
			continue
		}
		ent := d.subjectIn(seg, s)
		if ent < 0 || d.embedded(seg, s.sentence) {
			return claim{}, false
		}
		// The whole segment before the verb is attribution: "Israeli Prime
		// Minister Benjamin Netanyahu said" is not about Israel; so are
		// descriptions in commas around the name ("Malaysia's Prime
		// Minister, Najib Razak, said").
		start := seg[0]
		for j := i + 1; j < len(segs) && d.title(segs[j]); j++ {
			start = segs[j][0]
		}
		return claim{speaker: ent, attr: [][2]int{{start, d.verbEnd(k, s.sentence)}}}, true
	}
	if c, _, _ := d.cueAt(k); c.class == cueTell {
		return claim{}, false // what follows "told" is the audience
	}
	j := k + 1
	if j < s.t1 && d.toks[j].lower == "by" {
		j++
	}
	ent, end := d.npAt(j, s)
	if ent < 0 {
		ent, end = d.titledPersonAt(j, s.sentence)
	}
	if ent < 0 || end < s.t1 && clauseVerb(d.toks[end].tag) {
		// "Netanyahu, speaking at a cabinet meeting, said Israel would
		// press on": a name the verb of a clause follows is that clause's
		// subject, what was said, not who said it.
		return claim{}, false
	}
	// The rest of the clause after the speaker describes them.
	for end < s.t1 && d.toks[end].text != ";" && !isSentenceEnd(d.toks[end].text) && !isDoubleQuote([]rune(d.toks[end].text)[0]) {
		end++
	}
	return claim{speaker: ent, attr: [][2]int{{k, end}}}, true
}

// insideMention reports whether token k lies inside a mention, neither its
// first nor its last token.
func (d *document) insideMention(k int) bool {
	m := d.outer[k]
	return m >= 0 && d.ms[m].t0 < k && d.ms[m].t1 > k+1
}

// outletSource reports whether sentence s names an outlet as its source
// ("according to ABC News").
func (d *document) outletSource(s sentence) bool {
	for k := s.t0; k < s.t1; k++ {
		if np := d.sourceAt(k); np >= 0 {
			if o, _ := d.outletAfter(np, s); o >= 0 {
				return true
			}
		}
	}
	return false
}

// otherSpeech returns where clauses of sentence s start that report
// another, unnamed speaker: a comma and a conjunction ("but", "while",
// "whereas", "although", "though") before a speech verb that gives none of
// the claims found, with no verb between them.
func (d *document) otherSpeech(s sentence, inQuote []bool, claims []claim) []int {
	var cuts []int
	for k := s.t0; k < s.t1; k++ {
		c, _, ok := d.cueAt(k)
		if !ok || inQuote[k-s.t0] || !c.class.saying() || !finiteTag(d.toks[k].tag) && d.toks[k].tag != "VBP" ||
			slices.ContainsFunc(claims, func(cl claim) bool { return cl.at == k }) {
			continue
		}
		for j := k - 1; j > s.t0 && j >= k-8; j-- {
			w := d.toks[j].lower
			if strings.HasPrefix(d.toks[j].tag, "VB") || inQuote[j-s.t0] {
				break
			}
			if (w == "but" || w == "while" || w == "whereas" || w == "although" || w == "though") && d.toks[j-1].text == "," {
				cuts = append(cuts, j-1)
				break
			}
		}
	}
	return cuts
}

// colonClaim reads a sentence without a speech cue whose clause ends with
// a colon before a quotation, in the sentence or in the paragraph after it:
// the subject of its main verb said the quotation ("Sunak defended the
// record: \"We are working ...\"", "The ministry posted on X:"). The
// subject must be named; an outlet there carries the story.
func (d *document) colonClaim(si int, s scope) (claim, bool) {
	in := d.quoted(s.sentence)
	colon := -1
	for k := s.t0; k < s.t1; k++ {
		if d.toks[k].text == ":" && !in[k-s.t0] {
			if k+1 < s.t1 && isDoubleQuote(firstRune(d.toks[k+1].text)) || k == s.t1-1 && d.quotedAfterColon(si) > si {
				colon = k
			}
			break
		}
	}
	if colon < 0 || isDoubleQuote(firstRune(d.toks[s.t0].text)) {
		return claim{}, false
	}
	verb := -1
	for k := s.t0; k < colon; k++ {
		if t := d.toks[k].tag; (t == "VBD" || t == "VBZ" || t == "VBP") && !in[k-s.t0] {
			verb = k
			break
		}
	}
	if verb <= s.t0 {
		return claim{}, false
	}
	from := verb
	for from > s.t0 && d.toks[from-1].text != "," {
		from--
	}
	ent := d.subjectIn([2]int{from, verb}, s)
	if ent < 0 || d.ents[ent].outlet {
		return claim{}, false
	}
	return claim{speaker: ent, cue: "said", at: verb, attr: [][2]int{{s.t0, colon + 1}}}, true
}

// describedEnd returns the end of a description in commas right after a
// source's name at token end ("according to Jane Roe, the commander of
// Ukraine's southern forces, ..."): who the source is, not what it said.
// It returns end when no description follows.
func (d *document) describedEnd(end int, s sentence) int {
	if end+1 >= s.t1 || d.toks[end].text != "," {
		return end
	}
	j := end + 1
	for j < s.t1 && d.toks[j].text != "," && d.toks[j].text != ";" && !isSentenceEnd(d.toks[j].text) && !isDoubleQuote(firstRune(d.toks[j].text)) {
		j++
	}
	seg := [2]int{end + 1, j}
	if !d.appositive(seg) && !d.title(seg) {
		return end
	}
	for k := seg[0]; k < seg[1]; k++ {
		if t := d.toks[k].tag; t == "VBD" || t == "VBZ" || t == "VBP" {
			return end // a clause, not a description
		}
	}
	return j
}

// clauseVerb reports whether a part-of-speech tag is that of a finite
// verb or a modal ("would", "has", "is"), which starts a clause's
// predicate.
func clauseVerb(tag string) bool {
	return tag == "MD" || tag == "VBD" || tag == "VBZ" || tag == "VBP"
}

// titledPersonAt returns the person named after titles in capitals at
// token j ("said Representative Jodey Arrington", "said Rep. Tom Hale")
// and the token after the name, or -1.
func (d *document) titledPersonAt(j int, s sentence) (int, int) {
	k := j
	// "Texas Gov. Greg Abbott", "New York Mayor Eric Adams": a place, then
	// the title.
	for n := 1; n <= 2 && k+n < s.t1 && d.roleAt(k, s.t1) == 0; n++ {
		if p := d.mentionAt(k + n - 1); !isCap(d.toks[k+n-1].text) || p >= 0 && d.ms[p].kind == graph.KindPerson {
			break
		}
		if r := d.roleAt(k+n, s.t1); r > 0 && isCap(d.toks[k+n].text) {
			k += n
			break
		}
	}
	for r := d.roleAt(k, s.t1); r > 0 && isCap(d.toks[k].text); r = d.roleAt(k, s.t1) {
		k += r
	}
	if p := d.mentionAt(k); k > j && p >= 0 && d.ms[p].kind == graph.KindPerson {
		return d.ms[p].ent, d.ms[p].t1
	}
	return -1, j
}

// passive reports whether the verb at k is a past participle after a form
// of "be", perhaps with an adverb between ("was reportedly rejected").
func (d *document) passive(k int, s sentence) bool {
	if d.toks[k].tag != "VBN" && d.toks[k].tag != "VBD" {
		return false
	}
	for j := k - 1; j >= s.t0 && j >= k-2; j-- {
		switch d.toks[j].lower {
		case "was", "were", "is", "are", "been", "be", "being":
			return true
		}
		if !strings.HasPrefix(d.toks[j].tag, "RB") {
			return false
		}
	}
	return false
}

// auxiliaries reports whether a clause segment holds only auxiliaries,
// modals and adverbs ("has", "also", "will later"): the verb after a
// description in commas that they lead to still has its subject before the
// commas ("Jane Roe, a former member, has claimed").
func (d *document) auxiliaries(seg [2]int) bool {
	if seg[0] >= seg[1] {
		return false
	}
	for j := seg[0]; j < seg[1]; j++ {
		switch t := d.toks[j]; {
		case strings.HasPrefix(t.tag, "RB"), t.tag == "MD":
		case t.lower == "has" || t.lower == "have" || t.lower == "had" || t.lower == "was" || t.lower == "is" || t.lower == "were":
		default:
			return false
		}
	}
	return true
}

// andBefore returns the token of the "and" that joins the verb at k to an
// earlier verb of its clause seg (perhaps with an adverb between: "and
// later said"), or -1: seg is "and" alone after a comma, or holds a finite
// verb before it.
func (d *document) andBefore(k int, seg [2]int) int {
	and := k - 1
	if and > seg[0] && strings.HasPrefix(d.toks[and].tag, "RB") {
		and--
	}
	if and < seg[0] || d.toks[and].lower != "and" {
		return -1
	}
	if and == seg[0] {
		return and
	}
	for j := seg[0]; j < and; j++ {
		if t := d.toks[j].tag; t == "VBD" || t == "VBZ" || t == "VBP" {
			return and
		}
	}
	return -1
}

// nameBeforeDescriptions returns the index of the comma segment (segs
// run backwards from a verb that follows a comma) that names the speaker,
// or len(segs): segs[1] when it is a person's name alone, perhaps after
// titles ("A Houthi spokesman, Mohammed Abdulsalam, told"), else the first segment after one
// or more descriptions that ends with a person ("Larry Hu, chief China
// economist at Macquarie, told") or, after "who" or "which", with any
// entity ("Rosatom, which has controlled the plant since 2022, blamed";
// "Russia and China, both permanent members, said").
func (d *document) nameBeforeDescriptions(segs [][2]int) int {
	// "The Pentagon's press secretary, Brig. Gen. Pat Ryder, said".
	if seg := segs[1]; seg[1] > seg[0] {
		if m := d.outer[seg[1]-1]; m >= 0 && d.ms[m].kind == graph.KindPerson && d.ms[m].t1 == seg[1] && d.capitalized(seg[0], d.ms[m].t0) {
			return 1
		}
	}
	i := 1
	relative, asides := false, true
	for i < len(segs) && i <= 4 && !(i > 1 && d.theOrg(segs[i]) && d.describesOrg(segs[1:i])) &&
		(d.description(segs[i]) || i+1 < len(segs) && d.placeAfter(segs[i]) && d.description(segs[i+1])) {
		w := d.toks[segs[i][0]].lower
		// "Halden Capital, LLC, said": a legal form says the name before
		// it is a company's.
		relative = relative || w == "who" || w == "which" || w == "whose" || w == "both" || legalForms[d.toks[segs[i][0]].text]
		asides = asides && d.aside(d.toks[segs[i][0]])
		i++
	}
	// "Hamas, in a statement, said", "Obama, in a rare rebuke, warned":
	// asides about how it was said, after any name.
	relative = relative || asides
	// "A spokesperson for ByteDance, which owns TikTok, said": a relative
	// clause right before the verb, and the clause's first segment, read
	// as a description, is its subject.
	if i >= len(segs) && len(segs) >= 3 {
		if w := d.toks[segs[1][0]].lower; w == "who" || w == "which" || w == "whose" {
			return len(segs) - 1
		}
	}
	if i == 1 || i >= len(segs) {
		return len(segs)
	}
	if d.endsWithPerson(segs[i]) {
		return i
	}
	// "Zentrix, the world's biggest chipmaker, said": an organization
	// that a noun for one describes.
	if last := segs[i][1] - 1; last >= segs[i][0] && d.describesOrg(segs[1:i]) {
		if m := d.outer[last]; m >= 0 && d.ms[m].t1 == segs[i][1] && d.ms[m].kind == graph.KindOrganization {
			return i
		}
	}
	if last := segs[i][1] - 1; relative && last >= segs[i][0] {
		if m := d.outer[last]; m >= 0 && d.ms[m].t1 == segs[i][1] {
			return i
		}
	}
	return len(segs)
}

// describesOrg reports whether one of the comma segments segs is an
// article and a description that a noun for an organization ends ("the
// world's biggest chipmaker", "a Seoul-based lender", "a Washington think
// tank"), or that goes on in lower case after one ("a lender based in
// Oslo", "a group that tracks ships"; not "a unit of X", "the firm's
// chief").
func (d *document) describesOrg(segs [][2]int) bool {
	for _, seg := range segs {
		if seg[1]-seg[0] < 2 {
			continue
		}
		switch d.toks[seg[0]].lower {
		case "a", "an", "the":
		default:
			continue
		}
		// A description is short: its noun comes within a few words.
		for k := seg[0] + 1; k < seg[1] && k <= seg[0]+6; k++ {
			w := d.toks[k].lower
			if !(d.t.orgNoun[w] || w == "tank" && d.toks[k-1].lower == "think") {
				continue
			}
			if k+1 == seg[1] {
				return true
			}
			if next := d.toks[k+1]; !isCap(next.text) && isWord(next.text) && next.lower != "of" {
				return true
			}
		}
	}
	return false
}

// theOrg reports whether a comma segment is "the" and an organization's
// name, no description ("The Kiel Institute, a research group, said").
func (d *document) theOrg(seg [2]int) bool {
	if seg[1]-seg[0] < 2 || d.toks[seg[0]].lower != "the" {
		return false
	}
	m := d.outer[seg[1]-1]
	return m >= 0 && d.ms[m].kind == graph.KindOrganization && d.ms[m].t0 == seg[0]+1 && d.ms[m].t1 == seg[1]
}

// description reports whether a comma segment describes someone rather
// than names them: it starts with an article, a relative or possessive
// pronoun or a lower-case word ("chief China economist at Macquarie"), with
// a possessive name and a lower-case word ("Gavi's chief programme
// officer"), or ends with a role ("Panama coach", "Malaysia's Prime
// Minister").
func (d *document) description(seg [2]int) bool {
	if seg[1] <= seg[0] {
		return false
	}
	first := d.toks[seg[0]]
	switch first.lower {
	case "a", "an", "the", "who", "which", "whose", "his", "her", "its", "their":
		return true
	}
	if !isCap(first.text) {
		return isWord(first.text)
	}
	for j := seg[0] + 1; j+1 < seg[1] && j <= seg[0]+3; j++ {
		if t := d.toks[j].text; (t == "'s" || t == "’s") && !isCap(d.toks[j+1].text) {
			return true
		}
	}
	// "Tom Molomby, SC, said": letters after a name; "Halden Capital,
	// LLC said", "Brenmark, Inc. said": a company's legal form.
	if seg[1]-seg[0] == 1 && (len(first.text) <= 3 && isAcronym(first.text) || legalForms[first.text]) {
		return true
	}
	// "John Cornyn, Republican of Texas, said", "Nancy Ellery, Democrat
	// from California, told": a legislator's party and state in words.
	if seg[1]-seg[0] >= 3 && (partyMembers[first.text] || first.text == "Independent") &&
		(d.toks[seg[0]+1].lower == "of" || d.toks[seg[0]+1].lower == "from") {
		return true
	}
	// "Mike Johnson, R-La., told": a legislator's party and state.
	if seg[1]-seg[0] <= 2 && partyState.MatchString(first.text) && (seg[1]-seg[0] == 1 || d.toks[seg[0]+1].text == ".") {
		return true
	}
	// "USI associate professor of art history": a name, then a role in
	// lower case (but "Major general Fuad Basya" is a title and a name).
	if !d.endsWithPerson(seg) {
		for j := seg[0] + 1; j < seg[1] && j <= seg[0]+3; j++ {
			if !isCap(d.toks[j].text) && d.roleAt(j, seg[1]) > 0 {
				return true
			}
		}
	}
	// "Panama coach", "Malaysia's Prime Minister": a name and a role.
	for n := 1; n <= d.t.roleMaxWords && seg[1]-n > seg[0]; n++ {
		if d.roleAt(seg[1]-n, seg[1]) == n {
			return true
		}
	}
	return false
}

// partyState matches a US legislator's party and state as written after
// the name ("R-La", "D-N.Y", "I-Vt", "R-Texas"; the tokenizer splits off a
// final period).
var partyState = regexp.MustCompile(`^(R|D|I|Ind)-[A-Z][A-Za-z.]{1,12}$`)

// personTitled returns the person named last before token k, in its
// sentence or the three before, with the title that tokens [k, k+n) end
// with: right before the name ("Foreign Minister Tom Hale") or in commas
// after it ("Maria Lopez, a senator from Ohio,"); or -1.
func (d *document) personTitled(k, n int) int {
	title := d.toks[k+n-1].lower
	sent := d.toks[k].sent
	for j := k - 1; j >= 0 && d.toks[j].sent >= sent-3; j-- {
		m := d.outer[j]
		if m < 0 || d.ms[m].t1-1 != j || d.ms[m].kind != graph.KindPerson {
			continue
		}
		t0, t1 := d.ms[m].t0, d.ms[m].t1
		for t := t0 - 1; t >= 0 && t >= t0-4 && d.toks[t].sent == d.toks[t0].sent; t-- {
			if d.toks[t].lower == title {
				return d.ms[m].ent
			}
		}
		if t1 < len(d.toks) && d.toks[t1].text == "," {
			for t := t1 + 1; t < len(d.toks) && t <= t1+8 && d.toks[t].text != "," && d.toks[t].sent == d.toks[t1].sent; t++ {
				if d.toks[t].lower == title {
					return d.ms[m].ent
				}
			}
		}
	}
	return -1
}

// capitalized reports whether the tokens [i, j) are all capitalized
// words, as titles before a name are.
func (d *document) capitalized(i, j int) bool {
	for k := i; k < j; k++ {
		if !isCap(d.toks[k].text) {
			return false
		}
	}
	return true
}

// placeAfter reports whether a comma segment is one or two capitalized
// words that name no person, as the place that ends a description does
// ("curator at the University of Arkansas, Fayetteville, said").
func (d *document) placeAfter(seg [2]int) bool {
	if n := seg[1] - seg[0]; n < 1 || n > 2 {
		return false
	}
	for j := seg[0]; j < seg[1]; j++ {
		if !isCap(d.toks[j].text) {
			return false
		}
		if m := d.outer[j]; m >= 0 && d.ms[m].kind == graph.KindPerson {
			return false
		}
	}
	return true
}

// title reports whether a comma segment before a name is its title: a
// description without a verb that holds a role ("Malaysia's Prime
// Minister, Najib Razak, said", "The secretary general of CEI (Italian
// Episcopal Conference), Nunzio Galantino, has called").
func (d *document) title(seg [2]int) bool {
	if seg[1]-seg[0] > 12 || !d.description(seg) {
		return false
	}
	role := false
	for j := seg[0]; j < seg[1]; j++ {
		if strings.HasPrefix(d.toks[j].tag, "VB") {
			return false
		}
		role = role || d.roleAt(j, seg[1]) > 0
	}
	return role
}

// embedded reports whether a subject segment holds another speech verb
// before its last words: the verb at hand is then part of what someone
// else said ("Grossi said IAEA experts had confirmed").
func (d *document) embedded(seg [2]int, s sentence) bool {
	for j := seg[0]; j < seg[1]; j++ {
		if c, _, ok := d.cueAt(j); ok && strings.HasPrefix(d.toks[j].tag, "VB") && d.toks[j].tag != "VBG" &&
			c.class != cueSource && d.outer[j] < 0 {
			return true
		}
	}
	return false
}

// anonymous reports whether the subject in tokens [i, k) is an unnamed
// source ("a source in the agency told", "two security sources said") or
// the sentence grants anonymity ("speaking on condition of anonymity").
func (d *document) anonymous(i, k int, s sentence) bool {
	for j := s.t0; j < s.t1; j++ {
		switch d.toks[j].lower {
		case "source", "sources", "insider", "insiders":
			if j >= i && j < k {
				return true
			}
		case "anonymity":
			return true
		}
	}
	return false
}

// verbEnd returns the token after the verb at k and its object when that
// object is "this" or "so", or the audience: whom it told or asked, or
// spoke "to".
func (d *document) verbEnd(k int, s sentence) int {
	end := k + 1
	if end < s.t1 && (d.toks[end].lower == "this" || d.toks[end].lower == "so") {
		return end + 1
	}
	j := end
	if c, _, _ := d.cueAt(k); c.class != cueTell && c.class != cueAsk {
		if j+1 >= s.t1 || d.toks[j].lower != "to" {
			return end
		}
		j++ // "said to Netanyahu", "tweeted to Mohamed"
	}
	if a := d.audienceEnd(j, s); a > j {
		return a
	}
	return end
}

// audienceEnd returns the token after the audience named at token j, whom
// a speaker told or asked: a name ("told Netanyahu", "asked the Security
// Council"), perhaps after a description of the person ("told Israeli
// Prime Minister Benjamin Netanyahu", "told her Russian counterpart
// Sergei Lavrov"); j when no name comes within a few words. The audience
// is the frame of a statement, not what it is about.
func (d *document) audienceEnd(j int, s sentence) int {
	k := j
	if k < s.t1 {
		switch d.toks[k].lower {
		case "the", "his", "her", "its", "their", "a", "an":
			k++
		}
	}
	for n := 0; k < s.t1 && n < 6; n++ {
		if m := d.mentionAt(k); m >= 0 {
			if d.ms[m].kind == graph.KindPerson {
				return d.ms[m].t1
			}
			// "Israeli Prime Minister Benjamin Netanyahu", or a name
			// that is the audience itself.
			e, end := d.npAt(k, scope{sentence: s, lastPerson: -1})
			if e >= 0 && end > k {
				if d.ents[e].kind == graph.KindPerson || n == 0 {
					return end
				}
			}
			if d.ms[m].kind != graph.KindCountry || d.ms[m].form != formDemonym {
				return j
			}
			k = d.ms[m].t1
			continue
		}
		if r := d.roleAt(k, s.t1); r > 0 {
			k += r
			continue
		}
		// Words in lower case that describe the person ("counterpart",
		// "former", "visiting").
		t := d.toks[k]
		if isCap(t.text) || !isWord(t.text) || !strings.HasPrefix(t.tag, "NN") && !strings.HasPrefix(t.tag, "JJ") && t.tag != "VBG" {
			break
		}
		k++
	}
	// An audience named by a description alone ("told Chinese media
	// that", "told reporters Russia would"), which ends with a noun.
	if k > j && k < s.t1 && strings.HasPrefix(d.toks[k-1].tag, "NN") && !isCap(d.toks[k-1].text) {
		return k
	}
	return j
}

// appositive reports whether a comma segment describes rather than names:
// it starts with "a", "an", "the" or "who" followed by a lower-case word.
func (d *document) appositive(seg [2]int) bool {
	w := d.toks[seg[0]].lower
	if w == "who" || w == "which" {
		return true
	}
	return (w == "a" || w == "an" || w == "the") && seg[0]+1 < seg[1] && !isCap(d.toks[seg[0]+1].text)
}

func (d *document) endsWithPerson(seg [2]int) bool {
	end := d.bracketBefore(seg)
	if end <= seg[0] {
		return false
	}
	m := d.outer[end-1]
	return m >= 0 && d.ms[m].kind == graph.KindPerson && d.ms[m].t1 == end
}

// bracketBefore returns where segment seg ends before a closing bracketed
// note about a name ("Rep. Jane Roe (D-Ga.)", "Jane Roe (58)"), or seg's
// end.
func (d *document) bracketBefore(seg [2]int) int {
	end := seg[1]
	if end-seg[0] < 3 || d.toks[end-1].text != ")" {
		return end
	}
	for j := end - 2; j > seg[0] && j >= end-5; j-- {
		if d.toks[j].text == "(" {
			return j
		}
	}
	return end
}

// subjectIn returns the speaker a clause segment names: the last person,
// pronoun, role description or other entity in it; a name after
// "of"/"for"/"from" ("Budanov of the HUR") gives way to a person before it.
func (d *document) subjectIn(seg [2]int, s scope) int {
	ent, person := -1, -1
	for k := seg[0]; k < seg[1]; k++ {
		e, end := d.npAt(k, s)
		if e < 0 {
			continue
		}
		if d.ents[e].kind == graph.KindPerson {
			person = e
		}
		ent = e
		if prev := k - 1; prev >= seg[0] && person >= 0 && person != e {
			if w := d.toks[prev].lower; w == "of" || w == "for" || w == "from" || w == "the" {
				ent = person
			}
		}
		k = max(k, end-1)
	}
	return ent
}

// npAt returns the entity a noun phrase at token k names and the token
// after it, or -1: a pronoun (the last person speaker), a mention, or a
// role description ("the head of Defense Intelligence": the person the
// text gave that role, else the organization). A person named right after
// a description in commas wins ("the head of ..., Kyrylo Budanov").
func (d *document) npAt(k int, s scope) (int, int) {
	if k < s.t1 && (d.toks[k].lower == "the" || d.toks[k].lower == "a" || d.toks[k].lower == "an") {
		k++
	}
	if k >= s.t1 {
		return -1, k
	}
	ent, end := -1, k
	switch {
	case personPronouns[d.toks[k].lower]:
		// The nearest person before it in its sentence ("Habeck welcomed
		// the deal, though he said") or the subject of the sentence before
		// ("Kane won the award. He said"), else the last person who spoke.
		ent, end = d.antecedent(k, s), k+1
	case k > s.t0 && d.toks[k-1].lower == "the" && !isCap(d.toks[k].text) && d.describedOrg(k) >= 0:
		ent, end = d.describedOrg(k), k+1
	case k > s.t0 && d.toks[k-1].lower == "the" && d.modifiedOrg(k, s) >= 0:
		// "The U.N. agency said", "the Chinese tech giant said": the
		// organization named before that the noun describes.
		m := d.mentionAt(k)
		ent, end = d.modifiedOrg(k, s), d.ms[m].t1+1
	case k > s.t0 && d.toks[k-1].lower == "the" && d.describedPersonEnd(k, s) > k:
		// "The Texas senator said", "the former House speaker said", "The
		// 98-year-old said": the person named before.
		end = d.describedPersonEnd(k, s)
		ent = d.personTitled(end-1, 1)
		if ent < 0 {
			ent = d.antecedent(k, s)
		}
	case k > s.t0 && d.toks[k-1].lower == "the" && d.partyMemberEnd(k, s.sentence) > k:
		// "The Kentucky Republican said": the person named before.
		ent, end = d.antecedent(k, s), d.partyMemberEnd(k, s.sentence)
	case d.mentionAt(k) >= 0:
		m := d.mentionAt(k)
		ent, end = d.ms[m].ent, d.ms[m].t1
	default:
		n := d.roleAt(k, s.t1)
		if n == 0 || isCap(d.toks[k].text) && k != s.t0 {
			return -1, k
		}
		o := d.orgAfterOf(k+n, s.sentence)
		if o < 0 {
			// "President Anna Berg visited Kyiv. The president said": the
			// person named before with that title.
			if k > s.t0 && d.toks[k-1].lower == "the" {
				if p := d.personTitled(k, n); p >= 0 {
					return p, k + n
				}
			}
			return -1, k
		}
		ent, end = d.ms[o].ent, d.chainEnd(o, s.sentence)
		role := d.role(k, n) + " of"
		for _, af := range d.affs {
			if af.org == ent && af.role == role {
				ent = af.person
				break
			}
		}
	}
	if ent < 0 || d.ents[ent].kind == graph.KindPerson {
		return ent, end
	}
	if m := d.mentionAt(k); m >= 0 && d.ms[m].kind == graph.KindCountry && d.ms[m].form == formDemonym && !d.ms[m].government &&
		end < s.t1 && !isCap(d.toks[end].text) && strings.HasPrefix(d.toks[end].tag, "NN") {
		// "an Australian woman", "the Afghan team's coach, Alireza
		// Mehraban": the demonym describes someone, perhaps named after
		// the description.
		j := end
		for j < s.t1 && j <= end+4 && !isCap(d.toks[j].text) && (isWord(d.toks[j].text) || d.toks[j].text == "'s" || d.toks[j].text == "’s") {
			j++
		}
		if j+1 < s.t1 && d.toks[j].text == "," {
			if p := d.mentionAt(j + 1); p >= 0 && d.ms[p].kind == graph.KindPerson {
				return d.ms[p].ent, d.ms[p].t1
			}
		}
		return -1, end
	}
	// "Ukraine's Air Force": the possessor is not the speaker; nor is it in
	// "Samoa's lead negotiator, Anne Rasmussen".
	if end+1 < s.t1 && (d.toks[end].text == "'s" || d.toks[end].text == "’s") {
		if p := d.mentionAt(end + 1); p >= 0 && d.ms[p].kind != graph.KindCountry {
			return d.ms[p].ent, d.ms[p].t1
		}
		j := end + 1
		for j < s.t1 && j <= end+4 && !isCap(d.toks[j].text) && isWord(d.toks[j].text) {
			j++
		}
		if j > end+1 && j+1 < s.t1 && d.toks[j].text == "," {
			if p := d.mentionAt(j + 1); p >= 0 && d.ms[p].kind == graph.KindPerson {
				return d.ms[p].ent, d.ms[p].t1
			}
		}
	}
	// "Ukrainian President Volodymyr Zelensky", "NATO Secretary General
	// Jens Stoltenberg": a country or organization, titles, a person;
	// also with words of the title between ("Senate Majority Leader
	// Chuck Schumer").
	if m := d.titledNameAt(end, s); m >= 0 && d.roleAt(end, s.t1) == 0 {
		return d.ms[m].ent, d.ms[m].t1
	}
	j := end
	for n := d.roleAt(j, s.t1); n > 0; n = d.roleAt(j, s.t1) {
		j += n
		// "Afghan Ambassador to the United States Hamdullah Mohib"
		if j+1 < s.t1 && (d.toks[j].lower == "to" || d.toks[j].lower == "of") {
			k := j + 1
			if d.toks[k].lower == "the" {
				k++
			}
			if m := d.mentionAt(k); m >= 0 && d.ms[m].kind != graph.KindPerson {
				j = d.ms[m].t1
			}
		}
	}
	if j > end {
		if p := d.mentionAt(j); p >= 0 && d.ms[p].kind == graph.KindPerson {
			return d.ms[p].ent, d.ms[p].t1
		}
	}
	if end+1 < s.t1 && d.toks[end].text == "," {
		if p := d.mentionAt(end + 1); p >= 0 && d.ms[p].kind == graph.KindPerson {
			ent, end = d.ms[p].ent, d.ms[p].t1
		}
	}
	return ent, end
}

// antecedent returns the person "he" or "she" at token k stands for: the
// first person named before it in its sentence outside quotation marks
// ("Habeck welcomed the deal, though he said"; "Roe's sister begged him,
// but he replied"), else the last person who spoke when the sentence
// before names them, else the first person that sentence names (its
// subject: "Writing in a blog, Jane Roe of the Post called it a war. She
// characterized ..."), else the last person who spoke; -1 when none.
func (d *document) antecedent(k int, s scope) int {
	if p := d.firstPerson(s.t0, k); p >= 0 {
		return p
	}
	if si := d.toks[k].sent; si > 0 {
		prev := d.sents[si-1]
		if s.lastPerson >= 0 && d.names(prev, s.lastPerson) {
			return s.lastPerson
		}
		if p := d.firstPerson(prev.t0, prev.t1); p >= 0 {
			return p
		}
	}
	return s.lastPerson
}

// describedPersonEnd returns the token after a description of a person
// at token k that speaks: modifiers (a place, a demonym, an organization,
// "former") and a role in lower case ("Texas senator", "former House
// speaker", "German leader"), or an age ("98-year-old"), right before a
// verb of saying or after one ("said the German leader"); -1 when there
// is none. A role alone ("the president") is personTitled's.
func (d *document) describedPersonEnd(k int, s scope) int {
	speaks := func(end int) bool {
		if c, _, ok := d.cueAt(end); ok && c.class.saying() {
			return true
		}
		c, _, ok := d.cueAt(k - 2)
		return ok && c.class.saying() && k-2 >= s.t0
	}
	for j := k; j < s.t1 && j < k+4; j++ {
		t := d.toks[j]
		if ageWord(t.lower) {
			if j == k && speaks(j+1) {
				return j + 1
			}
			return -1
		}
		if r := d.roleAt(j, s.t1); r > 0 && !isCap(t.text) {
			if j > k && speaks(j+r) {
				return j + r
			}
			return -1
		}
		if !(isCap(t.text) && isWord(t.text) || t.lower == "former" || t.lower == "veteran") {
			return -1
		}
	}
	return -1
}

// modifiedOrg returns the organization that "the" + a one-word name + a
// noun for an organization at token k describes ("the U.N. agency" after
// "the World Health Organization"), named before the name, or -1.
func (d *document) modifiedOrg(k int, s scope) int {
	m := d.mentionAt(k)
	if m < 0 || d.ms[m].t1 >= s.t1 || d.ms[m].t1-d.ms[m].t0 != 1 || d.ms[m].kind == graph.KindPerson {
		return -1
	}
	n := d.ms[m].t1
	if isCap(d.toks[n].text) || !d.t.orgNoun[d.toks[n].lower] {
		return -1
	}
	if e := d.describedOrgBefore(n, k); e >= 0 && e != d.ms[m].ent {
		return e
	}
	return -1
}

// titledNameAt returns the mention of the person that up to four
// capitalized words of titles, or of a title and what it is of, come right
// before at token k ("Vice President Kamala Harris", "Transportation
// Secretary Pete Buttigieg", "House Speaker Mike Johnson"), or -1.
func (d *document) titledNameAt(k int, s scope) int {
	j := k
	for j < s.t1 && j < k+4 && isCap(d.toks[j].text) && isWord(d.toks[j].text) && d.mentionAt(j) < 0 {
		j++
	}
	if j == k || j >= s.t1 {
		return -1
	}
	if m := d.mentionAt(j); m >= 0 && d.ms[m].kind == graph.KindPerson && d.ms[m].ent >= 0 {
		return m
	}
	return -1
}

// ageWord reports whether w is an age used as a noun ("98-year-old").
func ageWord(w string) bool {
	n, rest, ok := strings.Cut(w, "-year-old")
	return ok && rest == "" && wholeNumber(n)
}

// partyMemberEnd returns the token after a description of a party member
// at token k ("Kentucky Republican", "Vermont independent", "Democrat"),
// or -1.
func (d *document) partyMemberEnd(k int, s sentence) int {
	for j := k; j < s.t1 && j < k+4; j++ {
		w := d.toks[j].text
		if partyMembers[w] || w == "independent" && j > k {
			return j + 1
		}
		if !isCap(w) {
			return -1
		}
	}
	return -1
}

// firstPerson returns the first person named in tokens [i, j) of one
// sentence outside quotation marks, or -1.
func (d *document) firstPerson(i, j int) int {
	if i >= j {
		return -1
	}
	s := d.sents[d.toks[i].sent]
	in := d.quoted(s)
	for k := i; k < j; k++ {
		if m := d.outer[k]; m >= 0 && d.ms[m].kind == graph.KindPerson && !in[k-s.t0] {
			return d.ms[m].ent
		}
	}
	return -1
}

// names reports whether sentence s names entity e outside quotation marks.
func (d *document) names(s sentence, e int) bool {
	in := d.quoted(s)
	for k := s.t0; k < s.t1; k++ {
		if m := d.outer[k]; m >= 0 && d.ms[m].ent == e && !in[k-s.t0] {
			return true
		}
	}
	return false
}

// afterAside returns the token after what may stand between a subject at
// token k and its verb: adverbs ("also", "later"), a day ("on Tuesday"),
// or one aside in commas that opens with a preposition, an adverb or a
// participle (", in a statement,", ", however,", ", speaking at a
// rally,"); k when there is none.
func (d *document) afterAside(k int) int {
	j := k
	if j < len(d.toks) && d.toks[j].text == "," {
		e := j + 1
		if e < len(d.toks) && d.aside(d.toks[e]) {
			for e < len(d.toks) && e <= j+9 && d.toks[e].text != "," && !isSentenceEnd(d.toks[e].text) && !isDoubleQuote(firstRune(d.toks[e].text)) {
				e++
			}
			if e < len(d.toks) && d.toks[e].text == "," {
				return e + 1
			}
		}
		return k
	}
	for n := 0; j < len(d.toks) && n < 2; n++ {
		switch t := d.toks[j]; {
		case strings.HasPrefix(t.tag, "RB") && !isCap(t.text) && t.lower != "not" && t.lower != "n't" && t.lower != "never":
			j++
		case t.lower == "on" && j+1 < len(d.toks) && weekdays[d.toks[j+1].lower]:
			j += 2
		case weekdays[t.lower]:
			j++
		default:
			return j
		}
	}
	return j
}

// aside reports whether a comma segment that starts with t is an aside
// about how or when something was said, not a description of who.
func (d *document) aside(t token) bool {
	return !isCap(t.text) && (t.tag == "IN" && t.lower != "of" || t.tag == "VBG" || strings.HasSuffix(t.lower, "ing") || asideAdverbs[t.lower])
}

// asideAdverbs open asides in commas between a subject and its verb
// ("Zelenskiy, however, said"); other adverbs may open a description
// ("Rita, now a Category 5 storm, threatened").
var asideAdverbs = map[string]bool{"however": true, "meanwhile": true, "also": true, "too": true, "though": true,
	"later": true, "instead": true, "again": true, "nevertheless": true, "separately": true}

// besideCue reports whether a speech verb follows the word ("Nvidia said")
// or precedes it ("said Nvidia", "according to Nvidia").
func (d *document) besideCue(m mention) bool {
	if c, _, ok := d.cueAt(d.afterAside(m.t1)); ok && c.class.saying() {
		return true
	}
	// "Blue Harbor Logistics, which has offices in Oslo, said".
	if d.relativeAfter(m.t1) {
		for k := m.t1 + 2; k+1 < len(d.toks) && k < m.t1+20 && d.toks[k].sent == d.toks[m.t0].sent; k++ {
			if d.toks[k].text == "," {
				c, _, ok := d.cueAt(k + 1)
				return ok && c.class.saying()
			}
		}
	}
	// "said Nvidia", "says Nvidia": a finite verb before the name, not
	// "should say Nvidia".
	if c, _, ok := d.cueAt(m.t0 - 1); ok && c.class == cueSay && finiteTag(d.toks[m.t0-1].tag) {
		return true
	}
	return d.sourceBefore(m.t0, d.sents[d.toks[m.t0].sent])
}

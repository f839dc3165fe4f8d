package extract

import (
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

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

// stmt is a statement being built: its claim and the sentences it covers.
type stmt struct {
	claim
	s0, s1     int // sentences [s0, s1]
	start, end int // byte span
}

// pronouns that stand for a person speaker.
var personPronouns = map[string]bool{"he": true, "she": true, "him": true, "her": true}

// statements finds the statements of the document; see claims for the
// rules of one sentence. A sentence whose only claim is an outlet's report
// ("As the Ukrainian News agency earlier reported, ...") gives its outlet
// to a statement of the next two sentences that refers back to it ("Andrii
// Yusov ... stated this"); otherwise the outlet is the speaker. A speaker
// who spoke to an outlet keeps it for the later statements of the document
// that name no outlet.
func (a *analysis) statements(doc graph.Document, affs []affiliation) []graph.Statement {
	var out []stmt
	covered := make([]bool, len(a.sents))
	lastPerson := -1
	outletOf := map[int][]int{}
	for si := range a.sents {
		claims := a.claims(si, affs, lastPerson)
		var sentOutlets []int
		var speakers []claim
		reports := false
		for _, c := range claims {
			sentOutlets = appendUnique(sentOutlets, c.outlets...)
			if c.outletReport {
				sentOutlets = appendUnique(sentOutlets, c.speaker)
				reports = true
				continue
			}
			if i := slices.IndexFunc(speakers, func(o claim) bool { return o.speaker == c.speaker }); i >= 0 {
				speakers[i].attr = append(speakers[i].attr, c.attr...)
				speakers[i].backRef = speakers[i].backRef || c.backRef
				continue
			}
			speakers = append(speakers, c)
		}
		if len(speakers) == 0 {
			if reports && !a.backRefAhead(si, affs) {
				// The outlet's report names no other speaker: it speaks.
				i := slices.IndexFunc(claims, func(c claim) bool { return c.outletReport })
				c := claims[i]
				c.outlets = slices.DeleteFunc(sentOutlets, func(o int) bool { return o == c.speaker })
				out = append(out, stmt{claim: c, s0: si, s1: si})
				covered[si] = true
			}
			continue
		}
		for k := range speakers {
			c := speakers[k]
			c.outlets = appendUnique(c.outlets, sentOutlets...)
			c.outlets = slices.DeleteFunc(c.outlets, func(o int) bool { return o == c.speaker })
			st := stmt{claim: c, s0: si, s1: si}
			if c.backRef {
				st.s0 = a.backSpan(si, covered)
				if n := len(out); n > 0 && out[n-1].at == c.at && out[n-1].s1 == si {
					// The second of coordinated speakers refers back as far
					// as the first: backSpan would stop at what it covered.
					st.s0 = out[n-1].s0
				}
				for j := st.s0; j < si; j++ {
					// An outlet's report that this statement refers back to.
					for _, cl := range a.claims(j, affs, lastPerson) {
						if cl.outletReport {
							st.outlets = appendUnique(st.outlets, cl.speaker)
						} else {
							st.outlets = appendUnique(st.outlets, cl.outlets...)
						}
					}
				}
			}
			if len(st.outlets) == 0 {
				st.outlets = outletOf[c.speaker]
			} else {
				outletOf[c.speaker] = st.outlets
			}
			for j := st.s0; j <= si; j++ {
				covered[j] = true
			}
			if a.ents[c.speaker].kind == graph.KindPerson {
				lastPerson = c.speaker
			}
			out = append(out, st)
		}
	}
	a.spans(out)
	res := make([]graph.Statement, 0, len(out))
	for _, st := range out {
		res = append(res, a.statement(doc, st))
	}
	slices.SortStableFunc(res, func(x, y graph.Statement) int { return x.Start - y.Start })
	return res
}

// backRefAhead reports whether one of the next two sentences refers back.
func (a *analysis) backRefAhead(si int, affs []affiliation) bool {
	for j := si + 1; j <= si+2 && j < len(a.sents); j++ {
		for _, c := range a.claims(j, affs, -1) {
			if c.backRef && !c.outletReport {
				return true
			}
		}
	}
	return false
}

// backSpan returns the first sentence a back reference in sentence si
// covers: the sentences before it in its paragraph that no statement
// covers yet (at most three), or else the one sentence before it.
func (a *analysis) backSpan(si int, covered []bool) int {
	s0 := si
	for j := si - 1; j >= 0 && si-j <= 3 && !covered[j] && a.sents[j].para == a.sents[si].para; j-- {
		s0 = j
	}
	if s0 == si && si > 0 && !covered[si-1] {
		s0 = si - 1
	}
	return s0
}

// spans gives every statement its byte span; statements of different
// speakers in one sentence split it at the comma or semicolon before the
// later one's attribution, so each keeps its own span. Coordinated
// speakers of one cue ("Russia and China denied") share the span of the
// first of them; their ids differ by speaker.
func (a *analysis) spans(out []stmt) {
	for i := range out {
		out[i].start, out[i].end = a.sents[out[i].s0].start, a.sents[out[i].s1].end
	}
	coordinated := func(i int) bool { return i > 0 && out[i].at == out[i-1].at && out[i].s1 == out[i-1].s1 }
	lead := 0 // the first statement of the previous cue
	for i := 1; i < len(out); i++ {
		if coordinated(i) {
			continue
		}
		p, c := &out[lead], &out[i]
		lead = i
		if p.s1 != c.s1 {
			continue
		}
		cut := c.at
		if len(c.attr) > 0 {
			cut = min(cut, c.attr[0][0])
		}
		for k := cut - 1; k > p.at && k > a.sents[c.s1].t0; k-- {
			if t := a.toks[k].text; t == "," || t == ";" {
				cut = k + 1
				break
			}
		}
		if cut <= p.at {
			cut = p.at + 1
		}
		p.end = a.toks[cut-1].end
		c.start = a.toks[cut].start
		if c.s0 < c.s1 {
			c.s0 = c.s1
		}
	}
	for i := range out {
		if coordinated(i) {
			out[i].s0, out[i].start, out[i].end = out[i-1].s0, out[i-1].start, out[i-1].end
		}
	}
}

// statement builds the graph.Statement of st: About lists the entities
// named in its span outside the attribution, other than the speaker and
// the outlets, in order of first mention.
func (a *analysis) statement(doc graph.Document, st stmt) graph.Statement {
	inAttr := func(k int) bool {
		for _, r := range st.attr {
			if k >= r[0] && k < r[1] {
				return true
			}
		}
		return false
	}
	about := []graph.EntityRef{}
	seen := map[int]bool{st.speaker: true}
	for _, o := range st.outlets {
		seen[o] = true
	}
	// Only the tokens of its sentences: looking at every token of the
	// document for every statement was quadratic in the document.
	for k := a.sents[st.s0].t0; k < a.sents[st.s1].t1; k++ {
		if a.toks[k].start < st.start || a.toks[k].end > st.end || inAttr(k) {
			continue
		}
		for _, m := range a.byToken[k] {
			e := a.ms[m].ent
			if !seen[e] {
				seen[e] = true
				about = append(about, a.ref(e))
			}
		}
	}
	reported := []graph.EntityRef{}
	for _, o := range st.outlets {
		reported = append(reported, a.ref(o))
	}
	return graph.Statement{
		ID:         graph.StatementID(doc.ID, st.start, st.end, a.ents[st.speaker].id),
		DocumentID: doc.ID,
		Speaker:    a.ref(st.speaker),
		About:      about,
		ReportedBy: reported,
		Text:       a.text[st.start:st.end],
		Quote:      quotes(a.text[st.start:st.end]),
		Cue:        st.cue,
		Date:       doc.Date,
		Start:      st.start,
		End:        st.end,
	}
}

func (a *analysis) ref(e int) graph.EntityRef {
	return graph.EntityRef{ID: a.ents[e].id, Kind: a.ents[e].kind, Name: a.ents[e].name}
}

// quotes returns the words between quotation marks in s, joined by a
// space; "" when there are none or a quotation does not close.
func quotes(s string) string {
	var parts []string
	start := -1
	for i, r := range s {
		if !isDoubleQuote(r) {
			continue
		}
		opening := r == '“' || r == '«' || r == '„' || (r == '"' && start < 0)
		if opening && start < 0 {
			start = i + len(string(r))
		} else if start >= 0 {
			parts = append(parts, strings.TrimSpace(s[start:i]))
			start = -1
		}
	}
	return strings.Join(parts, " ")
}

// claims returns the attributions of sentence si. Cues inside quotation
// marks are part of what was said and are skipped. lastPerson is the last
// person who spoke before the sentence; "he" and "she" stand for them.
func (a *analysis) claims(si int, affs []affiliation, lastPerson int) []claim {
	s := a.sents[si]
	inQuote := a.quoted(s)
	var out []claim
	interview := a.interviewOutlets(s)
	for k := s.t0; k < s.t1; k++ {
		cue, ok := a.t.cues[a.toks[k].lower]
		if !ok || inQuote[k] {
			continue
		}
		var c claim
		switch w := a.toks[k].lower; {
		case w == "according" || w == "citing":
			np := k + 1
			if w == "according" {
				if k+1 >= s.t1 || a.toks[k+1].lower != "to" {
					continue
				}
				np++
			}
			ent, end := a.npAt(np, s, affs, lastPerson)
			if o, oend := a.outletAfter(np, s); o >= 0 {
				// "according to Chinese state broadcaster CCTV"
				ent, end = o, oend
			}
			if ent < 0 {
				continue
			}
			c = claim{speaker: ent, attr: [][2]int{{k, end}}}
			c.outletReport = a.ents[ent].outlet
		case w == "statement":
			if k+1 >= s.t1 || (a.toks[k+1].lower != "by" && a.toks[k+1].lower != "from") {
				continue
			}
			ent, end := a.npAt(k+2, s, affs, lastPerson)
			if ent < 0 {
				continue
			}
			c = claim{speaker: ent, attr: [][2]int{{k, end}}}
		default:
			// "reports", "claims", "notes" as nouns are no cues; nor is a
			// denied verb ("has not confirmed"), nor "called" that quotes
			// or asks for nothing ("called a meeting").
			tag := a.toks[k].tag
			if strings.HasPrefix(tag, "NN") || a.negated(k, s) || cue == "called" && !a.callsSomething(k, s) {
				continue
			}
			var ok bool
			if tag == "VBG" || strings.HasSuffix(a.toks[k].lower, "ing") {
				// "adding", "saying" continue a statement already
				// attributed, or else the main clause's subject's: "The
				// ministry criticized the visit, saying ...".
				if len(out) > 0 {
					continue
				}
				c, ok = a.participleClaim(k, s, affs, lastPerson)
			} else {
				c, ok = a.verbClaim(k, s, affs, lastPerson)
			}
			if !ok {
				continue
			}
			if a.ents[c.speaker].outlet && (cue == "reported" || cue == "said" || cue == "wrote") {
				c.outletReport = true
			}
		}
		c.cue, c.at = cue, k
		c.backRef = c.backRef || a.refersBack(k, s)
		for _, iv := range interview {
			c.outlets = appendUnique(c.outlets, iv.ent)
			c.attr = append(c.attr, iv.span)
		}
		out = append(out, c)
		if e, span, ok := a.coordinated(c, s, affs, lastPerson); ok {
			// "Russia and China denied ...": each speaker makes the same
			// statement, and neither is what the other's is about.
			// Clipped, so that appending to or deleting from one claim's
			// slices never changes the other's.
			c.attr = slices.Clip(append(slices.Clip(c.attr), span))
			c.outlets = slices.Clip(c.outlets)
			out[len(out)-1].attr, out[len(out)-1].outlets = c.attr, slices.Clone(c.outlets)
			c.speaker = e
			out = append(out, c)
		}
	}
	return out
}

// coordinated finds a second speaker joined to c's by "and" right before
// its cue ("Kyrylo Budanov and Andrii Yusov told Reuters", "the Federal
// Reserve and the European Central Bank have said", "Russia and China,
// both permanent members, said") or right after it ("according to X and
// Y"). It returns that entity and the tokens of the pair; ok is false when
// there is none, or when one of the two is an outlet and the other is not.
func (a *analysis) coordinated(c claim, s sentence, affs []affiliation, lastPerson int) (int, [2]int, bool) {
	if len(c.attr) == 0 {
		return -1, [2]int{}, false
	}
	at := c.attr[0][0]
	before := at < c.at
	if !before {
		at = c.at + 1
		if at < s.t1 && (a.toks[at].lower == "to" || a.toks[at].lower == "by" || a.toks[at].lower == "from") {
			at++
		}
	}
	e1, end1 := a.npAt(at, s, affs, lastPerson)
	if e1 < 0 || end1+1 >= s.t1 || a.toks[end1].lower != "and" {
		return -1, [2]int{}, false
	}
	e2, end2 := a.npAt(end1+1, s, affs, lastPerson)
	if e2 < 0 || e1 == e2 || a.ents[e1].outlet != a.ents[e2].outlet {
		return -1, [2]int{}, false
	}
	if before && !a.leadsTo(end2, min(c.attr[0][1], c.at), s) {
		return -1, [2]int{}, false
	}
	switch c.speaker {
	case e1:
		return e2, [2]int{at, end2}, true
	case e2:
		return e1, [2]int{at, end2}, true
	}
	return -1, [2]int{}, false
}

// leadsTo reports whether the tokens [j, limit) only join a subject to its
// verb: nothing, up to two auxiliaries or adverbs ("have", "also",
// "jointly"), or a description in commas that starts with "both".
func (a *analysis) leadsTo(j, limit int, s sentence) bool {
	if j+1 < s.t1 && a.toks[j].text == "," && a.toks[j+1].lower == "both" {
		return true
	}
	if limit-j > 2 {
		return false
	}
	for ; j < limit; j++ {
		t := a.toks[j]
		if isCap(t.text) || !(t.tag == "RB" || t.tag == "MD" || strings.HasPrefix(t.tag, "VB")) {
			return false
		}
	}
	return true
}

// negated reports whether "not", "n't" or "never" comes within the two
// words before the cue at k: "Pyongyang has not confirmed the deployment".
func (a *analysis) negated(k int, s sentence) bool {
	for j := k - 1; j >= s.t0 && j >= k-2; j-- {
		if w := a.toks[j].lower; w == "not" || w == "n't" || w == "never" {
			return true
		}
	}
	return false
}

// callsSomething reports whether "called" at k reports words: a quotation
// follows in its clause ("called the deal \"historic\"") or "for" or "on"
// does ("called for restraint").
func (a *analysis) callsSomething(k int, s sentence) bool {
	if a.toks[k].lower == "calling" && k > s.t0 && a.toks[k-1].text == "," {
		return true // ", calling it a provocation"
	}
	if k+1 < s.t1 && (a.toks[k+1].lower == "for" || a.toks[k+1].lower == "on") {
		return true
	}
	for j := k + 1; j < s.t1 && j <= k+8; j++ {
		t := a.toks[j].text
		if isDoubleQuote([]rune(t)[0]) {
			return true
		}
		if t == "," || t == ";" || isSentenceEnd(t) {
			return false
		}
	}
	return false
}

// participleClaim attributes a participle cue after a comma (", saying",
// ", calling it") to the subject of the sentence's main clause.
func (a *analysis) participleClaim(k int, s sentence, affs []affiliation, lastPerson int) (claim, bool) {
	if k-1 <= s.t0 || a.toks[k-1].text != "," {
		return claim{}, false
	}
	ent, seg := a.mainSubject(s, k, affs, lastPerson)
	if ent < 0 {
		return claim{}, false
	}
	return claim{speaker: ent, attr: [][2]int{seg, {k, k + 1}}}, true
}

// mainSubject returns the subject of the sentence's main clause, found
// before its first verb and before token limit, and the tokens it spans;
// -1 when the sentence opens with a quotation or names no subject.
func (a *analysis) mainSubject(s sentence, limit int, affs []affiliation, lastPerson int) (int, [2]int) {
	if isDoubleQuote([]rune(a.toks[s.t0].text)[0]) {
		return -1, [2]int{}
	}
	v := s.t0
	for v < limit && (!strings.HasPrefix(a.toks[v].tag, "VB") || a.toks[v].tag == "VBN" || a.toks[v].tag == "VBG") &&
		a.toks[v].text != "," {
		v++
	}
	if v == s.t0 || v >= limit || a.toks[v].text == "," {
		return -1, [2]int{}
	}
	seg := [2]int{s.t0, v}
	return a.subjectIn(seg, s, affs, lastPerson), seg
}

// quoted marks the tokens of s inside quotation marks.
func (a *analysis) quoted(s sentence) []bool {
	in := make([]bool, len(a.toks))
	open := false
	for k := s.t0; k < s.t1; k++ {
		r := []rune(a.toks[k].text)[0]
		if isDoubleQuote(r) {
			open = afterQuote(open, r)
			continue
		}
		in[k] = open
	}
	return in
}

type outletPhrase struct {
	ent  int
	span [2]int
}

// interviewOutlets finds "(in) an interview with (the) X" and "told (the)
// X" where X is an outlet.
func (a *analysis) interviewOutlets(s sentence) []outletPhrase {
	var out []outletPhrase
	for k := s.t0; k < s.t1; k++ {
		w := a.toks[k].lower
		var j int
		switch {
		case (w == "interview" || w == "interviews") && k+1 < s.t1 && (a.toks[k+1].lower == "with" || a.toks[k+1].lower == "to"):
			j = k + 2
		case w == "told" || w == "tells":
			j = k + 1
		default:
			continue
		}
		if o, end := a.outletAfter(j, s); o >= 0 {
			from := k
			if from-2 >= s.t0 && a.toks[from-2].lower == "in" {
				from -= 2
			}
			out = append(out, outletPhrase{ent: o, span: [2]int{from, end}})
		}
	}
	return out
}

// outletAfter returns the outlet named at token j, perhaps after an
// article and a short description ("the state news agency RIA Novosti",
// "Russian state news agency TASS", "Chinese state broadcaster CCTV"), and
// the token after it; -1 when there is none.
func (a *analysis) outletAfter(j int, s sentence) (int, int) {
	if j < s.t1 && a.toks[j].lower == "the" {
		j++
	}
	for n := 0; j < s.t1 && n <= 4; n++ {
		if m := a.mentionAt(j); m >= 0 {
			if e := a.ms[m].ent; a.ents[e].outlet {
				return e, a.ms[m].t1
			}
			if a.ms[m].kind != graph.KindCountry || a.ms[m].form != formDemonym {
				return -1, j
			}
			j = a.ms[m].t1
			continue
		}
		if t := a.toks[j]; isCap(t.text) || !isWord(t.text) || t.lower == "that" || strings.HasPrefix(t.tag, "VB") || t.tag == "IN" {
			return -1, j
		}
		j++
	}
	return -1, j
}

// refersBack reports whether the cue at k refers to what came before:
// "stated this", "said so", or a sentence that begins "This follows from".
func (a *analysis) refersBack(k int, s sentence) bool {
	if k+1 < s.t1 {
		next := a.toks[k+1].lower
		if (next == "this" || next == "so") && (k+2 >= s.t1 || !isWord(a.toks[k+2].text)) {
			return true
		}
	}
	first := a.toks[s.t0].lower
	return (first == "this" || first == "that") && k > s.t0+1 && slices.ContainsFunc(a.toks[s.t0+1:k], func(t token) bool {
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
func (a *analysis) verbClaim(k int, s sentence, affs []affiliation, lastPerson int) (claim, bool) {
	// The clause before the verb starts after a closing quote.
	cl := k
	for cl > s.t0 && !isDoubleQuote([]rune(a.toks[cl-1].text)[0]) {
		cl--
	}
	var segs [][2]int
	for b, j := k, k-1; ; j-- {
		if j < cl || a.toks[j].text == "," || a.toks[j].text == ";" {
			segs = append(segs, [2]int{j + 1, b})
			b = j
			if j < cl {
				break
			}
		}
	}
	if a.anonymous(cl, k, s) {
		return claim{}, false
	}
	// "... and said": the subject of the main clause.
	if seg := segs[0]; seg[1]-seg[0] >= 1 && seg[1]-seg[0] <= 2 && a.toks[seg[0]].lower == "and" {
		ent, subj := a.mainSubject(s, k, affs, lastPerson)
		if ent < 0 {
			return claim{}, false
		}
		return claim{speaker: ent, attr: [][2]int{subj, {seg[0], a.verbEnd(k, s)}}}, true
	}
	// segs[0] is the nearest segment before the verb. When it is empty,
	// the verb follows a comma: only a name in commas after a description
	// or a name before descriptions in commas lets the subject stand
	// before it.
	first := 0
	if segs[0][0] >= segs[0][1] {
		first = len(segs)
		if cl < k && len(segs) > 1 {
			first = a.nameBeforeDescriptions(segs)
		}
	}
	for i := first; i < len(segs) && i < first+3; i++ {
		seg := segs[i]
		if i+1 < len(segs) && a.appositive(seg) && a.endsWithPerson(segs[i+1]) {
			continue
		}
		ent := a.subjectIn(seg, s, affs, lastPerson)
		if ent < 0 || a.embedded(seg, s) {
			return claim{}, false
		}
		// The whole segment before the verb is attribution: "Israeli Prime
		// Minister Benjamin Netanyahu said" is not about Israel.
		return claim{speaker: ent, attr: [][2]int{{seg[0], a.verbEnd(k, s)}}}, true
	}
	if a.toks[k].lower == "told" || a.toks[k].lower == "tells" {
		return claim{}, false // what follows "told" is the audience
	}
	j := k + 1
	if j < s.t1 && a.toks[j].lower == "by" {
		j++
	}
	ent, end := a.npAt(j, s, affs, lastPerson)
	if ent < 0 {
		return claim{}, false
	}
	// The rest of the clause after the speaker describes them.
	for end < s.t1 && a.toks[end].text != ";" && !isSentenceEnd(a.toks[end].text) && !isDoubleQuote([]rune(a.toks[end].text)[0]) {
		end++
	}
	return claim{speaker: ent, attr: [][2]int{{k, end}}}, true
}

// nameBeforeDescriptions returns the index of the comma segment (segs
// run backwards from a verb that follows a comma) that names the speaker,
// or len(segs): segs[1] when it is a person's name alone ("A Houthi
// spokesman, Mohammed Abdulsalam, told"), else the first segment after one
// or more descriptions that ends with a person ("Larry Hu, chief China
// economist at Macquarie, told") or, after "who" or "which", with any
// entity ("Rosatom, which has controlled the plant since 2022, blamed";
// "Russia and China, both permanent members, said").
func (a *analysis) nameBeforeDescriptions(segs [][2]int) int {
	if seg := segs[1]; seg[1] > seg[0] {
		if m := a.mentionAt(seg[0]); m >= 0 && a.ms[m].kind == graph.KindPerson && a.ms[m].t1 == seg[1] {
			return 1
		}
	}
	i := 1
	relative := false
	for i < len(segs) && i <= 3 && a.description(segs[i]) {
		w := a.toks[segs[i][0]].lower
		relative = relative || w == "who" || w == "which" || w == "whose" || w == "both"
		i++
	}
	if i == 1 || i >= len(segs) {
		return len(segs)
	}
	if a.endsWithPerson(segs[i]) {
		return i
	}
	if last := segs[i][1] - 1; relative && last >= segs[i][0] {
		if m := a.outer[last]; m >= 0 && a.ms[m].t1 == segs[i][1] {
			return i
		}
	}
	return len(segs)
}

// description reports whether a comma segment describes someone rather
// than names them: it starts with an article, a relative or possessive
// pronoun or a lower-case word ("chief China economist at Macquarie"), or
// with a possessive name and a lower-case word ("Gavi's chief programme
// officer").
func (a *analysis) description(seg [2]int) bool {
	if seg[1] <= seg[0] {
		return false
	}
	first := a.toks[seg[0]]
	switch first.lower {
	case "a", "an", "the", "who", "which", "whose", "his", "her", "its", "their":
		return true
	}
	if !isCap(first.text) {
		return isWord(first.text)
	}
	for j := seg[0] + 1; j+1 < seg[1] && j <= seg[0]+3; j++ {
		if t := a.toks[j].text; t == "'s" || t == "’s" {
			return !isCap(a.toks[j+1].text)
		}
	}
	return false
}

// embedded reports whether a subject segment holds another speech verb
// before its last words: the verb at hand is then part of what someone
// else said ("Grossi said IAEA experts had confirmed").
func (a *analysis) embedded(seg [2]int, s sentence) bool {
	for j := seg[0]; j < seg[1]; j++ {
		if _, ok := a.t.cues[a.toks[j].lower]; ok && strings.HasPrefix(a.toks[j].tag, "VB") && a.toks[j].tag != "VBG" &&
			a.toks[j].lower != "according" && a.outer[j] < 0 {
			return true
		}
	}
	return false
}

// anonymous reports whether the subject in tokens [i, k) is an unnamed
// source ("a source in the agency told", "two security sources said") or
// the sentence grants anonymity ("speaking on condition of anonymity").
func (a *analysis) anonymous(i, k int, s sentence) bool {
	for j := s.t0; j < s.t1; j++ {
		switch a.toks[j].lower {
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
// object is "this" or "so", or the person or outlet told.
func (a *analysis) verbEnd(k int, s sentence) int {
	end := k + 1
	if end < s.t1 && (a.toks[end].lower == "this" || a.toks[end].lower == "so") {
		return end + 1
	}
	if w := a.toks[k].lower; w == "told" || w == "tells" {
		j := end
		if j < s.t1 && a.toks[j].lower == "the" {
			j++
		}
		if m := a.mentionAt(j); m >= 0 {
			return a.ms[m].t1
		}
	}
	return end
}

// appositive reports whether a comma segment describes rather than names:
// it starts with "a", "an", "the" or "who" followed by a lower-case word.
func (a *analysis) appositive(seg [2]int) bool {
	w := a.toks[seg[0]].lower
	if w == "who" || w == "which" {
		return true
	}
	return (w == "a" || w == "an" || w == "the") && seg[0]+1 < seg[1] && !isCap(a.toks[seg[0]+1].text)
}

func (a *analysis) endsWithPerson(seg [2]int) bool {
	m := a.outer[seg[1]-1]
	return seg[1] > seg[0] && m >= 0 && a.ms[m].kind == graph.KindPerson && a.ms[m].t1 == seg[1]
}

// subjectIn returns the speaker a clause segment names: the last person,
// pronoun, role description or other entity in it; a name after
// "of"/"for"/"from" ("Budanov of the HUR") gives way to a person before it.
func (a *analysis) subjectIn(seg [2]int, s sentence, affs []affiliation, lastPerson int) int {
	ent, person := -1, -1
	for k := seg[0]; k < seg[1]; k++ {
		e, end := a.npAt(k, s, affs, lastPerson)
		if e < 0 {
			continue
		}
		if a.ents[e].kind == graph.KindPerson {
			person = e
		}
		ent = e
		if prev := k - 1; prev >= seg[0] && person >= 0 && person != e {
			if w := a.toks[prev].lower; w == "of" || w == "for" || w == "from" || w == "the" {
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
func (a *analysis) npAt(k int, s sentence, affs []affiliation, lastPerson int) (int, int) {
	if k < s.t1 && (a.toks[k].lower == "the" || a.toks[k].lower == "a" || a.toks[k].lower == "an") {
		k++
	}
	if k >= s.t1 {
		return -1, k
	}
	ent, end := -1, k
	switch {
	case personPronouns[a.toks[k].lower]:
		// The nearest person before it in its sentence ("Habeck welcomed
		// the deal, though he said"), else the last person who spoke.
		ent, end = lastPerson, k+1
		if p, at := a.personBefore(k); p >= 0 && (ent < 0 || a.toks[at].sent == a.toks[k].sent) {
			ent = p
		}
	case k > s.t0 && a.toks[k-1].lower == "the" && !isCap(a.toks[k].text) && a.describedOrg(k) >= 0:
		ent, end = a.describedOrg(k), k+1
	case a.mentionAt(k) >= 0:
		m := a.mentionAt(k)
		ent, end = a.ms[m].ent, a.ms[m].t1
	default:
		n := a.t.roleAt(a.toks, k, s.t1)
		if n == 0 || isCap(a.toks[k].text) && k != s.t0 {
			return -1, k
		}
		o := a.orgAfterOf(k+n, s)
		if o < 0 {
			return -1, k
		}
		ent, end = a.ms[o].ent, a.chainEnd(o, s)
		role := a.role(k, n) + " of"
		for _, af := range affs {
			if af.org == ent && af.role == role {
				ent = af.person
				break
			}
		}
	}
	if ent < 0 || a.ents[ent].kind == graph.KindPerson {
		return ent, end
	}
	// "Ukraine's Air Force": the possessor is not the speaker; nor is it in
	// "Samoa's lead negotiator, Anne Rasmussen".
	if end+1 < s.t1 && (a.toks[end].text == "'s" || a.toks[end].text == "’s") {
		if p := a.mentionAt(end + 1); p >= 0 && a.ms[p].kind != graph.KindCountry {
			return a.ms[p].ent, a.ms[p].t1
		}
		j := end + 1
		for j < s.t1 && j <= end+4 && !isCap(a.toks[j].text) && isWord(a.toks[j].text) {
			j++
		}
		if j > end+1 && j+1 < s.t1 && a.toks[j].text == "," {
			if p := a.mentionAt(j + 1); p >= 0 && a.ms[p].kind == graph.KindPerson {
				return a.ms[p].ent, a.ms[p].t1
			}
		}
	}
	// "Ukrainian President Volodymyr Zelensky", "NATO Secretary General
	// Jens Stoltenberg": a country or organization, titles, a person.
	j := end
	for n := a.t.roleAt(a.toks, j, s.t1); n > 0; n = a.t.roleAt(a.toks, j, s.t1) {
		j += n
	}
	if j > end {
		if p := a.mentionAt(j); p >= 0 && a.ms[p].kind == graph.KindPerson {
			return a.ms[p].ent, a.ms[p].t1
		}
	}
	if end+1 < s.t1 && a.toks[end].text == "," {
		if p := a.mentionAt(end + 1); p >= 0 && a.ms[p].kind == graph.KindPerson {
			ent, end = a.ms[p].ent, a.ms[p].t1
		}
	}
	return ent, end
}

// describedOrg returns the organization that "the <noun>" at token k
// stands for ("the ministry", "the company"): the last organization before
// it whose name ends with that noun, or, for a noun of org_nouns.txt, the
// last organization that is not an outlet; -1 when there is none.
func (a *analysis) describedOrg(k int) int {
	w := a.toks[k].lower
	generic := a.t.orgNoun[w]
	if !generic && !a.t.orgSuffix[strings.ToUpper(w[:1])+w[1:]] {
		return -1
	}
	fallback := -1
	for j := k - 1; j >= 0; j-- {
		m := a.outer[j]
		if m < 0 || a.ms[m].t1 != j+1 || a.ms[m].kind != graph.KindOrganization {
			continue
		}
		e := a.ms[m].ent
		if strings.HasSuffix(strings.ToLower(a.ents[e].name), " "+w) {
			return e
		}
		if generic && fallback < 0 && !a.ents[e].outlet {
			fallback = e
		}
	}
	return fallback
}

// personBefore returns the last person mentioned before token k and the
// token where, or -1.
func (a *analysis) personBefore(k int) (int, int) {
	for j := k - 1; j >= 0; j-- {
		if m := a.outer[j]; m >= 0 && a.ms[m].kind == graph.KindPerson {
			return a.ms[m].ent, j
		}
	}
	return -1, -1
}

func appendUnique(s []int, vs ...int) []int {
	for _, v := range vs {
		if v >= 0 && !slices.Contains(s, v) {
			s = append(s, v)
		}
	}
	return s
}

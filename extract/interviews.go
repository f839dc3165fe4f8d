// Interviews: a document that says whom it interviews ("Wikinews
// interviews Jane Roe", "Interview with physicist Jane Roe", "Jane Roe tells
// the Gazette") and then gives questions and answers. The answers are the
// interviewee's statements, reported by the outlet that asked; what the
// questions and answers themselves attribute to others is part of them,
// not a statement of its own.

package extract

import (
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// interview is the question-and-answer part of a document.
type interview struct {
	speaker int   // the interviewee's entity, or -1 for a panel
	outlets []int // the outlet that held the interview, when the text names it
	// panel lists the interviewees when there are several, whose answers
	// cannot be told apart: each spoke to the outlet, and no answer is
	// attributed.
	panel []int
	// question and answer mark the sentences of the interviewer's turns
	// and of the interviewee's answers.
	question, answer []bool
}

// Limits of the question-and-answer layout.
const (
	// minQuestions is how many questions make a document an interview: one
	// question could be rhetorical.
	minQuestions = 2
	// maxQuestionWords bounds an interviewer's turn; a longer paragraph
	// that ends with a question mark is an answer asking its own.
	maxQuestionWords = 80
	// maxAddressWords bounds an interviewer's turn that asks without a
	// question mark ("I wanted to know if you had any thoughts on ...").
	maxAddressWords = 50
	// npWords bounds the noun phrase that names the interviewee
	// ("academic and former diplomat Jane Roe").
	npWords = 10
)

// findInterview returns the interview the document holds, or nil: a
// sentence that frames an interview (framing), then at least minQuestions
// interviewer's turns after its paragraph, and exactly one interviewee
// named before the first of them (see interviewees). The answers are the
// paragraphs after the first question that are no question, caption or
// heading.
func (d *document) findInterview() *interview {
	iv := &interview{question: make([]bool, len(d.sents)), answer: make([]bool, len(d.sents))}
	paras := d.paragraphs()
	if !slices.ContainsFunc(paras, func(p [2]int) bool { return d.asks(p, false) }) {
		return nil // no question: spare the search for a framing
	}
	framing := d.framing()
	if framing < 0 {
		return nil
	}
	questions, first := 0, -1
	for _, p := range paras {
		switch {
		case d.sents[p[0]].para <= d.sents[framing].para || d.caption(p) || d.heading(p):
		case d.asks(p, true):
			if questions++; first < 0 {
				first = p[0]
			}
			for si := p[0]; si < p[1]; si++ {
				iv.question[si] = true
			}
		case first >= 0:
			for si := p[0]; si < p[1]; si++ {
				iv.answer[si] = true
			}
		}
	}
	if questions < minQuestions {
		return nil
	}
	speakers, outlets := d.interviewees(first)
	// Several, whose answers cannot be told apart: a panel, when the
	// framing sentence names them ("Wikinews interviews Jane Roe and John
	// Doe of ...") or the text calls them interviewees.
	named := d.namedInterviewees()
	if panel := appendUnique(d.framedInterviewees(framing), named...); len(panel) >= 2 {
		iv.speaker, iv.outlets, iv.panel = -1, outlets, panel
		return iv
	}
	if speakers = appendUnique(speakers, named...); len(speakers) != 1 {
		return nil
	}
	iv.speaker, iv.outlets = speakers[0], outlets
	return iv
}

// framedInterviewees returns the persons the interview cue of sentence si
// names as interviewed ("Wikinews interviews Jane Roe and John Doe").
func (d *document) framedInterviewees(si int) []int {
	s := d.sents[si]
	for k := s.t0; k < s.t1; k++ {
		if c, n, ok := d.cueAt(k); ok && (c.class == cueInterview || c.class == cueInterviewing) {
			return slices.DeleteFunc(d.interviewedAt(k+n, s), func(e int) bool { return d.ents[e].kind != graph.KindPerson })
		}
	}
	return nil
}

// namedInterviewees returns the persons the text calls interviewees
// anywhere ("File photo of interviewee Jane Roe.").
func (d *document) namedInterviewees() []int {
	var out []int
	for k := 0; k+1 < len(d.toks); k++ {
		if w := d.toks[k].lower; w != "interviewee" && w != "interviewees" {
			continue
		}
		if m := d.mentionAt(k + 1); m >= 0 && d.ms[m].kind == graph.KindPerson {
			out = appendUnique(out, d.ms[m].ent)
		}
	}
	return out
}

// panelStatements gives each interviewee of a panel one statement, in the
// sentence that first names them, reported by the outlet that asked: they
// spoke to it, though no answer can be given to one of them. The whole
// sentence is its attribution, so it is about nothing.
func (d *document) panelStatements(iv *interview) []stmt {
	var out []stmt
	for _, e := range iv.panel {
		first := d.ms[d.ents[e].mentions[0]]
		for _, mi := range d.ents[e].mentions {
			if d.ms[mi].t0 < first.t0 {
				first = d.ms[mi]
			}
		}
		si := d.toks[first.t0].sent
		s := d.sents[si]
		out = append(out, stmt{claim: claim{speaker: e, cue: "interviewed", outlets: iv.outlets, at: first.t0, attr: [][2]int{{s.t0, s.t1}}}, s0: si, s1: si})
	}
	return out
}

// framing returns the first sentence with an interview cue ("interview
// with", "interviewed", "spoke with", see data/cues.tsv) or "told" an
// outlet, or -1.
func (d *document) framing() int {
	for si, s := range d.sents {
		for k := s.t0; k < s.t1; k++ {
			if c, _, ok := d.cueAt(k); ok && (c.class == cueInterview || c.class == cueInterviewing || c.class == cueConversation) {
				return si
			}
		}
		if slices.ContainsFunc(d.interviewOutlets(s), func(o outletPhrase) bool { return o.told }) {
			return si
		}
	}
	return -1
}

// toldOutlet returns the speaker of a claim of sentence si that tells an
// outlet ("Jane Roe tells the Gazette") and the outlets, or -1.
func (d *document) toldOutlet(si int) (int, []int) {
	for _, cl := range d.claims(si, -1) {
		if c, _, _ := d.cueAt(cl.at); c.class == cueTell && len(cl.outlets) > 0 && !d.ents[cl.speaker].outlet {
			return cl.speaker, cl.outlets
		}
	}
	return -1, nil
}

// interviewees returns the entities the sentences before sentence end say
// they interview and the outlets that interviewed them:
//   - the noun phrase after "interview with", "interviews", "interviewed",
//     or "spoke with" after an outlet ("Wikinews spoke with Jane Roe, the
//     club's president"), a person before an organization, a pronoun for
//     the last person named ("Wikinews interviewed him");
//   - the subject of "interviewed by" ("Jane Roe, interviewed by the
//     Gazette");
//   - a speaker who "tells" an outlet ("Biologist Jane Roe tells the
//     Gazette about ants");
//   - a name that opens a title before "interview" ("Jane Roe: An
//     interview with the poet").
//
// Names after "of" in the phrase belong to a title ("the president of the
// Magic Guild") and are skipped; two names joined by "and" are two
// interviewees.
func (d *document) interviewees(end int) (speakers, outlets []int) {
	for si, s := range d.sents[:end] {
		for k := s.t0; k < s.t1; k++ {
			c, n, ok := d.cueAt(k)
			if !ok {
				continue
			}
			switch c.class {
			case cueInterview, cueInterviewing, cueConversation:
				if c.class != cueInterview && !d.participle(k) {
					subj := d.mentionEndingAt(k-1, s)
					if k+n < s.t1 && d.toks[k+n].lower == "by" {
						// "Jane Roe, ... interviewed by the Gazette"
						if o, _ := d.outletAfter(k+n+1, s); o >= 0 {
							outlets = appendUnique(outlets, o)
						}
						if p, at := d.personBefore(k); p >= 0 && d.toks[at].sent == si {
							speakers = appendUnique(speakers, p)
						}
						continue
					}
					if subj >= 0 && d.ents[subj].outlet {
						outlets = appendUnique(outlets, subj)
					} else if c.class == cueConversation {
						continue // "the minister spoke with reporters": no interview
					}
				}
				found := d.interviewedAt(k+n, s)
				if o, _ := d.outletAfter(k+n, s); o >= 0 && !slices.ContainsFunc(found, func(e int) bool { return d.ents[e].kind == graph.KindPerson }) {
					// "in an interview with the Gazette", but "Interview with
					// Gazette founder Jane Roe"
					outlets = appendUnique(outlets, o)
					continue
				}
				if len(found) == 0 && c.class == cueInterview {
					found = d.titleName(k, s) // "Jane Roe: An interview with ..."
				}
				speakers = appendUnique(speakers, found...)
			}
		}
		if p, o := d.toldOutlet(si); p >= 0 {
			speakers = appendUnique(speakers, p)
			outlets = appendUnique(outlets, o...)
		}
	}
	return speakers, outlets
}

// interviewedAt returns the interviewee named by the noun phrase at token
// j: the persons in it (two joined by "and" are two), else its first
// organization; a pronoun stands for the last person named before it.
func (d *document) interviewedAt(j int, s sentence) []int {
	if j < s.t1 && personPronouns[d.toks[j].lower] {
		if p, _ := d.personBefore(j); p >= 0 {
			return []int{p}
		}
		return nil
	}
	var persons []int
	org := -1
	for k := j; k < s.t1 && k < j+npWords; k++ {
		t := d.toks[k]
		if m := d.mentionAt(k); m >= 0 {
			if of := k > j && (d.toks[k-1].lower == "of" || d.toks[k-1].lower == "the" && k-1 > j && d.toks[k-2].lower == "of"); !of {
				switch e := d.ms[m].ent; d.ents[e].kind {
				case graph.KindPerson:
					persons = appendUnique(persons, e)
				case graph.KindOrganization:
					if org < 0 && !d.ents[e].outlet {
						org = e
					}
				}
			}
			k = d.ms[m].t1 - 1
			continue
		}
		if t.text == ":" || isSentenceEnd(t.text) || t.tag == "IN" && t.lower != "of" || t.lower == "who" ||
			strings.HasPrefix(t.tag, "VB") && t.tag != "VBN" && t.tag != "VBG" {
			break
		}
	}
	if len(persons) > 0 || org < 0 {
		return persons
	}
	return []int{org}
}

// titleName returns the name that opens sentence s before a colon, when
// the interview phrase at k follows that colon ("Jane Roe: An interview
// with the 'Poet of the Mets'").
func (d *document) titleName(k int, s sentence) []int {
	start := s.t0
	if d.toks[start].lower == "the" {
		start++
	}
	m := d.mentionAt(start)
	if m < 0 || d.ms[m].t1 >= k || d.toks[d.ms[m].t1].text != ":" || d.ents[d.ms[m].ent].kind == graph.KindCountry {
		return nil
	}
	return []int{d.ms[m].ent}
}

// mentionEndingAt returns the entity of the mention that ends at token k
// within s, or -1.
func (d *document) mentionEndingAt(k int, s sentence) int {
	if k < s.t0 {
		return -1
	}
	if m := d.outer[k]; m >= 0 && d.ms[m].t1 == k+1 {
		return d.ms[m].ent
	}
	return -1
}

// paragraphs returns the sentence ranges [s0, s1) of the paragraphs.
func (d *document) paragraphs() [][2]int {
	var out [][2]int
	for si := range d.sents {
		if si == 0 || d.sents[si].para != d.sents[si-1].para {
			out = append(out, [2]int{si, si})
		}
		out[len(out)-1][1] = si + 1
	}
	return out
}

// paragraphAt returns the sentences [s0, s1) of the paragraph that
// sentence si begins.
func (d *document) paragraphAt(si int) [2]int {
	end := si + 1
	for end < len(d.sents) && d.sents[end].para == d.sents[si].para {
		end++
	}
	return [2]int{si, end}
}

// words counts the word tokens of the sentences [p0, p1).
func (d *document) words(p [2]int) int {
	n := 0
	for k := d.sents[p[0]].t0; k < d.sents[p[1]-1].t1; k++ {
		if isWord(d.toks[k].text) {
			n++
		}
	}
	return n
}

// asks reports whether paragraph p is an interviewer's turn: it ends with
// a question mark and is short enough (an answer may end asking its own
// question), or, after the framing (framed), addresses the interviewee
// without one ("I wanted to know if you had any thoughts on ..."), unless
// it is a pull quote credited to its speaker ("... you know ... — Jane
// Roe").
func (d *document) asks(p [2]int, framed bool) bool {
	last := d.sents[p[1]-1]
	end := last.t1 - 1
	for end > last.t0 && isClosing(d.toks[end].text, true) {
		end--
	}
	words := d.words(p)
	if d.toks[end].text == "?" {
		return words <= maxQuestionWords
	}
	if p, _ := d.pullQuote(p); !framed || words > maxAddressWords || p >= 0 {
		return false
	}
	return slices.ContainsFunc(d.toks[d.sents[p[0]].t0:last.t1], func(t token) bool { return t.lower == "you" || t.lower == "your" })
}

// caption reports whether paragraph p is a picture's or recording's
// caption: it carries a credit such as "Image: Jane Roe".
func (d *document) caption(p [2]int) bool {
	for k := d.sents[p[0]].t0; k+1 < d.sents[p[1]-1].t1; k++ {
		if d.creditAt(k) {
			return true
		}
	}
	return false
}

// creditAt reports whether token k opens a picture's or recording's credit:
// "Image:", "Photo:", "Video;".
func (d *document) creditAt(k int) bool {
	switch d.toks[k].lower {
	case "image", "photo", "video", "audio", "credit":
		if k+1 < len(d.toks) {
			next := d.toks[k+1].text
			return next == ":" || next == ";"
		}
	}
	return false
}

// heading reports whether paragraph p is a heading: one short sentence
// without a final stop ("On NATO", "Interview").
func (d *document) heading(p [2]int) bool {
	s := d.sents[p[0]]
	if p[1]-p[0] != 1 || d.words(p) > 8 {
		return false
	}
	last := d.toks[s.t1-1].text
	return !isSentenceEnd(last) && !isClosing(last, true)
}

// pullQuote returns the person a paragraph credits as a pull quote, ending
// with a dash and their name ("\"It's a long game.\" - Jane Roe"), and the
// token of the dash; -1 when it credits none.
func (d *document) pullQuote(p [2]int) (int, int) {
	last := d.sents[p[1]-1]
	k := last.t1 - 1
	if isSentenceEnd(d.toks[k].text) {
		k--
	}
	m := d.outer[k]
	if m < 0 || d.ms[m].t1 != k+1 || d.ms[m].kind != graph.KindPerson {
		// "\"We have brains.\" — Jane Roe, on whether oil will matter":
		// the credit goes on with what the quotation answered.
		for t := last.t0 + 1; t+2 < last.t1; t++ {
			if !isDash(d.toks[t].text) || !isClosing(d.toks[t-1].text, true) || !isDoubleQuote(firstRune(d.toks[t-1].text)) {
				continue
			}
			if m := d.mentionAt(t + 1); m >= 0 && d.ms[m].kind == graph.KindPerson && d.ms[m].t1 < last.t1 && d.toks[d.ms[m].t1].text == "," {
				return d.ms[m].ent, t
			}
		}
		return -1, -1
	}
	if t := d.ms[m].t0 - 1; t >= d.sents[p[0]].t0 && isDash(d.toks[t].text) {
		return d.ms[m].ent, t
	}
	return -1, -1
}

// Statements: the claims of every sentence (attribution.go) turned into
// statements, with the sentences they cover, their outlets and what they
// are about.

package extract

import (
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// stmt is a statement being built: its claim and the sentences it covers.
type stmt struct {
	claim
	s0, s1     int // sentences [s0, s1]
	start, end int // byte span
}

// statements finds the statements of the document; see claims for the
// rules of one sentence. An outlet is never a speaker: a sentence whose
// only claim is an outlet's report ("As the Ukrainian News agency earlier
// reported, ...") gives its outlet to a statement of the next sentences
// that refers back to it ("Andrii Yusov ... stated this"), and otherwise no
// statement. A speaker who spoke to an outlet keeps it for the later
// statements of the document that name no outlet; the outlet a dateline
// credits ("ANKARA, March 4 (Reuters) -") carries every statement that
// still has none.
func (d *document) statements(doc graph.Document) []graph.Statement {
	var out []stmt
	covered := make([]bool, len(d.sents))
	lastPerson := -1
	outletOf := map[int][]int{}
	iv := d.findInterview()
	quoted := -1 // the last sentence of a quotation a statement took in
	credit := -1
	if m := d.mentionAt(d.credit); m >= 0 && d.ents[d.ms[m].ent].outlet {
		credit = d.ms[m].ent
	}
	for si := range d.sents {
		if iv != nil && (iv.question[si] || iv.answer[si]) {
			// What the questions and answers attribute to others is part
			// of them; an answer paragraph is one statement, but for a
			// panel's (panelStatements).
			if iv.answer[si] && iv.speaker >= 0 && (si == 0 || !iv.answer[si-1] || d.sents[si-1].para != d.sents[si].para) {
				st := stmt{claim: claim{speaker: iv.speaker, cue: "interview", outlets: iv.outlets, at: d.sents[si].t0}, s0: si, s1: si}
				for st.s1+1 < len(d.sents) && iv.answer[st.s1+1] && d.sents[st.s1+1].para == d.sents[si].para {
					st.s1++
				}
				out = append(out, st)
			}
			covered[si] = true
			continue
		}
		if si <= quoted {
			continue // the quotation a colon announced: part of its statement
		}
		if si == 0 || d.sents[si-1].para != d.sents[si].para {
			p := d.paragraphAt(si)
			if e, dash := d.pullQuote(p); e >= 0 {
				// "\"It's a long game.\" - Jane Roe": the paragraph is hers.
				end := d.sents[p[1]-1].t1
				out = append(out, stmt{claim: claim{speaker: e, cue: "said", at: dash, attr: [][2]int{{dash, end}}}, s0: p[0], s1: p[1] - 1})
				quoted = p[1] - 1
				if d.ents[e].kind == graph.KindPerson {
					lastPerson = e
				}
				continue
			}
		}
		claims := d.claims(si, lastPerson)
		var sentOutlets []int
		var outletAttr [][2]int
		var speakers []claim
		for _, c := range claims {
			if c.outletReport {
				// "..., Bloomberg reported": the outlet carried the sentence;
				// its words ("according to Chinese state broadcaster CCTV")
				// are no part of what was said.
				sentOutlets = appendUnique(sentOutlets, c.speaker)
				sentOutlets = appendUnique(sentOutlets, c.outlets...)
				outletAttr = append(outletAttr, c.attr...)
				continue
			}
			if i := slices.IndexFunc(speakers, func(o claim) bool { return o.speaker == c.speaker }); i >= 0 {
				speakers[i].attr = append(speakers[i].attr, c.attr...)
				speakers[i].outlets = appendUnique(slices.Clip(speakers[i].outlets), c.outlets...)
				speakers[i].backRef = speakers[i].backRef || c.backRef
				continue
			}
			speakers = append(speakers, c)
		}
		if len(speakers) == 0 {
			// A quotation that no one is credited with goes on with the
			// statement right before it ("...," Lopez said. "We will win.").
			// An outlet's report that names no speaker gives no statement:
			// an outlet carries what others say, it is no speaker ("KCNA
			// said the test succeeded", "according to Bloomberg").
			if len(claims) == 0 && d.opensQuote(si) && !d.creditedOutside(si) {
				for i := len(out) - 1; i >= 0 && out[i].s1 == si-1; i-- {
					out[i].s1 = si
					covered[si] = true
				}
			}
			continue
		}
		for k := range speakers {
			c := speakers[k]
			c.outlets = appendUnique(c.outlets, sentOutlets...)
			c.attr = append(slices.Clip(c.attr), outletAttr...)
			c.outlets = slices.DeleteFunc(c.outlets, func(o int) bool { return o == c.speaker })
			st := stmt{claim: c, s0: si, s1: si}
			if c.backRef {
				st.s0 = d.backSpan(si, covered)
				if n := len(out); n > 0 && out[n-1].at == c.at && out[n-1].s1 == si {
					// The second of coordinated speakers refers back as far
					// as the first: backSpan would stop at what it covered.
					st.s0 = out[n-1].s0
				}
				for j := st.s0; j < si; j++ {
					// An outlet's report that this statement refers back to.
					for _, cl := range d.claims(j, lastPerson) {
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
			if len(st.outlets) == 0 && credit >= 0 {
				// The dateline's outlet carried the whole story.
				st.outlets = []int{credit}
			}
			st.s1 = d.quoteRunsOn(d.quotedAfterColon(si))
			for j := st.s0; j <= st.s1; j++ {
				covered[j] = true
			}
			if d.ents[c.speaker].kind == graph.KindPerson {
				lastPerson = c.speaker
			}
			out = append(out, st)
			quoted = max(quoted, st.s1)
		}
	}
	if iv != nil && len(iv.panel) > 0 {
		out = append(out, d.panelStatements(iv)...)
		slices.SortStableFunc(out, func(x, y stmt) int { return x.at - y.at })
	}
	d.splitSpans(out)
	res := make([]graph.Statement, 0, len(out))
	for i, st := range out {
		// Speakers of one cue ("X and Y said", "It quoted X and Y") make
		// one statement each, none about the others.
		var with []int
		for _, o := range out {
			if o.at == st.at && o.s1 == st.s1 && o.speaker != st.speaker {
				with = append(with, o.speaker)
			}
		}
		res = append(res, d.statement(doc, out[i], with))
	}
	slices.SortStableFunc(res, func(x, y graph.Statement) int { return x.Start - y.Start })
	return res
}

// quotedAfterColon returns the last sentence of the statement that
// sentence si ends with a colon: the next paragraph when it is a quotation
// ("Obama wrote on Twitter:" then "\"Cool clock, Ahmed.\""), else si.
func (d *document) quotedAfterColon(si int) int {
	s := d.sents[si]
	if si+1 >= len(d.sents) || d.toks[s.t1-1].text != ":" || d.sents[si+1].para == s.para ||
		!isDoubleQuote(firstRune(d.toks[d.sents[si+1].t0].text)) {
		return si
	}
	last := si + 1
	for last+1 < len(d.sents) && d.sents[last+1].para == d.sents[si+1].para {
		last++
	}
	return last
}

// quoteRunsOn returns the last sentence of the statement whose last
// sentence is si: the paragraph's last when a quotation is still open
// after si and closes nowhere later in the paragraph (a quotation that
// goes on to the paragraph's end, as news writes one of several
// paragraphs: `X said, "We worked hard. Seattle was a fit.`), else si.
func (d *document) quoteRunsOn(si int) int {
	open := false
	para := d.sents[si].para
	first := si
	for first > 0 && d.sents[first-1].para == para {
		first--
	}
	for k := d.sents[first].t0; k < d.sents[si].t1; k++ {
		if r := firstRune(d.toks[k].text); isDoubleQuote(r) {
			open = afterQuote(open, r)
		}
	}
	if !open {
		return si
	}
	for si+1 < len(d.sents) && d.sents[si+1].para == para {
		si++
	}
	return si
}

// creditedOutside reports whether a verb of saying stands outside the
// quotation marks of sentence si: the quotation is credited to someone,
// perhaps someone the rules cannot name ("\"We will respond,\" a senior
// official told Axios"), and goes on with no earlier statement.
func (d *document) creditedOutside(si int) bool {
	s := d.sents[si]
	in := d.quoted(s)
	for k := s.t0; k < s.t1; k++ {
		if c, _, ok := d.cueAt(k); ok && !in[k-s.t0] && c.class.saying() {
			return true
		}
	}
	return false
}

// opensQuote reports whether sentence si begins with a quotation mark.
func (d *document) opensQuote(si int) bool {
	return isDoubleQuote(firstRune(d.toks[d.sents[si].t0].text))
}

// backSpan returns the first sentence a back reference in sentence si
// covers: the sentences before it in its paragraph that no statement
// covers yet (at most three), or else the one sentence before it.
func (d *document) backSpan(si int, covered []bool) int {
	s0 := si
	for j := si - 1; j >= 0 && si-j <= 3 && !covered[j] && d.sents[j].para == d.sents[si].para; j-- {
		s0 = j
	}
	if s0 == si && si > 0 && !covered[si-1] {
		s0 = si - 1
	}
	return s0
}

// splitSpans gives every statement its byte span; statements of different
// speakers in one sentence split it at the comma or semicolon before the
// later one's attribution, so each keeps its own span. Coordinated
// speakers of one cue ("Russia and China denied") share the span of the
// first of them; their ids differ by speaker.
func (d *document) splitSpans(out []stmt) {
	for i := range out {
		out[i].start, out[i].end = d.sents[out[i].s0].start, d.sents[out[i].s1].end
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
		for k := cut - 1; k > p.at && k > d.sents[c.s1].t0; k-- {
			if t := d.toks[k].text; t == "," || t == ";" {
				cut = k + 1
				break
			}
		}
		if cut <= p.at {
			cut = p.at + 1
		}
		p.end = d.toks[cut-1].end
		c.start = d.toks[cut].start
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
// the outlets, and the speakers of the same cue (with), in order of first
// mention.
func (d *document) statement(doc graph.Document, st stmt, with []int) graph.Statement {
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
	for _, o := range append(slices.Clip(st.outlets), with...) {
		seen[o] = true
	}
	// Only the tokens of its sentences: looking at every token of the
	// document for every statement was quadratic in the document.
	for k := d.sents[st.s0].t0; k < d.sents[st.s1].t1; k++ {
		if d.toks[k].start < st.start || d.toks[k].end > st.end || inAttr(k) {
			continue
		}
		for _, m := range d.byToken[k] {
			e := d.ms[m].ent
			if !seen[e] {
				seen[e] = true
				about = append(about, d.ref(e))
			}
		}
	}
	reported := []graph.EntityRef{}
	for _, o := range st.outlets {
		reported = append(reported, d.ref(o))
	}
	return graph.Statement{
		ID:         graph.StatementID(doc.ID, st.start, st.end, d.ents[st.speaker].id),
		DocumentID: doc.ID,
		Speaker:    d.ref(st.speaker),
		About:      about,
		ReportedBy: reported,
		Text:       d.text[st.start:st.end],
		Quote:      quotes(d.text[st.start:st.end]),
		Cue:        st.cue,
		Date:       doc.Date,
		Start:      st.start,
		End:        st.end,
	}
}

func (d *document) ref(e int) graph.EntityRef {
	return graph.EntityRef{ID: d.ents[e].id, Kind: d.ents[e].kind, Name: d.ents[e].name}
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

func appendUnique(s []int, vs ...int) []int {
	for _, v := range vs {
		if v >= 0 && !slices.Contains(s, v) {
			s = append(s, v)
		}
	}
	return s
}

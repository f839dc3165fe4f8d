package extract

import (
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entitygraph/entitygraph/graph"
)

// Hostile input is kept to linear time by two bounds, both far above what
// news text needs, so that news extracts exactly as without them:
//
//   - maxSegmentBytes: a document longer than this is extracted one segment
//     at a time (cut at a paragraph, else a sentence end, else a space) and
//     the segments' extractions merged. Several rules compare a mention with
//     the document's other mentions or entities (surnames, lists, outlets),
//     which is quadratic in the mentions of what they look at; a segment
//     bounds that to a constant per byte. The cost: a surname or pronoun is
//     not resolved to a name written in another segment, and a statement
//     does not span two segments.
//   - maxSentenceTokens: a sentence is cut after this many tokens. The
//     rules of one sentence look, for each cue, at the words before it,
//     quadratic in the sentence's length: a text of nothing but "said"
//     took a minute for 64 KiB. News sentences have tens of tokens (the
//     longest of the dev set and demo corpus, 53), and a quotation keeps
//     one open for at most maxSentenceBytes.
//   - maxWordBytes: prose's tokenizer peels punctuation off a word one
//     character at a time and rescans the whole word (with a regular
//     expression) each time, quadratic in the word's length: 16,000 dots
//     took seconds, 64,000 over a minute. A run of non-space text longer
//     than this is handed to prose in pieces, and its tokens are aligned
//     with the text as before.
//
// Every token costs prose's tagger about the same (some microseconds), and
// a text of one-character tokens has one per byte, so the tokens of a
// document are bounded too: countTokens, which counts at least as many as
// prose makes, may be at most MaxTokens, a third more than 2 MiB of news
// holds.
//
// BenchmarkHostile measures these bounds (README, "Limits").
const (
	// MaxTokens is the most words and punctuation marks (see countTokens)
	// a document may have; Extract returns a TooLarge error past it.
	MaxTokens = 1 << 19

	maxSegmentBytes   = 64 << 10
	maxSentenceTokens = 250
	maxWordBytes      = 32
)

// segments returns the [start, end) byte ranges, in order and covering
// text, of at most maxSegmentBytes each (a little more only where a single
// rune straddles the bound).
func segments(text string) [][2]int {
	var out [][2]int
	for start := 0; start < len(text); {
		end := segmentEnd(text, start)
		out = append(out, [2]int{start, end})
		start = end
	}
	return out
}

// segmentEnd returns where the segment that begins at start ends: the text's
// end when it is near, else after the last paragraph break in the second
// half of the window, else after the last sentence end followed by a space,
// else after the last space, else at a rune boundary. Each call looks at one
// window only, so cutting a text is linear in its length.
func segmentEnd(text string, start int) int {
	if len(text)-start <= maxSegmentBytes {
		return len(text)
	}
	window := text[start : start+maxSegmentBytes]
	half := maxSegmentBytes / 2
	if i := strings.LastIndexByte(window, '\n'); i >= half {
		return start + i + 1
	}
	for i := len(window) - 2; i >= half; i-- {
		if (window[i] == '.' || window[i] == '!' || window[i] == '?') && isSpaceByte(window[i+1]) {
			return start + i + 2
		}
	}
	for i := len(window) - 1; i >= half; i-- {
		if isSpaceByte(window[i]) {
			return start + i + 1
		}
	}
	end := start + maxSegmentBytes
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	return end
}

// capSentences returns sents with every sentence of more than
// maxSentenceTokens tokens cut into pieces of at most that many.
func capSentences(sents []sentence, toks []token) []sentence {
	long := slices.ContainsFunc(sents, func(s sentence) bool { return s.t1-s.t0 > maxSentenceTokens })
	if !long {
		return sents
	}
	out := make([]sentence, 0, len(sents))
	for _, s := range sents {
		for t0 := s.t0; t0 < s.t1; t0 += maxSentenceTokens {
			t1 := min(s.t1, t0+maxSentenceTokens)
			out = append(out, sentence{start: toks[t0].start, end: toks[t1-1].end, t0: t0, t1: t1, para: s.para})
		}
	}
	return out
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' }

// breakLongWords returns s with a space inserted into every run of non-space
// bytes after each maxWordBytes bytes (at a rune boundary), so that no word
// prose sees is longer; s itself when it has no such run.
func breakLongWords(s string) string {
	run, long := 0, false
	for i := 0; i < len(s) && !long; i++ {
		if isSpaceByte(s[i]) {
			run = 0
			continue
		}
		run++
		long = run > maxWordBytes
	}
	if !long {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/maxWordBytes)
	run = 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case isSpaceByte(c):
			run = 0
		case run >= maxWordBytes && utf8.RuneStart(c):
			b.WriteByte(' ')
			run = 0
		}
		if !isSpaceByte(c) {
			run++
		}
		b.WriteByte(c)
	}
	return b.String()
}

// extractSegments extracts a text longer than maxSegmentBytes one segment
// at a time and merges the results; see maxSegmentBytes. It returns ctx's
// error when ctx ends between or inside segments.
func (x *Extractor) extractSegments(ctx context.Context, doc graph.Document) (*graph.Extraction, error) {
	out := &graph.Extraction{Document: doc}
	byID := map[string]int{}
	relSeen := map[graph.Relation]bool{}
	for _, seg := range segments(doc.Text) {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		part, err := x.extractText(ctx, doc, doc.Text[seg[0]:seg[1]])
		if err != nil {
			return nil, err
		}
		shift := seg[0]
		for _, e := range part.Entities {
			for i := range e.Mentions {
				e.Mentions[i].Start += shift
				e.Mentions[i].End += shift
			}
			i, ok := byID[e.ID]
			if !ok {
				byID[e.ID] = len(out.Entities)
				out.Entities = append(out.Entities, e)
				continue
			}
			merged := &out.Entities[i]
			merged.Mentions = append(merged.Mentions, e.Mentions...)
			for _, a := range append([]string{e.Name}, e.Aliases...) {
				if a != merged.Name && !slices.Contains(merged.Aliases, a) {
					merged.Aliases = append(merged.Aliases, a)
				}
			}
		}
		for _, s := range part.Statements {
			s.Start += shift
			s.End += shift
			s.ID = graph.StatementID(doc.ID, s.Start, s.End, s.Speaker.ID)
			out.Statements = append(out.Statements, s)
		}
		for _, r := range part.Relations {
			if !relSeen[r] {
				relSeen[r] = true
				out.Relations = append(out.Relations, r)
			}
		}
	}
	// One name per entity: the first segment's, where segments wrote an
	// entity with names that fold to the same id.
	ref := func(r graph.EntityRef) graph.EntityRef {
		if i, ok := byID[r.ID]; ok {
			r.Name = out.Entities[i].Name
		}
		return r
	}
	for i := range out.Statements {
		s := &out.Statements[i]
		s.Speaker = ref(s.Speaker)
		for j := range s.About {
			s.About[j] = ref(s.About[j])
		}
		for j := range s.ReportedBy {
			s.ReportedBy[j] = ref(s.ReportedBy[j])
		}
	}
	return out, nil
}

// countTokens returns how many words and punctuation marks text has: a
// run of letters, digits and marks counts one, and so does every other
// character that is not a space. prose makes no more tokens than that (it
// keeps "U.S." or "don't" whole, or splits them in two) but for the pieces
// of words longer than maxWordBytes, and news text counts about one per
// 5.3 bytes.
func countTokens(text string) int {
	n, inWord := 0, false
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
			if !inWord {
				n++
			}
			inWord = true
		case unicode.IsSpace(r):
			inWord = false
		default:
			n++
			inWord = false
		}
	}
	return n
}

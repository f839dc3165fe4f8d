package extract

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

// token is one prose token with its byte span in the document.
type token struct {
	text       string // as written in the document
	lower      string
	start, end int
	tag        string // prose part-of-speech tag
	sent       int    // index of its sentence
}

// sentence is a byte span of the document and its tokens [t0, t1).
type sentence struct {
	start, end int
	t0, t1     int
	para       int
}

// maxSentenceBytes bounds how far a sentence is kept open while a quotation
// is open: a quote with a lost closing mark must not swallow a paragraph.
const maxSentenceBytes = 1200

// analyze tokenizes and tags text paragraph by paragraph with the shared
// prose model and splits it into sentences. It returns ctx's error when ctx
// ends between paragraphs (a paragraph is at most maxSegmentBytes, whose
// analysis takes well under a second).
//
// prose's named-entity tagger is not run: it makes extraction about ten
// times slower (BenchmarkExtract: ~3.7k against ~39k tokens/s) and its
// labels are too noisy to decide anything on news text (on the seed it calls
// "North Korea" and "Defense" PERSON and "Budanov" GPE); names are found by
// the tables and the shape rules of entities.go, with prose's part-of-speech
// tags telling a proper noun from a capitalized sentence start.
//
// Sentences are split here, on prose's tokens, rather than by prose's
// segmenter: prose builds a new Punkt segmenter (parsing its training data)
// for every document and returns sentences without offsets, and its splits
// cut quotations in two, which loses the speaker of the first half.
func analyze(ctx context.Context, model *prose.Model, text string) ([]token, []sentence, error) {
	var toks []token
	var sents []sentence
	para := 0
	for start := 0; start < len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		if strings.TrimSpace(text[start:end]) != "" {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
			doc, err := prose.NewDocument(breakLongWords(text[start:end]), prose.UsingModel(model), prose.WithSegmentation(false), prose.WithExtraction(false))
			if err != nil {
				return nil, nil, err
			}
			first := len(toks)
			toks = alignTokens(toks, text, start, end, doc.Tokens())
			toks = fixAbbreviations(toks, first)
			sents = splitSentences(sents, text, toks, first, para)
			para++
		}
		start = end + 1
	}
	sents = capSentences(sents, toks)
	for i, s := range sents {
		for j := s.t0; j < s.t1; j++ {
			toks[j].sent = i
		}
	}
	return toks, sents, nil
}

// alignTokens finds each prose token in text[from:to] and appends it with
// its offsets. prose rewrites curly quotes to straight ones, so quotes match
// any quote mark; a token that cannot be found nearby is dropped.
func alignTokens(toks []token, text string, from, to int, ptoks []prose.Token) []token {
	pos := from
	for _, pt := range ptoks {
		for pos < to {
			r, size := utf8.DecodeRuneInString(text[pos:])
			if !unicode.IsSpace(r) {
				break
			}
			pos += size
		}
		n := matchToken(text[pos:to], pt.Text)
		if n < 0 {
			window := min(to, pos+64)
			i := strings.Index(text[pos:window], pt.Text)
			if i < 0 {
				continue
			}
			pos += i
			n = len(pt.Text)
		}
		t := token{text: text[pos : pos+n], start: pos, end: pos + n, tag: pt.Tag}
		t.lower = strings.ToLower(t.text)
		toks = append(toks, t)
		pos += n
	}
	return toks
}

// abbreviations are the capitalized words that prose splits from their
// period ("Capt", "."), in lower case; an initial ("H") is one too.
var abbreviations = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "lt": true,
	"col": true, "maj": true, "capt": true, "cpt": true, "sgt": true, "sen": true, "rep": true, "gov": true,
	"st": true, "jr": true, "sr": true, "prof": true, "rev": true, "no": true, "corp": true, "inc": true,
	"co": true, "ltd": true, "adm": true, "cmdr": true, "mt": true, "ft": true}

// shortForms are the capitalized words written with a period that may
// stand before a capital inside a sentence ("Gen. Smith", "Calif. Gov.",
// "Jan. 5"), in lower case without the period: abbreviations, months and
// the postal abbreviations of US states that wire copy uses.
var shortForms = func() map[string]bool {
	m := map[string]bool{}
	for w := range abbreviations {
		m[w] = true
	}
	for _, w := range strings.Fields(`jan feb mar apr aug sep sept oct nov dec
		ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev
		okla ore pa penn tenn tex va vt wash wis wyo
		bros ave blvd dept univ assn messrs mme mmes hon pres supt det cpl pvt vol ch art sec gov sens reps
		vs etc cf fig nos op ed eds rd hwy`) {
		m[w] = true
	}
	return m
}()

// fixAbbreviations rejoins toks[first:], one paragraph, where prose's
// tokens would mislead the rules: an initial or abbreviation and its period
// ("H", "." → "H.", "Calif", "." → "Calif.") become one token, so that
// "Frederick H. Smith" stays one name and ends no sentence and a dateline
// reads "WOODSIDE, Calif., Nov 15"; a word that kept its period before a
// capital or a quotation mark ("the Civil War. He", "the Sea Org.
// Montalvo") and is no abbreviation (shortForms) loses it, so that a
// sentence ends there and no name runs on into the next; and a
// paragraph's last word that kept its
// period ("Sea.") loses it too, so that "Red Sea" matches its tables.
func fixAbbreviations(toks []token, first int) []token {
	// The paragraph is rebuilt apart: splitting a word makes it longer.
	out := make([]token, 0, len(toks)-first+8)
	for i := first; i < len(toks); i++ {
		t := toks[i]
		if i+1 < len(toks) && toks[i+1].text == "." && toks[i+1].start == t.end && i+2 < len(toks) &&
			isCap(t.text) && (shortForms[t.lower] || utf8.RuneCountInString(t.text) == 1) {
			t.text += "."
			t.lower += "."
			t.end++
			i++
		}
		if i+1 < len(toks) && gluedPeriod(t.text) && (isCap(toks[i+1].text) || isDoubleQuote(firstRune(toks[i+1].text))) &&
			!shortForms[strings.TrimSuffix(t.lower, ".")] {
			word := t
			word.text, word.lower, word.end = t.text[:len(t.text)-1], t.lower[:len(t.lower)-1], t.end-1
			out = append(out, word)
			t = token{text: ".", lower: ".", start: t.end - 1, end: t.end, tag: "."}
		}
		if i == len(toks)-1 && len(t.text) > 2 && strings.HasSuffix(t.text, ".") && !strings.Contains(t.text[:len(t.text)-1], ".") &&
			!abbreviations[strings.TrimSuffix(t.lower, ".")] {
			word := t
			word.text, word.lower, word.end = t.text[:len(t.text)-1], t.lower[:len(t.lower)-1], t.end-1
			out = append(out, word)
			t = token{text: ".", lower: ".", start: t.end - 1, end: t.end, tag: "."}
		}
		out = append(out, t)
	}
	return append(toks[:first], out...)
}

// legalEnd reports whether a company's legal form with its period ends a
// sentence before the word next, the period doing for both: "... the
// rating of General Motors Corp. Moody's confirmed ...", but not "Ford
// Motor Co. Chairman Alex Trotman" (a corporate title) nor "Acme Co.
// Ltd." (another legal form), nor before a word in lower case.
func legalEnd(w, next string) bool {
	if !legalForms[w] || !isCap(next) || legalForms[next] || legalForms[next+"."] {
		return false
	}
	l := strings.ToLower(next)
	return !corporateTitles[l] && !titleModifiers[l] && l != "chief" && l != "president" && l != "vice" && l != "managing" && l != "director"
}

// gluedPeriod reports whether w is a capitalized word of two letters or more
// and a period, with no other period ("War.", not "U.S." nor "H.").
func gluedPeriod(w string) bool {
	stem, ok := strings.CutSuffix(w, ".")
	if !ok || utf8.RuneCountInString(stem) < 2 || !isCap(stem) {
		return false
	}
	for _, r := range stem {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// matchToken returns how many bytes at the start of s spell tok, treating
// every quote mark as equal, or -1.
func matchToken(s, tok string) int {
	n := 0
	for _, want := range tok {
		if n >= len(s) {
			return -1
		}
		got, size := utf8.DecodeRuneInString(s[n:])
		switch {
		case got == want:
		case want == '"' && isDoubleQuote(got), want == '\'' && isSingleQuote(got):
		case want == '\'' && strings.HasPrefix(s[n:], "&rsquo;"):
			size = len("&rsquo;")
		default:
			return -1
		}
		n += size
	}
	return n
}

// afterQuote returns whether a quotation is open after the double quote
// mark r, given whether one was open before it: curly quotes and
// guillemets say which side they stand on, straight quotes toggle.
func afterQuote(open bool, r rune) bool {
	switch r {
	case '“', '«', '„':
		return true
	case '”', '»':
		return false
	}
	return !open
}

func isDoubleQuote(r rune) bool { return strings.ContainsRune("\"“”„«»", r) }
func isSingleQuote(r rune) bool { return strings.ContainsRune("'‘’‚", r) }

// splitSentences splits the tokens toks[first:] of one paragraph into
// sentences: after ".", "!" or "?" (and any closing quotes or brackets)
// when the next token starts like a sentence, unless a quotation is open and
// closes later in the paragraph.
func splitSentences(sents []sentence, text string, toks []token, first, para int) []sentence {
	if first == len(toks) {
		return sents
	}
	// quotesAfter[i] counts double quote marks among toks[i:].
	quotesAfter := make([]int, len(toks)-first+1)
	for i := len(toks) - 1; i >= first; i-- {
		quotesAfter[i-first] = quotesAfter[i-first+1]
		if toks[i].text != "" && isDoubleQuote([]rune(toks[i].text)[0]) {
			quotesAfter[i-first]++
		}
	}
	open := false
	s0 := first
	for i := first; i < len(toks); i++ {
		if r := []rune(toks[i].text)[0]; isDoubleQuote(r) {
			open = afterQuote(open, r)
		}
		if !isSentenceEnd(toks[i].text) && !(i+1 < len(toks) && strings.HasSuffix(toks[i].text, ".") && legalEnd(toks[i].text, toks[i+1].text)) {
			continue
		}
		j, stillOpen := i+1, open
		for j < len(toks) && isClosing(toks[j].text, stillOpen) {
			if isDoubleQuote([]rune(toks[j].text)[0]) {
				stillOpen = false
			}
			j++
		}
		if j < len(toks) && !startsSentence(toks[j].text) {
			continue
		}
		if stillOpen && quotesAfter[j-first] > 0 && toks[j-1].end-toks[s0].start < maxSentenceBytes {
			continue
		}
		sents = append(sents, sentence{start: toks[s0].start, end: toks[j-1].end, t0: s0, t1: j, para: para})
		s0, i, open = j, j-1, stillOpen
	}
	if s0 < len(toks) {
		sents = append(sents, sentence{start: toks[s0].start, end: toks[len(toks)-1].end, t0: s0, t1: len(toks), para: para})
	}
	return sents
}

func isSentenceEnd(tok string) bool { return tok == "." || tok == "!" || tok == "?" || tok == "..." }

// isClosing reports whether tok closes what a sentence end left open: a
// bracket, or a quote mark while a quotation is open.
func isClosing(tok string, open bool) bool {
	r := []rune(tok)[0]
	return tok == ")" || tok == "]" || (open && isDoubleQuote(r)) || r == '’' || r == '”'
}

// startsSentence reports whether a token can begin a sentence: a capital,
// a digit or an opening quote or bracket.
func startsSentence(tok string) bool {
	r := []rune(tok)[0]
	return unicode.IsUpper(r) || unicode.IsDigit(r) || isDoubleQuote(r) || r == '(' || r == '['
}

// isCap reports whether a token starts with a capital letter.
func isCap(tok string) bool {
	r, _ := utf8.DecodeRuneInString(tok)
	return unicode.IsUpper(r)
}

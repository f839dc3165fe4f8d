package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Feature templates. Each feature is the 64-bit FNV-1a hash of its
// template number and its value, so that features need no vocabulary and
// computing one allocates nothing.
const (
	tBias byte = iota + 1
	tWord
	tLower
	tShape
	tPrefix
	tSuffix
	tPrev1
	tNext1
	tPrev2
	tNext2
	tShapePrev
	tShapeNext
	tShapeBigramPrev
	tShapeBigramNext
	tClass
	tClassPrev
	tClassNext
	tFirst
	tLowerInDoc
	tCapsSentence
	tLength
	tPrevShape // previous word with this word's shape
	tNextShape // next word with this word's shape
	tCapInDoc  // a sentence's first word that the document capitalizes inside sentences too
	tBigramPrev
	tBigramNext
)

const (
	fnvOffset uint64 = 14695981039346656037
	fnvPrime  uint64 = 1099511628211
)

type hasher uint64

func newHash(template byte) hasher { return hasher((fnvOffset ^ uint64(template)) * fnvPrime) }

func (h hasher) str(s string) hasher {
	x := uint64(h)
	for i := 0; i < len(s); i++ {
		x = (x ^ uint64(s[i])) * fnvPrime
	}
	return hasher(x)
}

func (h hasher) byte(b byte) hasher { return hasher((uint64(h) ^ uint64(b)) * fnvPrime) }

// sep separates two values of one feature.
func (h hasher) sep() hasher { return h.byte(0xff) }

// document holds what features need of a document: its sentences, the
// lower case and shape of every token, and the words it writes in lower
// case.
type document struct {
	sents  [][]Token
	lower  [][]string
	shape  [][]string
	lowerd map[string]bool // words written in lower case somewhere in the document
	capd   map[string]bool // capitalized words written inside a sentence somewhere in the document
}

func newDocument(sents [][]Token) *document {
	d := &document{sents: sents, lower: make([][]string, len(sents)), shape: make([][]string, len(sents)), lowerd: map[string]bool{}, capd: map[string]bool{}}
	for s, toks := range sents {
		d.lower[s] = make([]string, len(toks))
		d.shape[s] = make([]string, len(toks))
		for i, t := range toks {
			l := strings.ToLower(t.Text)
			d.lower[s][i] = l
			d.shape[s][i] = shape(t.Text)
			if l == t.Text && isLetterWord(t.Text) {
				d.lowerd[l] = true
			}
			if i > 0 && l != t.Text && isLetterWord(t.Text) {
				d.capd[t.Text] = true
			}
		}
	}
	return d
}

// isLetterWord reports whether w starts with a letter.
func isLetterWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r)
}

// shape returns a word's shape: each upper-case letter X, lower-case x,
// digit d, other runes as they are, runs of one class collapsed ("Xx",
// "X.X.", "XX", "Xx-Xx", "d"); at most 8 bytes.
func shape(w string) string {
	var b [8]byte
	n := 0
	var last byte
	for _, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if c == last {
			continue
		}
		last = c
		if n == len(b) {
			break
		}
		b[n] = c
		n++
	}
	return string(b[:n])
}

// capsSentence reports whether a sentence is written in capitals (a
// headline, a dateline): at least three letters-words and no lower-case
// letter.
func capsSentence(toks []Token) bool {
	words := 0
	for _, t := range toks {
		for _, r := range t.Text {
			if unicode.IsLower(r) {
				return false
			}
		}
		if isLetterWord(t.Text) {
			words++
		}
	}
	return words >= 3
}

// features appends the features of token i of sentence s to fs.
func (d *document) features(fs []uint64, s, i int, caps bool) []uint64 {
	toks, lower, shp := d.sents[s], d.lower[s], d.shape[s]
	w, l, sh := toks[i].Text, lower[i], shp[i]
	at := func(k int) (string, string) {
		switch {
		case k < 0:
			return "<s>", "<s>"
		case k >= len(toks):
			return "</s>", "</s>"
		}
		return lower[k], shp[k]
	}
	add := func(h hasher) { fs = append(fs, uint64(h)) }
	add(newHash(tBias))
	add(newHash(tWord).str(w))
	add(newHash(tLower).str(l))
	add(newHash(tShape).str(sh))
	for n := 1; n <= 3; n++ {
		if p, ok := prefix(l, n); ok {
			add(newHash(tPrefix).byte(byte(n)).str(p))
		}
	}
	for n := 1; n <= 4; n++ {
		if p, ok := suffix(l, n); ok {
			add(newHash(tSuffix).byte(byte(n)).str(p))
		}
	}
	p1, ps1 := at(i - 1)
	n1, ns1 := at(i + 1)
	p2, _ := at(i - 2)
	n2, _ := at(i + 2)
	add(newHash(tPrev1).str(p1))
	add(newHash(tNext1).str(n1))
	add(newHash(tPrev2).str(p2))
	add(newHash(tNext2).str(n2))
	add(newHash(tShapePrev).str(ps1))
	add(newHash(tShapeNext).str(ns1))
	add(newHash(tShapeBigramPrev).str(ps1).sep().str(sh))
	add(newHash(tShapeBigramNext).str(sh).sep().str(ns1))
	add(newHash(tPrevShape).str(p1).sep().str(sh))
	add(newHash(tNextShape).str(sh).sep().str(n1))
	fs = classFeatures(fs, tClass, toks[i].Class)
	if i > 0 {
		fs = classFeatures(fs, tClassPrev, toks[i-1].Class)
	}
	if i+1 < len(toks) {
		fs = classFeatures(fs, tClassNext, toks[i+1].Class)
	}
	if i == 0 || i == 1 && !isLetterWord(toks[0].Text) {
		add(newHash(tFirst).str(sh))
	}
	if l != w && d.lowerd[l] {
		add(newHash(tLowerInDoc).str(sh))
	}
	if caps {
		add(newHash(tCapsSentence))
	}
	if i == 0 && l != w && d.capd[w] && !d.lowerd[l] {
		add(newHash(tCapInDoc))
	}
	add(newHash(tBigramPrev).str(p1).sep().str(l))
	add(newHash(tBigramNext).str(l).sep().str(n1))
	add(newHash(tLength).byte(byte(min(len(l), 12))))
	return fs
}

func classFeatures(fs []uint64, template byte, c Class) []uint64 {
	for b := 0; b < numClasses; b++ {
		if c&(1<<b) != 0 {
			fs = append(fs, uint64(newHash(template).byte(byte(b))))
		}
	}
	return fs
}

// prefix returns the first n runes of w, or false when w is not longer
// than n runes.
func prefix(w string, n int) (string, bool) {
	i := 0
	for k := 0; k < n; k++ {
		if i >= len(w) {
			return "", false
		}
		_, size := utf8.DecodeRuneInString(w[i:])
		i += size
	}
	return w[:i], i < len(w)
}

// suffix returns the last n runes of w, or false when w is not longer
// than n runes.
func suffix(w string, n int) (string, bool) {
	i := len(w)
	for k := 0; k < n; k++ {
		if i <= 0 {
			return "", false
		}
		_, size := utf8.DecodeLastRuneInString(w[:i])
		i -= size
	}
	return w[i:], i > 0
}

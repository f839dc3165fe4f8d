package extract

import (
	"encoding/hex"
	"hash/fnv"
	"io/fs"
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/extract/ner"
)

// Lexicon gives the learned name tagger (package ner) what the tables
// know of each token (a known given name, a word that ends organization
// names, part of a country's name, demonym or capital, of an outlet, a
// known organization or a place, and so on: the ner.Class bits). The
// tagger's trainer (extract/ner/train) reads its corpora through a
// Lexicon, and Extract computes the same for its own tokens, so the model
// sees at run time what it was trained with.
type Lexicon struct{ t *tables }

// NewLexicon loads the tables. It returns an error if an embedded table is
// malformed.
func NewLexicon() (*Lexicon, error) {
	t, err := loadTables()
	if err != nil {
		return nil, err
	}
	return &Lexicon{t: t}, nil
}

// Tokens returns the tagger's tokens for the words of one sentence.
func (l *Lexicon) Tokens(words []string) []ner.Token {
	lower := make([]string, len(words))
	for i, w := range words {
		lower[i] = strings.ToLower(w)
	}
	classes := make([]ner.Class, len(words))
	l.t.nerClasses(words, lower, classes)
	out := make([]ner.Token, len(words))
	for i, w := range words {
		out[i] = ner.Token{Text: w, Class: classes[i]}
	}
	return out
}

// Hash returns a hash of every embedded table, which a model records so
// that one can tell whether it was trained with the tables it runs with.
func (l *Lexicon) Hash() (string, error) {
	h := fnv.New64a()
	err := fs.WalkDir(dataFS, "data", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := dataFS.ReadFile(path)
		if err != nil {
			return err
		}
		h.Write([]byte(path))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

// nerClasses writes the class of each word into out. Table forms match
// as the gazetteer matches them (longest first, exact forms as written),
// but without the context rules that decide whether a match names an
// entity: the tagger learns that from context.
func (t *tables) nerClasses(words, lower []string, out []ner.Class) {
	for i, w := range words {
		var c ner.Class
		if t.given[w] {
			c |= ner.GivenName
		}
		if t.orgSuffix[w] {
			c |= ner.OrgWord
		}
		if t.outletSuffix[w] {
			c |= ner.OutletWord
		}
		if t.roles[lower[i]] {
			c |= ner.RoleWord
		}
		if t.stop[lower[i]] {
			c |= ner.StopWord
		}
		if t.nonEntity[w] {
			c |= ner.NonEntity
		}
		if t.orgNoun[lower[i]] {
			c |= ner.OrgNoun
		}
		if t.sport[lower[i]] {
			c |= ner.SportWord
		}
		if t.club[w] || t.clubFirst[w] {
			c |= ner.ClubWord
		}
		if _, ok := t.cues[lower[i]]; ok {
			c |= ner.CueWord
		}
		if t.locative[lower[i]] {
			c |= ner.Locative
		}
		if t.outletMarker[lower[i]] {
			c |= ner.OutletMarker
		}
		if _, ok := t.institutions[lower[i]]; ok {
			c |= ner.Institution
		}
		out[i] |= c
	}
	for i := 0; i < len(words); {
		n, c := t.gazClass(words, lower, i)
		if n == 0 {
			i++
			continue
		}
		for k := i; k < i+n; k++ {
			out[k] |= c
		}
		i += n
	}
}

// gazClass returns the length of the longest table form at word i and the
// classes of its entries, or 0.
func (t *tables) gazClass(words, lower []string, i int) (int, ner.Class) {
	if !t.gazFirst[lower[i]] {
		return 0, 0
	}
	for n := min(t.gazMax, len(words)-i); n >= 1; n-- {
		var c ner.Class
		for _, e := range t.gaz[strings.Join(lower[i:i+n], " ")] {
			if e.exact && !slices.Equal(words[i:i+n], e.words) {
				continue
			}
			switch {
			case e.kind == gazOutlet:
				c |= ner.Outlet
			case e.kind == gazOrg:
				c |= ner.KnownOrg
			case e.kind == gazPlace:
				c |= ner.Place
			case e.form == formDemonym:
				c |= ner.Demonym
			case e.form == formSeat:
				c |= ner.Capital
			default:
				c |= ner.CountryName
			}
		}
		if c != 0 {
			return n, c
		}
	}
	return 0, 0
}

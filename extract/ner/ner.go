// Package ner is a learned tagger of names: it marks which tokens of a
// sentence name a person, an organization, a place or something else
// (MISC: works, events, nationalities), and where each name begins and
// ends. It is a first-order linear-chain model (BIO tags, Viterbi decoding)
// whose weights were learned by an averaged structured perceptron from
// open, human-annotated corpora (see train/ and README.md beside this
// file); the weights are embedded in the binary (model.bin).
//
// The features are those that generalize from a few hundred thousand
// tokens: the word and its lower case, its shape ("Xx", "X.X.", "XX"),
// prefixes and suffixes, the words two either side, where the word stands
// in the sentence, whether the document writes the word in lower case
// elsewhere, and the classes the caller's tables give each token (a known
// given name, a word that ends organization names, a country, a demonym,
// an outlet: see Class). The tables stay with the caller; this package
// knows only the bits.
//
// A Model is read-only after Load and safe for concurrent use.
package ner

import "strings"

// Kind is what a name names.
type Kind uint8

const (
	None Kind = iota
	PER       // a person (or a fictional character, a god)
	ORG       // an organization: companies, bodies, parties, teams, outlets
	LOC       // a place: countries, cities, regions, buildings
	MISC      // another name: works, events, products, languages, nationalities
)

var kindNames = [...]string{"O", "PER", "ORG", "LOC", "MISC"}

func (k Kind) String() string { return kindNames[k] }

// ParseKind returns the kind named "PER", "ORG", "LOC" or "MISC", or false.
func ParseKind(s string) (Kind, bool) {
	for k, n := range kindNames {
		if k > 0 && n == s {
			return Kind(k), true
		}
	}
	return None, false
}

// Label is a BIO tag: O, or the beginning or inside of a name of a kind.
type Label uint8

// NumLabels is the number of labels: O and B-, I- for each of the four
// kinds.
const NumLabels = 9

// O is the label of a token outside any name.
const O Label = 0

// Begin returns the label that opens a name of kind k.
func Begin(k Kind) Label { return Label(2*k - 1) }

// Inside returns the label that continues a name of kind k.
func Inside(k Kind) Label { return Label(2 * k) }

// Kind returns the kind of name the label is part of, None for O.
func (l Label) Kind() Kind { return Kind((l + 1) / 2) }

// IsBegin reports whether l opens a name.
func (l Label) IsBegin() bool { return l != O && l%2 == 1 }

func (l Label) String() string {
	switch {
	case l == O:
		return "O"
	case l.IsBegin():
		return "B-" + l.Kind().String()
	default:
		return "I-" + l.Kind().String()
	}
}

// follows reports whether label b may follow label a (a = O at a
// sentence's start): an inside label only continues a name of its kind.
func follows(a, b Label) bool {
	return b == O || b.IsBegin() || a != O && a.Kind() == b.Kind()
}

// Class is a set of facts the caller's tables know about a token. Each bit
// is one feature of the model, so the meaning of a bit must not change
// without retraining (FeatureSet names them).
type Class uint32

const (
	GivenName    Class = 1 << iota // a known given name, as written
	OrgWord                        // a word that ends organization names ("Ministry", "Inc")
	OutletWord                     // the subset of OrgWord that ends outlets' names ("Times")
	RoleWord                       // a title or role ("President", "spokesman")
	StopWord                       // a function word that starts no name
	CountryName                    // part of a country's name or abbreviation
	Demonym                        // part of a country's demonym ("North Korean")
	Capital                        // part of a capital or seat of power ("Kremlin")
	Outlet                         // part of a known outlet's name
	KnownOrg                       // part of a known organization's name
	Place                          // part of a known place that is no country
	NonEntity                      // a word that ends place or event names ("Sea", "War")
	OrgNoun                        // a lower-case noun that introduces an organization ("firm")
	SportWord                      // a word of sport ("coach", "league")
	ClubWord                       // a word that ends or opens a club's name ("United", "FC")
	CueWord                        // a speech verb or noun ("said", "told", "statement")
	Locative                       // a word that makes a capital after it a place ("in", "near")
	OutletMarker                   // a noun beside an outlet's name ("agency", "newspaper")
	Institution                    // a noun that names a body after a demonym ("army", "government")
	numClasses   = iota
)

var classNames = [numClasses]string{"given", "orgword", "outletword", "role", "stop", "country", "demonym",
	"capital", "outlet", "knownorg", "place", "nonentity", "orgnoun", "sport", "club", "cue", "locative",
	"outletmarker", "institution"}

// Token is one token of a sentence and what the tables know of it.
// (Part-of-speech tags are no feature: prose's tagger, the one extraction
// runs, breaks near-ties by map order, so tags, and a model trained on
// them, would differ from run to run; they gained nothing measurable.)
type Token struct {
	Text  string
	Class Class
}

// Span is a name found in a sentence: tokens [Start, End) of kind Kind.
type Span struct {
	Start, End int
	Kind       Kind
}

// Spans returns the names that a sequence of labels marks. An inside label
// that does not continue a name of its kind opens one (as in IOB1).
func Spans(labels []Label) []Span {
	var out []Span
	for i := 0; i < len(labels); {
		l := labels[i]
		if l == O {
			i++
			continue
		}
		j := i + 1
		for j < len(labels) && labels[j] == Inside(l.Kind()) {
			j++
		}
		out = append(out, Span{Start: i, End: j, Kind: l.Kind()})
		i = j
	}
	return out
}

// FeatureSet names the features this code computes. A model records the
// FeatureSet it was trained with, and Load refuses a model whose set
// differs: weights learned for other features would be read as these.
// Change it whenever features.go or the meaning of a Class bit changes.
var FeatureSet = "v1 " + strings.Join(classNames[:], ",") +
	" bias word lower shape pre1-3 suf1-4 lower±1±2 shape±1 shapebigrams class±1 first lowerindoc caps len capindoc bigrams±1"

// Version is the version of the model file format.
const Version = 1

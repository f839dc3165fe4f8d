// Package graph is the domain of entitygraph: the entities, statements and
// documents that news text turns into, the Store that keeps them, and the
// traversals (neighborhoods, paths) that the API serves. It imports no
// adapter: the stores live in graph/sqlite and graph/neo4j.
package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Kind is the kind of a node. Entity kinds are the three that extraction
// produces; KindStatement and KindClaim only appear as nodes in the
// statement view.
type Kind string

const (
	KindPerson       Kind = "person"
	KindOrganization Kind = "organization"
	KindCountry      Kind = "country"
	KindStatement    Kind = "statement"
	// KindClaim is a claim reported more than once (ClaimOf), drawn in
	// the statement view as one node for all its reports.
	KindClaim Kind = "claim"
)

// EntityKinds lists the kinds an entity can have, in display order.
var EntityKinds = []Kind{KindPerson, KindOrganization, KindCountry}

// Valid reports whether k is one of the entity kinds.
func (k Kind) Valid() bool {
	switch k {
	case KindPerson, KindOrganization, KindCountry:
		return true
	}
	return false
}

// ParseKind accepts an entity kind in any case ("Person", "PERSON", "person",
// "org"); it returns an Invalid error naming the value otherwise.
func ParseKind(s string) (Kind, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "person", "per":
		return KindPerson, nil
	case "organization", "organisation", "org":
		return KindOrganization, nil
	case "country":
		return KindCountry, nil
	}
	return "", Errorf(Invalid, "graph.ParseKind", "unknown kind %q (want person, organization or country)", s)
}

// RelType is the type of an edge.
type RelType string

const (
	RelStated         RelType = "STATED"
	RelReportedBy     RelType = "REPORTED_BY"
	RelAbout          RelType = "ABOUT"
	RelAffiliatedWith RelType = "AFFILIATED_WITH"
	RelPartOf         RelType = "PART_OF"
	RelBasedIn        RelType = "BASED_IN"
)

// RelTypes lists every edge type a subgraph can hold.
var RelTypes = []RelType{RelStated, RelReportedBy, RelAbout, RelAffiliatedWith, RelPartOf, RelBasedIn}

// ParseRelType accepts an edge type in any case; it returns an Invalid error
// naming the value otherwise.
func ParseRelType(s string) (RelType, error) {
	u := RelType(strings.ToUpper(strings.TrimSpace(s)))
	for _, r := range RelTypes {
		if r == u {
			return r, nil
		}
	}
	return "", Errorf(Invalid, "graph.ParseRelType", "unknown edge type %q", s)
}

// EntityID is the stable id of an entity: its kind and its normalized
// canonical name ("person:kyrylo-budanov"). The same name gives the same id
// in every run and every store.
func EntityID(kind Kind, name string) string {
	return string(kind) + ":" + Slug(name)
}

// Slug folds a name to lower-case ASCII words joined by hyphens: accents are
// dropped, punctuation separates words, and a possessive 's is removed, so
// "Défense Ministry's" and "defense ministry" give the same slug.
func Slug(name string) string {
	name = possessive.ReplaceAllString(name, "")
	var b strings.Builder
	pendingHyphen := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == '\'' || r == '’':
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if pendingHyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingHyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			pendingHyphen = true
		}
	}
	return b.String()
}

var possessive = regexp.MustCompile(`(?i)['’]s\b`)

// StatementID is the stable id of a statement: id = hash(document id, span,
// speaker): two speakers of one sentence ("Russia and China denied ...") are
// two statements over the same byte span.
func StatementID(documentID string, start, end int, speakerID string) string {
	return "st_" + shortHash(documentID, strconv.Itoa(start), strconv.Itoa(end), speakerID)
}

// DocumentIDFromText is the id of a document whose caller gave none: a hash
// of its text, so that the same text ingested twice is the same document.
func DocumentIDFromText(text string) string {
	return "doc_" + shortHash(text)
}

// DocumentIDFromURL is the id of a document read from the web (a page, a
// feed item, an archived response) whose caller gave none: a hash of its
// address, so that the page fetched again, perhaps updated, replaces its
// earlier version, while the same text at two addresses (a story two
// outlets carry) stays two documents.
func DocumentIDFromURL(url string) string {
	return "doc_" + shortHash("url", url)
}

// EdgeID is the stable id of an edge in a subgraph.
func EdgeID(t RelType, source, target string) string {
	return "e_" + shortHash(string(t), source, target)
}

// shortHash returns the first 16 hex digits of the SHA-256 of parts,
// each followed by a zero byte, hashed from one buffer (a neighborhood
// of 500 nodes names up to 750 edges: 395 against 625 ns and 2 against 3
// allocations an edge id with a hash writer and a conversion per part).
func shortHash(parts ...string) string {
	n := 0
	for _, p := range parts {
		n += len(p) + 1
	}
	buf := make([]byte, 0, n)
	for _, p := range parts {
		buf = append(append(buf, p...), 0)
	}
	sum := sha256.Sum256(buf)
	var out [16]byte
	hex.Encode(out[:], sum[:8])
	return string(out[:])
}

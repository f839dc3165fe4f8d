package extract

import (
	"slices"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// sourceSeparators split a source such as "BBC News - World" or "Latest |
// Kyiv Ledger" into the parts one of which may name the outlet.
var sourceSeparators = strings.NewReplacer(" | ", "\x00", " - ", "\x00", " – ", "\x00", " — ", "\x00", ": ", "\x00", " · ", "\x00", " > ", "\x00")

// Outlet returns the organization a document's source (the outlet its
// metadata names: a JSONL "source", a page's og:site_name, a feed's
// title) stands for, named as the text of a document names it: the
// outlet or organization of the tables of which the source, or a part of
// it between separators ("BBC News - World"), is a name or alias ("BBC
// News" and "British Broadcasting Corporation" give BBC, "The Financial
// Times" the Financial Times); otherwise an organization named as the
// first part of the source is written, without a leading "The": feeds put
// the outlet's name first ("Meridian Wire - World", "NYT > World"). It
// returns the zero EntityRef for a source with no letters or digits.
func (x *Extractor) Outlet(source string) graph.EntityRef {
	source = strings.Join(strings.Fields(source), " ")
	parts := append([]string{source}, strings.Split(sourceSeparators.Replace(source), "\x00")...)
	for _, p := range parts {
		if name, ok := x.tables.organizationNamed(stripThe(p)); ok {
			return orgRef(name)
		}
	}
	return orgRef(stripThe(parts[1]))
}

func orgRef(name string) graph.EntityRef {
	id := graph.EntityID(graph.KindOrganization, name)
	if id == graph.EntityID(graph.KindOrganization, "") {
		return graph.EntityRef{}
	}
	return graph.EntityRef{ID: id, Kind: graph.KindOrganization, Name: name}
}

// organizationNamed returns the canonical name of the outlet or
// organization of the tables that s is a form of, honouring forms that
// match only as written.
func (t *tables) organizationNamed(s string) (string, bool) {
	words := formTokens(s)
	if len(words) == 0 {
		return "", false
	}
	for _, e := range t.gaz[strings.ToLower(strings.Join(words, " "))] {
		if (e.kind == gazOutlet || e.kind == gazOrg) && (!e.exact || slices.Equal(e.words, words)) {
			return e.name, true
		}
	}
	return "", false
}

func stripThe(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		return strings.TrimSpace(s[4:])
	}
	return s
}

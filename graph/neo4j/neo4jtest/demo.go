package neo4jtest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// DemoExtractions returns n extractions shaped like the demo corpus's
// articles: about 1.5 kB of text, nine entities (people, organizations,
// countries and an outlet) drawn from a fixed cast so that documents share
// entities as news does, four statements each about two or three entities
// and carried by the outlet, and one affiliation. The same n gives the same
// extractions on every call.
func DemoExtractions(n int) []*graph.Extraction {
	r := rand.New(rand.NewPCG(uint64(n), 7))
	cast := func(kind graph.Kind, prefix string, size int) []graph.DocumentEntity {
		out := make([]graph.DocumentEntity, size)
		for i := range out {
			name := fmt.Sprintf("%s %s", prefix, word(i))
			out[i] = graph.DocumentEntity{ID: graph.EntityID(kind, name), Kind: kind, Name: name}
		}
		return out
	}
	people := cast(graph.KindPerson, "Person", 400)
	orgs := cast(graph.KindOrganization, "Ministry", 150)
	outlets := cast(graph.KindOrganization, "Outlet", 20)
	countries := cast(graph.KindCountry, "Land", 50)

	xs := make([]*graph.Extraction, n)
	for i := range xs {
		id := fmt.Sprintf("demo-%06d", i)
		date := fmt.Sprintf("%04d-%02d-%02d", 2020+i%5, 1+i%12, 1+i%28)
		picked := map[string]bool{}
		pick := func(from []graph.DocumentEntity, k int) []graph.DocumentEntity {
			var out []graph.DocumentEntity
			for len(out) < k {
				e := from[r.IntN(len(from))]
				if !picked[e.ID] {
					picked[e.ID] = true
					out = append(out, e)
				}
			}
			return out
		}
		ps, os, cs, outlet := pick(people, 3), pick(orgs, 2), pick(countries, 3), pick(outlets, 1)[0]
		var text strings.Builder
		x := &graph.Extraction{Document: graph.Document{ID: id, Title: "Demo article " + id, Date: date,
			Source: outlet.Name, URL: "https://example.org/demo/" + id}}
		speakers := []graph.DocumentEntity{ps[0], ps[1], os[0], ps[2]}
		for j, sp := range speakers {
			about := []graph.DocumentEntity{cs[j%3], cs[(j+1)%3]}
			if j%2 == 1 {
				about = append(about, os[1])
			}
			start := text.Len()
			fmt.Fprintf(&text, "%s said that %s and %s had agreed on new deliveries, %s reported. ",
				sp.Name, about[0].Name, about[1].Name, outlet.Name)
			text.WriteString(strings.Repeat("Officials declined to give further details about the talks. ", 5))
			end := text.Len()
			st := graph.Statement{ID: graph.StatementID(id, start, end, sp.ID), DocumentID: id, Speaker: sp.Ref(),
				ReportedBy: []graph.EntityRef{outlet.Ref()}, Text: text.String()[start:end], Cue: "said",
				Start: start, End: end}
			for _, a := range about {
				st.About = append(st.About, a.Ref())
			}
			x.Statements = append(x.Statements, st)
		}
		x.Document.Text = text.String()
		for _, e := range append(append(append(ps, os...), cs...), outlet) {
			e.Mentions = []graph.Mention{{Start: 0, End: len(e.Name), Text: e.Name}, {Start: 1, End: 2, Text: e.Name}}
			x.Entities = append(x.Entities, e)
		}
		x.Relations = []graph.Relation{{Type: graph.RelAffiliatedWith, Source: ps[0].ID, Target: os[0].ID, Role: "head of", DocumentID: id}}
		xs[i] = x
	}
	return xs
}

// word turns i into a pronounceable name part, so that names are words
// the search index sees as one token.
func word(i int) string {
	const consonants, vowels = "bdfgklmnprstvz", "aeiou"
	var b strings.Builder
	b.WriteByte(consonants[i%len(consonants)] - 'a' + 'A')
	i /= len(consonants)
	for k := 0; k < 3; k++ {
		b.WriteByte(vowels[i%len(vowels)])
		i /= len(vowels)
		b.WriteByte(consonants[(i+k)%len(consonants)])
	}
	return b.String()
}

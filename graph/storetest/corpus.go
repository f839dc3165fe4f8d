package storetest

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// wireCorpus returns n extractions of a small synthetic wire corpus with
// the shape of real news, the same for the same seed: a few hub countries
// and outlets in most documents, people who are mostly rare, three to five
// statements per document, dates over two years (some documents dated by
// month or year only, some undated), and standing relations. It exercises
// what the seed cannot: hubs with more neighbors than a limit, ties in
// weight, and dates of every precision.
func wireCorpus(seed uint64, n int) []*graph.Extraction {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	countries := []string{"Russia", "Ukraine", "China", "United States", "North Korea", "Iran", "Germany", "France"}
	outlets := []string{"Reuters", "Associated Press", "Financial Times", "Kyiv Independent"}
	orgs := []string{"Defense Ministry", "Foreign Ministry", "Central Bank", "Atlas Group", "Nova Institute", "Harbor Union"}
	people := make([]string, 60)
	for i := range people {
		people[i] = fmt.Sprintf("Person %s %s", letterName(i), letterName(i*7+3))
	}
	// Skewed picks: low indexes far more often, as hubs and busy people are.
	skewed := func(list []string) string {
		i := int(float64(len(list)) * rng.Float64() * rng.Float64())
		return list[i]
	}
	var out []*graph.Extraction
	for d := 0; d < n; d++ {
		date := ""
		switch p := rng.IntN(20); {
		case p == 0:
		case p == 1:
			date = fmt.Sprintf("%d", 2023+rng.IntN(2))
		case p < 5:
			date = fmt.Sprintf("%d-%02d", 2023+rng.IntN(2), 1+rng.IntN(12))
		default:
			date = fmt.Sprintf("%d-%02d-%02d", 2023+rng.IntN(2), 1+rng.IntN(12), 1+rng.IntN(28))
		}
		id := fmt.Sprintf("wire-%03d", d)
		b := &corpusDoc{x: &graph.Extraction{Document: graph.Document{ID: id, Date: date, Title: "Wire story " + id},
			Entities: []graph.DocumentEntity{}, Statements: []graph.Statement{}, Relations: []graph.Relation{}}}
		outlet := b.entity(graph.KindOrganization, skewed(outlets))
		statements := 3 + rng.IntN(3)
		for st := 0; st < statements; st++ {
			var speaker string
			switch rng.IntN(4) {
			case 0:
				speaker = b.entity(graph.KindCountry, skewed(countries))
			case 1:
				speaker = b.entity(graph.KindOrganization, skewed(orgs))
			default:
				speaker = b.entity(graph.KindPerson, skewed(people))
			}
			var about []string
			for a := 0; a < 1+rng.IntN(3); a++ {
				if rng.IntN(3) == 0 {
					about = append(about, b.entity(graph.KindPerson, skewed(people)))
				} else {
					about = append(about, b.entity(graph.KindCountry, skewed(countries)))
				}
			}
			var carried []string
			if rng.IntN(5) > 0 {
				carried = []string{outlet}
			}
			b.statement(speaker, about, carried)
		}
		if rng.IntN(3) == 0 {
			person := b.entity(graph.KindPerson, skewed(people))
			org := b.entity(graph.KindOrganization, skewed(orgs))
			b.x.Relations = append(b.x.Relations, graph.Relation{Type: graph.RelAffiliatedWith, Source: person, Target: org,
				Role: []string{"", "head of", "spokesman of"}[rng.IntN(3)], DocumentID: id})
		}
		if rng.IntN(4) == 0 {
			org := b.entity(graph.KindOrganization, skewed(orgs))
			country := b.entity(graph.KindCountry, skewed(countries))
			b.x.Relations = append(b.x.Relations, graph.Relation{Type: graph.RelBasedIn, Source: org, Target: country, DocumentID: id})
		}
		b.x.Document.Text = b.text.String()
		out = append(out, b.x)
	}
	return out
}

// letterName turns a number into a pronounceable capitalized name.
func letterName(i int) string {
	syllables := []string{"ka", "lo", "mi", "ren", "su", "ta", "vo", "ne", "di", "ga"}
	s := syllables[i%len(syllables)] + syllables[(i/len(syllables))%len(syllables)]
	return strings.ToUpper(s[:1]) + s[1:]
}

// corpusDoc builds one wire extraction; statements get their own sentence
// of the text, so that spans and ids are real.
type corpusDoc struct {
	x    *graph.Extraction
	text strings.Builder
}

// entity adds the entity (once) with a mention in the text and returns
// its id.
func (b *corpusDoc) entity(kind graph.Kind, name string) string {
	id := graph.EntityID(kind, name)
	start := b.text.Len()
	b.text.WriteString(name + ". ")
	for i, e := range b.x.Entities {
		if e.ID == id {
			b.x.Entities[i].Mentions = append(e.Mentions, graph.Mention{Start: start, End: start + len(name), Text: name})
			return id
		}
	}
	b.x.Entities = append(b.x.Entities, graph.DocumentEntity{ID: id, Kind: kind, Name: name,
		Mentions: []graph.Mention{{Start: start, End: start + len(name), Text: name}}})
	return id
}

func (b *corpusDoc) ref(id string) graph.EntityRef {
	for _, e := range b.x.Entities {
		if e.ID == id {
			return e.Ref()
		}
	}
	panic("storetest: no entity " + id)
}

func (b *corpusDoc) statement(speaker string, about, outlets []string) {
	start := b.text.Len()
	// Enough words to make a claim (graph.ClaimOf), the same in every
	// document for one speaker, place and set of entities; the fourth of
	// a document denies (graph.IsDenial).
	n := len(b.x.Statements)
	sentence, cue := fmt.Sprintf("Statement %d said something about the ceasefire talks. ", n), "said"
	if n == 3 {
		sentence, cue = "Statement 3 denied the reports about the ceasefire talks. ", "denied"
	}
	b.text.WriteString(sentence)
	end := start + len(sentence) - 1
	d := b.x.Document
	st := graph.Statement{ID: graph.StatementID(d.ID, start, end, speaker), DocumentID: d.ID, Speaker: b.ref(speaker),
		About: []graph.EntityRef{}, ReportedBy: []graph.EntityRef{}, Text: sentence[:len(sentence)-1], Cue: cue,
		Date: d.Date, Start: start, End: end}
	for _, a := range about {
		st.About = append(st.About, b.ref(a))
	}
	for _, o := range outlets {
		st.ReportedBy = append(st.ReportedBy, b.ref(o))
	}
	b.x.Statements = append(b.x.Statements, st)
}

// Package synth generates synthetic wire-news corpora of any size, the
// same for the same seed, with the shape of a real collection: a few hub
// countries and outlets in a large share of the documents, organizations
// of middling frequency, and people who are mostly rare (a Zipf-like
// draw over a large pool, so a few are in dozens of documents and most in
// one), three to five statements per document over three years of dates.
//
// It gives each document twice: as text, for `entitygraph ingest` (so a
// benchmark exercises extraction too), and as the graph.Extraction the
// text means, for writing straight into a store when extraction would
// take too long (a million entities). The scale benchmark
// (scripts/bench-scale) is built on it.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// Config sizes a corpus. Entities is the number of distinct entities
// aimed at (people make up about 90% of them); the corpus has about 0.53
// documents per entity, the ratio of the wire corpus issue 8 measured.
type Config struct {
	Entities int
	Seed     uint64
}

// Documents returns how many documents the corpus has.
func (c Config) Documents() int { return max(1, c.Entities*53/100) }

// Doc is one generated document: its text and what it means.
type Doc struct {
	Document   graph.Document
	Extraction *graph.Extraction
}

// Corpus generates the documents of c in order; Next returns false after
// the last. It is not safe for concurrent use.
type Corpus struct {
	c       Config
	rng     *rand.Rand
	n       int
	people  zipf
	orgs    zipf
	country zipf
	outlet  zipf
}

// New returns the corpus of c.
func New(c Config) *Corpus {
	people := max(10, c.Entities*3/2)
	orgs := max(5, c.Entities*12/100)
	rng := rand.New(rand.NewPCG(c.Seed, 0xe9))
	return &Corpus{c: c, rng: rng,
		// Exponents chosen so that at 100k entities about a third of the
		// people pool appears once and a few people appear in hundreds
		// of documents; a few countries and outlets are in a large share.
		people:  newZipf(people, 0.75),
		orgs:    newZipf(orgs, 0.9),
		country: newZipf(len(countries), 1.1),
		outlet:  newZipf(len(outlets), 1.0),
	}
}

// Next returns the next document, or false after the last.
func (s *Corpus) Next() (Doc, bool) {
	if s.n >= s.c.Documents() {
		return Doc{}, false
	}
	i := s.n
	s.n++
	return s.document(i), true
}

// zipf draws ranks 0..n-1 with probability proportional to 1/(rank+1)^e,
// by inverting the continuous approximation of the cumulative weights.
type zipf struct {
	n int
	e float64
}

func newZipf(n int, e float64) zipf { return zipf{n, e} }

func (z zipf) draw(rng *rand.Rand) int {
	u := rng.Float64()
	if z.e == 1 {
		return min(z.n-1, int(math.Exp(u*math.Log(float64(z.n)+1)))-1)
	}
	a := 1 - z.e
	hi := math.Pow(float64(z.n)+1, a)
	x := math.Pow(1+u*(hi-1), 1/a)
	return min(z.n-1, max(0, int(x)-1))
}

// document builds document i: a dateline, then statements, each a
// sentence in one of the cue styles of wire copy.
func (s *Corpus) document(i int) Doc {
	rng := s.rng
	outlet := outlets[s.outlet.draw(rng)]
	date := fmt.Sprintf("%d-%02d-%02d", 2022+rng.IntN(3), 1+rng.IntN(12), 1+rng.IntN(28))
	d := &builder{x: &graph.Extraction{Document: graph.Document{
		ID: fmt.Sprintf("synth-%d-%07d", s.c.Seed, i), Date: date, Source: outlet,
		Title: fmt.Sprintf("Wire story %d", i)}}}
	home := s.countryName()
	d.write(home + " – ")
	statements := 3 + rng.IntN(3)
	for k := 0; k < statements; k++ {
		about := []string{s.countryName()}
		if rng.IntN(2) == 0 {
			about = append(about, s.countryName())
		}
		var extra string
		if rng.IntN(3) == 0 {
			extra = s.personName()
		}
		topic := topics[rng.IntN(len(topics))]
		d.start = d.text.Len()
		switch style := rng.IntN(4); {
		case style == 0 || style == 1:
			speaker := s.personName()
			org := s.orgName()
			// "…," Given Surname, a spokesman for Org, told Outlet.
			d.write(`"`)
			d.aboutText(about, topic, extra)
			d.write(`," `)
			d.entity(graph.KindPerson, speaker)
			d.write(", a spokesman for the ")
			d.entity(graph.KindOrganization, org)
			d.write(", told ")
			d.entity(graph.KindOrganization, outlet)
			d.write(". ")
			d.statement(graph.KindPerson, speaker, about, extra, outlet)
			d.relation(graph.RelAffiliatedWith, graph.KindPerson, speaker, graph.KindOrganization, org, "spokesman of")
		case style == 2:
			speaker := s.personName()
			d.write("According to ")
			d.entity(graph.KindPerson, speaker)
			d.write(", ")
			d.aboutText(about, topic, extra)
			d.write(". ")
			d.statement(graph.KindPerson, speaker, about, extra, "")
		default:
			speaker := s.orgName()
			d.write("The ")
			d.entity(graph.KindOrganization, speaker)
			d.write(" said in a statement that ")
			d.aboutText(about, topic, extra)
			d.write(". ")
			d.statement(graph.KindOrganization, speaker, about, extra, "")
		}
	}
	d.x.Document.Text = strings.TrimSpace(d.text.String())
	return Doc{Document: d.x.Document, Extraction: d.x}
}

// RareNames returns up to n names of people from the tail of c's pool,
// rarest first: the people a corpus of c names in one document, if at all.
func RareNames(c Config, n int) []string {
	pool := New(c).people.n
	var out []string
	for r := pool - 1; r >= 0 && len(out) < n; r-- {
		out = append(out, personAt(r))
	}
	return out
}

func (s *Corpus) countryName() string { return countries[s.country.draw(s.rng)] }

func (s *Corpus) personName() string { return personAt(s.people.draw(s.rng)) }

// personAt returns the person of rank r: the rank spreads over given names
// and surnames so that every rank is one distinct full name.
func personAt(r int) string {
	return givenNames[r%len(givenNames)] + " " + surname(r/len(givenNames))
}

func (s *Corpus) orgName() string {
	r := s.orgs.draw(s.rng)
	return surname(r/len(orgWords)+7919) + " " + orgWords[r%len(orgWords)]
}

// surname turns a number into a capitalized made-up surname, distinct for
// distinct numbers.
func surname(n int) string {
	var b strings.Builder
	for {
		b.WriteString(syllables[n%len(syllables)])
		n /= len(syllables)
		if n == 0 {
			break
		}
	}
	s := b.String() + "ov"
	return strings.ToUpper(s[:1]) + s[1:]
}

// builder writes a document's text and the extraction it means.
type builder struct {
	x    *graph.Extraction
	text strings.Builder
	// start is where the sentence being written began.
	start int
}

func (b *builder) write(s string) { b.text.WriteString(s) }

// entity writes name as a mention of an entity of kind.
func (b *builder) entity(kind graph.Kind, name string) {
	start := b.text.Len()
	b.write(name)
	id := graph.EntityID(kind, name)
	m := graph.Mention{Start: start, End: start + len(name), Text: name}
	for i := range b.x.Entities {
		if b.x.Entities[i].ID == id {
			b.x.Entities[i].Mentions = append(b.x.Entities[i].Mentions, m)
			return
		}
	}
	b.x.Entities = append(b.x.Entities, graph.DocumentEntity{ID: id, Kind: kind, Name: name, Mentions: []graph.Mention{m}})
}

// aboutText writes what a statement says about its entities.
func (b *builder) aboutText(about []string, topic, person string) {
	b.entity(graph.KindCountry, about[0])
	if len(about) > 1 && about[1] != about[0] {
		b.write(" and ")
		b.entity(graph.KindCountry, about[1])
	}
	b.write(" " + topic)
	if person != "" {
		b.write(" after talks with ")
		b.entity(graph.KindPerson, person)
	}
}

// statement records the statement of the sentence just written.
func (b *builder) statement(kind graph.Kind, speaker string, about []string, person, outlet string) {
	d := b.x.Document
	start, end := b.start, b.text.Len()-1 // without the space after the sentence
	sp := graph.EntityID(kind, speaker)
	st := graph.Statement{ID: graph.StatementID(d.ID, start, end, sp), DocumentID: d.ID,
		Speaker: graph.EntityRef{ID: sp, Kind: kind, Name: speaker}, Text: b.text.String()[start:end], Cue: "said", Date: d.Date,
		Start: start, End: end}
	seen := map[string]bool{}
	for _, a := range about {
		if !seen[a] {
			seen[a] = true
			st.About = append(st.About, graph.EntityRef{ID: graph.EntityID(graph.KindCountry, a), Kind: graph.KindCountry, Name: a})
		}
	}
	if person != "" {
		st.About = append(st.About, graph.EntityRef{ID: graph.EntityID(graph.KindPerson, person), Kind: graph.KindPerson, Name: person})
	}
	if outlet != "" {
		st.ReportedBy = []graph.EntityRef{{ID: graph.EntityID(graph.KindOrganization, outlet), Kind: graph.KindOrganization, Name: outlet}}
	}
	b.x.Statements = append(b.x.Statements, st)
}

func (b *builder) relation(t graph.RelType, sk graph.Kind, source string, tk graph.Kind, target, role string) {
	b.x.Relations = append(b.x.Relations, graph.Relation{Type: t, Source: graph.EntityID(sk, source),
		Target: graph.EntityID(tk, target), Role: role, DocumentID: b.x.Document.ID})
}

var (
	countries = []string{"United States", "Russia", "China", "Ukraine", "Iran", "Israel", "Germany", "France",
		"United Kingdom", "Japan", "India", "Turkey", "North Korea", "South Korea", "Poland", "Brazil", "Canada",
		"Italy", "Spain", "Mexico", "Saudi Arabia", "Egypt", "Pakistan", "Syria", "Iraq", "Qatar", "Australia",
		"Indonesia", "Nigeria", "South Africa", "Argentina", "Sweden", "Norway", "Finland", "Netherlands", "Belgium",
		"Greece", "Hungary", "Romania", "Georgia", "Armenia", "Azerbaijan", "Kazakhstan", "Belarus", "Moldova",
		"Serbia", "Vietnam", "Thailand", "Philippines", "Malaysia", "Afghanistan", "Lebanon", "Jordan", "Kenya",
		"Ethiopia", "Chile", "Colombia", "Peru", "Venezuela", "Cuba"}
	outlets = []string{"Reuters", "Associated Press", "Agence France-Presse", "Bloomberg", "BBC", "CNN",
		"Financial Times", "Al Jazeera", "Xinhua", "Kyodo", "Yonhap", "Interfax", "Deutsche Welle", "Politico",
		"Axios", "NBC News", "Sky News", "Le Monde", "Kyiv Independent", "Ukrinform"}
	orgWords = []string{"Group", "Institute", "Foundation", "Agency", "Bank", "Union", "Council", "Corporation",
		"Association", "Authority", "Commission", "Party"}
	givenNames = []string{"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William",
		"Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles",
		"Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark", "Margaret", "Donald", "Sandra",
		"Steven", "Ashley", "Paul", "Kimberly", "Andrew", "Emily", "Joshua", "Donna", "Kenneth", "Michelle",
		"Kevin", "Carol", "Brian", "Amanda", "George", "Melissa", "Edward", "Deborah", "Ronald", "Stephanie",
		"Timothy", "Rebecca", "Jason", "Laura", "Jeffrey", "Helen", "Ryan", "Sharon", "Jacob", "Cynthia",
		"Gary", "Kathleen", "Nicholas", "Amy", "Eric", "Shirley", "Stephen", "Angela", "Jonathan", "Anna",
		"Larry", "Ruth", "Justin", "Brenda", "Scott", "Pamela", "Frank", "Nicole", "Brandon", "Katherine",
		"Raymond", "Virginia", "Gregory", "Catherine", "Samuel", "Christine", "Benjamin", "Samantha",
		"Patrick", "Debra", "Jack", "Janet", "Alexander", "Rachel", "Dennis", "Carolyn", "Jerry", "Emma",
		"Tyler", "Maria", "Aaron", "Heather", "Henry", "Diane", "Douglas", "Julie", "Peter", "Joyce"}
	syllables = []string{"ka", "lo", "mi", "ren", "su", "ta", "vo", "ne", "di", "ga", "sha", "por", "ve", "lin",
		"dor", "ma", "zu", "bel", "tri", "no"}
	topics = []string{"would continue the talks next week", "had agreed to new sanctions",
		"was preparing a new aid package", "had not met its obligations", "would reopen the border crossing",
		"was ready to discuss a ceasefire", "had expelled two diplomats", "would raise its defense budget"}
)

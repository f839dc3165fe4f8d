package storetest

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/entitygraph/entitygraph/graph"
)

// Ids of the seed entities (graph.EntityID of their kind and name) and
// documents, for tests that read back what SeedExtractions wrote.
const (
	Budanov        = "person:kyrylo-budanov"
	Yusov          = "person:andrii-yusov"
	NorthKorea     = "country:north-korea"
	Russia         = "country:russia"
	SouthKorea     = "country:south-korea"
	FinancialTimes = "organization:financial-times"
	UkrainianNews  = "organization:ukrainian-news"
	DefenseIntel   = "organization:defense-intelligence-directorate"
	MainIntel      = "organization:main-intelligence-directorate"
	SouthKoreanInt = "organization:south-korean-intelligence"
	Kremlin        = "organization:kremlin"

	// DocBudanov (2024-01), DocYusov (2024-02-03), DocSeoul (2023-11) and
	// DocNote (undated) are the seed documents.
	DocBudanov = "uanews-budanov-ft"
	DocYusov   = "uanews-yusov"
	DocSeoul   = "yonhap-shells"
	DocNote    = "analyst-note"
)

// SeedExtractions returns four hand-built extractions modeled on the seed
// article (shared/seed/north-korea-weapons.txt), new on every call:
//
//   - DocBudanov (2024-01): Kyrylo Budanov STATED three statements about
//     Russia and North Korea, REPORTED_BY the Financial Times; he is
//     AFFILIATED_WITH the Defense Intelligence Directorate ("head of").
//   - DocYusov (2024-02-03): Andrii Yusov STATED one statement about North
//     Korea and Russia (alias "RF"), REPORTED_BY Ukrainian News.
//   - DocSeoul (2023-11): South Korean intelligence, BASED_IN South Korea,
//     STATED one statement about North Korea and Russia, with no outlet.
//   - DocNote (undated): Budanov STATED one statement about the Kremlin
//     (which only this document names) and Russia, with no outlet.
func SeedExtractions() []*graph.Extraction {
	return seed().extractions
}

// seedData is the seed with the statement ids, by a short key, that the
// contract cases refer to.
type seedData struct {
	extractions []*graph.Extraction
	statements  map[string]string
}

// id returns the id of the seed statement with this key; it panics on an
// unknown key, which is a bug in the suite.
func (s seedData) id(key string) string {
	id, ok := s.statements[key]
	if !ok {
		panic("storetest: no seed statement " + key)
	}
	return id
}

// ids returns the ids of the seed statements with these keys.
func (s seedData) ids(keys ...string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = s.id(k)
	}
	return out
}

// byDocument returns the seed extraction of a document id.
func (s seedData) byDocument(id string) *graph.Extraction {
	for _, x := range s.extractions {
		if x.Document.ID == id {
			return x
		}
	}
	panic("storetest: no seed document " + id)
}

func seed() seedData {
	s := seedData{statements: map[string]string{}}

	a := newDoc(graph.Document{ID: DocBudanov, Date: "2024-01", Source: "Ukrainian News",
		Title: "North Korea is the largest supplier of weapons to russia",
		URL:   "https://example.org/news/budanov-ft",
		Text: `North Korea is the largest supplier of weapons to russia. ` +
			`This follows from a statement by the head of the Defense Intelligence Directorate of the Ministry of Defense of Ukraine, Kyrylo Budanov, in an interview with the Financial Times. ` +
			`"This explains russia's search for weapons in other countries," said the head of Defense Intelligence. ` +
			`According to Budanov, North Korea is currently the largest supplier of weapons to the russian army. ` +
			`"They really handed over a significant amount of artillery ammunition. This allowed russia to breathe a little," he said, adding that without North Korea's help, the situation would have been catastrophic for the russians.`})
	a.entity(graph.KindPerson, "Kyrylo Budanov", []string{"Budanov"}, "Kyrylo Budanov", "Budanov")
	a.entity(graph.KindCountry, "North Korea", nil, "North Korea")
	a.entity(graph.KindCountry, "Russia", []string{"russia", "russian", "russians"}, "russians", "russian", "russia")
	a.entity(graph.KindOrganization, "Financial Times", nil, "Financial Times")
	a.entity(graph.KindOrganization, "Defense Intelligence Directorate", []string{"Defense Intelligence"},
		"Defense Intelligence Directorate", "Defense Intelligence")
	a.relation(graph.RelAffiliatedWith, Budanov, DefenseIntel, "head of")
	s.statements["budanov-search"] = a.statement(`"This explains russia's search for weapons in other countries," said the head of Defense Intelligence.`,
		"said", Budanov, []string{Russia}, []string{FinancialTimes})
	s.statements["budanov-supplier"] = a.statement(`According to Budanov, North Korea is currently the largest supplier of weapons to the russian army.`,
		"according to", Budanov, []string{NorthKorea, Russia}, []string{FinancialTimes})
	s.statements["budanov-ammunition"] = a.statement(`"They really handed over a significant amount of artillery ammunition. This allowed russia to breathe a little," he said, adding that without North Korea's help, the situation would have been catastrophic for the russians.`,
		"said", Budanov, []string{NorthKorea, Russia}, []string{FinancialTimes})

	b := newDoc(graph.Document{ID: DocYusov, Date: "2024-02-03", Source: "Ukrainian News",
		Title: "Intelligence knows about North Korean weapons supplies",
		URL:   "https://example.org/news/yusov",
		Text: `As the Ukrainian News agency earlier reported, the intelligence of Ukraine knows about the supply of North Korean weapons to the RF. ` +
			`Information on the transfer of ballistic missiles from North Korea is being clarified. ` +
			`Andrii Yusov, a representative of the Main Intelligence Directorate of the Ministry of Defense, stated this.`})
	b.entity(graph.KindPerson, "Andrii Yusov", nil, "Andrii Yusov")
	b.entity(graph.KindOrganization, "Ukrainian News", []string{"Ukrainian News agency"}, "Ukrainian News agency")
	b.entity(graph.KindCountry, "North Korea", nil, "North Korea")
	b.entity(graph.KindCountry, "Russia", []string{"RF"}, "RF")
	b.entity(graph.KindOrganization, "Main Intelligence Directorate", nil, "Main Intelligence Directorate")
	b.relation(graph.RelAffiliatedWith, Yusov, MainIntel, "representative of")
	s.statements["yusov-missiles"] = b.statement(`Information on the transfer of ballistic missiles from North Korea is being clarified. Andrii Yusov, a representative of the Main Intelligence Directorate of the Ministry of Defense, stated this.`,
		"stated", Yusov, []string{NorthKorea, Russia}, []string{UkrainianNews})

	c := newDoc(graph.Document{ID: DocSeoul, Date: "2023-11", Source: "Yonhap",
		Title: "North Korea sent a million shells to Russia",
		Text: `North Korea handed Russia not only a million artillery shells but also several types of missiles, South Korean intelligence reported. ` +
			`According to Seoul, about 2,000 containers with weapons were sent from the North Korean port of Rajin to Vladivostok. ` +
			`South Korean intelligence works from South Korea.`})
	c.entity(graph.KindOrganization, "South Korean intelligence", []string{"Seoul"}, "South Korean intelligence", "Seoul")
	c.entity(graph.KindCountry, "South Korea", nil, "South Korea")
	c.entity(graph.KindCountry, "North Korea", nil, "North Korea")
	c.entity(graph.KindCountry, "Russia", nil, "Russia")
	c.relation(graph.RelBasedIn, SouthKoreanInt, SouthKorea, "")
	s.statements["seoul-shells"] = c.statement(`North Korea handed Russia not only a million artillery shells but also several types of missiles, South Korean intelligence reported.`,
		"reported", SouthKoreanInt, []string{NorthKorea, Russia}, nil)

	d := newDoc(graph.Document{ID: DocNote, Title: "Analyst note",
		Text: `Kyrylo Budanov said the Kremlin cannot replace its losses without russian allies. ` +
			`The Defense Intelligence Directorate did not comment further.`})
	d.entity(graph.KindPerson, "Kyrylo Budanov", nil, "Kyrylo Budanov")
	d.entity(graph.KindOrganization, "Kremlin", nil, "Kremlin")
	d.entity(graph.KindCountry, "Russia", []string{"russian"}, "russian")
	d.entity(graph.KindOrganization, "Defense Intelligence Directorate", nil, "Defense Intelligence Directorate")
	d.relation(graph.RelAffiliatedWith, Budanov, DefenseIntel, "head of")
	s.statements["note-kremlin"] = d.statement(`Kyrylo Budanov said the Kremlin cannot replace its losses without russian allies.`,
		"said", Budanov, []string{Kremlin, Russia}, nil)

	s.extractions = []*graph.Extraction{a.x, b.x, c.x, d.x}
	return s
}

// docBuilder assembles one extraction, finding spans in the document text
// so that offsets are real.
type docBuilder struct {
	x *graph.Extraction
}

func newDoc(d graph.Document) *docBuilder {
	return &docBuilder{x: &graph.Extraction{Document: d, Entities: []graph.DocumentEntity{}, Statements: []graph.Statement{}, Relations: []graph.Relation{}}}
}

// entity adds an entity whose mentions are the whole-word occurrences of
// forms in the text (earlier forms first; a later form does not count
// where it overlaps an earlier one).
func (b *docBuilder) entity(kind graph.Kind, name string, aliases []string, forms ...string) {
	text := b.x.Document.Text
	var mentions []graph.Mention
	overlaps := func(start, end int) bool {
		for _, m := range mentions {
			if start < m.End && m.Start < end {
				return true
			}
		}
		return false
	}
	for _, f := range forms {
		for from := 0; ; {
			i := strings.Index(text[from:], f)
			if i < 0 {
				break
			}
			start, end := from+i, from+i+len(f)
			from = end
			if wordAt(text, start-1, true) || wordAt(text, end, false) || overlaps(start, end) {
				continue
			}
			mentions = append(mentions, graph.Mention{Start: start, End: end, Text: f})
		}
	}
	if len(mentions) == 0 {
		panic(fmt.Sprintf("storetest: %s is not in document %s", name, b.x.Document.ID))
	}
	b.x.Entities = append(b.x.Entities, graph.DocumentEntity{
		ID: graph.EntityID(kind, name), Kind: kind, Name: name, Aliases: aliases, Mentions: mentions})
}

// wordAt reports whether a letter or digit ends (before) or starts at i.
func wordAt(text string, i int, before bool) bool {
	if i < 0 || i >= len(text) {
		return false
	}
	var r rune
	if before {
		r, _ = utf8.DecodeLastRuneInString(text[:i+1])
	} else {
		r, _ = utf8.DecodeRuneInString(text[i:])
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func (b *docBuilder) ref(id string) graph.EntityRef {
	for _, e := range b.x.Entities {
		if e.ID == id {
			return e.Ref()
		}
	}
	panic(fmt.Sprintf("storetest: %s is not an entity of document %s", id, b.x.Document.ID))
}

// statement adds a statement whose text is sentence (found in the
// document), dated like its document, and returns its id.
func (b *docBuilder) statement(sentence, cue, speaker string, about, outlets []string) string {
	d := b.x.Document
	start := strings.Index(d.Text, sentence)
	if start < 0 {
		panic(fmt.Sprintf("storetest: statement %q is not in document %s", sentence, d.ID))
	}
	end := start + len(sentence)
	sp := b.ref(speaker)
	st := graph.Statement{ID: graph.StatementID(d.ID, start, end, sp.ID), DocumentID: d.ID, Speaker: sp,
		About: []graph.EntityRef{}, ReportedBy: []graph.EntityRef{}, Text: sentence, Cue: cue, Date: d.Date, Start: start, End: end}
	if q := strings.Index(sentence, `"`); q >= 0 {
		if e := strings.Index(sentence[q+1:], `"`); e >= 0 {
			st.Quote = strings.TrimRight(sentence[q+1:q+1+e], ",")
		}
	}
	for _, id := range about {
		st.About = append(st.About, b.ref(id))
	}
	for _, id := range outlets {
		st.ReportedBy = append(st.ReportedBy, b.ref(id))
	}
	b.x.Statements = append(b.x.Statements, st)
	return st.ID
}

func (b *docBuilder) relation(t graph.RelType, source, target, role string) {
	b.x.Relations = append(b.x.Relations, graph.Relation{Type: t, Source: source, Target: target, Role: role, DocumentID: b.x.Document.ID})
}

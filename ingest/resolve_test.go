package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/demo"
	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/sqlite"
	"github.com/entitygraph/entitygraph/ingest"
)

const seedPath = "../../shared/seed/north-korea-weapons.txt"

func openSQLite(t *testing.T) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// speechExtractor extracts, for each document id, a document in which its
// first person speaks about the others. A person written "Kim Jong Un=Kim"
// is also mentioned a second time as "Kim", so that the document gives it
// that alias.
type speechExtractor map[string][]string

func (s speechExtractor) Extract(ctx context.Context, doc graph.Document) (*graph.Extraction, error) {
	var text strings.Builder
	x := &graph.Extraction{Document: doc}
	mention := func(surface string) graph.Mention {
		m := graph.Mention{Start: text.Len(), End: text.Len() + len(surface), Text: surface}
		text.WriteString(surface)
		return m
	}
	var refs []graph.EntityRef
	for i, spec := range s[doc.ID] {
		name, alias, _ := strings.Cut(spec, "=")
		e := graph.DocumentEntity{ID: graph.EntityID(graph.KindPerson, name), Kind: graph.KindPerson, Name: name}
		e.Mentions = append(e.Mentions, mention(name))
		if alias != "" {
			text.WriteString(" (")
			e.Mentions = append(e.Mentions, mention(alias))
			e.Aliases = []string{alias}
			text.WriteString(")")
		}
		text.WriteString([]string{" said that ", " and ", " and "}[min(i, 2)])
		x.Entities = append(x.Entities, e)
		refs = append(refs, e.Ref())
	}
	text.WriteString("met.")
	x.Document.Text = text.String()
	x.Statements = []graph.Statement{{
		ID: graph.StatementID(doc.ID, 0, text.Len(), refs[0].ID), DocumentID: doc.ID,
		Speaker: refs[0], About: refs[1:], ReportedBy: []graph.EntityRef{},
		Text: text.String(), Start: 0, End: text.Len(),
	}}
	return x, nil
}

func (s speechExtractor) source(ids ...string) ingest.Source {
	return func(ctx context.Context, yield func(ingest.Item) error) error {
		for _, id := range ids {
			if err := yield(ingest.Item{Origin: id, Doc: graph.Document{ID: id, Text: "replaced"}}); err != nil {
				return err
			}
		}
		return nil
	}
}

// persons lists every person in the store, by id.
func persons(t *testing.T, s graph.Reader) []graph.Entity {
	t.Helper()
	var all []graph.Entity
	q := graph.EntityQuery{Kinds: []graph.Kind{graph.KindPerson}, Page: graph.PageRequest{Size: graph.MaxPageSize}}
	for {
		page, err := s.SearchEntities(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, page.Entities...)
		if page.NextPageToken == "" {
			break
		}
		q.Page.Token = page.NextPageToken
	}
	slices.SortFunc(all, func(a, b graph.Entity) int { return strings.Compare(a.ID, b.ID) })
	return all
}

func ids(es []graph.Entity) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

func TestSurnameResolverJoinsASurnameToTheOnePersonOfThatName(t *testing.T) {
	tests := []struct {
		name string
		docs speechExtractor
		// want is every person id in the store afterwards; speaker and
		// about are those of d2's statement.
		want    []string
		speaker string
		about   []string
	}{{
		name:    "a surname alone joins the person a document before named in full",
		docs:    speechExtractor{"d1": {"Kyrylo Budanov", "Andrii Yusov"}, "d2": {"Budanov", "Yusov"}},
		want:    []string{"person:andrii-yusov", "person:kyrylo-budanov"},
		speaker: "person:kyrylo-budanov",
		about:   []string{"person:andrii-yusov"},
	}, {
		name:    "two known persons of that name: the surname stays its own node",
		docs:    speechExtractor{"d1": {"Andy Kim", "Young Kim"}, "d2": {"Kim", "Andy Kim"}},
		want:    []string{"person:andy-kim", "person:kim", "person:young-kim"},
		speaker: "person:kim",
		about:   []string{"person:andy-kim"},
	}, {
		name:    "a first name is not a surname",
		docs:    speechExtractor{"d1": {"Kim Jong Un"}, "d2": {"Kim"}},
		want:    []string{"person:kim", "person:kim-jong-un"},
		speaker: "person:kim",
	}, {
		name:    "a name a document already gave as an alias counts",
		docs:    speechExtractor{"d1": {"Kim Jong Un=Kim"}, "d2": {"Kim"}},
		want:    []string{"person:kim-jong-un"},
		speaker: "person:kim-jong-un",
	}, {
		name:    "a surname and the full name in one document merge, and the speaker leaves about",
		docs:    speechExtractor{"d1": {"Kyrylo Budanov"}, "d2": {"Budanov", "Kyrylo Budanov", "Andrii Yusov"}},
		want:    []string{"person:andrii-yusov", "person:kyrylo-budanov"},
		speaker: "person:kyrylo-budanov",
		about:   []string{"person:andrii-yusov"},
	}, {
		name:    "without a known full name the surname stays",
		docs:    speechExtractor{"d1": {"Andrii Yusov"}, "d2": {"Budanov"}},
		want:    []string{"person:andrii-yusov", "person:budanov"},
		speaker: "person:budanov",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openSQLite(t)
			// Four workers extract d2 while d1 is not yet written: the
			// resolution must still see d1.
			opt := ingest.Options{Workers: 4, Resolver: ingest.NewSurnameResolver(s)}
			if _, err := ingest.Run(t.Context(), s, tt.docs, tt.docs.source("d1", "d2"), opt); err != nil {
				t.Fatal(err)
			}
			if got := ids(persons(t, s)); !slices.Equal(got, tt.want) {
				t.Errorf("persons = %v, want %v", got, tt.want)
			}
			x, _ := tt.docs.Extract(t.Context(), graph.Document{ID: "d2"})
			st, err := s.Statement(t.Context(), x.Statements[0].ID)
			if err != nil {
				t.Fatalf("d2's statement under its extracted id: %v", err)
			}
			var about []string
			for _, a := range st.About {
				about = append(about, a.ID)
			}
			if st.Speaker.ID != tt.speaker || !slices.Equal(about, tt.about) {
				t.Errorf("d2's statement: speaker %s about %v, want %s about %v", st.Speaker.ID, about, tt.speaker, tt.about)
			}

			again, err := ingest.Run(t.Context(), s, tt.docs, tt.docs.source("d1", "d2"), opt)
			if err != nil {
				t.Fatal(err)
			}
			if again.Unchanged != 2 {
				t.Errorf("ingesting both documents again changed the store: %+v", again)
			}
		})
	}
}

func TestSurnameResolverKeepsTheSurnameAsAnAliasOnBothDocuments(t *testing.T) {
	s := openSQLite(t)
	docs := speechExtractor{"d1": {"Kyrylo Budanov", "Andrii Yusov"}, "d2": {"Budanov", "Andrii Yusov"}}
	opt := ingest.Options{Resolver: ingest.NewSurnameResolver(s)}
	if _, err := ingest.Run(t.Context(), s, docs, docs.source("d1", "d2"), opt); err != nil {
		t.Fatal(err)
	}
	e, err := s.Entity(t.Context(), "person:kyrylo-budanov")
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "Kyrylo Budanov" || e.Documents != 2 || e.Mentions != 2 || !slices.Contains(e.Aliases, "Budanov") {
		t.Errorf("entity = %+v, want Kyrylo Budanov in 2 documents with alias Budanov", e)
	}
	if _, err := s.Entity(t.Context(), "person:budanov"); graph.ErrorCode(err) != graph.NotFound {
		t.Errorf("person:budanov: err = %v, want NotFound", err)
	}
}

// failingReader is a store that cannot be read.
type failingReader struct{ graph.Reader }

func (failingReader) SearchEntities(ctx context.Context, q graph.EntityQuery) (graph.EntityPage, error) {
	return graph.EntityPage{}, graph.Errorf(graph.Unavailable, "fake", "store is down")
}

func TestRunStopsWhenTheResolverCannotReadTheStore(t *testing.T) {
	w := &recordingWriter{}
	docs := speechExtractor{"d1": {"Kyrylo Budanov"}, "d2": {"Budanov"}}
	sum, err := ingest.Run(t.Context(), w, docs, docs.source("d1", "d2"), ingest.Options{Resolver: ingest.NewSurnameResolver(failingReader{})})
	if graph.ErrorCode(err) != graph.Unavailable || !strings.Contains(err.Error(), "d2") {
		t.Fatalf("err = %v, want the store's Unavailable error naming d2", err)
	}
	if fmt.Sprint(w.written) != "[d1]" || sum.Written != 1 {
		t.Errorf("written %v, summary %+v; want d1 only", w.written, sum)
	}
}

// TestDemoCorpusHasNoSurnameLeftToResolve ingests the demo corpus and the
// seed article as `serve --demo` and `ingest` do, and checks that no
// one-word person is left that names exactly one fuller person.
func TestDemoCorpusHasNoSurnameLeftToResolve(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	s := openSQLite(t)
	src := func(ctx context.Context, yield func(ingest.Item) error) error {
		if err := ingest.ReadJSONL(ctx, bytes.NewReader(demo.Articles()), "demo", yield); err != nil {
			return err
		}
		return ingest.FileSource([]string{seedPath}, ingest.ReadOptions{})(ctx, yield)
	}
	sum, err := ingest.IntoStore(t.Context(), s, x, src, ingest.Options{})
	if err != nil || len(sum.Skipped) > 0 || sum.Written < 25 {
		t.Fatalf("ingest: %+v, %v", sum, err)
	}
	all := persons(t, s)
	for _, p := range all {
		if strings.Contains(p.Name, " ") {
			continue
		}
		var fuller []string
		for _, q := range all {
			if words := strings.Fields(q.Name); len(words) > 1 && graph.Slug(words[len(words)-1]) == graph.Slug(p.Name) {
				fuller = append(fuller, q.Name)
			}
		}
		if len(fuller) == 1 {
			t.Errorf("%s (%d documents) is still a node of its own beside %s", p.Name, p.Documents, fuller[0])
		}
	}
}

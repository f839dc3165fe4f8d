package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/sqlite"
	"github.com/entitygraph/entitygraph/graph/storetest"
	"github.com/entitygraph/entitygraph/internal/teststores"
)

// fakeExtractor finds the names it knows in a text and makes one statement
// of the whole text: the first person is the speaker, countries are what
// it is about, organizations the outlets.
func fakeExtractor() Extractor {
	known := []struct {
		kind graph.Kind
		name string
	}{
		{graph.KindPerson, "Oleksandr Syrskyi"},
		{graph.KindCountry, "Russia"},
		{graph.KindOrganization, "Reuters"},
	}
	return extractorFunc(func(_ context.Context, doc graph.Document) (*graph.Extraction, error) {
		x := &graph.Extraction{Document: doc}
		st := graph.Statement{Text: doc.Text, End: len(doc.Text), Date: doc.Date}
		for _, k := range known {
			i := strings.Index(doc.Text, k.name)
			if i < 0 {
				continue
			}
			e := graph.DocumentEntity{ID: graph.EntityID(k.kind, k.name), Kind: k.kind, Name: k.name,
				Mentions: []graph.Mention{{Start: i, End: i + len(k.name), Text: k.name}}}
			x.Entities = append(x.Entities, e)
			switch k.kind {
			case graph.KindPerson:
				st.Speaker = e.Ref()
			case graph.KindCountry:
				st.About = append(st.About, e.Ref())
			default:
				st.ReportedBy = append(st.ReportedBy, e.Ref())
			}
		}
		if st.Speaker.ID != "" {
			st.ID = graph.StatementID(doc.ID, st.Start, st.End, st.Speaker.ID)
			x.Statements = append(x.Statements, st)
		}
		return x, nil
	})
}

func TestCreateDocument(t *testing.T) {
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c := newClient(t, Config{Store: open(t), Extractor: fakeExtractor()})
		body := `{"id": "wire/2024/syrskyi", "title": "Syrskyi", "date": "2024-02-10", "url": "https://example.org/a",
			"text": "Oleksandr Syrskyi said Russia lost a brigade, Reuters reported.", "speakers": ["ignored"]}`

		rec := c.postJSON("/api/v1/documents", body)
		wantStatus(t, rec, http.StatusCreated)
		res := decode[graph.WriteResult](t, rec)
		loc := rec.Header().Get("Location")
		if res.DocumentID != "wire/2024/syrskyi" || res.Unchanged || res.Statements != 1 || res.Entities != 3 || loc != "/api/v1/documents/wire%2F2024%2Fsyrskyi" {
			t.Errorf("first POST: %+v, Location %q; want a new document with 1 statement, 3 entities", res, loc)
		}
		rec = c.postJSON("/api/v1/documents", body)
		wantStatus(t, rec, http.StatusOK)
		if res := decode[graph.WriteResult](t, rec); !res.Unchanged {
			t.Errorf("same POST again: %+v, want unchanged", res)
		}

		// The Location is where the document is, '/' in its id and all.
		rec = c.get(loc)
		wantStatus(t, rec, http.StatusOK)
		if d := decode[graph.Document](t, rec); d.ID != "wire/2024/syrskyi" || d.Date != "2024-02-10" || d.URL != "https://example.org/a" {
			t.Errorf("GET %s: %+v", loc, d)
		}
		page := decode[graph.StatementPage](t, c.get("/api/v1/statements?speaker=person:oleksandr-syrskyi"))
		if len(page.Statements) != 1 || page.Statements[0].ReportedBy[0].ID != reuters {
			t.Errorf("statements of the posted document: %+v, want Syrskyi's, reported by Reuters", page.Statements)
		}

		// Without an id the text's hash is the id, so a repost is unchanged.
		rec = c.postJSON("/api/v1/documents", `{"text": "Oleksandr Syrskyi said Russia attacked again."}`)
		wantStatus(t, rec, http.StatusCreated)
		id := decode[graph.WriteResult](t, rec).DocumentID
		if id != graph.DocumentIDFromText("Oleksandr Syrskyi said Russia attacked again.") {
			t.Errorf("document without id got id %q, want the hash of its text", id)
		}
	})
}

// TestCreateDocumentWithTheRealExtractor posts the seed interview and
// finds the graph the design promises for it.
func TestCreateDocumentWithTheRealExtractor(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatalf("extract.New: %v", err)
	}
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c := newClient(t, Config{Store: open(t), Extractor: x})
		doc := seedFixture(t).document(t, storetest.DocBudanov)
		body, _ := json.Marshal(map[string]string{"id": doc.ID, "date": doc.Date, "title": doc.Title, "text": doc.Text})
		rec := c.postJSON("/api/v1/documents", string(body))
		wantStatus(t, rec, http.StatusCreated)
		if res := decode[graph.WriteResult](t, rec); res.Statements == 0 {
			t.Fatalf("the seed interview gave %+v, want statements", res)
		}
		sg := decode[graph.Subgraph](t, c.get("/api/v1/entities/person:kyrylo-budanov/neighborhood"))
		for _, want := range []struct {
			typ    graph.RelType
			target string
		}{{graph.RelStated, northKorea}, {graph.RelStated, russia}, {graph.RelReportedBy, financialTimes}} {
			if e, ok := findEdge(sg, want.typ, budanov, want.target); !ok || len(e.Statements) == 0 {
				t.Errorf("no %s edge from Budanov to %s with statements in %+v", want.typ, want.target, sg.Edges)
			}
		}
	})
}

// TestCreateDocumentJoinsASurnameToTheKnownPerson posts a document that
// names a person in full, then one that names him by surname only: the
// graph has one node for him, with both documents.
func TestCreateDocumentJoinsASurnameToTheKnownPerson(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatalf("extract.New: %v", err)
	}
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		c := newClient(t, Config{Store: open(t), Extractor: x})
		for _, text := range []string{
			"Kyrylo Budanov, the head of Ukraine's military intelligence, said Russia was short of shells.",
			"Budanov said on Monday that he expected more attacks from Russia.",
		} {
			body, _ := json.Marshal(map[string]string{"text": text})
			wantStatus(t, c.postJSON("/api/v1/documents", string(body)), http.StatusCreated)
		}
		e := decode[graph.Entity](t, c.get("/api/v1/entities/"+budanov))
		if e.Documents != 2 || !slices.Contains(e.Aliases, "Budanov") {
			t.Errorf("entity = %+v, want both documents and the alias Budanov", e)
		}
		wantStatus(t, c.get("/api/v1/entities/person:budanov"), http.StatusNotFound)
	})
}

// A burst of posts runs at most one extraction per CPU at a time, and every
// post still gets its answer.
func TestPostsExtractAtMostOnePerCPUAtOnce(t *testing.T) {
	store, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var mu sync.Mutex
	running, most := 0, 0
	inner := fakeExtractor()
	slow := extractorFunc(func(ctx context.Context, doc graph.Document) (*graph.Extraction, error) {
		mu.Lock()
		running++
		most = max(most, running)
		mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		mu.Lock()
		running--
		mu.Unlock()
		return inner.Extract(ctx, doc)
	})
	h := New(Config{Store: store, Extractor: slow, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	posts := runtime.GOMAXPROCS(0) + 4
	codes := make(chan int, posts)
	for i := range posts {
		go func() {
			body := fmt.Sprintf(`{"id": "burst-%d", "text": "Oleksandr Syrskyi told Reuters that Russia attacked (%d)."}`, i, i)
			req := httptest.NewRequest(http.MethodPost, Prefix+"/documents", strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			codes <- rec.Code
		}()
	}
	for range posts {
		if code := <-codes; code != http.StatusCreated {
			t.Errorf("a post in the burst got %d, want 201", code)
		}
	}
	if most > runtime.GOMAXPROCS(0) {
		t.Errorf("%d extractions ran at once, want at most %d (one per CPU)", most, runtime.GOMAXPROCS(0))
	}
}

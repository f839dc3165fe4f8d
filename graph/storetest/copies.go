package storetest

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// copyStory is one wire story as three outlets published it, and an
// unrelated report: the wire's own (the first report), a whole reprint
// the same day with a byline and a footer, and an edited version a day
// later that drops the last paragraph.
type copyStory struct {
	wire, ledger, harbour, other *graph.Extraction
}

const storyText = `KYIV (Meridian Wire) - Russia now assembles several thousand Iranian-designed attack drones a year at a plant in Tatarstan and no longer depends on deliveries from Iran, Kyrylo Budanov said on Monday.

Budanov told reporters in Kyiv that the plant in Yelabuga had received new machine tools in January and was running two shifts, and that most of its workers were students from technical colleges.

The drones are launched at Ukrainian cities and power stations most nights, and air defence units shoot down most of them before they reach their targets, officials say.

Russia has not commented on the figures, and the plant's owner did not answer questions sent by email on Monday.`

func newCopyStory() copyStory {
	said := "Russia now assembles several thousand Iranian-designed attack drones a year at a plant in Tatarstan and no longer depends on deliveries from Iran, Kyrylo Budanov said on Monday."
	report := func(id, date, outlet, text string) *graph.Extraction {
		b := newDoc(graph.Document{ID: id, Title: "Russia builds drones at scale", Date: date, Source: outlet,
			URL: "https://" + graph.Slug(outlet) + ".example/drones", Text: text})
		b.entity(graph.KindPerson, "Kyrylo Budanov", []string{"Budanov"}, "Kyrylo Budanov", "Budanov")
		b.entity(graph.KindCountry, "Russia", nil, "Russia")
		b.entity(graph.KindOrganization, "Meridian Wire", nil, "Meridian Wire")
		o := graph.EntityRef{ID: graph.EntityID(graph.KindOrganization, outlet), Kind: graph.KindOrganization, Name: outlet}
		if o.ID != graph.EntityID(graph.KindOrganization, "Meridian Wire") {
			b.x.Entities = append(b.x.Entities, graph.DocumentEntity{ID: o.ID, Kind: o.Kind, Name: o.Name, Mentions: []graph.Mention{}})
		}
		b.statement(said, "said", graph.EntityID(graph.KindPerson, "Kyrylo Budanov"), []string{graph.EntityID(graph.KindCountry, "Russia")}, []string{o.ID})
		b.statement("Budanov told reporters in Kyiv that the plant in Yelabuga had received new machine tools in January and was running two shifts",
			"told", graph.EntityID(graph.KindPerson, "Kyrylo Budanov"), nil, []string{o.ID})
		f := graph.NewFingerprint(text)
		b.x.Fingerprint, b.x.Outlet = &f, &o
		return b.x
	}
	var s copyStory
	s.wire = report("a-wire", "2024-02-12", "Meridian Wire", storyText)
	s.ledger = report("b-ledger", "2024-02-12", "Kyiv Ledger", "By Meridian Wire\n\n"+storyText+"\n\nCopyright Kyiv Ledger. All rights reserved.")
	cut := storyText[:len(storyText)-len("Russia has not commented on the figures, and the plant's owner did not answer questions sent by email on Monday.")]
	s.harbour = report("c-harbour", "2024-02-13", "Harbour Times", cut+"Additional reporting by Harbour Times staff.")
	said = "Russia moved two warships out of Sevastopol after strikes on the port, Kyrylo Budanov said on Tuesday"
	s.other = report("d-other", "2024-02-20", "Kyiv Ledger", `SEVASTOPOL (Meridian Wire) - Russia moved two warships out of Sevastopol after strikes on the port, Kyrylo Budanov said on Tuesday, adding that the fleet now keeps most of its ships in Novorossiysk.

Budanov told reporters in Kyiv that the plant in Yelabuga had received new machine tools in January and was running two shifts`)
	return s
}

// folded is what the store should hold of the story: the wire's
// statements carried by all three outlets, and the other report.
func (s copyStory) folded() []*graph.Extraction {
	return []*graph.Extraction{graph.FoldCopies(s.wire, []graph.Copy{asCopy(s.ledger), asCopy(s.harbour)}), s.other}
}

func asCopy(x *graph.Extraction) graph.Copy {
	d := x.Document
	return graph.Copy{ID: d.ID, Title: d.Title, Date: d.Date, Source: d.Source, URL: d.URL, Outlet: x.Outlet}
}

func (s copyStory) byKey(keys string) []*graph.Extraction {
	var out []*graph.Extraction
	for _, k := range keys {
		out = append(out, map[rune]*graph.Extraction{'a': s.wire, 'b': s.ledger, 'c': s.harbour, 'd': s.other}[k])
	}
	return out
}

// testCopies writes the story's reports in every order that matters, one
// by one, in one batch and at once, and checks that each ends in the same
// graph: one document with two copies, whose statements every outlet
// reported, counted so in the link layer.
func testCopies(t *testing.T, open func(t *testing.T) graph.Store, batching bool) {
	story := newCopyStory()
	for _, order := range []string{"abcd", "cbad", "bacd", "dcab"} {
		t.Run("in order "+order, func(t *testing.T) {
			s := open(t)
			for _, x := range story.byKey(order) {
				res, err := s.WriteExtraction(t.Context(), x)
				if err != nil {
					t.Fatal(err)
				}
				if x == story.harbour && order == "abcd" && res.CopyOf != story.wire.Document.ID {
					t.Errorf("writing the later copy: %+v, want copy_of %s", res, story.wire.Document.ID)
				}
			}
			checkCopies(t, s, story)
			// Again: nothing changes.
			for _, x := range story.byKey(order) {
				res, err := s.WriteExtraction(t.Context(), x)
				if err != nil {
					t.Fatal(err)
				}
				if !res.Unchanged {
					t.Errorf("writing %s again: %+v, want unchanged", x.Document.ID, res)
				}
			}
			checkCopies(t, s, story)
		})
	}
	if batching {
		t.Run("in one batch", func(t *testing.T) {
			s := open(t)
			if _, err := s.(graph.BatchWriter).WriteExtractions(t.Context(), story.byKey("cdab")); err != nil {
				t.Fatal(err)
			}
			checkCopies(t, s, story)
		})
	}
	t.Run("at once", func(t *testing.T) {
		s := open(t)
		var wg sync.WaitGroup
		errs := make(chan error, 4)
		for _, x := range story.byKey("cbda") {
			wg.Go(func() {
				if _, err := s.WriteExtraction(t.Context(), x); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatal(err)
		}
		checkCopies(t, s, story)
	})
	t.Run("corrected", func(t *testing.T) {
		s := open(t)
		cs, ok := s.(graph.Curator)
		if !ok {
			t.Fatalf("%T keeps no corrections", s)
		}
		Write(t, s, story.byKey("abcd")...)
		// A correction rewrites the document from its extraction: its
		// copies stay folded in.
		if _, err := cs.AddCorrection(t.Context(), graph.Correction{Kind: graph.CorrectRename, Target: graph.EntityID(graph.KindCountry, "Russia"),
			After: &graph.EntityRef{Name: "Russian Federation"}}); err != nil {
			t.Fatal(err)
		}
		checkCopies(t, s, story)
		// A copy written after the correction is corrected too.
		Write(t, s, story.byKey("c")...)
		checkCopies(t, s, story)
	})
	t.Run("a copy that changes leaves", func(t *testing.T) {
		s := open(t)
		Write(t, s, story.byKey("abcd")...)
		changed := *story.ledger
		changed.Document.Text = "Kyiv Ledger: Russia builds a new drone plant, Kyrylo Budanov says."
		at := strings.Index(changed.Document.Text, "Kyrylo Budanov")
		budanov := story.ledger.Entities[0]
		budanov.Mentions = []graph.Mention{{Start: at, End: at + len("Kyrylo Budanov"), Text: "Kyrylo Budanov"}}
		changed.Statements, changed.Entities = nil, []graph.DocumentEntity{budanov}
		f := graph.NewFingerprint(changed.Document.Text)
		changed.Fingerprint = &f
		res, err := s.WriteExtraction(t.Context(), &changed)
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "result", res.CopyOf, "")
		d, err := s.Document(t.Context(), story.wire.Document.ID)
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "copies of the wire", copyIDs(d.Copies), []string{story.harbour.Document.ID})
		want := graph.FoldCopies(story.wire, []graph.Copy{asCopy(story.harbour)})
		checkLinks(t, s, newModel([]*graph.Extraction{want, story.other}))
		if d, err = s.Document(t.Context(), changed.Document.ID); err != nil || d.ID != changed.Document.ID || d.RequestedCopy != nil {
			t.Errorf("the changed copy: %+v, %v; want a document of its own", d, err)
		}
	})
}

// checkCopies checks what a user sees of the folded story.
func checkCopies(t *testing.T, s graph.Store, story copyStory) {
	t.Helper()
	ctx := t.Context()
	wire := story.wire.Document.ID
	page, err := s.Documents(ctx, graph.DocumentQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var docs []string
	for _, d := range page.Documents {
		docs = append(docs, fmt.Sprintf("%s copies=%d", d.ID, d.CopyCount))
	}
	equal(t, "documents", docs, []string{"d-other copies=0", wire + " copies=2"})
	for _, id := range []string{wire, story.ledger.Document.ID, story.harbour.Document.ID} {
		d, err := s.Document(ctx, id)
		if err != nil {
			t.Fatalf("Document(%s): %v", id, err)
		}
		equal(t, "document "+id, d.ID, wire)
		equal(t, "its text", d.Text, storyText)
		equal(t, "its copies", d.Copies, []graph.Copy{asCopy(story.ledger), asCopy(story.harbour)})
		if id == wire {
			equal(t, "asked for the document itself", d.RequestedCopy, (*graph.Copy)(nil))
		} else if d.RequestedCopy == nil || d.RequestedCopy.ID != id {
			t.Errorf("asked for copy %s: requested_copy %+v", id, d.RequestedCopy)
		}
	}
	want := story.folded()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "documents counted", st.Documents, 2)
	equal(t, "statements counted", st.Statements, len(want[0].Statements)+len(want[1].Statements))
	reported := 0
	for _, x := range want {
		for _, st := range x.Statements {
			reported += len(st.ReportedBy)
		}
	}
	equal(t, "REPORTED_BY edges counted", st.Edges[string(graph.RelReportedBy)], reported)
	for _, ws := range want[0].Statements {
		got, err := s.Statement(ctx, ws.ID)
		if err != nil {
			t.Fatal(err)
		}
		equal(t, "outlets of "+ws.ID, refIDs(got.ReportedBy), refIDs(ws.ReportedBy))
	}
	harbour := story.harbour.Outlet.ID
	sp, err := s.Statements(ctx, graph.StatementQuery{Outlet: harbour})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "statements reported by "+harbour, sorted(statementIDs(sp.Statements)...), sorted(stmtIDsOf(want[0])...))
	checkLinks(t, s, newModel(want))
}

func stmtIDsOf(x *graph.Extraction) []string {
	var ids []string
	for _, st := range x.Statements {
		ids = append(ids, st.ID)
	}
	return ids
}

func copyIDs(cs []graph.Copy) []string {
	ids := []string{}
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return slices.Clip(ids)
}

package storetest

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// runCuration runs the corrections cases. Each checks what a user sees
// and that the store answers exactly as a fresh store written with the
// corrected extractions (graph.Curation.Apply of each) does: every count
// of the link layer, search and stats included.
func runCuration(t *testing.T, open func(t *testing.T) graph.Store) {
	// Each case opens one store (a Neo4j server holds one database).
	t.Run("MergeThenReingest", func(t *testing.T) { testMergeThenReingest(t, open) })
	t.Run("HideThenNewDocument", func(t *testing.T) { testHideThenNewDocument(t, open) })
	t.Run("FixSpeakerSurvivesReingest", func(t *testing.T) { testFixSpeaker(t, open) })
	t.Run("RenameRetypeAndStatementFixes", func(t *testing.T) { testRenameRetype(t, open) })
	t.Run("UndoRestores", func(t *testing.T) { testUndoRestores(t, open(t)) })
	t.Run("ConcurrentConflict", func(t *testing.T) { testConcurrentCorrections(t, open) })
	t.Run("ExportImport", func(t *testing.T) { testExportImport(t, open(t)) })
	t.Run("Errors", func(t *testing.T) { testCorrectionErrors(t, open(t)) })
}

// correct adds a correction and fails the test on an error.
func correct(t *testing.T, s graph.Curator, c graph.Correction) graph.Correction {
	t.Helper()
	got, err := s.AddCorrection(t.Context(), c)
	if err != nil {
		t.Fatalf("AddCorrection(%s %s): %v", c.Kind, c.Target, err)
	}
	return got
}

// curatedView is what a user sees of a store: the snapshot, the
// neighborhood of every entity, the statement view of one, a path.
type curatedView struct {
	Snapshot      snapshot
	Neighborhoods map[string]graph.Subgraph
	StatementView graph.Subgraph
	Path          graph.PathResult
}

func view(t *testing.T, s graph.Store) curatedView {
	t.Helper()
	ctx := t.Context()
	v := curatedView{Snapshot: take(t, s), Neighborhoods: map[string]graph.Subgraph{}}
	for _, e := range v.Snapshot.Entities {
		sg, err := graph.Neighborhood(ctx, s, e.ID, graph.NeighborhoodQuery{Depth: 2, Limit: 50})
		if err != nil {
			t.Fatalf("Neighborhood(%s): %v", e.ID, err)
		}
		v.Neighborhoods[e.ID] = sg
	}
	var err error
	if v.StatementView, err = graph.Neighborhood(ctx, s, Russia, graph.NeighborhoodQuery{Depth: 1, Limit: 50, View: graph.ViewStatements}); err != nil {
		t.Fatalf("statement view: %v", err)
	}
	if v.Path, err = graph.Path(ctx, s, Yusov, Budanov, 4, graph.TimeRange{}); err != nil {
		t.Fatalf("Path: %v", err)
	}
	return v
}

// sameAsFresh checks that s answers as a store holding the extractions xs
// as the corrections of s correct them: it undoes every correction (newest
// first), writes the corrected extractions as they were given, and
// compares. (One store, since a Neo4j server holds one database; the
// store is left holding the corrected extractions, so this ends a case.)
func sameAsFresh(t *testing.T, s graph.Store, xs []*graph.Extraction) {
	t.Helper()
	want := view(t, s)
	page, err := s.Corrections(t.Context(), graph.CorrectionQuery{Oldest: true, Page: graph.PageRequest{Size: graph.MaxPageSize}})
	if err != nil {
		t.Fatalf("Corrections: %v", err)
	}
	cur, err := graph.NewCuration(page.Corrections)
	if err != nil {
		t.Fatalf("NewCuration: %v", err)
	}
	// The tally layer counts the corrected statements.
	var corrected []*graph.Extraction
	for _, x := range xs {
		corrected = append(corrected, cur.Apply(x))
	}
	checkTallies(t, s, &model{tallies: tallies(corrected)})
	for _, c := range slices.Backward(page.Corrections) {
		if _, err := s.UndoCorrection(t.Context(), c.ID); err != nil {
			t.Fatalf("UndoCorrection(%s): %v", c.ID, err)
		}
	}
	Write(t, s, corrected...)
	equal(t, "store with corrections vs the corrected extractions written as given", want, view(t, s))
}

func testMergeThenReingest(t *testing.T, open func(t *testing.T) graph.Store) {
	ctx := t.Context()
	s := open(t)
	sd := seed()
	Write(t, s, sd.extractions...)
	before, _ := s.Stats(ctx)
	c := correct(t, s, graph.Correction{Kind: graph.CorrectMerge, Target: MainIntel, After: &graph.EntityRef{ID: DefenseIntel}, Reason: "one directorate"})
	equal(t, "merge as recorded", [2]*graph.EntityRef{c.Before, c.After}, [2]*graph.EntityRef{
		{ID: MainIntel, Kind: graph.KindOrganization, Name: "Main Intelligence Directorate"},
		{ID: DefenseIntel, Kind: graph.KindOrganization, Name: "Defense Intelligence Directorate"}})
	check := func(when string) {
		t.Helper()
		_, err := s.Entity(ctx, MainIntel)
		wantCode(t, when+": the merged-away entity", err, graph.NotFound, "")
		if to, err := s.Redirect(ctx, MainIntel); err != nil || to != DefenseIntel {
			t.Errorf("%s: Redirect(%s) = %q, %v; want %s", when, MainIntel, to, err, DefenseIntel)
		}
		e, err := s.Entity(ctx, DefenseIntel)
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		if e.Documents != 3 || !slices.Contains(e.Aliases, "Main Intelligence Directorate") {
			t.Errorf("%s: merged entity %+v, want 3 documents and the merged name as an alias", when, e)
		}
		st, _ := s.Stats(ctx)
		if st.Entities != before.Entities-1 {
			t.Errorf("%s: %d entities, want %d", when, st.Entities, before.Entities-1)
		}
		sg, err := graph.Neighborhood(ctx, s, Yusov, graph.NeighborhoodQuery{Depth: 1})
		if err != nil {
			t.Fatal(err)
		}
		ids := nodeIDs(sg.Nodes)
		if !slices.Contains(ids, DefenseIntel) || slices.Contains(ids, MainIntel) {
			t.Errorf("%s: Yusov's neighborhood %v, want %s and not %s", when, ids, DefenseIntel, MainIntel)
		}
		page, err := s.SearchEntities(ctx, graph.EntityQuery{Text: "Main Intelligence"})
		if err != nil || len(page.Entities) != 1 || page.Entities[0].ID != DefenseIntel {
			t.Errorf("%s: search for the merged name = %+v, %v; want %s", when, page.Entities, err, DefenseIntel)
		}
	}
	check("after the merge")
	// Both documents again, as extraction gives them: the merge holds.
	Write(t, s, seed().byDocument(DocYusov), seed().byDocument(DocBudanov))
	check("after re-ingesting both documents")
	sameAsFresh(t, s, sd.extractions)
}

func testHideThenNewDocument(t *testing.T, open func(t *testing.T) graph.Store) {
	ctx := t.Context()
	s := open(t)
	sd := seed()
	Write(t, s, sd.extractions...)
	before, _ := s.Stats(ctx)
	correct(t, s, graph.Correction{Kind: graph.CorrectHide, Target: Kremlin})
	correct(t, s, graph.Correction{Kind: graph.CorrectHide, Target: SouthKoreanInt})
	after, _ := s.Stats(ctx)
	if after.Statements != before.Statements || after.Edges["STATED"] != before.Edges["STATED"]-1 || after.Entities != before.Entities-2 {
		t.Errorf("stats after hiding a speaker and an about entity: %+v, before %+v; want the same statements, one STATED edge and two entities fewer", after, before)
	}
	// A new document naming the Kremlin, as extraction gives it.
	later := newDoc(graph.Document{ID: "later-kremlin", Date: "2024-03", Text: `The Kremlin said Russia will answer. Kyrylo Budanov disagreed.`})
	later.entity(graph.KindOrganization, "Kremlin", nil, "Kremlin")
	later.entity(graph.KindCountry, "Russia", nil, "Russia")
	later.statement("The Kremlin said Russia will answer.", "said", Kremlin, []string{Russia}, nil)
	xs := append(sd.extractions, later.x)
	Write(t, s, later.x)
	for _, id := range []string{Kremlin, SouthKoreanInt} {
		_, err := s.Entity(ctx, id)
		wantCode(t, "a hidden entity", err, graph.NotFound, "")
	}
	page, err := s.SearchEntities(ctx, graph.EntityQuery{Text: "Kremlin"})
	if err != nil || len(page.Entities) != 0 {
		t.Errorf("search for a hidden name = %+v, %v; want nothing", page.Entities, err)
	}
	st, err := s.Statement(ctx, sd.id("note-kremlin"))
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "about list without the hidden entity", st.About, []graph.EntityRef{{ID: Russia, Kind: graph.KindCountry, Name: "Russia"}})
	st, err = s.Statement(ctx, sd.id("seoul-shells"))
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "a statement of a hidden speaker is unattributed", st.Speaker, graph.EntityRef{})
	// The rankings count it, but under no speaker.
	pairs, err := s.Ranking(ctx, graph.TallyPairs, "", graph.PageRequest{Size: graph.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range pairs.Items {
		if r.Item == "" || r.Item == SouthKoreanInt {
			t.Errorf("speaker-about pairs after hiding a speaker: %+v, want none of an empty or hidden speaker", r)
		}
	}
	counts, err := s.TallyCounts(ctx, []graph.TallyKey{{Kind: graph.TallyStatements}, {Kind: graph.TallyAbout, Item: NorthKorea}}, graph.TimeRange{})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "statements and statements about North Korea, the unattributed one included", counts, []int{after.Statements + 1, 4})
	sameAsFresh(t, s, xs)
}

func testFixSpeaker(t *testing.T, open func(t *testing.T) graph.Store) {
	ctx := t.Context()
	s := open(t)
	sd := seed()
	Write(t, s, sd.extractions...)
	sid := sd.id("budanov-search")
	c := correct(t, s, graph.Correction{Kind: graph.CorrectSpeaker, Target: sid, After: &graph.EntityRef{ID: Yusov}})
	equal(t, "speaker fix as recorded", [3]any{c.Document, *c.Before, *c.After}, [3]any{DocBudanov,
		graph.EntityRef{ID: Budanov, Kind: graph.KindPerson, Name: "Kyrylo Budanov"},
		graph.EntityRef{ID: Yusov, Kind: graph.KindPerson, Name: "Andrii Yusov"}})
	check := func(when string) {
		t.Helper()
		st, err := s.Statement(ctx, sid)
		if err != nil {
			t.Fatal(err)
		}
		if st.Speaker.ID != Yusov {
			t.Errorf("%s: speaker %+v, want %s", when, st.Speaker, Yusov)
		}
		page, err := s.Statements(ctx, graph.StatementQuery{Speaker: Yusov, About: Russia})
		if err != nil || !slices.Contains(statementIDs(page.Statements), sid) {
			t.Errorf("%s: Yusov's statements about Russia %v, %v; want %s among them", when, statementIDs(page.Statements), err, sid)
		}
	}
	check("after the fix")
	Write(t, s, seed().byDocument(DocBudanov))
	check("after re-ingesting")
	// Clearing the speaker leaves the statement unattributed.
	correct(t, s, graph.Correction{Kind: graph.CorrectSpeaker, Target: sid})
	st, err := s.Statement(ctx, sid)
	if err != nil || st.Speaker.ID != "" {
		t.Errorf("after clearing the speaker: %+v, %v; want no speaker", st.Speaker, err)
	}
	sameAsFresh(t, s, sd.extractions)
}

func testRenameRetype(t *testing.T, open func(t *testing.T) graph.Store) {
	ctx := t.Context()
	s := open(t)
	sd := seed()
	Write(t, s, sd.extractions...)
	correct(t, s, graph.Correction{Kind: graph.CorrectRename, Target: Budanov, After: &graph.EntityRef{Name: "Kyrylo O. Budanov"}})
	correct(t, s, graph.Correction{Kind: graph.CorrectRetype, Target: Kremlin, After: &graph.EntityRef{Kind: graph.KindCountry}})
	correct(t, s, graph.Correction{Kind: graph.CorrectAbout, Target: sd.id("budanov-supplier"), Before: &graph.EntityRef{ID: NorthKorea}})
	correct(t, s, graph.Correction{Kind: graph.CorrectOutlet, Target: sd.id("seoul-shells"), After: &graph.EntityRef{ID: FinancialTimes}})
	correct(t, s, graph.Correction{Kind: graph.CorrectReject, Target: sd.id("budanov-ammunition")})
	e, err := s.Entity(ctx, Budanov)
	if err != nil || e.Name != "Kyrylo O. Budanov" {
		t.Errorf("renamed entity %+v, %v; want the new name under the same id", e, err)
	}
	if to, err := s.Redirect(ctx, Kremlin); err != nil || to != "country:kremlin" {
		t.Errorf("Redirect of a retyped entity = %q, %v; want country:kremlin", to, err)
	}
	if e, err := s.Entity(ctx, "country:kremlin"); err != nil || e.Kind != graph.KindCountry {
		t.Errorf("retyped entity %+v, %v", e, err)
	}
	_, err = s.Statement(ctx, sd.id("budanov-ammunition"))
	wantCode(t, "a rejected statement", err, graph.NotFound, "")
	st, err := s.Statement(ctx, sd.id("seoul-shells"))
	if err != nil || len(st.ReportedBy) != 1 || st.ReportedBy[0].ID != FinancialTimes {
		t.Errorf("outlet added: %+v, %v", st.ReportedBy, err)
	}
	sameAsFresh(t, s, sd.extractions)
}

func testUndoRestores(t *testing.T, s graph.Store) {
	ctx := t.Context()
	sd := seed()
	Write(t, s, sd.extractions...)
	before := view(t, s)
	var ids []string
	for _, c := range []graph.Correction{
		{Kind: graph.CorrectMerge, Target: MainIntel, After: &graph.EntityRef{ID: DefenseIntel}},
		{Kind: graph.CorrectMerge, Target: Yusov, After: &graph.EntityRef{ID: Budanov}},
		{Kind: graph.CorrectHide, Target: NorthKorea},
		{Kind: graph.CorrectRename, Target: Russia, After: &graph.EntityRef{Name: "Russian Federation"}},
		{Kind: graph.CorrectRetype, Target: SouthKoreanInt, After: &graph.EntityRef{Kind: graph.KindCountry}},
		{Kind: graph.CorrectSpeaker, Target: sd.id("seoul-shells"), After: &graph.EntityRef{ID: Budanov}},
		{Kind: graph.CorrectReject, Target: sd.id("note-kremlin")},
	} {
		ids = append(ids, correct(t, s, c).ID)
	}
	page, err := s.Corrections(ctx, graph.CorrectionQuery{Page: graph.PageRequest{Size: 3}})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "first page of corrections, newest first", correctionIDs(page.Corrections), []string{ids[6], ids[5], ids[4]})
	if page.NextPageToken == "" {
		t.Errorf("no next page token after 3 of 7 corrections")
	}
	// Undo in an order unlike the one of adding.
	for _, i := range []int{2, 0, 6, 1, 5, 3, 4} {
		got, err := s.UndoCorrection(ctx, ids[i])
		if err != nil || got.ID != ids[i] {
			t.Fatalf("UndoCorrection(%s) = %+v, %v", ids[i], got, err)
		}
	}
	equal(t, "store after undoing every correction", view(t, s), before)
	_, err = s.UndoCorrection(ctx, ids[0])
	wantCode(t, "undoing twice", err, graph.NotFound, "")
}

func correctionIDs(cs []graph.Correction) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

func testConcurrentCorrections(t *testing.T, open func(t *testing.T) graph.Store) {
	s := open(t)
	sd := seed()
	Write(t, s, sd.extractions...)
	intos := []string{DefenseIntel, Kremlin, UkrainianNews}
	errs := make([]error, len(intos))
	var wg sync.WaitGroup
	for i, into := range intos {
		wg.Go(func() {
			_, errs[i] = s.AddCorrection(context.Background(), graph.Correction{Kind: graph.CorrectMerge, Target: MainIntel, After: &graph.EntityRef{ID: into}})
		})
	}
	wg.Wait()
	won := 0
	for i, err := range errs {
		switch graph.ErrorCode(err) {
		case "":
			won++
		case graph.Conflict:
		default:
			t.Errorf("merge into %s: %v, want success or a conflict", intos[i], err)
		}
	}
	if won != 1 {
		t.Fatalf("%d of %d concurrent merges of one entity succeeded, want 1 (errors %v)", won, len(intos), errs)
	}
	page, err := s.Corrections(t.Context(), graph.CorrectionQuery{})
	if err != nil || len(page.Corrections) != 1 {
		t.Fatalf("corrections after the race: %+v, %v; want the winner only", page.Corrections, err)
	}
	sameAsFresh(t, s, sd.extractions)
}

func testExportImport(t *testing.T, s graph.Store) {
	ctx := t.Context()
	sd := seed()
	Write(t, s, sd.extractions...)
	uncorrected := view(t, s)
	correct(t, s, graph.Correction{Kind: graph.CorrectMerge, Target: MainIntel, After: &graph.EntityRef{ID: DefenseIntel}})
	correct(t, s, graph.Correction{Kind: graph.CorrectHide, Target: Kremlin})
	correct(t, s, graph.Correction{Kind: graph.CorrectRename, Target: DefenseIntel, After: &graph.EntityRef{Name: "HUR"}})
	correct(t, s, graph.Correction{Kind: graph.CorrectSpeaker, Target: sd.id("yusov-missiles"), After: &graph.EntityRef{ID: Budanov}})
	page, err := s.Corrections(ctx, graph.CorrectionQuery{Oldest: true})
	if err != nil {
		t.Fatal(err)
	}
	want := view(t, s)
	// The store back to what extraction gave, then the exported
	// corrections imported (twice: the second adds nothing), then the
	// sources ingested again.
	for _, c := range slices.Backward(page.Corrections) {
		if _, err := s.UndoCorrection(ctx, c.ID); err != nil {
			t.Fatalf("UndoCorrection: %v", err)
		}
	}
	equal(t, "store with every correction undone", view(t, s), uncorrected)
	for i, wantN := range []int{4, 0} {
		if n, err := s.ImportCorrections(ctx, page.Corrections); err != nil || n != wantN {
			t.Fatalf("ImportCorrections #%d = %d, %v; want %d", i+1, n, err, wantN)
		}
	}
	equal(t, "corrections imported", view(t, s), want)
	Write(t, s, seed().extractions...)
	equal(t, "corrections imported, then the documents ingested again", view(t, s), want)
	after, err := s.Corrections(ctx, graph.CorrectionQuery{Oldest: true})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "imported corrections", after.Corrections, page.Corrections)
}

func testCorrectionErrors(t *testing.T, s graph.Store) {
	ctx := t.Context()
	sd := seed()
	Write(t, s, sd.extractions...)
	correct(t, s, graph.Correction{Kind: graph.CorrectHide, Target: Kremlin})
	correct(t, s, graph.Correction{Kind: graph.CorrectMerge, Target: MainIntel, After: &graph.EntityRef{ID: DefenseIntel}})
	correct(t, s, graph.Correction{Kind: graph.CorrectReject, Target: sd.id("note-kremlin")})
	before := view(t, s)
	for _, c := range []struct {
		name  string
		c     graph.Correction
		code  graph.Code
		param string
	}{
		{"unknown kind", graph.Correction{Kind: "delete", Target: Budanov}, graph.Invalid, "kind"},
		{"no target", graph.Correction{Kind: graph.CorrectHide}, graph.Invalid, "target"},
		{"rename without a name", graph.Correction{Kind: graph.CorrectRename, Target: Budanov, After: &graph.EntityRef{Name: " "}}, graph.Invalid, "after"},
		{"retype to its own kind", graph.Correction{Kind: graph.CorrectRetype, Target: Budanov, After: &graph.EntityRef{Kind: graph.KindPerson}}, graph.Invalid, "after"},
		{"unknown entity", graph.Correction{Kind: graph.CorrectHide, Target: "person:nobody"}, graph.NotFound, "target"},
		{"merge into an unknown entity", graph.Correction{Kind: graph.CorrectMerge, Target: Budanov, After: &graph.EntityRef{ID: "person:nobody"}}, graph.NotFound, "after"},
		{"unknown statement", graph.Correction{Kind: graph.CorrectReject, Target: "st_nothing"}, graph.NotFound, "target"},
		{"remove an about it does not have", graph.Correction{Kind: graph.CorrectAbout, Target: sd.id("yusov-missiles"), Before: &graph.EntityRef{ID: Budanov}}, graph.NotFound, "before"},
		{"merge into itself", graph.Correction{Kind: graph.CorrectMerge, Target: Budanov, After: &graph.EntityRef{ID: Budanov}}, graph.Conflict, ""},
		{"merge into a hidden entity", graph.Correction{Kind: graph.CorrectMerge, Target: Budanov, After: &graph.EntityRef{ID: Kremlin}}, graph.Conflict, ""},
		{"a cycle", graph.Correction{Kind: graph.CorrectMerge, Target: DefenseIntel, After: &graph.EntityRef{ID: MainIntel}}, graph.Conflict, ""},
		{"correct a merged-away entity", graph.Correction{Kind: graph.CorrectRename, Target: MainIntel, After: &graph.EntityRef{Name: "X"}}, graph.Conflict, ""},
		{"hide twice", graph.Correction{Kind: graph.CorrectHide, Target: Kremlin}, graph.Conflict, ""},
		{"reject twice", graph.Correction{Kind: graph.CorrectReject, Target: sd.id("note-kremlin")}, graph.Conflict, ""},
		{"speaker that is hidden", graph.Correction{Kind: graph.CorrectSpeaker, Target: sd.id("yusov-missiles"), After: &graph.EntityRef{ID: Kremlin}}, graph.Conflict, ""},
	} {
		_, err := s.AddCorrection(ctx, c.c)
		wantCode(t, c.name, err, c.code, c.param)
	}
	_, err := s.UndoCorrection(ctx, "cor_unknown")
	wantCode(t, "undo an unknown correction", err, graph.NotFound, "")
	equal(t, "store after refused corrections", view(t, s), before)
}

package ingest_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/ingest"
)

func TestIntoStoreReportsStatementsByTheSourceWhenTheTextNamesNoOutlet(t *testing.T) {
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	s := openSQLite(t)
	docs := []graph.Document{
		{ID: "feb", Date: "2024-02-11", Source: "BBC News - World",
			Text: "Kyrylo Budanov said on Sunday that North Korea was shipping shells to Russia. Andrii Yusov told Reuters that the shells were old."},
		{ID: "mar", Date: "2024-03-02", Source: "Kyiv Ledger",
			Text: "Kyrylo Budanov said on Saturday that Iran was sending engineers to Russia."},
	}
	src := func(ctx context.Context, yield func(ingest.Item) error) error {
		for _, d := range docs {
			if err := yield(ingest.Item{Origin: d.ID, Format: ingest.FormatJSONL, Doc: d}); err != nil {
				return err
			}
		}
		return nil
	}
	if _, err := ingest.IntoStore(t.Context(), s, x, src, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	page, err := s.Statements(t.Context(), graph.StatementQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, st := range page.Statements {
		var outlets []string
		for _, o := range st.ReportedBy {
			outlets = append(outlets, o.ID)
		}
		got = append(got, fmt.Sprintf("%s %s %v", st.DocumentID, st.Speaker.Name, outlets))
	}
	// Newest first. "BBC News - World" is the BBC of the outlet table;
	// Yusov's statement keeps the outlet its text names, and the BBC that
	// carried it.
	want := "[mar Kyrylo Budanov [organization:kyiv-ledger] feb Kyrylo Budanov [organization:bbc] feb Andrii Yusov [organization:reuters organization:bbc]]"
	if fmt.Sprint(got) != want {
		t.Errorf("statements = %v\nwant         %v", got, want)
	}
	// The document's date is the statements' date for time filtering.
	march, err := s.Statements(t.Context(), graph.StatementQuery{Time: graph.TimeRange{From: "2024-03", To: "2024-03"}})
	if err != nil || len(march.Statements) != 1 || march.Statements[0].DocumentID != "mar" {
		t.Errorf("statements of March: %+v, %v", march.Statements, err)
	}
	// The outlet is an entity, carried by one statement per document.
	bbc, err := s.Entity(t.Context(), "organization:bbc")
	if err != nil || bbc.Name != "BBC" || bbc.Mentions != 0 {
		t.Errorf("the source's outlet: %+v, %v", bbc, err)
	}
}

func TestAttributeSourceKeepsTheOutletsTheTextNames(t *testing.T) {
	outlet := graph.EntityRef{ID: "organization:kyiv-ledger", Kind: graph.KindOrganization, Name: "Kyiv Ledger"}
	reuters := graph.EntityRef{ID: "organization:reuters", Kind: graph.KindOrganization, Name: "Reuters"}
	x := &graph.Extraction{
		Document: graph.Document{ID: "d"},
		Entities: []graph.DocumentEntity{{ID: reuters.ID, Kind: reuters.Kind, Name: reuters.Name}},
		Statements: []graph.Statement{
			{ID: "s1", Speaker: graph.EntityRef{ID: "person:a"}, ReportedBy: []graph.EntityRef{reuters}},
			{ID: "s2", Speaker: graph.EntityRef{ID: "person:b"}},
			{ID: "s3", Speaker: outlet},
		},
	}
	ingest.AttributeSource(x, outlet)
	got := fmt.Sprint(x.Statements[0].ReportedBy, x.Statements[1].ReportedBy, x.Statements[2].ReportedBy, len(x.Entities))
	if want := fmt.Sprint([]graph.EntityRef{reuters, outlet}, []graph.EntityRef{outlet}, []graph.EntityRef(nil), 2); got != want {
		t.Errorf("after AttributeSource: %s, want %s", got, want)
	}
	before := len(x.Entities)
	ingest.AttributeSource(x, graph.EntityRef{})
	if len(x.Entities) != before {
		t.Error("a zero outlet changed the extraction")
	}
}

func TestRunCountsEachFormat(t *testing.T) {
	items := []ingest.Item{
		{Origin: "a.html", Format: ingest.FormatHTML, Doc: graph.Document{ID: "a", Text: "text a"}},
		{Origin: "c.warc@0", Format: ingest.FormatWARC, Ignored: "request records"},
		{Origin: "c.warc@10", Format: ingest.FormatWARC, Doc: graph.Document{ID: "c", Text: "text c"}},
		{Origin: "c.warc@20", Format: ingest.FormatWARC, Err: graph.Errorf(graph.Invalid, "test", "broken WARC record at byte 20")},
		{Origin: "c.warc@30", Format: ingest.FormatWARC, Ignored: "request records"},
	}
	src := func(ctx context.Context, yield func(ingest.Item) error) error {
		for _, it := range items {
			if err := yield(it); err != nil {
				return err
			}
		}
		return nil
	}
	var done []string
	sum, err := ingest.Run(t.Context(), &recordingWriter{}, slowExtractor{}, src, ingest.Options{
		Done: func(it ingest.Item, res graph.WriteResult, err error) { done = append(done, it.Origin) },
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != 3 || sum.Written != 2 || len(sum.Skipped) != 1 {
		t.Errorf("summary = %+v", sum)
	}
	html, warc := sum.Formats[ingest.FormatHTML], sum.Formats[ingest.FormatWARC]
	if html == nil || warc == nil {
		t.Fatalf("formats = %v", sum.Formats)
	}
	if fmt.Sprintf("%+v %+v", *html, *warc) != "{Documents:1 Written:1 Unchanged:0 Folded:0 Skipped:0 Ignored:map[]} {Documents:2 Written:1 Unchanged:0 Folded:0 Skipped:1 Ignored:map[request records:2]}" {
		t.Errorf("html %+v, warc %+v", *html, *warc)
	}
	if fmt.Sprint(done) != "[a.html c.warc@10 c.warc@20]" {
		t.Errorf("Done was told of %v, want each document once, in order, and no ignored input", done)
	}
}

package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/ingest"
	"github.com/entitygraph/entitygraph/ingest/ingesttest"
)

const fixtures = "../testdata/formats/"

// readItems reads one file as ingest does and returns every item.
func readItems(t *testing.T, path string, opt ingest.ReadOptions) []ingest.Item {
	t.Helper()
	var items []ingest.Item
	err := ingest.ReadFile(context.Background(), path, opt, func(it ingest.Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return items
}

// one returns the only item of a file, failing when there is another
// number of them or it is an error.
func one(t *testing.T, path string) ingest.Item {
	t.Helper()
	items := readItems(t, path, ingest.ReadOptions{})
	if len(items) != 1 || items[0].Err != nil {
		t.Fatalf("%s gave %d items (%v), want one document", path, len(items), items)
	}
	return items[0]
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(fixtures + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestHTMLPageGivesTheArticleWithoutBoilerplateAndItsMetadata(t *testing.T) {
	it := one(t, fixtures+"kyiv-ledger-drones.html")
	d := it.Doc
	if it.Format != ingest.FormatHTML {
		t.Errorf("format = %q", it.Format)
	}
	want := graph.Document{
		ID:     graph.DocumentIDFromURL("https://kyivledger.example/news/2023/06/budanov-drones"),
		Title:  "Budanov: Russia is turning Iranian drones into an industry",
		Date:   "2023-06-14",
		Source: "Kyiv Ledger",
		URL:    "https://kyivledger.example/news/2023/06/budanov-drones",
	}
	got := d
	got.Text = ""
	if !reflect.DeepEqual(got, want) {
		t.Errorf("document =\n%+v\nwant\n%+v", got, want)
	}
	if !strings.Contains(d.Text, "Ukrainian military intelligence chief Kyrylo Budanov said on Wednesday.") ||
		!strings.Contains(d.Text, "Tehran had never supplied weapons") {
		t.Errorf("the article's paragraphs are missing from the text:\n%s", d.Text)
	}
	for _, boilerplate := range []string{"Subscribe", "Related stories", "Grain corridor", "Privacy policy", "All rights reserved", "Olena Marchenko"} {
		if strings.Contains(d.Text, boilerplate) {
			t.Errorf("the text holds %q, which is not the article:\n%s", boilerplate, d.Text)
		}
	}
}

func TestHTMLDateComesFromMetaTagsOrATimeElement(t *testing.T) {
	for _, tc := range []struct{ file, date, source string }{
		// article:published_time 2024-03-05T22:15:00-05:00: the day in the
		// outlet's own zone, not UTC's March 6.
		{"windows-1252-declared.html", "2024-03-05", "Alpine Courier"},
		{"time-element.html", "2024-02-10", ""},
	} {
		d := one(t, fixtures+tc.file).Doc
		if d.Date != tc.date || d.Source != tc.source {
			t.Errorf("%s: date %q, source %q; want %q, %q", tc.file, d.Date, d.Source, tc.date, tc.source)
		}
	}
}

func TestHTMLInAnotherEncodingIsDecodedOrSkippedWithAReason(t *testing.T) {
	declared := one(t, fixtures+"windows-1252-declared.html").Doc
	undeclared := one(t, fixtures+"windows-1252-undeclared.html").Doc
	for _, d := range []graph.Document{declared, undeclared} {
		if !strings.Contains(d.Text, "“We will not accept a deal") || !strings.Contains(d.Text, "café near the lake") || d.Title != "Talks in Zürich" {
			t.Errorf("windows-1252 page not decoded: title %q, text:\n%s", d.Title, d.Text)
		}
	}
	items := readItems(t, fixtures+"undeclared-undetectable.html", ingest.ReadOptions{})
	if len(items) != 1 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "declares no character encoding") {
		t.Errorf("an undeclared page whose encoding cannot be told: %+v, want it skipped saying why", items)
	}
	// A charset the HTTP header gives wins over the page's meta tag, as in
	// a browser.
	page := fixture(t, "windows-1252-declared.html")
	d, err := ingest.HTMLDocument(ingest.WebPage{Raw: page, ContentType: "text/html; charset=utf-8"})
	if err != nil || strings.Contains(d.Text, "“") {
		t.Errorf("header charset utf-8 over a windows-1252 meta tag: %v, text %q", err, d.Text)
	}
	_, err = ingest.HTMLDocument(ingest.WebPage{Raw: page, ContentType: "text/html; charset=klingon-8"})
	if err == nil || !strings.Contains(err.Error(), `unknown character encoding "klingon-8"`) {
		t.Errorf("an unknown charset: %v", err)
	}
}

func TestHTMLWithoutArticleTextIsSkipped(t *testing.T) {
	items := readItems(t, fixtures+"no-article.html", ingest.ReadOptions{})
	if len(items) != 1 || graph.ErrorCode(items[0].Err) != graph.Invalid || !strings.Contains(items[0].Err.Error(), "no article text") {
		t.Errorf("a page of menus only: %+v", items)
	}
}

func TestHTMLWithTooManyElementsIsRefused(t *testing.T) {
	page := "<html><body>" + strings.Repeat("<p>Officials said on Monday that the talks had ended.</p>", 15001) + "</body></html>"
	_, err := ingest.HTMLDocument(ingest.WebPage{Raw: []byte(page)})
	if graph.ErrorCode(err) != graph.TooLarge || !strings.Contains(err.Error(), "more than 15000 elements") {
		t.Errorf("a page of 15,001 paragraphs: %v, want TooLarge", err)
	}
}

func TestFeedGivesOneDocumentPerItem(t *testing.T) {
	items := readItems(t, fixtures+"kyiv-ledger.rss", ingest.ReadOptions{})
	if len(items) != 3 {
		t.Fatalf("%d items, want 3", len(items))
	}
	first := items[0]
	if first.Err != nil || first.Origin != fixtures+"kyiv-ledger.rss:1" || first.Format != ingest.FormatFeed {
		t.Fatalf("first item: %+v", first)
	}
	d := first.Doc
	// 23:40 at +0200 is still February 11 where it was published.
	if d.Date != "2024-02-11" || d.Source != "Kyiv Ledger" || d.URL != "https://kyivledger.example/news/2024/02/yusov-shells" ||
		d.Title != "Yusov: Russia is short of shells" || d.ID != graph.DocumentIDFromURL("kyivledger-2024-0211-yusov") {
		t.Errorf("first item = %+v", d)
	}
	if !strings.HasPrefix(d.Text, "Russia is running short") || !strings.Contains(d.Text, "\n") || strings.Contains(d.Text, "<p>") {
		t.Errorf("the item's HTML should become text with its paragraphs: %q", d.Text)
	}
	if items[1].Doc.ID != graph.DocumentIDFromURL("https://kyivledger.example/news/2024/02/grain") {
		t.Errorf("an item without guid is the document of its link: %+v", items[1].Doc)
	}
	if items[2].Err == nil || !strings.Contains(items[2].Err.Error(), "no text") {
		t.Errorf("an item without text: %+v, want it skipped", items[2])
	}

	atom := one(t, fixtures+"wire.atom").Doc
	if atom.Date != "2024-03-02" || atom.Source != "Meridian Wire - World" || atom.URL != "https://meridianwire.example/world/seoul-munitions" ||
		!strings.Contains(atom.Text, "South Korean intelligence said on Saturday") {
		t.Errorf("atom entry = %+v", atom)
	}

	broken := readItems(t, fixtures+"broken.rss", ingest.ReadOptions{})
	if len(broken) != 1 || broken[0].Err == nil || !strings.Contains(broken[0].Err.Error(), "not a readable RSS or Atom feed: XML syntax error") {
		t.Errorf("a feed cut short: %+v, want one item saying the XML is broken", broken)
	}
}

func TestCSVReadsGuessedColumnsAndReportsBadRows(t *testing.T) {
	var notes []string
	items := readItems(t, fixtures+"export.csv", ingest.ReadOptions{Note: func(s string) { notes = append(notes, s) }})
	if len(notes) != 1 || !strings.Contains(notes[0], `text from "Body" (guessed), title from "Headline" (guessed), date from "Published" (guessed), source from "Outlet" (guessed), url from "Link" (guessed), no id`) {
		t.Errorf("notes = %q", notes)
	}
	var got []string
	for _, it := range items {
		if it.Err != nil {
			got = append(got, it.Origin+" skipped")
		} else {
			got = append(got, it.Origin+" "+it.Doc.Date+" "+it.Doc.Source)
		}
	}
	name := fixtures + "export.csv"
	want := []string{
		name + ":2 2023-06-14 Kyiv Ledger",
		name + ":3 2024-02-10 Reuters",
		name + ":4 skipped",
		name + ":5 skipped",
		name + ":6 skipped",
		name + ":7 2024-02-10 Northline News",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("rows = %q\nwant   %q", got, want)
	}
	first := items[0].Doc
	if !strings.Contains(first.Text, "\n\n\"They are building an industry") || first.ID != graph.DocumentIDFromURL(first.URL) {
		t.Errorf("a quoted multi-line field: %+v", first)
	}
	for i, reason := range map[int]string{2: "row 4 (line 6) has 7 fields, the header 6", 3: "the text column is empty", 4: "day-first or month-first"} {
		if !strings.Contains(items[i].Err.Error(), reason) {
			t.Errorf("%s: %v, want the reason %q", items[i].Origin, items[i].Err, reason)
		}
	}

	tsv := one(t, fixtures+"export.tsv").Doc
	if tsv.Title != "Kuleba in Zurich" || tsv.Source != "Alpine Courier" || !strings.HasPrefix(tsv.Text, "Ukrainian Foreign Minister") {
		t.Errorf("tsv = %+v", tsv)
	}

	named := readItems(t, fixtures+"export.csv", ingest.ReadOptions{CSV: ingest.CSVColumns{Text: "headline", Source: "section"}})
	if named[0].Err != nil || named[0].Doc.Text != "Budanov: drones are an industry now" || named[0].Doc.Source != "War" {
		t.Errorf("named columns: %+v", named[0])
	}
	for _, tc := range []struct {
		opt  ingest.CSVColumns
		file string
		want string
	}{
		{ingest.CSVColumns{Text: "story"}, "export.csv", `no column "story" for the text (its columns: Headline, Body, Published, Outlet, Link, Section)`},
		{ingest.CSVColumns{}, "no-text-column.csv", "no column of the header looks like the text (its columns: headline, summary, day): name it with --csv-text"},
	} {
		items := readItems(t, fixtures+tc.file, ingest.ReadOptions{CSV: tc.opt})
		if len(items) != 1 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), tc.want) {
			t.Errorf("%s with %+v: %+v, want one item saying %q", tc.file, tc.opt, items, tc.want)
		}
	}
}

func TestCSVInALegacyEncodingIsDecoded(t *testing.T) {
	var notes []string
	items := readItems(t, fixtures+"export-windows-1252.csv", ingest.ReadOptions{Note: func(s string) { notes = append(notes, s) }})
	if len(items) != 1 || items[0].Err != nil || !strings.HasPrefix(items[0].Doc.Text, "“We will not accept") || items[0].Doc.Title != "Talks in Zürich" {
		t.Fatalf("a windows-1252 CSV file: %+v", items)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "decoded from windows-1252 (detected)") {
		t.Errorf("notes = %q, want one saying how the file was decoded", notes)
	}
	path := writeFile(t, t.TempDir(), "export.csv", []byte("title,text\nx,Data: \xe4\xf6\xfc \xc4\xd6\xdc \xe0\xe8\xec\xf2\xf9 \xe1\xe9\xed\xf3\xfa\n"))
	if items := readItems(t, path, ingest.ReadOptions{}); len(items) != 1 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "save it as UTF-8") {
		t.Errorf("a CSV file whose encoding cannot be told: %+v", items)
	}
}

func TestCSVDelimiterIsTheOneTheHeaderUses(t *testing.T) {
	path := writeFile(t, t.TempDir(), "export.csv", []byte("date;text;source\n2024-01-02;\"Officials said on Tuesday; nothing more.\";Kyiv Ledger\n"))
	d := one(t, path).Doc
	if d.Text != "Officials said on Tuesday; nothing more." || d.Date != "2024-01-02" || d.Source != "Kyiv Ledger" {
		t.Errorf("semicolon CSV: %+v", d)
	}
}

func crawl(t *testing.T, brokenAt int) []ingesttest.Record {
	t.Helper()
	recs, err := ingesttest.SampleCrawl(fixtures, brokenAt)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestWARCGivesADocumentPerHTMLResponseAndCountsTheRest(t *testing.T) {
	for _, c := range []struct {
		name string
		comp ingesttest.Compression
	}{{"crawl.warc", ingesttest.Plain}, {"crawl.warc.gz", ingesttest.PerRecord}, {"whole.warc.gz", ingesttest.WholeFile}} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			if _, err := ingesttest.WriteWARC(&b, crawl(t, -1), c.comp); err != nil {
				t.Fatal(err)
			}
			path := writeFile(t, t.TempDir(), c.name, b.Bytes())
			var docs []graph.Document
			ignored := map[string]int{}
			var skipped []string
			for _, it := range readItems(t, path, ingest.ReadOptions{}) {
				switch {
				case it.Format != ingest.FormatWARC:
					t.Errorf("%s has format %q", it.Origin, it.Format)
				case it.Ignored != "":
					ignored[it.Ignored]++
				case it.Err != nil:
					skipped = append(skipped, it.Err.Error())
				default:
					docs = append(docs, it.Doc)
				}
			}
			if len(docs) != 3 {
				t.Fatalf("%d documents, want the 3 HTML pages", len(docs))
			}
			if d := docs[0]; d.URL != "https://kyivledger.example/news/2023/06/budanov-drones" || d.Date != "2023-06-14" || d.Source != "Kyiv Ledger" ||
				d.ID != graph.DocumentIDFromURL(d.URL) {
				t.Errorf("first page: %+v", d)
			}
			// The page with a date keeps it; the WARC-Date stands in only for
			// a page without one.
			if docs[1].URL != "https://northline.example/2024/02/containers" || docs[1].Date != "2024-02-10" {
				t.Errorf("second page: %+v", docs[1])
			}
			wantIgnored := map[string]int{"warcinfo records": 1, "request records": 3, "metadata records": 1,
				"responses of image/png": 1, "HTTP 4xx responses": 1, "HTTP 3xx responses": 1}
			if fmt.Sprint(ignored) != fmt.Sprint(wantIgnored) {
				t.Errorf("passed over %v\nwant        %v", ignored, wantIgnored)
			}
			if len(skipped) != 1 || !strings.Contains(skipped[0], "https://kyivledger.example/saved-by-hand: the page has no article text") {
				t.Errorf("skipped %q, want the resource record without article text", skipped)
			}
		})
	}
}

func TestWARCSkipsABrokenRecordAtItsOffsetAndReadsTheRest(t *testing.T) {
	for _, c := range []struct {
		name string
		comp ingesttest.Compression
	}{{"crawl.warc", ingesttest.Plain}, {"crawl.warc.gz", ingesttest.PerRecord}} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			offsets, err := ingesttest.WriteWARC(&b, crawl(t, 1), c.comp)
			if err != nil {
				t.Fatal(err)
			}
			path := writeFile(t, t.TempDir(), c.name, b.Bytes())
			var urls, broken []string
			for _, it := range readItems(t, path, ingest.ReadOptions{}) {
				if it.Err != nil && strings.Contains(it.Err.Error(), "broken WARC record") {
					broken = append(broken, it.Origin+": "+it.Err.Error())
				} else if it.Err == nil && it.Ignored == "" {
					urls = append(urls, it.Doc.URL)
				}
			}
			// Record 4 is the second page's response (warcinfo, then a
			// request and a response per page).
			at := fmt.Sprintf("%s@%d", path, offsets[4])
			if len(broken) != 1 || !strings.HasPrefix(broken[0], at+": ") || !strings.Contains(broken[0], fmt.Sprintf("at byte %d", offsets[4])) {
				t.Errorf("broken records reported: %q, want one at %s", broken, at)
			}
			want := "[https://kyivledger.example/news/2023/06/budanov-drones https://alpinecourier.example/zurich-talks]"
			if fmt.Sprint(urls) != want {
				t.Errorf("documents %v, want the pages before and after the broken one", urls)
			}
		})
	}
}

func TestGzipIsReadThroughAndATruncatedFileKeepsWhatCameBefore(t *testing.T) {
	dir := t.TempDir()
	page := writeFile(t, dir, "page.html.gz", ingesttest.Gzip(fixture(t, "kyiv-ledger-drones.html")))
	if it := one(t, page); it.Format != ingest.FormatHTML || it.Doc.Source != "Kyiv Ledger" {
		t.Errorf("a gzipped page: %+v", it)
	}
	var lines []string
	for i := range 200 {
		lines = append(lines, fmt.Sprintf(`{"id": "d%d", "text": "Officials in Kyiv said on Monday that talks number %d had ended."}`, i, i))
	}
	full := ingesttest.Gzip([]byte(strings.Join(lines, "\n") + "\n"))
	cut := writeFile(t, dir, "news.jsonl.gz", full[:len(full)*2/3])
	items := readItems(t, cut, ingest.ReadOptions{})
	last := items[len(items)-1]
	if len(items) < 20 || last.Err == nil || !strings.Contains(last.Err.Error(), "the gzip file is truncated") {
		t.Fatalf("a truncated gzip JSONL file gave %d items ending with %+v; want the lines before the cut, then one saying it is truncated", len(items), last)
	}
	// The line the cut went through is reported too.
	for _, it := range items[:len(items)-2] {
		if it.Err != nil {
			t.Errorf("%s: %v", it.Origin, it.Err)
		}
	}
	// A truncated gzip page is one skipped document, not a half page.
	half := writeFile(t, dir, "half.html.gz", ingesttest.Gzip(fixture(t, "kyiv-ledger-drones.html"))[:600])
	if items := readItems(t, half, ingest.ReadOptions{}); len(items) != 1 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "truncated") {
		t.Errorf("a truncated gzip page: %+v", items)
	}
}

func TestFormatsAreToldByNameAndContent(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		want       ingest.Format
	}{
		{"a.txt", "<html>", ingest.FormatText},
		{"a.html.gz", "", ingest.FormatHTML},
		{"crawl.warc.gz", "", ingest.FormatWARC},
		{"a.TSV", "", ingest.FormatCSV},
		{"feed.xml", `<?xml version="1.0"?><!-- hi --><rss version="2.0">`, ingest.FormatFeed},
		{"download", "\ufeff<?xml version='1.0'?>\n<feed xmlns='http://www.w3.org/2005/Atom'>", ingest.FormatFeed},
		{"download", "  <!DOCTYPE html><html>", ingest.FormatHTML},
		{"download", "WARC/1.1\r\nWARC-Type: warcinfo", ingest.FormatWARC},
		{"download", `{"id": "a", "text": "x"}`, ingest.FormatJSONL},
		{"README", "Officials said on Monday.", ingest.FormatText},
		{"article.php", "<!doctype html><html>", ingest.FormatHTML},
	} {
		got, err := ingest.DetectFormat(tc.name, []byte(tc.head))
		if err != nil || got != tc.want {
			t.Errorf("DetectFormat(%q, %q) = %q, %v; want %q", tc.name, tc.head, got, err, tc.want)
		}
	}
	for _, tc := range []struct{ name, head, want string }{
		{"sitemap.xml", `<?xml version="1.0"?><urlset>`, "not an RSS or Atom feed"},
		{"report.pdf", "%PDF-1.7\n\x00\x01\x02", "looks binary"},
		{"notes.pdf", "Officials said on Monday.", "is not read as text unless it is named .txt"},
	} {
		if _, err := ingest.DetectFormat(tc.name, []byte(tc.head)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("DetectFormat(%q) = %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
}

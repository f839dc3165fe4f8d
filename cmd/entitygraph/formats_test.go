package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/neo4j/neo4jtest"
	"github.com/entitygraph/entitygraph/graph/sqlite"
	"github.com/entitygraph/entitygraph/ingest/ingesttest"
)

const formatFixtures = "../../testdata/formats"

// formatsCorpus lays out a folder of every format, good and bad: the
// fixture pages, feeds and exports, a gzipped page, a crawl with a broken
// record, and a JSONL file cut short by a truncated gzip stream.
func formatsCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyFixture := func(name, as string, compress bool) {
		data, err := os.ReadFile(filepath.Join(formatFixtures, name))
		if err != nil {
			t.Fatal(err)
		}
		if compress {
			data = ingesttest.Gzip(data)
		}
		if err := os.WriteFile(filepath.Join(dir, as), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"kyiv-ledger-drones.html", "windows-1252-declared.html", "no-article.html", "undeclared-undetectable.html",
		"kyiv-ledger.rss", "wire.atom", "broken.rss", "export.csv", "export.tsv", "no-text-column.csv"} {
		copyFixture(name, name, false)
	}
	copyFixture("time-element.html", "time-element.html.gz", true)
	recs, err := ingesttest.SampleCrawl(formatFixtures, 1)
	if err != nil {
		t.Fatal(err)
	}
	// Other addresses than the pages' own, so that the crawl's copies are
	// documents of their own.
	for i := range recs {
		recs[i].URI = strings.Replace(recs[i].URI, ".example/", ".example/archived/", 1)
	}
	var warc bytes.Buffer
	if _, err := ingesttest.WriteWARC(&warc, recs, ingesttest.PerRecord); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "crawl.warc.gz"), warc.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for i := range 40 {
		lines = append(lines, fmt.Sprintf(`{"id": "line-%d", "text": "Officials in Kyiv said on Monday that round %d of the talks had ended."}`, i, i))
	}
	z := ingesttest.Gzip([]byte(strings.Join(lines, "\n")))
	if err := os.WriteFile(filepath.Join(dir, "cut.jsonl.gz"), z[:len(z)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestIngestReadsEveryFormatIntoEitherStore ingests a folder of every
// format into SQLite and into Neo4j: each bad input is reported with its
// reason, the summary counts each format, the statements of a document
// whose text names no outlet are reported by its source, and running
// again, or running on the bad inputs alone, changes nothing stored.
func TestIngestReadsEveryFormatIntoEitherStore(t *testing.T) {
	for _, backend := range []string{"sqlite", "neo4j"} {
		t.Run(backend, func(t *testing.T) {
			var uri string
			var reader graph.Reader
			if backend == "neo4j" {
				reader = neo4jtest.Open(t)
				uri = neo4jtest.Config(t).URI
			} else {
				db := filepath.Join(t.TempDir(), "g.db")
				uri = "sqlite:" + db
				// Opened after the ingest, below.
			}
			dir := formatsCorpus(t)
			out, errOut, err := runCmd(t, "ingest", "--store", uri, dir)
			if err == nil || exitCode(err) != 1 {
				t.Fatalf("err = %v, want exit 1 for the bad inputs; stderr:\n%s", err, errOut)
			}
			p := func(name string) string { return filepath.Join(dir, name) }
			for _, want := range []string{
				p("export.csv") + `: reading text from "Body" (guessed), title from "Headline" (guessed)`,
				"skipped " + p("no-article.html") + ": the page has no article text",
				"skipped " + p("undeclared-undetectable.html") + ": the page is not UTF-8 and declares no character encoding",
				"skipped " + p("broken.rss") + ": not a readable RSS or Atom feed: XML syntax error",
				"skipped " + p("kyiv-ledger.rss") + ":3: the item has no text",
				"skipped " + p("export.csv") + ":4: row 4 (line 6) has 7 fields, the header 6",
				"skipped " + p("export.csv") + ":6: date \"03/04/2024\" could be day-first or month-first",
				"skipped " + p("no-text-column.csv") + ": no column of the header looks like the text",
				"skipped " + p("crawl.warc.gz") + "@",
				"broken WARC record at byte",
				"the gzip file is truncated",
			} {
				if !strings.Contains(errOut, want) {
					t.Errorf("stderr lacks %q:\n%s", want, errOut)
				}
			}
			for _, want := range []string{
				"  csv: 8 documents: 4 written (0 unchanged, 0 duplicates folded), 4 skipped\n",
				// Three stories come twice: the Kyiv Ledger's drones page
				// and its archived copy in the crawl, the Alpine Courier's
				// Zurich page and its archived copy, the Reuters grain row
				// and the Kyiv Ledger's feed item that runs it.
				"20 written (0 unchanged, 3 duplicates folded), 12 skipped",
				"  feed: 5 documents: 3 written (0 unchanged, 1 duplicates folded), 2 skipped\n",
				"  html: 5 documents: 3 written (0 unchanged, 2 duplicates folded), 2 skipped\n",
				"  warc: 4 documents: 2 written (0 unchanged, 0 duplicates folded), 2 skipped; passed over 1 HTTP 3xx responses, 1 HTTP 4xx responses, 1 metadata records, 3 request records, 1 responses of image/png, 1 warcinfo records\n",
			} {
				if !strings.Contains(out, want) {
					t.Errorf("summary lacks %q:\n%s", want, out)
				}
			}
			if reader == nil {
				s, err := sqlite.Open(context.Background(), strings.TrimPrefix(uri, "sqlite:"))
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				reader = s
			}
			ctx := context.Background()
			first, err := reader.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			outlets := statementOutlets(t, reader)
			for _, want := range []string{
				"Kyrylo Budanov/organization:kyiv-ledger",              // the page's og:site_name
				"Shin Won-sik/organization:northline-news",             // the CSV row's outlet
				"Hakan Fidan/organization:reuters",                     // the CSV row's, as the text names it
				"South Korean intelligence/organization:meridian-wire", // the Atom feed's title, to its first part
				"Dmytro Kuleba/organization:alpine-courier",            // the TSV row's
			} {
				if !slices.Contains(outlets, want) {
					t.Errorf("no statement %s among %v", want, outlets)
				}
			}
			// The crawl's pages, with the metadata of their records,
			// whether a document or a copy of one.
			var urls []string
			for _, u := range []string{"https://alpinecourier.example/archived/zurich-talks", "https://kyivledger.example/archived/news/2023/06/budanov-drones"} {
				d, err := reader.Document(ctx, graph.DocumentIDFromURL(u))
				if err != nil {
					t.Fatalf("the archived page %s: %v", u, err)
				}
				if c := d.RequestedCopy; c != nil {
					d = graph.Document{URL: c.URL, Date: c.Date, Source: c.Source}
				}
				urls = append(urls, d.URL+" "+d.Date+" "+d.Source)
			}
			if want := "[https://alpinecourier.example/archived/zurich-talks 2024-03-05 Alpine Courier https://kyivledger.example/archived/news/2023/06/budanov-drones 2023-06-14 Kyiv Ledger]"; fmt.Sprint(urls) != want {
				t.Errorf("documents from the crawl: %v\nwant %v", urls, want)
			}

			// Again: nothing changes; and the bad inputs alone lose nothing.
			if _, _, err := runCmd(t, "ingest", "--store", uri, dir); exitCode(err) != 1 {
				t.Fatalf("second run: %v", err)
			}
			bad := t.TempDir()
			for _, name := range []string{"no-article.html", "broken.rss", "no-text-column.csv", "cut.jsonl.gz"} {
				data, _ := os.ReadFile(p(name))
				os.WriteFile(filepath.Join(bad, name), data, 0o644)
			}
			if _, _, err := runCmd(t, "ingest", "--store", uri, bad); exitCode(err) != 1 {
				t.Fatalf("bad inputs alone: %v", err)
			}
			again, err := reader.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !statsEqual(first, again) {
				t.Errorf("the store changed:\n%+v\n%+v", first, again)
			}
		})
	}
}

// statementOutlets lists "speaker/outlet id" for every statement.
func statementOutlets(t *testing.T, r graph.Reader) []string {
	t.Helper()
	page, err := r.Statements(context.Background(), graph.StatementQuery{Page: graph.PageRequest{Size: 500}})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, st := range page.Statements {
		for _, o := range st.ReportedBy {
			out = append(out, st.Speaker.Name+"/"+o.ID)
		}
	}
	return out
}

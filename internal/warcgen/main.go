// Command warcgen writes a gzipped WARC file of news pages for the ingest
// benchmark (scripts/bench-warc): the demo corpus's articles laid out as
// web pages with menus, related links and footers, each at its own
// address and with its paragraphs in another order, archived as a crawler
// does (a request and a response record per page, one gzip member per
// record), until the file reaches the size asked for.
//
//	go run ./internal/warcgen -mb 100 -o bench.warc.gz
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"strings"
	"time"

	"github.com/entitygraph/entitygraph/demo"
	"github.com/entitygraph/entitygraph/ingest/ingesttest"
	"github.com/nlnwa/gowarc/v3"
)

func main() {
	mb := flag.Int("mb", 100, "size of the file to write, in MiB")
	out := flag.String("o", "bench.warc.gz", "file to write")
	flag.Parse()
	pages, err := write(*out, int64(*mb)<<20)
	if err != nil {
		fmt.Fprintln(os.Stderr, "warcgen:", err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d pages\n", *out, pages)
}

type article struct {
	ID, Title, Date, Source, Text string
}

// write writes pages to path until the file holds size bytes, and
// returns how many pages it wrote.
func write(path string, size int64) (int, error) {
	var articles []article
	sc := bufio.NewScanner(bytes.NewReader(demo.Articles()))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a article
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			return 0, err
		}
		articles = append(articles, a)
	}
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	counted := &countingWriter{w: bufio.NewWriterSize(f, 1<<20)}
	w := ingesttest.NewWARCWriter(counted, ingesttest.PerRecord)
	date := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	pages := 0
	for ; counted.n < size; pages++ {
		a := articles[pages%len(articles)]
		uri := fmt.Sprintf("https://%s.example/news/%s-%d", strings.ToLower(strings.ReplaceAll(a.Source, " ", "")), a.ID, pages)
		if _, err := w.Write(ingesttest.Record{Type: gowarc.Request, URI: uri, Date: date, Body: []byte("GET / HTTP/1.1\r\n\r\n")}); err != nil {
			return pages, err
		}
		if _, err := w.Write(ingesttest.Record{URI: uri, Date: date, Body: page(a, pages/len(articles))}); err != nil {
			return pages, err
		}
	}
	if err := w.Close(); err != nil {
		return pages, err
	}
	return pages, counted.w.(*bufio.Writer).Flush()
}

// page lays out an article as a news site would, its paragraphs rotated
// by turn so that copies differ.
func page(a article, turn int) []byte {
	paras := strings.Split(a.Text, "\n\n")
	k := turn % len(paras)
	paras = append(paras[k:], paras[:k]...)
	var b strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&b, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s | %s</title>
<meta property="og:site_name" content="%s"><meta property="article:published_time" content="%sT08:00:00Z"></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article><h1>%s</h1>`, esc(a.Title), esc(a.Source), esc(a.Source), a.Date, esc(a.Title))
	for _, p := range paras {
		fmt.Fprintf(&b, "<p>%s</p>\n", esc(p))
	}
	b.WriteString(`</article><aside class="related"><h2>Related</h2><ul><li><a href="/a">Markets close higher</a></li><li><a href="/b">Storm warning for the coast</a></li><li><a href="/c">Cup final tickets sold out</a></li></ul></aside></main>
<footer><p>All rights reserved.</p><p><a href="/about">About</a> · <a href="/privacy">Privacy</a></p></footer></body></html>`)
	return []byte(b.String())
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

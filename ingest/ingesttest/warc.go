// Package ingesttest writes the inputs that ingest's tests and benchmark
// read: WARC files made with the same library ingest reads them with
// (nlnwa/gowarc), with damaged records where a test asks for them.
package ingesttest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/nlnwa/gowarc/v3"
)

// Record is one WARC record to write.
type Record struct {
	// Type is gowarc.Response when zero; Request, Metadata, Resource and
	// Warcinfo records are written with Body as their block.
	Type gowarc.RecordType
	URI  string
	Date time.Time
	// Status is the HTTP status of a response, 200 when zero.
	Status int
	// ContentType is the HTTP Content-Type of a response, or the WARC
	// Content-Type of a resource; "text/html; charset=utf-8" when empty.
	ContentType string
	Body        []byte
	// Broken writes the record with its WARC header damaged (the WARC-Type
	// and Content-Length lines overwritten), or, in a gzip file, with its
	// compressed bytes damaged, so that a reader must skip it.
	Broken bool
}

// Compression says how WriteWARC compresses.
type Compression int

const (
	Plain     Compression = iota // an uncompressed .warc
	PerRecord                    // one gzip member per record, as crawlers write .warc.gz
	WholeFile                    // the whole file in one gzip stream, as `gzip crawl.warc` makes
)

// WriteWARC writes records to w as a WARC 1.1 file and returns the byte
// offset at which each record starts in what it wrote.
func WriteWARC(w io.Writer, records []Record, c Compression) ([]int64, error) {
	ww := NewWARCWriter(w, c)
	offsets := make([]int64, 0, len(records))
	for i, r := range records {
		off, err := ww.Write(r)
		if err != nil {
			return nil, fmt.Errorf("record %d: %w", i, err)
		}
		offsets = append(offsets, off)
	}
	return offsets, ww.Close()
}

// WARCWriter writes records one at a time, for files too large to hold
// in memory.
type WARCWriter struct {
	w    io.Writer
	zw   *gzip.Writer // the whole file's stream, for WholeFile
	c    Compression
	m    gowarc.Marshaler
	n    int64
	one  bytes.Buffer
	comp bytes.Buffer
}

// NewWARCWriter returns a writer of a WARC file to w.
func NewWARCWriter(w io.Writer, c Compression) *WARCWriter {
	ww := &WARCWriter{w: w, c: c, m: gowarc.NewMarshaler()}
	if c == WholeFile {
		ww.zw = gzip.NewWriter(w)
		ww.w = ww.zw
	}
	return ww
}

// Write writes one record and returns its offset: in the file, or in the
// uncompressed stream for WholeFile.
func (ww *WARCWriter) Write(r Record) (int64, error) {
	rec, err := build(r)
	if err != nil {
		return 0, err
	}
	defer rec.Close()
	ww.one.Reset()
	if _, _, err := ww.m.Marshal(&ww.one, rec, 0); err != nil {
		return 0, err
	}
	data := ww.one.Bytes()
	if r.Broken && ww.c != PerRecord {
		breakHeader(data)
	}
	if ww.c == PerRecord {
		ww.comp.Reset()
		zw := gzip.NewWriter(&ww.comp)
		zw.Write(data)
		zw.Close()
		data = ww.comp.Bytes()
		if r.Broken {
			for k := len(data) / 3; k < len(data)/3+24 && k < len(data)-8; k++ {
				data[k] ^= 0x5a
			}
		}
	}
	off := ww.n
	n, err := ww.w.Write(data)
	ww.n += int64(n)
	return off, err
}

// Close ends the file's gzip stream, for WholeFile; it does not close the
// underlying writer.
func (ww *WARCWriter) Close() error {
	if ww.zw != nil {
		return ww.zw.Close()
	}
	return nil
}

// breakHeader overwrites the WARC-Type and Content-Length lines of a
// marshalled record with the same number of bytes of junk.
func breakHeader(data []byte) {
	for _, field := range []string{"WARC-Type:", "Content-Length:"} {
		i := bytes.Index(data, []byte(field))
		if i < 0 {
			continue
		}
		end := i + bytes.IndexByte(data[i:], '\r')
		for k := i; k < end; k++ {
			data[k] = 'x'
		}
	}
}

func build(r Record) (gowarc.WarcRecord, error) {
	typ := r.Type
	if typ == 0 {
		typ = gowarc.Response
	}
	b := gowarc.NewRecordBuilder(typ, gowarc.WithAddMissingDigest(true), gowarc.WithAddMissingRecordId(true), gowarc.WithAddMissingContentLength(true))
	date := r.Date
	if date.IsZero() {
		date = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	}
	b.AddWarcHeaderTime(gowarc.WarcDate, date)
	if r.URI != "" {
		b.AddWarcHeader(gowarc.WarcTargetURI, r.URI)
	}
	contentType := r.ContentType
	if contentType == "" {
		contentType = "text/html; charset=utf-8"
	}
	switch typ {
	case gowarc.Response:
		status := r.Status
		if status == 0 {
			status = 200
		}
		b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=response")
		fmt.Fprintf(b, "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n", status, statusText(status), contentType, len(r.Body))
	case gowarc.Request:
		b.AddWarcHeader(gowarc.ContentType, "application/http;msgtype=request")
	case gowarc.Resource:
		b.AddWarcHeader(gowarc.ContentType, contentType)
	case gowarc.Warcinfo, gowarc.Metadata:
		b.AddWarcHeader(gowarc.ContentType, "application/warc-fields")
	}
	b.Write(r.Body)
	rec, _, err := b.Build()
	return rec, err
}

func statusText(code int) string {
	switch code {
	case 200:
		return "OK"
	case 301:
		return "Moved Permanently"
	case 404:
		return "Not Found"
	}
	return "Status"
}

// Page is a fixture page archived at a URI.
type Page struct {
	File string // under testdata/formats
	URI  string
}

// CrawlPages are the fixture pages SampleCrawl archives.
var CrawlPages = []Page{
	{"kyiv-ledger-drones.html", "https://kyivledger.example/news/2023/06/budanov-drones"},
	{"time-element.html", "https://northline.example/2024/02/containers"},
	{"windows-1252-declared.html", "https://alpinecourier.example/zurich-talks"},
}

// SampleCrawl returns what a crawler writes for CrawlPages, read from
// fixtureDir (testdata/formats): a warcinfo record; a request and a
// response per page, the response of page brokenAt broken (none when it
// is out of range); then an image, a 404, a redirect, a metadata record,
// and a resource record of a page without article text. A reader should
// give 3 documents (2 with brokenAt in range) and pass over the rest.
func SampleCrawl(fixtureDir string, brokenAt int) ([]Record, error) {
	date := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	recs := []Record{{Type: gowarc.Warcinfo, Body: []byte("software: ingesttest\r\n")}}
	read := func(name string) ([]byte, error) { return os.ReadFile(filepath.Join(fixtureDir, name)) }
	for i, p := range CrawlPages {
		body, err := read(p.File)
		if err != nil {
			return nil, err
		}
		recs = append(recs,
			Record{Type: gowarc.Request, URI: p.URI, Date: date, Body: []byte("GET / HTTP/1.1\r\nHost: example\r\n\r\n")},
			Record{URI: p.URI, Date: date, Body: body, Broken: i == brokenAt})
	}
	noArticle, err := read("no-article.html")
	if err != nil {
		return nil, err
	}
	return append(recs,
		Record{URI: "https://kyivledger.example/logo.png", ContentType: "image/png", Body: []byte("\x89PNG\r\n\x1a\nnot really")},
		Record{URI: "https://kyivledger.example/gone", Status: 404, Body: []byte("<html><body>Not found</body></html>")},
		Record{URI: "https://kyivledger.example/", Status: 301},
		Record{Type: gowarc.Metadata, URI: "https://kyivledger.example/", Body: []byte("outlinks: 3\r\n")},
		Record{Type: gowarc.Resource, URI: "https://kyivledger.example/saved-by-hand", ContentType: "text/html", Body: noArticle},
	), nil
}

// Gzip returns data compressed as one gzip stream.
func Gzip(data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

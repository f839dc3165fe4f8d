// Package ingest turns what researchers hold (text files, JSONL, saved web
// pages, RSS and Atom feeds, WARC web archives, CSV and TSV exports, each
// possibly gzipped) into documents and runs them through extraction into a
// store: extraction on a pool of workers, writes in input order, so ids
// and the resulting graph do not depend on the number of workers.
package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/graph"
)

// Item is one document read from a source, or the reason it could not be.
// Origin says where it came from ("seed.txt", "news.jsonl:12",
// "export.csv:7" for a spreadsheet row, "feed.xml:3" for the third item,
// "crawl.warc.gz@1048576" for the WARC record at that byte offset) for
// messages; Format is the format it was read in.
type Item struct {
	Origin string
	Format Format
	Doc    graph.Document
	Err    error
	// Ignored, when set, says why this input holds no document and is
	// passed over without error: a WARC request record, a response that is
	// an image. Such items are counted by reason, not reported one by one.
	Ignored string
}

// ReadOptions tune how files are read.
type ReadOptions struct {
	// CSV names the columns of CSV and TSV files; columns it leaves empty
	// are guessed from each file's header (see CSVColumns).
	CSV CSVColumns
	// Note, when set, is told what a reader chose by itself (the CSV
	// columns it guessed), for the user to check.
	Note func(msg string)
	// BytesRead, when set, is called with the number of bytes read from
	// files as they are read (compressed bytes for a gzip file), for
	// progress; it is called from the reading goroutine.
	BytesRead func(n int)
}

// maxLineBytes bounds one JSONL line: a document at the size limit plus
// room for its JSON escaping and other fields. A longer line is reported
// as too large and reading goes on with the next.
const maxLineBytes = 2*graph.MaxDocumentBytes + 64<<10

// Files expands paths (files or folders, walked recursively, in lexical
// order) into the files ingest reads: in a folder, the files with one of
// Extensions (or that and .gz); a file named directly, whatever its name,
// when DetectFormat knows its content. It returns an error naming the path
// when one cannot be read or holds no format ingest reads.
func Files(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", p, err)
		}
		if !info.IsDir() {
			if _, ok := formatOfExt[baseExt(p)]; !ok {
				if err := checkFormat(p); err != nil {
					return nil, fmt.Errorf("%s: %w", p, err)
				}
			}
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("cannot read %s: %w", path, err)
			}
			if _, ok := formatOfExt[baseExt(path)]; ok && !d.IsDir() {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// checkFormat returns an error when the file at path holds no format
// ingest reads.
func checkFormat(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot open: %w", err)
	}
	defer f.Close()
	r, _, err := gunzipped(bufio.NewReader(f))
	if err != nil {
		return err
	}
	head, _ := bufio.NewReaderSize(r, sniffBytes).Peek(sniffBytes)
	_, err = DetectFormat(path, head)
	return err
}

// FileSource reads files in the order given (see ReadFile).
func FileSource(files []string, opt ReadOptions) Source {
	return func(ctx context.Context, yield func(Item) error) error {
		for _, f := range files {
			if err := ReadFile(ctx, f, opt, yield); err != nil {
				return err
			}
		}
		return nil
	}
}

// ReadFile reads the documents in one file, in the format its name and
// content give (see DetectFormat), through gzip when it is compressed. It
// calls yield for each document, and for each input that could not be
// read, with its reason (a file that cannot be opened or is cut short
// ends with such an item, after the documents read before the damage);
// it stops early when yield returns an error, which it returns.
func ReadFile(ctx context.Context, path string, opt ReadOptions, yield func(Item) error) error {
	fail := func(format Format, err error) error {
		return yield(Item{Origin: path, Format: format, Err: graph.Wrap(graph.Invalid, "ingest.ReadFile", err.Error(), err)})
	}
	f, err := os.Open(path)
	if err != nil {
		return fail(Format(""), fmt.Errorf("cannot open: %w", err))
	}
	defer f.Close()
	var raw io.Reader = f
	if opt.BytesRead != nil {
		raw = countingReader{r: f, n: opt.BytesRead}
	}
	r, compressed, err := gunzipped(bufio.NewReaderSize(raw, 64<<10))
	if err != nil {
		return fail(Format(""), err)
	}
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(sniffBytes)
	format, err := DetectFormat(path, head)
	if err != nil {
		return fail(Format(""), err)
	}
	if format == FormatWARC && compressed {
		// A .warc.gz is usually one gzip member per record; reading it as
		// such lets a damaged record be skipped and the rest read.
		if perRecord, err := gzipPerRecord(f); err == nil && perRecord {
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				return fail(format, fmt.Errorf("cannot read: %w", err))
			}
			return readWARC(ctx, raw, path, true, func(it Item) error {
				it.Format = FormatWARC
				return yield(it)
			})
		}
	}
	return ReadStream(ctx, br, Input{Name: path, Format: format}, opt, yield)
}

// Input describes a stream of one format to read (see ReadStream).
type Input struct {
	// Name is used in origins and messages (a file name, "request").
	Name   string
	Format Format
	// ContentType is the media type the stream came with, if any; for a
	// web page its charset wins over the page's own declaration.
	ContentType string
	// URL is where a web page was fetched from, if known (see WebPage).
	URL string
}

// ReadStream reads the documents of one stream in the format in says, as
// ReadFile reads a file of that format, but as it is: a gzip stream is not
// uncompressed, so that what the caller bounded stays bounded (POST
// /documents).
func ReadStream(ctx context.Context, r io.Reader, in Input, opt ReadOptions, yield func(Item) error) error {
	tag := func(it Item) error {
		it.Format = in.Format
		return yield(it)
	}
	switch in.Format {
	case FormatJSONL:
		return ReadJSONL(ctx, r, in.Name, tag)
	case FormatHTML:
		return readHTML(r, in, tag)
	case FormatFeed:
		return readFeed(ctx, r, in.Name, tag)
	case FormatWARC:
		return readWARC(ctx, r, in.Name, false, tag)
	case FormatCSV:
		return readCSV(ctx, r, in.Name, opt, tag)
	}
	return readText(r, in.Name, tag)
}

// readText reads a text file as one document (see TextDocument).
func readText(r io.Reader, name string, yield func(Item) error) error {
	data, err := readAllLimited(r, graph.MaxDocumentBytes)
	if err != nil {
		return yield(Item{Origin: name, Err: err})
	}
	return yield(Item{Origin: name, Doc: TextDocument(string(data))})
}

// readHTML reads a web page as one document (see HTMLDocument).
func readHTML(r io.Reader, in Input, yield func(Item) error) error {
	raw, err := readAllLimited(r, MaxPageBytes)
	if err != nil {
		return yield(Item{Origin: in.Name, Err: err})
	}
	doc, err := HTMLDocument(WebPage{Raw: raw, ContentType: in.ContentType, URL: in.URL})
	return yield(Item{Origin: in.Name, Doc: doc, Err: err})
}

// readAllLimited reads r to its end; it returns a TooLarge error when r
// holds more than limit bytes, and an Invalid error that says what broke
// when reading fails (a truncated gzip file).
func readAllLimited(r io.Reader, limit int64) ([]byte, error) {
	const op = "ingest.read"
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, graph.Errorf(graph.Invalid, op, "cannot read: %v", err)
	}
	if int64(len(data)) > limit {
		return nil, graph.Errorf(graph.TooLarge, op, "the file is over the limit of %s (%d bytes)", ByteSize(limit), limit)
	}
	return data, nil
}

// TextDocument makes a document of a plain text: an optional first-line
// header "date YYYY-MM[-DD]" gives its date, its first line (shortened)
// its title, and its content hash its id, so the same text is the same
// document however it is named. Validation is left to extraction.
func TextDocument(text string) graph.Document {
	date, body, _ := extract.SplitDateHeader(text)
	title, _, _ := strings.Cut(strings.TrimSpace(body), "\n")
	return graph.Document{ID: graph.DocumentIDFromText(body), Title: shorten(strings.TrimSpace(title), 120), Date: date, Text: body}
}

// ReadJSONL reads one document per line of r; name is used in origins
// ("name:LINE"). A line that does not parse, lacks text, or is too long
// yields an Item with Err set, and reading goes on with the next line.
func ReadJSONL(ctx context.Context, r io.Reader, name string, yield func(Item) error) error {
	br := bufio.NewReaderSize(r, 64<<10)
	for line := 1; ; line++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		raw, tooLong, err := readLine(br)
		if err == io.EOF && len(raw) == 0 && !tooLong {
			return nil
		}
		if err != nil && err != io.EOF {
			return yield(Item{Origin: fmt.Sprintf("%s:%d", name, line), Err: fmt.Errorf("cannot read: %w", err)})
		}
		item := Item{Origin: fmt.Sprintf("%s:%d", name, line)}
		raw = bytes.TrimSpace(raw)
		switch {
		case tooLong:
			item.Err = graph.Errorf(graph.TooLarge, "ingest.ReadJSONL", "line is longer than %d bytes (documents are limited to %d bytes)", maxLineBytes, graph.MaxDocumentBytes)
		case len(raw) == 0:
			continue
		default:
			item.Doc, item.Err = parseJSONDocument(raw)
		}
		if yerr := yield(item); yerr != nil {
			return yerr
		}
		if err == io.EOF {
			return nil
		}
	}
}

func parseJSONDocument(raw []byte) (graph.Document, error) {
	const op = "ingest.ReadJSONL"
	if !utf8.Valid(raw) {
		return graph.Document{}, graph.Errorf(graph.Invalid, op, "line is not valid UTF-8")
	}
	var in DocumentInput
	if err := json.Unmarshal(raw, &in); err != nil {
		return graph.Document{}, graph.Errorf(graph.Invalid, op, "line is not a JSON object: %v", err)
	}
	// Unlike a POST, a JSONL line must name its document: extract's output
	// lines carry the same id, and eval matches them to gold by it.
	if strings.TrimSpace(in.ID) == "" {
		return graph.Document{}, graph.Errorf(graph.Invalid, op, `line has no "id"`)
	}
	return in.Document()
}

// readLine returns the next line without its newline; tooLong is true (and
// the rest of the line skipped) when it exceeds maxLineBytes.
func readLine(br *bufio.Reader) (line []byte, tooLong bool, err error) {
	for {
		chunk, isPrefix, err := br.ReadLine()
		if !tooLong {
			line = append(line, chunk...)
			if len(line) > maxLineBytes {
				tooLong, line = true, nil
			}
		}
		if err != nil || !isPrefix {
			return line, tooLong, err
		}
	}
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

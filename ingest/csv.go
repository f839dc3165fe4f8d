package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/transform"

	"github.com/entitygraph/entitygraph/graph"
)

// CSVColumns names the columns of a CSV or TSV file that hold each field
// of a document, by their header (in any case). Text is required; the
// others are optional. A field left empty is guessed from the header:
// the first column whose name, in lower case and without spaces,
// underscores and hyphens, is one of csvGuesses' names for it.
type CSVColumns struct {
	Text, Title, Date, Source, URL, ID string
}

// csvField is one field of a document that a column can hold.
type csvField struct {
	name    string // as the flags and messages call it
	guesses []string
	pick    func(*CSVColumns) *string
}

// csvFields lists the fields in the order they are reported, with the
// header names each is guessed from, most telling first.
var csvFields = []csvField{
	{"text", []string{"text", "body", "content", "fulltext", "articletext", "articlebody", "bodytext", "maintext", "story", "article"},
		func(c *CSVColumns) *string { return &c.Text }},
	{"title", []string{"title", "headline", "heading", "articletitle"},
		func(c *CSVColumns) *string { return &c.Title }},
	{"date", []string{"date", "published", "publishdate", "publisheddate", "publishedat", "pubdate", "publicationdate", "datepublished", "datetime", "timestamp", "time", "created", "createdat"},
		func(c *CSVColumns) *string { return &c.Date }},
	{"source", []string{"source", "outlet", "publisher", "publication", "sourcename", "media", "medianame", "mediaoutlet", "newspaper", "site", "sitename", "domain"},
		func(c *CSVColumns) *string { return &c.Source }},
	{"url", []string{"url", "link", "permalink", "articleurl", "sourceurl", "href"},
		func(c *CSVColumns) *string { return &c.URL }},
	{"id", []string{"id", "docid", "documentid", "articleid", "storyid", "guid", "uuid"},
		func(c *CSVColumns) *string { return &c.ID }},
}

// readCSV reads a CSV or TSV file with a header row into one document per
// row. Fields may be quoted and hold newlines and delimiters; the
// delimiter is a tab for a .tsv file and otherwise whichever of comma,
// semicolon and tab the header row uses most. A row is numbered as a
// spreadsheet shows it (the header is row 1), and reported as "FILE:ROW"
// when it is bad: a row with more or fewer fields than the header, a
// quote out of place, an empty text, a date or url that cannot be read.
// The other rows are read. A file whose header lacks a named column, or
// has no text column to guess, is reported once and yields nothing. Which
// columns it reads is told to opt.Note before the first row.
func readCSV(ctx context.Context, r io.Reader, name string, opt ReadOptions, yield func(Item) error) error {
	const op = "ingest.readCSV"
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(br.Size())
	text := br
	var decoded string
	if !validUTF8Prefix(head) {
		// Spreadsheets save CSV in the system's legacy encoding
		// (windows-1252 for Excel in western Europe and the Americas).
		enc, encName, err := detectEncoding(head, false)
		if err != nil {
			return yield(Item{Origin: name, Err: graph.Errorf(graph.Invalid, op, "the file is not UTF-8 and %v: save it as UTF-8", err)})
		}
		text = bufio.NewReaderSize(transform.NewReader(br, enc.NewDecoder()), 64<<10)
		decoded = fmt.Sprintf("decoded from %s (detected), ", encName)
	}
	cr := csv.NewReader(text)
	cr.Comma = csvDelimiter(name, text)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = errors.New("the file is empty")
		}
		return yield(Item{Origin: name, Err: graph.Errorf(graph.Invalid, op, "cannot read the header row: %v", err)})
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	cols, note, err := csvColumnIndexes(header, opt.CSV)
	if err != nil {
		return yield(Item{Origin: name, Err: graph.Errorf(graph.Invalid, op, "%v", err)})
	}
	if opt.Note != nil {
		opt.Note(name + ": " + decoded + note)
	}
	for row := 2; ; row++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		record, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		line := 0
		if len(record) > 0 {
			line, _ = cr.FieldPos(0)
		}
		item := Item{Origin: fmt.Sprintf("%s:%d", name, row)}
		var perr *csv.ParseError
		switch {
		case errors.As(err, &perr):
			item.Err = graph.Errorf(graph.Invalid, op, "row %d (line %d) cannot be read: %v", row, perr.Line, perr.Err)
		case err != nil:
			// The stream itself failed (a truncated gzip file): nothing
			// after this can be read.
			return yield(Item{Origin: item.Origin, Err: graph.Errorf(graph.Invalid, op, "cannot read on from row %d: %v", row, err)})
		case len(record) != len(header):
			item.Err = graph.Errorf(graph.Invalid, op, "row %d (line %d) has %d fields, the header %d: a delimiter inside an unquoted field?", row, line, len(record), len(header))
		default:
			item.Doc, item.Err = csvDocument(record, cols)
		}
		if err := yield(item); err != nil {
			return err
		}
	}
}

// validUTF8Prefix reports whether head is UTF-8, but for a rune cut at
// its end.
func validUTF8Prefix(head []byte) bool {
	for i := len(head) - 1; i >= 0 && i > len(head)-utf8.UTFMax; i-- {
		if utf8.RuneStart(head[i]) {
			if !utf8.FullRune(head[i:]) {
				head = head[:i]
			}
			break
		}
	}
	return utf8.Valid(head)
}

// csvDelimiter returns the delimiter of a CSV or TSV file: a tab for .tsv,
// otherwise the one of comma, semicolon and tab that the first line holds
// most of (comma when it holds none).
func csvDelimiter(name string, br *bufio.Reader) rune {
	if baseExt(name) == ".tsv" {
		return '\t'
	}
	head, _ := br.Peek(br.Size())
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		head = head[:i]
	}
	best, most := ',', 0
	for _, d := range []rune{',', ';', '\t'} {
		if n := bytes.Count(head, []byte(string(d))); n > most {
			best, most = d, n
		}
	}
	return best
}

// csvColumnIndexes returns the index of the column of each field (-1 for
// none) in the order of csvFields, and a sentence saying which columns are
// read. It returns an error naming the columns there are when a named
// column is not in the header, or no text column is named or guessed.
func csvColumnIndexes(header []string, named CSVColumns) ([]int, string, error) {
	index := func(name string) int {
		for i, h := range header {
			if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(name)) {
				return i
			}
		}
		return -1
	}
	norm := func(s string) string {
		return strings.NewReplacer(" ", "", "_", "", "-", "").Replace(strings.ToLower(strings.TrimSpace(s)))
	}
	cols := make([]int, len(csvFields))
	var parts []string
	for k, f := range csvFields {
		cols[k] = -1
		if want := *f.pick(&named); want != "" {
			if cols[k] = index(want); cols[k] < 0 {
				return nil, "", fmt.Errorf("the header has no column %q for the %s (its columns: %s)", want, f.name, strings.Join(header, ", "))
			}
			parts = append(parts, fmt.Sprintf("%s from %q", f.name, header[cols[k]]))
			continue
		}
	guess:
		for _, g := range f.guesses {
			for i, h := range header {
				if norm(h) == g && !slices.Contains(cols[:k], i) {
					cols[k] = i
					break guess
				}
			}
		}
		if cols[k] >= 0 {
			parts = append(parts, fmt.Sprintf("%s from %q (guessed)", f.name, header[cols[k]]))
		} else {
			parts = append(parts, "no "+f.name)
		}
	}
	if cols[0] < 0 {
		return nil, "", fmt.Errorf("no column of the header looks like the text (its columns: %s): name it with --csv-text", strings.Join(header, ", "))
	}
	return cols, "reading " + strings.Join(parts, ", "), nil
}

// csvDocument makes the document of one row; cols are the column indexes
// of csvFields' fields. A row without an id is the document of its url
// when it has one, else of its text.
func csvDocument(record []string, cols []int) (graph.Document, error) {
	get := func(k int) string {
		if cols[k] < 0 {
			return ""
		}
		return record[cols[k]]
	}
	in := DocumentInput{Text: get(0), Title: get(1), Source: get(3), URL: get(4), ID: get(5)}
	if strings.TrimSpace(in.Text) == "" {
		return graph.Document{}, graph.Errorf(graph.Invalid, "ingest.readCSV", "the text column is empty")
	}
	date, err := parseDate(get(2))
	if err != nil {
		return graph.Document{}, err
	}
	in.Date = date
	if strings.TrimSpace(in.ID) == "" && strings.TrimSpace(in.URL) != "" {
		in.ID = graph.DocumentIDFromURL(strings.TrimSpace(in.URL))
	}
	return in.Document()
}

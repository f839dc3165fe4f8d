// Package ingest turns files, folders and JSONL streams into documents and
// runs them through extraction into a store: extraction on a pool of
// workers, writes one document at a time in input order, so ids and the
// resulting graph do not depend on the number of workers.
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
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/graph"
)

// Item is one document read from a source, or the reason it could not be.
// Origin says where it came from ("seed.txt", "news.jsonl:12") for messages.
type Item struct {
	Origin string
	Doc    graph.Document
	Err    error
}

// Extensions are the file endings ingest reads; other files in a folder are
// passed over, and naming one directly is an error.
var Extensions = []string{".txt", ".md", ".jsonl"}

// maxLineBytes bounds one JSONL line: a document at the size limit plus
// room for its JSON escaping and other fields. A longer line is reported
// as too large and reading goes on with the next.
const maxLineBytes = 2*graph.MaxDocumentBytes + 64<<10

// Files expands paths (files or folders, walked recursively, in lexical
// order) into the files ingest reads. It returns an error naming the path
// when one cannot be read or is a file of another type.
func Files(paths []string) ([]string, error) {
	var files []string
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", p, err)
		}
		if !info.IsDir() {
			if !slices.Contains(Extensions, strings.ToLower(filepath.Ext(p))) {
				return nil, fmt.Errorf("%s: not a .txt, .md or .jsonl file", p)
			}
			files = append(files, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fmt.Errorf("cannot read %s: %w", path, err)
			}
			if !d.IsDir() && slices.Contains(Extensions, strings.ToLower(filepath.Ext(path))) {
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

// ReadFile reads the documents in one file: a .jsonl file gives one per
// line, any other file one document. It calls yield for each, and stops
// early when yield returns an error, which it returns.
func ReadFile(ctx context.Context, path string, yield func(Item) error) error {
	if strings.EqualFold(filepath.Ext(path), ".jsonl") {
		f, err := os.Open(path)
		if err != nil {
			return yield(Item{Origin: path, Err: fmt.Errorf("cannot open: %w", err)})
		}
		defer f.Close()
		return ReadJSONL(ctx, f, path, yield)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return yield(Item{Origin: path, Err: fmt.Errorf("cannot read: %w", err)})
	}
	return yield(Item{Origin: path, Doc: TextDocument(string(data))})
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

// CountDocuments estimates how many documents files hold, for a progress
// bar: one per text file, one per non-empty line of a JSONL file. A file
// that cannot be read counts one (it will be reported as skipped).
func CountDocuments(files []string) int {
	n := 0
	for _, path := range files {
		if !strings.EqualFold(filepath.Ext(path), ".jsonl") {
			n++
			continue
		}
		f, err := os.Open(path)
		if err != nil {
			n++
			continue
		}
		br := bufio.NewReaderSize(f, 64<<10)
		for {
			line, _, err := readLine(br)
			if len(bytes.TrimSpace(line)) > 0 {
				n++
			}
			if err != nil {
				break
			}
		}
		f.Close()
	}
	return n
}

package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Format is a kind of input ingest reads.
type Format string

// The formats ingest reads. A file's format comes from its name (after a
// .gz ending) and, where the name does not say, from its first bytes (see
// DetectFormat).
const (
	FormatText  Format = "text"  // .txt, .md: one document
	FormatJSONL Format = "jsonl" // one document per line
	FormatHTML  Format = "html"  // a saved web page: one document
	FormatFeed  Format = "feed"  // RSS or Atom: one document per item
	FormatWARC  Format = "warc"  // a web archive: one document per HTML response
	FormatCSV   Format = "csv"   // CSV or TSV with a header row: one document per row
)

// formatOfExt maps the file endings ingest reads to their formats. ".xml"
// is a feed when its content is one (see DetectFormat).
var formatOfExt = map[string]Format{
	".txt":   FormatText,
	".md":    FormatText,
	".jsonl": FormatJSONL,
	".html":  FormatHTML,
	".htm":   FormatHTML,
	".xhtml": FormatHTML,
	".rss":   FormatFeed,
	".atom":  FormatFeed,
	".xml":   FormatFeed,
	".warc":  FormatWARC,
	".csv":   FormatCSV,
	".tsv":   FormatCSV,
}

// Extensions are the file endings ingest reads in a folder, each also with
// .gz after it; other files in a folder are passed over. A file named
// directly is read whatever its name if its content is of a known format.
var Extensions = []string{".txt", ".md", ".jsonl", ".html", ".htm", ".xhtml", ".rss", ".atom", ".xml", ".warc", ".csv", ".tsv"}

// baseExt returns the file ending that says a file's format: the one
// before .gz for a compressed file ("crawl.warc.gz" → ".warc"), in lower
// case.
func baseExt(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == ".gz" {
		ext = strings.ToLower(filepath.Ext(strings.TrimSuffix(name, filepath.Ext(name))))
	}
	return ext
}

// sniffBytes is how much of a file DetectFormat looks at.
const sniffBytes = 1024

// DetectFormat returns the format of a file from its name and its first
// bytes (head, already uncompressed): a known ending decides, except that
// ".xml" must hold a feed; otherwise the content does: "WARC/1." starts a
// web archive, an <rss>, <feed> or <rdf:RDF> root a feed, a doctype or
// <html> a page (a page saved as "article.php"), a JSON object a JSONL
// file, and readable text a text file when the name has no ending (an
// ending such as .pdf or .docx says it is a document of another kind). It
// returns an error saying what the file looks like when it is none of
// these.
func DetectFormat(name string, head []byte) (Format, error) {
	ext := baseExt(name)
	f, known := formatOfExt[ext]
	if known && ext != ".xml" {
		return f, nil
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	lower := bytes.ToLower(trimmed)
	switch {
	case bytes.HasPrefix(trimmed, []byte("WARC/1.")):
		return FormatWARC, nil
	case isFeed(lower):
		return FormatFeed, nil
	case ext == ".xml":
		return "", errors.New("an XML file that is not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> element at its start)")
	case bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) ||
		bytes.HasPrefix(lower, []byte("<head")) || bytes.HasPrefix(lower, []byte("<body")):
		return FormatHTML, nil
	case bytes.HasPrefix(trimmed, []byte("{")):
		return FormatJSONL, nil
	case !looksLikeText(head):
		return "", errors.New("not a format ingest reads (text, JSONL, HTML, RSS or Atom, WARC, CSV or TSV): it looks binary")
	case ext == "":
		return FormatText, nil
	}
	return "", fmt.Errorf("a %s file is not read as text unless it is named .txt (its content is not HTML, a feed, a WARC or JSONL)", ext)
}

// isFeed reports whether the lower-cased start of a file is an RSS or Atom
// document: its first element, after an XML declaration, comments and
// processing instructions, is rss, feed or rdf:rdf.
func isFeed(lower []byte) bool {
	for _, root := range []string{"<rss", "<feed", "<rdf:rdf"} {
		i := bytes.Index(lower, []byte(root))
		if i < 0 {
			continue
		}
		before := lower[:i]
		// Only declarations, comments and processing instructions come
		// before the root: no other element opens.
		if bytes.Count(before, []byte("<")) == bytes.Count(before, []byte("<?"))+bytes.Count(before, []byte("<!")) {
			return true
		}
	}
	return false
}

// looksLikeText reports whether head is UTF-8 text without NUL bytes (a
// rune cut at the end of head is allowed).
func looksLikeText(head []byte) bool {
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	for len(head) > 0 {
		r, size := utf8.DecodeRune(head)
		if r == utf8.RuneError && size == 1 {
			return len(head) < utf8.UTFMax && !utf8.FullRune(head)
		}
		head = head[size:]
	}
	return true
}

// isGzip reports whether head starts with gzip's magic bytes.
func isGzip(head []byte) bool { return len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b }

// gunzipped returns r itself, or a reader of its uncompressed content when
// it starts with gzip's magic bytes (concatenated gzip members are read as
// one stream). A truncated or damaged stream ends with an error that says
// so and how far it got.
func gunzipped(r *bufio.Reader) (io.Reader, bool, error) {
	head, _ := r.Peek(2)
	if !isGzip(head) {
		return r, false, nil
	}
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, true, fmt.Errorf("damaged gzip header: %w", err)
	}
	return &gzipReader{r: zr}, true, nil
}

// gzipReader names gzip's read errors for a person: a cut file, or
// damaged data, and after how many uncompressed bytes.
type gzipReader struct {
	r *gzip.Reader
	n int64
}

func (g *gzipReader) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	g.n += int64(n)
	switch {
	case err == nil || err == io.EOF:
		return n, err
	case errors.Is(err, io.ErrUnexpectedEOF):
		return n, fmt.Errorf("the gzip file is truncated: it ends after %d uncompressed bytes", g.n)
	default:
		return n, fmt.Errorf("the gzip file is damaged after %d uncompressed bytes: %w", g.n, err)
	}
}

// countingReader counts the bytes read through it into *n, for progress.
type countingReader struct {
	r io.Reader
	n func(int)
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 {
		c.n(n)
	}
	return n, err
}

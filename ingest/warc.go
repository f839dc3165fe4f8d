package ingest

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/nlnwa/gowarc/v3"

	"github.com/entitygraph/entitygraph/graph"
)

// readWARC reads a WARC file (with nlnwa/gowarc) into one document per
// HTML page it archived: each response record of a 2xx HTTP response
// whose payload is HTML, and each resource record of type text/html,
// through HTMLDocument, with the record's target URI as the document's url
// and id, and its WARC-Date as the date when the page gives none. Other
// records (requests, metadata, revisits, images, redirects) are passed
// over and counted by kind (Item.Ignored). A broken record is reported
// with its byte offset and skipped, and reading goes on with the next
// record the reader finds. fileOffsets says whether r is the file as
// stored (offsets are the file's, as WARC indexes give them) or its
// uncompressed content (offsets are then in the uncompressed archive).
func readWARC(ctx context.Context, r io.Reader, name string, fileOffsets bool, yield func(Item) error) error {
	wr, err := gowarc.NewWarcFileReaderFromStream(r, 0)
	if err != nil {
		return yield(Item{Origin: name, Err: graph.Errorf(graph.Invalid, "ingest.readWARC", "cannot read the WARC file: %v", err)})
	}
	defer wr.Close()
	where := "at byte %d"
	if !fileOffsets && strings.HasSuffix(strings.ToLower(name), ".gz") {
		where = "at byte %d of the uncompressed archive"
	}
	lastBroken := int64(-1)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		rec, err := wr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		origin := fmt.Sprintf("%s@%d", name, rec.Offset)
		if err != nil || rec.WarcRecord.Type().String() == "unknown" {
			msg := brokenRecordMessage(rec, err)
			rec.Close()
			stuck := rec.Offset <= lastBroken
			lastBroken = rec.Offset
			it := Item{Origin: origin, Err: graph.Errorf(graph.Invalid, "ingest.readWARC", "broken WARC record "+where+": %s", rec.Offset, msg)}
			// A reader that cannot get past the damage (a gzip stream
			// broken for good) reports it once and stops.
			if err := yield(it); err != nil || stuck {
				return err
			}
			continue
		}
		it := warcItem(rec)
		rec.Close()
		it.Origin = origin
		if err := yield(it); err != nil {
			return err
		}
	}
}

// brokenRecordMessage says what is wrong with a record the reader could
// not make sense of.
func brokenRecordMessage(rec gowarc.Record, err error) string {
	if err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return "the file ends inside it (truncated)"
		}
		return err.Error()
	}
	for _, v := range rec.Validation {
		if s := v.Error(); !strings.Contains(s, "after expected offset") {
			return s
		}
	}
	return "it has no valid WARC-Type"
}

// warcItem turns one well-formed record into a document, a reason to pass
// it over, or the reason its page could not be read.
func warcItem(rec gowarc.Record) Item {
	wr := rec.WarcRecord
	header := wr.WarcHeader()
	uri := strings.Trim(header.Get(gowarc.WarcTargetURI), "<> ")
	var payload io.Reader
	var contentType, encoding string
	switch wr.Type() {
	case gowarc.Response:
		block, ok := wr.Block().(gowarc.HttpResponseBlock)
		if !ok {
			return Item{Ignored: "response records that are not HTTP"}
		}
		if code := block.HttpStatusCode(); code < 200 || code > 299 {
			return Item{Ignored: fmt.Sprintf("HTTP %dxx responses", code/100)}
		}
		h := block.HttpHeader()
		if h != nil {
			contentType, encoding = h.Get("Content-Type"), strings.ToLower(strings.TrimSpace(h.Get("Content-Encoding")))
		}
		var err error
		if payload, err = block.PayloadBytes(); err != nil {
			return Item{Err: graph.Errorf(graph.Invalid, "ingest.readWARC", "%s: cannot read the response: %v", uri, err)}
		}
	case gowarc.Resource:
		contentType = header.Get(gowarc.ContentType)
		var err error
		if payload, err = wr.Block().RawBytes(); err != nil {
			return Item{Err: graph.Errorf(graph.Invalid, "ingest.readWARC", "%s: cannot read the resource: %v", uri, err)}
		}
	default:
		return Item{Ignored: wr.Type().String() + " records"}
	}
	raw, err := decodedPayload(payload, encoding)
	if err != nil {
		return Item{Err: graph.Wrap(graph.ErrorCode(err), "ingest.readWARC", uri, err)}
	}
	if contentType == "" {
		contentType = http.DetectContentType(raw)
	}
	if mt, _, _ := mime.ParseMediaType(contentType); mt != "text/html" && mt != "application/xhtml+xml" {
		if mt == "" {
			mt = "unknown type"
		}
		return Item{Ignored: "responses of " + mt}
	}
	page := WebPage{Raw: raw, ContentType: contentType}
	if IsWebURL(uri) {
		page.URL = uri
	}
	if t, err := wr.Date(); err == nil {
		page.Date = t.UTC().Format("2006-01-02")
	}
	doc, err := HTMLDocument(page)
	if err != nil {
		return Item{Err: graph.Wrap(graph.ErrorCode(err), "ingest.readWARC", uri+": "+graph.ErrorMessage(err), err)}
	}
	return Item{Doc: doc}
}

// decodedPayload reads an HTTP payload, undoing the Content-Encoding a
// crawler may have stored it with. It returns a TooLarge error for a
// payload over MaxPageBytes and an Invalid error for one it cannot
// decode.
func decodedPayload(r io.Reader, encoding string) ([]byte, error) {
	switch encoding {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(bufio.NewReader(r))
		if err != nil {
			return nil, graph.Errorf(graph.Invalid, "ingest.readWARC", "the response says Content-Encoding gzip but is not gzip: %v", err)
		}
		r = zr
	case "deflate":
		r = flate.NewReader(r)
	default:
		return nil, graph.Errorf(graph.Invalid, "ingest.readWARC", "the response is stored with Content-Encoding %s, which ingest does not decode", strconv.Quote(encoding))
	}
	return readAllLimited(r, MaxPageBytes)
}

// gzipPerRecord reports whether the gzip file r is compressed one WARC
// record per gzip member, as the WARC standard recommends, by reading its
// first record: the first member must end right after it. It leaves r at
// an undefined position.
func gzipPerRecord(r io.ReadSeeker) (bool, error) {
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return false, err
	}
	zr, err := gzip.NewReader(bufio.NewReader(r))
	if err != nil {
		return false, err
	}
	zr.Multistream(false)
	br := bufio.NewReader(zr)
	length := int64(-1)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return false, err
		}
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		if k, v, ok := strings.Cut(line, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "Content-Length") {
			if length, err = strconv.ParseInt(strings.TrimSpace(v), 10, 64); err != nil {
				return false, err
			}
		}
	}
	if length < 0 {
		return false, errors.New("the first record has no Content-Length")
	}
	// The block, then the record's closing CRLF CRLF: then the member ends.
	if _, err := io.CopyN(io.Discard, br, length+4); err != nil {
		return false, err
	}
	_, err = br.ReadByte()
	return errors.Is(err, io.EOF), nil
}

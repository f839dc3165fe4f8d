package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/ingest"
	"github.com/gin-gonic/gin"
)

// maxBodyBytes bounds the body of POST /documents: a text of
// MaxDocumentBytes may grow when JSON escapes it (quotes, newlines,
// control characters), and the other fields are short, so twice the text
// limit lets every acceptable text through while stopping a runaway upload
// early. The decoded text is then held to MaxDocumentBytes itself.
const maxBodyBytes = 2 * graph.MaxDocumentBytes

// documents serves GET /documents?page_size=&page_token=.
func (s *server) documents(c *gin.Context) error {
	page, err := s.pageParam(c, "documents")
	if err != nil {
		return err
	}
	res, err := s.store.Documents(c.Request.Context(), graph.DocumentQuery{Page: page})
	if err != nil {
		return err
	}
	res.NextPageToken = s.pageTokens.wrap(c, "documents", res.NextPageToken)
	res.Documents = nonNil(res.Documents)
	c.JSON(http.StatusOK, res)
	return nil
}

// document serves GET /documents/{id}, with the document's text.
func (s *server) document(c *gin.Context) error {
	d, err := s.store.Document(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, d)
	return nil
}

// createDocument serves POST /documents: it reads the body by its
// Content-Type (a JSON document, a web page, a feed, a CSV file; see
// postedFormats), and runs its documents through the one ingest pipeline
// (ingest.IntoStore), as `entitygraph ingest` does, holding one of the
// server's extraction slots for each extraction. A JSON document or a page
// is answered with its WriteResult, 201 and a Location when the store
// changed, 200 when it already held exactly this; a feed or a CSV file
// with an ingestResult, 201 when any document changed the store, 200
// otherwise, and the problem of its first document when none could be
// read or extracted.
func (s *server) createDocument(c *gin.Context) error {
	const op = "api.createDocument"
	if s.extractor == nil {
		return graph.Errorf(graph.Unavailable, op, "this server does not extract documents")
	}
	format, contentType, other := postedFormat(c.Request)
	var src ingest.Source
	var notes []string
	if other {
		var err error
		if src, err = postedSource(c, format, contentType, &notes); err != nil {
			return err
		}
	} else {
		doc, err := readDocument(c.Writer, c.Request)
		if err != nil {
			return err
		}
		format = ingest.FormatJSONL
		src = func(ctx context.Context, yield func(ingest.Item) error) error {
			return yield(ingest.Item{Origin: "request", Format: format, Doc: doc})
		}
	}
	var results []graph.WriteResult
	var errs []error
	sum, err := ingest.IntoStore(c.Request.Context(), s.store, meteredExtractor{s.extractor, s.metrics}, src, ingest.Options{
		Slots: s.extracting,
		Done: func(_ ingest.Item, res graph.WriteResult, err error) {
			if err == nil {
				results = append(results, res)
				result := "written"
				if res.Unchanged {
					result = "unchanged"
				}
				s.metrics.documentsIngested.WithLabelValues(result).Inc()
			}
			errs = append(errs, err)
		},
	})
	if err != nil {
		// The wrapped errors keep the cause's code and user-facing
		// message: a store that is down answers 503.
		return graph.Wrap(graph.Internal, op, "storing the documents", err)
	}
	if len(errs) == 0 {
		return graph.Errorf(graph.Invalid, op, "the request body holds no document")
	}
	if format == ingest.FormatJSONL || format == ingest.FormatHTML || sum.Written == 0 {
		if errs[0] != nil {
			// The extractor's "not UTF-8" or "over the limit" reaches the
			// client as a 400 or 413 that says why.
			return graph.Wrap(graph.Internal, op, "reading and extracting the document", errs[0])
		}
		if format == ingest.FormatJSONL || format == ingest.FormatHTML {
			res := results[0]
			c.Header("Location", Prefix+"/documents/"+url.PathEscape(res.DocumentID))
			c.JSON(createdStatus(!res.Unchanged), res)
			return nil
		}
	}
	c.JSON(createdStatus(sum.Written > sum.Unchanged), ingestResult{
		Documents: sum.Documents, Written: sum.Written, Unchanged: sum.Unchanged, Folded: sum.Folded,
		Skipped: nonNil(sum.Skipped), Results: nonNil(results), Notes: notes,
	})
	return nil
}

// createdStatus is 201 when a write changed the store, 200 otherwise.
func createdStatus(changed bool) int {
	if changed {
		return http.StatusCreated
	}
	return http.StatusOK
}

// documentBodyTypes are the media types POST /documents reads: a JSON
// document and the formats of postedFormats. writeGuard answers any other
// with 415.
var documentBodyTypes = append([]string{"application/json"}, slices.Sorted(maps.Keys(postedFormats))...)

// readDocument decodes and checks the body of POST /documents. It returns a
// TooLarge error when the body or the text is over its limit, and an
// Invalid error naming the field at fault otherwise. A document without an
// id gets the hash of its text, so that posting a text twice is idempotent.
func readDocument(w http.ResponseWriter, r *http.Request) (graph.Document, error) {
	var in ingest.DocumentInput
	if err := decodeBody(w, r, "api.readDocument", &in); err != nil {
		return graph.Document{}, err
	}
	return in.Document()
}

// decodeBody decodes r's body, one JSON value of at most maxBodyBytes
// whose text is valid Unicode, into v; it returns the Invalid or
// TooLarge error that says what is wrong with it.
func decodeBody(w http.ResponseWriter, r *http.Request, op string, v any) error {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		return bodyError(op, err)
	}
	if err := checkJSONText(op, raw); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(v); err != nil {
		return bodyError(op, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("more than one JSON value")
		}
		return bodyError(op, err)
	}
	return nil
}

// checkJSONText returns an Invalid error naming the field of the JSON
// object raw whose name or value is not valid Unicode: invalid UTF-8 bytes,
// or an escaped lone surrogate ("\ud800"). Go's decoder would turn either
// into U+FFFD and store a text other than the one sent, while ingest
// rejects the same bytes in a file. A body that is not an object is left
// to the decoder's own error.
func checkJSONText(op string, raw []byte) error {
	if validJSONText(raw) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		if !utf8.Valid(raw) {
			return graph.Errorf(graph.Invalid, op, "the request body is not valid UTF-8")
		}
		return nil
	}
	for dec.More() {
		keyStart := dec.InputOffset()
		key, err := dec.Token()
		if err != nil {
			return nil
		}
		name, _ := key.(string)
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil
		}
		if !validJSONText(raw[keyStart:dec.InputOffset()]) {
			return graph.InvalidParam(op, name, "%s is not valid UTF-8 text", strconv.Quote(strings.ToValidUTF8(name, "\uFFFD")))
		}
	}
	return nil
}

// validJSONText reports whether a piece of JSON spells valid Unicode: its
// bytes are UTF-8 and each \u escape of a surrogate is half of a pair.
func validJSONText(raw []byte) bool {
	if !utf8.Valid(raw) {
		return false
	}
	escapeAt := func(i int) (rune, bool) { // the \uXXXX at i
		if i+6 > len(raw) || raw[i] != '\\' || raw[i+1] != 'u' {
			return 0, false
		}
		r, err := strconv.ParseUint(string(raw[i+2:i+6]), 16, 32)
		return rune(r), err == nil
	}
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		r, ok := escapeAt(i)
		if !ok {
			i++ // another escaped character, such as \\ or \"
			continue
		}
		if utf16.IsSurrogate(r) {
			low, ok := escapeAt(i + 6)
			if !ok || utf16.DecodeRune(r, low) == utf8.RuneError {
				return false
			}
			i += 6
		}
		i += 5
	}
	return true
}

// bodyError classifies a failure to decode the request body: TooLarge when
// it hit the body limit, Invalid (naming the field, when there is one)
// otherwise.
func bodyError(op string, err error) error {
	var tooBig *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		return graph.Errorf(graph.TooLarge, op, "the request body is over the limit of %s", ingest.ByteSize(tooBig.Limit))
	case errors.Is(err, io.EOF):
		return graph.Errorf(graph.Invalid, op, "the request body is empty; send a JSON object with at least \"text\"")
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return graph.InvalidParam(op, typeErr.Field, "%s must be a string", typeErr.Field)
	}
	return graph.Errorf(graph.Invalid, op, "the request body is not a JSON object with the document: %v", err)
}

package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
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

// createDocument serves POST /documents: it extracts the posted document
// and writes what it gives. The answer is the WriteResult, with 201 and a
// Location when the store changed, 200 when it already held exactly this.
func (s *server) createDocument(c *gin.Context) error {
	const op = "api.createDocument"
	if s.extractor == nil {
		return graph.Errorf(graph.Unavailable, op, "this server does not extract documents")
	}
	doc, err := readDocument(c.Writer, c.Request)
	if err != nil {
		return err
	}
	// The wrapped errors keep the cause's code and user-facing message, so
	// that the extractor's "not UTF-8" or the store's "over the limit"
	// reaches the client as a 400 or 413 that says why.
	ctx := c.Request.Context()
	select {
	case s.extracting <- struct{}{}:
		defer func() { <-s.extracting }()
	case <-ctx.Done():
		return graph.Wrap(graph.Unavailable, op, "waiting for a free extraction worker", ctx.Err())
	}
	extracted := s.metrics.extracting()
	x, err := s.extractor.Extract(ctx, doc)
	extracted()
	if err != nil {
		return graph.Wrap(graph.Internal, op, "extracting the document", err)
	}
	if x == nil {
		return graph.Errorf(graph.Internal, op, "the extractor returned nothing for document %q", doc.ID)
	}
	// A surname alone joins the one person the store knows by it, as in
	// `ingest`; two documents posted at once may each miss the other's
	// names, which a later post of either repairs.
	if err := ingest.NewSurnameResolver(s.store).Resolve(ctx, x); err != nil {
		return graph.Wrap(graph.Internal, op, "resolving names against the store", err)
	}
	res, err := s.store.WriteExtraction(ctx, x)
	if err != nil {
		return graph.Wrap(graph.Internal, op, "storing the extraction", err)
	}
	c.Header("Location", Prefix+"/documents/"+url.PathEscape(res.DocumentID))
	status, result := http.StatusCreated, "written"
	if res.Unchanged {
		status, result = http.StatusOK, "unchanged"
	}
	s.metrics.documentsIngested.WithLabelValues(result).Inc()
	c.JSON(status, res)
	return nil
}

// documentBodyTypes are the media types POST /documents reads; writeGuard
// answers any other with 415. A type added here needs its case in
// readDocument.
var documentBodyTypes = []string{"application/json"}

// readDocument decodes and checks the body of POST /documents. It returns a
// TooLarge error when the body or the text is over its limit, and an
// Invalid error naming the field at fault otherwise. A document without an
// id gets the hash of its text, so that posting a text twice is idempotent.
func readDocument(w http.ResponseWriter, r *http.Request) (graph.Document, error) {
	const op = "api.readDocument"
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		return graph.Document{}, bodyError(op, err)
	}
	if err := checkJSONText(op, raw); err != nil {
		return graph.Document{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	var in ingest.DocumentInput
	if err := dec.Decode(&in); err != nil {
		return graph.Document{}, bodyError(op, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("more than one JSON value")
		}
		return graph.Document{}, bodyError(op, err)
	}
	return in.Document()
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

package api

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode"

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

// maxDocumentIDLen bounds a caller's document id; ids are keys and URL
// segments, not content.
const maxDocumentIDLen = 256

// documentInput is the body of POST /documents. Fields it does not know
// are ignored, as they are in JSONL input, so that a line of a JSONL file
// (gold annotations and all) can be posted as it is.
type documentInput struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Source string `json:"source"`
	URL    string `json:"url"`
	Text   string `json:"text"`
}

// documents serves GET /documents?page_size=&page_token=.
func (s *server) documents(c *gin.Context) error {
	page, err := pageParam(c)
	if err != nil {
		return err
	}
	res, err := s.store.Documents(c.Request.Context(), graph.DocumentQuery{Page: page})
	if err != nil {
		return err
	}
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
	x, err := s.extractor.Extract(ctx, doc)
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
	status := http.StatusCreated
	if res.Unchanged {
		status = http.StatusOK
	}
	c.JSON(status, res)
	return nil
}

// readDocument decodes and checks the body of POST /documents. It returns a
// TooLarge error when the body or the text is over its limit, and an
// Invalid error naming the field at fault otherwise. A document without an
// id gets the hash of its text, so that posting a text twice is idempotent.
func readDocument(w http.ResponseWriter, r *http.Request) (graph.Document, error) {
	const op = "api.readDocument"
	body := http.MaxBytesReader(w, r.Body, maxBodyBytes)
	dec := json.NewDecoder(body)
	var in documentInput
	if err := dec.Decode(&in); err != nil {
		return graph.Document{}, bodyError(op, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("more than one JSON value")
		}
		return graph.Document{}, bodyError(op, err)
	}

	doc := graph.Document{
		ID:     strings.TrimSpace(in.ID),
		Title:  strings.TrimSpace(in.Title),
		Source: strings.TrimSpace(in.Source),
		URL:    strings.TrimSpace(in.URL),
		Text:   in.Text,
	}
	switch {
	case strings.TrimSpace(doc.Text) == "":
		return graph.Document{}, graph.InvalidParam(op, "text", "text is required")
	case len(doc.Text) > graph.MaxDocumentBytes:
		return graph.Document{}, &graph.Error{Code: graph.TooLarge, Op: op, Param: "text",
			Msg: "text is over the limit of " + byteSize(graph.MaxDocumentBytes)}
	}
	if doc.ID == "" {
		doc.ID = graph.DocumentIDFromText(doc.Text)
	} else if len(doc.ID) > maxDocumentIDLen || strings.IndexFunc(doc.ID, unicode.IsControl) >= 0 {
		return graph.Document{}, graph.InvalidParam(op, "id", "id must be at most %d characters, none of them control characters", maxDocumentIDLen)
	}
	var err error
	if doc.Date, err = graph.ParseDate(in.Date); err != nil {
		return graph.Document{}, graph.InvalidParam(op, "date", "%s", graph.ErrorMessage(err))
	}
	if doc.URL != "" {
		// The web app shows the url as a link: only web addresses, never
		// javascript: or data: ones.
		if u, err := url.Parse(doc.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return graph.Document{}, graph.InvalidParam(op, "url", "url must be an http or https address")
		}
	}
	return doc, nil
}

// bodyError classifies a failure to decode the request body: TooLarge when
// it hit the body limit, Invalid (naming the field, when there is one)
// otherwise.
func bodyError(op string, err error) error {
	var tooBig *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		return graph.Errorf(graph.TooLarge, op, "the request body is over the limit of %s", byteSize(tooBig.Limit))
	case errors.Is(err, io.EOF):
		return graph.Errorf(graph.Invalid, op, "the request body is empty; send a JSON object with at least \"text\"")
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return graph.InvalidParam(op, typeErr.Field, "%s must be a string", typeErr.Field)
	}
	return graph.Errorf(graph.Invalid, op, "the request body is not a JSON object with the document: %v", err)
}

// byteSize writes a limit the way people read it.
func byteSize(n int64) string {
	const mib = 1 << 20
	if n%mib == 0 {
		return strconv.FormatInt(n/mib, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

package ingest

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/entitygraph/entitygraph/graph"
)

// MaxDocumentIDLen bounds a caller's document id; ids are keys and URL
// segments, not content.
const MaxDocumentIDLen = 256

// DocumentInput is a document as callers send it: one JSONL line, or the
// body of POST /documents (the input shape of shared/eval-format.md).
// Fields it does not know are ignored, so that a gold line, annotations
// and all, can be read as it is.
type DocumentInput struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Source string `json:"source"`
	URL    string `json:"url"`
	Text   string `json:"text"`
}

// Document checks the input and returns the document, with surrounding
// space trimmed from all but the text. A missing id becomes the hash of
// the text, so that sending a text twice is idempotent. It returns a
// TooLarge error for a text over graph.MaxDocumentBytes and an Invalid
// error naming the field at fault (Param) otherwise.
func (in DocumentInput) Document() (graph.Document, error) {
	const op = "ingest.DocumentInput"
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
			Msg: "text is over the limit of " + ByteSize(graph.MaxDocumentBytes)}
	}
	if doc.ID == "" {
		doc.ID = graph.DocumentIDFromText(doc.Text)
	} else if len(doc.ID) > MaxDocumentIDLen || strings.IndexFunc(doc.ID, unicode.IsControl) >= 0 {
		return graph.Document{}, graph.InvalidParam(op, "id", "id must be at most %d characters, none of them control characters", MaxDocumentIDLen)
	}
	var err error
	if doc.Date, err = graph.ParseDate(in.Date); err != nil {
		return graph.Document{}, graph.InvalidParam(op, "date", "%s", graph.ErrorMessage(err))
	}
	if doc.URL != "" {
		// The web app shows the url as a link: only web addresses, never
		// javascript: or data: ones.
		if !IsWebURL(doc.URL) {
			return graph.Document{}, graph.InvalidParam(op, "url", "url must be an http or https address")
		}
	}
	return doc, nil
}

// ByteSize writes a limit the way people read it ("2 MiB").
func ByteSize(n int64) string {
	const mib = 1 << 20
	if n%mib == 0 {
		return strconv.FormatInt(n/mib, 10) + " MiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

package ingest

import (
	"bytes"
	"fmt"
	"mime"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"

	"github.com/entitygraph/entitygraph/graph"
)

// Charset detection of a page that declares none: chardet's best guess is
// taken when its confidence is at least minCharsetConfidence and ahead of
// the next guess by charsetMargin points. On pages written for this
// project's tests, windows-1252 English, ISO-8859-2 Polish, windows-1251
// and KOI8-R Russian and Shift_JIS Japanese were all guessed right with
// 47–100 and a margin of 25 or more; below that a guess is as likely
// wrong as right, and a page decoded wrongly gives entities with garbled
// names, so it is skipped instead.
const (
	minCharsetConfidence = 40
	charsetMargin        = 15
	// detectBytes is how much of a page chardet reads.
	detectBytes = 64 << 10
)

// decodeHTML returns a page as UTF-8 text, in the encoding the page
// declares: a byte order mark, the charset of contentType (the HTTP
// header, when the page came over HTTP) or a <meta charset> or <meta
// http-equiv="Content-Type"> in its first 1024 bytes, in that order, as
// browsers do. A page that declares none is UTF-8 when it is valid UTF-8,
// and otherwise in the encoding detected from its bytes (see
// minCharsetConfidence). It returns an Invalid error naming the encoding
// when the page declares one that is not known, and when it declares none
// and none can be detected.
func decodeHTML(raw []byte, contentType string) (string, error) {
	const op = "ingest.decodeHTML"
	enc, name, err := declaredEncoding(raw, contentType)
	if err != nil {
		return "", graph.Errorf(graph.Invalid, op, "%v", err)
	}
	if enc == nil {
		if utf8.Valid(raw) {
			return string(raw), nil
		}
		if enc, name, err = detectEncoding(raw, true); err != nil {
			return "", graph.Errorf(graph.Invalid, op, "the page is not UTF-8 and declares no character encoding; %v: add <meta charset=\"...\"> to the page", err)
		}
	}
	if enc == unicode.UTF8 || name == "utf-8" {
		// Invalid bytes in a page that says it is UTF-8 become U+FFFD, as
		// a browser shows them.
		return strings.ToValidUTF8(string(bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))), "\uFFFD"), nil
	}
	out, err := enc.NewDecoder().Bytes(raw)
	if err != nil {
		return "", graph.Errorf(graph.Invalid, op, "the page is not valid %s: %v", name, err)
	}
	return string(out), nil
}

// declaredEncoding returns the encoding a page declares (see decodeHTML),
// nil when it declares none, or an error for a declared name that is not
// an encoding.
func declaredEncoding(raw []byte, contentType string) (encoding.Encoding, string, error) {
	if e, name, certain := charset.DetermineEncoding(raw, contentType); certain {
		return e, name, nil
	}
	if _, params, err := mime.ParseMediaType(contentType); err == nil && params["charset"] != "" {
		return nil, "", fmt.Errorf("the page declares the unknown character encoding %q", params["charset"])
	}
	label := metaCharset(raw[:min(len(raw), 1024)])
	if label == "" {
		return nil, "", nil
	}
	e, name := charset.Lookup(label)
	if e == nil {
		return nil, "", fmt.Errorf("the page declares the unknown character encoding %q", label)
	}
	// A page saved as UTF-16 with a meta tag saying so has a byte order
	// mark, handled above; the meta tag alone means UTF-8 (HTML standard).
	if strings.HasPrefix(name, "utf-16") {
		return unicode.UTF8, "utf-8", nil
	}
	return e, name, nil
}

// metaCharset returns the charset a <meta> tag in head declares, or "".
func metaCharset(head []byte) string {
	z := html.NewTokenizer(bytes.NewReader(head))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) != "meta" {
				continue
			}
			var content, httpEquiv string
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch strings.ToLower(string(k)) {
				case "charset":
					return strings.TrimSpace(string(v))
				case "content":
					content = string(v)
				case "http-equiv":
					httpEquiv = string(v)
				}
			}
			if strings.EqualFold(httpEquiv, "content-type") {
				if _, params, err := mime.ParseMediaType(content); err == nil && params["charset"] != "" {
					return params["charset"]
				}
			}
		}
	}
}

// detectEncoding guesses the encoding of bytes that are not UTF-8 and
// declare none (a page's markup is left out of the guess when html is
// set), or returns an error saying why it cannot.
func detectEncoding(raw []byte, html bool) (encoding.Encoding, string, error) {
	d := chardet.NewTextDetector()
	if html {
		d = chardet.NewHtmlDetector()
	}
	results, err := d.DetectAll(raw[:min(len(raw), detectBytes)])
	if err != nil || len(results) == 0 {
		return nil, "", fmt.Errorf("its encoding could not be detected")
	}
	best := results[0]
	margin := best.Confidence
	if len(results) > 1 {
		margin -= results[1].Confidence
	}
	e, name := charset.Lookup(best.Charset)
	if e == nil || best.Confidence < minCharsetConfidence || margin < charsetMargin {
		return nil, "", fmt.Errorf("the best guess of its encoding, %s, is too uncertain (confidence %d%%)", best.Charset, best.Confidence)
	}
	return e, name, nil
}

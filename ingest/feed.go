package ingest

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"codeberg.org/readeck/go-readability/v2/render"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/entitygraph/entitygraph/graph"
)

// MaxFeedBytes bounds one feed file: gofeed holds the whole feed in
// memory, and a feed of items at the document limit is a corpus that
// belongs in JSONL or a WARC.
const MaxFeedBytes = 8 * graph.MaxDocumentBytes

// readFeed reads an RSS or Atom feed (with mmcdole/gofeed) into one
// document per item: the item's content, or else its description, as
// text; its title, link and date (published, or else updated, as the feed
// writes it); and the feed's title as source. An item's id is the hash of
// its guid, or else of its link, or else of its text. An item without text
// is reported as skipped; a feed that cannot be parsed is reported with
// the parser's message, and yields nothing.
func readFeed(ctx context.Context, r io.Reader, name string, yield func(Item) error) error {
	const op = "ingest.readFeed"
	raw, err := readAllLimited(r, MaxFeedBytes)
	if err != nil {
		return yield(Item{Origin: name, Err: err})
	}
	feed, err := gofeed.NewParser().Parse(strings.NewReader(string(raw)))
	if err != nil {
		return yield(Item{Origin: name, Err: graph.Errorf(graph.Invalid, op, "not a readable RSS or Atom feed: %v", err)})
	}
	source := strings.Join(strings.Fields(feed.Title), " ")
	for i, it := range feed.Items {
		if err := ctx.Err(); err != nil {
			return err
		}
		item := Item{Origin: fmt.Sprintf("%s:%d", name, i+1)}
		item.Doc, item.Err = feedDocument(it, source)
		if err := yield(item); err != nil {
			return err
		}
	}
	if len(feed.Items) == 0 {
		return yield(Item{Origin: name, Err: graph.Errorf(graph.Invalid, op, "the feed has no items")})
	}
	return nil
}

// feedDocument makes the document of one feed item (see readFeed).
func feedDocument(it *gofeed.Item, source string) (graph.Document, error) {
	const op = "ingest.readFeed"
	text := htmlText(firstNonBlank(it.Content, it.Description))
	if text == "" {
		return graph.Document{}, graph.Errorf(graph.Invalid, op, "the item has no text (no content or description)")
	}
	doc := graph.Document{
		Title:  shorten(strings.Join(strings.Fields(htmlText(it.Title)), " "), 300),
		Source: source,
		Text:   text,
	}
	if link := strings.TrimSpace(it.Link); IsWebURL(link) {
		doc.URL = link
	}
	var err error
	if doc.Date, err = itemDate(it); err != nil {
		return graph.Document{}, err
	}
	switch {
	case strings.TrimSpace(it.GUID) != "":
		doc.ID = graph.DocumentIDFromURL(strings.TrimSpace(it.GUID))
	case doc.URL != "":
		doc.ID = graph.DocumentIDFromURL(doc.URL)
	default:
		doc.ID = graph.DocumentIDFromText(doc.Text)
	}
	return doc, nil
}

// itemDate returns an item's date as the feed writes it, in the feed's
// own time zone (gofeed's parsed times are in UTC, which can move a
// late-evening item to the next day).
func itemDate(it *gofeed.Item) (string, error) {
	for _, s := range []string{it.Published, it.Updated} {
		if strings.TrimSpace(s) == "" {
			continue
		}
		if d, err := parseDate(s); err == nil {
			return d, nil
		}
	}
	for _, t := range []*time.Time{it.PublishedParsed, it.UpdatedParsed} {
		if t != nil {
			return t.Format("2006-01-02"), nil
		}
	}
	if s := firstNonBlank(it.Published, it.Updated); s != "" {
		return "", graph.Errorf(graph.Invalid, "ingest.readFeed", "the item's date %q is not a date", shorten(s, 60))
	}
	return "", nil
}

// htmlText returns the text of an HTML fragment (a feed item's content),
// with paragraphs and line breaks as newlines; plain text comes back as it
// is, without surrounding space.
func htmlText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.TrimSpace(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return strings.TrimSpace(s)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return cleanText(render.InnerText(root))
}

// IsWebURL reports whether s is an absolute http or https address, the
// only kind of url a document keeps: the web app shows it as a link, and
// never a javascript: or data: one.
func IsWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

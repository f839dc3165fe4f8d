package ingest

import (
	"net/url"
	"regexp"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"codeberg.org/readeck/go-readability/v2/render"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/entitygraph/entitygraph/graph"
)

// Bounds of a web page: the raw page may be larger than the text it gives
// (markup, scripts, styles), up to MaxPageBytes; a page of more than
// maxPageElements elements is refused before readability scores it:
// readability's cost grows with the square of the paragraphs of one
// container (14,900 took 0.57 s on the project's loaded 2-core machine,
// 10,000 0.14 s), while news pages have 1,000 to 5,000 elements. The
// parser already refuses nesting deeper than 512 elements.
const (
	MaxPageBytes    = 8 * graph.MaxDocumentBytes
	maxPageElements = 15000
	// minArticleWords is the fewest words an article's text has: a page
	// whose readable part is shorter is a menu, an index or an error page.
	minArticleWords = 12
)

// WebPage is a page to read and what came with it.
type WebPage struct {
	Raw []byte
	// ContentType is the HTTP Content-Type it was served with, if known;
	// its charset wins over the page's own declaration, as in a browser.
	ContentType string
	// URL is where it was fetched from, if known; it becomes the
	// document's url and id, over the page's own canonical link.
	URL string
	// Date is the date to use when the page gives none (a WARC record's).
	Date string
}

// HTMLDocument reads a web page into a document: the article text as
// readability (codeberg.org/readeck/go-readability, a port of Mozilla's
// Readability.js) finds it, without menus, footers and related links;
// the title; the date published, from JSON-LD datePublished, the
// article:published_time and Dublin Core meta tags, or else a <time>
// element (the one marked as the publication date, or the first); the
// outlet as source, from JSON-LD publisher or og:site_name; and the url,
// p.URL or else the page's canonical link. A page with a url is the
// document of that url (its id is a hash of the url), so that a page
// fetched again replaces its earlier version; one without is the document
// of its text. It returns a TooLarge error for a page over MaxPageBytes
// or maxPageElements, and an Invalid error for a page whose encoding
// cannot be read (see decodeHTML) or that holds no article text.
func HTMLDocument(p WebPage) (graph.Document, error) {
	const op = "ingest.HTMLDocument"
	if len(p.Raw) > MaxPageBytes {
		return graph.Document{}, graph.Errorf(graph.TooLarge, op, "the page is %d bytes; pages are limited to %s", len(p.Raw), ByteSize(MaxPageBytes))
	}
	text, err := decodeHTML(p.Raw, p.ContentType)
	if err != nil {
		return graph.Document{}, err
	}
	root, err := html.Parse(strings.NewReader(text))
	if err != nil {
		return graph.Document{}, graph.Errorf(graph.Invalid, op, "the page cannot be parsed as HTML: %v", err)
	}
	meta := pageMetadata(root)
	removeBylines(root)
	pageURL := p.URL
	if pageURL == "" {
		pageURL = meta.canonical
	}
	var u *url.URL
	if IsWebURL(pageURL) {
		u, _ = url.Parse(pageURL)
	} else {
		pageURL = ""
	}
	parser := readability.NewParser()
	parser.MaxElemsToParse = maxPageElements
	article, err := parser.ParseAndMutate(root, u)
	if err != nil {
		if strings.Contains(err.Error(), "too large") {
			return graph.Document{}, graph.Errorf(graph.TooLarge, op, "the page has more than %d elements", maxPageElements)
		}
		return graph.Document{}, graph.Errorf(graph.Invalid, op, "readability could not read the page: %v", err)
	}
	var body string
	if article.Node != nil {
		body = cleanText(render.InnerText(article.Node))
	}
	if n := len(strings.Fields(body)); n < minArticleWords {
		return graph.Document{}, graph.Errorf(graph.Invalid, op, "the page has no article text (%d words outside menus, links and boilerplate)", n)
	}
	doc := graph.Document{
		Title:  shorten(strings.Join(strings.Fields(article.Title()), " "), 300),
		Source: strings.Join(strings.Fields(article.SiteName()), " "),
		URL:    pageURL,
		Text:   body,
	}
	if t, err := article.PublishedTime(); err == nil {
		doc.Date = t.Format("2006-01-02")
	} else if meta.date != "" {
		doc.Date, _ = parseDate(meta.date)
	}
	if doc.Date == "" {
		doc.Date = p.Date
	}
	if doc.URL != "" {
		doc.ID = graph.DocumentIDFromURL(doc.URL)
	} else {
		doc.ID = graph.DocumentIDFromText(doc.Text)
	}
	return doc, nil
}

// pageInfo is what readability does not read from a page: the canonical
// link, and a date from a <time> element or a meta tag it does not know.
type pageInfo struct {
	canonical string
	date      string
}

// pageMetadata reads pageInfo from a parsed page, before readability
// changes it.
func pageMetadata(root *html.Node) pageInfo {
	var info pageInfo
	var firstTime, markedTime, metaDate string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") && info.canonical == "" {
					info.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Meta:
				name := strings.ToLower(attr(n, "name") + attr(n, "property") + attr(n, "itemprop"))
				switch name {
				case "og:url":
					if info.canonical == "" {
						info.canonical = strings.TrimSpace(attr(n, "content"))
					}
				case "date", "pubdate", "publishdate", "publish-date", "datepublished", "dc.date", "dc.date.issued", "sailthru.date":
					if metaDate == "" {
						metaDate = attr(n, "content")
					}
				}
			case atom.Time:
				when := firstNonBlank(attr(n, "datetime"), textOf(n))
				if firstTime == "" {
					firstTime = when
				}
				if markedTime == "" && (strings.EqualFold(attr(n, "itemprop"), "datePublished") || hasAttr(n, "pubdate")) {
					markedTime = when
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	info.date = firstNonBlank(metaDate, markedTime, firstTime)
	return info
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

func firstNonBlank(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// bylinePattern is Readability.js's test for a byline element, on its
// class, id, rel or itemprop.
var bylinePattern = regexp.MustCompile(`(?i)byline|author|dateline|writtenby|p-author`)

// removeBylines removes the byline elements of a page (short elements
// whose class, id, rel or itemprop says byline or author): readability
// removes them only when the page's metadata does not already name the
// author, and otherwise leaves "By Olena Marchenko" in the text, where the
// author would become an entity of the article.
func removeBylines(root *html.Node) {
	var found []*html.Node
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom != atom.Body && n.DataAtom != atom.Html && n.DataAtom != atom.Article &&
			bylinePattern.MatchString(attr(n, "class")+" "+attr(n, "id")+" "+attr(n, "rel")+" "+attr(n, "itemprop")) &&
			len(textOf(n)) < 100 {
			found = append(found, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	for _, n := range found {
		n.Parent.RemoveChild(n)
	}
}

var blankLines = regexp.MustCompile(`\n{3,}`)

// cleanText tidies readability's text: spaces trimmed from each line, and
// at most one empty line between paragraphs.
func cleanText(s string) string {
	lines := strings.Split(strings.ReplaceAll(s, "\r", ""), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(strings.ReplaceAll(l, "\u00a0", " "))
	}
	return strings.TrimSpace(blankLines.ReplaceAllString(strings.Join(lines, "\n"), "\n\n"))
}

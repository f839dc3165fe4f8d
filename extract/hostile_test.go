package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/internal/cputime"
)

// hostileInputs make texts of about n bytes that once cost superlinear
// time (issue 10, and what fuzzing and profiling found after): each is
// measured by BenchmarkHostile and extracted by FuzzExtract's seeds.
var hostileInputs = []struct {
	name string
	make func(n int) string
}{
	{"dots", func(n int) string { return strings.Repeat(".", n) }},
	{"quote-marks", func(n int) string { return strings.Repeat(`"`, n) }},
	{"one-long-word", func(n int) string { return strings.Repeat("a", n) }},
	{"news-one-paragraph", func(n int) string { return fill(n, func(int) string { return newsSentence }) }},
	{"news-no-sentence-end", func(n int) string {
		return fill(n, func(int) string { return strings.ReplaceAll(newsSentence, ".", ",") })
	}},
	{"said", func(n int) string { return fill(n, func(int) string { return "said " }) }},
	{"short-lines", func(n int) string { return fill(n, func(int) string { return "Russia said.\n" }) }},
	{"two-letter-words", func(n int) string { return fill(n, func(int) string { return "Ab " }) }},
	{"distinct-persons", func(n int) string { return fill(n, func(i int) string { return "John " + word(i) + " said. " }) }},
	{"distinct-organizations", func(n int) string { return fill(n, func(i int) string { return word(i) + " Ministry said. " }) }},
	{"one-surname", func(n int) string {
		return "John Smith said. " + fill(n-17, func(int) string { return "Smith said. " })
	}},
	{"persons-and-words", func(n int) string {
		return fill(n, func(i int) string { return "John " + word(i) + " met " + word(i+7) + ". " })
	}},
	{"list-of-names", func(n int) string { return fill(n, func(i int) string { return word(i) + " " + word(i+3) + ", " }) }},
	{"open-quotes", func(n int) string { return fill(n, func(i int) string { return `"John ` + word(i) + ` said. ` }) }},
	{"brackets", func(n int) string { return strings.Repeat("(", n/2) + strings.Repeat(")", n/2) }},
	{"pronouns", func(n int) string { return "John Smith said. " + fill(n-17, func(int) string { return "He said. " }) }},
	// Surnames in capitals whose one person is at the far end: a pass over
	// all mentions per name, until capitalsListed became a worklist; and
	// every word in capitals read all mentions (abbreviates) and all
	// tokens (facilityAcronym).
	{"names-in-capitals", func(n int) string {
		return fill(n-17, func(i int) string { return "QZ" + strings.ToUpper(word(i)) + ", " }) + " and JOHN joined."
	}},
	{"acronyms-in-brackets", func(n int) string {
		return fill(n, func(i int) string {
			return "QZ" + strings.ToUpper(word(i)) + " (QZ" + strings.ToUpper(word(i+1)) + ") elsewhere "
		})
	}},
}

const newsSentence = `Ukrainian intelligence chief Kyrylo Budanov told the Financial Times that North Korea sent missiles to Russia, "we know this," he said. `

// fill returns about n bytes of part(0) part(1) ..., cut at a rune boundary.
func fill(n int, part func(i int) string) string {
	var b strings.Builder
	for i := 0; b.Len() < n; i++ {
		b.WriteString(part(i))
	}
	s := b.String()[:n]
	for !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}

// word returns a distinct capitalized made-up word for each i.
func word(i int) string {
	b := []byte{byte('A' + i%26)}
	for j := 0; j < 3; j++ {
		i /= 26
		b = append(b, byte('a'+i%26))
	}
	return string(b)
}

// BenchmarkHostile extracts each hostile input at 64 KiB (one segment) and
// at the 2 MiB limit; linear time shows as the same ns/B at both sizes
// (see README, "Limits"); cpu-s/op is the CPU time of one extraction:
//
//	go test ./extract -run '^$' -bench Hostile -benchtime 1x
func BenchmarkHostile(b *testing.B) {
	x := extractor(b)
	for _, in := range hostileInputs {
		for _, n := range []int{64 << 10, graph.MaxDocumentBytes} {
			text := in.make(n)
			b.Run(fmt.Sprintf("%s/%dKiB", in.name, n>>10), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				cpu0 := cputime.Process()
				for b.Loop() {
					// Past MaxTokens the time measured is that of the refusal.
					if _, err := x.Extract(context.Background(), graph.Document{ID: "d", Text: text}); err != nil && graph.ErrorCode(err) != graph.TooLarge {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(text)), "ns/B")
				// CPU time depends less than wall time on what else the
				// machine runs.
				b.ReportMetric((cputime.Process()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
			})
		}
	}
}

// cancelAfter is a context whose Err reports Canceled from its n-th call on:
// it stands for a client that gives up while its document is extracted.
type cancelAfter struct {
	context.Context
	n, calls int
}

func (c *cancelAfter) Err() error {
	c.calls++
	if c.calls >= c.n {
		return context.Canceled
	}
	return nil
}

func TestExtractionStopsInsideOneLongParagraph(t *testing.T) {
	// One paragraph of 1 MiB: the context used to be read only between
	// paragraphs, so a client that left kept its extraction slot for as
	// long as the whole paragraph took.
	text := hostileInputs[3].make(1 << 20)
	ctx := &cancelAfter{Context: context.Background(), n: 2}
	_, err := extractor(t).Extract(ctx, graph.Document{ID: "d", Text: text})
	if err == nil || graph.ErrorCode(err) != graph.Unavailable || !strings.Contains(err.Error(), context.Canceled.Error()) {
		t.Fatalf("err = %v; want an Unavailable error with the context's", err)
	}
}

func TestDocumentsOfTooManyTokensAreRefused(t *testing.T) {
	x := extractor(t)
	// 2 MiB of quote marks are 2 Mi tokens: minutes of tagging once.
	_, err := x.Extract(context.Background(), graph.Document{ID: "d", Text: strings.Repeat(`"`, graph.MaxDocumentBytes)})
	if graph.ErrorCode(err) != graph.TooLarge || !strings.Contains(err.Error(), "2097152 words and punctuation marks; the limit is 524288") {
		t.Fatalf("err = %v; want a TooLarge error that states the limit", err)
	}
	// News of the same size is well within the limit, and prose makes no
	// more tokens than countTokens counts.
	news := hostileInputs[3].make(graph.MaxDocumentBytes)
	if n := countTokens(news); n > MaxTokens*4/5 {
		t.Errorf("2 MiB of news counts %d tokens; want well under %d", n, MaxTokens)
	}
	for _, text := range []string{news[:20000], "U.S. don't $5,000 (\"x\"); e-mail: a@b.c ... «Ж»", strings.Repeat(`"`, 300)} {
		toks, _, err := analyze(context.Background(), x.model, text)
		if err != nil || len(toks) > countTokens(text) {
			t.Errorf("prose made %d tokens of %.40q, more than countTokens's %d (err %v)", len(toks), text, countTokens(text), err)
		}
	}
}

func TestLongDocumentsKeepTheirOffsetsAndIDs(t *testing.T) {
	// Long enough for several segments, each cut where the news allows.
	var b strings.Builder
	for i := 0; b.Len() < 3*maxSegmentBytes; i++ {
		fmt.Fprintf(&b, "%s said on Monday that %s Ministry had talks with Russia. ", "John "+word(i), word(i+1))
		if i%7 == 6 {
			b.WriteString("\n\n")
		}
	}
	text := b.String()
	ex := extract(t, graph.Document{ID: "long", Text: text})
	if len(ex.Statements) < 1000 {
		t.Fatalf("%d statements; want one per sentence", len(ex.Statements))
	}
	seen := map[string]bool{}
	for _, s := range ex.Statements {
		if s.Text != text[s.Start:s.End] {
			t.Fatalf("statement %q at [%d,%d) but the text there is %q", s.Text, s.Start, s.End, text[s.Start:s.End])
		}
		if want := graph.StatementID("long", s.Start, s.End, s.Speaker.ID); s.ID != want || seen[s.ID] {
			t.Fatalf("statement at %d has id %s; want %s, once", s.Start, s.ID, want)
		}
		seen[s.ID] = true
	}
	russia := entityNamed(ex, graph.KindCountry, "Russia")
	if russia == nil || len(russia.Mentions) != len(ex.Statements) {
		t.Fatalf("Russia: %+v; want one entity with a mention in each sentence", russia)
	}
	for _, e := range ex.Entities {
		for _, m := range e.Mentions {
			if text[m.Start:m.End] != m.Text {
				t.Fatalf("%s mention %q at [%d,%d) but the text there is %q", e.ID, m.Text, m.Start, m.End, text[m.Start:m.End])
			}
		}
	}
}

func TestSegmentsCoverTheTextAtGoodCuts(t *testing.T) {
	para := strings.Repeat("Short sentence here. ", 1000) + "\n"
	for _, tc := range []struct {
		name, text string
		cutAfter   string // what each segment but the last ends with
	}{
		{"paragraphs", strings.Repeat(para, 8), "\n"},
		{"sentences", strings.Repeat("Short sentence here. ", 20000), ". "},
		{"words", strings.Repeat("word ", 40000), " "},
		{"no spaces", strings.Repeat("é", 100000), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			segs := segments(tc.text)
			if len(segs) < 2 {
				t.Fatalf("%d segments", len(segs))
			}
			at := 0
			for i, s := range segs {
				if s[0] != at || s[1]-s[0] > maxSegmentBytes+utf8.UTFMax || !utf8.ValidString(tc.text[s[0]:s[1]]) {
					t.Fatalf("segment %d is [%d,%d) after %d", i, s[0], s[1], at)
				}
				if i < len(segs)-1 && !strings.HasSuffix(tc.text[s[0]:s[1]], tc.cutAfter) {
					t.Errorf("segment %d ends with %q", i, tc.text[s[1]-5:s[1]])
				}
				at = s[1]
			}
			if at != len(tc.text) {
				t.Fatalf("segments end at %d of %d", at, len(tc.text))
			}
		})
	}
}

func TestBreakLongWords(t *testing.T) {
	short := "A sentence of short words, http://example.com/a/b."
	if got := breakLongWords(short); got != short {
		t.Errorf("breakLongWords changed %q to %q", short, got)
	}
	long := strings.Repeat("ж", 100) + " " + strings.Repeat(".", 130)
	got := breakLongWords(long)
	if strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(long, " ", "") || !utf8.ValidString(got) {
		t.Fatalf("breakLongWords(%q) = %q: not the same text with spaces", long, got)
	}
	for _, w := range strings.Fields(got) {
		if len(w) > maxWordBytes {
			t.Errorf("word of %d bytes: %q", len(w), w)
		}
	}
}

// FuzzExtract checks what every extraction must be, whatever the text: no
// panic; offsets inside the text that spell what they claim; statement ids
// as the model defines them; the same output twice. Its seeds
// (testdata/fuzz/FuzzExtract and those added here, among them the hostile
// inputs) run with the ordinary tests; `go test ./extract -run '^$' -fuzz
// FuzzExtract` searches further.
func FuzzExtract(f *testing.F) {
	f.Add(newsSentence)
	f.Add("Mr. H. Smith said. \u201cNo,\u201d he told Reuters\u2019 reporter.\n\nAccording to the BBC, Russia's Defense Ministry (MoD) denied it.")
	for _, in := range hostileInputs {
		f.Add(in.make(300))
	}
	x := extractor(f)
	f.Fuzz(func(t *testing.T, text string) {
		doc := graph.Document{ID: "fuzz", Text: text}
		ex, err := x.Extract(context.Background(), doc)
		if err != nil {
			if c := graph.ErrorCode(err); c != graph.Invalid && c != graph.TooLarge {
				t.Fatalf("Extract: %v (code %s); want a result or an Invalid error", err, c)
			}
			return
		}
		for _, e := range ex.Entities {
			if e.ID != graph.EntityID(e.Kind, e.Name) {
				t.Errorf("entity %q has id %s", e.Name, e.ID)
			}
			for _, m := range e.Mentions {
				if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
					t.Fatalf("mention %+v of %s does not spell the text", m, e.ID)
				}
			}
		}
		for _, s := range ex.Statements {
			if s.Start < 0 || s.End > len(text) || s.Start >= s.End || text[s.Start:s.End] != s.Text {
				t.Fatalf("statement [%d,%d) %q does not spell the text", s.Start, s.End, s.Text)
			}
			if s.ID != graph.StatementID(doc.ID, s.Start, s.End, s.Speaker.ID) {
				t.Errorf("statement at %d has id %s", s.Start, s.ID)
			}
		}
		if err := graph.ValidateExtraction("fuzz", ex); err != nil {
			t.Fatalf("the extraction would not be written: %v", err)
		}
		again, err := x.Extract(context.Background(), doc)
		if err != nil || fmt.Sprint(again) != fmt.Sprint(ex) {
			t.Fatalf("a second extraction differs (err %v)", err)
		}
	})
}

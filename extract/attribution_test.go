package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// statementsOf returns the statements of an extraction as "speaker via
// outlet, outlet" (or "speaker" without outlets), in order.
func statementsOf(ex *graph.Extraction) []string {
	var out []string
	for _, s := range ex.Statements {
		line := s.Speaker.Name
		if len(s.ReportedBy) > 0 {
			line += " via " + strings.Join(refNames(s.ReportedBy), ", ")
		}
		out = append(out, line)
	}
	return out
}

// TestInterview checks a question-and-answer interview: the answers are
// the interviewee's statements, reported by the outlet that asked, and
// what they attribute to others is part of them.
func TestInterview(t *testing.T) {
	const interview = "Wikinews interviews marine biologist Hanna Lindqvist\n" +
		"Hanna Lindqvist studies coral at the University of Bergen. Wikinews spoke with her about her work.\n" +
		"What got you interested in coral?\n" +
		"I grew up in Norway and my father worked for the Norwegian Polar Institute. I saw the reefs in Egypt when I was ten.\n" +
		"A reef off Hurghada. Image: Jane Roe.\n" +
		"What are you working on now?\n" +
		"A survey with the Smithsonian Institution. Peter Holm told me it would take years.\n"
	ex := extract(t, graph.Document{Text: interview})
	about := map[string]bool{}
	for _, s := range ex.Statements {
		if s.Speaker.Name != "Hanna Lindqvist" || s.Cue != "interview" {
			t.Errorf("statement by %s [%s]: %q", s.Speaker.Name, s.Cue, s.Text)
			continue
		}
		if !slices.Equal(refNames(s.ReportedBy), []string{"Wikinews"}) {
			t.Errorf("answer %q reported by %v, want Wikinews", s.Text, refNames(s.ReportedBy))
		}
		if strings.Contains(s.Text, "?") || strings.Contains(s.Text, "Image:") {
			t.Errorf("a question or caption is an answer: %q", s.Text)
		}
		for _, a := range s.About {
			about[a.Name] = true
		}
	}
	for _, want := range []string{"Norway", "Norwegian Polar Institute", "Egypt", "Smithsonian Institution", "Peter Holm"} {
		if !about[want] {
			t.Errorf("no answer is about %s; about %v", want, about)
		}
	}

	// Two interviewees whose answers carry no names cannot be told apart:
	// each spoke to the outlet (a statement about nothing), and no answer
	// is theirs; so for interviewees named in captions. One question is no
	// interview.
	for _, text := range []string{
		strings.Replace(interview, "marine biologist Hanna Lindqvist", "Hanna Lindqvist and Peter Holm", 1),
		strings.Replace(strings.Replace(interview, "marine biologist Hanna Lindqvist", "two marine biologists", 1),
			"Image: Jane Roe.", "Image: Jane Roe.\nFile photo of interviewee Peter Holm.\nFile photo of interviewee Hanna Lindqvist.", 1),
	} {
		var panel []string
		for _, s := range extract(t, graph.Document{Text: text}).Statements {
			switch {
			case s.Cue == "interview":
				t.Errorf("%q: an answer by %s: %q", text, s.Speaker.Name, s.Text)
			case s.Cue == "interviewed":
				panel = append(panel, s.Speaker.Name)
				if len(s.About) > 0 || !slices.Equal(refNames(s.ReportedBy), []string{"Wikinews"}) {
					t.Errorf("%s: about %v, reported by %v; want nothing, Wikinews", s.Speaker.Name, refNames(s.About), refNames(s.ReportedBy))
				}
			}
		}
		slices.Sort(panel)
		if !slices.Equal(panel, []string{"Hanna Lindqvist", "Peter Holm"}) {
			t.Errorf("%q: interviewed %v", text, panel)
		}
	}
	for _, s := range extract(t, graph.Document{Text: "Tom Hale told Reuters the plan had failed.\nWhy did it fail?\nNobody in Norway knows, said Anna Berg.\n"}).Statements {
		if s.Cue == "interview" || s.Cue == "interviewed" {
			t.Errorf("one question: an answer by %s: %q", s.Speaker.Name, s.Text)
		}
	}
}

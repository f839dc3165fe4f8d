package graph

import (
	"regexp"
	"slices"
	"strings"
	"time"
)

// Disputes: a statement that denies or rejects ("denied", "dismissed
// claims that", "rejected", "refuted") answers a claim made before it.
// The rule favours precision over recall:
//
//   - a denial is a statement whose cue, or whose sentence, says deny,
//     reject, dismiss, refute or rebuff in any form;
//   - the claim it answers is the nearest statement before it in its own
//     document by another speaker that is about the denier and about
//     every entity the denial is about: in "Russia has received 6,700
//     containers of munitions from North Korea, Shin said. … The Kremlin
//     denied the claim." the Kremlin (Russia) answers Shin's statement
//     about Russia (Answers);
//   - when its own document holds none, the newest statement of another
//     document dated at most DisputeWindowDays before it (on or before its
//     date) by another speaker that is about the denier, about or spoken
//     by each entity the denial is about (a denial names who accused it),
//     and that shares at least MinDisputeWords content words with the
//     denial's sentence (AnswersAcross): in another document only the
//     words tie a denial to what it denies ("Russia rejected the claim
//     that its drones struck the grain terminal in Izmail" answers "Kuleba
//     said Russia had struck the grain terminal in Izmail with drones", not
//     another statement about Russia). Content words are folded as names
//     are, less stop words, words of attribution and of denying, and the
//     words of both statements' entities' names; a final s is dropped.
//
// Denials are listed from the tally layer (TallyDenials, kept on write);
// each is matched against the statements of its document, at most
// DisputeCandidates of them, then, if none answers, against the
// DisputeCandidates newest statements about the denier within the window
// (AcrossQuery: one read of an index by entity and date, never a scan).

// DisputeCandidates is how many statements of a denial's document, and of
// other documents, are searched for the claim it answers.
const DisputeCandidates = MaxPageSize

// DisputeWindowDays is how long before a denial a claim of another
// document may have been made; MinDisputeWords how many content words the
// two sentences must share.
const (
	DisputeWindowDays = 31
	MinDisputeWords   = 3
)

var denialWords = regexp.MustCompile(`(?i)\b(den(y|ies|ied|ying)|reject(s|ed|ing)?|dismiss(es|ed|ing)?|refut(e|es|ed|ing)|rebuff(s|ed|ing)?)\b`)

// IsDenial reports whether st denies or rejects (see above).
func IsDenial(st Statement) bool {
	return st.Speaker.ID != "" && (denialWords.MatchString(st.Cue) || denialWords.MatchString(st.Text))
}

// Answers reports whether claim is a statement that denial may answer:
// in its document and before it, by another speaker, about the denier and
// every entity the denial is about (see above). Of several, the denial
// answers the nearest.
func Answers(denial, claim Statement) bool {
	if claim.DocumentID != denial.DocumentID || claim.Start >= denial.Start {
		return false
	}
	if claim.Speaker.ID == "" || claim.Speaker.ID == denial.Speaker.ID || IsDenial(claim) {
		return false
	}
	about := refIDs(claim.About)
	for _, id := range append(refIDs(denial.About), denial.Speaker.ID) {
		if !slices.Contains(about, id) {
			return false
		}
	}
	return true
}

// DenialStatement returns the statement id of a TallyDenials item.
func DenialStatement(item string) string {
	_, id, _ := strings.Cut(item, " ")
	return id
}

// AcrossQuery returns the read that finds the claims of other documents a
// denial may answer (see above): the statements about its speaker dated
// within the window before it, newest first. ok is false for an undated
// denial (no window to read) or one without a speaker.
func AcrossQuery(denial Statement) (q StatementQuery, ok bool) {
	first, _ := DateBounds(denial.Date)
	start, err := time.Parse("2006-01-02", first)
	if denial.Speaker.ID == "" || err != nil {
		return StatementQuery{}, false
	}
	tr := TimeRange{From: start.AddDate(0, 0, -DisputeWindowDays).Format("2006-01-02"), To: denial.Date}
	return StatementQuery{About: denial.Speaker.ID, Time: tr, Page: PageRequest{Size: DisputeCandidates}}, true
}

// AnswersAcross reports whether claim, a statement of another document,
// is one that denial may answer (see above): dated, not after the denial
// and at most DisputeWindowDays before it, by another speaker, about the
// denier, about or spoken by each entity the denial is about, and sharing
// at least MinDisputeWords content words with it. Of several, the denial
// answers the newest.
func AnswersAcross(denial, claim Statement) bool {
	if claim.DocumentID == denial.DocumentID || claim.Speaker.ID == "" || claim.Speaker.ID == denial.Speaker.ID || IsDenial(claim) {
		return false
	}
	q, ok := AcrossQuery(denial)
	if !ok || !q.Time.Contains(claim.Date) {
		return false
	}
	about := refIDs(claim.About)
	if !slices.Contains(about, denial.Speaker.ID) {
		return false
	}
	for _, id := range refIDs(denial.About) {
		if id != claim.Speaker.ID && !slices.Contains(about, id) {
			return false
		}
	}
	names := map[string]bool{}
	for _, st := range []Statement{denial, claim} {
		for _, id := range append(append([]string{st.Speaker.ID}, refIDs(st.About)...), refIDs(st.ReportedBy)...) {
			for _, w := range strings.Split(id[strings.IndexByte(id, ':')+1:], "-") {
				names[disputeStem(w)] = true
			}
		}
	}
	content := func(text string) map[string]bool {
		out := map[string]bool{}
		for _, w := range foldWords(text) {
			if !claimStopWords[w] && !denialWords.MatchString(w) {
				if w = disputeStem(w); !names[w] && !disputeStopWords[w] {
					out[w] = true
				}
			}
		}
		return out
	}
	claimWords, shared := content(claim.Text), 0
	for w := range content(denial.Text) {
		if claimWords[w] {
			shared++
		}
	}
	return shared >= MinDisputeWords
}

// disputeStem drops a final s of a word longer than three letters.
func disputeStem(w string) string {
	if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		return w[:len(w)-1]
	}
	return w
}

// disputeStopWords are words that a denial and any claim share without
// saying what was denied.
var disputeStopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`accusation allegation report media news story ministry spokesman spokeswoman official
		officer government foreign minister president prime chief head week month year monday tuesday wednesday thursday
		friday saturday sunday today yesterday last new any all some one two three more most other such only near against between under within without`) {
		m[w] = true
	}
	return m
}()

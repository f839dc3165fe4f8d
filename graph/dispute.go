package graph

import (
	"regexp"
	"slices"
	"strings"
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
//     about Russia. A claim made in another document is not searched for:
//     nothing in a lone denial says which of the claims about its speaker
//     it answers.
//
// Denials are listed from the tally layer (TallyDenials, kept on write);
// each is matched against the statements of its document, at most
// DisputeCandidates of them.

// DisputeCandidates is how many statements of a denial's document are
// searched for the claim it answers.
const DisputeCandidates = MaxPageSize

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

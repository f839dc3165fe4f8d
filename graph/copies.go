package graph

import (
	"slices"
	"strings"
)

// Syndicated copies. The same wire story published by many outlets is one
// document with its copies, so that its statements are not multiplied by
// the number of reprints while "reported by" still lists every outlet
// that carried it. A store folds a document whose extraction carries a
// Fingerprint (ingest sets one on every document) when it writes it:
//
//   - it looks up, by the document's LSH band keys (Fingerprint.Bands, an
//     index lookup), the stored documents and copies that share a band,
//     and keeps those the new one is a copy of (Fingerprint.IsCopy): it
//     joins their stories (PlanCopy). A story is a connected group of
//     copies: a copy of a copy is a copy, and a report that copies two
//     stories joins them;
//   - of a story's reports, the canonical document is the first report:
//     the earliest date, a dated report before an undated one, then the
//     smaller id (FirstReport). A copy that arrives later than its
//     canonical document is folded into it; one that is older (an earlier
//     date, or the same date and a smaller id) takes its place: the
//     document that was canonical, and its copies, become its copies. So
//     the graph is the same whatever order the reports come in;
//   - the canonical document's statements are REPORTED_BY every outlet of
//     the story, its own and its copies' (FoldCopies), and the link layer
//     counts them so;
//   - a copy keeps its own id (GET /documents/{id} answers for it with its
//     canonical document) and its title, date, source, url and outlet.
//
// Grouping by connection is what makes the graph independent of order
// (the copy relation is not transitive, and any rule that compares a new
// report with a story's first report only gives other groups in another
// order); its cost is that a false copy joins two stories: on the
// labelled set, the briefing that runs two wire stories whole joins both
// into one document (see the README). Writing a copy again with the same
// extraction changes nothing; with another one it leaves its document
// and is matched again as if new (the rest of its story stays together).

// MaxDocumentCopies is how many copies Reader.Document lists with a
// document; Document.CopyCount says how many it has.
const MaxDocumentCopies = 100

// MaxCopyCandidates bounds the stored documents and copies one write
// compares with: those that share a band key with a report are its
// story's other reports, a handful; a text of boilerplate that shares
// bands with many is compared with some of them only.
const MaxCopyCandidates = 256

// Copy is a syndicated copy of a document: another outlet's publication
// of the same story, folded into the document.
type Copy struct {
	ID     string     `json:"id"`
	Title  string     `json:"title,omitempty"`
	Date   string     `json:"date,omitempty"`
	Source string     `json:"source,omitempty"`
	URL    string     `json:"url,omitempty"`
	Outlet *EntityRef `json:"outlet,omitempty"`
}

// CopyCandidate is a stored document or copy (ID, with its Fingerprint)
// that shares a band key with a document being written, and the
// document of its story (Canonical, dated Date; ID itself for a
// document).
type CopyCandidate struct {
	ID, Canonical, Date string
	Fingerprint         Fingerprint
}

// FirstReport reports whether the document (dateA, idA) is an earlier
// report of a story than (dateB, idB): an earlier date, a dated one
// before an undated one, then the smaller id.
func FirstReport(dateA, idA, dateB, idB string) bool {
	switch {
	case dateA == dateB:
		return idA < idB
	case dateA == "":
		return false
	case dateB == "":
		return true
	}
	// Dates as written compare as text, and a shorter one ("2024-03")
	// stands for its first day.
	return dateA < dateB
}

// FoldCopies returns x with the outlets of its story added to the
// REPORTED_BY of each of its statements (after the outlets it names: x's
// own outlet, then its copies' in id order, without repeats, and never to
// a statement its outlet spoke), and listed among its entities without
// mentions: every outlet that carried the story carried each of its
// statements, the first report's too (which, without copies, reports only
// the statements whose text names no outlet: ingest.AttributeSource). x
// without copies that name an outlet is returned as it is; x itself is
// not changed. Only the copies' outlets are read, so that a store may pass
// one copy per outlet.
func FoldCopies(x *Extraction, copies []Copy) *Extraction {
	var outlets []EntityRef
	add := func(o *EntityRef) {
		if o != nil && o.ID != "" && !slices.ContainsFunc(outlets, func(r EntityRef) bool { return r.ID == o.ID }) {
			outlets = append(outlets, *o)
		}
	}
	for _, c := range copies {
		add(c.Outlet)
	}
	if len(outlets) == 0 {
		return x
	}
	slices.SortFunc(outlets, func(a, b EntityRef) int { return strings.Compare(a.ID, b.ID) })
	if o := x.Outlet; o != nil && o.ID != "" {
		outlets = slices.DeleteFunc(outlets, func(r EntityRef) bool { return r.ID == o.ID })
		outlets = slices.Insert(outlets, 0, *o)
	}
	out := *x
	out.Statements = slices.Clone(x.Statements)
	out.Entities = slices.Clone(x.Entities)
	used := map[string]bool{}
	for i := range out.Statements {
		st := &out.Statements[i]
		st.ReportedBy = slices.Clone(st.ReportedBy)
		for _, o := range outlets {
			if o.ID == st.Speaker.ID || slices.ContainsFunc(st.ReportedBy, func(r EntityRef) bool { return r.ID == o.ID }) {
				continue
			}
			st.ReportedBy = append(st.ReportedBy, o)
			used[o.ID] = true
		}
	}
	for _, o := range outlets {
		if used[o.ID] && !slices.ContainsFunc(out.Entities, func(e DocumentEntity) bool { return e.ID == o.ID }) {
			out.Entities = append(out.Entities, DocumentEntity{ID: o.ID, Kind: o.Kind, Name: o.Name, Mentions: []Mention{}})
		}
	}
	return &out
}

// SortCopies orders copies as documents list them: first reports first
// (see FirstReport).
func SortCopies(copies []Copy) {
	slices.SortFunc(copies, func(a, b Copy) int {
		if a.ID == b.ID {
			return 0
		}
		if FirstReport(a.Date, a.ID, b.Date, b.ID) {
			return -1
		}
		return 1
	})
}

// StoredCopy is what a store holds of a document id as a copy.
type StoredCopy struct {
	Canonical, Hash string
}

// CopyPlan is how a store writes one document.
type CopyPlan struct {
	// Keep says that the document is a stored copy with this very
	// extraction: nothing changes.
	Keep bool
	// Canonical is the first report of the document's story: the
	// document's own id when it is written as a document (with the
	// copies it has folded in), else the document it becomes a copy of
	// (and, if it was a document with copies, they too).
	Canonical string
	// Demote are the stored documents that become copies of Canonical,
	// with their copies: later reports of the story.
	Demote []string
	// Leave is the document the id was a copy of in another form: its
	// copies' outlets are folded in again without it.
	Leave string
}

// PlanCopy decides how a store writes x, whose extraction hashes to hash:
// prev is what the store holds of x's id as a copy (nil when it is none),
// cands the stored documents and copies that share a band key with x.
// x joins the story of every candidate it is a copy of, so that the
// stories are the connected groups of copies whatever order their reports
// come in.
func PlanCopy(x *Extraction, hash string, prev *StoredCopy, cands []CopyCandidate) CopyPlan {
	id := x.Document.ID
	if prev != nil && prev.Hash == hash {
		return CopyPlan{Keep: true, Canonical: prev.Canonical}
	}
	p := CopyPlan{Canonical: id}
	if prev != nil {
		p.Leave = prev.Canonical
	}
	if x.Fingerprint == nil {
		return p
	}
	date := x.Document.Date
	stories := map[string]bool{}
	for _, c := range cands {
		if c.ID == id || c.Canonical == id || stories[c.Canonical] || !x.Fingerprint.IsCopy(c.Fingerprint) {
			continue
		}
		stories[c.Canonical] = true
		if FirstReport(c.Date, c.Canonical, date, p.Canonical) {
			p.Canonical, date = c.Canonical, c.Date
		}
	}
	for s := range stories {
		if s != p.Canonical {
			p.Demote = append(p.Demote, s)
		}
	}
	slices.Sort(p.Demote)
	return p
}

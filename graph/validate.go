package graph

import "strings"

// ValidateExtraction returns an Invalid error naming the first part of x that does
// not hold together: a missing document id, a bad date, an entity without
// id, name or valid kind or whose id does not start with its kind (the
// traversals read an entity's kind from its id), an entity listed twice, a
// statement without id (an empty speaker is allowed: unattributed), listed twice, of another document or with a bad
// span, a statement or relation naming an entity missing from x.Entities,
// or a relation of a type that is not a standing relation. A text over
// MaxDocumentBytes gives a TooLarge error.
func ValidateExtraction(op string, x *Extraction) error {
	if x == nil {
		return Errorf(Invalid, op, "no extraction to write")
	}
	d := x.Document
	if strings.TrimSpace(d.ID) == "" {
		return Errorf(Invalid, op, "the document has no id")
	}
	if len(d.Text) > MaxDocumentBytes {
		return Errorf(TooLarge, op, "document %s has %d bytes of text, more than the limit of %d", d.ID, len(d.Text), MaxDocumentBytes)
	}
	if _, err := ParseDate(d.Date); err != nil {
		return Errorf(Invalid, op, "document %s: %s", d.ID, ErrorMessage(err))
	}
	known := make(map[string]bool, len(x.Entities))
	for _, e := range x.Entities {
		switch {
		case e.ID == "" || e.Name == "":
			return Errorf(Invalid, op, "document %s: an entity has no id or no name", d.ID)
		case !e.Kind.Valid():
			return Errorf(Invalid, op, "document %s: entity %s has kind %q, not person, organization or country", d.ID, e.ID, e.Kind)
		case KindOfID(e.ID) != e.Kind:
			return Errorf(Invalid, op, "document %s: entity id %s does not start with its kind %s", d.ID, e.ID, e.Kind)
		case known[e.ID]:
			return Errorf(Invalid, op, "document %s: entity %s is listed twice", d.ID, e.ID)
		}
		known[e.ID] = true
	}
	unknown := func(ids ...string) string {
		for _, id := range ids {
			if !known[id] {
				return id
			}
		}
		return ""
	}
	statements := make(map[string]bool, len(x.Statements))
	for _, st := range x.Statements {
		switch {
		case st.ID == "":
			return Errorf(Invalid, op, "document %s: a statement has no id", d.ID)
		case statements[st.ID]:
			return Errorf(Invalid, op, "document %s: statement %s is listed twice", d.ID, st.ID)
		case st.DocumentID != "" && st.DocumentID != d.ID:
			return Errorf(Invalid, op, "document %s: statement %s belongs to document %s", d.ID, st.ID, st.DocumentID)
		case st.Start < 0 || st.End < st.Start:
			return Errorf(Invalid, op, "document %s: statement %s has span [%d, %d)", d.ID, st.ID, st.Start, st.End)
		}
		statements[st.ID] = true
		// An empty speaker is an unattributed statement (its speaker
		// was hidden or cleared by a correction).
		ids := refIDs(st.About)
		if st.Speaker.ID != "" {
			ids = append(ids, st.Speaker.ID)
		}
		if id := unknown(append(ids, refIDs(st.ReportedBy)...)...); id != "" {
			return Errorf(Invalid, op, "document %s: statement %s names entity %q, which is not among the document's entities", d.ID, st.ID, id)
		}
	}
	for _, r := range x.Relations {
		switch r.Type {
		case RelAffiliatedWith, RelPartOf, RelBasedIn:
		default:
			return Errorf(Invalid, op, "document %s: relation type %q is not AFFILIATED_WITH, PART_OF or BASED_IN", d.ID, r.Type)
		}
		if id := unknown(r.Source, r.Target); id != "" {
			return Errorf(Invalid, op, "document %s: a %s relation names entity %q, which is not among the document's entities", d.ID, r.Type, id)
		}
	}
	return nil
}

func refIDs(refs []EntityRef) []string {
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	return ids
}

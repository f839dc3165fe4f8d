package graph

import (
	"strings"
	"time"
)

// ParseDate checks that s is a date of the forms "YYYY", "YYYY-MM" or
// "YYYY-MM-DD" and returns it unchanged; it returns an Invalid error
// otherwise. Empty is allowed and means unknown.
func ParseDate(s string) (string, error) {
	s = strings.TrimSpace(s)
	var layout string
	switch len(s) {
	case 0:
		return "", nil
	case 4:
		layout = "2006"
	case 7:
		layout = "2006-01"
	case 10:
		layout = "2006-01-02"
	default:
		return "", Errorf(Invalid, "graph.ParseDate", "date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	if _, err := time.Parse(layout, s); err != nil {
		return "", Errorf(Invalid, "graph.ParseDate", "date %q is not YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	return s, nil
}

// DateBounds returns the first and last day a partial date covers, as
// comparable strings: "2024-01" gives "2024-01-01" and "2024-01-31" (every
// month ends on the 31st here; only the order matters). An empty date gives
// two empty strings.
func DateBounds(date string) (first, last string) {
	switch len(date) {
	case 4:
		return date + "-01-01", date + "-12-31"
	case 7:
		return date + "-01", date + "-31"
	case 10:
		return date, date
	}
	return "", ""
}

// TimeRange limits statements to those whose date overlaps [From, To];
// either end may be empty (open). A statement with no date is outside any
// range that has an end set.
type TimeRange struct {
	From string
	To   string
}

// NewTimeRange validates from and to (see ParseDate) and that from is not
// after to; errors name the parameter.
func NewTimeRange(from, to string) (TimeRange, error) {
	f, err := ParseDate(from)
	if err != nil {
		return TimeRange{}, InvalidParam("graph.NewTimeRange", "from", "from: %s", ErrorMessage(err))
	}
	t, err := ParseDate(to)
	if err != nil {
		return TimeRange{}, InvalidParam("graph.NewTimeRange", "to", "to: %s", ErrorMessage(err))
	}
	tr := TimeRange{From: f, To: t}
	if lo, hi := tr.Bounds(); lo != "" && hi != "" && lo > hi {
		return TimeRange{}, InvalidParam("graph.NewTimeRange", "from", "from %s is after to %s", f, t)
	}
	return tr, nil
}

// IsZero reports whether the range is open at both ends.
func (tr TimeRange) IsZero() bool { return tr.From == "" && tr.To == "" }

// Bounds returns the range as day strings: the first day of From and the
// last day of To (empty for an open end). Stores compare a statement's
// DateBounds against them: last >= lo and first <= hi.
func (tr TimeRange) Bounds() (lo, hi string) {
	lo, _ = DateBounds(tr.From)
	_, hi = DateBounds(tr.To)
	return lo, hi
}

// Contains reports whether a statement dated date falls in the range.
func (tr TimeRange) Contains(date string) bool {
	if tr.IsZero() {
		return true
	}
	first, last := DateBounds(date)
	if first == "" {
		return false
	}
	lo, hi := tr.Bounds()
	return (lo == "" || last >= lo) && (hi == "" || first <= hi)
}

package ingest

import (
	"strings"

	"github.com/itlightning/dateparse"

	"github.com/entitygraph/entitygraph/graph"
)

// maxDateLen bounds a date string before it is parsed: dates are short,
// and the parser need not see a paragraph that a column mix-up put there.
const maxDateLen = 64

// parseDate reads a date as pages, feeds and exports write it
// ("2024-03-05", "2024-03", "2024-03-05T09:30:00+02:00", "Tue, 05 Mar 2024
// 09:30:00 GMT", "March 5, 2024") and returns it as YYYY-MM-DD, or the
// YYYY or YYYY-MM it gives. The day is the day in the writer's own time
// zone: "2024-03-05T23:30:00-05:00" is March 5, as its readers saw it. It
// returns "" for an empty date, and an Invalid error for one it cannot
// read or one that could be read day first or month first ("03/04/2024").
func parseDate(s string) (string, error) {
	const op = "ingest.parseDate"
	s = strings.TrimSpace(s)
	if d, err := graph.ParseDate(s); err == nil {
		return d, nil
	}
	if len(s) > maxDateLen {
		return "", graph.Errorf(graph.Invalid, op, "date %q is too long to be a date", shorten(s, 40))
	}
	t, err := dateparse.ParseStrict(s)
	if err != nil {
		if strings.Contains(err.Error(), "ambiguous") {
			return "", graph.Errorf(graph.Invalid, op, "date %q could be day-first or month-first; write it as YYYY-MM-DD", s)
		}
		return "", graph.Errorf(graph.Invalid, op, "date %q is not a date ingest can read (YYYY-MM-DD, RFC 3339, RFC 1123 or \"March 5, 2024\")", s)
	}
	return t.Format("2006-01-02"), nil
}

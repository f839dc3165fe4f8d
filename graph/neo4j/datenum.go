package neo4j

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
)

// The link layer keeps dates as numbers: a date as written becomes
// yyyymmdd, with 00 for a month or day it does not give ("2024" is
// 20240000, "2024-01" 20240100, "2024-01-05" 20240105) and 0 when there is
// none. The numbers sort as the strings do, and Neo4j packs a list of them
// into the property record, where a list of strings takes a record of its
// own: a write of the link layer touches far fewer records.

// dateNumber returns the number of a date as written (see above); a date
// that is not one of the three forms counts as none.
func dateNumber(date string) int {
	digits := strings.ReplaceAll(date, "-", "")
	n, err := strconv.Atoi(digits)
	if err != nil {
		return 0
	}
	switch len(date) {
	case 4:
		return n * 10000
	case 7:
		return n * 100
	case 10:
		return n
	}
	return 0
}

// statementRank orders an entity's statements in the indexes
// stated_order, about_order and reported_by_order as every statement list
// shows them, newest first and undated last (then by id, the index's last
// column): the date's number negated, 0 without one.
func statementRank(date string) int {
	return -dateNumber(date)
}

// cypherStatementRank is the Cypher of statementRank for the expression
// x, a date as written or null.
func cypherStatementRank(x string) string {
	return "-(" + cypherDateNumber(x) + ")"
}

// dateString returns the date as written that n stands for.
func dateString(n int) string {
	switch {
	case n <= 0:
		return ""
	case n%10000 == 0:
		return fmt.Sprintf("%04d", n/10000)
	case n%100 == 0:
		return fmt.Sprintf("%04d-%02d", n/10000, n/100%100)
	}
	return fmt.Sprintf("%04d-%02d-%02d", n/10000, n/100%100, n%100)
}

// dateNumbers returns the numbers of dates.
func dateNumbers(dates []string) []int {
	out := make([]int, len(dates))
	for i, d := range dates {
		out[i] = dateNumber(d)
	}
	return out
}

// dateStrings returns the dates numbers stand for.
func dateStrings(numbers []int) []string {
	out := make([]string, len(numbers))
	for i, n := range numbers {
		out[i] = dateString(n)
	}
	return out
}

// inRange returns the Cypher condition that the date number x falls
// within [$lo, $hi] (the numbers of a range's first and last day, see
// rangeParams), with the semantics of graph.TimeRange.Contains: a date
// given as a month or a year is in the range when any of its days is,
// which holds when it is not after $hi and its month or year is not
// before $lo's.
func inRange(x string) string {
	return "(" + x + " <> 0 AND " + x + " <= $hi AND " + x + " >= $lo - $lo % CASE WHEN " + x + " % 10000 = 0 THEN 10000 WHEN " +
		x + " % 100 = 0 THEN 100 ELSE 1 END)"
}

// rangeParams returns $timed, and $lo and $hi, the numbers of tr's first
// and last day (open ends widened).
func rangeParams(tr graph.TimeRange) map[string]any {
	lo, hi := tr.Bounds()
	hiNumber := 99991231
	if hi != "" {
		hiNumber = dateNumber(hi)
	}
	return map[string]any{"timed": !tr.IsZero(), "lo": dateNumber(lo), "hi": hiNumber}
}

// cypherDateNumber is the Cypher of dateNumber for the expression x, a
// date as written or null.
func cypherDateNumber(x string) string {
	return "CASE size(coalesce(" + x + ", '')) WHEN 4 THEN toInteger(" + x + ") * 10000 WHEN 7 THEN toInteger(replace(" + x +
		", '-', '')) * 100 WHEN 10 THEN toInteger(replace(" + x + ", '-', '')) ELSE 0 END"
}

package graph

import (
	"context"
	"slices"
	"strings"
)

// The tally layer: the counts that the research views (overview, an
// outlet's view, a speaker's topics) read, kept on write beside the link
// layer and in the same transaction. A tally counts statements under a
// key (a kind, a scope and one or two items), in all and per date as
// written, so a ranking is the first rows of an index ordered by count
// and a timeline the per-date rows of one key, whatever the size of the
// graph. A statement counts once per key, and never for a reference to
// its own speaker (as in the link layer). Both stores keep it by adding
// a document's Tallies and subtracting those of the version it replaces.

// TallyKind names one family of tallies.
type TallyKind string

// The tally kinds. Scope is "" for the kinds ranked over the whole graph.
const (
	// TallyStatements counts every statement (scope, item: "").
	TallyStatements TallyKind = "statements"
	// TallySpeakers counts each speaker's statements (item: speaker).
	TallySpeakers TallyKind = "speakers"
	// TallyOutlets counts the statements each outlet carried (item).
	TallyOutlets TallyKind = "outlets"
	// TallyNamedOutlets counts the statements each outlet (item) carried
	// whose speaker is a named person rather than an organization or a
	// country: the "named source" share of sourcing studies.
	TallyNamedOutlets TallyKind = "named_outlets"
	// TallyPairs counts the statements of each speaker (item) about each
	// entity (item2): the busiest speaker → about pairs.
	TallyPairs TallyKind = "pairs"
	// TallyOutletSpeakers counts, for an outlet (scope), the statements it
	// carried by each speaker (item): whom it quotes.
	TallyOutletSpeakers TallyKind = "outlet_speakers"
	// TallyOutletAbout counts, for an outlet (scope), the statements it
	// carried about each entity (item): about whom.
	TallyOutletAbout TallyKind = "outlet_about"
	// TallySpeakerTopics counts, for a speaker (scope), their statements
	// about each entity (item): the topics of a speaker's timeline.
	TallySpeakerTopics TallyKind = "speaker_topics"
	// TallyAboutSpeakers counts, for an entity (scope), the statements
	// about it by each speaker (item): who spoke about it.
	TallyAboutSpeakers TallyKind = "about_speakers"
	// TallyAbout counts the statements about each entity (item).
	TallyAbout TallyKind = "about"

	// The claim kinds (see ClaimOf), kept by ClaimTallies. TallyClaims
	// counts each claim's reports (item: the claim).
	TallyClaims TallyKind = "claims"
	// TallySpeakerClaims counts a speaker's (scope) claims' reports.
	TallySpeakerClaims TallyKind = "speaker_claims"
	// TallyAboutClaims counts the reports of the claims about an entity
	// (scope).
	TallyAboutClaims TallyKind = "about_claims"
	// TallyPairClaims counts the reports of the claims of a speaker about
	// an entity (scope: PairScope).
	TallyPairClaims TallyKind = "pair_claims"
	// TallyClaimReports lists a claim's (scope) reports, one each (item:
	// ReportItem), oldest first.
	TallyClaimReports TallyKind = "claim_reports"
	// TallyClaimOutlets counts a claim's (scope) reports per outlet.
	TallyClaimOutlets TallyKind = "claim_outlets"
	// TallyDenials lists the statements that deny (IsDenial), one each
	// (item: ReportItem), oldest first; kept with the claims.
	TallyDenials TallyKind = "denials"
)

// TallyKey identifies one tally.
type TallyKey struct {
	Kind        TallyKind
	Scope       string
	Item, Item2 string
}

// TallyShare is what one document gives one tally: Count statements
// dated Date (the document's date).
type TallyShare struct {
	TallyKey
	Date  string
	Count int
}

// CompareTallyKeys orders tally keys by kind, scope, item, item2.
func CompareTallyKeys(a, b TallyKey) int {
	// Field by field, stopping at the first that differs: a write sorts
	// hundreds of thousands of keys, and cmp.Or compared every field.
	if c := strings.Compare(string(a.Kind), string(b.Kind)); c != 0 {
		return c
	}
	if c := strings.Compare(a.Scope, b.Scope); c != 0 {
		return c
	}
	if c := strings.Compare(a.Item, b.Item); c != 0 {
		return c
	}
	return strings.Compare(a.Item2, b.Item2)
}

// Tallies returns the shares of the tally layer that x gives, sorted by
// key (the claim kinds are ClaimTallies').
func Tallies(x *Extraction) []TallyShare { return tallyShares(x, statementTallies) }

// ClaimTallies returns the shares of the claim kinds that x gives, sorted
// by key: kept apart from Tallies so that a store can build them for
// documents written before them.
func ClaimTallies(x *Extraction) []TallyShare { return tallyShares(x, claimTallies) }

// tallyShares counts, per key, the statements of x that keysOf gives it.
func tallyShares(x *Extraction, keysOf func(st Statement, date string) []TallyKey) []TallyShare {
	count := map[TallyKey]int{}
	for _, st := range x.Statements {
		for _, k := range keysOf(st, x.Document.Date) {
			count[k]++
		}
	}
	out := make([]TallyShare, 0, len(count))
	for k, n := range count {
		out = append(out, TallyShare{TallyKey: k, Date: x.Document.Date, Count: n})
	}
	slices.SortFunc(out, func(a, b TallyShare) int { return CompareTallyKeys(a.TallyKey, b.TallyKey) })
	return out
}

// statementTallies returns the keys of the tallies st counts in, once
// each; an unattributed statement (no speaker) counts in those of no
// speaker.
func statementTallies(st Statement, _ string) []TallyKey {
	sp := st.Speaker.ID
	keys := []TallyKey{{Kind: TallyStatements}}
	about := distinctRefs(st.About, sp)
	outlets := distinctRefs(st.ReportedBy, sp)
	for _, a := range about {
		keys = append(keys, TallyKey{Kind: TallyAbout, Item: a})
	}
	for _, o := range outlets {
		keys = append(keys, TallyKey{Kind: TallyOutlets, Item: o})
		for _, a := range about {
			if a != o {
				keys = append(keys, TallyKey{Kind: TallyOutletAbout, Scope: o, Item: a})
			}
		}
	}
	if sp == "" {
		return keys // unattributed: counted, but by no speaker
	}
	keys = append(keys, TallyKey{Kind: TallySpeakers, Item: sp})
	for _, a := range about {
		keys = append(keys, TallyKey{Kind: TallyPairs, Item: sp, Item2: a}, TallyKey{Kind: TallySpeakerTopics, Scope: sp, Item: a},
			TallyKey{Kind: TallyAboutSpeakers, Scope: a, Item: sp})
	}
	for _, o := range outlets {
		keys = append(keys, TallyKey{Kind: TallyOutletSpeakers, Scope: o, Item: sp})
		if KindOfID(sp) == KindPerson {
			keys = append(keys, TallyKey{Kind: TallyNamedOutlets, Item: o})
		}
	}
	return keys
}

// claimTallies returns the keys of the claim tallies st counts in: a
// denial's (IsDenial), and those of its claim (none when it makes none,
// ClaimOf).
func claimTallies(st Statement, date string) []TallyKey {
	var denial []TallyKey
	if IsDenial(st) {
		denial = []TallyKey{{Kind: TallyDenials, Item: ReportItem(date, st.ID)}}
	}
	c := ClaimOf(st)
	if c == "" {
		return denial
	}
	sp := st.Speaker.ID
	keys := []TallyKey{{Kind: TallyClaims, Item: c}, {Kind: TallySpeakerClaims, Scope: sp, Item: c},
		{Kind: TallyClaimReports, Scope: c, Item: ReportItem(date, st.ID)}}
	for _, a := range distinctRefs(st.About, sp) {
		keys = append(keys, TallyKey{Kind: TallyAboutClaims, Scope: a, Item: c}, TallyKey{Kind: TallyPairClaims, Scope: PairScope(sp, a), Item: c})
	}
	for _, o := range distinctRefs(st.ReportedBy, sp) {
		keys = append(keys, TallyKey{Kind: TallyClaimOutlets, Scope: c, Item: o})
	}
	return append(keys, denial...)
}

// PairScope is the scope of a TallyPairClaims tally: a speaker and an
// entity spoken about.
func PairScope(speaker, about string) string { return speaker + " " + about }

// ReportItem is a claim report's item: its date ("~" when undated, which
// sorts after every date) and statement id, so that a claim's reports rank
// oldest first (their counts are all 1).
func ReportItem(date, statement string) string {
	if date == "" {
		date = "~"
	}
	return date + " " + statement
}

// distinctRefs returns the ids of refs without repeats and without self.
func distinctRefs(refs []EntityRef, self string) []string {
	var out []string
	for _, r := range refs {
		if r.ID != self && !slices.Contains(out, r.ID) {
			out = append(out, r.ID)
		}
	}
	return out
}

// Ranked is one row of a ranking: an item (and item2 for pairs) with its
// count.
type Ranked struct {
	Item  string
	Item2 string
	Count int
}

// RankPage is one page of a ranking.
type RankPage struct {
	Items         []Ranked
	NextPageToken string
}

// TallyReader reads the tally layer; every method answers from counts
// kept on write and returns the Reader's errors.
type TallyReader interface {
	// Ranking returns one page of the tallies of kind within scope, most
	// counted first, then by item and item2, over all dates: it reads the
	// page's rows (after the offset the token stands for) from an index
	// ordered by count. An invalid page returns an Invalid error.
	Ranking(ctx context.Context, kind TallyKind, scope string, page PageRequest) (RankPage, error)
	// TallyCounts returns, for each key in order, its count within tr (0
	// for a key no statement gives), from its counts per date.
	TallyCounts(ctx context.Context, keys []TallyKey, tr TimeRange) ([]int, error)
	// TallyMonths returns the key's count per month within tr ("2024-01";
	// a date given as a year counts under the year, "2024"), oldest first;
	// undated statements are in no month.
	TallyMonths(ctx context.Context, key TallyKey, tr TimeRange) ([]MonthCount, error)
}

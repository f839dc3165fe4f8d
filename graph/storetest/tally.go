package storetest

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// tallies counts the tally layer of xs statement by statement, as a
// reader of graph.TallyKind's comments would: what every store's tallies
// must agree with.
func tallies(xs []*graph.Extraction) map[graph.TallyKey][]dated {
	out := map[graph.TallyKey][]dated{}
	for _, x := range xs {
		for _, st := range x.Statements {
			keys := map[graph.TallyKey]bool{}
			sp := st.Speaker.ID
			attributed := sp != ""
			keys[graph.TallyKey{Kind: graph.TallyStatements}] = true
			if attributed {
				keys[graph.TallyKey{Kind: graph.TallySpeakers, Item: sp}] = true
			}
			for _, a := range st.About {
				if a.ID == sp {
					continue
				}
				keys[graph.TallyKey{Kind: graph.TallyAbout, Item: a.ID}] = true
				if attributed {
					keys[graph.TallyKey{Kind: graph.TallyPairs, Item: sp, Item2: a.ID}] = true
					keys[graph.TallyKey{Kind: graph.TallySpeakerTopics, Scope: sp, Item: a.ID}] = true
					keys[graph.TallyKey{Kind: graph.TallyAboutSpeakers, Scope: a.ID, Item: sp}] = true
				}
				for _, o := range st.ReportedBy {
					if o.ID != sp && o.ID != a.ID {
						keys[graph.TallyKey{Kind: graph.TallyOutletAbout, Scope: o.ID, Item: a.ID}] = true
					}
				}
			}
			for _, o := range st.ReportedBy {
				if o.ID == sp {
					continue
				}
				keys[graph.TallyKey{Kind: graph.TallyOutlets, Item: o.ID}] = true
				if attributed {
					keys[graph.TallyKey{Kind: graph.TallyOutletSpeakers, Scope: o.ID, Item: sp}] = true
				}
				if graph.KindOfID(sp) == graph.KindPerson {
					keys[graph.TallyKey{Kind: graph.TallyNamedOutlets, Item: o.ID}] = true
				}
			}
			if graph.IsDenial(st) {
				keys[graph.TallyKey{Kind: graph.TallyDenials, Item: graph.ReportItem(x.Document.Date, st.ID)}] = true
			}
			if c := graph.ClaimOf(st); c != "" {
				keys[graph.TallyKey{Kind: graph.TallyClaims, Item: c}] = true
				keys[graph.TallyKey{Kind: graph.TallySpeakerClaims, Scope: sp, Item: c}] = true
				keys[graph.TallyKey{Kind: graph.TallyClaimReports, Scope: c, Item: graph.ReportItem(x.Document.Date, st.ID)}] = true
				for _, a := range st.About {
					if a.ID != sp {
						keys[graph.TallyKey{Kind: graph.TallyAboutClaims, Scope: a.ID, Item: c}] = true
						keys[graph.TallyKey{Kind: graph.TallyPairClaims, Scope: graph.PairScope(sp, a.ID), Item: c}] = true
					}
				}
				for _, o := range st.ReportedBy {
					if o.ID != sp {
						keys[graph.TallyKey{Kind: graph.TallyClaimOutlets, Scope: c, Item: o.ID}] = true
					}
				}
			}
			for k := range keys {
				out[k] = append(out[k], dated{x.Document.Date, st.ID})
			}
		}
	}
	return out
}

// checkTallies compares every ranking, count (in all and within a range)
// and timeline of the store's tally layer with the model's.
func checkTallies(t *testing.T, s graph.Store, m *model) {
	t.Helper()
	ctx := t.Context()
	type scope struct {
		kind  graph.TallyKind
		scope string
	}
	rankings := map[scope][]graph.Ranked{}
	for k, ds := range m.tallies {
		sc := scope{k.Kind, k.Scope}
		rankings[sc] = append(rankings[sc], graph.Ranked{Item: k.Item, Item2: k.Item2, Count: len(ds)})
	}
	for _, sc := range slices.SortedFunc(maps.Keys(rankings), func(a, b scope) int {
		return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.scope, b.scope))
	}) {
		want := rankings[sc]
		slices.SortFunc(want, func(a, b graph.Ranked) int {
			return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Item, b.Item), cmp.Compare(a.Item2, b.Item2))
		})
		var got []graph.Ranked
		token := ""
		for range 1000 {
			page, err := s.Ranking(ctx, sc.kind, sc.scope, graph.PageRequest{Size: 7, Token: token})
			if err != nil {
				t.Fatalf("Ranking(%s, %q): %v", sc.kind, sc.scope, err)
			}
			got = append(got, page.Items...)
			if token = page.NextPageToken; token == "" {
				break
			}
		}
		if !equal(t, fmt.Sprintf("ranking %s of %q, page by page", sc.kind, sc.scope), got, want) {
			return
		}
	}
	keys := slices.SortedFunc(maps.Keys(m.tallies), graph.CompareTallyKeys)
	keys = append(keys, graph.TallyKey{Kind: graph.TallySpeakers, Item: "person:nobody"})
	for _, tr := range []graph.TimeRange{{}, mustRange(t, "2023-03", "2024-02-10"), mustRange(t, "2024", "")} {
		got, err := s.TallyCounts(ctx, keys, tr)
		if err != nil {
			t.Fatalf("TallyCounts: %v", err)
		}
		want := make([]int, len(keys))
		for i, k := range keys {
			for _, d := range m.tallies[k] {
				if tr.IsZero() || tr.Contains(d.date) {
					want[i]++
				}
			}
		}
		if !equal(t, fmt.Sprintf("tally counts within %+v", tr), got, want) {
			return
		}
		for _, k := range []graph.TallyKey{{Kind: graph.TallyStatements}, keys[0], keys[len(keys)/2]} {
			months, err := s.TallyMonths(ctx, k, tr)
			if err != nil {
				t.Fatalf("TallyMonths: %v", err)
			}
			byMonth := map[string]int{}
			for _, d := range m.tallies[k] {
				if d.date != "" && (tr.IsZero() || tr.Contains(d.date)) {
					byMonth[d.date[:min(7, len(d.date))]]++
				}
			}
			want := []graph.MonthCount{}
			for _, month := range slices.Sorted(maps.Keys(byMonth)) {
				want = append(want, graph.MonthCount{Month: month, Count: byMonth[month]})
			}
			equal(t, fmt.Sprintf("months of %+v within %+v", k, tr), months, want)
		}
	}
}

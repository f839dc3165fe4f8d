package api

import (
	"cmp"
	"context"
	"net/http"
	"slices"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/gin-gonic/gin"
)

// The research views (issue 12): the overview, an outlet's, a speaker's
// and an entity's "statements about" views read the tally layer
// (graph.TallyReader) and never the statements. Their ranked lists are
// over all dates (an index in count order answers them in the time a
// page costs; ranking within a date range would sum every item's dates),
// while totals and months follow from and to.

// maxViewList caps the items of each ranked list a view answers with
// (limit); GET /rankings/{kind} pages through the rest.
const (
	defaultViewList = 10
	maxViewList     = 50
)

// rankedItem is one row of a ranked list: an entity (and, for a pair, the
// entity spoken about) with its count of statements.
type rankedItem struct {
	Entity graph.EntityRef  `json:"entity"`
	Other  *graph.EntityRef `json:"other,omitempty"`
	Count  int              `json:"count"`
}

// ranking is a ranked list with the token of its next page.
type ranking struct {
	Items         []rankedItem `json:"items"`
	NextPageToken string       `json:"next_page_token,omitempty"`
}

// overview is the answer of GET /overview.
type overview struct {
	Statements int                `json:"statements"`
	Speakers   ranking            `json:"speakers"`
	Outlets    ranking            `json:"outlets"`
	Pairs      ranking            `json:"pairs"`
	Months     []graph.MonthCount `json:"months"`
	Undated    int                `json:"undated"`
}

// overview serves GET /overview?limit=: the most quoted speakers, the
// outlets with the most statements, the busiest speaker → about pairs
// (limit each) and every statement per month.
func (s *server) overview(c *gin.Context) error {
	limit, err := intParam(c, "limit", defaultViewList, 1, maxViewList)
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	var res overview
	for _, l := range []struct {
		kind graph.TallyKind
		out  *ranking
	}{{graph.TallySpeakers, &res.Speakers}, {graph.TallyOutlets, &res.Outlets}, {graph.TallyPairs, &res.Pairs}} {
		if *l.out, err = s.rankingPage(c, l.kind, "", graph.PageRequest{Size: limit}); err != nil {
			return err
		}
	}
	all := graph.TallyKey{Kind: graph.TallyStatements}
	if res.Months, res.Undated, res.Statements, err = s.tallyTimeline(ctx, all, graph.TimeRange{}); err != nil {
		return err
	}
	c.JSON(http.StatusOK, res)
	return nil
}

// profile is the answer of GET /entities/{id}/profile.
type profile struct {
	Entity graph.Entity `json:"entity"`
	As     string       `json:"as"`
	// Statements counts the entity's statements in that role within the
	// range; Named, for an outlet, those of them whose speaker is a
	// person.
	Statements int                `json:"statements"`
	Named      *int               `json:"named,omitempty"`
	Months     []graph.MonthCount `json:"months"`
	Undated    int                `json:"undated"`
	Lists      map[string]ranking `json:"lists"`
}

// roles says, per role of GET /entities/{id}/profile?as=, which tally
// counts the entity's statements and which rankings it lists (by name).
var roles = map[string]struct {
	count graph.TallyKind
	lists map[string]graph.TallyKind
}{
	"speaker": {graph.TallySpeakers, map[string]graph.TallyKind{"topics": graph.TallySpeakerTopics}},
	"outlet":  {graph.TallyOutlets, map[string]graph.TallyKind{"speakers": graph.TallyOutletSpeakers, "about": graph.TallyOutletAbout}},
	"about":   {graph.TallyAbout, map[string]graph.TallyKind{"speakers": graph.TallyAboutSpeakers}},
}

// profile serves GET /entities/{id}/profile?as=speaker|outlet|about
// &from=&to=&limit=: an entity's statements in one role, per month, and
// its ranked lists (an outlet's speakers and the entities its statements
// are about; a speaker's topics; who spoke about an entity).
func (s *server) profile(c *gin.Context) error {
	as := cmp.Or(c.Query("as"), "speaker")
	role, ok := roles[as]
	if !ok {
		return graph.InvalidParam("api.profile", "as", "as must be speaker, outlet or about, not %q", as)
	}
	limit, err := intParam(c, "limit", defaultViewList, 1, maxViewList)
	if err != nil {
		return err
	}
	tr, err := timeRangeParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	e, err := s.store.Entity(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	res := profile{Entity: entityJSON(e), As: as, Lists: map[string]ranking{}}
	key := graph.TallyKey{Kind: role.count, Item: e.ID}
	if res.Months, res.Undated, res.Statements, err = s.tallyTimeline(ctx, key, tr); err != nil {
		return err
	}
	if as == "outlet" {
		named, err := s.store.TallyCounts(ctx, []graph.TallyKey{{Kind: graph.TallyNamedOutlets, Item: e.ID}}, tr)
		if err != nil {
			return err
		}
		res.Named = &named[0]
	}
	for name, kind := range role.lists {
		if res.Lists[name], err = s.rankingPage(c, kind, e.ID, graph.PageRequest{Size: limit}); err != nil {
			return err
		}
	}
	c.JSON(http.StatusOK, res)
	return nil
}

// rankingKinds are the kinds GET /rankings/{kind} serves, and whether they
// need a scope.
var rankingKinds = map[graph.TallyKind]bool{
	graph.TallySpeakers: false, graph.TallyOutlets: false, graph.TallyNamedOutlets: false, graph.TallyPairs: false,
	graph.TallyAbout: false, graph.TallyOutletSpeakers: true, graph.TallyOutletAbout: true,
	graph.TallySpeakerTopics: true, graph.TallyAboutSpeakers: true,
	graph.TallyClaimOutlets: true,
}

// rankings serves GET /rankings/{kind}?scope=&page_size=&page_token=: one
// page of a ranked list, most counted first.
func (s *server) rankings(c *gin.Context) error {
	kind := graph.TallyKind(c.Param("kind"))
	scoped, ok := rankingKinds[kind]
	if !ok {
		return graph.Errorf(graph.NotFound, "api.rankings", "no ranking %q", kind)
	}
	scope := c.Query("scope")
	if scoped && scope == "" {
		return graph.InvalidParam("api.rankings", "scope", "the ranking %s needs scope, an entity id", kind)
	}
	if !scoped && scope != "" {
		return graph.InvalidParam("api.rankings", "scope", "the ranking %s is over the whole graph and takes no scope", kind)
	}
	page, err := s.pageParam(c, "rankings/"+string(kind))
	if err != nil {
		return err
	}
	res, err := s.rankingPage(c, kind, scope, page)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, res)
	return nil
}

// rankingPage reads one page of a ranking and names its entities; the
// next page's token is signed for GET /rankings/{kind} with this scope.
func (s *server) rankingPage(c *gin.Context, kind graph.TallyKind, scope string, page graph.PageRequest) (ranking, error) {
	ctx := c.Request.Context()
	p, err := s.store.Ranking(ctx, kind, scope, page)
	if err != nil {
		return ranking{}, err
	}
	var ids []string
	for _, r := range p.Items {
		ids = append(ids, r.Item)
		if r.Item2 != "" {
			ids = append(ids, r.Item2)
		}
	}
	refs, err := s.refs(ctx, ids)
	if err != nil {
		return ranking{}, err
	}
	out := ranking{Items: []rankedItem{}}
	for _, r := range p.Items {
		it := rankedItem{Entity: refs(r.Item), Count: r.Count}
		if r.Item2 != "" {
			other := refs(r.Item2)
			it.Other = &other
		}
		out.Items = append(out.Items, it)
	}
	q := c.Request.URL.Query()
	for k := range q {
		if k != "page_token" && k != "page_size" {
			q.Del(k)
		}
	}
	if scope != "" {
		q.Set("scope", scope)
	}
	out.NextPageToken = s.pageTokens.sign("rankings/"+string(kind), q, p.NextPageToken)
	return out, nil
}

// refs reads the entities ids and returns a function naming each; an id
// the store does not know (gone since the tally was read) keeps its id as
// name.
func (s *server) refs(ctx context.Context, ids []string) (func(string) graph.EntityRef, error) {
	slices.Sort(ids)
	es, err := s.store.Entities(ctx, slices.Compact(ids))
	if err != nil {
		return nil, err
	}
	byID := make(map[string]graph.EntityRef, len(es))
	for _, e := range es {
		byID[e.ID] = e.Ref()
	}
	return func(id string) graph.EntityRef {
		if r, ok := byID[id]; ok {
			return r
		}
		return graph.EntityRef{ID: id, Kind: graph.KindOfID(id), Name: id}
	}, nil
}

// tallyTimeline returns a tally's months within tr, its undated count
// (0 with a range) and its count within tr.
func (s *server) tallyTimeline(ctx context.Context, key graph.TallyKey, tr graph.TimeRange) ([]graph.MonthCount, int, int, error) {
	months, err := s.store.TallyMonths(ctx, key, tr)
	if err != nil {
		return nil, 0, 0, err
	}
	counts, err := s.store.TallyCounts(ctx, []graph.TallyKey{key}, tr)
	if err != nil {
		return nil, 0, 0, err
	}
	undated := 0
	if tr.IsZero() {
		undated = counts[0]
		for _, m := range months {
			undated -= m.Count
		}
	}
	return nonNil(months), undated, counts[0], nil
}

package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/gin-gonic/gin"
)

// One claim, many reports (see graph.ClaimOf for what makes two
// statements one claim): the claims are read from the tally layer, ranked
// by their number of reports, and a claim's reports oldest first, a page
// at a time.

// claimOutlets is how many outlets a claim lists inline, most reports
// first; GET /rankings/claim_outlets?scope=ID pages on.
const claimOutlets = 10

// claimSummary is a claim: who made it, how many statements report it,
// the first report and the outlets that carried it.
type claimSummary struct {
	ID      string          `json:"id"`
	Speaker graph.EntityRef `json:"speaker"`
	Reports int             `json:"reports"`
	First   graph.Statement `json:"first"`
	Outlets ranking         `json:"outlets"`
}

// claimPage is the answer of GET /claims.
type claimPage struct {
	Claims        []claimSummary `json:"claims"`
	NextPageToken string         `json:"next_page_token,omitempty"`
}

// claims serves GET /claims?speaker=&about=&min_reports=&page_size=
// &page_token=: the claims of a speaker, about an entity, or both (all
// claims without either), most reported first, those with at least
// min_reports reports (default 2: a claim reported once is a statement).
func (s *server) claims(c *gin.Context) error {
	minReports, err := intParam(c, "min_reports", 2, 1, 1_000_000)
	if err != nil {
		return err
	}
	page, err := s.pageParam(c, "claims")
	if err != nil {
		return err
	}
	speaker, about := c.Query("speaker"), c.Query("about")
	kind, scope := graph.TallyClaims, ""
	switch {
	case speaker != "" && about != "":
		kind, scope = graph.TallyPairClaims, graph.PairScope(speaker, about)
	case speaker != "":
		kind, scope = graph.TallySpeakerClaims, speaker
	case about != "":
		kind, scope = graph.TallyAboutClaims, about
	}
	ctx := c.Request.Context()
	p, err := s.store.Ranking(ctx, kind, scope, page)
	if err != nil {
		return err
	}
	res := claimPage{Claims: []claimSummary{}}
	for _, r := range p.Items {
		if r.Count < minReports {
			p.NextPageToken = ""
			break
		}
		sum, err := s.claimSummary(c, r.Item, r.Count)
		if err != nil {
			return err
		}
		res.Claims = append(res.Claims, sum)
	}
	res.NextPageToken = s.pageTokens.wrap(c, "claims", p.NextPageToken)
	c.JSON(http.StatusOK, res)
	return nil
}

// claimReports is the answer of GET /claims/{id}.
type claimReports struct {
	Claim         claimSummary       `json:"claim"`
	Months        []graph.MonthCount `json:"months"`
	Undated       int                `json:"undated"`
	Statements    []graph.Statement  `json:"statements"`
	NextPageToken string             `json:"next_page_token,omitempty"`
}

// claim serves GET /claims/{id}?page_size=&page_token=: one claim, its
// reports per month, and a page of its reports, oldest first.
func (s *server) claim(c *gin.Context) error {
	page, err := s.pageParam(c, "claim")
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	id := c.Param("id")
	key := graph.TallyKey{Kind: graph.TallyClaims, Item: id}
	months, undated, reports, err := s.tallyTimeline(ctx, key, graph.TimeRange{})
	if err != nil {
		return err
	}
	if reports == 0 {
		return graph.Errorf(graph.NotFound, "api.claim", "no claim %q", id)
	}
	res := claimReports{Months: months, Undated: undated}
	if res.Claim, err = s.claimSummary(c, id, reports); err != nil {
		return err
	}
	p, err := s.store.Ranking(ctx, graph.TallyClaimReports, id, page)
	if err != nil {
		return err
	}
	if res.Statements, err = s.reportStatements(ctx, p.Items); err != nil {
		return err
	}
	res.NextPageToken = s.pageTokens.wrap(c, "claim", p.NextPageToken)
	c.JSON(http.StatusOK, res)
	return nil
}

// claimSummary reads a claim's first report and its outlets.
func (s *server) claimSummary(c *gin.Context, id string, reports int) (claimSummary, error) {
	ctx := c.Request.Context()
	sum := claimSummary{ID: id, Reports: reports}
	first, err := s.store.Ranking(ctx, graph.TallyClaimReports, id, graph.PageRequest{Size: 1})
	if err != nil {
		return sum, err
	}
	sts, err := s.reportStatements(ctx, first.Items)
	if err != nil {
		return sum, err
	}
	if len(sts) > 0 {
		sum.First, sum.Speaker = sts[0], sts[0].Speaker
	}
	sum.Outlets, err = s.rankingPage(c, graph.TallyClaimOutlets, id, graph.PageRequest{Size: claimOutlets})
	return sum, err
}

// reportStatements reads the statements of claim report items (see
// graph.ReportItem), in their order; a statement gone since is left out.
func (s *server) reportStatements(ctx context.Context, items []graph.Ranked) ([]graph.Statement, error) {
	out := []graph.Statement{}
	for _, it := range items {
		_, id, _ := strings.Cut(it.Item, " ")
		st, err := s.store.Statement(ctx, id)
		if graph.ErrorCode(err) == graph.NotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return s.withClaims(ctx, out)
}

// withClaims sets each statement's claim and its number of reports, from
// one read of the claims' counts.
func (s *server) withClaims(ctx context.Context, sts []graph.Statement) ([]graph.Statement, error) {
	var keys []graph.TallyKey
	for i := range sts {
		sts[i] = statementJSON(sts[i])
		if sts[i].Claim = graph.ClaimOf(sts[i]); sts[i].Claim != "" {
			keys = append(keys, graph.TallyKey{Kind: graph.TallyClaims, Item: sts[i].Claim})
		}
	}
	counts, err := s.store.TallyCounts(ctx, keys, graph.TimeRange{})
	if err != nil {
		return nil, err
	}
	j := 0
	for i := range sts {
		if sts[i].Claim != "" {
			sts[i].Reports = counts[j]
			j++
		}
	}
	return sts, nil
}

package api

import (
	"cmp"
	"context"
	"net/http"
	"slices"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/gin-gonic/gin"
)

// dispute is a denial and the earlier claim it answers (graph.Answers).
type dispute struct {
	Denial graph.Statement `json:"denial"`
	Claim  graph.Statement `json:"claim"`
}

// disputePage is the answer of GET /disputes.
type disputePage struct {
	Disputes      []dispute `json:"disputes"`
	NextPageToken string    `json:"next_page_token,omitempty"`
}

// disputes serves GET /disputes?page_size=&page_token=: a page of the
// denials the store holds (oldest first), each with the claim it answers;
// the denials of the page that answer none are left out, so a page may
// hold fewer than page_size. Each denial is matched against the
// statements of its document (graph.Answers), then against those of other
// documents about the denier within a window before it
// (graph.AnswersAcross).
func (s *server) disputes(c *gin.Context) error {
	page, err := s.pageParam(c, "disputes")
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	p, err := s.store.Ranking(ctx, graph.TallyDenials, "", page)
	if err != nil {
		return err
	}
	res := disputePage{Disputes: []dispute{}}
	for _, it := range p.Items {
		d, err := s.store.Statement(ctx, graph.DenialStatement(it.Item))
		if graph.ErrorCode(err) == graph.NotFound {
			continue
		}
		if err != nil {
			return err
		}
		claim, ok, err := s.answered(ctx, d)
		if err != nil {
			return err
		}
		if ok {
			pair, err := s.withClaims(ctx, []graph.Statement{d, claim})
			if err != nil {
				return err
			}
			res.Disputes = append(res.Disputes, dispute{Denial: pair[0], Claim: pair[1]})
		}
	}
	res.NextPageToken = s.pageTokens.wrap(c, "disputes", p.NextPageToken)
	c.JSON(http.StatusOK, res)
	return nil
}

// answered returns the claim a denial answers: the nearest before it in
// its document (graph.Answers), else the newest in another document
// within the window (graph.AnswersAcross, one indexed read); ok is false
// when none does.
func (s *server) answered(ctx context.Context, d graph.Statement) (graph.Statement, bool, error) {
	doc, err := s.store.Statements(ctx, graph.StatementQuery{Document: d.DocumentID, Page: graph.PageRequest{Size: graph.DisputeCandidates}})
	if err != nil {
		return graph.Statement{}, false, err
	}
	// The nearest before the denial first.
	slices.SortFunc(doc.Statements, func(a, b graph.Statement) int { return cmp.Compare(b.Start, a.Start) })
	for _, cand := range doc.Statements {
		if graph.Answers(d, cand) {
			return cand, true, nil
		}
	}
	q, ok := graph.AcrossQuery(d)
	if !ok {
		return graph.Statement{}, false, nil
	}
	across, err := s.store.Statements(ctx, q)
	if err != nil {
		return graph.Statement{}, false, err
	}
	for _, cand := range across.Statements { // newest first
		if graph.AnswersAcross(d, cand) {
			return cand, true, nil
		}
	}
	return graph.Statement{}, false, nil
}

package api

import (
	"cmp"
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
// statements of its document (graph.Answers).
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
		doc, err := s.store.Statements(ctx, graph.StatementQuery{Document: d.DocumentID, Page: graph.PageRequest{Size: graph.DisputeCandidates}})
		if err != nil {
			return err
		}
		// The nearest before the denial first.
		slices.SortFunc(doc.Statements, func(a, b graph.Statement) int { return cmp.Compare(b.Start, a.Start) })
		for _, cand := range doc.Statements {
			if graph.Answers(d, cand) {
				pair, err := s.withClaims(ctx, []graph.Statement{d, cand})
				if err != nil {
					return err
				}
				res.Disputes = append(res.Disputes, dispute{Denial: pair[0], Claim: pair[1]})
				break
			}
		}
	}
	res.NextPageToken = s.pageTokens.wrap(c, "disputes", p.NextPageToken)
	c.JSON(http.StatusOK, res)
	return nil
}

package api

import (
	"net/http"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/gin-gonic/gin"
)

// statements serves GET /statements?speaker=&about=&outlet=&document=
// &from=&to=&page_size=&page_token=. An id that names nothing matches
// nothing: the answer is an empty page, not a 404, as for any filter.
func (s *server) statements(c *gin.Context) error {
	tr, err := timeRangeParam(c)
	if err != nil {
		return err
	}
	page, err := s.pageParam(c, "statements")
	if err != nil {
		return err
	}
	res, err := s.store.Statements(c.Request.Context(), graph.StatementQuery{
		Speaker:  c.Query("speaker"),
		About:    c.Query("about"),
		Outlet:   c.Query("outlet"),
		Document: c.Query("document"),
		Time:     tr,
		Page:     page,
	})
	if err != nil {
		return err
	}
	res.NextPageToken = s.pageTokens.wrap(c, "statements", res.NextPageToken)
	if res.Statements, err = s.withClaims(c.Request.Context(), nonNil(res.Statements)); err != nil {
		return err
	}
	c.JSON(http.StatusOK, res)
	return nil
}

// statement serves GET /statements/{id}.
func (s *server) statement(c *gin.Context) error {
	st, err := s.store.Statement(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err
	}
	sts, err := s.withClaims(c.Request.Context(), []graph.Statement{st})
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, sts[0])
	return nil
}

func statementJSON(st graph.Statement) graph.Statement {
	st.About = nonNil(st.About)
	st.ReportedBy = nonNil(st.ReportedBy)
	return st
}

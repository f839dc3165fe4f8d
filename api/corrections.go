package api

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/gin-gonic/gin"
)

// correctionInput is the body of POST /corrections: what the researcher
// decided. The server sets the id, author, time and the statement's
// document, and completes before and after (see graph.Curator).
type correctionInput struct {
	Kind   graph.CorrectionKind `json:"kind"`
	Target string               `json:"target"`
	Before *graph.EntityRef     `json:"before"`
	After  *graph.EntityRef     `json:"after"`
	Reason string               `json:"reason"`
}

// createCorrection serves POST /corrections: 201 with the correction as
// recorded, 404 for a target it cannot find, 409 for a conflict.
func (s *server) createCorrection(c *gin.Context) error {
	const op = "api.createCorrection"
	var in correctionInput
	if err := decodeBody(c.Writer, c.Request, op, &in); err != nil {
		return err
	}
	author := "local"
	if s.apiKey != "" {
		author = s.apiKeyName
	}
	got, err := s.store.AddCorrection(c.Request.Context(), graph.Correction{Kind: in.Kind, Target: in.Target,
		Before: in.Before, After: in.After, Reason: in.Reason, Author: author})
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, got)
	return nil
}

// corrections serves GET /corrections?order=newest|oldest&page_size=
// &page_token=.
func (s *server) corrections(c *gin.Context) error {
	const op = "api.corrections"
	q := graph.CorrectionQuery{}
	switch c.DefaultQuery("order", "newest") {
	case "newest":
	case "oldest":
		q.Oldest = true
	default:
		return graph.InvalidParam(op, "order", "order must be newest or oldest")
	}
	list := "corrections:" + c.DefaultQuery("order", "newest")
	var err error
	if q.Page, err = s.pageParam(c, list); err != nil {
		return err
	}
	page, err := s.store.Corrections(c.Request.Context(), q)
	if err != nil {
		return err
	}
	page.Corrections = nonNil(page.Corrections)
	page.NextPageToken = s.pageTokens.wrap(c, list, page.NextPageToken)
	c.JSON(http.StatusOK, page)
	return nil
}

// undoCorrection serves DELETE /corrections/{id}: 200 with the correction
// undone.
func (s *server) undoCorrection(c *gin.Context) error {
	got, err := s.store.UndoCorrection(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, got)
	return nil
}

// redirectMoved wraps the handler of a route under /entities/{id}: when
// the entity is not found because a merge or a retype moved it, the
// answer is 308 Permanent Redirect to the same route of the entity it
// became, query kept, which clients (and the web app's fetch) follow by
// themselves. Anything else is the handler's own answer.
func (s *server) redirectMoved(fn func(c *gin.Context) error) func(c *gin.Context) error {
	return func(c *gin.Context) error {
		err := fn(c)
		if graph.ErrorCode(err) != graph.NotFound {
			return err
		}
		id := c.Param("id")
		to, rerr := s.store.Redirect(c.Request.Context(), id)
		if rerr != nil || to == id {
			return err
		}
		loc := Prefix + "/entities/" + url.PathEscape(to) + strings.TrimPrefix(c.FullPath(), Prefix+"/entities/:id")
		if c.Request.URL.RawQuery != "" {
			loc += "?" + c.Request.URL.RawQuery
		}
		c.Header("Location", loc)
		c.JSON(http.StatusPermanentRedirect, gin.H{"redirected_from": id, "id": to})
		return nil
	}
}

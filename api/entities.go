package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/gin-gonic/gin"
)

// maxSuggestions bounds the "did you mean" entities of an empty search: a
// few to choose from, not another result list.
const maxSuggestions = 5

// entitySearchPage is a page of a search, with the entities spelled nearly
// like q when the search found none.
type entitySearchPage struct {
	graph.EntityPage
	Suggestions []graph.Entity `json:"suggestions,omitempty"`
}

// searchEntities serves GET /entities?q=&kind=&page_size=&page_token=.
// When the first page of a search for some text is empty, it adds up to
// maxSuggestions near spellings (graph.Suggest): a typo ("Budnov") gets
// "did you mean Kyrylo Budanov", not just nothing. A later page that is
// empty is the end of a list, not a typo, and gets none.
func (s *server) searchEntities(c *gin.Context) error {
	kinds, err := kindsParam(c)
	if err != nil {
		return err
	}
	page, err := s.pageParam(c, "entities")
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	q := graph.EntityQuery{Text: c.Query("q"), Kinds: kinds, Page: page}
	found, err := s.store.SearchEntities(ctx, q)
	if err != nil {
		return err
	}
	found.NextPageToken = s.pageTokens.wrap(c, "entities", found.NextPageToken)
	res := entitySearchPage{EntityPage: found}
	if len(found.Entities) == 0 && page.Token == "" && strings.TrimSpace(q.Text) != "" {
		if res.Suggestions, err = graph.Suggest(ctx, s.store, q, maxSuggestions); err != nil {
			return err
		}
	}
	res.Entities = nonNil(res.Entities)
	for _, list := range [][]graph.Entity{res.Entities, res.Suggestions} {
		for i := range list {
			list[i] = entityJSON(list[i])
		}
	}
	c.JSON(http.StatusOK, res)
	return nil
}

// entity serves GET /entities/{id}.
func (s *server) entity(c *gin.Context) error {
	e, err := s.store.Entity(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, entityJSON(e))
	return nil
}

// neighborhood serves GET /entities/{id}/neighborhood.
func (s *server) neighborhood(c *gin.Context) error {
	q, err := neighborhoodParams(c, graph.DefaultNodeLimit, graph.MaxNodeLimit)
	if err != nil {
		return err
	}
	var sg graph.Subgraph
	err = s.traverse(c.Request.Context(), "api.neighborhood", func(ctx context.Context) error {
		sg, err = graph.Neighborhood(ctx, s.store, c.Param("id"), q)
		return err
	})
	if err != nil {
		return err
	}
	body := make([]byte, 0, 160*(len(sg.Nodes)+len(sg.Edges))+64)
	c.Data(http.StatusOK, "application/json; charset=utf-8", appendSubgraphJSON(body, sg))
	return nil
}

// timeline is the answer of GET /entities/{id}/timeline.
type timeline struct {
	Months []graph.MonthCount `json:"months"`
	// Undated counts the entity's statements that have no date (none
	// when a date range is asked for: an undated statement is outside
	// every range).
	Undated int `json:"undated"`
}

// timeline serves GET /entities/{id}/timeline?from=&to=: how many
// statements name the entity, per month, from counts kept on write.
func (s *server) timeline(c *gin.Context) error {
	tr, err := timeRangeParam(c)
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	id := c.Param("id")
	if _, err := s.store.Entity(ctx, id); err != nil {
		return err
	}
	months, err := s.store.Timeline(ctx, id, tr)
	if err != nil {
		return err
	}
	res := timeline{Months: nonNil(months)}
	if tr.IsZero() {
		counts, err := s.store.StatementCounts(ctx, []string{id}, tr)
		if err != nil {
			return err
		}
		res.Undated = counts[0]
		for _, m := range months {
			res.Undated -= m.Count
		}
	}
	c.JSON(http.StatusOK, res)
	return nil
}

// paths serves GET /paths?from=&to=&max_depth=. The from and to
// parameters are entity ids here, so this route has no date range.
func (s *server) paths(c *gin.Context) error {
	from, err := requiredParam(c, "from")
	if err != nil {
		return err
	}
	to, err := requiredParam(c, "to")
	if err != nil {
		return err
	}
	depth, err := intParam(c, "max_depth", graph.DefaultPathDepth, 1, graph.MaxPathDepth)
	if err != nil {
		return err
	}
	var res graph.PathResult
	err = s.traverse(c.Request.Context(), "api.paths", func(ctx context.Context) error {
		res, err = graph.Path(ctx, s.store, from, to, depth, graph.TimeRange{})
		return err
	})
	if err != nil {
		return err
	}
	res.Subgraph = subgraphJSON(res.Subgraph)
	res.Order = nonNil(res.Order)
	c.JSON(http.StatusOK, res)
	return nil
}

// The JSON of a response has arrays where the spec says array, never null,
// whatever a store leaves nil.

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func entityJSON(e graph.Entity) graph.Entity {
	e.Aliases = nonNil(e.Aliases)
	return e
}

func subgraphJSON(sg graph.Subgraph) graph.Subgraph {
	sg.Nodes = nonNil(sg.Nodes)
	sg.Edges = nonNil(sg.Edges)
	return sg
}

// traverse runs fn holding one of s.traversing's slots (see server), or
// returns an Unavailable error when ctx ends first.
func (s *server) traverse(ctx context.Context, op string, fn func(ctx context.Context) error) error {
	select {
	case s.traversing <- struct{}{}:
		defer func() { <-s.traversing }()
	case <-ctx.Done():
		return graph.Wrap(graph.Unavailable, op, "waiting for a free traversal slot", ctx.Err())
	}
	return fn(ctx)
}

package api

import (
	"net/http"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/gin-gonic/gin"
)

// searchEntities serves GET /entities?q=&kind=&page_size=&page_token=.
func (s *server) searchEntities(c *gin.Context) error {
	kinds, err := kindsParam(c)
	if err != nil {
		return err
	}
	page, err := pageParam(c)
	if err != nil {
		return err
	}
	res, err := s.store.SearchEntities(c.Request.Context(), graph.EntityQuery{Text: c.Query("q"), Kinds: kinds, Page: page})
	if err != nil {
		return err
	}
	res.Entities = nonNil(res.Entities)
	for i := range res.Entities {
		res.Entities[i] = entityJSON(res.Entities[i])
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
	sg, err := graph.Neighborhood(c.Request.Context(), s.store, c.Param("id"), q)
	if err != nil {
		return err
	}
	c.JSON(http.StatusOK, subgraphJSON(sg))
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
	res, err := graph.Path(c.Request.Context(), s.store, from, to, depth, graph.TimeRange{})
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

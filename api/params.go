package api

import (
	"strconv"
	"strings"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/gin-gonic/gin"
)

// Query parameters are checked here, before any store is asked, so that a
// bad value gets the same 400 from every store. A value over its documented
// cap is rejected, never clamped: a client that asked for depth 5 and got
// depth 3 would draw wrong conclusions from the picture. An empty value
// ("depth=") counts as absent, as HTML forms send them.

// intParam returns the integer query parameter name: def when it is absent
// or empty, an Invalid error naming it when it is not a whole number in
// [lo, hi].
func intParam(c *gin.Context, name string, def, lo, hi int) (int, error) {
	s := c.Query(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, graph.InvalidParam("api.intParam", name, "%s must be a whole number from %d to %d, not %q", name, lo, hi, s)
	}
	return n, nil
}

// requiredParam returns the query parameter name, or an Invalid error
// naming it when it is absent or blank.
func requiredParam(c *gin.Context, name string) (string, error) {
	s := strings.TrimSpace(c.Query(name))
	if s == "" {
		return "", graph.InvalidParam("api.requiredParam", name, "%s is required", name)
	}
	return s, nil
}

// listParam returns the values of a parameter that may repeat
// (kind=person&kind=country) or hold a comma-separated list
// (kind=person,country), without blanks.
func listParam(c *gin.Context, name string) []string {
	var out []string
	for _, v := range c.QueryArray(name) {
		for _, item := range strings.Split(v, ",") {
			// Only spaces: the spec's patterns for kind and rel allow no
			// other blank (kindsParam and relsParam refuse them).
			if item = strings.Trim(item, " "); item != "" {
				out = append(out, item)
			}
		}
	}
	return out
}

// kindsParam returns the entity kinds of the kind parameter (none means
// every kind), or an Invalid error naming kind.
func kindsParam(c *gin.Context) ([]graph.Kind, error) {
	var kinds []graph.Kind
	for _, v := range listParam(c, "kind") {
		k, err := graph.ParseKind(v)
		if err == nil && strings.TrimSpace(v) != v {
			err = graph.Errorf(graph.Invalid, "api.kindsParam", "unknown kind %q", v)
		}
		if err != nil {
			return nil, graph.InvalidParam("api.kindsParam", "kind", "%s", graph.ErrorMessage(err))
		}
		kinds = append(kinds, k)
	}
	return kinds, nil
}

// relsParam returns the edge types of the rel parameter (none means every
// type), or an Invalid error naming rel.
func relsParam(c *gin.Context) ([]graph.RelType, error) {
	var rels []graph.RelType
	for _, v := range listParam(c, "rel") {
		r, err := graph.ParseRelType(v)
		if err == nil && strings.TrimSpace(v) != v {
			err = graph.Errorf(graph.Invalid, "api.relsParam", "unknown edge type %q", v)
		}
		if err != nil {
			return nil, graph.InvalidParam("api.relsParam", "rel", "%s", graph.ErrorMessage(err))
		}
		rels = append(rels, r)
	}
	return rels, nil
}

// timeRangeParam returns the range of the from and to dates, or an Invalid
// error naming the one at fault.
func timeRangeParam(c *gin.Context) (graph.TimeRange, error) {
	return graph.NewTimeRange(c.Query("from"), c.Query("to"))
}

// neighborhoodParams returns the query of depth, limit, kind, rel, from,
// to and view; limit defaults to defLimit and is capped at maxLimit. It
// returns an Invalid error naming the parameter at fault.
func neighborhoodParams(c *gin.Context, defLimit, maxLimit int) (graph.NeighborhoodQuery, error) {
	var q graph.NeighborhoodQuery
	var err error
	if q.Depth, err = intParam(c, "depth", 1, 1, graph.MaxDepth); err != nil {
		return q, err
	}
	if q.Limit, err = intParam(c, "limit", defLimit, 1, maxLimit); err != nil {
		return q, err
	}
	if q.Kinds, err = kindsParam(c); err != nil {
		return q, err
	}
	if q.Rels, err = relsParam(c); err != nil {
		return q, err
	}
	if q.Time, err = timeRangeParam(c); err != nil {
		return q, err
	}
	q.View, err = graph.ParseView(c.Query("view"))
	return q, err
}

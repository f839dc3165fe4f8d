package api

import (
	_ "embed"
	"net/http"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/gin-gonic/gin"
)

// openAPISpec is the description of the API that GET /api/v1/openapi.yaml
// serves; the tests hold every response to it. It is never written.
//
//go:embed openapi.yaml
var openAPISpec []byte

// health is the body of GET /healthz and of a ready GET /readyz.
type health struct {
	Status  string `json:"status"`
	Version string `json:"version,omitempty"`
}

// healthz serves GET /healthz: the process is up and serving. It asks the
// store nothing, so that a slow database never gets the process restarted.
func (s *server) healthz(c *gin.Context) {
	c.JSON(http.StatusOK, health{Status: "ok", Version: s.version})
}

// readyz serves GET /readyz: 200 when the store answers, a 503 problem
// with the reason when it does not, so that a load balancer holds traffic
// back until the database is reachable.
func (s *server) readyz(c *gin.Context) error {
	if err := s.store.Ping(c.Request.Context()); err != nil {
		// Whatever the store's code, not ready is 503: a load balancer
		// reads the status only.
		return &graph.Error{Code: graph.Unavailable, Op: "api.readyz", Msg: "the store is not reachable", Err: err}
	}
	c.JSON(http.StatusOK, health{Status: "ready", Version: s.version})
	return nil
}

// stats serves GET /stats: what the store holds.
func (s *server) stats(c *gin.Context) error {
	st, err := s.store.Stats(c.Request.Context())
	if err != nil {
		return err
	}
	if st.ByKind == nil {
		st.ByKind = map[graph.Kind]int{}
	}
	if st.Edges == nil {
		st.Edges = map[string]int{}
	}
	c.JSON(http.StatusOK, st)
	return nil
}

// openAPI serves GET /openapi.yaml.
func (s *server) openAPI(c *gin.Context) {
	c.Data(http.StatusOK, "application/yaml; charset=utf-8", openAPISpec)
}

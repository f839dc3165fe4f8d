package api

import (
	"cmp"
	"log/slog"
	"net/http"
	"runtime"
	"strings"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"
)

// Prefix is where the JSON API lives.
const Prefix = "/api/v1"

// New returns the HTTP handler of entitygraph: the routes below, request
// ids, an access log and panic recovery. It panics if cfg.Store is nil,
// which is a wiring mistake, not a request error.
func New(cfg Config) http.Handler {
	if cfg.Store == nil {
		panic("api.New: Config.Store is nil")
	}
	s := &server{
		store:      cfg.Store,
		extractor:  cfg.Extractor,
		extracting: make(chan struct{}, runtime.GOMAXPROCS(0)),
		traversing: make(chan struct{}, runtime.GOMAXPROCS(0)),
		log:        cfg.Logger,
		ui:         cfg.UI,
		version:    cfg.Version,
		apiKey:     cfg.APIKey,
		apiKeyName: cmp.Or(cfg.APIKeyName, "api-key"),
		metrics:    newMetrics(),
		pageTokens: newPageTokens(cfg.APIKey),
	}
	if cfg.WriteRate > 0 {
		s.writeLimits = newClientLimits(rate.Limit(cfg.WriteRate), max(cfg.WriteBurst, 1))
	}
	if s.log == nil {
		s.log = slog.Default()
	}

	// gin keeps its mode process-wide, so this is the one global New
	// touches: release mode stops gin printing every route and a debug
	// warning to stdout, and changes nothing in how requests are served.
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	e.HandleMethodNotAllowed = true
	// Document ids are the caller's and may hold '/': route on the escaped
	// path so that "a%2Fb" stays one segment, then unescape the value.
	e.UseEscapedPath = true
	e.UnescapePathValues = true
	// Clients reach the server directly or through a proxy we do not know;
	// trusting no proxy keeps ClientIP honest in the access log.
	_ = e.SetTrustedProxies(nil)

	e.Use(s.requestID, s.accessLog, s.metrics.observeRequests, s.recoverPanic, s.limitHead)
	e.NoRoute(s.noRoute)
	e.NoMethod(s.noMethod)

	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.handle(s.readyz))
	e.GET("/metrics", s.metrics.serve())

	v1 := e.Group(Prefix)
	v1.GET("/entities", s.handle(s.searchEntities))
	v1.GET("/entities/:id", s.handle(s.redirectMoved(s.entity)))
	v1.GET("/entities/:id/neighborhood", s.handle(s.redirectMoved(s.neighborhood)))
	v1.GET("/entities/:id/timeline", s.handle(s.redirectMoved(s.timeline)))
	v1.GET("/entities/:id/profile", s.handle(s.redirectMoved(s.profile)))
	v1.GET("/overview", s.handle(s.overview))
	v1.GET("/rankings/:kind", s.handle(s.rankings))
	v1.GET("/claims", s.handle(s.claims))
	v1.GET("/claims/:id", s.handle(s.claim))
	v1.GET("/disputes", s.handle(s.disputes))
	v1.GET("/paths", s.handle(s.paths))
	v1.GET("/statements", s.handle(s.statements))
	v1.GET("/statements/:id", s.handle(s.statement))
	v1.GET("/documents", s.handle(s.documents))
	v1.GET("/documents/:id", s.handle(s.document))
	v1.POST("/documents", s.writeGuard(documentBodyTypes...), s.handle(s.createDocument))
	v1.GET("/corrections", s.handle(s.corrections))
	v1.POST("/corrections", s.writeGuard("application/json"), s.handle(s.createCorrection))
	v1.DELETE("/corrections/:id", s.writeGuard(), s.handle(s.undoCorrection))
	v1.GET("/export", s.handle(s.export))
	v1.GET("/stats", s.handle(s.stats))
	v1.GET("/openapi.yaml", s.openAPI)

	// HEAD is GET without the body (net/http drops what the handler
	// writes), for every GET route, including those added above later.
	for _, r := range e.Routes() {
		if r.Method == http.MethodGet {
			e.HEAD(r.Path, r.HandlerFunc)
		}
	}
	return e
}

// handle adapts a handler that returns an error to gin: the error becomes a
// problem response (see server.problem).
func (s *server) handle(fn func(c *gin.Context) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := fn(c); err != nil {
			s.problem(c, err)
		}
	}
}

// noRoute answers every path no route matched: a 404 problem under /api/,
// for the health checks and for a file the UI does not have; the web app
// (or the plain root page) for the app's own routes.
func (s *server) noRoute(c *gin.Context) {
	p := c.Request.URL.Path
	switch {
	case p == "/api" || strings.HasPrefix(p, "/api/"):
		writeProblem(c, http.StatusNotFound, "no route "+c.Request.Method+" "+p+"; the API is described at "+Prefix+"/openapi.yaml", "")
	case s.ui != nil && (appRoute(p) || s.uiHasFile(p)):
		// gin has set 404 for an unrouted path; the app decides its own.
		c.Status(http.StatusOK)
		s.ui.ServeHTTP(c.Writer, c.Request)
	case p == "/" && (c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead):
		c.Data(http.StatusOK, "text/html; charset=utf-8", []byte(rootPage))
	default:
		writeProblem(c, http.StatusNotFound, "no page "+p, "")
	}
}

// appRoute reports whether a path is one of the web app's own (the app
// reads its state from the URL): no segment starts with a dot and the last
// has none. A path like /.git/config or /backup.sql asks for a file the
// server does not have, and gets a 404 rather than the app's page.
func appRoute(p string) bool {
	return !strings.Contains(p, "/.") && !strings.Contains(p[strings.LastIndexByte(p, '/')+1:], ".")
}

// uiHasFile reports whether the UI serves the file at path p; a UI that
// cannot tell is trusted to.
func (s *server) uiHasFile(p string) bool {
	files, ok := s.ui.(interface{ HasFile(string) bool })
	return !ok || files.HasFile(p)
}

// noMethod answers a known path asked with a method it does not serve; gin
// has already set the Allow header.
func (s *server) noMethod(c *gin.Context) {
	writeProblem(c, http.StatusMethodNotAllowed, "method "+c.Request.Method+" is not allowed on "+c.Request.URL.Path, "")
}

// rootPage stands in for the web app when the server has none.
const rootPage = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>entitygraph</title></head>
<body>
<h1>entitygraph</h1>
<p>This server has no web app built in. The JSON API is at
<a href="` + Prefix + `/entities">` + Prefix + `</a>; its OpenAPI description is at
<a href="` + Prefix + `/openapi.yaml">` + Prefix + `/openapi.yaml</a>.</p>
<p>Health: <a href="/healthz">/healthz</a>, readiness: <a href="/readyz">/readyz</a>.</p>
</body>
</html>
`

package api

import (
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/entitygraph/entitygraph/graph"
)

// metrics are what GET /metrics serves, in Prometheus's text format. Each
// server has its own registry, so that two servers in one process (the
// tests) count apart.
type metrics struct {
	registry            *prometheus.Registry
	requestDuration     *prometheus.HistogramVec
	extractionsInFlight prometheus.Gauge
	extractionDuration  prometheus.Histogram
	storeErrors         *prometheus.CounterVec
	documentsIngested   *prometheus.CounterVec
}

func newMetrics() *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requestDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "entitygraph_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route (the route's pattern, or \"unrouted\"), method and status.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route", "method", "status"}),
		extractionsInFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "entitygraph_extractions_in_flight",
			Help: "Documents of POST /documents being extracted now (at most one per CPU).",
		}),
		extractionDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "entitygraph_extraction_duration_seconds",
			Help:    "Time to extract one posted document, whatever the outcome.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}),
		storeErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "entitygraph_store_errors_total",
			Help: "Requests that failed in the store or the server, by error code (unavailable, conflict, internal); a bad request is not counted.",
		}, []string{"code"}),
		documentsIngested: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "entitygraph_documents_ingested_total",
			Help: "Documents written by POST /documents: written (the store changed) or unchanged.",
		}, []string{"result"}),
	}
	m.registry.MustRegister(m.requestDuration, m.extractionsInFlight, m.extractionDuration, m.storeErrors, m.documentsIngested,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Every series a dashboard looks for exists from the start, at zero.
	for _, r := range []string{"written", "unchanged"} {
		m.documentsIngested.WithLabelValues(r)
	}
	for _, c := range []graph.Code{graph.Unavailable, graph.Conflict, graph.Internal} {
		m.storeErrors.WithLabelValues(string(c))
	}
	return m
}

// observeRequests is the middleware that times every request.
func (m *metrics) observeRequests(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := c.FullPath()
	if route == "" {
		route = "unrouted"
	}
	m.requestDuration.WithLabelValues(route, c.Request.Method, strconv.Itoa(c.Writer.Status())).Observe(time.Since(start).Seconds())
}

// countError counts an error answered to a client when it is the store's
// or the server's, not the request's (invalid, not found).
func (m *metrics) countError(code graph.Code) {
	switch code {
	case graph.Unavailable, graph.Conflict, graph.Internal:
		m.storeErrors.WithLabelValues(string(code)).Inc()
	}
}

// extracting marks the start of an extraction; the function it returns
// marks its end.
func (m *metrics) extracting() (done func()) {
	start := time.Now()
	m.extractionsInFlight.Inc()
	return func() {
		m.extractionsInFlight.Dec()
		m.extractionDuration.Observe(time.Since(start).Seconds())
	}
}

// serve answers GET /metrics.
func (m *metrics) serve() gin.HandlerFunc {
	return gin.WrapH(promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{}))
}

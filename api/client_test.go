package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/entitygraph/entitygraph/graph"
)

// client sends requests to the API in process and holds every answer to
// openapi.yaml, so that the spec cannot drift from the server.
type client struct {
	t      *testing.T
	h      http.Handler
	spec   *openapi3.T
	router routers.Router
}

// newClient serves cfg (its Logger set to the test log when nil).
func newClient(t *testing.T, cfg Config) *client {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(testWriter{t}, nil))
	}
	spec := loadSpec(t)
	router, err := gorillamux.NewRouter(spec)
	if err != nil {
		t.Fatalf("routing openapi.yaml: %v", err)
	}
	return &client{t: t, h: New(cfg), spec: spec, router: router}
}

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	spec, err := loader.LoadFromData(openAPISpec)
	if err != nil {
		t.Fatalf("loading openapi.yaml: %v", err)
	}
	if err := spec.Validate(loader.Context); err != nil {
		t.Fatalf("openapi.yaml is not a valid OpenAPI document: %v", err)
	}
	// The published spec leaves objects open, so that clients keep working
	// when a field is added; the tests close them, so that a field the
	// server sends but the spec does not describe fails. Request bodies
	// stay open: the server ignores unknown fields there.
	for name, ref := range spec.Components.Schemas {
		if name != "DocumentInput" && ref.Value.Type.Is("object") && len(ref.Value.Properties) > 0 {
			ref.Value.AdditionalProperties = openapi3.AdditionalProperties{Has: openapi3.Ptr(false)}
		}
	}
	return spec
}

// testWriter sends the server's log to the test's, shown on failure.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// get sends GET target.
func (c *client) get(target string) *httptest.ResponseRecorder {
	c.t.Helper()
	return c.do(httptest.NewRequest(http.MethodGet, target, nil))
}

// postJSON sends POST target with a JSON body.
func (c *client) postJSON(target, body string) *httptest.ResponseRecorder {
	c.t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return c.do(req)
}

// do serves req and checks the answer against the spec: a route the spec
// has must answer as the spec says (status, headers, body), and must have
// accepted only requests the spec allows; any other request must get a
// problem.
func (c *client) do(req *http.Request) *httptest.ResponseRecorder {
	c.t.Helper()
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, req)

	if rec.Header().Get(RequestIDHeader) == "" {
		c.t.Errorf("%s %s: no %s in the response", req.Method, req.URL, RequestIDHeader)
	}
	// A fresh copy for the validator: the server has read the body.
	vreq := req.Clone(context.Background())
	vreq.Body = io.NopCloser(bytes.NewReader(body))
	route, params, err := c.router.FindRoute(vreq)
	if err != nil {
		// No route in the spec (unknown path, wrong method): the server
		// must say so with a problem.
		if rec.Code < 400 {
			c.t.Errorf("%s %s: %d for a request the spec has no route for (%v)", req.Method, req.URL, rec.Code, err)
		}
		c.checkProblemSchema(req, rec)
		return rec
	}
	in := &openapi3filter.RequestValidationInput{
		Request: vreq, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc},
	}
	if rec.Code < 300 {
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil {
			c.t.Errorf("%s %s: the server accepted (%d) a request the spec forbids: %v", req.Method, req.URL, rec.Code, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 rec.Code,
		Header:                 rec.Header(),
		Body:                   io.NopCloser(bytes.NewReader(rec.Body.Bytes())),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		c.t.Errorf("%s %s: the response does not match openapi.yaml: %v\nbody: %.500s", req.Method, req.URL, err, rec.Body.String())
	}
	return rec
}

// checkProblemSchema holds a response with no route in the spec to the
// Problem schema.
func (c *client) checkProblemSchema(req *http.Request, rec *httptest.ResponseRecorder) {
	c.t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != problemContentType {
		c.t.Errorf("%s %s: Content-Type %q, want %q", req.Method, req.URL, ct, problemContentType)
		return
	}
	var v any
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		c.t.Errorf("%s %s: problem body is not JSON: %v", req.Method, req.URL, err)
		return
	}
	if err := c.spec.Components.Schemas["Problem"].Value.VisitJSON(v); err != nil {
		c.t.Errorf("%s %s: problem body does not match the Problem schema: %v", req.Method, req.URL, err)
	}
}

// decode reads a JSON response body into a value of type T.
func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	return decodeBytes[T](t, rec.Body.Bytes())
}

func decodeBytes[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("decoding %T from %.500q: %v", v, body, err)
	}
	return v
}

// wantStatus fails the test unless rec has status want.
func wantStatus(t *testing.T, rec *httptest.ResponseRecorder, want int) {
	t.Helper()
	if rec.Code != want {
		t.Fatalf("status %d, want %d; body: %.1000s", rec.Code, want, rec.Body.String())
	}
}

// wantProblem checks that rec is a problem of this status naming param
// (when param is not empty), and returns it.
func wantProblem(t *testing.T, rec *httptest.ResponseRecorder, status int, param string) Problem {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); ct != problemContentType {
		t.Errorf("Content-Type %q, want %q", ct, problemContentType)
	}
	p := decode[Problem](t, rec)
	if rec.Code != status || p.Status != status {
		t.Errorf("status %d (body says %d), want %d: %+v", rec.Code, p.Status, status, p)
	}
	if p.Detail == "" || p.Title != http.StatusText(status) {
		t.Errorf("problem %+v: want a detail and the title %q", p, http.StatusText(status))
	}
	if p.Param != param {
		t.Errorf("problem names param %q, want %q (detail: %s)", p.Param, param, p.Detail)
	}
	if p.RequestID == "" || p.RequestID != rec.Header().Get(RequestIDHeader) {
		t.Errorf("problem request_id %q, header %q: want the same, not empty", p.RequestID, rec.Header().Get(RequestIDHeader))
	}
	return p
}

// extractorFunc makes a function an Extractor.
type extractorFunc func(ctx context.Context, doc graph.Document) (*graph.Extraction, error)

func (f extractorFunc) Extract(ctx context.Context, doc graph.Document) (*graph.Extraction, error) {
	return f(ctx, doc)
}

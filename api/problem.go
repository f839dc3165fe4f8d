package api

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/gin-gonic/gin"
)

// Problem is an RFC 9457 problem detail, the body of every error response.
// Type is always "about:blank": the status tells the kind of problem, Title
// is its standard text, Detail what went wrong with this request.
type Problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail,omitempty"`
	Instance string `json:"instance,omitempty"`
	// Param names the query, path or body parameter at fault (400 only).
	Param string `json:"param,omitempty"`
	// RequestID is the X-Request-ID of the request, to find it in the log.
	RequestID string `json:"request_id,omitempty"`
}

const problemContentType = "application/problem+json"

// statusClientClosed is logged for a request whose client disconnected
// before the answer (nginx's 499); the client never sees it.
const statusClientClosed = 499

// internalDetail is all a 500 tells the client; the log has the cause.
const internalDetail = "internal error; the server log has the cause under this request id"

// statusOf is the one place that maps the domain's error codes to HTTP.
func statusOf(code graph.Code) int {
	switch code {
	case graph.NotFound:
		return http.StatusNotFound
	case graph.Invalid:
		return http.StatusBadRequest
	case graph.Conflict:
		return http.StatusConflict
	case graph.TooLarge:
		return http.StatusRequestEntityTooLarge
	case graph.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// problem answers the request with the problem err stands for. An error
// that is not one of the domain's may carry internals in its text, so a 500
// says only "internal error" and the cause goes to the log; other codes
// show the error's user-facing message.
func (s *server) problem(c *gin.Context, err error) {
	if errors.Is(err, context.Canceled) && c.Request.Context().Err() != nil {
		// The client went away: nobody reads the answer, and nothing is
		// wrong with the server. 499 is what proxies log for it.
		s.log.InfoContext(c.Request.Context(), "client closed the request", "request_id", requestIDOf(c))
		c.AbortWithStatus(statusClientClosed)
		return
	}
	code := graph.ErrorCode(err)
	s.metrics.countError(code)
	status := statusOf(code)
	detail := graph.ErrorMessage(err)
	param := ""
	var ge *graph.Error
	if errors.As(err, &ge) {
		param = ge.Param
	}
	switch status {
	case http.StatusInternalServerError:
		detail = internalDetail
		s.log.ErrorContext(c.Request.Context(), "request failed", "err", err, "request_id", requestIDOf(c))
	case http.StatusServiceUnavailable:
		s.log.WarnContext(c.Request.Context(), "store unavailable", "err", err, "request_id", requestIDOf(c))
	}
	writeProblem(c, status, detail, param)
}

// writeProblem writes a problem response with this status and detail, and
// aborts the handler chain.
func writeProblem(c *gin.Context, status int, detail, param string) {
	p := Problem{
		Type:      "about:blank",
		Title:     http.StatusText(status),
		Status:    status,
		Detail:    detail,
		Instance:  c.Request.URL.RequestURI(),
		Param:     param,
		RequestID: requestIDOf(c),
	}
	body, err := json.Marshal(p)
	if err != nil {
		// A struct of strings and an int always marshals.
		panic(err)
	}
	if status == http.StatusServiceUnavailable {
		c.Header("Retry-After", "5")
	}
	c.Data(status, problemContentType, body)
	c.Abort()
}

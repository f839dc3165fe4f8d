package api

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/gin-gonic/gin"
)

// RequestIDHeader carries the id that ties a request to its log lines and
// its problem responses.
const RequestIDHeader = "X-Request-ID"

const requestIDKey = "entitygraph.request_id"

// maxRequestIDLen bounds a caller's request id so that a client cannot
// fill the log with one header.
const maxRequestIDLen = 128

// requestID keeps the caller's X-Request-ID when it is a short printable
// token, or makes a new one, and echoes it in the response.
func (s *server) requestID(c *gin.Context) {
	id := c.GetHeader(RequestIDHeader)
	if !validRequestID(id) {
		id = newRequestID()
	}
	c.Set(requestIDKey, id)
	c.Header(RequestIDHeader, id)
	c.Next()
}

// validRequestID accepts 1 to maxRequestIDLen visible ASCII characters:
// what a proxy or a client library generates, and safe to log and echo.
func validRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] > '~' {
			return false
		}
	}
	return true
}

func newRequestID() string {
	var b [12]byte
	// crypto/rand.Read never returns an error (it crashes the program
	// instead when the system has no randomness).
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// requestIDOf returns the request id set by the requestID middleware, or ""
// outside it.
func requestIDOf(c *gin.Context) string {
	return c.GetString(requestIDKey)
}

// maxRequestHeadBytes bounds the request line and headers this server
// reads; past it the answer is a 431 problem. net/http itself refuses
// heads over http.DefaultMaxHeaderBytes (1 MiB) with a plain-text 431,
// before any handler runs.
const maxRequestHeadBytes = 64 << 10

// limitHead answers 431 when the request's line and headers are over
// maxRequestHeadBytes: no query or header of this API needs that much.
func (s *server) limitHead(c *gin.Context) {
	n := len(c.Request.Method) + len(c.Request.RequestURI) + len(c.Request.Proto)
	for name, values := range c.Request.Header {
		for _, v := range values {
			n += len(name) + len(v) + 4
		}
	}
	if n > maxRequestHeadBytes {
		writeProblem(c, http.StatusRequestHeaderFieldsTooLarge,
			fmt.Sprintf("the request line and headers are %d bytes; the limit is %d", n, maxRequestHeadBytes), "")
		return
	}
	c.Next()
}

// accessLog writes one line per request once it is answered.
func (s *server) accessLog(c *gin.Context) {
	start := time.Now()
	c.Next()
	status := c.Writer.Status()
	level := slog.LevelInfo
	if status >= http.StatusInternalServerError {
		level = slog.LevelError
	}
	s.log.LogAttrs(c.Request.Context(), level, "http request",
		slog.String("method", c.Request.Method),
		slog.String("path", c.Request.URL.Path),
		slog.String("query", c.Request.URL.RawQuery),
		slog.Int("status", status),
		slog.Int("bytes", max(c.Writer.Size(), 0)),
		slog.Duration("duration", time.Since(start)),
		slog.String("client", c.ClientIP()),
		slog.String("request_id", requestIDOf(c)),
	)
}

// recoverPanic turns a panic in a handler into a logged 500 problem, so that
// one bad request neither kills the server nor leaves the client with a
// dropped connection. http.ErrAbortHandler is re-raised: it is how a
// handler asks net/http to drop the connection on purpose.
func (s *server) recoverPanic(c *gin.Context) {
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
			panic(v)
		}
		s.log.ErrorContext(c.Request.Context(), "handler panicked",
			"panic", v, "request_id", requestIDOf(c), "stack", string(debug.Stack()))
		if c.Writer.Written() {
			// Too late for a problem response: the status is already sent.
			c.Abort()
			return
		}
		writeProblem(c, http.StatusInternalServerError, internalDetail, "")
	}()
	c.Next()
}

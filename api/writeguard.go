package api

import (
	"crypto/subtle"
	"math"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
	"golang.org/x/time/rate"
)

// Every route that changes the graph goes through writeGuard, in this
// order:
//
//  1. The API key. When the server has one (Config.APIKey), a write must
//     send it as "Authorization: Bearer KEY" (401 otherwise). A browser
//     sends that header cross-site only after a CORS preflight, which this
//     server never grants, so a key also stops other web pages.
//  2. Without a key, the same origin: a write a browser sends from another
//     site (its Origin, or Sec-Fetch-Site, says so) gets 403. Clients that
//     are not browsers send neither header and pass; `serve` without a key
//     listens on loopback only, so they are local.
//  3. The body's type: each write route names the types it reads (415
//     otherwise, with Accept-Post listing them); a route that reads no
//     body (DELETE) names none and sends none. A browser sends a DELETE
//     cross-site only after a CORS preflight, which this server never
//     grants. Requiring
//     application/json also means a cross-site HTML form, which can only
//     send form or text types, cannot write even without a key.
//  4. A rate per client address (Config.WriteRate, WriteBurst): 429 with
//     Retry-After past it, so that one client cannot queue every
//     extraction slot.
//
// writeGuard returns that middleware for a route that reads the body types
// given (media types without parameters, such as "application/json").
func (s *server) writeGuard(bodyTypes ...string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if !s.authorized(c) {
			return
		}
		if s.apiKey == "" && crossSite(c.Request) {
			writeProblem(c, http.StatusForbidden, "writes from another site are refused: without an API key this server accepts writes only from its own pages and from clients that are not browsers", "")
			return
		}
		if len(bodyTypes) > 0 && !hasBodyType(c.Request, bodyTypes) {
			c.Header("Accept-Post", strings.Join(bodyTypes, ", "))
			writeProblem(c, http.StatusUnsupportedMediaType, "Content-Type must be "+strings.Join(bodyTypes, " or ")+", not "+strconv.Quote(c.ContentType()), "")
			return
		}
		if wait, ok := s.writeLimits.allow(c.ClientIP(), time.Now()); !ok {
			c.Header("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
			writeProblem(c, http.StatusTooManyRequests, "too many writes from this client; retry after the time in Retry-After", "")
			return
		}
		c.Next()
	}
}

// authorized reports whether the request may write as far as the API key
// goes, and answers 401 when it may not.
func (s *server) authorized(c *gin.Context) bool {
	if s.apiKey == "" {
		return true
	}
	token, ok := strings.CutPrefix(c.GetHeader("Authorization"), "Bearer ")
	if ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(token)), []byte(s.apiKey)) == 1 {
		return true
	}
	c.Header("WWW-Authenticate", `Bearer realm="entitygraph writes"`)
	detail := "this server requires an API key for writes: send Authorization: Bearer KEY"
	if ok {
		detail = "the API key is wrong"
	}
	writeProblem(c, http.StatusUnauthorized, detail, "")
	return false
}

// crossSite reports whether a browser sent r from a page of another
// origin: Sec-Fetch-Site says so, or Origin names another host than the
// one r was sent to.
func crossSite(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "cross-site", "same-site":
		return true
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return false
	}
	u, err := url.Parse(origin)
	return err != nil || !strings.EqualFold(u.Host, r.Host)
}

// hasBodyType reports whether r's Content-Type is one of types.
func hasBodyType(r *http.Request, types []string) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && slices.Contains(types, mt)
}

// clientLimits is a token bucket per client address. It keeps at most
// maxClients buckets: when full, it forgets the buckets that have refilled
// (their clients are back at a full burst, so nothing is lost), and if
// none has, it starts again, which a flood of addresses can exploit only
// as far as getting a fresh burst each.
type clientLimits struct {
	every rate.Limit
	burst int
	mu    sync.Mutex
	byIP  map[string]*rate.Limiter
}

const maxClients = 10000

func newClientLimits(every rate.Limit, burst int) *clientLimits {
	return &clientLimits{every: every, burst: burst, byIP: map[string]*rate.Limiter{}}
}

// allow takes a token of client's bucket at now; when it has none, it
// returns false and how long until one is there. A zero rate allows all.
func (l *clientLimits) allow(client string, now time.Time) (time.Duration, bool) {
	if l == nil || l.every == 0 {
		return 0, true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	lim, ok := l.byIP[client]
	if !ok {
		if len(l.byIP) >= maxClients {
			l.forgetFull(now)
		}
		lim = rate.NewLimiter(l.every, l.burst)
		l.byIP[client] = lim
	}
	r := lim.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return d, false
	}
	return 0, true
}

func (l *clientLimits) forgetFull(now time.Time) {
	for ip, lim := range l.byIP {
		if lim.TokensAt(now) >= float64(l.burst) {
			delete(l.byIP, ip)
		}
	}
	if len(l.byIP) >= maxClients {
		clear(l.byIP)
	}
}

package api

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/entitygraph/entitygraph/graph"
)

// Page tokens are bound to the list and the query they page: the store's
// own token (an offset) travels inside a token signed with HMAC-SHA256 over
// the list's name, the request's filter parameters (every query parameter
// but page_size and page_token, sorted) and the store's token. A token from
// another list, from the same list with other filters, or changed by hand
// fails the check and gets 400 naming page_token, where an unsigned offset
// gave another list's page or an empty one. page_size may change from page
// to page.
//
// The key is derived from the API key when the server has one, so that
// servers sharing a key accept each other's tokens; otherwise it is random
// per process, and a restart ends the pagings in progress (a client starts
// again from the first page).
type pageTokens struct {
	key []byte
}

// macBytes is how much of the HMAC a token carries: 128 bits.
const macBytes = 16

func newPageTokens(apiKey string) *pageTokens {
	if apiKey != "" {
		m := hmac.New(sha256.New, []byte(apiKey))
		m.Write([]byte("entitygraph page tokens"))
		return &pageTokens{key: m.Sum(nil)}
	}
	key := make([]byte, 32)
	// crypto/rand.Read never returns an error.
	_, _ = rand.Read(key)
	return &pageTokens{key: key}
}

// mac returns the HMAC of the store's token for list and the filters of q.
func (p *pageTokens) mac(list string, q url.Values, inner string) []byte {
	m := hmac.New(sha256.New, p.key)
	m.Write([]byte(list))
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range q {
			if k != "page_token" && k != "page_size" && !yield(k) {
				return
			}
		}
	}) {
		for _, v := range q[k] {
			m.Write([]byte{0})
			m.Write([]byte(k))
			m.Write([]byte{'='})
			m.Write([]byte(v))
		}
	}
	m.Write([]byte{0})
	m.Write([]byte(inner))
	return m.Sum(nil)[:macBytes]
}

// wrap returns the token a client gets for the store's next-page token
// inner of list, asked with c's query; "" stays "" (the last page).
func (p *pageTokens) wrap(c *gin.Context, list, inner string) string {
	return p.sign(list, c.Request.URL.Query(), inner)
}

// sign returns the token for the store's token inner of list asked with
// query q; "" stays "".
func (p *pageTokens) sign(list string, q url.Values, inner string) string {
	if inner == "" {
		return ""
	}
	raw := append(p.mac(list, q, inner), inner...)
	return base64.RawURLEncoding.EncodeToString(raw)
}

// unwrap returns the store's token inside the page_token of c's query for
// list: "" when there is none, an Invalid error naming page_token when it
// is not one this server gave out for this list and these filters.
func (p *pageTokens) unwrap(c *gin.Context, list string) (string, error) {
	token := c.Query("page_token")
	if token == "" {
		return "", nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err == nil && len(raw) > macBytes {
		inner := string(raw[macBytes:])
		if hmac.Equal(raw[:macBytes], p.mac(list, c.Request.URL.Query(), inner)) {
			return inner, nil
		}
	}
	return "", graph.InvalidParam("api.pageToken", "page_token",
		"page_token is not one this server gave for this list and these filters; start again without it")
}

// pageParam returns the page of list asked for by page_size and page_token,
// or an Invalid error naming the one at fault.
func (s *server) pageParam(c *gin.Context, list string) (graph.PageRequest, error) {
	size, err := intParam(c, "page_size", graph.DefaultPageSize, 1, graph.MaxPageSize)
	if err != nil {
		return graph.PageRequest{}, err
	}
	inner, err := s.pageTokens.unwrap(c, list)
	if err != nil {
		return graph.PageRequest{}, err
	}
	p := graph.PageRequest{Size: size, Token: inner}
	if _, _, err := p.Normalize(); err != nil {
		return graph.PageRequest{}, err
	}
	return p, nil
}

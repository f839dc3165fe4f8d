package graph

import (
	"encoding/base64"
	"strconv"
	"strings"
)

// Normalize returns the page size to use (DefaultPageSize for 0) and the
// offset the token stands for; an Invalid error names page_size or
// page_token when either is out of range or unreadable.
func (p PageRequest) Normalize() (size, offset int, err error) {
	size = p.Size
	switch {
	case size == 0:
		size = DefaultPageSize
	case size < 0 || size > MaxPageSize:
		return 0, 0, InvalidParam("graph.PageRequest", "page_size", "page_size must be between 1 and %d", MaxPageSize)
	}
	if p.Token == "" {
		return size, 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(p.Token)
	if err == nil {
		if s, ok := strings.CutPrefix(string(raw), "o:"); ok {
			if offset, err = strconv.Atoi(s); err == nil && offset >= 0 {
				return size, offset, nil
			}
		}
	}
	return 0, 0, InvalidParam("graph.PageRequest", "page_token", "page_token is not one this server gave out")
}

// NextPageToken returns the token for the page after one that started at
// offset and returned n of size items: empty when that page was the last.
// Stores ask for size+1 rows to know whether another page follows.
func NextPageToken(offset, size int, more bool) string {
	if !more {
		return ""
	}
	return base64.RawURLEncoding.EncodeToString([]byte("o:" + strconv.Itoa(offset+size)))
}

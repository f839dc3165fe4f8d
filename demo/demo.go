// Package demo holds the bundled demo corpus that `entitygraph serve --demo` loads.
//
// The corpus is 24 short news articles written for this project (see
// README.md); people, organizations and outlets recur across articles so that
// the demo graph connects documents rather than showing 24 islands.
package demo

import _ "embed"

//go:embed articles.jsonl
var articles []byte

// Articles returns the demo corpus as JSONL, one input document per line in
// the shape of shared/eval-format.md ("id", "title", "date", "source", "url",
// "text"). It returns a copy, so a caller that edits the bytes cannot change
// what the next caller gets; it cannot fail.
func Articles() []byte {
	return append([]byte(nil), articles...)
}

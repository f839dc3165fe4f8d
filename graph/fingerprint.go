package graph

import (
	"encoding/binary"
	"hash/fnv"
	"strings"
	"unicode"
)

// Near-duplicate detection of syndicated copies: the same wire story
// published by many outlets, each with its own headline, dateline, byline
// and footer, some cut short or lightly edited.
//
// A text is reduced to its shingles (every run of shingleWords words,
// lower-cased, without punctuation) and then to a MinHash signature of
// signatureHashes values: the fraction of equal values of two signatures
// estimates the Jaccard similarity of the two shingle sets. Candidates are
// found by locality-sensitive hashing (bands of bandRows values), so that
// adding a document costs the same however many came before (the stores
// index documents by their band keys, Fingerprint.Bands), and each
// candidate is then compared on its whole signature.
//
// Two texts are copies when their estimated containment (the shared
// shingles over the smaller set) is at least CopyThreshold, and the
// smaller text is at least minCopyRatio of the larger: a story cut to its
// first paragraphs is still a copy, while a long article that quotes a
// short one is not. On the labelled set in testdata/dedupe (42 documents,
// 861 pairs, 48 of them copies; see its README) this gives precision 0.889
// and recall 1.000: every copy pair, none of the independent reports of
// the same events or the follow-ups that reuse a paragraph, but 6 false
// pairs, all with a briefing that runs two wire stories whole, which by
// its text is a copy of each. Copies score a containment of 0.82 to 0.99
// and the other pairs 0.24 at most, apart from the briefing (0.75 to
// 0.99): any threshold from 0.3 to 0.7 gives the same result, 0.8 drops
// two of the briefing's pairs but sits within MinHash's error (about 0.05
// at 128 hashes) of the lowest copy, and 0.9 misses half the copies. See
// TestDuplicateDetectionOnTheLabelledSet.
const (
	shingleWords    = 5
	signatureHashes = 128
	bandRows        = 4
	// CopyThreshold is the estimated containment from which two texts
	// are copies of one story.
	CopyThreshold = 0.6
	minCopyRatio  = 0.4
)

// Fingerprint is what near-duplicate detection keeps of a text: its
// MinHash signature and its number of shingles.
type Fingerprint struct {
	sig      [signatureHashes]uint64
	shingles int
}

// FingerprintBytes is the length of Fingerprint.Bytes.
const FingerprintBytes = 8 * (signatureHashes + 1)

// Bytes encodes f for a store; ParseFingerprint decodes it.
func (f Fingerprint) Bytes() []byte {
	b := make([]byte, 0, FingerprintBytes)
	for _, v := range f.sig {
		b = binary.BigEndian.AppendUint64(b, v)
	}
	return binary.BigEndian.AppendUint64(b, uint64(f.shingles))
}

// ParseFingerprint decodes what Fingerprint.Bytes encoded; ok is false
// for anything else.
func ParseFingerprint(b []byte) (f Fingerprint, ok bool) {
	if len(b) != FingerprintBytes {
		return f, false
	}
	for i := range f.sig {
		f.sig[i] = binary.BigEndian.Uint64(b[8*i:])
	}
	f.shingles = int(binary.BigEndian.Uint64(b[8*signatureHashes:]))
	return f, true
}

// Bands returns the LSH band keys of f, one per bandRows values of its
// signature: two texts that share a band key are candidate copies, and
// two copies share one with high probability (at the lowest containment
// of a copy in the labelled set, a Jaccard of about 0.5, all 32 bands
// miss with probability (1-0.5^4)^32, 0.13%). The keys are int64 for the
// stores' integer columns. An empty text has none.
func (f Fingerprint) Bands() []int64 {
	if f.shingles == 0 {
		return nil
	}
	keys := make([]int64, 0, signatureHashes/bandRows)
	for b := 0; b < signatureHashes; b += bandRows {
		key := uint64(b)
		for _, v := range f.sig[b : b+bandRows] {
			key = mix(key ^ v)
		}
		keys = append(keys, int64(key))
	}
	return keys
}

// NewFingerprint returns the fingerprint of text. Its cost is linear in
// the length of the text.
func NewFingerprint(text string) Fingerprint {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var f Fingerprint
	for i := range f.sig {
		f.sig[i] = ^uint64(0)
	}
	if len(words) == 0 {
		return f
	}
	n := max(1, len(words)-shingleWords+1)
	seen := make(map[uint64]bool, n)
	for i := range n {
		h := fnv.New64a()
		for _, w := range words[i:min(len(words), i+shingleWords)] {
			h.Write([]byte(w))
			h.Write([]byte{0})
		}
		s := h.Sum64()
		if seen[s] {
			continue
		}
		seen[s] = true
		for k := range f.sig {
			if v := mix(s ^ seeds[k]); v < f.sig[k] {
				f.sig[k] = v
			}
		}
	}
	f.shingles = len(seen)
	return f
}

// seeds make signatureHashes hash functions of one.
var seeds = func() (s [signatureHashes]uint64) {
	x := uint64(0x9e3779b97f4a7c15)
	for i := range s {
		x = mix(x + uint64(i))
		s[i] = x
	}
	return s
}()

// mix is splitmix64's finalizer: a cheap, well-spread 64-bit hash.
func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Jaccard estimates the Jaccard similarity of the shingle sets of the two
// texts: shared shingles over all of them.
func (f Fingerprint) Jaccard(g Fingerprint) float64 {
	same := 0
	for i := range f.sig {
		if f.sig[i] == g.sig[i] {
			same++
		}
	}
	return float64(same) / signatureHashes
}

// Containment estimates the share of the smaller text's shingles that the
// other holds, from the Jaccard estimate and the two set sizes.
func (f Fingerprint) Containment(g Fingerprint) float64 {
	j := f.Jaccard(g)
	small := min(f.shingles, g.shingles)
	if small == 0 {
		return 0
	}
	shared := j * float64(f.shingles+g.shingles) / (1 + j)
	return min(1, shared/float64(small))
}

// IsCopy reports whether the two texts are copies of one story (see
// CopyThreshold).
func (f Fingerprint) IsCopy(g Fingerprint) bool {
	small, large := min(f.shingles, g.shingles), max(f.shingles, g.shingles)
	if large == 0 || float64(small) < minCopyRatio*float64(large) {
		return false
	}
	return f.Containment(g) >= CopyThreshold
}

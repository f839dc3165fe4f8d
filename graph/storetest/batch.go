package storetest

import (
	"testing"

	"github.com/entitygraph/entitygraph/graph"
)

// batchStore is a store that writes batches.
type batchStore interface {
	graph.Store
	graph.BatchWriter
}

// runBatch runs the cases of graph.BatchWriter; open returns a fresh,
// empty store (see Run).
func runBatch(t *testing.T, open func(t *testing.T) batchStore) {
	t.Run("BatchEqualsOneByOne", func(t *testing.T) { testBatchEqualsOneByOne(t, open) })
	t.Run("BatchWithInvalidWritesNothing", func(t *testing.T) { testBatchInvalid(t, open(t)) })
	t.Run("BatchTwiceUnchanged", func(t *testing.T) { testBatchTwice(t, open(t)) })
}

// newNoteVersion returns DocNote dated 2024-03, without its statement and
// the Kremlin, which only it names.
func newNoteVersion() *graph.Extraction {
	x := seed().byDocument(DocNote)
	x.Document.Date = "2024-03"
	x.Statements = nil
	x.Entities = x.Entities[:0:0]
	for _, e := range seed().byDocument(DocNote).Entities {
		if e.ID != Kremlin {
			x.Entities = append(x.Entities, e)
		}
	}
	return x
}

// testBatchEqualsOneByOne writes the same extractions one by one into one
// store and as one batch into another: the results and the stores must
// be the same, also when a batch holds a document twice (a later
// extraction replaces an earlier one, or finds it unchanged).
func testBatchEqualsOneByOne(t *testing.T, open func(t *testing.T) batchStore) {
	tests := []struct {
		name string
		xs   func() []*graph.Extraction
	}{
		{"the seed", func() []*graph.Extraction { return seed().extractions }},
		{"a document and its new version", func() []*graph.Extraction {
			return append(seed().extractions, newNoteVersion())
		}},
		{"a new version, then the first one back", func() []*graph.Extraction {
			return append(seed().extractions, newNoteVersion(), seed().byDocument(DocNote))
		}},
		{"the same document twice", func() []*graph.Extraction {
			return append(seed().extractions, seed().byDocument(DocBudanov))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []graph.WriteResult
			var wantSnap snapshot
			t.Run("one by one", func(t *testing.T) {
				s := open(t)
				for _, x := range tt.xs() {
					res, err := s.WriteExtraction(t.Context(), x)
					if err != nil {
						t.Fatalf("WriteExtraction(%s): %v", x.Document.ID, err)
					}
					want = append(want, res)
				}
				wantSnap = take(t, s)
			})
			t.Run("batch", func(t *testing.T) {
				if want == nil {
					t.Fatal("writing one by one failed")
				}
				s := open(t)
				got, err := s.WriteExtractions(t.Context(), tt.xs())
				if err != nil {
					t.Fatalf("WriteExtractions: %v", err)
				}
				equal(t, "results", got, want)
				equal(t, "store", take(t, s), wantSnap)
			})
		})
	}
}

// testBatchInvalid writes a batch of two good extractions around a bad
// one: it is rejected as Invalid and the store is as before, the good
// extractions included.
func testBatchInvalid(t *testing.T, s batchStore) {
	Write(t, s, seed().byDocument(DocBudanov))
	before := take(t, s)
	tests := []struct {
		name string
		bad  func() *graph.Extraction
	}{
		{"speaker not among the entities", func() *graph.Extraction {
			x := seed().byDocument(DocNote)
			x.Statements[0].Speaker = graph.EntityRef{ID: "person:ghost", Kind: graph.KindPerson, Name: "Ghost"}
			return x
		}},
		// Only the store can tell: the id is another document's.
		{"statement id of another document", func() *graph.Extraction {
			x := seed().byDocument(DocNote)
			x.Statements[0].ID = seed().id("budanov-supplier")
			return x
		}},
		{"nil", func() *graph.Extraction { return nil }},
	}
	for _, tt := range tests {
		changed := seed().byDocument(DocBudanov)
		changed.Document.Title += " (updated)"
		xs := []*graph.Extraction{seed().byDocument(DocYusov), changed, tt.bad(), seed().byDocument(DocSeoul)}
		_, err := s.WriteExtractions(t.Context(), xs)
		wantCode(t, tt.name, err, graph.Invalid, "")
	}
	for _, id := range []string{DocYusov, DocSeoul, DocNote} {
		_, err := s.Document(t.Context(), id)
		wantCode(t, "document "+id+" of a rejected batch", err, graph.NotFound, "")
	}
	equal(t, "store after rejected batches", take(t, s), before)
}

// testBatchTwice writes the seed as one batch twice: the second write
// reports every document Unchanged and changes nothing.
func testBatchTwice(t *testing.T, s batchStore) {
	if _, err := s.WriteExtractions(t.Context(), seed().extractions); err != nil {
		t.Fatalf("first WriteExtractions: %v", err)
	}
	before := take(t, s)
	res, err := s.WriteExtractions(t.Context(), seed().extractions)
	if err != nil {
		t.Fatalf("second WriteExtractions: %v", err)
	}
	if len(res) != len(seed().extractions) {
		t.Fatalf("%d results for %d extractions", len(res), len(seed().extractions))
	}
	for i, r := range res {
		if id := seed().extractions[i].Document.ID; r.DocumentID != id || !r.Unchanged {
			t.Errorf("result %d of the second batch = %+v, want %s Unchanged", i, r, id)
		}
	}
	equal(t, "store after writing the batch twice", take(t, s), before)
}

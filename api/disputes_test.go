package api

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/ingest"
	"github.com/entitygraph/entitygraph/internal/teststores"
)

// TestDisputePrecision measures GET /disputes on the demo corpus, the dev
// set and the cross-document cases of testdata/disputes against the pairs annotated by hand in testdata/disputes (see
// its README): every pair found must be annotated, and precision and
// recall must stay at their floors.
func TestDisputePrecision(t *testing.T) {
	root := filepath.Join("..", "testdata", "disputes")
	gold := readDisputeGold(t, filepath.Join(root, "annotated.tsv"))
	x, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	files := []string{filepath.Join("..", "demo", "articles.jsonl"), filepath.Join("..", "testdata", "gold", "dev.jsonl"), filepath.Join(root, "crossdoc.jsonl")}
	teststores.Each(t, func(t *testing.T, open func(t *testing.T) graph.Store) {
		store := open(t)
		if _, err := ingest.IntoStore(t.Context(), store, x, ingest.FileSource(files, ingest.ReadOptions{}), ingest.Options{}); err != nil {
			t.Fatal(err)
		}
		c := newClient(t, Config{Store: store, Version: "test"})
		page := decode[disputePage](t, c.get("/api/v1/disputes?page_size=500"))
		right := 0
		for _, d := range page.Disputes {
			claims, ok := gold.answers(d.Denial)
			if !ok {
				t.Errorf("denial %q of %s is not annotated in %s", d.Denial.Text, d.Denial.DocumentID, root)
				continue
			}
			if claims.matches(d.Claim.Text) {
				right++
			} else {
				t.Logf("wrong pair: %q answers %q", d.Denial.Text, d.Claim.Text)
			}
		}
		precision := float64(right) / float64(max(len(page.Disputes), 1))
		recall := float64(right) / float64(gold.withClaim())
		t.Logf("disputes: %d pairs, %d right: precision %.2f, recall %.2f (of %d annotated denials with a claim)",
			len(page.Disputes), right, precision, recall, gold.withClaim())
		if precision < 0.85 || recall < 0.46 {
			t.Errorf("precision %.2f, recall %.2f: under the floors 0.85 and 0.46", precision, recall)
		}
	})
}

// disputeGold is the annotated set: per document, each denial's sentence
// start and the sentence starts of the claims it answers.
type disputeGold []struct {
	doc, denial string
	claims      acceptable
}

type acceptable []string

func (a acceptable) matches(text string) bool {
	for _, p := range a {
		if strings.HasPrefix(text, p) {
			return true
		}
	}
	return false
}

func (g disputeGold) answers(denial graph.Statement) (acceptable, bool) {
	for _, r := range g {
		if r.doc == denial.DocumentID && strings.HasPrefix(denial.Text, r.denial) {
			return r.claims, true
		}
	}
	return nil, false
}

func (g disputeGold) withClaim() int {
	n := 0
	for _, r := range g {
		if len(r.claims) > 0 {
			n++
		}
	}
	return n
}

func readDisputeGold(t *testing.T, path string) disputeGold {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var g disputeGold
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Fatalf("%s: %q has %d columns, want 3", path, line, len(cols))
		}
		var claims acceptable
		if cols[2] != "-" {
			claims = strings.Split(cols[2], "|")
		}
		g = append(g, struct {
			doc, denial string
			claims      acceptable
		}{cols[0], cols[1], claims})
	}
	return g
}

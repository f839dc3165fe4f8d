package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entitygraph/entitygraph/demo"
	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/neo4j/neo4jtest"
	"github.com/entitygraph/entitygraph/graph/sqlite"
)

const seedPath = "../../../shared/seed/north-korea-weapons.txt"

func runCmd(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), args, func(string) string { return "" }, &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestUsageErrors(t *testing.T) {
	tests := [][]string{
		{},
		{"frobnicate"},
		{"corrections"},
		{"corrections", "frob"},
		{"corrections", "import"},
		{"ingest"},
		{"extract", "--format", "xml", seedPath},
		{"ingest", "--store", "mysql://x", seedPath},
		{"serve", "extra-arg"},
		{"eval", "--names", "oracle", seedPath},
		{"eval", "--fold", "5/5", seedPath},
		{"eval", "--fold", "1", seedPath},
	}
	for _, args := range tests {
		if _, _, err := runCmd(t, args...); !errors.Is(err, errUsage) || exitCode(err) != 2 {
			t.Errorf("run(%q) = %v, want a usage error (exit 2)", args, err)
		}
	}
}

// eval --fold K/N scores every Nth document from the Kth (the held-out
// documents of the name tagger are --fold 4/5), under each --names.
func TestEvalFoldAndNames(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tiny.conll")
	var conll strings.Builder
	for _, sent := range []string{
		"President O\nMarta I-PER\nKovalenko I-PER\nspoke O\n. O\n",
		"The O\nbridge O\nwas O\nclosed O\n. O\n",
		"Sen. O\nDarnell I-PER\nWhitcombe I-PER\nsaid O\nno O\n. O\n",
		"It O\nrained O\n. O\n",
	} {
		conll.WriteString("-DOCSTART- O\n\n" + sent + "\n")
	}
	if err := os.WriteFile(path, []byte(conll.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		docs int
	}{
		{nil, 4},
		{[]string{"--fold", "0/2"}, 2},
		{[]string{"--fold", "1/2"}, 2},
		{[]string{"--fold", "3/4"}, 1},
		{[]string{"--names", "rules"}, 4},
		{[]string{"--names", "model"}, 4},
	} {
		args := append(append([]string{"eval", "--json", "--conll"}, c.args...), path)
		out, errOut, err := runCmd(t, args...)
		if err != nil {
			t.Fatalf("%q: %v\n%s", args, err, errOut)
		}
		var rep struct{ Documents int }
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%q: %v\n%s", args, err, out)
		}
		if rep.Documents != c.docs {
			t.Errorf("%q scored %d documents, want %d", args, rep.Documents, c.docs)
		}
	}
}

// eval --model scores the extractor with another name tagger model (one
// trained without a fifth, to score that fifth): the shipped model's file
// gives the shipped extractor's report, and a file that is no model fails.
func TestEvalModel(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tiny.conll")
	conll := "-DOCSTART- O\n\nMinister O\nIrena I-PER\nSokol I-PER\nvisited O\nthe O\nHalden I-ORG\nInstitute I-ORG\n. O\n\n"
	if err := os.WriteFile(path, []byte(conll), 0o644); err != nil {
		t.Fatal(err)
	}
	want, errOut, err := runCmd(t, "eval", "--json", "--conll", path)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	got, errOut, err := runCmd(t, "eval", "--json", "--conll", "--model", "../../extract/ner/model.bin", path)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if got != want {
		t.Errorf("with the shipped model's file:\n%s\nwithout --model:\n%s", got, want)
	}
	if _, _, err := runCmd(t, "eval", "--conll", "--model", path, path); err == nil || !strings.Contains(err.Error(), "--model") {
		t.Errorf("eval --model with a CoNLL file as the model: %v, want an error naming --model", err)
	}
}

func TestExtractPrintsTheSeedInTheEvalFormat(t *testing.T) {
	out, _, err := runCmd(t, "extract", "--format", "jsonl", seedPath)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		ID       string
		Entities []struct {
			Type, Name string
		}
		Statements []struct {
			Speaker    string
			About      []string
			ReportedBy []string `json:"reported_by"`
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("output is not one JSON line: %v\n%s", err, out)
	}
	entities := map[string]string{}
	for _, e := range doc.Entities {
		entities[e.Name] = e.Type
	}
	for name, typ := range map[string]string{"Kyrylo Budanov": "PERSON", "Andrii Yusov": "PERSON", "Russia": "COUNTRY",
		"North Korea": "COUNTRY", "Financial Times": "ORGANIZATION"} {
		if entities[name] != typ {
			t.Errorf("entity %s is %q, want %s", name, entities[name], typ)
		}
	}
	found := false
	for _, s := range doc.Statements {
		if s.Speaker == "Kyrylo Budanov" && contains(s.About, "North Korea") && contains(s.About, "Russia") && contains(s.ReportedBy, "Financial Times") {
			found = true
		}
	}
	if !found {
		t.Errorf("no statement by Kyrylo Budanov about North Korea and Russia reported by the Financial Times: %+v", doc.Statements)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func storeStats(t *testing.T, path string) graph.Stats {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	stats, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return stats
}

func TestIngestingTheSeedTwiceChangesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "g.db")
	out, _, err := runCmd(t, "ingest", "--store", "sqlite:"+db, seedPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "1 written (0 unchanged, 0 duplicates folded), 0 skipped") {
		t.Errorf("summary line = %q", out)
	}
	first := storeStats(t, db)
	out, _, err = runCmd(t, "ingest", "--store", "sqlite:"+db, seedPath)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "1 written (1 unchanged, 0 duplicates folded)") {
		t.Errorf("second summary line = %q", out)
	}
	if second := storeStats(t, db); !statsEqual(first, second) {
		t.Errorf("stats changed on the second ingest:\n%+v\n%+v", first, second)
	}
}

func statsEqual(a, b graph.Stats) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return bytes.Equal(ja, jb)
}

func TestIngestSkipsBadInputWithReasonsAndKeepsTheRest(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	write("empty.txt", nil)
	write("binary.txt", []byte{0x7f, 'E', 'L', 'F', 0, 0, 1, 2})
	write("latin1.txt", []byte("Caf\xe9 owner Jean Dupont said prices rose."))
	write("huge.txt", bytes.Repeat([]byte("Ministers said nothing. "), graph.MaxDocumentBytes/24+10))
	write("news.jsonl", []byte(`{"id": "ok-1", "text": "Kyrylo Budanov said North Korea supplies Russia, the Financial Times reported."}`+"\n"+
		`{"id": "broken", "text": `+"\n"+
		`{"id": "ok-2", "date": "2024-02-01", "text": "Andrii Yusov told Reuters that Russia is short of shells."}`+"\n"))
	db := filepath.Join(t.TempDir(), "g.db")
	out, errOut, err := runCmd(t, "ingest", "--store", "sqlite:"+db, dir)
	if err == nil || exitCode(err) != 1 {
		t.Fatalf("err = %v, want a non-zero exit for skipped inputs", err)
	}
	for _, want := range []string{
		"skipped " + filepath.Join(dir, "empty.txt") + ": document is empty",
		"skipped " + filepath.Join(dir, "binary.txt") + ":",
		"skipped " + filepath.Join(dir, "latin1.txt") + ":",
		"skipped " + filepath.Join(dir, "huge.txt") + ":",
		"skipped " + filepath.Join(dir, "news.jsonl") + ":2:",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	for _, want := range []string{"binary", "UTF-8", "2097152"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr does not explain %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "7 documents") || !strings.Contains(out, "2 written") || !strings.Contains(out, "5 skipped") {
		t.Errorf("summary = %q", out)
	}
	if stats := storeStats(t, db); stats.Documents != 2 {
		t.Errorf("store holds %d documents, want the 2 good ones", stats.Documents)
	}
}

// lockedBuffer lets the test read what serve prints while it runs.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestServeDemoAnswersAndShutsDownGracefully(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	db := filepath.Join(t.TempDir(), "g.db")
	var out lockedBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--store", "sqlite:" + db, "--addr", "127.0.0.1:0", "--demo"},
			func(string) string { return "" }, &out, io.Discard)
	}()
	addr := regexp.MustCompile(`serving (http://\S+/)`)
	var base string
	for deadline := time.Now().Add(60 * time.Second); base == ""; time.Sleep(50 * time.Millisecond) {
		if m := addr.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended early: %v\n%s", err, out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve printed no address in time:\n%s", out.String())
		}
	}
	if !strings.Contains(out.String(), "demo: loaded 24 documents") {
		t.Errorf("serve --demo did not report loading the corpus:\n%s", out.String())
	}
	for path, want := range map[string]string{
		"healthz":                  "ok",
		"readyz":                   "ready",
		"api/v1/entities?q=Peskov": "Dmitry Peskov",
		"":                         "<html",
	} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(strings.ToLower(string(body)), strings.ToLower(want)) {
			t.Errorf("GET /%s = %d %.200s; want 200 with %q", path, resp.StatusCode, body, want)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after shutdown, want nil", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}

	// A second start on the same store does not load the demo again.
	out2, _, err := runCmdCtx(t, []string{"serve", "--store", "sqlite:" + db, "--addr", "127.0.0.1:0", "--demo"})
	if err != nil || !strings.Contains(out2, "already holds 24 documents") {
		t.Errorf("second serve --demo: %v\n%s", err, out2)
	}
}

// runCmdCtx runs a command with a context that is cancelled as soon as it
// prints its address, for commands that would otherwise serve forever.
func runCmdCtx(t *testing.T, args []string) (string, string, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out lockedBuffer
	var errOut bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, func(string) string { return "" }, &out, &errOut) }()
	for {
		select {
		case err := <-done:
			return out.String(), errOut.String(), err
		case <-time.After(20 * time.Millisecond):
			if strings.Contains(out.String(), "serving") {
				cancel()
			}
		}
	}
}

func TestIngestIntoANeo4jThatIsDownFailsClearly(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	_, _, err = runCmd(t, "ingest", "--store", "bolt://"+addr, seedPath)
	if err == nil || exitCode(err) != 1 || !strings.Contains(err.Error(), "Neo4j is unavailable") {
		t.Errorf("ingest into a Neo4j that is down: %v; want exit 1 saying Neo4j is unavailable", err)
	}
}

// Two ingest runs writing the same documents into one Neo4j at the same
// time, each with its own driver as two processes would have, end with
// the graph one run gives.
func TestConcurrentIngestsIntoNeo4jGiveTheGraphOfOne(t *testing.T) {
	uri := neo4jtest.Config(t).URI
	store := neo4jtest.Open(t) // wiped, and held for this test
	ctx := context.Background()
	corpus := filepath.Join(t.TempDir(), "corpus.jsonl")
	if err := os.WriteFile(corpus, demo.Articles(), 0o644); err != nil {
		t.Fatal(err)
	}
	ingestOnce := func() error {
		_, _, err := runCmd(t, "ingest", "--store", uri, corpus, seedPath)
		return err
	}
	if err := ingestOnce(); err != nil {
		t.Fatal(err)
	}
	one, err := store.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	neo4jtest.Wipe(t, neo4jtest.Config(t))
	errs := make(chan error, 2)
	for range 2 {
		go func() { errs <- ingestOnce() }()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	two, err := store.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !statsEqual(one, two) {
		t.Errorf("two concurrent ingests gave\n%+v\none gave\n%+v", two, one)
	}
}

func TestServeWarnsOnceWhenItsStoreIsDownAndLogsJSON(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	_, logs, err := runCmdCtx(t, []string{"serve", "--store", "bolt://" + addr, "--addr", "127.0.0.1:0", "--log-format", "json"})
	if err != nil {
		t.Fatalf("serve with its Neo4j down: %v, want it to serve (503 until Neo4j is up)", err)
	}
	warnings := 0
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q is not JSON: %v", line, err)
		}
		if rec["level"] == "WARN" && strings.Contains(fmt.Sprint(rec["msg"]), "store does not answer") {
			warnings++
		}
	}
	if warnings != 1 {
		t.Errorf("%d warnings that the store is down; want one:\n%s", warnings, logs)
	}
	if _, _, err := runCmdCtx(t, []string{"serve", "--log-format", "xml"}); exitCode(err) != 2 {
		t.Errorf("--log-format xml: %v; want a usage error", err)
	}
}

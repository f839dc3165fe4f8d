// Package neo4jtest gives tests a Neo4j store that starts empty. The
// server is the one at ENTITYGRAPH_TEST_NEO4J_URI (with NEO4J_USERNAME,
// NEO4J_PASSWORD and NEO4J_DATABASE when set); without it, outside CI, the
// tests start their own with scripts/neo4j-server (its data under
// .cache/neo4j/test, port 7688 or the next free one), never the developer's.
// In CI (CI=true) a missing URI fails the test: Neo4j is never skipped.
//
// Every store opened here wipes the database, which is why the variable
// names a test server and not NEO4J_URI. The server has one database, so
// tests take turns: one store at a time per process, and a file lock
// across the test binaries of different packages that run at once.
package neo4jtest

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/entitygraph/entitygraph/graph/neo4j"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// EnvURI names the variable that points the tests at a Neo4j they may wipe.
const EnvURI = "ENTITYGRAPH_TEST_NEO4J_URI"

// Config returns the configuration of the test server, starting one with
// scripts/neo4j-server when EnvURI is unset and this is not CI. It fails
// the test when no server can be had.
func Config(tb testing.TB) neo4j.Config {
	tb.Helper()
	if uri := os.Getenv(EnvURI); uri != "" {
		return neo4j.Config{
			URI: uri, Username: os.Getenv("NEO4J_USERNAME"), Password: os.Getenv("NEO4J_PASSWORD"),
			Database: os.Getenv("NEO4J_DATABASE"),
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("Neo4j required in CI: set %s (start one with: scripts/neo4j-server start)", EnvURI)
	}
	root := repoRoot(tb)
	// The script reuses a running server, so asking again costs a few
	// milliseconds; that spares this package a process-wide cache.
	cmd := exec.Command(filepath.Join(root, "scripts", "neo4j-server"), "start")
	cmd.Env = append(os.Environ(), "NEO4J_SERVER_DIR="+filepath.Join(root, ".cache", "neo4j", "test"), "NEO4J_PORT=7688")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("starting Neo4j with scripts/neo4j-server (set %s to use another): %v\n%s", EnvURI, err, stderr.String())
	}
	return neo4j.Config{URI: lastLine(out)}
}

// Limited returns the configuration of a server of its own, started empty
// with scripts/neo4j-server for the test and stopped when it ends, that
// gives one transaction at most txMemory (NEO4J_TX_MEMORY, Neo4j's
// db.memory.transaction.max, such as "8m"): where a test meets Neo4j's
// refusal of a transaction too big for its memory without writing
// gigabytes. It runs beside the shared test server (its data under
// .cache/neo4j/test-txmemory, port 7689 or, when taken, a free one from 17687 up), in CI too:
// the project's own script starts it, so it is never skipped.
func Limited(tb testing.TB, txMemory string) neo4j.Config {
	tb.Helper()
	root := repoRoot(tb)
	dir := filepath.Join(root, ".cache", "neo4j", "test-txmemory")
	server := func(verb string) ([]byte, error) {
		cmd := exec.Command(filepath.Join(root, "scripts", "neo4j-server"), verb)
		cmd.Env = append(os.Environ(), "NEO4J_SERVER_DIR="+dir, "NEO4J_PORT=7689", "NEO4J_TX_MEMORY="+txMemory)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("scripts/neo4j-server %s (NEO4J_TX_MEMORY=%s): %w\n%s", verb, txMemory, err, stderr.String())
		}
		return out, nil
	}
	// A server left by a test that was killed may have another limit and
	// data: start from nothing. The script picks a free port, but another
	// server starting at the same time (a second checkout's tests) can
	// take it before Neo4j binds it: then start again, on the next free one.
	var out []byte
	for attempt := 1; ; attempt++ {
		if _, err := server("stop"); err != nil {
			tb.Fatal(err)
		}
		if err := os.RemoveAll(dir); err != nil {
			tb.Fatal(err)
		}
		var err error
		if out, err = server("start"); err == nil {
			break
		} else if attempt == 3 || !strings.Contains(err.Error(), "Address already in use") {
			tb.Fatal(err)
		}
	}
	uri := lastLine(out)
	tb.Cleanup(func() {
		if _, err := server("stop"); err != nil {
			tb.Error(err)
		}
		os.RemoveAll(dir)
	})
	return neo4j.Config{URI: uri}
}

// Open returns a store on the test server with an empty database, closed
// when the test ends. The test holds the server until then: another test
// that opens a store waits for it, and a second Open in the same test
// fails, since it would wipe the first store's data.
func Open(t testing.TB) *neo4j.Store {
	t.Helper()
	cfg := Config(t)
	hold(t, cfg.URI)
	ctx := context.Background()
	s, err := neo4j.Open(ctx, cfg)
	if err != nil {
		t.Fatalf("opening the Neo4j store at %s: %v", cfg.URI, err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("closing the Neo4j store: %v", err)
		}
	})
	Wipe(t, cfg)
	return s
}

// Wipe deletes every node and edge of the database cfg names, keeping the
// schema. Batches keep a large graph from filling the server's heap.
func Wipe(tb testing.TB, cfg neo4j.Config) {
	tb.Helper()
	ctx := context.Background()
	auth := driver.NoAuth()
	if cfg.Username != "" {
		auth = driver.BasicAuth(cfg.Username, cfg.Password, "")
	}
	d, err := driver.NewDriverWithContext(cfg.URI, auth)
	if err != nil {
		tb.Fatalf("wiping Neo4j: %v", err)
	}
	defer d.Close(ctx)
	sess := d.NewSession(ctx, driver.SessionConfig{DatabaseName: cfg.Database})
	defer sess.Close(ctx)
	// CALL IN TRANSACTIONS must run outside a managed transaction.
	res, err := sess.Run(ctx, "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS", nil)
	if err == nil {
		_, err = res.Consume(ctx)
	}
	if err != nil {
		tb.Fatalf("wiping Neo4j at %s: %v", cfg.URI, err)
	}
}

// process is the server's state in this test process: which test holds
// it. The server is shared by the whole process, so this state is too.
var process = struct {
	sync.Mutex
	cond   *sync.Cond
	holder string
}{}

func init() { process.cond = sync.NewCond(&process.Mutex) }

// hold makes t the only user of the server at uri until t ends: first
// among the tests of this process, then, by a file lock, among the test
// binaries of other packages.
func hold(t testing.TB, uri string) {
	t.Helper()
	process.Lock()
	for process.holder != "" {
		if h := process.holder; t.Name() == h || strings.HasPrefix(t.Name(), h+"/") {
			process.Unlock()
			t.Fatalf("neo4jtest: %s opens a second Neo4j store while %s holds one; the server has one database, so open one store per test", t.Name(), h)
		}
		process.cond.Wait()
	}
	process.holder = t.Name()
	process.Unlock()

	sum := sha256.Sum256([]byte(uri))
	path := filepath.Join(os.TempDir(), "entitygraph-neo4jtest-"+hex.EncodeToString(sum[:8])+".lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err == nil {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
	}
	if err != nil {
		release()
		t.Fatalf("neo4jtest: locking %s: %v", path, err)
	}
	t.Cleanup(func() {
		f.Close() // closing drops the flock
		release()
	})
}

func release() {
	process.Lock()
	process.holder = ""
	process.cond.Broadcast()
	process.Unlock()
}

// repoRoot is the directory of go.mod above the test's working directory.
func repoRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("neo4jtest: no go.mod above the working directory")
		}
		dir = parent
	}
}

func lastLine(out []byte) string {
	var last string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			last = l
		}
	}
	return last
}

package neo4j_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/neo4j"
	"github.com/entitygraph/entitygraph/graph/neo4j/neo4jtest"
	"github.com/entitygraph/entitygraph/graph/storetest"
	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// TestContract runs the contract suite on stores that fill their row
// cache as soon as they read (see TestCachedRowsFollowOtherWriters), so
// that its reads of a neighborhood after the first come from the cache.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store {
		s := neo4jtest.Open(t)
		s.FillRowCacheAtOnce()
		return s
	})
}

// TestBrowserQuery checks the model from a researcher's side: the Cypher
// of DESIGN.md, typed into Neo4j Browser, finds Budanov's statements
// reported by the Financial Times.
func TestBrowserQuery(t *testing.T) {
	s := neo4jtest.Open(t)
	storetest.Write(t, s, storetest.SeedExtractions()...)
	cfg := neo4jtest.Config(t)
	rows := cypher(t, cfg, `MATCH (p:Person)-[:STATED]->(s:Statement)-[:REPORTED_BY]->(o:Organization)
RETURN p.name, s.text, o.name ORDER BY s.text`)
	var budanovFT int
	for _, r := range rows {
		if r[0] == "Kyrylo Budanov" && r[2] == "Financial Times" {
			budanovFT++
		}
	}
	if budanovFT != 3 {
		t.Errorf("Budanov statements reported by the Financial Times: got %d, want 3; rows %q", budanovFT, rows)
	}
	for _, c := range []struct {
		query string
		want  [][]any
	}{
		{`MATCH (:Country {name: 'Russia'}) RETURN count(*)`, [][]any{{int64(1)}}},
		{`MATCH (e:Entity) WHERE NOT (e:Person OR e:Organization OR e:Country) RETURN count(e)`, [][]any{{int64(0)}}},
		{`MATCH (o:Organization {name: 'South Korean intelligence'})-[:BASED_IN]->(c:Country) RETURN c.name`, [][]any{{"South Korea"}}},
		{`MATCH (p:Person {name: 'Kyrylo Budanov'})-[r:AFFILIATED_WITH]->(o) RETURN DISTINCT r.role, o.name`,
			[][]any{{"head of", "Defense Intelligence Directorate"}}},
		{`MATCH (:Statement)-[:IN]->(d:Document {id: 'uanews-budanov-ft'}) RETURN count(*)`, [][]any{{int64(3)}}},
		{`MATCH (e:Country {name: 'Russia'})-[m:MENTIONED_IN]->(:Document {id: 'uanews-budanov-ft'}) RETURN m.count`, [][]any{{int64(5)}}},
	} {
		if got := cypher(t, cfg, c.query); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s\n got %v\nwant %v", c.query, got, c.want)
		}
	}
}

// cypher runs a read query with its own driver, as a user's tool would.
func cypher(t *testing.T, cfg neo4j.Config, query string) [][]any {
	t.Helper()
	ctx := context.Background()
	d, err := driver.NewDriverWithContext(cfg.URI, driver.NoAuth())
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close(ctx)
	res, err := driver.ExecuteQuery(ctx, d, query, nil, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(cfg.Database))
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	rows := [][]any{}
	for _, r := range res.Records {
		rows = append(rows, r.Values)
	}
	return rows
}

// TestSearchQuerySyntax: what a user types is never Lucene syntax, and
// words match whatever their case and accents.
func TestSearchQuerySyntax(t *testing.T) {
	s := neo4jtest.Open(t)
	storetest.Write(t, s, storetest.SeedExtractions()...)
	for _, c := range []struct {
		text string
		want []string
	}{
		{`budanov`, []string{storetest.Budanov}},
		{`BUDÁNOV`, []string{storetest.Budanov}},
		{`kyrylo bud`, []string{storetest.Budanov}},
		{`name:budanov`, nil}, // no field syntax: "name" is a word that no entity has with budanov
		{`budanov OR yusov`, nil},
		{`"kyrylo`, []string{storetest.Budanov}},
		{`(kyrylo) && bud*`, []string{storetest.Budanov}},
		{`*`, nil},
		{`\ ~ ^ [ ] { } : ! / ?`, nil},
		{`and`, []string{storetest.Yusov}}, // a prefix of Andrii, not an operator
		{`to`, nil},
	} {
		page, err := s.SearchEntities(context.Background(), graph.EntityQuery{Text: c.text})
		if err != nil {
			t.Errorf("SearchEntities(%q): %v", c.text, err)
			continue
		}
		var got []string
		for _, e := range page.Entities {
			got = append(got, e.ID)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("SearchEntities(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// TestConcurrentWriters: two processes (here two stores, each with its own
// driver) writing the same documents at once end with the graph that one
// writer leaves: constraints and MERGE keep nodes single, the document
// lock and retries on deadlocks keep counts right.
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	cfg := neo4jtest.Config(t)
	docs := append(storetest.SeedExtractions(), neo4jtest.DemoExtractions(60)...)

	one := neo4jtest.Open(t)
	storetest.Write(t, one, docs...)
	want := dump(t, one)

	neo4jtest.Wipe(t, cfg)
	other, err := neo4j.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	for _, s := range []*neo4j.Store{one, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, x := range docs {
				if _, err := s.WriteExtraction(ctx, x); err != nil {
					errs <- fmt.Errorf("writing %s: %w", x.Document.ID, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := dump(t, one); !reflect.DeepEqual(got, want) {
		t.Errorf("two writers left another graph than one:\n got %+v\nwant %+v", got.Stats, want.Stats)
	}
}

// snapshot is everything a reader can see of a store.
type snapshot struct {
	Stats      graph.Stats
	Entities   []graph.Entity
	Statements []graph.Statement
	Neighbors  [][]graph.Neighbor
}

func dump(t *testing.T, s graph.Store) snapshot {
	t.Helper()
	ctx := context.Background()
	var snap snapshot
	var err error
	if snap.Stats, err = s.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for token := ""; ; {
		page, err := s.SearchEntities(ctx, graph.EntityQuery{Page: graph.PageRequest{Size: graph.MaxPageSize, Token: token}})
		if err != nil {
			t.Fatal(err)
		}
		snap.Entities = append(snap.Entities, page.Entities...)
		for _, e := range page.Entities {
			ids = append(ids, e.ID)
		}
		if token = page.NextPageToken; token == "" {
			break
		}
	}
	for token := ""; ; {
		page, err := s.Statements(ctx, graph.StatementQuery{Page: graph.PageRequest{Size: graph.MaxPageSize, Token: token}})
		if err != nil {
			t.Fatal(err)
		}
		snap.Statements = append(snap.Statements, page.Statements...)
		if token = page.NextPageToken; token == "" {
			break
		}
	}
	if snap.Neighbors, err = s.Neighbors(ctx, ids, graph.MaxNodeLimit, graph.LinkFilter{}); err != nil {
		t.Fatal(err)
	}
	return snap
}

// TestOpenWhileNeo4jIsDown: a store opened before its server is up (serve
// started before Neo4j) answers Unavailable, saying why, within seconds,
// and works by itself once the server is there.
func TestOpenWhileNeo4jIsDown(t *testing.T) {
	ctx := context.Background()
	cfg := neo4jtest.Config(t)
	neo4jtest.Open(t) // holds and wipes the server for this test
	p := newProxy(t, hostPort(t, cfg.URI))
	p.stop()
	pcfg := cfg
	pcfg.URI = "bolt://" + p.addr

	start := time.Now()
	s, err := neo4j.Open(ctx, pcfg)
	if err != nil {
		t.Fatalf("Open while Neo4j is down: %v, want a store that waits for it", err)
	}
	defer s.Close()
	err = s.Ping(ctx)
	if graph.ErrorCode(err) != graph.Unavailable || !strings.Contains(graph.ErrorMessage(err), "cannot connect") {
		t.Fatalf("Ping while Neo4j is down: %v (code %q), want Unavailable saying it cannot connect", err, graph.ErrorCode(err))
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("Open and Ping while Neo4j is down took %v", took)
	}

	p.restart()
	deadline := time.Now().Add(30 * time.Second)
	for s.Ping(ctx) != nil {
		if time.Now().After(deadline) {
			t.Fatalf("Ping still fails 30s after Neo4j came up: %v", s.Ping(ctx))
		}
		time.Sleep(200 * time.Millisecond)
	}
	storetest.Write(t, s, storetest.SeedExtractions()[0])
	page, err := s.SearchEntities(ctx, graph.EntityQuery{Text: "Budanov"})
	if err != nil || len(page.Entities) == 0 || page.Entities[0].ID != storetest.Budanov {
		t.Errorf("search after Neo4j came up = %+v, %v; want Kyrylo Budanov", page.Entities, err)
	}
	if _, err := neo4j.Open(ctx, neo4j.Config{URI: "http://" + p.addr}); graph.ErrorCode(err) != graph.Invalid {
		t.Errorf("Open with an http URI: %v, want Invalid", err)
	}
}

// TestOutageAndRecovery cuts the store off from Neo4j (through a TCP
// proxy that can be switched off and on) and checks that reads, writes and
// Ping fail as Unavailable, write nothing half, and work again by
// themselves once the server is back.
func TestOutageAndRecovery(t *testing.T) {
	ctx := context.Background()
	s, p := storeBehindProxy(t)
	seed := storetest.SeedExtractions()
	storetest.Write(t, s, seed[0])

	p.stop()
	for name, call := range map[string]func(context.Context) error{
		"Ping":   s.Ping,
		"Warm":   s.Warm,
		"Entity": func(ctx context.Context) error { _, err := s.Entity(ctx, storetest.Budanov); return err },
		"Search": func(ctx context.Context) error {
			_, err := s.SearchEntities(ctx, graph.EntityQuery{Text: "bud"})
			return err
		},
		"Write": func(ctx context.Context) error { _, err := s.WriteExtraction(ctx, seed[1]); return err },
	} {
		start := time.Now()
		err := call(ctx)
		if graph.ErrorCode(err) != graph.Unavailable {
			t.Errorf("%s while Neo4j is down: %v (code %q), want Unavailable", name, err, graph.ErrorCode(err))
		}
		if took := time.Since(start); took > 20*time.Second {
			t.Errorf("%s while Neo4j is down took %v", name, took)
		}
	}

	p.restart()
	deadline := time.Now().Add(30 * time.Second)
	for s.Ping(ctx) != nil {
		if time.Now().After(deadline) {
			t.Fatalf("Ping still fails 30s after Neo4j came back: %v", s.Ping(ctx))
		}
		time.Sleep(200 * time.Millisecond)
	}
	if _, err := s.Entity(ctx, storetest.Budanov); err != nil {
		t.Errorf("Entity after recovery: %v", err)
	}
	if err := s.Warm(ctx); err != nil {
		t.Errorf("Warm after recovery: %v", err)
	}
	if _, err := s.Document(ctx, seed[1].Document.ID); graph.ErrorCode(err) != graph.NotFound {
		t.Errorf("the write during the outage left document %s: %v", seed[1].Document.ID, err)
	}
	storetest.Write(t, s, seed[1])
}

func hostPort(t testing.TB, uri string) string {
	t.Helper()
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "bolt" || u.Port() == "" {
		t.Fatalf("the outage test needs a bolt://HOST:PORT URI, not %q", uri)
	}
	return u.Host
}

// proxy forwards TCP connections to a Neo4j server; stop closes the port
// and every connection, as a server that went away does, and restart
// listens on the same port again.
type proxy struct {
	t      testing.TB
	target string
	addr   string
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func newProxy(t testing.TB, target string) *proxy {
	p := &proxy{t: t, target: target, addr: "127.0.0.1:0"}
	p.restart()
	t.Cleanup(p.stop)
	return p
}

func (p *proxy) restart() {
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		p.t.Fatalf("proxy: %v", err)
	}
	p.mu.Lock()
	p.ln, p.addr = ln, ln.Addr().String()
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go pipe(c, up)
			go pipe(up, c)
		}
	}()
}

func pipe(dst, src net.Conn) {
	_, _ = io.Copy(dst, src) // ends when either side closes
	dst.Close()
	src.Close()
}

func (p *proxy) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// TestMergeLeavesOneNode: what Neo4j Browser and Bloom show after a merge
// is one node, which keeps the merged-away id as merged_ids; undoing the
// merge brings the two back.
func TestMergeLeavesOneNode(t *testing.T) {
	s := neo4jtest.Open(t)
	storetest.Write(t, s, storetest.SeedExtractions()...)
	cfg := neo4jtest.Config(t)
	const q = `MATCH (e:Organization) WHERE e.name ENDS WITH 'Intelligence Directorate'
RETURN e.id, e.merged_ids ORDER BY e.id`
	c, err := s.AddCorrection(context.Background(), graph.Correction{Kind: graph.CorrectMerge, Target: storetest.MainIntel,
		After: &graph.EntityRef{ID: storetest.DefenseIntel}})
	if err != nil {
		t.Fatal(err)
	}
	got := cypher(t, cfg, q)
	want := [][]any{{storetest.DefenseIntel, []any{storetest.MainIntel}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("nodes after the merge: %v, want %v", got, want)
	}
	if rows := cypher(t, cfg, `MATCH (:Person {id: '`+storetest.Yusov+`'})-[:AFFILIATED_WITH]->(o) RETURN o.id`); !reflect.DeepEqual(rows, [][]any{{storetest.DefenseIntel}}) {
		t.Errorf("Yusov's affiliation after the merge: %v", rows)
	}
	if _, err := s.UndoCorrection(context.Background(), c.ID); err != nil {
		t.Fatal(err)
	}
	got = cypher(t, cfg, q)
	want = [][]any{{storetest.DefenseIntel, nil}, {storetest.MainIntel, nil}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("nodes after undoing the merge: %v, want %v", got, want)
	}
}

// TestCachedRowsFollowOtherWriters: two Stores on one database; the rows
// one keeps of a neighborhood do not outlive a write through the other.
func TestCachedRowsFollowOtherWriters(t *testing.T) {
	reader := neo4jtest.Open(t)
	reader.FillRowCacheAtOnce()
	cfg := neo4jtest.Config(t)
	open := func() *neo4j.Store {
		t.Helper()
		s, err := neo4j.Open(t.Context(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	fresh := storetest.ReadsFollowOtherWriters(t, reader, open(), open)
	if reader.RowCacheRows() == 0 {
		t.Fatal("the neighborhood reads kept no rows: the test checks nothing")
	}
	if n := fresh.RowCacheRows(); n != 0 {
		t.Errorf("a Store that saw the generation just now kept %d rows; want none until it settles", n)
	}
}

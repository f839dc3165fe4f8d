package neo4j_test

import (
	"context"
	"testing"
	"time"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/neo4j"
	"github.com/entitygraph/entitygraph/graph/neo4j/neo4jtest"
	"github.com/entitygraph/entitygraph/graph/storetest"
)

// BenchmarkOutage measures how long a read and a write take to answer
// Unavailable once Neo4j has gone away (a TCP proxy in front of the test
// server is switched off): the first operation after the outage, which
// goes through the driver's one retry, and the later ones, which try one
// connection (README, "Limits"):
//
//	ENTITYGRAPH_TEST_NEO4J_URI=bolt://... go test ./graph/neo4j -run '^$' -bench Outage -benchtime 5x
func BenchmarkOutage(b *testing.B) {
	ctx := context.Background()
	s, p := storeBehindProxy(b)
	seed := storetest.SeedExtractions()
	storetest.Write(b, s, seed[0])
	p.stop()
	timed := func(call func() error) time.Duration {
		start := time.Now()
		if err := call(); graph.ErrorCode(err) != graph.Unavailable {
			b.Fatalf("during the outage: %v, want Unavailable", err)
		}
		return time.Since(start)
	}
	read := func() error { _, err := s.Stats(ctx); return err }
	write := func() error { _, err := s.WriteExtraction(ctx, seed[1]); return err }
	first := timed(read)
	var reads, writes time.Duration
	for b.Loop() {
		reads += timed(read)
		writes += timed(write)
	}
	b.ReportMetric(first.Seconds(), "first-read-s")
	b.ReportMetric(reads.Seconds()/float64(b.N), "read-s")
	b.ReportMetric(writes.Seconds()/float64(b.N), "write-s")
}

// storeBehindProxy returns a store on the test server (held and wiped for
// tb) reached through a proxy that tb can switch off; the store is closed
// when tb ends.
func storeBehindProxy(tb testing.TB) (*neo4j.Store, *proxy) {
	tb.Helper()
	cfg := neo4jtest.Config(tb)
	neo4jtest.Open(tb)
	p := newProxy(tb, hostPort(tb, cfg.URI))
	pcfg := cfg
	pcfg.URI = "bolt://" + p.addr
	s, err := neo4j.Open(context.Background(), pcfg)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s, p
}

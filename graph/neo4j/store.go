// Package neo4j is the graph.Store on a Neo4j 5 server, through the official
// Go driver (neo4j-go-driver v5), for users who keep their graph in Neo4j or
// outgrow one machine (a cluster or Aura through a neo4j:// or neo4j+s://
// URI).
//
// The graph is stored as DESIGN.md §3 draws it, so that Neo4j Browser and
// Bloom can query it as written:
//
//	(:Entity:Person|Organization|Country {id, kind, name, aliases, mentions, documents, first_seen, last_seen})
//	(:Statement {id, document_id, text, quote, cue, date, start, end})
//	(:Document {id, title, date, source, url, text, bytes, statements})
//	(speaker)-[:STATED]->(:Statement)-[:REPORTED_BY]->(:Organization)
//	(:Statement)-[:ABOUT]->(:Entity), (:Statement)-[:IN]->(:Document)
//	(:Entity)-[:MENTIONED_IN {count, aliases}]->(:Document)
//	(:Person)-[:AFFILIATED_WITH {role, document_id}]->(:Organization)
//	(:Organization)-[:PART_OF|BASED_IN {document_id}]->(:Organization|Country)
//
// Every write of a document, or of a batch of documents (WriteExtractions,
// as ingest writes), is one managed transaction of a few UNWIND queries
// over all its rows; every read is one managed read transaction. Both retry on
// transient errors (deadlocks between concurrent writers, leader changes),
// so the functions they run only read their arguments and return values.
package neo4j

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/config"
)

var (
	_ graph.Store       = (*Store)(nil)
	_ graph.BatchWriter = (*Store)(nil)
	_ graph.Snapshotter = (*Store)(nil)
)

// Config says which Neo4j to use. Username empty means no authentication;
// Database empty means the server's default database.
type Config struct {
	URI      string
	Username string
	Password string
	Database string
	// Logger receives the progress of a migration (nil: slog.Default()).
	Logger *slog.Logger
}

// Store is a graph.Store on one Neo4j database. It is safe for concurrent
// use; it holds one driver (a connection pool) for its lifetime.
type Store struct {
	*conn
	// tx, when set, is the read transaction of a snapshot (ReadSnapshot)
	// that every read of this Store runs in; such a Store is used by one
	// goroutine, for the time of the snapshot, and does not write.
	tx neo4j.ManagedTransaction
}

// conn is what the Stores of one Open share: the driver and the state of
// the server as last seen.
type conn struct {
	driver   neo4j.DriverWithContext
	database string
	log      *slog.Logger
	// schemaMu guards the creation of the schema, which happens on the
	// first request that reaches the server; schemaReady makes every later
	// request skip it.
	schemaMu    sync.Mutex
	schemaReady atomic.Bool
	// down is set when an operation found Neo4j unreachable and cleared
	// when one reaches it again; while it is set, each operation first
	// checks the connection once instead of going through the driver's
	// retries (see reachable).
	down atomic.Bool
	// curated caches the corrections (see curation.go).
	curated curationCache
	// rows caches the rows of neighborhoods (see rowcache.go).
	rows rowCache
}

// Timeouts. A request of the API should learn within 3 s that Neo4j is
// gone (and answer 503) rather than wait for the driver's 30 s default retry
// budget. The driver sleeps about 2 s (1.6 to 2.4) before its first retry
// and retries only within the budget, so a budget under 1.6 s gives one
// retry, which is what a deadlock between two writers (resolved by Neo4j
// in milliseconds) or a leader change needs; a longer one would wait
// another 4 s before the second retry. While Neo4j is known to be down,
// an operation costs one connection attempt (reachable).
const (
	connectTimeout = time.Second
	retryBudget    = time.Second
)

// Open connects to the Neo4j at cfg.URI and creates the schema (uniqueness
// constraints, the full-text index, the link layer's indexes) if it is
// missing, and builds the link layer of a database written before it (see
// migrateLayers). A server that cannot be reached is not an error here:
// every request then returns Unavailable until it can be, and the schema
// is created on first contact. Open returns an Invalid error for a
// malformed URI and the schema's error for a server that answers but
// refuses it.
func Open(ctx context.Context, cfg Config) (*Store, error) {
	const op = "neo4j.Open"
	auth := neo4j.NoAuth()
	if cfg.Username != "" {
		auth = neo4j.BasicAuth(cfg.Username, cfg.Password, "")
	}
	driver, err := neo4j.NewDriverWithContext(cfg.URI, auth, func(c *config.Config) {
		c.SocketConnectTimeout = connectTimeout
		c.ConnectionAcquisitionTimeout = connectTimeout
		c.MaxTransactionRetryTime = retryBudget
		// The driver would send a telemetry message with every
		// transaction: a message more for the server to read per request.
		c.TelemetryDisabled = true
		// Every row at once (as session does), for readRows too.
		c.FetchSize = neo4j.FetchAll
	})
	if err != nil {
		return nil, graph.Errorf(graph.Invalid, op, "cannot use Neo4j URI %q: %v", cfg.URI, err)
	}
	s := &Store{conn: &conn{driver: driver, database: cfg.Database, log: cfg.Logger}}
	if s.log == nil {
		s.log = slog.Default()
	}
	if err := s.ensureSchema(ctx); err != nil && graph.ErrorCode(err) != graph.Unavailable {
		_ = driver.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	// A server that is down now may be up for the next request: the store
	// answers Unavailable until then (the API's 503) and creates the schema
	// on first contact, so `serve` can start before Neo4j does.
	return s, nil
}

// ensureSchema creates the schema unless an earlier call did.
func (s *Store) ensureSchema(ctx context.Context) error {
	if s.schemaReady.Load() {
		return nil
	}
	s.schemaMu.Lock()
	defer s.schemaMu.Unlock()
	if s.schemaReady.Load() {
		return nil
	}
	// Long enough for the indexes of a large graph to come online; a
	// server that is down fails within the retry budget anyway.
	schemaCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := s.createSchema(schemaCtx); err != nil {
		return err
	}
	// Building the link layer of a database written before it takes as
	// long as its documents need: only ctx bounds it, and it resumes where
	// it stopped.
	if err := s.migrateLayers(ctx); err != nil {
		return err
	}
	s.schemaReady.Store(true)
	return nil
}

// Close closes the driver and its connections; the Store is unusable after.
func (s *Store) Close() error {
	if err := s.driver.Close(context.Background()); err != nil {
		return graph.Wrap(graph.Internal, "neo4j.Close", "closing the Neo4j driver", err)
	}
	return nil
}

// Ping returns nil when the database answers a query, an Unavailable error
// otherwise. It asks the server every time: the driver reconnects by itself
// when Neo4j comes back, so a failed Ping says nothing about the next one.
func (s *Store) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	_, err := read(ctx, s, "neo4j.Ping", func(tx neo4j.ManagedTransaction) (struct{}, error) {
		_, err := tx.Run(ctx, "RETURN 1", nil)
		return struct{}{}, err
	})
	return err
}

// schema is created at start-up; IF NOT EXISTS makes every statement
// idempotent, and several processes may run it at once.
var schema = []string{
	"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT country_id IF NOT EXISTS FOR (n:Country) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (n:Statement) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT document_id IF NOT EXISTS FOR (n:Document) REQUIRE n.id IS UNIQUE",
	// Statement filters and the Documents list order by date.
	"CREATE INDEX statement_date IF NOT EXISTS FOR (n:Statement) ON (n.date)",
	"CREATE INDEX document_date IF NOT EXISTS FOR (n:Document) ON (n.date)",
	// The link layer (see linkwrite.go): LINKs by their ends, and an
	// entity's LINKs heaviest first from either end.
	"CREATE CONSTRAINT counters_id IF NOT EXISTS FOR (n:Counters) REQUIRE n.id IS UNIQUE",
	"CREATE INDEX statement_order IF NOT EXISTS FOR (n:Statement) ON (n.rank, n.id)",
	"CREATE INDEX document_order IF NOT EXISTS FOR (n:Document) ON (n.rank, n.id)",
	// A statement's edges to its entities carry the entity's id (anchor),
	// its order (rank, see dateRank) and its id (sid), so that an
	// entity's statements are read newest first from these indexes, as
	// far as a page goes, instead of all read and sorted.
	"CREATE INDEX stated_order IF NOT EXISTS FOR ()-[r:STATED]-() ON (r.anchor, r.rank, r.sid)",
	"CREATE INDEX about_order IF NOT EXISTS FOR ()-[r:ABOUT]-() ON (r.anchor, r.rank, r.sid)",
	"CREATE INDEX reported_by_order IF NOT EXISTS FOR ()-[r:REPORTED_BY]-() ON (r.anchor, r.rank, r.sid)",
	"CREATE INDEX link_pair IF NOT EXISTS FOR ()-[l:LINK]-() ON (l.source, l.target)",
	"CREATE INDEX link_out IF NOT EXISTS FOR ()-[l:LINK]-() ON (l.source, l.target_kind, l.rank, l.target)",
	"CREATE INDEX link_in IF NOT EXISTS FOR ()-[l:LINK]-() ON (l.target, l.source_kind, l.rank, l.source)",
	// Syndicated copies (see copies.go): a copy by its id, a document's
	// copies first reports first, and band keys.
	"CREATE CONSTRAINT copy_id IF NOT EXISTS FOR (n:Copy) REQUIRE n.id IS UNIQUE",
	"CREATE INDEX copy_rank IF NOT EXISTS FOR (n:Copy) ON (n.canonical_id, n.rank)",
	"CREATE INDEX copy_outlet IF NOT EXISTS FOR (n:Copy) ON (n.canonical_id, n.outlet_id)",
	"CREATE CONSTRAINT band_key IF NOT EXISTS FOR (n:Band) REQUIRE n.key IS UNIQUE",
	"CREATE CONSTRAINT copy_lock_id IF NOT EXISTS FOR (n:CopyLock) REQUIRE n.id IS UNIQUE",
	// Corrections (see curation.go).
	"CREATE CONSTRAINT curation_id IF NOT EXISTS FOR (n:Curation) REQUIRE n.id IS UNIQUE",
	"CREATE CONSTRAINT correction_id IF NOT EXISTS FOR (n:Correction) REQUIRE n.id IS UNIQUE",
	"CREATE INDEX correction_seq IF NOT EXISTS FOR (n:Correction) ON (n.seq)",
	"CREATE INDEX raw_names IF NOT EXISTS FOR ()-[r:RAW_NAMES]-() ON (r.entity)",
	// The tally layer (see tally.go): a tally by its key, a ranking most
	// counted first.
	"CREATE CONSTRAINT tally_key IF NOT EXISTS FOR (n:Tally) REQUIRE n.key IS UNIQUE",
	"CREATE INDEX tally_rank IF NOT EXISTS FOR (n:Tally) ON (n.kind, n.scope, n.rank, n.item, n.item2)",
	// standard-folding lower-cases and strips accents, as graph.Slug does
	// to the words of a query.
	"CREATE FULLTEXT INDEX " + searchIndex + " IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases] " +
		"OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}}",
}

const searchIndex = "entity_search"

func (s *Store) createSchema(ctx context.Context) error {
	const op = "neo4j.createSchema"
	// Schema commands cannot share a transaction with each other or with
	// data, and run as auto-commit queries in their own session.
	sess := s.session(ctx, neo4j.AccessModeWrite)
	defer sess.Close(context.WithoutCancel(ctx))
	for _, q := range schema {
		if _, err := sess.Run(ctx, q, nil); err != nil {
			return classify(ctx, op, "creating the schema", err)
		}
	}
	// A new index is populated in the background; wait so that the first
	// search sees every entity.
	if _, err := sess.Run(ctx, "CALL db.awaitIndexes(300)", nil); err != nil {
		return classify(ctx, op, "waiting for the indexes", err)
	}
	return nil
}

// session opens a session that pulls every row of a result at once: the
// driver's default (1,000 rows a pull) would spend a round trip per
// thousand rows, and every query here is bounded by its own LIMITs or its
// batch.
func (s *Store) session(ctx context.Context, mode neo4j.AccessMode) neo4j.SessionWithContext {
	return s.driver.NewSession(ctx, neo4j.SessionConfig{AccessMode: mode, DatabaseName: s.database, FetchSize: neo4j.FetchAll})
}

// read runs fn in a managed read transaction; errors are classified.
func read[T any](ctx context.Context, s *Store, op string, fn neo4j.ManagedTransactionWorkT[T]) (T, error) {
	return run(ctx, s, op, neo4j.AccessModeRead, true, fn)
}

// readRows runs the one read query and returns its rows; errors are
// classified. In a snapshot it runs in the snapshot's transaction; else
// as neo4j.ExecuteQuery runs a query, in a managed read transaction
// (retried as read's) whose BEGIN goes with the query, where read's waits
// for the server's answer to BEGIN first: a round trip less per query,
// which is much of what a small read costs (see the README's Neo4j at
// scale).
func readRows(ctx context.Context, s *Store, op, query string, params map[string]any) ([]*neo4j.Record, error) {
	if s.tx != nil {
		return read(ctx, s, op, func(tx neo4j.ManagedTransaction) ([]*neo4j.Record, error) {
			return collect(ctx, tx, query, params)
		})
	}
	if err := s.ready(ctx, op, true); err != nil {
		return nil, err
	}
	res, err := neo4j.ExecuteQuery(ctx, s.driver, query, params, neo4j.EagerResultTransformer,
		neo4j.ExecuteQueryWithReadersRouting(), neo4j.ExecuteQueryWithDatabase(s.database),
		neo4j.ExecuteQueryWithoutBookmarkManager())
	if err != nil {
		return nil, s.noteDown(ctx, classify(ctx, op, "talking to Neo4j", err))
	}
	return res.Records, nil
}

// write runs fn in a managed write transaction, after adding one to the
// write generation (see rowcache.go); errors are classified.
// A transaction refused because it needs more memory than Neo4j gives
// one (db.memory.transaction.max) is not tried again: the driver retries
// it as transient, but the same writes are refused every time, at the
// cost of a second or more each.
func write[T any](ctx context.Context, s *Store, op string, fn neo4j.ManagedTransactionWorkT[T]) (T, error) {
	bumped := bumpedFirst(ctx, fn)
	return run(ctx, s, op, neo4j.AccessModeWrite, true, func(tx neo4j.ManagedTransaction) (T, error) {
		v, err := bumped(tx)
		if reason, ok := outOfMemory(err); ok && strings.Contains(reason, "db.memory.transaction.max") {
			// A graph.Error that does not unwrap to Neo4j's error is
			// one the driver does not retry.
			return v, graph.Errorf(graph.TooLarge, op, "Neo4j refused the transaction for its memory: %s", reason)
		}
		return v, err
	})
}

// execWrite is write without the schema: for ensureSchema itself. It
// too adds one to the write generation first (see rowcache.go).
func execWrite[T any](ctx context.Context, s *Store, op string, fn neo4j.ManagedTransactionWorkT[T]) (T, error) {
	return run(ctx, s, op, neo4j.AccessModeWrite, false, bumpedFirst(ctx, fn))
}

// bumpedFirst returns fn run after adding one to the write generation in
// the same transaction: every write transaction, schema's included.
func bumpedFirst[T any](ctx context.Context, fn neo4j.ManagedTransactionWorkT[T]) neo4j.ManagedTransactionWorkT[T] {
	return func(tx neo4j.ManagedTransaction) (T, error) {
		if err := bump(ctx, tx); err != nil {
			var zero T
			return zero, err
		}
		return fn(tx)
	}
}

// ready returns an Unavailable error when Neo4j is known to be down and
// does not answer now, and otherwise creates the schema first when schema
// is set and it is not there yet: what a transaction of run or readRows
// needs before it starts.
func (s *Store) ready(ctx context.Context, op string, schema bool) error {
	if err := s.reachable(ctx, op); err != nil {
		return err
	}
	if schema {
		if err := s.ensureSchema(ctx); err != nil {
			return s.noteDown(ctx, err)
		}
	}
	return nil
}

// run runs fn in a managed transaction of mode, first creating the schema
// when schema is set and it is not there yet; in the snapshot's
// transaction when s has one.
func run[T any](ctx context.Context, s *Store, op string, mode neo4j.AccessMode, schema bool, fn neo4j.ManagedTransactionWorkT[T]) (T, error) {
	var zero T
	if s.tx != nil {
		if mode != neo4j.AccessModeRead {
			return zero, graph.Errorf(graph.Internal, op, "a write within a read snapshot")
		}
		v, err := fn(s.tx)
		if err != nil {
			return zero, s.noteDown(ctx, classify(ctx, op, "talking to Neo4j", err))
		}
		return v, nil
	}
	if err := s.ready(ctx, op, schema); err != nil {
		return zero, err
	}
	sess := s.session(ctx, mode)
	defer sess.Close(context.WithoutCancel(ctx))
	var v T
	var err error
	if mode == neo4j.AccessModeRead {
		v, err = neo4j.ExecuteRead(ctx, sess, fn)
	} else {
		v, err = neo4j.ExecuteWrite(ctx, sess, fn)
	}
	if err != nil {
		return zero, s.noteDown(ctx, classify(ctx, op, "talking to Neo4j", err))
	}
	return v, nil
}

// ReadSnapshot runs fn with a Reader whose reads all run in one read
// transaction (see graph.Snapshotter): they see one state of the graph,
// and cost a round trip each instead of two (the commit). It returns fn's
// error, or an Unavailable error when Neo4j is down.
func (s *Store) ReadSnapshot(ctx context.Context, fn func(graph.Reader) error) error {
	if s.tx != nil {
		return fn(s)
	}
	_, err := read(ctx, s, "neo4j.ReadSnapshot", func(tx neo4j.ManagedTransaction) (struct{}, error) {
		return struct{}{}, fn(&Store{conn: s.conn, tx: tx})
	})
	return err
}

// reachable returns nil unless an earlier operation found Neo4j down; then
// it tries one connection (within connectTimeout) and returns an
// Unavailable error if that fails too, so that requests during an outage
// fail in about a second, not after the driver's retries.
func (s *Store) reachable(ctx context.Context, op string) error {
	if !s.down.Load() {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, connectTimeout)
	defer cancel()
	if err := s.driver.VerifyConnectivity(ctx); err != nil {
		return classify(ctx, op, "connecting to Neo4j", err)
	}
	s.down.Store(false)
	return nil
}

// noteDown remembers an Unavailable error that was not the caller's
// leaving (see reachable), and returns err.
func (s *Store) noteDown(ctx context.Context, err error) error {
	if graph.ErrorCode(err) == graph.Unavailable && ctx.Err() == nil {
		s.down.Store(true)
	}
	return err
}

// classify turns a driver error into a *graph.Error: the code of a
// *graph.Error a transaction function returned; Unavailable when ctx ended
// (as graph/sqlite does, with ctx's error kept in the chain), or when the
// server cannot be reached, is not ready, or refuses our credentials;
// Conflict when retries on a transient error ran out; Internal for the rest.
func classify(ctx context.Context, op, msg string, err error) error {
	var ge *graph.Error
	if errors.As(err, &ge) {
		return graph.Wrap(ge.Code, op, ge.Msg, err)
	}
	// The driver's retry error does not unwrap to the errors it retried:
	// the last one says why, before the deadline that ended the retries.
	last := err
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) && len(limit.Errors) > 0 {
		last = limit.Errors[len(limit.Errors)-1]
	}
	if reason, ok := outOfMemory(last); ok {
		return graph.Wrap(graph.TooLarge, op, "Neo4j refused the transaction for its memory: "+reason, err)
	}
	if reason, ok := unavailable(last); ok {
		return graph.Wrap(graph.Unavailable, op, "Neo4j is unavailable: "+reason, err)
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return &graph.Error{Code: graph.Unavailable, Op: op, Msg: msg + ": request ended", Err: fmt.Errorf("%w (%v)", ctxErr, err)}
	}
	if limit != nil {
		return graph.Wrap(graph.Conflict, op, msg+": gave up retrying a transient error", err)
	}
	return graph.Wrap(graph.Internal, op, msg, err)
}

// outOfMemory reports whether err is Neo4j refusing a transaction that
// needs more memory than it allows one (db.memory.transaction.max) or
// than its pool has left (dbms.memory.transaction.total.max, shared by
// the transactions running), with Neo4j's words, which name the setting.
// The code is transient, but a transaction over the first limit is
// refused every time (ingest writes the batch in halves instead, see
// ingest.Run), so it is too large, not Unavailable: the server is up.
func outOfMemory(err error) (string, bool) {
	var dbErr *neo4j.Neo4jError
	if errors.As(err, &dbErr) && dbErr.Code == "Neo.TransientError.General.MemoryPoolOutOfMemoryError" {
		return dbErr.Msg, true
	}
	return "", false
}

// unavailable reports whether err means the server cannot serve now, and
// why, in words for an operator.
func unavailable(err error) (string, bool) {
	var conn *neo4j.ConnectivityError
	var netErr net.Error
	var dbErr *neo4j.Neo4jError
	var authErr *neo4j.InvalidAuthenticationError
	switch {
	case errors.As(err, &conn), errors.As(err, &netErr):
		return "cannot connect to the server", true
	case errors.Is(err, context.DeadlineExceeded):
		return "no answer before the deadline", true
	case errors.As(err, &authErr):
		return "authentication failed (check NEO4J_USERNAME and NEO4J_PASSWORD)", true
	case errors.As(err, &dbErr):
		switch {
		case strings.HasPrefix(dbErr.Code, "Neo.ClientError.Security."):
			return fmt.Sprintf("the server refused the credentials (%s)", dbErr.Code), true
		case dbErr.Code == "Neo.ClientError.Database.DatabaseNotFound":
			return "no such database (check NEO4J_DATABASE)", true
		case strings.HasPrefix(dbErr.Code, "Neo.TransientError.General.") ||
			dbErr.Code == "Neo.TransientError.Database.DatabaseUnavailable":
			return fmt.Sprintf("the server is not ready (%s)", dbErr.Code), true
		}
	}
	return "", false
}

// Package sqlite is the embedded graph.Store: one SQLite file, written
// through the pure-Go modernc.org/sqlite driver, searched with FTS5.
//
// Entity aggregates (mentions, documents, first/last seen, aliases, name)
// are derived from per-document rows (entity_documents) and recomputed for
// the entities a write touches, so replacing a document is "delete its
// rows, insert the new ones, drop entities no document names any more".
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/entitygraph/entitygraph/graph"
)

var (
	_ graph.Store       = (*Store)(nil)
	_ graph.BatchWriter = (*Store)(nil)
)

// busyTimeoutMillis is how long a write waits for another process (or
// another Store on the same file) to release the write lock before it
// fails with an Unavailable error.
const busyTimeoutMillis = 10000

// cacheKiB is each reading connection's page cache. SQLite's default
// (2 MiB) made a write on a graph of 100k entities read most index pages
// from the OS, a system call each: a third of a write's time was in them.
// With maxConns connections it bounds the readers' caches to 128 MiB.
const cacheKiB = 32 << 10

// maxConns bounds the pool of reading connections: the machine has few
// cores, and each connection keeps its own page cache.
const maxConns = 4

// writerCacheKiB is the page cache of the one connection that writes. A
// write updates pages all over the indexes of the link layer and tallies,
// so once the file outgrows the cache they are read again from the OS, a
// system call each; and a batch whose changed pages outgrow it spills
// them to the log before it commits. Ingesting 2,120 documents of the
// wire corpus took 10.9 CPU-seconds with it against 11.9 with the
// readers' 32 MiB (peak RSS 457 against 342 MB). The cache fills only as
// the process writes, so a server that only reads does not hold it.
const writerCacheKiB = 512 << 10

// Store is a graph.Store kept in one SQLite file. It is safe for
// concurrent use; writes from one Store are serialized in-process, writes
// from several Stores (or processes) on the same file wait for each other
// through SQLite's lock and busy timeout.
type Store struct {
	// db reads; writer is the one connection that writes (see
	// writerCacheKiB).
	db, writer *sql.DB
	// writeSem serializes WriteExtraction within this Store, so that
	// concurrent writers queue in Go (honouring ctx) instead of polling
	// SQLite's lock.
	writeSem chan struct{}
	// stmts and writeStmts hold the fixed queries of the hot paths,
	// prepared once at Open on db and on writer; parsing SQL took a third
	// of a write's time before. They are not changed after Open.
	stmts, writeStmts map[string]*sql.Stmt
	// curated caches the corrections (see curation).
	curated curationCache
	// rows caches the rows a neighborhood reads (see rowCache).
	rows rowCache
	// searchSortLimit is searchSortLimit; tests lower it to compare the
	// two ways a search reads.
	searchSortLimit int
}

// Open opens the SQLite database at path, creating the file and its schema
// when missing and migrating an older schema. It returns an Invalid error
// for an empty path, one containing '?' (the driver reads options after
// it) or ":memory:" (each pooled connection would see its own empty
// database; use a file in a temporary folder instead), and an Unavailable
// error when the file cannot be opened or is not a database of this
// program.
func Open(ctx context.Context, path string) (*Store, error) {
	const op = "sqlite.Open"
	if path == "" || path == ":memory:" || strings.ContainsRune(path, '?') {
		return nil, graph.Errorf(graph.Invalid, op, "database path %q must be a file path without '?'", path)
	}
	s := &Store{writeSem: make(chan struct{}, 1), stmts: map[string]*sql.Stmt{}, writeStmts: map[string]*sql.Stmt{},
		searchSortLimit: searchSortLimit}
	var err error
	if s.writer, err = openPool(path, writerCacheKiB, 1); err != nil {
		return nil, wrapErr(ctx, op, "opening "+path, err)
	}
	if err := s.migrate(ctx); err != nil {
		s.writer.Close()
		return nil, graph.Wrap(graph.Unavailable, op, "opening "+path, err)
	}
	if s.db, err = openPool(path, cacheKiB, maxConns); err != nil {
		s.writer.Close()
		return nil, wrapErr(ctx, op, "opening "+path, err)
	}
	// Prepared on the database, not in a transaction: database/sql then
	// prepares each on a connection the first time a transaction there
	// runs it, without taking another connection from the pool.
	for _, pool := range []struct {
		db    *sql.DB
		stmts map[string]*sql.Stmt
	}{{s.db, s.stmts}, {s.writer, s.writeStmts}} {
		queries := preparedQueries()
		if pool.db == s.writer {
			queries = append(queries, writeQueries()...)
		}
		for _, q := range queries {
			st, err := pool.db.PrepareContext(ctx, q)
			if err != nil {
				s.closeAll()
				return nil, wrapErr(ctx, op, "preparing queries", err)
			}
			pool.stmts[q] = st
		}
	}
	return s, nil
}

// openPool opens a pool of at most conns connections to the file at path,
// each with a page cache of cacheKiB.
func openPool(path string, cacheKiB, conns int) (*sql.DB, error) {
	// WAL lets readers run while one writer writes; synchronous=NORMAL is
	// durable across crashes of the process in WAL mode and much faster
	// than FULL. _txlock=immediate makes every read-write transaction take
	// the write lock at BEGIN, so two writers never deadlock upgrading a
	// read lock; read-only transactions still begin deferred.
	// temp_store=MEMORY keeps statement journals in memory: a write's
	// multi-row statements otherwise wrote every page they touched to a
	// temporary file first, four times the pages the database gets.
	dsn := fmt.Sprintf("%s?_pragma=busy_timeout(%d)&_pragma=cache_size(-%d)&_pragma=temp_store(MEMORY)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_txlock=immediate",
		path, busyTimeoutMillis, cacheKiB)
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	return db, nil
}

// Close closes the database; it returns an Internal error if SQLite could
// not close the file cleanly.
func (s *Store) Close() error {
	return wrapErr(context.Background(), "sqlite.Close", "closing the database", s.closeAll())
}

func (s *Store) closeAll() error {
	var errs []error
	for _, stmts := range []map[string]*sql.Stmt{s.stmts, s.writeStmts} {
		for _, st := range stmts {
			errs = append(errs, st.Close())
		}
	}
	for _, db := range []*sql.DB{s.db, s.writer} {
		if db != nil {
			errs = append(errs, db.Close())
		}
	}
	return errors.Join(errs...)
}

// Ping returns nil when the database file can be read, an Unavailable
// error otherwise.
func (s *Store) Ping(ctx context.Context) error {
	var v int
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return &graph.Error{Code: graph.Unavailable, Op: "sqlite.Ping", Msg: "the database cannot be read", Err: err}
	}
	return nil
}

// read runs fn in a read-only transaction, so that a read made of several
// queries sees one snapshot of the graph. Errors are returned as
// *graph.Error (see wrapErr).
func (s *Store) read(ctx context.Context, op, what string, fn func(t *txn) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return wrapErr(ctx, op, what, err)
	}
	defer tx.Rollback()
	return wrapErr(ctx, op, what, fn(&txn{ctx: ctx, tx: tx, stmts: s.stmts}))
}

// write runs fn in a read-write transaction (BEGIN IMMEDIATE) and commits
// it; on any error nothing fn did is kept.
func (s *Store) write(ctx context.Context, op, what string, fn func(t *txn) error) error {
	tx, err := s.writer.BeginTx(ctx, nil)
	if err != nil {
		return wrapErr(ctx, op, what, err)
	}
	t := &txn{ctx: ctx, tx: tx, stmts: s.writeStmts}
	if err := fn(t); err != nil {
		tx.Rollback()
		return wrapErr(ctx, op, what, err)
	}
	// Every write moves the generation, so that no read serves a row
	// cached before it (see rowCache).
	if err := t.exec(qBumpGeneration); err != nil {
		tx.Rollback()
		return wrapErr(ctx, op, what, err)
	}
	return wrapErr(ctx, op, what, tx.Commit())
}

// txn runs queries in one transaction, prepared ones through the Store's
// statements.
type txn struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	// bound holds the statements of rowsQuery chunks as this
	// transaction runs them (see boundStmt).
	bound map[string]*sql.Stmt
}

// boundStmt returns query, the SQL of a rowsQuery chunk, as a statement of
// this transaction: the Store's when Open prepared it, else prepared here
// (a migration runs before Open prepares, and a chunk may run thousands of
// times in it), kept for the rest of the transaction either way.
func (t *txn) boundStmt(query string) (*sql.Stmt, error) {
	if st, ok := t.bound[query]; ok {
		return st, nil
	}
	var st *sql.Stmt
	if prepared, ok := t.stmts[query]; ok {
		st = t.tx.StmtContext(t.ctx, prepared)
	} else {
		var err error
		if st, err = t.tx.PrepareContext(t.ctx, query); err != nil {
			return nil, err
		}
	}
	if t.bound == nil {
		t.bound = map[string]*sql.Stmt{}
	}
	t.bound[query] = st
	return st, nil
}

func (t *txn) exec(query string, args ...any) error {
	var err error
	if st, ok := t.stmts[query]; ok {
		_, err = t.tx.StmtContext(t.ctx, st).ExecContext(t.ctx, args...)
	} else {
		_, err = t.tx.ExecContext(t.ctx, query, args...)
	}
	return err
}

// stmt returns query prepared in this transaction, for a loop that runs
// it many times.
func (t *txn) stmt(query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return t.tx.StmtContext(t.ctx, st), nil
	}
	return t.tx.PrepareContext(t.ctx, query)
}

func (t *txn) query(query string, args ...any) (*sql.Rows, error) {
	if st, ok := t.stmts[query]; ok {
		return t.tx.StmtContext(t.ctx, st).QueryContext(t.ctx, args...)
	}
	return t.tx.QueryContext(t.ctx, query, args...)
}

func (t *txn) queryRow(query string, args ...any) *sql.Row {
	if st, ok := t.stmts[query]; ok {
		return t.tx.StmtContext(t.ctx, st).QueryRowContext(t.ctx, args...)
	}
	return t.tx.QueryRowContext(t.ctx, query, args...)
}

// wrapErr returns err as a *graph.Error: unchanged when it already is one,
// Unavailable when ctx ended or SQLite reports a locked, unreadable or
// unwritable file, Internal otherwise. It returns nil for nil.
func wrapErr(ctx context.Context, op, what string, err error) error {
	if err == nil {
		return nil
	}
	var ge *graph.Error
	if errors.As(err, &ge) {
		return err
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		// The driver may report an interrupted statement rather than the
		// context's error; keep the context's error in the chain so that
		// callers can tell a cancelled request with errors.Is.
		return &graph.Error{Code: graph.Unavailable, Op: op, Msg: what + ": request ended", Err: fmt.Errorf("%w (%v)", ctxErr, err)}
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return graph.Wrap(graph.Unavailable, op, what+": the database is locked by another writer", err)
		case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM,
			sqlite3.SQLITE_FULL, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
			return graph.Wrap(graph.Unavailable, op, what+": the database file cannot be used", err)
		}
	}
	return graph.Wrap(graph.Internal, op, what, err)
}

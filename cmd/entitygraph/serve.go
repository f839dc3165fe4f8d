package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/entitygraph/entitygraph/api"
	"github.com/entitygraph/entitygraph/demo"
	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/ingest"
	"github.com/entitygraph/entitygraph/ui"
)

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", stderr)
	storeFlag := addStoreFlag(fs)
	addr := fs.String("addr", "", "address to listen on (default :8080 with an API key, 127.0.0.1:8080 without)")
	apiKey := fs.String("api-key", "", "key that writes must send as 'Authorization: Bearer KEY' (default $ENTITYGRAPH_API_KEY)")
	apiKeyName := fs.String("api-key-name", "", "author of the corrections written with the key (default $ENTITYGRAPH_API_KEY_NAME, else api-key)")
	logFormat := addLogFormatFlag(fs)
	loadDemo := fs.Bool("demo", false, "load the bundled demo corpus if the store is empty")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("%w: serve takes no arguments, got %q", errUsage, rest)
	}
	logger, err := newLogger(*logFormat, stderr)
	if err != nil {
		return err
	}
	if *apiKey == "" {
		*apiKey = getenv("ENTITYGRAPH_API_KEY")
	}
	if *apiKeyName == "" {
		*apiKeyName = getenv("ENTITYGRAPH_API_KEY_NAME")
	}
	if *addr == "" {
		// Without a key anyone who reaches the server can write, so by
		// default only this machine reaches it.
		*addr = "127.0.0.1:8080"
		if *apiKey != "" {
			*addr = ":8080"
		}
	}
	tuneGC(getenv)
	uri := storeURI(*storeFlag, getenv)
	store, err := openStore(ctx, uri, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := store.Ping(ctx); err != nil {
		// Said once here; each request then answers 503 until it answers.
		logger.Warn("the store does not answer: data routes answer 503 until it does", "store", uri, "err", err)
	}
	// Loaded by the first document written (the demo corpus, POST
	// /documents), so that a server that only reads does not hold it.
	x := extract.NewLazy()
	if *loadDemo {
		if err := loadDemoCorpus(ctx, store, x, stdout); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", *addr, err)
	}
	if *apiKey == "" && !isLoopback(ln.Addr()) {
		logger.Warn("serving writes without an API key on a non-loopback address: any client that reaches it can add documents; set --api-key or ENTITYGRAPH_API_KEY", "addr", ln.Addr().String())
	}
	srv := &http.Server{
		Handler: api.New(api.Config{Store: store, Extractor: x, Logger: logger, UI: ui.Handler(), Version: version,
			APIKey: *apiKey, APIKeyName: *apiKeyName, WriteRate: api.DefaultWriteRate, WriteBurst: api.DefaultWriteBurst}),
		// Slow clients must not hold connections forever; writes get
		// longer for exports of large graphs.
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	fmt.Fprintf(stdout, "entitygraph %s serving http://%s/ (store %s)\n", version, displayAddr(ln.Addr()), uri)
	// Paid once in the background, so that the first request of a kind
	// does not wait for it (see graph.Warmer).
	warmed := make(chan struct{})
	go func() {
		defer close(warmed)
		if w, ok := store.(graph.Warmer); ok {
			start := time.Now()
			if err := w.Warm(ctx); err != nil {
				if ctx.Err() == nil {
					logger.Info("could not prepare the store's queries ahead: the first request of a kind prepares its own", "err", err)
				}
				return
			}
			logger.Info("prepared the store's queries ahead", "took", time.Since(start).Round(time.Millisecond).String())
		}
	}()
	defer func() { <-warmed }()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("server stopped: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down: finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// isLoopback reports whether a listens on a loopback address only.
func isLoopback(a net.Addr) bool {
	tcp, ok := a.(*net.TCPAddr)
	return ok && tcp.IP.IsLoopback()
}

// displayAddr turns a wildcard listen address into one a browser can open.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return fmt.Sprintf("localhost:%d", tcp.Port)
}

// loadDemoCorpus writes the bundled demo articles into an empty store; a
// store that holds any document is left as it is.
func loadDemoCorpus(ctx context.Context, store graph.Store, x ingest.Extractor, stdout io.Writer) error {
	stats, err := store.Stats(ctx)
	if err != nil {
		return fmt.Errorf("reading the store: %w", err)
	}
	if stats.Documents > 0 {
		fmt.Fprintf(stdout, "demo: the store already holds %d documents; not loading the demo corpus\n", stats.Documents)
		return nil
	}
	src := func(ctx context.Context, yield func(ingest.Item) error) error {
		return ingest.ReadJSONL(ctx, bytes.NewReader(demo.Articles()), "demo", yield)
	}
	start := time.Now()
	sum, err := ingest.IntoStore(ctx, store, x, src, ingest.Options{})
	if err != nil {
		return fmt.Errorf("loading the demo corpus: %w", err)
	}
	if len(sum.Skipped) > 0 {
		return fmt.Errorf("loading the demo corpus: %s: %s", sum.Skipped[0].Origin, sum.Skipped[0].Reason)
	}
	fmt.Fprintf(stdout, "demo: loaded %d documents (%d entities, %d statements) in %.1fs\n",
		sum.Written, sum.Entities, sum.Statements, time.Since(start).Seconds())
	return nil
}

// serveGCPercent and serveMemoryLimit are the collector's settings in
// serve unless GOGC and GOMEMLIMIT set them. A request allocates many
// times what the server keeps (every row it reads, the answer), and with
// the default (a cycle whenever the heap grows by its small live size)
// collection took about a sixth of a hub neighborhood's CPU
// (BenchmarkNeighborhood under GOGC=100 and 400). The soft limit bounds
// what the larger percentage lets the heap grow to when the live heap is
// large (an export, a big document).
const (
	serveGCPercent   = 400
	serveMemoryLimit = 1 << 30
)

// tuneGC applies serveGCPercent and serveMemoryLimit where the environment
// does not set the collector.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(serveGCPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
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
	addr := fs.String("addr", ":8080", "address to listen on")
	loadDemo := fs.Bool("demo", false, "load the bundled demo corpus if the store is empty")
	rest, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return fmt.Errorf("%w: serve takes no arguments, got %q", errUsage, rest)
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	uri := storeURI(*storeFlag, getenv)
	store, err := openStore(ctx, uri, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	x, err := extract.New()
	if err != nil {
		return err
	}
	if *loadDemo {
		if err := loadDemoCorpus(ctx, store, x, stdout); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %w", *addr, err)
	}
	srv := &http.Server{
		Handler: api.New(api.Config{Store: store, Extractor: x, Logger: logger, UI: ui.Handler(), Version: version}),
		// Slow clients must not hold connections forever; writes get
		// longer for exports of large graphs.
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
	}
	fmt.Fprintf(stdout, "entitygraph %s serving http://%s/ (store %s)\n", version, displayAddr(ln.Addr()), uri)
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

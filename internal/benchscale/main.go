// Command benchscale is the scale benchmark's tool (scripts/bench-scale
// drives it): it writes synthetic corpora (internal/synth) as JSONL for
// `entitygraph ingest` or straight into a store, and times the explorer's
// requests against a running `entitygraph serve` from concurrent clients.
//
//	benchscale gen   -entities N [-seed S] FILE.jsonl
//	benchscale write -entities N [-seed S] -store URI
//	benchscale load  -url http://127.0.0.1:PORT [-clients 4] [-duration 10s] [-pid PID] [-entities N] [-seed S]
//
// load picks its entities from the served graph: the most mentioned
// country (hub), a person in about 20 documents (mid), people in one
// document (rare, from the corpus's tail), and prints one markdown row per
// request: p50, p99, requests/s and mean answer size; with -pid, the
// server's peak resident memory.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/graph/neo4j"
	"github.com/entitygraph/entitygraph/graph/sqlite"
	"github.com/entitygraph/entitygraph/internal/synth"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchscale:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 {
		return errors.New("usage: benchscale gen|write|load [flags]")
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	entities := fs.Int("entities", 10000, "entities the corpus aims at")
	seed := fs.Uint64("seed", 1, "corpus seed")
	store := fs.String("store", "", "store URI (write)")
	base := fs.String("url", "", "served API base, http://host:port (load)")
	clients := fs.Int("clients", 4, "concurrent clients (load)")
	duration := fs.Duration("duration", 10*time.Second, "time per request kind (load)")
	pid := fs.Int("pid", 0, "server process, for its peak memory (load)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	cfg := synth.Config{Entities: *entities, Seed: *seed}
	switch args[0] {
	case "gen":
		if fs.NArg() != 1 {
			return errors.New("gen needs one output file")
		}
		return gen(cfg, fs.Arg(0))
	case "write":
		return write(ctx, cfg, *store, out)
	case "load":
		return load(ctx, cfg, *base, *clients, *duration, *pid, out)
	}
	return fmt.Errorf("unknown command %q", args[0])
}

// gen writes the corpus's documents as JSONL lines for ingest.
func gen(cfg synth.Config, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(w)
	c := synth.New(cfg)
	for d, ok := c.Next(); ok; d, ok = c.Next() {
		line := struct {
			ID     string `json:"id"`
			Title  string `json:"title"`
			Date   string `json:"date"`
			Source string `json:"source"`
			Text   string `json:"text"`
		}{d.Document.ID, d.Document.Title, d.Document.Date, d.Document.Source, d.Document.Text}
		if err := enc.Encode(line); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// write writes the corpus's extractions straight into a store, in batches
// when it can, and reports documents/s.
func write(ctx context.Context, cfg synth.Config, uri string, out io.Writer) error {
	s, err := openStore(ctx, uri)
	if err != nil {
		return err
	}
	defer s.Close()
	const batch = 256
	c := synth.New(cfg)
	start := time.Now()
	var xs []*graph.Extraction
	n := 0
	flush := func() error {
		if len(xs) == 0 {
			return nil
		}
		var err error
		if bw, ok := s.(graph.BatchWriter); ok {
			_, err = bw.WriteExtractions(ctx, xs)
		} else {
			for _, x := range xs {
				if _, err = s.WriteExtraction(ctx, x); err != nil {
					break
				}
			}
		}
		n += len(xs)
		xs = xs[:0]
		if n%(batch*40) == 0 {
			fmt.Fprintf(os.Stderr, "\r%d of %d documents, %.0f/s", n, cfg.Documents(), float64(n)/time.Since(start).Seconds())
		}
		return err
	}
	for d, ok := c.Next(); ok; d, ok = c.Next() {
		xs = append(xs, d.Extraction)
		if len(xs) == batch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	took := time.Since(start)
	fmt.Fprintf(os.Stderr, "\n")
	fmt.Fprintf(out, "wrote %d documents in %.1fs: %.0f documents/s\n", n, took.Seconds(), float64(n)/took.Seconds())
	return nil
}

func openStore(ctx context.Context, uri string) (graph.Store, error) {
	if path, ok := strings.CutPrefix(uri, "sqlite:"); ok {
		return sqlite.Open(ctx, path)
	}
	return neo4j.Open(ctx, neo4j.Config{URI: uri, Username: os.Getenv("NEO4J_USERNAME"),
		Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")})
}

// request is one kind of request the load runs, over a few targets.
type request struct {
	name string
	urls []string
}

// load times each kind of request and prints a markdown table.
func load(ctx context.Context, cfg synth.Config, base string, clients int, d time.Duration, pid int, out io.Writer) error {
	if base == "" {
		return errors.New("load needs -url")
	}
	api := strings.TrimRight(base, "/") + "/api/v1"
	picks, err := pick(ctx, cfg, api)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "hub %s, mid %s (%d documents), %d rare people\n\n", picks.hub, picks.mid, picks.midDocs, len(picks.rare))
	nb := func(id string, depth int) string {
		return api + "/entities/" + url.PathEscape(id) + "/neighborhood?depth=" + fmt.Sprint(depth)
	}
	var rareD1, paths []string
	for i, id := range picks.rare {
		rareD1 = append(rareD1, nb(id, 1))
		other := picks.rare[(i*7+3)%len(picks.rare)]
		paths = append(paths, api+"/paths?from="+url.QueryEscape(id)+"&to="+url.QueryEscape(other))
	}
	requests := []request{
		{"hub, depth 1", []string{nb(picks.hub, 1)}},
		{"hub, depth 2", []string{nb(picks.hub, 2)}},
		{"rare person, depth 1", rareD1},
		{"mid person, depth 2", []string{nb(picks.mid, 2)}},
		{"search, 2-letter prefix", []string{api + "/entities?q=ma", api + "/entities?q=jo", api + "/entities?q=ka"}},
		{"search, a name", []string{api + "/entities?q=" + url.QueryEscape(picks.midName)}},
		{"path between rare people", paths},
		{"stats", []string{api + "/stats"}},
		{"evidence page (hub, stated about)", []string{api + "/statements?about=" + url.QueryEscape(picks.hub)}},
	}
	fmt.Fprintln(out, "| request | p50 | p99 | requests/s | answer (mean) |")
	fmt.Fprintln(out, "|---|---|---|---|---|")
	for _, r := range requests {
		res, err := hammer(ctx, r, clients, d)
		if err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		fmt.Fprintf(out, "| %s | %s | %s | %.0f | %s |\n", r.name, ms(res.p50), ms(res.p99), res.rps, kb(res.bytes))
	}
	if pid > 0 {
		if rss, err := peakRSS(pid); err == nil {
			fmt.Fprintf(out, "\nserve peak RSS: %s\n", rss)
		}
	}
	return nil
}

type picks struct {
	hub, mid, midName string
	midDocs           int
	rare              []string
}

// pick finds the entities the requests are about, through the API.
func pick(ctx context.Context, cfg synth.Config, api string) (picks, error) {
	var p picks
	var page graph.EntityPage
	if err := getJSON(ctx, api+"/entities?kind=country&page_size=1", &page); err != nil || len(page.Entities) == 0 {
		return p, fmt.Errorf("no hub country: %v", err)
	}
	p.hub = page.Entities[0].ID
	for token := ""; p.mid == ""; {
		page = graph.EntityPage{}
		if err := getJSON(ctx, api+"/entities?kind=person&page_size=500&page_token="+url.QueryEscape(token), &page); err != nil {
			return p, err
		}
		for _, e := range page.Entities {
			if e.Documents <= 20 {
				p.mid, p.midName, p.midDocs = e.ID, e.Name, e.Documents
				break
			}
		}
		if token = page.NextPageToken; token == "" && p.mid == "" {
			return p, errors.New("no person in 20 documents or fewer")
		}
	}
	for _, name := range synth.RareNames(cfg, 400) {
		var e graph.Entity
		if err := getJSON(ctx, api+"/entities/"+url.PathEscape(graph.EntityID(graph.KindPerson, name)), &e); err != nil {
			continue
		}
		if e.Documents == 1 {
			p.rare = append(p.rare, e.ID)
		}
		if len(p.rare) == 100 {
			break
		}
	}
	if len(p.rare) == 0 {
		return p, errors.New("no person in one document")
	}
	return p, nil
}

func getJSON(ctx context.Context, u string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, res.Status)
	}
	return json.NewDecoder(res.Body).Decode(v)
}

type result struct {
	p50, p99 time.Duration
	rps      float64
	bytes    float64
}

// hammer sends r's requests from clients goroutines for d (after a short
// warm-up) and returns the latency percentiles, throughput and mean size.
func hammer(ctx context.Context, r request, clients int, d time.Duration) (result, error) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	warm := time.Now().Add(d / 10)
	end := warm.Add(d)
	var mu sync.Mutex
	var lat []time.Duration
	var size int64
	var firstErr error
	var wg sync.WaitGroup
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := c; ; i++ {
				now := time.Now()
				if now.After(end) || ctx.Err() != nil {
					return
				}
				u := r.urls[i%len(r.urls)]
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
				res, err := client.Do(req)
				var n int64
				if err == nil {
					n, err = io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if err == nil && res.StatusCode != http.StatusOK {
						err = fmt.Errorf("GET %s: %s", u, res.Status)
					}
				}
				took := time.Since(now)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				if now.After(warm) {
					lat = append(lat, took)
					size += n
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return result{}, firstErr
	}
	if len(lat) == 0 {
		return result{}, errors.New("no request finished")
	}
	slices.Sort(lat)
	at := func(q float64) time.Duration { return lat[min(len(lat)-1, int(q*float64(len(lat))))] }
	return result{p50: at(0.50), p99: at(0.99), rps: float64(len(lat)) / d.Seconds(), bytes: float64(size) / float64(len(lat))}, nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func kb(b float64) string {
	if b >= 1024 {
		return fmt.Sprintf("%.1f KB", b/1024)
	}
	return fmt.Sprintf("%.0f B", b)
}

// peakRSS reads a process's peak resident set size (VmHWM) from /proc.
func peakRSS(pid int) (string, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "", err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kib int
			fmt.Sscan(strings.TrimSpace(v), &kib)
			return fmt.Sprintf("%d MB", kib/1024), nil
		}
	}
	return "", errors.New("no VmHWM")
}

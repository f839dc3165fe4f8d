// Command benchscale is the scale benchmark's tool (scripts/bench-scale
// drives it): it writes synthetic corpora (internal/synth) as JSONL for
// `entitygraph ingest` or straight into a store, and times the explorer's
// requests against a running `entitygraph serve` from concurrent clients.
//
//	benchscale gen   -entities N [-seed S] FILE.jsonl
//	benchscale write -entities N [-seed S] -store URI [-dbpid PID]
//	benchscale load  -url http://127.0.0.1:PORT [-clients 4] [-duration 10s] [-pid PID] [-entities N] [-seed S] [-raw bolt://...] [-only rare,name]
//
// load picks its entities from the served graph: the most mentioned
// country (hub), a person in about 20 documents (mid), people in one
// document (rare, from the corpus's tail), and prints one markdown row per
// request: p50, p99, requests/s and mean answer size; with -pid, the
// server's peak resident memory. With -raw (the Neo4j the server reads),
// each request is also timed as the raw Cypher that answers it (raw.go),
// from as many clients, and the row adds its p50, p99, requests/s, the
// ratio of the API's p50 to the raw p50, and whether the answers agree.
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
	"github.com/entitygraph/entitygraph/ingest"
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
	raw := fs.String("raw", "", "Neo4j URI the server reads, to time each request's raw Cypher beside it (load)")
	dbpid := fs.Int("dbpid", 0, "the database server's process, for its CPU time (write, load -raw)")
	batch := fs.Int("batch", 0, "documents per transaction; 0: the store's preferred size, as ingest writes (write)")
	resume := fs.Bool("resume", false, "go on with a write that stopped: skip as many of the corpus's documents as the store holds (write)")
	only := fs.String("only", "", "comma-separated parts of request names: time only the requests whose name holds one (load)")
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
		return write(ctx, cfg, *store, *dbpid, *batch, *resume, out)
	case "load":
		return load(ctx, cfg, *base, *clients, *duration, *pid, *raw, *dbpid, *only, out)
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
// when it can, and reports documents/s. With resume it first skips as
// many documents as the store holds: the corpus comes in the same order
// every time and each batch is written whole or not at all, so those are
// the ones a stopped write (a 1M-entity corpus takes hours) had written;
// a document written again would change nothing.
func write(ctx context.Context, cfg synth.Config, uri string, dbpid, batch int, resume bool, out io.Writer) error {
	s, err := openStore(ctx, uri)
	if err != nil {
		return err
	}
	defer s.Close()
	// Batches as ingest writes them (see ingest.Options.BatchSize).
	batch = ingest.BatchSize(s, batch)
	c := synth.New(cfg)
	skipped := 0
	if resume {
		st, err := s.Stats(ctx)
		if err != nil {
			return fmt.Errorf("reading how many documents the store holds: %w", err)
		}
		for range st.Documents {
			if _, ok := c.Next(); !ok {
				break
			}
		}
		skipped = st.Documents
		fmt.Fprintf(os.Stderr, "going on after the %d documents the store holds\n", skipped)
	}
	start, cpu := time.Now(), procCPU(dbpid)
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
		if n%(batch*10) == 0 {
			fmt.Fprintf(os.Stderr, "\r%d of %d documents, %.0f/s", skipped+n, cfg.Documents(), float64(n)/time.Since(start).Seconds())
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
	fmt.Fprintf(out, "wrote %d documents in %.1fs: %.0f documents/s", n, took.Seconds(), float64(n)/took.Seconds())
	if used := procCPU(dbpid) - cpu; used > 0 {
		fmt.Fprintf(out, "; database server CPU %.1fs: %.0f documents per CPU second", used.Seconds(), float64(n)/used.Seconds())
	}
	fmt.Fprintln(out)
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
func load(ctx context.Context, cfg synth.Config, base string, clients int, d time.Duration, pid int, rawURI string, dbpid int, only string, out io.Writer) error {
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
	if only != "" {
		requests = slices.DeleteFunc(requests, func(r request) bool {
			return !slices.ContainsFunc(strings.Split(only, ","), func(part string) bool { return strings.Contains(r.name, part) })
		})
	}
	var raw *rawBench
	if rawURI != "" {
		if raw, err = openRaw(ctx, rawURI, dbpid); err != nil {
			return err
		}
		defer raw.close(ctx)
		fmt.Fprintln(out, "| request | p50 | p99 | requests/s | answer (mean) | serve CPU per request | raw Cypher p50 | raw p99 | raw requests/s | API / raw (p50) | Neo4j CPU per request, API / raw | same answer |")
		fmt.Fprintln(out, "|---|---|---|---|---|---|---|---|---|---|---|---|")
	} else if dbpid > 0 {
		fmt.Fprintln(out, "| request | p50 | p99 | requests/s | answer (mean) | serve CPU per request | Neo4j CPU per request |")
		fmt.Fprintln(out, "|---|---|---|---|---|---|---|")
	} else {
		fmt.Fprintln(out, "| request | p50 | p99 | requests/s | answer (mean) | serve CPU per request |")
		fmt.Fprintln(out, "|---|---|---|---|---|---|")
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	for _, r := range requests {
		cpu, serveCPU := procCPU(dbpid), procCPU(pid)
		res, err := hammer(ctx, len(r.urls), clients, d, func(ctx context.Context, i int) (int64, error) {
			return fetch(ctx, client, r.urls[i])
		})
		res.dbCPU, res.serveCPU = procCPU(dbpid)-cpu, procCPU(pid)-serveCPU
		if err != nil {
			return fmt.Errorf("%s: %w", r.name, err)
		}
		fmt.Fprintf(out, "| %s | %s | %s | %.0f | %s | %s |", r.name, ms(res.p50), ms(res.p99), res.rps, kb(res.bytes), res.perRequest(res.serveCPU))
		if raw != nil {
			fmt.Fprint(out, raw.row(ctx, r, clients, d, res))
		} else if dbpid > 0 {
			fmt.Fprintf(out, " %s |", res.perRequest(res.dbCPU))
		}
		fmt.Fprintln(out)
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
	// all counts the requests sent, warm-up included; dbCPU and serveCPU
	// are the CPU time the database server and the API server spent
	// meanwhile (when their processes are known): a cost per request
	// that other work on the machine does not move, unlike wall times.
	all      int
	dbCPU    time.Duration
	serveCPU time.Duration
}

// perRequest is cpu (spent over all of r's requests) per request, "?"
// when unknown.
func (r result) perRequest(cpu time.Duration) string {
	if r.all == 0 || cpu <= 0 {
		return "?"
	}
	return ms(cpu / time.Duration(r.all))
}

// fetch GETs u and returns the size of the answer; a status other than
// 200 is an error.
func fetch(ctx context.Context, client *http.Client, u string) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, err
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	n, err := io.Copy(io.Discard, res.Body)
	if err == nil && res.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: %s", u, res.Status)
	}
	return n, err
}

// hammer runs do (on targets 0..n-1 in turn, each returning the size of
// its answer) from clients goroutines for d (after a short warm-up) and
// returns the latency percentiles, throughput and mean size. A
// client's first request is never counted: the first of a kind can be
// many times slower than the next (plans compiled, pages read).
func hammer(ctx context.Context, n, clients int, d time.Duration, do func(ctx context.Context, i int) (int64, error)) (result, error) {
	warm := time.Now().Add(d / 10)
	end := warm.Add(d)
	var mu sync.Mutex
	var lat []time.Duration
	var size int64
	var all int
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
				n, err := do(ctx, i%n)
				took := time.Since(now)
				mu.Lock()
				all++
				if err != nil && firstErr == nil {
					firstErr = err
				}
				if now.After(warm) && i != c { // each client's first request warms up
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
	return result{p50: at(0.50), p99: at(0.99), rps: float64(len(lat)) / d.Seconds(), bytes: float64(size) / float64(len(lat)), all: all}, nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func kb(b float64) string {
	if b >= 1024 {
		return fmt.Sprintf("%.1f KB", b/1024)
	}
	return fmt.Sprintf("%.0f B", b)
}

// procCPU reads the CPU time (user and system) a process has used so
// far, from /proc; 0 when pid is 0 or unreadable.
func procCPU(pid int) time.Duration {
	if pid == 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// Fields after the command (which may hold spaces): state is the
	// first, utime and stime the 12th and 13th, in clock ticks (100 a
	// second on Linux).
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	var user, sys int64
	fmt.Sscan(f[11], &user)
	fmt.Sscan(f[12], &sys)
	return time.Duration(user+sys) * 10 * time.Millisecond
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

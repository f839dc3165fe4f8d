package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/entitygraph/entitygraph/eval"
	"github.com/entitygraph/entitygraph/evalformat"
	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/extract/ner"
	"github.com/entitygraph/entitygraph/graph"
	"github.com/entitygraph/entitygraph/ingest"
)

// runEval scores extraction against a gold file (shared/eval-format.md) or,
// with --conll, against the entity spans of a CoNLL corpus. The report goes
// to stdout; gold lines that cannot be read and documents the extractor
// fails on are reported on stderr, scored as found-nothing, and make the
// command fail after the report, so a CI run cannot pass on half a gold set.
func runEval(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("eval", stderr)
	showErrors := fs.Bool("errors", false, "list each document's misses and extras")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	conll := fs.Bool("conll", false, "FILE is a CoNLL-format corpus: score mention spans (PER, ORG, COUNTRY)")
	predicted := fs.String("predicted", "", "score this saved `extract --format jsonl` output instead of running the extractor")
	names := fs.String("names", "combined", "what names persons and organizations the tables do not know: combined, rules or model (the learned tagger alone)")
	model := fs.String("model", "", "use this name tagger model (written by `go run ./extract/ner/train -heldout K -o FILE`) instead of the shipped one")
	foldFlag := fs.String("fold", "", "score only the documents whose index i (from 0, in file order) has i % N == K, given as K/N; the shipped name tagger never trained on --fold 4/5 of wikigold and GUM other")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) != 1 {
		return fmt.Errorf("%w: eval needs one file: eval [--errors] [--json] [--predicted OUT.jsonl] GOLD.jsonl, or eval --conll FILE", errUsage)
	}
	if *conll && *predicted != "" {
		return fmt.Errorf("%w: --predicted scores a gold file, not a CoNLL corpus (whose documents only eval builds)", errUsage)
	}
	namer, err := extract.ParseNamer(*names)
	if err != nil {
		return fmt.Errorf("%w: %s", errUsage, graph.ErrorMessage(err))
	}
	keep, err := parseFold(*foldFlag)
	if err != nil {
		return fmt.Errorf("%w: --fold: %v", errUsage, err)
	}
	newExtractor := func() (*extract.Extractor, error) { return extract.NewNamer(namer) }
	if *model != "" {
		data, err := os.ReadFile(*model)
		if err != nil {
			return fmt.Errorf("--model: %w", err)
		}
		m, err := ner.Load(data)
		if err != nil {
			return fmt.Errorf("--model %s: %w", *model, err)
		}
		newExtractor = func() (*extract.Extractor, error) { return extract.NewNamerModel(namer, m) }
	}
	path := paths[0]
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot open %s: %w", path, err)
	}
	defer f.Close()

	var report interface{ WriteText(io.Writer) error }
	var problems []error
	if *conll {
		report, problems, err = evalCoNLL(ctx, f, path, newExtractor, keep, *showErrors, stderr)
	} else {
		report, problems, err = evalGold(ctx, f, path, *predicted, newExtractor, keep, *showErrors, stderr)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(report)
	} else {
		err = report.WriteText(stdout)
	}
	if err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return errors.Join(problems...)
}

// evalGold scores a gold file against the extractor or, when predicted is
// set, against that saved extraction output. problems are what makes the
// score incomplete; err is what prevents one.
func evalGold(ctx context.Context, f io.Reader, path, predicted string, newExtractor func() (*extract.Extractor, error), keep func(int) bool, showErrors bool, stderr io.Writer) (eval.Report, []error, error) {
	var problems []error
	gold, errs := eval.ReadGold(f)
	for _, err := range errs {
		fmt.Fprintf(stderr, "%s: %s\n", path, graph.ErrorMessage(err))
	}
	if len(errs) > 0 {
		problems = append(problems, fmt.Errorf("%s: lines that could not be read: %d (see above)", path, len(errs)))
	}
	gold = subset(gold, keep)
	if len(gold) == 0 {
		return eval.Report{}, nil, errors.Join(append(problems, fmt.Errorf("%s holds no gold documents", path))...)
	}
	var preds map[string]evalformat.Output
	var err error
	if predicted != "" {
		preds, err = readPredictions(predicted, stderr)
	} else {
		preds, err = extractGold(ctx, path, gold, newExtractor, stderr)
	}
	if err != nil {
		return eval.Report{}, nil, err
	}
	rep := eval.Score(gold, preds)
	if !showErrors {
		rep.Errors = nil
	}
	if n := len(rep.Unpredicted); n > 0 {
		problems = append(problems, fmt.Errorf("gold documents without a prediction: %d of %d (listed in the report)", n, rep.Documents))
	}
	return rep, problems, nil
}

// evalCoNLL scores the extractor's mentions against a CoNLL corpus.
func evalCoNLL(ctx context.Context, f io.Reader, path string, newExtractor func() (*extract.Extractor, error), keep func(int) bool, showErrors bool, stderr io.Writer) (eval.SpanReport, []error, error) {
	docs, err := eval.ReadCoNLL(f, filepath.Base(path))
	if err != nil {
		return eval.SpanReport{}, nil, err
	}
	docs = subset(docs, keep)
	input := make([]ingest.Item, len(docs))
	for i, d := range docs {
		input[i] = ingest.Item{Origin: d.ID, Doc: graph.Document{ID: d.ID, Text: d.Text}}
	}
	x, err := newExtractor()
	if err != nil {
		return eval.SpanReport{}, nil, err
	}
	preds, err := extractAll(ctx, x, input, stderr)
	if err != nil {
		return eval.SpanReport{}, nil, err
	}
	rep := eval.ScoreSpans(docs, preds, countryTest(ctx, x))
	if !showErrors {
		rep.Errors = nil
	}
	var problems []error
	if n := len(rep.Unpredicted); n > 0 {
		problems = append(problems, fmt.Errorf("documents the extractor failed on: %d of %d (see above)", n, rep.Documents))
	}
	return rep, problems, nil
}

// extractGold runs the extractor on the documents of a gold file.
func extractGold(ctx context.Context, path string, gold []eval.Gold, newExtractor func() (*extract.Extractor, error), stderr io.Writer) (map[string]evalformat.Output, error) {
	input := make([]ingest.Item, len(gold))
	for i, g := range gold {
		input[i] = ingest.Item{Origin: fmt.Sprintf("%s:%d", path, g.Line), Doc: g.Document()}
	}
	x, err := newExtractor()
	if err != nil {
		return nil, err
	}
	return extractAll(ctx, x, input, stderr)
}

// extractAll extracts the input documents on ingest's worker pool, and
// returns each extraction in the output shape of eval-format.md, the one
// `extract` prints. A document the extractor rejects is reported on stderr
// and left out.
func extractAll(ctx context.Context, x ingest.Extractor, input []ingest.Item, stderr io.Writer) (map[string]evalformat.Output, error) {
	src := func(ctx context.Context, yield func(ingest.Item) error) error {
		for _, it := range input {
			if err := yield(it); err != nil {
				return err
			}
		}
		return nil
	}
	out := &outputWriter{collect: true}
	sum, err := ingest.Run(ctx, out, x, src, ingest.Options{})
	if err != nil {
		return nil, err
	}
	for _, s := range sum.Skipped {
		fmt.Fprintf(stderr, "extraction failed on %s: %s\n", s.Origin, s.Reason)
	}
	preds := make(map[string]evalformat.Output, len(out.all))
	for _, o := range out.all {
		preds[o.ID] = o
	}
	return preds, nil
}

// readPredictions reads a saved extraction output; bad lines are reported
// on stderr and left out (their documents then score as found-nothing).
func readPredictions(path string, stderr io.Writer) (map[string]evalformat.Output, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot open %s: %w", path, err)
	}
	defer f.Close()
	preds, errs := eval.ReadPredictions(f)
	for _, err := range errs {
		fmt.Fprintf(stderr, "%s: %s\n", path, graph.ErrorMessage(err))
	}
	return preds, nil
}

// countryTest returns the test of which CoNLL LOC spans name a country,
// by the extractor's own country table: a name names a country when the
// extractor, reading it as a place ("in NAME"), gives a COUNTRY mention of
// exactly that name. So "U.S." and "Russia" are countries, while a capital
// ("in Moscow") is a place: it stands for its country only as a government
// ("Moscow said"), which CoNLL's LOC does not mark. A country the table
// lacks is then not counted as missed; completing the table is the
// extractor's job. Answers are kept, since a corpus repeats its place
// names; an extraction error answers false.
func countryTest(ctx context.Context, x ingest.Extractor) func(string) bool {
	const frame = "in "
	known := map[string]bool{}
	return func(name string) bool {
		is, ok := known[name]
		if ok {
			return is
		}
		if ex, err := x.Extract(ctx, graph.Document{ID: "country-test", Text: frame + name}); err == nil {
			for _, e := range ex.Entities {
				for _, m := range e.Mentions {
					is = is || (e.Kind == graph.KindCountry && m.Start == len(frame) && m.End == len(frame)+len(name))
				}
			}
		}
		known[name] = is
		return is
	}
}

// parseFold reads --fold K/N into a test of a document's index; "" keeps
// every document. It returns an error for anything but 0 <= K < N.
func parseFold(s string) (func(int) bool, error) {
	if s == "" {
		return func(int) bool { return true }, nil
	}
	var k, n int
	if _, err := fmt.Sscanf(s, "%d/%d", &k, &n); err != nil || n < 1 || k < 0 || k >= n || fmt.Sprintf("%d/%d", k, n) != s {
		return nil, fmt.Errorf("%q is not K/N with 0 <= K < N", s)
	}
	return func(i int) bool { return i%n == k }, nil
}

// subset returns the items whose index keep accepts.
func subset[T any](items []T, keep func(int) bool) []T {
	var out []T
	for i, it := range items {
		if keep(i) {
			out = append(out, it)
		}
	}
	return out
}

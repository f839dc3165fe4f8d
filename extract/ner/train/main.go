// Command train rebuilds the name tagger's model (extract/ner/model.bin)
// from the open corpora in ../shared/data. Run it from the repository's
// root:
//
//	go run ./extract/ner/train            # writes extract/ner/model.bin
//	go run ./extract/ner/train -eval      # and scores the model alone on held-out data
//	go run ./extract/ner/train -cv 5      # scores the settings by 5-fold cross-validation instead
//	go run ./extract/ner/train -heldout 0 -o /tmp/m0.bin   # a model that never saw fifth 0, for
//	                                      # `entitygraph eval --model /tmp/m0.bin --fold 0/5 ...`
//
// The same corpora, flags and tables give the same file, byte for byte:
// sentences are shuffled by a seeded generator and nothing depends on map
// order. See extract/ner/README.md for the corpora, their licenses and how
// their tags are mapped.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/entitygraph/entitygraph/extract"
	"github.com/entitygraph/entitygraph/extract/ner"
	"github.com/entitygraph/entitygraph/extract/ner/corpus"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

// shipped is where the shipped model is written.
const shipped = "extract/ner/model.bin"

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("train", flag.ContinueOnError)
	fl.SetOutput(stderr)
	data := fl.String("data", "../shared/data", "the shared corpora")
	out := fl.String("o", shipped, "where to write the model")
	opt := corpus.DefaultOptions()
	fl.IntVar(&opt.Epochs, "epochs", opt.Epochs, "passes over the training data")
	fl.Uint64Var(&opt.Seed, "seed", opt.Seed, "seed of the sentence order")
	fl.IntVar(&opt.MinCount, "mincount", opt.MinCount, "drop features seen fewer times")
	fl.IntVar(&opt.Runs, "runs", opt.Runs, "models trained with seeds seed, seed+1, ... and averaged into one")
	fl.StringVar(&opt.Corpora, "corpora", opt.Corpora, "comma-separated corpora to train on, of: "+strings.Join(corpus.Names(), ", "))
	fl.IntVar(&opt.Fold, "heldout", opt.Fold, "the fifth K of wikigold and GUM other left out of training (documents i with i % 5 == K; 4 for the shipped model)")
	evaluate := fl.Bool("eval", false, "score the model alone on held-out data after training")
	folds := fl.Int("cv", 0, "instead of training, score these settings by k-fold cross-validation of the training documents (k >= 2)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if opt.Fold != corpus.ShippedFold && *out == shipped && *folds == 0 {
		return fmt.Errorf("-heldout %d: the shipped model leaves out fifth %d; write this one elsewhere with -o", opt.Fold, corpus.ShippedFold)
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	lex, err := extract.NewLexicon()
	if err != nil {
		return err
	}
	lexHash, err := lex.Hash()
	if err != nil {
		return err
	}
	if *folds != 0 {
		if *folds < 2 {
			return fmt.Errorf("-cv %d: want at least 2 folds", *folds)
		}
		reports, err := corpus.CrossValidate(ctx, *data, lex, opt, *folds)
		if err != nil {
			return err
		}
		for _, r := range reports {
			printReport(stdout, r)
		}
		return nil
	}
	start := time.Now()
	m, stats, err := corpus.Train(ctx, *data, lex, lexHash, opt, func(epoch, wrong, sents int) {
		log.Info("epoch", "n", epoch, "wrong_sentences", wrong, "sentences", sents, "elapsed", time.Since(start).Round(time.Millisecond))
	})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := m.Encode(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write the model: %w", err)
	}
	log.Info("wrote model", "path", *out, "bytes", buf.Len(), "features_seen", m.Features(), "documents", stats.Documents,
		"tokens", stats.Tokens, "elapsed", time.Since(start).Round(time.Millisecond))
	if !*evaluate {
		return nil
	}
	// Score the model as written, rounding included.
	written, err := ner.Load(buf.Bytes())
	if err != nil {
		return err
	}
	reports, err := corpus.Evaluate(ctx, *data, lex, written, opt.Fold)
	if err != nil {
		return err
	}
	for _, r := range reports {
		printReport(stdout, r)
	}
	return nil
}

func printReport(w io.Writer, r corpus.Report) {
	fmt.Fprintf(w, "%-26s PER %.3f  ORG %.3f  LOC %.3f  PER+ORG %.3f (P %.3f, R %.3f)\n", r.Name,
		r.PER.F1(), r.ORG.F1(), r.LOC.F1(), r.PERORG.F1(), r.PERORG.Precision(), r.PERORG.Recall())
}

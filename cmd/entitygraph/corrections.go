package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/entitygraph/entitygraph/eval"
	"github.com/entitygraph/entitygraph/graph"
)

// runCorrections serves `entitygraph corrections export|import|gold`:
// corrections as JSONL, oldest first (the order they apply), so that a team
// keeps them in git and rebuilds a store from its sources and them; and
// the documents they touch as a gold file for `entitygraph eval`.
func runCorrections(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: corrections needs export, import or gold", errUsage)
	}
	sub := args[0]
	fs := newFlagSet("corrections "+sub, stderr)
	storeFlag := addStoreFlag(fs)
	rest, err := parseFlags(fs, args[1:])
	if err != nil {
		return err
	}
	var run func(ctx context.Context, cur graph.Curator, file string, stdout io.Writer) error
	switch sub {
	case "export":
		run = exportCorrections
	case "import":
		run = importCorrections
	case "gold":
		run = writeGold
	default:
		return fmt.Errorf("%w: unknown corrections command %q (want export, import or gold)", errUsage, sub)
	}
	if len(rest) > 1 || sub == "import" && len(rest) != 1 {
		return fmt.Errorf("%w: corrections %s takes one file (export and gold: stdout without one), got %q", errUsage, sub, rest)
	}
	file := ""
	if len(rest) == 1 {
		file = rest[0]
	}
	store, err := openStore(ctx, storeURI(*storeFlag, getenv), getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	return run(ctx, store, file, stdout)
}

// toFile calls write with file opened for writing (stdout when file is
// empty) and closes it.
func toFile(file string, stdout io.Writer, write func(w io.Writer) error) error {
	if file == "" {
		return write(stdout)
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// exportCorrections writes every correction, oldest first, one JSON object
// a line, a page at a time.
func exportCorrections(ctx context.Context, cur graph.Curator, file string, stdout io.Writer) error {
	return toFile(file, stdout, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		enc := json.NewEncoder(bw)
		q := graph.CorrectionQuery{Oldest: true, Page: graph.PageRequest{Size: graph.MaxPageSize}}
		for {
			page, err := cur.Corrections(ctx, q)
			if err != nil {
				return err
			}
			for _, c := range page.Corrections {
				if err := enc.Encode(c); err != nil {
					return err
				}
			}
			if page.NextPageToken == "" {
				return bw.Flush()
			}
			q.Page.Token = page.NextPageToken
		}
	})
}

// importCorrections reads a file that export wrote and records the
// corrections the store does not hold yet, all in one transaction.
func importCorrections(ctx context.Context, cur graph.Curator, file string, stdout io.Writer) error {
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	var cs []graph.Correction
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var c graph.Correction
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			return fmt.Errorf("%s:%d: not a correction: %v", file, n, err)
		}
		cs = append(cs, c)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	added, err := cur.ImportCorrections(ctx, cs)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d corrections imported, %d already held\n", added, len(cs)-added)
	return nil
}

// writeGold writes the documents the corrections touch, corrected, as a
// gold file (eval.GoldFromExtraction).
func writeGold(ctx context.Context, cur graph.Curator, file string, stdout io.Writer) error {
	return toFile(file, stdout, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		enc := json.NewEncoder(bw)
		err := cur.CorrectedExtractions(ctx, func(x *graph.Extraction) error {
			return enc.Encode(eval.GoldFromExtraction(x))
		})
		if err != nil {
			return err
		}
		return bw.Flush()
	})
}

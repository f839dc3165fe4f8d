// Command entitygraph turns news text into a graph of people,
// organizations and countries, who stated what about whom and who reported
// it, and serves that graph as a JSON API and a web explorer.
//
//	entitygraph serve   [--store URI] [--addr ADDR] [--api-key KEY] [--log-format text|json] [--demo]
//	entitygraph ingest  [--store URI] [--workers N] PATH...
//	entitygraph extract [--format json|jsonl] PATH...
//	entitygraph eval    GOLD.jsonl
//	entitygraph corrections export|import|gold [--store URI] [FILE]
//	entitygraph version
//
// This file only parses the command line and wires packages together; the
// work is done in extract, ingest, graph, the stores and api.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "entitygraph:", err)
		os.Exit(exitCode(err))
	}
}

// errUsage marks a command line that could not be understood (exit 2).
var errUsage = errors.New("usage")

func exitCode(err error) int {
	if errors.Is(err, errUsage) {
		return 2
	}
	return 1
}

const usage = `entitygraph: news text to an entity graph you can explore

Usage:
  entitygraph serve   [--store URI] [--addr ADDR] [--api-key KEY] [--log-format text|json] [--demo]
  entitygraph ingest  [--store URI] [--workers N] [--csv-text COL ...] PATH...
                      (files or folders: .txt .md .jsonl .html .rss .atom .xml .warc .csv .tsv, each also .gz)
  entitygraph extract [--format json|jsonl] PATH...        (print extractions, store nothing)
  entitygraph eval    GOLD.jsonl                            (score extraction against a gold file)
  entitygraph corrections export [--store URI] [FILE]       (corrections as JSONL, oldest first)
  entitygraph corrections import [--store URI] FILE         (record those the store does not hold)
  entitygraph corrections gold   [--store URI] [FILE]       (the corrected documents as a gold file)
  entitygraph version

--store (or ENTITYGRAPH_STORE) is sqlite:PATH (default sqlite:entitygraph.db) or a
Neo4j URI (bolt://, neo4j://, neo4j+s://) with NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE.
`

// run is the whole program, testable in-process: args without the program
// name, getenv for the environment, and the two output streams.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: no command given", errUsage)
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "serve":
		return runServe(ctx, rest, getenv, stdout, stderr)
	case "ingest":
		return runIngest(ctx, rest, getenv, stdout, stderr)
	case "extract":
		return runExtract(ctx, rest, stdout, stderr)
	case "eval":
		return runEval(ctx, rest, stdout, stderr)
	case "corrections":
		return runCorrections(ctx, rest, getenv, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "entitygraph", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
}

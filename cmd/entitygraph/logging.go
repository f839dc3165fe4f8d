package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
)

// addLogFormatFlag adds --log-format to a command's flags.
func addLogFormatFlag(fs *flag.FlagSet) *string {
	return fs.String("log-format", "text", "log lines as text (key=value) or json (one object a line, for log collectors)")
}

// newLogger returns the logger for --log-format: text or json lines on w.
// It returns a usage error for any other format.
func newLogger(format string, w io.Writer) (*slog.Logger, error) {
	switch format {
	case "text", "":
		return slog.New(slog.NewTextHandler(w, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, nil)), nil
	}
	return nil, fmt.Errorf("%w: --log-format %q: want text or json", errUsage, format)
}

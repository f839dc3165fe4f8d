package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// A model trained without another fifth than the shipped one's is for
// measuring: the trainer refuses to write it over the shipped model, and
// refuses a fifth that does not exist, before reading any corpus.
func TestHeldOutFold(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-heldout", "0", "-data", "/nonexistent"}, "write this one elsewhere"},
		{[]string{"-heldout", "7", "-o", "/nonexistent/m.bin", "-data", "/nonexistent"}, "want 0 to 4"},
	} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), c.args, &out, &errOut)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("train %q: %v, want an error saying %q", c.args, err, c.want)
		}
	}
}

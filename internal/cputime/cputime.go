// Package cputime reads the CPU time and the disk writes of this process,
// which benchmarks report next to wall time: on a shared machine they say
// what an operation costs whatever else runs, and wall time does not.
package cputime

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Process returns the CPU time this process has used, user and system,
// or 0 where the system cannot say.
func Process() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// DiskWrites returns how many bytes this process has caused to be written
// to storage (Linux's /proc/self/io write_bytes), or 0 where the system
// cannot say.
func DiskWrites() int64 {
	f, err := os.Open("/proc/self/io")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "write_bytes: "); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	return 0
}

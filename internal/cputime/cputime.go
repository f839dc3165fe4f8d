// Package cputime reads the CPU time of this process, which benchmarks
// report next to wall time: on a shared machine it says what an operation
// costs whatever else runs, and wall time does not.
package cputime

import (
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

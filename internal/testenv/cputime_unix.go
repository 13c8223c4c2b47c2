//go:build unix

package testenv

import (
	"syscall"
	"time"
)

// CPUTime is the user and system time the process has used, all threads:
// unlike wall time, it does not grow when other processes share the CPUs.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

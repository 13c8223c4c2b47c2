package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// The build's largest step, the search index, holds every report's text
// and the whole index at once; with the garbage collector's default
// headroom (as much again as what is live) the process would take twice
// that from the machine. A soft memory limit of memoryFloor, raised to an
// eighth above the live heap as it grows, keeps a site of 20,000 reports
// within 1 GB. Past 1 GB of live data (a national site on a larger
// machine) the headroom is half the live heap, so that the collector does
// not spend the build collecting. GOMEMLIMIT, when set, wins.
//
// Below the limit the collector's pace is set by gcPercent instead of the
// default 100: while the reports are read, the live heap is a few tens of
// megabytes and the default would collect every few milliseconds, which
// made that step take 6.2–10 s instead of 4.9–5.5 s at 20,000 reports
// (bench/README.md). The limit, not the percentage, still bounds the peak.
// GOGC, when set, wins.
const (
	gcPercent   = 400
	memoryFloor = 640 << 20
	tightUpTo   = 1 << 30
)

// limitMemory starts adjusting the soft memory limit and returns the
// function that stops it.
func limitMemory() (stop func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	setPercent := os.Getenv("GOGC") == ""
	oldPercent := 0
	if setPercent {
		oldPercent = debug.SetGCPercent(gcPercent)
	}
	old := debug.SetMemoryLimit(memoryFloor)
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	done := make(chan struct{})
	exited := make(chan struct{})
	go func() {
		defer close(exited)
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			live := int64(sample[0].Value.Uint64())
			limit := int64(memoryFloor)
			switch {
			case live > tightUpTo:
				limit = live + live/2
			case live+live/8 > limit:
				limit = live + live/8
			}
			debug.SetMemoryLimit(limit)
		}
	}()
	return func() {
		close(done)
		<-exited
		debug.SetMemoryLimit(old)
		if setPercent {
			debug.SetGCPercent(oldPercent)
		}
	}
}

package main

import (
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// A build holds every report's metadata, and the search index and the open
// data a bounded part of theirs (the rest waits in spill files); with the
// garbage collector's default headroom (as much again as what is live)
// the process would take twice that from the machine. A soft memory limit of memoryFloor, raised as the
// live heap grows so that the heap may grow an eighth past it, keeps a site
// of 20,000 reports within 1 GB. Past 1 GB of live data (a national site on
// a larger machine) the headroom is half the live heap, so that the
// collector does not spend the build collecting. GOMEMLIMIT, when set,
// wins.
//
// The limit counts all the memory the runtime holds, not the heap alone:
// the rest (stacks, the collector's own data, free spans not yet returned)
// is added to it as it stands. Without it, a live heap within that much of
// the floor left the heap no room at all: during the search index of
// 20,000 reports the collector ran back to back, 40 cycles in 10 s with the
// program's own goroutines made to help (GODEBUG=gctrace=1).
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
	sample := []metrics.Sample{
		{Name: "/gc/heap/live:bytes"},
		{Name: "/memory/classes/total:bytes"},
		{Name: "/memory/classes/heap/released:bytes"},
		{Name: "/memory/classes/heap/free:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
	}
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
			debug.SetMemoryLimit(memoryLimit(sample[0].Value.Uint64(), sample[1].Value.Uint64(),
				sample[2].Value.Uint64()+sample[3].Value.Uint64(), sample[4].Value.Uint64()))
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

// memoryLimit is the soft limit for a live heap of live bytes, when the
// runtime holds total bytes, of which free are free heap pages (returned
// to the system or not) and objects are in heap objects, live or not yet
// collected: the live heap and its headroom, plus what the runtime holds
// besides the heap (stacks, its own data, the unused ends of spans), which
// the runtime takes off the limit before it sets the heap's goal (see
// memoryLimitHeapGoal in runtime/mgcpacer.go); never below memoryFloor.
func memoryLimit(live, total, free, objects uint64) int64 {
	headroom := live / 8
	if live > tightUpTo {
		headroom = live / 2
	}
	besides := int64(total) - int64(free) - int64(objects)
	return max(int64(memoryFloor), max(besides, 0)+int64(live+headroom))
}

package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// A build holds every report's metadata, and the search index and the open
// data a bounded part of theirs (the rest waits in spill files); with the
// garbage collector's default headroom (as much again as what is live)
// the process would take twice that from the machine. A soft memory limit
// of memoryFloor, raised as the live heap grows so that the heap may always
// grow minHeadroom past it, keeps a site of 20,000 reports within 1 GB.
// Past 1 GB of live data (a national site on a larger machine) the
// headroom is half the live heap, so that the collector does not spend the
// build collecting. GOMEMLIMIT, when set, wins.
//
// The headroom is a fixed amount rather than a share of the live heap: a
// collection marks the whole live heap, so a headroom of an eighth of it
// made the collector mark eight bytes for each one allocated, and as a
// live heap neared the floor the room left shrank to nothing. A site of
// 50,000 reports renders with its live heap between the floor and 1 GB: it
// took 283–296 s with an eighth and 162–183 s with minHeadroom, at a peak
// of 1.06 GB instead of 0.85 GB; reading 200,000 reports, the collector's
// share of the load step fell from 129 to 76 CPU-s (bench/README.md).
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
	minHeadroom = 256 << 20
	tightUpTo   = 1 << 30
)

// limitMemory starts adjusting the soft memory limit and returns the
// function that stops it. With peakFile, it also writes the heap profile
// each time the live heap passes its last high by a twentieth, so that the
// file ends holding what was live at the highest point (within one
// sampling interval); stop returns that high, and what went wrong writing
// the profile.
func limitMemory(peakFile string) (stop func() (peak uint64, err error)) {
	if os.Getenv("GOMEMLIMIT") != "" && peakFile == "" {
		return func() (uint64, error) { return 0, nil }
	}
	limit := os.Getenv("GOMEMLIMIT") == ""
	setPercent := os.Getenv("GOGC") == ""
	oldPercent := 0
	if setPercent {
		oldPercent = debug.SetGCPercent(gcPercent)
	}
	old := debug.SetMemoryLimit(-1)
	if limit {
		debug.SetMemoryLimit(memoryFloor)
	}
	var peak peakProfile
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
			if limit {
				debug.SetMemoryLimit(memoryLimit(sample[0].Value.Uint64(), sample[1].Value.Uint64(),
					sample[2].Value.Uint64()+sample[3].Value.Uint64(), sample[4].Value.Uint64()))
			}
			if peakFile != "" {
				peak.sample(peakFile, sample[0].Value.Uint64())
			}
		}
	}()
	return func() (uint64, error) {
		close(done)
		<-exited
		if peakFile != "" {
			// A build shorter than one interval has had no sample yet.
			metrics.Read(sample)
			peak.sample(peakFile, sample[0].Value.Uint64())
		}
		debug.SetMemoryLimit(old)
		if setPercent {
			debug.SetGCPercent(oldPercent)
		}
		if peak.err != nil {
			return peak.live, fmt.Errorf("peak heap profile: %w", peak.err)
		}
		return peak.live, nil
	}
}

// peakProfile keeps the heap profile of the highest live heap seen.
type peakProfile struct {
	live    uint64 // the highest live heap seen
	written uint64 // the live heap of the profile in the file
	buf     bytes.Buffer
	err     error
}

// sample records a live heap of live bytes, and writes the profile to file
// when it passes the one written by a twentieth: writing it at every new
// byte would take the build's time.
func (p *peakProfile) sample(file string, live uint64) {
	p.live = max(p.live, live)
	if p.err != nil || live <= p.written+p.written/20 {
		return
	}
	p.buf.Reset()
	if p.err = pprof.WriteHeapProfile(&p.buf); p.err == nil {
		p.err = os.WriteFile(file, p.buf.Bytes(), 0o644)
	}
	p.written = live
}

// memoryLimit is the soft limit for a live heap of live bytes, when the
// runtime holds total bytes, of which free are free heap pages (returned
// to the system or not) and objects are in heap objects, live or not yet
// collected: the live heap and its headroom, plus what the runtime holds
// besides the heap (stacks, its own data, the unused ends of spans), which
// the runtime takes off the limit before it sets the heap's goal (see
// memoryLimitHeapGoal in runtime/mgcpacer.go); never below memoryFloor.
func memoryLimit(live, total, free, objects uint64) int64 {
	headroom := uint64(minHeadroom)
	if live > tightUpTo {
		headroom = live / 2
	}
	besides := int64(total) - int64(free) - int64(objects)
	return max(int64(memoryFloor), max(besides, 0)+int64(live+headroom))
}

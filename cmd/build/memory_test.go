package main

import "testing"

// TestMemoryLimit checks the soft limit against what the runtime holds: the
// heap may always grow minHeadroom past its live part (half of it past it
// above tightUpTo), whatever the runtime holds besides the heap, and the
// limit never falls below the floor.
func TestMemoryLimit(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		name                       string
		live, total, free, objects uint64
		want                       int64
	}{
		{"reading the reports: the floor", 40 * mb, 120 * mb, 20 * mb, 60 * mb, memoryFloor},
		// The search index of 20,000 reports: before, the limit was the
		// floor here, which left the heap 2 MB to grow in; then an eighth
		// of the live heap, 65 MB.
		{"live heap near the floor", 520 * mb, 700 * mb, 30 * mb, 550 * mb, (700-30-550)*mb + 520*mb + 256*mb},
		// Just under 1 GB live, the heap may still grow 256 MB, not an
		// eighth of it (125 MB), nor yet half.
		{"a live heap of almost 1 GB", 1000 * mb, 1200 * mb, 50 * mb, 1100 * mb, (1200-50-1100)*mb + 1000*mb + 256*mb},
		{"a national site: half the live heap", 2048 * mb, 2600 * mb, 100 * mb, 2300 * mb, (2600-100-2300)*mb + 2048*mb + 1024*mb},
		// Samples read a moment apart can disagree: nothing besides.
		{"samples out of step", 600 * mb, 600 * mb, 10 * mb, 700 * mb, 600*mb + 256*mb},
	} {
		if got := memoryLimit(c.live, c.total, c.free, c.objects); got != c.want {
			t.Errorf("%s: limit %d MB, want %d MB", c.name, got/mb, c.want/mb)
		}
	}
}

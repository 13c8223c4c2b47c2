package workers

import (
	"sync/atomic"
	"testing"
)

// Every index is done exactly once, whatever the number of goroutines, and
// each goroutine's state is its own.
func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		for _, count := range []int{-1, 0, 1, 2, 8, 2000} {
			done := make([]atomic.Int32, n)
			Each(n, count, func(i int) { done[i].Add(1) })
			for i := range done {
				if got := done[i].Load(); got != 1 {
					t.Fatalf("Each(%d, %d): index %d done %d times", n, count, i, got)
				}
			}
			var states atomic.Int32
			EachWith(n, count, func() *int { states.Add(1); return new(int) }, func(st *int, i int) { *st++ })
			if n > 0 && (states.Load() < 1 || int(states.Load()) > max(1, min(count, n))) {
				t.Fatalf("EachWith(%d, %d) made %d states", n, count, states.Load())
			}
		}
	}
}

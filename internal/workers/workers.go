// Package workers runs the iterations of a loop on a few goroutines: the
// one worker pool of the build, the import and the search index. Each
// iteration writes its result at its own index, so the order in which the
// goroutines take them never shows in the output.
package workers

import (
	"sync"
	"sync/atomic"
)

// Each calls f(0) … f(n-1) on up to count goroutines (at least one), each
// taking the next index when it is done with one.
func Each(n, count int, f func(i int)) {
	EachWith(n, count, func() struct{} { return struct{}{} }, func(_ struct{}, i int) { f(i) })
}

// EachWith is Each with a state per goroutine, made by newState when the
// goroutine starts and passed to every call it makes: buffers and counters
// that are reused from one index to the next and never shared.
func EachWith[T any](n, count int, newState func() T, f func(st T, i int)) {
	count = max(1, min(count, n))
	if count <= 1 {
		if n > 0 {
			st := newState()
			for i := range n {
				f(st, i)
			}
		}
		return
	}
	var wg sync.WaitGroup
	var next atomic.Int64
	for range count {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st := newState()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				f(st, i)
			}
		}()
	}
	wg.Wait()
}

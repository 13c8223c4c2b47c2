package search

import "testing"

func BenchmarkZZTokenize(b *testing.B) {
	docs := synthCorpus(b, 200, 1)
	c := newCounter()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range docs {
			c.tokenize(&docs[j])
		}
	}
}

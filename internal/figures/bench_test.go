package figures

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkExtract reads the five bundled reports' figures.
func BenchmarkExtract(b *testing.B) {
	files, _ := filepath.Glob("../../sources/*.txt")
	var texts []string
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(data))
		n += len(data)
	}
	tax := Default()
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, s := range texts {
			tax.Extract(s, 0)
		}
	}
}

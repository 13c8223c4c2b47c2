package content

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkRender renders the bodies of the bundled reports the way the
// site build does (RenderParts: lead, sections, headings, plain text).
func BenchmarkRender(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "content", "*", "*.md"))
	if len(files) == 0 {
		b.Skip("no content files")
	}
	var bodies [][]byte
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		file, err := Parse(f, data)
		if err != nil {
			b.Fatal(err)
		}
		bodies = append(bodies, file.Body)
		size += len(file.Body)
	}
	md := NewMarkdown()
	b.SetBytes(int64(size / len(bodies)))
	i := 0
	for b.Loop() {
		if _, err := md.RenderParts(bodies[i%len(bodies)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

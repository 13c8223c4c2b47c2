package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/internal/content"
	"nianbao/internal/region"
)

// bodyOf returns the Markdown body of a content file.
func bodyOf(t testing.TB, file []byte) []byte {
	t.Helper()
	f, err := content.Parse("output", file)
	if err != nil {
		t.Fatalf("the output does not parse back: %v", err)
	}
	return f.Body
}

// repoRoot is the repository root seen from this package's directory.
const repoRoot = "../.."

// readSource reads a source named relative to the repository root.
func readSource(t testing.TB, src string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(src)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// seed is one of the real reports in sources/, converted.
type seed struct {
	name string // file name without .txt
	conv *Converted
}

// seeds converts every report in sources/ as "import sources" would.
func seeds(t testing.TB) []seed {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(repoRoot, "sources", "*.txt"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no reports in sources/: %v", err)
	}
	var out []seed
	for _, n := range names {
		base := filepath.Base(n)
		src := "sources/" + base
		c, err := Convert(src, readSource(t, src), "content", region.Default())
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		out = append(out, seed{strings.TrimSuffix(base, ".txt"), c})
	}
	return out
}

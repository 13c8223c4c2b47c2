package importer

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/internal/region"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.md, testdata/import.golden and the derived encoding fixtures")

// fixtureDir is where the golden fixtures live, relative to the repository
// root, as import would write it into a content file's source.
const fixtureDir = "internal/importer/testdata"

// fixtures lists testdata/*.txt, the inputs of the golden tests.
func fixtures(t testing.TB) []string {
	t.Helper()
	names, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(names) == 0 {
		t.Fatalf("no fixtures in testdata: %v", err)
	}
	for i, n := range names {
		names[i] = filepath.Base(n)
	}
	return names
}

// convertFixture converts one fixture as "import internal/importer/testdata"
// run from the repository root would.
func convertFixture(t testing.TB, name string) (*Converted, []byte) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	c, err := Convert(fixtureDir+"/"+name, data, "content", region.Default())
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return c, data
}

// TestGoldenFiles converts every fixture testdata/NAME.txt and compares the
// content file with testdata/NAME.golden.md, and the output path and
// warnings of all fixtures with testdata/import.golden. Run
// "go test ./internal/importer -update" to rewrite them, then review the diff.
func TestGoldenFiles(t *testing.T) {
	if *update {
		writeDerivedFixtures(t)
	}
	var summary bytes.Buffer
	for _, name := range fixtures(t) {
		c, _ := convertFixture(t, name)
		fmt.Fprintf(&summary, "%s → %s\n", name, c.Path)
		for _, w := range c.Warnings {
			fmt.Fprintf(&summary, "\twarning: %s\n", strings.TrimPrefix(w.Error(), fixtureDir+"/"))
		}
		golden := filepath.Join("testdata", strings.TrimSuffix(name, ".txt")+".golden.md")
		checkGolden(t, golden, c.File)
	}
	checkGolden(t, filepath.Join("testdata", "import.golden"), summary.Bytes())
}

// checkGolden compares got with a golden file, or rewrites it with -update.
func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Errorf("%v (run go test ./internal/importer -update)", err)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output:\n%s\n(run go test ./internal/importer -update and review the diff)", golden, firstDiff(want, got))
	}
}

// firstDiff shows the first line where two texts differ.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want %q\n  got  %q", i+1, w, g)
		}
	}
	return "(no line differs)"
}

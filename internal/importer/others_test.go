package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"nianbao/internal/region"
)

// otherLabel is the label of a real text of another body than a township
// (testdata/others/README.md).
type otherLabel struct {
	URL           string `yaml:"url"`
	Body          string `yaml:"body"`
	Organ         string `yaml:"organ"`
	NamesTownship string `yaml:"names_township"`
}

// TestRealReportsOfOtherBodiesAreRefused imports real texts that are not a
// township's report — a province's, a county's, a 司法局's, a 社区's, news
// of them — as the portals published them. Staff drop such a file into
// sources/ by mistake, and many name a township in their opening; none may
// be published as that township's report.
func TestRealReportsOfOtherBodiesAreRefused(t *testing.T) {
	files := textsIn(t, "others", 34)
	named, told := 0, 0
	for _, x := range files {
		f, data := x.path, x.data
		raw, err := os.ReadFile(strings.TrimSuffix(f, ".txt") + ".yaml")
		if err != nil {
			t.Fatal(err)
		}
		var l otherLabel
		if err := yaml.Unmarshal(raw, &l); err != nil || l.URL == "" || l.Body == "" {
			t.Fatalf("%s: label without url or body (%v)", f, err)
		}
		c, err := Convert(filepath.ToSlash(f), data, "content", region.Default())
		if err == nil {
			t.Errorf("%s (%s, %s) was imported as %s, the report of %s%s: a text of another body must be refused",
				f, l.Body, l.Organ, c.Path, c.Meta.County, c.Meta.Town)
			continue
		}
		if l.NamesTownship != "" {
			named++
			if strings.Contains(err.Error(), "看来不是乡镇（街道）的报告") {
				told++
			}
		}
	}
	t.Logf("%d texts refused; of the %d that name a township, %d refused as another body's", len(files), named, told)
}

// TestRealTownshipReportsAreNotTakenForOthers imports real township reports
// that no rule was tuned to (testdata/unlabelled/README.md): whatever else
// may fail on them, none may be refused as another body's report, as
// another kind of document, or as a covering letter.
func TestRealTownshipReportsAreNotTakenForOthers(t *testing.T) {
	files := textsIn(t, "unlabelled", 38)
	imported := 0
	for _, x := range files {
		f, data := x.path, x.data
		_, err := Convert(filepath.ToSlash(f), data, "content", region.Default())
		if err == nil {
			imported++
			continue
		}
		for _, not := range []string{"看来不是乡镇（街道）的报告", "这份文件看来是"} {
			if strings.Contains(err.Error(), not) {
				t.Errorf("a township's own report was refused as something else: %v", err)
			}
		}
	}
	t.Logf("%d of %d imported", imported, len(files))
}

// realText is one text of a testdata folder.
type realText struct {
	path string
	data []byte
}

// textsIn reads the .txt files of testdata/dir in the order of their names,
// and fails unless there are at least n.
func textsIn(t *testing.T, dir string, n int) []realText {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < n {
		t.Fatalf("%d texts in testdata/%s, want at least %d", len(files), dir, n)
	}
	texts := make([]realText, len(files))
	for i, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts[i] = realText{f, data}
	}
	return texts
}

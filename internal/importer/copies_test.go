package importer

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// snapshotContent reads every file under root/content.
func snapshotContent(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range tree(t, filepath.Join(root, "content")) {
		data, err := os.ReadFile(filepath.Join(root, "content", filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		out[f] = string(data)
	}
	return out
}

// buildImport imports what a build imports: the sources no content file
// names.
func buildImport(t *testing.T, opt Options) Result {
	t.Helper()
	pending, err := Pending("sources", opt)
	if err != nil {
		t.Fatal(err)
	}
	return Import(pending, opt)
}

// One file under two names is imported once, from the same one every
// time, with a warning naming both; content/ no longer changes from one
// build to the next.
func TestOneFileUnderTwoNamesIsImportedOnce(t *testing.T) {
	unresolved := strings.ReplaceAll(smallReport, "璧山区七塘镇", "璧山区青杠岭镇")
	for _, tc := range []struct {
		name    string
		sources map[string]string
		content string // the one content file written
		// warnings of the first build, in the order of the sources; later
		// builds, which have only the copy left to import, warn of it alone.
		warnings []string
		copy     string
	}{
		{"a known town", map[string]string{"sources/report.txt": smallReport, "sources/copy of report.txt": smallReport},
			"500120/500120101-2023.md", nil,
			"sources/copy of report.txt: 与 sources/report.txt 内容完全相同（content/500120/500120101-2023.md 就是从它导入的），这份副本不再导入：请删去两者之一"},
		// A file of a town the table does not know is named after its
		// source, so the copy would go to a file of its own.
		{"a town the table does not know", map[string]string{"sources/report.txt": unresolved, "sources/copy of report.txt": unresolved},
			"unresolved/report-2023.md", []string{
				"sources/report.txt: 2023 年区划表中没有乡镇重庆市璧山区青杠岭镇，所属地区按原件所写保留",
			},
			"sources/copy of report.txt: 与 sources/report.txt 内容完全相同（content/unresolved/report-2023.md 就是从它导入的），这份副本不再导入：请删去两者之一"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := repo(t, tc.sources)
			opt := Options{Root: root, Out: "content"}
			var first map[string]string
			for run := 1; run <= 3; run++ {
				res := buildImport(t, opt)
				if len(res.Problems) > 0 {
					t.Fatalf("build %d: %v", run, res.Problems)
				}
				want := []string{tc.copy}
				if run == 1 {
					want = append(want, tc.warnings...) // the copy sorts first
				}
				if got := messages(res.Warnings); !reflect.DeepEqual(got, want) {
					t.Errorf("build %d: warnings\n got  %q\n want %q", run, got, want)
				}
				files := snapshotContent(t, root)
				if run == 1 {
					first = files
					if _, ok := files[tc.content]; !ok || len(files) != 2 {
						t.Fatalf("content/ holds %d files, want %s and the manifest", len(files), tc.content)
					}
					if !strings.Contains(files[tc.content], "\nsource: sources/report.txt\n") {
						t.Errorf("the file is not imported from the first name in sorted order:\n%s", files[tc.content])
					}
				} else if !reflect.DeepEqual(files, first) {
					t.Errorf("build %d changed content/", run)
				}
			}
			// Importing the whole folder again changes nothing either.
			res := Import([]string{"sources"}, opt)
			if len(res.Problems) > 0 || !reflect.DeepEqual(snapshotContent(t, root), first) {
				t.Errorf("import sources changed content/: problems %v", res.Problems)
			}
		})
	}
}

// The name a content file already gives stays, even when another name of
// the same bytes sorts first.
func TestOneFileUnderTwoNamesKeepsTheNameAlreadyImported(t *testing.T) {
	root := repo(t, map[string]string{"sources/b.txt": smallReport})
	opt := Options{Root: root, Out: "content"}
	if res := Import([]string{"sources/b.txt"}, opt); len(res.Problems) > 0 {
		t.Fatal(res.Problems)
	}
	before := snapshotContent(t, root)
	if err := os.WriteFile(filepath.Join(root, "sources", "a.txt"), []byte(smallReport), 0o644); err != nil {
		t.Fatal(err)
	}
	want := []string{"sources/a.txt: 与 sources/b.txt 内容完全相同（content/500120/500120101-2023.md 就是从它导入的），这份副本不再导入：请删去两者之一"}
	for _, res := range []Result{buildImport(t, opt), Import([]string{"sources"}, opt)} {
		if got := messages(res.Warnings); len(res.Problems) > 0 || !reflect.DeepEqual(got, want) {
			t.Errorf("warnings %q, problems %v; want %q", got, res.Problems, want)
		}
		if !reflect.DeepEqual(snapshotContent(t, root), before) {
			t.Error("content/ changed")
		}
	}
}

// A source renamed since it was imported is no copy: the content file
// follows the new name, once.
func TestRenamedSourceIsNoCopy(t *testing.T) {
	root := repo(t, map[string]string{"sources/old.txt": smallReport})
	opt := Options{Root: root, Out: "content"}
	Import([]string{"sources"}, opt)
	if err := os.Rename(filepath.Join(root, "sources", "old.txt"), filepath.Join(root, "sources", "new.txt")); err != nil {
		t.Fatal(err)
	}
	res := buildImport(t, opt)
	if len(res.Problems) > 0 || len(res.Warnings) > 0 || !reflect.DeepEqual(res.Written, []string{"content/500120/500120101-2023.md"}) {
		t.Fatalf("written %q, warnings %v, problems %v", res.Written, res.Warnings, res.Problems)
	}
	got := snapshotContent(t, root)["500120/500120101-2023.md"]
	if !strings.Contains(got, "\nsource: sources/new.txt\n") {
		t.Errorf("the content file does not follow the new name:\n%s", got)
	}
	if res := buildImport(t, opt); len(res.Written) > 0 || len(res.Warnings) > 0 {
		t.Errorf("a second build imported again: written %q, warnings %v", res.Written, res.Warnings)
	}
}

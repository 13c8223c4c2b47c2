package importer

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"nianbao/internal/filestamp"
)

// repo makes a repository in a temporary directory with the given files.
func repo(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func messages(errs []error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

// tree lists every file under root, slash paths, sorted.
func tree(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			r, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(r))
		}
		return nil
	})
	return out
}

// otherReport is smallReport for another town.
var otherReport = strings.ReplaceAll(smallReport, "璧山区七塘镇", "铜梁区安居镇")

func TestImportWritesGoodFilesAndNamesTheBadOne(t *testing.T) {
	root := repo(t, map[string]string{
		"sources/a.txt":       smallReport,
		"sources/b.txt":       "",
		"sources/c.txt":       otherReport,
		"sources/notes.md":    "not a report file: ignored",
		"sources/.hidden.txt": "ignored",
	})
	res := Import([]string{"sources"}, Options{Root: root, Out: "content"})
	if want := []string{"content/500120/500120101-2023.md", "content/500151/500151105-2023.md"}; !reflect.DeepEqual(res.Written, want) {
		t.Errorf("written = %q, want %q", res.Written, want)
	}
	if got, want := messages(res.Problems), []string{"sources/b.txt: 文件是空的：请向报送单位重新索取原件，或把它移出 sources/"}; !reflect.DeepEqual(got, want) {
		t.Errorf("problems = %q, want %q", got, want)
	}
	want := []string{
		"content/.imported.json",
		"content/500120/500120101-2023.md",
		"content/500151/500151105-2023.md",
		"sources/.hidden.txt", "sources/a.txt", "sources/b.txt", "sources/c.txt", "sources/notes.md",
	}
	if got := tree(t, root); !reflect.DeepEqual(got, want) {
		t.Errorf("files after import (no partial or temporary file may remain):\n got  %q\n want %q", got, want)
	}
}

func TestImportTwiceGivesTheSameBytesAndDoesNotRewrite(t *testing.T) {
	root := repo(t, map[string]string{"sources/a.txt": smallReport})
	opt := Options{Root: root, Out: "content"}
	first := Import([]string{"sources/a.txt"}, opt)
	if len(first.Problems) > 0 {
		t.Fatal(first.Problems)
	}
	out := filepath.Join(root, "content/500120/500120101-2023.md")
	manifest := filepath.Join(root, "content", ManifestName)
	before, _ := os.ReadFile(out)
	beforeManifest, _ := os.ReadFile(manifest)
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	for _, p := range []string{out, manifest} {
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}

	second := Import([]string{"sources/a.txt"}, opt)
	if len(second.Problems) > 0 || !reflect.DeepEqual(second.Written, first.Written) {
		t.Fatalf("second import: written %q, problems %v", second.Written, second.Problems)
	}
	after, _ := os.ReadFile(out)
	afterManifest, _ := os.ReadFile(manifest)
	if string(after) != string(before) || string(afterManifest) != string(beforeManifest) {
		t.Error("the second import changed the output")
	}
	for _, p := range []string{out, manifest} {
		if st, _ := os.Stat(p); !st.ModTime().Equal(old) {
			t.Errorf("%s was rewritten (modified %v)", filepath.Base(p), st.ModTime())
		}
	}
}

func TestImportRefusesHandEditedFileUnlessForced(t *testing.T) {
	root := repo(t, map[string]string{"sources/a.txt": smallReport})
	opt := Options{Root: root, Out: "content"}
	Import([]string{"sources/a.txt"}, opt)
	out := filepath.Join(root, "content/500120/500120101-2023.md")
	orig, _ := os.ReadFile(out)
	edited := strings.Replace(string(orig), "全年办理行政处罚案件37件", "全年办理行政处罚案件38件", 1)
	os.WriteFile(out, []byte(edited), 0o644)

	res := Import([]string{"sources/a.txt"}, opt)
	want := []string{"sources/a.txt: content/500120/500120101-2023.md 在导入后被手工修改过，本次没有覆盖它：要以原件重新导入、放弃手工修改，运行 go run ./cmd/build import -force sources/a.txt"}
	if got := messages(res.Problems); !reflect.DeepEqual(got, want) || len(res.Written) != 0 {
		t.Errorf("problems = %q, written = %q; want %q and nothing written", got, res.Written, want)
	}
	if got, _ := os.ReadFile(out); string(got) != edited {
		t.Error("the hand-edited file was changed")
	}

	opt.Force = true
	res = Import([]string{"sources/a.txt"}, opt)
	if len(res.Problems) > 0 {
		t.Fatal(res.Problems)
	}
	if got, _ := os.ReadFile(out); string(got) != string(orig) {
		t.Error("-force did not replace the hand-edited file")
	}
	// Once replaced, the file is import's again: a plain import passes.
	opt.Force = false
	if res := Import([]string{"sources/a.txt"}, opt); len(res.Problems) > 0 {
		t.Error(res.Problems)
	}
}

func TestImportRefusesTwoSourcesForOneTownAndYear(t *testing.T) {
	// The same report as received twice, once with a typo fixed.
	fixed := strings.Replace(smallReport, "37件", "36件", 1)
	root := repo(t, map[string]string{"sources/a.txt": smallReport, "sources/b.txt": fixed})
	opt := Options{Root: root, Out: "content"}

	// In one run.
	res := Import([]string{"sources"}, opt)
	want := []string{"sources/b.txt: 与 sources/a.txt 是同一乡镇同一年度（璧山区七塘镇 2023 年度）的报告，两份都会写到 content/500120/500120101-2023.md，本次未导入这份：要以这份为准，运行 go run ./cmd/build import -force sources/b.txt；否则把其中一份移出 sources/"}
	if got := messages(res.Problems); !reflect.DeepEqual(got, want) {
		t.Errorf("one run: problems\n got  %q\n want %q", got, want)
	}

	// In a later run.
	res = Import([]string{"sources/b.txt"}, opt)
	want = []string{"sources/b.txt: content/500120/500120101-2023.md 已有从 sources/a.txt 导入的璧山区七塘镇 2023 年度报告，与这份是同一乡镇同一年度的另一份原件，本次未导入：要以这份为准，运行 go run ./cmd/build import -force sources/b.txt；要保留原来的，把这份移出 sources/"}
	if got := messages(res.Problems); !reflect.DeepEqual(got, want) {
		t.Errorf("later run: problems\n got  %q\n want %q", got, want)
	}

	opt.Force = true
	res = Import([]string{"sources/b.txt"}, opt)
	if len(res.Problems) > 0 {
		t.Fatal(res.Problems)
	}
	got, _ := os.ReadFile(filepath.Join(root, "content/500120/500120101-2023.md"))
	if !strings.Contains(string(got), "source: sources/b.txt") || !strings.Contains(string(got), "36件") {
		t.Error("-force did not let the other source through")
	}

	// In one run with -force, the later source wins, and the file is
	// listed once.
	res = Import([]string{"sources/b.txt", "sources/a.txt"}, opt)
	if len(res.Problems) > 0 || !reflect.DeepEqual(res.Written, []string{"content/500120/500120101-2023.md"}) {
		t.Errorf("one run with -force: written %q, problems %v", res.Written, res.Problems)
	}
	got, _ = os.ReadFile(filepath.Join(root, "content/500120/500120101-2023.md"))
	if !strings.Contains(string(got), "source: sources/a.txt") {
		t.Error("-force in one run did not let the later source win")
	}
}

func TestImportReportsMissingFilesAndGoesOn(t *testing.T) {
	root := repo(t, map[string]string{"sources/a.txt": smallReport})
	res := Import([]string{"sources/missing.txt", "sources/a.txt"}, Options{Root: root, Out: "content"})
	if got, want := messages(res.Problems), []string{"sources/missing.txt: no such file or directory"}; !reflect.DeepEqual(got, want) {
		t.Errorf("problems = %q, want %q", got, want)
	}
	if len(res.Written) != 1 {
		t.Errorf("written = %q", res.Written)
	}
}

func TestImportReportsAnUnwritablePathAndLeavesNoTemporaryFile(t *testing.T) {
	root := repo(t, map[string]string{"sources/a.txt": smallReport, "sources/c.txt": otherReport})
	// A file where the county's directory should be.
	os.MkdirAll(filepath.Join(root, "content"), 0o755)
	os.WriteFile(filepath.Join(root, "content/500120"), nil, 0o644)
	res := Import([]string{"sources"}, Options{Root: root, Out: "content"})
	want := []string{"sources/a.txt: 无法读取 content/500120/500120101-2023.md（not a directory）：请检查它的读写权限"}
	if got := messages(res.Problems); !reflect.DeepEqual(got, want) || len(res.Written) != 1 {
		t.Errorf("problems = %q, written = %q; want %q and the other file written", got, res.Written, want)
	}
	for _, f := range tree(t, root) {
		if strings.Contains(f, ".tmp") {
			t.Errorf("temporary file left behind: %s", f)
		}
	}
}

func TestPendingListsSourcesNotYetImported(t *testing.T) {
	root := repo(t, map[string]string{"sources/a.txt": smallReport, "sources/c.txt": otherReport})
	opt := Options{Root: root, Out: "content"}
	Import([]string{"sources/a.txt"}, opt)
	got, err := Pending("sources", opt)
	if err != nil || !reflect.DeepEqual(got, []string{"sources/c.txt"}) {
		t.Errorf("Pending = %q, %v; want [sources/c.txt]", got, err)
	}
	if got, err := Pending("nowhere", opt); err != nil || got != nil {
		t.Errorf("Pending(missing dir) = %q, %v", got, err)
	}
}

func TestProblemNamesFileAndLine(t *testing.T) {
	if got := (&Problem{File: "a.txt", Line: 3, Msg: "m"}).Error(); got != "a.txt:3: m" {
		t.Error(got)
	}
	var p *Problem
	if !errors.As(error(&Problem{File: "a.txt"}), &p) {
		t.Error("errors.As")
	}
}

func TestImportDatesAReportWithoutAnyDateOnceAndKeepsThatDate(t *testing.T) {
	undated := strings.Replace(smallReport, "2024年1月15日\n", "", 1)
	root := repo(t, map[string]string{"sources/a.txt": undated, "sources/b.txt": smallReport})
	day := func(d string) func() time.Time {
		return func() time.Time {
			t, _ := time.Parse(time.DateOnly, d)
			return t.Add(12 * time.Hour)
		}
	}
	res := Import([]string{"sources/a.txt"}, Options{Root: root, Out: "content", Now: day("2025-03-01")})
	if len(res.Problems) > 0 {
		t.Fatal(res.Problems)
	}
	out := filepath.Join(root, "content/500120/500120101-2023.md")
	first, _ := os.ReadFile(out)
	if !strings.Contains(string(first), "\nadded: \"2025-03-01\"\n") || strings.Contains(string(first), "published:") || strings.Contains(string(first), "\ndate:") {
		t.Errorf("an undated report gets the import day as its 收录日期 and no document date:\n%s", first)
	}
	res = Import([]string{"sources/a.txt"}, Options{Root: root, Out: "content", Now: day("2026-11-21")})
	if second, _ := os.ReadFile(out); len(res.Problems) > 0 || string(second) != string(first) {
		t.Errorf("importing again changed the day: problems %v\n%s", res.Problems, second)
	}

	res = Import([]string{"sources/b.txt"}, Options{Root: root, Out: "other", Now: day("2025-03-01")})
	dated, _ := os.ReadFile(filepath.Join(root, "other/500120/500120101-2023.md"))
	if len(res.Problems) > 0 || strings.Contains(string(dated), "published:") || !strings.Contains(string(dated), "\ndate: \"2024-01-15\"\n") ||
		!strings.Contains(string(dated), "\nadded: \"2025-03-01\"\n") {
		t.Errorf("a report with a 成文日期 keeps it, gets its 收录日期 and no invented 发布日期: problems %v\n%s", res.Problems, dated)
	}
}

// TestImportMovesAnInventedPublishedDay checks the files of earlier
// versions, which gave a report with no date at all its import day as its
// 发布日期: imported again, that day becomes its 收录日期 and the report has
// no 发布日期.
func TestImportMovesAnInventedPublishedDay(t *testing.T) {
	undated := strings.Replace(smallReport, "2024年1月15日\n", "", 1)
	root := repo(t, map[string]string{"sources/a.txt": undated})
	now := func() time.Time { return time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC) }
	opt := Options{Root: root, Out: "content", Now: now}
	if res := Import([]string{"sources/a.txt"}, opt); len(res.Problems) > 0 {
		t.Fatal(res.Problems)
	}
	out := filepath.Join(root, "content/500120/500120101-2023.md")
	data, _ := os.ReadFile(out)
	old := strings.Replace(string(data), "added: \"2026-12-06\"", "published: \"2025-03-01\"", 1)
	if old == string(data) {
		t.Fatalf("no added day to turn back:\n%s", data)
	}
	if err := os.WriteFile(out, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	opt.Force = true
	if res := Import([]string{"sources/a.txt"}, opt); len(res.Problems) > 0 {
		t.Fatal(res.Problems)
	}
	data, _ = os.ReadFile(out)
	if !strings.Contains(string(data), "\nadded: \"2025-03-01\"\n") || strings.Contains(string(data), "published:") {
		t.Errorf("the invented 发布日期 is not moved to 收录日期:\n%s", data)
	}
}

// TestImportCommand checks the command messages give: it imports the file
// when pasted into a shell at the repository's root, whatever its name.
func TestImportCommand(t *testing.T) {
	tests := []struct {
		out, src, want string
	}{
		{"content", "sources/a.txt", "go run ./cmd/build import -force sources/a.txt"},
		{"site/content", "sources/七塘镇 2023年报告.docx", "go run ./cmd/build import -force -out site/content 'sources/七塘镇 2023年报告.docx'"},
		{"content", "sources/it's.txt", `go run ./cmd/build import -force 'sources/it'\''s.txt'`},
		{"content", "sources/$(rm -rf ~).txt", "go run ./cmd/build import -force 'sources/$(rm -rf ~).txt'"},
	}
	for _, tt := range tests {
		if got := importCommand(Options{Root: "/repo", Out: tt.out}, tt.src, true); got != tt.want {
			t.Errorf("%q: %s, want %s", tt.src, got, tt.want)
		}
	}
}

// TestImportSpool checks the spool the converted files wait in: beside
// the build's caches when there are some, gone when the import ends, and
// the files written from it the same as without it; when no spool can be
// made (its folder is a file), the import keeps the files in memory and
// writes the same.
func TestImportSpool(t *testing.T) {
	files := map[string]string{"sources/a.txt": smallReport, "sources/c.txt": otherReport}
	plain := repo(t, files)
	if res := Import([]string{"sources"}, Options{Root: plain, Out: "content"}); len(res.Problems) > 0 {
		t.Fatal(res.Problems)
	}
	for _, tc := range []struct {
		name  string
		cache func(root string) string // the source cache's path
	}{
		{"in the cache folder", func(root string) string { return filepath.Join(root, ".build-cache", "import-sources") }},
		{"no spool possible", func(root string) string {
			blocked := filepath.Join(root, "blocked")
			if err := os.WriteFile(blocked, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			return filepath.Join(blocked, "import-sources")
		}},
	} {
		root := repo(t, files)
		cache := tc.cache(root)
		res := Import([]string{"sources"}, Options{Root: root, Out: "content", SourceCache: cache, SpoolDir: filepath.Dir(cache)})
		if len(res.Problems) > 0 || len(res.Written) != 2 {
			t.Fatalf("%s: written %q, problems %v", tc.name, res.Written, res.Problems)
		}
		for _, name := range res.Written {
			want, _ := os.ReadFile(filepath.Join(plain, name))
			got, _ := os.ReadFile(filepath.Join(root, name))
			if string(got) != string(want) || len(got) == 0 {
				t.Errorf("%s: %s differs from the import without a source cache", tc.name, name)
			}
		}
		for _, f := range tree(t, root) {
			if strings.Contains(f, ".import-spool.tmp-") {
				t.Errorf("%s: the spool %s was left behind", tc.name, f)
			}
		}
	}
}

// Pending tells Options.Seen what it learnt of each content file and each
// original with lstat, and Import forgets the content files it writes, so
// that the build after them never takes a file for what it was before.
func TestSeenForgetsWhatImportWrites(t *testing.T) {
	root := repo(t, map[string]string{"sources/a.txt": smallReport, "sources/c.txt": otherReport})
	opt := Options{Root: root, Out: "content", SourceCache: filepath.Join(root, "cache", "import-sources"), Seen: &filestamp.Seen{}}
	res := Import([]string{"sources/a.txt", "sources/c.txt"}, opt)
	if len(res.Written) != 2 {
		t.Fatalf("written %q, problems %v", res.Written, res.Problems)
	}
	lstat := func(name string) fs.FileInfo {
		t.Helper()
		info, err := fs.Lstat(opt.Seen.FS(os.DirFS(root), root), name)
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	if _, err := Pending("sources", opt); err != nil {
		t.Fatal(err)
	}
	// What Pending saw answers, even for a file changed since.
	a := filepath.Join(root, "sources", "a.txt")
	if err := os.WriteFile(a, []byte(strings.Replace(smallReport, "2024年1月15日", "2024年1月16日", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if lstat("sources/a.txt").Size() != int64(len(smallReport)) {
		t.Fatal("Pending did not tell what it saw of an original")
	}
	for _, w := range res.Written {
		before := lstat(w)
		if err := os.Chmod(filepath.Join(root, filepath.FromSlash(w)), 0o600); err != nil {
			t.Fatal(err)
		}
		if lstat(w).Mode() != before.Mode() {
			t.Fatalf("Pending did not tell what it saw of %s", w)
		}
		os.Chmod(filepath.Join(root, filepath.FromSlash(w)), 0o644)
	}
	pending, err := Pending("sources", opt)
	if err != nil || !reflect.DeepEqual(pending, []string{"sources/a.txt"}) {
		t.Fatalf("Pending = %q, %v; want the changed original", pending, err)
	}
	again := Import(pending, opt)
	if len(again.Written) != 1 || again.Written[0] != res.Written[0] {
		t.Fatalf("written %q, want %q", again.Written, res.Written[0])
	}
	info, err := os.Lstat(filepath.Join(root, filepath.FromSlash(again.Written[0])))
	if err != nil {
		t.Fatal(err)
	}
	if got := lstat(again.Written[0]); filestamp.Of(got) != filestamp.Of(info) {
		t.Error("the content file Import wrote is taken for what it was before")
	}
}

package site

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
)

// tree is every file and directory under a directory.
type tree struct {
	files map[string][]byte
	infos map[string]fs.FileInfo
	dirs  []string
}

func readTree(t *testing.T, dir string) tree {
	t.Helper()
	tr := tree{files: map[string][]byte{}, infos: map[string]fs.FileInfo{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			tr.dirs = append(tr.dirs, rel)
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := os.Stat(p)
		tr.files[rel], tr.infos[rel] = data, info
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(tr.dirs)
	return tr
}

func cloneFS(m fstest.MapFS) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range m {
		c := *v
		c.Data = bytes.Clone(v.Data)
		out[k] = &c
	}
	return out
}

// copyFS copies every file of fsys into a MapFS the test can edit.
func copyFS(t *testing.T, fsys fs.FS) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		out[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func setFile(m fstest.MapFS, name, data string) { m[name] = &fstest.MapFile{Data: []byte(data)} }

// editFile replaces old by new in a file of m, failing when old is absent.
func editFile(t *testing.T, m fstest.MapFS, name, old, new string) {
	t.Helper()
	f := m[name]
	if f == nil || !bytes.Contains(f.Data, []byte(old)) {
		t.Fatalf("%s does not hold %q", name, old)
	}
	f.Data = bytes.Replace(f.Data, []byte(old), []byte(new), 1)
}

// TestIncrementalMatchesClean builds the fixture site, changes its content
// in one way, and builds again twice: into the same output with the cache
// (incrementally) and into a new directory without it. Both outputs must
// hold the same bytes in the same files and directories, the incremental
// build must have rewritten exactly the files whose bytes changed, and
// every other file must still be the very file (same inode, same time) the
// first build wrote.
func TestIncrementalMatchesClean(t *testing.T) {
	cases := []struct {
		name   string
		split  int                                      // Settings.CompareSplit; 0 keeps the default
		gzip   bool                                     // write .gz files
		setup  func(t *testing.T, content fstest.MapFS) // before the first build
		change func(t *testing.T, content, root fstest.MapFS)
		// parsed is how many content files the rebuild must parse.
		parsed int
	}{
		{name: "nothing changed", change: func(*testing.T, fstest.MapFS, fstest.MapFS) {}},
		{name: "a missing year of a town arrives", parsed: 1, change: func(_ *testing.T, c, _ fstest.MapFS) {
			setFile(c, "cq/500235145-2023.md", reportFile("重庆市", "重庆市", "云阳县", "后叶镇", "500235145", 2023, "2024-01-15", "", body("后叶镇", 2023)))
		}},
		{name: "the newest report arrives and opens a comparison", parsed: 1, gzip: true, change: func(_ *testing.T, c, _ fstest.MapFS) {
			setFile(c, "cq/500235105-2024.md", reportFile("重庆市", "重庆市", "云阳县", "龙角镇", "500235105", 2024, "2025-03-01", "", body("龙角镇", 2024)))
		}},
		{name: "a new town in a county already shown", parsed: 1, change: func(_ *testing.T, c, _ fstest.MapFS) {
			setFile(c, "cq/500235107-2022.md", reportFile("重庆市", "重庆市", "云阳县", "故陵镇", "500235107", 2022, "2023-01-30", "", body("故陵镇", 2022)))
		}},
		{name: "an old year's report arrives late", parsed: 1, change: func(_ *testing.T, c, _ fstest.MapFS) {
			setFile(c, "cq/500235105-2021.md", reportFile("重庆市", "重庆市", "云阳县", "龙角镇", "500235105", 2021, "2022-01-05", "added: 2026-12-06\n", body("龙角镇", 2021)))
		}},
		{name: "a report for a new year", parsed: 1, change: func(_ *testing.T, c, _ fstest.MapFS) {
			setFile(c, "cq/500235145-2025.md", reportFile("重庆市", "重庆市", "云阳县", "后叶镇", "500235145", 2025, "2026-01-10", "", body("后叶镇", 2025)))
		}},
		{name: "a report's text is corrected", parsed: 1, change: func(t *testing.T, c, _ fstest.MapFS) {
			editFile(t, c, "cq/500112138-2021.md", "举措乙", "举措乙（更正）")
		}},
		{name: "a report gains a figure", parsed: 1, change: func(t *testing.T, c, _ fstest.MapFS) {
			editFile(t, c, "cq/500235145-2022.md", "开展“八五”普法宣传活动。", "开展“八五”普法宣传活动。全年开展普法宣传活动12场次，受教育群众2200余人次。")
		}},
		{name: "figures arrive in two reports of a county", parsed: 2, change: func(t *testing.T, c, _ fstest.MapFS) {
			editFile(t, c, "cq/500235145-2021.md", "开展“八五”普法宣传活动。", "开展“八五”普法宣传活动。全年开展普法宣传活动12场次。")
			editFile(t, c, "cq/500235105-2022.md", "开展“八五”普法宣传活动。", "开展“八五”普法宣传活动。全年开展普法宣传活动8场次。")
		}},
		{name: "a passage of one town's report appears in another's", parsed: 1,
			setup:  func(t *testing.T, c fstest.MapFS) { addPassage(t, c, "cq/500235145-2021.md", "后叶镇") },
			change: func(t *testing.T, c, _ fstest.MapFS) { addPassage(t, c, "cq/500235105-2022.md", "龙角镇") }},
		{name: "a passage shared with another town is taken out", parsed: 1,
			setup: func(t *testing.T, c fstest.MapFS) {
				addPassage(t, c, "cq/500235145-2021.md", "后叶镇")
				addPassage(t, c, "cq/500235105-2022.md", "龙角镇")
			},
			change: func(t *testing.T, c, _ fstest.MapFS) {
				editFile(t, c, "cq/500235105-2022.md", passage("龙角镇"), "")
			}},
		{name: "a report's date is corrected", parsed: 1, change: func(t *testing.T, c, _ fstest.MapFS) {
			editFile(t, c, "cq/500235145-2021.md", "2022-01-20", "2022-01-25")
		}},
		{name: "a report is withdrawn", change: func(_ *testing.T, c, _ fstest.MapFS) {
			delete(c, "cq/500235105-2022.md")
		}},
		{name: "a comparison loses its second town", change: func(t *testing.T, c, _ fstest.MapFS) {
			for _, f := range []string{"cq/500112138-2021.md", "cq/500235145-2021.md"} {
				editFile(t, c, f, "  - {title: 四、2022年工作安排, kind: plans, id: s4}\n", "")
				editFile(t, c, f, "\n## 四、2022年工作安排\n\n", "\n")
			}
		}, parsed: 2},
		{name: "a split comparison joins", split: 2, change: func(_ *testing.T, c, _ fstest.MapFS) {
			delete(c, "sc/昭化镇-2021.md")
		}},
		{name: "a joined comparison splits", split: 2, parsed: 2, change: func(_ *testing.T, c, _ fstest.MapFS) {
			setFile(c, "cq/500235107-2024.md", reportFile("重庆市", "重庆市", "云阳县", "故陵镇", "500235107", 2024, "2025-01-05", "", body("故陵镇", 2024)))
			setFile(c, "cq/500235105-2024.md", reportFile("重庆市", "重庆市", "云阳县", "龙角镇", "500235105", 2024, "2025-01-06", "", body("龙角镇", 2024)))
		}},
		{name: "a report changes town and year", parsed: 1, change: func(t *testing.T, c, _ fstest.MapFS) {
			editFile(t, c, "cq/500235145-2024.md", `code: "500235145"`, `code: "500235107"`)
			editFile(t, c, "cq/500235145-2024.md", "town: 后叶镇", "town: 故陵镇")
			editFile(t, c, "cq/500235145-2024.md", "year: 2024", "year: 2023")
		}},
		{name: "a town in a new province", split: 3, parsed: 1, change: func(_ *testing.T, c, _ fstest.MapFS) {
			setFile(c, "bj/110101001-2022.md", reportFile("北京市", "北京市", "东城区", "东华门街道", "110101001", 2022, "2023-03-05", "", body("东华门街道", 2022)))
		}},
		{name: "a town is renamed", parsed: 1, change: func(t *testing.T, c, _ fstest.MapFS) {
			editFile(t, c, "sc/510811100-2022.md", "town: 元坝镇", "town: 元坝乡")
		}},
		{name: "a source file is replaced", change: func(_ *testing.T, _, r fstest.MapFS) {
			setFile(r, "sources/xinglong-2021.txt", "重庆市渝北区兴隆镇人民政府 2021 年法治政府建设年度报告（修订）\n")
		}},
		{name: "a content file is moved", change: func(_ *testing.T, c, _ fstest.MapFS) {
			c["cq/moved/500235105-2022.md"] = c["cq/500235105-2022.md"]
			delete(c, "cq/500235105-2022.md")
		}},
	}
	for _, tc := range cases {
		t.Run(strings.ReplaceAll(tc.name, " ", "_"), func(t *testing.T) {
			cfg := fixtureConfig(t, "/zwgk/fzzfjsnb/")
			cfg.CacheDir = filepath.Join(t.TempDir(), "cache")
			cfg.Gzip = tc.gzip
			if tc.split > 0 {
				cfg.Settings.CompareSplit = tc.split
			}
			content, root := cloneFS(fixtureContent()), cloneFS(fixtureRoot())
			cfg.Content, cfg.Root = content, root
			if tc.setup != nil {
				tc.setup(t, content)
			}
			if res := build(t, cfg); res.Incremental {
				t.Fatal("the first build was incremental")
			}
			before := readTree(t, cfg.Out)

			tc.change(t, content, root)
			res := build(t, cfg)
			if !res.Incremental {
				t.Fatal("the rebuild was not incremental")
			}
			if res.Parsed != tc.parsed {
				t.Errorf("the rebuild parsed %d files, want %d", res.Parsed, tc.parsed)
			}
			if res.SearchRebuilt != "" {
				t.Errorf("the search index was built whole: %s", res.SearchRebuilt)
			}
			switch tc.name {
			case "nothing changed":
				if res.Indexed != 0 {
					t.Errorf("%d reports indexed for search, want 0", res.Indexed)
				}
			case "a report for a new year", "an old year's report arrives late": // numbered last
				if res.Indexed != 1 {
					t.Errorf("%d reports indexed for search, want 1", res.Indexed)
				}
			}
			after := readTree(t, cfg.Out)

			clean := cfg
			clean.CacheDir = ""
			clean.Out = filepath.Join(t.TempDir(), "public")
			build(t, clean)
			want := readTree(t, clean.Out)

			if strings.Join(after.dirs, "\n") != strings.Join(want.dirs, "\n") {
				t.Errorf("directories differ from a clean build:\nincremental %v\nclean       %v", after.dirs, want.dirs)
			}
			for name, data := range want.files {
				got, ok := after.files[name]
				switch {
				case !ok:
					t.Errorf("%s is missing", name)
				case !bytes.Equal(got, data):
					t.Errorf("%s differs from a clean build", name)
				}
			}
			changed := 0
			for name, data := range after.files {
				if _, ok := want.files[name]; !ok {
					t.Errorf("%s should have been removed", name)
				}
				old, existed := before.files[name]
				if existed && bytes.Equal(old, data) {
					if !os.SameFile(before.infos[name], after.infos[name]) || !before.infos[name].ModTime().Equal(after.infos[name].ModTime()) {
						t.Errorf("%s was rewritten though its bytes did not change", name)
					}
				} else if !strings.HasSuffix(name, ".gz") {
					changed++
				}
			}
			if res.Written != changed {
				t.Errorf("the rebuild wrote %d files; %d changed", res.Written, changed)
			}
			if tc.name == "nothing changed" && changed != 0 {
				t.Errorf("%d files changed though nothing did", changed)
			}
			t.Logf("%d of %d files rewritten, %d removed, %d reports indexed", res.Written, len(after.files), res.Removed, res.Indexed)
		})
	}
}

// passage is a paragraph long enough to be marked when another report
// holds it (internal/reuse), naming town.
func passage(town string) string {
	return "\n\n" + town + "组织行政执法人员参加新修订的行政处罚法专题培训，逐条讲解执法程序中的常见问题，并对照近三年的复议和诉讼案件查找执法短板，形成整改清单。"
}

// addPassage adds passage after the measures of a fixture report.
func addPassage(t *testing.T, c fstest.MapFS, name, town string) {
	editFile(t, c, name, "开展“八五”普法宣传活动。", "开展“八五”普法宣传活动。"+passage(town))
}

// TestIncrementalFailureKeepsOutput checks that a rebuild that fails leaves
// the output and the cache as they were, so that the next good build is
// still incremental and still right.
func TestIncrementalFailureKeepsOutput(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	cfg.CacheDir = filepath.Join(t.TempDir(), "cache")
	content := cloneFS(fixtureContent())
	cfg.Content = content
	build(t, cfg)
	before := readTree(t, cfg.Out)

	// A new report arrives while a published one is broken by hand: the
	// site is kept as it was.
	setFile(content, "cq/500235145-2023.md", reportFile("重庆市", "重庆市", "云阳县", "后叶镇", "500235145", 2023, "2024-01-15", "", body("后叶镇", 2023)))
	published := content["cq/500235105-2022.md"].Data
	setFile(content, "cq/500235105-2022.md", strings.Replace(string(published), "year: 2022", "year: 1900", 1))
	if _, err := Build(cfg); err == nil {
		t.Fatal("a build with a published report broken succeeded")
	}
	after := readTree(t, cfg.Out)
	if len(after.files) != len(before.files) {
		t.Fatalf("the failed build changed the output: %d files, then %d", len(before.files), len(after.files))
	}
	for name, data := range before.files {
		if !bytes.Equal(data, after.files[name]) || !os.SameFile(before.infos[name], after.infos[name]) {
			t.Errorf("%s changed", name)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(cfg.Out), "public.*"))
	if len(leftovers) > 0 {
		t.Errorf("left behind %v", leftovers)
	}

	content["cq/500235105-2022.md"] = &fstest.MapFile{Data: published}
	res := build(t, cfg)
	if !res.Incremental || res.Parsed != 0 {
		t.Errorf("after the failure: incremental %v, parsed %d", res.Incremental, res.Parsed)
	}
	clean := cfg
	clean.CacheDir, clean.Out = "", filepath.Join(t.TempDir(), "public")
	build(t, clean)
	got, want := readTree(t, cfg.Out), readTree(t, clean.Out)
	for name, data := range want.files {
		if !bytes.Equal(got.files[name], data) {
			t.Errorf("%s differs from a clean build", name)
		}
	}
	if len(got.files) != len(want.files) {
		t.Errorf("%d files, a clean build has %d", len(got.files), len(want.files))
	}
}

// TestIncrementalThroughLinkedFolder checks that an output reached through
// a linked folder is the output its last build wrote: the next build
// updates it in place rather than writing the whole site again.
func TestIncrementalThroughLinkedFolder(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	dir := t.TempDir()
	cfg.CacheDir = filepath.Join(dir, "cache")
	if err := os.Mkdir(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real", filepath.Join(dir, "link")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	cfg.Out = filepath.Join(dir, "real", "public")
	build(t, cfg)
	cfg.Out = filepath.Join(dir, "link", "public")
	if res := build(t, cfg); !res.Incremental || res.Written != 0 {
		t.Errorf("through the link: incremental %v, %d files written", res.Incremental, res.Written)
	}
}

// TestTemplateChangeRebuildsAll checks that a change of template is not
// applied incrementally: every page may show it.
func TestTemplateChangeRebuildsAll(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	cfg.CacheDir = filepath.Join(t.TempDir(), "cache")
	build(t, cfg)
	templates := copyFS(t, cfg.Templates)
	editFile(t, templates, "layout.html", `<a class="skip" href="#main">跳到正文</a>`, `<a class="skip" href="#main">跳到正文内容</a>`)
	cfg.Templates = templates
	res := build(t, cfg)
	if res.Incremental {
		t.Error("a template change was applied incrementally")
	}
	if !strings.Contains(read(t, cfg, "towns/500235145/2021/index.html"), "跳到正文内容") {
		t.Error("the report page does not show the new template")
	}
}

// TestIncrementalRandomEdits applies a fixed random sequence of edits
// (reports added, withdrawn, redated, moved between towns and years,
// sections dropped) and checks after each that the incremental build gives
// what a clean build gives.
func TestIncrementalRandomEdits(t *testing.T) {
	towns := []struct{ province, county, town, code string }{
		{"重庆市", "云阳县", "后叶镇", "500235145"},
		{"重庆市", "云阳县", "龙角镇", "500235105"},
		{"重庆市", "云阳县", "故陵镇", "500235107"},
		{"重庆市", "渝北区", "兴隆镇", "500112138"},
		{"四川省", "昭化区", "元坝镇", "510811100"},
		{"北京市", "东城区", "东华门街道", "110101001"},
	}
	cfg := fixtureConfig(t, "/")
	cfg.CacheDir = filepath.Join(t.TempDir(), "cache")
	cfg.Settings.CompareSplit = 3
	content := cloneFS(fixtureContent())
	cfg.Content = content
	build(t, cfg)
	seed := uint64(7)
	rnd := func(n int) int { // a fixed linear congruential sequence
		seed = seed*6364136223846793005 + 1442695040888963407
		return int((seed >> 33) % uint64(n))
	}
	steps := 40
	if testing.Short() {
		steps = 8 // the edit-test loop; CI runs all 40
	}
	for step := 0; step < steps; step++ {
		names := slices.Sorted(maps.Keys(content))
		var reports []string
		for _, n := range names {
			if strings.HasSuffix(n, ".md") && !strings.HasSuffix(n, "README.md") {
				reports = append(reports, n)
			}
		}
		op := rnd(5)
		switch {
		case op == 0 || len(reports) < 3: // add a report
			tw := towns[rnd(len(towns))]
			year := 2019 + rnd(7)
			date := ""
			if rnd(4) > 0 {
				date = strings.Replace("Y-0M-1D", "Y", itoa(year+1), 1)
				date = strings.Replace(date, "M", itoa(1+rnd(3)), 1)
				date = strings.Replace(date, "D", itoa(rnd(10)), 1)
			}
			name := "add/" + tw.code + "-" + itoa(year) + ".md"
			dup := false
			for _, n := range reports {
				if data := content[n].Data; bytes.Contains(data, []byte(`code: "`+tw.code+`"`)) && bytes.Contains(data, []byte("year: "+itoa(year)+"\n")) {
					dup = true
				}
			}
			if dup {
				continue
			}
			setFile(content, name, reportFile(tw.province, tw.province, tw.county, tw.town, tw.code, year, date, "", body(tw.town, year)))
		case op == 1: // withdraw one
			delete(content, reports[rnd(len(reports))])
		case op == 2: // redate one
			f := content[reports[rnd(len(reports))]]
			f.Data = bytes.Replace(f.Data, []byte("date: \"20"), []byte("date: \"2026-0"+itoa(1+rnd(9))+"-1"+itoa(rnd(10))+"\"\nx: \"20"), 1)
			f.Data = bytes.Replace(f.Data, []byte("\nx: \""), []byte("\n# was: \""), 1)
		case op == 3: // drop the plans section of one
			f := content[reports[rnd(len(reports))]]
			if i := bytes.Index(f.Data, []byte("  - {title: 四、")); i >= 0 {
				j := bytes.IndexByte(f.Data[i:], '\n')
				f.Data = append(f.Data[:i:i], f.Data[i+j+1:]...)
				if k := bytes.Index(f.Data, []byte("\n## 四、")); k >= 0 {
					f.Data = f.Data[:k+1]
				}
			}
		default: // change a report's text
			f := content[reports[rnd(len(reports))]]
			f.Data = append(bytes.Clone(f.Data), []byte("\n补充说明"+itoa(step)+"。\n")...)
		}
		res, err := Build(cfg)
		if err != nil {
			t.Logf("step %d: %v", step, res.Problems)
			continue
		}
		if !res.Incremental {
			t.Fatalf("step %d: not incremental", step)
		}
		t.Logf("step %d (op %d): %d reports, %d files written, %d removed", step, op, res.Reports, res.Written, res.Removed)
		clean := cfg
		clean.CacheDir, clean.Out = "", filepath.Join(t.TempDir(), "public")
		build(t, clean)
		got, want := readTree(t, cfg.Out), readTree(t, clean.Out)
		if strings.Join(got.dirs, "\n") != strings.Join(want.dirs, "\n") {
			t.Fatalf("step %d: directories differ from a clean build", step)
		}
		for name, data := range want.files {
			if !bytes.Equal(got.files[name], data) {
				t.Fatalf("step %d (op %d): %s differs from a clean build", step, op, name)
			}
		}
		if len(got.files) != len(want.files) {
			t.Fatalf("step %d: %d files, a clean build has %d", step, len(got.files), len(want.files))
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestNoSearch checks that a build without the search index has none, that
// its search page offers the year and region index without the script,
// and that switching the index on again rebuilds it in place.
func TestNoSearch(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	cfg.CacheDir = filepath.Join(t.TempDir(), "cache")
	cfg.NoSearch = true
	build(t, cfg)
	got := readTree(t, cfg.Out)
	for name := range got.files {
		if strings.HasPrefix(name, dirSearchIndex) {
			t.Fatalf("%s written without the search index", name)
		}
	}
	page := string(got.files["search/index.html"])
	if regexp.MustCompile(`<script[^>]+src="[^"]*search[^"]*"`).MatchString(page) || !strings.Contains(page, "data-search-fallback") {
		t.Errorf("search page without the index:\n%s", page)
	}

	cfg.NoSearch = false
	res := build(t, cfg)
	if res.Indexed != res.Reports {
		t.Errorf("%d of %d reports indexed", res.Indexed, res.Reports)
	}
	clean := cfg
	clean.CacheDir, clean.Out = "", filepath.Join(t.TempDir(), "public")
	build(t, clean)
	after, want := readTree(t, cfg.Out), readTree(t, clean.Out)
	if len(after.files) != len(want.files) {
		t.Errorf("%d files, a clean build has %d", len(after.files), len(want.files))
	}
	for name, data := range want.files {
		if !bytes.Equal(after.files[name], data) {
			t.Errorf("%s differs from a clean build", name)
		}
	}
}

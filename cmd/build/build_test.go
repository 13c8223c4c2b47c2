package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nianbao/internal/extract/extracttest"
	"nianbao/internal/testenv"
)

// repo is the repository root, seen from this package's directory.
var repo = filepath.Join("..", "..")

// copyDir copies a directory tree (for content/, which a build may import
// into and which the test must not touch).
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
}

// TestRealSite builds the bundled reports the way staff do, importing
// every source that has no content file yet, under a sub-path, and checks
// every link of the result.
func TestRealSite(t *testing.T) {
	tmp := t.TempDir()
	content := filepath.Join(tmp, "content")
	copyDir(t, filepath.Join(repo, "content"), content)
	out := filepath.Join(tmp, "public")
	var stdout, stderr bytes.Buffer
	code := runBuild([]string{"-root", repo, "-content", content, "-out", out, "-base-path", "/zwgk/fzzfjsnb/", "-check"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	sources, _ := filepath.Glob(filepath.Join(repo, "sources", "*.txt"))
	summary := stdout.String()
	for _, want := range []string{"已生成 ", "篇报告", "页面：", "report ", "town ", "平均每篇报告：", "各步用时：import", "render", "write", "，0 个问题"} {
		if !strings.Contains(summary, want) {
			t.Errorf("summary lacks %q:\n%s", want, summary)
		}
	}
	reports, _ := filepath.Glob(filepath.Join(out, "towns", "*", "*", "index.html"))
	if len(sources) == 0 || len(reports) < len(sources) {
		t.Errorf("%d report pages for %d sources\n%s", len(reports), len(sources), summary)
	}
	// -check ran the link and page checks (internal/sitecheck) on the result.
	if !strings.Contains(summary, "检查：") || !strings.Contains(summary, "个链接，0 个问题") {
		t.Errorf("the -check summary is missing or finds problems:\n%s%s", summary, stderr.String())
	}
	for _, f := range []string{"index.html", "404.html", "sitemap.xml", "robots.txt", "feed.xml", "data/reports.json", "data/reports.csv", "search/index.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
}

// smallRepo makes a small repository in a temporary directory: the real
// settings, templates and assets, one content file and the given sources.
func smallRepo(t *testing.T, contentFiles, sources map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for _, d := range []string{"templates", "assets"} {
		copyDir(t, filepath.Join(repo, d), filepath.Join(root, d))
	}
	cfg, err := os.ReadFile(filepath.Join(repo, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"site.yaml": string(cfg)}
	for k, v := range contentFiles {
		files[filepath.Join("content", k)] = v
	}
	for k, v := range sources {
		files[filepath.Join("sources", k)] = v
	}
	for name, data := range files {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const goodReport = "---\ntitle: 后叶镇2024年法治政府建设情况的报告\ntown: 后叶镇\ncounty: 云阳县\ncode: \"500235145\"\nyear: 2024\ndate: 2025-01-22\n---\n\n导语。\n\n## 一、主要举措和成效\n\n正文。\n"

// TestBrokenContentKeepsSite checks the staff's view of broken content:
// every problem as file:line and exit status 1. A new report that cannot
// be published is left out and the rest of the site is published; a
// report already on the site that breaks keeps the whole site as it was,
// so that no published report is withdrawn by a slip of the hand.
func TestBrokenContentKeepsSite(t *testing.T) {
	root := smallRepo(t, map[string]string{"a.md": goodReport}, nil)
	var stdout, stderr bytes.Buffer
	if code := runBuild([]string{"-root", root}, &stdout, &stderr); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr.String())
	}
	index := filepath.Join(root, "public", "index.html")
	bad := "---\ntown: 后叶镇\ncode: \"500235145\"\nyear: 2024\n---\n\n正文。\n"
	if err := os.WriteFile(filepath.Join(root, "content", "b.md"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "content", "c.md"), []byte("no front matter\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := strings.ReplaceAll(goodReport, "2024", "2023")
	if err := os.WriteFile(filepath.Join(root, "content", "d.md"), []byte(good), 0o644); err != nil {
		t.Fatal(err)
	}
	// Edited by hand and saved as GBK ("法治" is B7 A8 D6 CE there): a
	// stray byte before a line's end once made the whole build panic.
	gbk := strings.ReplaceAll(goodReport, "2024", "2022") + "\xb7\xa8\xd6\xce\n"
	if err := os.WriteFile(filepath.Join(root, "content", "e.md"), []byte(gbk), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	if code := runBuild([]string{"-root", root}, &stdout, &stderr); code != 1 {
		t.Fatalf("build with three new broken reports: exit %d", code)
	}
	for _, want := range []string{
		"error: content/b.md:4: 后叶镇 2024 年度已有一篇报告（content/a.md），这是第二篇：请只保留一篇，或改正其中一篇的乡镇或年度\n",
		"error: content/c.md:1: 文件第一行不是 ---，读不到文件开头的信息",
		"error: content/e.md:15: 这一行有不是 UTF-8 编码的文字，文件可能被编辑器另存成了 GBK 等编码：请用记事本等编辑器打开这个文件，确认文字正常后另存为 UTF-8 编码\n",
		"有 3 篇报告在改好之前不会出现在网站上，其余报告已生成：按上面每条 error 的说明修改后，再运行 go run ./cmd/build\n",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	if _, err := os.Stat(filepath.Join(root, "public", "towns", "500235145", "2023", "index.html")); err != nil {
		t.Error("the good new report was not published beside the broken ones")
	}
	before, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}

	// A published report breaks.
	if err := os.WriteFile(filepath.Join(root, "content", "a.md"), []byte(strings.Replace(goodReport, "year: 2024", "year: 1900", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	stderr.Reset()
	if code := runBuild([]string{"-root", root}, &stdout, &stderr); code != 1 {
		t.Fatalf("build with a published report broken: exit %d", code)
	}
	for _, want := range []string{
		"error: content/a.md:6: 报告年度 1900 不合理（应在 1949 到 2200 之间）：请改正 year: 中的年份（这篇报告已在网站上发布；改好之前，整个网站保持原样，不会更新）\n",
		"构建失败，共 1 个问题；public 保持原样，没有改动：按上面每条 error 的说明修改后，再运行 go run ./cmd/build\n",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}
	after, err := os.ReadFile(index)
	if err != nil || !bytes.Equal(before, after) {
		t.Error("the failed build changed public/")
	}
}

// TestFailedImportStillBuilds checks that a source that cannot be imported
// is reported with exit status 1 while the rest of the site is published.
func TestFailedImportStillBuilds(t *testing.T) {
	root := smallRepo(t, map[string]string{"a.md": goodReport}, map[string]string{"bad.txt": "\x00\x01\x02 not a report"})
	var stdout, stderr bytes.Buffer
	code := runBuild([]string{"-root", root}, &stdout, &stderr)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "sources/bad.txt") || !strings.Contains(stderr.String(), "篇报告无法导入") {
		t.Errorf("stderr does not name the source:\n%s", stderr.String())
	}
	if _, err := os.Stat(filepath.Join(root, "public", "towns", "500235145", "2024", "index.html")); err != nil {
		t.Errorf("the site was not built: %v\n%s", err, stderr.String())
	}
}

func TestFlags(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := runBuild([]string{"-h"}, &stdout, &stderr); code != 0 || !strings.Contains(stderr.String(), "-base-path") {
		t.Errorf("-h: exit %d\n%s", code, stderr.String())
	}
	if code := runBuild([]string{"-nosuch"}, &stdout, &stderr); code != 2 {
		t.Errorf("unknown flag: exit %d", code)
	}
	if code := runBuild([]string{"extra"}, &stdout, &stderr); code != 2 {
		t.Errorf("extra argument: exit %d", code)
	}
	f, err := parseBuildFlags([]string{"-out", "dist", "-gzip", "-no-import", "-workers", "3", "-base-path", "/"}, &stderr)
	if err != nil || f.out != "dist" || !f.gzip || !f.noImport || f.workers != 3 || f.basePath != "/" || f.content != "content" {
		t.Errorf("flags = %+v, %v", f, err)
	}
}

// The profiles the developers' flags ask for are written, both at once,
// and a file that cannot be made stops the build before it starts.
func TestProfileFlags(t *testing.T) {
	root := smallRepo(t, map[string]string{"a.md": goodReport}, nil)
	dir := t.TempDir()
	cpu, tr, peak := filepath.Join(dir, "cpu.prof"), filepath.Join(dir, "build.trace"), filepath.Join(dir, "peak.prof")
	var stdout, stderr bytes.Buffer
	if code := runBuild([]string{"-root", root, "-cpuprofile", cpu, "-trace", tr, "-peakprofile", peak}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	for _, p := range []string{cpu, tr, peak} {
		if info, err := os.Stat(p); err != nil || info.Size() == 0 {
			t.Errorf("%s: %v, %v", p, info, err)
		}
	}
	if data, _ := os.ReadFile(peak); !bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
		t.Errorf("%s is no (gzipped) profile: %q", peak, data[:min(len(data), 16)])
	}
	if !strings.Contains(stderr.String(), "存活内存最多 ") || !strings.Contains(stderr.String(), "（剖析："+peak+"）") {
		t.Errorf("the highest live heap is not printed:\n%s", stderr.String())
	}
	if data, _ := os.ReadFile(tr); !bytes.HasPrefix(data, []byte("go 1.")) {
		t.Errorf("%s is no execution trace: %q", tr, data[:min(len(data), 16)])
	}
	stderr.Reset()
	if code := runBuild([]string{"-root", root, "-trace", filepath.Join(dir, "none", "x")}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "trace: ") {
		t.Errorf("a trace file that cannot be made: exit %d\n%s", code, stderr.String())
	}
	stderr.Reset()
	stdout.Reset()
	if code := runBuild([]string{"-root", root, "-peakprofile", filepath.Join(dir, "none", "x")}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "peak heap profile: ") {
		t.Errorf("a peak profile that cannot be written: exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "已生成 ") {
		t.Errorf("a profile that cannot be written hides what the build did:\n%s", stdout.String())
	}
}

// TestRebuildWithCache checks the build cache as staff meet it: a second
// build with nothing new rewrites nothing, a new source is imported and
// updates the site in place, and the result is what a build from scratch
// gives.
func TestRebuildWithCache(t *testing.T) {
	root := smallRepo(t, map[string]string{"a.md": goodReport}, nil)
	var stdout, stderr bytes.Buffer
	if code := runBuild([]string{"-root", root}, &stdout, &stderr); code != 0 {
		t.Fatalf("first build: exit %d\n%s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(root, ".build-cache", "index")); err != nil {
		t.Fatalf("no cache: %v", err)
	}
	stdout.Reset()
	if code := runBuild([]string{"-root", root}, &stdout, &stderr); code != 0 {
		t.Fatalf("second build: exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "增量更新：写入 0 个文件，删除 0 个，解析 0 篇报告") {
		t.Errorf("a build with nothing new:\n%s", stdout.String())
	}
	second := strings.Replace(goodReport, "year: 2024", "year: 2023", 1)
	second = strings.Replace(second, "date: 2025-01-22", "date: 2024-01-10", 1)
	if err := os.WriteFile(filepath.Join(root, "content", "b.md"), []byte(second), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	if code := runBuild([]string{"-root", root}, &stdout, &stderr); code != 0 {
		t.Fatalf("third build: exit %d\n%s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "解析 1 篇报告") {
		t.Errorf("a build with one new report:\n%s", stdout.String())
	}
	clean := filepath.Join(t.TempDir(), "clean")
	if code := runBuild([]string{"-root", root, "-no-import", "-cache", "", "-out", clean}, &stdout, &stderr); code != 0 {
		t.Fatalf("clean build: exit %d\n%s", code, stderr.String())
	}
	got, want := testenv.ReadTree(t, filepath.Join(root, "public")), testenv.ReadTree(t, clean)
	if len(got) != len(want) {
		t.Errorf("%d files, a build from scratch has %d", len(got), len(want))
	}
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs from a build from scratch", name)
		}
	}
}

// TestOutputThatIsNotOurs checks that -out never names what the build
// reads, the repository, or a folder the build did not make, word for
// word, and that nothing of it is touched.
func TestOutputThatIsNotOurs(t *testing.T) {
	root := smallRepo(t, map[string]string{"a.md": goodReport}, nil)
	if err := os.MkdirAll(filepath.Join(root, "notes"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "notes", "todo.txt"), []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := testenv.ReadTree(t, root)
	at := func(p string) string { return filepath.Join(root, p) }
	for _, tt := range []struct{ out, want string }{
		{"sources", "error: -out " + at("sources") + " 是报告原件文件夹（-sources），构建要读取它；构建会整体替换输出文件夹，会把它删掉：请换一个文件夹，例如 -out public"},
		{"content", "error: -out " + at("content") + " 是报告的 Markdown 文件夹（-content），构建要读取它；构建会整体替换输出文件夹，会把它删掉：请换一个文件夹，例如 -out public"},
		{"site.yaml", "error: -out " + at("site.yaml") + " 是网站设置文件（-config），构建要读取它；构建会整体替换输出文件夹，会把它删掉：请换一个文件夹，例如 -out public"},
		{".build-cache", "error: -out " + at(".build-cache") + " 是构建缓存文件夹（-cache），构建要读取它；构建会整体替换输出文件夹，会把它删掉：请换一个文件夹，例如 -out public"},
		{".", "error: -out " + root + " 包含了项目文件夹 " + root + "，构建时会连同它一起删除：请换一个文件夹，例如 -out public"},
		{"..", "error: -out " + filepath.Dir(root) + " 包含了项目文件夹 " + root + "，构建时会连同它一起删除：请换一个文件夹，例如 -out public"},
		{"templates/public", "error: -out " + at("templates/public") + " 位于 " + at("templates") + "（模板文件夹（-templates））之内：请换一个在它之外的文件夹，例如 -out public"},
		{"notes", "error: -out " + at("notes") + " 不是构建生成的文件夹（里面没有 .nianbao-site 文件），而且不是空的；构建会整体替换输出文件夹，会删掉里面的文件：请换一个空的或新的文件夹，或先把里面的文件移走"},
	} {
		var stdout, stderr bytes.Buffer
		if code := runBuild([]string{"-root", root, "-no-import", "-out", tt.out}, &stdout, &stderr); code != 1 {
			t.Errorf("-out %s: exit %d", tt.out, code)
		}
		if !strings.Contains(stderr.String(), tt.want+"\n") {
			t.Errorf("-out %s: got\n%s\nwant %s", tt.out, stderr.String(), tt.want)
		}
	}
	after := testenv.ReadTree(t, root)
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s was changed", name)
		}
	}
}

// TestLeftoversOfKilledBuildsAreRemoved checks that what killed imports
// and builds left (half-written content files, a half-written new site, an
// old one not yet removed) is removed by the next build and named.
func TestLeftoversOfKilledBuildsAreRemoved(t *testing.T) {
	root := smallRepo(t, map[string]string{"a.md": goodReport}, nil)
	old := time.Now().Add(-time.Hour)
	for name, text := range map[string]string{
		"content/.a.md.tmp-123":     "---\ntitle: 半",
		"content/x/.import-456.tmp": "---\n",
		".build-cache/.index.tmp-5": "nianbao build index",
		"public.tmp-789/index.html": "<p>half a site",
		"public.old-42/index.html":  "<p>an old site",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, old, old)
	}
	var stdout, stderr bytes.Buffer
	if code := runBuild([]string{"-root", root}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr.String())
	}
	want := "warning: " + filepath.Join(root, "content", ".a.md.tmp-123") + ": 已删除（上次构建或导入中途停止时留下的未写完的文件）\n" +
		"warning: " + filepath.Join(root, "content", "x", ".import-456.tmp") + ": 已删除（上次构建或导入中途停止时留下的未写完的文件）\n" +
		"warning: " + filepath.Join(root, ".build-cache", ".index.tmp-5") + ": 已删除（上次构建或导入中途停止时留下的未写完的文件）\n" +
		"warning: " + filepath.Join(root, "public") + ".old-42：已删除（上次构建中途停止时留下的，1 个文件，14 字节）：无需处理\n" +
		"warning: " + filepath.Join(root, "public") + ".tmp-789：已删除（上次构建中途停止时留下的，1 个文件，14 字节）：无需处理\n"
	if stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
	for _, p := range []string{"content/.a.md.tmp-123", "content/x/.import-456.tmp", "public.tmp-789", "public.old-42"} {
		if _, err := os.Lstat(filepath.Join(root, p)); err == nil {
			t.Errorf("%s is still there", p)
		}
	}
}

// TestEditedSourceUpdatesThePage checks the rule for a source changed after
// import: the page follows the new text when the Markdown is as import
// wrote it; when the Markdown was edited by hand too, that report is held
// back with a message naming both files and the command that settles it,
// and the site keeps its page.
func TestEditedSourceUpdatesThePage(t *testing.T) {
	root := smallRepo(t, nil, map[string]string{"a.docx": string(extracttest.DOCXText(importReport))})
	page := filepath.Join(root, "public", "towns", "500120101", "2023", "index.html")
	build := func(wantCode int) string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := runBuild([]string{"-root", root}, &stdout, &stderr); code != wantCode {
			t.Fatalf("exit %d, want %d\n%s", code, wantCode, stderr.String())
		}
		return stderr.String()
	}
	build(0)
	edit := func(from, to string) {
		t.Helper()
		text := strings.Replace(importReport, from, to, 1)
		if err := os.WriteFile(filepath.Join(root, "sources", "a.docx"), extracttest.DOCXText(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("37件", "38件")
	build(0)
	if html, _ := os.ReadFile(page); !strings.Contains(string(html), "38件") {
		t.Fatal("the page still shows the old text after the source was edited")
	}
	// Now both: a hand edit of the Markdown, then another source edit.
	md := filepath.Join(root, "content", "500120", "500120101-2023.md")
	data, _ := os.ReadFile(md)
	os.WriteFile(md, []byte(strings.Replace(string(data), "持续加强", "继续加强", 1)), 0o644)
	edit("37件", "39件")
	stderr := build(1)
	want := "error: sources/a.docx: 报告原件在导入后有改动，而 content/500120/500120101-2023.md 也被手工修改过，两边都改了，本次未更新这篇报告（网站上仍是原来的内容）：要以原件为准、放弃手工修改，运行 go run ./cmd/build import -force sources/a.docx；"
	if !strings.Contains(stderr, want) {
		t.Errorf("stderr:\n%s\nwant it to hold:\n%s", stderr, want)
	}
	if html, _ := os.ReadFile(page); !strings.Contains(string(html), "继续加强") || strings.Contains(string(html), "39件") {
		t.Error("the page does not show the hand-edited Markdown")
	}
	// The command the message gives settles it.
	if code, _, errOut := runImportCmd(root, "-force", "sources/a.docx"); code != 0 {
		t.Fatalf("import -force: exit %d\n%s", code, errOut)
	}
	build(0)
	if html, _ := os.ReadFile(page); !strings.Contains(string(html), "39件") {
		t.Error("the page does not follow the source after import -force")
	}
}

// TestCheckCommand runs build check on a repository with one of each
// thing it looks for: it writes nothing, reports errors and warnings at
// their files, and exits 1 only for errors.
func TestCheckCommand(t *testing.T) {
	future := strings.Replace(goodReport, "date: 2025-01-22", "date: 2099-01-22", 1)
	root := smallRepo(t, map[string]string{"a.md": future}, map[string]string{
		"new.txt":    importReport,
		"表格.xlsx":    "PK",
		"broken.txt": "\x00\x01",
	})
	check := func() (int, string) {
		var stdout, stderr bytes.Buffer
		code := run([]string{"check", "-root", root}, &stdout, &stderr)
		return code, stdout.String() + stderr.String()
	}
	code, out := check()
	for _, want := range []string{
		"error: sources/broken.txt: ",
		"warning: sources/表格.xlsx: 不是可导入的报告格式",
		"warning: content/a.md:",
		"成文日期 2099-01-22 晚于今天",
		"待导入：content/500120/500120101-2023.md（下次构建时写入）",
		"检查了 1 篇报告、2 份待导入的原件：1 个错误，",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code != 1 {
		t.Errorf("exit %d with an error, want 1", code)
	}
	if _, err := os.Stat(filepath.Join(root, "content", "500120")); err == nil {
		t.Error("check wrote a content file")
	}
	if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
		t.Error("check built the site")
	}
	// Without the broken source: warnings only, exit 0.
	os.Remove(filepath.Join(root, "sources", "broken.txt"))
	if code, out := check(); code != 0 || !strings.Contains(out, "：0 个错误，") {
		t.Errorf("exit %d without errors:\n%s", code, out)
	}
	// A source changed since its Markdown was made is named as such.
	if code := runBuild([]string{"-root", root}, &bytes.Buffer{}, &bytes.Buffer{}); code != 0 {
		t.Fatalf("build: exit %d", code)
	}
	os.WriteFile(filepath.Join(root, "sources", "new.txt"), []byte(strings.Replace(importReport, "37件", "38件", 1)), 0o644)
	if _, out := check(); !strings.Contains(out, "待更新：content/500120/500120101-2023.md（原件在导入后有改动，下次构建时重新导入）") {
		t.Errorf("a changed source:\n%s", out)
	}
}

// TestServe runs the preview as staff use it: the site is served under its
// base path with the reload script added, a change to a content file
// rebuilds it and tells open pages over server-sent events, a broken file
// shows the build's error in place of the page, and the review page lists
// the report, new since nothing was published.
func TestServe(t *testing.T) {
	root := smallRepo(t, map[string]string{"a.md": goodReport}, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	urls := make(chan string, 1)
	done := make(chan int, 1)
	var stdout, stderr bytes.Buffer
	go func() {
		done <- serve(ctx, []string{"-root", root, "-addr", "127.0.0.1:0"}, &stdout, &stderr, func(u string) { urls <- u })
	}()
	var base string
	select {
	case base = <-urls:
	case code := <-done:
		t.Fatalf("serve ended with %d:\n%s%s", code, stdout.String(), stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatal("the preview did not start")
	}
	get := func(u string) (int, string) {
		t.Helper()
		resp, err := http.Get(u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	page := base + "towns/500235145/2024/"
	if code, body := get(page); code != 200 || !strings.Contains(body, `<script src="/_preview/reload.js"></script>`) || !strings.Contains(body, "正文。") {
		t.Fatalf("report page: %d\n%s", code, body)
	}
	if _, err := os.Stat(filepath.Join(root, "public")); err == nil {
		t.Error("the preview wrote public/")
	}
	// Listen for builds as the page's script does.
	resp, err := http.Get(strings.TrimSuffix(base, "zwgk/fzzfjsnb/") + "_preview/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	events := bufio.NewReader(resp.Body)
	nextBuild := func() string {
		t.Helper()
		got := make(chan string, 1)
		go func() {
			for {
				line, err := events.ReadString('\n')
				if err != nil {
					got <- ""
					return
				}
				if n, ok := strings.CutPrefix(line, "data: "); ok {
					got <- strings.TrimSpace(n)
					return
				}
			}
		}()
		select {
		case n := <-got:
			return n
		case <-time.After(30 * time.Second):
			t.Fatal("no build event")
			return ""
		}
	}
	if n := nextBuild(); n != "1" {
		t.Fatalf("first event %q, want the first build", n)
	}
	md := filepath.Join(root, "content", "a.md")
	os.WriteFile(md, []byte(strings.Replace(goodReport, "year: 2024", "year: 1850", 1)), 0o644)
	if n := nextBuild(); n != "2" {
		t.Fatalf("event %q after a change, want 2", n)
	}
	code, body := get(page)
	if code != 500 || !strings.Contains(body, "构建失败") || !strings.Contains(body, "content/a.md") {
		t.Errorf("a page while the build fails: %d\n%s", code, body)
	}
	os.WriteFile(md, []byte(strings.Replace(goodReport, "正文。", "改过的正文。", 1)), 0o644)
	if n := nextBuild(); n != "3" {
		t.Fatalf("event %q after the fix, want 3", n)
	}
	if code, body := get(page); code != 200 || !strings.Contains(body, "改过的正文。") {
		t.Errorf("the page after the fix: %d", code)
	}
	if code, body := get(strings.TrimSuffix(base, "zwgk/fzzfjsnb/") + "_preview/"); code != 200 || !strings.Contains(body, "新导入") || !strings.Contains(body, "content/a.md") {
		t.Errorf("review page: %d\n%s", code, body)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d:\n%s", code, stderr.String())
	}
}

// TestServeStaysLocal checks that the preview listens on this machine
// only unless -lan says otherwise.
func TestServeStaysLocal(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := serve(context.Background(), []string{"-addr", "0.0.0.0:8080"}, &stdout, &stderr, nil)
	if code != 2 || !strings.Contains(stderr.String(), "确需开放请加 -lan") {
		t.Errorf("exit %d:\n%s", code, stderr.String())
	}
	for addr, want := range map[string]bool{"127.0.0.1:8080": true, "localhost:80": true, "[::1]:8080": true, "0.0.0.0:8080": false, ":8080": false, "192.168.1.5:8080": false} {
		if loopback(addr) != want {
			t.Errorf("loopback(%q) = %v", addr, !want)
		}
	}
}

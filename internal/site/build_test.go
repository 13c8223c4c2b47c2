package site

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"nianbao/internal/testenv"
)

// TestDeterministic builds the same input twice, with precompressed files,
// and compares every byte.
func TestDeterministic(t *testing.T) {
	a := fixtureConfig(t, "/zwgk/fzzfjsnb/")
	a.Gzip = true
	b := a
	b.Out = filepath.Join(t.TempDir(), "public")
	b.Workers = 1 // a different schedule must not change the output
	build(t, a)
	build(t, b)
	fa, fb := testenv.ReadTree(t, a.Out), testenv.ReadTree(t, b.Out)
	if len(fa) != len(fb) {
		t.Fatalf("%d files, then %d", len(fa), len(fb))
	}
	gz := 0
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between builds", name)
		}
		if strings.HasSuffix(name, ".gz") {
			gz++
			zr, err := gzip.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			plain, _ := io.ReadAll(zr)
			if !bytes.Equal(plain, fa[strings.TrimSuffix(name, ".gz")]) {
				t.Errorf("%s does not hold its file", name)
			}
		}
	}
	if gz < 40 {
		t.Errorf("only %d .gz files", gz)
	}
}

// TestFailedBuildKeepsOutput breaks the content of a second build and
// checks that the first build's output is untouched, every problem is
// listed with its file and line, and no temporary directory is left.
func TestFailedBuildKeepsOutput(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	build(t, cfg)
	before := testenv.ReadTree(t, cfg.Out)

	bad := fixtureContent()
	bad["cq/duplicate.md"] = &fstest.MapFile{Data: []byte("---\ntown: 后叶镇\ncounty: 云阳县\ncode: \"500235145\"\nyear: 2021\n---\n\n正文。\n")}
	bad["cq/no-year.md"] = &fstest.MapFile{Data: []byte("---\ntown: 龙角镇\ncode: \"500235105\"\n---\n\n正文。\n")}
	bad["cq/broken.md"] = &fstest.MapFile{Data: []byte("---\ntitle: [unclosed\nyear: 2021\n---\n")}
	bad["cq/heading.md"] = &fstest.MapFile{Data: []byte("---\ntown: 龙角镇\ncode: \"500235105\"\nyear: 2020\n---\n\n# 标题\n\n正文。\n")}
	bad["cq/kinds.md"] = &fstest.MapFile{Data: []byte("---\ntown: 龙角镇\ncode: \"500235105\"\nyear: 2019\nsections:\n  - {title: 一、举措, kind: measure, id: s1}\n---\n\n## 一、举措\n")}
	cfg.Content = bad
	got := failingBuild(t, cfg)
	for _, want := range []string{
		"content/cq/broken.md:2: 文件开头的信息中，",
		"content/cq/duplicate.md:5: 后叶镇 2021 年度已有一篇报告（content/cq/500235145-2021.md），这是第二篇",
		"content/cq/no-year.md:1: 没有报告年度",
		"content/cq/heading.md:7: 正文中有一级标题 \"标题\"",
		"content/cq/kinds.md:9: 部分 \"一、举措\" 的 kind 写的是 \"measure\"",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
	after := testenv.ReadTree(t, cfg.Out)
	if len(after) != len(before) {
		t.Errorf("the failed build changed the output: %d files, then %d", len(before), len(after))
	}
	for name, data := range before {
		if !bytes.Equal(data, after[name]) {
			t.Errorf("%s changed", name)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(cfg.Out), "public.*"))
	if len(leftovers) > 0 {
		t.Errorf("left behind %v", leftovers)
	}
}

// TestFailedRenderKeepsOutput fails late, while pages are being written,
// and checks the old output survives that too.
func TestFailedRenderKeepsOutput(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	build(t, cfg)
	before := testenv.ReadTree(t, cfg.Out)
	templates := copyFS(t, cfg.Templates)
	// Parses, but fails when a town page is executed.
	templates["town.html"] = &fstest.MapFile{Data: []byte("{{define \"main\"}}<h1>{{.Title}}</h1>\n{{.Data.NoSuchField}}{{end}}")}
	cfg.Templates = templates
	res, err := Build(cfg)
	if err == nil {
		t.Fatal("the build succeeded")
	}
	if len(res.Problems) == 0 || !strings.HasPrefix(res.Problems[0].Error(), "templates/town.html:2:") {
		t.Errorf("problems = %v", res.Problems)
	}
	after := testenv.ReadTree(t, cfg.Out)
	for name, data := range before {
		if !bytes.Equal(data, after[name]) {
			t.Errorf("%s changed", name)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(cfg.Out), "public.*"))
	if len(leftovers) > 0 {
		t.Errorf("left behind %v", leftovers)
	}
}

// TestTemplateAndAssetErrors checks that broken templates and assets are
// reported as file:line.
func TestTemplateAndAssetErrors(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	cfg.Templates = fstest.MapFS{
		"layout.html": {Data: []byte("<html>{{template \"main\" .}}</html>")},
		"home.html":   {Data: []byte("{{define \"main\"}}\n{{if}}\n{{end}}")},
	}
	cfg.Assets = fstest.MapFS{
		"main.css": {Data: []byte("body { color: red; }\n")},
		"main.js":  {Data: []byte("if (\n")},
	}
	got := failingBuild(t, cfg)
	for _, want := range []string{
		"assets/main.js:2:1:",
		"templates/home.html:2: missing value for if",
		"templates/report.html: open report.html: file does not exist",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q:\n%s", want, got)
		}
	}
}

// TestOpenData checks the JSON, CSV, feed, sitemap and robots files.
func TestOpenData(t *testing.T) {
	cfg := fixtureConfig(t, "/zwgk/fzzfjsnb/")
	build(t, cfg)

	var records []map[string]any
	if err := json.Unmarshal([]byte(read(t, cfg, "data/reports.json")), &records); err != nil {
		t.Fatal(err)
	}
	if len(records) != 9 {
		t.Fatalf("%d JSON records", len(records))
	}
	var zh map[string]any
	for _, r := range records {
		if r["town"] == "昭化镇" && r["year"] == float64(2021) {
			zh = r
		}
	}
	if zh == nil || zh["code"] != "510811108" || zh["date"] != "2022年2月8日" || zh["url"] != "https://www.example.gov.cn/zwgk/fzzfjsnb/towns/510811108/2021/" {
		t.Errorf("derived record = %v", zh)
	}
	if secs, _ := zh["sections"].([]any); len(secs) != 4 {
		t.Errorf("derived sections = %v", zh["sections"])
	}

	raw := read(t, cfg, "data/reports.csv")
	if !strings.HasPrefix(raw, "\ufeff") {
		t.Error("CSV has no byte order mark")
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(raw, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 10 || strings.Join(rows[0][:8], ",") != "title,issuer,issuers,province,city,county,town,code" {
		t.Errorf("CSV has %d rows, header %v", len(rows), rows[0])
	}

	var feed struct {
		Title   string `xml:"title"`
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Updated string `xml:"updated"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(read(t, cfg, "feed.xml")), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 9 || feed.Entries[0].ID != "https://www.example.gov.cn/zwgk/fzzfjsnb/towns/500235145/2024/" || feed.Entries[0].Updated != "2025-01-22T00:00:00+08:00" {
		t.Errorf("feed = %+v", feed)
	}

	var sitemap struct {
		URLs []struct {
			Loc string `xml:"loc"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(read(t, cfg, "sitemap.xml")), &sitemap); err != nil {
		t.Fatal(err)
	}
	locs := map[string]bool{}
	for _, u := range sitemap.URLs {
		locs[u.Loc] = true
	}
	for _, want := range []string{"https://www.example.gov.cn/zwgk/fzzfjsnb/", "https://www.example.gov.cn/zwgk/fzzfjsnb/towns/510811108/2022/"} {
		if !locs[want] {
			t.Errorf("sitemap lacks %s", want)
		}
	}
	if locs["https://www.example.gov.cn/zwgk/fzzfjsnb/404.html"] {
		t.Error("sitemap lists the 404 page")
	}
	if got := read(t, cfg, "robots.txt"); !strings.Contains(got, "Sitemap: https://www.example.gov.cn/zwgk/fzzfjsnb/sitemap.xml") {
		t.Errorf("robots.txt = %q", got)
	}
	if md := read(t, cfg, "towns/510811108/2021/report.md"); !strings.Contains(md, "镇: 昭化镇") {
		t.Error("the Markdown download is not the content file")
	}
}

func TestParseSettings(t *testing.T) {
	if _, err := ParseSettings("site.yaml", []byte("name: x\nbase_url: https://a.example/\nicp: 1\nicpp: 2\n")); err == nil ||
		!strings.Contains(err.Error(), "site.yaml:4: 没有 icpp 这一项") {
		t.Errorf("unknown key: %v", err)
	}
	if _, err := ParseSettings("site.yaml", []byte("name: x\nbase_url: /zwgk/\n")); err == nil || !strings.Contains(err.Error(), "base_url") {
		t.Errorf("relative base_url: %v", err)
	}
	s, err := ParseSettings("site.yaml", []byte("name: 站名\nbase_url: https://a.example/zwgk\n"))
	if err != nil || s.Newest != 10 || s.Column.Name != "站名" || s.CompareSplit != 60 {
		t.Errorf("defaults: %+v %v", s, err)
	}
	l, _ := newLinker(s.BaseURL, "")
	if l.href("towns/1/") != "/zwgk/towns/1/" || l.abs("") != "https://a.example/zwgk/" {
		t.Errorf("linker %+v", l)
	}
	l, _ = newLinker(s.BaseURL, "/")
	if l.href("") != "/" {
		t.Errorf("base path override %+v", l)
	}
}

// TestTemplateExecutionErrorLine: a template that fails while a page is
// made is reported at its line as written, though pages are made from the
// templates minified, whose lines are others.
func TestTemplateExecutionErrorLine(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	tpl := fstest.MapFS{}
	src := os.DirFS(filepath.Join("..", "..", "templates"))
	names, _ := fs.Glob(src, "*.html")
	for _, name := range names {
		data, err := fs.ReadFile(src, name)
		if err != nil {
			t.Fatal(err)
		}
		if name == "report.html" {
			lines := strings.SplitAfter(string(data), "\n")
			data = []byte(strings.Join(lines[:4], "") + "<p>{{.Data.Nope}}</p>\n" + strings.Join(lines[4:], ""))
		}
		tpl[name] = &fstest.MapFile{Data: data}
	}
	cfg.Templates = tpl
	if got := failingBuild(t, cfg); !strings.Contains(got, "templates/report.html:5:") || !strings.Contains(got, "Nope") {
		t.Errorf("problems do not name report.html:5 and the field:\n%s", got)
	}
}

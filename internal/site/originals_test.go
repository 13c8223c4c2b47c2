package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The report whose original these tests publish, its content file, and
// the line of that file's "source:".
const (
	originalReport = "cq/500112138-2021.md"
	originalDir    = "towns/500112138/2021/"
	sourceLine     = "content/cq/500112138-2021.md:19: "
)

// withSource is a content directory of one report naming source.
func withSource(source string) fstest.MapFS {
	return fstest.MapFS{originalReport: {Data: []byte(reportFile("重庆市", "重庆市", "渝北区", "兴隆镇", "500112138", 2021, "2022-01-10",
		"source: "+source+"\n", body("兴隆镇", 2021)))}}
}

// published lists the files of a report's directory in the built site
// that are not its page or its Markdown: the copies of its original.
func published(t *testing.T, cfg Config) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(cfg.Out, filepath.FromSlash(originalDir)))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); n != "index.html" && n != "report.md" {
			out = append(out, n)
		}
	}
	return out
}

// warningsOf gives a build's warnings as text.
func warningsOf(res *Result) []string {
	var out []string
	for _, w := range res.Warnings {
		out = append(out, w.Error())
	}
	return out
}

// TestOriginalPublishedAsText checks that an original whose name a browser
// would render or run on the site's own origin is published as source.txt,
// byte for byte, and offered as a TXT download beside its UTF-8 copy.
func TestOriginalPublishedAsText(t *testing.T) {
	for _, kind := range originalKinds {
		if slices.Contains([]string{".html", ".htm", ".xhtml", ".xht", ".svg", ".svgz", ".js", ".mjs", ".xml", ".xsl", ".css", ".txt"}, kind) {
			t.Errorf("originalKinds lists %s, which a browser renders or runs (or which is .txt already)", kind)
		}
	}
	text := "重庆市渝北区兴隆镇人民政府 2021 年法治政府建设年度报告\n<script>alert(document.domain)</script>\n"
	for _, source := range []string{"sources/page.html", "sources/payload.js", "sources/image.svg", "sources/doc.xhtml",
		"sources/PAGE.HTM", "sources/report.TXT", "sources/no-extension", "sources/alias.txt"} {
		t.Run(source, func(t *testing.T) {
			cfg := fixtureConfig(t, "/zwgk/fzzfjsnb/")
			cfg.Content = withSource(source)
			cfg.Root = fstest.MapFS{source: {Data: []byte(text)}}
			if source == "sources/alias.txt" { // a link within sources/ is followed
				cfg.Root = fstest.MapFS{source: {Mode: fs.ModeSymlink, Data: []byte("2021/real.html")}, "sources/2021/real.html": {Data: []byte(text)}}
			}
			res := build(t, cfg)
			if w := warningsOf(res); len(w) > 0 {
				t.Errorf("warnings: %q", w)
			}
			if got := published(t, cfg); !reflect.DeepEqual(got, []string{"source-utf8.txt", "source.txt"}) {
				t.Errorf("published %q, want [source-utf8.txt source.txt]", got)
			}
			if got := read(t, cfg, originalDir+"source.txt"); got != text {
				t.Errorf("source.txt = %q, want the original's bytes", got)
			}
			if got := read(t, cfg, originalDir+"source-utf8.txt"); got != "\ufeff"+text {
				t.Errorf("source-utf8.txt = %q, want the text with a byte order mark", got)
			}
			page := read(t, cfg, originalDir+"index.html")
			links := hrefs(parseHTML(t, page))
			if !contains(links, "/zwgk/fzzfjsnb/"+originalDir+"source.txt") || !strings.Contains(page, "原始文件（TXT，收到时的原样") ||
				!contains(links, "/zwgk/fzzfjsnb/"+originalDir+"source-utf8.txt") || !strings.Contains(page, "原件文字（TXT，UTF-8 编码") {
				t.Error("the page does not offer both TXT downloads")
			}
			if csv := read(t, cfg, "data/reports.csv"); !strings.Contains(csv, "/"+originalDir+"source.txt") {
				t.Error("the CSV does not point at source.txt")
			}
		})
	}
}

// TestUTF8CopyOfAGB18030Original checks that a GB18030 original, which
// shows as garbage on a host that sends no charset, is offered as UTF-8
// text too, its bytes kept as they came in source.txt.
func TestUTF8CopyOfAGB18030Original(t *testing.T) {
	text := "重庆市渝北区兴隆镇人民政府2021年法治政府建设年度报告\n"
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	cfg := fixtureConfig(t, "/")
	cfg.Content = withSource("sources/gb.txt")
	cfg.Root = fstest.MapFS{"sources/gb.txt": {Data: gb}}
	build(t, cfg)
	if got := read(t, cfg, originalDir+"source.txt"); got != string(gb) {
		t.Error("source.txt is not the original's bytes")
	}
	if got := read(t, cfg, originalDir+"source-utf8.txt"); got != "\ufeff"+text {
		t.Errorf("source-utf8.txt = %q", got)
	}
}

// TestOriginalOutsideSourcesIsNotPublished lists, word for word, the
// warning for a "source:" that names a file outside the sources directory
// or leads out of it through a symbolic link. Every file named exists, so
// that only the refusal keeps it off the site; the report is still
// published, without a download of its original.
func TestOriginalOutsideSourcesIsNotPublished(t *testing.T) {
	const (
		notIn  = ` 不在 sources/ 中，报告页面没有它的下载（只发布 sources/ 中的原件）：请把原件放入 sources/，并在 source: 中写上它的新位置，或删去 source: 这一行`
		linked = ` 经由指向 sources/ 以外的符号链接（快捷方式）才能找到，不会发布，报告页面没有它的下载：请把原件本身复制到 sources/ 中`
	)
	link := func(target string) *fstest.MapFile {
		return &fstest.MapFile{Mode: fs.ModeSymlink, Data: []byte(target)}
	}
	root := func() fstest.MapFS {
		return fstest.MapFS{
			"sources/xinglong-2021.txt":    {Data: []byte("报告\n")},
			"site.yaml":                    {Data: []byte("name: secret\n")},
			".git/config":                  {Data: []byte("[remote]\n")},
			"content/" + originalReport:    {Data: []byte("---\n")},
			"sources/evil.txt":             link("../site.yaml"),
			"sources/far.txt":              link("../../../etc/passwd"),
			"sources/abs.txt":              link("/etc/passwd"),
			"sources/linked":               link("../.git"),
			"sources/2021/back.txt":        link("../evil.txt"),
			"sources/loop.txt":             link("loop.txt"),
			"sources/2021/notes/report.md": {Data: []byte("报告\n")},
		}
	}
	tests := []struct{ source, want string }{
		{".git/config", sourceLine + "原件 .git/config" + notIn},
		{"../x", sourceLine + "原件 ../x" + notIn},
		{"/etc/passwd", sourceLine + "原件 /etc/passwd" + notIn},
		{"site.yaml", sourceLine + "原件 site.yaml" + notIn},
		{"content/" + originalReport, sourceLine + "原件 content/" + originalReport + notIn},
		{"sources/../site.yaml", sourceLine + "原件 sources/../site.yaml" + notIn},
		{"sources", sourceLine + "原件 sources" + notIn},
		{"sources/evil.txt", sourceLine + "原件 sources/evil.txt" + linked},
		{"sources/far.txt", sourceLine + "原件 sources/far.txt" + linked},
		{"sources/abs.txt", sourceLine + "原件 sources/abs.txt" + linked},
		{"sources/linked/config", sourceLine + "原件 sources/linked/config" + linked},
		{"sources/2021/back.txt", sourceLine + "原件 sources/2021/back.txt" + linked},
		{"sources/loop.txt", sourceLine + "找不到原件 sources/loop.txt，报告页面没有它的下载：请把原件放回这个位置，或改正 source: 中的路径"},
		{"sources/2021/notes", sourceLine + "找不到原件 sources/2021/notes，报告页面没有它的下载：请把原件放回这个位置，或改正 source: 中的路径"},
		{"sources/missing.txt", sourceLine + "找不到原件 sources/missing.txt，报告页面没有它的下载：请把原件放回这个位置，或改正 source: 中的路径"},
	}
	for _, tt := range tests {
		t.Run(tt.source, func(t *testing.T) {
			cfg := fixtureConfig(t, "/zwgk/fzzfjsnb/")
			cfg.Content = withSource(tt.source)
			cfg.Root = root()
			checkNoOriginal(t, cfg, build(t, cfg), tt.want)
		})
	}
}

// TestSourcesOutsideTheRepository: a build whose -sources is outside its
// -root publishes no original, and says so once, not once a report with a
// message naming the directory twice.
func TestSourcesOutsideTheRepository(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	cfg.SourcesDir = "../../tmp/rp/sources"
	cfg.Content = withSource("../../tmp/rp/sources/xinglong-2021.txt")
	cfg.Root = fstest.MapFS{"sources/xinglong-2021.txt": {Data: []byte("报告\n")}}
	checkNoOriginal(t, cfg, build(t, cfg), "原件目录 ../../tmp/rp/sources/ 在仓库根目录（-root）之外，其中的原件一律不发布，报告页面都没有原件下载：请把原件移到仓库根目录之下的 sources/ 中再运行，或运行时用 -root 指向同时包含原件和报告的目录")
}

// TestOriginalLinkedOutOnDiskIsNotPublished is the same refusal on a real
// file system, as cmd/build reads it: a link from sources/ to a file
// outside the repository.
func TestOriginalLinkedOutOnDiskIsNotPublished(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, "sources"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(repo, "sources", "evil.txt")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	cfg := fixtureConfig(t, "/zwgk/fzzfjsnb/")
	cfg.Content = withSource("sources/evil.txt")
	cfg.Root = os.DirFS(repo)
	checkNoOriginal(t, cfg, build(t, cfg), sourceLine+"原件 sources/evil.txt 经由指向 sources/ 以外的符号链接（快捷方式）才能找到，不会发布，报告页面没有它的下载：请把原件本身复制到 sources/ 中")
}

// checkNoOriginal checks that a build warned want alone and published the
// report with no copy of, link to or address of an original.
func checkNoOriginal(t *testing.T, cfg Config, res *Result, want string) {
	t.Helper()
	if got := warningsOf(res); !reflect.DeepEqual(got, []string{want}) {
		t.Errorf("warnings:\n got  %q\n want %q", got, []string{want})
	}
	if got := published(t, cfg); len(got) > 0 {
		t.Errorf("published %q", got)
	}
	page := read(t, cfg, originalDir+"index.html")
	for _, h := range hrefs(parseHTML(t, page)) {
		if strings.Contains(h, "/source") {
			t.Errorf("the page links to %s", h)
		}
	}
	if strings.Contains(read(t, cfg, "data/reports.json"), "source_url") {
		t.Error("the open data gives a source_url")
	}
}

// TestWordOriginalHasNoTextCopy checks that a Word original is published
// under its own extension, with no text copy beside it.
func TestWordOriginalHasNoTextCopy(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	cfg.Content = withSource("sources/a.docx")
	cfg.Root = fstest.MapFS{"sources/a.docx": {Data: []byte("PK\x03\x04")}}
	build(t, cfg)
	if got := published(t, cfg); !reflect.DeepEqual(got, []string{"source.docx"}) {
		t.Errorf("published %q, want [source.docx]", got)
	}
	if page := read(t, cfg, originalDir+"index.html"); !strings.Contains(page, "原始文件（DOCX，收到时的原样<span class=\"pe\">）</span>") {
		t.Error("the page does not offer the Word original")
	}
}

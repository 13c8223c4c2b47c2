package site

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"nianbao/internal/assets"
	"nianbao/internal/cache"
	"nianbao/internal/content"
)

// TestBundledSharedPassages: two of the bundled reports, of towns in
// different counties, share their passages on 司法监督 and 政府信息公开 word
// for word (one as a paragraph of its own each, the other inside one long
// paragraph); each page marks them and links to the other, and nothing
// else of the five reports is marked.
func TestBundledSharedPassages(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	cfg.Content = os.DirFS(filepath.Join("..", "..", "content"))
	cfg.Root = os.DirFS(filepath.Join("..", ".."))
	build(t, cfg)
	note := regexp.MustCompile(`<p class="reused">([^<]{0,12})`)
	want := map[string][]string{
		"towns/500112138/2021/index.html": {"一是自觉接受司法监"},
		"towns/500235145/2024/index.html": {"行政诉讼中及时向人", "按照《政府信息公开"},
		"towns/500106106/2022/index.html": nil,
		"towns/500155106/2020/index.html": nil,
		"towns/510811108/2021/index.html": nil,
	}
	links := map[string]string{
		"towns/500112138/2021/index.html": `href="/towns/500235145/2024/#`,
		"towns/500235145/2024/index.html": `href="/towns/500112138/2021/#`,
	}
	for page, starts := range want {
		html := read(t, cfg, page)
		var got []string
		for _, m := range note.FindAllStringSubmatch(html, -1) {
			got = append(got, string([]rune(m[1])[:min(9, len([]rune(m[1])))]))
		}
		if strings.Join(got, "|") != strings.Join(starts, "|") {
			t.Errorf("%s: marked paragraphs start %q, want %q", page, got, starts)
		}
		if l := links[page]; l != "" && !strings.Contains(html, `<p class="reuse-note">`) || l != "" && !strings.Contains(html, l) {
			t.Errorf("%s: no note linking %s", page, l)
		}
	}
	rep := read(t, cfg, "repeated/index.html")
	if !strings.Contains(rep, "按照《政府信息公开条例》要求") || !strings.Contains(rep, "见于 2 个乡镇（街道）的 2 份报告") {
		t.Errorf("repeated/ does not list the shared 政府信息公开 paragraph")
	}
}

// TestChangesPage: a town's report set against its last year's: an
// unchanged paragraph folded, an edited one with its edits marked in words
// for a screen reader, a new one and a removed one.
func TestChangesPage(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	c := cloneFS(fixtureContent())
	addPassage(t, c, "cq/500235145-2021.md", "后叶镇")
	addPassage(t, c, "cq/500235145-2022.md", "后叶镇")
	editFile(t, c, "cq/500235145-2022.md", "组织宪法宣誓活动。", "组织宪法宣誓活动，新任职干部全部参加。")
	editFile(t, c, "cq/500235145-2022.md", "后叶镇2022年不足：法治宣传的针对性有待提高。", "村级法律顾问作用发挥不充分。")
	cfg.Content = c
	build(t, cfg)
	page := read(t, cfg, "towns/500235145/changes-2022/index.html")
	for _, want := range []string{
		"<h1>后叶镇2022年报告与2021年报告相比的变化</h1>",
		`<summary>与上一份报告相同的 1 段</summary>`,
		`<ins><span class="visually-hidden">［新增：</span>，新任职干部全部参加<span class="visually-hidden">］</span></ins>`,
		`<p class="chg-label">新增的段落</p>`,
		`<p class="chg-label">上一份报告有、本篇删去的段落</p>`,
		// Each paragraph is one: the text of two is never run together.
		"<p>村级法律顾问作用发挥不充分。</p>",
		`<p>组织宪法宣誓活动<ins>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("changes page lacks %s", want)
		}

	}
	// Linked from both reports and from the town.
	for _, from := range []string{"towns/500235145/2022/index.html", "towns/500235145/2021/index.html", "towns/500235145/index.html"} {
		if !strings.Contains(read(t, cfg, from), `href="/towns/500235145/changes-2022/"`) {
			t.Errorf("%s does not link to the changes page", from)
		}
	}
}

func TestParagraphs(t *testing.T) {
	got := paragraphs(`<p>甲<strong>乙</strong> &amp; 丙</p><h2>标题</h2><p class="x">丁</p><pre>戊</pre><ul><li><p>己</p></li></ul><param>`)
	want := []string{"甲乙 & 丙", "丁", "己"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("paragraphs = %q, want %q", got, want)
	}
	notes := map[[2]int32]reuseNote{{1, 2}: {Other: []link{{Text: "乙镇2022年报告", URL: "/x/"}}}}
	html := withNotes(`<p>甲</p><p class="x">丁</p><p>己</p>`, 1, notes, "/repeated/")
	if !strings.HasSuffix(html, `<p class="reused">己</p><p class="reuse-note"><span class="reuse-tag">此段文字也见于</span><span class="reuse-group">其他乡镇：<a href="/x/">乙镇2022年报告</a></span><a class="reuse-how" href="/repeated/">怎样判断</a></p>`) {
		t.Errorf("withNotes = %s", html)
	}
}

// TestReuseIndexUpdated: a build after a report changed updates the reuse
// index the last build saved, rather than indexing every report again, and
// finds again only the changed report when it shares no text with others.
func TestReuseIndexUpdated(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	cfg.CacheDir = filepath.Join(t.TempDir(), "cache")
	c := cloneFS(fixtureContent())
	const own = "故陵镇今年新修了三座便民桥梁，方便沿河群众出行，又在老街开设了夜间调解室，由退休法官轮流值守，群众反映良好。"
	text := "## 一、2022年推进法治政府建设的主要举措和成效\n\n" + own + "\n\n## 二、党政主要负责人履行推进法治建设第一责任人职责情况\n\n镇长每季度到夜间调解室坐班一次。\n\n" +
		"## 三、存在的不足和原因\n\n山区村落分散，便民桥梁仍然不够。\n\n## 四、2023年工作安排\n\n再修两座便民桥梁。\n"
	setFile(c, "cq/500235107-2022.md", reportFile("重庆市", "重庆市", "云阳县", "故陵镇", "500235107", 2022, "2023-01-30", "", text))
	cfg.Content = c
	if res := build(t, cfg); res.Reports != 10 {
		t.Fatalf("%d reports built: %v", res.Reports, res.Refused)
	}
	editFile(t, c, "cq/500235107-2022.md", "群众反映良好。", "群众反映良好，全年调解纠纷多起。")
	b := &builder{cfg: cfg, res: &Result{}, workers: 1, min: assets.NewMinifier(), md: content.NewMarkdown(), version: cache.CodeVersion(cfg.CacheDir)}
	for _, step := range []func() error{b.load, b.model, b.assets, b.plan} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(b.parts.pack.Close)
	st := b.pages.reuse
	if st == nil || st.touched == nil {
		t.Fatal("the saved reuse index was not updated: every report was indexed again")
	}
	for r, d := range st.doc {
		if want := r.entry.Name == "cq/500235107-2022.md"; st.touched[d] != want {
			t.Errorf("%s found again: %v, want %v", r.entry.Name, st.touched[d], want)
		}
	}
}

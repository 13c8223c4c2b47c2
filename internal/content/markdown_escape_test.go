package content

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"nianbao/internal/readertext"
	"nianbao/internal/report"
)

// escapeRendered renders Markdown and returns the text a reader sees
// (readertext.Of): Escape must hold for any plain CommonMark renderer, not
// only for the site's.
func escapeRendered(t testing.TB, md string) string {
	t.Helper()
	text, err := readertext.Of([]byte(md))
	if err != nil {
		t.Fatal(err)
	}
	return text
}

func TestEscapeRendersBackToTheText(t *testing.T) {
	texts := []string{
		"依托*渝快办*平台和“_政务服务_”网站，全年网上办件率达95%*以上，“__双随机__”抽查覆盖率100%。",
		"在镇政府网站#政务公开#栏目发布信息，网址<www.example.gov.cn>，按“[镇务公开]”分类。",
		"模板中的{{年份}}占位符，网页脚本<script>alert(1)</script>，链接[点击查看](javascript:alert(1))，![图片](x.png)，<!-- 注释 -->。",
		"1.5万元以上的合同全部经过审核。",
		"1. 主动公开文件14件。",
		"2023年全面完成“八五”普法中期评估。",
		"# 情况良好 #",
		"> 亲自部署。", "- 亲自过问；", "+ 亲自协调；", "* 亲自督办；", "1) 按时完成；", "=== 已公示。", "--- 已公示。",
		"| 述法 | 评议 |",
		"A&B类&amp;时限，&copy;与&#x41;混用，`系统`兼容，~~个别~~事项，反斜杠\\路径，C:\\公文\\2022\\。",
		"一是**矛盾纠纷化解不停步。**全面落实“一庭两所”机制。",
		"**三是政务服务不打烊。**推行“一窗综办”。",
		"一是**矛盾纠纷**化解水平需进一步提高。",
		"***持续***推进。", "**未闭合的粗体。", "** 空格 **不是粗体。",
		"https://www.example.gov.cn/zwgk/ 与 www.example.gov.cn",
		"行尾的反斜杠\\",
	}
	for _, s := range texts {
		if got := escapeRendered(t, Escape(s)); readertext.NonSpace(got) != readertext.NonSpace(s) {
			t.Errorf("Escape(%q) = %q renders as %q", s, Escape(s), got)
		}
		h := "## " + escapeHeading(s)
		if got := escapeRendered(t, h); readertext.NonSpace(got) != readertext.NonSpace(s) {
			t.Errorf("heading %q renders as %q", h, got)
		}
	}
}

func TestEscapeKeepsSourceBold(t *testing.T) {
	// readertext writes "**" around what renders bold.
	if got := escapeRendered(t, Escape("一是**矛盾纠纷化解不停步。**全面落实。")); !strings.Contains(got, "一是**矛盾纠纷化解不停步。**全面落实") {
		t.Errorf("bold lost: %s", got)
	}
}

// FuzzEscape checks that an escaped paragraph or heading renders to its
// text. What holds precisely: for any valid UTF-8 text without line breaks
// or NUL (the parser splits lines and refuses NUL) and without white space
// at either end (the parser trims lines), the text a reader sees has the
// same non-white-space characters in the same order; white space may
// differ because Markdown collapses it and the CJK extension drops it
// between Chinese characters. Source bold ("**…**") counts as its markers.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{
		"一是**矛盾纠纷化解不停步。**全面落实", "1. 主动公开", "<script>alert(1)</script>", "[x](javascript:alert(1))",
		"&amp; &#x41; \\ ` ~~ | # > - + = {{ }}", "“_政务服务_”", "***持续***", "1.5万元", "# 标题 #",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\n\r\x00") || strings.TrimFunc(s, unicode.IsSpace) != s || s == "" {
			t.Skip()
		}
		if got := escapeRendered(t, Escape(s)); readertext.NonSpace(got) != readertext.NonSpace(s) {
			t.Errorf("paragraph %q escaped as %q renders as %q", s, Escape(s), got)
		}
		h := "## " + escapeHeading(s)
		if got := escapeRendered(t, h); readertext.NonSpace(got) != readertext.NonSpace(s) {
			t.Errorf("heading %q written as %q renders as %q", s, h, got)
		}
	})
}

// FuzzHeadingText checks the escaping of headings end to end. For any
// heading text the report parser can hand over (one line, trimmed, after
// the layout repairs: control characters and form feeds removed):
//   - the Markdown FromReport writes for it renders, under any plain
//     CommonMark renderer (readertext), to exactly that text;
//   - the front matter's section title is that text;
//   - the plain text the site shows in <title>, the contents, the
//     description, the feed and the open data (Heading.Text, and LeadText
//     for the same text as the opening paragraph) is that text, with source
//     bold's "**" left out, as it is from the rendered heading.
func FuzzHeadingText(f *testing.F) {
	for _, s := range []string{
		"一、落实渝府发[2023]5号文件", "<b>粗</b>&amp;&copy;&#x41;&#27;", "*重点*_任务_", "# 标题 #", "`代码`", `C:\公文\2022\`,
		"一是**矛盾纠纷化解不停步。**全面落实", "**三是政务服务不打烊。**", "a\\ b", "1. 主动公开", "&#0;&#xD800;", "<javascript:alert(1)>",
		"[点这里](javascript:alert(1))", "![图](x.png)", "<https://www.gov.cn/>", "渝\x0b府\x1b发\u0085", "一、举措\f",
	} {
		f.Add(s)
	}
	md := NewMarkdown()
	f.Fuzz(func(t *testing.T, s string) {
		s = withoutControls(s)
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\n\r") || strings.TrimFunc(s, unicode.IsSpace) != s || s == "" {
			t.Skip()
		}
		meta, heading := FromReport(&report.Document{Year: 2023, Blocks: []report.Block{{Kind: report.Heading, Level: 1, Text: s}}})
		if meta.Sections[0].Title != s {
			t.Errorf("heading %q has the front matter title %q", s, meta.Sections[0].Title)
		}
		if got := strings.TrimSuffix(escapeRendered(t, string(heading)), "\n"); got != s {
			t.Errorf("heading %q written as %q renders as %q", s, heading, got)
		}
		_, body := FromReport(&report.Document{Year: 2023, Blocks: []report.Block{
			{Kind: report.Paragraph, Text: s}, {Kind: report.Heading, Level: 1, Text: s}}})
		r, err := md.Render(body)
		if err != nil {
			t.Fatal(err)
		}
		want := withoutBold(s)
		if len(r.TOC) != 1 || r.TOC[0].Text != want || len(r.Sections) != 1 || r.Sections[0].Text != want {
			t.Errorf("heading %q written as %q has the plain text %+v, want %q", s, heading, r.TOC, want)
		}
		if r.LeadText != want {
			t.Errorf("paragraph %q written as %q has the plain text %q, want %q", s, Escape(s), r.LeadText, want)
		}
	})
}

// withoutBold is s as a reader sees it with source bold rendered: its "**"
// markers, where FromReport keeps them, left out.
func withoutBold(s string) string {
	pairs := boldPairs(s)
	if pairs == nil {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if _, ok := pairs[i]; ok {
			i++
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

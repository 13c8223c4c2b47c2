package content

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"nianbao/internal/readertext"
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

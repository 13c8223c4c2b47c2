package extract

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"nianbao/internal/extract/extracttest"
	"nianbao/internal/testenv"
)

// chineseList is a numbering definition as Word writes one for a 公文:
// 一、 at level 0, （一） at level 1, 1. at level 2.
const chineseList = `<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>`

func para(text, num string, ilvl int) extracttest.Para {
	p := extracttest.Text(text)
	p.NumID, p.Ilvl = num, ilvl
	return p
}

// TestDOCX checks that a Word document's list numbers are written out,
// tracked changes are resolved and a table's rows come out as lines.
func TestDOCX(t *testing.T) {
	doc := extracttest.DOCX([]extracttest.Para{
		extracttest.Text("七塘镇人民政府关于2023年度法治政府建设情况的报告"),
		para("主要举措和成效", "1", 0),
		para("加强组织领导", "1", 1),
		para("成立领导小组", "1", 2),
		para("召开专题会议", "1", 2),
		para("推进依法行政", "1", 1),
		para("存在的不足", "1", 0),
		para("一条圆点列表", "2", 0),
		{Runs: []extracttest.Run{{Text: "全年办理案件"}, {Text: "36", Del: true}, {Text: "37", Ins: true}, {Text: "件。"}}},
		{Cells: []string{"项目", "件数"}},
		{Cells: []string{"行政处罚", "37"}},
	}, chineseList, "七塘镇2023年法治政府建设报告")
	r, err := Extract("a.docx", doc, Tools{})
	if err != nil {
		t.Fatal(err)
	}
	want := "七塘镇人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n（一）加强组织领导\n1.成立领导小组\n2.召开专题会议\n（二）推进依法行政\n二、存在的不足\n一条圆点列表\n全年办理案件37件。\n项目\t件数\n行政处罚\t37\n"
	if string(r.Text) != want {
		t.Errorf("text:\n%s\nwant:\n%s", r.Text, want)
	}
	if r.Title != "七塘镇2023年法治政府建设报告" {
		t.Errorf("title property %q", r.Title)
	}
	if len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "1 处修订删除") {
		t.Errorf("notes %q", r.Notes)
	}
}

// TestDOCXHeadingStyles checks that paragraphs a heading style marks,
// with no number, are told to the parser as headings of their level, by
// the style's outline level or its name (WPS's 标题 2), and that a
// numbered heading is left to its number.
func TestDOCXHeadingStyles(t *testing.T) {
	styled := func(text, style string) extracttest.Para {
		p := extracttest.Text(text)
		p.Style = style
		return p
	}
	doc := extracttest.DOCX([]extracttest.Para{
		extracttest.Text("七塘镇人民政府关于2023年度法治政府建设情况的报告"),
		styled("主要举措和成效", "Heading1"),
		styled("加强组织领导", "Heading2"),
		extracttest.Text("正文。"),
		styled("依法行政", "a5"),
		func() extracttest.Para { p := para("存在的不足", "1", 0); p.Style = "Heading1"; return p }(),
	}, chineseList, "")
	r, err := Extract("a.docx", doc, Tools{})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[int]int{2: 1, 3: 2, 5: 2}; !reflect.DeepEqual(r.Headings, want) {
		t.Errorf("headings %v, want %v", r.Headings, want)
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		n      int
		format string
		want   string
	}{
		{1, "chineseCounting", "一"}, {10, "chineseCounting", "十"}, {11, "chineseCounting", "十一"},
		{20, "chineseCountingThousand", "二十"}, {105, "chineseCounting", "一百零五"}, {120, "chineseCounting", "一百二十"},
		{3, "ideographTraditional", "丙"}, {2, "decimalEnclosedCircle", "②"}, {12, "decimalFullWidth", "１２"},
		{4, "upperRoman", "IV"}, {3, "lowerLetter", "c"}, {7, "decimal", "7"}, {5, "decimalZero", "05"},
		{12, "taiwaneseCountingThousand", "十二"}, {3, "chineseLegalSimplified", "叁"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.n, tt.format); got != tt.want {
			t.Errorf("formatNumber(%d, %s) = %q, want %q", tt.n, tt.format, got, tt.want)
		}
	}
}

// TestPages checks that page numbers and running headers and footers go,
// and nothing else.
func TestPages(t *testing.T) {
	pages := [][]string{
		{"七塘镇人民政府文件", "关于2023年度法治政府建设情况的报告", "正文第一行", "- 1 -"},
		{"七塘镇人民政府文件", "正文第二行", "3", "第 2 页 共 3 页"},
		{"七塘镇人民政府文件", "正文第三行", "2024年1月15日", "— 3 —"},
	}
	lines, dropped := joinPages(pages)
	want := "关于2023年度法治政府建设情况的报告|正文第一行|正文第二行|正文第三行|2024年1月15日"
	if got := strings.Join(lines, "|"); got != want || dropped != 7 {
		t.Errorf("got %q (%d dropped), want %q", got, dropped, want)
	}
	// One page: nothing repeats, only the page number goes.
	lines, _ = joinPages([][]string{{"标题", "正文", "1"}})
	if strings.Join(lines, "|") != "标题|正文" {
		t.Errorf("one page: %q", lines)
	}
	// Two pages: the issuing body that heads the first and signs the last
	// is text, not a running header.
	lines, _ = joinPages([][]string{{"七塘镇人民政府", "标题", "正文", "1"}, {"正文", "七塘镇人民政府", "2024年1月15日", "2"}})
	if strings.Join(lines, "|") != "七塘镇人民政府|标题|正文|正文|七塘镇人民政府|2024年1月15日" {
		t.Errorf("two pages: %q", lines)
	}
}

func TestOFD(t *testing.T) {
	r, err := Extract("a.ofd", extracttest.OFD([][]string{{"七塘镇人民政府", "关于2023年度法治政府建设情况的报告"}, {"一、主要举措", "全年办理案件37件。"}}), Tools{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "七塘镇人民政府\n关于2023年度法治政府建设情况的报告\n一、主要举措\n全年办理案件37件。\n"; string(r.Text) != want {
		t.Errorf("text %q, want %q", r.Text, want)
	}
}

func TestPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		testenv.Unavailable(t, "PDF tests", []string{"pdftotext (poppler-utils)"})
	}
	pages := [][]string{{"七塘镇人民政府", "关于2023年度法治政府建设情况的报告", "一、主要举措"}, {"全年办理案件37件。", "二、工作安排"}}
	r, err := Extract("a.pdf", extracttest.PDF(pages, "七塘镇人民政府文件"), Tools{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(strings.Fields(string(r.Text)), "|")
	// Two pages: the header is kept (too few pages to call it running).
	if want := "七塘镇人民政府文件|七塘镇人民政府|关于2023年度法治政府建设情况的报告|一、主要举措|七塘镇人民政府文件|全年办理案件37件。|二、工作安排"; got != want {
		t.Errorf("text %q, want %q", got, want)
	}
	if len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "去掉页码和页眉页脚 2 行") {
		t.Errorf("notes %q", r.Notes)
	}
}

func TestHTML(t *testing.T) {
	page := extracttest.PortalPage("七塘镇关于2023年度法治政府建设情况的报告",
		[][2]string{{"索引号", "11500227/2024-00012"}, {"发布日期", "2024-01-20"}},
		[]string{"区政府：", "　　现将我镇2023年度法治政府建设情况报告如下：", "　　一、主要举措和成效", "　　全年办理行政处罚案件37件。"})
	r, err := Extract("a.html", page, Tools{})
	if err != nil {
		t.Fatal(err)
	}
	want := "七塘镇关于2023年度法治政府建设情况的报告\n索引号：  11500227/2024-00012\n发布日期：  2024-01-20\n区政府：\n　　现将我镇2023年度法治政府建设情况报告如下：\n　　一、主要举措和成效\n　　全年办理行政处罚案件37件。\n"
	if string(r.Text) != want {
		t.Errorf("text:\n%s\nwant:\n%s", r.Text, want)
	}
	if r.Title != "七塘镇关于2023年度法治政府建设情况的报告" {
		t.Errorf("title %q", r.Title)
	}
	// A page saved in GB18030, as many portals serve them.
	gb := []byte("<html><head><meta charset=\"gbk\"></head><body><div><p>\xc6\xdf\xcc\xc1\xd5\xf2</p></div></body></html>")
	r, err = Extract("b.htm", gb, Tools{})
	if err != nil || string(r.Text) != "七塘镇\n" {
		t.Errorf("GBK page: %q, %v", r.Text, err)
	}
}

// TestBadFiles checks the message for each kind of file no text can be
// read from: it names what is wrong and what to do.
func TestBadFiles(t *testing.T) {
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("word/document.xml")
	zeros := make([]byte, 1<<20)
	for range maxPart>>20 + 1 {
		w.Write(zeros)
	}
	zw.Close()
	tests := []struct {
		name string
		data []byte
		t    Tools
		want string
	}{
		{"a.docx", []byte("not a zip"), Tools{}, "文件不是完整的 Word 文件"},
		{"a.docx", extracttest.Zip([]string{"x.xml"}, map[string]string{"x.xml": "<x/>"}), Tools{}, "缺少 word/document.xml"},
		{"a.docx", bomb.Bytes(), Tools{}, "解压后过大"},
		{"a.docx", extracttest.DOCXText(""), Tools{}, "读不到文字"},
		{"a.docx", extracttest.DOCXText("Lorem ipsum"), Tools{}, "读不到汉字"},
		{"a.ofd", extracttest.Zip([]string{"x.xml"}, map[string]string{"x.xml": "<x/>"}), Tools{}, "缺少 OFD.xml"},
		{"a.pdf", []byte("<html>"), Tools{}, "不是 PDF 文件"},
		{"a.pdf", []byte("%PDF-1.4\n"), Tools{PDFToText: "no-such-pdftotext"}, "sudo apt-get install poppler-utils"},
		{"a.doc", []byte{0xD0, 0xCF}, Tools{Office: "no-such-soffice"}, "另存为” .docx"},
		{"a.xlsx", nil, Tools{}, "not a report format"},
	}
	for _, tt := range tests {
		_, err := Extract(tt.name, tt.data, tt.t)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.want)
		}
	}
}

// TestLegacy converts a Word document to .doc with LibreOffice and reads
// it back through the same converter; without LibreOffice it is skipped
// (CI does not install it: its message is tested in TestBadFiles).
func TestLegacy(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil || testing.Short() {
		t.Skip("needs LibreOffice (soffice), and not in -short")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "a.docx")
	os.WriteFile(src, extracttest.DOCX([]extracttest.Para{extracttest.Text("七塘镇人民政府"), para("主要举措", "1", 0)}, chineseList, ""), 0o644)
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "p"), "--headless", "--convert-to", "doc", "--outdir", dir, src)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "a.doc"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Extract("a.doc", data, Tools{TempDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(string(r.Text)); got != "七塘镇人民政府\n一、主要举措" {
		t.Errorf("text %q", got)
	}
}

// TestGarbledNote checks that a few unreadable characters in text that is
// otherwise read are a warning, not a refusal.
func TestGarbledNote(t *testing.T) {
	r, err := Extract("a.docx", extracttest.DOCXText("七塘镇人民政府关于2023年度法治政府建设情况的报告\n全年办理案件\uFFFD件。"), Tools{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Notes) != 1 || r.Notes[0] != "读出的文字中有 1 处无法识别的字符（显示为 �）：请对照原件核对这些地方" {
		t.Errorf("notes %q", r.Notes)
	}
}

// TestJoinCutValues checks that a date or an index number a page's width
// cut is joined again, and nothing else is.
func TestJoinCutValues(t *testing.T) {
	lines := []string{
		"[ 成文日期 ] 2026-01-22 [ 发布日期 ] 2026-02-1", "0",
		"索 引 号 640421026/2024-00007 发文时间 2024-0", "3-01",
		"| 索引号: | 1137030500421943XY/2026-55618", "16 | 文号: | |",
		"全年办理案件共计2024", "3件。", // not a date: left to the parser
		"会议于2024-", "年底召开", // no digits follow
	}
	got, n := joinCutValues(lines)
	want := []string{
		"[ 成文日期 ] 2026-01-22 [ 发布日期 ] 2026-02-10",
		"索 引 号 640421026/2024-00007 发文时间 2024-03-01",
		"| 索引号: | 1137030500421943XY/2026-5561816 | 文号: | |",
		"全年办理案件共计2024", "3件。", "会议于2024-", "年底召开",
	}
	if n != 3 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("joined %d:\n%s", n, strings.Join(got, "\n"))
	}
}

// TestExtensionsHaveFormats checks that every ending messages name is
// read, and every ending read is named.
func TestExtensionsHaveFormats(t *testing.T) {
	for _, e := range Extensions() {
		if _, ok := FormatOf("a" + strings.ToUpper(e)); !ok {
			t.Errorf("%s is named but not read", e)
		}
	}
	if len(Extensions()) != len(formats) {
		t.Errorf("%d endings named, %d read", len(Extensions()), len(formats))
	}
}

// TestDOCXNestedTable checks that a table inside a table's cell is read
// into that cell, the outer rows kept whole.
func TestDOCXNestedTable(t *testing.T) {
	body := `<w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>明细</w:t></w:r></w:p></w:tc></w:tr>` +
		`<w:tr><w:tc><w:p><w:r><w:t>行政处罚</w:t></w:r></w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>简易程序</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12件</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>` +
		`<w:p><w:r><w:t>七塘镇人民政府</w:t></w:r></w:p>`
	doc := extracttest.Zip([]string{"word/document.xml"}, map[string]string{
		"word/document.xml": `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body + `</w:body></w:document>`,
	})
	r, err := Extract("a.docx", doc, Tools{})
	if err != nil {
		t.Fatal(err)
	}
	if want := "项目\t明细\n行政处罚\t简易程序 12件\n七塘镇人民政府\n"; string(r.Text) != want {
		t.Errorf("text %q, want %q", r.Text, want)
	}
}

package importer

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/internal/extract/extracttest"
	"nianbao/internal/region"
	"nianbao/internal/report"
	"nianbao/internal/testenv"
)

// formatFixtures are the ways a report's text is set into another format
// for TestRealReportAccuracyInEveryFormat: as staff receive a report, in
// Word one paragraph per line, on PDF and OFD pages with long paragraphs
// broken across lines and page numbers and running headers added, and as a
// portal's article page with the site's banner, menus and footer around it.
//
// floor is the share every field must reach, in percent, and differ the
// most fields that may be read otherwise than from the text. Word and web
// pages keep the text's lines and must read exactly as it. PDF and OFD
// pages break every line longer than a page's width, portal metadata and
// long titles too (as a portal page printed to PDF is): every field must
// still reach 95%, and differ is what was measured when a cut date or index
// number was first joined again (extract.joinCutValues), so that it can
// only fall, with those of sets g and h added when they came: g-06's long
// rows of metadata cut at the page's width, g-18's and h-21's dates, h-18's
// 索引号 run into the opening once the indent that set them apart is lost
// (and a PDF's h-10 number), and h-03, a report on one line whose title
// stands twice, which cut at the page's width is no longer read as a
// report. The shares count the reports the importer reads from their
// text: one it refuses as text says nothing of what a format loses.
var formatFixtures = []struct {
	ext    string
	make   func(text string) []byte
	tool   string // a program the format needs, "" for none
	floor  int
	differ int
	// refused is how many of the reports read from their text the
	// format's file may make the importer refuse.
	refused int
}{
	{".docx", extracttest.DOCXText, "", 95, 0, 0},
	{".ofd", func(text string) []byte { return extracttest.OFD(extracttest.Pages(text, 30)) }, "", 95, 19, 2},
	{".pdf", func(text string) []byte { return extracttest.PDF(extracttest.Pages(text, 30), "") }, "pdftotext", 95, 25, 2},
	{".html", func(text string) []byte {
		return extracttest.PortalPage("", nil, strings.Split(strings.TrimRight(text, "\n"), "\n"))
	}, "", 95, 0, 0},
}

// TestRealReportAccuracyInEveryFormat reads every real report set into
// each format and checks that the importer reads it as it reads the text
// (formatFixtures says how closely). go test -v prints the figures and
// every field read otherwise than from the text.
func TestRealReportAccuracyInEveryFormat(t *testing.T) {
	reports := realReports(t)
	texts := map[string]string{}
	for _, r := range reports {
		data, err := os.ReadFile(filepath.Join(realDir, r.name+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		text, _, err := report.Decode(data)
		if err != nil {
			t.Fatal(err)
		}
		texts[r.name] = text
	}
	for _, f := range formatFixtures {
		t.Run(f.ext[1:], func(t *testing.T) {
			if f.tool != "" {
				if _, err := exec.LookPath(f.tool); err != nil {
					testenv.Unavailable(t, f.ext+" fixtures", []string{f.tool})
				}
			}
			var got []realReport
			var worse []string
			for _, r := range reports {
				if r.err != nil {
					// A text the importer refuses (TestRealReportAccuracy
					// counts it) is no measure of what a format loses.
					continue
				}
				x := realReport{name: r.name, gold: r.gold}
				x.conv, x.err = Convert(fixtureDir+"/real/"+r.name+f.ext, f.make(texts[r.name]), "content", region.Default())
				got = append(got, x)
				if x.err != nil {
					t.Logf("%s refused as %s: %v", r.name, f.ext, x.err)
				}
				for _, fl := range realFields {
					if fl.textOnly {
						// A portal page written into a Word, PDF or OFD file
						// has its lines cut to the page's width, and its
						// chrome no longer stands on lines of its own: a real
						// file of a report holds the document, not the page.
						continue
					}
					if r.err == nil && x.err == nil && !sameText(fl.got(r), fl.got(x)) {
						worse = append(worse, fmt.Sprintf("%s %s: %q as text, %q as %s", fl.name, r.name, fl.got(r), fl.got(x), f.ext))
					}
				}
			}
			sc := scoreReal(got, func(realReport) bool { return true })
			var line strings.Builder
			for _, fl := range realFields {
				if fl.textOnly {
					continue
				}
				fmt.Fprintf(&line, " %s %s", fl.name, sc.cell(sc.right[fl.name]))
				if 100*sc.right[fl.name]/sc.n < f.floor {
					t.Errorf("%s: %d%% right, below its floor of %d%%", fl.name, 100*sc.right[fl.name]/sc.n, f.floor)
				}
			}
			t.Logf("%s: %d reports read from their text, refused %d;%s", f.ext, sc.n, sc.refused, line.String())
			if sc.refused > f.refused {
				t.Errorf("%d refused, at most %d may be", sc.refused, f.refused)
			}
			if len(worse) > f.differ {
				t.Errorf("%d fields read otherwise than from the text, at most %d may be:\n%s", len(worse), f.differ, strings.Join(worse, "\n"))
			} else if testing.Verbose() {
				t.Log(strings.Join(worse, "\n"))
			}
		})
	}
}

// TestWordTableBecomesMarkdownTable imports a Word report with a table and
// a cell holding a "|": the table is a Markdown table, its head the first
// row, the cell's text kept as written.
func TestWordTableBecomesMarkdownTable(t *testing.T) {
	doc := extracttest.DOCX([]extracttest.Para{
		extracttest.Text("重庆市璧山区七塘镇人民政府"),
		extracttest.Text("关于2023年度法治政府建设情况的报告"),
		extracttest.Text("一、2023年推进法治政府建设的主要举措和成效"),
		extracttest.Text("全年办理行政处罚案件37件，明细如下："),
		{Cells: []string{"类别", "件数"}},
		{Cells: []string{"行政处罚 | 简易", "37"}},
		extracttest.Text("二、2024年工作安排"),
		extracttest.Text("持续加强法治宣传教育。"),
	}, "", "")
	c, err := Convert("sources/a.docx", doc, "content", region.Default())
	if err != nil {
		t.Fatal(err)
	}
	want := "## 一、2023年推进法治政府建设的主要举措和成效\n\n全年办理行政处罚案件37件，明细如下：\n\n" +
		"| 类别 | 件数 |\n| --- | --- |\n| 行政处罚 \\| 简易 | 37 |\n\n## 二、2024年工作安排\n\n持续加强法治宣传教育。\n"
	if _, body, _ := strings.Cut(string(c.File), "---\n\n"); body != want {
		t.Errorf("body:\n%s\nwant:\n%s", body, want)
	}
}

// TestWordHeadingStylesBecomeSections imports a Word report whose section
// headings carry no number, only Word's heading styles: they become its
// sections, of their kinds, as numbered ones would.
func TestWordHeadingStylesBecomeSections(t *testing.T) {
	heading := func(text, style string) extracttest.Para {
		p := extracttest.Text(text)
		p.Style = style
		return p
	}
	doc := extracttest.DOCX([]extracttest.Para{
		extracttest.Text("重庆市璧山区七塘镇人民政府"),
		extracttest.Text("关于2023年度法治政府建设情况的报告"),
		heading("2023年推进法治政府建设的主要举措和成效", "Heading1"),
		heading("加强组织领导", "Heading2"),
		extracttest.Text("全年办理行政处罚案件37件。"),
		heading("2024年工作安排", "Heading1"),
		extracttest.Text("持续加强法治宣传教育。"),
	}, "", "")
	c, err := Convert("sources/a.docx", doc, "content", region.Default())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range c.Meta.Sections {
		got = append(got, s.Title+" "+s.Kind)
	}
	if want := []string{"2023年推进法治政府建设的主要举措和成效 measures", "2024年工作安排 plans"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sections %q, want %q", got, want)
	}
	if !strings.Contains(string(c.File), "\n### 加强组织领导\n") {
		t.Errorf("no sub-heading:\n%s", c.File)
	}
}

package extract

import (
	"strings"
	"testing"

	"nianbao/internal/extract/extracttest"
)

// FuzzExtract feeds each format read in Go (Word, OFD, web pages) bytes
// that start as a real file of it: whatever they become, Extract returns
// text or an error, within its limits, and never panics.
func FuzzExtract(f *testing.F) {
	text := "七塘镇人民政府\n关于2023年度法治政府建设情况的报告\n一、主要举措\n全年办理案件37件。\n"
	f.Add(uint8(0), extracttest.DOCX([]extracttest.Para{extracttest.Text("七塘镇"), para("主要举措", "1", 0), {Cells: []string{"项目", "37"}}}, chineseList, "标题"))
	f.Add(uint8(1), extracttest.OFD(extracttest.Pages(text, 2)))
	f.Add(uint8(2), extracttest.PortalPage("标题", [][2]string{{"索引号", "1"}}, strings.Split(text, "\n")))
	f.Add(uint8(2), []byte("<html><body><table><tr><td><a href=x>链接</a></td></tr></table><p>正文"))
	f.Fuzz(func(t *testing.T, kind uint8, data []byte) {
		name := []string{"a.docx", "a.ofd", "a.html"}[int(kind)%3]
		r, err := Extract(name, data, Tools{})
		if err == nil && (r == nil || len(r.Text) == 0) {
			t.Fatalf("%s: no error and no text", name)
		}
		if err != nil && err.Error() == "" {
			t.Fatalf("%s: an empty message", name)
		}
	})
}

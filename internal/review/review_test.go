package review

import (
	"strings"
	"testing"

	"nianbao/internal/content"
)

// file makes a content file of a report of 后叶镇 for year, with extra
// front matter lines and a body.
func file(t *testing.T, path string, year, extra, body string) File {
	t.Helper()
	raw := "---\ntitle: 云阳县后叶镇人民政府关于" + year + "年法治政府建设情况的报告\ntown: 后叶镇\ncounty: 云阳县\ncode: \"500235145\"\nyear: " + year + "\n" + extra + "---\n\n" + body
	doc, err := content.Parse(path, []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	return File{Path: path, Raw: []byte(raw), Doc: doc}
}

const goodBody = "## 一、2024年主要举措\n\n### （一）加强领导\n\n正文。\n\n### （二）依法行政\n\n## 二、存在的不足\n\n## 三、2025年工作安排\n"

// TestFiles checks each finding with its exact message, and that a report
// that deserves no second look gets none.
func TestFiles(t *testing.T) {
	tests := []struct {
		name  string
		files []File
		want  []string
	}{
		{"a clean report", []File{file(t, "content/a.md", "2024", "date: \"2025-01-22\"\n", goodBody)}, nil},
		{"derived values", []File{file(t, "content/a.md", "2024", "issuer: 后叶镇人民政府\nderived:\n  - issuer\n  - year\n", goodBody)}, []string{
			"content/a.md:8: 发文机关（issuer）、报告年度（year）不是原件写明的，是导入时推断出来的：请对照原件核对；核对无误的，从 derived 下删去那一项",
		}},
		{"title and year disagree", []File{func() File {
			f := file(t, "content/a.md", "2024", "", goodBody)
			f.Doc.Meta.Year = 2023
			return f
		}()}, []string{
			"content/a.md:6: 标题写的是 2024 年，报告年度却是 2023：请对照原件核对其中之一",
			"content/a.md:19: 这一节标题写的是 2025 年，报告年度却是 2023：请对照原件核对",
		}},
		{"dates after today", []File{file(t, "content/a.md", "2024", "date: \"2026-12-07\"\npublished: \"2027-01-01\"\n", goodBody)}, []string{
			"content/a.md:7: 成文日期 2026-12-07 晚于今天（2026-12-06）：请对照原件核对",
			"content/a.md:8: 发布日期 2027-01-01 晚于今天（2026-12-06）：请对照原件核对",
		}},
		{"headings repeated, skipped, not from one", []File{file(t, "content/a.md", "2024", "",
			"## 一、2024年主要举措\n\n### （二）加强领导\n\n### （三）依法行政\n\n## 二、存在的不足\n\n## 二、存在的问题\n\n## 四、2025年工作安排\n")}, []string{
			"content/a.md:11: 这一级标题从序号 2 开始，没有 1：请对照原件核对是否漏了内容",
			"content/a.md:17: 标题序号重复：第 15 行已有“一、”序号 2：请对照原件核对",
			"content/a.md:19: 标题序号不连续：上一个同级标题（第 17 行）是 2，这里是 4：请对照原件核对是否漏了内容",
		}},
		{"a gap in a town's years", []File{
			file(t, "content/a.md", "2021", "", ""),
			file(t, "content/b.md", "2024", "", ""),
			file(t, "content/c.md", "2022", "", ""),
		}, []string{"content/b.md: 云阳县后叶镇有 2022 和 2024 年度的报告，缺 2023 年度：如已发布，请把原件放入 sources/ 后运行 go run ./cmd/build check"}},
	}
	for _, tt := range tests {
		var got []string
		for _, d := range Files(tt.files, "2026-12-06") {
			got = append(got, d.Error())
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s:\n got  %s\n want %s", tt.name, strings.Join(got, "\n      "), strings.Join(tt.want, "\n      "))
		}
	}
}

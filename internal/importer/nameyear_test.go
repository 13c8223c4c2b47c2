package importer

import (
	"slices"
	"testing"

	"nianbao/internal/region"
)

// noYearReport names no year anywhere: not in its title, its sections, its
// opening or a date.
const noYearReport = `重庆市璧山区七塘镇人民政府
关于法治政府建设情况的报告

区政府：
　　现将我镇法治政府建设情况报告如下：
　　一、推进法治政府建设的主要举措和成效
　　全面落实行政执法“三项制度”，办理行政处罚案件37件。
　　二、下一步工作安排
　　持续加强法治宣传教育。
`

// A report whose text names no year takes the year staff wrote in its file
// or folder name, marked derived and said in a warning; the text's own
// year always wins, and a name with two years gives none.
func TestYearFromFileName(t *testing.T) {
	tests := []struct {
		src, text string
		year      int
		warning   string // the year's warning, or the refusal
	}{
		{"sources/七塘镇2022年法治政府建设情况报告.txt", noYearReport, 2022,
			"sources/七塘镇2022年法治政府建设情况报告.txt: 正文没有写年度，报告年度 2022 取自文件名 sources/七塘镇2022年法治政府建设情况报告.txt：请对照原件核对年度"},
		{"sources/2021年度/七塘镇.txt", noYearReport, 2021,
			"sources/2021年度/七塘镇.txt: 正文没有写年度，报告年度 2021 取自文件名 sources/2021年度/七塘镇.txt：请对照原件核对年度"},
		{"sources/七塘镇2019年.txt", smallReport, 2023, ""},
		{"sources/2021年和2022年.txt", noYearReport, 0,
			"sources/2021年和2022年.txt: 找不到报告年度（标题、各部分标题和开头一段都没有年份，也没有日期），不能作为报告导入：请在标题或文件名中写上年份（如 …2024年…）"},
		{"sources/qitang-2022.txt", noYearReport, 0,
			"sources/qitang-2022.txt: 找不到报告年度（标题、各部分标题和开头一段都没有年份，也没有日期），不能作为报告导入：请在标题或文件名中写上年份（如 …2024年…）"},
	}
	for _, tt := range tests {
		c, err := Convert(tt.src, []byte(tt.text), "content", region.Default())
		if tt.year == 0 {
			if err == nil || err.Error() != tt.warning {
				t.Errorf("%s: error = %v, want %q", tt.src, err, tt.warning)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if c.Meta.Year != tt.year {
			t.Errorf("%s: year = %d, want %d", tt.src, c.Meta.Year, tt.year)
		}
		if derived := c.Meta.IsDerived("year"); derived != (tt.warning != "") {
			t.Errorf("%s: year derived = %v, want %v", tt.src, derived, tt.warning != "")
		}
		var got []string
		for _, w := range c.Warnings {
			got = append(got, w.Error())
		}
		if tt.warning != "" && !slices.Contains(got, tt.warning) {
			t.Errorf("%s: warnings %q lack %q", tt.src, got, tt.warning)
		}
	}
}

package report

import "testing"

func TestDatesInEveryForm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2022年1月10日", "2022-01-10"},
		{"2022 年 1 月 10 日", "2022-01-10"},
		{"二〇二二年一月十日", "2022-01-10"},
		{"二○二一年十二月三十一日", "2021-12-31"},
		{"二〇二三年二月二十八日", "2023-02-28"},
		{"2022-01-10", "2022-01-10"},
		{"2022/1/9", "2022-01-09"},
		{"2022.01.10", "2022-01-10"},
		{"云阳县后叶镇基层治理综合指挥室          2025年1月22日印发", "2025-01-22"},
		{"2023年2月29日", ""}, // no such day
		{"2022年13月1日", ""},
	}
	for _, tt := range tests {
		got, _, _, _ := findDate(tt.in)
		if got != tt.want {
			t.Errorf("findDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// A range of years ("2021—2025年") names no report year.
func TestReportYearSkipsRanges(t *testing.T) {
	for in, want := range map[string]int{
		"《法治政府建设实施纲要（2021—2025年）》":  0,
		"《纲要（2021-2025年）》，2022年，我镇": 2022,
		"关于2024年法治政府建设情况的报告":        2024,
		"关于二〇二一年度法治政府建设情况的报告":       2021,
	} {
		if got, _ := yearIn(in); got != want {
			t.Errorf("yearIn(%q) = %d, want %d", in, got, want)
		}
	}
}

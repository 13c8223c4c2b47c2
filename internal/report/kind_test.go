package report

import "testing"

func TestSectionKindFromHeadingWords(t *testing.T) {
	tests := []struct {
		heading string
		year    int
		want    string
	}{
		{"一、2021年推进法治政府建设的主要举措和成效", 2021, KindMeasures},
		{"一、2025年法治政府建设主要工作及成效", 2025, KindMeasures},
		{"一、2020年法治政府建设工作情况", 2020, KindMeasures},
		{"二、2021年主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况", 2021, KindLeadership},
		{"三、2021年推进法治政府建设存在的不足和原因", 2021, KindShortcomings},
		{"二、存在的问题和不足", 2020, KindShortcomings},
		{"四、2022年推进法治政府建设的工作举措", 2021, KindPlans},
		{"三、2021年工作计划", 2020, KindPlans},
		{"四、2025年推进法治政府建设的工作思路目标举措", 2024, KindPlans},
		{"四、下一年度工作安排", 2022, KindPlans},
		{"五、其他需要报告的情况", 2023, KindOther},
	}
	for _, tt := range tests {
		if got := SectionKind(tt.heading, tt.year); got != tt.want {
			t.Errorf("SectionKind(%q) = %s, want %s", tt.heading, got, tt.want)
		}
	}
}

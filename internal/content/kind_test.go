package content

import "testing"

// Headings from the real reports in sources/ and from DOMAIN.md.
func TestKindOf(t *testing.T) {
	for _, c := range []struct{ heading, kind string }{
		{"一、2021 年推进法治政府建设的主要举措和成效", KindMeasures},
		{"一、2025年法治政府建设主要工作及成效", KindMeasures},
		{"一、2020年法治政府建设工作情况", KindMeasures},
		{"二、2021年主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况", KindLeadership},
		{"二、党政主要负责人履行推进法治建设第一责任人职责情况", KindLeadership},
		{"三、2021年推进法治政府建设存在的不足和原因", KindShortcomings},
		{"三、2021年度推进法治政府建设存在的主要问题", KindShortcomings},
		{"二、存在的问题和不足", KindShortcomings},
		{"三、存在不足和原因", KindShortcomings},
		{"三、存在的问题及下一步打算", KindShortcomings},
		{"四、2022年度推进法治政府建设的主要安排", KindPlans},
		{"三、2021年工作计划", KindPlans},
		{"四、2025年推进法治政府建设的工作思路目标举措", KindPlans},
		{"四、2023年工作思路、目标举措", KindPlans},
		{"四、下一年度主要工作安排", KindPlans},
		{"五、其他需要报告的事项", KindOther},
	} {
		if got := KindOf(c.heading); got != c.kind {
			t.Errorf("KindOf(%q) = %s, want %s", c.heading, got, c.kind)
		}
	}
}

func TestKindOfIn(t *testing.T) {
	for _, c := range []struct {
		heading string
		year    int
		kind    string
	}{
		// A later year makes a "measures" heading the plan.
		{"四、2022年推进法治政府建设的工作举措", 2021, KindPlans},
		{"四、2022 年推进法治政府建设的工作举措", 2021, KindPlans},
		{"一、2021年推进法治政府建设的主要举措和成效", 2021, KindMeasures},
		// Without the report year, or naming an earlier one, the words decide.
		{"四、2022年推进法治政府建设的工作举措", 0, KindMeasures},
		{"一、贯彻《法治政府建设实施纲要（2015—2020年）》的举措", 2021, KindMeasures},
		// Shortcomings stay shortcomings whatever year they name.
		{"三、2022年需要解决的问题", 2021, KindShortcomings},
		// A five-digit number is not a year.
		{"一、投入12022年资金的举措", 2021, KindMeasures},
	} {
		if got := KindOfIn(c.heading, c.year); got != c.kind {
			t.Errorf("KindOfIn(%q, %d) = %s, want %s", c.heading, c.year, got, c.kind)
		}
	}
}

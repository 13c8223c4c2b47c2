package report

import (
	"fmt"
	"strings"
	"testing"
)

// brokenReport is a report whose measures section is n lines, each broken
// mid-sentence when end is "" (so all of them join into one paragraph), or
// each a sentence of its own when end is "。".
func brokenReport(n int, end string) []byte {
	var b strings.Builder
	b.WriteString("重庆市璧山区七塘镇人民政府\n关于2023年度法治政府建设情况的报告\n\n区政府：\n")
	b.WriteString("一、2023年推进法治政府建设的主要举措和成效\n")
	for i := range n {
		// Text of a line as PDF extraction leaves it, cut at the page's
		// width; the number keeps lines apart and is never a line alone.
		fmt.Fprintf(&b, "全面落实行政执法三项制度，第%d次集中开展执法案卷评查和普法宣传活动%s\n", i, end)
	}
	b.WriteString("全年办理行政处罚案件37件。\n二、2024年工作安排\n持续加强法治宣传教育。\n\n重庆市璧山区七塘镇人民政府\n2024年1月15日\n")
	return []byte(b.String())
}

// BenchmarkBrokenLines parses reports whose lines were all broken
// mid-sentence, against the same lines each ending a sentence: joining the
// lines must cost time in proportion to their number, so the two stay
// close and doubling the lines doubles the time.
func BenchmarkBrokenLines(b *testing.B) {
	for _, n := range []int{5000, 10000, 20000, 40000} {
		for _, c := range []struct{ name, end string }{{"broken", ""}, {"ended", "。"}} {
			data := brokenReport(n, c.end)
			b.Run(fmt.Sprintf("%s/lines=%d", c.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				for b.Loop() {
					if _, err := Parse(data); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

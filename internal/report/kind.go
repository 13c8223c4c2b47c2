package report

import "strings"

// Section kinds: the statutory parts of a report (督察工作规定 Art. 25).
const (
	KindMeasures     = "measures"     // 主要举措和成效
	KindLeadership   = "leadership"   // 党政主要负责人履行第一责任人职责
	KindShortcomings = "shortcomings" // 存在的不足和原因
	KindPlans        = "plans"        // 下一年度主要安排
	KindOther        = "other"
)

var (
	leadershipWords  = []string{"第一责任人", "主要负责人", "履行推进法治建设", "述法", "党政主要领导"}
	shortcomingWords = []string{"不足", "问题", "差距", "短板", "薄弱"}
	planWords        = []string{"安排", "计划", "思路", "打算", "下一步", "下步", "明年", "展望", "目标", "努力方向", "下一年"}
	measureWords     = []string{"举措", "成效", "主要工作", "工作情况", "做法", "成绩", "开展情况", "建设情况", "推进情况", "主要措施", "取得"}
)

// SectionKind decides the kind of a top-level section from its heading's
// words, never from its exact wording: every town words them differently.
// year is the report year; a heading about a later year is the plan.
func SectionKind(heading string, year int) string {
	h := heading
	if m, ok := parseMarker(h); ok {
		h = h[m.end:]
	}
	if containsAny(h, leadershipWords) >= 0 {
		return KindLeadership
	}
	s, pl := containsAny(h, shortcomingWords), containsAny(h, planWords)
	switch {
	case s >= 0 && (pl < 0 || s < pl):
		return KindShortcomings
	case pl >= 0:
		return KindPlans
	}
	if y, ok := findYear(h); ok && year > 0 && y > year {
		return KindPlans
	}
	if containsAny(h, measureWords) >= 0 {
		return KindMeasures
	}
	return KindOther
}

// containsAny returns the earliest byte offset in s of any of words, or -1.
func containsAny(s string, words []string) int {
	best := -1
	for _, w := range words {
		if i := strings.Index(s, w); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

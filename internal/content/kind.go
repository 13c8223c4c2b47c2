package content

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// kindRules lists the keywords of each section kind in the order they are
// tried. The order matters because towns mix words: "存在的问题及下一步打算" is
// about shortcomings first, "党政主要负责人履行……职责" must not fall to measures
// through "主要", and "下一年度主要工作安排" is a plan despite "主要工作".
var kindRules = []struct {
	kind  string
	words []string
}{
	{KindLeadership, []string{"第一责任人", "主要负责人", "履行"}},
	{KindShortcomings, []string{"不足", "问题", "差距"}},
	{KindPlans, []string{"安排", "计划", "思路", "打算", "目标", "下一步", "下一年", "明年"}},
	{KindMeasures, []string{"举措", "成效", "主要工作", "工作情况", "主要做法", "工作开展"}},
}

// KindOf classifies a top-level heading into a section kind by keyword (see
// DOMAIN.md): towns word their headings differently, so matching is never by
// exact string.
func KindOf(heading string) string {
	for _, r := range kindRules {
		for _, w := range r.words {
			if strings.Contains(heading, w) {
				return r.kind
			}
		}
	}
	return KindOther
}

// KindOfIn classifies a heading of a report about year: a heading naming a
// later year ("四、2022年推进法治政府建设的工作举措" in a report on 2021) is the
// plan for that year whatever its other words say.
func KindOfIn(heading string, year int) string {
	k := KindOf(heading)
	if year > 0 && k != KindShortcomings && k != KindLeadership && namesLaterYear(heading, year) {
		return KindPlans
	}
	return k
}

// namesLaterYear reports whether s contains a year greater than year written
// as four digits followed (possibly after a space) by 年.
func namesLaterYear(s string, year int) bool {
	for i := 0; i+4 <= len(s); i++ {
		if !isDigits(s[i:i+4]) || (i > 0 && isDigit(s[i-1])) {
			continue
		}
		rest := strings.TrimLeft(s[i+4:], " \u3000")
		if r, _ := utf8.DecodeRuneInString(rest); r != '年' {
			continue
		}
		if y, err := strconv.Atoi(s[i : i+4]); err == nil && y > year {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

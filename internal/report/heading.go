package report

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The heading ladder of a 公文 is 一、 → （一） → 1. → （1）, but real reports
// break it: ASCII "(一)", "1、" for "1.", and "（1）" and "（四）" used as
// siblings. So a heading's level comes from where it sits among the markers
// seen before it (its nesting), not from its glyph alone.

// markerStyle is the shape of a numbering marker.
type markerStyle uint8

const (
	styleHan      markerStyle = iota + 1 // 一、
	styleParenHan                        // （一） (一)
	styleParenNum                        // （1） (1)
	styleNum                             // 1. 1、 1．
)

// family groups styles that real reports mix at one level: （一） and （1）.
func (s markerStyle) family() markerStyle {
	if s == styleParenNum {
		return styleParenHan
	}
	return s
}

// marker is a numbering marker at the start of a line.
type marker struct {
	style markerStyle
	ord   int
	end   int // byte offset just past the marker
}

var (
	reMarkHan      = regexp.MustCompile(`^([一二三四五六七八九十]{1,3})\s*[、．.]`)
	reMarkParenHan = regexp.MustCompile(`^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]`)
	reMarkParenNum = regexp.MustCompile(`^[（(]\s*(\d{1,2})\s*[）)]`)
	reMarkNum      = regexp.MustCompile(`^(\d{1,2})\s*([、．.])`)
	// reMarkHanBare is 一 without its 、, as portals lose it: a marker only
	// before the name of a section (bareSection).
	reMarkHanBare = regexp.MustCompile(`^([一二三四五六七八九十]{1,2})`)
)

// sectionStarts are the words the sections of these reports begin with:
// after a numeral that lost its 、 (一主要举措和成效), they make it a marker,
// where 一是, 一年来 or 一体化 are text.
var sectionStarts = []string{
	"主要举措", "主要做法", "推进法治政府建设", "法治政府建设", "党政主要负责人", "主要负责人", "履行", "存在的",
	"存在不足", "存在问题", "下一步", "下一年度", "下步", "今后", "工作安排", "工作打算", "工作计划",
}

// bareSection reports whether s, the rest of a line after a numeral with
// no 、, is the name of a section: it starts with a section's words (or a
// year, 2023年…), and is short, with no full stop.
func bareSection(s string) bool {
	if runesOver(s, 50) || strings.ContainsAny(s, "。；") {
		return false
	}
	if len(s) >= 7 && s[0] == '2' && s[1] == '0' && s[2] >= '0' && s[2] <= '9' && s[3] >= '0' && s[3] <= '9' && strings.HasPrefix(s[4:], "年") {
		return true
	}
	for _, w := range sectionStarts {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// maxMarker is the longest a numbering marker can be, in bytes, spaces
// included: "（ 十二 ）".
const maxMarker = 32

// parseMarker reads the numbering marker at the start of s.
func parseMarker(s string) (marker, bool) {
	// Every marker starts with a digit, a bracket or a Chinese numeral;
	// most lines start with none of these, and need no regexp.
	if r, _ := utf8.DecodeRuneInString(s); !(r >= '0' && r <= '9' || r == '（' || r == '(' || hanNumber(string(r)) > 0) {
		return marker{}, false
	}
	// A marker is short: matching a prefix keeps the cost of each regexp
	// independent of the length of the line.
	full := s
	if len(s) > maxMarker {
		s = s[:maxMarker]
	}
	if m := reMarkHan.FindStringSubmatchIndex(s); m != nil {
		if n := hanNumber(s[m[2]:m[3]]); n > 0 {
			return marker{styleHan, n, m[1]}, true
		}
	}
	if m := reMarkHanBare.FindStringSubmatchIndex(s); m != nil && bareSection(full[m[1]:]) {
		if n := hanNumber(s[m[2]:m[3]]); n > 0 {
			return marker{styleHan, n, m[1]}, true
		}
	}
	if m := reMarkParenHan.FindStringSubmatchIndex(s); m != nil {
		if n := hanNumber(s[m[2]:m[3]]); n > 0 {
			return marker{styleParenHan, n, m[1]}, true
		}
	}
	if m := reMarkParenNum.FindStringSubmatchIndex(s); m != nil {
		n, _ := strconv.Atoi(s[m[2]:m[3]])
		if n > 0 {
			return marker{styleParenNum, n, m[1]}, true
		}
	}
	if m := reMarkNum.FindStringSubmatchIndex(s); m != nil {
		n, _ := strconv.Atoi(s[m[2]:m[3]])
		// "1.2万" is a number, not a marker.
		decimal := s[m[4]:m[5]] == "." && m[1] < len(full) && full[m[1]] >= '0' && full[m[1]] <= '9'
		if n > 0 && !decimal {
			return marker{styleNum, n, m[1]}, true
		}
	}
	return marker{}, false
}

// nesting tracks the markers open at each level while the body is read.
type nesting struct {
	hasHan bool // the report uses 一、 for its sections
	open   []openLevel
}

type openLevel struct {
	style markerStyle
	last  int
}

// level places a marker and returns its 1-based heading level, with a
// warning when its number does not follow the one before it.
func (n *nesting) level(m marker) (int, string) {
	if m.style == styleHan && n.hasHan {
		n.open = append(n.open[:0], openLevel{m.style, m.ord})
		return 1, ""
	}
	// A sibling continues a level: same style, or same family, with the next
	// number. Search from the deepest level outwards.
	for pass := 0; pass < 3; pass++ {
		for i := len(n.open) - 1; i >= 0; i-- {
			o := n.open[i]
			ok := false
			switch pass {
			case 0:
				ok = o.style == m.style && m.ord == o.last+1
			case 1:
				ok = o.style.family() == m.style.family() && m.ord == o.last+1
			case 2:
				ok = o.style == m.style && m.ord != 1
			}
			if ok {
				n.open = append(n.open[:i], openLevel{m.style, m.ord})
				warn := ""
				if pass == 2 {
					warn = "标题序号不连续（上一个同级标题是 " + strconv.Itoa(o.last) + "，这里是 " + strconv.Itoa(m.ord) + "）：请对照原件核对是否漏了内容"
				}
				return i + 1, warn
			}
		}
	}
	// A new, deeper level.
	n.open = append(n.open, openLevel{m.style, m.ord})
	warn := ""
	if m.ord != 1 {
		warn = "这一级标题从序号 " + strconv.Itoa(m.ord) + " 开始，前面没有 1：请对照原件核对是否漏了内容"
	}
	return len(n.open), warn
}

// maxHeadingRunes is the longest first sentence that still reads as a
// heading at levels 2 and 3; a longer numbered sentence is an item of text.
var maxHeadingRunes = [...]int{0, 120, 60, 40, 40, 40, 40}

// splitRunIn splits a numbered line into its heading and the text that runs
// on after it on the same line: "（一）坚持多措并举，不断推进法治政府建设。一是……"
// gives "（一）坚持多措并举，不断推进法治政府建设。" and "一是……". The heading
// keeps its closing 。 so that no character of the report is lost.
func splitRunIn(s string, m marker, level int) (head, rest string, isHeading bool) {
	body := s[m.end:]
	cut := len(s)
	if i := sentenceEnd(body); i >= 0 {
		cut = m.end + i
	}
	if level == 1 {
		cut = m.end + sectionNameEnd(body[:cut-m.end])
	}
	head, rest = strings.TrimFunc(s[:cut], isIndent), strings.TrimFunc(s[cut:], isIndent)
	limit := maxHeadingRunes[min(level, len(maxHeadingRunes)-1)]
	if level > 1 && runesOver(head[m.end:], limit) {
		return "", s, false
	}
	return head, rest, true
}

// sectionNames end the names of the sections of these reports.
var sectionNames = []string{
	"主要举措和成效", "主要做法和成效", "主要工作和成效", "存在的不足和原因", "存在的问题和不足", "存在的问题和原因",
	"存在的不足", "存在的问题", "第一责任人职责情况", "第一责任人职责", "工作安排", "工作打算", "工作计划", "工作思路",
}

// sectionNameEnd returns where a top-level heading that runs into its
// first sentence with nothing between them ("主要举措和成效全年办理案件5件，…。")
// ends: just after the section's name, when what follows is a sentence
// (startsSentence); else len(s).
func sectionNameEnd(s string) int {
	start, end := -1, -1 // the earliest name, the longest there
	for _, n := range sectionNames {
		i := strings.Index(s, n)
		if i < 0 {
			continue
		}
		e := i + len(n)
		if !startsSentence(s[e:]) {
			continue
		}
		if start < 0 || i < start || i == start && e > end {
			start, end = i, e
		}
	}
	if start < 0 {
		return len(s)
	}
	return end
}

// startsSentence reports whether s, what follows a section's name on its
// line, is a sentence of its own: six characters or more, not starting with
// punctuation (a heading's name goes on: "…职责，加强…的有关情况"), and ending
// with a full stop.
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return runesOver(s, 5) && !unicode.IsPunct(r) && endsWithStop(s)
}

// endsWithStop reports whether s ends with a full stop or a semicolon.
func endsWithStop(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '。' || r == '；' || r == '！' || r == '？'
}

// sentenceEnd returns the byte offset just past the first sentence-ending
// mark of s that is not inside quotes or brackets, or -1.
func sentenceEnd(s string) int {
	depth := 0
	for i, r := range s {
		switch r {
		case '“', '《', '（', '(', '「', '『', '【', '‘':
			depth++
		case '”', '》', '）', ')', '」', '』', '】', '’':
			if depth > 0 {
				depth--
			}
		case '。', '！', '？':
			if depth == 0 {
				end := i + utf8.RuneLen(r)
				// A bold marker right after the full stop stays with the
				// sentence when it closes a bold opened inside it; when it
				// opens the next sentence's bold, it goes with that.
				if strings.HasPrefix(s[end:], "**") && strings.Count(s[:i], "**")%2 == 1 {
					end += 2
				}
				return end
			}
		}
	}
	return -1
}

// HeadingNumber reads the numbering marker a heading starts with (一、,
// （一）, （1）, 1.) and returns its number and its style, written as the
// marker of number one ("一、", "（一）", "（1）", "1."); ok is false for a
// heading without one.
func HeadingNumber(s string) (n int, style string, ok bool) {
	m, ok := parseMarker(s)
	if !ok {
		return 0, "", false
	}
	return m.ord, [...]string{styleHan: "一、", styleParenHan: "（一）", styleParenNum: "（1）", styleNum: "1."}[m.style], true
}

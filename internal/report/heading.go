package report

import (
	"regexp"
	"strconv"
	"strings"
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
)

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
					warn = "heading number " + strconv.Itoa(m.ord) + " does not follow " + strconv.Itoa(o.last)
				}
				return i + 1, warn
			}
		}
	}
	// A new, deeper level.
	n.open = append(n.open, openLevel{m.style, m.ord})
	warn := ""
	if m.ord != 1 {
		warn = "heading number " + strconv.Itoa(m.ord) + " opens a level without a 1 before it"
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
	head, rest = strings.TrimFunc(s[:cut], isIndent), strings.TrimFunc(s[cut:], isIndent)
	limit := maxHeadingRunes[min(level, len(maxHeadingRunes)-1)]
	if level > 1 && runesOver(head[m.end:], limit) {
		return "", s, false
	}
	return head, rest, true
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

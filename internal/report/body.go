package report

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// maxLevel is the deepest heading level written as a heading; deeper
// numbered items stay text (Markdown has six levels and ## is level 1).
const maxLevel = 5

// item is a body line once its numbering marker, if any, has been placed.
type item struct {
	l       line
	marked  bool // starts with a numbering marker that counts
	level   int
	head    string // the heading, when the line can be one
	rest    string // text running on after the heading
	heading bool
}

// body reads the lines between the title block and the signature, plus any
// unrecognised text found before the title and the trailing lines kept
// below the signature.
func (p *parser) body(start, end int) {
	var ls []line
	ls = append(ls, p.pre...)
	ls = append(ls, p.ls[start:end]...)
	ls = append(ls, p.after...)
	p.separate = map[lineKey]bool{}
	for _, l := range p.pre {
		p.separate[l.key()] = true
	}
	for _, l := range p.after {
		p.separate[l.key()] = true
	}
	if start < end {
		p.separate[p.ls[start].key()] = true
	}

	items := p.place(ls)
	sameListSameForm(items)

	d := p.doc
	// joined holds the paragraph that lines are being joined to, so that a
	// join appends the line instead of copying the whole paragraph: a report
	// whose every line was broken mid-sentence is one long paragraph, and
	// copying it at each join took time in the square of its lines. Its
	// String shares the bytes written, which it never changes.
	var joined strings.Builder
	joinedTo := -1 // the index of the block joined holds
	p.lastIndent = 0
	for k := 0; k < len(items); k++ {
		it := items[k]
		l := it.l
		p.mark(l, RoleBody, "")
		if rows := tableRun(items[k:]); len(rows) > 0 {
			for _, r := range items[k+1 : k+len(rows)] {
				p.mark(r.l, RoleBody, "")
			}
			d.Blocks = append(d.Blocks, Block{Kind: Table, Rows: rows, Line: l.no})
			k += len(rows) - 1
			continue
		}
		switch {
		case it.heading:
			d.Blocks = append(d.Blocks, Block{Kind: Heading, Level: it.level, Text: it.head, Line: l.no})
			if it.rest != "" {
				d.Blocks = append(d.Blocks, Block{Kind: Paragraph, Text: it.rest, Line: l.no})
			}
			p.lastIndent = l.indent
		case !it.marked && p.continues(l):
			i := len(d.Blocks) - 1
			prev := &d.Blocks[i]
			d.Repairs = append(d.Repairs, Repair{Line: l.no, Kind: RepairJoin, Text: tailOf(prev.Text, 8)})
			if joinedTo != i {
				joined.Reset() // the block it held keeps its text
				joined.WriteString(prev.Text)
				joinedTo = i
			}
			joined.WriteString(joinSep(prev.Text, l.text))
			joined.WriteString(l.text)
			prev.Text = joined.String()
			p.lastIndent = l.indent
		default:
			d.Blocks = append(d.Blocks, Block{Kind: Paragraph, Text: l.text, Line: l.no})
			p.lastIndent = l.indent
		}
	}
}

// tableRun reads the table that starts items: two or more lines, none a
// heading, whose cells a tab sets apart; nil when items do not start one.
// A lone line with a tab stays a paragraph: one row is no table.
func tableRun(items []item) [][]string {
	var rows [][]string
	for _, it := range items {
		if it.heading || !strings.Contains(it.l.text, "\t") {
			break
		}
		cells := strings.Split(it.l.text, "\t")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		rows = append(rows, cells)
	}
	if len(rows) < 2 {
		return nil
	}
	return rows
}

// place gives each numbered line its level from the markers before it, and
// splits a run-in heading from the text that follows it on its line.
func (p *parser) place(ls []line) []item {
	nest := nesting{}
	for _, l := range ls {
		if m, ok := parseMarker(l.text); ok && m.style == styleHan {
			nest.hasHan = true
			break
		}
	}
	seenTop := false
	items := make([]item, len(ls))
	for i, l := range ls {
		items[i].l = l
		m, ok := parseMarker(l.text)
		if lv := p.hints.Headings[l.no]; !ok && lv > 0 && lv <= maxLevel {
			// A heading by style: it has no marker to place it.
			it := &items[i]
			it.level, it.head, it.heading = lv, strings.TrimSpace(l.text), true
			seenTop = seenTop || lv == 1
			continue
		}
		// Before the first 一、 of a report that has them, a numbered line is
		// part of the opening, not a section.
		if !ok || nest.hasHan && !seenTop && m.style != styleHan {
			continue
		}
		level, warn := nest.level(m)
		if warn != "" {
			p.warn(l.no, "%s", warn)
		}
		seenTop = seenTop || level == 1
		it := &items[i]
		it.marked, it.level = true, level
		if level <= maxLevel {
			it.head, it.rest, it.heading = splitRunIn(l.text, m, level)
		}
	}
	return items
}

// sameListSameForm makes every item of a list below level 2 a heading or
// none: when one "1." item of a list is a long sentence of text rather than
// a title, its siblings are items of text too, and a lone "#### 2." with no
// "#### 1." before it would misrepresent the list.
func sameListSameForm(items []item) {
	var lists [maxLevel + 1][]int // open lists by level: indices of their items
	flush := func(from int) {
		for lv := from; lv <= maxLevel; lv++ {
			whole := true
			for _, i := range lists[lv] {
				whole = whole && items[i].heading
			}
			for _, i := range lists[lv] {
				items[i].heading = items[i].heading && whole
			}
			lists[lv] = lists[lv][:0]
		}
	}
	for i, it := range items {
		if !it.marked {
			continue
		}
		// An item ends the lists deeper than itself, which were its
		// previous sibling's children.
		flush(max(it.level+1, 3))
		if it.level >= 3 && it.level <= maxLevel {
			lists[it.level] = append(lists[it.level], i)
		}
	}
	flush(3)
}

// continues reports whether a line carries on the paragraph before it, the
// rest of a sentence that a page or line break cut. A line indented further
// than the last line of that paragraph starts a paragraph of its own
// (首行缩进), whatever the line before ends with: a portal's metadata line
// ("信息索引号 : /2026-12630492") is not the start of the report's first
// sentence. Lines indented alike, as every line of some copies is, say
// nothing either way.
func (p *parser) continues(l line) bool {
	d := p.doc
	n := len(d.Blocks)
	return n > 0 && d.Blocks[n-1].Kind == Paragraph && !endsSentence(d.Blocks[n-1].Text) && !p.separate[l.key()] &&
		l.indent <= p.lastIndent && !loneValue(d.Blocks[n-1].Text) && !loneValue(l.text)
}

// loneValue reports whether a line is a value standing alone, as a portal's
// unlabelled metadata table leaves its cells one to a line under the title
// ("无", "主动公开", "2025.12.17"), or a cover's month ("2024年11月"): no
// part of a sentence a break cut, so it is joined to nothing.
func loneValue(s string) bool {
	if len(s) > maxLoneValue {
		return false // a paragraph, which may be thousands of joined lines
	}
	switch s {
	case "无", "主动公开", "依申请公开", "不予公开", "不公开", "有效", "现行有效":
		return true
	}
	return isDateLine(s) || reMonthOnly.MatchString(s)
}

// maxLoneValue is the longest lone value in bytes ("2025 年 12 月 17 日").
const maxLoneValue = 40

// reMonthOnly is a year and month alone on a line.
var reMonthOnly = regexp.MustCompile(`^\d{4}\s*年\s*\d{1,2}\s*月$`)

// endsSentence reports whether a line ends a paragraph: its last character,
// looking through closing quotes, brackets and bold markers, ends a sentence
// or a clause that introduces what follows (：).
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "”’」』）)】》*\"' ")
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '。', '！', '？', '；', '：', '…', '!', '?', ';', ':':
		return true
	}
	return false
}

// joinSep is what goes between the two halves of a broken line: nothing in
// Chinese text or inside a number, a space between two Latin words.
func joinSep(a, b string) string {
	x, _ := utf8.DecodeLastRuneInString(a)
	y, _ := utf8.DecodeRuneInString(b)
	if isLatin(x) && isLatin(y) {
		return " "
	}
	return ""
}

func isLatin(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
}

// tailOf returns the last n characters of s, or s when it is shorter. It
// steps back from the end rather than converting s to runes: s may be a
// paragraph of thousands of joined lines, and this runs at every join.
func tailOf(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

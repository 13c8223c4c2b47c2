package report

import (
	"strings"
	"unicode/utf8"
)

// maxLevel is the deepest heading level written as a heading; deeper
// numbered items stay text (Markdown has six levels and ## is level 1).
const maxLevel = 5

// body reads the lines between the title block and the signature, plus any
// unrecognised text found before the title and the notes below the date.
func (p *parser) body(start, end int) {
	var ls []line
	ls = append(ls, p.pre...)
	ls = append(ls, p.ls[start:end]...)
	ls = append(ls, p.notes...)

	nest := nesting{}
	for _, l := range ls {
		if m, ok := parseMarker(l.text); ok && m.style == styleHan {
			nest.hasHan = true
			break
		}
	}
	d := p.doc
	seenTop := false
	for _, l := range ls {
		p.mark(l, RoleBody, "")
		if m, ok := parseMarker(l.text); ok && (!nest.hasHan || seenTop || m.style == styleHan) {
			level, warn := nest.level(m)
			if warn != "" {
				p.warn(l.no, "%s", warn)
			}
			seenTop = seenTop || level == 1
			if level <= maxLevel {
				if head, rest, ok := splitRunIn(l.text, m, level); ok {
					d.Blocks = append(d.Blocks, Block{Kind: Heading, Level: level, Text: head, Line: l.no})
					if rest != "" {
						d.Blocks = append(d.Blocks, Block{Kind: Paragraph, Text: rest, Line: l.no})
					}
					continue
				}
			}
			d.Blocks = append(d.Blocks, Block{Kind: Paragraph, Text: l.text, Line: l.no})
			continue
		}
		if n := len(d.Blocks); n > 0 && d.Blocks[n-1].Kind == Paragraph && !endsSentence(d.Blocks[n-1].Text) {
			prev := &d.Blocks[n-1]
			d.Repairs = append(d.Repairs, Repair{Line: l.no, Kind: RepairJoin, Text: tailOf(prev.Text, 8)})
			prev.Text += joinSep(prev.Text, l.text) + l.text
			continue
		}
		d.Blocks = append(d.Blocks, Block{Kind: Paragraph, Text: l.text, Line: l.no})
	}
}

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

func tailOf(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[len(r)-n:])
}

package report

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Text copied from some portal pages arrives as a single line: the title,
// the recipient, every section and the signature run together. Such a line
// is cut back into lines before the numbered markers, after the title and
// the recipient, and before the closing signature. Only line breaks are
// inserted; no character changes.

// minRunTogether is the length from which a line is considered to hold a
// whole report rather than one paragraph.
const minRunTogether = 600

var (
	reSplitHan      = regexp.MustCompile(`([一二三四五六七八九十]{1,3})[、．]`)
	reSplitParenHan = regexp.MustCompile(`[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]`)
	reSplitTitle    = regexp.MustCompile(`^(.{4,100}?报\s*告)\s+`)
	reSplitRecip    = regexp.MustCompile(`^([^，。：:\s]{2,40}[：:])\s*`)
	// The signature at the very end: an issuer, which holds no punctuation
	// (so the match cannot reach back into the last sentence), and a date.
	reSplitSign = regexp.MustCompile(`([^\s。；;，,：:！？!?”）)]{2,40}?(?:人民政府|委员会|办事处))\s*((?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|\d{4}-\d{2}-\d{2}))\s*$`)
	// A space between two Chinese characters inside a run-together line is
	// where a line break was: after a section heading, before its text.
	reSplitSpace = regexp.MustCompile(`[\p{Han}）)”][ \x{3000}]+\p{Han}`)
)

// splitRunTogether cuts lines that hold a whole report.
func splitRunTogether(ls []line, doc *Document) []line {
	out := make([]line, 0, len(ls))
	for _, l := range ls {
		if !runesOver(l.text, minRunTogether-1) || !manySections(l.text) {
			out = append(out, l)
			continue
		}
		pieces := cutRunTogether(l.text)
		for i, piece := range pieces {
			if i > 0 {
				doc.Repairs = append(doc.Repairs, Repair{Line: l.no, Kind: RepairSplit, Text: clip(piece, 12)})
			}
			out = append(out, line{no: l.no, part: i + 1, text: piece})
		}
	}
	return out
}

// manySections reports whether s holds at least two sections 一、 and 二、.
func manySections(s string) bool {
	return strings.Contains(s, "一、") && strings.Contains(s, "二、")
}

// cutRunTogether returns the pieces of a run-together report.
func cutRunTogether(s string) []string {
	var cuts []int
	// The title and the recipient at the start.
	if m := reSplitTitle.FindStringSubmatchIndex(s); m != nil {
		cuts = append(cuts, m[3])
		rest := strings.TrimLeft(s[m[3]:], " \u3000")
		off := len(s) - len(rest)
		if r := reSplitRecip.FindStringSubmatchIndex(rest); r != nil {
			cuts = append(cuts, off+r[3])
		}
	}
	// Sections 一、二、… that follow a sentence end, in sequence, and the end
	// of each section heading: a space, or a （一） that follows at once.
	sections := markerCuts(s, reSplitHan, true, nil)
	cuts = append(cuts, sections...)
	headEnds := map[int]bool{}
	for i, c := range sections {
		next := len(s)
		if i+1 < len(sections) {
			next = sections[i+1]
		}
		if e := headingEnd(s[c:next]); e > 0 {
			headEnds[c+e] = true
			if isSpaceAt(s, c+e) {
				cuts = append(cuts, c+e)
			}
		}
	}
	// Sub-sections （一）（二）…, each after a sentence end or right after its
	// section's heading.
	cuts = append(cuts, markerCuts(s, reSplitParenHan, false, headEnds)...)
	// The signature at the end.
	if m := reSplitSign.FindStringSubmatchIndex(s); m != nil && m[2] > 0 {
		cuts = append(cuts, m[2], m[4])
	}
	return cutAt(s, cuts)
}

// headingEnd returns where the heading at the start of a section ends when
// the text runs on without a sentence end: at a space between Chinese
// characters or at a （一） that follows directly. It returns 0 when the
// heading ends with a full stop (a run-in heading, which the body splits).
func headingEnd(sec string) int {
	stop := len(sec)
	if i := strings.IndexAny(sec, "。！？；："); i >= 0 {
		stop = i
	}
	end := 0
	if m := reSplitSpace.FindStringIndex(sec[:stop]); m != nil {
		_, size := utf8.DecodeRuneInString(sec[m[0]:])
		end = m[0] + size
	}
	if m := reSplitParenHan.FindStringSubmatchIndex(sec[:stop]); m != nil && hanNumber(sec[m[2]:m[3]]) == 1 && (end == 0 || m[0] < end) {
		end = m[0]
	}
	return end
}

func isSpaceAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isIndent(r)
}

// markerCuts finds markers that start a new line: right after a sentence end
// (or a colon), or at one of the offsets in also, numbered in sequence.
// strict requires the sequence to start at 一 and never skip, which keeps
// 一、二、 inside a sentence from cutting.
func markerCuts(s string, re *regexp.Regexp, strict bool, also map[int]bool) []int {
	var cuts []int
	want := 1
	for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
		if m[0] == 0 {
			continue
		}
		before := strings.TrimRight(s[:m[0]], " \u3000")
		prev, _ := utf8.DecodeLastRuneInString(before)
		if !strings.ContainsRune("。：:；;”！？", prev) && !also[m[0]] && !also[len(before)] {
			continue
		}
		n := hanNumber(s[m[2]:m[3]])
		if strict && n != want {
			continue
		}
		if !strict && n != 1 && n != want {
			continue
		}
		want = n + 1
		cuts = append(cuts, m[0])
	}
	return cuts
}

// cutAt splits s at the given byte offsets, dropping empty pieces and the
// spaces around each cut.
func cutAt(s string, cuts []int) []string {
	slices.Sort(cuts)
	var out []string
	last := 0
	for _, c := range cuts {
		if c <= last || c >= len(s) {
			continue
		}
		if p := strings.TrimFunc(s[last:c], isIndent); p != "" {
			out = append(out, p)
		}
		last = c
	}
	if p := strings.TrimFunc(s[last:], isIndent); p != "" {
		out = append(out, p)
	}
	return out
}

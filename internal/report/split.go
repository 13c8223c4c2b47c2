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
	reSplitSign     = regexp.MustCompile(`(\S{2,40}?(?:人民政府|委员会|办事处))\s*((?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|\d{4}-\d{2}-\d{2}))\s*$`)
)

// splitRunTogether cuts lines that hold a whole report.
func splitRunTogether(ls []line, doc *Document) []line {
	out := make([]line, 0, len(ls))
	for _, l := range ls {
		if utf8.RuneCountInString(l.text) < minRunTogether || !manySections(l.text) {
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
	pos := 0
	if m := reSplitTitle.FindStringSubmatchIndex(s); m != nil {
		pos = m[3]
		cuts = append(cuts, pos)
		rest := strings.TrimLeft(s[pos:], " \u3000")
		off := len(s) - len(rest)
		if r := reSplitRecip.FindStringSubmatchIndex(rest); r != nil {
			cuts = append(cuts, off+r[3])
		}
	}
	// Numbered markers that follow a sentence end, in sequence.
	cuts = append(cuts, markerCuts(s, reSplitHan, true)...)
	cuts = append(cuts, markerCuts(s, reSplitParenHan, false)...)
	// The signature at the end.
	if m := reSplitSign.FindStringSubmatchIndex(s); m != nil && m[2] > 0 {
		cuts = append(cuts, m[2], m[4])
	}
	return cutAt(s, cuts)
}

// markerCuts finds markers that start a new line: right after a sentence end
// (or a colon), numbered in sequence. strict requires the sequence to start
// at 一 and never skip, which keeps 一、二、 inside a sentence from cutting.
func markerCuts(s string, re *regexp.Regexp, strict bool) []int {
	var cuts []int
	want := 1
	for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
		if m[0] == 0 {
			continue
		}
		prev, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s[:m[0]], " \u3000"))
		if !strings.ContainsRune("。：:；;”！？", prev) {
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

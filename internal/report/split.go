package report

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Text copied from some portal pages arrives as a single line: the page's
// chrome and metadata, the title, the recipient, every section and the
// signature run together. Such a line is cut back into lines between the
// parts of the page's preamble, after the title and the recipient, before
// the numbered markers and after the headings they start, and before the
// closing signature. Only line breaks are inserted; no character changes.

// minRunTogether is the length from which a line is considered to hold a
// whole report rather than one paragraph.
const minRunTogether = 600

var (
	reSplitHan      = regexp.MustCompile(`([一二三四五六七八九十]{1,3})[、．]`)
	reSplitParenHan = regexp.MustCompile(`[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]`)
	reSplitParenNum = regexp.MustCompile(`[（(]\s*(\d{1,2})\s*[）)]`)
	// An item number: "1." followed by a figure is a decimal, not an item.
	reSplitNum   = regexp.MustCompile(`(\d{1,2})\s*(?:[、．]|\.[^0-9])`)
	reSplitTitle = regexp.MustCompile(`^(.{4,100}?报\s*告)\s+`)
	reSplitRecip = regexp.MustCompile(`^([^，。：:\s]{2,40}[：:])\s*`)
	// The signature at the very end: an issuer, which holds no punctuation
	// (so the match cannot reach back into the last sentence), and a date.
	reSplitSign = regexp.MustCompile(`([^\s。；;，,：:！？!?”）)]{2,40}?(?:人民政府|委员会|办事处))\s*((?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|\d{4}-\d{2}-\d{2}))\s*$`)
	// A space between two Chinese characters inside a run-together line is
	// where a line break was: after a section heading, before its text,
	// which may also start with a figure ("成效 2022年，") or a bracket
	// ("成效 (1)健全").
	reSplitSpace = regexp.MustCompile(`[\p{Han}）)”][ \x{3000}]+[\p{Han}0-9（(“《]`)
)

// reTitleDate is a title with the page's date after it on one line, as
// portals list their articles: "2024年度新江湾城街道法治政府建设工作报告 2024-12-12".
var reTitleDate = regexp.MustCompile(`^(.{4,100}?(?:报\s*告|工作总结))[ \t\x{3000}]+(\d{4}-\d{2}-\d{2})$`)

// titleDate returns the title and the date of a line reTitleDate matches,
// or nil; most lines end in no ISO date, and are not matched at all.
func titleDate(s string) []string {
	if len(s) > 400 || len(s) < 10 || s[len(s)-3] != '-' {
		return nil
	}
	m := reTitleDate.FindStringSubmatch(s)
	if m == nil || !isTitleStart(m[1]) {
		return nil
	}
	return m
}

// titleTwice returns the pieces of a line that holds the title twice, as
// a page's name and its heading copied into one line ("乐清市柳市镇2024年…报告
// 乐清市柳市镇2024年…报告 |"): the two copies, and what follows them (a
// table's bar) when there is anything; nil for any other line.
func titleTwice(s string) []string {
	if len(s) > 400 || len(s) < 20 {
		return nil
	}
	t := strings.TrimRight(s, " \t\u3000|｜")
	for k := strings.IndexAny(t, " \t"); k > 0; {
		left, right := t[:k], strings.TrimLeft(t[k:], " \t\u3000")
		if left == right && isTitleStart(left) {
			pieces := []string{left, right}
			if tail := strings.TrimFunc(s[len(t):], isIndent); tail != "" {
				pieces = append(pieces, tail)
			}
			return pieces
		}
		next := strings.IndexAny(t[k+1:], " \t")
		if next < 0 {
			break
		}
		k += 1 + next
	}
	return nil
}

// splitRunTogether cuts lines that hold a whole report, a title from
// the date a portal prints beside it, and a title written twice on a line.
func splitRunTogether(ls []line, doc *Document) []line {
	out := make([]line, 0, len(ls))
	for _, l := range ls {
		if m := titleDate(l.text); m != nil {
			doc.Repairs = append(doc.Repairs, Repair{Line: l.no, Kind: RepairSplit, Text: m[2]})
			out = append(out, line{no: l.no, part: 1, text: m[1]}, line{no: l.no, part: 2, text: m[2]})
			continue
		}
		if pieces := titleTwice(l.text); pieces != nil {
			for i, piece := range pieces {
				if i > 0 {
					doc.Repairs = append(doc.Repairs, Repair{Line: l.no, Kind: RepairSplit, Text: clip(piece, 12)})
				}
				out = append(out, line{no: l.no, part: i + 1, text: piece})
			}
			continue
		}
		if !runTogether(l.text) {
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

// runTogether reports whether a line holds a whole report: a long one with
// at least two sections, or, cut short as a page's opening often is, one
// that starts with a title and holds the first section after it.
func runTogether(s string) bool {
	if !runesOver(s, minTitledRunTogether-1) {
		return false
	}
	if runesOver(s, minRunTogether-1) && manySections(s) {
		return true
	}
	m := reSplitTitle.FindStringSubmatch(s)
	if m != nil && isTitleStart(m[1]) && strings.Contains(s[len(m[0]):], "一、") {
		return true
	}
	// The title on a line of its own, and the recipient, the opening and
	// the first section run together on the next.
	r := reSplitRecip.FindStringSubmatch(s)
	if r == nil {
		return false
	}
	_, ok := isRecipientLine(r[1])
	return ok && strings.Contains(s[len(r[0]):], "一、")
}

// minTitledRunTogether is the length from which a line that starts with a
// title may hold a report.
const minTitledRunTogether = 200

// manySections reports whether s holds at least two sections 一、 and 二、.
func manySections(s string) bool {
	return strings.Contains(s, "一、") && strings.Contains(s, "二、")
}

// cutRunTogether returns the pieces of a run-together report.
func cutRunTogether(s string) []string {
	var cuts []int
	// A portal page's chrome and metadata, a 发文字号 and 签发人, then the
	// title and the recipient at the start.
	pre, start := preambleCuts(s)
	cuts = append(cuts, pre...)
	if m := reSplitTitle.FindStringSubmatchIndex(s[start:]); m != nil {
		cuts = append(cuts, start+m[3])
		rest := strings.TrimLeft(s[start+m[3]:], " \u3000")
		off := len(s) - len(rest)
		if r := reSplitRecip.FindStringSubmatchIndex(rest); r != nil {
			cuts = append(cuts, off+r[3])
		}
	} else if r := reSplitRecip.FindStringSubmatchIndex(s[start:]); r != nil {
		if _, ok := isRecipientLine(s[start+r[2] : start+r[3]]); ok {
			cuts = append(cuts, start+r[3])
		}
	}
	// Sections 一、二、… that follow a sentence end, in sequence, and the end
	// of each section heading: a space, or a （一） that follows at once.
	sections := markerCuts(s, reSplitHan, hanNumber, true, nil)
	cuts = append(cuts, sections...)
	headEnds := map[int]bool{}
	endHeadings := func(starts []int, sub bool) {
		for _, c := range starts {
			next := len(s)
			if i, _ := slices.BinarySearch(cuts, c+1); i < len(cuts) {
				next = cuts[i]
			}
			if e := headingEnd(s[c:next], sub); e > 0 {
				headEnds[c+e] = true
				if isSpaceAt(s, c+e) {
					cuts = append(cuts, c+e)
				}
			}
		}
	}
	slices.Sort(cuts)
	endHeadings(sections, false)
	// Sub-sections （一）（二）… or (1)(2)…, each after a sentence end or
	// right after its section's heading, and the end of each one's heading.
	subs := markerCuts(s, reSplitParenHan, hanNumber, false, headEnds)
	subs = append(subs, markerCuts(s, reSplitParenNum, atoi, false, headEnds)...)
	cuts = append(cuts, subs...)
	slices.Sort(cuts)
	endHeadings(subs, true)
	// Items 1. 2. … after a sentence end or a heading's end.
	cuts = append(cuts, markerCuts(s, reSplitNum, atoi, false, headEnds)...)
	// The signature at the end.
	if m := reSplitSign.FindStringSubmatchIndex(s); m != nil && m[2] > 0 {
		cuts = append(cuts, m[2], m[4])
	}
	return cutAt(s, cuts)
}

// headingEnd returns where the heading at the start of a section ends when
// the text runs on without a sentence end: at a space between a Chinese
// character and the text (which may start with a figure or a bracket), or,
// for a section rather than a sub-section, at a （一） that follows
// directly. It returns 0 when the heading ends with a full stop (a run-in
// heading, which the body splits).
func headingEnd(sec string, sub bool) int {
	stop := len(sec)
	if i := strings.IndexAny(sec, "。！？；："); i >= 0 {
		stop = i
	}
	end := 0
	if m := reSplitSpace.FindStringIndex(sec[:stop]); m != nil {
		_, size := utf8.DecodeRuneInString(sec[m[0]:])
		end = m[0] + size
	}
	if sub {
		return end
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
func markerCuts(s string, re *regexp.Regexp, number func(string) int, strict bool, also map[int]bool) []int {
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
		n := number(s[m[2]:m[3]])
		if n <= 0 || strict && n != want {
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

// atoi is the value of a marker's figures; 0 when there are none.
func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return n
}

// preambleCuts puts what may come before the title of a report copied onto
// one line each on a line of its own, as the page had them: the portal's
// breadcrumb, its widgets ("字体大小:大 中 小"), its banner date and its
// metadata block ("索引号:… 发布机构:…"), then a 发文字号 with its 签发人,
// and the issuing bodies above a title. It returns the cuts and the offset
// where the rest of the report starts. Only tokens the portal and title
// rules recognise are taken, so that the pieces are what those rules
// expect; the first other token ends the preamble.
func preambleCuts(s string) (cuts []int, start int) {
	toks := tokensOf(s[:min(len(s), maxPreamble)])
	if len(s) > maxPreamble && len(toks) > 0 {
		toks = toks[:len(toks)-1] // it may be cut short
	}
	text := func(i int) string { return s[toks[i][0]:toks[i][1]] }
	i := 0
	group := func(j int) { // tokens i … j-1 make one line
		if j > i {
			cuts = append(cuts, toks[i][0], toks[j-1][1])
			i = j
		}
	}
	for i < len(toks) {
		j := i
		switch t := text(i); {
		case i == 0 && i+2 < len(toks) && reBreadcrumb.MatchString(s[toks[0][0]:toks[2][1]]):
			// 首页 > 政务公开 > …: words with separators between them, after
			// a label ("当前位置:") or not.
			after := strings.HasSuffix(t, ":") || strings.HasSuffix(t, "：")
			for j = i + 1; j < len(toks) && (after || isCrumbSeparator(text(j))); j++ {
				after = isCrumbSeparator(text(j))
			}
		case reWeekday.MatchString(t):
			j = i + 1
			if j < len(toks) && reWeekday.MatchString(t+" "+text(j)) {
				j++
			}
		case reMetaStart.MatchString(t):
			for j < len(toks) && reMetaStart.MatchString(text(j)) {
				if reMetaLabelOnly.MatchString(strings.TrimRight(text(j), ":：")) && j+1 < len(toks) {
					j++ // the value after a space
				}
				j++
			}
		case isChrome(t) && !reDocNumber.MatchString(t):
			for j < len(toks) && isChrome(text(j)) && !reWeekday.MatchString(text(j)) && !reBreadcrumb.MatchString(text(j)) {
				j++
			}
		}
		if j == i {
			break
		}
		group(j)
	}
	if i < len(toks) && reDocNumber.MatchString(text(i)) {
		j := i + 1
		if j < len(toks) && reSignerLabel.MatchString(text(j)) {
			if signerOf(text(j)) == nil && j+1 < len(toks) {
				j++ // the name after a space
			}
			j++
		}
		group(j)
	}
	// The issuing bodies above a title that starts with 关于, each on its
	// own line; a title that starts with its issuer keeps it.
	for i+1 < len(toks) && reIssuerName.MatchString(text(i)) && (reIssuerName.MatchString(text(i+1)) || strings.HasPrefix(text(i+1), "关于")) {
		group(i + 1)
	}
	if i < len(toks) {
		start = toks[i][0]
	} else {
		start = len(s)
	}
	return cuts, start
}

// maxPreamble is how far into a line, in bytes, the preamble is looked
// for: a portal's chrome and metadata take a few hundred.
const maxPreamble = 2048

// isCrumbSeparator reports whether a token of a breadcrumb separates two
// of its links.
func isCrumbSeparator(t string) bool {
	switch t {
	case ">", "＞", "»", "›", "/", "-", "—":
		return true
	}
	return false
}

// tokensOf returns the start and end of each run of characters between
// spaces in s.
func tokensOf(s string) [][2]int {
	var toks [][2]int
	from := -1
	for i, r := range s {
		switch {
		case isIndent(r) && from >= 0:
			toks = append(toks, [2]int{from, i})
			from = -1
		case !isIndent(r) && from < 0:
			from = i
		}
	}
	if from >= 0 {
		toks = append(toks, [2]int{from, len(s)})
	}
	return toks
}

package extract

import (
	"regexp"
	"strings"
)

// rePageNumber matches a line that is only a page number as reports print
// it: "3", "- 3 -", "— 3 —", "第3页", "第 3 页 共 10 页", "3/10", "· 3 ·".
var rePageNumber = regexp.MustCompile(`^[\s\-—–－·•]*(?:第\s*)?[0-9０-９]{1,4}(?:\s*页)?(?:\s*(?:/|／|共)\s*[0-9０-９]{1,4}\s*页?)?[\s\-—–－·•]*$`)

// reDigits masks the numbers of a running header or footer, which change
// from page to page.
var reDigits = regexp.MustCompile(`[0-9０-９]+`)

// joinPages joins the lines of a document's pages, leaving out page
// numbers and the running headers and footers that repeat at the top or
// bottom of most pages: layout, not text. It returns how many lines it
// left out.
func joinPages(pages [][]string) (lines []string, dropped int) {
	// A line among the first two of at least three pages, and of at least
	// half of them, is a running header; likewise among the last two, a
	// running footer. Fewer pages say too little: a report's first line,
	// its issuing body, also ends it as the signature.
	top, bottom := map[string]int{}, map[string]int{}
	key := func(s string) string { return reDigits.ReplaceAllString(strings.TrimSpace(s), "#") }
	for _, pg := range pages {
		first, last := edgeLines(pg)
		for _, i := range first {
			top[key(pg[i])]++
		}
		for _, i := range last {
			bottom[key(pg[i])]++
		}
	}
	running := func(n int) bool { return n >= 3 && 2*n >= len(pages) }
	for _, pg := range pages {
		drop := map[int]bool{}
		first, last := edgeLines(pg)
		for _, i := range first {
			drop[i] = rePageNumber.MatchString(pg[i]) || running(top[key(pg[i])])
		}
		for _, i := range last {
			drop[i] = rePageNumber.MatchString(pg[i]) || running(bottom[key(pg[i])])
		}
		for i, l := range pg {
			if drop[i] {
				dropped++
				continue
			}
			lines = append(lines, l)
		}
	}
	return lines, dropped
}

// A page's width cuts a line anywhere, also inside a date or a document
// number; the parser joins sentences again, but a value cut in two reads
// as two values. reDateHead and reDateTail find a date cut at a line's
// end and its rest at the next line's start; reIndexHead and reIndexTail
// an index number (…/2026-0000 and 4).
var (
	reDateTail  = regexp.MustCompile(`(?:^|[^0-9])([12][0-9]{3}-(?:[0-9]{1,2}(?:-[0-9]?)?)?)$`)
	reDateHead  = regexp.MustCompile(`^([0-9]{1,2}(?:-[0-9]{1,2})?)`)
	reDate      = regexp.MustCompile(`^[12][0-9]{3}-[0-9]{1,2}-[0-9]{1,2}$`)
	reIndexTail = regexp.MustCompile(`/[12][0-9]{3}-[0-9]+$`)
	reIndexHead = regexp.MustCompile(`^[0-9]+`)
)

// joinCutValues joins a line that ends in a date or an index number cut
// by the page's width with the next line, which starts with its rest, and
// says how many it joined. Only digits are joined to digits: text is left
// to the parser's joining of sentences.
func joinCutValues(lines []string) ([]string, int) {
	var out []string
	joined := 0
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if i+1 < len(lines) {
			next := strings.TrimLeft(lines[i+1], " ")
			cur := strings.TrimRight(l, " ")
			if m := reDateTail.FindStringSubmatch(cur); m != nil {
				if h := reDateHead.FindString(next); h != "" && reDate.MatchString(m[1]+h) {
					out = append(out, cur+next)
					joined++
					i++
					continue
				}
			}
			if reIndexTail.MatchString(cur) && reIndexHead.MatchString(next) {
				out = append(out, cur+next)
				joined++
				i++
				continue
			}
		}
		out = append(out, l)
	}
	return out, joined
}

// edgeLines gives the indexes of the first two and the last two lines of
// a page that are not blank; a line is never both.
func edgeLines(pg []string) (first, last []int) {
	for i := 0; i < len(pg) && len(first) < 2; i++ {
		if strings.TrimSpace(pg[i]) != "" {
			first = append(first, i)
		}
	}
	top := -1
	if len(first) > 0 {
		top = first[len(first)-1]
	}
	for i := len(pg) - 1; i > top && len(last) < 2; i-- {
		if strings.TrimSpace(pg[i]) != "" {
			last = append(last, i)
		}
	}
	return first, last
}

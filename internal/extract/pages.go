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

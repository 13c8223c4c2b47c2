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
	// A line near the top or bottom (two lines in) of at least two pages,
	// and of at least half of them, is a running header or footer.
	edge := map[string]int{}
	for _, pg := range pages {
		seen := map[string]bool{}
		for _, i := range edgeLines(pg) {
			k := reDigits.ReplaceAllString(strings.TrimSpace(pg[i]), "#")
			if !seen[k] {
				seen[k] = true
				edge[k]++
			}
		}
	}
	running := func(s string) bool {
		n := edge[reDigits.ReplaceAllString(strings.TrimSpace(s), "#")]
		return len(pages) >= 2 && n >= 2 && 2*n >= len(pages)
	}
	for _, pg := range pages {
		drop := map[int]bool{}
		for _, i := range edgeLines(pg) {
			if rePageNumber.MatchString(pg[i]) || running(pg[i]) {
				drop[i] = true
			}
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

// edgeLines gives the indexes of the first two and last two lines of a
// page that are not blank.
func edgeLines(pg []string) []int {
	var idx []int
	for i, n := 0, 0; i < len(pg) && n < 2; i++ {
		if strings.TrimSpace(pg[i]) != "" {
			idx = append(idx, i)
			n++
		}
	}
	top := -1
	if len(idx) > 0 {
		top = idx[len(idx)-1]
	}
	for i, n := len(pg)-1, 0; i > top && n < 2; i-- {
		if strings.TrimSpace(pg[i]) != "" {
			idx = append(idx, i)
			n++
		}
	}
	return idx
}

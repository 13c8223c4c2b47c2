package content

import (
	"errors"
	"fmt"
	"strings"
)

// The rules below are those a report must meet for the site to publish it.
// The site build applies them to every content file it loads, and the
// importer to every report before it writes one, so that import never
// writes a file that every later build would refuse. Their messages say
// what is wrong; each caller adds what to do in its own terms, after a
// "：": a content file is corrected in its front matter, a source in its
// text.

// FirstYear and LastYear bound the report years the site publishes: a year
// outside them is a typing or extraction error, not a report.
const (
	FirstYear = 1949
	LastYear  = 2200
)

// ErrNoYear is CheckYear's answer for a report that names no year.
var ErrNoYear = errors.New("没有报告年度")

// ErrNoTown is CheckTown's answer for front matter that names no township.
var ErrNoTown = errors.New("看不出报告是哪个乡镇（街道）的")

// CheckYear returns why year cannot be the year a published report is
// about, or nil.
func CheckYear(year int) error {
	switch {
	case year == 0:
		return ErrNoYear
	case year < FirstYear || year > LastYear:
		return fmt.Errorf("报告年度 %d 不合理（应在 %d 到 %d 之间）", year, FirstYear, LastYear)
	}
	return nil
}

// CheckTown returns why front matter m, with the code and names the
// division table gave filled in, does not place its report in a township,
// or nil.
func CheckTown(m *Meta) error {
	// A code the table does not know still places a town created after the
	// table's data year, but only if it is one.
	if m.Code != "" && (len(m.Code) != 9 || strings.Trim(m.Code, "0123456789") != "") {
		return fmt.Errorf("统计用区划代码 %q 不是 9 位数字", m.Code)
	}
	if m.Town == "" {
		return ErrNoTown
	}
	return nil
}

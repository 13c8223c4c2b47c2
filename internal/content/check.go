package content

import (
	"errors"
	"fmt"
	"strings"
)

// The rules below are those a report must meet for the site to publish it.
// The site build applies them to every content file it loads, and the
// importer to every report before it writes one, so that import never
// writes a file that every later build would refuse. Each caller adds what
// to do in its own terms: a content file is corrected in its front matter,
// a source in its text.

// FirstYear and LastYear bound the report years the site publishes: a year
// outside them is a typing or extraction error, not a report.
const (
	FirstYear = 1949
	LastYear  = 2200
)

// ErrNoYear is CheckYear's answer for a report that names no year.
var ErrNoYear = errors.New("year is missing")

// ErrNoTown is CheckTown's answer for front matter that names no township.
var ErrNoTown = errors.New("cannot tell which township the report is about")

// CheckYear returns why year cannot be the year a published report is
// about, or nil.
func CheckYear(year int) error {
	switch {
	case year == 0:
		return ErrNoYear
	case year < FirstYear || year > LastYear:
		return fmt.Errorf("year %d is not a plausible report year (%d to %d)", year, FirstYear, LastYear)
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
		return fmt.Errorf("code %q is not a 9-digit township code", m.Code)
	}
	if m.Town == "" {
		return ErrNoTown
	}
	return nil
}

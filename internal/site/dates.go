package site

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dateRE matches the date forms front matter carries: 2022-01-10, 2022/1/10,
// 2022.1.10 and 2022年1月10日, optionally followed by a time of day.
var dateRE = regexp.MustCompile(`^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+(\d{1,2}):(\d{2})(?::\d{2})?)?\s*$`)

// day is a calendar date with an optional time of day, as written on
// 政务公开 pages.
type day struct {
	y, m, d   int
	hh, mm    int
	hasTime   bool
	valid     bool
	formatted string // YYYY-MM-DD
}

// parseDay reads a front matter date; valid is false for an empty or
// unreadable value, which is then shown as written.
func parseDay(s string) day {
	if d, ok := parseISODay(s); ok {
		return d
	}
	m := dateRE.FindStringSubmatch(s)
	if m == nil {
		return day{}
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return day{}
	}
	out := day{y: y, m: mo, d: d, valid: true, formatted: fmt.Sprintf("%04d-%02d-%02d", y, mo, d)}
	if m[4] != "" {
		out.hh, _ = strconv.Atoi(m[4])
		out.mm, _ = strconv.Atoi(m[5])
		out.hasTime = out.hh < 24 && out.mm < 60
	}
	return out
}

// parseISODay reads the form the importer writes, 2022-01-10, without the
// regular expression: every report has two or three dates.
func parseISODay(s string) (day, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' || !isDigits(s[:4], 4) || !isDigits(s[5:7], 2) || !isDigits(s[8:], 2) {
		return day{}, false
	}
	y, _ := strconv.Atoi(s[:4])
	mo, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return day{}, true
	}
	return day{y: y, m: mo, d: d, valid: true, formatted: s}, true
}

// String is the ISO date, or "" for an invalid day.
func (d day) String() string { return d.formatted }

// Chinese is the date as a 公文 writes it under the signature: 2022年1月10日.
func (d day) Chinese() string {
	if !d.valid {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", d.y, d.m, d.d)
}

// pubDate is the PubDate meta value, YYYY-MM-DD HH:MM; a date without a
// time of day is given at 00:00.
func (d day) pubDate() string {
	if !d.valid {
		return ""
	}
	return fmt.Sprintf("%s %02d:%02d", d.formatted, d.hh, d.mm)
}

// rfc3339 is the date for Atom and sitemaps, in China Standard Time.
func (d day) rfc3339() string {
	if !d.valid {
		return ""
	}
	return fmt.Sprintf("%sT%02d:%02d:00+08:00", d.formatted, d.hh, d.mm)
}

// cleanDate shows a front matter date: ISO when readable, else as written.
func cleanDate(s string) string {
	if d := parseDay(s); d.valid {
		return d.formatted
	}
	return strings.TrimSpace(s)
}

package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

var (
	reDateCN   = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	reDateHan  = regexp.MustCompile(`([〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日`)
	reDateISO  = regexp.MustCompile(`(\d{4})\s*[-/.．－]\s*(\d{1,2})\s*[-/.．－]\s*(\d{1,2})`)
	reDateOnly = regexp.MustCompile(`^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零○Ｏ一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日|\d{4}\s*[-/.．－]\s*\d{1,2}\s*[-/.．－]\s*\d{1,2})$`)
	reYear     = regexp.MustCompile(`(?:^|[^0-9０-９])((?:19|20)\d{2})\s*年`)
	reYearHan  = regexp.MustCompile(`([〇零○Ｏ一二三四五六七八九]{4})\s*年`)
)

// findDate finds the first date in s in any of the forms reports use
// (2022年1月10日, 2022 年 1 月 10 日, 二〇二二年一月十日, 2022-01-10) and returns
// it as YYYY-MM-DD with the byte range it occupies.
func findDate(s string) (iso string, start, end int, ok bool) {
	best := -1
	for _, re := range []*regexp.Regexp{reDateCN, reDateHan, reDateISO} {
		m := re.FindStringSubmatchIndex(s)
		if m == nil || (best >= 0 && m[0] >= start) {
			continue
		}
		y, mo, d := digitsOrHan(s[m[2]:m[3]]), digitsOrHan(s[m[4]:m[5]]), digitsOrHan(s[m[6]:m[7]])
		if v, good := validDate(y, mo, d); good {
			iso, start, end, ok, best = v, m[0], m[1], true, m[0]
		}
	}
	return iso, start, end, ok
}

// isDateLine reports whether s is nothing but a date.
func isDateLine(s string) bool {
	if !reDateOnly.MatchString(s) {
		return false
	}
	_, _, _, ok := findDate(s)
	return ok
}

func validDate(y, m, d int) (string, bool) {
	if y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false
	}
	days := [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	if d > days[m] || (m == 2 && d == 29 && !(y%4 == 0 && (y%100 != 0 || y%400 == 0))) {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), true
}

// digitsOrHan reads a number written in ASCII digits, digit by digit in
// Chinese (二〇二二) or as a Chinese numeral (十, 二十一).
func digitsOrHan(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	rs := []rune(s)
	if len(rs) == 4 && !strings.ContainsRune(s, '十') {
		n := 0
		for _, r := range rs {
			d := hanDigit(r)
			if d < 0 {
				return -1
			}
			n = n*10 + d
		}
		return n
	}
	return hanNumber(s)
}

func hanDigit(r rune) int {
	switch r {
	case '〇', '零', '○', 'Ｏ':
		return 0
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	return -1
}

// hanNumber reads Chinese numerals up to 99 (一, 十, 十二, 二十, 二十三);
// -1 when s is not one.
func hanNumber(s string) int {
	rs := []rune(s)
	switch {
	case len(rs) == 0:
		return -1
	case len(rs) == 1 && rs[0] == '十':
		return 10
	case len(rs) == 1:
		if d := hanDigit(rs[0]); d > 0 {
			return d
		}
		return -1
	}
	tens, i := 1, 0
	if rs[0] != '十' {
		tens = hanDigit(rs[0])
		if tens < 1 || rs[1] != '十' {
			return -1
		}
		i = 1
	}
	if rs[i] != '十' {
		return -1
	}
	rest := rs[i+1:]
	switch len(rest) {
	case 0:
		return tens * 10
	case 1:
		if d := hanDigit(rest[0]); d > 0 {
			return tens*10 + d
		}
	}
	return -1
}

// findYear returns the first year written as "2021年" (or 二〇二一年) in s.
func findYear(s string) (int, bool) {
	if m := reYear.FindStringSubmatch(s); m != nil {
		y, _ := strconv.Atoi(m[1])
		return y, true
	}
	if m := reYearHan.FindStringSubmatch(s); m != nil {
		if y := digitsOrHan(m[1]); y >= 1949 && y <= 2100 {
			return y, true
		}
	}
	return 0, false
}

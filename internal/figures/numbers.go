package figures

import (
	"strconv"
	"strings"
)

// chineseDigits are the digits of a Chinese numeral (两 is 2 before a
// measure word: 两名, 两场).
var chineseDigits = map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// chineseUnits are the place values of a Chinese numeral below 万.
var chineseUnits = map[rune]int{'十': 10, '百': 100, '千': 1000}

func isChineseNumeral(r rune) bool {
	switch r {
	case '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万', '亿':
		return true
	}
	return false
}

// chineseValue reads a Chinese numeral (一百二十, 两, 三千五百, 十二, 一万二千),
// false when s is not one.
func chineseValue(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	var total, section, digit float64
	seenDigit := false
	for _, r := range s {
		if d, ok := chineseDigits[r]; ok {
			digit, seenDigit = float64(d), true
			continue
		}
		switch u := r; {
		case chineseUnits[u] > 0:
			if !seenDigit {
				digit = 1 // 十二 is 12
			}
			section += digit * float64(chineseUnits[u])
		case u == '万' || u == '亿':
			mult := 1e4
			if u == '亿' {
				mult = 1e8
			}
			n := section + digit
			if n == 0 && total == 0 {
				n = 1 // 万余人次 is 1万
			}
			total = (total + n) * mult
			section = 0
		default:
			return 0, false
		}
		digit, seenDigit = 0, false
	}
	return total + section + digit, true
}

// arabicValue reads digits as written, with full-width digits, thousands
// separators and a decimal point.
func arabicValue(s string) (float64, bool) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= '０' && r <= '９':
			b.WriteRune(r - '０' + '0')
		case r == '.' || r == '．':
			b.WriteByte('.')
		case r == ',' || r == '，' || r == ' ':
		default:
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(b.String(), 64)
	return v, err == nil
}

// ParseNumber reads a number as a report writes it, with its qualifier
// (2200余, 近500, 3.86, 一百二十, 1.2万, 百分之九十八, 98以上): the value, and
// the qualifier (余, 多, 以上, 近, 约, 超过 …) or "". It is the reading the
// hand-made labels and the extractor share.
func ParseNumber(s string) (v float64, qualifier string, ok bool) {
	s = strings.TrimSpace(s)
	for _, q := range prefixQualifiers {
		if strings.HasPrefix(s, q) {
			qualifier, s = q, strings.TrimSpace(strings.TrimPrefix(s, q))
			break
		}
	}
	for _, q := range suffixQualifiers {
		if strings.HasSuffix(s, q) {
			if qualifier == "" {
				qualifier = q
			}
			s = strings.TrimSpace(strings.TrimSuffix(s, q))
			break
		}
	}
	s = strings.TrimPrefix(s, "百分之")
	mult := 1.0
	if strings.HasSuffix(s, "万") && !strings.HasPrefix(s, "万") {
		if _, isArabic := arabicValue(strings.TrimSuffix(s, "万")); isArabic {
			mult, s = 1e4, strings.TrimSuffix(s, "万")
		}
	}
	if v, ok := arabicValue(s); ok {
		return v * mult, qualifier, true
	}
	if v, ok := chineseValue(s); ok {
		return v * mult, qualifier, true
	}
	return 0, "", false
}

// prefixQualifiers and suffixQualifiers qualify a number: kept as written,
// never folded into the value.
var (
	prefixQualifiers = []string{"超过", "近", "约", "逾", "超", "上"}
	suffixQualifiers = []string{"以上", "左右", "余", "多", "+"}
)

// formatValue writes a normalised value without a needless fraction.
func formatValue(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

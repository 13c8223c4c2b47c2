package report

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// signerLabel is the 签发人 label at the start of a line.
const signerLabel = `^签\s*发\s*人\s*[：:]`

var (
	// An issuing body ends in one of these; 中共…委员会 and …人民政府 are the
	// usual pair of a joint report.
	reIssuerName = regexp.MustCompile(`^\S{2,40}?(?:人民政府|委员会|党委|党工委|工委|办事处|人民政府办公室|政府)$`)
	// The issuer at the start of a one-line title: "重庆市渝北区兴隆镇人民政府 2021 年…".
	// A township or street named before 关于 is the issuer too: "中梁山街道关于2025年…的报告".
	reTitleIssuer = regexp.MustCompile(`^(\S{2,40}?(?:人民政府|委员会|党委|党工委|办事处))\s*(?:关于|[0-9０-９〇二]{4}|法治)|^(\S{2,40}?(?:镇|乡|街道))\s*关于`)
	// 发文字号: 机关代字 + year in brackets + serial number, with the bracket
	// variants seen in practice.
	reDocNumber = regexp.MustCompile(`^(\S{1,20}?\s*[〔\[［（(﹝【]\s*\d{4}\s*[〕\]］）)﹞】]\s*第?\s*\d{1,5}\s*号)`)
	// reSignerLabel is the label alone, as a copied line may hold it
	// with the name after a space.
	reSignerLabel = regexp.MustCompile(signerLabel)
	reSigner      = regexp.MustCompile(signerLabel + `\s*(.+)$`)
	hanSpace      = regexp.MustCompile(`(\p{Han})[ \t\x{3000}\x{00A0}]+(\p{Han})`)
)

// isIssuerLine reports whether s names one or more issuing bodies and nothing
// else ("中共云阳县后叶镇委员会     云阳县后叶镇人民政府").
func isIssuerLine(s string) ([]string, bool) {
	if runesOver(s, 80) || strings.ContainsAny(s, "。，,；;：:") {
		return nil, false
	}
	names := strings.Fields(s)
	for _, n := range names {
		if !reIssuerName.MatchString(n) || strings.Contains(n, "关于") || strings.Contains(n, "报告") {
			return nil, false
		}
	}
	return names, len(names) > 0
}

// isTitleStart reports whether s can begin a title: "关于…", or a line naming
// the report ("…法治政府建设…报告").
func isTitleStart(s string) bool {
	if runesOver(s, 100) || strings.ContainsAny(s, "。；;") || strings.Contains(s, "如下") {
		return false
	}
	if strings.HasSuffix(s, "：") || strings.HasSuffix(s, ":") {
		return false
	}
	if _, numbered := parseMarker(s); numbered {
		return false // a section heading, however it is worded
	}
	closed := closeLetterSpacing(s)
	if strings.HasPrefix(closed, "关于") {
		return true
	}
	// A title without 关于 names the report and ends with it: a banner such
	// as "【专题】法治政府建设年度报告专栏" is not one.
	return endsTitle(closed) && (strings.Contains(closed, "报告") || strings.Contains(closed, "总结")) && (strings.Contains(closed, "法治") || strings.Contains(closed, "依法"))
}

// endsTitle reports whether a title line finishes the title, a note of
// the year after it included: 塘栖镇法治政府建设年度报告（2024年度）; some
// townships call the report a 工作总结, or a 总结 and next year's 计划.
func endsTitle(s string) bool {
	closed := reYearNote.ReplaceAllString(closeLetterSpacing(s), "")
	return strings.HasSuffix(closed, "报告") || strings.HasSuffix(closed, "报告》") || strings.HasSuffix(closed, "情况") || strings.HasSuffix(closed, "工作总结") ||
		strings.HasSuffix(closed, "计划") && strings.Contains(closed, "总结") // …总结和2025年工作计划
}

// reYearNote is a note of the report year that ends a title.
var reYearNote = regexp.MustCompile(`[（(]\s*[0-9]{4}\s*年度?\s*[）)]$`)

// closeLetterSpacing removes spaces between two Chinese characters, which
// Word puts into short titles ("报   告") to spread them across the page.
func closeLetterSpacing(s string) string {
	if strings.IndexFunc(s, isIndent) < 0 {
		return s
	}
	for {
		t := hanSpace.ReplaceAllString(s, "$1$2")
		if t == s {
			return t
		}
		s = t
	}
}

// isRecipientLine reports whether s is a 主送机关 line ("县委、县政府：").
func isRecipientLine(s string) (string, bool) {
	var name string
	switch {
	case strings.HasSuffix(s, "："):
		name = strings.TrimSuffix(s, "：")
	case strings.HasSuffix(s, ":"):
		name = strings.TrimSuffix(s, ":")
	default:
		return "", false
	}
	name = strings.TrimFunc(name, isIndent)
	n := utf8.RuneCountInString(name)
	if n < 2 || n > 60 || strings.ContainsAny(name, "。；;：:") || strings.Contains(name, "如下") {
		return "", false
	}
	if _, isMarker := parseMarker(name); isMarker {
		return "", false
	}
	// Every body it names is an organ (区委、区政府, …领导小组办公室):
	// a portal's "分享到：", "字号：" or "作者：" is not a recipient. Portals
	// often separate the bodies with commas.
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '、' || r == '，' || r == ',' }) {
		if !reOrgan.MatchString(strings.TrimSpace(part)) {
			return "", false
		}
	}
	return name, true
}

// reOrgan matches the name of a body a report may be sent to: it ends in
// the word for an organ.
var reOrgan = regexp.MustCompile(`^\p{Han}[\p{Han}（）()]*(?:委|委员会|政府|办公室|办|小组|人大|常委会|党委|党工委|工委|局|院|厅|部|处|组|会|中心|所|室|队)$`)

// maxDocNumber is the longest a 发文字号 can be, in bytes.
const maxDocNumber = 120

// splitDocNumberLine reads a "后叶委文〔2025〕5号     签发人：曾志刚" line.
func splitDocNumberLine(s string) (number, signer string, ok bool) {
	// The number is at the start: match a prefix, whatever the line's length.
	m := reDocNumber.FindStringSubmatchIndex(s[:min(len(s), maxDocNumber)])
	if m == nil {
		return "", "", false
	}
	number = s[m[2]:m[3]]
	rest := strings.TrimFunc(s[m[1]:], isIndent)
	if rest == "" {
		return number, "", true
	}
	if sm := signerOf(rest); sm != nil {
		return number, strings.TrimFunc(sm[1], isIndent), true
	}
	return "", "", false
}

// titleIssuer returns the issuer named at the start of a one-line title.
func titleIssuer(title string) string {
	if m := reTitleIssuer.FindStringSubmatch(title); m != nil {
		return m[1] + m[2]
	}
	return ""
}

// titleIssuers returns the issuers named at the start of a title, joint
// ones written with a space between them ("中共黎侯镇委员会 黎侯镇人民政府关于…").
func titleIssuers(title string) []string {
	var names []string
	rest := strings.TrimFunc(title, isIndent)
	for {
		sp := strings.IndexFunc(rest, isIndent)
		if sp <= 0 || !reIssuerName.MatchString(rest[:sp]) || strings.Contains(rest[:sp], "关于") {
			break
		}
		names = append(names, rest[:sp])
		rest = strings.TrimLeftFunc(rest[sp:], isIndent)
	}
	if iss := titleIssuer(rest); iss != "" {
		return append(names, iss)
	}
	if len(names) > 0 && !reTitleAfterIssuer.MatchString(rest) {
		return nil
	}
	return names
}

// reTitleAfterIssuer is how a title goes on after its issuers.
var reTitleAfterIssuer = regexp.MustCompile(`^(?:关于|[0-9０-９〇二]{4}|法治)`)

// signerOf reads a "签发人：曾志刚" line.
func signerOf(s string) []string {
	if !strings.HasPrefix(s, "签") {
		return nil
	}
	return reSigner.FindStringSubmatch(s)
}

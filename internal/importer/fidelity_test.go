package importer

import (
	"fmt"
	"path"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"nianbao/internal/content"
	"nianbao/internal/report"
)

// The fidelity test proves that nothing of a report is lost or reordered:
// every non-white-space character of the source reaches the output, in
// order, except what one of the README's layout repairs removes. It uses
// the parser's account of each line (Document.Lines) only to know where to
// look, and checks each claim on its own terms:
//
//   - body lines: their characters, in source order, equal the characters of
//     the rendered body (not merely appear in it);
//   - title-block and signature lines: they stand before the body or after
//     it, and their characters, less labels and separators, are front matter
//     values (dates compared as YYYY-MM-DD);
//   - removed text: matches a repair pattern written here, independently of
//     the parser's, and portal chrome lies outside the body.
//
// The patterns below are the README's list of layout repairs. A lone UTF-16
// surrogate is replaced by U+FFFD in decoding, which the source is read
// through here too, so the source and the output hold the same U+FFFD.
var (
	fidPageNumber = regexp.MustCompile(`^(?:[—–\-－~～]{1,2}\s*\d{1,3}\s*[—–\-－~～]{1,2}|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3}|\d{1,3})$`)
	fidArtifact   = regexp.MustCompile(`\[bookmark:[^\]]*\]|\[\]\{#[^}]*\}|[\x{200B}\x{200C}\x{200D}\x{2060}\x{FEFF}\x{00AD}\f]`)
	fidNote       = regexp.MustCompile(`^[（(](?:此件|联系人|本件)`)
	fidDate       = regexp.MustCompile(`(\d{4}|[〇零○Ｏ一二三四五六七八九]{4})\s*(?:年|[-/.．－])\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:月|[-/.．－])\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日?(?:\s*\d{1,2}\s*:\s*\d{2}(?::\d{2})?)?`)
	// Labels of the title block, the signature and a portal metadata block.
	// A portal's labels may stand in brackets or table cells without a colon.
	fidLabel = regexp.MustCompile(`(?:签\s*发\s*人|抄\s*送)\s*[：:]|(?:信息索引号|文件标题|索\s*引\s*号|发布机构|发布单位|发文机构|发文机关|发文单位|发文字号|文件编号|备注\s*/\s*文号|文\s*号|成文日期|成文时间|公文生成日期|生成日期|发布日期|发布时间|发表日期|信息提供日期|发文日期|发文时间|公开日期|日\s*期|时\s*间|标\s*题|名\s*称)\s*[：:]?|印\s*发$|文件$`)
	// Metadata pairs the site does not keep: portal chrome, with their value.
	fidDropped = regexp.MustCompile(`(?:主题分类|主\s*题\s*词|有\s*效\s*性|公开方式|公开范围|信息来源|来\s*源|体裁分类|浏览次数|浏览量|浏\s*览|公文时效|时效性|发文字号)\s*[：:]\s*(?:无|\S*)`)
	fidSep     = regexp.MustCompile(`[\s\x{3000}，,、；;。：:|｜\[\]【】•·*-]+`)
	// A metadata table's row of labels, and the value that says "none".
	fidBareLabel = regexp.MustCompile(`^(?:索引号|发布机构|发文机关|发文字号|文号|成文日期|发布日期|主题分类|标题|名称|有效性|体裁分类)$`)
)

// fidControl matches the control characters removed: C0 but TAB, LF, CR
// and FF, DEL, and C1.
var fidControl = regexp.MustCompile(`[\x00-\x08\x0B\x0E-\x1F\x{7F}-\x{9F}]`)

// fidelityInputs are every golden fixture, every bundled report and every
// real report of testdata/real that imports.
func fidelityInputs(t *testing.T) []*Converted {
	var out []*Converted
	for _, name := range fixtures(t) {
		c, _ := convertFixture(t, name)
		out = append(out, c)
	}
	for _, s := range seeds(t) {
		out = append(out, s.conv)
	}
	for _, r := range realReports(t) {
		if r.conv != nil {
			out = append(out, r.conv)
		}
	}
	return out
}

func TestNothingIsLostOrReordered(t *testing.T) {
	for _, c := range fidelityInputs(t) {
		t.Run(c.Source, func(t *testing.T) {
			name := strings.TrimSuffix(path.Base(c.Source), ".txt")
			if why, ok := realLossy[name]; ok && strings.Contains(c.Source, "/real/") {
				t.Skipf("known loss (issue 14): %s", why)
			}
			checkFidelity(t, c)
		})
	}
}

func checkFidelity(t *testing.T, c *Converted) {
	data := readSource(t, c.Source)
	text, _, err := report.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Split(text, "\n")
	f, err := content.Parse(c.Path, c.File)
	if err != nil {
		t.Fatalf("the output does not parse back: %v", err)
	}

	parts := map[int][]report.LineRole{}
	for _, r := range c.Doc.Lines {
		parts[r.Line] = append(parts[r.Line], r)
	}
	kept := keptOutsideBody(c.Doc, src)

	var body strings.Builder
	first, last := 0, 0 // the report's own body lines
	for no := 1; no <= len(src); no++ {
		for _, r := range parts[no] {
			if r.Role == report.RoleBody && !kept[no] {
				if first == 0 {
					first = no
				}
				last = no
			}
		}
	}

	for no := 1; no <= len(src); no++ {
		raw := src[no-1]
		clean := fidControl.ReplaceAllString(raw, "")
		if clean != raw && !hasRepair(c.Doc, no, report.RepairControl) {
			t.Errorf("line %d: a control character was removed without a recorded repair: %q", no, raw)
		}
		repaired := nonSpace(fidArtifact.ReplaceAllString(clean, ""))
		if repaired != nonSpace(clean) && !hasRepair(c.Doc, no, report.RepairArtifact, report.RepairFormFeed) {
			t.Errorf("line %d: a leftover was removed without a recorded repair: %q", no, raw)
		}
		ps := parts[no]
		if len(ps) == 0 {
			if repaired != "" {
				t.Errorf("line %d: not accounted for: %q", no, raw)
			}
			continue
		}
		var joined strings.Builder
		for _, r := range ps {
			joined.WriteString(r.Text)
		}
		if nonSpace(joined.String()) != repaired {
			t.Errorf("line %d: the parser's text of the line %q is not the source %q less the repairs", no, joined.String(), raw)
		}
		for _, r := range ps {
			switch r.Role {
			case report.RoleBody:
				body.WriteString(r.Text)
			case report.RoleMeta:
				if first > 0 && no > first && no < last {
					t.Errorf("line %d: title block or signature line inside the body (lines %d–%d): %q", no, first, last, r.Text)
				}
				if miss := notInFrontMatter(r.Text, &f.Meta); miss != "" {
					t.Errorf("line %d: %q of %q is in no front matter value", no, miss, r.Text)
				}
			case report.RoleRepeated:
				// A copy of the title, or the page's own name for it.
				titles := nonSpace(strings.Join(append([]string{f.Meta.Title}, c.Doc.PageTitles...), "\n"))
				if !strings.Contains(titles, nonSpace(r.Text)) {
					t.Errorf("line %d: dropped as a repeated title but is not the title %q: %q", no, f.Meta.Title, r.Text)
				}
			case report.RoleRemoved:
				checkRemoved(t, no, r.Text, first, last)
			}
		}
	}

	got := nonSpace(renderedText(t, f.Body))
	want := nonSpace(body.String())
	if got != want {
		t.Errorf("the rendered body is not the source's body text:\n%s", runeDiff(want, got))
	}
}

// keptOutsideBody lists the lines kept in the body from outside it: text
// of the title block (before the title, before the recipient, a portal
// field not recognised) and below the signature, each announced by a
// warning, and 附注.
func keptOutsideBody(d *report.Document, src []string) map[int]bool {
	kept := map[int]bool{}
	for _, w := range d.Warnings {
		if strings.Contains(w.Msg, "已放在正文开头") || strings.Contains(w.Msg, "已放在正文末尾") {
			kept[w.Line] = true
		}
	}
	for i, s := range src {
		if fidNote.MatchString(strings.TrimSpace(strings.TrimLeft(s, "\u3000"))) {
			kept[i+1] = true
		}
	}
	return kept
}

func hasRepair(d *report.Document, line int, kinds ...report.RepairKind) bool {
	for _, r := range d.Repairs {
		for _, k := range kinds {
			if r.Line == line && r.Kind == k {
				return true
			}
		}
	}
	return false
}

// checkRemoved accepts a removed line only if it is a page number, or a
// short line of page chrome outside the body.
func checkRemoved(t *testing.T, no int, text string, first, last int) {
	t.Helper()
	if fidPageNumber.MatchString(text) {
		return
	}
	if first > 0 && no > first && no < last {
		t.Errorf("line %d: removed as chrome inside the body (lines %d–%d): %q", no, first, last, text)
	}
	if utf8.RuneCountInString(text) > 120 || strings.HasSuffix(text, "。") {
		t.Errorf("line %d: removed as chrome but reads like report text: %q", no, text)
	}
}

// notInFrontMatter returns the first piece of a title-block or signature
// line that no front matter value holds, or "".
func notInFrontMatter(line string, m *content.Meta) string {
	values := []string{m.Title, m.Issuer, m.Signer, m.DocNumber, m.Recipient, m.Printer, m.IndexNumber}
	values = append(values, m.Issuers...)
	values = append(values, m.CC...)
	for i, v := range values {
		values[i] = nonSpace(v)
	}
	dates := []string{m.Date, m.Printed, m.Published}

	s := fidDropped.ReplaceAllString(line, " ")
	var miss string
	s = fidDate.ReplaceAllStringFunc(s, func(d string) string {
		g := fidDate.FindStringSubmatch(d)
		iso := fmt.Sprintf("%04d-%02d-%02d", number(g[1]), number(g[2]), number(g[3]))
		found := false
		for _, v := range dates {
			found = found || v == iso
		}
		if !found && miss == "" {
			miss = d
		}
		return " "
	})
	if miss != "" {
		return miss
	}
	s = fidLabel.ReplaceAllString(s, " ")
	for _, piece := range fidSep.Split(s, -1) {
		if piece == "" || fidBareLabel.MatchString(piece) || piece == "无" && m.DocNumber == "" {
			continue
		}
		found := false
		for _, v := range values {
			found = found || strings.Contains(v, piece)
		}
		if !found {
			return piece
		}
	}
	return ""
}

// number reads a year, month or day written in digits or in Chinese.
func number(s string) int {
	n := 0
	if s[0] >= '0' && s[0] <= '9' {
		// Decimal: "09" is nine, not a bad octal number as fmt.Sscan reads it.
		n, _ = strconv.Atoi(s)
		return n
	}
	digits := map[rune]int{'〇': 0, '零': 0, '○': 0, 'Ｏ': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	rs := []rune(s)
	if len(rs) == 4 {
		for _, r := range rs {
			n = n*10 + digits[r]
		}
		return n
	}
	// 十, 十二, 二十, 二十一
	tens, ones := 0, 0
	if i := strings.IndexRune(s, '十'); i >= 0 {
		tens = 1
		if i > 0 {
			tens = digits[[]rune(s[:i])[0]]
		}
		if rest := []rune(s[i+len("十"):]); len(rest) > 0 {
			ones = digits[rest[0]]
		}
		return tens*10 + ones
	}
	return digits[rs[0]]
}

// runeDiff shows where two texts first differ.
func runeDiff(want, got string) string {
	w, g := []rune(want), []rune(got)
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	lo := max(0, i-20)
	return fmt.Sprintf("at character %d:\n  source   …%s\n  rendered …%s", i, string(w[lo:min(len(w), i+20)]), string(g[lo:min(len(g), i+20)]))
}

package report

import (
	"regexp"
	"strings"
)

var (
	reCC      = regexp.MustCompile(`^抄\s*送\s*[：:]\s*(.+)$`)
	rePrinted = regexp.MustCompile(`^(.*?)\s*((?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零○Ｏ一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日|\d{4}-\d{1,2}-\d{1,2}))\s*印\s*发$`)
	// 附注 such as （此件公开发布） or （联系人：…） stand below the date.
	reNote = regexp.MustCompile(`^[（(]\s*(?:此件|联系人|本件)`)
)

// tail reads the signature block at the end (issuers, 成文日期, 抄送, 印发)
// and returns the index just past the last body line. Notes below the date
// stay in the body, after the last section.
func (p *parser) tail(start int) int {
	d := p.doc
	end := len(p.ls)
	var notes []line
	sawDate := false
	for end > start {
		l := p.ls[end-1]
		s := l.text
		switch {
		case isDateLine(s):
			if sawDate {
				return p.endTail(end, notes)
			}
			iso, _, _, _ := findDate(s)
			p.setDate(l, iso)
			sawDate = true
			p.mark(l, RoleMeta, "date")
		case rePrinted.MatchString(s):
			m := rePrinted.FindStringSubmatch(s)
			iso, _, _, _ := findDate(m[2])
			d.Printer, d.Printed = strings.TrimFunc(m[1], isIndent), iso
			p.mark(l, RoleMeta, "printed")
		case reCC.MatchString(s):
			m := reCC.FindStringSubmatch(s)
			d.CC = splitCC(m[1])
			p.mark(l, RoleMeta, "cc")
		case reNote.MatchString(s) && !sawDate:
			notes = append([]line{l}, notes...)
		case isChrome(s) && !sawDate:
			p.chrome(l)
		default:
			names, ok := p.signatureLine(l)
			if !ok {
				return p.endTail(end, notes)
			}
			p.addSignatureIssuers(names)
			p.mark(l, RoleMeta, "signature")
		}
		end--
	}
	return p.endTail(end, notes)
}

// endTail keeps the notes found below the signature: they are body text,
// read after the last section.
func (p *parser) endTail(end int, notes []line) int {
	p.notes = notes
	return end
}

// signatureLine reads an issuer line of the signature, with or without the
// date on the same line ("重庆市XX镇人民政府  2022年1月10日").
func (p *parser) signatureLine(l line) ([]string, bool) {
	s := l.text
	if iso, a, b, ok := findDate(s); ok && strings.TrimFunc(s[b:], isIndent) == "" && a > 0 {
		names, isIssuers := isIssuerLine(strings.TrimFunc(s[:a], isIndent))
		if !isIssuers {
			return nil, false
		}
		p.setDate(l, iso)
		return names, true
	}
	return isIssuerLine(s)
}

func (p *parser) setDate(l line, iso string) {
	d := p.doc
	switch {
	case d.Date == "":
		d.Date = iso
	case d.Date != iso:
		p.warn(l.no, "the signature date %s differs from the 成文日期 %s given earlier; keeping %s", iso, d.Date, d.Date)
	}
}

// addSignatureIssuers records the issuers of the signature; they are the
// report's issuers when the title block named none.
func (p *parser) addSignatureIssuers(names []string) {
	if len(p.doc.Issuers) == 0 {
		p.addIssuers(names)
	}
}

// splitCC splits a 抄送 list ("县委依法治县办，县司法局。").
func splitCC(s string) []string {
	s = strings.TrimRight(strings.TrimFunc(s, isIndent), "。.")
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == '，' || r == ',' || r == '、' || r == '；' || r == ';' }) {
		if f = strings.TrimFunc(f, isIndent); f != "" {
			out = append(out, f)
		}
	}
	return out
}

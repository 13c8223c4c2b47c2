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

// maxTrailer is how many lines may follow the signature date (抄送, 印发,
// 附注, page chrome) for it to be found.
const maxTrailer = 12

// tail reads the signature block at the end (issuers, 成文日期, 抄送, 印发)
// and returns the index just past the last body line. 附注 and text that
// follows the signature but is not page chrome stay in the body, after the
// last section: no text of the report is dropped.
func (p *parser) tail(start int) int {
	k := p.signatureDate(start)
	if k < 0 {
		return p.tailWithoutDate(start)
	}
	for _, l := range p.ls[k+1:] {
		switch {
		case p.trailerMeta(l):
		case reNote.MatchString(l.text):
			p.after = append(p.after, l)
		case p.metadataLine(l):
			// Portals repeat the metadata below the article.
		case isChrome(l.text) || isFooter(l.text):
			p.chrome(l)
		default:
			p.after = append(p.after, l)
			p.warn(l.no, "落款后有一段文字（%q），已放在正文末尾：请对照原件核对；不属于报告的，请从导入后的 Markdown 文件中删去", clip(l.text, 30))
		}
	}
	end := k
	for end > start {
		l := p.ls[end-1]
		names, ok := isIssuerLine(l.text)
		if !ok {
			break
		}
		p.addSignatureIssuers(names)
		p.mark(l, RoleMeta, "signature")
		end--
	}
	return end
}

// signatureDate finds the 成文日期 of the signature: the last line that is a
// date, alone or after the issuer, followed only by what may stand below a
// signature. It marks the line and returns its index, or -1.
func (p *parser) signatureDate(start int) int {
	for j := len(p.ls) - 1; j >= start && j >= len(p.ls)-1-maxTrailer; j-- {
		l := p.ls[j]
		s := l.text
		if isDateLine(s) {
			iso, _, _, _ := findDate(s)
			p.setDate(l, iso)
			p.mark(l, RoleMeta, "date")
			return j
		}
		if names, iso, ok := signatureWithDate(s); ok {
			p.setDate(l, iso)
			p.addSignatureIssuers(names)
			p.mark(l, RoleMeta, "signature")
			return j
		}
		// A paragraph or a numbered line is body text: the signature, if
		// any, has no date.
		if _, numbered := parseMarker(s); numbered || runesOver(s, 80) {
			return -1
		}
	}
	return -1
}

// tailWithoutDate reads the end of a report whose signature has no date:
// trailing chrome, 抄送, 印发, and issuer lines.
func (p *parser) tailWithoutDate(start int) int {
	end := len(p.ls)
	for end > start {
		l := p.ls[end-1]
		switch {
		case p.trailerMeta(l):
		case isFooter(l.text) || isChrome(l.text) && !reNote.MatchString(l.text):
			p.chrome(l)
		default:
			names, ok := isIssuerLine(l.text)
			if !ok {
				return end
			}
			p.addSignatureIssuers(names)
			p.mark(l, RoleMeta, "signature")
		}
		end--
	}
	return end
}

// trailerMeta reads a 抄送 or 印发 line.
func (p *parser) trailerMeta(l line) bool {
	d := p.doc
	s := l.text
	if m := rePrinted.FindStringSubmatch(s); m != nil {
		iso, _, _, _ := findDate(m[2])
		d.Printer, d.Printed = strings.TrimFunc(m[1], isIndent), iso
		p.mark(l, RoleMeta, "printed")
		return true
	}
	if m := reCC.FindStringSubmatch(s); m != nil {
		d.CC = append(d.CC, splitCC(m[1])...)
		p.mark(l, RoleMeta, "cc")
		return true
	}
	return false
}

// signatureWithDate reads a signature line that ends in the date
// ("重庆市XX镇人民政府  2022年1月10日").
func signatureWithDate(s string) ([]string, string, bool) {
	iso, a, b, ok := findDate(s)
	if !ok || a == 0 || strings.TrimFunc(s[b:], isIndent) != "" {
		return nil, "", false
	}
	names, isIssuers := isIssuerLine(strings.TrimFunc(s[:a], isIndent))
	return names, iso, isIssuers
}

func (p *parser) setDate(l line, iso string) {
	d := p.doc
	switch {
	case d.Date == "":
		d.Date = iso
	case d.Date != iso:
		p.warn(l.no, "落款日期 %s 与前面写的成文日期 %s 不一致，采用了 %s：请对照原件核对，需要时改正导入后的 Markdown 文件开头的 date:", iso, d.Date, d.Date)
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

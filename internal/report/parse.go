package report

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Parse reads one raw report. It returns an *Error when the input cannot be
// imported (empty, binary, not a report); otherwise problems that did not
// stop the import are in Document.Warnings.
func Parse(data []byte) (*Document, error) {
	text, enc, err := Decode(data)
	if err != nil {
		if e, ok := err.(*Error); ok {
			return nil, e
		}
		return nil, &Error{Msg: err.Error()}
	}
	doc := &Document{Encoding: enc}
	ls := splitLines(text, doc)
	ls = splitRunTogether(ls, doc)
	p := &parser{doc: doc, ls: nonBlank(ls)}
	p.role = make(map[lineKey]LineRole, len(p.ls))
	start := p.head()
	end := p.tail(start)
	p.separate = map[lineKey]bool{}
	for _, l := range p.pre {
		p.separate[l.key()] = true
	}
	for _, l := range p.after {
		p.separate[l.key()] = true
	}
	if start < end {
		p.separate[p.ls[start].key()] = true
	}
	p.body(start, end)
	p.finish()
	if err := p.check(); err != nil {
		return nil, err
	}
	return doc, nil
}

// parser holds the state of one Parse.
type parser struct {
	doc  *Document
	ls   []line // non-blank lines
	role map[lineKey]LineRole
	// titleLines holds the title as read, with and without its issuer
	// prefix, so that a later copy of it (portals repeat it) is recognised.
	titleLines []string
	// pre holds text before the title that is not recognised chrome; after
	// holds 附注 and unrecognised text below the signature. Both stay in the
	// body, each line a paragraph of its own.
	pre, after []line
	// separate holds the lines that start a paragraph whatever ends the
	// one before: the kept lines above and the first line of the body.
	separate map[lineKey]bool
}

func (p *parser) mark(l line, role Role, field string) {
	p.role[l.key()] = LineRole{Line: l.no, Part: l.part, Role: role, Field: field, Text: l.text}
}

func (p *parser) warn(lineNo int, format string, args ...any) {
	p.doc.Warnings = append(p.doc.Warnings, Diagnostic{Line: lineNo, Msg: fmt.Sprintf(format, args...)})
}

// reDocHeader is a 发文机关标志 in the red-header form: "XX镇人民政府文件".
var reDocHeader = regexp.MustCompile(`^(.{2,80}?)\s*文件$`)

// head reads the title block (portal chrome, metadata, 发文字号, issuers, title,
// recipient) and returns the index of the first body line.
func (p *parser) head() int {
	d := p.doc
	// Issuer lines are held until the next line says what they are: the
	// first lines of the title, the 发文机关 above a recipient, or, above
	// page chrome or a metadata block, the site's name in the page header.
	var pending []line
	banner := func() {
		for _, l := range pending {
			p.chrome(l)
		}
		pending = nil
	}
	i := 0
	for ; i < len(p.ls); i++ {
		l := p.ls[i]
		s := l.text
		beforeTitle := len(p.titleLines) == 0 && d.Recipient == ""
		if beforeTitle && isChrome(s) {
			banner()
			p.chrome(l)
			continue
		}
		if n := p.metadata(i); n > 0 {
			banner()
			i += n - 1
			continue
		}
		if num, signer, ok := splitDocNumberLine(s); ok && d.Recipient == "" {
			p.flushIssuers(pending)
			pending = nil
			d.DocNumber = num
			if signer != "" {
				d.Signer = signer
			}
			p.mark(l, RoleMeta, "doc_number")
			continue
		}
		if m := reSigner.FindStringSubmatch(s); m != nil && d.Recipient == "" {
			d.Signer = strings.TrimFunc(m[1], isIndent)
			p.mark(l, RoleMeta, "signer")
			continue
		}
		if p.isRepeatedTitle(s) {
			d.Repairs = append(d.Repairs, Repair{Line: l.no, Kind: RepairRepeatedTitle, Text: s})
			p.mark(l, RoleRepeated, "")
			continue
		}
		if m := reDocHeader.FindStringSubmatch(s); m != nil && beforeTitle {
			if names, ok := isIssuerLine(m[1]); ok {
				p.addIssuers(names)
				p.mark(l, RoleMeta, "issuer")
				continue
			}
		}
		if _, ok := isIssuerLine(s); ok && len(p.titleLines) == 0 {
			pending = append(pending, l)
			continue
		}
		if len(p.titleLines) == 0 && isTitleStart(s) {
			i = p.title(i, pending)
			pending = nil
			continue
		}
		if name, ok := isRecipientLine(s); ok && d.Recipient == "" {
			p.flushIssuers(pending)
			pending = nil
			d.Recipient = name
			p.mark(l, RoleMeta, "recipient")
			continue
		}
		// Unrecognised text before the title: if a title follows shortly,
		// this is page text we do not know; keep it, and say so.
		if beforeTitle && p.titleAhead(i) {
			p.flushIssuers(pending)
			pending = nil
			p.pre = append(p.pre, l)
			p.warn(l.no, "text before the title kept at the start of the body: %q", clip(s, 30))
			continue
		}
		break
	}
	p.flushIssuers(pending)
	return i
}

// maxMetaRow is the longest row of labels a metadata table has, in bytes.
const maxMetaRow = 300

// metadata reads a portal metadata block at line i, labelled ("索引号：…")
// or laid out as a row of labels over a row of values, and returns how many
// lines it took (0 when line i is not metadata).
func (p *parser) metadata(i int) int {
	d := p.doc
	l := p.ls[i]
	s := l.text
	if pairs, ok := parseMetaLine(s); ok {
		p.applyMeta(l, pairs)
		return 1
	}
	if i+1 < len(p.ls) && len(s) <= maxMetaRow && (reMetaLabelOnly.MatchString(strings.Join(strings.Fields(s), "")) || len(splitCells(s)) > 1) {
		if pairs, ok := parseMetaTable(s, p.ls[i+1].text); ok {
			p.applyMeta(l, pairs)
			p.applyMeta(p.ls[i+1], nil)
			return 2
		}
	}
	if d.IndexNumber == "" && reIndexNumber.MatchString(s) {
		d.IndexNumber = s
		p.mark(l, RoleMeta, "index_number")
		return 1
	}
	return 0
}

// isRepeatedTitle reports whether s repeats the title already read.
func (p *parser) isRepeatedTitle(s string) bool {
	if len(p.titleLines) == 0 {
		return false
	}
	c := closeLetterSpacing(s)
	for _, t := range p.titleLines {
		if c == t {
			return true
		}
	}
	return false
}

// chrome marks a line as removed portal chrome.
func (p *parser) chrome(l line) {
	p.doc.Repairs = append(p.doc.Repairs, Repair{Line: l.no, Kind: RepairChrome, Text: l.text})
	p.mark(l, RoleRemoved, "")
}

// applyMeta fills document elements from metadata pairs; pairs the site does
// not keep (主题分类, 有效性 …) are portal chrome.
func (p *parser) applyMeta(l line, pairs []metaPair) {
	d := p.doc
	kept := false
	for _, m := range pairs {
		v := m.value
		if v == "" {
			continue
		}
		switch m.field {
		case "index_number":
			if d.IndexNumber == "" {
				d.IndexNumber = v
			}
		case "issuer":
			if len(d.Issuers) == 0 {
				d.Issuers = splitIssuers(v)
			}
		case "doc_number":
			if d.DocNumber == "" && v != "无" {
				d.DocNumber = v
			}
		case "date":
			if iso, _, _, ok := findDate(v); ok && d.Date == "" {
				d.Date = iso
			}
		case "published":
			if iso, _, _, ok := findDate(v); ok && d.Published == "" {
				d.Published = iso
			}
		case "title":
			if len(p.titleLines) == 0 {
				p.titleLines = []string{v}
				d.Title = v
			}
		default:
			continue
		}
		kept = true
	}
	if kept || pairs == nil {
		p.mark(l, RoleMeta, "metadata")
		return
	}
	p.chrome(l)
}

// splitIssuers splits joint issuers written on one line or joined with 、.
func splitIssuers(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == '、' || isIndent(r) }) {
		out = append(out, f)
	}
	return out
}

// flushIssuers records issuer lines that stood on their own (a 发文机关标志),
// not as the first line of the title.
func (p *parser) flushIssuers(ls []line) {
	for _, l := range ls {
		names, _ := isIssuerLine(l.text)
		p.addIssuers(names)
		p.mark(l, RoleMeta, "issuer")
	}
}

func (p *parser) addIssuers(names []string) {
	for _, n := range names {
		dup := false
		for _, have := range p.doc.Issuers {
			dup = dup || have == n
		}
		if !dup {
			p.doc.Issuers = append(p.doc.Issuers, n)
		}
	}
}

// title reads a title starting at line i, preceded by issuer lines that are
// its first line(s), and returns the index of its last line.
func (p *parser) title(i int, issuers []line) int {
	d := p.doc
	var parts []string
	for _, l := range issuers {
		names, _ := isIssuerLine(l.text)
		p.addIssuers(names)
		p.mark(l, RoleMeta, "title")
		parts = append(parts, strings.Join(names, " "))
	}
	issuerPart := strings.Join(parts, " ")
	// The title ends on the first line that ends like one; a title that
	// never does is one line long.
	last := i
	for j := i; j < len(p.ls) && j < i+4; j++ {
		s := p.ls[j].text
		if j > i && (utf8.RuneCountInString(s) > 60 || strings.ContainsAny(s, "。：:；;") || isChrome(s)) {
			break
		}
		if endsTitle(s) {
			last = j
			break
		}
	}
	var lines []string
	for j := i; j <= last; j++ {
		s := p.ls[j].text
		closed := closeLetterSpacing(s)
		if closed != s {
			d.Repairs = append(d.Repairs, Repair{Line: p.ls[j].no, Kind: RepairLetterSpacing, Text: s})
		}
		lines = append(lines, closed)
		p.mark(p.ls[j], RoleMeta, "title")
	}
	title := strings.Join(lines, "")
	if len(d.Issuers) == 0 {
		if iss := titleIssuer(title); iss != "" {
			p.addIssuers([]string{iss})
		}
	}
	p.titleLines = []string{title}
	if issuerPart != "" {
		title = issuerPart + title
		p.titleLines = append(p.titleLines, title)
	}
	d.Title = title
	return last
}

// titleAhead reports whether a title line follows within a few lines of i.
func (p *parser) titleAhead(i int) bool {
	for j := i + 1; j < len(p.ls) && j <= i+12; j++ {
		s := p.ls[j].text
		if isTitleStart(s) {
			return true
		}
		if _, _, ok := splitDocNumberLine(s); ok {
			return true
		}
		if _, ok := isIssuerLine(s); ok {
			return true
		}
		if _, ok := parseMetaLine(s); ok {
			return true
		}
	}
	return false
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

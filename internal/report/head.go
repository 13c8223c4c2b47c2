package report

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// The title block: everything above the body. Portal chrome and metadata,
// the 发文字号 and 签发人, the issuing bodies, the title (one line or several,
// with or without the issuers above it) and the 主送机关.

// reDocHeader is a 发文机关标志 in the red-header form: "XX镇人民政府文件".
var reDocHeader = regexp.MustCompile(`^(.{2,80}?)\s*文件$`)

func docHeaderOf(s string) []string {
	if !strings.HasSuffix(s, "文件") {
		return nil
	}
	return reDocHeader.FindStringSubmatch(s)
}

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
	titled := p.titleState()
	i := 0
	for ; i < len(p.ls); i++ {
		l := p.ls[i]
		s := l.text
		beforeTitle := len(p.titleLines) == 0 && d.Recipient == ""
		if n := p.pageLine(i, beforeTitle, banner); n > 0 {
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
		if m := signerOf(s); m != nil && d.Recipient == "" {
			d.Signer = strings.TrimFunc(m[1], isIndent)
			p.mark(l, RoleMeta, "signer")
			continue
		}
		if next, ok := p.titleLine(i, beforeTitle, &pending, &titled); ok {
			i = next
			continue
		}
		name, ok := isRecipientLine(s)
		if !ok && !beforeTitle && strings.ContainsAny(s, "、，,") {
			// Written without its colon ("宣州区委、区政府"), a line under
			// the title that names two organs and nothing else is the
			// recipient too.
			name, ok = isRecipientLine(s + "：")
		}
		if ok && d.Recipient == "" {
			p.flushIssuers(pending)
			pending = nil
			d.Recipient = name
			p.mark(l, RoleMeta, "recipient")
			continue
		}
		// A short line between the title and the recipient that is not
		// known ("2021年12月03日 来源: 上海普陀") is kept, and said so.
		if !beforeTitle && d.Recipient == "" && p.recipientAhead(i) {
			p.flushIssuers(pending)
			pending = nil
			p.pre = append(p.pre, l)
			p.warn(l.no, "标题和主送机关之间有一段文字（%q），已放在正文开头：请对照原件核对；不属于报告的，请从导入后的 Markdown 文件中删去", clip(s, 30))
			continue
		}
		// The portal's cells under the title with their labels lost
		// ("主动公开", "无", the publisher, a date) are its metadata too.
		if !beforeTitle && d.Recipient == "" {
			if n := p.unlabelledMeta(i); n > 0 {
				for _, l := range p.ls[i : i+n] {
					p.guess(l)
				}
				i += n - 1
				continue
			}
		}
		// A short line above the page's breadcrumb, widgets or metadata
		// block is the page header (the site's name, its menu), not the
		// report.
		if beforeTitle && p.headerAhead(i) {
			p.guess(l)
			continue
		}
		// Unrecognised text before the title: if a title follows shortly,
		// this is page text we do not know; keep it, and say so.
		if beforeTitle && p.titleAhead(i) {
			p.flushIssuers(pending)
			pending = nil
			p.pre = append(p.pre, l)
			p.warn(l.no, "标题前有一段文字（%q），已放在正文开头：请对照原件核对；不属于报告的，请从导入后的 Markdown 文件中删去", clip(s, 30))
			continue
		}
		break
	}
	p.flushIssuers(pending)
	if n := len(p.guessed); n > 0 {
		var texts []string
		for _, l := range p.guessed[:min(n, 3)] {
			texts = append(texts, fmt.Sprintf("%q", clip(strings.TrimLeft(l.text, " "), 15)))
		}
		more := ""
		if n > 3 {
			more = "等"
		}
		p.warn(p.guessed[0].no, "有 %d 行按位置看作网页上的内容（页头、导航或没有栏目名称的信息栏：%s%s），没有放进正文：请对照原件核对；其中如有报告的文字，请补进导入后的 Markdown 文件", n, strings.Join(texts, "、"), more)
	}
	return i
}

// guess removes a line taken for the page by where it stands, and keeps
// it for the warning that names such lines.
func (p *parser) guess(l line) {
	p.chrome(l)
	p.guessed = append(p.guessed, l)
}

// givesField reports whether s is a portal metadata line that gives a
// value the report keeps (a date, an index number).
func givesField(s string) bool {
	pairs, ok := parseMetaLine(s)
	for _, m := range pairs {
		if ok && m.known && m.field != "" && m.field != "source" && m.value != "" {
			return true
		}
	}
	return false
}

// metadataLine reads a labelled metadata line ("索引号：… 发布机构：…").
func (p *parser) metadataLine(l line) bool {
	pairs, ok := parseMetaLine(l.text)
	if ok {
		p.applyMeta(pairs, l)
	}
	return ok
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
	var next line
	if i+1 < len(p.ls) {
		next = p.ls[i+1]
	}
	if pairs, ok := parseMetaLine(s); ok {
		// A label alone ("成文日期：") has its value on the next line.
		if len(pairs) == 1 && pairs[0].value == "" && pairs[0].widget == len(s) && isMetaValueLine(next.text) {
			pairs[0].value = next.text
			p.applyMeta(pairs, l, next)
			return 2
		}
		return p.metaLine(i, pairs)
	}
	closed := strings.Join(strings.Fields(s), "")
	lone := reMetaLabelOnly.MatchString(closed)
	// A label alone over another label, in a list that gives each label
	// and its value a line ("索引号" / "文  号" / "2025"), is a field left
	// empty.
	if lone && reMetaLabelOnly.MatchString(strings.Join(strings.Fields(next.text), "")) {
		p.chrome(l)
		return 1
	}
	if next.text != "" && len(s) <= maxMetaRow && (lone || len(splitCells(s)) > 1) {
		row := s
		if lone {
			row = closed // a lone label letter-spaced ("文  号") is one cell
		}
		if pairs, ok := parseMetaTable(row, next.text); ok {
			p.applyMeta(pairs, l, next)
			return 2
		}
	}
	// An index number stands out by its form, even where a list lost its
	// label ("• 11500224691216248X/2026-00002").
	if v := strings.TrimLeftFunc(s, isCellMark); d.IndexNumber == "" && reIndexNumber.MatchString(v) {
		d.IndexNumber = v
		p.mark(l, RoleMeta, "index_number")
		bullet := func(t, item string) bool { return strings.ContainsAny(t[:len(t)-len(item)], "•·-－*") }
		if !bullet(s, v) {
			return 1
		}
		// The items after it in the same list lost their labels too
		// ("• 法制", "• 铜梁区双山镇", "• 2026-01-27"): which is which is not
		// known, so none gives a field.
		n := 1
		for ; i+n < len(p.ls); n++ {
			t := p.ls[i+n].text
			item := strings.TrimLeftFunc(t, isCellMark)
			if !bullet(t, item) || item == "" || runesOver(item, 30) || strings.ContainsAny(item, "。；;，,") || isTitleStart(item) {
				break
			}
			p.guess(p.ls[i+n])
		}
		return n
	}
	return 0
}

// isRepeatedTitle reports whether s repeats the title already read.
func (p *parser) isRepeatedTitle(s string) bool {
	if len(p.titleLines) == 0 || len(s) > 2*len(p.titleLines[len(p.titleLines)-1]) {
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

// isCutTitle reports whether s is a copy of the title cut short
// (券桥镇2022年度法治政府建设 under 券桥镇2022年度法治政府建设工作报告): two thirds
// of it or more, as it starts.
func (p *parser) isCutTitle(s string) bool {
	c := closeLetterSpacing(s)
	whole := strings.Join(p.titleLines, "")
	return len(p.titleLines) > 0 && len(c) < len(whole) && 3*len(c) >= 2*len(whole) && strings.HasPrefix(whole, c)
}

// repeatedTitleAt returns how many lines from line i repeat the title
// broken otherwise than the title was (a page's name for the report on one
// line, the document's title over two: 2024年度浦东新区川沙新镇人民政府 /
// 法治政府建设情况报告): two or three lines that together read as the title
// or one of its lines; 0 when they do not.
func (p *parser) repeatedTitleAt(i int) int {
	if len(p.titleLines) == 0 {
		return 0
	}
	whole := strings.Join(p.titleLines, "")
	joined := closeLetterSpacing(p.ls[i].text)
	for j := i + 1; j < len(p.ls) && j <= i+2; j++ {
		joined += closeLetterSpacing(p.ls[j].text)
		if len(joined) > len(whole) {
			return 0
		}
		if joined == whole || slices.Contains(p.titleLines, joined) {
			return j - i + 1
		}
	}
	return 0
}

// chrome marks a line as removed portal chrome.
func (p *parser) chrome(l line) {
	p.doc.Repairs = append(p.doc.Repairs, Repair{Line: l.no, Kind: RepairChrome, Text: l.text})
	p.mark(l, RoleRemoved, "")
}

// applyMeta fills document elements from metadata pairs read from lines;
// lines whose pairs the site does not keep (主题分类, 有效性 …) are portal
// chrome.
func (p *parser) applyMeta(pairs []metaPair, ls ...line) {
	d := p.doc
	kept := false
	for _, m := range pairs {
		v := m.value
		if emptyValue(m.field, v) {
			continue
		}
		switch m.field {
		case "index_number":
			if d.IndexNumber == "" {
				d.IndexNumber = v
			}
		case "issuer":
			// The portal's 发布机构 is who published the page: the issuer
			// only when the report names none itself (finish decides).
			if len(p.portalIssuers) == 0 {
				p.portalIssuers = splitIssuers(v)
				if len(pairs) == 1 {
					p.portalIssuerLines = ls
				}
			}
		case "doc_number":
			if d.DocNumber == "" {
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
		case "source":
			if d.PortalSource == "" {
				d.PortalSource = v
			}
			continue // the page's source is no element of the report
		case "title":
			if len(p.titleLines) == 0 {
				p.titleLines = []string{v}
				d.Title = v
				if len(d.Issuers) == 0 {
					p.addIssuers(titleIssuers(v))
				}
			}
		default:
			continue
		}
		kept = true
	}
	for _, l := range ls {
		if kept {
			p.mark(l, RoleMeta, "metadata")
		} else {
			p.chrome(l)
		}
	}
}

// splitIssuers splits joint issuers written on one line or joined with 、.
func splitIssuers(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == '、' || isIndent(r) })
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
		if j > i && (runesOver(s, 60) || strings.ContainsAny(s, "。：:；;") || isChrome(s)) {
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
	p.titleFrom, p.titleTo = i, last
	if len(d.Issuers) == 0 {
		// From the title as written: the space between joint issuers
		// on one line separates them.
		names := titleIssuers(p.ls[i].text)
		if len(names) == 0 {
			if iss := titleIssuer(title); iss != "" {
				names = []string{iss}
			}
		}
		p.addIssuers(names)
	}
	p.titleLines = []string{title}
	// Issuer lines above the title begin it (七塘镇人民政府 / 关于2023年度…
	// 的报告), unless the title begins with the township they name
	// (中共石鼻镇委员会 石鼻镇人民政府 / 石鼻镇2024年…报告): then they only
	// issue it.
	if issuerPart != "" {
		p.titleLines = append(p.titleLines, issuerPart+title)
		if m := reTitleTown.FindString(title); m == "" || !strings.Contains(issuerPart, m) {
			title = issuerPart + title
		}
	}
	p.titleLines = append(p.titleLines, p.pageTitles...)
	d.Title = title
	return last
}

// rePageDate is the line a portal prints under a title: a date with its
// time of day, or before 来源 and the other fields of the page
// ("2021年12月03日 来源: 上海普陀", "2024-12-12 10:31").
var rePageDate = regexp.MustCompile(`^(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}-\d{1,2}-\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*$|\s+(?:来\s*源|信息来源|浏览|点击|作\s*者|字\s*号))`)

// isPageDateLine reports whether s is the page's date line under a title:
// a bare date there may be the 成文日期 (the tail reads it), a date with
// its time or before 来源 is the page's.
func isPageDateLine(s string) bool {
	return rePageDate.MatchString(s) && !isDateLine(s)
}

// titleLine reads line i as part of the title block: a repeat of the
// title, the 发文机关 of a document header, an issuer line held until the
// next line says what it is (pending), the title itself, or a second title
// that shows the first was the page's own name for the report. It returns
// the last line it took and whether it took any.
func (p *parser) titleLine(i int, beforeTitle bool, pending *[]line, titled *titleState) (int, bool) {
	d := p.doc
	l := p.ls[i]
	s := l.text
	if p.isRepeatedTitle(s) {
		d.Repairs = append(d.Repairs, Repair{Line: l.no, Kind: RepairRepeatedTitle, Text: s})
		p.mark(l, RoleRepeated, "")
		return i, true
	}
	if n := p.repeatedTitleAt(i); n > 0 && d.Recipient == "" {
		for _, l := range p.ls[i : i+n] {
			d.Repairs = append(d.Repairs, Repair{Line: l.no, Kind: RepairRepeatedTitle, Text: l.text})
			p.mark(l, RoleRepeated, "")
		}
		return i + n - 1, true
	}
	if d.Recipient == "" && p.isCutTitle(s) {
		d.Repairs = append(d.Repairs, Repair{Line: l.no, Kind: RepairRepeatedTitle, Text: s})
		p.mark(l, RoleRepeated, "")
		return i, true
	}
	if m := docHeaderOf(s); m != nil && beforeTitle {
		if names, ok := isIssuerLine(m[1]); ok {
			p.addIssuers(names)
			p.mark(l, RoleMeta, "issuer")
			return i, true
		}
	}
	if _, ok := isIssuerLine(s); ok && len(p.titleLines) == 0 {
		*pending = append(*pending, l)
		return i, true
	}
	if len(p.titleLines) == 0 && p.titleAt(i) {
		*titled = p.titleState()
		last := p.title(i, *pending)
		*pending = nil
		return last, true
	}
	// A second, different title before anything of the body: the first was
	// the page's own name for the report (垡头街道2023年度… above
	// 垡头街道2023年…), the second is the document's.
	if len(p.titleLines) > 0 && d.Recipient == "" && len(p.pre) == titled.pre && len(*pending) == 0 && p.titleAt(i) {
		p.dropPageTitle(*titled)
		return p.title(i, nil), true
	}
	return i, false
}

// pageLine reads line i as the page around the report: chrome, a metadata
// block, the page's date by the title. It returns how many lines it took (0
// for none). Chrome or metadata shows that issuer lines held above it were
// the site's name in the page header: it calls header first, which marks
// them so, and the repairs stay in source order.
func (p *parser) pageLine(i int, beforeTitle bool, header func()) int {
	d := p.doc
	l := p.ls[i]
	s := l.text
	// A portal line that gives a field is read, although it starts like a
	// footer ("作者: | 来源:本网 | 时间:2026-01-08 点击数:-").
	if givesField(s) {
		if n := p.metadata(i); n > 0 {
			header()
			return n
		}
	}
	// A bare date above the title is the page's banner date; with no title
	// ahead it may be the report's own, and is left to the tail.
	if beforeTitle && isChrome(s) && (!isDateLine(s) || p.titleAhead(i)) {
		header()
		p.chrome(l)
		return 1
	}
	// Widgets under the title ("字号", "分享到:", "点击数:人次"), before the
	// recipient, are chrome too; a date there is not.
	if !beforeTitle && d.Recipient == "" && isChrome(s) && !isDateLine(s) && !reWeekday.MatchString(s) {
		p.chrome(l)
		return 1
	}
	if n := p.metadata(i); n > 0 {
		header()
		return n
	}
	// A date cut from the end of the title's own line (splitRunTogether)
	// is the page's too.
	besideTitle := l.part > 1 && i > 0 && p.ls[i-1].no == l.no && isDateLine(s)
	if !beforeTitle && d.Recipient == "" && d.Published == "" && (isPageDateLine(s) || besideTitle) {
		d.Published, _, _, _ = findDate(s)
		d.PublishedUnlabelled = true
		p.mark(l, RoleMeta, "published")
		return 1
	}
	return 0
}

// titleAt reports whether a title starts at line i: a line isTitleStart
// accepts, or a short line that the next one or two complete into one
// (柳城县龙头镇2025年法治政府建设 / 年度报告, 浦东新区东明路街道 / 关于…的报告).
func (p *parser) titleAt(i int) bool {
	s := p.ls[i].text
	if isTitleStart(s) {
		return true
	}
	short := func(s string, n int) bool {
		_, numbered := parseMarker(s)
		return !numbered && !runesOver(s, n) && !strings.ContainsAny(s, "。，,；;：:") && !isChrome(s)
	}
	// The first line of a broken title names the township or the report
	// (a "-" or a metadata line above the title is no part of it).
	if !short(s, 40) || endsTitle(s) || !reTitleFirst.MatchString(s) || reFileName.MatchString(s) {
		return false
	}
	if _, meta := parseMetaLine(s); meta {
		return false
	}
	joined := closeLetterSpacing(s)
	for j := i + 1; j < len(p.ls) && j <= i+2; j++ {
		t := p.ls[j].text
		if !short(t, 60) {
			return false
		}
		// Above 关于… only the body that reports stands: 浦东新区东明路街道,
		// never any short line (某某有限公司 is text above the title).
		if j == i+1 && strings.HasPrefix(t, "关于") && !reTitleOrgan.MatchString(joined) {
			return false
		}
		joined += closeLetterSpacing(t)
		if endsTitle(t) {
			return isTitleStart(joined)
		}
	}
	return false
}

// reFileName is the name of an attached or downloaded file, which a page
// prints above the text it holds ("海滨街2020年法治政府建设情况.docx").
var reFileName = regexp.MustCompile(`(?i)\.(?:docx?|wps|pdf|ofd|txt|xlsx?)$`)

// reTitleOrgan is a line that names a body able to report: a township, a
// street, a county or one of their organs.
var reTitleOrgan = regexp.MustCompile(`^\p{Han}{2,30}(?:镇|乡|街道|区|县|市|旗|人民政府|办事处|委员会|党委|党工委)$`)

// reTitleFirst is the first line of a title broken over lines, naming a
// body or the report.
var reTitleFirst = regexp.MustCompile(`^\p{Han}{2,}(?:.*法治.*|.*(?:镇|乡|街道|区|县|市|旗|人民政府|办事处|委员会|党委|党工委))$`)

// reTitleTown is a township named at the start of a title.
var reTitleTown = regexp.MustCompile(`^\p{Han}{1,10}?(?:镇|乡|街道)`)

// titleState is what the parser had before it took a title, to undo it
// when the title proves to be the page's own name for the report.
type titleState struct {
	pre     int // len(p.pre)
	issuers int // len(d.Issuers)
}

// titleState records the state before a title is taken at the current line.
func (p *parser) titleState() titleState {
	return titleState{pre: len(p.pre), issuers: len(p.doc.Issuers)}
}

// dropPageTitle undoes the title taken first: its lines become a repeated
// title, dropped, and the issuers read from it are forgotten. Its text
// stays known, so that a later copy of it is dropped too.
func (p *parser) dropPageTitle(st titleState) {
	d := p.doc
	// A title from the metadata block (文件标题) has no lines of its own.
	for j := p.titleFrom; j >= 0 && j <= p.titleTo; j++ {
		l := p.ls[j]
		d.Repairs = append(d.Repairs, Repair{Line: l.no, Kind: RepairRepeatedTitle, Text: l.text})
		p.mark(l, RoleRepeated, "")
	}
	d.Issuers = d.Issuers[:st.issuers]
	d.PageTitles = append(d.PageTitles, d.Title)
	p.pageTitles = append(p.pageTitles, p.titleLines...)
	p.titleLines = nil
	d.Title = ""
}

// maxHeaderLine is the longest line in runes the page header above a
// breadcrumb holds: a site's name or a menu item, never a sentence.
const maxHeaderLine = 40

// headerAhead reports whether line i, before the title, is part of the
// page header: a short line with no sentence in it, followed, through
// other such lines only, by a breadcrumb, a widget line or a metadata line
// before any title. Everything above those is the page around the report.
func (p *parser) headerAhead(i int) bool {
	short := func(s string) bool {
		return !runesOver(s, maxHeaderLine) && !strings.ContainsAny(s, "。；;，,")
	}
	// A line that may be a title the parser does not know as one (a year,
	// a report's words) is never taken for the header: it stays, with a
	// warning, rather than a report's title be lost.
	if s := p.ls[i].text; !short(s) || p.titleAt(i) || reMayBeTitle.MatchString(s) {
		return false
	}
	for j := i + 1; j < len(p.ls) && j <= i+maxPreTitle; j++ {
		s := p.ls[j].text
		if isChrome(s) && !isDateLine(s) {
			return true
		}
		if _, ok := parseMetaLine(s); ok {
			return true
		}
		if !short(s) || p.titleAt(j) {
			return false
		}
	}
	return false
}

// reMayBeTitle finds what a title has and a page's header has not: a year,
// or the words of a report's name.
var reMayBeTitle = regexp.MustCompile(`(?:19|20)\d{2}|报告|总结|汇报|情况`)

// disclosure are the values of a portal's 公开方式 cell: standing alone on a
// line they are the portal's, never a report's.
var disclosure = map[string]bool{"主动公开": true, "依申请公开": true, "不予公开": true, "不公开": true}

// unlabelledMeta returns how many lines from line i, after the title, are
// the cells of a portal metadata table whose labels were lost: lone values
// (无, 主动公开, 有效, a bare date) and the publisher's name, among them a
// 公开方式 value, which shows whose they are; 0 when they are not. A cover's
// year and month (2024年11月) is the document's own and ends the run.
func (p *parser) unlabelledMeta(i int) int {
	n, public := 0, false
	for j := i; j < len(p.ls); j++ {
		s := p.ls[j].text
		if disclosure[s] {
			public = true
		} else if reMonthOnly.MatchString(s) || !loneValue(s) && (!reTitleOrgan.MatchString(s) || runesOver(s, 30)) {
			break
		}
		n++
	}
	if !public {
		return 0
	}
	return n
}

// maxPreTitle is how far ahead of unrecognised text a title may be for the
// text to count as page text above the report.
const maxPreTitle = 12

// titleAhead reports whether a title block follows within a few lines of
// i, before anything that belongs to the body: a numbered line or a
// paragraph. An issuer line counts only if no date follows it, which would
// make it a signature.
func (p *parser) titleAhead(i int) bool {
	for j := i + 1; j < len(p.ls) && j <= i+maxPreTitle; j++ {
		s := p.ls[j].text
		if _, numbered := parseMarker(s); numbered || runesOver(s, 100) {
			return false
		}
		if isTitleStart(s) {
			return true
		}
		if _, _, ok := splitDocNumberLine(s); ok {
			return true
		}
		if _, ok := isIssuerLine(s); ok && (j+1 >= len(p.ls) || !isDateLine(p.ls[j+1].text)) {
			return true
		}
		if _, ok := parseMetaLine(s); ok {
			return true
		}
	}
	return false
}

// maxBeforeRecipient is how many short lines may stand between the title
// and the recipient line.
const maxBeforeRecipient = 2

// recipientAhead reports whether line i is a short line, not a heading nor
// a sentence, with the recipient line right after it or after one more.
func (p *parser) recipientAhead(i int) bool {
	short := func(s string) bool {
		_, numbered := parseMarker(s)
		return !numbered && !runesOver(s, 60) && !strings.ContainsAny(s, "。；;")
	}
	for j := i; j < len(p.ls) && j <= i+maxBeforeRecipient; j++ {
		s := p.ls[j].text
		if j > i {
			if _, ok := isRecipientLine(s); ok {
				return true
			}
		}
		if !short(s) {
			return false
		}
	}
	return false
}

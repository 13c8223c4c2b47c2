package report

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A year inside a range ("2021-2025年") is not the report year.
var reYearInRange = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)\d{2})\s*年`)

// finish decides the report year, fills the line roles in source order and
// warns about missing elements.
func (p *parser) finish() {
	d := p.doc
	d.Year = p.reportYear()
	p.portalIssuer()

	// Lines in source order: every line read, merged with the page numbers
	// that splitLines removed (already in order).
	removed := d.Lines
	lines := make([]LineRole, 0, len(p.ls)+len(removed))
	k := 0
	for _, l := range p.ls {
		for ; k < len(removed) && removed[k].Line < l.no; k++ {
			lines = append(lines, removed[k])
		}
		r, ok := p.role[l.key()]
		if !ok {
			// Every line is taken by the head, the tail or the body; one
			// that is not would be text lost.
			p.warn(l.no, "internal: line not accounted for: %q", clip(l.text, 30))
			continue
		}
		lines = append(lines, r)
	}
	d.Lines = append(lines, removed[k:]...)
	slices.SortStableFunc(d.Repairs, func(a, b Repair) int { return a.Line - b.Line })

	if d.Title == "" {
		p.warn(0, "没有找到报告标题：请对照原件，在导入后的 Markdown 文件开头写上 title:（标题）")
	}
	if len(d.Issuers) == 0 {
		p.warn(0, "没有找到发文机关（标题部分和落款中都没有）：请对照原件，在导入后的 Markdown 文件开头写上 issuer:（发文机关）")
	}
	if d.Date == "" {
		p.warn(0, "没有找到成文日期：请对照原件，在导入后的 Markdown 文件开头写上 date:（成文日期，如 2022-01-10）")
	}
	if b, ok := p.lastBlock(); ok && b.Kind == Paragraph && !endsSentence(b.Text) {
		p.warn(b.Line, "正文在句子中间结束，文件可能不完整：请对照原件核对结尾；缺了内容的，请向报送单位索取完整的原件")
	}
	sections := 0
	for _, b := range d.Blocks {
		if b.Kind == Heading && b.Level == 1 {
			sections++
		}
	}
	if sections == 0 && len(d.Blocks) > 0 {
		p.warn(0, "没有找到带序号的部分标题（一、二、…），正文按普通段落保留：请对照原件核对；原件有这些标题的，在导入后的 Markdown 文件中把它们写成以“## ”开头的行")
	}
}

// lastBlock returns the last block of the report's own text, before the
// 附注 and other lines kept from below the signature.
func (p *parser) lastBlock() (Block, bool) {
	after := map[int]bool{}
	for _, l := range p.after {
		after[l.no] = true
	}
	for i := len(p.doc.Blocks) - 1; i >= 0; i-- {
		if b := p.doc.Blocks[i]; !after[b.Line] {
			return b, true
		}
	}
	return Block{}, false
}

// reportYear finds the year the report is about: from the title, else the
// first section heading that names a year, else the lead, else the year
// before the signing date, else the caller's hint. All but the title are
// weaker readings: each is said in a warning quoting where it came from,
// and Document.YearFrom records which it was.
func (p *parser) reportYear() int {
	d := p.doc
	if y, ok := yearIn(d.Title); ok {
		d.YearFrom = YearFromTitle
		return y
	}
	for _, b := range d.Blocks {
		if b.Kind == Heading && b.Level == 1 {
			if y, ok := yearIn(b.Text); ok {
				d.YearFrom = YearFromHeading
				p.warn(b.Line, "报告年度 %d 取自第一个部分标题（%q）%s：请对照原件核对年度", y, clip(b.Text, 30), p.otherLeadYear(y))
				return y
			}
			break
		}
	}
	for _, b := range d.Blocks {
		if b.Kind == Heading {
			break
		}
		if y, at, ok := yearAt(b.Text); ok {
			d.YearFrom = YearFromLead
			p.warn(b.Line, "报告年度 %d 取自开头一段（%q）：请对照原件核对年度", y, clip(b.Text[at:], 30))
			return y
		}
	}
	if len(d.Date) == 10 {
		y, _ := strconv.Atoi(d.Date[:4])
		d.YearFrom = YearFromDate
		p.warn(0, "报告年度 %d 是按成文日期 %s 的前一年推定的：请对照原件核对年度", y-1, d.Date)
		return y - 1
	}
	if h := p.hints; h.Year != 0 {
		d.YearFrom = YearFromHint
		p.warn(0, "正文没有写年度，报告年度 %d 取自%s：请对照原件核对年度", h.Year, h.YearSaid)
		return h.Year
	}
	return 0
}

// otherLeadYear says, for the warning, when the opening paragraph's first
// year is not the year a heading gave: the text does not agree with itself,
// and staff should look.
func (p *parser) otherLeadYear(y int) string {
	for _, b := range p.doc.Blocks {
		if b.Kind == Heading {
			break
		}
		if ly, at, ok := yearAt(b.Text); ok {
			if ly == y {
				return ""
			}
			return fmt.Sprintf("，但开头一段先写的是 %d 年（%q）", ly, clip(b.Text[at:], 30))
		}
	}
	return ""
}

// yearIn returns the first year in s that is not the end of a range.
func yearIn(s string) (int, bool) {
	y, _, ok := yearAt(s)
	return y, ok
}

// yearAt is yearIn with the byte offset where the year is written.
func yearAt(s string) (int, int, bool) {
	for _, m := range reYearInRange.FindAllStringSubmatchIndex(s, -1) {
		if m[2] > 0 {
			prev := s[:m[2]]
			if hasSuffixAny(prev, "-", "—", "－", "–", "至", "~", "～") {
				continue
			}
		}
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		return y, m[2], true
	}
	if m := reYearHan.FindStringSubmatchIndex(s); m != nil {
		if y := digitsOrHan(s[m[2]:m[3]]); y >= 1949 && y <= 2100 {
			return y, m[2], true
		}
	}
	return 0, 0, false
}

func hasSuffixAny(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if len(s) >= len(x) && s[len(s)-len(x):] == x {
			return true
		}
	}
	return false
}

// check refuses input that is not a report.
func (p *parser) check() error {
	d := p.doc
	sections := 0
	for _, b := range d.Blocks {
		if b.Kind == Heading && b.Level == 1 {
			sections++
		}
	}
	switch {
	case len(d.Blocks) == 0:
		return &Error{Msg: "没有找到报告正文（文件中只有标题部分，或网页的导航、按钮等文字）：请向报送单位索取完整的报告，或把它移出 sources/"}
	case d.Title == "" && sections == 0:
		return &Error{Msg: "不像是报告（没有“…关于…的报告”“…法治政府建设…报告”这样的标题，也没有带序号的部分标题“一、二、…”）：请确认这是法治政府建设年度报告；不是的，请把它移出 sources/"}
	}
	said, name := p.docName()
	if line, where := p.draft(said, name); where != "" {
		return &Error{Line: line, Msg: fmt.Sprintf("这份文件看来是报告的未定稿（%s），不是正式印发的报告：网站只发布定稿，请向报送单位索取正式的报告，放入 sources/ 替换这份，再运行 go run ./cmd/build", where)}
	}
	if kind := otherKind(name); kind != "" {
		return &Error{Msg: fmt.Sprintf("这份文件看来是%s，不是法治政府建设年度报告（%s“%s”）：这里只发布乡镇（街道）对一年工作的报告或总结；不是的，请把它移出 sources/；是的，请在原件中写上报告的标题（如“…关于2023年度法治政府建设情况的报告”），再运行 go run ./cmd/build", kind, said, clip(name, 40))}
	}
	if lines := p.listOfTitles(); len(lines) > 0 {
		return &Error{Msg: fmt.Sprintf("这份文件看来是网页上的报告列表，不是一份报告（第 %s 行都是报告的标题，文中没有一个句号）：请在网站上打开要导入的那一篇，把报告全文存下来放入 sources/，再把这份移出 sources/，然后运行 go run ./cmd/build", lines)}
	}
	if first, second, ok := p.secondReport(); ok {
		where := fmt.Sprintf("第 %d 行", second.no)
		if first > 0 {
			where = fmt.Sprintf("第 %d 行和第 %d 行各是一份报告的标题", first, second.no)
		} else {
			where += "是另一份报告的标题"
		}
		return &Error{Line: second.no, Msg: fmt.Sprintf("文件里像是有两份报告（%s：“%s”，它后面的部分标题又从“一、”开始）：请把它们分成两个文件，每个文件一份报告，再运行 go run ./cmd/build", where, clip(second.text, 40))}
	}
	if p.coverOnly(sections) {
		return &Error{Msg: fmt.Sprintf("这份文件看来是报送报告的公文（标题是“%s”），只有几句话和附件的名称，报告全文在它的附件里：请把附件（报告全文）放入 sources/，把这份移出 sources/，再运行 go run ./cmd/build", clip(d.Title, 40))}
	}
	if d.Year == 0 {
		return &Error{Msg: "找不到报告年度（标题、各部分标题和开头一段都没有年份，也没有日期），不能作为报告导入：请在标题或文件名中写上年份（如 …2024年…）"}
	}
	return nil
}

// reDraft finds the words by which a document's name says it is not final:
// 白驼镇2023年法治政府建设情况报告（征求意见稿）; reDraftLine, a line of
// these words alone, above or below the title.
var (
	reDraft     = regexp.MustCompile(`征求意见稿|草稿|送审稿|讨论稿|初稿|代拟稿|草案`)
	reDraftLine = regexp.MustCompile(`^[（(]?\s*(?:征求意见稿|草稿|送审稿|讨论稿|初稿|代拟稿|草案)\s*[）)]?$`)
)

// draft says where a document says it is a draft: its name (docName's
// said and name), or a line of its own at the head of the document, down to
// the body's first line (line is then that line's number); "" when it does
// not.
func (p *parser) draft(said, name string) (line int, where string) {
	if reDraft.MatchString(name) {
		return 0, fmt.Sprintf("%s“%s”", said, clip(name, 40))
	}
	for _, l := range p.ls {
		if len(p.doc.Blocks) == 0 || l.no > p.doc.Blocks[0].Line {
			break
		}
		if reDraftLine.MatchString(l.text) {
			return l.no, fmt.Sprintf("这一行写着“%s”", l.text)
		}
	}
	return 0, ""
}

// secondReport finds a second report in the body: a line below the first
// section's heading that is a report's title with its year
// (白驼镇人民政府关于2023年度…的报告), followed by a section 一、, as when two
// years' reports are copied into one file. first is the line of the
// document's own title, 0 when it has none.
func (p *parser) secondReport() (first int, second line, ok bool) {
	d := p.doc
	// Only below the first report's first section: above it, a portal
	// repeats the title, and text kept from before the title opens the body.
	start := slices.IndexFunc(d.Blocks, func(b Block) bool { return b.Kind == Heading && b.Level == 1 })
	if start < 0 {
		return 0, line{}, false
	}
	if p.titleFrom >= 0 && p.titleFrom < len(p.ls) {
		first = p.ls[p.titleFrom].no
	}
	// A title stands at the start of a block: the first source line of
	// each block below the first section is read as written.
	for i, b := range d.Blocks[start+1:] {
		if b.Line <= d.Blocks[start].Line {
			continue // a line cut into pieces: its first piece is above
		}
		k, found := slices.BinarySearchFunc(p.ls, b.Line, func(l line, no int) int { return l.no - no })
		if !found {
			continue
		}
		l := p.ls[k]
		if strings.ContainsAny(l.text, "：:") || !titleWithYear(l.text) {
			continue
		}
		if slices.ContainsFunc(d.Blocks[start+1+i+1:], func(b Block) bool {
			return b.Kind == Heading && b.Level == 1 && strings.HasPrefix(b.Text, "一")
		}) {
			return first, l, true
		}
	}
	return 0, line{}, false
}

// listOfTitles returns the numbers of the lines, joined with 、, when the
// document is a portal's list of reports copied by mistake: three or more
// lines that are report titles with their years, and no sentence anywhere
// in the body; "" otherwise.
func (p *parser) listOfTitles() string {
	var nos []string
	for _, l := range p.ls {
		if titleWithYear(l.text) {
			nos = append(nos, strconv.Itoa(l.no))
		}
	}
	if len(nos) < 3 {
		return ""
	}
	for _, b := range p.doc.Blocks {
		if strings.ContainsAny(b.Text, "。；") {
			return ""
		}
	}
	return strings.Join(nos, "、")
}

// reTitleDateTail is the date a portal's list prints after each title.
var reTitleDateTail = regexp.MustCompile(`\s+(?:19|20)[0-9]{2}[-./年][0-9]{1,2}[-./月][0-9]{1,2}日?$`)

// titleWithYear reports whether line s is a report's title that names its
// year (白驼镇2023年法治政府建设年度报告), a date a portal's list prints after
// it aside. It runs over every line of a report, so the cheap tests come
// first: a title is short, writes its year with 年, and holds a word it ends
// in (endsTitle).
func titleWithYear(s string) bool {
	if len(s) > 300 || !strings.Contains(s, "年") || !(strings.Contains(s, "报") || strings.Contains(s, "总结") || strings.Contains(s, "情况") || strings.Contains(s, "计划")) {
		return false
	}
	s = reTitleDateTail.ReplaceAllString(s, "")
	return reYear.MatchString(s) && isTitleStart(s) && endsTitle(s)
}

// reSending finds the verb of a title that sends a report up rather than
// being it: 关于报送2023年度法治政府建设情况报告的报告.
var reSending = regexp.MustCompile(`报送|呈报|呈送|上报`)

// coverOnly reports whether the document is only the cover of a report
// sent up: a title that sends, no numbered part, a few sentences and an
// 附件. A report titled so whose text follows (关于报送2024年度法治政府建设的
// 报告, with its parts) is the report.
func (p *parser) coverOnly(sections int) bool {
	d := p.doc
	if sections > 0 || !reSending.MatchString(d.Title) {
		return false
	}
	n, annex := 0, false
	for _, b := range d.Blocks {
		n += utf8.RuneCountInString(b.Text)
		annex = annex || strings.HasPrefix(strings.TrimSpace(b.Text), "附件")
	}
	return annex && n < 300
}

// docName is what a document calls itself: its title, or, when none was
// found, its first line, if that is short and no sentence (a plan's
// 白驼镇2024年法治政府建设工作要点 is no report title, and opens the body).
// said names which, for a message.
func (p *parser) docName() (said, name string) {
	d := p.doc
	if d.Title != "" {
		return "标题是", d.Title
	}
	if len(d.Blocks) == 0 {
		return "", ""
	}
	for _, l := range p.ls {
		if l.no == d.Blocks[0].Line {
			if utf8.RuneCountInString(l.text) <= 60 && !strings.ContainsAny(l.text, "。；;，,") {
				return "第一行是", l.text
			}
			break
		}
	}
	return "", ""
}

// The kinds of document a township also publishes on its 法治政府建设 work
// that are no report of a year's work: a plan for the year ahead, a
// programme, a notice, rules, and a leader's own 述法 report. The kind is
// the name's last word, a year range after it aside (…实施方案（2021—2025年）),
// so that a line cut from a sentence that quotes a plan is no plan. A name
// with 报告, 总结 or 汇报 in it is a report (…工作总结和2025年工作计划), but a
// 述法 report only when it is also the 法治（政府）建设 report.
var (
	reReportKind   = regexp.MustCompile(`报告|总结|汇报`)
	reOwnReport    = regexp.MustCompile(`(?:述法|述职)\p{Han}{0,4}报告$`)
	reTrailingNote = regexp.MustCompile(`\s*[（(][^（()）]*[）)]$`)
	otherKinds     = []struct {
		re   *regexp.Regexp
		kind string
	}{
		{regexp.MustCompile(`要点$`), "工作要点"},
		{regexp.MustCompile(`(?:计划|安排|打算)$`), "工作计划"},
		{regexp.MustCompile(`方案$`), "实施方案"},
		{regexp.MustCompile(`(?:规划|纲要)$`), "规划"},
		{regexp.MustCompile(`(?:通知|通报)$`), "通知"},
		{regexp.MustCompile(`(?:意见|办法|细则|制度|规定|清单)$`), "制度文件"},
	}
)

// A summary of part of a year, or of several years, is no annual report
// either, though it says 总结 or 报告: the period is read from the name
// outside its 《》 and brackets, where a report names the programme it
// carries out (关于落实《法治政府建设实施纲要（2021—2025年）》2023年度情况的报告).
var (
	reQuoted     = regexp.MustCompile(`《[^》]*》|（[^）]*）|\([^)]*\)`)
	rePartOfYear = regexp.MustCompile(`上半年|下半年|前三季度|第?[一二三四1-4１-４]季度`)
	reMonths     = regexp.MustCompile(`([0-9]{1,2})\s*(?:-|—|－|–|~|～|至)\s*([0-9]{1,2})\s*月`)
	reYears      = regexp.MustCompile(`(?:19|20)[0-9]{2}\s*(?:年\s*)?(?:-|—|－|–|~|～|至)\s*(?:(?:19|20)?[0-9]{2})\s*年|[三五十]年来|近[三五十]年|十[三四五]五`)
)

// period returns what part-of-a-year or several-year summary name is, or
// "" for a year's.
func period(name string) string {
	name = reQuoted.ReplaceAllString(name, "")
	if rePartOfYear.MatchString(name) {
		return "半年或一个季度的工作总结"
	}
	if m := reMonths.FindStringSubmatch(name); m != nil && (m[1] != "1" || m[2] != "12") {
		return "几个月的工作总结"
	}
	if reYears.MatchString(name) {
		return "几年的工作总结"
	}
	return ""
}

// otherKind returns the kind of document name names when that is no
// report of a year's work, or "".
func otherKind(name string) string {
	name = reTrailingNote.ReplaceAllString(strings.TrimSpace(name), "")
	if reOwnReport.MatchString(name) && !strings.Contains(name, "法治政府建设") && !strings.Contains(name, "法治建设") {
		return "党政负责人个人的述法（述职）报告"
	}
	if kind := period(name); kind != "" {
		return kind
	}
	if reReportKind.MatchString(name) {
		return ""
	}
	for _, k := range otherKinds {
		if k.re.MatchString(name) {
			return k.kind
		}
	}
	return ""
}

// portalIssuer makes the portal's 发布机构 the issuer when neither the title
// block nor the signature names one. Otherwise a 发布机构 the report does not
// name is only who published the page, removed as chrome.
func (p *parser) portalIssuer() {
	d := p.doc
	if len(d.Issuers) == 0 {
		d.Issuers = p.portalIssuers
		d.IssuersFromPortal = len(d.Issuers) > 0
		return
	}
	for _, n := range p.portalIssuers {
		if !slices.Contains(d.Issuers, n) {
			for _, l := range p.portalIssuerLines {
				p.chrome(l)
			}
			return
		}
	}
}

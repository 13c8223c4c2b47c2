package site

import (
	"html/template"
	"path"
	"strconv"
	"strings"

	"nianbao/internal/content"
)

// reportData is a report page.
type reportData struct {
	R *Report
	// Meta is the 公文 metadata table, in the order portals show it.
	Meta []metaRow
	// The 公文 elements shown around the body as the document has them.
	DocNumber, Signer, Recipient string
	Issuers                      []string
	DateCN                       string
	CC                           string
	Printer, Printed             string
	TOC                          []tocNode
	Lead                         template.HTML
	Sections                     []reportSection
	Timeline                     []timelineEntry
	Prev, Next                   *link
	Town                         link
	Markdown                     link
	// Sources are the downloads of the original: the file as received,
	// and for a text original its UTF-8 copy first.
	Sources []link
	// Compare lists every comparison page that includes this report.
	Compare []link
	// Figures are the report's figures of each indicator (主要数据);
	// CountyFigures links to its county's figures page of the year.
	Figures       []figureGroup
	CountyFigures *link
	// Reuse is how much of the text other reports also hold (reuse.go).
	Reuse *reuseShare
}

type metaRow struct{ Label, Value string }

// tocNode is a table of contents entry with the entries below it.
type tocNode struct {
	Text, URL string
	Children  []tocNode
}

type reportSection struct {
	ID, Title, Kind, KindLabel string
	HTML                       template.HTML
	// Links are this section's comparisons.
	Links []link
}

// timelineEntry is a year on a town's timeline; URL is empty for a year
// with no report.
type timelineEntry struct {
	Year    int
	URL     string
	Current bool
}

func (p *pages) report(r *Report) (*page, error) {
	parts, err := p.parts.partsOf(r.entry)
	if err != nil {
		return nil, err
	}
	t := r.Town
	title := reportTitle(r)
	pg := p.newPage(kindReport, reportPath(t.Code, r.Year), title)
	pg.Crumbs = p.crumbs(append(p.townCrumbs(t), link{Text: yearText(r.Year) + "报告"})...)
	pg.Description = p.reportDescription(r)
	pg.Keywords = strings.Join([]string{"法治政府建设年度报告", t.Name, yearText(r.Year), t.County().nameOr("")}, ",")
	label, dated := r.Dated()
	pg.DateLabel, pg.Date = label, dated.String()
	if pg.Date == "" {
		pg.DateLabel, pg.Date = "更新日期", p.view.Updated
	}
	issuer, issuerDerived := reportIssuer(r)
	st, err := p.reuseState()
	if err != nil {
		return nil, err
	}
	notes, err := p.reuseNotes(st, r)
	if err != nil {
		return nil, err
	}
	guide := p.l.href(pathRepeated)
	pg.Article = &article{
		Title:         title,
		PubDate:       r.Newest().pubDate(),
		ContentSource: issuer,
		Keywords:      pg.Keywords,
		Author:        issuer,
		Description:   pg.Description,
		URL:           pg.Canonical,
	}

	d := &reportData{
		R:         r,
		DocNumber: r.Meta.DocNumber,
		Signer:    r.Meta.Signer,
		Recipient: r.Meta.Recipient,
		Issuers:   r.Meta.Issuers,
		DateCN:    r.Date.Chinese(),
		CC:        strings.Join(r.Meta.CC, "，"),
		Printer:   r.Meta.Printer,
		Printed:   r.Meta.Printed,
		Lead:      pg.frag(withNotes(parts.Lead, 0, notes, guide)),
		Town:      link{Text: t.Name + "历年报告", URL: p.l.href(townPath(t.Code))},
		Markdown:  link{Text: "Markdown 文本", URL: p.l.href(reportMarkdownPath(t.Code, r.Year))},
	}
	d.signature(r, issuerDerived)
	if r.Source != "" {
		u := reportSourcePath(t.Code, r.Year, r.Source)
		ext := strings.TrimPrefix(strings.ToUpper(path.Ext(u)), ".")
		if textOriginal(r.Source) {
			d.Sources = append(d.Sources,
				link{Text: "原件文字（TXT，UTF-8 编码，任何设备都能打开）", URL: p.l.href(reportTextPath(t.Code, r.Year))},
				link{Text: "原始文件（TXT，收到时的原样，可能不是 UTF-8 编码）", URL: p.l.href(u)})
		} else {
			d.Sources = append(d.Sources, link{Text: "原始文件（" + ext + "，收到时的原样）", URL: p.l.href(u)})
		}
	}
	d.Meta = reportMeta(r, markDerived(issuer, issuerDerived))
	d.TOC = tocTree(parts.TOC)
	for _, s := range r.Sections {
		rs := reportSection{ID: s.ID, Title: s.Title, Kind: s.Kind, KindLabel: kindLabel(s.Kind),
			HTML: pg.frag(withNotes(parts.Sections[s.Index], int32(s.Index+1), notes, guide))}
		rs.Links = p.sectionLinks(r, s.Kind)
		d.Sections = append(d.Sections, rs)
	}
	d.Timeline = p.timeline(t, r.Year)
	d.Prev, d.Next = p.reportLink(previousReport(t, r.Year)), p.reportLink(nextReport(t, r.Year))
	d.Compare = append(p.reportChanges(r), p.reportComparisons(r)...)
	if d.Reuse, err = p.reuseShareOf(st, r); err != nil {
		return nil, err
	}
	facts, err := p.figuresOf(r, false)
	if err != nil {
		return nil, err
	}
	d.Figures = p.reportFigures(r, facts)
	if c := t.County(); c != nil {
		d.CountyFigures = &link{Text: c.Name + yearText(r.Year) + "各乡镇主要数据对照", URL: p.l.href(figuresPath(c.Code, r.Year))}
	}
	pg.Data = d
	return pg, nil
}

// reportChanges links to the pages setting r against the town's report
// before it and the one after it against r.
func (p *pages) reportChanges(r *Report) []link {
	var out []link
	t := r.Town
	if prev := previousReport(t, r.Year); prev != nil {
		out = append(out, link{Text: "本篇与" + yearText(prev.Year) + "报告相比的变化", URL: p.l.href(changesPath(t.Code, r.Year))})
	}
	if next := nextReport(t, r.Year); next != nil {
		out = append(out, link{Text: yearText(next.Year) + "报告与本篇相比的变化", URL: p.l.href(changesPath(t.Code, next.Year))})
	}
	return out
}

// reportIssuer is the body that sent the report: as written, else its
// township's 人民政府 or 办事处 (content.IssuerOf), which the page says is
// worked out, else the township's full name.
func reportIssuer(r *Report) (issuer string, derived bool) {
	issuer, derived = r.Meta.Issuer, r.Meta.IsDerived("issuer")
	if issuer == "" {
		issuer, derived = content.IssuerOf(r.Town.Name), true
	}
	if issuer == "" {
		issuer = r.Town.FullName()
	}
	return issuer, derived
}

// signature fills the signature block as the report writes it: the issuer
// only when written (a derived one stands, marked, in the metadata table
// alone), the 成文日期 and 印发日期 in Chinese where they parse.
func (d *reportData) signature(r *Report, issuerDerived bool) {
	if len(d.Issuers) == 0 && r.Meta.Issuer != "" && !issuerDerived {
		d.Issuers = []string{r.Meta.Issuer}
	}
	if d.DateCN == "" {
		d.DateCN = r.Meta.Date
	}
	if r.Meta.Printed != "" {
		d.Printed = r.Meta.Printed
		if pd := parseDay(r.Meta.Printed); pd.valid {
			d.Printed = pd.Chinese()
		}
	}
}

// reportLink links to another year's report of the town; nil for none.
func (p *pages) reportLink(r *Report) *link {
	if r == nil {
		return nil
	}
	return &link{Text: yearText(r.Year) + "报告", URL: p.l.href(reportPath(r.Town.Code, r.Year))}
}

func (r *Region) nameOr(def string) string {
	if r == nil {
		return def
	}
	return r.Name
}

func (p *pages) reportDescription(r *Report) string {
	d := r.Town.FullName() + strconv.Itoa(r.Year) + "年法治政府建设年度报告"
	if r.Lead != "" {
		d += "：" + r.Lead
	}
	return d
}

// reportMeta is the metadata table: the elements portals show, with 签发人
// and 主送机关 as these reports have them. The document's two dates are
// always shown, as 未注明 when the source gives none, so that no reader takes
// another date for them; other unknown values are left out.
func reportMeta(r *Report, issuer string) []metaRow {
	label := content.Label // the front matter's one table of fields
	rows := []metaRow{
		{label("index_number"), r.Meta.IndexNumber},
		{label("issuer"), issuer},
		{label("doc_number"), r.Meta.DocNumber},
		{label("signer"), r.Meta.Signer},
		{label("recipient"), r.Meta.Recipient},
		{label("date"), orUnknown(cleanDate(r.Meta.Date))},
		{label("published"), orUnknown(cleanDate(r.Meta.Published))},
		{label("added"), cleanDate(r.Meta.Added)},
		{"主题分类", "法治政府建设年度报告"},
		{label("year"), markDerived(yearText(r.Year)+"度", r.Meta.IsDerived("year"))},
		{"所属地区", markDerived(r.Town.FullName(), r.Meta.IsDerived("county") || r.Meta.IsDerived("city") || r.Meta.IsDerived("province") || r.Meta.IsDerived("town"))},
	}
	out := rows[:0]
	for _, row := range rows {
		if strings.TrimSpace(row.Value) != "" {
			out = append(out, row)
		}
	}
	return out
}

// tocTree nests the flat heading list: a heading's children are the
// headings after it of a deeper level.
func tocTree(hs []content.Heading) []tocNode {
	var build func(i, above int) ([]tocNode, int)
	build = func(i, above int) ([]tocNode, int) {
		var out []tocNode
		for i < len(hs) && hs[i].Level > above {
			h := hs[i]
			n := tocNode{Text: h.Text, URL: sectionFragment(h.ID)}
			n.Children, i = build(i+1, h.Level)
			if h.ID == "" { // a level-1 heading, already reported as a problem
				out = append(out, n.Children...)
				continue
			}
			out = append(out, n)
		}
		return out, i
	}
	out, _ := build(0, 0)
	return out
}

// sectionLinks are the comparisons a section of kind takes part in.
func (p *pages) sectionLinks(r *Report, kind string) []link {
	var out []link
	t := r.Town
	if cp := r.ComparePage(kind); cp != nil {
		out = append(out, link{Text: "与其他乡镇同年度对照", URL: p.l.href(p.comparePagePath(cp)) + "#" + townFragment(t.Code)})
	}
	for _, k := range t.Kinds {
		if k == kind {
			out = append(out, link{Text: "本乡镇历年对照", URL: p.l.href(townKindPath(t.Code, kind)) + "#" + yearFragment(r.Year)})
		}
	}
	for _, y := range t.PlanYears {
		if kind == content.KindPlans && y == r.Year {
			out = append(out, link{Text: "对照" + yearText(y+1) + "落实情况", URL: p.l.href(planPath(t.Code, y))})
		}
		if kind == content.KindMeasures && y+1 == r.Year {
			out = append(out, link{Text: "对照" + yearText(y) + "所作安排", URL: p.l.href(planPath(t.Code, y))})
		}
	}
	return out
}

// reportComparisons lists every comparison page that includes the report.
func (p *pages) reportComparisons(r *Report) []link {
	var out []link
	t := r.Town
	for _, kind := range compareKinds {
		if cp := r.ComparePage(kind); cp != nil {
			out = append(out, link{Text: yearText(r.Year) + "各乡镇“" + kindLabel(kind) + "”对照",
				URL: p.l.href(p.comparePagePath(cp)) + "#" + townFragment(t.Code)})
		}
	}
	for _, kind := range t.Kinds {
		if r.HasKind(kind) {
			out = append(out, link{Text: t.Name + "历年“" + kindLabel(kind) + "”对照",
				URL: p.l.href(townKindPath(t.Code, kind)) + "#" + yearFragment(r.Year)})
		}
	}
	for _, y := range t.PlanYears {
		if y == r.Year || y+1 == r.Year {
			out = append(out, link{Text: yearText(y) + "工作安排与" + yearText(y+1) + "落实对照", URL: p.l.href(planPath(t.Code, y))})
		}
	}
	return out
}

func (p *pages) comparePagePath(cp *ComparePage) string {
	if cp.Region != nil {
		return compareYearKindRegionPath(cp.YearKind.Year, cp.YearKind.Kind, cp.Region.Code)
	}
	return compareYearKindPath(cp.YearKind.Year, cp.YearKind.Kind)
}

// timeline lists every year from the town's first report to its last;
// years without a report have no URL and are shown as not published.
func (p *pages) timeline(t *Town, current int) []timelineEntry {
	var out []timelineEntry
	for y := t.FirstYear(); y <= t.LastYear(); y++ {
		e := timelineEntry{Year: y, Current: y == current}
		if t.Report(y) != nil {
			e.URL = p.l.href(reportPath(t.Code, y))
		}
		out = append(out, e)
	}
	return out
}

func previousReport(t *Town, year int) *Report {
	var prev *Report
	for _, r := range t.Reports {
		if r.Year >= year {
			break
		}
		prev = r
	}
	return prev
}

func nextReport(t *Town, year int) *Report {
	for _, r := range t.Reports {
		if r.Year > year {
			return r
		}
	}
	return nil
}

// unknown is what a page shows for a fact the source does not give.
const unknown = "未注明"

func orUnknown(v string) string {
	if strings.TrimSpace(v) == "" {
		return unknown
	}
	return v
}

// markDerived shows a value the report does not write, worked out from
// the township and the division table, as such.
func markDerived(v string, derived bool) string {
	if derived && v != "" {
		return v + "（推定）"
	}
	return v
}

package site

import (
	"html/template"
	"strconv"
	"strings"

	"nianbao/internal/align"
	"nianbao/internal/content"
)

// The comparison pages align sections and show them; they never score or
// rank. Towns appear in code order, years in calendar order, and each
// section keeps its own heading wording and a link back to the full report.

// compareSection is one report section shown on a comparison page.
type compareSection struct {
	Title string
	// URL is the section within its full report.
	URL  string
	HTML template.HTML
	// Outline are the section's sub-headings, each linking into the full
	// report: what a reader compares at a glance before the texts.
	Outline []link
}

func (p *pages) compareSections(pg *page, r *Report, kind string) ([]compareSection, error) {
	secs := r.SectionsOf(kind)
	if len(secs) == 0 {
		return nil, nil
	}
	parts, err := p.parts.partsOf(r.entry)
	if err != nil {
		return nil, err
	}
	out := make([]compareSection, 0, len(secs))
	report := p.l.href(reportPath(r.Town.Code, r.Year))
	for _, s := range secs {
		cs := compareSection{
			Title: s.Title,
			URL:   report + sectionFragment(s.ID),
			HTML:  pg.frag(content.BareHTML(parts.Sections[s.Index])),
		}
		for _, h := range parts.TOC {
			if h.Level == 3 && strings.HasPrefix(h.ID, s.ID+"-") {
				cs.Outline = append(cs.Outline, link{Text: h.Text, URL: report + sectionFragment(h.ID)})
			}
		}
		out = append(out, cs)
	}
	return out, nil
}

// compareIndexData is the index of comparisons.
type compareIndexData struct {
	Kinds []string
	Rows  []compareIndexRow
	// Towns are the towns with comparisons of their own (a section across
	// their years, plans beside delivery), each linking to its list; when
	// the site has more towns than the home page lists, Counties instead.
	Towns    []compareTownRow
	Counties []link
}

// compareTownRow is one town's own comparisons on the hub.
type compareTownRow struct {
	Town          link
	Region        string
	History, Plan int
}

type compareIndexRow struct {
	Year  int
	Cells []link // one per kind; URL empty when there is no comparison
}

func (p *pages) compareIndex() *page {
	pg := p.newPage(kindCompareIndex, pathCompare, "对照阅读")
	pg.Crumbs = p.crumbs(link{Text: "对照阅读"})
	pg.Nav, pg.SiteUpdated = "compare", p.view.Updated
	pg.Description = "把各乡镇同一年度报告的同一部分并排展示，或把同一乡镇历年的同一部分按年排列，便于对照阅读"
	d := &compareIndexData{}
	for _, k := range compareKinds {
		d.Kinds = append(d.Kinds, kindLabel(k))
	}
	for i := len(p.site.Years) - 1; i >= 0; i-- {
		y := p.site.Years[i]
		row := compareIndexRow{Year: y}
		any := false
		for _, k := range compareKinds {
			cell := link{Text: kindLabel(k)}
			if yk := p.site.YearKind(y, k); yk != nil {
				cell.URL = p.l.href(compareYearKindPath(y, k))
				cell.Note = strconv.Itoa(len(yk.Reports)) + "个乡镇"
				any = true
			}
			row.Cells = append(row.Cells, cell)
		}
		if any {
			d.Rows = append(d.Rows, row)
		}
	}
	if len(p.site.Towns) <= p.set.HomeTownLimit {
		for _, t := range p.site.Towns {
			if len(t.Kinds)+len(t.PlanYears) == 0 {
				continue
			}
			d.Towns = append(d.Towns, compareTownRow{
				Town:    link{Text: t.Name, URL: p.l.href(townPath(t.Code)) + "#cmp-h"},
				Region:  regionLabel(t),
				History: len(t.Kinds), Plan: len(t.PlanYears),
			})
		}
	} else {
		for _, r := range p.site.Regions {
			if r.Level == LevelCounty {
				d.Counties = append(d.Counties, link{Text: r.Name, URL: p.l.href(regionPath(r.Code))})
			}
		}
	}
	pg.Data = d
	return pg
}

// compareYearData is one section kind of one year, side by side.
type compareYearData struct {
	Year       int
	Kind       string
	KindLabel  string
	Region     *Region
	Entries    []compareEntry
	Without    []link
	OtherKinds []link
	OtherYears []link
	// Index links to the list of counties when the year is split.
	Index *link
}

// compareEntry is one block of sections on a comparison page: a town's on
// a year's page, a year's on a town's page.
type compareEntry struct {
	ID string
	// Heading names the block (a town, a year) and links to HeadingURL.
	Heading, HeadingURL string
	// Region and Date describe the report the sections come from;
	// DateLabel names Date (Report.Dated).
	Region, DateLabel, Date string
	// ReportURL and ReportText link to the full report.
	ReportURL, ReportText string
	Sections              []compareSection
	// Note says why an entry has no sections: a year with no report, or a
	// report without a section of the kind.
	Note string
}

func (p *pages) compareEntry(pg *page, r *Report, kind string) (compareEntry, error) {
	secs, err := p.compareSections(pg, r, kind)
	label, d := r.Dated()
	return compareEntry{
		ID: townFragment(r.Town.Code), Heading: r.Town.Name, HeadingURL: p.l.href(townPath(r.Town.Code)),
		Region: regionLabel(r.Town), DateLabel: label, Date: d.String(),
		ReportURL: p.l.href(reportPath(r.Town.Code, r.Year)), ReportText: "阅读" + r.Town.Name + yearText(r.Year) + "度报告全文",
		Sections: secs,
	}, err
}

func (p *pages) compareYear(cp *ComparePage) (*page, error) {
	yk := cp.YearKind
	title := yearText(yk.Year) + "各乡镇“" + kindLabel(yk.Kind) + "”对照"
	if cp.Region != nil {
		title = cp.Region.Name + title
	}
	pg := p.newPage(kindCompareYear, p.comparePagePath(cp), title)
	crumbs := []link{{Text: "对照阅读", URL: p.l.href(pathCompare)}}
	if cp.Region != nil {
		crumbs = append(crumbs, link{Text: yearText(yk.Year) + kindLabel(yk.Kind), URL: p.l.href(compareYearKindPath(yk.Year, yk.Kind))})
	}
	pg.Crumbs = p.crumbs(append(crumbs, link{Text: title})...)
	pg.Nav = "compare"
	pg.Description = "并排展示各乡镇" + yearText(yk.Year) + "法治政府建设年度报告中“" + kindLabel(yk.Kind) + "”部分的原文"
	pg.Date = p.dateOr(cp.updated)
	d := &compareYearData{Year: yk.Year, Kind: yk.Kind, KindLabel: kindLabel(yk.Kind), Region: cp.Region}
	for _, r := range cp.Reports {
		e, err := p.compareEntry(pg, r, yk.Kind)
		if err != nil {
			return nil, err
		}
		d.Entries = append(d.Entries, e)
	}
	for _, r := range cp.Without {
		d.Without = append(d.Without, link{Text: r.Town.Name, URL: p.l.href(reportPath(r.Town.Code, r.Year)), Note: regionLabel(r.Town)})
	}
	for _, k := range compareKinds {
		if o := p.site.YearKind(yk.Year, k); o != nil {
			d.OtherKinds = append(d.OtherKinds, link{Text: kindLabel(k), URL: p.l.href(compareYearKindPath(yk.Year, k)), Current: k == yk.Kind && cp.Region == nil})
		}
	}
	for _, y := range p.site.Years {
		if o := p.site.YearKind(y, yk.Kind); o != nil {
			d.OtherYears = append(d.OtherYears, link{Text: yearText(y), URL: p.l.href(compareYearKindPath(y, yk.Kind)), Current: y == yk.Year && cp.Region == nil})
		}
	}
	if cp.Region != nil {
		d.Index = &link{Text: yearText(yk.Year) + "“" + kindLabel(yk.Kind) + "”对照（按区县）", URL: p.l.href(compareYearKindPath(yk.Year, yk.Kind))}
	}
	pg.Data = d
	return pg, nil
}

// compareSplitData lists the counties of a comparison split by county.
type compareSplitData struct {
	Year      int
	KindLabel string
	Pages     []link
}

func (p *pages) compareSplit(yk *YearKind) *page {
	title := yearText(yk.Year) + "各乡镇“" + kindLabel(yk.Kind) + "”对照"
	pg := p.newPage(kindCompareSplit, compareYearKindPath(yk.Year, yk.Kind), title)
	pg.Crumbs = p.crumbs(link{Text: "对照阅读", URL: p.l.href(pathCompare)}, link{Text: title})
	pg.Nav = "compare"
	pg.Date = p.dateOr(yk.updated)
	d := &compareSplitData{Year: yk.Year, KindLabel: kindLabel(yk.Kind)}
	for _, cp := range yk.Pages {
		d.Pages = append(d.Pages, link{Text: cp.Region.Name, URL: p.l.href(p.comparePagePath(cp)),
			Note: regionLabel(cp.Reports[0].Town) + " · " + strconv.Itoa(len(cp.Reports)) + "个乡镇"})
	}
	pg.Data = d
	return pg
}

// compareTownData is one town's sections of one kind, year by year.
type compareTownData struct {
	Town      *Town
	Kind      string
	KindLabel string
	Entries   []compareEntry
	Others    []link
}

func (p *pages) compareTown(t *Town, kind string) (*page, error) {
	title := t.Name + "历年“" + kindLabel(kind) + "”对照"
	pg := p.newPage(kindCompareTown, townKindPath(t.Code, kind), title)
	pg.Crumbs = p.crumbs(append(p.townCrumbs(t), link{Text: "历年“" + kindLabel(kind) + "”"})...)
	pg.Description = t.FullName() + "历年法治政府建设年度报告中“" + kindLabel(kind) + "”部分的原文，按年度排列"
	pg.Date = p.dateOr(t.updated)
	d := &compareTownData{Town: t, Kind: kind, KindLabel: kindLabel(kind)}
	for y := t.FirstYear(); y <= t.LastYear(); y++ {
		r := t.Report(y)
		if r == nil {
			d.Entries = append(d.Entries, compareEntry{ID: yearFragment(y), Heading: yearText(y) + "度", Note: "本站未收录该年度报告"})
			continue
		}
		e, err := p.compareEntry(pg, r, kind)
		if err != nil {
			return nil, err
		}
		e.ID, e.Heading, e.HeadingURL, e.Region = yearFragment(y), yearText(y)+"度", e.ReportURL, ""
		if len(e.Sections) == 0 {
			e.Note = "该年度报告未单列此部分"
		}
		d.Entries = append(d.Entries, e)
	}
	for _, k := range t.Kinds {
		d.Others = append(d.Others, link{Text: kindLabel(k), URL: p.l.href(townKindPath(t.Code, k)), Current: k == kind})
	}
	pg.Data = d
	return pg, nil
}

// comparePlanData sets a year's plans beside the next year's measures.
type comparePlanData struct {
	Town           *Town
	Year, NextYear int
	Plan, Delivery compareEntry
	Others         []link
	// Rows set each item of the plans beside the passages of the next
	// year's measures that share the most of its wording (internal/align):
	// a suggestion for the reader, never a verdict.
	Rows []planRow
}

// planRow is one item of a year's plans and the passages suggested for it.
type planRow struct {
	Item        string
	Suggestions []link // the passage, cut to a line, linking to its section
}

func (p *pages) comparePlan(t *Town, year int) (*page, error) {
	title := t.Name + yearText(year) + "工作安排与" + yearText(year+1) + "落实对照"
	pg := p.newPage(kindComparePlan, planPath(t.Code, year), title)
	pg.Crumbs = p.crumbs(append(p.townCrumbs(t), link{Text: yearText(year) + "安排与" + yearText(year+1) + "落实"})...)
	pg.Description = t.FullName() + yearText(year) + "报告中的下一年度工作安排，与" + yearText(year+1) + "报告中的主要举措和成效并排展示"
	pg.Date = p.dateOr(later(t.Report(year).Newest(), t.Report(year+1).Newest()))
	d := &comparePlanData{Town: t, Year: year, NextYear: year + 1}
	var err error
	if d.Plan, err = p.compareEntry(pg, t.Report(year), content.KindPlans); err != nil {
		return nil, err
	}
	if d.Delivery, err = p.compareEntry(pg, t.Report(year+1), content.KindMeasures); err != nil {
		return nil, err
	}
	d.Plan.ID, d.Plan.Heading, d.Plan.HeadingURL, d.Plan.Region = "plan", yearText(year)+"度报告：下一年度安排", d.Plan.ReportURL, ""
	d.Delivery.ID, d.Delivery.Heading, d.Delivery.HeadingURL, d.Delivery.Region = "delivery", yearText(year+1)+"度报告：主要举措和成效", d.Delivery.ReportURL, ""
	for _, y := range t.PlanYears {
		d.Others = append(d.Others, link{Text: yearText(y) + "—" + yearText(y+1), URL: p.l.href(planPath(t.Code, y)), Current: y == year})
	}
	rows, err := p.planRows(t.Report(year), t.Report(year+1))
	if err != nil {
		return nil, err
	}
	d.Rows = rows
	pg.Data = d
	return pg, nil
}

// planRows pairs each line of the plans of r (a sub-heading or a
// paragraph) with up to two lines of next's measures that share the most
// of its wording.
func (p *pages) planRows(r, next *Report) ([]planRow, error) {
	lines := func(rep *Report, kind string) ([]string, []string, error) {
		// The plain text the search index reads, kept in the pack: the
		// lead, then each section, a line a block.
		plain, err := p.parts.searchTextOf(rep.entry)
		if err != nil {
			return nil, nil, err
		}
		var text, urls []string
		for _, s := range rep.SectionsOf(kind) {
			if s.Index+1 >= len(plain) {
				continue
			}
			u := p.l.href(reportPath(rep.Town.Code, rep.Year)) + sectionFragment(s.ID)
			for _, l := range strings.Split(plain[s.Index+1], "\n") {
				if l = strings.TrimSpace(l); l != "" {
					text, urls = append(text, l), append(urls, u)
				}
			}
		}
		return text, urls, nil
	}
	items, _, err := lines(r, content.KindPlans)
	if err != nil {
		return nil, err
	}
	passages, urls, err := lines(next, content.KindMeasures)
	if err != nil {
		return nil, err
	}
	rows := make([]planRow, len(items))
	for i, ms := range align.Suggest(items, passages, 2) {
		rows[i].Item = items[i]
		for _, m := range ms {
			rows[i].Suggestions = append(rows[i].Suggestions, link{Text: excerpt(passages[m.Passage], 60), URL: urls[m.Passage]})
		}
	}
	return rows, nil
}

// excerpt is s cut to n characters, with "…" where it was cut.
func excerpt(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

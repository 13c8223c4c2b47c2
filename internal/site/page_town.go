package site

import "strconv"

// townData is a town's timeline page.
type townData struct {
	Town    *Town
	Entries []townEntry
	Compare []link
	// Years counts the years of the timeline and Published those with a report.
	Years, Published int
	// Figures are the town's indicators year by year; County links to the
	// county's page, which lists its figures pages year by year.
	Figures []figureSeries
	County  *link
}

// townEntry is one year of a town's timeline; Report is nil for a year
// with no report.
type townEntry struct {
	Year   int
	ID     string
	Report *Report
	URL    string
	Title  string
	// DateLabel names Date: 发布日期, 成文日期 or 收录日期 (Report.Dated).
	DateLabel, Date string
	Lead            string
	Outline         []outlineItem
}

type outlineItem struct {
	Title, URL, KindLabel string
}

func (p *pages) town(t *Town) (*page, error) {
	pg := p.newPage(kindTown, townPath(t.Code), t.FullName()+"法治政府建设年度报告")
	pg.Crumbs = p.crumbs(p.townCrumbs(t)...)
	pg.Description = t.FullName() + "历年法治政府建设年度报告：" + strconv.Itoa(t.FirstYear()) + "—" + strconv.Itoa(t.LastYear()) + "年"
	d := &townData{Town: t}
	// Newest first: a reader comes for the latest report.
	for y := t.LastYear(); y >= t.FirstYear(); y-- {
		e := townEntry{Year: y, ID: yearFragment(y)}
		d.Years++
		if r := t.Report(y); r != nil {
			d.Published++
			e.Report = r
			e.URL = p.l.href(reportPath(t.Code, y))
			e.Title = reportTitle(r)
			label, d := r.Dated()
			e.DateLabel, e.Date = label, d.String()
			e.Lead = r.Lead
			for _, s := range r.Sections {
				e.Outline = append(e.Outline, outlineItem{Title: s.Title, URL: e.URL + sectionFragment(s.ID), KindLabel: kindLabel(s.Kind)})
			}
		}
		d.Entries = append(d.Entries, e)
	}
	d.Compare = p.townComparisons(t)
	var err error
	if d.Figures, err = p.townFigures(t); err != nil {
		return nil, err
	}
	if c := t.County(); c != nil {
		d.County = &link{Text: c.Name + "各乡镇主要数据对照", URL: p.l.href(regionPath(c.Code)) + "#figures-h"}
	}
	if len(t.Reports) > 0 {
		pg.Date = t.Reports[len(t.Reports)-1].Newest().String()
		if pg.Date == "" {
			pg.Date = p.view.Updated
		}
	}
	pg.Data = d
	return pg, nil
}

// townComparisons lists every comparison page that includes the town.
func (p *pages) townComparisons(t *Town) []link {
	var out []link
	for i := len(t.Reports) - 1; i > 0; i-- { // newest first, as the timeline
		r, prev := t.Reports[i], t.Reports[i-1]
		out = append(out, link{Text: yearText(r.Year) + "报告与" + yearText(prev.Year) + "报告相比的变化", URL: p.l.href(changesPath(t.Code, r.Year))})
	}
	for _, kind := range t.Kinds {
		out = append(out, link{Text: t.Name + "历年“" + kindLabel(kind) + "”对照", URL: p.l.href(townKindPath(t.Code, kind))})
	}
	for _, y := range t.PlanYears {
		out = append(out, link{Text: yearText(y) + "工作安排与" + yearText(y+1) + "落实对照", URL: p.l.href(planPath(t.Code, y))})
	}
	for _, r := range t.Reports {
		for _, kind := range compareKinds {
			if cp := r.ComparePage(kind); cp != nil {
				out = append(out, link{Text: yearText(r.Year) + "各乡镇“" + kindLabel(kind) + "”对照",
					URL: p.l.href(p.comparePagePath(cp)) + "#" + townFragment(t.Code)})
			}
		}
	}
	return out
}

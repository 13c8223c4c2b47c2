package site

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"nianbao/internal/content"
	"nianbao/internal/figures"
)

// The figures of the reports (internal/figures) as the pages show them: a
// report's 主要数据, a town's indicators year by year, a county's towns side
// by side in a year, and the open data. Only the figures of an indicator
// count (comparable), never a plan's target or a frequency, and every
// figure is shown as written, with a link to its sentence.

// figuresOf returns the figures of a report's text, with a plans section's
// marked as targets: all of them, or, for a page, at least those that are
// comparable (the pages read no others, and most figures are not).
func (p *pages) figuresOf(r *Report, all bool) ([]figures.Fact, error) {
	keep := mayCompare
	if all {
		keep = nil
	}
	facts, err := p.parts.factsOf(r.entry, keep)
	if err != nil {
		return nil, err
	}
	for i := range facts {
		f := &facts[i]
		f.Target = f.Part > 0 && f.Part-1 < len(r.Sections) && r.Sections[f.Part-1].Kind == content.KindPlans
	}
	return facts, nil
}

// comparable says a fact counts an indicator for what was done.
func comparable(f *figures.Fact) bool { return f.Indicator != "" && !f.Target && !f.Rate }

// mayCompare says a fact may be comparable: all but whether it is a target,
// which its section's kind says (figuresOf).
func mayCompare(f *figures.Fact) bool { return f.Indicator != "" && !f.Rate }

// figureItem is one figure with where to read it.
type figureItem struct {
	// Written is the figure as the report writes it; Clause the words
	// around it; URL its sentence on the report page.
	Written, Clause, URL string
}

// figureItem is a fact of report r as the pages show it.
func (p *pages) figureItem(r *Report, f *figures.Fact) figureItem {
	return figureItem{Written: f.Written, Clause: f.Clause, URL: p.factURL(r, f)}
}

// figureGroup is an indicator's figures in one report.
type figureGroup struct {
	ID, Label string
	Items     []figureItem
}

// factURL links to a fact on its report page: at the fact's section, with
// a text fragment (#id:~:text=…) that browsers scroll to and highlight; a
// browser without text fragments stops at the section, one that finds no
// such id at the top. The fragment's text is the figure as written when the
// report writes it once (a text fragment matches whole words only, so 8场次
// never matches in 48场次), else its clause. A text fragment marks the
// first match in the page: the report's own 主要数据, which quote them, come
// after the text (in the aside), so the match is in the text.
func (p *pages) factURL(r *Report, f *figures.Fact) string {
	text := f.Clause
	if f.Once {
		text = f.Written
	}
	return p.l.href(reportPath(r.Town.Code, r.Year)) + sectionFragment(factSection(r, f)) + ":~:text=" + textDirective(text)
}

// factSection is the id of the section a fact is in, or "" for the lead.
func factSection(r *Report, f *figures.Fact) string {
	if f.Part > 0 && f.Part-1 < len(r.Sections) {
		return r.Sections[f.Part-1].ID
	}
	return ""
}

// textDirective percent-encodes text for a text fragment, where "-", ","
// and "&" have meanings of their own.
func textDirective(text string) string {
	return directiveEscaper.Replace(url.PathEscape(text))
}

// directiveEscaper escapes what url.PathEscape leaves and a text fragment
// reads as syntax.
var directiveEscaper = strings.NewReplacer("-", "%2D", ",", "%2C", "&", "%26")

// reportFigures groups a report's comparable figures by indicator, in the
// taxonomy's order.
func (p *pages) reportFigures(r *Report, facts []figures.Fact) []figureGroup {
	tax := figures.Default()
	byID := map[string]*figureGroup{}
	for i := range facts {
		f := &facts[i]
		if !comparable(f) {
			continue
		}
		g := byID[f.Indicator]
		if g == nil {
			g = &figureGroup{ID: f.Indicator, Label: tax.ByID(f.Indicator).Label}
			byID[f.Indicator] = g
		}
		g.Items = append(g.Items, p.figureItem(r, f))
	}
	var out []figureGroup
	for _, in := range tax.Indicators {
		if g := byID[in.ID]; g != nil {
			out = append(out, *g)
		}
	}
	return out
}

// figureSeries is one indicator across a town's reports, drawn as a bar
// chart with the figures in a table beside it.
type figureSeries struct {
	ID, Label string
	// Summary says in words what the chart shows, for its <desc>.
	Summary string
	Points  []figurePoint
	// Width is the chart's width in its own units (viewBox); Height too.
	Width, Height int
}

// figurePoint is one report's figure for an indicator: the largest it
// states when it states several (a total is never smaller than its
// parts), Others counting the rest.
type figurePoint struct {
	Year   int
	Report string // the report page
	Has    bool
	Item   figureItem
	Value  float64
	Others int
	// X, Y, W and H are the bar, in chart units.
	X, Y, W, H int
}

// Chart geometry, in the units of the chart's viewBox. The chart holds no
// text: it is stretched to its box, and the figures are in the table
// beside it, where they follow the reader's font size.
const (
	chartStep   = 40 // a year's width
	chartBar    = 24
	chartHeight = 100
)

// townFigures is each indicator that two or more of a town's reports give
// a figure for, year by year, in the taxonomy's order (one year's figure
// is no change over the years: its report's 主要数据 show it).
func (p *pages) townFigures(t *Town) ([]figureSeries, error) {
	type best struct {
		fact   *figures.Fact // the largest figure
		others int
	}
	perReport := make([]map[string]*best, len(t.Reports))
	seen := map[string]int{}
	for i, r := range t.Reports {
		facts, err := p.figuresOf(r, false)
		if err != nil {
			return nil, err
		}
		m := map[string]*best{}
		for k := range facts {
			f := &facts[k]
			if !comparable(f) {
				continue
			}
			b := m[f.Indicator]
			if b == nil {
				seen[f.Indicator]++
				m[f.Indicator] = &best{fact: f}
				continue
			}
			b.others++
			if f.Value > b.fact.Value {
				b.fact = f
			}
		}
		perReport[i] = m
	}
	var out []figureSeries
	for _, in := range figures.Default().Indicators {
		if seen[in.ID] < 2 {
			continue
		}
		s := figureSeries{ID: in.ID, Label: in.Label}
		var top float64
		for i, r := range t.Reports {
			pt := figurePoint{Year: r.Year, Report: p.l.href(reportPath(t.Code, r.Year))}
			if b := perReport[i][in.ID]; b != nil {
				pt.Has, pt.Item, pt.Value, pt.Others = true, p.figureItem(r, b.fact), b.fact.Value, b.others
				top = max(top, b.fact.Value)
			}
			s.Points = append(s.Points, pt)
		}
		s.layout(top)
		out = append(out, s)
	}
	return out, nil
}

// layout places the bars: heights in proportion to the values, a year
// without a figure drawn as no bar (its row of the table says 未报告).
func (s *figureSeries) layout(top float64) {
	s.Height = chartHeight
	s.Width = len(s.Points) * chartStep
	var words []string
	for i := range s.Points {
		pt := &s.Points[i]
		pt.X, pt.W = i*chartStep+(chartStep-chartBar)/2, chartBar
		if pt.Has && top > 0 {
			pt.H = max(int(pt.Value/top*(chartHeight-4)+0.5), 2) // a zero stays visible
		} else if pt.Has {
			pt.H = 2
		}
		pt.Y = chartHeight - pt.H
		if pt.Has {
			words = append(words, fmt.Sprintf("%d年%s", pt.Year, pt.Item.Written))
		} else {
			words = append(words, fmt.Sprintf("%d年未报告", pt.Year))
		}
	}
	s.Summary = s.Label + "：" + strings.Join(words, "，") + "。"
}

// figuresPath is a county's figures page for a year.
func figuresPath(county string, year int) string {
	return regionPath(county) + strconv.Itoa(year) + "/"
}

// countyFiguresData is a county's towns side by side in one year: their
// figures, the statutory parts each report has, and when it was published.
type countyFiguresData struct {
	County *Region
	Year   int
	// Years are the county's years, linking to their pages.
	Years []link
	// Columns are the indicators any town gives a figure for; Absent the
	// labels of the others.
	Columns []string
	Absent  []string
	Rows    []countyFigureRow
	// Parts are the labels of the statutory parts (督察工作规定 Art. 25).
	Parts     []string
	Statutory []statutoryRow
	// Deadline is the date the reports of the year were due to be public.
	Deadline string
}

type countyFigureRow struct {
	Town   link
	Report string
	Cells  [][]figureItem // by column; empty: the report gives no figure
}

// statutoryRow says which statutory parts a report has and when it was
// published, against the deadline.
type statutoryRow struct {
	Town   link
	Report string
	Has    []bool
	// Published is the 发布日期 as the source gives it (marked when
	// derived), "" when it gives none; Timing says where it falls against
	// the deadline.
	Published, Timing string
}

func (p *pages) countyFigures(cy *CountyYear) (*page, error) {
	c := cy.County
	title := fmt.Sprintf("%s%s各乡镇主要数据和法定内容", c.Name, yearText(cy.Year))
	pg := p.newPage(kindFigures, figuresPath(c.Code, cy.Year), title)
	pg.Crumbs = p.crumbs(append(p.regionCrumbs(c), link{Text: yearText(cy.Year) + "主要数据"})...)
	pg.Description = fmt.Sprintf("%s各乡镇（街道）%s法治政府建设年度报告中的主要数字、报告包含的法定内容和发布日期，逐项链接到原文", c.Name, yearText(cy.Year))
	pg.Date = p.dateOr(cy.updated)
	d := &countyFiguresData{County: c, Year: cy.Year, Deadline: fmt.Sprintf("%d年4月1日", cy.Year+1)}
	for _, o := range p.site.CountyYearsOf(c) {
		d.Years = append(d.Years, link{Text: yearText(o.Year), URL: p.l.href(figuresPath(c.Code, o.Year)), Current: o.Year == cy.Year})
	}
	tax := figures.Default()
	cells := make([]map[string][]figureItem, len(cy.Reports))
	seen := map[string]bool{}
	for i, r := range cy.Reports {
		facts, err := p.figuresOf(r, false)
		if err != nil {
			return nil, err
		}
		cells[i] = map[string][]figureItem{}
		for k := range facts {
			f := &facts[k]
			if comparable(f) {
				seen[f.Indicator] = true
				cells[i][f.Indicator] = append(cells[i][f.Indicator], p.figureItem(r, f))
			}
		}
	}
	var ids []string
	for _, in := range tax.Indicators {
		if seen[in.ID] {
			ids = append(ids, in.ID)
			d.Columns = append(d.Columns, in.Label)
		} else {
			d.Absent = append(d.Absent, in.Label)
		}
	}
	for _, kind := range compareKinds {
		d.Parts = append(d.Parts, kindLabel(kind))
	}
	for i, r := range cy.Reports {
		town := link{Text: r.Town.Name, URL: p.l.href(townPath(r.Town.Code))}
		report := p.l.href(reportPath(r.Town.Code, r.Year))
		row := countyFigureRow{Town: town, Report: report}
		for _, id := range ids {
			row.Cells = append(row.Cells, cells[i][id])
		}
		d.Rows = append(d.Rows, row)
		st := statutoryRow{Town: town, Report: report}
		for _, kind := range compareKinds {
			st.Has = append(st.Has, r.HasKind(kind))
		}
		if r.Published.valid {
			st.Published = markDerived(r.Published.String(), r.Meta.IsDerived("published"))
			st.Timing = deadlineTiming(r.Published, cy.Year)
		}
		d.Statutory = append(d.Statutory, st)
	}
	pg.Data = d
	return pg, nil
}

// deadlineTiming says, without judging, where a publication date falls
// against 1 April of the year after the report's (督察工作规定 Art. 25).
func deadlineTiming(published day, year int) string {
	due := fmt.Sprintf("%04d-04-01", year+1)
	switch {
	case published.formatted < due:
		return "4月1日之前"
	case published.formatted == due:
		return "4月1日当天"
	}
	return "4月1日之后"
}

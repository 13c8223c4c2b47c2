package site

import (
	"strconv"
	"strings"
)

// regionData is a province, city or county page.
type regionData struct {
	Region   *Region
	Children []link
	Grid     grid
	// Figures link to the county's figures page of each year, for a county.
	Figures []link
}

// grid is a town × year table of which reports exist.
type grid struct {
	Years  []int
	Groups []gridGroup
}

// gridGroup is the towns of one county in a grid.
type gridGroup struct {
	Title, URL string
	Rows       []gridRow
}

type gridRow struct {
	Town  link
	Cells []gridCell
}

// gridCell links to a report; URL is empty when the site has none for the
// year. Before says the year comes before the town's first report on the
// site: the cell is left blank rather than claim a report is missing.
type gridCell struct {
	Year   int
	URL    string
	Before bool
}

func (p *pages) region(r *Region) *page {
	pg := p.newPage(kindRegion, regionPath(r.Code), r.Name+"法治政府建设年度报告")
	pg.Crumbs = p.crumbs(p.regionCrumbs(r)...)
	pg.Description = r.Name + "各乡镇（街道）法治政府建设年度报告一览"
	pg.Date = p.dateOr(r.updated)
	d := &regionData{Region: r}
	for _, c := range r.Children {
		d.Children = append(d.Children, link{Text: c.Name, URL: p.l.href(regionPath(c.Code)),
			Note: strconv.Itoa(len(c.Towns)) + "个乡镇、" + strconv.Itoa(c.ReportCount) + "份报告"})
	}
	d.Grid = p.grid(r)
	for _, cy := range p.site.CountyYearsOf(r) {
		d.Figures = append(d.Figures, link{Text: yearText(cy.Year), URL: p.l.href(figuresPath(r.Code, cy.Year)), Note: strconv.Itoa(len(cy.Reports)) + "份报告"})
	}
	pg.Data = d
	return pg
}

func (p *pages) grid(r *Region) grid {
	var g grid
	for y := r.FirstYear; y <= r.LastYear && y > 0; y++ {
		g.Years = append(g.Years, y)
	}
	var cur *gridGroup
	var curCounty *Region
	for _, t := range r.Towns {
		if c := t.County(); cur == nil || c != curCounty {
			curCounty = c
			g.Groups = append(g.Groups, gridGroup{})
			cur = &g.Groups[len(g.Groups)-1]
			if c != nil && c != r {
				cur.Title, cur.URL = labelBelow(t, r), p.l.href(regionPath(c.Code))
			}
		}
		row := gridRow{Town: link{Text: t.Name, URL: p.l.href(townPath(t.Code))}}
		for _, y := range g.Years {
			cell := gridCell{Year: y, Before: y < t.FirstYear()}
			if t.Report(y) != nil {
				cell.URL = p.l.href(reportPath(t.Code, y))
			}
			row.Cells = append(row.Cells, cell)
		}
		cur.Rows = append(cur.Rows, row)
	}
	return g
}

// labelBelow names the regions between r and the town t.
func labelBelow(t *Town, r *Region) string {
	var names []string
	below := false
	for _, x := range t.Chain {
		if below {
			names = append(names, x.Name)
		}
		below = below || x == r
	}
	return strings.Join(names, " ")
}

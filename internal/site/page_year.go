package site

import "strconv"

// yearData is a year's page.
type yearData struct {
	Year       int
	Groups     []yearGroup
	Compare    []link
	Prev, Next *link
	Count      int
}

// yearGroup is the reports of one county in a year.
type yearGroup struct {
	Title, URL string
	Reports    []reportItem
}

// reportItem is a report in a list.
type reportItem struct {
	Town, TownURL, Region string
	Title, URL            string
	// DateLabel names Date: 发布日期, 成文日期 or 收录日期 (Report.Dated).
	DateLabel, Date string
	Year            int
}

func (p *pages) reportItem(r *Report) reportItem {
	label, d := r.Dated()
	return reportItem{
		Town: r.Town.Name, TownURL: p.l.href(townPath(r.Town.Code)), Region: regionLabel(r.Town),
		Title: reportTitle(r), URL: p.l.href(reportPath(r.Town.Code, r.Year)),
		DateLabel: label, Date: d.String(), Year: r.Year,
	}
}

func (p *pages) year(y int) *page {
	pg := p.newPage(kindYear, yearPath(y), yearText(y)+"法治政府建设年度报告")
	pg.Crumbs = p.crumbs(link{Text: yearText(y)})
	pg.Description = "关于" + yearText(y) + "的各乡镇（街道）法治政府建设年度报告，按地区排列"
	pg.Date = p.dateOr(p.site.yearUpdated[y])
	d := &yearData{Year: y}
	var cur *yearGroup
	var curCounty *Region
	for _, r := range p.site.YearReports(y) {
		d.Count++
		if c := r.Town.County(); cur == nil || c != curCounty {
			curCounty = c
			g := yearGroup{Title: regionLabel(r.Town)}
			if c != nil {
				g.URL = p.l.href(regionPath(c.Code))
			}
			d.Groups = append(d.Groups, g)
			cur = &d.Groups[len(d.Groups)-1]
		}
		cur.Reports = append(cur.Reports, p.reportItem(r))
	}
	for _, yk := range p.site.YearKinds {
		if yk.Year == y {
			d.Compare = append(d.Compare, link{Text: "各乡镇“" + kindLabel(yk.Kind) + "”对照", URL: p.l.href(compareYearKindPath(y, yk.Kind)),
				Note: strconv.Itoa(len(yk.Reports)) + "个乡镇"})
		}
	}
	for i, x := range p.site.Years {
		if x != y {
			continue
		}
		if i > 0 {
			d.Prev = &link{Text: yearText(p.site.Years[i-1]), URL: p.l.href(yearPath(p.site.Years[i-1]))}
		}
		if i+1 < len(p.site.Years) {
			d.Next = &link{Text: yearText(p.site.Years[i+1]), URL: p.l.href(yearPath(p.site.Years[i+1]))}
		}
	}
	pg.Data = d
	return pg
}

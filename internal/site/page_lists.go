package site

import (
	"strconv"
	"strings"

	"nianbao/internal/content"
)

// townData is a town's timeline page.
type townData struct {
	Town    *Town
	Entries []townEntry
	Compare []link
	// Years counts the years of the timeline and Published those with a report.
	Years, Published int
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

func (p *pages) town(t *Town) *page {
	pg := p.newPage(kindTown, townPath(t.Code), t.FullName()+"法治政府建设年度报告")
	pg.Crumbs = p.crumbs(p.townCrumbs(t)...)
	pg.Description = t.FullName() + "历年法治政府建设年度报告：" + strconv.Itoa(t.FirstYear()) + "—" + strconv.Itoa(t.LastYear()) + "年"
	d := &townData{Town: t}
	for y := t.FirstYear(); y <= t.LastYear(); y++ {
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
	if len(t.Reports) > 0 {
		pg.Date = t.Reports[len(t.Reports)-1].Newest().String()
		if pg.Date == "" {
			pg.Date = p.view.Updated
		}
	}
	pg.Data = d
	return pg
}

// townComparisons lists every comparison page that includes the town.
func (p *pages) townComparisons(t *Town) []link {
	var out []link
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

// regionData is a province, city or county page.
type regionData struct {
	Region   *Region
	Children []link
	Grid     grid
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

// gridCell links to a report; URL is empty when the year has none.
type gridCell struct {
	Year int
	URL  string
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
			cell := gridCell{Year: y}
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
	Title, URL, Date      string
	Year                  int
}

func (p *pages) reportItem(r *Report) reportItem {
	return reportItem{
		Town: r.Town.Name, TownURL: p.l.href(townPath(r.Town.Code)), Region: regionLabel(r.Town),
		Title: reportTitle(r), URL: p.l.href(reportPath(r.Town.Code, r.Year)),
		Date: r.Newest().String(), Year: r.Year,
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

// homeData is the home page.
type homeData struct {
	Newest []reportItem
	Tree   []treeNode
	Years  []link
}

// treeNode is a region (or town) in the browse-by-region tree.
type treeNode struct {
	Name, URL, Note string
	Children        []treeNode
}

func (p *pages) tree() []treeNode {
	withTowns := len(p.site.Towns) <= p.set.HomeTownLimit
	var walk func(r *Region) treeNode
	walk = func(r *Region) treeNode {
		n := treeNode{Name: r.Name, URL: p.l.href(regionPath(r.Code)), Note: strconv.Itoa(len(r.Towns)) + "个乡镇"}
		for _, c := range r.Children {
			n.Children = append(n.Children, walk(c))
		}
		if withTowns && len(r.Children) == 0 {
			for _, t := range r.Towns {
				n.Children = append(n.Children, treeNode{Name: t.Name, URL: p.l.href(townPath(t.Code)),
					Note: strconv.Itoa(len(t.Reports)) + "份报告"})
			}
		}
		return n
	}
	var out []treeNode
	for _, r := range p.site.Provinces {
		out = append(out, walk(r))
	}
	return out
}

func (p *pages) yearLinks() []link {
	var out []link
	for i := len(p.site.Years) - 1; i >= 0; i-- {
		y := p.site.Years[i]
		out = append(out, link{Text: yearText(y), URL: p.l.href(yearPath(y)), Note: strconv.Itoa(len(p.site.YearReports(y))) + "份"})
	}
	return out
}

func (p *pages) home() *page {
	pg := p.newPage(kindHome, pathHome, p.set.Name)
	pg.Nav, pg.SiteUpdated = "home", p.view.Updated
	d := &homeData{Tree: p.tree(), Years: p.yearLinks()}
	for _, r := range newestReports(p.site.Reports, p.set.Newest) {
		d.Newest = append(d.Newest, p.reportItem(r))
	}
	pg.Data = d
	return pg
}

// searchData is the search page: the form the search script reads (its
// index and filters) and, for readers without JavaScript, the indexes by
// year and by region, which need no script.
type searchData struct {
	Tree  []treeNode
	Years []link
	// IndexURL is the search index directory and Root the site root that
	// result URLs are relative to.
	IndexURL, Root string
	// Filter choices: report years (newest first), counties and towns by
	// code, and section kinds.
	YearOptions, Counties, Towns, Kinds []option
}

// option is one choice of a filter.
type option struct{ Value, Text string }

// chainName joins region names, province first ("重庆市云阳县"): a bare
// county or town name can stand for several places.
func chainName(chain []*Region) string {
	var b strings.Builder
	for _, r := range chain {
		b.WriteString(r.Name)
	}
	return b.String()
}

func (p *pages) search() *page {
	pg := p.newPage(kindSearch, pathSearch, "检索")
	pg.Crumbs = p.crumbs(link{Text: "检索"})
	pg.Nav, pg.SiteUpdated = "search", p.view.Updated
	d := &searchData{Tree: p.tree(), Years: p.yearLinks(), IndexURL: p.l.href(dirSearchIndex), Root: p.l.href(pathHome)}
	for i := len(p.site.Years) - 1; i >= 0; i-- {
		y := p.site.Years[i]
		d.YearOptions = append(d.YearOptions, option{strconv.Itoa(y), yearText(y)})
	}
	for _, r := range p.site.Regions {
		if r.Level == LevelCounty {
			d.Counties = append(d.Counties, option{r.Code, chainName(r.Chain())})
		}
	}
	for _, t := range p.site.Towns {
		d.Towns = append(d.Towns, option{t.Code, chainName(t.Chain) + t.Name})
	}
	for _, k := range []string{content.KindMeasures, content.KindLeadership, content.KindShortcomings, content.KindPlans, content.KindOther} {
		d.Kinds = append(d.Kinds, option{k, content.KindLabel(k)})
	}
	pg.Data = d
	return pg
}

// dataData is the open data page.
type dataData struct {
	JSON, CSV, Feed, Sitemap string
	Example                  *reportItem
	ExampleMarkdown          string
}

func (p *pages) data() *page {
	pg := p.newPage(kindData, pathData, "开放数据")
	pg.Crumbs = p.crumbs(link{Text: "开放数据"})
	pg.Nav, pg.SiteUpdated = "data", p.view.Updated
	d := &dataData{JSON: p.l.href(pathJSON), CSV: p.l.href(pathCSV), Feed: p.l.href(pathFeed), Sitemap: p.l.href(pathSitemap)}
	if len(p.site.Reports) > 0 {
		r := p.site.Reports[0]
		it := p.reportItem(r)
		d.Example = &it
		d.ExampleMarkdown = p.l.href(reportMarkdownPath(r.Town.Code, r.Year))
	}
	pg.Data = d
	return pg
}

func (p *pages) notFound() *page {
	pg := p.newPage(kindNotFound, pathNotFound, "页面未找到")
	pg.Canonical = ""
	pg.SiteUpdated = p.view.Updated
	return pg
}

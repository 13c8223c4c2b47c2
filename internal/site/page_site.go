package site

import (
	"nianbao/internal/figures"
	"strconv"
	"strings"

	"nianbao/internal/content"
)

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
	JSON, CSV, CSVW, Feed, Sitemap string
	Example                        *reportItem
	ExampleMarkdown                string
	// Fields are the open data's dictionary; FigureFields that of the
	// figures files, Indicators the indicators figures are sorted into.
	Fields, FigureFields                 []openField
	FiguresCSV, FiguresJSON, FiguresCSVW string
	Indicators                           []figures.Indicator
	// License is the licence the settings give; Organizer whom to ask
	// when they give none.
	License   License
	Organizer string
}

func (p *pages) data() *page {
	pg := p.newPage(kindData, pathData, "开放数据")
	pg.Crumbs = p.crumbs(link{Text: "开放数据"})
	pg.Nav, pg.SiteUpdated = "data", p.view.Updated
	d := &dataData{JSON: p.l.href(pathJSON), CSV: p.l.href(pathCSV), CSVW: p.l.href(pathCSVW), Feed: p.l.href(pathFeed), Sitemap: p.l.href(pathSitemap),
		Fields: openFields(), License: p.set.DataLicense, Organizer: p.set.Organizer,
		FigureFields: figureFields(), FiguresCSV: p.l.href(pathFiguresCSV), FiguresJSON: p.l.href(pathFiguresJSON), FiguresCSVW: p.l.href(pathFiguresCSVW),
		Indicators: figures.Default().Indicators}
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

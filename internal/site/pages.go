package site

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"nianbao/internal/content"
	"nianbao/internal/reuse"
)

// siteView is what every page template may use about the whole site.
type siteView struct {
	// The settings (site.yaml), each a field of its own rather than an
	// embedded Settings: html/template finds a field of an embedded struct
	// by a search that costs more than the rest of the action.
	Name, BaseURL, Description, Keywords, Intro string
	Portal                                      Link
	Organizer, SiteIDCode                       string
	ICP, ICPURL, PSB, PSBURL                    string
	Contact                                     Contact
	Column                                      Column
	DataLicense                                 License
	Newest, FeedEntries                         int
	CompareSplit, HomeTownLimit                 int

	// Domain is the host of BaseURL, for the SiteDomain meta tag.
	Domain string
	// Links to the pages every page links to.
	HomeURL, SearchURL, CompareURL, DataURL, FeedURL string
	// CSS, JS and Icon are the content-hashed asset URLs; SearchJS is the
	// search page's script.
	CSS, JS, Icon, SearchJS string
	// Updated is the site's newest report date.
	Updated string
	// Counts for the home page and the footer.
	TownCount, ReportCount int
	FirstYear, LastYear    int
}

// page is the data every template receives; Data holds what is particular
// to the page's kind.
type page struct {
	Site *siteView
	// Kind names the template and the page's category in the build summary.
	Kind string
	// Path is the site path and URL the link to it.
	Path, URL string
	// Canonical is the absolute URL.
	Canonical string
	// Title is the page's title and h1.
	Title       string
	Description string
	Keywords    string
	// Article holds the article-level meta tags of report pages.
	Article *article
	Crumbs  []link
	// DateLabel and Date are the date every page shows.
	DateLabel, Date string
	// Nav is the main navigation entry that is current, if any.
	Nav  string
	Data any

	// frags are the pre-minified HTML fragments (report bodies) the page
	// shows; the template writes a placeholder for each (see render.go).
	// SiteUpdated is the site's newest date, on the pages that list the
	// whole site; "" on the others, which show their own date instead, so
	// that a new report does not change every page.
	SiteUpdated string

	frags   []string
	nonce   string
	chromes map[string]*chrome
}

// chrome is what the masthead and the footer show. Pages with the same
// navigation entry share one, so the template function cached renders
// those parts once per build.
type chrome struct {
	Site *siteView
	Nav  string
}

// Chrome is the page's masthead and footer data.
func (pg *page) Chrome() *chrome {
	if c := pg.chromes[pg.Nav]; c != nil {
		return c
	}
	return &chrome{Site: pg.Site, Nav: pg.Nav}
}

// frag registers a fragment of minified HTML for the page and returns what
// the template writes in its place.
func (pg *page) frag(html string) template.HTML {
	if html == "" {
		return ""
	}
	pg.frags = append(pg.frags, html)
	return template.HTML(placeholder(pg.nonce, len(pg.frags)-1))
}

// article is the article-level meta of 政务公开 pages.
type article struct {
	Title, PubDate, ContentSource, Keywords, Author, Description, URL string
}

// link is a link with text, used everywhere a template lists things.
type link struct {
	Text string
	URL  string
	// Note is extra text shown beside the link (a count, a date).
	Note string
	// Current marks the link to the page itself (shown without a link).
	Current bool
}

// pages builds the page data; it holds the model and the URL scheme.
type pages struct {
	site    *Site
	set     Settings
	l       linker
	view    *siteView
	parts   *partRenderer
	nonce   string // of placeholders (render.go)
	chromes map[string]*chrome
	workers int
	// reuse is the text found in other reports (reuse.go), once a build,
	// when first needed (reuseState).
	reuse     *reuseState
	reuseOnce sync.Once
	reuseErr  error
	// reuseSaved gives the index of the last build's reports' units, kept
	// in the build cache (reuse.go), once it is read; nil when there is
	// none.
	reuseSaved func() *reuse.Saved
	// spans are where each report's rows sit in the open data (data.go);
	// nil outside a build.
	spans *dataSpans
	// spills hold the open data while it is written (data.go); nil
	// outside a build.
	spills *spills
}

// navs are the main navigation entries a page may mark as current.
var navs = []string{"", "home", "compare", "data", "search"}

func newPages(s *Site, set Settings, l linker, view *siteView, parts *partRenderer, nonce string, workers int) *pages {
	p := &pages{site: s, set: set, l: l, view: view, parts: parts, nonce: nonce, chromes: map[string]*chrome{}, workers: workers}
	for _, nav := range navs {
		p.chromes[nav] = &chrome{Site: view, Nav: nav}
	}
	return p
}

// dateOr is the date a page shows: d, or the site's newest date when the
// reports the page shows have no date.
func (p *pages) dateOr(d day) string {
	if d.valid {
		return d.String()
	}
	return p.view.Updated
}

func (p *pages) newPage(kind, sitePath, title string) *page {
	return &page{
		Site:        p.view,
		Kind:        kind,
		Path:        sitePath,
		URL:         p.l.href(sitePath),
		Canonical:   p.l.abs(sitePath),
		Title:       title,
		Description: p.set.Description,
		Keywords:    p.set.Keywords,
		DateLabel:   "更新日期",
		Date:        p.view.Updated,
		nonce:       p.nonce,
		chromes:     p.chromes,
	}
}

func (p *pages) crumbs(items ...link) []link {
	out := append([]link{{Text: "首页", URL: p.l.href(pathHome)}}, items...)
	out[len(out)-1].Current = true
	return out
}

func (p *pages) regionCrumbs(r *Region) []link {
	var out []link
	for _, x := range r.Chain() {
		out = append(out, link{Text: x.Name, URL: p.l.href(regionPath(x.Code))})
	}
	return out
}

func (p *pages) townCrumbs(t *Town) []link {
	var out []link
	for _, x := range t.Chain {
		out = append(out, link{Text: x.Name, URL: p.l.href(regionPath(x.Code))})
	}
	return append(out, link{Text: t.Name, URL: p.l.href(townPath(t.Code))})
}

func newSiteView(s *Site, set Settings, l linker, css, js, icon string) *siteView {
	v := &siteView{
		Name: set.Name, BaseURL: set.BaseURL, Description: set.Description, Keywords: set.Keywords, Intro: set.Intro,
		Portal: set.Portal, Organizer: set.Organizer, SiteIDCode: set.SiteIDCode,
		ICP: set.ICP, ICPURL: set.ICPURL, PSB: set.PSB, PSBURL: set.PSBURL,
		Contact: set.Contact, Column: set.Column, DataLicense: set.DataLicense, Newest: set.Newest, FeedEntries: set.FeedEntries,
		CompareSplit: set.CompareSplit, HomeTownLimit: set.HomeTownLimit,
		HomeURL:     l.href(pathHome),
		SearchURL:   l.href(pathSearch),
		CompareURL:  l.href(pathCompare),
		DataURL:     l.href(pathData),
		FeedURL:     l.href(pathFeed),
		CSS:         css,
		JS:          js,
		Icon:        icon,
		Updated:     s.Updated.String(),
		TownCount:   len(s.Towns),
		ReportCount: len(s.Reports),
	}
	if u, err := url.Parse(set.BaseURL); err == nil {
		v.Domain = u.Host
	}
	if len(s.Years) > 0 {
		v.FirstYear, v.LastYear = s.Years[0], s.Years[len(s.Years)-1]
	}
	return v
}

// yearText is how a report year is named to readers.
func yearText(y int) string { return strconv.Itoa(y) + "年" }

// reportTitle is the report's own title, or a made-up one when the front
// matter has none.
func reportTitle(r *Report) string {
	if t := strings.TrimSpace(r.Meta.Title); t != "" {
		return t
	}
	return fmt.Sprintf("%s%d年法治政府建设年度报告", r.Town.FullName(), r.Year)
}

// kindLabel is a section kind's name for readers.
func kindLabel(kind string) string { return content.KindLabel(kind) }

// regionLabel names the regions above a town, for lists that mix counties.
func regionLabel(t *Town) string {
	names := make([]string, len(t.Chain))
	for i, r := range t.Chain {
		names[i] = r.Name
	}
	return strings.Join(names, " ")
}

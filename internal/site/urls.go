package site

import (
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
)

// The URL scheme of the site, in one place. Every page has a stable ASCII
// path relative to the site root (a "site path", no leading slash; a page's
// path ends in "/" and is written as index.html). Links are the configured
// base path followed by the site path, so the same templates work at the
// root and under a portal's sub-path such as /zwgk/fzzfjsnb/; the 404 page,
// served at any depth, needs exactly that.
//
//	""                                   home
//	towns/{code}/                        a town's timeline
//	towns/{code}/{year}/                 a report
//	towns/{code}/{year}/report.md        the report's Markdown
//	towns/{code}/{year}/source.txt       the original as received (see originalExt)
//	towns/{code}/{kind}/                 a town's sections of one kind, year by year
//	towns/{code}/plan-{year}/            the year's plans beside the next year's measures
//	towns/{code}/changes-{year}/         the year's report against the town's report before
//	regions/{code}/                      a province, city or county
//	regions/{county}/{year}/             a county's towns' figures and statutory parts in a year
//	years/{year}/                        every report about a year
//	compare/                             index of comparisons
//	compare/{year}/{kind}/               every town's section of one kind in a year
//	compare/{year}/{kind}/{county}/      the same for one county, when a year is split
//	repeated/                            the paragraphs repeated by the most towns, and the method
//	search/  data/  404.html  feed.xml  sitemap.xml  robots.txt
//	data/reports.json  data/reports.csv  data/figures.csv  data/figures.json

// Site paths of pages and files that exist once.
const (
	pathHome    = ""
	pathCompare = "compare/"
	pathSearch  = "search/"
	pathData    = "data/"
	// pathRepeated lists the paragraphs repeated by the most towns and
	// explains how text found in other reports is told (reuse.go).
	pathRepeated = "repeated/"
	pathNotFound = "404.html"
	pathFeed     = "feed.xml"
	pathSitemap  = "sitemap.xml"
	pathRobots   = "robots.txt"
	pathJSON     = "data/reports.json"
	pathCSV      = "data/reports.csv"
	pathCSVW     = "data/reports.csv-metadata.json" // the CSV's metadata, W3C CSV on the Web
	// The figures of every report (internal/figures), a row a figure.
	pathFiguresCSV  = "data/figures.csv"
	pathFiguresJSON = "data/figures.json"
	pathFiguresCSVW = "data/figures.csv-metadata.json"
	dirAssets       = "assets"
)

func townPath(code string) string { return "towns/" + code + "/" }

func reportPath(code string, year int) string {
	return "towns/" + code + "/" + strconv.Itoa(year) + "/"
}

func reportMarkdownPath(code string, year int) string { return reportPath(code, year) + "report.md" }

// ReportPaths gives a report's page and its published Markdown, as paths
// inside the site (no base path): what a preview links to and compares.
func ReportPaths(code string, year int) (page, markdown string) {
	return reportPath(code, year), reportMarkdownPath(code, year)
}

// reportTextPath is where the UTF-8 copy of a text original is published:
// it reads the same in every browser and editor, whatever the encoding the
// original came in (GB18030 shows as garbage where the host sends no
// charset).
func reportTextPath(code string, year int) string { return reportPath(code, year) + "source-utf8.txt" }

// textOriginal says an original is published as text (originalExt), and
// so gets a UTF-8 copy beside it.
func textOriginal(source string) bool { return originalExt(source) == ".txt" }

// reportSourcePath is where a report's original is published: under a
// fixed name whose extension says what kind of file it is (originalExt).
func reportSourcePath(code string, year int, source string) string {
	return reportPath(code, year) + "source" + originalExt(source)
}

// originalKinds are the extensions an original keeps when it is published.
// Every other original is text, whatever its name: the importer reads text
// only, and an original named page.html, payload.js or image.svg served
// under its own extension would be a page or script of the site's own
// origin, which the Content-Security-Policy lets run. The Word, WPS, PDF
// and OFD files the importer reads (internal/extract) are published as
// they came, for download; a kind a browser renders or runs (.html,
// .xhtml, .svg, .js, .xml) never may (TestOriginalPublishedAsText), so a
// saved portal page is published as text.
var originalKinds = []string{".docx", ".doc", ".wps", ".pdf", ".ofd"}

// originalExt is the extension an original is published under: its own
// when originalKinds lists it, else .txt.
func originalExt(source string) string {
	if ext := strings.ToLower(path.Ext(source)); slices.Contains(originalKinds, ext) {
		return ext
	}
	return ".txt"
}

func townKindPath(code, kind string) string { return "towns/" + code + "/" + kind + "/" }

func planPath(code string, year int) string {
	return "towns/" + code + "/plan-" + strconv.Itoa(year) + "/"
}

func regionPath(code string) string { return "regions/" + code + "/" }

func yearPath(year int) string { return "years/" + strconv.Itoa(year) + "/" }

func compareYearKindPath(year int, kind string) string {
	return "compare/" + strconv.Itoa(year) + "/" + kind + "/"
}

func compareYearKindRegionPath(year int, kind, region string) string {
	return compareYearKindPath(year, kind) + region + "/"
}

// sectionFragment is the anchor of a section within a report page.
func sectionFragment(id string) string { return "#" + id }

// townFragment and yearFragment are the anchors of one town's or one year's
// block on comparison and listing pages.
func townFragment(code string) string { return "t" + code }
func yearFragment(year int) string    { return "y" + strconv.Itoa(year) }

// outputFile is the file a site path is written to.
func outputFile(sitePath string) string {
	if sitePath == "" || strings.HasSuffix(sitePath, "/") {
		return sitePath + "index.html"
	}
	return sitePath
}

// linker turns site paths into links and absolute URLs.
type linker struct {
	base   string // base path, starting and ending with "/"
	origin string // scheme and host of the canonical site, e.g. "https://www.example.gov.cn"
}

func newLinker(baseURL, basePath string) (linker, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return linker{}, err
	}
	if basePath == "" {
		basePath = u.Path
	}
	return linker{base: cleanBase(basePath), origin: u.Scheme + "://" + u.Host}, nil
}

// BasePath is the path a site is served under: basePath when given (a
// -base-path flag), else the path of baseURL; it starts and ends with "/".
func BasePath(baseURL, basePath string) string {
	l, err := newLinker(baseURL, basePath)
	if err != nil {
		return cleanBase(basePath)
	}
	return l.base
}

// cleanBase normalises a base path to start and end with "/".
func cleanBase(p string) string {
	p = "/" + strings.Trim(p, "/") + "/"
	if p == "//" {
		return "/"
	}
	return p
}

// href is the link to a site path, as written in pages.
func (l linker) href(sitePath string) string { return l.base + sitePath }

// abs is the absolute URL of a site path, for canonical links, the feed and
// the sitemap.
func (l linker) abs(sitePath string) string { return l.origin + l.base + sitePath }

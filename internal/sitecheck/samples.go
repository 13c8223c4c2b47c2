package sitecheck

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// samplePatterns find one page of each kind the browser checks, by the URL
// scheme of internal/site/urls.go. The first match in path order is taken,
// so the choice is stable from build to build.
var samplePatterns = []struct {
	name    string
	pattern *regexp.Regexp
}{
	{"home", regexp.MustCompile(`^index\.html$`)},
	{"report", ReportPages},
	{"town", regexp.MustCompile(`^towns/[^/]+/index\.html$`)},
	{"region", regexp.MustCompile(`^regions/[^/]+/index\.html$`)},
	{"year", regexp.MustCompile(`^years/\d{4}/index\.html$`)},
	{"comparison", regexp.MustCompile(`^compare/\d{4}/[^/]+/(?:[^/]+/)?index\.html$`)},
	{"figures", regexp.MustCompile(`^regions/[^/]+/\d{4}/index\.html$`)},
	{"search", regexp.MustCompile(`^search/index\.html$`)},
	{"404", regexp.MustCompile(`^404\.html$`)},
}

// SearchQuery is put in the search page's URL so that the browser checks
// the page with its results shown, not only the empty form.
const SearchQuery = "法治政府"

// SamplePages picks the pages the browser checks: the home page, a report,
// a town, a region, a year, a comparison, a county's figures, the search page (with a query)
// and the 404 page (requested at a path that does not exist, at depth, as
// readers meet it). serverBase is the URL the site is served at, ending in
// "/". Every kind must be found: a site without one is an error.
func (s *Site) SamplePages(serverBase string) ([]BrowserPage, error) {
	var out []BrowserPage
	var missing []string
	for _, sp := range samplePatterns {
		file := ""
		for _, p := range s.pages {
			if sp.pattern.MatchString(p.file) {
				file = p.file
				break
			}
		}
		if file == "" {
			missing = append(missing, sp.name)
			continue
		}
		bp := BrowserPage{Name: sp.name, File: file, URL: serverBase + strings.TrimSuffix(file, "index.html"), Status: 200}
		switch sp.name {
		case "search":
			bp.URL += "?q=" + url.QueryEscape(SearchQuery)
		case "404":
			bp.URL = serverBase + "no/such/page/"
			bp.Status = 404
		}
		out = append(out, bp)
	}
	if len(missing) > 0 {
		return out, fmt.Errorf("the site has no page of kind %s", strings.Join(missing, ", "))
	}
	return out, nil
}

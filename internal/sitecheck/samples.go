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
	// optional: a site may have no page of this kind (a town with one
	// report has nothing to set it against).
	optional bool
}{
	{"home", regexp.MustCompile(`^index\.html$`), false},
	{"report", ReportPages, false},
	{"town", regexp.MustCompile(`^towns/[^/]+/index\.html$`), false},
	{"region", regexp.MustCompile(`^regions/[^/]+/index\.html$`), false},
	{"year", regexp.MustCompile(`^years/\d{4}/index\.html$`), false},
	{"comparison", regexp.MustCompile(`^compare/\d{4}/[^/]+/(?:[^/]+/)?index\.html$`), false},
	{"figures", regexp.MustCompile(`^regions/[^/]+/\d{4}/index\.html$`), false},
	{"changes", regexp.MustCompile(`^towns/[^/]+/changes-\d{4}/index\.html$`), true},
	{"repeated", regexp.MustCompile(`^repeated/index\.html$`), false},
	{"search", regexp.MustCompile(`^search/index\.html$`), false},
	{"404", regexp.MustCompile(`^404\.html$`), false},
}

// SearchQuery is put in the search page's URL so that the browser checks
// the page with its results shown, not only the empty form.
const SearchQuery = "法治政府"

// SamplePages picks the pages the browser checks: the home page, a report,
// a town, a region, a year, a comparison, a county's figures, a town's
// changes from one report to the next (where a town has two), the page of
// repeated text, the search page (with a query)
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
			if !sp.optional {
				missing = append(missing, sp.name)
			}
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

package site

import "slices"

// The kinds of pages. A kind names its template, templates/{kind}.html,
// which defines "main" (and may define "head") and is executed inside
// templates/layout.html; how its pages are listed (jobs.go), what they
// depend on (deps.go) and how each is made (page_*.go) switch on it; the
// build summary counts files by kind.
const (
	kindHome         = "home"
	kindReport       = "report"
	kindTown         = "town"
	kindRegion       = "region"
	kindYear         = "year"
	kindSearch       = "search"
	kindData         = "data"
	kindNotFound     = "404"
	kindCompareIndex = "compare-index"
	kindCompareYear  = "compare-year"
	kindCompareSplit = "compare-split"
	kindCompareTown  = "compare-town"
	kindComparePlan  = "compare-plan"
)

// pageKinds lists the kinds of pages, in the order their templates are
// parsed. Files named _*.html hold partials shared by every page.
var pageKinds = []string{
	kindHome, kindReport, kindTown, kindRegion, kindYear, kindSearch, kindData, kindNotFound, kindCompareIndex, kindCompareYear, kindCompareSplit, kindCompareTown, kindComparePlan,
}

// IsPageKind reports whether kind is a kind of HTML page, not of another
// file (an asset, the open data, the search index).
func IsPageKind(kind string) bool { return slices.Contains(pageKinds, kind) }

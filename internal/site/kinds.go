package site

import "slices"

// The kinds of pages. A kind names its template, templates/{kind}.html,
// which defines "main" (and may define "head") and is executed inside
// templates/layout.html; its row of kindRules (below) names how a page of
// it is made (page_*.go) and when it must be made again (deps.go); jobs.go
// lists its pages; the build summary counts files by kind.
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
	kindFigures      = "figures"
	kindChanges      = "changes"
	kindRepeated     = "repeated"
)

// pageKinds lists the kinds of pages, in the order their templates are
// parsed. Files named _*.html hold partials shared by every page.
var pageKinds = []string{
	kindHome, kindReport, kindTown, kindRegion, kindYear, kindSearch, kindData, kindNotFound,
	kindCompareIndex, kindCompareYear, kindCompareSplit, kindCompareTown, kindComparePlan, kindFigures,
	kindChanges, kindRepeated,
}

// IsPageKind reports whether kind is a kind of HTML page, not of another
// file (an asset, the open data, the search index).
func IsPageKind(kind string) bool { return slices.Contains(pageKinds, kind) }

// kindRule is what the build knows of a kind of page or file besides how
// its jobs are listed (jobs.go): how a page of it is made, and when a file
// of the last build may differ now (nil: whenever anything changed).
type kindRule struct {
	page     func(p *pages, j *job) (*page, error)
	affected func(j *job, c *changes) bool
}

// kindRules are the kinds' rules, one row a kind.
var kindRules = map[string]kindRule{
	kindHome:         {page: func(p *pages, _ *job) (*page, error) { return p.home(), nil }},
	kindTown:         {page: func(p *pages, j *job) (*page, error) { return p.town(j.town) }, affected: townAffected},
	kindReport:       {page: func(p *pages, j *job) (*page, error) { return p.report(j.report) }, affected: reportAffected},
	kindCompareTown:  {page: func(p *pages, j *job) (*page, error) { return p.compareTown(j.town, j.section) }, affected: ofTownAffected},
	kindComparePlan:  {page: func(p *pages, j *job) (*page, error) { return p.comparePlan(j.town, j.year) }, affected: ofTownAffected},
	kindRegion:       {page: func(p *pages, j *job) (*page, error) { return p.region(j.region), nil }, affected: regionAffected},
	kindYear:         {page: func(p *pages, j *job) (*page, error) { return p.year(j.year), nil }, affected: yearAffected},
	kindFigures:      {page: func(p *pages, j *job) (*page, error) { return p.countyFigures(j.cy) }, affected: regionAffected},
	kindChanges:      {page: func(p *pages, j *job) (*page, error) { return p.changes(j.town, j.report) }, affected: ofTownAffected},
	kindRepeated:     {page: func(p *pages, _ *job) (*page, error) { return p.repeated() }, affected: anyReport},
	kindCompareIndex: {page: func(p *pages, _ *job) (*page, error) { return p.compareIndex(), nil }},
	kindCompareSplit: {page: func(p *pages, j *job) (*page, error) { return p.compareSplit(j.yk), nil }, affected: compareSplitAffected},
	kindCompareYear:  {page: func(p *pages, j *job) (*page, error) { return p.compareYear(j.cp) }, affected: compareYearAffected},
	kindSearch:       {page: func(p *pages, _ *job) (*page, error) { return p.search(), nil }},
	kindData:         {page: func(p *pages, _ *job) (*page, error) { return p.data(), nil }},
	kindNotFound:     {page: func(p *pages, _ *job) (*page, error) { return p.notFound(), nil }},
	fileMarkdown:     {affected: ofTownAffected},
	fileSource:       {affected: ofTownAffected},
	fileText:         {affected: ofTownAffected},
	fileAsset:        {affected: never},
}

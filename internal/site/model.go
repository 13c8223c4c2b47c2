package site

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"nianbao/internal/content"
)

// Site is the model of the whole site: the reports grouped by town, region
// and year, and the comparisons between them. It knows nothing of pages.
type Site struct {
	// Reports are in town order, then by year.
	Reports []*Report
	// Towns are ordered by statistical code, then name.
	Towns []*Town
	// Provinces are the roots of the region tree, by code.
	Provinces []*Region
	// Regions lists every province, city and county, by code.
	Regions []*Region
	// Years lists the years with at least one report, ascending.
	Years []int
	// YearKinds are the comparisons of one section kind across towns in one
	// year, by year then kind.
	YearKinds []*YearKind
	// Updated is the newest publication or signing date of any report: the
	// site's "updated" date, taken from the content so builds are repeatable.
	Updated day
	// CountyYears are the reports of each county in each year, by county
	// code then year: a figures page compares them.
	CountyYears []*CountyYear

	byYear      map[int][]*Report
	yearUpdated map[int]day
}

// Report is one report as the site shows it.
type Report struct {
	// File is the content file, as named in diagnostics.
	File string
	// Meta is the front matter with the derived fields (code, region names,
	// sections) filled in.
	Meta content.Meta
	Year int
	Town *Town
	// Sections are the top-level sections, in body order.
	Sections []Section
	// Date is the 成文日期 and Published the 发布日期, the document's own
	// dates; Added is the day this site took the report in (收录日期).
	Date, Published, Added day
	// Source is the original's path in the repository: the front matter
	// source path with any link inside the sources directory followed, when
	// that file exists there (originals.go).
	Source string
	// Lead is the first sentence of the lead paragraph.
	Lead string

	// entry is the content file, whose bytes are published as the report's
	// Markdown and whose parts the pages show.
	entry *entry
	// sourceStamp is the stamp of the source file (internal/filestamp), so
	// that a rebuild copies it again when it changed.
	sourceStamp string
	// compare holds the comparison page showing each of the report's
	// sections, by the index of its kind in compareKinds.
	compare [4]*ComparePage
}

// Section is one top-level section of a report.
type Section struct {
	ID, Title, Kind string
	// Index is the section's position among the body's "##" sections.
	Index int
}

// SectionsOf returns the report's sections of one kind, in body order.
func (r *Report) SectionsOf(kind string) []Section {
	var out []Section
	for _, s := range r.Sections {
		if s.Kind == kind {
			out = append(out, s)
		}
	}
	return out
}

// HasKind reports whether the report has a section of the kind.
func (r *Report) HasKind(kind string) bool {
	for _, s := range r.Sections {
		if s.Kind == kind {
			return true
		}
	}
	return false
}

// Newest is the latest date known of the report, for ordering reports and
// dating the pages that list them: the day it was published, or else
// signed, or else the day this site added it.
func (r *Report) Newest() day {
	_, d := r.Dated()
	return d
}

// Dated is the date a page shows for the report, with the name that says
// which date it is: 发布日期, else 成文日期, else 收录日期 (the day this site
// added it). Each is a fact of its own; the zero day when none is known.
func (r *Report) Dated() (label string, d day) {
	switch {
	case r.Published.valid:
		return "发布日期", r.Published
	case r.Date.valid:
		return "成文日期", r.Date
	case r.Added.valid:
		return "收录日期", r.Added
	}
	return "", day{}
}

// Town is a township with its reports.
type Town struct {
	// Code is the 9-digit statistical code, or a stable "x…" stand-in when
	// no table knows the town.
	Code string
	Name string
	// Chain is the regions above the town, province first; a level that is
	// the same division as the one above it is not repeated.
	Chain []*Region
	// Reports are in year order.
	Reports []*Report
	// Kinds lists the section kinds found in at least two of the town's
	// reports, which get a page comparing them across years.
	Kinds []string
	// PlanYears lists the years N whose plans can be set beside the
	// measures reported for N+1.
	PlanYears []int

	byYear map[int]*Report
	// updated is the newest date of the town's reports.
	updated day
}

// Report returns the town's report about year, or nil.
func (t *Town) Report(year int) *Report { return t.byYear[year] }

// FirstYear and LastYear bound the town's timeline.
func (t *Town) FirstYear() int { return t.Reports[0].Year }

// LastYear is the year of the town's newest report.
func (t *Town) LastYear() int { return t.Reports[len(t.Reports)-1].Year }

// FullName is the town's name with the regions above it.
func (t *Town) FullName() string {
	var b strings.Builder
	for _, r := range t.Chain {
		b.WriteString(r.Name)
	}
	b.WriteString(t.Name)
	return b.String()
}

// County is the region directly above the town.
func (t *Town) County() *Region {
	if len(t.Chain) == 0 {
		return nil
	}
	return t.Chain[len(t.Chain)-1]
}

// Region levels.
const (
	LevelProvince = 1
	LevelCity     = 2
	LevelCounty   = 3
)

// Region is a province, city or county.
type Region struct {
	// Code is the 6-digit code, or a stable "x…" stand-in.
	Code, Name string
	Level      int
	Parent     *Region
	// Children are the regions directly below, by code.
	Children []*Region
	// Towns are all towns under the region, in town order.
	Towns []*Town
	// FirstYear and LastYear bound the years of the reports under the region.
	FirstYear, LastYear int
	// ReportCount is the number of reports under the region.
	ReportCount int

	// updated is the newest date of the reports under the region.
	updated day
}

// Chain is the region and the regions above it, province first.
func (r *Region) Chain() []*Region {
	var out []*Region
	for x := r; x != nil; x = x.Parent {
		out = append([]*Region{x}, out...)
	}
	return out
}

// YearKind is one section kind compared across the towns of one year.
type YearKind struct {
	Year int
	Kind string
	// Reports have a section of the kind; Without do not. Both in town order.
	Reports, Without []*Report
	// Pages is one page for the whole year, or one per county when the year
	// has more towns than Settings.CompareSplit.
	Pages []*ComparePage
	// Split tells whether Pages are per county.
	Split bool

	// updated is the newest date of the year's reports.
	updated day
}

// ComparePage is the part of a YearKind shown on one page.
type ComparePage struct {
	YearKind *YearKind
	// Region is the county of a split comparison, nil for the whole year.
	Region           *Region
	Reports, Without []*Report

	// updated is the newest date of the reports the page lists.
	updated day
}

// later returns the later of two dates; an invalid date is the earliest.
func later(a, b day) day {
	if b.valid && (!a.valid || b.formatted > a.formatted) {
		return b
	}
	return a
}

// newest is the latest date of reports.
func newest(reports ...[]*Report) day {
	var d day
	for _, rs := range reports {
		for _, r := range rs {
			d = later(d, r.Newest())
		}
	}
	return d
}

// newestFirst orders reports newest first: by date, then year, then town.
// No two reports share a town and a year, so the order is total.
func newestFirst(a, b *Report) bool {
	if x, y := a.Newest().formatted, b.Newest().formatted; x != y {
		return x > y
	}
	if a.Year != b.Year {
		return a.Year > b.Year
	}
	return townLess(a.Town, b.Town)
}

// newestReports returns the n newest reports, newest first, in one pass:
// the home page and the feed show a few of many thousands.
func newestReports(reports []*Report, n int) []*Report {
	if n <= 0 {
		return nil
	}
	top := make([]*Report, 0, n+1)
	for _, r := range reports {
		if len(top) == n && !newestFirst(r, top[n-1]) {
			continue
		}
		i := sort.Search(len(top), func(i int) bool { return newestFirst(r, top[i]) })
		top = append(top, nil)
		copy(top[i+1:], top[i:])
		top[i] = r
		if len(top) > n {
			top = top[:n]
		}
	}
	return top
}

// compareKinds are the section kinds the comparison pages align. "other"
// sections have nothing in common to compare.
var compareKinds = []string{content.KindMeasures, content.KindLeadership, content.KindShortcomings, content.KindPlans}

// YearReports returns the reports about a year, in town order.
func (s *Site) YearReports(year int) []*Report { return s.byYear[year] }

// ComparePage returns the comparison page that shows the report's section
// of kind, or nil.
func (r *Report) ComparePage(kind string) *ComparePage {
	if i := slices.Index(compareKinds, kind); i >= 0 {
		return r.compare[i]
	}
	return nil
}

// YearKind returns the comparison of kind in year, or nil.
func (s *Site) YearKind(year int, kind string) *YearKind {
	for _, yk := range s.YearKinds {
		if yk.Year == year && yk.Kind == kind {
			return yk
		}
	}
	return nil
}

// groupTowns builds towns and regions from derived reports and orders
// everything by explicit keys.
func (s *Site) groupTowns(reports []*Report, places []place) {
	towns := map[string]*Town{}
	regions := map[string]*Region{}
	for i, r := range reports {
		p := places[i]
		t := towns[p.code]
		if t == nil {
			t = &Town{Code: p.code, Name: p.name, byYear: map[int]*Report{}}
			var parent *Region
			for _, ref := range p.chain {
				reg := regions[ref.code]
				if reg == nil {
					reg = &Region{Code: ref.code, Name: ref.name, Level: ref.level, Parent: parent}
					regions[ref.code] = reg
					if parent != nil {
						parent.Children = append(parent.Children, reg)
					}
				}
				t.Chain = append(t.Chain, reg)
				parent = reg
			}
			towns[p.code] = t
			s.Towns = append(s.Towns, t)
		}
		r.Town = t
		t.Reports = append(t.Reports, r)
		t.byYear[r.Year] = r
		t.updated = later(t.updated, r.Newest())
	}
	sort.Slice(s.Towns, func(i, j int) bool { return townLess(s.Towns[i], s.Towns[j]) })
	for _, t := range s.Towns {
		sort.Slice(t.Reports, func(i, j int) bool { return t.Reports[i].Year < t.Reports[j].Year })
		s.Reports = append(s.Reports, t.Reports...)
		for _, reg := range t.Chain {
			reg.Towns = append(reg.Towns, t)
			reg.ReportCount += len(t.Reports)
			if reg.FirstYear == 0 || t.FirstYear() < reg.FirstYear {
				reg.FirstYear = t.FirstYear()
			}
			if t.LastYear() > reg.LastYear {
				reg.LastYear = t.LastYear()
			}
			reg.updated = later(reg.updated, t.updated)
		}
	}
	for _, reg := range regions {
		s.Regions = append(s.Regions, reg)
		sortRegions(reg.Children)
		if reg.Parent == nil {
			s.Provinces = append(s.Provinces, reg)
		}
	}
	sortRegions(s.Regions)
	sortRegions(s.Provinces)
}

func townLess(a, b *Town) bool {
	if a.Code != b.Code {
		return a.Code < b.Code
	}
	return a.Name < b.Name
}

func sortRegions(rs []*Region) {
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].Code != rs[j].Code {
			return rs[i].Code < rs[j].Code
		}
		return rs[i].Name < rs[j].Name
	})
}

// indexYears fills the years, the per-year lists and the comparisons.
func (s *Site) indexYears(split int) {
	s.byYear = map[int][]*Report{}
	s.yearUpdated = map[int]day{}
	for _, r := range s.Reports {
		if len(s.byYear[r.Year]) == 0 {
			s.Years = append(s.Years, r.Year)
		}
		s.byYear[r.Year] = append(s.byYear[r.Year], r)
		s.yearUpdated[r.Year] = later(s.yearUpdated[r.Year], r.Newest())
		if n := r.Newest(); n.valid && n.formatted > s.Updated.formatted {
			s.Updated = n
		}
	}
	sort.Ints(s.Years)
	for _, y := range s.Years {
		for _, kind := range compareKinds {
			yk := &YearKind{Year: y, Kind: kind}
			for _, r := range s.byYear[y] {
				if r.HasKind(kind) {
					yk.Reports = append(yk.Reports, r)
				} else {
					yk.Without = append(yk.Without, r)
				}
			}
			if len(yk.Reports) < 2 {
				continue // nothing to set side by side
			}
			yk.updated = s.yearUpdated[y]
			s.paginate(yk, split)
			s.YearKinds = append(s.YearKinds, yk)
		}
	}
	for _, t := range s.Towns {
		for _, kind := range compareKinds {
			n := 0
			for _, r := range t.Reports {
				if r.HasKind(kind) {
					n++
				}
			}
			if n >= 2 {
				t.Kinds = append(t.Kinds, kind)
			}
		}
		for _, r := range t.Reports {
			if next := t.Report(r.Year + 1); next != nil && r.HasKind(content.KindPlans) && next.HasKind(content.KindMeasures) {
				t.PlanYears = append(t.PlanYears, r.Year)
			}
		}
	}
}

// CountyYear is the reports of one county (the region right above its
// towns) about one year.
type CountyYear struct {
	County  *Region
	Year    int
	Reports []*Report // in town order
	updated day
}

// indexCounties fills CountyYears. Towns no division table places have no
// county, and no such page.
func (s *Site) indexCounties() {
	byKey := map[*Region]map[int]*CountyYear{}
	for _, r := range s.Reports {
		c := r.Town.County()
		if c == nil {
			continue
		}
		if byKey[c] == nil {
			byKey[c] = map[int]*CountyYear{}
		}
		cy := byKey[c][r.Year]
		if cy == nil {
			cy = &CountyYear{County: c, Year: r.Year}
			byKey[c][r.Year] = cy
			s.CountyYears = append(s.CountyYears, cy)
		}
		cy.Reports = append(cy.Reports, r)
		cy.updated = later(cy.updated, r.Newest())
	}
	sort.SliceStable(s.CountyYears, func(i, j int) bool {
		a, b := s.CountyYears[i], s.CountyYears[j]
		if a.County != b.County {
			return a.County.Code < b.County.Code || a.County.Code == b.County.Code && a.County.Name < b.County.Name
		}
		return a.Year < b.Year
	})
}

// CountyYearsOf returns the years a county has reports about, with their
// CountyYear, ascending.
func (s *Site) CountyYearsOf(c *Region) []*CountyYear {
	i := sort.Search(len(s.CountyYears), func(i int) bool {
		x := s.CountyYears[i].County
		return x.Code > c.Code || x.Code == c.Code && x.Name >= c.Name
	})
	j := i
	for j < len(s.CountyYears) && s.CountyYears[j].County == c {
		j++
	}
	return s.CountyYears[i:j]
}

// paginate puts a comparison on one page, or on one page per county when
// it has more towns than split.
func (s *Site) paginate(yk *YearKind, split int) {
	if len(yk.Reports) <= split {
		p := &ComparePage{YearKind: yk, Reports: yk.Reports, Without: yk.Without, updated: yk.updated}
		yk.Pages = []*ComparePage{p}
		for _, r := range yk.Reports {
			r.compare[slices.Index(compareKinds, yk.Kind)] = p
		}
		return
	}
	yk.Split = true
	byCounty := map[*Region]*ComparePage{}
	for _, r := range yk.Reports {
		c := r.Town.County()
		p := byCounty[c]
		if p == nil {
			p = &ComparePage{YearKind: yk, Region: c}
			byCounty[c] = p
			yk.Pages = append(yk.Pages, p)
		}
		p.Reports = append(p.Reports, r)
		r.compare[slices.Index(compareKinds, yk.Kind)] = p
	}
	for _, r := range yk.Without {
		if p := byCounty[r.Town.County()]; p != nil {
			p.Without = append(p.Without, r)
		}
	}
	for _, p := range yk.Pages {
		p.updated = newest(p.Reports, p.Without)
	}
}

// leadChars is the most characters of a report's lead sentence shown.
const leadChars = 120

// firstSentence is the lead sentence shown on timelines: the text up to the
// first 。, cut at max characters.
func firstSentence(s string, max int) string {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	// Only the first max characters can be shown, and a character is at
	// most utf8.UTFMax bytes: a lead with no line break or 。 in its first
	// (max+1)·UTFMax bytes is cut there, so the rest of it (portal copies
	// are one long line) need not be scanned.
	if limit := (max + 1) * utf8.UTFMax; len(s) > limit {
		s = s[:limit]
	} else {
		s = strings.TrimRightFunc(s, unicode.IsSpace)
	}
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, "。"); i >= 0 {
		s = s[:i+len("。")]
	}
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	if !utf8.ValidString(s) {
		return string([]rune(s)[:max]) + "……"
	}
	cut := 0
	for range max {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
	}
	return s[:cut] + "……"
}

// problemf makes a content problem at a file line.
func problemf(file string, line int, format string, args ...any) error {
	return &content.Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...)}
}

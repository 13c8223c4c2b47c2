package site

import (
	"html/template"
	"nianbao/internal/cache"
	"slices"
	"strconv"
	"text/template/parse"
)

// An incremental build renders the pages whose inputs may have changed
// since the last build into the same output directory and compares each
// with the file already there. Which pages those are follows from what each
// page shows (affected, at the end of this file, for each file jobs.go
// lists): a report's page shows its town's reports and links to the
// comparisons of its year; a region's page lists the towns below it; a
// comparison shows the towns of its county or year; the home, search, data
// and comparison index pages, the feed, the sitemap and the open data list
// everything and are always rendered. A template that reads a site-wide
// count makes its pages depend on it (templateUses). The tests build sites
// both ways after many kinds of change and compare every byte.

// changes is what differs between the last build's inputs and this one's.
type changes struct {
	// all marks every page: a town or region was renamed or moved.
	all bool
	// towns, regions and years hold those with a report added, removed or
	// changed (old and new place of each).
	towns, regions map[string]bool
	years          map[int]bool
	// counties holds "year/county" of each changed report, for the
	// comparisons split by county.
	counties map[string]bool
	// yks holds "year/kind" of each comparison that appeared, disappeared or
	// was split or joined; ykYears and ykKinds their years and kinds.
	yks     map[string]bool
	ykYears map[int]bool
	ykKinds map[string]bool
	// yearList is set when a year appeared or disappeared.
	yearList bool
	// volatile holds the siteView fields whose values changed.
	volatile map[string]bool
	// reused holds the content files of the reports whose text found in
	// other reports changed, though they did not.
	reused map[string]bool
}

// changedYear reports whether any comparison of year appeared, disappeared
// or was split: the links of every report of that year then change.
func (c *changes) changedYear(year int) bool { return c.ykYears[year] }

// updated reports whether the site's newest date changed, which pages
// without a date of their own show.
func (c *changes) updated() bool { return c.volatile["Updated"] }

// diffBuilds compares the last build's reports and facts with this one's.
func diffBuilds(old *cache.Manifest, reports []cache.ReportState, facts cache.SiteFacts) *changes {
	c := &changes{
		towns: map[string]bool{}, regions: map[string]bool{}, years: map[int]bool{}, counties: map[string]bool{},
		yks: map[string]bool{}, ykYears: map[int]bool{}, ykKinds: map[string]bool{}, volatile: map[string]bool{},
		reused: map[string]bool{},
	}
	mark := func(r *cache.ReportState) {
		c.towns[r.Town] = true
		c.years[r.Year] = true
		for _, code := range r.Chain {
			c.regions[code] = true
		}
		if len(r.Chain) > 0 {
			c.counties[ykKey(r.Year, r.Chain[len(r.Chain)-1])] = true
		}
	}
	i, j := 0, 0
	for i < len(old.Reports) || j < len(reports) {
		switch {
		case j == len(reports) || i < len(old.Reports) && old.Reports[i].File < reports[j].File:
			mark(&old.Reports[i])
			i++
		case i == len(old.Reports) || reports[j].File < old.Reports[i].File:
			mark(&reports[j])
			j++
		default:
			if !sameState(&old.Reports[i], &reports[j]) {
				mark(&old.Reports[i])
				mark(&reports[j])
			} else if old.Reports[i].Reuse != reports[j].Reuse {
				c.reused[reports[j].File] = true
			}
			i++
			j++
		}
	}
	for code, id := range facts.Towns {
		if was, ok := old.Facts.Towns[code]; ok && was != id {
			c.all = true
		}
	}
	for code, id := range facts.Regions {
		if was, ok := old.Facts.Regions[code]; ok && was != id {
			c.all = true
		}
	}
	c.yearList = !slices.Equal(old.Facts.Years, facts.Years)
	for k, split := range facts.YKs {
		if was, ok := old.Facts.YKs[k]; !ok || was != split {
			c.markYK(k)
		}
	}
	for k := range old.Facts.YKs {
		if _, ok := facts.YKs[k]; !ok {
			c.markYK(k)
		}
	}
	for k, v := range facts.Volatile {
		if old.Facts.Volatile[k] != v {
			c.volatile[k] = true
		}
	}
	return c
}

func (c *changes) markYK(key string) {
	c.yks[key] = true
	var year int
	var kind string
	for i := 0; i < len(key); i++ {
		if key[i] == '/' {
			kind = key[i+1:]
			break
		}
		year = year*10 + int(key[i]-'0')
	}
	c.ykYears[year] = true
	c.ykKinds[kind] = true
}

// sameReports reports whether two builds have the same reports in the same
// states, what they show of reuse aside.
func sameReports(a, b []cache.ReportState) bool {
	return slices.EqualFunc(a, b, func(x, y cache.ReportState) bool { return x.File == y.File && sameState(&x, &y) })
}

func sameState(a, b *cache.ReportState) bool {
	return a.Hash == b.Hash && a.Source == b.Source && a.Town == b.Town && a.Year == b.Year && slices.Equal(a.Chain, b.Chain)
}

// volatileFields are the siteView fields whose values change with the
// reports; a template that reads one makes its pages depend on it.
var volatileFields = []string{"Updated", "TownCount", "ReportCount", "FirstYear", "LastYear"}

// templateUses lists the volatile site fields one page kind's templates
// read. It follows the site view through the templates: a field counts when
// it is read from .Site (".Site.TownCount", "$.Site.Updated"), from a
// variable set to it, or from the dot of a "with" block or a template
// called with it. Printing the whole .Site, or giving it to a function,
// counts as reading every field. Region and Town have fields of the same
// names, which do not count.
func templateUses(t *template.Template) map[string]bool {
	a := &usesWalker{set: t, uses: map[string]bool{}, done: map[string]bool{}}
	for _, x := range t.Templates() {
		a.template(x.Name(), false)
	}
	return a.uses
}

type usesWalker struct {
	set  *template.Template
	uses map[string]bool
	done map[string]bool // template name and dot kind, walked
}

func (a *usesWalker) template(name string, dotIsSite bool) {
	key := name + "/" + strconv.FormatBool(dotIsSite)
	if a.done[key] {
		return
	}
	a.done[key] = true
	if x := a.set.Lookup(name); x != nil && x.Tree != nil {
		a.list(x.Tree.Root, dotIsSite, map[string]bool{})
	}
}

func (a *usesWalker) all() {
	for _, f := range volatileFields {
		a.uses[f] = true
	}
}

// chain reads the identifiers of a field chain from a root that is the
// site view or not, and tells whether the chain ends at the site view.
func (a *usesWalker) chain(ids []string, rootIsSite bool) (endsAtSite bool) {
	site := rootIsSite
	for _, id := range ids {
		if site && slices.Contains(volatileFields, id) {
			a.uses[id] = true
		}
		site = id == "Site"
	}
	return site
}

// arg visits an argument and tells whether it is the whole site view.
func (a *usesWalker) arg(n parse.Node, dotIsSite bool, vars map[string]bool) bool {
	switch n := n.(type) {
	case *parse.DotNode:
		return dotIsSite
	case *parse.FieldNode:
		return a.chain(n.Ident, dotIsSite)
	case *parse.VariableNode:
		return a.chain(n.Ident[1:], vars[n.Ident[0]])
	case *parse.ChainNode:
		root := a.arg(n.Node, dotIsSite, vars)
		return a.chain(n.Field, root)
	case *parse.PipeNode:
		return a.pipe(n, dotIsSite, vars, false)
	}
	return false
}

// pipe visits a pipeline and tells whether its value is the whole site
// view; printed says its value is written out.
func (a *usesWalker) pipe(p *parse.PipeNode, dotIsSite bool, vars map[string]bool, printed bool) bool {
	if p == nil {
		return false
	}
	site := false
	for _, cmd := range p.Cmds {
		fn := len(cmd.Args) > 1
		site = false
		for _, x := range cmd.Args {
			if a.arg(x, dotIsSite, vars) {
				site = true
				if fn {
					a.all()
				}
			}
		}
		if fn {
			site = false
		}
	}
	if site && printed {
		a.all()
	}
	for _, v := range p.Decl {
		vars[v.Ident[0]] = site
	}
	return site
}

func (a *usesWalker) list(n *parse.ListNode, dotIsSite bool, vars map[string]bool) {
	if n == nil {
		return
	}
	for _, c := range n.Nodes {
		switch c := c.(type) {
		case *parse.ActionNode:
			a.pipe(c.Pipe, dotIsSite, vars, len(c.Pipe.Decl) == 0)
		case *parse.IfNode:
			a.pipe(c.Pipe, dotIsSite, vars, false)
			a.list(c.List, dotIsSite, vars)
			a.list(c.ElseList, dotIsSite, vars)
		case *parse.RangeNode:
			a.pipe(c.Pipe, dotIsSite, vars, false)
			a.list(c.List, false, vars)
			a.list(c.ElseList, dotIsSite, vars)
		case *parse.WithNode:
			site := a.pipe(c.Pipe, dotIsSite, vars, false)
			a.list(c.List, site, vars)
			a.list(c.ElseList, dotIsSite, vars)
		case *parse.TemplateNode:
			a.template(c.Name, a.pipe(c.Pipe, dotIsSite, vars, false))
		}
	}
}

// affected tells whether a file of the last build may differ now, from
// what the job's file shows: its kind's rule (kindRules), and for a page
// without a date of its own, the site's newest date. It may say yes for
// nothing (the file is rendered, found equal and left alone) but must never
// say no wrongly; TestIncrementalMatchesClean and TestIncrementalRandomEdits
// check it.
func affected(j *job, c *changes) bool {
	// A page without a date of its own shows the site's newest date, and
	// changes with it.
	if j.isPage() && !j.dated && c.updated() {
		return true
	}
	if rule := kindRules[j.kind].affected; rule != nil {
		return rule(j, c)
	}
	if j.file == pathFiguresCSV || j.file == pathFiguresJSON {
		// The figures' open data, hundreds of megabytes on a national site,
		// holds the reports and their places only.
		return c.all || len(c.towns) > 0
	}
	// The home, search, data, comparison index and 404 pages, the open
	// data, the feed and robots.txt show the whole site.
	return true
}

// townAffected: a town's timeline links to the comparisons of each of its
// years.
func townAffected(j *job, c *changes) bool {
	if c.towns[j.town.Code] {
		return true
	}
	for _, r := range j.town.Reports {
		if c.changedYear(r.Year) {
			return true
		}
	}
	return false
}

// reportAffected: a report page shows its town's other years and links to
// the comparisons of its year.
func reportAffected(j *job, c *changes) bool {
	return c.towns[j.town.Code] || c.changedYear(j.report.Year) || c.reused[j.report.entry.Name]
}

// ofTownAffected: a file of one town's (its Markdown, its original, its
// comparisons across years) changes with the town.
func ofTownAffected(j *job, c *changes) bool { return c.towns[j.town.Code] }

// regionAffected: a region lists the towns below it and their years.
func regionAffected(j *job, c *changes) bool { return c.regions[j.region.Code] }

// yearAffected: a year lists its reports, links to the years beside it and
// to its comparisons.
func yearAffected(j *job, c *changes) bool {
	return c.years[j.year] || c.yearList || c.changedYear(j.year)
}

// compareSplitAffected: the county list of a comparison split by county.
func compareSplitAffected(j *job, c *changes) bool {
	return c.years[j.yk.Year] || c.yks[ykKey(j.yk.Year, j.yk.Kind)]
}

// compareYearAffected: a comparison links to the other kinds of its year and
// the other years of its kind, and shows the towns of its county (or year).
func compareYearAffected(j *job, c *changes) bool {
	yk := j.yk
	if c.yks[ykKey(yk.Year, yk.Kind)] || c.ykYears[yk.Year] || c.ykKinds[yk.Kind] {
		return true
	}
	if j.cp.Region == nil {
		return c.years[yk.Year]
	}
	return c.counties[ykKey(yk.Year, j.cp.Region.Code)]
}

// anyReport: a page of the whole site's text (repeated/) changes only with
// a report.
func anyReport(_ *job, c *changes) bool { return len(c.towns) > 0 }

// never: assets are part of the build's version.
func never(*job, *changes) bool { return false }

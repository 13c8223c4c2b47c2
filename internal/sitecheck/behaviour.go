package sitecheck

import (
	"fmt"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// BehaviourPages are the pages scripts/behaviour.mjs drives: a report of a
// town with more than one year (its year bar), a region grid (its sticky
// town column) and a comparison of several towns (its town switcher, read
// without JavaScript). URLs are under the server's base.
type BehaviourPages struct {
	Report, Region, Compare string
}

// FindBehaviourPages picks, in path order, the first page of each kind that
// has the behaviour to drive. A site without one (a site where every town
// has one report has no year bar) is an error: the check would prove
// nothing there.
func (s *Site) FindBehaviourPages(serverBase string) (BehaviourPages, error) {
	var out BehaviourPages
	for _, p := range s.pages {
		u := serverBase + strings.TrimSuffix(p.file, "index.html")
		switch {
		case out.Report == "" && ReportPages.MatchString(p.file) && p.hasClassWith("yearbar", "a"):
			out.Report = u
		case out.Region == "" && strings.HasPrefix(p.file, "regions/") && p.hasClassWith("grid", "th"):
			out.Region = u
		case out.Compare == "" && strings.HasPrefix(p.file, "compare/") && p.hasClassWith("cmp-outline", "a"):
			out.Compare = u
		}
	}
	var missing []string
	for name, u := range map[string]string{"a report with a year bar": out.Report, "a region grid": out.Region, "a comparison of several towns": out.Compare} {
		if u == "" {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return out, fmt.Errorf("the site has no %s", strings.Join(missing, ", no "))
	}
	return out, nil
}

// hasClassWith reports whether the page has an element of the class that
// holds a descendant element of the tag.
func (p *page) hasClassWith(class, tag string) bool {
	for n := range p.elements {
		if !slices.Contains(strings.Fields(attrOr(n, "class")), class) {
			continue
		}
		for d := range n.Descendants() {
			if d.Type == html.ElementNode && d.Data == tag {
				return true
			}
		}
	}
	return false
}

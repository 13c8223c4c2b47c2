package site

import (
	"sort"
	"strconv"
	"strings"

	"nianbao/internal/cache"
)

// The manifest of the last output (internal/cache) is made here from the
// site model: each report's state and the site-wide facts, which the next
// build compares (deps.go).

// reportStates lists the reports of the site in content file order, their
// Reuse digests left for plan to fill.
func reportStates(s *Site) []cache.ReportState {
	out := make([]cache.ReportState, 0, len(s.Reports))
	for _, r := range s.Reports {
		st := cache.ReportState{File: r.entry.Name, Hash: r.entry.Hash, Town: r.Town.Code, Year: r.Year}
		if r.Source != "" {
			st.Source = r.Source + "@" + r.sourceStamp
		}
		for _, reg := range r.Town.Chain {
			st.Chain = append(st.Chain, reg.Code)
		}
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].File < out[j].File })
	return out
}

// factsOf collects the site-wide facts of a model and its view.
func factsOf(s *Site, v *siteView) cache.SiteFacts {
	f := cache.SiteFacts{
		Years:   s.Years,
		YKs:     map[string]bool{},
		Towns:   map[string]string{},
		Regions: map[string]string{},
		Volatile: map[string]string{
			"Updated":     v.Updated,
			"TownCount":   strconv.Itoa(v.TownCount),
			"ReportCount": strconv.Itoa(v.ReportCount),
			"FirstYear":   strconv.Itoa(v.FirstYear),
			"LastYear":    strconv.Itoa(v.LastYear),
		},
	}
	for _, yk := range s.YearKinds {
		f.YKs[ykKey(yk.Year, yk.Kind)] = yk.Split
	}
	for _, t := range s.Towns {
		var b strings.Builder
		b.WriteString(t.Name)
		for _, r := range t.Chain {
			b.WriteString("/" + r.Code + ":" + r.Name)
		}
		f.Towns[t.Code] = b.String()
	}
	for _, r := range s.Regions {
		parent := ""
		if r.Parent != nil {
			parent = r.Parent.Code
		}
		f.Regions[r.Code] = r.Name + "/" + strconv.Itoa(r.Level) + "/" + parent
	}
	return f
}

func ykKey(year int, kind string) string { return strconv.Itoa(year) + "/" + kind }

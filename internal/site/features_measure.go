//go:build measure

package site

import (
	"os"
	"strings"
)

// Built with -tags measure (bench/share.sh), the program leaves out the
// features that NIANBAO_WITHOUT names, separated by commas, so that one
// binary builds the same site with and without them and a feature's share
// of a build is measured on equal work:
//
//	figures  no figures are found: no 主要数据 panels, town charts, county
//	         figures pages or data/figures.*
//	reuse    no report's text is compared with the others: no notes of
//	         text found elsewhere, an empty repeated/ page
//	changes  no changes pages (the links to them stay, and lead nowhere)
//	check    the published files are not checked against the last build's
//	         manifest: a file of the output changed or deleted by hand
//	         stays so
//
// This build is for measuring only: a site it makes without a feature has
// links that lead nowhere.

var without = func() map[string]bool {
	m := map[string]bool{}
	for _, f := range strings.Split(os.Getenv("NIANBAO_WITHOUT"), ",") {
		switch f = strings.TrimSpace(f); f {
		case "":
		case featureFigures, featureReuse, featureChanges, featureCheck:
			m[f] = true
		default:
			// A name mistyped would measure nothing, and say so nowhere.
			panic("NIANBAO_WITHOUT: no feature " + f + " (figures, reuse, changes, check)")
		}
	}
	return m
}()

// withFeature says whether the build makes a feature: not when
// NIANBAO_WITHOUT names it.
func withFeature(name string) bool { return !without[name] }

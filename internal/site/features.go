//go:build !measure

package site

// withFeature says whether the build makes a feature (featureFigures,
// featureReuse, featureChanges): always, except in the measuring build of
// features_measure.go.
func withFeature(string) bool { return true }

// The features a measuring build can leave out.
const (
	featureFigures = "figures"
	featureReuse   = "reuse"
	featureChanges = "changes"
)

//go:build !measure

package site

// withFeature says whether the build makes a feature: always, except in
// the measuring build of features_measure.go.
func withFeature(string) bool { return true }

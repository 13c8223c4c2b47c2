package site

// The features a measuring build (features_measure.go) can leave out, for
// bench/share.sh to measure what each adds to a build; every other build
// makes them all (features_on.go).
const (
	featureFigures = "figures"
	featureReuse   = "reuse"
	featureChanges = "changes"
)

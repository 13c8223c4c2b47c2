package site

// The features a measuring build (features_measure.go) can leave out, for
// bench/share.sh to measure what each adds to a build; every other build
// makes them all (features_on.go).
const (
	featureFigures = "figures"
	featureReuse   = "reuse"
	featureChanges = "changes"
	// featureCheck is the check that no published file was changed by
	// hand since the last build. Left out, a build trusts its manifest for
	// the files it does not rewrite: what issue 20's first decision asks,
	// measured before it is made.
	featureCheck = "check"
)

package sitecheck

import (
	"context"
	"testing"
	"time"
)

func runVnu(t *testing.T, dir string) Result {
	t.Helper()
	v := vnu(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	res, err := v.Check(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestVnuGoodFixture(t *testing.T) {
	t.Parallel()
	res := runVnu(t, "testdata/good")
	sameLines(t, "vnu on testdata/good", problemStrings(res.Problems), nil)
	if res.Checked != 4 {
		t.Errorf("vnu checked %d files, want 4", res.Checked)
	}
}

// The broken fixture proves that the Nu checker catches an invalid element
// and an invalid CSS property (and the missing alt and the duplicate id,
// which other checks catch too).
func TestVnuBrokenFixture(t *testing.T) {
	t.Parallel()
	res := runVnu(t, "testdata/broken")
	sameLines(t, "vnu on testdata/broken", problemStrings(res.Problems), []string{
		`assets/site.css:11:15: CSS: “colr”: Property “colr” doesn't exist.`,
		`duplicate-id/index.html:30:3: Duplicate ID “s1”.`,
		`invalid-element/index.html:29:3: The “center” element is obsolete. Use CSS instead.`,
		`missing-alt/index.html:29:6: An “img” element must have an “alt” attribute, except under certain conditions. For details, consult guidance on providing text alternatives for images.`,
	})
}

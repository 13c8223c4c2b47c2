package sitecheck

import (
	"os"
	"strings"
	"testing"
)

func TestParseNetlifyHeaders(t *testing.T) {
	data, err := os.ReadFile("testdata/netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := ParseNetlifyHeaders("testdata/netlify.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	page := HeadersFor(rules, "/towns/500235145/2024/")
	if got, want := page.Get("Content-Security-Policy"), "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"; got != want {
		t.Errorf("CSP of a page:\n got %q\nwant %q", got, want)
	}
	if got := page.Get("Cache-Control"); got != "" {
		t.Errorf("a page got Cache-Control %q, which is for /assets/* only", got)
	}
	asset := HeadersFor(rules, "/assets/site.css")
	if got := asset.Get("Cache-Control"); got != "public, max-age=31536000, immutable" {
		t.Errorf("Cache-Control of an asset = %q", got)
	}
	if got := asset.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options of an asset = %q", got)
	}
}

func TestNetlifyPattern(t *testing.T) {
	for _, tc := range []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/", true},
		{"/*", "/towns/a/", true},
		{"/assets/*", "/assets/main.css", true},
		{"/assets/*", "/towns/assets/x", false},
		{"/towns/:code/", "/towns/500235145/", true},
		{"/towns/:code/", "/towns/500235145/2024/", false},
		{"/404.html", "/404.html", true},
		{"/404.html", "/404xhtml", false},
	} {
		if got := netlifyPattern(tc.pattern).MatchString(tc.path); got != tc.want {
			t.Errorf("%s matches %s: %v, want %v", tc.pattern, tc.path, got, tc.want)
		}
	}
}

func TestParseNetlifyHeadersErrors(t *testing.T) {
	for _, tc := range []struct{ toml, want string }{
		{"[[headers]]\nfor = \"*\"\n", `netlify.toml: [[headers]] 1: for = "*" must start with /`},
		{"[[headers]]\nfor = \"/*\"\n[headers.values]\nX-Count = 3\n", `netlify.toml: [[headers]] 1: X-Count: want a string or a list of strings`},
		{"[[headers]\n", "netlify.toml: "},
	} {
		_, err := ParseNetlifyHeaders("netlify.toml", []byte(tc.toml))
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) || (strings.HasSuffix(tc.want, ": ") && err.Error() == tc.want) {
			t.Errorf("ParseNetlifyHeaders(%q) = %v, want %q", tc.toml, err, tc.want)
		}
	}
}

// TestNetlifyServesOriginalsAsDownloads checks the repository's own
// netlify.toml: a report's original is downloaded as plain text, never
// shown or run on the site's origin, and nothing else is a download.
func TestNetlifyServesOriginalsAsDownloads(t *testing.T) {
	data, err := os.ReadFile("../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := ParseNetlifyHeaders("netlify.toml", data)
	if err != nil {
		t.Fatal(err)
	}
	src := HeadersFor(rules, "/towns/500235145/2024/source.txt")
	for name, want := range map[string]string{
		"Content-Disposition": "attachment", "Content-Type": "text/plain", "X-Content-Type-Options": "nosniff",
	} {
		if got := src.Values(name); len(got) != 1 || got[0] != want {
			t.Errorf("%s of an original = %q, want %q", name, got, want)
		}
	}
	if got := HeadersFor(rules, "/towns/500235145/2024/source.pdf").Get("Content-Disposition"); got != "attachment" {
		t.Errorf("Content-Disposition of an original of another kind = %q, want attachment", got)
	}
	for _, p := range []string{"/towns/500235145/2024/", "/towns/500235145/2024/report.md", "/data/reports.csv", "/search/"} {
		if got := HeadersFor(rules, p).Get("Content-Disposition"); got != "" {
			t.Errorf("%s is served as a download (%q)", p, got)
		}
	}
}

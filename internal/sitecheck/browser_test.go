package sitecheck

import (
	"context"
	"testing"
	"time"
)

// fixturePages lists every page of a fixture for the browser; the 404 page
// is requested where readers meet it, at a path that does not exist.
func fixturePages(s *Site, base string) []BrowserPage {
	var pages []BrowserPage
	for _, f := range s.Pages() {
		p := BrowserPage{Name: f, File: f, URL: base + trimIndex(f), Status: 200}
		if f == "404.html" {
			p.URL, p.Status = base+"no/such/page/", 404
		}
		pages = append(pages, p)
	}
	return pages
}

func trimIndex(f string) string {
	if f == "index.html" {
		return ""
	}
	if len(f) > len("/index.html") && f[len(f)-len("/index.html"):] == "/index.html" {
		return f[:len(f)-len("index.html")]
	}
	return f
}

func runFixtureBrowser(t *testing.T, fixture string) BrowserReport {
	t.Helper()
	job := browserJob(t)
	base := serve(t, "testdata/"+fixture, "testdata/netlify.toml", fixtureBase)
	job.Pages = fixturePages(loadFixture(t, fixture), base)
	job.Origin = base
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	rep, err := RunBrowser(ctx, job)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(job.Pages) * len(job.Widths); rep.Loads != want {
		t.Errorf("%d page loads, want %d", rep.Loads, want)
	}
	if rep.AxeRules == 0 {
		t.Error("axe ran no rule")
	}
	return rep
}

func TestBrowserGoodFixture(t *testing.T) {
	t.Parallel()
	rep := runFixtureBrowser(t, "good")
	sameLines(t, "axe on testdata/good", problemStrings(rep.Axe), nil)
	sameLines(t, "browser on testdata/good", problemStrings(rep.Browser), nil)
}

// The broken fixture proves that axe finds the missing alt and the low
// contrast, and that the CSP of netlify.toml, applied by the server,
// blocks the third-party script and the inline script.
func TestBrowserBrokenFixture(t *testing.T) {
	t.Parallel()
	rep := runFixtureBrowser(t, "broken")
	sameLines(t, "axe on testdata/broken", problemStrings(rep.Axe), []string{
		`low-contrast/index.html: axe color-contrast (serious) at 390px, 1280px: Elements must meet minimum color contrast ratio thresholds: .faint`,
		`missing-alt/index.html: axe image-alt (critical) at 390px, 1280px: Images must have alternative text: img[width="48"]`,
	})
	sameLines(t, "browser on testdata/broken", problemStrings(rep.Browser), []string{
		`inline-script/index.html:29: CSP blocked inline (script-src-elem) at 390px, 1280px`,
		`third-party/index.html: CSP blocked https://cdn.example.com/lib.js (script-src-elem) at 390px, 1280px`,
	})
}

// TestBrowserProblems pins the messages of what the fixtures do not show:
// console errors, uncaught exceptions, failed requests, a wrong status.
func TestBrowserProblems(t *testing.T) {
	const origin = "http://127.0.0.1:4321/zwgk/fzzfjsnb/"
	job := BrowserJob{Origin: origin, Pages: []BrowserPage{
		{File: "index.html", URL: origin, Status: 200},
		{File: "404.html", URL: origin + "no/such/page/", Status: 404},
	}}
	var home, missing browserResult
	home.File, home.URL, home.Status = "index.html", origin, 200
	home.PageErrors = []string{"TypeError: x is undefined at " + origin + "assets/main.js:1:2"}
	home.Console = []consoleEntry{{Text: "搜索索引加载失败", URL: origin + "assets/main.js", Line: 1}}
	home.Requests = []requestEntry{
		{URL: origin + "search/index.bin", Status: 404},
		{URL: origin + "assets/x.js", Error: "net::ERR_CONNECTION_RESET"},
	}
	missing.File, missing.URL, missing.Status = "404.html", origin+"no/such/page/", 200
	narrow, wide := home, home
	narrow.Width, wide.Width = 390, 1280
	missing.Width = 1280
	slow := browserResult{File: "404.html", URL: origin + "no/such/page/", Width: 390, Error: "page.goto: Timeout 30000ms exceeded."}
	rep := browserProblems(job, []browserResult{narrow, wide, missing, slow})
	sameLines(t, "browser problems", problemStrings(rep.Browser), []string{
		`404.html: could not check the page at 390px: page.goto: Timeout 30000ms exceeded.`,
		`404.html: status 200 at 1280px; want 404`,
		`index.html: console error at 390px, 1280px: 搜索索引加载失败`,
		`index.html: request for assets/x.js failed at 390px, 1280px: net::ERR_CONNECTION_RESET`,
		`index.html: request for search/index.bin failed at 390px, 1280px: status 404`,
		`index.html: uncaught exception at 390px, 1280px: TypeError: x is undefined at assets/main.js:1:2`,
	})
}

package sitecheck

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// siteEnv names the built site TestSite checks; .ci/run builds the bundled
// reports into public/ and sets it. NIANBAO_BASE_PATH gives the base path
// when the site was built with -base-path.
const siteEnv = "NIANBAO_SITE_DIR"

// TestSite runs every check on a real build: links and page rules over
// every page, the Nu checker over every HTML file, and in Chromium, at 390
// and 1280 px, axe-core and the CSP of netlify.toml on one page of each
// kind. The lines starting "summary:" are what .ci/run prints.
func TestSite(t *testing.T) {
	dir := os.Getenv(siteEnv)
	if dir == "" {
		t.Skipf("skipping the checks of a real build: %s is not set; build with go run ./cmd/build, then run %s=$PWD/public go test ./internal/sitecheck (.ci/run does)", siteEnv, siteEnv)
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	root := repoRoot(t)
	siteYAML, err := os.ReadFile(filepath.Join(root, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	opt, err := OptionsFromSiteYAML("site.yaml", siteYAML, os.Getenv("NIANBAO_BASE_PATH"))
	if err != nil {
		t.Fatal(err)
	}
	site, err := Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	report := func(t *testing.T, ps []Problem) {
		t.Helper()
		for _, p := range ps {
			t.Error(p)
		}
	}

	t.Run("links", func(t *testing.T) {
		res := site.CheckLinks(opt)
		report(t, res.Problems)
		t.Logf("summary: links: %d URLs in %s, %s, %s: %d problems", res.Checked, count(len(site.pages), "page"), count(len(site.css), "stylesheet"), count(len(site.feeds), "XML file"), len(res.Problems))
	})
	t.Run("pages", func(t *testing.T) {
		res := site.CheckPages(opt)
		report(t, res.Problems)
		t.Logf(`summary: pages: %d pages (title, lang="zh-CN", one h1, visible date, meta tags): %d problems`, res.Checked, len(res.Problems))
	})
	t.Run("vnu", func(t *testing.T) {
		t.Parallel()
		res := runVnu(t, dir)
		report(t, res.Problems)
		t.Logf("summary: vnu: %s, %s: %d errors", count(res.Checked-len(site.css), "HTML file"), count(len(site.css), "stylesheet"), len(res.Problems))
	})
	t.Run("readaloud", func(t *testing.T) {
		t.Parallel()
		job := browserJob(t)
		base := serve(t, dir, filepath.Join(root, "netlify.toml"), opt.BasePath)
		pages, err := site.SamplePages(base)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(pages, func(p BrowserPage) bool { return p.Name == "report" })
		if i < 0 {
			t.Fatal("no report page to read aloud")
		}
		in, _ := json.Marshal(map[string]string{"chromium": job.Chromium, "url": pages[i].URL})
		cmd := exec.Command(job.Node, filepath.Join(root, "scripts", "readaloud.mjs"))
		cmd.Dir, cmd.Stdin = root, bytes.NewReader(in)
		raw, err := cmd.Output()
		if err != nil {
			t.Fatalf("scripts/readaloud.mjs: %v", err)
		}
		var got struct {
			HiddenWithoutVoice, HiddenWithVoice bool
			Spoken                              []string
			Playing, Paused, ResumeLabel        string
			Stopped                             string
			Marked, MarkedAfterStop             int
			Errors                              []string
		}
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatalf("%v: %s", err, raw)
		}
		if !got.HiddenWithoutVoice || got.HiddenWithVoice || len(got.Spoken) == 0 || got.Playing != "正在朗读" || got.Marked != 1 ||
			got.Paused != "已暂停" || got.ResumeLabel != "继续" || got.Stopped != "已停止" || got.MarkedAfterStop != 0 || len(got.Errors) > 0 {
			t.Errorf("朗读 on %s: %+v", pages[i].File, got)
		}
		t.Logf("summary: readaloud: %s: hidden without a Chinese voice; with one, read %d blocks from the one on screen, paused and stopped by keyboard", pages[i].File, len(got.Spoken))
	})
	t.Run("browser", func(t *testing.T) {
		t.Parallel()
		job := browserJob(t)
		netlifyTOML := filepath.Join(root, "netlify.toml")
		data, err := os.ReadFile(netlifyTOML)
		if err != nil {
			t.Fatal(err)
		}
		rules, err := ParseNetlifyHeaders("netlify.toml", data)
		if err != nil {
			t.Fatal(err)
		}
		csp := HeadersFor(rules, "/").Get("Content-Security-Policy")
		if csp == "" {
			t.Fatal("netlify.toml: no Content-Security-Policy header for /*: the CSP check would prove nothing")
		}
		base := serve(t, dir, netlifyTOML, opt.BasePath)
		job.Pages, err = site.SamplePages(base)
		if err != nil {
			t.Fatal(err)
		}
		sampled := len(job.Pages)
		job.Pages = append(job.Pages, HighContrast(job.Pages)...)
		job.Origin = base
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		rep, err := RunBrowser(ctx, job)
		if err != nil {
			t.Fatal(err)
		}
		report(t, rep.Axe)
		report(t, rep.Browser)
		if want := len(job.Pages) * len(job.Widths); rep.Loads != want {
			t.Errorf("%d page loads, want %d", rep.Loads, want)
		}
		var names []string
		for _, p := range job.Pages[:sampled] {
			names = append(names, p.Name)
		}
		var widths []string
		for _, w := range job.Widths {
			widths = append(widths, strconv.Itoa(w))
		}
		t.Logf("summary: axe: %d pages (%s), each also in high contrast, × %s px, %d WCAG 2.1 A/AA rules: %d violations", sampled, strings.Join(names, ", "), strings.Join(widths, "/"), rep.AxeRules, len(rep.Axe))
		t.Logf("summary: browser: %d page loads with netlify.toml's headers: %d CSP violations, console errors or failed requests", rep.Loads, len(rep.Browser))
	})
}

// count writes n things, e.g. "1 page", "2 pages".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}

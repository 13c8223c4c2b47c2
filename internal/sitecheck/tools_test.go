package sitecheck

import (
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/internal/testenv"
)

// repoRoot is the directory of go.mod, where node_modules and scripts live.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// needFiles notes the files that are missing. Stat goes through os, so
// go test's cache sees when one changes.
func needFiles(root string, missing []string, files ...string) []string {
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(root, f)); err != nil {
			missing = append(missing, f+" (run npm ci)")
		}
	}
	return missing
}

// browserJob prepares a job for scripts/browser.mjs, or skips the test.
func browserJob(t *testing.T) BrowserJob {
	t.Helper()
	testenv.Slow(t, "the browser tests")
	root := repoRoot(t)
	var missing []string
	browser := testenv.Chromium()
	if browser == "" {
		missing = append(missing, "Chromium (Debian: apt-get install chromium, or set NIANBAO_CHROMIUM)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		missing = append(missing, "node")
	}
	missing = needFiles(root, missing, "node_modules/playwright-core/package.json", "node_modules/axe-core/axe.min.js")
	if _, err := os.Stat(filepath.Join(root, "scripts", "browser.mjs")); err != nil {
		missing = append(missing, "scripts/browser.mjs")
	}
	if len(missing) > 0 {
		testenv.Unavailable(t, "the browser tests", missing)
	}
	return BrowserJob{
		Node:     node,
		Script:   filepath.Join(root, "scripts", "browser.mjs"),
		Chromium: browser,
		Axe:      filepath.Join(root, "node_modules", "axe-core", "axe.min.js"),
		Tags:     WCAG21AA,
		Widths:   []int{390, 1280},
	}
}

// vnu prepares the Nu HTML checker, or skips the test.
func vnu(t *testing.T) Vnu {
	t.Helper()
	testenv.Slow(t, "the Nu HTML checker tests")
	root := repoRoot(t)
	var missing []string
	java, err := exec.LookPath("java")
	if err != nil {
		missing = append(missing, "java (17 or later)")
	}
	jar := "node_modules/vnu-jar/build/dist/vnu.jar"
	missing = needFiles(root, missing, jar)
	if len(missing) > 0 {
		testenv.Unavailable(t, "the Nu HTML checker tests", missing)
	}
	return Vnu{Java: java, Jar: filepath.Join(root, filepath.FromSlash(jar))}
}

// The fixture sites are served where a county portal serves the real one.
const fixtureBase = "/zwgk/fzzfjsnb/"

func fixtureOptions() Options {
	return Options{
		BasePath:       fixtureBase,
		Origin:         "https://fzzf.example.gov.cn",
		AllowedOrigins: []string{"https://www.example.gov.cn", "https://beian.miit.gov.cn"},
		ArticlePages:   ReportPages,
	}
}

func loadFixture(t *testing.T, name string) *Site {
	t.Helper()
	s, err := Load(os.DirFS(filepath.Join("testdata", name)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// serve serves a site directory with the headers of a netlify.toml and
// returns the URL of its base path.
func serve(t *testing.T, dir, netlifyTOML, base string) string {
	t.Helper()
	data, err := os.ReadFile(netlifyTOML)
	if err != nil {
		t.Fatal(err)
	}
	rules, err := ParseNetlifyHeaders(netlifyTOML, data)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(NewServer(os.DirFS(dir), base, rules))
	t.Cleanup(srv.Close)
	return srv.URL + Options{BasePath: base}.basePath()
}

// strings gives the problems as text, for comparison with a want list.
func problemStrings(ps []Problem) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.String()
	}
	return out
}

// sameLines fails the test with a readable diff when got and want differ.
func sameLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") == strings.Join(want, "\n") {
		return
	}
	gotSet := map[string]bool{}
	for _, g := range got {
		gotSet[g] = true
	}
	wantSet := map[string]bool{}
	for _, w := range want {
		wantSet[w] = true
	}
	var b strings.Builder
	for _, w := range want {
		if !gotSet[w] {
			fmt.Fprintf(&b, "\n  missing: %s", w)
		}
	}
	for _, g := range got {
		if !wantSet[g] {
			fmt.Fprintf(&b, "\n  extra:   %s", g)
		}
	}
	if b.Len() == 0 {
		b.WriteString("\n  same lines in another order:\n  " + strings.Join(got, "\n  "))
	}
	t.Errorf("%s:%s", what, b.String())
}

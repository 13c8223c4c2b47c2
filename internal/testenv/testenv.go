// Package testenv finds the tools some tests need (Chromium, Node.js) and
// decides, in one place for every package, whether a test without them is
// skipped or fails: .ci/run sets NIANBAO_REQUIRE_BROWSER=1, and then a
// missing tool is an error, never a silent skip.
package testenv

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// RequireEnv, set to 1, makes a test whose tools are missing fail instead
// of skipping.
const RequireEnv = "NIANBAO_REQUIRE_BROWSER"

// Unavailable skips the test for want of tools, or fails it when RequireEnv
// is set.
func Unavailable(t testing.TB, what string, missing []string) {
	t.Helper()
	msg := fmt.Sprintf("%s need %s", what, strings.Join(missing, ", "))
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("%s; %s=1 requires them to run", msg, RequireEnv)
	}
	t.Skipf("skipping: %s; .ci/run installs them and runs this test", msg)
}

// Chromium finds the browser: $NIANBAO_CHROMIUM, else Debian's chromium or
// a Chrome on PATH; "" when there is none.
func Chromium() string {
	if c := os.Getenv("NIANBAO_CHROMIUM"); c != "" {
		return c
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome-stable", "google-chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// NeedChromium returns the browser, or skips or fails the test (Unavailable).
func NeedChromium(t testing.TB, what string) string {
	t.Helper()
	c := Chromium()
	if c == "" {
		Unavailable(t, what, []string{"Chromium (Debian: apt-get install chromium, or set NIANBAO_CHROMIUM)"})
	}
	return c
}

// NeedNode returns the node program, or skips or fails the test.
func NeedNode(t testing.TB, what string) string {
	t.Helper()
	p, err := exec.LookPath("node")
	if err != nil {
		Unavailable(t, what, []string{"node (Node.js 18 or later)"})
	}
	return p
}

// Slow skips a test that drives an outside tool for many seconds (Chromium,
// the Nu HTML checker) under go test -short, the edit-test loop; the full
// suite, which CI runs, keeps it.
func Slow(t testing.TB, what string) {
	t.Helper()
	if testing.Short() {
		t.Skipf("-short: skipping %s, which CI runs", what)
	}
}

// ReadTree reads every file under dir, by slash-separated relative name:
// what byte-for-byte comparisons of two builds compare.
func ReadTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

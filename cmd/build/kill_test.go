package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"nianbao/internal/publish"
)

// TestMain lets a test run this program as a child process: the kill
// test needs a build it can kill, and the test binary holds the same code.
func TestMain(m *testing.M) {
	if os.Getenv("NIANBAO_RUN_BUILD") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestKilledBuildLeavesAWholeSite kills builds at random moments and
// checks that the output is then always the whole old site or the whole
// new one, once the next start has carried out what the killed build had
// decided (publish.Recover), and that nothing is left beside it. It does
// so for full builds (a new tree swapped in) and for incremental ones
// (changed files moved into place), within about a minute.
func TestKilledBuildLeavesAWholeSite(t *testing.T) {
	if testing.Short() {
		t.Skip("kills about a hundred builds; not with -short")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	contentA := filepath.Join(tmp, "content-a")
	copyDir(t, filepath.Join(repo, "content"), contentA)
	// Site B has one report more, one report less, and one changed, so
	// that an incremental build writes, rewrites and removes files.
	contentB := filepath.Join(tmp, "content-b")
	copyDir(t, contentA, contentB)
	files := contentFilesIn(t, contentB)
	if len(files) < 3 {
		t.Fatalf("need three bundled reports, have %d", len(files))
	}
	if err := os.Remove(files[0]); err != nil {
		t.Fatal(err)
	}
	changed, err := os.ReadFile(files[1])
	if err != nil {
		t.Fatal(err)
	}
	changed = bytes.Replace(changed, []byte("。"), []byte("。（本段为测试所加）"), 1)
	if err := os.WriteFile(files[1], changed, 0o644); err != nil {
		t.Fatal(err)
	}

	build := func(content, out, cache string) *exec.Cmd {
		cmd := exec.Command(exe, "-root", repo, "-content", content, "-out", out, "-cache", cache, "-no-import", "-workers", "2")
		cmd.Env = append(os.Environ(), "NIANBAO_RUN_BUILD=1")
		return cmd
	}
	mustBuild := func(content, out, cache string) time.Duration {
		t.Helper()
		start := time.Now()
		if b, err := build(content, out, cache).CombinedOutput(); err != nil {
			t.Fatalf("build %s: %v\n%s", content, err, b)
		}
		return time.Since(start)
	}
	// The two sites, each built from scratch into a place of its own.
	mustBuild(contentA, filepath.Join(tmp, "site-a"), "")
	mustBuild(contentB, filepath.Join(tmp, "site-b"), "")
	siteA, siteB := snapshot(t, filepath.Join(tmp, "site-a")), snapshot(t, filepath.Join(tmp, "site-b"))

	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewPCG(seed, 1))
	deadline := time.Now().Add(50 * time.Second)
	for _, mode := range []struct {
		name  string
		cache bool
	}{{"full", false}, {"incremental", true}} {
		t.Run(mode.name, func(t *testing.T) {
			out := filepath.Join(tmp, mode.name, "public")
			cache := ""
			if mode.cache {
				cache = filepath.Join(tmp, mode.name, "cache")
			}
			mustBuild(contentA, out, cache)
			// How long a build from A to B takes bounds the moments to
			// kill it at; then back to A.
			span := mustBuild(contentB, out, cache)
			mustBuild(contentA, out, cache)
			stop := time.Now().Add(time.Until(deadline) / 2)
			if mode.name == "incremental" {
				stop = deadline
			}
			var kills, old, new int
			for time.Now().Before(stop) || kills < 5 {
				cmd := build(contentB, out, cache)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				// Half the kills fall anywhere in the build, half near
				// its end, where the files are put in place.
				at := rng.Int64N(int64(span) + 1)
				if kills%2 == 1 {
					at = int64(span)*6/10 + rng.Int64N(int64(span)*6/10+1)
				}
				time.Sleep(time.Duration(at))
				_ = cmd.Process.Kill()
				_ = cmd.Wait()
				kills++
				if _, err := publish.Recover(out); err != nil {
					t.Fatalf("kill %d: recover: %v", kills, err)
				}
				got := snapshot(t, out)
				switch {
				case equalSnapshots(got, siteA):
					old++
				case equalSnapshots(got, siteB):
					new++
				default:
					t.Fatalf("kill %d after up to %s: the output is neither the old nor the new site:\n%s", kills, span, diffSnapshots(got, siteA, siteB))
				}
				if left := beside(t, out); len(left) > 0 {
					t.Fatalf("kill %d: left beside the output after recovery: %v", kills, left)
				}
				// Back to A for the next kill, through the same cache.
				mustBuild(contentA, out, cache)
				if got := snapshot(t, out); !equalSnapshots(got, siteA) {
					t.Fatalf("kill %d: the build after it does not give the old site again:\n%s", kills, diffSnapshots(got, siteA, siteA))
				}
			}
			t.Logf("%d builds killed: %d left the old site, %d the new one (a build takes %s)", kills, old, new, span.Round(time.Millisecond))
		})
	}
}

// contentFilesIn lists the Markdown files under dir, sorted.
func contentFilesIn(t *testing.T, dir string) []string {
	t.Helper()
	var list []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			list = append(list, p)
		}
		return nil
	})
	sort.Strings(list)
	return list
}

// snapshot maps every file of a tree to the hash of its bytes, and every
// directory to "dir".
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	s := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			s[rel] = "dir"
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		s[rel] = hex.EncodeToString(sum[:8])
		return nil
	})
	if err != nil {
		t.Fatalf("read the output: %v", err)
	}
	return s
}

func equalSnapshots(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// diffSnapshots says how got differs from a and b, a few lines each.
func diffSnapshots(got, a, b map[string]string) string {
	var lines []string
	for _, other := range []struct {
		name string
		s    map[string]string
	}{{"old", a}, {"new", b}} {
		n := 0
		keys := make([]string, 0, len(got)+len(other.s))
		for k := range got {
			keys = append(keys, k)
		}
		for k := range other.s {
			if _, ok := got[k]; !ok {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			if got[k] != other.s[k] && n < 5 {
				lines = append(lines, "  against the "+other.name+" site: "+k+": "+got[k]+" ≠ "+other.s[k])
				n++
			}
		}
	}
	return strings.Join(lines, "\n")
}

// beside lists what lies beside the output besides the output itself and
// the cache.
func beside(t *testing.T, out string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		if n := e.Name(); n != filepath.Base(out) && n != "cache" {
			left = append(left, n)
		}
	}
	return left
}

package sitecheck

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestSiteBehaviour drives, at 390 px in headless Chromium, what the
// citizen pages do rather than what they contain: the year bar of a
// report, the town column of a region grid that stays while the grid
// scrolls, and a comparison's town switcher with JavaScript off and on
// (scripts/behaviour.mjs). It needs a build where a town has several
// years: .ci/run builds a generated corpus for it.
func TestSiteBehaviour(t *testing.T) {
	dir := os.Getenv(siteEnv)
	if dir == "" {
		t.Skipf("skipping the behaviour checks of a real build: %s is not set (.ci/run sets it for a generated multi-year site)", siteEnv)
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	root := repoRoot(t)
	job := browserJob(t)
	site, err := Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	base := serve(t, dir, filepath.Join(root, "netlify.toml"), os.Getenv("NIANBAO_BASE_PATH"))
	pages, err := site.FindBehaviourPages(base)
	if err != nil {
		t.Fatal(err)
	}
	in, _ := json.Marshal(map[string]string{"chromium": job.Chromium, "report": pages.Report, "region": pages.Region, "compare": pages.Compare})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, job.Node, filepath.Join(root, "scripts", "behaviour.mjs"))
	cmd.Dir, cmd.Stdin = root, bytes.NewReader(in)
	raw, err := cmd.Output()
	if err != nil {
		t.Fatalf("scripts/behaviour.mjs: %v", err)
	}
	var got struct {
		Errors []string
		Report struct {
			Top, TextTop                      int
			Current, Followed, ArrivedCurrent string
		}
		Region struct {
			Overflows       bool
			Scrolled        int
			TownColumnMoved int
			TownColumnOnTop bool
		}
		CompareJS, CompareNoJS struct {
			Towns, Top   int
			Hash         string
			FoldedBefore bool
			OpenAfter    bool
		}
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	for _, e := range got.Errors {
		t.Errorf("browser error: %s", e)
	}
	r := got.Report
	if r.Top <= 0 || r.Top >= 900 || r.Top >= r.TextTop {
		t.Errorf("%s: the year bar is at %d px, the text at %d px: it must be on the first screen (900 px) and above the text", pages.Report, r.Top, r.TextTop)
	}
	if r.Followed == "" || r.ArrivedCurrent != r.Followed || r.Current == r.Followed {
		t.Errorf("%s: following %q in the year bar (on %q) arrived at a page marking %q", pages.Report, r.Followed, r.Current, r.ArrivedCurrent)
	}
	g := got.Region
	if !g.Overflows || g.Scrolled < 50 || abs(g.TownColumnMoved) > 2 || !g.TownColumnOnTop {
		t.Errorf("%s: the grid scrolled by %d px (overflowing: %v), the town column moved %d px (drawn on top: %v): it must stay put", pages.Region, g.Scrolled, g.Overflows, g.TownColumnMoved, g.TownColumnOnTop)
	}
	for name, c := range map[string]struct {
		Towns, Top   int
		Hash         string
		FoldedBefore bool
		OpenAfter    bool
	}{"with JavaScript": got.CompareJS, "without JavaScript": got.CompareNoJS} {
		if c.Towns < 2 || c.Hash == "" || c.Top < -2 || c.Top > 150 || !c.OpenAfter {
			t.Errorf("%s %s: the switcher's last town (%s, of %d) is at %d px after the click, open: %v; it must be at the top of the screen and open", pages.Compare, name, c.Hash, c.Towns, c.Top, c.OpenAfter)
		}
	}
	if !got.CompareJS.FoldedBefore || got.CompareNoJS.FoldedBefore {
		t.Errorf("%s: town texts folded on a phone with JavaScript: %v, without: %v; want folded with it only (without it a fold could not be opened by the switcher)", pages.Compare, got.CompareJS.FoldedBefore, got.CompareNoJS.FoldedBefore)
	}
	t.Logf("summary: behaviour: year bar at %d px on a 390 px phone, the grid's town column stays while it scrolls %d px, the switcher reaches a town %d px from the top with JavaScript and %d px without", r.Top, g.Scrolled, got.CompareJS.Top, got.CompareNoJS.Top)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

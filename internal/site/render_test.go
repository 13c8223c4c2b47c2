package site

import (
	"bytes"
	"reflect"
	"strconv"
	"testing"

	"nianbao/internal/assets"
	"nianbao/internal/cache"
	"nianbao/internal/content"
)

// prepare runs the steps of a build up to rendering, without writing.
func prepare(t testing.TB, cfg Config) *builder {
	t.Helper()
	b := &builder{cfg: cfg, res: &Result{}, workers: 1, min: assets.NewMinifier(), md: content.NewMarkdown()}
	for _, step := range []func() error{b.load, b.model, b.assets, b.plan} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	if len(b.res.Problems) > 0 {
		t.Fatal(b.res.Problems)
	}
	t.Cleanup(b.parts.pack.Close)
	return b
}

// prepareSplit prepares the fixture site, its county comparisons split
// into pages of split towns when split is above 0.
func prepareSplit(t *testing.T, split int) *builder {
	cfg := fixtureConfig(t, "/zwgk/fzzfjsnb/")
	if split > 0 {
		cfg.Settings.CompareSplit = split
	}
	return prepare(t, cfg)
}

// TestSpliceMatchesWholeMinify renders every page of the fixture site, the
// hostile report included, both ways: from the minified templates with the
// report text and the cached parts spliced in, and from the templates as
// written, minified whole. Minifying the first must give the second byte
// for byte (see render.go): the minified templates say what the templates
// say.
func TestSpliceMatchesWholeMinify(t *testing.T) {
	for _, split := range []int{0, 2} {
		b := prepareSplit(t, split)
		pages, changes := 0, 0
		for _, j := range b.jobs() {
			if !j.isPage() {
				continue
			}
			pg, err := b.page(&j)
			if err != nil {
				t.Fatal(err)
			}
			b.renderer.whole = false
			spliced, err := b.renderer.render(pg)
			if err != nil {
				t.Fatal(err)
			}
			if !b.renderer.premin {
				t.Fatal("the templates were not minified")
			}
			if spliced, err = b.min.Bytes(assets.HTML, spliced); err != nil {
				t.Fatal(err)
			}
			b.renderer.whole = true
			whole, err := b.renderer.render(pg)
			if err != nil {
				t.Fatal(err)
			}
			if (j.kind == kindReport || j.kind == kindChanges) && (len(pg.frags) == 0 || !spliceable(pg.frags)) {
				t.Errorf("%s: the report text cannot be spliced", j.sitePath)
			}
			if j.kind == kindChanges {
				changes++
			}
			if !bytes.Equal(spliced, whole) {
				t.Errorf("%s: spliced and whole minifying differ", j.sitePath)
			}
			if bytes.Contains(spliced, []byte("\ue000")) {
				t.Errorf("%s: a placeholder is left", j.sitePath)
			}
			pages++
		}
		if pages < 40 || changes == 0 {
			t.Errorf("only %d pages, %d of changes", pages, changes)
		}
		for i, inline := range b.renderer.inline {
			if inline {
				t.Errorf("cached part %d cannot be spliced: %.60s", i, b.renderer.cache[i])
			}
		}
	}
}

// TestRecentParts checks the cache of parts read last: a report read again
// soon is not read from the pack again, one read in the older generation
// moves to the newer, and no more than two generations are held.
func TestRecentParts(t *testing.T) {
	var c recentParts
	es := make([]entry, 3*recentKeep)
	for i := range es {
		c.put(&es[i], &cache.Parts{Lead: strconv.Itoa(i)})
		if len(c.cur)+len(c.prev) > 2*recentKeep {
			t.Fatalf("%d parts held after %d put", len(c.cur)+len(c.prev), i+1)
		}
	}
	if p := c.get(&es[0]); p != nil {
		t.Errorf("the first report's parts are still held: %q", p.Lead)
	}
	last := len(es) - 1
	if p := c.get(&es[last]); p == nil || p.Lead != strconv.Itoa(last) {
		t.Fatalf("the last report's parts are %v", p)
	}
	old := len(es) - recentKeep - 1 // in the older generation
	if p := c.get(&es[old]); p == nil {
		t.Fatal("the older generation's parts are gone")
	}
	for i := 0; i < recentKeep-1; i++ { // fill the newer generation
		c.put(&entry{}, &cache.Parts{})
	}
	if p := c.get(&es[old]); p == nil || p.Lead != strconv.Itoa(old) {
		t.Errorf("parts read from the older generation were not kept: %v", p)
	}
}

// TestBufPool checks the pool of page buffers: a buffer got holds the size
// asked, one given back is got again for a size its class holds, and one
// far larger than any class is not kept.
func TestBufPool(t *testing.T) {
	var p bufPool
	for _, size := range []int{0, 1, 8 << 10, 8<<10 + 1, 100 << 10, 1 << 20, 1<<20 + 1, 5 << 20} {
		if b := p.get(size); cap(b) < size || len(b) != 0 {
			t.Errorf("get(%d): len %d, cap %d", size, len(b), cap(b))
		}
	}
	b := make([]byte, 70<<10) // holds class 3 (64 KB), not class 4
	b[0] = 'x'
	p.put(b)
	got := p.get(60 << 10)
	if cap(got) < 60<<10 || len(got) != 0 {
		t.Fatalf("get after put: len %d, cap %d", len(got), cap(got))
	}
	if got = p.get(100 << 10); cap(got) < 100<<10 {
		t.Errorf("a buffer of a class too small was given: cap %d", cap(got))
	}
	huge := make([]byte, 0, 64<<20)
	p.put(huge)
	if got := p.get(1 << 20); cap(got) == cap(huge) {
		t.Error("a 64 MB buffer was kept")
	}
}

// The list of jobs is counted ahead (townJobCount) and allocated at its
// exact size, and listing the towns' files in parallel lists what listing
// them one town after the other does, with and without a county split
// into several comparison pages.
func TestJobsCountedAhead(t *testing.T) {
	for _, split := range []int{0, 2} {
		b := prepareSplit(t, split)
		jobs := b.jobs()
		if len(jobs) != cap(jobs) {
			t.Errorf("split %d: %d jobs in a list of room %d", split, len(jobs), cap(jobs))
		}
		want := []job{jobs[0]}
		for _, town := range b.site.Towns {
			list := b.townJobs(town, nil)
			if len(list) != townJobCount(town) {
				t.Errorf("town %s: %d files, counted %d", town.Code, len(list), townJobCount(town))
			}
			want = append(want, list...)
		}
		if got := jobs[:len(want)]; !reflect.DeepEqual(got, want) {
			t.Errorf("split %d: the towns' files listed in parallel differ from one town after another", split)
		}
	}
}

// Package site builds the static 政务公开 site: it loads the content files,
// models towns, regions, years and comparisons, bundles the assets, renders
// every page through the host's templates, and puts the result in the
// output directory only when every step succeeded.
//
// The steps, and the files that hold them:
//
//	load    load.go     content files, parsed only when new or changed (internal/cache:
//	                    the index of parsed files and the pack of their rendered parts)
//	model   derive.go   front matter → reports; model.go: towns, regions, years, comparisons
//	assets  templates.go, and internal/assets
//	render  jobs.go     every file of the site and what it shows; pages.go, page_*.go: page data;
//	                    render.go: minified templates executed, report text spliced in;
//	                    deps.go: which files a change can touch; data.go: open data, feed, sitemap;
//	                    search.go: the search index (internal/search), built or updated meanwhile
//	write   internal/output: a new directory swapped in, or the changed files moved into place
//	                    (manifest.go: what the last build wrote, for the next)
package site

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tdewolff/minify/v2"

	"nianbao/internal/assets"
	"nianbao/internal/cache"
	"nianbao/internal/content"
	"nianbao/internal/output"
	"nianbao/internal/publish"
	"nianbao/internal/region"
	"nianbao/internal/reuse"
	"nianbao/internal/search"
	"nianbao/internal/workers"
)

// Result is what a build did: its steps, what it wrote, and what went wrong.
type Result struct {
	Steps []Step
	// Pages counts the site's files by kind, sorted by kind.
	Pages []KindCount
	// Files and Bytes total Pages (without .gz files).
	Files int
	Bytes int64
	// Reports and Towns count the content published.
	Reports, Towns int
	// BasePath is the path the site's links start with, e.g. "/zwgk/fzzfjsnb/".
	BasePath string
	// Incremental tells whether the build updated the previous output in
	// place rather than writing a new one (see Config.CacheDir).
	Incremental bool
	// Parsed counts the content files parsed (the others came from the
	// cache); Written the files written, and Removed the files removed
	// because the site no longer has them (without .gz files).
	Parsed, Written, Removed int
	// Indexed counts the reports the search step indexed: all of them when
	// it built the index whole, the added, changed and renumbered ones when
	// it updated the last build's, none when that stood unchanged.
	// SearchRebuilt says why an incremental build indexed everything.
	Indexed       int
	SearchRebuilt string
	// Warnings did not stop the build; Problems did. Refused are the
	// reports left out of a site that was still published. Each reads
	// "file:line: message".
	Warnings []error
	Problems []error
	Refused  []error
}

// Step is one timed step of the build.
type Step struct {
	Name     string
	Duration time.Duration
}

// KindCount is the number and size of files of one kind.
type KindCount = output.KindCount

// ErrFailed is returned when a build found problems; they are listed in
// Result.Problems and the previous output was left untouched.
var ErrFailed = errors.New("build failed")

// builder carries one build's state from step to step.
type builder struct {
	cfg     Config
	res     *Result
	min     *minify.M
	md      *content.Markdown
	workers int
	version string // of the code, for the cache; "" without a cache

	entries   []entry
	parts     *partRenderer
	site      *Site
	bundle    *assets.Result
	templates map[string]*template.Template
	tplHash   string
	uses      map[string]map[string]bool // volatile site fields each page kind's templates read
	renderer  *pageRenderer
	out       *output.Writer
	pages     *pages
	linker    linker
	manifest  *cache.Manifest
	// prev is the manifest the last build into the output left (previous),
	// read once, beside the load step.
	prev     *cache.Manifest
	prevOnce sync.Once
	// savedReuse gives the last build's reuse index (readSavedReuse), read
	// beside the model step when a report may have changed.
	savedReuse func() *reuse.Saved
	// readAhead says the build goes on to render (Build, not Check), so
	// that load may start reading what plan needs.
	readAhead bool
	// background is what the build does beside its steps: saving the reuse
	// index. It is waited for before the manifest is written.
	background sync.WaitGroup
	// unchanged receives what startCheck found changed in the output since
	// the last build: nothing when every file is as that build left it.
	unchanged chan []string
	// old is the manifest of the last build into the same output when this
	// build updates it in place, and changes what differs since.
	old     *cache.Manifest
	changes *changes
	gone    []string // files of the last output the site no longer has
	// searchFiles is what changed when the last build's search index was
	// updated; its other files of searchPaths stand (a whole index is
	// written as it is made). keepSearch says the last build's index
	// stands whole, nothing in it having changed. searchTime is how long
	// the index took, beside the pages.
	searchFiles []search.File
	searchTime  time.Duration
	searchPaths []string
	keepSearch  bool
	// searchUpdated says searchFiles are an update's, each of which
	// differs from the last build's file.
	searchUpdated bool
}

// Build builds the site described by cfg. It returns ErrFailed, with every
// problem in Result.Problems, when any step failed; the output directory is
// then as it was before.
func Build(cfg Config) (*Result, error) {
	b := newBuilder(cfg)
	b.readAhead = true
	unlock, err := b.claim()
	if err != nil {
		b.res.Problems = append(b.res.Problems, err)
		return b.res, ErrFailed
	}
	defer unlock()
	// The output check starts now and is waited for before unlocking, as
	// is what the build does beside its steps.
	defer b.startCheck()()
	defer b.background.Wait()
	// The first three steps run whatever the others found, so that one
	// run lists every problem of the content, templates and assets; a step
	// that gates stops the build when anything so far went wrong.
	steps := []struct {
		name string
		run  func() error
		gate bool
	}{
		{"load", b.load, false},    // read every content file; parse the new and changed ones
		{"model", b.model, false},  // towns, regions, years, comparisons
		{"assets", b.assets, true}, // esbuild bundles, hashed static files, templates
		{"render", b.render, true}, // every page and file whose inputs changed, and the search index, beside the output
		{"write", b.write, true},   // swap or move the new files into place
	}
	defer func() {
		if b.parts != nil {
			b.parts.pack.Close()
		}
	}()
	for _, s := range steps {
		start := time.Now()
		region := trace.StartRegion(context.Background(), s.name)
		err := s.run()
		region.End()
		b.res.Steps = append(b.res.Steps, Step{Name: s.name, Duration: time.Since(start)})
		if s.name == "render" && !b.cfg.NoSearch {
			b.res.Steps = append(b.res.Steps, Step{Name: "search (during render)", Duration: b.searchTime})
		}
		if err == nil && s.gate && len(b.res.Problems) > 0 {
			err = ErrFailed
		}
		if err != nil {
			if !errors.Is(err, ErrFailed) {
				b.res.Problems = append(b.res.Problems, err)
			}
			if b.out != nil {
				b.out.Discard()
			}
			return b.res, ErrFailed
		}
	}
	return b.res, nil
}

func newBuilder(cfg Config) *builder {
	b := &builder{cfg: cfg, res: &Result{}, min: assets.NewMinifier(), md: content.NewMarkdown(), workers: cfg.Workers}
	if b.workers <= 0 {
		b.workers = runtime.GOMAXPROCS(0)
	}
	if b.cfg.Regions == nil {
		b.cfg.Regions = region.Default()
	}
	if b.cfg.CacheDir != "" {
		b.version = cache.CodeVersion(b.cfg.CacheDir)
	}
	return b
}

// Check reads and models the content as Build does, and renders and
// writes nothing (it neither takes nor touches the output): what the build
// would refuse or warn about, for build check. Problems are what would
// stop the build; Refused the reports it would leave out.
func Check(cfg Config) *Result {
	b := newBuilder(cfg)
	defer func() {
		if b.parts != nil {
			b.parts.pack.Close()
		}
	}()
	for _, step := range []func() error{b.load, b.model} {
		if err := step(); err != nil {
			b.res.Problems = append(b.res.Problems, err)
			break
		}
	}
	return b.res
}

// counter returns what each item of a long step calls when it is done:
// it counts them and tells Config.Progress, if any.
func (b *builder) counter(step string, total int) func(int) {
	if b.cfg.Progress == nil {
		return func(int) {}
	}
	var n atomic.Int64
	return func(int) { b.cfg.Progress(step, int(n.Add(1)), total) }
}

// claim makes sure the output may be written (publish.Guard), takes it
// for this build (publish.Lock), and finishes or clears away what a build
// killed before this one left (publish.Recover), so that every build
// starts from a whole site.
func (b *builder) claim() (unlock func(), err error) {
	out := b.cfg.Out
	legacy := false
	if b.cfg.CacheDir != "" {
		// An output written before the marker existed is known by the
		// manifest its build left.
		_, err := os.Stat(cache.ManifestPath(b.cfg.CacheDir, out))
		legacy = err == nil
	}
	if err := publish.Guard(out, b.cfg.RootDir, b.cfg.Reads, legacy); err != nil {
		return nil, err
	}
	if unlock, err = publish.Lock(out); err != nil {
		return nil, err
	}
	notes, err := publish.Recover(out)
	for _, n := range notes {
		b.res.Warnings = append(b.res.Warnings, errors.New(n))
	}
	if err != nil {
		unlock()
		return nil, err
	}
	return unlock, nil
}

func (b *builder) load() error {
	// The cache's index is read while the content tree is walked.
	type read struct {
		idx *cache.Index
		ok  bool
	}
	index := make(chan read, 1)
	go func() {
		idx, ok := cache.ReadIndex(b.cfg.CacheDir, b.version)
		index <- read{idx, ok}
	}()
	files, err := contentFiles(b.cfg.Content)
	r := <-index
	if err != nil {
		return fmt.Errorf("read %s: %w", b.cfg.ContentDir, err)
	}
	idx, ok := r.idx, r.ok
	cacheDir := b.cfg.CacheDir
	if b.version == "" {
		cacheDir = ""
	}
	pk, err := cache.OpenPack(cacheDir, !ok)
	if err != nil {
		return err
	}
	b.parts = &partRenderer{md: b.md, min: b.min, fs: b.cfg.Content, pack: pk}
	b.entries, b.res.Parsed = loadContent(b.cfg.Content, b.cfg.ContentDir, files, idx, b.parts, b.workers, b.counter("load", len(files)))
	records := make([]*cache.Record, 0, len(b.entries))
	for i := range b.entries {
		if e := &b.entries[i]; e.err == nil {
			records = append(records, &e.Record)
		}
	}
	if err := pk.Compact(records); err != nil {
		return fmt.Errorf("compact %s: %w", pk.Name(), err)
	}
	if b.version != "" {
		// The cache only saves work; a build does not fail for want of it.
		_ = cache.WriteIndex(b.cfg.CacheDir, b.version, records, idx, ok, time.Now())
		if b.readAhead && b.mayHaveChanged() {
			b.readSavedReuse()
		}
	}
	return nil
}

// mayHaveChanged says whether a report may differ from the last build's:
// a content file of another name or bytes than the manifest lists (a file
// left out then counts, which costs only time). When none does, the reuse
// index is not needed, and not read ahead.
func (b *builder) mayHaveChanged() bool {
	prev := b.previous()
	if prev == nil {
		return true
	}
	k := 0
	for i := range b.entries {
		e := &b.entries[i]
		if e.err != nil {
			return true
		}
		if k >= len(prev.Reports) || prev.Reports[k].File != e.Name || prev.Reports[k].Hash != e.Hash {
			return true
		}
		k++
	}
	return k != len(prev.Reports)
}

// readSavedReuse starts reading the last build's reuse index in the
// background, once; plan waits for it when it needs it.
func (b *builder) readSavedReuse() {
	if b.savedReuse != nil || b.version == "" {
		return
	}
	done := make(chan *reuse.Saved, 1)
	go func() {
		var saved *reuse.Saved
		if data := cache.ReadReuse(b.cfg.CacheDir, b.version); data != nil {
			saved = reuse.Decode(data)
		}
		done <- saved
	}()
	b.savedReuse = sync.OnceValue(func() *reuse.Saved { return <-done })
}

// published returns whether the last build into the output published a
// content file. Without its manifest nothing is known, and every report
// counts as published, unless there is no output at all yet.
func (b *builder) published() func(name string) bool {
	prev := b.previous()
	if prev == nil {
		_, err := os.Lstat(b.cfg.Out)
		none := errors.Is(err, fs.ErrNotExist)
		return func(string) bool { return !none }
	}
	names := make(map[string]bool, len(prev.Reports))
	for _, r := range prev.Reports {
		names[r.File] = true
	}
	return func(name string) bool { return names[name] }
}

// previous is the manifest the last build into the output left, read
// once; nil without a cache or a readable manifest.
func (b *builder) previous() *cache.Manifest {
	b.prevOnce.Do(func() {
		if b.version != "" {
			b.prev = cache.ReadManifest(cache.ManifestPath(b.cfg.CacheDir, b.cfg.Out))
		}
	})
	if b.prev == nil || b.prev.Version == "" {
		return nil
	}
	return b.prev
}

func (b *builder) model() error {
	s := &Site{}
	type derived struct {
		r                  *Report
		p                  place
		problems, warnings []error
		raw                func() []byte
	}
	out := make([]derived, len(b.entries))
	orig := originals{b.cfg.Root, b.cfg.SourcesDir, &sync.Map{}}
	if b.cfg.Root != nil && orig.outside() {
		b.res.Warnings = append(b.res.Warnings, orig.outsideWarning())
	}
	workers.Each(len(b.entries), b.workers, func(i int) {
		e := &b.entries[i]
		if e.err != nil {
			return // reported by load
		}
		d := &out[i]
		d.raw = func() []byte { return b.parts.raw(e) }
		d.r, d.p, d.problems, d.warnings = derive(e, d.raw, b.cfg.Regions, orig)
	})
	// A report that cannot be published is left out and the rest of the
	// site is published, unless the last build published it: then the
	// site is kept as it was, so that nothing published is withdrawn by a
	// slip of the hand. Published reports come first in the search for a
	// second report of the same town and year, so that it is the newcomer
	// that is left out.
	published := b.published()
	refuse := func(e *entry, errs ...error) {
		if published(e.Name) {
			for _, err := range errs {
				b.res.Problems = append(b.res.Problems, fmt.Errorf("%w（这篇报告已在网站上发布；改好之前，整个网站保持原样，不会更新）", err))
			}
			return
		}
		b.res.Refused = append(b.res.Refused, errs...)
	}
	accepted := make([]bool, len(out))
	seen := map[string]*Report{}
	for _, pass := range []bool{true, false} {
		for i := range out {
			e, d := &b.entries[i], &out[i]
			if published(e.Name) != pass {
				continue
			}
			if e.err != nil {
				refuse(e, e.err)
				continue
			}
			b.res.Warnings = append(b.res.Warnings, d.warnings...)
			if len(d.problems) > 0 {
				refuse(e, d.problems...)
				continue
			}
			r, p := d.r, d.p
			key := p.code + "/" + strconv.Itoa(r.Year)
			if first := seen[key]; first != nil {
				refuse(e, problemf(r.File, content.KeyLine(d.raw(), "year", "年度"),
					"%s %d 年度已有一篇报告（%s），这是第二篇：请只保留一篇，或改正其中一篇的乡镇或年度", p.name, r.Year, first.File))
				continue
			}
			seen[key] = r
			accepted[i] = true
		}
	}
	var reports []*Report
	var places []place
	for i := range out {
		if accepted[i] {
			reports = append(reports, out[i].r)
			places = append(places, out[i].p)
		}
	}
	s.groupTowns(reports, places)
	s.indexYears(b.cfg.Settings.CompareSplit)
	s.indexCounties()
	b.site = s
	b.res.Reports, b.res.Towns = len(s.Reports), len(s.Towns)
	return nil
}

func (b *builder) assets() error {
	var err error
	b.bundle, err = assets.Bundle(b.cfg.Assets, assets.Options{Dir: b.cfg.AssetsDir, OutDir: dirAssets, Minifier: b.min})
	var errs assets.Errors
	switch {
	case errors.As(err, &errs):
		for _, e := range errs {
			b.res.Problems = append(b.res.Problems, e)
		}
	case err != nil:
		b.res.Problems = append(b.res.Problems, err)
	default:
		for _, want := range []string{"main.css", "main.js"} {
			if b.bundle.Names[want] == "" {
				b.res.Problems = append(b.res.Problems, fmt.Errorf("%s: 文件不见了，网页模板要用到它：请把它放回（可从项目仓库中恢复）", path.Join(b.cfg.AssetsDir, want)))
			}
		}
	}
	// Templates are checked even when the assets failed, to list both.
	var problems []error
	b.renderer = newPageRenderer(b.cfg.TemplatesDir, b.min)
	funcs := template.FuncMap{"cached": b.renderer.cached}
	b.templates, b.tplHash, problems = loadTemplates(b.cfg.Templates, b.cfg.TemplatesDir, funcs, nil)
	b.res.Problems = append(b.res.Problems, problems...)
	// The pages are made from the templates minified; the templates as
	// written tell where a page's template went wrong.
	minified, _, minProblems := loadTemplates(b.cfg.Templates, b.cfg.TemplatesDir, funcs, minifyTemplate)
	if len(problems) == 0 && len(minProblems) > 0 {
		minified = b.templates // the minifier broke a template: pages are minified one by one
	}
	b.renderer.use(minified, b.templates, len(minProblems) == 0)
	b.uses = map[string]map[string]bool{}
	for kind, t := range b.templates {
		b.uses[kind] = templateUses(t)
	}
	return nil
}

// plan sets up what the search and render steps share: the URL scheme and
// the pages, the manifest of this build, and, when the last build into the
// same output can be updated in place, what changed since (deps.go).
func (b *builder) plan() error {
	if b.pages != nil {
		return nil
	}
	l, err := newLinker(b.cfg.Settings.BaseURL, b.cfg.BasePath)
	if err != nil {
		return fmt.Errorf("base_url: %w", err)
	}
	href := func(name string) string {
		if n := b.bundle.Names[name]; n != "" {
			return l.href(n)
		}
		return ""
	}
	b.res.BasePath = l.base
	view := newSiteView(b.site, b.cfg.Settings, l, href("main.css"), href("main.js"), href("favicon.svg"))
	if !b.cfg.NoSearch {
		view.SearchJS = href("search.js")
	}
	b.linker = l
	b.pages = newPages(b.site, b.cfg.Settings, l, view, b.parts, b.renderer.nonce, b.workers)
	b.pages.spills = &spills{dir: b.cfg.CacheDir}
	b.manifest = &cache.Manifest{
		Version: b.outputVersion(l),
		Reports: reportStates(b.site),
		Facts:   factsOf(b.site, view),
	}
	var old *cache.Manifest
	if b.version != "" {
		old = b.previous()
	}
	// What a report page shows of text found in other reports changes
	// only when some report changed: else the last build's digests stand
	// and the comparison is not made.
	if old == nil || old.Version != b.manifest.Version || !sameReports(old.Reports, b.manifest.Reports) {
		b.readSavedReuse()
		b.pages.reuseSaved = b.savedReuse
		st, err := b.pages.reuseState()
		if err != nil {
			return err
		}
		if err := b.reuseDigests(st, old); err != nil {
			return err
		}
		if b.version != "" {
			// Saved beside the render step, not when the build is done, so
			// that a full build holds the index only as long as that takes;
			// write waits for it. The index names the reports it holds, and
			// the next build trusts the digests of a manifest only when it
			// names the same ones (reuseDigests).
			x, keys := st.x, st.keys
			b.background.Go(func() {
				_ = cache.WriteReuse(b.cfg.CacheDir, b.version, func(w io.Writer) error { return x.WriteSaved(w, keys) })
			})
		}
		st.dropIndex()
	} else {
		for i := range b.manifest.Reports {
			b.manifest.Reports[i].Reuse = old.Reports[i].Reuse
		}
		b.manifest.ReuseGen = old.ReuseGen
	}
	if b.version != "" {
		if old != nil && old.Version == b.manifest.Version {
			// Only the files a change touches are written, so the others
			// must be as the last build left them; if any is not, the
			// whole site is written again.
			bad := b.outputChanged(old)
			if len(bad) > 0 {
				b.res.Warnings = append(b.res.Warnings, fmt.Errorf("%s 在上次构建后被改动过（%s），本次重新生成整个网站：无需处理；以后请不要手工改动 %[1]s 中的文件",
					b.cfg.Out, listSome(bad, 5)))
			} else {
				b.old = old
				b.changes = diffBuilds(old, b.manifest.Reports, b.manifest.Facts)
			}
		}
	}
	b.pages.spans = newDataSpans(b.site, b.old, b.changes)
	return nil
}

// startCheck starts checking, beside the load and model steps, that the
// output is as the last build left it (plan waits for the answer): one
// lstat of every published file, the largest fixed cost of a rebuild. It
// returns what waits for the check to end, so that no file of the output
// is looked at once the build has returned.
func (b *builder) startCheck() (wait func()) {
	if b.version == "" {
		return func() {}
	}
	b.unchanged = make(chan []string, 1)
	done := make(chan struct{})
	go func() {
		defer close(done)
		// The manifest is read here too, beside the load step.
		old := b.previous()
		if old == nil {
			b.unchanged <- nil // not asked for: there is no last build to update
			return
		}
		defer trace.StartRegion(context.Background(), "check the output").End()
		b.unchanged <- checkOutput(old, b.cfg.Out, b.cfg.Gzip, b.workers)
	}()
	return func() { <-done }
}

// outputChanged is what changed in the output since the last build, whose
// manifest is old: startCheck's answer, or else checked now.
func (b *builder) outputChanged(old *cache.Manifest) []string {
	if b.unchanged == nil {
		return checkOutput(old, b.cfg.Out, b.cfg.Gzip, b.workers)
	}
	bad := <-b.unchanged
	b.unchanged <- bad
	return bad
}

// checkOutput lists the files of out that are not as the build of manifest
// old left them, and a file added or removed at its top.
func checkOutput(old *cache.Manifest, out string, gz bool, workers int) []string {
	var bad []string
	if withFeature(featureCheck) {
		bad = old.Verify(out, gz, workers)
	}
	if len(bad) == 0 && outStamp(out) != old.OutStamp {
		bad = []string{"最上层有文件被添加或删除"}
	}
	return bad
}

// reuseDigests gives each report of the manifest its Reuse digest: the
// last build's, when its digests were made against the saved index this
// build updated and the update leaves the report's result as it was, else
// made from its result.
func (b *builder) reuseDigests(st *reuseState, old *cache.Manifest) error {
	var was map[string]uint64
	if old != nil && old.Version == b.manifest.Version && st.touched != nil && old.ReuseGen == st.prevGen {
		was = make(map[string]uint64, len(old.Reports))
		for _, r := range old.Reports {
			was[r.File] = r.Reuse
		}
	}
	byFile := make(map[string]*Report, len(b.site.Reports))
	for _, r := range b.site.Reports {
		byFile[r.entry.Name] = r
	}
	for i := range b.manifest.Reports {
		m := &b.manifest.Reports[i]
		r := byFile[m.File]
		if d, ok := st.doc[r]; ok && was != nil && !st.touched[d] {
			if digest, ok := was[m.File]; ok {
				m.Reuse = digest
				continue
			}
		}
		var err error
		if m.Reuse, err = reuseDigest(st, r); err != nil {
			return err
		}
	}
	b.manifest.ReuseGen = reuseGen(st.keys)
	return nil
}

func (b *builder) render() error {
	if err := b.plan(); err != nil {
		return err
	}
	jobs := b.jobs()
	var err error
	if b.out, err = output.New(b.cfg.Out, b.cfg.Gzip, b.old != nil, len(jobs)); err != nil {
		return err
	}
	b.res.Incremental = b.old != nil
	oldIndex, volatile := b.lastOutput()
	// The sitemaps are made while the pages render, and written after
	// them.
	sitemaps := make(chan func() error, 1)
	go func() { sitemaps <- b.sitemaps(jobs) }()
	b.renderJobs(jobs, oldIndex, volatile)
	writeSitemaps := <-sitemaps
	if len(b.res.Problems) > 0 {
		return nil
	}
	if err := writeSitemaps(); err != nil {
		return err
	}
	b.manifest.Files = b.out.States()
	b.manifest.Spans = b.pages.spans.manifestSpans(b.site, b.manifest.Reports)
	b.gone = b.removed(oldIndex)
	return nil
}

// lastOutput indexes the files of the last output by name, and says which
// page kinds read a site value that changed since (volatile): their pages
// are rendered again whatever else changed. Both are nil for a full build.
func (b *builder) lastOutput() (oldIndex map[string]int, volatile map[string]bool) {
	if b.old == nil {
		return nil, nil
	}
	oldIndex = make(map[string]int, len(b.old.Files))
	for i, f := range b.old.Files {
		oldIndex[f.Name] = i
	}
	volatile = map[string]bool{}
	for kind, uses := range b.uses {
		for f := range b.changes.volatile {
			volatile[kind] = volatile[kind] || uses[f]
		}
	}
	return oldIndex, volatile
}

// renderJobs renders and writes every job, keeping the last output's file
// for a page whose inputs did not change, with the search index built
// beside them; what went wrong goes into the result's problems.
func (b *builder) renderJobs(jobs []job, oldIndex map[string]int, volatile map[string]bool) {
	old, ch := b.old, b.changes
	b.out.Start(2 * b.workers)
	// The search index is built while the pages render: its sequential
	// parts leave a CPU idle, which the pages fill. A full index streams
	// its files to the writers as it makes them.
	searchDone := make(chan error, 1)
	go func() {
		start := time.Now()
		region := trace.StartRegion(context.Background(), "search")
		err := b.buildSearchIndex()
		region.End()
		b.searchTime = time.Since(start)
		searchDone <- err
	}()
	// Page data is made by the worker that renders it, so that only the
	// pages in flight are held in memory.
	errs := make([]error, len(jobs))
	done := b.counter("render", len(jobs))
	workers.Each(len(jobs), b.workers, func(i int) {
		defer done(i)
		j := &jobs[i]
		if ch != nil {
			if k, ok := oldIndex[j.file]; ok && !ch.all && !volatile[j.kind] && !affected(j, ch) {
				b.out.Keep(i, old.Files[k])
				return
			}
		}
		// A CPU profile (build -cpuprofile) tells the kinds apart:
		// go tool pprof -tags shows what each kind of page costs.
		pprof.Do(context.Background(), pprof.Labels("kind", j.kind), func(context.Context) {
			errs[i] = b.run(i, j)
		})
	})
	if err := <-searchDone; err != nil {
		errs = append(errs, err)
	} else {
		b.sendSearch()
	}
	errs = append(errs, b.out.Wait()...)
	b.pages.spills.close()
	for _, err := range errs {
		if err != nil {
			b.res.Problems = append(b.res.Problems, err)
		}
	}
}

// sitemaps makes the sitemaps of the listed pages, and returns what
// writes them.
func (b *builder) sitemaps(jobs []job) (write func() error) {
	var sitemap []sitemapEntry
	for i := range jobs {
		if j := &jobs[i]; j.isPage() && !j.unlisted {
			sitemap = append(sitemap, sitemapEntry{Loc: b.linker.abs(j.sitePath), Lastmod: j.lastmod(b.site)})
		}
	}
	files, names, err := b.pages.sitemaps(sitemap)
	return func() error {
		if err != nil {
			return fmt.Errorf("sitemap: %w", err)
		}
		for _, name := range names {
			if err := b.out.Write(b.out.Add(), "sitemap", name, [][]byte{files[name]}, false); err != nil {
				return err
			}
		}
		return nil
	}
}

// removed lists the files of the last output this one no longer has.
func (b *builder) removed(oldIndex map[string]int) []string {
	if b.old == nil {
		return nil
	}
	seen := make([]bool, len(b.old.Files))
	for _, f := range b.out.States() {
		if k, ok := oldIndex[f.Name]; ok {
			seen[k] = true
		}
	}
	var gone []string
	for k, f := range b.old.Files {
		if !seen[k] {
			gone = append(gone, f.Name)
		}
	}
	return gone
}

// outputVersion names everything besides the content that the output
// depends on: the code, the templates, the assets and the settings. A
// build whose version differs from the last one's writes everything anew.
func (b *builder) outputVersion(l linker) string {
	h := sha256.New()
	fmt.Fprintf(h, "code %s\ntemplates %s\nbase %s %s\ngzip %v\nsearch %v\nsettings %#v\n", b.version, b.tplHash, l.origin, l.base, b.cfg.Gzip, !b.cfg.NoSearch, b.cfg.Settings)
	for _, f := range b.bundle.Files {
		sum := sha256.Sum256(f.Data)
		fmt.Fprintf(h, "asset %s %x\n", f.Path, sum)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// outStamp is the modification time of the output directory, which tells
// a build whether the directory is still the one its manifest describes;
// 0 when there is none.
func outStamp(out string) int64 {
	info, err := os.Stat(out)
	if err != nil {
		return 0
	}
	return info.ModTime().UnixNano()
}

// listSome joins the first n items and says how many more there are.
func listSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, "、")
	}
	return strings.Join(items[:n], "、") + "，另有 " + strconv.Itoa(len(items)-n) + " 个"
}

func (b *builder) write() error {
	b.background.Wait()
	mf := ""
	if b.version != "" {
		// Without a manifest the next build starts afresh, which is right
		// if this one stops half-way through moving files into place.
		mf = cache.ManifestPath(b.cfg.CacheDir, b.cfg.Out)
		_ = os.Remove(mf)
	}
	if err := b.out.Commit(b.gone, b.workers); err != nil {
		return err
	}
	b.res.Pages = output.Counts(b.manifest.Files)
	for _, c := range b.res.Pages {
		b.res.Files += c.Files
		b.res.Bytes += c.Bytes
	}
	b.res.Written, b.res.Removed = b.out.Written(), len(b.gone)
	b.out = nil
	if mf != "" {
		// The file system's clock, not ours: it may run a tick behind.
		// Without it the next build starts afresh.
		committed, err := publish.Touch(b.cfg.Out)
		if err != nil {
			return nil
		}
		b.manifest.Committed = committed
		b.manifest.OutStamp = outStamp(b.cfg.Out)
		_ = cache.WriteManifest(mf, b.manifest)
	}
	return nil
}

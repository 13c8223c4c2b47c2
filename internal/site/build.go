// Package site builds the static 政务公开 site: it loads the content files,
// models towns, regions, years and comparisons, bundles the assets, renders
// every page through the host's templates, and swaps the result into the
// output directory only when every step succeeded.
package site

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"runtime"
	"strconv"
	"time"

	"github.com/tdewolff/minify/v2"

	"nianbao/internal/assets"
	"nianbao/internal/content"
	"nianbao/internal/region"
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
	// Warnings did not stop the build; Problems did. Each reads "file:line: message".
	Warnings []error
	Problems []error
}

// Step is one timed step of the build.
type Step struct {
	Name     string
	Duration time.Duration
}

// KindCount is the number and size of files of one kind.
type KindCount struct {
	Kind  string
	Files int
	Bytes int64
}

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
	out       *output
	pages     *pages
	manifest  *manifest
	gone      []string // files of the last output the site no longer has
}

// Build builds the site described by cfg. It returns ErrFailed, with every
// problem in Result.Problems, when any step failed; the output directory is
// then as it was before.
func Build(cfg Config) (*Result, error) {
	b := &builder{cfg: cfg, res: &Result{}, min: assets.NewMinifier(), md: content.NewMarkdown(), workers: cfg.Workers}
	if b.workers <= 0 {
		b.workers = runtime.GOMAXPROCS(0)
	}
	if b.cfg.Regions == nil {
		b.cfg.Regions = region.Default()
	}
	if b.cfg.CacheDir != "" {
		b.version = codeVersion()
	}
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
		{"render", b.render, true}, // every page and file whose inputs changed, beside the output
		{"search", b.search, true}, // the search index (a later step; see Config)
		{"write", b.write, true},   // swap or move the new files into place
	}
	defer func() {
		if b.parts != nil {
			b.parts.pack.close()
		}
	}()
	for _, s := range steps {
		start := time.Now()
		err := s.run()
		b.res.Steps = append(b.res.Steps, Step{Name: s.name, Duration: time.Since(start)})
		if err == nil && s.gate && len(b.res.Problems) > 0 {
			err = ErrFailed
		}
		if err != nil {
			if !errors.Is(err, ErrFailed) {
				b.res.Problems = append(b.res.Problems, err)
			}
			if b.out != nil {
				b.out.discard()
			}
			return b.res, ErrFailed
		}
	}
	return b.res, nil
}

func (b *builder) load() error {
	files, err := contentFiles(b.cfg.Content)
	if err != nil {
		return fmt.Errorf("read %s: %w", b.cfg.ContentDir, err)
	}
	idx, ok := readIndex(b.cfg.CacheDir, b.version)
	cacheDir := b.cfg.CacheDir
	if b.version == "" {
		cacheDir = ""
	}
	pk, err := openPack(cacheDir, !ok)
	if err != nil {
		return err
	}
	b.parts = &partRenderer{md: b.md, min: b.min, fs: b.cfg.Content, pack: pk}
	b.entries, b.res.Parsed = loadContent(b.cfg.Content, b.cfg.ContentDir, files, idx, b.parts, b.workers)
	if err := pk.compact(b.entries); err != nil {
		return fmt.Errorf("compact %s: %w", pk.name, err)
	}
	stale := len(idx.byName) != len(b.entries)
	for i := range b.entries {
		e := &b.entries[i]
		if e.err != nil {
			b.res.Problems = append(b.res.Problems, e.err)
			stale = true
		} else if old := idx.byName[e.name]; old == nil || old.hash != e.hash || old.mtime != e.mtime || old.blobOff != e.blobOff {
			stale = true
		}
	}
	if stale && b.version != "" {
		// The cache only saves work; a build does not fail for want of it.
		_ = writeIndex(b.cfg.CacheDir, b.version, b.entries, time.Now())
	}
	return nil
}

func (b *builder) model() error {
	s := &Site{}
	var reports []*Report
	var places []place
	seen := map[string]*Report{}
	for i := range b.entries {
		e := &b.entries[i]
		if e.err != nil {
			continue // reported by load
		}
		raw := func() []byte { return b.parts.raw(e) }
		r, p, problems, warnings := derive(e, raw, b.cfg.Regions, b.cfg.Root)
		b.res.Problems = append(b.res.Problems, problems...)
		b.res.Warnings = append(b.res.Warnings, warnings...)
		if len(problems) > 0 {
			continue
		}
		key := p.code + "/" + strconv.Itoa(r.Year)
		if first := seen[key]; first != nil {
			b.res.Problems = append(b.res.Problems, problemf(r.File, frontMatterLine(raw(), "year", "年度"),
				"a second report for %s %d (the first is %s); keep one, or correct the town or year", p.name, r.Year, first.File))
			continue
		}
		seen[key] = r
		reports = append(reports, r)
		places = append(places, p)
	}
	s.groupTowns(reports, places)
	s.indexYears(b.cfg.Settings.CompareSplit)
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
				b.res.Problems = append(b.res.Problems, fmt.Errorf("%s: missing; the templates need it", path.Join(b.cfg.AssetsDir, want)))
			}
		}
	}
	// Templates are checked even when the assets failed, to list both.
	var problems []error
	b.renderer = newPageRenderer(b.cfg.TemplatesDir, b.min)
	b.templates, b.tplHash, problems = loadTemplates(b.cfg.Templates, b.cfg.TemplatesDir, template.FuncMap{"cached": b.renderer.cached})
	b.res.Problems = append(b.res.Problems, problems...)
	b.renderer.use(b.templates)
	b.uses = map[string]map[string]bool{}
	for kind, t := range b.templates {
		b.uses[kind] = templateUses(t)
	}
	return nil
}

// job writes one file of the site: a page (page set), a file made by a
// function (make set), or a copy of a file (from set).
type job struct {
	kind string // the file's category in the summary; a page's kind
	file string // site-relative output file
	// page makes a page's data; the page's site path is sitePath.
	page     func() (*page, error)
	sitePath string
	lastmod  string // the page's date in the sitemap, if known
	unlisted bool   // left out of the sitemap
	make     func() ([]byte, error)
	media    string // make's output is minified as this type; "" writes it as is
	from     fs.FS
	src      string
	// changed tells an incremental build whether anything the file shows
	// changed; nil means always render.
	changed func(c *changes) bool
}

func (b *builder) render() error {
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
	b.pages = newPages(b.site, b.cfg.Settings, l, view, b.parts, b.renderer.nonce)

	b.manifest = &manifest{
		version: b.outputVersion(l),
		reports: reportStates(b.site),
		facts:   factsOf(b.site, view),
	}
	var old *manifest
	var ch *changes
	if b.version != "" {
		old = readManifest(manifestPath(b.cfg.CacheDir, b.cfg.Out))
		if old != nil && (old.version != b.manifest.version || outStamp(b.cfg.Out) != old.outStamp) {
			old = nil
		}
		if old != nil {
			ch = diffBuilds(old, b.manifest.reports, b.manifest.facts)
		}
	}
	if b.out, err = newOutput(b.cfg.Out, b.cfg.Gzip, old != nil); err != nil {
		return err
	}
	b.res.Incremental = old != nil
	oldFiles := map[string]fileState{}
	if old != nil {
		for _, f := range old.files {
			oldFiles[f.name] = f
		}
	}

	// Page data is made by the worker that renders it, so that only the
	// pages in flight are held in memory.
	jobs := b.jobs()
	errs := make([]error, len(jobs))
	b.out.start(2 * b.workers)
	forEach(len(jobs), b.workers, func(i int) {
		j := &jobs[i]
		if ch != nil && !b.mustRender(j, ch, oldFiles) {
			b.out.keep(oldFiles[j.file])
			return
		}
		errs[i] = b.run(j)
	})
	errs = append(errs, b.out.wait()...)
	for _, err := range errs {
		if err != nil {
			b.res.Problems = append(b.res.Problems, err)
		}
	}
	if len(b.res.Problems) > 0 {
		return nil
	}
	var sitemap []sitemapEntry
	for _, j := range jobs {
		if j.page != nil && !j.unlisted {
			sitemap = append(sitemap, sitemapEntry{Loc: l.abs(j.sitePath), Lastmod: j.lastmod})
		}
	}
	files, names, err := b.pages.sitemaps(sitemap)
	if err != nil {
		return fmt.Errorf("sitemap: %w", err)
	}
	for _, name := range names {
		if err := b.out.write("sitemap", name, files[name]); err != nil {
			return err
		}
	}
	b.manifest.files = b.out.list()
	if old != nil {
		for _, f := range old.files {
			if _, ok := b.out.files[f.name]; !ok {
				b.gone = append(b.gone, f.name)
			}
		}
	}
	return nil
}

// mustRender tells an incremental build whether a job's file may differ
// from the one published.
func (b *builder) mustRender(j *job, ch *changes, oldFiles map[string]fileState) bool {
	if _, ok := oldFiles[j.file]; !ok || j.changed == nil || ch.all {
		return true
	}
	if j.page != nil {
		for f := range ch.volatile {
			if b.uses[j.kind][f] {
				return true
			}
		}
	}
	return j.changed(ch)
}

// run writes one job's file.
func (b *builder) run(j *job) error {
	switch {
	case j.page != nil:
		pg, err := j.page()
		if err != nil {
			return err
		}
		if pg.Path != j.sitePath || pg.Kind != j.kind {
			return fmt.Errorf("internal error: page %s (%s) made for %s (%s)", pg.Path, pg.Kind, j.sitePath, j.kind)
		}
		data, err := b.renderer.render(pg)
		if err != nil {
			return err
		}
		b.out.send(writeReq{kind: j.kind, name: j.file, data: data})
		return nil
	case j.from != nil:
		b.out.send(writeReq{kind: j.kind, name: j.file, from: j.from, src: j.src})
		return nil
	}
	data, err := j.make()
	if err != nil {
		return err
	}
	if j.media != "" {
		if data, err = b.min.Bytes(j.media, data); err != nil {
			return fmt.Errorf("minify %s: %w", j.file, err)
		}
	}
	b.out.send(writeReq{kind: j.kind, name: j.file, data: data})
	return nil
}

// outputVersion names everything besides the content that the output
// depends on: the code, the templates, the assets and the settings. A
// build whose version differs from the last one's writes everything anew.
func (b *builder) outputVersion(l linker) string {
	h := sha256.New()
	fmt.Fprintf(h, "code %s\ntemplates %s\nbase %s %s\ngzip %v\nsettings %#v\n", b.version, b.tplHash, l.origin, l.base, b.cfg.Gzip, b.cfg.Settings)
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

// jobs lists every file of the site in a fixed order. Each job says what
// its file shows, for incremental builds (deps.go).
func (b *builder) jobs() []job {
	p := b.pages
	var jobs []job
	addPage := func(kind, sitePath, lastmod string, make func() (*page, error), changed func(c *changes) bool) {
		jobs = append(jobs, job{kind: kind, file: outputFile(sitePath), sitePath: sitePath, page: make, lastmod: lastmod, changed: changed})
	}
	always := func(pg func() *page) func() (*page, error) {
		return func() (*page, error) { return pg(), nil }
	}
	addPage("home", pathHome, b.site.Updated.String(), always(p.home), nil)
	for _, t := range b.site.Towns {
		town := func(c *changes) bool { return c.towns[t.Code] }
		addPage("town", townPath(t.Code), t.Reports[len(t.Reports)-1].Newest().String(), always(func() *page { return p.town(t) }),
			func(c *changes) bool {
				if c.towns[t.Code] {
					return true
				}
				for _, r := range t.Reports {
					if c.changedYear(r.Year) {
						return true
					}
				}
				return false
			})
		for _, r := range t.Reports {
			addPage("report", reportPath(t.Code, r.Year), r.Newest().String(), func() (*page, error) { return p.report(r) },
				func(c *changes) bool { return c.towns[t.Code] || c.changedYear(r.Year) })
			jobs = append(jobs, job{kind: "markdown", file: reportMarkdownPath(t.Code, r.Year), from: b.cfg.Content, src: r.entry.name, changed: town})
			if r.Source != "" {
				jobs = append(jobs, job{kind: "source", file: reportSourcePath(t.Code, r.Year, r.Source), from: b.cfg.Root, src: r.Source, changed: town})
			}
		}
		for _, kind := range t.Kinds {
			addPage("compare-town", townKindPath(t.Code, kind), "", func() (*page, error) { return p.compareTown(t, kind) }, town)
		}
		for _, y := range t.PlanYears {
			addPage("compare-plan", planPath(t.Code, y), "", func() (*page, error) { return p.comparePlan(t, y) }, town)
		}
	}
	for _, r := range b.site.Regions {
		addPage("region", regionPath(r.Code), "", always(func() *page { return p.region(r) }),
			func(c *changes) bool { return c.regions[r.Code] })
	}
	for _, y := range b.site.Years {
		addPage("year", yearPath(y), "", always(func() *page { return p.year(y) }),
			func(c *changes) bool { return c.years[y] || c.yearList || c.changedYear(y) })
	}
	addPage("compare-index", pathCompare, "", always(p.compareIndex), nil)
	for _, yk := range b.site.YearKinds {
		key := ykKey(yk.Year, yk.Kind)
		shape := func(c *changes) bool { return c.yks[key] || c.ykYears[yk.Year] || c.ykKinds[yk.Kind] }
		if yk.Split {
			addPage("compare-split", compareYearKindPath(yk.Year, yk.Kind), "", always(func() *page { return p.compareSplit(yk) }),
				func(c *changes) bool { return c.years[yk.Year] || c.yks[key] })
		}
		for _, cp := range yk.Pages {
			cp := cp
			addPage("compare-year", p.comparePagePath(cp), "", func() (*page, error) { return p.compareYear(cp) },
				func(c *changes) bool {
					if shape(c) {
						return true
					}
					if cp.Region == nil {
						return c.years[yk.Year]
					}
					return c.counties[ykKey(yk.Year, cp.Region.Code)]
				})
		}
	}
	addPage("search", pathSearch, "", always(p.search), nil)
	addPage("data", pathData, "", always(p.data), nil)
	addPage("404", pathNotFound, "", always(p.notFound), nil)
	jobs[len(jobs)-1].unlisted = true

	for _, f := range b.bundle.Files {
		jobs = append(jobs, job{kind: "asset", file: f.Path, make: func() ([]byte, error) { return f.Data, nil }, changed: func(*changes) bool { return false }})
	}
	return append(jobs,
		job{kind: "open-data", file: pathJSON, make: p.reportsJSON},
		job{kind: "open-data", file: pathCSV, make: p.reportsCSV},
		job{kind: "feed", file: pathFeed, media: assets.XML, make: p.feed},
		job{kind: "robots", file: pathRobots, make: func() ([]byte, error) { return p.robots(), nil }},
	)
}

// search is where the search index will be built from the model and
// written beside the pages; the /search/ page already exists and offers the
// indexes by year and region until then.
func (b *builder) search() error {
	return nil
}

func (b *builder) write() error {
	mf := ""
	if b.version != "" {
		// Without a manifest the next build starts afresh, which is right
		// if this one stops half-way through moving files into place.
		mf = manifestPath(b.cfg.CacheDir, b.cfg.Out)
		_ = os.Remove(mf)
	}
	if err := b.out.commit(b.gone, b.workers); err != nil {
		return err
	}
	b.res.Pages = counts(b.manifest.files)
	for _, c := range b.res.Pages {
		b.res.Files += c.Files
		b.res.Bytes += c.Bytes
	}
	b.res.Written, b.res.Removed = b.out.written, len(b.gone)
	b.out = nil
	if mf != "" {
		b.manifest.outStamp = outStamp(b.cfg.Out)
		_ = writeManifest(mf, b.manifest)
	}
	return nil
}

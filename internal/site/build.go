// Package site builds the static 政务公开 site: it loads the content files,
// models towns, regions, years and comparisons, bundles the assets, renders
// every page through the host's templates, and swaps the result into the
// output directory only when every step succeeded.
package site

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
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
	// Pages counts the written files by kind, sorted by kind.
	Pages []KindCount
	// Files and Bytes total Pages (without .gz files).
	Files int
	Bytes int64
	// Reports and Towns count the content published.
	Reports, Towns int
	// BasePath is the path the site's links start with, e.g. "/zwgk/fzzfjsnb/".
	BasePath string
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

	loaded    []loaded
	site      *Site
	bundle    *assets.Result
	templates map[string]*template.Template
	out       *output
	pages     *pages
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
	// The first three steps run whatever the others found, so that one
	// run lists every problem of the content, templates and assets; a step
	// that gates stops the build when anything so far went wrong.
	steps := []struct {
		name string
		run  func() error
		gate bool
	}{
		{"load", b.load, false},    // read, parse and render every content file
		{"model", b.model, false},  // towns, regions, years, comparisons
		{"assets", b.assets, true}, // esbuild bundles, hashed static files, templates
		{"render", b.render, true}, // every page and file, into a temporary directory
		{"search", b.search, true}, // the search index (a later step; see Config)
		{"write", b.write, true},   // swap the temporary directory into place
	}
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
	names, err := contentFiles(b.cfg.Content)
	if err != nil {
		return fmt.Errorf("read %s: %w", b.cfg.ContentDir, err)
	}
	b.loaded = loadContent(b.cfg.Content, b.cfg.ContentDir, names, b.md, b.workers)
	for _, l := range b.loaded {
		if l.err != nil {
			b.res.Problems = append(b.res.Problems, l.err)
		}
	}
	return nil
}

func (b *builder) model() error {
	s := &Site{}
	var reports []*Report
	var places []place
	seen := map[string]*Report{}
	for i := range b.loaded {
		l := &b.loaded[i]
		if l.err != nil {
			continue // reported by load
		}
		r, p, problems, warnings := derive(l, b.cfg.Regions, b.cfg.Root)
		b.res.Problems = append(b.res.Problems, problems...)
		b.res.Warnings = append(b.res.Warnings, warnings...)
		if len(problems) > 0 {
			continue
		}
		key := p.code + "/" + strconv.Itoa(r.Year)
		if first := seen[key]; first != nil {
			b.res.Problems = append(b.res.Problems, problemf(r.File, frontMatterLine(r.Raw, "year", "年度"),
				"a second report for %s %d (the first is %s); keep one, or correct the town or year", p.name, r.Year, first.File))
			continue
		}
		seen[key] = r
		reports = append(reports, r)
		places = append(places, p)
	}
	b.loaded = nil // the reports now hold what is needed
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
	b.templates, problems = loadTemplates(b.cfg.Templates, b.cfg.TemplatesDir)
	b.res.Problems = append(b.res.Problems, problems...)
	return nil
}

// job writes one file of the site: a page (page set) or another file
// (make set).
type job struct {
	kind    string // the file's category in the summary, for files other than pages
	file    string // site-relative output file, for files other than pages
	media   string // minified as this media type; "" writes as is
	page    func() *page
	lastmod string // the page's date in the sitemap, if known
	make    func() ([]byte, error)
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
	b.pages = &pages{site: b.site, set: b.cfg.Settings, l: l, view: view}
	if b.out, err = newOutput(b.cfg.Out, b.min, b.cfg.Gzip); err != nil {
		return err
	}
	// Page data is made by the worker that renders it, so that only the
	// pages in flight are held in memory.
	jobs := b.jobs()
	errs := make([]error, len(jobs))
	entries := make([]sitemapEntry, len(jobs))
	forEach(len(jobs), b.workers, func(i int) {
		j := jobs[i]
		kind, file, data, err := j.kind, j.file, []byte(nil), error(nil)
		if j.page != nil {
			pg := j.page()
			kind, file = pg.Kind, outputFile(pg.Path)
			if data, err = execute(b.templates[pg.Kind], b.cfg.TemplatesDir, pg); err == nil && pg.Canonical != "" {
				entries[i] = sitemapEntry{Loc: pg.Canonical, Lastmod: j.lastmod}
			}
		} else {
			data, err = j.make()
		}
		if err == nil {
			err = b.out.write(kind, file, j.media, data)
		}
		errs[i] = err
	})
	for _, err := range errs {
		if err != nil {
			b.res.Problems = append(b.res.Problems, err)
		}
	}
	var sitemap []sitemapEntry
	for _, e := range entries {
		if e.Loc != "" {
			sitemap = append(sitemap, e)
		}
	}
	files, names, err := b.pages.sitemaps(sitemap)
	if err != nil {
		return fmt.Errorf("sitemap: %w", err)
	}
	for _, name := range names {
		if err := b.out.write("sitemap", name, assets.XML, files[name]); err != nil {
			return err
		}
	}
	return nil
}

// jobs lists every file of the site in a fixed order.
func (b *builder) jobs() []job {
	p := b.pages
	var jobs []job
	add := func(lastmod string, make func() *page) {
		jobs = append(jobs, job{media: assets.HTML, page: make, lastmod: lastmod})
	}
	add(b.site.Updated.String(), p.home)
	for _, t := range b.site.Towns {
		add(t.Reports[len(t.Reports)-1].Newest().String(), func() *page { return p.town(t) })
		for _, r := range t.Reports {
			add(r.Newest().String(), func() *page { return p.report(r) })
			jobs = append(jobs, job{kind: "markdown", file: reportMarkdownPath(t.Code, r.Year), make: func() ([]byte, error) { return r.Raw, nil }})
			if r.Source != "" {
				jobs = append(jobs, job{kind: "source", file: reportSourcePath(t.Code, r.Year, r.Source), make: func() ([]byte, error) {
					return fs.ReadFile(b.cfg.Root, r.Source)
				}})
			}
		}
		for _, kind := range t.Kinds {
			add("", func() *page { return p.compareTown(t, kind) })
		}
		for _, y := range t.PlanYears {
			add("", func() *page { return p.comparePlan(t, y) })
		}
	}
	for _, r := range b.site.Regions {
		add("", func() *page { return p.region(r) })
	}
	for _, y := range b.site.Years {
		add("", func() *page { return p.year(y) })
	}
	add("", p.compareIndex)
	for _, yk := range b.site.YearKinds {
		if yk.Split {
			add("", func() *page { return p.compareSplit(yk) })
		}
		for _, cp := range yk.Pages {
			add("", func() *page { return p.compareYear(cp) })
		}
	}
	add("", p.search)
	add("", p.data)
	add("", p.notFound)

	for _, f := range b.bundle.Files {
		jobs = append(jobs, job{kind: "asset", file: f.Path, make: func() ([]byte, error) { return f.Data, nil }})
	}
	return append(jobs,
		job{kind: "open-data", file: pathJSON, media: assets.JSON, make: p.reportsJSON},
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
	if err := b.out.commit(b.cfg.Out); err != nil {
		return err
	}
	b.res.Pages = b.out.counts()
	for _, c := range b.res.Pages {
		b.res.Files += c.Files
		b.res.Bytes += c.Bytes
	}
	b.out = nil
	return nil
}

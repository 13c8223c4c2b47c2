package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"nianbao/internal/importer"
	"nianbao/internal/publish"
	"nianbao/internal/region"
	"nianbao/internal/site"
	"nianbao/internal/sitecheck"
)

// buildFlags are the options of the build command.
type buildFlags struct {
	root, content, sources, templates, assets, out, config string
	basePath, cache                                        string
	noImport, noSearch, gzip, check                        bool
	workers                                                int
	cpuProfile, memProfile                                 string
	// progress shows how far the import is on a terminal; nil for none.
	progress *progress
}

// parseBuildFlags reads the build command's flags; paths stay as given and
// are resolved against -root by runBuild.
func parseBuildFlags(args []string, stderr io.Writer) (*buildFlags, error) {
	f := &buildFlags{}
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&f.root, "root", ".", "repository root; the other paths are relative to `DIR`")
	fs.StringVar(&f.content, "content", "content", "report Markdown files under `DIR`")
	fs.StringVar(&f.sources, "sources", "sources", "raw reports under `DIR`; files no content file names are imported first")
	fs.StringVar(&f.templates, "templates", "templates", "page templates in `DIR`")
	fs.StringVar(&f.assets, "assets", "assets", "CSS, JavaScript and static files in `DIR`")
	fs.StringVar(&f.out, "out", "public", "write the site to `DIR` (replaced only when the build succeeds)")
	fs.StringVar(&f.config, "config", "site.yaml", "site settings `FILE`")
	fs.StringVar(&f.basePath, "base-path", "", "serve the site under `PATH` instead of the path of base_url in the settings, e.g. / for a preview at the root")
	fs.BoolVar(&f.noImport, "no-import", false, "do not import new files from -sources")
	fs.BoolVar(&f.noSearch, "no-search", false, "leave out the full-text search index, for a quicker preview (the search page then lists years and regions only)")
	fs.BoolVar(&f.gzip, "gzip", false, "write a .gz beside every text file (for nginx gzip_static)")
	fs.IntVar(&f.workers, "workers", 0, "render `N` pages at once (0: one per CPU)")
	fs.StringVar(&f.cache, "cache", ".build-cache", "keep parsed reports, the manifest of the output and the source each content file names in `DIR`, so that a rebuild parses only changed reports, rewrites only changed files and finds new sources without opening every content file (\"\": build everything from scratch)")
	fs.BoolVar(&f.check, "check", false, "check every link, #fragment and page of the built site; broken ones fail the build")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the build to `FILE` (for go tool pprof)")
	fs.StringVar(&f.memProfile, "memprofile", "", "write a heap profile at the end of the build to `FILE`")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: build [flags]")
		fmt.Fprintln(stderr, "Imports new reports from -sources, then builds the static site from -content, -templates and -assets into -out.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return nil, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	return f, nil
}

// runBuild implements the default command: import pending sources, build
// the site, print what happened. It returns 1 when anything failed: a
// source that could not be imported (the rest of the site is still
// published) or a build problem (the previous site is kept). It reads as
// its steps: import, read the settings, build, check.
func runBuild(args []string, stdout, stderr io.Writer) int {
	f, err := parseBuildFlags(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	start := time.Now()
	// The profile covers the import too: it is part of every build.
	stopProfile, err := startProfile(f.cpuProfile)
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return 1
	}
	defer stopProfile() // on the early returns
	// Every build needs the table of townships, which takes tens of
	// milliseconds to unpack: unpack it while the import walks the disk.
	go region.Default()

	status := 0
	importTime := time.Duration(0)
	prog := newProgress(stderr)
	if !f.noImport {
		t0 := time.Now()
		f.progress = prog
		if !importPending(f, stdout, stderr) {
			status = 1
		}
		importTime = time.Since(t0)
	}
	tidyCache(f, stderr)
	cfg, ok := buildConfig(f, stderr)
	if !ok {
		return 1
	}

	if prog != nil {
		cfg.Progress = prog.step
	}
	stopLimit := limitMemory()
	res, err := site.Build(cfg)
	stopLimit()
	prog.clear()
	stopProfile()
	if err := writeHeapProfile(f.memProfile); err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return 1
	}
	if !reportBuild(f, res, err, stderr) {
		if err != nil {
			return 1 // the previous site is kept
		}
		status = 1
	}
	printSummary(stdout, f.out, res, importTime, time.Since(start))
	if f.check && !checkBuilt(f.out, cfg.Settings, res.BasePath, stdout, stderr) {
		status = 1
	}
	return status
}

// at is a path of the flags, relative to -root unless absolute.
func (f *buildFlags) at(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(f.root, p)
}

// tidied says that a half-written file a killed build or import left was
// removed.
func tidied(stderr io.Writer) func(string) {
	return func(p string) {
		fmt.Fprintf(stderr, "warning: %s: removed, left half-written by a build or import that stopped\n", p)
	}
}

// importPending imports the sources no content file names yet and prints
// what happened; false when a folder could not be read or a report was
// refused (the others are imported all the same). A killed import's
// half-written files in content/ are removed by its walk, which reads every
// name there anyway.
func importPending(f *buildFlags, stdout, stderr io.Writer) bool {
	ok := true
	opt := importer.Options{Root: f.root, Out: f.content, Tidied: tidied(stderr), Ignored: ignored(stderr)}
	if f.cache != "" {
		opt.SourceCache = filepath.Join(f.at(f.cache), "import-sources")
	}
	pending, err := importer.Pending(f.sources, opt)
	if err != nil {
		// Each folder that could not be read is its own problem, on its
		// own line; the reports in the others are still imported.
		if joined, isJoined := err.(interface{ Unwrap() []error }); isJoined {
			for _, e := range joined.Unwrap() {
				fmt.Fprintf(stderr, "error: %v\n", e)
			}
		} else {
			fmt.Fprintf(stderr, "error: find new reports in %s: %v\n", f.sources, err)
		}
		ok = false
	}
	if len(pending) == 0 {
		return ok
	}
	if f.progress != nil {
		opt.Progress = f.progress.imported
	}
	res := importer.Import(pending, opt)
	f.progress.clear()
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "warning: %v\n", w)
	}
	for _, p := range res.Problems {
		fmt.Fprintf(stderr, "error: %v\n", p)
	}
	if len(res.Problems) > 0 {
		fmt.Fprintf(stderr, "%d report(s) could not be imported and are not published; the rest of the site is built\n", len(res.Problems))
		ok = false
	}
	for _, w := range res.Written {
		fmt.Fprintf(stdout, "imported %s\n", w)
	}
	return ok
}

// tidyCache removes what a killed build left half-written in the cache.
func tidyCache(f *buildFlags, stderr io.Writer) {
	if f.cache == "" {
		return
	}
	removed, err := publish.Tidy(f.at(f.cache))
	if err != nil {
		fmt.Fprintf(stderr, "warning: %s: %v\n", f.cache, err)
	}
	for _, p := range removed {
		tidied(stderr)(p)
	}
}

// buildConfig reads the settings and assembles the build's configuration
// from the flags; false, with the problems printed, when the settings are
// wrong.
func buildConfig(f *buildFlags, stderr io.Writer) (site.Config, bool) {
	cfgPath := f.at(f.config)
	data, err := os.ReadFile(cfgPath)
	if err != nil {
		fmt.Fprintf(stderr, "error: read settings: %v\n", err)
		return site.Config{}, false
	}
	settings, err := site.ParseSettings(filepath.ToSlash(f.config), data)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(stderr, "error: %s\n", line)
		}
		return site.Config{}, false
	}
	cfg := site.Config{
		Content:      os.DirFS(f.at(f.content)),
		ContentDir:   filepath.ToSlash(f.content),
		Root:         os.DirFS(f.root),
		SourcesDir:   importer.SourcePath(f.root, f.sources),
		Templates:    os.DirFS(f.at(f.templates)),
		TemplatesDir: filepath.ToSlash(f.templates),
		Assets:       os.DirFS(f.at(f.assets)),
		AssetsDir:    filepath.ToSlash(f.assets),
		Out:          f.at(f.out),
		Settings:     settings,
		BasePath:     f.basePath,
		Workers:      f.workers,
		Gzip:         f.gzip,
		NoSearch:     f.noSearch,
		RootDir:      f.root,
		Reads: []publish.Input{
			{Path: f.at(f.content), What: "the reports' Markdown (-content)"},
			{Path: f.at(f.sources), What: "the raw reports (-sources)"},
			{Path: f.at(f.templates), What: "the templates (-templates)"},
			{Path: f.at(f.assets), What: "the assets (-assets)"},
			{Path: cfgPath, What: "the settings (-config)"},
		},
	}
	if f.cache != "" {
		cfg.CacheDir = f.at(f.cache)
		cfg.Reads = append(cfg.Reads, publish.Input{Path: cfg.CacheDir, What: "the build cache (-cache)"})
	}
	return cfg, true
}

// reportBuild prints the build's warnings, the reports it left out and,
// when it failed (err), its problems; false when anything is wrong.
func reportBuild(f *buildFlags, res *site.Result, err error, stderr io.Writer) bool {
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "warning: %v\n", w)
	}
	for _, r := range res.Refused {
		fmt.Fprintf(stderr, "error: %v\n", r)
	}
	if err != nil {
		for _, p := range res.Problems {
			fmt.Fprintf(stderr, "error: %v\n", p)
		}
		fmt.Fprintf(stderr, "build failed with %d problem(s); %s was left as it was\n", len(res.Problems), f.out)
		return false
	}
	if len(res.Refused) > 0 {
		fmt.Fprintf(stderr, "%d report(s) left out of the site until fixed; the other reports are published\n", len(res.Refused))
		return false
	}
	return true
}

// checkBuilt runs the link and page checks on the site built in out and
// prints what they find; false when they found a problem or could not run.
func checkBuilt(out string, settings site.Settings, basePath string, stdout, stderr io.Writer) bool {
	o, err := sitecheck.NewOptions(settings.BaseURL, basePath, settings.Portal.URL, settings.ICPURL, settings.PSBURL)
	if err == nil {
		var links, pages sitecheck.Result
		links, pages, err = sitecheck.CheckBuilt(out, o)
		if err == nil {
			problems := append(links.Problems, pages.Problems...)
			for _, p := range problems {
				fmt.Fprintf(stderr, "error: %s/%s\n", filepath.ToSlash(out), p)
			}
			fmt.Fprintf(stdout, "  check: %d links on %d pages, %d problem(s)\n", links.Checked, pages.Checked, len(problems))
			return len(problems) == 0
		}
	}
	fmt.Fprintf(stderr, "error: check %s: %v\n", out, err)
	return false
}

func printSummary(w io.Writer, out string, res *site.Result, importTime, total time.Duration) {
	var pages, files []string
	var nPages int
	var pageBytes int64
	for _, c := range res.Pages {
		s := fmt.Sprintf("%s %d", c.Kind, c.Files)
		if site.IsPageKind(c.Kind) {
			pages = append(pages, s)
			nPages += c.Files
			pageBytes += c.Bytes
		} else {
			files = append(files, fmt.Sprintf("%s %d (%s)", c.Kind, c.Files, size(c.Bytes)))
		}
	}
	fmt.Fprintf(w, "built %s: %d reports of %d towns, %d pages (%s), %d files in all (%s) in %s\n",
		out, res.Reports, res.Towns, nPages, size(pageBytes), res.Files, size(res.Bytes), total.Round(time.Millisecond))
	if res.Incremental {
		fmt.Fprintf(w, "  updated in place: %d file(s) written, %d removed, %d report(s) parsed, %d indexed for search", res.Written, res.Removed, res.Parsed, res.Indexed)
		if res.SearchRebuilt != "" {
			fmt.Fprintf(w, " (whole index: %s)", res.SearchRebuilt)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "  pages: %s\n", strings.Join(pages, ", "))
	fmt.Fprintf(w, "  files: %s\n", strings.Join(files, ", "))
	steps := []string{fmt.Sprintf("import %s", importTime.Round(time.Millisecond))}
	for _, s := range res.Steps {
		steps = append(steps, fmt.Sprintf("%s %s", s.Name, s.Duration.Round(time.Millisecond)))
	}
	fmt.Fprintf(w, "  steps: %s\n", strings.Join(steps, ", "))
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

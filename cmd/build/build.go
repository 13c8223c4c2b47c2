package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/trace"
	"strings"
	"time"

	"nianbao/internal/filestamp"
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
	cpuProfile, memProfile, peakProfile, trace             string
	// progress shows how far the import is on a terminal; nil for none.
	progress *progress
	// seen is what the import learnt of the content files and originals,
	// for the build that follows it; nil when nothing is kept.
	seen *filestamp.Seen
}

// parseBuildFlags reads the build command's flags; paths stay as given and
// are resolved against -root by runBuild.
func parseBuildFlags(args []string, stderr io.Writer) (*buildFlags, error) {
	f := &buildFlags{}
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	repoFlags(fs, f, true)
	fs.StringVar(&f.out, "out", "public", "把网站生成到 `DIR`（只有构建成功才替换）")
	fs.StringVar(&f.basePath, "base-path", "", "网站放在 `PATH` 下，而不是 site.yaml 中 base_url 的路径；例如 / 表示放在网站根目录（Netlify）")
	fs.BoolVar(&f.noImport, "no-import", false, "不导入 -sources 中的新原件")
	fs.BoolVar(&f.noSearch, "no-search", false, "不生成全文检索索引，生成更快（检索页面只能按年度和地区查找）")
	fs.BoolVar(&f.gzip, "gzip", false, "为每个文本文件另存一份 .gz（供 nginx 的 gzip_static 使用）")
	fs.IntVar(&f.workers, "workers", 0, "同时生成 `N` 个页面（0：按处理器核数）")
	fs.BoolVar(&f.check, "check", false, "生成后检查每个链接、锚点和页面；有坏链接时构建失败")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "把构建的 CPU 性能剖析写到 `FILE`（供 go tool pprof 使用，开发用）")
	fs.StringVar(&f.memProfile, "memprofile", "", "构建结束时把内存剖析写到 `FILE`（开发用）")
	fs.StringVar(&f.peakProfile, "peakprofile", "", "在存活内存最多时把内存剖析写到 `FILE`（开发用）")
	fs.StringVar(&f.trace, "trace", "", "把导入和构建各步的执行跟踪写到 `FILE`（供 go tool trace 使用，开发用）")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "用法：go run ./cmd/build [选项]")
		fmt.Fprintln(stderr, "先导入 -sources 中的新报告原件，再用 -content、-templates 和 -assets 生成网站到 -out。发布前检查用 go run ./cmd/build check，本地预览用 go run ./cmd/build serve。")
		printFlags(fs, stderr)
	}
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return nil, fmt.Errorf("多余的参数：%s", strings.Join(fs.Args(), " "))
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
	stopProfile, err := startProfile(f.cpuProfile, f.trace)
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
		f.seen = &filestamp.Seen{}
		region := trace.StartRegion(context.Background(), "import")
		if !importPending(f, stdout, stderr) {
			status = 1
		}
		region.End()
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
	stopLimit := limitMemory(f.peakProfile)
	res, err := site.Build(cfg)
	peak, peakErr := stopLimit()
	prog.clear()
	stopProfile()
	// A profile that could not be written fails the run, but says nothing
	// of the site: what the build did is still reported.
	for _, perr := range []error{peakErr, writeHeapProfile(f.memProfile)} {
		if perr != nil {
			fmt.Fprintf(stderr, "error: %v\n", perr)
			status = 1
		}
	}
	if f.peakProfile != "" && peakErr == nil {
		fmt.Fprintf(stderr, "存活内存最多 %.0f MB（剖析：%s）\n", float64(peak)/(1<<20), f.peakProfile)
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
		fmt.Fprintf(stderr, "warning: %s: 已删除（上次构建或导入中途停止时留下的未写完的文件）\n", p)
	}
}

// importPending imports the sources no content file names yet and prints
// what happened; false when a folder could not be read or a report was
// refused (the others are imported all the same). A killed import's
// half-written files in content/ are removed by its walk, which reads every
// name there anyway.
func importPending(f *buildFlags, stdout, stderr io.Writer) bool {
	ok := true
	opt := importer.Options{Root: f.root, Out: f.content, Tidied: tidied(stderr), Ignored: ignored(stderr), Seen: f.seen}
	if f.cache != "" {
		opt.SourceCache = filepath.Join(f.at(f.cache), "import-sources")
		opt.SpoolDir = f.at(f.cache)
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
			fmt.Fprintf(stderr, "error: %s: 无法查找新报告（%v）：请检查这个文件夹的读取权限\n", f.sources, err)
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
		fmt.Fprintf(stderr, "有 %d 篇报告无法导入，没有发布，其余报告照常生成：按上面每条 error 的说明修改后，再运行 go run ./cmd/build\n", len(res.Problems))
		ok = false
	}
	for _, w := range res.Written {
		fmt.Fprintf(stdout, "已导入 %s\n", w)
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
		fmt.Fprintf(stderr, "error: %s: 无法读取网站设置（%v）：请确认它在项目文件夹中，或用 -config 指明\n", filepath.ToSlash(f.config), err)
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
		Content:      f.seen.FS(os.DirFS(f.at(f.content)), f.at(f.content)),
		ContentDir:   filepath.ToSlash(f.content),
		Root:         f.seen.FS(os.DirFS(f.root), f.root),
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
			{Path: f.at(f.content), What: "报告的 Markdown 文件夹（-content）"},
			{Path: f.at(f.sources), What: "报告原件文件夹（-sources）"},
			{Path: f.at(f.templates), What: "模板文件夹（-templates）"},
			{Path: f.at(f.assets), What: "样式和脚本文件夹（-assets）"},
			{Path: cfgPath, What: "网站设置文件（-config）"},
		},
	}
	if f.cache != "" {
		cfg.CacheDir = f.at(f.cache)
		cfg.Reads = append(cfg.Reads, publish.Input{Path: cfg.CacheDir, What: "构建缓存文件夹（-cache）"})
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
		fmt.Fprintf(stderr, "构建失败，共 %d 个问题；%s 保持原样，没有改动：按上面每条 error 的说明修改后，再运行 go run ./cmd/build\n", len(res.Problems), f.out)
		return false
	}
	if len(res.Refused) > 0 {
		fmt.Fprintf(stderr, "有 %d 篇报告在改好之前不会出现在网站上，其余报告已生成：按上面每条 error 的说明修改后，再运行 go run ./cmd/build\n", len(res.Refused))
		return false
	}
	return true
}

// checkBuilt runs the link and page checks on the site built in out and
// prints what they find; false when they found a problem or could not run.
func checkBuilt(out string, settings site.Settings, basePath string, stdout, stderr io.Writer) bool {
	o, err := sitecheck.NewOptions(settings.BaseURL, basePath, settings.Portal.URL, settings.ICPURL, settings.PSBURL, settings.DataLicense.URL)
	if err == nil {
		var links, pages sitecheck.Result
		links, pages, err = sitecheck.CheckBuilt(out, o)
		if err == nil {
			problems := append(links.Problems, pages.Problems...)
			for _, p := range problems {
				fmt.Fprintf(stderr, "error: %s/%s\n", filepath.ToSlash(out), p)
			}
			fmt.Fprintf(stdout, "  检查：%d 个页面中的 %d 个链接，%d 个问题\n", pages.Checked, links.Checked, len(problems))
			return len(problems) == 0
		}
	}
	fmt.Fprintf(stderr, "error: %s: 无法检查生成的网站（%v）\n", out, err)
	return false
}

func printSummary(w io.Writer, out string, res *site.Result, importTime, total time.Duration) {
	var pages, files []string
	var nPages int
	var pageBytes int64
	for _, c := range res.Pages {
		s := fmt.Sprintf("%s %d (%s)", c.Kind, c.Files, size(c.Bytes))
		if site.IsPageKind(c.Kind) {
			pages = append(pages, s)
			nPages += c.Files
			pageBytes += c.Bytes
		} else {
			files = append(files, s)
		}
	}
	fmt.Fprintf(w, "已生成 %s：%d 个乡镇的 %d 篇报告，%d 个页面（%s），共 %d 个文件（%s），用时 %s\n",
		out, res.Towns, res.Reports, nPages, size(pageBytes), res.Files, size(res.Bytes), total.Round(time.Millisecond))
	if res.Incremental {
		fmt.Fprintf(w, "  增量更新：写入 %d 个文件，删除 %d 个，解析 %d 篇报告，检索索引更新 %d 篇", res.Written, res.Removed, res.Parsed, res.Indexed)
		if res.SearchRebuilt != "" {
			fmt.Fprintf(w, "（整个索引重建：%s）", res.SearchRebuilt)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "  页面：%s\n", strings.Join(pages, ", "))
	fmt.Fprintf(w, "  文件：%s\n", strings.Join(files, ", "))
	// What a report adds to the site, for a host that caps a site's size
	// or number of files.
	if res.Reports > 0 {
		fmt.Fprintf(w, "  平均每篇报告：%.1f 个文件，%s\n", float64(res.Files)/float64(res.Reports), size(res.Bytes/int64(res.Reports)))
	}
	steps := []string{fmt.Sprintf("import %s", importTime.Round(time.Millisecond))}
	for _, s := range res.Steps {
		steps = append(steps, fmt.Sprintf("%s %s", s.Name, s.Duration.Round(time.Millisecond)))
	}
	fmt.Fprintf(w, "  各步用时：%s\n", strings.Join(steps, ", "))
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

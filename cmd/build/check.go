package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"

	"nianbao/internal/content"
	"nianbao/internal/importer"
	"nianbao/internal/review"
	"nianbao/internal/site"
)

// runCheck implements "build check": it reads all of content/ and
// sources/ as the build would, writes nothing, and prints what a careful
// editor wants to know before publishing. Errors (what the build would
// refuse) make the exit status 1; warnings do not.
func runCheck(args []string, stdout, stderr io.Writer) int {
	f := &buildFlags{}
	fset := flag.NewFlagSet("check", flag.ContinueOnError)
	fset.SetOutput(stderr)
	repoFlags(fset, f, false)
	fset.Usage = func() {
		fmt.Fprintln(stderr, "用法：go run ./cmd/build check [选项]")
		fmt.Fprintln(stderr, "发布前检查：读取 content/ 和 sources/ 下的全部报告（除构建缓存外不写任何文件），列出构建会拒绝的问题（错误）和值得再看一眼的地方（提醒）。有错误时退出状态为 1。")
		printFlags(fset, stderr)
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fset.NArg() > 0 {
		fset.Usage()
		return 2
	}
	var errs, warns []error
	// Sources: what the next build would import, and what it would refuse.
	opt := importer.Options{Root: f.root, Out: f.content, DryRun: true,
		Ignored: func(p *importer.Problem) { warns = append(warns, p) }}
	pending, err := importer.Pending(f.sources, opt)
	if err != nil {
		errs = append(errs, err)
	}
	var imports []string
	if len(pending) > 0 {
		res := importer.Import(pending, opt)
		warns = append(warns, res.Warnings...)
		errs = append(errs, res.Problems...)
		imports = res.Written
	}
	// Content: what the build would refuse or warn about.
	cfg, ok := buildConfig(f, stderr)
	if !ok {
		return 1
	}
	res := site.Check(cfg)
	errs = append(append(errs, res.Problems...), res.Refused...)
	warns = append(warns, res.Warnings...)
	// What an editor looks at twice.
	files, err := reviewFiles(cfg.Content, f.content)
	if err != nil {
		errs = append(errs, err)
	}
	for _, d := range review.Files(files, importer.Today(opt)) {
		warns = append(warns, d)
	}
	for _, e := range errs {
		fmt.Fprintf(stdout, "error: %v\n", e)
	}
	for _, w := range warns {
		fmt.Fprintf(stdout, "warning: %v\n", w)
	}
	for _, p := range imports {
		if _, err := os.Stat(f.at(p)); err == nil {
			fmt.Fprintf(stdout, "待更新：%s（原件在导入后有改动，下次构建时重新导入）\n", p)
		} else {
			fmt.Fprintf(stdout, "待导入：%s（下次构建时写入）\n", p)
		}
	}
	fmt.Fprintf(stdout, "检查了 %d 篇报告、%d 份待导入的原件：%d 个错误，%d 个提醒。\n", len(files), len(pending), len(errs), len(warns))
	if len(errs) > 0 {
		fmt.Fprintln(stdout, "有错误的报告不会发布（已发布的保持原样）：按每条错误后面的说明修改，再运行 go run ./cmd/build check。")
		return 1
	}
	return 0
}

// reviewFiles reads the content files the build would read; one that
// cannot be read or parsed is the build's to report (site.Check), and is
// left out here.
func reviewFiles(fsys fs.FS, dir string) ([]review.File, error) {
	names, err := site.ContentFiles(fsys)
	if err != nil {
		return nil, err
	}
	var out []review.File
	for _, n := range names {
		raw, err := fs.ReadFile(fsys, n)
		if err != nil {
			continue
		}
		p := path.Join(dir, n)
		doc, err := content.Parse(p, raw)
		if err != nil {
			continue
		}
		out = append(out, review.File{Path: p, Raw: raw, Doc: doc})
	}
	return out, nil
}

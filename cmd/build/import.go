package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"

	"nianbao/internal/importer"
)

// runImport implements "build import [-out DIR] [-force] FILE|DIR...".
func runImport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "content", "把 Markdown 文件写到 `DIR`")
	force := fs.Bool("force", false, "覆盖手工修改过的文件，并替换同一乡镇同一年度的另一份原件")
	root := fs.String("root", ".", "项目（仓库）根目录：文件开头记录的原件路径相对于 `DIR`")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "用法：go run ./cmd/build import [-out DIR] [-force] 文件或目录...")
		fmt.Fprintln(stderr, "把报告原件转换为带公文信息的 Markdown 文件，每写一个文件输出一行路径。平时不需要单独运行：go run ./cmd/build 会自动导入新原件。")
		printFlags(fs, stderr)
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	res := importer.Import(fs.Args(), importer.Options{
		Root: *root, Out: *out, Force: *force, Ignored: ignored(stderr),
		// The converted files wait beside the build's caches, on the
		// project's disk rather than in a temporary folder that may be
		// memory.
		SpoolDir: filepath.Join(*root, defaultCache),
	})
	for _, p := range res.Written {
		fmt.Fprintln(stdout, p)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "warning: %v\n", w)
	}
	for _, e := range res.Problems {
		fmt.Fprintf(stderr, "error: %v\n", e)
	}
	if len(res.Problems) > 0 {
		return 1
	}
	return 0
}

// ignored prints a warning for each file in a folder of sources that is
// not a report format: nothing there is left out without a word.
func ignored(stderr io.Writer) func(*importer.Problem) {
	return func(p *importer.Problem) { fmt.Fprintf(stderr, "warning: %v\n", p) }
}

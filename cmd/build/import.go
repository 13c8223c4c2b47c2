package main

import (
	"flag"
	"fmt"
	"io"

	"nianbao/internal/importer"
)

// runImport implements "build import [-out DIR] [-force] FILE|DIR...".
func runImport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "content", "write Markdown files under `DIR`")
	force := fs.Bool("force", false, "overwrite files edited by hand and replace another source for the same town and year")
	root := fs.String("root", ".", "repository root: source paths in front matter are relative to `DIR`")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: build import [-out DIR] [-force] FILE|DIR...")
		fmt.Fprintln(stderr, "Converts raw report texts to Markdown with 公文 front matter and prints each file written.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	res := importer.Import(fs.Args(), importer.Options{Root: *root, Out: *out, Force: *force, Ignored: ignored(stderr)})
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

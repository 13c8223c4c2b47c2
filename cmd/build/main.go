// Command build imports raw 法治政府建设年度报告 texts and renders the static site.
//
// Usage:
//
//	go run ./cmd/build [build flags]                      build public/ from content/ (importing new sources first)
//	go run ./cmd/build import [-out DIR] [-force] FILE|DIR...  convert raw reports to Markdown
//
// Run "go run ./cmd/build help" for the flags of each command.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run dispatches to a subcommand and returns the exit status. It is separate
// from main so tests drive the whole program.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "import":
			return runImport(args[1:], stdout, stderr)
		case "build":
			return runBuild(args[1:], stdout, stderr)
		case "help", "-h", "-help", "--help":
			fmt.Fprint(stdout, usage)
			return 0
		}
	}
	return runBuild(args, stdout, stderr)
}

const usage = `usage:
  build [flags]                             build the site (the default command)
  build import [-out DIR] [-force] FILE|DIR...  import raw reports as Markdown

Run "build -h" or "build import -h" for the flags of each command.
`

// Command build imports raw 法治政府建设年度报告 texts and renders the static site.
//
// Usage:
//
//	go run ./cmd/build [build flags]                      build public/ from content/ (importing new sources first)
//	go run ./cmd/build check [flags]                      list what to fix or look at before publishing
//	go run ./cmd/build serve [flags]                      a local preview that rebuilds on every change
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
		case "check":
			return runCheck(args[1:], stdout, stderr)
		case "serve":
			return runServe(args[1:], stdout, stderr)
		case "build":
			return runBuild(args[1:], stdout, stderr)
		case "help", "-h", "-help", "--help":
			fmt.Fprint(stdout, usage)
			return 0
		}
	}
	return runBuild(args, stdout, stderr)
}

const usage = `用法：
  go run ./cmd/build [选项]                 导入 sources/ 中的新报告并生成网站（默认命令）
  go run ./cmd/build check [选项]           发布前检查：列出要修改的错误和值得再看的提醒，不生成网站
  go run ./cmd/build serve [选项]           本地预览：在浏览器中查看，改动后自动刷新，并列出待审阅的报告
  go run ./cmd/build import [-out DIR] [-force] 文件或目录...  只导入报告原件为 Markdown

各命令的选项：go run ./cmd/build -h、go run ./cmd/build check -h、go run ./cmd/build serve -h、go run ./cmd/build import -h
`

package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// repoFlags defines the options every command reading the repository
// shares, written once: where the repository, the reports, the originals,
// the settings and the build cache are, and with site set the templates
// and assets a build renders with.
func repoFlags(fs *flag.FlagSet, f *buildFlags, site bool) {
	fs.StringVar(&f.root, "root", ".", "项目（仓库）根目录；其他路径都相对于 `DIR`")
	fs.StringVar(&f.content, "content", "content", "报告的 Markdown 文件所在目录 `DIR`")
	fs.StringVar(&f.sources, "sources", "sources", "报告原件所在目录 `DIR`（构建时先导入其中还没有导入的原件）")
	if site {
		fs.StringVar(&f.templates, "templates", "templates", "页面模板目录 `DIR`")
		fs.StringVar(&f.assets, "assets", "assets", "样式、脚本和其他静态文件的目录 `DIR`")
	}
	fs.StringVar(&f.config, "config", "site.yaml", "网站设置文件 `FILE`")
	fs.StringVar(&f.cache, "cache", defaultCache, "构建缓存目录 `DIR`：记住已解析的报告和上次生成的文件，再次构建时只处理有改动的部分（\"\"：每次全部重新处理）")
}

// printFlags lists a command's options as flag.PrintDefaults does, in
// Chinese: the option with its argument, then what it does and its default.
func printFlags(fs *flag.FlagSet, w io.Writer) {
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		line := "  -" + f.Name
		if arg != "" {
			line += " " + arg
		}
		def := ""
		switch f.DefValue {
		case "", "false", "0":
		default:
			def = "（默认：" + f.DefValue + "）"
		}
		fmt.Fprintf(w, "%s\n    \t%s%s\n", line, strings.ReplaceAll(usage, "\n", "\n    \t"), def)
	})
}

// defaultCache is the build cache's folder under the project (-cache).
const defaultCache = ".build-cache"

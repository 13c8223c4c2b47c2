package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

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

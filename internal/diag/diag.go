// Package diag is the project's one diagnostic: a problem at a place in a
// file, with a message that says what is wrong and what to do. The parser,
// the content format and the importer return it; only cmd/build prints it.
package diag

import (
	"fmt"
	"runtime"
	"strings"
)

// Diagnostic is an error or warning about one file.
type Diagnostic struct {
	// File is a slash path, relative to the repository root (a source, a
	// content file); "" while the parser, which knows no file, reports it.
	File string
	// Line is 1-based; 0 when the problem concerns the whole file.
	Line int
	// Col is 1-based; 0 when unknown.
	Col int
	Msg string
}

// Error formats the diagnostic as "file:line:col: message", the form editors
// and terminals turn into links, leaving out what is unknown; without a
// file, as "line N: message".
func (d *Diagnostic) Error() string {
	switch {
	case d.File == "" && d.Line > 0:
		return fmt.Sprintf("line %d: %s", d.Line, d.Msg)
	case d.File == "":
		return d.Msg
	case d.Line > 0 && d.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Col, d.Msg)
	case d.Line > 0:
		return fmt.Sprintf("%s:%d: %s", d.File, d.Line, d.Msg)
	}
	return fmt.Sprintf("%s: %s", d.File, d.Msg)
}

// String is Error, for diagnostics kept as values.
func (d Diagnostic) String() string { return d.Error() }

// In returns the diagnostic placed in file, keeping its line: how a caller
// that knows the file passes on what the parser found.
func (d Diagnostic) In(file string) *Diagnostic {
	d.File = file
	return &d
}

// Contain runs f, the work on one input file, and turns a panic in it into
// a diagnostic for that file: a fault of this program, or of a library it
// parses the file with, met on one hostile or broken file then costs that
// file, not the whole run, and the message says where the fault was for
// the maintainers. Only work that shares no state with the rest of the run
// but what it returns may be contained.
func Contain(file string, f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &Diagnostic{File: file, Msg: fmt.Sprintf("读这个文件时程序内部出错（%v，在 %s）：这个文件这次没有处理，其余文件照常处理；请把这个文件和这条信息发给维护人员", v, panicSite())}
		}
	}()
	return f()
}

// panicSite is the function a recovered panic was raised in: the first
// frame of the panicking goroutine outside the runtime.
func panicSite() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		fr, more := frames.Next()
		if !strings.HasPrefix(fr.Function, "runtime.") && fr.Function != "" {
			return fmt.Sprintf("%s:%d", fr.Function, fr.Line)
		}
		if !more {
			return "?"
		}
	}
}

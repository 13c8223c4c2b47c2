package importer

import "fmt"

// Problem is an error or warning about one file, with the source line it
// concerns when there is one.
type Problem struct {
	File string // slash path relative to the repository root
	Line int    // 1-based; 0 when the problem concerns the whole file
	Msg  string
}

// Error formats the problem as "file:line: message", the form editors and
// terminals turn into links.
func (p *Problem) Error() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

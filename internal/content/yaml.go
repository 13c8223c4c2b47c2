package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"nianbao/internal/report"
)

// YAMLText is YAML that people write by hand, read from a file: a content
// file's front matter or the whole of site.yaml. Its methods refuse what
// such YAML never needs and give every problem the file line to edit.
type YAMLText struct {
	// File names the file in messages.
	File string
	// Text is the YAML.
	Text []byte
	// Line is the file line on which Text starts.
	Line int
	// In says what Text is, in messages ("front matter"); "" when Text is
	// the whole file.
	In string
}

// Parse reads Text as one YAML document into a node tree, refusing anchors
// and aliases.
//
// An alias lets a few bytes stand for a value written out any number of
// times: a 1 MB content file made of aliases to a long string stands for
// gigabytes of text, which every page, feed and index that shows the value
// writes out. The library's own guard counts decoded nodes, and an alias
// to a string is a single node, so it lets that through. No report needs
// an alias, so none is read.
func (y *YAMLText) Parse() (*yaml.Node, error) {
	var node yaml.Node
	if err := yaml.Unmarshal(y.text(), &node); err != nil {
		return nil, y.Locate(err)
	}
	if n := firstAnchor(&node); n != nil {
		return nil, &Error{File: y.File, Line: y.FileLine(n.Line), Msg: y.refuse(n)}
	}
	if n, r := firstControl(&node); n != nil {
		in := ""
		if y.In != "" {
			in = " in " + y.In
		}
		return nil, &Error{File: y.File, Line: y.FileLine(n.Line),
			Msg: fmt.Sprintf("a control character (U+%04X) is not allowed%s: remove it (a YAML escape such as \\x01 writes one)", r, in)}
	}
	return &node, nil
}

// firstControl returns the first scalar of the tree, in the order of the
// text, that holds a control character, and the character. Raw ones are a
// YAML error already; these came from escapes ("\x1b", "\u0001"), and
// would reach the pages, the feed and the open data as they are.
func firstControl(n *yaml.Node) (*yaml.Node, rune) {
	if n.Kind == yaml.ScalarNode && report.HasControl(n.Value) {
		for _, r := range n.Value {
			if report.IsControl(r) {
				return n, r
			}
		}
	}
	for _, c := range n.Content {
		if f, r := firstControl(c); f != nil {
			return f, r
		}
	}
	return nil, 0
}

// firstAnchor returns the first node of the tree, in the order of the
// text, that carries an anchor or is an alias.
func firstAnchor(n *yaml.Node) *yaml.Node {
	if n.Anchor != "" || n.Kind == yaml.AliasNode {
		return n
	}
	for _, c := range n.Content {
		if a := firstAnchor(c); a != nil {
			return a
		}
	}
	return nil
}

// refuse says why the anchor or alias n is refused.
func (y *YAMLText) refuse(n *yaml.Node) string {
	in := ""
	if y.In != "" {
		in = " in " + y.In
	}
	if n.Kind == yaml.AliasNode {
		return fmt.Sprintf("YAML aliases (*%s) are not allowed%s: write the value out", n.Value, in)
	}
	return fmt.Sprintf("YAML anchors (&%s) are not allowed%s: remove &%s and write the value out wherever *%s stands for it", n.Anchor, in, n.Anchor, n.Anchor)
}

// Locate gives an error of the YAML library, from parsing or decoding
// Text, the file line to edit.
func (y *YAMLText) Locate(err error) *Error {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		// A decoding error names the line of its node, which is exact but
		// counts from the start of Text.
		line, msg := cutLine(te.Errors[0])
		msg = atLine.ReplaceAllStringFunc(msg, func(s string) string {
			n, _ := strconv.Atoi(strings.TrimPrefix(s, "at line "))
			return "at line " + strconv.Itoa(y.FileLine(n))
		})
		return &Error{File: y.File, Line: y.FileLine(line), Msg: y.say(oneLine.Replace(msg))}
	}
	_, msg := cutLine(strings.TrimPrefix(err.Error(), "yaml: "))
	line := y.problemLine(msg)
	if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
		// An alias whose anchor is missing is refused as an alias.
		alias := &yaml.Node{Kind: yaml.AliasNode, Value: strings.TrimSuffix(name, "' referenced")}
		return &Error{File: y.File, Line: line, Msg: y.refuse(alias)}
	}
	if hint, ok := yamlHints[msg]; ok {
		msg += ": " + hint
	}
	return &Error{File: y.File, Line: line, Msg: y.say(msg)}
}

// atLine is how a decoding error names a second line ("mapping key "a"
// already defined at line 2").
var atLine = regexp.MustCompile(`at line [0-9]+`)

// oneLine escapes the line breaks of a value that a decoding error
// quotes, so that a message stays on its line.
var oneLine = strings.NewReplacer("\r", `\r`, "\n", `\n`, "\u0085", `\u0085`, "\u2028", `\u2028`, "\u2029", `\u2029`)

// yamlHints says what to do about the library's syntax errors that hand
// editing makes most often.
var yamlHints = map[string]string{
	"did not find expected key":                                    "check this line's indentation, and that nothing follows a closing quote",
	"did not find expected '-' indicator":                          "indent this line like the list items above it, or like the key of the list to end it",
	"mapping values are not allowed in this context":               `quote a value that holds ": ", and indent a key no deeper than the key above it`,
	"found unexpected end of stream":                               "close the quote opened on this line",
	"could not find expected ':'":                                  `write ": " after the key`,
	"found character that cannot start any token":                  "indent with spaces, not tabs, and quote a value that starts with @ or `",
	"found a tab character that violates indentation":              "indent with spaces, not tabs",
	"found a tab character where an indentation space is expected": "indent with spaces, not tabs",
	"did not find expected ',' or ']'":                             "close the list with ], or quote the value",
	"did not find expected ',' or '}'":                             "close the mapping with }, or quote the value",
	"found undefined tag handle":                                   "quote a value that starts with !",
	"control characters are not allowed":                           "remove the control character",
}

// say puts what Text is before a message of the library.
func (y *YAMLText) say(msg string) string {
	if y.In == "" {
		return msg
	}
	return y.In + ": " + msg
}

// problemLine finds the file line at fault for a syntax error with
// message msg: the first line after which Text, cut there, fails with the
// same message.
//
// The library's own line cannot be used. It counts from 0 for errors of
// its parser ("did not find expected key") and from 1 for those of its
// scanner, and where the mapping, list or quote that holds the fault began
// on a line other than the first, it names that line instead of the fault.
// With a blank line put before Text it always names that beginning, which
// is the answer for a quote left open and otherwise a line at or before
// the fault, where the search starts: starting earlier could stop inside
// an earlier value that spans lines.
func (y *YAMLText) problemLine(msg string) int {
	text := y.text()
	var ends []int // where each line, cut with its "\n", ends
	for i, c := range text {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(text) > 0 && text[len(text)-1] != '\n' {
		ends = append(ends, len(text))
	}
	failsWith := func(b []byte) (int, bool) {
		var node yaml.Node
		err := yaml.Unmarshal(b, &node)
		if err == nil {
			return 0, false
		}
		line, m := cutLine(strings.TrimPrefix(err.Error(), "yaml: "))
		return line, m == msg
	}
	lo := 0
	if line, same := failsWith(append([]byte("\n"), text...)); same && line > 1 {
		lo = y.FileLine(line-1) - y.Line
	}
	if lo >= len(ends) {
		return y.Line + lo
	}
	i := lo + sort.Search(len(ends)-lo, func(j int) bool {
		_, same := failsWith(text[:ends[lo+j]])
		return same
	})
	if i == len(ends) {
		i = lo // no cut fails alike; keep the line the library points at
	}
	return y.Line + i
}

// FileLine turns a line as the YAML library counts it (yaml.Node.Line,
// from 1 at the start of Text) into a line of the file as an editor and
// the rest of this package count it. YAML also breaks lines at a lone CR,
// U+0085, U+2028 and U+2029, which editors show within a line.
func (y *YAMLText) FileLine(yamlLine int) int {
	if yamlLine <= 0 {
		return 0
	}
	text := y.text()
	n, line := 1, y.Line
	for i := 0; i < len(text) && n < yamlLine; i++ {
		switch c := text[i]; {
		case c == '\n':
			n++
			line++
		case c == '\r' && (i+1 == len(text) || text[i+1] != '\n'),
			c == 0xc2 && i+1 < len(text) && text[i+1] == 0x85,
			c == 0xe2 && i+2 < len(text) && text[i+1] == 0x80 && (text[i+2] == 0xa8 || text[i+2] == 0xa9):
			n++
		}
	}
	return line
}

// text is Text without a UTF-8 byte order mark, which the library reads
// but which would stop being the first character were a line put before.
func (y *YAMLText) text() []byte {
	return bytes.TrimPrefix(y.Text, []byte("\xef\xbb\xbf"))
}

// cutLine splits "line 3: msg" into 3 and "msg"; a message without a line
// gives 0.
func cutLine(msg string) (int, string) {
	rest, ok := strings.CutPrefix(msg, "line ")
	if !ok {
		return 0, msg
	}
	num, after, ok := strings.Cut(rest, ": ")
	n, err := strconv.Atoi(num)
	if !ok || err != nil {
		return 0, msg
	}
	return n, after
}

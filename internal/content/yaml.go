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
	// In says what Text is, in messages, in Chinese ("文件开头的信息");
	// "" when Text is the whole file.
	In string
	// Groups names, for messages, the key under which the YAML of each Go
	// type of the decoded value is written ("site.Contact": "contact"),
	// "" for the type of the whole; a type it does not name is called by
	// its Go name.
	Groups map[string]string
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
		return nil, &Error{File: y.File, Line: y.FileLine(n.Line),
			Msg: fmt.Sprintf("%s不能有控制字符（U+%04X，看不见的特殊字符）：请删去它（\\x01 这样的 YAML 转义也会写出控制字符）", y.where(), r)}
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
	if n.Kind == yaml.AliasNode {
		return fmt.Sprintf("%s不能用 YAML 别名（*%s）：请把它代表的值完整写出来", y.where(), n.Value)
	}
	return fmt.Sprintf("%s不能用 YAML 锚点（&%s）：请删去 &%s，并在每个写了 *%s 的地方把值完整写出来", y.where(), n.Anchor, n.Anchor, n.Anchor)
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
		return &Error{File: y.File, Line: y.FileLine(line), Msg: y.say(y.decodeMessage(oneLine.Replace(msg)))}
	}
	_, msg := cutLine(strings.TrimPrefix(err.Error(), "yaml: "))
	line := y.problemLine(msg)
	if name, ok := strings.CutPrefix(msg, "unknown anchor '"); ok {
		// An alias whose anchor is missing is refused as an alias.
		alias := &yaml.Node{Kind: yaml.AliasNode, Value: strings.TrimSuffix(name, "' referenced")}
		return &Error{File: y.File, Line: line, Msg: y.refuse(alias)}
	}
	if said, ok := yamlSyntax[msg]; ok {
		msg = said
	} else {
		msg = fmt.Sprintf("这一行不符合 YAML 的写法（%s）：请检查这一行的引号、冒号和缩进", msg)
	}
	return &Error{File: y.File, Line: line, Msg: y.say(msg)}
}

// atLine is how a decoding error names a second line ("mapping key "a"
// already defined at line 2").
var atLine = regexp.MustCompile(`at line [0-9]+`)

// oneLine escapes the line breaks of a value that a decoding error
// quotes, so that a message stays on its line.
var oneLine = strings.NewReplacer("\r", `\r`, "\n", `\n`, "\u0085", `\u0085`, "\u2028", `\u2028`, "\u2029", `\u2029`)

// yamlSyntax says, in the words of staff, what the library's syntax errors
// that hand editing makes most often mean and what to do about them; any
// other is given as the library says it.
var yamlSyntax = map[string]string{
	"did not find expected key":                                    "这一行的写法不对：请检查这一行的缩进，以及右引号后面是否还跟着文字",
	"did not find expected '-' indicator":                          "这一行的缩进与上面的列表对不上：请与上面的列表项（以“- ”开头的行）对齐；要结束列表，就与列表的键对齐",
	"mapping values are not allowed in this context":               "这一行多出了“: ”，或缩进比上一个键深：值中有“: ”的，请给整个值加上引号；键的缩进不要比上一个键深",
	"found unexpected end of stream":                               "这一行开始的引号没有结束：请补上配对的引号",
	"could not find expected ':'":                                  "这一行的键后面缺少“: ”：请在键后面写上“: ”（冒号和一个空格）",
	"found character that cannot start any token":                  "这一行用了 Tab 缩进，或值以 @、` 开头：请用空格缩进，不要用 Tab；以 @ 或 ` 开头的值请加上引号",
	"found a tab character that violates indentation":              "这一行用了 Tab 缩进：请改用空格缩进",
	"found a tab character where an indentation space is expected": "这一行用了 Tab 缩进：请改用空格缩进",
	"did not find expected ',' or ']'":                             "用 [ 开始的列表没有用 ] 结束：请补上 ]，或给值加上引号",
	"did not find expected ',' or '}'":                             "用 { 开始的一组值没有用 } 结束：请补上 }，或给值加上引号",
	"found undefined tag handle":                                   "值以 ! 开头，无法读取：请给以 ! 开头的值加上引号",
	"control characters are not allowed":                           "这一行有控制字符（看不见的特殊字符）：请删去它",
	"found unknown escape character":                               `双引号中的 \ 后面跟着 YAML 不认识的字符：请把 \ 写成 \\，或把双引号改成单引号`,
}

// The decoding errors of the library that a hand-written file meets.
var (
	reDuplicateKey = regexp.MustCompile(`^mapping key (".*") already defined at line ([0-9]+)$`)
	reUnknownField = regexp.MustCompile(`^field (.+) not found in type (\S+)$`)
	reWrongType    = regexp.MustCompile("^cannot unmarshal (!!\\w+)( `.*`)? into (\\S+)$")
)

// yamlTags names the YAML types of values, as a decoding error gives them.
var yamlTags = map[string]string{
	"!!str": "文字", "!!int": "数字", "!!float": "数字", "!!bool": "true/false",
	"!!seq": "列表", "!!map": "一组“键: 值”", "!!null": "空值", "!!timestamp": "日期",
}

// decodeMessage says a decoding error of the library in the words of
// staff, what is wrong and what to do; one it does not know is given as
// the library says it.
func (y *YAMLText) decodeMessage(msg string) string {
	if m := reDuplicateKey.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("%s 写了两次（第一次在第 %s 行）：请删去其中一处", m[1], m[2])
	}
	if m := reUnknownField.FindStringSubmatch(msg); m != nil {
		if group, ok := y.Groups[m[2]]; ok && group != "" {
			return fmt.Sprintf("%s 下没有 %s 这一项（可能拼错了）：请改正拼写，或删去这一行", group, m[1])
		} else if ok {
			return fmt.Sprintf("没有 %s 这一项（可能拼错了）：请改正拼写，或删去这一行", m[1])
		}
		return fmt.Sprintf("%s 中没有 %s 这一项（可能拼错了）：请改正拼写，或删去这一行", m[2], m[1])
	}
	m := reWrongType.FindStringSubmatch(msg)
	if m == nil {
		return fmt.Sprintf("这一行的值写法不对（%s）：请检查这一行的写法", msg)
	}
	got := yamlTags[m[1]]
	if got == "" {
		got = m[1]
	}
	got += m[2]
	if _, group := y.Groups[m[3]]; group {
		return fmt.Sprintf("这里应写一组设置，却写成了%s：请在下面几行缩进两格，逐项写成“键: 值”", got)
	}
	switch into := m[3]; {
	case into == "string":
		return fmt.Sprintf("这里应写一段文字，却写成了%s：请写成一行文字（以 [ 或 { 开头的文字要加上引号）", got)
	case strings.HasPrefix(into, "int") || strings.HasPrefix(into, "uint"):
		return fmt.Sprintf("这里应写整数，却写成了%s：请写成阿拉伯数字", got)
	case into == "[]string":
		return fmt.Sprintf("这里应写列表，却写成了%s：请每项写一行，以“- ”开头", got)
	case into == "[]content.Section":
		return fmt.Sprintf("这里应写各部分的列表，却写成了%s：请每个部分写一项（- title: …），或删去 sections: 这一项，由正文的“## ”标题得出", got)
	}
	return fmt.Sprintf("这一行的值写法不对（%s）：请检查这一行的写法", msg)
}

// where says, before a message, what Text is: "文件开头的信息中" for
// front matter, nothing for a whole file.
func (y *YAMLText) where() string {
	if y.In == "" {
		return ""
	}
	return y.In + "中"
}

// say puts what Text is before a message of the library.
func (y *YAMLText) say(msg string) string {
	if y.In == "" {
		return msg
	}
	return y.where() + "，" + msg
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

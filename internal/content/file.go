package content

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"

	"nianbao/internal/diag"
)

// File is one Markdown file of content/: its front matter and its body.
type File struct {
	Meta Meta
	// Body is the Markdown after the front matter.
	Body []byte
	// BodyLine is the 1-based line of the file on which Body starts, so that
	// positions inside the body can be reported as file lines.
	BodyLine int
}

// Error is a problem found in a content file, with its position: the
// project's one diagnostic.
type Error = diag.Diagnostic

// MaxFrontMatter is the most bytes of front matter a content file may hold.
//
// Front matter values are copied onto many pages (the report's, its town's,
// its year's and region's, comparisons, the feed) and into the open data,
// the search index and the build cache, so what one file's front matter
// costs the build is a multiple of its size, unlike the body's. Real front
// matter is about 1 KB; 64 KiB leaves room for hundreds of sections while
// keeping one file's share of the build, and the work of locating a syntax
// error, small.
const MaxFrontMatter = 64 << 10

// fences is the front matter format: adrg/frontmatter finds the fences the
// way the importer's fast path expects, and the text between them is read
// by YAMLText.
var fences = frontmatter.NewFormat("---", "---", func(data []byte, v any) error {
	*v.(*[]byte) = data
	return nil
})

// invalidUTF8 returns the offset of the first byte of data that is not
// UTF-8, or -1.
func invalidUTF8(data []byte) int {
	if utf8.Valid(data) {
		return -1
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// notUTF8 is the message for a content file that is not UTF-8: a Markdown
// file edited by hand and saved by an editor that defaults to GBK. It is
// refused whole, since a page made of it would show what the source does
// not say.
const notUTF8 = "这一行有不是 UTF-8 编码的文字，文件可能被编辑器另存成了 GBK 等编码：请用记事本等编辑器打开这个文件，确认文字正常后另存为 UTF-8 编码"

// Parse reads a content file. name is used in error messages only.
func Parse(name string, data []byte) (*File, error) {
	f, err := ParseFront(name, data)
	if err != nil {
		return nil, err
	}
	if at := invalidUTF8(f.Body); at >= 0 {
		return nil, &Error{File: name, Line: f.BodyLine + bytes.Count(f.Body[:at], []byte("\n")), Msg: notUTF8}
	}
	return f, nil
}

// ParseFront is Parse without the check that the body is UTF-8 text: what
// the front matter says of the file (its source, its dates), for readers
// that do not show the body. A body an editor saved as GBK is the site
// build's to refuse; the file still names its source.
func ParseFront(name string, data []byte) (*File, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if !bytes.HasPrefix(data, []byte("---")) || string(bytes.TrimSpace(first)) != "---" {
		return nil, &Error{File: name, Line: 1, Msg: "文件第一行不是 ---，读不到文件开头的信息：请在第一行写 ---，下面写报告的信息（title: 等），再以一行 --- 结束"}
	}
	var text []byte
	body, err := frontmatter.MustParse(bytes.NewReader(data), &text, fences)
	if err != nil {
		if errors.Is(err, frontmatter.ErrNotFound) {
			return nil, &Error{File: name, Line: 1, Msg: "文件开头的信息没有以一行 --- 结束：请在信息的最后一项之后加一行 ---"}
		}
		return nil, fmt.Errorf("read front matter of %s: %w", name, err)
	}
	head := data[:len(data)-len(body)]
	if at := invalidUTF8(head); at >= 0 {
		return nil, &Error{File: name, Line: 1 + bytes.Count(head[:at], []byte("\n")), Msg: notUTF8}
	}
	if len(text) > MaxFrontMatter {
		// The line on which the limit is passed shows where the front
		// matter grew too long.
		line := 2 + bytes.Count(text[:MaxFrontMatter], []byte("\n"))
		return nil, &Error{File: name, Line: line, Msg: fmt.Sprintf("文件开头的信息到这一行已超过 %d 字节：这里只写报告的公文信息，长段文字请移到正文（第二个 --- 之后）", MaxFrontMatter)}
	}
	y := &YAMLText{File: name, Text: text, Line: 2, In: "文件开头的信息"}
	node, err := y.Parse()
	if err != nil {
		return nil, err
	}
	f := &File{Body: body, BodyLine: 1 + bytes.Count(head, []byte("\n"))}
	if err := decodeMeta(y, node, &f.Meta); err != nil {
		return nil, err
	}
	return f, nil
}

// decodeMeta renames alias keys, rejects duplicates and unknown keys, and
// fills m from the front matter y holds.
func decodeMeta(y *YAMLText, node *yaml.Node, m *Meta) error {
	if node.Kind == 0 {
		return &Error{File: y.File, Line: 1, Msg: "文件开头的信息是空的：请在两行 --- 之间写上报告的信息，至少有 year:（报告年度）和 town:（乡镇名称）"}
	}
	doc := node
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	at := func(n *yaml.Node, msg string) error {
		return &Error{File: y.File, Line: y.FileLine(n.Line), Msg: msg}
	}
	if doc.Kind != yaml.MappingNode {
		return at(doc, "文件开头的信息不是“键: 值”的写法：请每行写一项，例如 year: 2024")
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k := doc.Content[i]
		key := strings.TrimSpace(k.Value)
		key, known := canonicalKey(key)
		if !known {
			return at(k, fmt.Sprintf("文件开头的信息中没有 %q 这一项（可能拼错了）：请改正拼写，或删去这一行", k.Value))
		}
		if prev, dup := seen[key]; dup {
			return at(k, fmt.Sprintf("文件开头的信息中，%q 写了两次（第一次在第 %d 行）：请删去其中一处", k.Value, y.FileLine(prev.Line)))
		}
		seen[key] = k
		k.Value = key
		v := doc.Content[i+1]
		// A single 抄送 written as a plain string is a one-item list.
		if key == "cc" && v.Kind == yaml.ScalarNode {
			doc.Content[i+1] = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: v.Line, Column: v.Column, Content: []*yaml.Node{v}}
		}
		if key == "year" && v.Kind == yaml.ScalarNode {
			year := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(v.Value), "年度"), "年")
			if _, err := strconv.Atoi(year); err != nil {
				return at(v, fmt.Sprintf("报告年度 %q 不是数字：请写成阿拉伯数字的年份，例如 year: 2024", v.Value))
			}
			v.Value, v.Tag, v.Style = year, "!!int", 0
		}
		if key == "date" || key == "printed" || key == "published" || key == "added" {
			v.Tag, v.Style = "!!str", 0 // a YAML timestamp must stay the text it was
		}
	}
	if err := doc.Decode(m); err != nil {
		return y.Locate(err)
	}
	if m.Issuer == "" && len(m.Issuers) > 0 {
		m.Issuer = strings.Join(m.Issuers, "、")
	}
	return nil
}

// Marshal writes a content file: front matter, a blank line, then body.
func Marshal(m *Meta, body []byte) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(body) + 2048) // front matter is rarely longer
	buf.WriteString("---\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(m); err != nil {
		return nil, fmt.Errorf("encode front matter: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode front matter: %w", err)
	}
	buf.WriteString("---\n\n")
	buf.Write(body)
	return buf.Bytes(), nil
}

package content

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"
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

// Error is a problem found in a content file, with its position.
type Error struct {
	File string
	Line int // 0 when the problem has no single line
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// aliases maps the Chinese keys accepted in hand-written front matter to the
// canonical keys. 镇/乡镇/街道 all name the township.
var aliases = map[string]string{
	"标题":   "title",
	"发文机关": "issuer",
	"签发人":  "signer",
	"发文字号": "doc_number",
	"成文日期": "date",
	"主送机关": "recipient",
	"抄送":   "cc",
	"年度":   "year",
	"镇":    "town",
	"乡镇":   "town",
	"街道":   "town",
	"区县":   "county",
	"市":    "city",
	"省":    "province",
	"印发机关": "printer",
	"印发日期": "printed",
	"索引号":  "index_number",
	"发布日期": "published",
}

// yamlFormat is a front matter format backed by go.yaml.in/yaml/v3: the
// library's default uses the archived gopkg.in/yaml.v2.
var yamlFormat = frontmatter.NewFormat("---", "---", func(data []byte, v any) error {
	return yaml.Unmarshal(data, v)
})

// Parse reads a content file. name is used in error messages only.
func Parse(name string, data []byte) (*File, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(data, []byte("---")) {
		return nil, &Error{File: name, Line: 1, Msg: "no front matter: the file must start with a line \"---\""}
	}
	var node yaml.Node
	body, err := frontmatter.MustParse(bytes.NewReader(data), &node, yamlFormat)
	if err != nil {
		if errors.Is(err, frontmatter.ErrNotFound) {
			return nil, &Error{File: name, Line: 1, Msg: "front matter is not closed by a line \"---\""}
		}
		return nil, yamlError(name, err)
	}
	f := &File{Body: body, BodyLine: 1 + bytes.Count(data[:len(data)-len(body)], []byte("\n"))}
	if err := decodeMeta(name, &node, &f.Meta); err != nil {
		return nil, err
	}
	return f, nil
}

// decodeMeta renames alias keys, rejects duplicates and unknown keys, and
// fills m. Positions are file lines: the front matter starts on line 2.
func decodeMeta(name string, node *yaml.Node, m *Meta) error {
	if node.Kind == 0 {
		return &Error{File: name, Line: 1, Msg: "front matter is empty"}
	}
	doc := node
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		doc = doc.Content[0]
	}
	if doc.Kind != yaml.MappingNode {
		return &Error{File: name, Line: doc.Line + 1, Msg: "front matter must be a mapping of keys to values"}
	}
	seen := map[string]int{}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k := doc.Content[i]
		key := strings.TrimSpace(k.Value)
		if canon, ok := aliases[key]; ok {
			key = canon
		}
		if !knownKeys[key] {
			return &Error{File: name, Line: k.Line + 1, Msg: fmt.Sprintf("unknown front matter key %q", k.Value)}
		}
		if prev, dup := seen[key]; dup {
			return &Error{File: name, Line: k.Line + 1, Msg: fmt.Sprintf("key %q given twice (first on line %d)", k.Value, prev)}
		}
		seen[key] = k.Line + 1
		k.Value = key
		v := doc.Content[i+1]
		// A single 抄送 written as a plain string is a one-item list.
		if key == "cc" && v.Kind == yaml.ScalarNode {
			doc.Content[i+1] = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: v.Line, Column: v.Column, Content: []*yaml.Node{v}}
		}
		if key == "year" && v.Kind == yaml.ScalarNode {
			y := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(v.Value), "年度"), "年")
			if _, err := strconv.Atoi(y); err != nil {
				return &Error{File: name, Line: v.Line + 1, Msg: fmt.Sprintf("year %q is not a number", v.Value)}
			}
			v.Value, v.Tag, v.Style = y, "!!int", 0
		}
		if key == "date" || key == "printed" || key == "published" {
			v.Tag, v.Style = "!!str", 0 // a YAML timestamp must stay the text it was
		}
	}
	if err := doc.Decode(m); err != nil {
		return yamlError(name, err)
	}
	if m.Issuer == "" && len(m.Issuers) > 0 {
		m.Issuer = strings.Join(m.Issuers, "、")
	}
	return nil
}

var knownKeys = map[string]bool{
	"title": true, "issuer": true, "issuers": true, "province": true, "city": true, "county": true,
	"town": true, "code": true, "year": true, "date": true, "signer": true, "doc_number": true,
	"recipient": true, "cc": true, "printer": true, "printed": true, "index_number": true,
	"published": true, "sections": true, "source": true, "source_sha256": true,
}

// yamlError turns a YAML library error into an Error with a file line. The
// library counts lines from the first line of front matter, which is line 2.
func yamlError(name string, err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, e := strconv.Atoi(rest[:i]); e == nil {
				line = n + 1
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
	}
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		// Each message reads "line N: …"; report the first one's file line.
		first := te.Errors[0]
		if rest, ok := strings.CutPrefix(first, "line "); ok {
			if i := strings.IndexByte(rest, ':'); i > 0 {
				if n, e := strconv.Atoi(rest[:i]); e == nil {
					line = n + 1
					first = strings.TrimSpace(rest[i+1:])
				}
			}
		}
		msg = first
	}
	return &Error{File: name, Line: line, Msg: "front matter: " + msg}
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

package content

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// yamlErrorCases are front matter with YAML errors, and the message that
// names the file line to edit. Lines count the whole file: the front
// matter starts on line 2, after the first "---".
var yamlErrorCases = []struct{ name, front, want string }{
	{"key indented under a value", "title: a\n  issuer: b\n",
		`x.md:3: front matter: mapping values are not allowed in this context: quote a value that holds ": ", and indent a key no deeper than the key above it`},
	{"key indented under the previous key", "title: a\nissuer: b\n  date: c\n",
		`x.md:4: front matter: mapping values are not allowed in this context: quote a value that holds ": ", and indent a key no deeper than the key above it`},
	{"value holding a colon and a space", "title: a\nissuer: 区政府: 办公室\n",
		`x.md:3: front matter: mapping values are not allowed in this context: quote a value that holds ": ", and indent a key no deeper than the key above it`},
	{"section field indented too deep", "title: a\nsections:\n  - title: x\n    kind: other\n      id: s1\n",
		`x.md:6: front matter: mapping values are not allowed in this context: quote a value that holds ": ", and indent a key no deeper than the key above it`},
	{"quote left open on the first line", "title: \"关于报告\nissuer: b\n",
		"x.md:2: front matter: found unexpected end of stream: close the quote opened on this line"},
	{"quote left open later", "title: a\nissuer: \"区政府\ndate: c\n",
		"x.md:3: front matter: found unexpected end of stream: close the quote opened on this line"},
	{"quote left open after a quoted value over two lines", "title: \"关于\n  报告\"\nissuer: '区政府\ndate: c\n",
		"x.md:4: front matter: found unexpected end of stream: close the quote opened on this line"},
	{"quote left open in a list", "title: a\ncc:\n  - a\n  - \"b\n  - c\n",
		"x.md:5: front matter: found unexpected end of stream: close the quote opened on this line"},
	{"list indented with a tab", "title: a\ncc:\n\t- b\n",
		"x.md:4: front matter: found character that cannot start any token: indent with spaces, not tabs, and quote a value that starts with @ or `"},
	{"list item after a tab", "title: a\ncc:\n  - a\n\t- b\n",
		"x.md:5: front matter: found a tab character that violates indentation: indent with spaces, not tabs"},
	{"key indented with a tab", "title: a\n\tissuer: b\n",
		"x.md:3: front matter: found a tab character that violates indentation: indent with spaces, not tabs"},
	{"tab in a literal block", "title: a\nissuer: |\n  x\n\ty\n",
		"x.md:5: front matter: found a tab character where an indentation space is expected: indent with spaces, not tabs"},
	{"key without a value", "title: a\nissuer\ndate: c\n",
		`x.md:3: front matter: could not find expected ':': write ": " after the key`},
	{"key without a value at the end", "title: a\nissuer\n",
		`x.md:3: front matter: could not find expected ':': write ": " after the key`},
	{"key given twice", "title: a\ntitle: b\n", `x.md:3: key "title" given twice (first on line 2)`},
	{"key given twice in a section", "title: a\nsections:\n  - title: x\n    title: y\n",
		`x.md:5: front matter: mapping key "title" already defined at line 4`},
	{"list item in a mapping", "title: a\n- b\n",
		"x.md:3: front matter: did not find expected key: check this line's indentation, and that nothing follows a closing quote"},
	{"text after a closing quote", "title: a\nissuer: '区政府'办公室\n",
		"x.md:3: front matter: did not find expected key: check this line's indentation, and that nothing follows a closing quote"},
	{"text after a closing quote, deep in the file", "title: a\ncc:\n  - a\n  - b\nsections:\n  - title: x\n    kind: \"other\" y\n",
		"x.md:8: front matter: did not find expected key: check this line's indentation, and that nothing follows a closing quote"},
	{"section field indented too little", "title: a\nsections:\n  - title: x\n    kind: other\n   id: s1\ndate: c\n",
		"x.md:6: front matter: did not find expected '-' indicator: indent this line like the list items above it, or like the key of the list to end it"},
	{"second section indented too little", "title: a\nsections:\n  - title: x\n    kind: other\n  - title: y\n   kind: other\n",
		"x.md:7: front matter: did not find expected '-' indicator: indent this line like the list items above it, or like the key of the list to end it"},
	{"key inside a list", "title: a\ncc:\n  - x\n  y: z\n",
		"x.md:5: front matter: did not find expected '-' indicator: indent this line like the list items above it, or like the key of the list to end it"},
	{"flow list left open", "title: a\ncc: [a, b\ndate: c\n",
		"x.md:3: front matter: did not find expected ',' or ']': close the list with ], or quote the value"},
	{"flow list closed by }", "title: a\ncc: [a, b}\n",
		"x.md:3: front matter: did not find expected ',' or ']': close the list with ], or quote the value"},
	{"flow mapping left open", "title: {a: b\n",
		"x.md:2: front matter: did not find expected ',' or '}': close the mapping with }, or quote the value"},
	{"value starting with @", "title: a\nissuer: @区政府\n",
		"x.md:3: front matter: found character that cannot start any token: indent with spaces, not tabs, and quote a value that starts with @ or `"},
	{"value starting with !", "title: a\nissuer: !x!y z\n",
		"x.md:3: front matter: found undefined tag handle: quote a value that starts with !"},
	{"unknown escape", "title: a\nissuer: \"a\\qb\"\n", "x.md:3: front matter: found unknown escape character"},
	{"control character", "title: a\nissuer: a\x01b\n", "x.md:3: front matter: control characters are not allowed: remove the control character"},
	{"wrong type", "title: a\nissuer: [a, b]\n", "x.md:3: front matter: cannot unmarshal !!seq into string"},
	{"text block where a list belongs", "title: a\nsections: |\n  a\n  b\n", "x.md:3: front matter: cannot unmarshal !!str `a\\nb\\n` into []content.Section"},
	{"CRLF", "title: a\r\nissuer: b\r\n- c\r\n",
		"x.md:4: front matter: did not find expected key: check this line's indentation, and that nothing follows a closing quote"},
	// YAML also breaks lines at U+2028 and a lone CR; editors do not.
	{"line separator in a value", "title: 'a\u2028b'\nissuer: \"c\nd: e\n",
		"x.md:3: front matter: found unexpected end of stream: close the quote opened on this line"},
	{"line separator before a key given twice", "title: 'a\u2028b'\ntitle: c\n", `x.md:3: key "title" given twice (first on line 2)`},
	{"lone CR before a wrong type", "title: 'a\rb'\nissuer: [a]\n", "x.md:3: front matter: cannot unmarshal !!seq into string"},
}

func TestFrontMatterYAMLErrorsNameTheFileLine(t *testing.T) {
	for _, tt := range yamlErrorCases {
		t.Run(tt.name, func(t *testing.T) {
			for _, bom := range []string{"", "\ufeff"} {
				_, err := Parse("x.md", []byte(bom+"---\n"+tt.front+"---\n\n正文。\n"))
				if err == nil || err.Error() != tt.want {
					t.Errorf("Parse(%q) = %v\nwant %s", bom+tt.front, err, tt.want)
				}
			}
		})
	}
}

// anchorCases are front matter using YAML anchors or aliases.
var anchorCases = []struct{ name, front, want string }{
	{"anchor and alias", "title: &t 报告\nissuer: *t\n",
		"x.md:2: YAML anchors (&t) are not allowed in front matter: remove &t and write the value out wherever *t stands for it"},
	{"anchor never used", "title: a\nissuer: &i 区政府\n",
		"x.md:3: YAML anchors (&i) are not allowed in front matter: remove &i and write the value out wherever *i stands for it"},
	{"anchor on a list", "title: a\ncc: &l\n  - a\nissuers: *l\n",
		"x.md:3: YAML anchors (&l) are not allowed in front matter: remove &l and write the value out wherever *l stands for it"},
	{"anchor on a list item", "title: a\ncc:\n  - a\n  - &x b\n",
		"x.md:5: YAML anchors (&x) are not allowed in front matter: remove &x and write the value out wherever *x stands for it"},
	{"alias without its anchor", "title: a\n\nissuer: *t\n", "x.md:4: YAML aliases (*t) are not allowed in front matter: write the value out"},
	{"merge key", "title: a\n<<: *m\n", "x.md:3: YAML aliases (*m) are not allowed in front matter: write the value out"},
	{"alias as a key", "title: a\n*k : b\n", "x.md:3: YAML aliases (*k) are not allowed in front matter: write the value out"},
}

func TestFrontMatterRefusesAnchorsAndAliases(t *testing.T) {
	for _, tt := range anchorCases {
		_, err := Parse("x.md", []byte("---\n"+tt.front+"---\n"))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: Parse(%q) = %v\nwant %s", tt.name, tt.front, err, tt.want)
		}
	}
}

// hostileFrontMatter is a content file of about size bytes whose front
// matter names an 18 KB title once and then again, by alias, in every
// section: a 1 MB file stands for about 460 MB of section titles.
func hostileFrontMatter(size int) string {
	var b strings.Builder
	b.WriteString("---\ntitle: &t " + strings.Repeat("法治政府", 1500) + "\nsections:\n")
	for b.Len() < size {
		b.WriteString("  - {title: *t, kind: measures, id: s1}\n")
	}
	return b.String() + "---\n\n正文。\n"
}

// Front matter like the one that made a build take a minute and 2.4 GB is
// refused, with the file and line, before anything reads its values: by its
// size, or at its first anchor. (BenchmarkHostileFrontMatter times it.)
func TestHostileFrontMatterIsRefused(t *testing.T) {
	tests := []struct {
		size int
		want string
	}{
		{1 << 20, "x.md:1191: front matter is longer than 65536 bytes by this line: it holds a report's 公文 elements only, so move long text into the body"},
		{MaxFrontMatter - 100, "x.md:2: YAML anchors (&t) are not allowed in front matter: remove &t and write the value out wherever *t stands for it"},
	}
	for _, tt := range tests {
		file := []byte(hostileFrontMatter(tt.size))
		_, err := Parse("x.md", file)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%d bytes: Parse = %v\nwant %s", len(file), err, tt.want)
		}
	}
}

// BenchmarkHostileFrontMatter times the refusal of a 64 KiB front matter
// made of aliases (milliseconds; it took a minute's build before).
func BenchmarkHostileFrontMatter(b *testing.B) {
	file := []byte(hostileFrontMatter(MaxFrontMatter - 100))
	for b.Loop() {
		if _, err := Parse("x.md", file); err == nil {
			b.Fatal("accepted")
		}
	}
}

// FileLine counts the lines an editor shows, where YAML also breaks lines
// at a lone CR, U+0085, U+2028 and U+2029.
func TestYAMLFileLine(t *testing.T) {
	y := &YAMLText{Text: []byte("a\r\nb\rc\u0085d\u2028e\u2029f\ng"), Line: 5}
	for yamlLine, want := range []int{0, 5, 6, 6, 6, 6, 6, 7, 7} {
		if got := y.FileLine(yamlLine); got != want {
			t.Errorf("FileLine(%d) = %d, want %d", yamlLine, got, want)
		}
	}
}

// FuzzParse checks the front matter reader on any bytes: it never panics,
// every problem is an *Error on one line that names a line of the file,
// and what it accepts, Marshal writes in a form it reads back the same.
//
// The seeds are the cases above, a small hostile file and the bundled
// reports' content files.
func FuzzParse(f *testing.F) {
	for _, tt := range yamlErrorCases {
		f.Add([]byte("---\n" + tt.front + "---\n\n正文。\n"))
	}
	for _, tt := range anchorCases {
		f.Add([]byte("---\n" + tt.front + "---\n"))
	}
	f.Add([]byte(hostileFrontMatter(4 << 10)))
	files, _ := filepath.Glob("../../content/*/*.md")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Parse("fuzz.md", data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File != "fuzz.md" {
				t.Fatalf("Parse(%q) = %v, not an *Error naming the file", data, err)
			}
			if strings.Contains(e.Msg, "\n") {
				t.Fatalf("Parse(%q) = %q, a message of more than one line", data, err)
			}
			if lines := 1 + strings.Count(string(data), "\n"); e.Line < 0 || e.Line > lines {
				t.Fatalf("Parse(%q) = %v, a line outside the file's %d", data, err, lines)
			}
			return
		}
		front, err := Marshal(&file.Meta, nil)
		if err != nil {
			t.Fatalf("Marshal of what Parse(%q) read: %v", data, err)
		}
		back, err := Parse("fuzz.md", front)
		if err != nil {
			t.Fatalf("Parse refuses what Marshal wrote of what it read from %q: %v\n%s", data, err, front)
		}
		if again, err := Marshal(&back.Meta, nil); err != nil || !bytes.Equal(again, front) {
			t.Fatalf("front matter of %q does not read back alike (%v):\n%s\n%s", data, err, front, again)
		}
	})
}

// TestFrontMatterRefusesControlCharacters checks that control characters
// written as YAML escapes, which would reach every page, the feed and the
// open data as they are, are refused at their line.
func TestFrontMatterRefusesControlCharacters(t *testing.T) {
	for _, tt := range []struct{ front, want string }{
		{"title: \"a\\x01b\"\n", "x.md:2: a control character (U+0001) is not allowed in front matter: remove it (a YAML escape such as \\x01 writes one)"},
		{"town: 后叶镇\nsigner: \"\\e[31m张三\"\n", "x.md:3: a control character (U+001B) is not allowed in front matter: remove it (a YAML escape such as \\x01 writes one)"},
		{"cc:\n  - 县委\n  - \"\\u0085县政府\"\n", "x.md:4: a control character (U+0085) is not allowed in front matter: remove it (a YAML escape such as \\x01 writes one)"},
		{"title: \"a\\tb\"\n", ""},
	} {
		_, err := Parse("x.md", []byte("---\n"+tt.front+"---\n\n正文。\n"))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Parse(%q):\n got %q\nwant %q", tt.front, got, tt.want)
		}
	}
}

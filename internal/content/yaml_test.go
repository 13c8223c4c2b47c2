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
		"x.md:3: 文件开头的信息中，这一行多出了“: ”，或缩进比上一个键深：值中有“: ”的，请给整个值加上引号；键的缩进不要比上一个键深"},
	{"key indented under the previous key", "title: a\nissuer: b\n  date: c\n",
		"x.md:4: 文件开头的信息中，这一行多出了“: ”，或缩进比上一个键深：值中有“: ”的，请给整个值加上引号；键的缩进不要比上一个键深"},
	{"value holding a colon and a space", "title: a\nissuer: 区政府: 办公室\n",
		"x.md:3: 文件开头的信息中，这一行多出了“: ”，或缩进比上一个键深：值中有“: ”的，请给整个值加上引号；键的缩进不要比上一个键深"},
	{"section field indented too deep", "title: a\nsections:\n  - title: x\n    kind: other\n      id: s1\n",
		"x.md:6: 文件开头的信息中，这一行多出了“: ”，或缩进比上一个键深：值中有“: ”的，请给整个值加上引号；键的缩进不要比上一个键深"},
	{"quote left open on the first line", "title: \"关于报告\nissuer: b\n",
		"x.md:2: 文件开头的信息中，这一行开始的引号没有结束：请补上配对的引号"},
	{"quote left open later", "title: a\nissuer: \"区政府\ndate: c\n",
		"x.md:3: 文件开头的信息中，这一行开始的引号没有结束：请补上配对的引号"},
	{"quote left open after a quoted value over two lines", "title: \"关于\n  报告\"\nissuer: '区政府\ndate: c\n",
		"x.md:4: 文件开头的信息中，这一行开始的引号没有结束：请补上配对的引号"},
	{"quote left open in a list", "title: a\ncc:\n  - a\n  - \"b\n  - c\n",
		"x.md:5: 文件开头的信息中，这一行开始的引号没有结束：请补上配对的引号"},
	{"list indented with a tab", "title: a\ncc:\n\t- b\n",
		"x.md:4: 文件开头的信息中，这一行用了 Tab 缩进，或值以 @、` 开头：请用空格缩进，不要用 Tab；以 @ 或 ` 开头的值请加上引号"},
	{"list item after a tab", "title: a\ncc:\n  - a\n\t- b\n",
		"x.md:5: 文件开头的信息中，这一行用了 Tab 缩进：请改用空格缩进"},
	{"key indented with a tab", "title: a\n\tissuer: b\n",
		"x.md:3: 文件开头的信息中，这一行用了 Tab 缩进：请改用空格缩进"},
	{"tab in a literal block", "title: a\nissuer: |\n  x\n\ty\n",
		"x.md:5: 文件开头的信息中，这一行用了 Tab 缩进：请改用空格缩进"},
	{"key without a value", "title: a\nissuer\ndate: c\n",
		"x.md:3: 文件开头的信息中，这一行的键后面缺少“: ”：请在键后面写上“: ”（冒号和一个空格）"},
	{"key without a value at the end", "title: a\nissuer\n",
		"x.md:3: 文件开头的信息中，这一行的键后面缺少“: ”：请在键后面写上“: ”（冒号和一个空格）"},
	{"key given twice", "title: a\ntitle: b\n", `x.md:3: 文件开头的信息中，"title" 写了两次（第一次在第 2 行）：请删去其中一处`},
	{"key given twice in a section", "title: a\nsections:\n  - title: x\n    title: y\n",
		`x.md:5: 文件开头的信息中，"title" 写了两次（第一次在第 4 行）：请删去其中一处`},
	{"list item in a mapping", "title: a\n- b\n",
		"x.md:3: 文件开头的信息中，这一行的写法不对：请检查这一行的缩进，以及右引号后面是否还跟着文字"},
	{"text after a closing quote", "title: a\nissuer: '区政府'办公室\n",
		"x.md:3: 文件开头的信息中，这一行的写法不对：请检查这一行的缩进，以及右引号后面是否还跟着文字"},
	{"text after a closing quote, deep in the file", "title: a\ncc:\n  - a\n  - b\nsections:\n  - title: x\n    kind: \"other\" y\n",
		"x.md:8: 文件开头的信息中，这一行的写法不对：请检查这一行的缩进，以及右引号后面是否还跟着文字"},
	{"section field indented too little", "title: a\nsections:\n  - title: x\n    kind: other\n   id: s1\ndate: c\n",
		"x.md:6: 文件开头的信息中，这一行的缩进与上面的列表对不上：请与上面的列表项（以“- ”开头的行）对齐；要结束列表，就与列表的键对齐"},
	{"second section indented too little", "title: a\nsections:\n  - title: x\n    kind: other\n  - title: y\n   kind: other\n",
		"x.md:7: 文件开头的信息中，这一行的缩进与上面的列表对不上：请与上面的列表项（以“- ”开头的行）对齐；要结束列表，就与列表的键对齐"},
	{"key inside a list", "title: a\ncc:\n  - x\n  y: z\n",
		"x.md:5: 文件开头的信息中，这一行的缩进与上面的列表对不上：请与上面的列表项（以“- ”开头的行）对齐；要结束列表，就与列表的键对齐"},
	{"flow list left open", "title: a\ncc: [a, b\ndate: c\n",
		"x.md:3: 文件开头的信息中，用 [ 开始的列表没有用 ] 结束：请补上 ]，或给值加上引号"},
	{"flow list closed by }", "title: a\ncc: [a, b}\n",
		"x.md:3: 文件开头的信息中，用 [ 开始的列表没有用 ] 结束：请补上 ]，或给值加上引号"},
	{"flow mapping left open", "title: {a: b\n",
		"x.md:2: 文件开头的信息中，用 { 开始的一组值没有用 } 结束：请补上 }，或给值加上引号"},
	{"value starting with @", "title: a\nissuer: @区政府\n",
		"x.md:3: 文件开头的信息中，这一行用了 Tab 缩进，或值以 @、` 开头：请用空格缩进，不要用 Tab；以 @ 或 ` 开头的值请加上引号"},
	{"value starting with !", "title: a\nissuer: !x!y z\n",
		"x.md:3: 文件开头的信息中，值以 ! 开头，无法读取：请给以 ! 开头的值加上引号"},
	{"unknown escape", "title: a\nissuer: \"a\\qb\"\n", "x.md:3: 文件开头的信息中，双引号中的 \\ 后面跟着 YAML 不认识的字符：请把 \\ 写成 \\\\，或把双引号改成单引号"},
	{"control character", "title: a\nissuer: a\x01b\n", "x.md:3: 文件开头的信息中，这一行有控制字符（看不见的特殊字符）：请删去它"},
	{"wrong type", "title: a\nissuer: [a, b]\n", "x.md:3: 文件开头的信息中，这里应写一段文字，却写成了列表：请写成一行文字（以 [ 或 { 开头的文字要加上引号）"},
	{"text block where a list belongs", "title: a\nsections: |\n  a\n  b\n", "x.md:3: 文件开头的信息中，这里应写各部分的列表，却写成了文字 `a\\nb\\n`：请每个部分写一项（- title: …），或删去 sections: 这一项，由正文的“## ”标题得出"},
	{"CRLF", "title: a\r\nissuer: b\r\n- c\r\n",
		"x.md:4: 文件开头的信息中，这一行的写法不对：请检查这一行的缩进，以及右引号后面是否还跟着文字"},
	// YAML also breaks lines at U+2028 and a lone CR; editors do not.
	{"line separator in a value", "title: 'a\u2028b'\nissuer: \"c\nd: e\n",
		"x.md:3: 文件开头的信息中，这一行开始的引号没有结束：请补上配对的引号"},
	{"line separator before a key given twice", "title: 'a\u2028b'\ntitle: c\n", `x.md:3: 文件开头的信息中，"title" 写了两次（第一次在第 2 行）：请删去其中一处`},
	{"lone CR before a wrong type", "title: 'a\rb'\nissuer: [a]\n", "x.md:3: 文件开头的信息中，这里应写一段文字，却写成了列表：请写成一行文字（以 [ 或 { 开头的文字要加上引号）"},
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
		"x.md:2: 文件开头的信息中不能用 YAML 锚点（&t）：请删去 &t，并在每个写了 *t 的地方把值完整写出来"},
	{"anchor never used", "title: a\nissuer: &i 区政府\n",
		"x.md:3: 文件开头的信息中不能用 YAML 锚点（&i）：请删去 &i，并在每个写了 *i 的地方把值完整写出来"},
	{"anchor on a list", "title: a\ncc: &l\n  - a\nissuers: *l\n",
		"x.md:3: 文件开头的信息中不能用 YAML 锚点（&l）：请删去 &l，并在每个写了 *l 的地方把值完整写出来"},
	{"anchor on a list item", "title: a\ncc:\n  - a\n  - &x b\n",
		"x.md:5: 文件开头的信息中不能用 YAML 锚点（&x）：请删去 &x，并在每个写了 *x 的地方把值完整写出来"},
	{"alias without its anchor", "title: a\n\nissuer: *t\n", "x.md:4: 文件开头的信息中不能用 YAML 别名（*t）：请把它代表的值完整写出来"},
	{"merge key", "title: a\n<<: *m\n", "x.md:3: 文件开头的信息中不能用 YAML 别名（*m）：请把它代表的值完整写出来"},
	{"alias as a key", "title: a\n*k : b\n", "x.md:3: 文件开头的信息中不能用 YAML 别名（*k）：请把它代表的值完整写出来"},
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
		{1 << 20, "x.md:1191: 文件开头的信息到这一行已超过 65536 字节：这里只写报告的公文信息，长段文字请移到正文（第二个 --- 之后）"},
		{MaxFrontMatter - 100, "x.md:2: 文件开头的信息中不能用 YAML 锚点（&t）：请删去 &t，并在每个写了 *t 的地方把值完整写出来"},
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
		{"title: \"a\\x01b\"\n", "x.md:2: 文件开头的信息中不能有控制字符（U+0001，看不见的特殊字符）：请删去它（\\x01 这样的 YAML 转义也会写出控制字符）"},
		{"town: 后叶镇\nsigner: \"\\e[31m张三\"\n", "x.md:3: 文件开头的信息中不能有控制字符（U+001B，看不见的特殊字符）：请删去它（\\x01 这样的 YAML 转义也会写出控制字符）"},
		{"cc:\n  - 县委\n  - \"\\u0085县政府\"\n", "x.md:4: 文件开头的信息中不能有控制字符（U+0085，看不见的特殊字符）：请删去它（\\x01 这样的 YAML 转义也会写出控制字符）"},
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

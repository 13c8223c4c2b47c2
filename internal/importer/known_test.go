package importer

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"nianbao/internal/content"
)

// parsedSource is what content.ParseFront says a content file names as its
// source (its front matter: a body the build refuses, saved as GBK, does
// not change it): the answer frontSource and sourceFrom must always give.
func parsedSource(data []byte) string {
	f, err := content.ParseFront("test.md", data)
	if err != nil {
		return ""
	}
	return f.Meta.Source
}

// checkVouched checks what frontSource says of a whole file it vouches
// for: content.ParseFront accepts the file (a file it refuses names no
// source, and the fast path must not take that for a file without one)
// and reads the same source.
func checkVouched(t *testing.T, data []byte, src string) {
	t.Helper()
	f, err := content.ParseFront("test.md", data)
	if err != nil {
		t.Fatalf("frontSource vouches for %q, which content.ParseFront refuses: %v", data, err)
	}
	if src != f.Meta.Source {
		t.Fatalf("frontSource = %q, content.ParseFront says %q, of %q", src, f.Meta.Source, data)
	}
}

// importedHead is front matter as content.Marshal writes it, up to the
// source line.
const importedHead = `---
title: 重庆市璧山区七塘镇人民政府关于2023年度法治政府建设情况的报告
issuer: 重庆市璧山区七塘镇人民政府
province: 重庆市
city: 重庆市
county: 璧山区
town: 七塘镇
code: "500120101"
year: 2023
date: "2024-01-15"
cc:
  - 区司法局
  - 'a: b'
sections:
  - title: 一、2023年法治政府建设主要举措和成效
    kind: measures
    id: s1
  - title: 二、存在的不足
    kind: shortcomings
    id: s2
`

// shaLine gives the SHA-256 of an empty file: the sources of these tests
// are empty, and a content file must hold its source's sum, or Pending
// lists the source again as changed.
const shaLine = "source_sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"

// imported is a whole file as Import writes it, with the given source line.
func imported(sourceLine string) string {
	return importedHead + sourceLine + shaLine + "---\n\n正文。\n"
}

// frontMatterCases are content files with front matter of every form; fast
// says whether frontSource is expected to vouch for the file itself rather
// than leave it to content.ParseFront. The source expected is always
// content.ParseFront's.
var frontMatterCases = []struct {
	name string
	file string
	fast bool
}{
	{"imported", imported("source: sources/a.txt\n"), true},
	// Saved as GBK by an editor ("法治" is B7 A8 D6 CE): the build refuses
	// the body, and the file still names its source, so the source is not
	// imported a second time.
	{"body saved as GBK", imported("source: sources/a.txt\n") + "\xb7\xa8\xd6\xce\n", true},
	{"imported, path with spaces and Chinese", imported("source: sources/重庆 璧山/七塘镇 报告.txt\n"), true},
	{"path with ideographic space", imported("source: sources/七塘镇\u3000报告.txt\n"), true},
	{"path with # inside", imported("source: sources/a#1.txt\n"), true},
	{"path with quotes inside", imported("source: sources/it's \"a\".txt\n"), true},
	{"path with brackets and colons inside", imported("source: sources/[2023]x:y{1}.txt\n"), true},
	{"path outside the repository", imported("source: ../reports/a.txt\n"), true},
	{"source that YAML reads as a number", imported("source: 2023\n"), true},
	{"source that YAML reads as a date", imported("source: 2024-01-15\n"), true},
	{"source that YAML reads as a boolean", imported("source: true\n"), true},
	{"minimal", "---\nsource: a.txt\n---\n", true},
	{"no source", "---\ntitle: 报告\n---\nbody\n", true},
	{"source only in the body", "---\ntitle: 报告\n---\n\nsource: sources/b.txt\n", true},
	{"body names another source", imported("source: sources/a.txt\n") + "---\nsource: sources/b.txt\n---\n", true},
	{"source before the other keys", "---\nsource: sources/a.txt\nsource_sha256: abc\ntitle: t\n---\n", true},
	{"trailing spaces", "---  \nsource: sources/a.txt   \ntitle: t \n---   \nbody", true},
	{"extra spaces after the colon", "---\nsource:    sources/a.txt\n---\n", true},
	{"CRLF", strings.ReplaceAll(imported("source: sources/a.txt\n"), "\n", "\r\n"), true},
	{"BOM", "\ufeff" + imported("source: sources/a.txt\n"), true},
	{"BOM and CRLF", "\ufeff" + strings.ReplaceAll(imported("source: sources/a.txt\n"), "\n", "\r\n"), true},
	{"blank lines", "---\n\ntitle: t\n\nsource: sources/a.txt\n\n---\n", true},
	{"closing fence at the end of the file", "---\nsource: sources/a.txt\n---", true},
	{"closing fence indented", "---\nsource: sources/a.txt\n   ---\n", true},
	{"fences with other blank space", "---\t\nsource: sources/a.txt\n\u3000---\u00a0\n", true},
	{"single-quoted title", "---\ntitle: 'a: b # c'\nsource: sources/a.txt\n---\n", true},
	{"long front matter", longFrontMatter(400, "source: sources/long.txt\n"), true},
	{"very long title", "---\ntitle: " + strings.Repeat("法治政府建设", 1000) + "\nsource: sources/a.txt\n---\n", true},

	{"source double-quoted", imported("source: \"sources/a.txt\"\n"), false},
	{"source single-quoted", imported("source: 'sources/a.txt'\n"), false},
	{"source quoted with escapes", imported("source: \"sources/\\u4e03.txt\"\n"), false},
	{"source with a comment", imported("source: sources/a.txt # from the portal\n"), false},
	{"source with a comment only", imported("source: # none\n"), false},
	{"source empty", imported("source:\n"), false},
	{"source null", imported("source: ~\n"), false},
	{"source null spelled out", imported("source: null\n"), false},
	{"source key quoted", imported("\"source\": sources/a.txt\n"), false},
	{"source key single-quoted", imported("'source': sources/a.txt\n"), false},
	{"source key with space before the colon", imported("source : sources/a.txt\n"), false},
	{"source without space after the colon", imported("source:sources/a.txt\n"), false},
	{"source given twice", imported("source: sources/a.txt\nsource: sources/b.txt\n"), false},
	{"source as a list", imported("source:\n  - sources/a.txt\n"), false},
	{"source folded over two lines", imported("source: sources/\n  a.txt\n"), false},
	{"source as a literal block", imported("source: |-\n  sources/a.txt\n"), false},
	{"source as a folded block", imported("source: >\n  sources/a.txt\n"), false},
	{"source with an anchor", imported("source: &s sources/a.txt\n"), false},
	{"source with a tag", imported("source: !!str sources/a.txt\n"), false},
	{"source starting with a dash", imported("source: -a.txt\n"), false},
	{"source starting with @", imported("source: @a.txt\n"), false},
	{"source starting with a backtick", imported("source: `a.txt\n"), false},
	{"source with ': ' inside", imported("source: sources/a: b.txt\n"), false},
	{"source ending with a colon", imported("source: sources/a:\n"), false},
	{"source with a tab", imported("source: sources/a\tb.txt\n"), false},
	{"source with a lone CR", imported("source: sources/a\rtitle: b\n"), false},
	{"source with NEL", imported("source: sources/a\u0085b.txt\n"), false},
	{"source with a line separator", imported("source: sources/a\u2028b.txt\n"), false},
	{"source with a BOM inside", imported("source: sources/a\ufeffb.txt\n"), false},
	{"source with a control character", imported("source: sources/a\x01b.txt\n"), false},
	{"source not UTF-8", imported("source: sources/\xc6\xdf\xcc\xc1.txt\n"), false},
	{"flow mapping", "---\n{source: sources/a.txt, title: t}\n---\n", false},
	{"title mentions source", "---\ntitle: the source of it all\nsource: sources/a.txt\n---\n", false},
	{"title holds a source line", "---\ntitle: 'source: sources/b.txt'\nsource: sources/a.txt\n---\n", false},
	{"list item mentions source", "---\ncc:\n  - source desk\nsource: sources/a.txt\n---\n", false},
	{"section field mentions source", "---\nsections:\n  - title: a\n    kind: source\n    id: s1\nsource: sources/a.txt\n---\n", false},
	{"section mentions source", "---\nsections:\n  - title: open source\n    kind: other\n    id: s1\nsource: sources/a.txt\n---\n", false},
	{"source in a literal block of another key", "---\ntitle: |\n  source: sources/b.txt\nsource: sources/a.txt\n---\n", false},
	{"multi-line title", "---\ntitle: 关于2023年度\n  法治政府建设情况的报告\nsource: sources/a.txt\n---\n", false},
	{"title continued by a dash line", "---\ntitle: a\n  - b\nsource: sources/a.txt\n---\n", false},
	{"literal block title", "---\ntitle: |\n  a\n  b\nsource: sources/a.txt\n---\n", false},
	{"list at the key's indentation", "---\ncc:\n- a\nsource: sources/a.txt\n---\n", false},
	{"list with four spaces", "---\ncc:\n    - a\nsource: sources/a.txt\n---\n", false},
	{"list key left empty", "---\ncc:\nsource: sources/a.txt\n---\n", false},
	{"list key left empty at the end", "---\nsource: sources/a.txt\ncc:\n---\n", false},
	{"cc as one string", "---\ncc: 区司法局\nsource: sources/a.txt\n---\n", false},
	{"section with an unknown field", "---\nsections:\n  - title: a\n    note: b\nsource: sources/a.txt\n---\n", false},
	{"section field given twice", "---\nsections:\n  - title: a\n    title: b\nsource: sources/a.txt\n---\n", false},
	{"section fields indented wrongly", "---\nsections:\n  - title: a\n     kind: b\nsource: sources/a.txt\n---\n", false},
	{"Chinese alias keys", "---\n标题: 报告\n镇: 七塘镇\nsource: sources/a.txt\n---\n", false},
	{"alias given with its canonical key", "---\ntown: 七塘镇\n镇: 七塘镇\nsource: sources/a.txt\n---\n", false},
	{"unknown key", imported("source: sources/a.txt\nnote: x\n"), false},
	{"key given twice", "---\ntitle: a\ntitle: b\nsource: sources/a.txt\n---\n", false},
	{"year with 年", "---\nyear: 2023年\nsource: sources/a.txt\n---\n", false},
	{"year not a number", "---\nyear: abc\nsource: sources/a.txt\n---\n", false},
	{"year with a leading zero", "---\nyear: 02023\nsource: sources/a.txt\n---\n", false},
	{"year quoted", "---\nyear: \"2023\"\nsource: sources/a.txt\n---\n", false},
	{"invalid YAML", "---\ntitle: [unclosed\nsource: sources/a.txt\n---\n", false},
	{"invalid YAML: mapping in a value", "---\ntitle: a: b\nsource: sources/a.txt\n---\n", false},
	{"tab indentation", "---\ncc:\n\t- a\nsource: sources/a.txt\n---\n", false},
	{"comment line", "---\n# imported\nsource: sources/a.txt\n---\n", false},
	{"document end marker", "---\nsource: sources/a.txt\n...\n---\n", false},
	{"directive", "---\n%YAML 1.2\nsource: sources/a.txt\n---\n", false},
	{"empty front matter", "---\n---\nsource: sources/a.txt\n", false},
	{"blank front matter", "---\n\n\n---\n", false},
	{"no closing fence", "---\nsource: sources/a.txt\n", false},
	{"no closing fence, unfinished line", "---\nsource: sources/a.txt\n--", false},
	{"closing fence with text", "---\nsource: sources/a.txt\n--- x\n", false},
	{"opening fence of four dashes", "----\nsource: sources/a.txt\n---\n", false},
	{"opening fence with text", "--- yaml\nsource: sources/a.txt\n---\n", false},
	{"blank line before the fence", "\n---\nsource: sources/a.txt\n---\n", false},
	{"two BOMs", "\ufeff\ufeff---\nsource: sources/a.txt\n---\n", false},
	{"no front matter", "source: sources/a.txt\n", false},
	{"empty file", "", false},
}

// longFrontMatter is front matter of n sections, far longer than headSize
// when n is in the hundreds, with the source line last.
func longFrontMatter(n int, sourceLine string) string {
	var b strings.Builder
	b.WriteString("---\ntitle: 长报告\nsections:\n")
	for i := range n {
		b.WriteString("  - title: 第" + strings.Repeat("一", i%7+1) + "部分的标题\n    kind: other\n    id: s" + string(rune('0'+i%10)) + "\n")
	}
	b.WriteString(sourceLine + "---\n\n正文。\n")
	return b.String()
}

func TestFrontSourceAgreesWithParse(t *testing.T) {
	for _, tc := range frontMatterCases {
		t.Run(tc.name, func(t *testing.T) {
			data := []byte(tc.file)
			want := parsedSource(data)
			src, ok := frontSource(data, true)
			if ok != tc.fast {
				t.Errorf("frontSource vouches = %v, want %v", ok, tc.fast)
			}
			if ok {
				checkVouched(t, data, src)
			}
			checkSourceFrom(t, data, want)
		})
	}
}

// checkSourceFrom checks that sourceFrom gives content.Parse's answer
// however little of the file its head holds.
func checkSourceFrom(t *testing.T, data []byte, want string) {
	t.Helper()
	for _, size := range []int{1, 7, 64, 300, headSize} {
		got, err := sourceFrom(bytes.NewReader(data), "test.md", make([]byte, size))
		if err != nil || got != want {
			t.Errorf("sourceFrom with a %d-byte head = %q, %v; content.Parse says %q", size, got, err, want)
		}
	}
}

func TestFrontMatterCasesMeanWhatTheySay(t *testing.T) {
	// The cases above must say what they mean to.
	if got := parsedSource([]byte(imported("source: sources/a.txt\n"))); got != "sources/a.txt" {
		t.Errorf("the imported file names %q", got)
	}
	for _, tc := range []struct{ name, want string }{
		{"source double-quoted", "sources/a.txt"},
		{"source key quoted", "sources/a.txt"},
		{"flow mapping", "sources/a.txt"},
		{"source folded over two lines", "sources/ a.txt"},
		{"title holds a source line", "sources/a.txt"},
		{"source only in the body", ""},
		{"body names another source", "sources/a.txt"},
		{"invalid YAML", ""},
		{"unknown key", ""},
		{"alias given with its canonical key", ""},
		{"no closing fence", ""},
		{"long front matter", "sources/long.txt"},
		{"closing fence indented", "sources/a.txt"},
		{"fences with other blank space", "sources/a.txt"},
	} {
		found := false
		for _, c := range frontMatterCases {
			if c.name == tc.name {
				found = true
				if got := parsedSource([]byte(c.file)); got != tc.want {
					t.Errorf("%s: content.Parse says %q, want %q", tc.name, got, tc.want)
				}
			}
		}
		if !found {
			t.Errorf("no case %q", tc.name)
		}
	}
	if n := len(longFrontMatter(400, "")); n < 2*headSize {
		t.Errorf("the long front matter is only %d bytes", n)
	}
}

// TestFrontSourceReadsWhatImportWrites checks that the files Import writes
// take the fast path: every golden file, a file with every front matter
// key, and sources named in the ways content.Marshal writes plain.
func TestFrontSourceReadsWhatImportWrites(t *testing.T) {
	goldens, _ := filepath.Glob("testdata/*.golden.md")
	if len(goldens) == 0 {
		t.Fatal("no golden files")
	}
	for _, g := range goldens {
		data, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		if src, ok := frontSource(data, true); !ok || src != parsedSource(data) || src == "" {
			t.Errorf("%s: frontSource = %q, %v; content.Parse says %q", g, src, ok, parsedSource(data))
		}
	}

	// Every field of Meta set, so that a key the fast path knows but
	// content.Parse refuses would show.
	full := content.Meta{Sections: []content.Section{{Title: "一、举措", Kind: "measures", ID: "s1"}}}
	v := reflect.ValueOf(&full).Elem()
	for i := range v.NumField() {
		switch f := v.Field(i); f.Kind() {
		case reflect.String:
			f.SetString("值" + v.Type().Field(i).Name)
		case reflect.Int:
			f.SetInt(2023)
		case reflect.Slice:
			if f.Len() == 0 {
				f.Set(reflect.ValueOf([]string{"甲", "乙"}))
			}
		}
	}
	for _, src := range []string{
		"sources/a.txt", "sources/重庆 璧山/七塘镇 报告.txt", "sources/a b.txt", "sources/a#b.txt",
		"sources/it's.txt", `sources/say "hi".txt`, "sources/[x].txt", "sources/x:y.txt",
		"sources/七塘镇\u3000报告.txt", "../x.txt", "2023/x.txt", "sources/%x.txt", "sources/\u00a0x.txt",
	} {
		full.Source = src
		data, err := content.Marshal(&full, []byte("正文\n"))
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := frontSource(data, true); !ok || got != src || parsedSource(data) != src {
			t.Errorf("source %q: frontSource = %q, %v; content.Parse says %q\n%s", src, got, ok, parsedSource(data), data)
		}
	}
	// Sources content.Marshal quotes take the full parse, and still agree.
	for _, src := range []string{"sources/a #b.txt", "sources/a: b.txt", " sources/x.txt", "@x", "123", "null", "sources/a\tb.txt"} {
		full.Source = src
		data, err := content.Marshal(&full, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := frontSource(data, true); ok || parsedSource(data) != src {
			t.Errorf("source %q: frontSource = %q, %v; content.Parse says %q", src, got, ok, parsedSource(data))
		}
		checkSourceFrom(t, data, src)
	}
}

func TestPendingReadsEveryFormOfSource(t *testing.T) {
	root := repo(t, map[string]string{
		"sources/a.txt":        "",
		"sources/b.txt":        "",
		"sources/c.txt":        "",
		"sources/d.txt":        "",
		"sources/e.txt":        "",
		"content/1/a.md":       imported("source: sources/a.txt\n"),
		"content/1/b.md":       imported("source: \"sources/b.txt\"\n"), // the full parse
		"content/2/c.md":       longFrontMatter(400, "source: sources/c.txt\n"),
		"content/2/d.md":       "---\nsource: sources/d.txt\nnote: x\n---\n", // does not parse
		"content/2/notes.txt":  imported("source: sources/e.txt\n"),          // not a content file
		"content/2/source.md":  "",
		"content/3/deep/x.md":  "---\ntitle: |\n  source: sources/e.txt\n---\n",
		"content/3/deep/y.md":  "\ufeff---\r\nsource: sources/none.txt\r\n---\r\n",
		"content/3/deep/z.md":  "---\n{source: sources/none2.txt}\n---\n",
		"content/3/deep/zz.md": "---\nsource: sources/none3.txt\n",
	})
	got, err := Pending("sources", Options{Root: root, Out: "content"})
	if want := []string{"sources/d.txt", "sources/e.txt"}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Pending = %q, %v; want %q", got, err, want)
	}
}

// FuzzFrontSource checks that the fast path never disagrees with
// content.Parse: whenever frontSource vouches for a file, content.Parse
// accepts it and reads the same source, also when frontSource saw only the
// start of the file, and sourceFrom always gives content.Parse's answer,
// whatever the size of its head.
//
// The corpus is testdata/fuzz/FuzzFrontSource plus, added here, the cases
// above and the golden files.
func FuzzFrontSource(f *testing.F) {
	for _, tc := range frontMatterCases {
		f.Add([]byte(tc.file))
	}
	goldens, _ := filepath.Glob("testdata/*.golden.md")
	for _, g := range goldens {
		if data, err := os.ReadFile(g); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		want := parsedSource(data)
		if src, ok := frontSource(data, true); ok {
			checkVouched(t, data, src)
		}
		for _, n := range []int{len(data) / 3, len(data) / 2, len(data) - 1} {
			if n < 0 {
				continue
			}
			if src, ok := frontSource(data[:n], false); ok && src != want {
				t.Fatalf("frontSource of the first %d bytes = %q, content.Parse says %q", n, src, want)
			}
		}
		for _, size := range []int{1, 64, headSize} {
			if got, err := sourceFrom(bytes.NewReader(data), "fuzz.md", make([]byte, size)); err != nil || got != want {
				t.Fatalf("sourceFrom with a %d-byte head = %q, %v; content.Parse says %q", size, got, err, want)
			}
		}
	})
}

// TestFrontSourceAgreesOnGeneratedFrontMatter builds front matter from the
// lines content.Marshal writes, now and then spoiled by a value or a line
// of a form frontSource must refuse, which random bytes rarely reach: every
// file frontSource vouches for must be read alike by content.Parse.
func TestFrontSourceAgreesOnGeneratedFrontMatter(t *testing.T) {
	good := []string{
		"a", "sources/a.txt", "2023", "七塘镇", "a b", "'q'", `"q"`, "a#c", "yes", "true", ".inf", "1e3",
		"2024-01-15", "<<", "=", "a\u3000", "'a: b'", `"a # b"`, `x'y`, `x"y`, "[x]", "a,b", "a:b", "0x10",
		"+1", ".5", "\u00a0", "\ue000", "\U0001F600", "a\u00a0#b", "~a", "a-", "a ?", "a !", "a &b", "a |",
	}
	bad := []string{
		"", "~", "null", "'a''b'", `"a\"b"`, "a # c", "a: b", "a:", ":a", "-a", "- a", "? a", "[a", "{a: b}",
		"&x a", "*x", "!!str a", "|", ">", "%a", "@a", "`a", "a\tb", "a\rb", "a\u0085b", "a\u2028b", "\ufeffa",
		"...", "---", "a\x7f", "\xff", "'", `"`, "'a", `"a`, "a'b'", "a\x00",
	}
	scalarKeys := []string{"title", "source", "source_sha256", "date", "town", "code", "issuer"}
	rng := rand.New(rand.NewPCG(7, 8))
	value := func() string {
		if rng.IntN(12) == 0 {
			return bad[rng.IntN(len(bad))]
		}
		v := good[rng.IntN(len(good))]
		if rng.IntN(5) == 0 {
			v += " " + good[rng.IntN(len(good))]
		}
		return v
	}
	spoil := func(line string) string {
		if rng.IntN(25) != 0 {
			return line + "\n"
		}
		switch rng.IntN(6) {
		case 0:
			line = " " + line
		case 1:
			line = strings.TrimPrefix(line, " ")
		case 2:
			line += " "
		case 3:
			line += "\r"
		case 4:
			line = strings.Replace(line, ": ", ":", 1)
		default:
			line += "\n  " + value()
		}
		return line + "\n"
	}
	vouched := 0
	for range 50000 {
		var b strings.Builder
		b.WriteString("---\n")
		for range rng.IntN(7) + 1 {
			switch rng.IntN(8) {
			case 0:
				b.WriteString(spoil(""))
			case 1:
				b.WriteString(spoil("year: " + []string{"2023", "2023年", "0", "99999999999", "-1"}[rng.IntN(5)]))
			case 2, 3:
				b.WriteString(spoil([]string{"cc", "issuers"}[rng.IntN(2)] + ":"))
				for range rng.IntN(3) {
					b.WriteString(spoil("  - " + value()))
				}
			case 4:
				b.WriteString(spoil("sections:"))
				for range rng.IntN(3) {
					fields := []string{"title", "kind", "id", "title", "note"}
					rng.Shuffle(len(fields), func(i, j int) { fields[i], fields[j] = fields[j], fields[i] })
					for j := range rng.IntN(3) + 1 {
						indent := "    "
						if j == 0 {
							indent = "  - "
						}
						b.WriteString(spoil(indent + fields[j] + ": " + value()))
					}
				}
			default:
				b.WriteString(spoil(scalarKeys[rng.IntN(len(scalarKeys))] + ": " + value()))
			}
		}
		b.WriteString([]string{"---\n", "---", " ---\n", "--- \r\n"}[rng.IntN(4)])
		data := []byte(b.String())
		if src, ok := frontSource(data, true); ok {
			vouched++
			checkVouched(t, data, src)
		}
	}
	// The generator must keep to forms the fast path takes often enough.
	if vouched < 5000 {
		t.Errorf("frontSource vouched for only %d of the generated files", vouched)
	}
}

package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"nianbao/internal/assets"
	"nianbao/internal/cache"
	"nianbao/internal/content"
)

// pageText reads a report's text back from its page's minified parts, one
// line per block, the section's own "##" heading left out: what the search
// index took before it took the renderer's text (searchText), kept as the
// reference that text must equal. Lines are what a browser shows: a block
// or a line break (<br>, between the lines of raw HTML shown as text) ends
// one, and a line break in the HTML's text is a space.
func pageText(p *cache.Parts) []string {
	blocks := map[string]bool{
		"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"li": true, "tr": true, "td": true, "th": true, "div": true, "section": true, "br": true,
		"blockquote": true, "table": true, "ul": true, "ol": true,
	}
	one := func(s string) string {
		var b strings.Builder
		z := html.NewTokenizer(strings.NewReader(s))
		skip := 0 // inside the section's h2
		for {
			switch z.Next() {
			case html.ErrorToken:
				// Within a line, a browser shows each run of whitespace as
				// one space, and none at the line's ends.
				lines := strings.Split(strings.TrimSpace(b.String()), "\n")
				for i, l := range lines {
					lines[i] = strings.Join(strings.FieldsFunc(l, func(r rune) bool { return strings.ContainsRune(" \t\r\f", r) }), " ")
				}
				return strings.Join(lines, "\n")
			case html.TextToken:
				if skip == 0 {
					b.WriteString(strings.ReplaceAll(string(z.Text()), "\n", " "))
				}
			case html.StartTagToken, html.SelfClosingTagToken:
				switch name, _ := z.TagName(); string(name) {
				case "h2":
					skip++
				case "br": // a line of raw HTML shown as text
					if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
						b.WriteByte('\n')
					}
				}
			case html.EndTagToken:
				name, _ := z.TagName()
				tag := string(name)
				if tag == "h2" && skip > 0 {
					skip--
					continue
				}
				if blocks[tag] && b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
					b.WriteByte('\n')
				}
			}
		}
	}
	text := []string{one(p.Lead)}
	for _, s := range p.Sections {
		text = append(text, one(s))
	}
	return text
}

// spaced writes each run of whitespace within a line, full-width spaces
// included, as one space, and none at a line's ends.
func spaced(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.FieldsFunc(l, unicode.IsSpace), " ")
	}
	return strings.Join(lines, "\n")
}

// dense removes all whitespace, line breaks included: the text and its
// order must be the page's, but a fuzzed body reaches breaks no report has,
// where only whitespace differs. After a paragraph's soft line break and an
// indent (full-width spaces), the page shows a space and the indent and the
// search text joins the lines, as titles and descriptions do
// (content.plainText); a hard line break (a backslash at a line's end) is
// a <br> on the page and joined text in the search text; the lines of raw
// HTML, shown as text, are lines of the search text.
func dense(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// checkSearchText parses body as a report and fails the test if the search
// text differs from the text of the report's page, both written by same.
func checkSearchText(t *testing.T, r *partRenderer, name string, raw []byte, same func(string) string) {
	t.Helper()
	p, text, err := r.parse(&cache.Record{Path: name}, raw)
	if err != nil {
		return // a file the build refuses has no text
	}
	want := pageText(p)
	if len(text) != len(want) {
		t.Fatalf("%s: %d parts of search text, the page has %d", name, len(text), len(want))
	}
	for i := range want {
		if a, b := same(text[i]), same(want[i]); a != b {
			k := 0
			for k < len(a) && k < len(b) && a[k] == b[k] {
				k++
			}
			t.Errorf("%s, part %d: the search text differs from the page's at byte %d:\nsearch %q\npage   %q",
				name, i, k, a[max(0, k-40):min(len(a), k+40)], b[max(0, k-40):min(len(b), k+40)])
		}
	}
}

// TestSearchTextIsThePagesText checks, on the bundled reports and the
// rendering fixtures, that the search index's text of a report (made from
// the renderer's blocks, not from the page) is exactly the text its page
// shows, block for block and each run of whitespace as one space, so that
// a result's snippet is found on the page.
// NIANBAO_SEARCHTEXT_DIRS (a list of folders, as in PATH) adds content
// trees, such as an imported corpus of real reports.
func TestSearchTextIsThePagesText(t *testing.T) {
	r := &partRenderer{md: content.NewMarkdown(), min: assets.NewMinifier()}
	dirs := []string{"../../content", "../content/testdata/render"}
	if extra := os.Getenv("NIANBAO_SEARCHTEXT_DIRS"); extra != "" {
		dirs = append(dirs, filepath.SplitList(extra)...)
	}
	n := 0
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			raw, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			n++
			checkSearchText(t, r, p, raw, spaced)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 5 {
		t.Fatalf("only %d Markdown files read; the test would prove little", n)
	}
	checkSearchText(t, r, "markup.md", []byte("---\ntitle: t\n---\n"+markupLead+"  两个空格\t制表\n\n## "+markupHeading+
		"\n\n### "+markupHeading2+"\n\n- 一\n- 二\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n<div>原样</div>\n\n# 一级\n"), spaced)
}

// FuzzSearchText checks that the search text of any body is the text of
// its page, whitespace aside (see dense).
func FuzzSearchText(f *testing.F) {
	f.Add("一、总体情况\n\n## 二、措施\n\n　　全面落实。\n\n### （一）  执行\t情况\n")
	f.Add("导语 *重点* `代码` &amp; \\[2023\\]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## 节\n\n1. 一\n2. 二\n\n> 引文\n")
	f.Add("<div>\n  raw  html\n</div>\n\n## 节\n\n[链接](javascript:x) ![图](a.png) <http://example.com>\n")
	r := &partRenderer{md: content.NewMarkdown(), min: assets.NewMinifier()}
	f.Fuzz(func(t *testing.T, body string) {
		checkSearchText(t, r, "fuzz.md", []byte("---\ntitle: t\n---\n"+body), dense)
	})
}

func TestOneSpace(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"  法治 建设  ", "法治 建设"},
		{"法治  建设", "法治 建设"},
		{"法治\t建设", "法治 建设"},
		{"甲 \n 乙", "甲\n乙"},
		{"甲\r\n乙", "甲\n乙"},
		{"a b\nc d", "a b\nc d"},
		{"甲\f \t乙", "甲 乙"},
	} {
		if got := oneSpace(tt.in); got != tt.want {
			t.Errorf("oneSpace(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

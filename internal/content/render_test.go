package content

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/render")

// TestRender renders each testdata/render/NAME.md and compares everything
// Render returns with NAME.golden.txt. Run "go test -update" after a
// deliberate change and review the diff.
func TestRender(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "render", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test files: %v", err)
	}
	md := NewMarkdown()
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			r, err := md.Render(src)
			if err != nil {
				t.Fatal(err)
			}
			got := dump(r)
			golden := strings.TrimSuffix(file, ".md") + ".golden.txt"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from %s:\n%s", file, golden, got)
			}
		})
	}
}

// dump writes a Rendered as readable text, one part after another.
func dump(r *Rendered) string {
	var b strings.Builder
	b.WriteString("== toc\n")
	for _, h := range r.TOC {
		fmt.Fprintf(&b, "%d %s line %d: %s\n", h.Level, h.ID, h.Line, h.Text)
	}
	fmt.Fprintf(&b, "== lead text\n%s\n== lead html\n%s", r.LeadText, r.LeadHTML)
	for _, s := range r.Sections {
		fmt.Fprintf(&b, "== section %s: %s\n%s== bare\n%s== text\n%s\n", s.ID, s.Text, s.HTML, s.BareHTML, s.Plain)
	}
	fmt.Fprintf(&b, "== html\n%s", r.HTML)
	return b.String()
}

// TestRenderSafety checks, beyond the golden files, that nothing in a
// report can become markup or a script URL.
func TestRenderSafety(t *testing.T) {
	src := "<script>alert(1)</script>\n\n正文<b>粗</b><img src=x onerror=alert(1)>[x](javascript:alert(1))[y](JAVASCRIPT:alert(1))<javascript:alert(1)>![z](http://evil.example/x.png){{ .X }}\n\n## 一、<i>标题</i>\n"
	r, err := NewMarkdown().Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"<script", "<b>", "<img", "<i>", "href=\"javascript", "href=\"JAVASCRIPT", "evil.example/x.png\""} {
		if strings.Contains(r.HTML, bad) {
			t.Errorf("HTML contains %q:\n%s", bad, r.HTML)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "[x](javascript:alert(1))", "{{ .X }}", "&lt;i&gt;标题&lt;/i&gt;"} {
		if !strings.Contains(r.HTML, want) {
			t.Errorf("HTML lacks %q:\n%s", want, r.HTML)
		}
	}
	if r.TOC[0].Text != "一、<i>标题</i>" {
		t.Errorf("heading text %q", r.TOC[0].Text)
	}
}

// TestRenderConcurrent renders from many goroutines at once, as the site
// build does; run with -race.
func TestRenderConcurrent(t *testing.T) {
	md := NewMarkdown()
	src := []byte("导语。\n\n## 一、举措\n\n### （一）甲\n\n正文。\n")
	done := make(chan string)
	for i := 0; i < 8; i++ {
		go func() {
			r, err := md.Render(src)
			if err != nil {
				done <- err.Error()
				return
			}
			done <- r.HTML
		}()
	}
	first := <-done
	for i := 1; i < 8; i++ {
		if got := <-done; got != first {
			t.Errorf("concurrent renders differ:\n%s\n%s", first, got)
		}
	}
}

// TestBareHTML checks that removing the heading IDs from a section's HTML
// gives what rendering it without IDs gives, and that RenderParts renders
// the same parts as Render.
func TestBareHTML(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "render", "*.md"))
	md := NewMarkdown()
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		all, err := md.Render(src)
		if err != nil {
			t.Fatal(err)
		}
		parts, err := md.RenderParts(src)
		if err != nil {
			t.Fatal(err)
		}
		if parts.LeadHTML != all.LeadHTML || parts.LeadText != all.LeadText || len(parts.Sections) != len(all.Sections) {
			t.Errorf("%s: RenderParts differs from Render", file)
			continue
		}
		for i, s := range all.Sections {
			if got := BareHTML(s.HTML); got != s.BareHTML {
				t.Errorf("%s: section %d: BareHTML gives\n%s\nwant\n%s", file, i+1, got, s.BareHTML)
			}
			if p := parts.Sections[i]; p.HTML != s.HTML || p.Plain != s.Plain || p.Heading != s.Heading {
				t.Errorf("%s: section %d: RenderParts differs from Render", file, i+1)
			}
		}
	}
	for in, want := range map[string]string{
		`<p>a</p>`:                     `<p>a</p>`,
		`<h3 id="s1-1">x</h3><p>h</p>`: `<h3>x</h3><p>h</p>`,
		`<h4 id="s1-1-2">x</h4><h3 id="s1-2">y</h3>`: `<h4>x</h4><h3>y</h3>`,
		`<hr><p>id="x"</p>`:                          `<hr><p>id="x"</p>`,
	} {
		if got := BareHTML(in); got != want {
			t.Errorf("BareHTML(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzRender checks that the renderer renders every body of UTF-8 text
// (what Parse lets through) without an error or a panic.
func FuzzRender(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "render", "*.md"))
	for _, file := range files {
		if src, err := os.ReadFile(file); err == nil {
			f.Add(src)
		}
	}
	md := NewMarkdown()
	f.Fuzz(func(t *testing.T, body []byte) {
		if !utf8.Valid(body) {
			return
		}
		if _, err := md.Render(body); err != nil {
			t.Error(err)
		}
	})
}

package linkcheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const head = `<!doctype html><html lang="zh-CN"><head><link rel="stylesheet" href="/zw/a.css"><link rel="canonical" href="https://x.example/zw/"></head><body>`

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"a.css": "",
		"index.html": head + `<h1 id="top">首页</h1><a href="/zw/b/#s1">ok</a><a href="b/#s2">no id</a><a href="/zw/c/">no page</a>
			<a href="/other/">outside</a><a href="#top">self</a><a href="https://www.gov.cn/">away</a><a href="javascript:alert(1)">x</a>
			<form action="/zw/b/"></form></body></html>`,
		"b/index.html": head + `<h1>乙</h1><h2 id="s1">一</h2><h2 id="s1">重复</h2><p style="color:red">x</p>
			<script>alert(1)</script><img src="https://cdn.example/x.png" alt=""></body></html>`,
		"404.html": `<!doctype html><html><body><a href="/zw/">首页</a><a href="x/">relative</a></body></html>`,
	})
	rep, err := Check(dir, "/zw/")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(rep.Problems, "\n")
	for _, want := range []string{
		`index.html: href="b/#s2": no id "s2" in b/index.html`,
		`index.html: href="/zw/c/": c/index.html does not exist`,
		`index.html: href="/other/" leaves the site's base path /zw/`,
		`index.html: href="javascript:alert(1)" is a script or data URL`,
		`b/index.html: duplicate id "s1"`,
		`b/index.html: style attribute on <p>`,
		`b/index.html: inline <script>`,
		`b/index.html: <img src="https://cdn.example/x.png"> loads from another origin`,
		`404.html: <html lang="">, want "zh-CN"`,
		`404.html: 0 h1 elements, want 1`,
		`404.html: href="x/": any/depth/x/index.html does not exist`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q", want)
		}
	}
	for _, fine := range []string{"#top", "gov.cn", "canonical", `"/zw/b/#s1"`, "action"} {
		if strings.Contains(got, fine) {
			t.Errorf("a fine link was reported (%s):\n%s", fine, got)
		}
	}
	if rep.Pages != 3 {
		t.Errorf("%d pages", rep.Pages)
	}
}

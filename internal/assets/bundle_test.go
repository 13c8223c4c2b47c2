package assets

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func TestBundle(t *testing.T) {
	fsys := fstest.MapFS{
		"main.css":    {Data: []byte("@import \"./_print.css\";\nbody { color: #222222; }\n.x::before { content: \"字号\"; }\n.icon { background: url(\"./mark.svg\"); }\n")},
		"_print.css":  {Data: []byte("@media print { .nav { display: none; } }\n")},
		"main.js":     {Data: []byte("import { label } from \"./_lib.js\";\ndocument.title = label + \"：大\";\n")},
		"_lib.js":     {Data: []byte("export const label = \"字号\";\n")},
		"mark.svg":    {Data: []byte("<svg xmlns=\"http://www.w3.org/2000/svg\">  <rect width=\"1\" height=\"1\"/>  </svg>\n")},
		"favicon.svg": {Data: []byte("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <circle r=\"1\"/>\n</svg>\n")},
		"notes.txt~":  {Data: []byte("x")},
		"sub/x.css":   {Data: []byte("a{}")},
	}
	res, err := Bundle(fsys, Options{Dir: "assets", OutDir: "assets", Minifier: NewMinifier()})
	if err != nil {
		t.Fatal(err)
	}
	hashed := regexp.MustCompile(`^assets/[a-z]+-[A-Z0-9]{8}\.[a-z]+$`)
	for _, in := range []string{"main.css", "main.js", "favicon.svg"} {
		if !hashed.MatchString(res.Names[in]) {
			t.Errorf("%s → %q, want a content-hashed name", in, res.Names[in])
		}
	}
	files := map[string]string{}
	for _, f := range res.Files {
		files[f.Path] = string(f.Data)
	}
	css := files[res.Names["main.css"]]
	for _, want := range []string{"@media print", "color:#222", `"字号"`} {
		if !strings.Contains(css, want) {
			t.Errorf("CSS %q lacks %q", css, want)
		}
	}
	if strings.Contains(css, "\n\n") || strings.Contains(css, "_print.css") {
		t.Errorf("CSS not bundled and minified: %q", css)
	}
	js := files[res.Names["main.js"]]
	if !strings.Contains(js, "字号") || strings.Contains(js, `\u`) {
		t.Errorf("JS should keep Chinese as UTF-8: %q", js)
	}
	if strings.Contains(files[res.Names["favicon.svg"]], "\n  ") {
		t.Error("SVG not minified")
	}
	// The SVG the CSS refers to is emitted under a hashed name too.
	if !regexp.MustCompile(`url\("?(\./)?mark-[A-Z0-9]{8}\.svg"?\)`).MatchString(css) {
		t.Errorf("CSS url() not rewritten: %q", css)
	}

	// Same input, same bytes.
	again, err := Bundle(fsys, Options{Dir: "assets", OutDir: "assets", Minifier: NewMinifier()})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Files) != len(res.Files) {
		t.Fatal("file count differs between runs")
	}
	for i := range res.Files {
		if again.Files[i].Path != res.Files[i].Path || string(again.Files[i].Data) != string(res.Files[i].Data) {
			t.Errorf("%s differs between runs", res.Files[i].Path)
		}
	}
}

// TestBundleErrors checks that syntax errors come back as file:line:column
// with the offending line.
func TestBundleErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"main.js":  {Data: []byte("let a = 1;\nlet b = ;\n")},
		"main.css": {Data: []byte("@import \"./_missing.css\";\n")},
	}
	_, err := Bundle(fsys, Options{Dir: "assets", OutDir: "assets"})
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("error %v is not Errors", err)
	}
	msg := err.Error()
	for _, want := range []string{"assets/main.js:2:9: Unexpected \";\"", "\tlet b = ;", "assets/main.css:1:"} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors lack %q:\n%s", want, msg)
		}
	}
}

func TestMinifierKeepsStructure(t *testing.T) {
	m := NewMinifier()
	out, err := m.String(HTML, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><title>报告</title></head>\n<body>\n  <p class=\"a\">第一段</p>\n  <p>第二段</p>\n</body>\n</html>\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<html lang="zh-CN">`, "<head>", "</p>", "</body></html>", `class="a"`} {
		if !strings.Contains(out, want) {
			t.Errorf("minified HTML %q lacks %q", out, want)
		}
	}
	for _, mt := range []string{CSS, JS, SVG, JSON, XML, "application/atom+xml"} {
		if _, err := m.String(mt, ""); err != nil {
			t.Errorf("%s not registered: %v", mt, err)
		}
	}
}

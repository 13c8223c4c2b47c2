package assets

import (
	"strings"
	"testing"
)

// page is an unminified page the size and shape of a report page: a head
// of meta tags, navigation, a table, and twenty paragraphs of Chinese text
// indented as the templates write them.
func page() string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>后叶镇2024年法治政府建设情况的报告 - 法治政府建设年度报告</title>\n")
	for i := 0; i < 14; i++ {
		b.WriteString("<meta name=\"ColumnName\" content=\"法治政府建设年度报告\">\n")
	}
	b.WriteString("</head>\n<body class=\"page-report\">\n  <nav class=\"crumbs\" aria-label=\"当前位置\">\n    <ol>\n")
	for i := 0; i < 5; i++ {
		b.WriteString("      <li><a href=\"/zwgk/fzzfjsnb/regions/500235/\">云阳县</a></li>\n")
	}
	b.WriteString("    </ol>\n  </nav>\n  <main id=\"main\">\n    <table class=\"docmeta\">\n      <tbody>\n")
	for i := 0; i < 8; i++ {
		b.WriteString("        <tr><th scope=\"row\">发文字号</th><td>后叶委文〔2025〕5号</td></tr>\n")
	}
	b.WriteString("      </tbody>\n    </table>\n")
	for i := 0; i < 20; i++ {
		b.WriteString("        <section class=\"doc-section\">\n          <h3 id=\"s1-1\">（一）坚持依法行政</h3>\n          <p>一是规范重大行政决策程序，严格落实公众参与、专家论证、风险评估、合法性审查和集体讨论决定等法定程序，全年共审查规范性文件 12 件。二是推进政务公开，主动公开政府信息 &amp; 办事指南。</p>\n        </section>\n")
	}
	b.WriteString("  </main>\n</body>\n</html>\n")
	return b.String()
}

// BenchmarkMinifyHTML minifies a report-sized page with the project's
// settings.
func BenchmarkMinifyHTML(b *testing.B) {
	m := NewMinifier()
	src := []byte(page())
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := m.Bytes(HTML, src); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMinifyHTML checks the settings the site relies on: document and end
// tags and attribute quotes kept, white space between blocks removed.
func TestMinifyHTML(t *testing.T) {
	out, err := NewMinifier().String(HTML, page())
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<html lang=\"zh-CN\">", "<head>", "</p>", "<section class=\"doc-section\"><h3 id=\"s1-1\">", "</body></html>"} {
		if !strings.Contains(out, want) {
			t.Errorf("minified page lacks %q", want)
		}
	}
	if len(out) >= len(page()) {
		t.Error("nothing was removed")
	}
}

// A template is minified as its pages would be: white space next to a
// block-level tag goes even where an action stands beside it (a kept space
// between inline list items shows as a gap), white space beside inline
// content stays, and preformatted text is left as written.
func TestMinifyTemplate(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"<ol>\n  {{- range .Crumbs}}\n  <li>{{.Text}}</li>\n  {{- end}}\n</ol>", "<ol>{{- range .Crumbs}}<li>{{.Text}}</li>{{- end}}</ol>"},
		{`<li class="{{.C}}">  {{.Text}} </li>`, `<li class="{{.C}}">{{.Text}}</li>`},
		{"<p>{{.A}} <a href=\"{{.U}}\">{{.B}}</a> {{.C}}</p>", "<p>{{.A}} <a href=\"{{.U}}\">{{.B}}</a> {{.C}}</p>"},
		{"<pre>\n  {{.Code}}\n</pre>", "<pre>\n  {{.Code}}\n</pre>"},
	} {
		got, err := MinifyTemplate([]byte(tc.in))
		if err != nil || string(got) != tc.want {
			t.Errorf("MinifyTemplate(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

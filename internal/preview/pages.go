package preview

import (
	"html/template"
	"net/http"
	"nianbao/internal/sitecheck"
	"strings"
)

// reloadJS reloads the page when a build finishes after it connected. It exists only in the preview: the built site never
// holds it.
const reloadJS = `(function () {
  var seen = null;
  var es = new EventSource("` + Prefix + `events");
  es.addEventListener("build", function (e) {
    if (seen !== null && e.data !== seen) { location.reload(); }
    seen = e.data;
  });
})();
`

const reviewCSS = `
body{font:18px/1.75 system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0;color:#1a1a1a;background:#fff}
header,main{max-width:1200px;margin:0 auto;padding:0 16px}
header{border-bottom:2px solid #8b0000}
h1{font-size:1.5em}h2{font-size:1.25em;margin-top:2em}
.bad{background:#fdecea;border-left:6px solid #b00020;padding:8px 16px}
.warn{background:#fff8e1;border-left:6px solid #8a6d00;padding:8px 16px}
.state{display:inline-block;padding:0 8px;border:1px solid #555;border-radius:4px;font-size:.9em;margin-right:8px}
.cols{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1.4fr);gap:24px}
@media (max-width:800px){.cols{grid-template-columns:1fr}}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:4px 8px;text-align:left;vertical-align:top}
th{white-space:nowrap;background:#f2f2f2}td{white-space:pre-line}
pre{white-space:pre-wrap;word-break:break-all;background:#f6f6f6;padding:12px;max-height:40em;overflow:auto;font:16px/1.7 inherit}
code{font-size:.95em;background:#f2f2f2;padding:0 4px;word-break:break-all}
a{color:#0645ad}a:focus{outline:3px solid #1a73e8}
li{margin:.25em 0}
`

var pageTmpl = template.Must(template.New("").Parse(`<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · 本地预览</title><link rel="stylesheet" href="` + Prefix + `review.css"></head>
<body><header><p>本地预览（只在本机可见，发布前请运行 <code>go run ./cmd/build</code>）· <a href="{{.Base}}">网站首页</a> · <a href="` + Prefix + `">待审阅的报告</a></p></header>
<main>
<h1>{{.Title}}</h1>
{{if .Failed}}
<div class="bad"><p><strong>这次构建失败，网站没有更新。</strong>按下面每一条的说明修改对应的文件并保存，页面会自动刷新。</p>
<ul>{{range .Lines}}<li><code>{{.}}</code></li>{{end}}</ul></div>
{{else}}
<p>上次发布以来新导入或有改动的报告共 {{len .Items}} 篇。请逐篇对照“原件文字”核对“读出的公文信息”，需要修改的，编辑所列的 Markdown 文件并保存，本页会自动刷新。{{if .Lines}}本次构建共有 {{len .Lines}} 条提示。{{end}}</p>
{{range .Items}}
<section aria-labelledby="{{.File}}">
<h2 id="{{.File}}"><span class="state">{{if .Changed}}有改动{{else}}新导入{{end}}</span>{{if .Title}}{{.Title}}{{else}}{{.File}}{{end}}</h2>
<p>要修改的文件：<code>{{.File}}</code>{{if .Source}} · 原件：<code>{{.Source}}</code>{{end}}{{if .Page}} · <a href="{{.Page}}">查看预览页面</a>{{else}} · 这篇报告没有生成页面（见下面的提示）{{end}}</p>
{{if .Messages}}<div class="warn"><ul>{{range .Messages}}<li><code>{{.}}</code></li>{{end}}</ul></div>{{end}}
{{if .Derived}}<p>以下信息不是原件写明的，是推断出来的，请重点核对：{{range $i, $d := .Derived}}{{if $i}}、{{end}}{{$d}}{{end}}</p>{{end}}
<div class="cols">
<div><h3>读出的公文信息</h3><table><tbody>{{range .Meta}}<tr><th scope="row">{{index . 0}}</th><td>{{index . 1}}</td></tr>{{end}}</tbody></table></div>
<div><h3>原件文字</h3>{{if .SourceText}}<pre>{{.SourceText}}</pre>{{else}}<p>读不到原件（文件不在或无法读取）。</p>{{end}}</div>
</div>
</section>
{{end}}
{{end}}
</main>
<script src="` + Prefix + `reload.js"></script>
</body></html>
`))

type pageData struct {
	Title  string
	Base   string
	Failed bool
	Lines  []string
	Items  []Item
}

// servePreview serves the preview's own files: the reload script and its
// event stream, the review page and its stylesheet.
func (p *previewer) servePreview(w http.ResponseWriter, r *http.Request, rest string) {
	for k, vs := range sitecheck.HeadersFor(p.opt.Rules, r.URL.Path) {
		w.Header()[k] = vs
	}
	w.Header().Set("Cache-Control", "no-store")
	switch rest {
	case "events":
		_, n := p.outcome()
		p.hub.serve(w, r, n)
	case "reload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		_, _ = w.Write([]byte(reloadJS))
	case "review.css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		_, _ = w.Write([]byte(reviewCSS))
	case "":
		out, _ := p.outcome()
		p.render(w, http.StatusOK, pageData{Title: "待审阅的报告", Base: p.opt.BasePath, Failed: out.Failed, Lines: out.Lines, Items: out.Review})
	default:
		http.NotFound(w, r)
	}
}

func (p *previewer) serveFailed(w http.ResponseWriter, out Outcome) {
	w.Header().Set("Cache-Control", "no-store")
	p.render(w, http.StatusInternalServerError, pageData{Title: "构建失败", Base: p.opt.BasePath, Failed: true, Lines: out.Lines})
}

func (p *previewer) render(w http.ResponseWriter, status int, d pageData) {
	var b strings.Builder
	if err := pageTmpl.Execute(&b, d); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(b.String()))
}

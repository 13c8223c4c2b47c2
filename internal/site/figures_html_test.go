package site

import "testing"

// The templates figures_html.go replaced, as the minified templates had
// them: the Go writers must give their bytes for any value.
const (
	figureListTemplate = `{{range .}}<dt>{{.Label}}</dt><dd><ul class="figlist">{{range .Items}}<li><a href="{{.URL}}">{{.Written}}</a><span class="figclause">{{.Clause}}</span></li>{{end}}</ul></dd>{{end}}`

	figureChartsTemplate = `{{range .}}<figure class="figchart" aria-labelledby="fig-{{.ID}}-cap"><figcaption id="fig-{{.ID}}-cap">{{.Label}}</figcaption>` +
		`<svg viewBox="0 0 {{.Width}} {{.Height}}" preserveAspectRatio="none" role="img" aria-labelledby="fig-{{.ID}}-t fig-{{.ID}}-d">` +
		`<title id="fig-{{.ID}}-t">{{.Label}}历年数字</title><desc id="fig-{{.ID}}-d">{{.Summary}}</desc>` +
		`<line class="base" x1="0" y1="{{.Height}}" x2="{{.Width}}" y2="{{.Height}}"/>` +
		`{{range .Points}}{{if .Has}}<rect x="{{.X}}" y="{{.Y}}" width="{{.W}}" height="{{.H}}"/>{{end}}{{end}}</svg>` +
		`<table class="figdata"><caption class="visually-hidden">{{.Label}}历年数字</caption><thead><tr><th scope="col">年度</th><th scope="col">报告中的数字</th></tr></thead><tbody>` +
		`{{range .Points}}<tr><th scope="row"><a href="{{.Report}}">{{.Year}}年度</a></th><td>{{if .Has}}<a href="{{.Item.URL}}">{{.Item.Written}}</a>{{if .Others}}<span class="note">（另有{{.Others}}处）</span>{{end}}{{else}}<span class="missing">未报告</span>{{end}}</td></tr>{{end}}` +
		`</tbody></table></figure>{{end}}`

	figureGridTemplate = `{{range .}}<tr><th scope="row"><a href="{{.Report}}">{{.Town.Text}}</a></th>` +
		`{{range .Cells}}<td>{{if .}}<ul class="figlist">{{range .}}<li><a href="{{.URL}}">{{.Written}}</a></li>{{end}}</ul>{{else}}<span class="missing">未报告</span>{{end}}</td>{{end}}</tr>{{end}}`
)

// awkward are values that html/template escapes: markup, quotes, +, NUL,
// bad UTF-8, spaces and non-ASCII in URLs, escapes and broken escapes,
// schemes it refuses and allows.
var awkward = []string{
	"", "12 场", `a"b'c&d<e>f+g`, "\x00x\xff", "调解成功率达98%以上",
	"/zwgk/towns/110101001/2022/#s1:~:text=98%25%E4%BB%A5%E4%B8%8A",
	"/towns/1/2022/#s1:~:text=1+1 (两)'x'", "/a%zz%4", "/a%4",
	"javascript:alert(1)", "JavaScript:x", "HTTPS://example.org/a b", "mailto:x@y", "data:text/html,x",
	"a/b:c", "#s1:~:text=a", "?q=<x>&y=\"z\"", "~!$*,;=@[]`^{|}\\",
}

func TestFigureHTMLMatchesTemplates(t *testing.T) {
	for i, v := range awkward {
		w := awkward[(i+1)%len(awkward)]
		item := figureItem{Written: v, Clause: w, URL: v}
		groups := []figureGroup{{ID: w, Label: v, Items: []figureItem{item, {Written: w, Clause: v, URL: w}}}, {Label: "法律顾问"}}
		checkList(t, "figureList "+v, listTemplate(figureListTemplate), groups, figureList(groups))

		series := []figureSeries{{ID: v, Label: w, Summary: v + w, Width: 200, Height: 100, Points: []figurePoint{
			{Year: 2020, Report: v},
			{Year: 2021, Report: w, Has: true, Item: item, Others: 2, X: 8, Y: 4, W: 24, H: 96},
			{Year: 2022, Report: "/towns/1/2022/", Has: true, Item: figureItem{Written: w, URL: w}, H: 2, Y: 98},
		}}}
		checkList(t, "figureCharts "+v, listTemplate(figureChartsTemplate), series, figureCharts(series))

		rows := []countyFigureRow{{Town: link{Text: v}, Report: w, Cells: [][]figureItem{nil, {item, {Written: w, URL: w}}, {}}}}
		checkList(t, "figureGrid "+v, listTemplate(figureGridTemplate), rows, figureGrid(rows))
	}
	if figureList(nil) != "" || figureCharts(nil) != "" || figureGrid(nil) != "" {
		t.Error("no figures should give no markup")
	}
}

// FuzzFigureHTML holds the writers' escaping to html/template's for any
// string.
func FuzzFigureHTML(f *testing.F) {
	for _, v := range awkward {
		f.Add(v, v)
	}
	tmpl := listTemplate(figureListTemplate)
	f.Fuzz(func(t *testing.T, text, url string) {
		groups := []figureGroup{{Label: text, Items: []figureItem{{Written: text, Clause: url, URL: url}}}}
		checkList(t, "figureList", tmpl, groups, figureList(groups))
	})
}

package site

import (
	"html/template"
	"slices"
	"strings"
	"testing"
)

// The markup lists_html.go replaced in the templates, as the minified
// templates had it: the Go writers must give its bytes for any value.
const (
	linkTemplate      = `<a href="{{.URL}}">{{linkText .Text}}</a>`
	linkItemsTemplate = `{{range .}}<li><a href="{{.URL}}">{{linkText .Text}}</a>{{with .Note}} <span class="note">{{.}}</span>{{end}}</li>{{end}}`
	yearItemsTemplate = `{{range .}}<li><a href="{{.URL}}">{{linkText .Text}}</a> <span class="note">{{.Note}}</span></li>{{end}}`
	inlineTemplate    = `{{range .}} <a href="{{.URL}}">{{linkText .Text}}</a>{{end}}`
	yearbarTemplate   = `{{range .}}<li>{{if .Current}}<span class="current" aria-current="page">{{.Year}}年度</span>{{else if .URL}}<a href="{{.URL}}">{{.Year}}年度</a>{{else}}<span class="missing">{{.Year}}年度 未收录</span>{{end}}</li>{{end}}`
	timelineTemplate  = `{{range .}}<li{{if .Current}} class="current"{{end}}>{{if .Current}}<span aria-current="page">{{.Year}}年度（本篇）</span>{{else if .URL}}<a href="{{.URL}}">{{.Year}}年度</a>{{else}}<span class="missing">{{.Year}}年度 未收录</span>{{end}}</li>{{end}}`
	metaTemplate      = `{{range .}}<tr><th scope="row">{{.Label}}</th><td>{{.Value}}</td></tr>{{end}}`
	choiceTemplate    = `{{if .Current}}<span aria-current="page">{{.Text}}</span>{{else}}<a href="{{.URL}}">{{linkText .Text}}</a>{{end}}`
	switchTemplate    = `{{range .}}` + choiceTemplate + ` {{end}}`
	crumbTemplate     = `{{range .}}<li>` + choiceTemplate + `</li>{{end}}`
	tocTemplate       = `{{define "toc"}}<ol>{{range .}}<li><a href="{{.URL}}">{{linkText .Text}}</a>{{if .Children}}{{template "toc" .Children}}{{end}}</li>{{end}}</ol>{{end}}{{template "toc" .}}`
)

// listTemplate parses one of the templates above.
func listTemplate(text string) *template.Template {
	return template.Must(template.New("").Funcs(template.FuncMap{"linkText": linkText}).Parse(text))
}

// checkList fails t unless got is what tmpl makes of data.
func checkList(t *testing.T, name string, tmpl *template.Template, data any, got template.HTML) {
	t.Helper()
	var want strings.Builder
	if err := tmpl.Execute(&want, data); err != nil {
		t.Fatal(err)
	}
	if string(got) != want.String() {
		t.Errorf("%s:\n got %s\nwant %s", name, got, want.String())
	}
}

// TestListsMatchTemplates: each writer writes what its template wrote, for
// awkward URLs, texts and notes, a text that ends in a closing mark, nested
// contents and empty lists.
func TestListsMatchTemplates(t *testing.T) {
	texts := append(slices.Clone(awkward), "对照阅读（10项）", "〈a〉》", "）")
	one, items, years, toc := listTemplate(linkTemplate), listTemplate(linkItemsTemplate), listTemplate(yearItemsTemplate), listTemplate(tocTemplate)
	switches, crumbs, inline := listTemplate(switchTemplate), listTemplate(crumbTemplate), listTemplate(inlineTemplate)
	yearbar, timeline, meta := listTemplate(yearbarTemplate), listTemplate(timelineTemplate), listTemplate(metaTemplate)
	for i, url := range awkward {
		for j, text := range texts {
			note := texts[(i+j)%len(texts)]
			checkList(t, "linkTo", one, link{URL: url, Text: text}, linkTo(url, text))
			links := []link{{URL: url, Text: text, Note: note}, {URL: note, Text: url}}
			checkList(t, "linkItems", items, links, linkItems(links))
			checkList(t, "yearItems", years, links, yearItems(links))
			checkList(t, "inlineLinks", inline, links, inlineLinks(links))
			years := []timelineEntry{{Year: 2020 + i, URL: url}, {Year: -j, Current: true, URL: note}, {Year: 2024}, {Year: 0, URL: text}}
			checkList(t, "yearbarItems", yearbar, years, yearbarItems(years))
			checkList(t, "timelineItems", timeline, years, timelineItems(years))
			rows := []metaRow{{Label: text, Value: note}, {Label: url}}
			checkList(t, "metaRows", meta, rows, metaRows(rows))
			choices := []link{{URL: url, Text: text}, {URL: note, Text: text, Current: true}, {URL: text, Text: note}}
			checkList(t, "switchItems", switches, choices, switchItems(choices))
			checkList(t, "crumbItems", crumbs, choices, crumbItems(choices))
			nodes := []tocNode{{Text: text, URL: url, Children: []tocNode{{Text: note, URL: note, Children: []tocNode{{Text: url}}}, {Text: url}}}, {Text: note, URL: url}}
			checkList(t, "tocHTML", toc, nodes, tocHTML(nodes))
		}
	}
	checkList(t, "linkItems of none", items, []link(nil), linkItems(nil))
	checkList(t, "tocHTML of none", toc, []tocNode(nil), tocHTML(nil))
}

// FuzzLinkLists holds the writers to their templates for any URL, text and
// note.
func FuzzLinkLists(f *testing.F) {
	for _, v := range awkward {
		f.Add(v, v+"）", v)
	}
	items, toc, crumbs := listTemplate(linkItemsTemplate), listTemplate(tocTemplate), listTemplate(crumbTemplate)
	f.Fuzz(func(t *testing.T, url, text, note string) {
		links := []link{{URL: url, Text: text, Note: note}}
		checkList(t, "linkItems", items, links, linkItems(links))
		choices := []link{{URL: url, Text: text}, {URL: note, Text: note, Current: true}}
		checkList(t, "crumbItems", crumbs, choices, crumbItems(choices))
		nodes := []tocNode{{Text: text, URL: url, Children: []tocNode{{Text: note, URL: note}}}}
		checkList(t, "tocHTML", toc, nodes, tocHTML(nodes))
	})
}

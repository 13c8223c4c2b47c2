package site

import (
	"html/template"
	"testing"
)

// compareEntryTemplate is the "compare-entry" partial compareEntryHTML
// replaced, as the minified templates had it.
const compareEntryTemplate = `<article class="cmp-entry" id="{{.ID}}" aria-labelledby="{{.ID}}-h"><h2 id="{{.ID}}-h">{{if .HeadingURL}}<a href="{{.HeadingURL}}">{{linkText .Heading}}</a>{{else}}{{.Heading}}{{end}}</h2>` +
	`{{if or .Region .Date}}<p class="cmp-meta">{{.Region}}{{if and .Region .Date}} · {{end}}{{if .Date}}{{.DateLabel}} <time datetime="{{.Date}}">{{.Date}}</time>{{end}}</p>{{end}}` +
	`{{if .Note}}<p class="cmp-note">{{.Note}}{{if .ReportURL}}（<a href="{{.ReportURL}}">{{linkText .ReportText}}</a>）{{end}}</p>{{end}}` +
	`{{if .Sections}}<details class="cmp-fold" open data-fold-narrow><summary>{{.Heading}}的原文</summary>` +
	`{{range .Sections}}<section class="cmp-section"><p class="cmp-heading">原标题：<a href="{{.URL}}">{{linkText .Title}}</a></p><div class="doc">{{.HTML}}</div></section>{{end}}` +
	`{{if .ReportURL}}<p class="cmp-more"><a href="{{.ReportURL}}">{{linkText .ReportText}}</a></p>{{end}}</details>{{end}}</article>`

// changeBlocksTemplate is the loop of changes.html changeBlocks replaced.
const changeBlocksTemplate = `{{range .}}{{if .Same}}<details class="chg chg-same"><summary>与上一份报告相同的 {{.N}} 段</summary>{{.HTML}}</details>` +
	`{{else if .Edited}}<div class="chg chg-edited"><p class="chg-label">有改动</p>{{.HTML}}</div>` +
	`{{else if .Added}}<div class="chg chg-added"><p class="chg-label">新增的段落</p>{{.HTML}}</div>` +
	`{{else}}<div class="chg chg-removed"><p class="chg-label">上一份报告有、本篇删去的段落</p>{{.HTML}}</div>{{end}}{{end}}`

// TestChangeBlocksMatchTemplate: changeBlocks writes what the loop wrote,
// for each kind of block.
func TestChangeBlocksMatchTemplate(t *testing.T) {
	tmpl := listTemplate(changeBlocksTemplate)
	for _, v := range awkward {
		blocks := []changeBlock{{Same: true, N: 3, HTML: template.HTML(v)}, {Edited: true, N: 1, HTML: "<p>a<del>b</del></p>"}, {Added: true, HTML: template.HTML(v)}, {HTML: "<p>x</p>"}}
		checkList(t, "changeBlocks", tmpl, blocks, changeBlocks(blocks))
	}
	checkList(t, "changeBlocks of none", tmpl, []changeBlock(nil), changeBlocks(nil))
}

// TestCompareEntryMatchesTemplate: compareEntryHTML writes what the
// partial wrote, for awkward values, with and without each optional part.
func TestCompareEntryMatchesTemplate(t *testing.T) {
	tmpl := listTemplate(compareEntryTemplate)
	for i, v := range awkward {
		w := awkward[(i+1)%len(awkward)]
		secs := []compareSection{{Title: v, URL: w, HTML: template.HTML("<p>" + w + "</p>")}, {Title: w + "）", URL: v}}
		for _, e := range []compareEntry{
			{ID: v, Heading: w, HeadingURL: v, Region: w, DateLabel: v, Date: w, ReportURL: v, ReportText: w + "）", Sections: secs},
			{ID: w, Heading: v, Region: v, Note: w, ReportURL: w, ReportText: v},
			{ID: v, Heading: v, Date: v, DateLabel: w, Note: v},
			{ID: w, Heading: w, HeadingURL: w, Region: v, Sections: secs[:1]},
			{},
		} {
			checkList(t, "compareEntryHTML", tmpl, e, compareEntryHTML(e))
		}
	}
}

// FuzzCompareEntry holds compareEntryHTML to the partial for any values.
func FuzzCompareEntry(f *testing.F) {
	for _, v := range awkward {
		f.Add(v, v+"）", v)
	}
	tmpl := listTemplate(compareEntryTemplate)
	f.Fuzz(func(t *testing.T, a, b, c string) {
		e := compareEntry{ID: a, Heading: b, HeadingURL: c, Region: a, DateLabel: b, Date: c, Note: a, ReportURL: b, ReportText: c,
			Sections: []compareSection{{Title: a, URL: c, HTML: template.HTML(b)}}}
		checkList(t, "compareEntryHTML", tmpl, e, compareEntryHTML(e))
	})
}

package site

import "html/template"

// The blocks of the comparison and changes pages, written here rather
// than by their templates, which place them (the partial "compare-entry",
// changes.html): there are tens of thousands of such pages on a national
// site, each with dozens of blocks, and html/template calls each action's
// escapers through reflection. compare_html_test.go holds each writer to
// the markup it replaced.

// compareEntryHTML is one block of a comparison page: a town's (or a
// year's) sections of one kind, with its heading, its report's place and
// date, and links to the full report. Written by the template, a block
// made sixteen calls through reflection; here it is one.
func compareEntryHTML(e compareEntry) template.HTML {
	var b htmlBuf
	b.raw(`<article class="cmp-entry" id="`).attr(e.ID).raw(`" aria-labelledby="`).attr(e.ID).raw(`-h"><h2 id="`).attr(e.ID).raw(`-h">`)
	if e.HeadingURL != "" {
		b.link(e.HeadingURL, e.Heading)
	} else {
		b.text(e.Heading)
	}
	b.raw("</h2>")
	if e.Region != "" || e.Date != "" {
		b.raw(`<p class="cmp-meta">`).text(e.Region)
		if e.Region != "" && e.Date != "" {
			b.raw(" · ")
		}
		if e.Date != "" {
			b.text(e.DateLabel).raw(` <time datetime="`).attr(e.Date).raw(`">`).text(e.Date).raw("</time>")
		}
		b.raw("</p>")
	}
	if e.Note != "" {
		b.raw(`<p class="cmp-note">`).text(e.Note)
		if e.ReportURL != "" {
			b.raw("（").link(e.ReportURL, e.ReportText).raw("）")
		}
		b.raw("</p>")
	}
	if len(e.Sections) > 0 {
		b.raw(`<details class="cmp-fold" open data-fold-narrow><summary>`).text(e.Heading).raw("的原文</summary>")
		for _, s := range e.Sections {
			b.raw(`<section class="cmp-section"><p class="cmp-heading">原标题：`).link(s.URL, s.Title).raw(`</p><div class="doc">`).raw(string(s.HTML)).raw("</div></section>")
		}
		if e.ReportURL != "" {
			b.raw(`<p class="cmp-more">`).link(e.ReportURL, e.ReportText).raw("</p>")
		}
		b.raw("</details>")
	}
	b.raw("</article>")
	return b.html()
}

// changeBlocks is a changes page's blocks of one kind of section: a run of
// paragraphs carried over unchanged, folded away, or a paragraph edited,
// added or removed, each labelled in words.
func changeBlocks(blocks []changeBlock) template.HTML {
	var b htmlBuf
	for _, bl := range blocks {
		switch {
		case bl.Same:
			b.raw(`<details class="chg chg-same"><summary>与上一份报告相同的 `).int(bl.N).raw(" 段</summary>").raw(string(bl.HTML)).raw("</details>")
		case bl.Edited:
			b.raw(`<div class="chg chg-edited"><p class="chg-label">有改动</p>`).raw(string(bl.HTML)).raw("</div>")
		case bl.Added:
			b.raw(`<div class="chg chg-added"><p class="chg-label">新增的段落</p>`).raw(string(bl.HTML)).raw("</div>")
		default:
			b.raw(`<div class="chg chg-removed"><p class="chg-label">上一份报告有、本篇删去的段落</p>`).raw(string(bl.HTML)).raw("</div>")
		}
	}
	return b.html()
}

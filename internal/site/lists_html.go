package site

import "html/template"

// The lists pages repeat most, written here rather than by the templates:
// a report's contents, comparisons, years and 公文 elements, a town's and
// a region's links, every page's breadcrumbs. html/template calls each
// action's escapers through reflection, four calls a link, which made
// these lists much of what a page costs to render. The templates still
// place each list (the breadcrumbs, the switchers, the partials "toc",
// "links", "linkcols" and "years" call these); each writes exactly what
// the markup it replaced wrote (lists_html_test.go).

// linkTo is a link: <a href="{{url}}">{{linkText text}}</a> as
// html/template writes it, in one call. A page has dozens of links, and
// html/template calls four functions through reflection for each written
// in the template (three escapers of the URL, linkText); a link of the
// model is one call here.
func linkTo(url, text string) template.HTML {
	var b htmlBuf
	return b.link(url, text).html()
}

// link writes linkTo's markup.
func (h *htmlBuf) link(url, text string) *htmlBuf {
	return h.raw(`<a href="`).url(url).raw(`">`).raw(string(linkText(text))).raw("</a>")
}

// linkItems is a list's items: <li>, the link, and its note if it has one.
func linkItems(links []link) template.HTML {
	var b htmlBuf
	for _, l := range links {
		b.raw("<li>").link(l.URL, l.Text)
		if l.Note != "" {
			b.raw(` <span class="note">`).text(l.Note).raw("</span>")
		}
		b.raw("</li>")
	}
	return b.html()
}

// inlineLinks is links in a line of text: each after a space.
func inlineLinks(links []link) template.HTML {
	var b htmlBuf
	for _, l := range links {
		b.raw(" ").link(l.URL, l.Text)
	}
	return b.html()
}

// switchItems is a switcher's choices (other years, other parts): each a
// link, or the page itself as <span aria-current="page">, and a space.
func switchItems(links []link) template.HTML {
	var b htmlBuf
	for _, l := range links {
		b.choice(l).raw(" ")
	}
	return b.html()
}

// crumbItems is the breadcrumb trail's items, the last the page itself.
func crumbItems(links []link) template.HTML {
	var b htmlBuf
	for _, l := range links {
		b.raw("<li>").choice(l).raw("</li>")
	}
	return b.html()
}

// choice writes a link, or the page itself when the link is to it.
func (h *htmlBuf) choice(l link) *htmlBuf {
	if l.Current {
		return h.raw(`<span aria-current="page">`).text(l.Text).raw("</span>")
	}
	return h.link(l.URL, l.Text)
}

// yearbarItems is a report's town's years in the bar under its title:
// the report's own, a link to each other, 未收录 for a year the site has
// no report for.
func yearbarItems(years []timelineEntry) template.HTML {
	var b htmlBuf
	return b.townYears(years, `<li><span class="current" aria-current="page">`, "年度</span></li>").html()
}

// timelineItems is the same years in the report's aside.
func timelineItems(years []timelineEntry) template.HTML {
	var b htmlBuf
	return b.townYears(years, `<li class="current"><span aria-current="page">`, "年度（本篇）</span></li>").html()
}

// townYears writes a town's years as list items, the report's own year
// between open and close.
func (h *htmlBuf) townYears(years []timelineEntry, open, close string) *htmlBuf {
	for _, y := range years {
		switch {
		case y.Current:
			h.raw(open).int(y.Year).raw(close)
		case y.URL != "":
			h.raw(`<li><a href="`).url(y.URL).raw(`">`).int(y.Year).raw("年度</a></li>")
		default:
			h.raw(`<li><span class="missing">`).int(y.Year).raw("年度 未收录</span></li>")
		}
	}
	return h
}

// metaRows is the rows of a report's table of 公文 elements.
func metaRows(rows []metaRow) template.HTML {
	var b htmlBuf
	for _, r := range rows {
		b.raw(`<tr><th scope="row">`).text(r.Label).raw("</th><td>").text(r.Value).raw("</td></tr>")
	}
	return b.html()
}

// yearItems is a list of years: each its link and note, the note always
// there.
func yearItems(links []link) template.HTML {
	var b htmlBuf
	for _, l := range links {
		b.raw("<li>").link(l.URL, l.Text).raw(` <span class="note">`).text(l.Note).raw("</span></li>")
	}
	return b.html()
}

// tocHTML is a report's contents: an <ol> of its headings, each with the
// list of those under it.
func tocHTML(nodes []tocNode) template.HTML {
	var b htmlBuf
	b.toc(nodes)
	return b.html()
}

func (h *htmlBuf) toc(nodes []tocNode) {
	h.raw("<ol>")
	for _, n := range nodes {
		h.raw("<li>").link(n.URL, n.Text)
		if len(n.Children) > 0 {
			h.toc(n.Children)
		}
		h.raw("</li>")
	}
	h.raw("</ol>")
}

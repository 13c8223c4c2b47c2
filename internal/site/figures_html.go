package site

import "html/template"

// The figures' repeated markup, written here rather than by the templates:
// a report's 主要数据 list, a town's charts and a county's grid repeat a
// few elements hundreds of times a page, and html/template calls each
// action's escapers through reflection, which made these loops the larger
// part of what the figures cost a build. The templates still place each
// block (figureList, figureCharts, figureGrid); what a block holds is
// escaped by htmlBuf exactly as html/template escapes it, which
// TestFigureHTMLMatchesTemplates checks against the templates it replaces.

// figureList is a report's figures of each indicator: the <dt> and <dd>
// pairs of its 主要数据 list.
func figureList(groups []figureGroup) template.HTML {
	var b htmlBuf
	for _, g := range groups {
		b.raw("<dt>").text(g.Label).raw(`</dt><dd><ul class="figlist">`)
		for _, it := range g.Items {
			b.raw(`<li><a href="`).url(it.URL).raw(`">`).text(it.Written).raw(`</a><span class="figclause">`).text(it.Clause).raw("</span></li>")
		}
		b.raw("</ul></dd>")
	}
	return b.html()
}

// figureCharts is a town's indicators year by year: a <figure> each, the
// bar chart and the table of its figures.
func figureCharts(series []figureSeries) template.HTML {
	var b htmlBuf
	for _, s := range series {
		b.raw(`<figure class="figchart" aria-labelledby="fig-`).attr(s.ID).raw(`-cap"><figcaption id="fig-`).attr(s.ID).raw(`-cap">`).text(s.Label).
			raw(`</figcaption><svg viewBox="0 0 `).int(s.Width).raw(" ").int(s.Height).raw(`" preserveAspectRatio="none" role="img" aria-labelledby="fig-`).attr(s.ID).raw(`-t fig-`).attr(s.ID).
			raw(`-d"><title id="fig-`).attr(s.ID).raw(`-t">`).text(s.Label).raw(`历年数字</title><desc id="fig-`).attr(s.ID).raw(`-d">`).text(s.Summary).
			raw(`</desc><line class="base" x1="0" y1="`).int(s.Height).raw(`" x2="`).int(s.Width).raw(`" y2="`).int(s.Height).raw(`"/>`)
		for _, pt := range s.Points {
			if pt.Has {
				b.raw(`<rect x="`).int(pt.X).raw(`" y="`).int(pt.Y).raw(`" width="`).int(pt.W).raw(`" height="`).int(pt.H).raw(`"/>`)
			}
		}
		b.raw(`</svg><table class="figdata"><caption class="visually-hidden">`).text(s.Label).
			raw(`历年数字</caption><thead><tr><th scope="col">年度</th><th scope="col">报告中的数字</th></tr></thead><tbody>`)
		for _, pt := range s.Points {
			b.raw(`<tr><th scope="row"><a href="`).url(pt.Report).raw(`">`).int(pt.Year).raw("年度</a></th><td>")
			if pt.Has {
				b.raw(`<a href="`).url(pt.Item.URL).raw(`">`).text(pt.Item.Written).raw("</a>")
				if pt.Others != 0 {
					b.raw(`<span class="note">（另有`).int(pt.Others).raw("处）</span>")
				}
			} else {
				b.raw(`<span class="missing">未报告</span>`)
			}
			b.raw("</td></tr>")
		}
		b.raw("</tbody></table></figure>")
	}
	return b.html()
}

// figureGrid is a county's towns side by side: the rows of its table of
// figures, a cell per indicator.
func figureGrid(rows []countyFigureRow) template.HTML {
	var b htmlBuf
	for _, r := range rows {
		b.raw(`<tr><th scope="row"><a href="`).url(r.Report).raw(`">`).text(r.Town.Text).raw("</a></th>")
		for _, cell := range r.Cells {
			if len(cell) == 0 {
				b.raw(`<td><span class="missing">未报告</span></td>`)
				continue
			}
			b.raw(`<td><ul class="figlist">`)
			for _, it := range cell {
				b.raw(`<li><a href="`).url(it.URL).raw(`">`).text(it.Written).raw("</a></li>")
			}
			b.raw("</ul></td>")
		}
		b.raw("</tr>")
	}
	return b.html()
}

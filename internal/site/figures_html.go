package site

import (
	"html/template"
	"strconv"
	"strings"
)

// The figures' repeated markup, written here rather than by the templates:
// a report's 主要数据 list, a town's charts and a county's grid repeat a
// few elements hundreds of times a page, and html/template calls each
// action's escapers through reflection, which made these loops the larger
// part of what the figures cost a build. The templates still place each
// block (figureList, figureCharts, figureGrid); what a block holds is
// escaped here exactly as html/template escapes it, which
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

// htmlBuf writes HTML whose values are escaped as html/template escapes
// them in the same places.
type htmlBuf struct{ b []byte }

func (h *htmlBuf) html() template.HTML { return template.HTML(h.b) }

func (h *htmlBuf) raw(s string) *htmlBuf {
	h.b = append(h.b, s...)
	return h
}

func (h *htmlBuf) int(n int) *htmlBuf {
	h.b = strconv.AppendInt(h.b, int64(n), 10)
	return h
}

// text is a value in text, an RCDATA element (<title>) or a quoted
// attribute: html/template's htmlEscaper and attrEscaper, which share one
// table.
func (h *htmlBuf) text(s string) *htmlBuf {
	h.b = appendEscaped(h.b, s)
	return h
}

// attr is a value in a quoted attribute that is not a URL.
func (h *htmlBuf) attr(s string) *htmlBuf { return h.text(s) }

// url is a value that makes up the whole of a quoted URL attribute:
// html/template's urlFilter, urlNormalizer and attrEscaper in turn.
func (h *htmlBuf) url(s string) *htmlBuf {
	if !safeURL(s) {
		s = "#ZgotmplZ"
	}
	return h.text(normalizeURL(s))
}

// appendEscaped escapes s as html/template's htmlReplacementTable does.
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case 0:
			rep = "\uFFFD"
		case '"':
			rep = "&#34;"
		case '&':
			rep = "&amp;"
		case '\'':
			rep = "&#39;"
		case '+':
			rep = "&#43;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		default:
			continue
		}
		b = append(append(b, s[last:i]...), rep...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// safeURL says whether html/template's urlFilter lets a URL through: one
// without a scheme, or with http, https or mailto.
func safeURL(s string) bool {
	i := strings.IndexByte(s, ':')
	if i < 0 || strings.Contains(s[:i], "/") {
		return true
	}
	scheme := s[:i]
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// normalizeURL percent-encodes what html/template's urlNormalizer does:
// every byte but the unreserved and reserved characters of RFC 3986 other
// than the single quote and parentheses, and a % that starts no escape.
func normalizeURL(s string) string {
	var b []byte
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s)+16)
		}
		b = append(b, s[last:i]...)
		b = append(b, '%', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		last = i + 1
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

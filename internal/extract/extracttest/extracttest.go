// Package extracttest writes small files of each format extract reads — a
// Word document, a PDF, an OFD document and a saved portal page — so that
// tests build their own fixtures from a report's text.
package extracttest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"strings"
	"unicode/utf16"
)

// wrapAt is how many characters a line of a PDF or OFD page holds: a long
// paragraph breaks across lines as it does on an A4 page.
const wrapAt = 38

// wrap cuts a paragraph into the lines a page would show.
func wrap(p string) []string {
	r := []rune(p)
	if len(r) == 0 {
		return nil
	}
	var out []string
	for len(r) > wrapAt {
		out = append(out, string(r[:wrapAt]))
		r = r[wrapAt:]
	}
	return append(out, string(r))
}

// Pages sets text (one paragraph per line) on pages of perPage lines,
// with each paragraph wrapped as on an A4 page.
func Pages(text string, perPage int) [][]string {
	var pages [][]string
	var cur []string
	for _, p := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		for _, l := range wrap(strings.TrimRight(p, " \r")) {
			if len(cur) == perPage {
				pages = append(pages, cur)
				cur = nil
			}
			cur = append(cur, l)
		}
	}
	return append(pages, cur)
}

// Zip packs files (name → content) in the order of names.
func Zip(names []string, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			panic(err)
		}
		w.Write([]byte(files[n]))
	}
	zw.Close()
	return buf.Bytes()
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// Run is a run of text in a Word paragraph: plain, or inserted or
// deleted by a tracked change.
type Run struct {
	Text     string
	Ins, Del bool
}

// Para is a Word paragraph: its runs, and the list it is numbered by
// (NumID "" for none).
type Para struct {
	Runs  []Run
	NumID string
	Ilvl  int
	// Cells, when set, makes the paragraph a one-row table of these cells.
	Cells []string
	// Style is the paragraph's style: "Heading1" and "Heading2" are Word's
	// heading styles (named "heading 1", "heading 2"), "Normal" body text.
	Style string
}

// Text is a paragraph of plain text.
func Text(s string) Para { return Para{Runs: []Run{{Text: s}}} }

// DOCX writes a Word document of paras, with numbering.xml when it is not
// "" and the title property title.
func DOCX(paras []Para, numbering, title string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wordNS + `><w:body>`)
	for _, p := range paras {
		if p.Cells != nil {
			b.WriteString(`<w:tbl><w:tr>`)
			for _, c := range p.Cells {
				fmt.Fprintf(&b, `<w:tc><w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p></w:tc>`, html.EscapeString(c))
			}
			b.WriteString(`</w:tr></w:tbl>`)
			continue
		}
		b.WriteString(`<w:p><w:pPr>`)
		if p.Style != "" {
			fmt.Fprintf(&b, `<w:pStyle w:val="%s"/>`, p.Style)
		}
		b.WriteString(`<w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs>`)
		if p.NumID != "" {
			fmt.Fprintf(&b, `<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%s"/></w:numPr>`, p.Ilvl, p.NumID)
		}
		b.WriteString(`</w:pPr>`)
		for _, r := range p.Runs {
			t := html.EscapeString(r.Text)
			switch {
			case r.Del:
				fmt.Fprintf(&b, `<w:del w:id="1" w:author="a"><w:r><w:delText>%s</w:delText></w:r></w:del>`, t)
			case r.Ins:
				fmt.Fprintf(&b, `<w:ins w:id="2" w:author="a"><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:ins>`, t)
			default:
				fmt.Fprintf(&b, `<w:r><w:t xml:space="preserve">%s</w:t></w:r>`, t)
			}
		}
		b.WriteString(`</w:p>`)
	}
	b.WriteString(`<w:sectPr/></w:body></w:document>`)
	files := map[string]string{
		"[Content_Types].xml":          `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`,
		"_rels/.rels":                  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
		"word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>`,
		"word/document.xml":            b.String(),
		"word/numbering.xml":           `<?xml version="1.0" encoding="UTF-8"?><w:numbering ` + wordNS + `>` + numbering + `</w:numbering>`,
		"word/styles.xml": `<?xml version="1.0" encoding="UTF-8"?><w:styles ` + wordNS + `>` +
			`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>` +
			`<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
			`<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>` +
			`<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="标题 2"/><w:basedOn w:val="Normal"/></w:style>` +
			`</w:styles>`,
		"docProps/core.xml": `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>` + html.EscapeString(title) + `</dc:title></cp:coreProperties>`,
	}
	return Zip([]string{"[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml", "word/numbering.xml", "word/styles.xml", "docProps/core.xml"}, files)
}

// DOCXText writes a Word document with one paragraph per line of text.
func DOCXText(text string) []byte {
	var paras []Para
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		paras = append(paras, Text(strings.TrimRight(l, "\r")))
	}
	return DOCX(paras, "", "")
}

// OFD writes an OFD document with these pages of lines, each line a text
// object 4.2 mm high, and a running footer "第 N 页" on every page.
func OFD(pages [][]string) []byte {
	files := map[string]string{
		"OFD.xml": `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
	}
	names := []string{"OFD.xml", "Doc_0/Document.xml"}
	var doc strings.Builder
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>`)
	id := 1
	for i, pg := range pages {
		fmt.Fprintf(&doc, `<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>`, 1000+i, i)
		var c strings.Builder
		c.WriteString(`<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="1">`)
		obj := func(x, y float64, s string) {
			id++
			fmt.Fprintf(&c, `<ofd:TextObject ID="%d" Boundary="%.2f %.2f 160 6" Font="1" Size="4.2"><ofd:TextCode X="0" Y="4.2">%s</ofd:TextCode></ofd:TextObject>`, id, x, y, html.EscapeString(s))
		}
		for j, l := range pg {
			obj(25, 30+float64(j)*7, l)
		}
		obj(95, 280, fmt.Sprintf("— %d —", i+1))
		c.WriteString(`</ofd:Layer></ofd:Content></ofd:Page>`)
		name := fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i)
		files[name] = c.String()
		names = append(names, name)
	}
	doc.WriteString(`</ofd:Pages></ofd:Document>`)
	files["Doc_0/Document.xml"] = doc.String()
	return Zip(names, files)
}

// PDF writes a PDF with these pages of lines in a CID font whose codes are
// the characters' Unicode values, with a ToUnicode map, so that pdftotext
// reads the text back; every page has a running header and a page number.
func PDF(pages [][]string, header string) []byte {
	var objs []string
	add := func(s string) int { objs = append(objs, s); return len(objs) }
	stream := func(data string) string {
		return fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(data), data)
	}
	catalog := add("") // filled in below
	pagesObj := add("")
	var cmap strings.Builder
	cmap.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for hi := 0; hi < 256; hi += 64 {
		fmt.Fprintf(&cmap, "%d beginbfrange\n", 64)
		for h := hi; h < hi+64; h++ {
			fmt.Fprintf(&cmap, "<%02X00> <%02XFF> <%02X00>\n", h, h, h)
		}
		cmap.WriteString("endbfrange\n")
	}
	cmap.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	toUni := add(stream(cmap.String()))
	cid := add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 /W [32 126 500] /CIDToGIDMap /Identity >>")
	font := add(fmt.Sprintf("<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>", cid, toUni))
	hex := func(s string) string {
		var b strings.Builder
		for _, u := range utf16.Encode([]rune(s)) {
			fmt.Fprintf(&b, "%04X", u)
		}
		return b.String()
	}
	var kids []string
	for i, pg := range pages {
		var c strings.Builder
		line := func(x, y float64, s string) {
			fmt.Fprintf(&c, "BT /F1 12 Tf 1 0 0 1 %.0f %.0f Tm <%s> Tj ET\n", x, y, hex(s))
		}
		if header != "" {
			line(72, 800, header)
		}
		for j, l := range pg {
			line(60, 760-float64(j)*20, l)
		}
		line(290, 40, fmt.Sprintf("- %d -", i+1))
		content := add(stream(c.String()))
		kids = append(kids, fmt.Sprintf("%d 0 R", add(fmt.Sprintf("<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>", pagesObj, font, content))))
	}
	objs[catalog-1] = fmt.Sprintf("<< /Type /Catalog /Pages %d 0 R >>", pagesObj)
	objs[pagesObj-1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))
	var out bytes.Buffer
	out.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = out.Len()
		fmt.Fprintf(&out, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&out, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&out, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, catalog, xref)
	return out.Bytes()
}

// PortalPage writes an article page as a county portal serves it: a
// banner with the site's name, a menu, the article's title, a metadata
// table, the body's paragraphs, a list of related links and a footer.
func PortalPage(title string, meta [][2]string, paras []string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s_某某县人民政府</title><meta name="ArticleTitle" content="%s"><script>var x = "不是正文";</script><style>.a{}</style></head><body>`, html.EscapeString(title), html.EscapeString(title))
	b.WriteString(`<div class="header"><h1 class="logo">某某县人民政府</h1><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>`)
	b.WriteString(`<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a></div>`)
	fmt.Fprintf(&b, `<div class="article"><div class="article-title">%s</div><table class="xxgk">`, html.EscapeString(title))
	for _, m := range meta {
		fmt.Fprintf(&b, `<tr><td>%s：</td><td>%s</td></tr>`, html.EscapeString(m[0]), html.EscapeString(m[1]))
	}
	b.WriteString(`</table><div class="article-content" id="zoom">`)
	for _, p := range paras {
		fmt.Fprintf(&b, `<p style="text-indent:2em">%s</p>`, html.EscapeString(p))
	}
	b.WriteString(`<p style="display:none">隐藏的文字</p></div></div>`)
	b.WriteString(`<div class="related"><h3>相关文章</h3><ul><li><a href="/a/1.html">某某镇2022年法治政府建设情况报告</a></li><li><a href="/a/2.html">某某乡2023年法治政府建设情况报告</a></li></ul></div>`)
	b.WriteString(`<div class="footer">主办：某某县人民政府办公室　地址：某某路1号<br>网站标识码：5001000001</div></body></html>`)
	return []byte(b.String())
}

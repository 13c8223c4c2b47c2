package content

import (
	"bufio"
	"bytes"
	"fmt"
	stdhtml "html"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"nianbao/internal/report"
)

// Heading is one heading of a report body, as listed in a table of contents.
type Heading struct {
	// Level is the Markdown level: 2 for "##" (a top-level section), 3, 4….
	Level int
	// ID is the positional anchor (see SectionID); empty for a level-1 heading,
	// which a body must not contain.
	ID   string
	Text string
	// Line is the 1-based line of the heading within the body.
	Line int
}

// RenderedSection is one top-level ("##") section of a rendered body.
type RenderedSection struct {
	Heading
	// HTML is the section after its heading, sub-headings carrying their IDs.
	HTML string
	// BareHTML is HTML without heading IDs, for pages that show sections of
	// several reports together, where positional IDs would repeat.
	BareHTML string
	// Plain is the section's plain text after its heading, one line per
	// paragraph, sub-heading or table cell, for search indexes.
	Plain string
}

// Rendered is a report body turned into HTML, with the parts pages need on
// their own.
type Rendered struct {
	// HTML is the whole body.
	HTML string
	// LeadHTML is what comes before the first "##" heading.
	LeadHTML string
	// LeadText is the plain text of the lead's paragraphs, joined by newlines.
	LeadText string
	// LeadPlain is the plain text of the whole lead as Plain gives a
	// section's: every block, lists, tables and stray headings included.
	LeadPlain string
	// TOC lists every heading in document order.
	TOC      []Heading
	Sections []RenderedSection
}

// Markdown is the project's one goldmark setup: CJK line breaks, GFM tables,
// safe HTML with raw HTML shown as text, and positional heading IDs. It is safe
// for concurrent use.
type Markdown struct {
	md goldmark.Markdown
}

// NewMarkdown returns the Markdown renderer.
func NewMarkdown() *Markdown {
	md := goldmark.New(
		goldmark.WithExtensions(extension.CJK, extension.Table),
		// Auto heading IDs stay off (goldmark's generator keeps only ASCII and
		// would call every Chinese heading "heading"); Render sets them by
		// position. html.WithUnsafe is never given: raw HTML stays out.
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(&plainRenderer{}, 100)),
		),
	)
	return &Markdown{md: md}
}

// Render parses body once, assigns heading IDs by position, and renders the
// same tree whole and by section. body must be UTF-8, as Parse ensures:
// goldmark's CJK line breaks read the rune before a line's end, and panic
// on a byte that starts none.
func (m *Markdown) Render(body []byte) (*Rendered, error) {
	return m.render(body, true)
}

// RenderParts is Render without the whole-body HTML and the sections'
// BareHTML: the parts a site build shows. Pages that need a section without
// heading IDs can remove them with BareHTML.
func (m *Markdown) RenderParts(body []byte) (*Rendered, error) {
	return m.render(body, false)
}

func (m *Markdown) render(body []byte, all bool) (*Rendered, error) {
	if bytes.IndexByte(body, 0) >= 0 {
		// CommonMark shows a NUL as U+FFFD. Replaced before parsing, it is
		// one in every view (links refused, raw HTML, code), not only in
		// the text goldmark's writer escapes.
		body = bytes.ReplaceAll(body, []byte{0}, []byte("\uFFFD"))
	}
	doc := m.md.Parser().Parse(text.NewReader(body), parser.WithContext(parser.NewContext()))
	out := &Rendered{}
	lines := newLineIndex(body)

	top := numberHeadings(doc, body, lines, out)

	r := m.md.Renderer()
	var buf renderBuf
	buf.Grow(len(body) + len(body)/4)
	if all {
		if err := r.Render(&buf.Buffer, body, doc); err != nil {
			return nil, fmt.Errorf("render markdown: %w", err)
		}
		out.HTML = withoutControls(buf.String())
	}

	lead, groups := splitSections(doc)
	var err error
	if out.LeadHTML, err = renderNodes(r, &buf, body, lead); err != nil {
		return nil, err
	}
	var leadText []string
	for _, n := range lead {
		if p, ok := n.(*ast.Paragraph); ok {
			leadText = append(leadText, plainText(p, body))
		}
	}
	out.LeadText = strings.Join(leadText, "\n")
	out.LeadPlain = blockText(lead, body)

	out.Sections = make([]RenderedSection, len(groups))
	for i := range groups {
		s := RenderedSection{Heading: out.TOC[top[i]]}
		if s.HTML, err = renderNodes(r, &buf, body, groups[i]); err != nil {
			return nil, err
		}
		s.Plain = blockText(groups[i], body)
		out.Sections[i] = s
	}
	if !all {
		return out, nil
	}

	// Render the sections again without IDs. Attributes are the only thing
	// that changes, so the tree is reused rather than parsed again.
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			h.RemoveAttributes()
		}
	}
	for i := range out.Sections {
		if out.Sections[i].BareHTML, err = renderNodes(r, &buf, body, groups[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// numberHeadings gives every heading of levels 2 and below its positional
// ID (counters[l] counts headings of level l within their enclosing heading
// of level l-1), lists them all in out.TOC, and returns the indexes in
// out.TOC of the "##" headings.
func numberHeadings(doc ast.Node, body []byte, lines lineIndex, out *Rendered) (top []int) {
	var counters [7]int
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if !ok {
			continue
		}
		hd := Heading{Level: h.Level, Text: plainText(h, body), Line: lines.lineOf(blockStart(h))}
		if h.Level >= 2 {
			counters[h.Level]++
			for l := h.Level + 1; l < len(counters); l++ {
				counters[l] = 0
			}
			path := make([]int, 0, h.Level-1)
			for l := 2; l <= h.Level; l++ {
				path = append(path, counters[l])
			}
			hd.ID = SectionID(path...)
			h.SetAttributeString("id", []byte(hd.ID))
		}
		if h.Level == 2 {
			top = append(top, len(out.TOC))
		}
		out.TOC = append(out.TOC, hd)
	}
	return top
}

// splitSections splits the top-level blocks into the lead and the blocks of
// each "##" section.
func splitSections(doc ast.Node) (lead []ast.Node, groups [][]ast.Node) {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			groups = append(groups, nil)
			continue
		}
		if len(groups) == 0 {
			lead = append(lead, n)
			continue
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], n)
	}
	return lead, groups
}

// BareHTML removes the IDs Render gives sub-headings from a section's HTML
// (rendered or minified), giving what RenderedSection.BareHTML holds. The
// heading tags are the only ones Render gives an id, and text never holds
// a raw "<", so the tags are found by their exact form.
func BareHTML(html string) string {
	if !strings.Contains(html, " id=\"") {
		return html
	}
	var b strings.Builder
	b.Grow(len(html))
	for {
		i := strings.Index(html, "<h")
		if i < 0 || i+3 >= len(html) {
			break
		}
		level := html[i+2]
		rest := html[i+3:]
		if level < '1' || level > '6' || !strings.HasPrefix(rest, ` id="`) {
			b.WriteString(html[:i+3])
			html = rest
			continue
		}
		end := strings.IndexByte(rest[5:], '"')
		if end < 0 || !strings.HasPrefix(rest[5+end+1:], ">") {
			b.WriteString(html[:i+3])
			html = rest
			continue
		}
		b.WriteString(html[:i+3])
		html = rest[5+end+1:]
	}
	b.WriteString(html)
	return b.String()
}

// renderBuf is where renderNodes renders: a buffer, and the buffered
// writer goldmark writes through. goldmark makes a writer of 4 KB for each
// Render call unless it is handed one, and a report renders a node at a
// time: 2.9 GB of the 33 GB a build of 20,000 reports allocated.
type renderBuf struct {
	bytes.Buffer
	w *bufio.Writer
}

// renderNodes renders nodes into a string, using buf as scratch space.
func renderNodes(r renderer.Renderer, buf *renderBuf, source []byte, nodes []ast.Node) (string, error) {
	buf.Reset()
	if buf.w == nil {
		buf.w = bufio.NewWriter(&buf.Buffer)
	}
	buf.w.Reset(&buf.Buffer)
	for _, n := range nodes {
		// Render flushes the writer when it is done.
		if err := r.Render(buf.w, source, n); err != nil {
			return "", fmt.Errorf("render markdown: %w", err)
		}
	}
	if err := buf.w.Flush(); err != nil {
		return "", err
	}
	return withoutControls(buf.String()), nil
}

// blockText is the plain text of block nodes: one line for every block
// that holds inline content (paragraph, heading, table cell), and raw HTML
// and code as the text they are shown as, a line for each of their lines.
func blockText(nodes []ast.Node, source []byte) string {
	var lines []string
	for _, n := range nodes {
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering || c.Type() != ast.TypeBlock {
				return ast.WalkContinue, nil
			}
			if hb, ok := c.(*ast.HTMLBlock); ok {
				for i := 0; i < hb.Lines().Len(); i++ {
					seg := hb.Lines().At(i)
					lines = append(lines, shownLine(seg.Value(source)))
				}
				if hb.HasClosure() { // shown too (plainRenderer.htmlBlock)
					lines = append(lines, shownLine(hb.ClosureLine.Value(source)))
				}
				return ast.WalkSkipChildren, nil
			}
			switch c.(type) {
			case *ast.CodeBlock, *ast.FencedCodeBlock:
				// Text indented by four spaces, as a hand-edited file may
				// indent its paragraphs: the page shows it as written.
				for i := 0; i < c.Lines().Len(); i++ {
					seg := c.Lines().At(i)
					if l := shownLine(seg.Value(source)); strings.TrimSpace(l) != "" {
						lines = append(lines, l)
					}
				}
				return ast.WalkSkipChildren, nil
			}
			if f := c.FirstChild(); f != nil && f.Type() == ast.TypeInline {
				if t := plainText(c, source); t != "" {
					lines = append(lines, t)
				}
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
	}
	return withoutControls(strings.Join(lines, "\n"))
}

// shownLine is a line of raw HTML or code as the page shows it.
func shownLine(v []byte) string {
	return strings.TrimRight(string(v), "\n")
}

// plainText returns the text a reader sees of n's inline content, without
// markup: the text of titles, the table of contents, descriptions and the
// open data. Escapes and entity references are resolved as the HTML
// renderer resolves them ("\[2023\]" is "[2023]", "&amp;" is "&"), and
// what plainRenderer shows as written (raw HTML, links it refuses, images)
// is written the same way.
func plainText(n ast.Node, source []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		switch t := c.(type) {
		case *ast.Link:
			if !allowedURL(t.Destination) {
				writeRefusedLink(&b, "[", t.Destination, entering)
			}
			return ast.WalkContinue, nil
		case *ast.Image:
			writeRefusedLink(&b, "![", t.Destination, entering)
			return ast.WalkContinue, nil
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			v := t.Segment.Value(source)
			switch {
			case !t.IsRaw():
				writeShown(&b, v)
			case bytes.HasSuffix(v, []byte("\n")):
				// A code span's line end shows as a space.
				b.Write(v[:len(v)-1])
				b.WriteByte(' ')
			default:
				b.Write(v)
			}
			if t.SoftLineBreak() || t.HardLineBreak() {
				// A line break between CJK characters is not a space (the CJK
				// extension drops it in HTML too); elsewhere it is one.
				b.WriteByte('\n')
			}
		case *ast.String:
			if t.IsRaw() || t.IsCode() {
				b.Write(t.Value)
			} else {
				writeShown(&b, t.Value)
			}
		case *ast.RawHTML:
			for i := 0; i < t.Segments.Len(); i++ {
				s := t.Segments.At(i)
				b.Write(s.Value(source))
			}
		case *ast.AutoLink:
			label := t.Label(source)
			if u := t.URL(source); t.AutoLinkType == ast.AutoLinkEmail || allowedURL(u) {
				b.Write(label)
			} else {
				b.WriteString("<" + string(label) + ">")
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return withoutControls(joinLines(b.String()))
}

// writeRefusedLink writes the Markdown around the text of a link or image
// that plainRenderer shows as written.
func writeRefusedLink(b *strings.Builder, open string, dest []byte, entering bool) {
	if entering {
		b.WriteString(open)
		return
	}
	b.WriteString("](")
	b.Write(dest)
	b.WriteByte(')')
}

// textWriter resolves inline text as the site's renderer does (goldmark's
// own writer, with the CJK extension's escaped space), so that plain text
// and HTML can never disagree.
var textWriter = html.NewWriter(html.WithEscapedSpace())

// writeShown writes the text a reader sees of a text segment's Markdown:
// backslash escapes removed, entity references resolved (a NUL is U+FFFD
// already: render replaces it before parsing).
func writeShown(b *strings.Builder, v []byte) {
	if !bytes.ContainsAny(v, "\\&") {
		b.Write(v)
		return
	}
	var out bytes.Buffer
	w := bufio.NewWriter(&out)
	textWriter.Write(w, v)
	_ = w.Flush()
	// The writer writes HTML; its text is what a reader sees.
	b.WriteString(stdhtml.UnescapeString(out.String()))
}

// withoutControls removes what no page or feed may carry: control
// characters (report.IsControl) and form feeds. The importer never writes
// them, but a hand-written file may hold them, raw or as a character
// reference ("&#27;"), and XML 1.0 forbids most of them in feed.xml.
func withoutControls(s string) string {
	if !report.HasControl(s) && strings.IndexByte(s, '\f') < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if report.IsControl(r) || r == '\f' {
			return -1
		}
		return r
	}, s)
}

// joinLines removes the line breaks plainText kept, dropping them between two
// CJK characters and turning them into a space otherwise.
func joinLines(s string) string {
	if !strings.Contains(s, "\n") {
		return strings.TrimSpace(s)
	}
	parts := strings.Split(s, "\n")
	var b strings.Builder
	b.Grow(len(s))
	var last rune // the last rune written
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if i > 0 && p != "" && b.Len() > 0 {
			first, _ := utf8.DecodeRuneInString(p)
			if !isWide(last) || !isWide(first) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
		if p != "" {
			last, _ = utf8.DecodeLastRuneInString(p)
		}
	}
	return b.String()
}

func isWide(r rune) bool {
	return util.IsEastAsianWideRune(r)
}

func blockStart(n ast.Node) int {
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	return 0
}

// lineIndex maps byte offsets of a body to 1-based line numbers.
type lineIndex []int

func newLineIndex(b []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range b {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (idx lineIndex) lineOf(off int) int {
	lo, hi := 0, len(idx)
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if idx[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo + 1
}

// plainRenderer overrides goldmark's renderers for what a report must never
// turn into markup: raw HTML is shown as the text it is, links other than
// http(s) and mailto are shown as the Markdown source they came from, and
// images (which would load from elsewhere) are shown as text.
type plainRenderer struct{}

func (p *plainRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, p.htmlBlock)
	reg.Register(ast.KindRawHTML, p.rawHTML)
	reg.Register(ast.KindLink, p.link)
	reg.Register(ast.KindAutoLink, p.autoLink)
	reg.Register(ast.KindImage, p.image)
}

func (p *plainRenderer) htmlBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if !entering {
		return ast.WalkContinue, nil
	}
	var raw bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		s := n.Lines().At(i)
		raw.Write(s.Value(source))
	}
	if n.HasClosure() {
		raw.Write(n.ClosureLine.Value(source))
	}
	_, _ = w.WriteString("<p>")
	writeEscapedLines(w, bytes.TrimRight(raw.Bytes(), "\n"))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

func writeEscapedLines(w util.BufWriter, b []byte) {
	for i, line := range bytes.Split(b, []byte("\n")) {
		if i > 0 {
			_, _ = w.WriteString("<br>\n")
		}
		_, _ = w.Write(util.EscapeHTML(line))
	}
}

func (p *plainRenderer) rawHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := 0; i < n.Segments.Len(); i++ {
		s := n.Segments.At(i)
		_, _ = w.Write(util.EscapeHTML(s.Value(source)))
	}
	return ast.WalkSkipChildren, nil
}

// allowedURL reports whether a link destination may become a link: only web
// and mail addresses, so that no script, data or file URL and no relative
// path (which could not resolve on the site) becomes one.
func allowedURL(dest []byte) bool {
	d := strings.ToLower(strings.TrimSpace(string(dest)))
	return strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "mailto:")
}

func (p *plainRenderer) link(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if allowedURL(n.Destination) {
		if entering {
			_, _ = w.WriteString(`<a href="`)
			_, _ = w.Write(util.EscapeHTML(util.URLEscape(n.Destination, true)))
			_, _ = w.WriteString(`" rel="noopener noreferrer">`)
		} else {
			_, _ = w.WriteString("</a>")
		}
		return ast.WalkContinue, nil
	}
	if entering {
		_ = w.WriteByte('[')
	} else {
		_, _ = w.WriteString("](")
		_, _ = w.Write(util.EscapeHTML(n.Destination))
		_ = w.WriteByte(')')
	}
	return ast.WalkContinue, nil
}

func (p *plainRenderer) autoLink(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	url := n.URL(source)
	if n.AutoLinkType == ast.AutoLinkEmail {
		url = append([]byte("mailto:"), url...)
	}
	if !allowedURL(url) {
		_, _ = w.WriteString("&lt;")
		_, _ = w.Write(util.EscapeHTML(n.Label(source)))
		_, _ = w.WriteString("&gt;")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(url, false)))
	_, _ = w.WriteString(`" rel="noopener noreferrer">`)
	_, _ = w.Write(util.EscapeHTML(n.Label(source)))
	_, _ = w.WriteString("</a>")
	return ast.WalkContinue, nil
}

func (p *plainRenderer) image(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Image)
	if entering {
		_, _ = w.WriteString("![")
	} else {
		_, _ = w.WriteString("](")
		_, _ = w.Write(util.EscapeHTML(n.Destination))
		_ = w.WriteByte(')')
	}
	return ast.WalkContinue, nil
}

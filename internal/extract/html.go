package extract

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// readHTML reads a portal's article page saved from the browser: the
// article — its title, metadata table and body — without the site's menus,
// link lists and footer. The body is the smallest element that holds
// nearly all of the page's text outside links; the article is what it and
// the page's title element have in common. Its text comes out block by
// block, a table row's cells set apart by two spaces, as a copy from the
// browser would give it.
func readHTML(data []byte) (*Result, error) {
	enc, _, _ := charset.DetermineEncoding(data, "text/html")
	utf8, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(data)))
	if err != nil {
		return nil, errors.New("网页的文字编码无法识别：请在浏览器中打开该页，全选正文复制，另存为 .txt 放入 sources/")
	}
	doc, err := html.Parse(bytes.NewReader(utf8))
	if err != nil {
		return nil, errors.New("网页无法解析：请在浏览器中打开该页，全选正文复制，另存为 .txt 放入 sources/")
	}
	prune(doc)
	h := &htmlPage{counts: map[*html.Node]int{}, size: map[*html.Node]int{}, links: map[*html.Node]bool{}}
	h.count(doc)
	body := h.bodyElement(doc)
	if body == nil || h.counts[body] == 0 {
		return nil, errors.New("网页中找不到正文（页面可能要靠脚本加载正文）：请在浏览器中打开该页，全选正文复制，另存为 .txt 放入 sources/")
	}
	metaTitle := metaContent(doc, "ArticleTitle")
	page := pageTitle(doc)
	region := body
	lead := metaTitle
	if t := h.titleElement(doc, body, metaTitle); t != nil {
		// The article is what the title and the body have in common,
		// unless that takes in much of the site's own text (the title
		// found was the site's name in its banner).
		if lca := commonAncestor(t, body); h.counts[lca]-h.counts[body] <= max(300, h.counts[body]/5) {
			region = lca
		}
		if lead == "" {
			lead = strings.TrimSpace(textOf(t))
		}
	}
	b := blockWriter{counts: h.counts, links: h.links}
	b.write(region)
	text := b.lines()
	title := metaTitle
	if title == "" {
		title = page
	}
	// A page whose article region leaves its title out (the title sits in
	// the page's banner or head only): the title the page gives leads.
	lead = strings.Join(strings.Fields(lead), " ")
	if lead != "" && !strings.Contains(strings.Join(text, ""), lead) {
		text = append([]string{lead}, text...)
	}
	return &Result{Text: []byte(strings.Join(text, "\n") + "\n"), Title: title}, nil
}

// prune removes what a reader never sees as the article: scripts, styles,
// forms, navigation, hidden elements and comments.
func prune(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		drop := c.Type == html.CommentNode
		if c.Type == html.ElementNode {
			switch c.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Nav, atom.Form, atom.Select,
				atom.Button, atom.Iframe, atom.Object, atom.Svg, atom.Input, atom.Textarea:
				drop = true
			}
			if st := strings.ReplaceAll(strings.ToLower(getAttr(c, "style")), " ", ""); strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden") {
				drop = true
			}
			if _, hidden := hasAttr(c, "hidden"); hidden {
				drop = true
			}
		}
		switch {
		case drop:
			n.RemoveChild(c)
		case c.DataAtom != atom.Head: // the head keeps <title> and <meta>
			prune(c)
		}
		c = next
	}
}

func getAttr(n *html.Node, key string) string {
	v, _ := hasAttr(n, key)
	return v
}

func hasAttr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// htmlPage counts, once for the whole page, the Chinese characters
// outside links under each node, the bytes of text under it and whether it
// holds a link: reading them again for each element would take time that
// grows with the square of a deeply nested page.
type htmlPage struct {
	counts map[*html.Node]int
	size   map[*html.Node]int
	links  map[*html.Node]bool
}

func (h *htmlPage) count(n *html.Node) (han, size int, link bool) {
	link = n.Type == html.ElementNode && n.DataAtom == atom.A
	if n.Type == html.TextNode {
		size = len(n.Data)
		for _, r := range n.Data {
			if r >= 0x4E00 && r <= 0x9FFF {
				han++
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		ch, cs, cl := h.count(c)
		han, size, link = han+ch, size+cs, link || cl
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.A {
		han = 0
	}
	h.counts[n], h.size[n], h.links[n] = han, size, link
	return han, size, link
}

// bodyElement is the element that holds the most text of its own: the
// text of each paragraph counts for the element that holds the paragraph,
// other text for the block it stands in, and link text not at all (menus
// and lists of other articles are links).
func (h *htmlPage) bodyElement(doc *html.Node) *html.Node {
	score := map[*html.Node]int{}
	var best *html.Node
	var walk func(n, block *html.Node)
	walk = func(n, block *html.Node) {
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.A {
				return
			}
			if blockAtoms[n.DataAtom] || n.DataAtom == atom.Td || n.DataAtom == atom.Th || n.DataAtom == atom.Body {
				block = n
			}
		}
		if n.Type == html.TextNode && block != nil {
			at := block
			if block.DataAtom == atom.P && block.Parent != nil {
				at = block.Parent
			}
			score[at] += h.counts[n]
			if best == nil || score[at] > score[best] {
				best = at
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, block)
		}
	}
	walk(doc, nil)
	return best
}

func findAtom(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := findAtom(c, a); f != nil {
			return f
		}
	}
	return nil
}

// reTitleClass matches the class or id portals give an article's title.
var reTitleClass = regexp.MustCompile(`(?i)(^|[-_ ])(title|tit|bt|biaoti|article-?title|detail-?title|news-?title|xl-?title)([-_ ]|$)`)

// titleElement finds the element that shows the article's title before
// body: the one whose text is the page's ArticleTitle, or else an <h1>, or
// an element whose class or id says title. Nil when none lies before body.
func (h *htmlPage) titleElement(doc, body *html.Node, metaTitle string) *html.Node {
	var byMeta, byClass, byH1 *html.Node
	want := strings.Join(strings.Fields(metaTitle), "")
	var walk func(n *html.Node) bool // false once body is reached
	walk = func(n *html.Node) bool {
		if n == body {
			return false
		}
		if n.Type == html.ElementNode && h.size[n] <= 1000 {
			text := strings.Join(strings.Fields(textOf(n)), "")
			if text != "" && len([]rune(text)) <= 120 {
				switch {
				case want != "" && text == want && byMeta == nil:
					byMeta = n
				case (n.DataAtom == atom.H1 || n.DataAtom == atom.H2) && byH1 == nil:
					byH1 = n
				case byClass == nil && (reTitleClass.MatchString(getAttr(n, "class")) || reTitleClass.MatchString(getAttr(n, "id"))):
					byClass = n
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if !walk(c) {
				return false
			}
		}
		return true
	}
	if b := findAtom(doc, atom.Body); b != nil {
		walk(b)
	}
	for _, n := range []*html.Node{byMeta, byClass, byH1} {
		if n != nil {
			return n
		}
	}
	return nil
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func commonAncestor(a, b *html.Node) *html.Node {
	seen := map[*html.Node]bool{}
	for n := a; n != nil; n = n.Parent {
		seen[n] = true
	}
	for n := b; n != nil; n = n.Parent {
		if seen[n] {
			return n
		}
	}
	return b
}

func metaContent(doc *html.Node, name string) string {
	var out string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if out != "" {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Meta && strings.EqualFold(getAttr(n, "name"), name) {
			out = strings.TrimSpace(getAttr(n, "content"))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// pageTitle is the page's <title>, with the site's name it carries.
func pageTitle(doc *html.Node) string {
	if t := findAtom(doc, atom.Title); t != nil {
		return strings.TrimSpace(textOf(t))
	}
	return ""
}

// blockWriter sets an element's text in lines as a browser shows it,
// leaving out blocks that hold only links (a menu, a list of other
// articles).
type blockWriter struct {
	counts map[*html.Node]int
	links  map[*html.Node]bool
	out    []string
	line   strings.Builder
}

var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Li: true, atom.Tr: true, atom.Table: true, atom.Section: true, atom.Article: true,
	atom.Ul: true, atom.Ol: true, atom.Blockquote: true, atom.Pre: true, atom.Dl: true, atom.Dt: true,
	atom.Dd: true, atom.Header: true, atom.Footer: true, atom.Center: true, atom.Tbody: true, atom.Thead: true,
}

func (w *blockWriter) flush() {
	s := strings.TrimRight(w.line.String(), " \t")
	s = strings.TrimLeft(s, " \t")
	if strings.TrimSpace(s) != "" {
		w.out = append(w.out, s)
	}
	w.line.Reset()
}

var reSpaces = regexp.MustCompile(`[ \t\r\n\f]+`)

func (w *blockWriter) write(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		s := strings.ReplaceAll(n.Data, "\u00a0", " ")
		w.line.WriteString(reSpaces.ReplaceAllString(s, " "))
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Br:
			w.flush()
			return
		case atom.Td, atom.Th:
			if w.line.Len() > 0 {
				w.line.WriteString("  ")
			}
		}
	}
	block := n.Type == html.ElementNode && blockAtoms[n.DataAtom]
	if block && w.counts[n] == 0 && w.links[n] {
		return
	}
	if block {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.write(c)
	}
	if block {
		w.flush()
	}
}

func (w *blockWriter) lines() []string {
	w.flush()
	return w.out
}

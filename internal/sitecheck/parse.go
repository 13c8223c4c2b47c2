package sitecheck

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// page is one parsed HTML file.
type page struct {
	file string
	doc  *html.Node
	pos  map[*html.Node]position
}

type position struct{ line, col int }

// parsePage parses an HTML file as a browser does (html.Parse) and finds the
// line and column of each element's start tag, which html.Parse forgets.
func parsePage(file string, data []byte) (*page, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: parse: %w", file, err)
	}
	return &page{file: file, doc: doc, pos: startTagPositions(doc, data)}, nil
}

type startTag struct {
	name string
	at   position
}

// startTagPositions pairs the elements of the tree, in document order, with
// the start tags of the source, in source order. Elements the parser implies
// (html, head, body, tbody when their tags are left out) match no tag and
// get no position; in a valid document (vnu checks that) every other
// element comes from its own tag, in the same order.
func startTagPositions(doc *html.Node, data []byte) map[*html.Node]position {
	var tags []startTag
	z := html.NewTokenizer(bytes.NewReader(data))
	at := position{1, 1}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			name, _ := z.TagName()
			tags = append(tags, startTag{string(name), at})
		}
		at = advance(at, raw)
	}
	pos := map[*html.Node]position{}
	i := 0
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || i >= len(tags) {
			continue
		}
		if strings.EqualFold(tags[i].name, n.Data) {
			pos[n] = tags[i].at
			i++
		}
	}
	return pos
}

// advance moves a position over text; columns count characters.
func advance(at position, text []byte) position {
	for len(text) > 0 {
		i := bytes.IndexByte(text, '\n')
		if i < 0 {
			at.col += utf8.RuneCount(text)
			break
		}
		at.line++
		at.col = 1
		text = text[i+1:]
	}
	return at
}

// at is the position of n, or of its nearest ancestor that has one.
func (p *page) at(n *html.Node) position {
	for ; n != nil; n = n.Parent {
		if pos, ok := p.pos[n]; ok {
			return pos
		}
	}
	return position{}
}

func (p *page) problem(check string, n *html.Node, format string, args ...any) Problem {
	at := p.at(n)
	return Problem{Check: check, File: p.file, Line: at.line, Col: at.col, Message: fmt.Sprintf(format, args...)}
}

// elements yields the element nodes of the page in document order.
func (p *page) elements(yield func(*html.Node) bool) {
	for n := range p.doc.Descendants() {
		if n.Type == html.ElementNode && !yield(n) {
			return
		}
	}
}

// find returns the first element named tag, or nil.
func (p *page) find(tag string) *html.Node {
	for n := range p.elements {
		if n.Data == tag && n.Namespace == "" {
			return n
		}
	}
	return nil
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func attrOr(n *html.Node, key string) string {
	v, _ := attr(n, key)
	return v
}

// text is the text content of n, as textContent gives it.
func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

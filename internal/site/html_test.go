package site

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Helpers to read built pages as a browser would, not as strings.

func parseHTML(t *testing.T, src string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// findAll returns the elements for which match is true, in document order.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Data == name }
}

func withClass(name, class string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		return n.Data == name && strings.Contains(" "+getAttr(n, "class")+" ", " "+class+" ")
	}
}

func byID(doc *html.Node, id string) *html.Node {
	nodes := findAll(doc, func(n *html.Node) bool { return getAttr(n, "id") == id })
	if len(nodes) == 0 {
		return nil
	}
	return nodes[0]
}

func getAttr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// blocks are the elements whose text a reader sees apart from the text
// around them, so textOf separates them by a space even when minified
// HTML has none.
var blocks = map[string]bool{
	"p": true, "li": true, "td": true, "th": true, "tr": true, "div": true, "section": true, "article": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "ul": true, "ol": true, "table": true, "br": true,
	"caption": true, "nav": true, "header": true, "footer": true, "aside": true, "main": true,
}

// textOf is the text content of n with whitespace collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && blocks[n.Data] {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && blocks[n.Data] {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// meta returns the content of <meta name=name>.
func meta(doc *html.Node, name string) (string, bool) {
	for _, m := range findAll(doc, tag("meta")) {
		if getAttr(m, "name") == name {
			return getAttr(m, "content"), true
		}
	}
	return "", false
}

// hrefs lists the href of every link inside n.
func hrefs(n *html.Node) []string {
	var out []string
	for _, a := range findAll(n, tag("a")) {
		out = append(out, getAttr(a, "href"))
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

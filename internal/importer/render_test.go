package importer

import (
	"bytes"
	"strings"
	"testing"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"
)

// testMarkdown renders Markdown as a reader's browser would see it: the
// CJK, table and strikethrough extensions, safe mode (raw HTML omitted).
// It is deliberately not the site's renderer: the fidelity tests check the
// Markdown itself, against any reasonable CommonMark renderer.
var testMarkdown = goldmark.New(goldmark.WithExtensions(extension.CJK, extension.Table, extension.Strikethrough))

// renderedText renders a Markdown body and returns the text a reader sees,
// entities decoded, with "**" written around bold text so that bold kept
// from the source compares equal to the source's "**…**".
func renderedText(t testing.TB, md []byte) string {
	t.Helper()
	var out bytes.Buffer
	if err := testMarkdown.Convert(md, &out); err != nil {
		t.Fatalf("render: %v", err)
	}
	doc, err := html.Parse(&out)
	if err != nil {
		t.Fatalf("parse rendered HTML: %v", err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
		case html.ElementNode:
			if n.Data == "strong" {
				b.WriteString("**")
				defer b.WriteString("**")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return b.String()
}

// nonSpace drops white space: layout, which the comparison ignores.
func nonSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u3000' {
			return -1
		}
		return r
	}, s)
}

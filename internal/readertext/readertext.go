// Package readertext gives the text a reader sees of a Markdown body, as any
// reasonable CommonMark renderer shows it. The fidelity checks compare it
// with a report's source to prove that no character of the text is lost
// between the raw report and the page.
//
// It deliberately does not use the site's own renderer: the checks are of
// the Markdown itself.
package readertext

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"golang.org/x/net/html"
)

// markdown is plain CommonMark with the CJK, table and strikethrough
// extensions, in goldmark's safe mode (raw HTML omitted).
var markdown = goldmark.New(goldmark.WithExtensions(extension.CJK, extension.Table, extension.Strikethrough))

// Of renders a Markdown body and returns the text a reader sees, entities
// decoded, with "**" around bold text so that bold kept from the source
// compares equal to the source's "**…**".
func Of(md []byte) (string, error) {
	var out bytes.Buffer
	if err := markdown.Convert(md, &out); err != nil {
		return "", fmt.Errorf("render: %w", err)
	}
	doc, err := html.Parse(&out)
	if err != nil {
		return "", fmt.Errorf("parse rendered HTML: %w", err)
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
	return b.String(), nil
}

// NonSpace drops white space (U+3000 included): layout, which comparisons
// of text ignore.
func NonSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

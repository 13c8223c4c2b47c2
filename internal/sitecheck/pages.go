package sitecheck

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/html"
)

// Meta tags of 政务公开 pages, by level. Their names are matched exactly, as
// the portals' crawlers write them; description and viewport, HTML's own,
// without regard to case, as HTML does. So a report page carries both
// description and Description.
var (
	siteMeta    = []string{"SiteName", "SiteDomain", "SiteIDCode"}
	columnMeta  = []string{"ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType"}
	articleMeta = []string{"ArticleTitle", "PubDate", "ContentSource", "Keywords", "Author", "Description", "Url"}
	pageMeta    = []string{"description", "viewport"}
)

// pubDate is the form of the PubDate meta tag.
var pubDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$`)

// CheckPages checks what every page must carry: a non-empty <title>,
// <html lang="zh-CN">, exactly one <h1>, a visible date in <main>, <meta
// charset="utf-8">, the description and viewport meta tags, the site- and
// column-level meta tags of 政务公开 pages, a canonical link (except on pages
// served at any URL), and the article-level meta tags on report pages; and
// what it must not: inline script or style, style attributes, event
// handlers.
func (s *Site) CheckPages(o Options) Result {
	var res Result
	for _, p := range s.pages {
		res.Checked++
		res.Problems = append(res.Problems, checkPage(p, o)...)
	}
	sortProblems(res.Problems)
	return res
}

func checkPage(p *page, o Options) []Problem {
	var out []Problem
	add := func(n *html.Node, format string, args ...any) {
		out = append(out, p.problem("page", n, format, args...))
	}
	root := p.find("html")

	switch lang, ok := attr(root, "lang"); {
	case !ok:
		add(root, `<html> has no lang; want lang="zh-CN"`)
	case lang != "zh-CN":
		add(root, `<html lang=%q>; want lang="zh-CN"`, lang)
	}

	switch title := p.find("title"); {
	case title == nil:
		add(root, "no <title>")
	case strings.TrimSpace(text(title)) == "":
		add(title, "empty <title>")
	}

	var h1s []*html.Node
	for n := range p.elements {
		if isElement(n, "h1") {
			h1s = append(h1s, n)
		}
	}
	switch len(h1s) {
	case 0:
		add(root, "no <h1>")
	case 1:
	default:
		var at []string
		for _, h := range h1s {
			pos := p.at(h)
			at = append(at, fmt.Sprintf("%d:%d", pos.line, pos.col))
		}
		add(h1s[1], "%d <h1> elements (at %s); want exactly one", len(h1s), strings.Join(at, ", "))
	}

	scope := p.find("main")
	if scope == nil {
		scope = p.find("body")
	}
	if scope == nil || !hasVisibleDate(scope) {
		add(scope, "no visible date in <%s>: want a <time datetime=\"YYYY-MM-DD\"> or a date such as 2024年1月2日 or 2024-01-02 in its text", tagName(scope))
	}

	out = append(out, checkMeta(p, o, root)...)
	out = append(out, checkInline(p)...)
	return out
}

// checkInline finds what the site's Content-Security-Policy (script-src
// and style-src 'self', no 'unsafe-inline') forbids, without a browser:
// inline <script> and <style>, style attributes and event handlers. The
// browser check sees the same as violations; this one names the element.
func checkInline(p *page) []Problem {
	var out []Problem
	add := func(n *html.Node, format string, args ...any) {
		out = append(out, p.problem("page", n, format, args...))
	}
	for n := range p.elements {
		if n.Namespace != "" {
			continue
		}
		switch {
		case n.Data == "style":
			add(n, "inline <style> element (the Content-Security-Policy forbids it)")
		case n.Data == "script" && attrOr(n, "src") == "":
			add(n, "inline <script> (the Content-Security-Policy forbids it)")
		}
		for _, a := range n.Attr {
			switch {
			case a.Key == "style":
				add(n, "style attribute on <%s> (the Content-Security-Policy forbids it)", n.Data)
			case strings.HasPrefix(a.Key, "on"):
				add(n, "event handler attribute %s on <%s> (the Content-Security-Policy forbids it)", a.Key, n.Data)
			}
		}
	}
	return out
}

func tagName(n *html.Node) string {
	if n == nil {
		return "body"
	}
	return n.Data
}

// checkMeta checks the <head>'s meta tags and canonical link.
func checkMeta(p *page, o Options, root *html.Node) []Problem {
	var out []Problem
	add := func(n *html.Node, format string, args ...any) {
		out = append(out, p.problem("page", n, format, args...))
	}
	head := p.find("head")
	if head == nil {
		head = root
	}
	metas, charset, canonical := headTags(p, head, add)
	if !charset {
		add(head, `no <meta charset="utf-8">`)
	}
	find := func(name string, anyCase bool) (*html.Node, bool) {
		if n, ok := metas[name]; ok || !anyCase {
			return n, ok
		}
		for _, n := range sortedMeta(metas) {
			if strings.EqualFold(attrOr(n, "name"), name) {
				return n, true
			}
		}
		return nil, false
	}
	require := func(names []string, anyCase bool) {
		for _, name := range names {
			n, ok := find(name, anyCase)
			switch {
			case !ok:
				add(head, "no <meta name=%q>", name)
			case strings.TrimSpace(attrOr(n, "content")) == "":
				add(n, "empty <meta name=%q>", name)
			}
		}
	}
	require(pageMeta, true)
	require(siteMeta, false)
	require(columnMeta, false)

	article := o.ArticlePages != nil && o.ArticlePages.MatchString(p.file)
	for _, name := range articleMeta {
		if metas[name] != nil {
			article = true
		}
	}
	if article {
		require(articleMeta, false)
		if n := metas["PubDate"]; n != nil {
			if v := attrOr(n, "content"); v != "" && !validPubDate(v) {
				add(n, `<meta name="PubDate" content=%q>; want YYYY-MM-DD HH:MM`, v)
			}
		}
	}
	if !canonical && !o.anyURL(p.file) {
		add(head, `no <link rel="canonical">`)
	}
	return out
}

// headTags reads the <head>: its named meta tags (the first of each name;
// a later one is a problem), and whether it declares UTF-8 and a canonical
// link.
func headTags(p *page, head *html.Node, add func(*html.Node, string, ...any)) (metas map[string]*html.Node, charset, canonical bool) {
	metas = map[string]*html.Node{}
	for n := range head.Descendants() {
		switch {
		case isElement(n, "meta"):
			if strings.EqualFold(attrOr(n, "charset"), "utf-8") {
				charset = true
			}
			name, ok := attr(n, "name")
			if !ok {
				continue
			}
			if first, dup := metas[name]; dup {
				at := p.at(first)
				add(n, "duplicate <meta name=%q> (first at %d:%d)", name, at.line, at.col)
				continue
			}
			metas[name] = n
		case isElement(n, "link"):
			for rel := range strings.FieldsSeq(attrOr(n, "rel")) {
				if strings.EqualFold(rel, "canonical") && attrOr(n, "href") != "" {
					canonical = true
				}
			}
		}
	}
	return metas, charset, canonical
}

// sortedMeta gives the meta elements sorted by name, so that the choice
// among names that differ in case only is stable.
func sortedMeta(metas map[string]*html.Node) []*html.Node {
	var out []*html.Node
	for _, n := range metas {
		out = append(out, n)
	}
	slices.SortFunc(out, func(a, b *html.Node) int { return strings.Compare(attrOr(a, "name"), attrOr(b, "name")) })
	return out
}

func validPubDate(v string) bool {
	if !pubDate.MatchString(v) {
		return false
	}
	_, err := time.Parse("2006-01-02 15:04", v)
	return err == nil
}

// A visible date is (1) a <time> element whose datetime attribute (or, without
// one, its text) starts with a valid YYYY-MM-DD date and whose text is not
// empty, or (2) a valid date written 2024年1月2日 or 2024-01-02 in text —
// either one outside hidden content: not inside an element with the hidden
// attribute, aria-hidden="true", an inline style of display:none or
// visibility:hidden, or <template>, <script>, <style>, <noscript>.
func hasVisibleDate(scope *html.Node) bool {
	var found bool
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && !found; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if textDate(c.Data) {
					found = true
				}
			case html.ElementNode:
				if hidden(c) {
					continue
				}
				if c.Namespace == "" && c.Data == "time" && strings.TrimSpace(text(c)) != "" {
					v, ok := attr(c, "datetime")
					if !ok {
						v = strings.TrimSpace(text(c))
					}
					if isoDate(v) {
						found = true
						return
					}
				}
				walk(c)
			}
		}
	}
	if !hidden(scope) {
		walk(scope)
	}
	return found
}

var hiddenStyle = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`)

func hidden(n *html.Node) bool {
	if n.Namespace == "" {
		switch n.Data {
		case "template", "script", "style", "noscript", "head":
			return true
		}
	}
	if _, ok := attr(n, "hidden"); ok {
		return true
	}
	return strings.EqualFold(attrOr(n, "aria-hidden"), "true") || hiddenStyle.MatchString(attrOr(n, "style"))
}

var (
	hanDate = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	isoText = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)
)

// textDate reports whether s holds a valid date.
func textDate(s string) bool {
	for _, m := range hanDate.FindAllStringSubmatch(s, -1) {
		if _, err := time.Parse("2006-1-2", m[1]+"-"+m[2]+"-"+m[3]); err == nil {
			return true
		}
	}
	for _, m := range isoText.FindAllString(s, -1) {
		if isoDate(m) {
			return true
		}
	}
	return false
}

// isoDate reports whether v starts with a valid YYYY-MM-DD date.
func isoDate(v string) bool {
	if len(v) < 10 {
		return false
	}
	_, err := time.Parse("2006-01-02", v[:10])
	return err == nil
}

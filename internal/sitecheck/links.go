package sitecheck

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// urlAttrs are the attributes, by element, whose values are URLs a reader's
// browser follows or loads.
var urlAttrs = map[string][]string{
	"a":          {"href"},
	"area":       {"href"},
	"link":       {"href"},
	"img":        {"src", "srcset"},
	"source":     {"src", "srcset"},
	"script":     {"src"},
	"iframe":     {"src"},
	"audio":      {"src"},
	"video":      {"src", "poster"},
	"track":      {"src"},
	"embed":      {"src"},
	"input":      {"src"},
	"object":     {"data"},
	"form":       {"action"},
	"blockquote": {"cite"},
	"q":          {"cite"},
	"del":        {"cite"},
	"ins":        {"cite"},
}

// svgURLElements take href or xlink:href inside SVG.
var svgURLElements = []string{"a", "use", "image", "feImage"}

// CheckLinks checks every URL in the pages (href, src, srcset, action,
// cite, the Url and og: meta tags), in stylesheets (url(), @import) and in
// XML files (sitemap <loc>, feed <link href>): an internal URL must name a
// file of the site and, with a #fragment into a page, an id of that page;
// a URL to another origin must be in Options.AllowedOrigins. It also
// reports duplicate ids, which break fragments.
func (s *Site) CheckLinks(o Options) Result {
	c := &linkChecker{site: s, opt: o, base: o.basePath(), ids: map[string]map[string]bool{}}
	c.origin = o.Origin
	if c.origin == "" {
		c.origin = "https://site.invalid"
	}
	c.origin = strings.TrimSuffix(strings.ToLower(c.origin), "/")
	for _, a := range o.AllowedOrigins {
		c.allowed = append(c.allowed, strings.TrimSuffix(strings.ToLower(a), "/"))
	}
	for _, p := range s.pages {
		c.collectIDs(p)
	}
	for _, p := range s.pages {
		c.pageLinks(p)
	}
	for _, name := range s.css {
		c.cssLinks(name)
	}
	for _, name := range s.feeds {
		c.xmlLinks(name)
	}
	sortProblems(c.res.Problems)
	return c.res
}

type linkChecker struct {
	site    *Site
	opt     Options
	base    string
	origin  string
	allowed []string
	ids     map[string]map[string]bool // by file
	texts   map[string]string          // a page's text, by file, for text fragments
	res     Result
}

// where is a place a URL was found.
type where struct {
	file      string
	line, col int
	anyURL    bool // the file is served at any URL: relative links break
	allowHash bool // an empty fragment is harmless here (never in a page)
	loads     bool // the browser fetches the URL by itself (a script, an image)
}

func (c *linkChecker) problem(w where, format string, args ...any) {
	c.res.Problems = append(c.res.Problems, Problem{Check: "links", File: w.file, Line: w.line, Col: w.col, Message: fmt.Sprintf(format, args...)})
}

func (c *linkChecker) collectIDs(p *page) {
	ids := map[string]bool{}
	first := map[string]position{}
	for n := range p.elements {
		id, ok := attr(n, "id")
		if !ok || id == "" {
			continue
		}
		if at, dup := first[id]; dup {
			pr := p.problem("links", n, "duplicate id %q (first at %d:%d)", id, at.line, at.col)
			c.res.Problems = append(c.res.Problems, pr)
			continue
		}
		first[id] = p.at(n)
		ids[id] = true
	}
	c.ids[p.file] = ids
}

func (c *linkChecker) pageLinks(p *page) {
	for n := range p.elements {
		at := p.at(n)
		w := where{file: p.file, line: at.line, col: at.col, anyURL: c.opt.anyURL(p.file), loads: loads(n)}
		var keys []string
		if n.Namespace == "svg" {
			if slices.Contains(svgURLElements, n.Data) {
				for _, a := range n.Attr {
					if a.Key == "href" {
						c.check(w, p.file, "<"+n.Data+" href>", a.Val)
					}
				}
			}
			continue
		}
		if n.Namespace == "" {
			keys = urlAttrs[n.Data]
		}
		for _, key := range keys {
			v, ok := attr(n, key)
			if !ok {
				continue
			}
			what := "<" + n.Data + " " + key + ">"
			switch {
			case key == "srcset":
				for _, u := range srcsetURLs(v) {
					c.check(w, p.file, what, u)
				}
			case n.Data == "form" && strings.TrimSpace(v) == "":
				// An empty action submits to the page itself.
			default:
				c.check(w, p.file, what, v)
			}
		}
		if n.Data == "meta" && n.Namespace == "" {
			name := strings.ToLower(attrOr(n, "name"))
			prop := strings.ToLower(attrOr(n, "property"))
			if name == "url" || prop == "og:url" || prop == "og:image" {
				c.check(w, p.file, "<meta "+cmp.Or(attrOr(n, "name"), attrOr(n, "property"))+">", attrOr(n, "content"))
			}
			if strings.EqualFold(attrOr(n, "http-equiv"), "refresh") {
				if _, u, ok := strings.Cut(attrOr(n, "content"), "="); ok {
					c.check(w, p.file, "<meta http-equiv=refresh>", strings.Trim(u, `'" `))
				}
			}
		}
	}
}

// srcsetURLs splits a srcset into its URLs ("a.png 1x, b.png 2x").
func srcsetURLs(v string) []string {
	var urls []string
	for cand := range strings.SplitSeq(v, ",") {
		if f := strings.Fields(cand); len(f) > 0 {
			urls = append(urls, f[0])
		}
	}
	return urls
}

// cssURL finds url(…) and @import "…" in a stylesheet.
var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')`)

func (c *linkChecker) cssLinks(name string) {
	data, err := fs.ReadFile(c.site.fsys, name)
	if err != nil {
		c.problem(where{file: name}, "read: %v", err)
		return
	}
	at, last := position{1, 1}, 0
	for _, m := range cssURL.FindAllSubmatchIndex(data, -1) {
		at = advance(at, data[last:m[0]])
		last = m[0]
		var u string
		for g := 2; g < len(m); g += 2 {
			if m[g] >= 0 {
				u = string(data[m[g]:m[g+1]])
				break
			}
		}
		if strings.HasPrefix(u, "#") {
			continue // a reference into an inline SVG of the page
		}
		c.check(where{file: name, line: at.line, col: at.col, allowHash: true}, name, "url()", u)
	}
}

// xmlLinks checks sitemap <loc>s and feed <link href>s.
func (c *linkChecker) xmlLinks(name string) {
	data, err := fs.ReadFile(c.site.fsys, name)
	if err != nil {
		c.problem(where{file: name}, "read: %v", err)
		return
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	inLoc := false
	for {
		line, col := d.InputPos()
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			c.problem(where{file: name, line: line, col: col}, "parse: %v", err)
			return
		}
		w := where{file: name, line: line, col: col}
		switch t := tok.(type) {
		case xml.StartElement:
			inLoc = t.Name.Local == "loc"
			if t.Name.Local == "link" {
				for _, a := range t.Attr {
					if a.Name.Local == "href" && a.Name.Space == "" {
						c.check(w, name, "<link href>", a.Value)
					}
				}
			}
		case xml.CharData:
			if inLoc {
				c.check(w, name, "<loc>", strings.TrimSpace(string(t)))
			}
		case xml.EndElement:
			inLoc = false
		}
	}
}

// docURL is the URL a file of the site is served at.
func (c *linkChecker) docURL(file string) *url.URL {
	u, _ := url.Parse(c.origin)
	p := c.base + file
	if path.Base(file) == "index.html" {
		p = strings.TrimSuffix(p, "index.html")
	}
	u.Path = p
	return u
}

// check checks one URL found in file.
func (c *linkChecker) check(w where, file, what, raw string) {
	c.res.Checked++
	raw = strings.TrimSpace(raw)
	if raw == "" {
		c.problem(w, "empty URL in %s", what)
		return
	}
	ref, err := url.Parse(raw)
	if err != nil {
		c.problem(w, "malformed URL %q: %v", raw, errors.Unwrap(err))
		return
	}
	switch strings.ToLower(ref.Scheme) {
	case "", "http", "https":
	case "mailto", "tel", "data":
		return
	default:
		c.problem(w, "link %q has the scheme %q; want a path or an http(s) URL", raw, ref.Scheme)
		return
	}
	if strings.HasSuffix(raw, "#") && !w.allowHash {
		c.problem(w, "link %q ends in an empty #fragment", raw)
		return
	}
	if w.anyURL && ref.Scheme == "" && ref.Host == "" && ref.Path != "" && !strings.HasPrefix(ref.Path, "/") {
		c.problem(w, "relative link %q in a page served at any URL: start it with %s", raw, c.base)
		return
	}
	u := c.docURL(file).ResolveReference(ref)
	origin := strings.ToLower(u.Scheme + "://" + u.Host)
	if origin != c.origin {
		switch {
		case w.loads:
			// No third-party origin, not even an allowed one: what a
			// page loads comes from the site itself.
			c.problem(w, "%s %q loads from another origin, %s", what, raw, origin)
		case !slices.Contains(c.allowed, origin):
			c.problem(w, "link %q goes to another origin, %s", raw, origin)
		}
		return
	}
	p := u.Path
	if p+"/" == c.base {
		p = c.base
	}
	sitePath, ok := strings.CutPrefix(p, c.base)
	if !ok {
		if !slices.Contains(c.opt.AllowedPaths, p) {
			c.problem(w, "link %q leaves the base path %s", raw, c.base)
		}
		return
	}
	target := sitePath
	if target == "" || strings.HasSuffix(target, "/") {
		target += "index.html"
	}
	info, err := fs.Stat(c.site.fsys, target)
	if err == nil && info.IsDir() {
		target = path.Join(target, "index.html")
		info, err = fs.Stat(c.site.fsys, target)
	}
	if err != nil || info.IsDir() {
		c.problem(w, "broken link %q: %s does not exist", raw, target)
		return
	}
	if u.Fragment == "" || path.Ext(target) != ".html" {
		return
	}
	// A text fragment (#id:~:text=…) scrolls to and marks the text where
	// the browser has them, else to the id: both must be in the page.
	id, directive, _ := strings.Cut(u.EscapedFragment(), ":~:")
	if id, err := url.PathUnescape(id); err != nil || id != "" && !c.ids[target][id] {
		c.problem(w, "broken link %q: no id %q in %s", raw, id, target)
	}
	if directive != "" {
		c.checkTextDirective(w, raw, target, directive)
	}
}

// checkTextDirective checks that the text of a text fragment
// (text=[prefix-,]start[,end][,-suffix]) is in the target page: a browser
// would otherwise mark nothing. Only start is checked, the form the site
// writes.
func (c *linkChecker) checkTextDirective(w where, raw, target, directive string) {
	value, ok := strings.CutPrefix(directive, "text=")
	if !ok {
		c.problem(w, "link %q: the fragment directive %q is not text=…", raw, directive)
		return
	}
	start := value
	if i := strings.IndexByte(start, ','); i >= 0 {
		start = start[:i]
	}
	want, err := url.PathUnescape(start)
	if err != nil || want == "" {
		c.problem(w, "link %q: the text fragment %q does not decode", raw, start)
		return
	}
	if c.texts == nil {
		c.texts = map[string]string{}
	}
	page, ok := c.texts[target]
	if !ok {
		for _, p := range c.site.pages {
			if p.file == target {
				page = strings.Join(strings.Fields(text(p.doc)), "")
				break
			}
		}
		c.texts[target] = page
	}
	if !strings.Contains(page, strings.Join(strings.Fields(want), "")) {
		c.problem(w, "link %q: the text fragment %q is not in %s", raw, want, target)
	}
}

// loads reports whether the browser fetches an element's URL by itself,
// rather than when the reader follows it: anything but a link, a form or
// an area, and a <link> only for what it preloads or applies.
func loads(n *html.Node) bool {
	if n.Type != html.ElementNode || n.Namespace != "" {
		return false
	}
	switch n.Data {
	case "a", "form", "area", "meta":
		return false
	case "link":
		for _, rel := range strings.Fields(strings.ToLower(attrOr(n, "rel"))) {
			switch rel {
			case "stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "apple-touch-icon":
				return true
			}
		}
		return false
	}
	return true
}

// isElement reports whether n is the HTML element tag.
func isElement(n *html.Node, tag string) bool {
	return n.Type == html.ElementNode && n.Namespace == "" && n.Data == tag
}

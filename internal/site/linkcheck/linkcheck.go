// Package linkcheck checks a built site the way a 政务公开 inspection and a
// screen reader would meet it: every internal link, script, stylesheet and
// #fragment resolves, nothing loads from another origin, no inline script or
// style breaks the Content-Security-Policy, and every page has
// lang="zh-CN", one h1 and unique IDs.
package linkcheck

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Report is the outcome of Check.
type Report struct {
	// Pages and Links count what was checked.
	Pages, Links int
	// Problems read "page: message", sorted.
	Problems []string
}

// page is what one HTML file holds that others may point at.
type page struct {
	ids   map[string]bool
	links []ref
}

type ref struct {
	attr, value string
	tag         atom.Atom
	// loads tells whether the browser fetches the URL by itself (a script,
	// a stylesheet, an image) rather than when the reader follows it.
	loads bool
}

// Check checks every .html file under dir, a site served under basePath
// (e.g. "/" or "/zwgk/fzzfjsnb/").
func Check(dir, basePath string) (*Report, error) {
	base := "/" + strings.Trim(basePath, "/") + "/"
	if base == "//" {
		base = "/"
	}
	files := map[string]bool{}
	var htmlFiles []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		files[rel] = true
		if strings.HasSuffix(rel, ".html") {
			htmlFiles = append(htmlFiles, rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(htmlFiles)
	rep := &Report{}
	pages := map[string]*page{}
	for _, f := range htmlFiles {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			return nil, err
		}
		pg, problems := scan(f, string(data))
		pages[f] = pg
		rep.Problems = append(rep.Problems, problems...)
	}
	rep.Pages = len(htmlFiles)
	for _, f := range htmlFiles {
		pageURL, _ := url.Parse(base + strings.TrimSuffix(f, "index.html"))
		if f == "404.html" {
			// Served at any depth: its links must not be relative.
			pageURL, _ = url.Parse(base + "any/depth/missing")
		}
		for _, r := range pages[f].links {
			rep.Links++
			if frag, ok := strings.CutPrefix(r.value, "#"); ok {
				// Same document, wherever the page is served.
				if !pages[f].ids[frag] {
					rep.Problems = append(rep.Problems, fmt.Sprintf("%s: %s=%q: no such id on the page", f, r.attr, r.value))
				}
				continue
			}
			if msg := resolve(pageURL, r, base, files, pages); msg != "" {
				rep.Problems = append(rep.Problems, fmt.Sprintf("%s: %s", f, msg))
			}
		}
	}
	sort.Strings(rep.Problems)
	return rep, nil
}

// resolve checks one link; it returns "" when the link is fine.
func resolve(from *url.URL, r ref, base string, files map[string]bool, pages map[string]*page) string {
	u, err := url.Parse(strings.TrimSpace(r.value))
	if err != nil {
		return fmt.Sprintf("%s=%q does not parse: %v", r.attr, r.value, err)
	}
	switch strings.ToLower(u.Scheme) {
	case "javascript", "vbscript", "data":
		return fmt.Sprintf("%s=%q is a script or data URL", r.attr, r.value)
	}
	if u.Scheme != "" || u.Host != "" {
		if r.loads {
			return fmt.Sprintf("<%s %s=%q> loads from another origin", r.tag, r.attr, r.value)
		}
		return "" // a link elsewhere, followed only if the reader chooses to
	}
	target := from.ResolveReference(u)
	p := target.Path
	if !strings.HasPrefix(p, base) && p+"/" != base {
		return fmt.Sprintf("%s=%q leaves the site's base path %s", r.attr, r.value, base)
	}
	rel := strings.TrimPrefix(p, base)
	file := rel
	if rel == "" || strings.HasSuffix(rel, "/") {
		file = rel + "index.html"
	}
	if !files[file] {
		if files[file+"/index.html"] {
			return "" // a directory without its slash: servers redirect
		}
		return fmt.Sprintf("%s=%q: %s does not exist", r.attr, r.value, file)
	}
	if target.Fragment != "" && path.Ext(file) == ".html" {
		if tp := pages[file]; tp != nil && !tp.ids[target.Fragment] {
			return fmt.Sprintf("%s=%q: no id %q in %s", r.attr, r.value, target.Fragment, file)
		}
	}
	return ""
}

// scan parses a page, collecting its IDs and links and checking what can
// be checked on the page alone.
func scan(name, src string) (*page, []string) {
	pg := &page{ids: map[string]bool{}}
	var problems []string
	bad := func(format string, args ...any) {
		problems = append(problems, name+": "+fmt.Sprintf(format, args...))
	}
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		bad("does not parse: %v", err)
		return pg, problems
	}
	h1 := 0
	lang := ""
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Html:
				lang = attr(n, "lang")
			case atom.H1:
				h1++
			case atom.Style:
				bad("inline <style> element (the Content-Security-Policy forbids it)")
			case atom.Script:
				if attr(n, "src") == "" {
					bad("inline <script> (the Content-Security-Policy forbids it)")
				}
			}
			for _, a := range n.Attr {
				switch {
				case a.Key == "id":
					if pg.ids[a.Val] {
						bad("duplicate id %q", a.Val)
					}
					pg.ids[a.Val] = true
				case a.Key == "style":
					bad("style attribute on <%s> (the Content-Security-Policy forbids it)", n.Data)
				case strings.HasPrefix(a.Key, "on"):
					bad("event handler attribute %s on <%s>", a.Key, n.Data)
				case a.Key == "href" || a.Key == "src" || (a.Key == "action" && n.DataAtom == atom.Form):
					pg.links = append(pg.links, ref{attr: a.Key, value: a.Val, tag: n.DataAtom, loads: loads(n)})
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if lang != "zh-CN" {
		bad("<html lang=%q>, want \"zh-CN\"", lang)
	}
	if h1 != 1 {
		bad("%d h1 elements, want 1", h1)
	}
	return pg, problems
}

// loads reports whether the browser fetches an element's URL on its own.
func loads(n *html.Node) bool {
	switch n.DataAtom {
	case atom.A, atom.Form, atom.Area:
		return false
	case atom.Link:
		for _, rel := range strings.Fields(strings.ToLower(attr(n, "rel"))) {
			switch rel {
			case "stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "apple-touch-icon":
				return true
			}
		}
		return false
	}
	return true
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

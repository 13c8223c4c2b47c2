// Package sitecheck inspects a built site the way a 政务公开 inspector and a
// browser would: every internal link, asset and #fragment resolves, pages
// carry a title, lang="zh-CN", one h1, a visible date and the required meta
// tags (links.go, pages.go); the Nu HTML checker finds no error (vnu.go);
// axe-core finds no WCAG 2.1 A/AA violation and the Content-Security-Policy
// of netlify.toml, applied by a local server, blocks nothing (server.go,
// netlify.go, browser.go with scripts/browser.mjs).
//
// Every check returns its problems as values with a file and a position; it
// never prints. The site is read through fs.FS, so tests use small fixtures.
package sitecheck

import (
	"cmp"
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
)

// Problem is one thing a check found wrong, at a place in the built site.
type Problem struct {
	// Check names the check that found it: links, page, vnu, axe, browser.
	Check string
	// File is the slash-separated path in the site, e.g. "towns/500235145/2024/index.html".
	File string
	// Line and Col are 1-based; 0 when the check knows no position.
	Line, Col int
	// Message says what is wrong, in words that are part of the tested contract.
	Message string
}

// String formats the problem as file:line:col: message.
func (p Problem) String() string {
	switch {
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Message)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Message)
}

// Result is what one check found, with how much it looked at.
type Result struct {
	// Checked counts what the check examined: links, pages, files.
	Checked int
	// Problems are sorted by file, position and message.
	Problems []Problem
}

func sortProblems(ps []Problem) {
	slices.SortFunc(ps, func(a, b Problem) int {
		return cmp.Or(
			strings.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			strings.Compare(a.Check, b.Check),
			strings.Compare(a.Message, b.Message),
		)
	})
}

// Options describe the site the checks look at.
type Options struct {
	// BasePath is the path the site is served under, e.g. "/zwgk/fzzfjsnb/";
	// root-relative links resolve against it. Empty means "/".
	BasePath string
	// Origin is the canonical scheme and host, e.g. "https://fzzf.example.gov.cn":
	// absolute URLs on it are internal links and must resolve.
	Origin string
	// AllowedOrigins are the other origins pages may link to (the host
	// portal and the filing links of the footer, all from site.yaml).
	AllowedOrigins []string
	// AllowedPaths are the pages on the site's own origin, outside its base
	// path, that pages may link to: the host portal's home, when the site
	// lies under it ("/" for https://www.example.gov.cn/ above
	// /zwgk/fzzfjsnb/). Only these exact paths: nothing below them.
	AllowedPaths []string
	// ArticlePages matches the site paths of pages that must carry the
	// article-level meta tags (report pages); a page with any article tag
	// must carry all of them in any case.
	ArticlePages *regexp.Regexp
	// AnyURLPages are pages served at any URL (the 404 page): their links
	// must not be relative, and they need no canonical link. Default: "404.html".
	AnyURLPages []string
}

func (o Options) basePath() string {
	b := "/" + strings.Trim(o.BasePath, "/") + "/"
	if b == "//" {
		return "/"
	}
	return b
}

func (o Options) anyURL(file string) bool {
	pages := o.AnyURLPages
	if pages == nil {
		pages = []string{"404.html"}
	}
	return slices.Contains(pages, file)
}

// Site is a built site, its HTML pages parsed once for every check.
type Site struct {
	fsys  fs.FS
	pages []*page  // sorted by file
	css   []string // stylesheets, sorted
	feeds []string // sitemap.xml, feed.xml and other XML files, sorted
}

// Load parses every .html file of fsys.
func Load(fsys fs.FS) (*Site, error) {
	s := &Site{fsys: fsys}
	var problems []string
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		switch path.Ext(name) {
		case ".html":
			data, err := fs.ReadFile(fsys, name)
			if err != nil {
				return err
			}
			p, err := parsePage(name, data)
			if err != nil {
				problems = append(problems, err.Error())
				return nil
			}
			s.pages = append(s.pages, p)
		case ".css":
			s.css = append(s.css, name)
		case ".xml":
			s.feeds = append(s.feeds, name)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load site: %w", err)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("load site:\n%s", strings.Join(problems, "\n"))
	}
	return s, nil
}

// Pages are the site paths of the HTML pages, sorted.
func (s *Site) Pages() []string {
	names := make([]string, len(s.pages))
	for i, p := range s.pages {
		names[i] = p.file
	}
	return names
}

// CheckBuilt runs the checks that need nothing but Go on the site built in
// dir, links and pages, as `build -check` does after a build.
func CheckBuilt(dir string, o Options) (links, pages Result, err error) {
	s, err := Load(os.DirFS(dir))
	if err != nil {
		return Result{}, Result{}, err
	}
	return s.CheckLinks(o), s.CheckPages(o), nil
}

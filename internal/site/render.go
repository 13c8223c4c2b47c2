package site

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"

	"nianbao/internal/assets"
)

// Minifying is most of the cost of writing a page, so no page is minified:
// the templates are, once a build (assets.MinifyTemplate, which leaves the
// actions as they are), and each report's body once, when it is read
// (load.go). A page is its template's output with the bodies spliced in
// where placeholders stand: it is minified but for what the actions print,
// which html/template has escaped, and white space around actions, which
// the minifier cannot know to be useless. The page says what the page
// made from the templates as written and minified whole says
// (TestSpliceMatchesWholeMinify checks that minifying it gives exactly
// that). If the minifier cannot read a template, the templates are used as
// written and each page is minified with a placeholder where each body
// goes, so that the minifier reads only the page's own few kilobytes; a
// body starts and ends with a block-level tag, and the minifier removes the
// white space around a block-level tag whatever it is, so the placeholder
// (itself a block-level element) leaves the text around it exactly as the
// body would. A page whose bodies do not have that form is minified whole.

// A placeholder is <p>U+E000 nonce.n U+E001</p>, where nonce is random for
// each build: no template text or value can imitate it.
const phClose = "\ue001</p>"

func phOpen(nonce string) string { return "<p>\ue000" + nonce + "." }

func placeholder(nonce string, i int) string {
	return phOpen(nonce) + strconv.Itoa(i) + phClose
}

// newNonce returns a random string for placeholders.
func newNonce() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// pageRenderer executes a page's template and minifies the result. It is
// safe for concurrent use.
type pageRenderer struct {
	layouts map[string]*template.Template // by page kind
	written map[string]*template.Template // the same as written, for messages
	premin  bool                          // layouts are minified: pages are not
	set     *template.Template            // for the templates cached executes
	dir     string                        // the templates directory, for messages
	min     *minify.M
	nonce   string
	bufs    sync.Pool
	// pageBufs hold the finished pages' buffers (render, release).
	pageBufs bufPool

	mu     sync.Mutex
	keys   map[cacheKey]int
	cache  []string // minified output of cached templates
	inline []bool   // true when the output cannot stand in for a placeholder

	// whole makes every page from the templates as written and minifies
	// it whole, for the test that compares both ways.
	whole bool
}

type cacheKey struct {
	name string
	data any
}

func newPageRenderer(dir string, m *minify.M) *pageRenderer {
	pr := &pageRenderer{layouts: map[string]*template.Template{}, dir: dir, min: m, nonce: newNonce(), keys: map[cacheKey]int{}}
	pr.bufs.New = func() any { return &renderBufs{} }
	return pr
}

// use sets the page templates, by page kind: those pages are made from,
// minified when premin says so, and the same as written.
func (pr *pageRenderer) use(templates, written map[string]*template.Template, premin bool) {
	pr.written, pr.premin = map[string]*template.Template{}, premin
	for _, kind := range pageKinds {
		if t := templates[kind]; t != nil {
			pr.layouts[kind] = t.Lookup("layout.html")
			if pr.set == nil {
				pr.set = t
			}
		}
		if t := written[kind]; t != nil {
			pr.written[kind] = t.Lookup("layout.html")
		}
	}
}

// cached is the template function "cached NAME DATA": it executes the
// template NAME with DATA once per build for each DATA value (pointers by
// identity), minifies the result, and hands the page a placeholder for it.
func (pr *pageRenderer) cached(name string, data any) (template.HTML, error) {
	key := cacheKey{name, data}
	if !isComparable(data) {
		key.data = fmt.Sprintf("%#v", data)
	}
	pr.mu.Lock()
	i, ok := pr.keys[key]
	pr.mu.Unlock()
	if !ok {
		var buf bytes.Buffer
		if pr.set == nil {
			return "", fmt.Errorf("cached %s: no templates", name)
		}
		if err := pr.set.ExecuteTemplate(&buf, name, data); err != nil {
			return "", err
		}
		min, err := pr.min.String(assets.HTML, buf.String())
		if err != nil {
			return "", fmt.Errorf("cached %s: minify: %w", name, err)
		}
		inline := !blockBounded(min)
		if inline {
			min = buf.String()
		}
		pr.mu.Lock()
		if i, ok = pr.keys[key]; !ok {
			i = len(pr.cache)
			pr.keys[key] = i
			pr.cache = append(pr.cache, min)
			pr.inline = append(pr.inline, inline)
		}
		pr.mu.Unlock()
	}
	pr.mu.Lock()
	out, inline := pr.cache[i], pr.inline[i]
	pr.mu.Unlock()
	if inline {
		return template.HTML(out), nil
	}
	return template.HTML(phOpen(pr.nonce) + "c" + strconv.Itoa(i) + phClose), nil
}

// isComparable reports whether v can be a map key as it is.
func isComparable(v any) bool {
	if v == nil {
		return true
	}
	return reflect.TypeOf(v).Comparable()
}

type renderBufs struct{ exec, min bytes.Buffer }

// bufPool keeps the buffers of finished pages for the next pages, by size
// class: a page is handed to the writers, which give its buffer back once
// it is written (output.Req.Release). Made anew, the pages of a build were
// a tenth of all it allocated, and the collector's work follows that.
// Pages larger than the largest class are not kept.
type bufPool struct {
	classes [8]sync.Pool // buffers of 8 KB << class bytes
}

// class is the smallest class whose buffers hold size bytes; len(classes)
// when none does.
func (p *bufPool) class(size int) int {
	c := 0
	for c < len(p.classes) && 8<<10<<c < size {
		c++
	}
	return c
}

// get returns an empty buffer that holds size bytes.
func (p *bufPool) get(size int) []byte {
	c := p.class(size)
	if c == len(p.classes) {
		return make([]byte, 0, size)
	}
	if b, ok := p.classes[c].Get().(*[]byte); ok {
		return (*b)[:0]
	}
	return make([]byte, 0, 8<<10<<c)
}

// put gives b back, for a later get; b must not be used after.
func (p *bufPool) put(b []byte) {
	// A buffer goes to the largest class it holds, so that every buffer
	// of a class holds what the class promises.
	c := p.class(cap(b) + 1)
	if c == 0 || cap(b) > 8<<10<<len(p.classes) {
		return
	}
	b = b[:0]
	p.classes[c-1].Put(&b)
}

// render returns the page's minified HTML.
func (pr *pageRenderer) render(pg *page) ([]byte, error) {
	t := pr.layouts[pg.Kind]
	if pr.whole {
		t = pr.written[pg.Kind]
	}
	if t == nil {
		return nil, fmt.Errorf("%s: no template for %s pages", pr.dir, pg.Kind)
	}
	b := pr.bufs.Get().(*renderBufs)
	defer pr.bufs.Put(b)
	b.exec.Reset()
	if err := t.Execute(&b.exec, pg); err != nil {
		// The template as written gives the line to look at.
		if w := pr.written[pg.Kind]; w != nil && w != t {
			if werr := w.Execute(io.Discard, pg); werr != nil {
				err = werr
			}
		}
		return nil, templateError(pr.dir, err)
	}
	open := []byte(phOpen(pr.nonce))
	n := bytes.Count(b.exec.Bytes(), open)
	pr.mu.Lock()
	cache := pr.cache
	pr.mu.Unlock()
	if pr.premin && !pr.whole {
		if n == 0 {
			return append(pr.pageBufs.get(b.exec.Len()), b.exec.Bytes()...), nil
		}
		if out, ok := splice(b.exec.Bytes(), open, pg.frags, cache, n, pr.pageBufs.get); ok {
			return out, nil
		}
		return nil, fmt.Errorf("%s: a placeholder for report text was cut", pg.Path)
	}
	if n == 0 {
		out, err := pr.min.Bytes(assets.HTML, b.exec.Bytes())
		if err != nil {
			return nil, fmt.Errorf("minify %s: %w", pg.Path, err)
		}
		return out, nil
	}
	if spliceable(pg.frags) && !pr.whole {
		b.min.Reset()
		if err := pr.min.Minify(assets.HTML, &b.min, bytes.NewReader(b.exec.Bytes())); err != nil {
			return nil, fmt.Errorf("minify %s: %w", pg.Path, err)
		}
		if out, ok := splice(b.min.Bytes(), open, pg.frags, cache, n, pr.pageBufs.get); ok {
			return out, nil
		}
	}
	src, ok := splice(b.exec.Bytes(), open, pg.frags, cache, -1, pr.pageBufs.get)
	if !ok {
		return nil, fmt.Errorf("%s: a placeholder for report text was cut", pg.Path)
	}
	out, err := pr.min.Bytes(assets.HTML, src)
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", pg.Path, err)
	}
	return out, nil
}

// splice replaces the placeholders in a page with the fragments. It
// reports false when it does not find exactly want intact placeholders
// (any number when want is negative).
func splice(page, open []byte, frags, cache []string, want int, get func(int) []byte) ([]byte, bool) {
	size := len(page)
	for _, f := range frags {
		size += len(f)
	}
	size += 4096 // cached parts
	out := get(size)
	found := 0
	rest := page
	for {
		i := bytes.Index(rest, open)
		if i < 0 {
			break
		}
		out = append(out, rest[:i]...)
		rest = rest[i+len(open):]
		j := bytes.Index(rest, []byte(phClose))
		if j < 0 {
			return nil, false
		}
		id, from := rest[:j], frags
		if len(id) > 0 && id[0] == 'c' {
			id, from = id[1:], cache
		}
		n, err := strconv.Atoi(string(id))
		if err != nil || n < 0 || n >= len(from) {
			return nil, false
		}
		out = append(out, from[n]...)
		rest = rest[j+len(phClose):]
		found++
	}
	if want >= 0 && found != want {
		return nil, false
	}
	return append(out, rest...), true
}

// spliceable reports whether every fragment starts with a block-level start
// tag and ends with a block-level end tag (or is a lone <hr>), which is what
// lets a placeholder stand for it while the page is minified.
func spliceable(frags []string) bool {
	for _, f := range frags {
		if !blockBounded(f) {
			return false
		}
	}
	return true
}

// blockTags are the block-level elements goldmark and plainRenderer write
// at the top level of a body, and those the cached parts of a page are.
var blockTags = []string{"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre", "hr", "div",
	"header", "footer", "nav", "section", "article", "aside", "main"}

func blockBounded(f string) bool {
	startOK, endOK := false, false
	for _, t := range blockTags {
		if rest, ok := strings.CutPrefix(f, "<"+t); ok && (strings.HasPrefix(rest, ">") || strings.HasPrefix(rest, " ")) {
			startOK = true
		}
		if strings.HasSuffix(f, "</"+t+">") {
			endOK = true
		}
	}
	if strings.HasSuffix(f, "<hr>") {
		endOK = true
	}
	return startOK && endOK || headBounded(f)
}

// headBounded reports whether a fragment is elements of a page's head that
// the minifier leaves as they are wherever they stand: it starts with a
// <meta>, <link> or <script> element and ends with a script's end tag or
// with a <meta> or <link> element (which have none).
func headBounded(f string) bool {
	isHead := func(s string) bool {
		return strings.HasPrefix(s, "<meta ") || strings.HasPrefix(s, "<link ") || strings.HasPrefix(s, "<script ")
	}
	if !isHead(f) {
		return false
	}
	if strings.HasSuffix(f, "</script>") {
		return true
	}
	last := strings.LastIndexByte(f, '<')
	return strings.HasSuffix(f, ">") && (strings.HasPrefix(f[last:], "<meta ") || strings.HasPrefix(f[last:], "<link "))
}

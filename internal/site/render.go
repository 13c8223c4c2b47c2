package site

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"

	"nianbao/internal/assets"
)

// Minifying is most of the cost of writing a page, and most of a page's
// bytes are report text that appears on several pages. So each report's
// body is minified once, when it is read (load.go), and a page is executed
// with a placeholder where each body fragment goes: the minifier then sees
// only the page's own few kilobytes, and the fragments are copied into its
// output. The result is byte for byte the minified whole page, because a
// fragment starts and ends with a block-level tag, and the minifier removes
// the white space around a block-level tag whatever it is, so the
// placeholder (itself a block-level element) leaves the text around it
// exactly as the fragment would. A page whose fragments do not have that
// form, or whose placeholders the minifier did not leave intact, is
// minified whole instead (TestSpliceMatchesWholeMinify checks both ways
// agree).

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
	dir     string                        // the templates directory, for messages
	min     *minify.M
	bufs    sync.Pool
}

func newPageRenderer(templates map[string]*template.Template, dir string, m *minify.M) *pageRenderer {
	pr := &pageRenderer{layouts: map[string]*template.Template{}, dir: dir, min: m}
	for kind, t := range templates {
		pr.layouts[kind] = t.Lookup("layout.html")
	}
	pr.bufs.New = func() any { return &renderBufs{} }
	return pr
}

type renderBufs struct{ exec, min bytes.Buffer }

// render returns the page's minified HTML.
func (pr *pageRenderer) render(pg *page) ([]byte, error) {
	t := pr.layouts[pg.Kind]
	if t == nil {
		return nil, fmt.Errorf("%s: no template for %s pages", pr.dir, pg.Kind)
	}
	b := pr.bufs.Get().(*renderBufs)
	defer pr.bufs.Put(b)
	b.exec.Reset()
	if err := t.Execute(&b.exec, pg); err != nil {
		return nil, templateError(pr.dir, err)
	}
	open := []byte(phOpen(pg.nonce))
	if len(pg.frags) > 0 && spliceable(pg.frags) {
		b.min.Reset()
		if err := pr.min.Minify(assets.HTML, &b.min, bytes.NewReader(b.exec.Bytes())); err != nil {
			return nil, fmt.Errorf("minify %s: %w", pg.Path, err)
		}
		if out, ok := splice(b.min.Bytes(), open, pg.frags, bytes.Count(b.exec.Bytes(), open)); ok {
			return out, nil
		}
	}
	src := b.exec.Bytes()
	if len(pg.frags) > 0 {
		var ok bool
		if src, ok = splice(src, open, pg.frags, -1); !ok {
			return nil, fmt.Errorf("%s: a placeholder for report text was cut", pg.Path)
		}
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
func splice(page, open []byte, frags []string, want int) ([]byte, bool) {
	size := len(page)
	for _, f := range frags {
		size += len(f)
	}
	out := make([]byte, 0, size)
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
		n, err := strconv.Atoi(string(rest[:j]))
		if err != nil || n < 0 || n >= len(frags) {
			return nil, false
		}
		out = append(out, frags[n]...)
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
// at the top level of a body.
var blockTags = []string{"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre", "hr", "div"}

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
	return startOK && endOK
}

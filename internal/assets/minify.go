package assets

import (
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// htmlMinifier is how every page is minified.
var htmlMinifier = html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true}

// MinifyTemplate minifies the text of a Go HTML template as the pages it
// makes would be minified, its actions left as they are: minifying the
// templates once makes every page minified but for what the actions
// print, with no page minified. Where an action stands the minifier cannot
// know what it prints, so it keeps the white space next to it; the white
// space next to a block-level tag is then dropped too, as minifying a whole
// page drops it whatever stands beside it (the same list of tags), so that
// a page shows what the page minified whole showed: between inline list
// items, a kept space would show as a gap.
func MinifyTemplate(text []byte) ([]byte, error) {
	m := minify.New()
	h := htmlMinifier
	h.TemplateDelims = html.GoTemplateDelims
	m.Add(HTML, &h)
	m.AddFunc(SVG, svg.Minify)
	out, err := m.Bytes(HTML, text)
	if err != nil || preTag.Match(out) {
		return out, err // white space in preformatted text is the text's
	}
	out = spaceBeforeBlock.ReplaceAll(out, []byte("$1"))
	return spaceAfterBlock.ReplaceAll(out, []byte("$1")), nil
}

// The block-level tags around which the HTML minifier removes white space
// (tdewolff/minify's html table, blockTag).
const blockTags = `address|article|aside|blockquote|br|caption|col|colgroup|dd|details|div|dl|dt|fieldset|figcaption|figure|footer|form|h[1-6]|head|header|hgroup|hr|html|legend|li|main|menu|nav|noscript|ol|option|p|section|style|summary|table|tbody|td|tfoot|th|thead|title|tr|ul`

var (
	spaceBeforeBlock = regexp.MustCompile(`[ \t\r\n]+(</?(?:` + blockTags + `)[\s>/])`)
	spaceAfterBlock  = regexp.MustCompile(`(</?(?:` + blockTags + `)(?:\s(?:[^<>{]|\{\{[^}]*\}\})*)?>)[ \t\r\n]+`)
	preTag           = regexp.MustCompile(`(?i)<(pre|textarea)[\s>]`)
)

// Media types of the files the site writes, as registered in NewMinifier.
const (
	HTML = "text/html"
	CSS  = "text/css"
	JS   = "application/javascript"
	SVG  = "image/svg+xml"
	JSON = "application/json"
	XML  = "application/xml"
)

// NewMinifier returns the one minifier of the project, set up for every text
// type the site writes. It is safe for concurrent use.
func NewMinifier() *minify.M {
	m := minify.New()
	// Document and end tags and attribute quotes are kept: validators, CMS
	// importers and the portals' own inspection tools read the pages too.
	m.Add(HTML, &htmlMinifier)
	m.AddFunc(CSS, css.Minify)
	m.AddFunc(JS, js.Minify)
	m.AddFunc(SVG, svg.Minify)
	m.AddFunc(JSON, json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^application/(atom\+|rss\+)?xml$`), xml.Minify)
	return m
}

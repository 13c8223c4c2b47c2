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
	m.Add(HTML, &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc(CSS, css.Minify)
	m.AddFunc(JS, js.Minify)
	m.AddFunc(SVG, svg.Minify)
	m.AddFunc(JSON, json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^application/(atom\+|rss\+)?xml$`), xml.Minify)
	return m
}

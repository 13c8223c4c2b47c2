package site

import (
	"fmt"
	"strings"

	"golang.org/x/net/html"

	"nianbao/internal/search"
)

// dirSearchIndex is the directory of the search index under the site root;
// the search page's script reads it (see internal/search).
const dirSearchIndex = "search/index/"

// buildSearchIndex turns every report into a search document and builds
// the index files, kept in memory until render writes them beside the pages.
// The index is built from the same rendered sections the pages show, so a
// result's snippet is text the reader finds on the page.
func (b *builder) buildSearchIndex() error {
	if err := b.plan(); err != nil {
		return err
	}
	if c := b.changes; c != nil && !c.all && len(c.towns) == 0 {
		// No report was added, removed or changed, and no place renamed:
		// the last build's index stands.
		b.keepSearch = true
		return nil
	}
	reports := b.site.Reports
	docs := make([]search.Doc, len(reports))
	errs := make([]error, len(reports))
	forEach(len(reports), b.workers, func(i int) {
		docs[i], errs[i] = b.searchDoc(reports[i])
	})
	for _, err := range errs {
		if err != nil {
			b.res.Problems = append(b.res.Problems, err)
		}
	}
	if len(b.res.Problems) > 0 {
		return nil
	}
	files, err := search.Build(docs, search.Options{})
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	b.searchFiles = files
	return nil
}

// searchDoc is one report as the search index sees it.
func (b *builder) searchDoc(r *Report) (search.Doc, error) {
	m := &r.Meta
	d := search.Doc{
		URL:       reportPath(r.Town.Code, r.Year),
		Title:     m.Title,
		Province:  m.Province,
		City:      m.City,
		County:    m.County,
		Town:      m.Town,
		Code:      r.Town.Code,
		Issuer:    m.Issuer,
		Signer:    m.Signer,
		DocNumber: m.DocNumber,
		Year:      r.Year,
	}
	text, err := b.parts.searchTextOf(r.entry)
	if err != nil {
		return d, err
	}
	d.Sections = append(d.Sections, search.Section{Text: text[0]})
	for _, s := range r.Sections {
		if s.Index+1 >= len(text) {
			return d, fmt.Errorf("%s: internal error: section %s has no rendered text", r.File, s.ID)
		}
		d.Sections = append(d.Sections, search.Section{ID: s.ID, Title: s.Title, Kind: s.Kind, Text: text[s.Index+1]})
	}
	return d, nil
}

// searchText is the plain text of a report's lead and of each of its
// sections, in that order. It is made once, when the report is parsed,
// and kept in the pack: every build indexes every report.
func searchText(p *parts) []string {
	text := make([]string, 0, 1+len(p.sections))
	text = append(text, plainText(p.lead))
	for _, s := range p.sections {
		text = append(text, plainText(s))
	}
	return text
}

// textBlockTags end a line of plain text: headings stay lines of their own so
// that a match in a sub-heading shows as one.
var textBlockTags = map[string]bool{
	"p": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "tr": true, "td": true, "th": true, "div": true, "section": true, "br": true,
	"blockquote": true, "table": true, "ul": true, "ol": true,
}

// plainText is the text of rendered HTML, one line per block, with the
// section's own "##" heading (which the search document carries as its
// title) left out.
func plainText(s string) string {
	var b strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0 // inside the section's h2
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.TrimSpace(b.String())
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			if string(name) == "h2" {
				skip++
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if tag == "h2" && skip > 0 {
				skip--
				continue
			}
			if textBlockTags[tag] && b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
				b.WriteByte('\n')
			}
		}
	}
}

// kindSearchIndex is the kind of the index files in the build summary.
const kindSearchIndex = "search-index"

package site

import (
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"

	"nianbao/internal/assets"
	"nianbao/internal/cache"
	"nianbao/internal/textdiff"
)

// A town's "what changed" page for each pair of its consecutive reports:
// the later report's text, part by part, set against the earlier's. Each
// paragraph is carried over unchanged (folded away), carried over with
// edits (shown character by character), new, or left out. It is the text
// of both reports as written, only arranged.

// changesPath is the page setting a town's report of year against its
// report before.
func changesPath(code string, year int) string {
	return "towns/" + code + "/changes-" + strconv.Itoa(year) + "/"
}

// changesData is a changes page.
type changesData struct {
	Town     *Town
	Old, New link
	// OldYear and NewYear are the two reports' years.
	OldYear, NewYear int
	// Same, Edited, Added and Removed count the paragraphs of each kind.
	Same, Edited, Added, Removed int
	Parts                        []changesPart
	Others                       []link
}

// changesPart is the paragraphs of one kind of section in both reports.
type changesPart struct {
	ID, Label string
	Blocks    []changeBlock
}

// changeBlock is a run of unchanged paragraphs, or one paragraph edited,
// added or removed. The paragraphs' text is escaped here and spliced in
// after the page is minified (page.frag), as a report's text is: the
// minifier need not read the text of 16,000 pages. A block's paragraphs
// are one fragment, and changeBlocks (compare_html.go) writes the blocks
// around them: a template spends more on each action than on the bytes it
// writes, and a changes page has dozens of paragraphs.
type changeBlock struct {
	// Same, Edited, Added: the block's kind; none of them: removed.
	Same, Edited, Added bool
	// N counts the paragraphs; HTML holds them.
	N    int
	HTML template.HTML
	html []byte
}

func (p *pages) changes(t *Town, r *Report) (*page, error) {
	old := previousReport(t, r.Year)
	title := t.Name + yearText(r.Year) + "报告与" + yearText(old.Year) + "报告相比的变化"
	pg := p.newPage(kindChanges, changesPath(t.Code, r.Year), title)
	pg.Crumbs = p.crumbs(append(p.townCrumbs(t), link{Text: yearText(r.Year) + "与" + yearText(old.Year) + "相比"})...)
	pg.Description = t.FullName() + yearText(r.Year) + "法治政府建设年度报告与" + yearText(old.Year) + "报告逐段对照：沿用、改动、新增和删去的段落"
	pg.Date = p.dateOr(later(old.Newest(), r.Newest()))
	d := &changesData{Town: t, OldYear: old.Year, NewYear: r.Year,
		Old: link{Text: yearText(old.Year) + "报告原文", URL: p.l.href(reportPath(t.Code, old.Year))},
		New: link{Text: yearText(r.Year) + "报告原文", URL: p.l.href(reportPath(t.Code, r.Year))}}
	oldParts, err := p.parts.partsOf(old.entry)
	if err != nil {
		return nil, err
	}
	newParts, err := p.parts.partsOf(r.entry)
	if err != nil {
		return nil, err
	}
	oldKinds, newKinds := partsByKind(old, oldParts), partsByKind(r, newParts)
	order := make([]string, 0, len(newKinds.order)+len(oldKinds.order))
	order = append(order, newKinds.order...)
	for _, k := range oldKinds.order {
		if _, ok := newKinds.paras[k]; !ok {
			order = append(order, k)
		}
	}
	for _, k := range order {
		part := changesPart{ID: "k-lead", Label: "正文开头"}
		if k != "" {
			part.ID, part.Label = "k-"+k, kindLabel(k)
		}
		a, b := oldKinds.paras[k], newKinds.paras[k]
		for _, pair := range textdiff.Align(a, b) {
			var inner string
			var kind changeBlock
			switch pair.Kind {
			case textdiff.Same:
				d.Same++
				kind.Same, inner = true, html.EscapeString(b[pair.New])
			case textdiff.Edited:
				d.Edited++
				kind.Edited, inner = true, editsHTML(textdiff.Chars(a[pair.Old], b[pair.New]))
			case textdiff.Added:
				d.Added++
				kind.Added, inner = true, html.EscapeString(b[pair.New])
			case textdiff.Removed:
				d.Removed++
				inner = html.EscapeString(a[pair.Old])
			}
			para, err := p.paragraphHTML(pg, inner)
			if err != nil {
				return nil, err
			}
			if n := len(part.Blocks); !kind.Same || n == 0 || !part.Blocks[n-1].Same {
				part.Blocks = append(part.Blocks, kind)
			}
			bl := &part.Blocks[len(part.Blocks)-1]
			bl.N++
			bl.html = append(bl.html, para...)
		}
		for i := range part.Blocks {
			bl := &part.Blocks[i]
			bl.HTML, bl.html = pg.frag(string(bl.html)), nil
		}
		d.Parts = append(d.Parts, part)
	}
	for i := 1; i < len(t.Reports); i++ {
		x, prev := t.Reports[i], t.Reports[i-1]
		d.Others = append(d.Others, link{Text: yearText(x.Year) + "与" + yearText(prev.Year), URL: p.l.href(changesPath(t.Code, x.Year)), Current: x == r})
	}
	pg.Data = d
	return pg, nil
}

// paragraphHTML is a paragraph of the page, whose content is inner, as it
// is spliced in after the page is minified (page.frag): so the minifier
// reads only the page's own few kilobytes, as for a report page. A
// fragment must be what minifying the whole page would make of it: plain
// text is already, and the rest (an edited paragraph's marks, a text with
// characters the minifier writes otherwise) is minified on its own, which
// gives the same, as a <p> element is minified alike wherever it stands
// and paragraphs side by side are minified with nothing between them
// (TestSpliceMatchesWholeMinify).
func (p *pages) paragraphHTML(pg *page, inner string) (string, error) {
	h := "<p>" + inner + "</p>"
	if strings.ContainsAny(inner, "&<>\"'\t\n\r\f\v") || strings.Contains(inner, "  ") ||
		strings.HasPrefix(inner, " ") || strings.HasSuffix(inner, " ") {
		var err error
		if h, err = p.parts.min.String(assets.HTML, h); err != nil {
			return "", fmt.Errorf("%s: minify: %w", pg.Path, err)
		}
	}
	return h, nil
}

// kindParas are a report's paragraphs by the kind of their section ("" for
// the text before the first section), the kinds in the report's order.
type kindParas struct {
	order []string
	paras map[string][]string
}

func partsByKind(r *Report, p *cache.Parts) kindParas {
	k := kindParas{paras: map[string][]string{}}
	add := func(kind string, html string) {
		ps := paragraphs(html)
		if len(ps) == 0 {
			return
		}
		if _, ok := k.paras[kind]; !ok {
			k.order = append(k.order, kind)
		}
		k.paras[kind] = append(k.paras[kind], ps...)
	}
	add("", p.Lead)
	for _, s := range r.Sections {
		if s.Index < len(p.Sections) {
			add(s.Kind, p.Sections[s.Index])
		}
	}
	return k
}

// editsHTML shows a paragraph's edits: a deletion struck through and an
// insertion underlined (not colour alone), each announced in words to a
// screen reader (［删去：…］, ［新增：…］).
func editsHTML(ops []textdiff.Op) string {
	var b strings.Builder
	for _, op := range ops {
		t := html.EscapeString(op.Text)
		switch op.Kind {
		case textdiff.Equal:
			b.WriteString(t)
		case textdiff.Delete:
			b.WriteString(`<del><span class="visually-hidden">［删去：</span>` + t + `<span class="visually-hidden">］</span></del>`)
		case textdiff.Insert:
			b.WriteString(`<ins><span class="visually-hidden">［新增：</span>` + t + `<span class="visually-hidden">］</span></ins>`)
		}
	}
	return b.String()
}

package site

import (
	"fmt"
	"hash/fnv"
	"html"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"

	"nianbao/internal/cache"
	"nianbao/internal/content"
	"nianbao/internal/reuse"
	"nianbao/internal/workers"
)

// Text found in other reports (internal/reuse), as the pages show it: each
// paragraph of a report most of whose text other reports also hold is
// followed by a note linking to them; the report's aside gives how much of
// its text its town's other reports and other towns' reports hold; a site
// page lists the paragraphs repeated whole by the most towns and explains
// the method. All of it says where text is found, never who took it from
// whom.

// paragraphs returns the text of each <p> of rendered HTML, in order: the
// units internal/reuse compares and the changes pages align.
func paragraphs(s string) []string {
	var out []string
	var b strings.Builder
	in := false
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return out
		case xhtml.TextToken:
			if in {
				b.Write(z.Text())
			}
		case xhtml.StartTagToken:
			if name, _ := z.TagName(); string(name) == "p" {
				in = true
				b.Reset()
			}
		case xhtml.EndTagToken:
			if name, _ := z.TagName(); string(name) == "p" && in {
				out = append(out, strings.TrimSpace(b.String()))
				in = false
			}
		}
	}
}

// partHTML is part i of a report's parts: 0 the lead, then the sections.
func partHTML(p *cache.Parts, i int) string {
	if i == 0 {
		return p.Lead
	}
	if i-1 < len(p.Sections) {
		return p.Sections[i-1]
	}
	return ""
}

// reuseSketch is a report's paragraphs as internal/reuse compares them,
// with its own place names masked.
func reuseSketch(m *content.Meta, p *cache.Parts) []reuse.Para {
	places := reuse.PlaceReplacer(reuse.Places(m.Province, m.City, m.County, m.Town))
	var out []reuse.Para
	for i := 0; i <= len(p.Sections); i++ {
		for k, text := range paragraphs(partHTML(p, i)) {
			out = append(out, reuse.Paragraph(text, places, i, k))
		}
	}
	return out
}

// reuseState is what reuse.Find found in the whole site, once a build.
type reuseState struct {
	// docs are the reports in the order compared (town by town); paras
	// their paragraphs; results what was found of each.
	docs    []*Report
	paras   [][]reuse.Para
	results []reuse.Result
	doc     map[*Report]int32
	// repeated are the sentences the reports of the most towns hold.
	repeated []reuse.Passage
}

// repeatedShown is how many repeated paragraphs the site page lists.
const repeatedShown = 50

// findReuse compares the text of every report of the site.
func (p *pages) findReuse() error {
	st := &reuseState{doc: map[*Report]int32{}}
	var docs []reuse.Doc
	for ti, t := range p.site.Towns {
		for _, r := range t.Reports {
			st.doc[r] = int32(len(st.docs))
			st.docs = append(st.docs, r)
			docs = append(docs, reuse.Doc{Town: int32(ti)})
		}
	}
	st.paras = make([][]reuse.Para, len(st.docs))
	errs := make([]error, len(st.docs))
	workers.Each(len(st.docs), p.workers, func(i int) {
		st.paras[i], errs[i] = p.parts.reuseOf(st.docs[i].entry)
		docs[i].Paras = st.paras[i]
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	st.results, st.repeated = reuse.Find(docs, p.workers, repeatedShown)
	p.reuse = st
	return nil
}

// reuseNote is the note after a paragraph most of whose text other
// reports hold.
type reuseNote struct {
	// Same links to the town's other reports, Other to other towns'.
	Same, Other []link
	// More is how many more reports at least hold some of its text.
	More int
}

// reuseNotes are a report's notes, by part and then paragraph index.
func (p *pages) reuseNotes(r *Report) map[[2]int32]reuseNote {
	st := p.reuse
	d, ok := st.doc[r]
	if !ok {
		return nil
	}
	out := map[[2]int32]reuseNote{}
	for _, m := range st.results[d].Marks {
		para := st.paras[d][m.Para]
		var n reuseNote
		for _, x := range m.SameTown {
			n.Same = append(n.Same, p.reuseLink(r, x))
		}
		for _, x := range m.OtherTowns {
			n.Other = append(n.Other, p.reuseLink(r, x))
		}
		n.More = max(0, int(m.AtLeast)-len(n.Same)-len(n.Other))
		out[[2]int32{para.Part, para.Index}] = n
	}
	return out
}

// reuseLink links to the paragraph of another report that a match names:
// its section, with a text fragment of the paragraph's first clause. The
// text names the year, and the town when it is another (of from).
func (p *pages) reuseLink(from *Report, m reuse.Match) link {
	st := p.reuse
	o := st.docs[m.Doc]
	para := st.paras[m.Doc][m.Para]
	u := p.l.href(reportPath(o.Town.Code, o.Year))
	id := ""
	if para.Part > 0 && int(para.Part)-1 < len(o.Sections) {
		id = o.Sections[para.Part-1].ID
	}
	u += sectionFragment(id)
	if para.Lead != "" {
		u += ":~:text=" + textDirective(para.Lead)
	}
	text := yearText(o.Year) + "报告"
	if from == nil || o.Town != from.Town {
		text = o.Town.Name + text
	}
	return link{Text: text, URL: u}
}

// HTML is the note as HTML, inserted after its paragraph; guide links to
// how text found elsewhere is told.
func (n reuseNote) HTML(guide string) string {
	var b strings.Builder
	b.WriteString(`<p class="reuse-note"><span class="reuse-tag">此段文字也见于</span>`)
	list := func(label string, links []link) {
		if len(links) == 0 {
			return
		}
		b.WriteString(`<span class="reuse-group">` + label)
		for i, l := range links {
			if i > 0 {
				b.WriteString("、")
			}
			fmt.Fprintf(&b, `<a href="%s">%s</a>`, html.EscapeString(l.URL), html.EscapeString(l.Text))
		}
		b.WriteString(`</span>`)
	}
	list("本乡镇（街道）的", n.Same)
	list("其他乡镇：", n.Other)
	if n.More > 0 {
		fmt.Fprintf(&b, `<span class="reuse-group">另有至少 %d 份报告含有此段的语句。</span>`, n.More)
	}
	fmt.Fprintf(&b, `<a class="reuse-how" href="%s">怎样判断</a></p>`, html.EscapeString(guide))
	return b.String()
}

// withNotes inserts each part's notes after their paragraphs: after the
// nth </p> of the part's HTML (the parts keep their end tags), marking the
// paragraph itself as found elsewhere.
func withNotes(s string, part int32, notes map[[2]int32]reuseNote, guide string) string {
	if len(notes) == 0 {
		return s
	}
	var b strings.Builder
	k := int32(0)
	for {
		i := strings.Index(s, "</p>")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		n, ok := notes[[2]int32{part, k}]
		head := s[:i+len("</p>")]
		if ok {
			// The paragraph's own start tag, the last <p> before its end.
			if j := strings.LastIndex(head, "<p>"); j >= 0 {
				head = head[:j] + `<p class="reused">` + head[j+len("<p>"):]
			}
		}
		b.WriteString(head)
		if ok {
			b.WriteString(n.HTML(guide))
		}
		s = s[i+len("</p>"):]
		k++
	}
}

// reuseShare is what the report's aside says of its text found elsewhere.
type reuseShare struct {
	// Chars is the length of its compared text; SameTown and OtherTowns
	// the percentages of it found in the town's other reports and in other
	// towns' reports; Marked how many of its paragraphs are marked.
	Chars                int
	SameTown, OtherTowns string
	Marked               int
	Guide                string
	// Years says the town has other reports to compare with.
	Years bool
}

// reuseShareOf is a report's reuseShare; nil when it has no text compared.
func (p *pages) reuseShareOf(r *Report) *reuseShare {
	st := p.reuse
	d, ok := st.doc[r]
	if !ok || st.results[d].Runes == 0 {
		return nil
	}
	res := st.results[d]
	return &reuseShare{Chars: int(res.Runes), SameTown: percent(res.SameTown, res.Runes), OtherTowns: percent(res.OtherTowns, res.Runes),
		Marked: len(res.Marks), Guide: p.l.href(pathRepeated), Years: len(r.Town.Reports) > 1}
}

// percent is part of whole as a whole percentage, "不到1%" for a little.
func percent(part, whole int32) string {
	if part == 0 {
		return "0%"
	}
	pc := int(int64(part) * 100 / int64(whole))
	if pc == 0 {
		return "不到1%"
	}
	return strconv.Itoa(pc) + "%"
}

// reuseDigest sums up what a report's page shows of reuse, so that an
// incremental build renders it again when that changed (deps.go).
func (p *pages) reuseDigest(r *Report) uint64 {
	if p.reuse == nil {
		return 0
	}
	h := fnv.New64a()
	if s := p.reuseShareOf(r); s != nil {
		fmt.Fprintf(h, "%d %s %s %d\n", s.Chars, s.SameTown, s.OtherTowns, s.Marked)
	}
	d := p.reuse.doc[r]
	for _, m := range p.reuse.results[d].Marks {
		para := p.reuse.paras[d][m.Para]
		fmt.Fprintf(h, "%d %d %d", para.Part, para.Index, m.AtLeast)
		for _, x := range append(append([]reuse.Match(nil), m.SameTown...), m.OtherTowns...) {
			l := p.reuseLink(r, x)
			fmt.Fprintf(h, " %s %s", l.Text, l.URL)
		}
		h.Write([]byte{'\n'})
	}
	return h.Sum64()
}

// repeatedData is the page of the sentences repeated by the most towns,
// with the method of the whole comparison.
type repeatedData struct {
	Passages []repeatedPassage
	// The thresholds (internal/reuse), as the method explains them.
	MinUnit, MinPara, MinShare, MinOwn, CommonTowns int
	// Guiding are the phrases a sentence naming is boilerplate whole;
	// Formulations those deleted before a sentence is measured.
	Guiding, Formulations []string
}

// repeatedPassage is a sentence several towns' reports hold; Common says
// it is held by so many that it counts as common phrasing.
type repeatedPassage struct {
	Text           string
	Towns, Reports int
	Places         []link
	More           int
	Common         bool
}

// repeatedPlaces is how many places a repeated paragraph lists.
const repeatedPlaces = 12

func (p *pages) repeated() (*page, error) {
	pg := p.newPage(kindRepeated, pathRepeated, "各报告中相同的文字")
	pg.Crumbs = p.crumbs(link{Text: "相同的文字"})
	pg.Description = "本站各份法治政府建设年度报告中，与其他报告相同或几乎相同的文字：重复最多的段落，以及判断方法"
	pg.Date = p.view.Updated
	st := p.reuse
	d := &repeatedData{MinUnit: reuse.MinUnit, MinPara: reuse.MinPara, MinShare: int(reuse.MinShare * 100), MinOwn: reuse.MinOwn,
		CommonTowns: reuse.CommonTowns(len(p.site.Towns))}
	for _, f := range reuse.Formulations() {
		if g, ok := strings.CutPrefix(f, "!"); ok {
			d.Guiding = append(d.Guiding, g)
		} else {
			d.Formulations = append(d.Formulations, f)
		}
	}
	for _, ps := range st.repeated {
		first := ps.Places[0]
		r := st.docs[first.Doc]
		parts, err := p.parts.partsOf(r.entry)
		if err != nil {
			return nil, err
		}
		para := st.paras[first.Doc][first.Para]
		texts := paragraphs(partHTML(parts, int(para.Part)))
		if int(para.Index) >= len(texts) {
			continue
		}
		m := &r.Meta
		text := reuse.UnitText(texts[para.Index], reuse.PlaceReplacer(reuse.Places(m.Province, m.City, m.County, m.Town)), ps.Hash)
		if text == "" {
			continue
		}
		rp := repeatedPassage{Text: text, Towns: ps.Towns, Reports: len(ps.Places), Common: ps.Common}
		for _, m := range ps.Places[:min(len(ps.Places), repeatedPlaces)] {
			rp.Places = append(rp.Places, p.reuseLink(nil, m))
		}
		rp.More = len(ps.Places) - len(rp.Places)
		d.Passages = append(d.Passages, rp)
	}
	pg.Data = d
	return pg, nil
}

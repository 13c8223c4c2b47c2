package site

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"html"
	"strconv"
	"strings"

	"nianbao/internal/cache"
	"nianbao/internal/content"
	"nianbao/internal/reuse"
	"nianbao/internal/workers"
)

// Text found in other reports (internal/reuse), as the pages show it: each
// paragraph of a report most of whose text other reports also hold is
// followed by a note linking to them; the report's aside gives how much of
// its text its town's other reports and other towns' reports hold; a site
// page lists the sentences the most towns share and explains the method.
// All of it says where text is found, never who took it from whom. The
// notes are HTML made here, as the report text they sit in was made when
// the report was parsed: they are spliced into it.

// paragraphs returns the text of each <p> of rendered HTML, in order: the
// units internal/reuse compares and the changes pages align. The HTML is
// the parts' own (goldmark's, minified with end tags kept), so a plain scan
// finds its paragraphs; withNotes counts them alike.
func paragraphs(s string) []string {
	var out []string
	for {
		i := paragraphStart(s)
		if i < 0 {
			return out
		}
		s = s[i:]
		gt := strings.IndexByte(s, '>')
		end := strings.Index(s, "</p>")
		if gt < 0 || end < gt {
			return out
		}
		out = append(out, strings.TrimSpace(html.UnescapeString(stripTags(s[gt+1:end]))))
		s = s[end+len("</p>"):]
	}
}

// paragraphStart is the index of the first <p> or <p …> tag of s, -1 for none.
func paragraphStart(s string) int {
	off := 0
	for {
		i := strings.Index(s[off:], "<p")
		if i < 0 {
			return -1
		}
		i += off
		if i+2 < len(s) && (s[i+2] == '>' || s[i+2] == ' ') {
			return i
		}
		off = i + 2
	}
}

// stripTags drops the tags of inline HTML, keeping its text.
func stripTags(s string) string {
	if strings.IndexByte(s, '<') < 0 {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			return b.String()
		}
		s = s[i+j+1:]
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
	places := reuse.NewPlaces(m.Province, m.City, m.County, m.Town)
	var out []reuse.Para
	for i := 0; i <= len(p.Sections); i++ {
		for k, text := range paragraphs(partHTML(p, i)) {
			out = append(out, reuse.Paragraph(text, places, i, k))
		}
	}
	return out
}

// reuseState is what reuse.Find found in the whole site, once a build,
// kept in flat arrays without pointers: the garbage collector of a build
// rendering 100,000 pages need not walk them.
type reuseState struct {
	// docs are the reports in the order compared (town by town).
	docs []*Report
	doc  map[*Report]int32
	// first is each doc's first paragraph in part, index and leadEnd (one
	// more entry, the end); lead k is leads[leadEnd[k-1]:leadEnd[k]].
	first       []int32
	part, index []int32
	leads       []byte
	leadEnd     []int32
	runes       [][3]int32 // each doc's Runes, SameTown and OtherTowns
	marksAt     []int32    // each doc's first mark (one more entry, the end)
	marks       []flatMark
	links       []reuse.Match
	repeated    []reuse.Passage
}

// flatMark is a reuse.Mark with its links in reuseState.links: same of the
// town's other reports, then other of other towns'.
type flatMark struct {
	Para, Runes, AtLeast int32
	link, same, other    int32
}

// repeatedShown is how many repeated sentences the site page lists.
const repeatedShown = 50

// reuseState returns what reuse.Find finds in the site, found on first
// use: a rebuild in which no report changed shows nothing new of it and
// never needs it (plan takes the last build's digests).
func (p *pages) reuseState() (*reuseState, error) {
	p.reuseOnce.Do(func() { p.reuseErr = p.findReuse() })
	return p.reuse, p.reuseErr
}

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
	errs := make([]error, len(st.docs))
	workers.Each(len(st.docs), p.workers, func(i int) {
		docs[i].Paras, errs[i] = p.parts.reuseOf(st.docs[i].entry)
	})
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	results, repeated := reuse.Find(docs, p.workers, repeatedShown)
	st.repeated = repeated
	st.first = make([]int32, len(docs)+1)
	st.runes = make([][3]int32, len(docs))
	st.marksAt = make([]int32, len(docs)+1)
	for d, doc := range docs {
		st.first[d] = int32(len(st.part))
		for _, q := range doc.Paras {
			st.part = append(st.part, q.Part)
			st.index = append(st.index, q.Index)
			st.leads = append(st.leads, q.Lead...)
			st.leadEnd = append(st.leadEnd, int32(len(st.leads)))
		}
		res := &results[d]
		st.runes[d] = [3]int32{res.Runes, res.SameTown, res.OtherTowns}
		st.marksAt[d] = int32(len(st.marks))
		for _, m := range res.Marks {
			st.marks = append(st.marks, flatMark{Para: m.Para, Runes: m.Runes, AtLeast: m.AtLeast,
				link: int32(len(st.links)), same: int32(len(m.SameTown)), other: int32(len(m.OtherTowns))})
			st.links = append(append(st.links, m.SameTown...), m.OtherTowns...)
		}
	}
	st.first[len(docs)] = int32(len(st.part))
	st.marksAt[len(docs)] = int32(len(st.marks))
	p.reuse = st
	return nil
}

// para returns paragraph k of doc d: its part, index and lead.
func (st *reuseState) para(d, k int32) (part, index int32, lead string) {
	i := st.first[d] + k
	start := int32(0)
	if i > 0 {
		start = st.leadEnd[i-1]
	}
	return st.part[i], st.index[i], string(st.leads[start:st.leadEnd[i]])
}

// marksOf returns doc d's marks.
func (st *reuseState) marksOf(d int32) []flatMark { return st.marks[st.marksAt[d]:st.marksAt[d+1]] }

// reuseNote is the note after a paragraph most of whose text other
// reports hold.
type reuseNote struct {
	// Same links to the town's other reports, Other to other towns'.
	Same, Other []link
	// More is how many more reports at least hold some of its text.
	More int
}

// reuseNotes are a report's notes, by part and then paragraph index.
func (p *pages) reuseNotes(st *reuseState, r *Report) map[[2]int32]reuseNote {
	d, ok := st.doc[r]
	if !ok {
		return nil
	}
	out := map[[2]int32]reuseNote{}
	for _, m := range st.marksOf(d) {
		part, index, _ := st.para(d, m.Para)
		var n reuseNote
		for _, x := range st.links[m.link : m.link+m.same] {
			n.Same = append(n.Same, p.reuseLink(st, r, x))
		}
		for _, x := range st.links[m.link+m.same : m.link+m.same+m.other] {
			n.Other = append(n.Other, p.reuseLink(st, r, x))
		}
		n.More = max(0, int(m.AtLeast)-len(n.Same)-len(n.Other))
		out[[2]int32{part, index}] = n
	}
	return out
}

// reuseLink links to the paragraph of another report that a match names:
// its section, with a text fragment of the paragraph's first clause. The
// text names the year, and the town when it is another (of from).
func (p *pages) reuseLink(st *reuseState, from *Report, m reuse.Match) link {
	o := st.docs[m.Doc]
	part, _, lead := st.para(m.Doc, m.Para)
	u := p.l.href(reportPath(o.Town.Code, o.Year))
	id := ""
	if part > 0 && int(part)-1 < len(o.Sections) {
		id = o.Sections[part-1].ID
	}
	u += sectionFragment(id)
	if lead != "" {
		u += ":~:text=" + textDirective(lead)
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
			// The paragraph's own start tag, the last before its end, when
			// it has no attributes of its own (goldmark writes none).
			if j := strings.LastIndex(head, "<p"); j >= 0 && strings.HasPrefix(head[j:], "<p>") {
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
func (p *pages) reuseShareOf(st *reuseState, r *Report) *reuseShare {
	d, ok := st.doc[r]
	if !ok || st.runes[d][0] == 0 {
		return nil
	}
	n := st.runes[d]
	return &reuseShare{Chars: int(n[0]), SameTown: percent(n[1], n[0]), OtherTowns: percent(n[2], n[0]),
		Marked: len(st.marksOf(d)), Guide: p.l.href(pathRepeated), Years: len(r.Town.Reports) > 1}
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
func reuseDigest(st *reuseState, r *Report) uint64 {
	d, ok := st.doc[r]
	if !ok {
		return 0
	}
	// What a note shows of another report follows from that report's
	// bytes (its section ids, its paragraph's first clause), its place
	// (town code and name, year) and which paragraph: no link need be
	// made to tell that it changed.
	buf := make([]byte, 0, 256)
	n := st.runes[d]
	buf = binary.AppendVarint(buf, int64(n[0]))
	buf = binary.AppendVarint(buf, int64(n[1]))
	buf = binary.AppendVarint(buf, int64(n[2]))
	for _, m := range st.marksOf(d) {
		part, index, _ := st.para(d, m.Para)
		buf = binary.AppendVarint(buf, int64(part))
		buf = binary.AppendVarint(buf, int64(index))
		buf = binary.AppendVarint(buf, int64(m.AtLeast))
		buf = binary.AppendVarint(buf, int64(m.same))
		for _, x := range st.links[m.link : m.link+m.same+m.other] {
			o := st.docs[x.Doc]
			buf = append(buf, o.entry.Hash[:8]...)
			buf = append(buf, o.Town.Code...)
			buf = append(buf, o.Town.Name...)
			buf = binary.AppendVarint(buf, int64(o.Year))
			buf = binary.AppendVarint(buf, int64(x.Para))
		}
	}
	h := fnv.New64a()
	h.Write(buf)
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
	st, err := p.reuseState()
	if err != nil {
		return nil, err
	}
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
		part, index, _ := st.para(first.Doc, first.Para)
		texts := paragraphs(partHTML(parts, int(part)))
		if int(index) >= len(texts) {
			continue
		}
		m := &r.Meta
		text := reuse.UnitText(texts[index], reuse.NewPlaces(m.Province, m.City, m.County, m.Town), ps.Hash)
		if text == "" {
			continue
		}
		rp := repeatedPassage{Text: text, Towns: ps.Towns, Reports: len(ps.Places), Common: ps.Common}
		for _, m := range ps.Places[:min(len(ps.Places), repeatedPlaces)] {
			rp.Places = append(rp.Places, p.reuseLink(st, nil, m))
		}
		rp.More = len(ps.Places) - len(rp.Places)
		d.Passages = append(d.Passages, rp)
	}
	pg.Data = d
	return pg, nil
}

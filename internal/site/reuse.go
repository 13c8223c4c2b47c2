package site

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"html"
	"strconv"
	"strings"
	"sync"

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
	if !withFeature(featureReuse) {
		return nil
	}
	places := reuse.NewPlaces(m.Province, m.City, m.County, m.Town)
	var out []reuse.Para
	for i := 0; i <= len(p.Sections); i++ {
		for k, text := range paragraphs(partHTML(p, i)) {
			out = append(out, reuse.Paragraph(text, places, i, k))
		}
	}
	return out
}

// reuseState is what internal/reuse finds in the whole site, once a
// build. The index of every report's units is kept in the build cache
// between builds and updated with the reports that changed, so that adding
// a report reads that report's units, not every report's; a report's
// result is then found when its page or its digest needs it. A full build
// finds every report's at once. What each report keeps is in flat arrays
// without pointers to the marks: the garbage collector of a build
// rendering 100,000 pages need not walk millions of them.
type reuseState struct {
	// docs are the reports in the order compared (town by town), keys
	// what names each in the saved index.
	docs []*Report
	doc  map[*Report]int32
	keys []string
	x    *reuse.Index
	// touched says which reports' results may differ from those the saved
	// index gave, of which digests were made (prevGen names them); nil when
	// the index was built anew.
	touched  []bool
	prevGen  string
	repeated []reuse.Passage
	load     func(e *entry) ([]reuse.Para, error)

	mu  sync.Mutex
	per []docReuse
}

// docReuse is what one report shows and links to: its paragraphs (part,
// index and first clause, once read) and its result (once found).
type docReuse struct {
	hasParas, hasResult bool
	part, index         []int32
	leads               string
	leadEnd             []int32
	runes               [3]int32 // Runes, SameTown and OtherTowns
	marks               []flatMark
	links               []reuse.Match
}

// flatMark is a reuse.Mark with its links in its docReuse's links: same of
// the town's other reports, then other of other towns'.
type flatMark struct {
	Para, Runes, AtLeast int32
	link, same, other    int32
}

// repeatedShown is how many repeated sentences the site page lists.
const repeatedShown = 50

// reuseState returns what internal/reuse finds in the site, found on first
// use: a rebuild in which no report changed shows nothing new of it and
// never needs it (plan takes the last build's digests).
func (p *pages) reuseState() (*reuseState, error) {
	p.reuseOnce.Do(func() { p.reuseErr = p.findReuse() })
	return p.reuse, p.reuseErr
}

// reuseKey names a report in the saved index: everything its units and
// its place in the comparison follow from.
func reuseKey(r *Report) string {
	m := &r.Meta
	return r.entry.Name + "\x00" + string(r.entry.Hash[:]) + "\x00" + r.Town.Code + "\x00" +
		m.Province + "/" + m.City + "/" + m.County + "/" + m.Town
}

// reuseGen names a set of keys, so that a manifest tells which saved index
// its digests were made against.
func reuseGen(keys []string) string {
	h := sha256.New()
	for _, k := range keys {
		h.Write([]byte(k))
		h.Write([]byte{0xff})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// savedReuse is the last build's saved index, once read; nil when there
// is none.
func (p *pages) savedReuse() *reuse.Saved {
	if p.reuseSaved == nil {
		return nil
	}
	return p.reuseSaved()
}

// findReuse indexes the text of every report of the site: by updating the
// saved index (p.reuseSaved) when there is one, else afresh.
func (p *pages) findReuse() error {
	n := len(p.site.Reports)
	st := &reuseState{doc: make(map[*Report]int32, n), load: p.parts.reuseOf, docs: make([]*Report, 0, n), keys: make([]string, 0, n)}
	docs := make([]reuse.Doc, 0, n)
	for ti, t := range p.site.Towns {
		for _, r := range t.Reports {
			st.doc[r] = int32(len(st.docs))
			st.docs = append(st.docs, r)
			st.keys = append(st.keys, reuseKey(r))
			docs = append(docs, reuse.Doc{Town: int32(ti), Code: t.Code})
		}
	}
	st.per = make([]docReuse, len(docs))
	var c *reuse.Changes
	if saved := p.savedReuse(); saved != nil {
		if c = saved.Diff(st.keys); c.Stale {
			c = nil
		}
	}
	if c != nil {
		errs := make([]error, len(st.docs))
		workers.Each(len(st.docs), p.workers, func(i int) {
			if c.Fresh[i] {
				docs[i].Paras, errs[i] = st.load(st.docs[i].entry)
			}
		})
		if err := errors.Join(errs...); err != nil {
			return err
		}
		st.x, st.touched = c.Update(docs)
		st.prevGen = reuseGen(c.Saved)
		for i := range docs {
			if docs[i].Paras != nil {
				st.per[i].setParas(docs[i].Paras)
			}
		}
	} else {
		// Every report is read twice, for the index and then for its
		// result, rather than every report's units held at once: on a
		// national site they would be gigabytes.
		var err error
		st.x, err = reuse.NewIndexFunc(docs, p.workers, func(i int) ([]reuse.Para, error) {
			paras, err := st.load(st.docs[i].entry)
			if err == nil {
				st.per[i].setParas(paras)
			}
			return paras, err
		})
		if err != nil {
			return err
		}
		errs := make([]error, len(st.docs))
		workers.Each(len(docs), p.workers, func(i int) {
			var paras []reuse.Para
			if paras, errs[i] = st.load(st.docs[i].entry); errs[i] == nil {
				st.per[i].setResult(st.x.Find(int32(i), paras))
			}
		})
		if err := errors.Join(errs...); err != nil {
			return err
		}
	}
	st.repeated = st.x.Repeated(repeatedShown)
	p.reuse = st
	return nil
}

func (dr *docReuse) setParas(paras []reuse.Para) {
	var leads strings.Builder
	dr.part = make([]int32, len(paras))
	dr.index = make([]int32, len(paras))
	dr.leadEnd = make([]int32, len(paras))
	for k, q := range paras {
		dr.part[k], dr.index[k] = q.Part, q.Index
		leads.WriteString(q.Lead)
		dr.leadEnd[k] = int32(leads.Len())
	}
	dr.leads = leads.String()
	dr.hasParas = true
}

func (dr *docReuse) setResult(res reuse.Result) {
	dr.runes = [3]int32{res.Runes, res.SameTown, res.OtherTowns}
	dr.marks = make([]flatMark, 0, len(res.Marks))
	for _, m := range res.Marks {
		dr.marks = append(dr.marks, flatMark{Para: m.Para, Runes: m.Runes, AtLeast: m.AtLeast,
			link: int32(len(dr.links)), same: int32(len(m.SameTown)), other: int32(len(m.OtherTowns))})
		dr.links = append(append(dr.links, m.SameTown...), m.OtherTowns...)
	}
	dr.hasResult = true
}

// of returns doc d's paragraphs, and its result too when result is set,
// reading them from the pack and finding it on first use.
func (st *reuseState) of(d int32, result bool) (*docReuse, error) {
	st.mu.Lock()
	dr := &st.per[d]
	done := dr.hasParas && (dr.hasResult || !result)
	x := st.x
	st.mu.Unlock()
	if done {
		return dr, nil
	}
	// Read and found without the lock, so that the pages rendering beside
	// this one need not wait; two that need the same report both find it,
	// alike, and the first keeps it.
	paras, err := st.load(st.docs[d].entry)
	if err != nil {
		return nil, err
	}
	var fresh docReuse
	fresh.setParas(paras)
	if result {
		fresh.setResult(x.Find(d, paras))
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if !dr.hasParas {
		dr.part, dr.index, dr.leads, dr.leadEnd, dr.hasParas = fresh.part, fresh.index, fresh.leads, fresh.leadEnd, true
	}
	if result && !dr.hasResult {
		dr.runes, dr.marks, dr.links, dr.hasResult = fresh.runes, fresh.marks, fresh.links, true
	}
	return dr, nil
}

// dropIndex lets the index go when every report's result is found (a
// full build), so that the pages render without it in memory.
func (st *reuseState) dropIndex() {
	st.mu.Lock()
	defer st.mu.Unlock()
	for i := range st.per {
		if !st.per[i].hasResult {
			return
		}
	}
	st.x = nil
}

// para returns paragraph k of dr: its part, index and lead.
func (dr *docReuse) para(k int32) (part, index int32, lead string) {
	start := int32(0)
	if k > 0 {
		start = dr.leadEnd[k-1]
	}
	return dr.part[k], dr.index[k], dr.leads[start:dr.leadEnd[k]]
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
func (p *pages) reuseNotes(st *reuseState, r *Report) (map[[2]int32]reuseNote, error) {
	d, ok := st.doc[r]
	if !ok {
		return nil, nil
	}
	dr, err := st.of(d, true)
	if err != nil {
		return nil, err
	}
	out := map[[2]int32]reuseNote{}
	for _, m := range dr.marks {
		part, index, _ := dr.para(m.Para)
		var n reuseNote
		for k, x := range dr.links[m.link : m.link+m.same+m.other] {
			l, err := p.reuseLink(st, r, x)
			if err != nil {
				return nil, err
			}
			if int32(k) < m.same {
				n.Same = append(n.Same, l)
			} else {
				n.Other = append(n.Other, l)
			}
		}
		n.More = max(0, int(m.AtLeast)-len(n.Same)-len(n.Other))
		out[[2]int32{part, index}] = n
	}
	return out, nil
}

// reuseLink links to the paragraph of another report that a match names:
// its section, with a text fragment of the paragraph's first clause. The
// text names the year, and the town when it is another (of from).
func (p *pages) reuseLink(st *reuseState, from *Report, m reuse.Match) (link, error) {
	o := st.docs[m.Doc]
	dr, err := st.of(m.Doc, false)
	if err != nil {
		return link{}, err
	}
	part, _, lead := dr.para(m.Para)
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
	return link{Text: text, URL: u}, nil
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
func (p *pages) reuseShareOf(st *reuseState, r *Report) (*reuseShare, error) {
	d, ok := st.doc[r]
	if !ok {
		return nil, nil
	}
	dr, err := st.of(d, true)
	if err != nil || dr.runes[0] == 0 {
		return nil, err
	}
	n := dr.runes
	return &reuseShare{Chars: int(n[0]), SameTown: percent(n[1], n[0]), OtherTowns: percent(n[2], n[0]),
		Marked: len(dr.marks), Guide: p.l.href(pathRepeated), Years: len(r.Town.Reports) > 1}, nil
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
func reuseDigest(st *reuseState, r *Report) (uint64, error) {
	d, ok := st.doc[r]
	if !ok {
		return 0, nil
	}
	dr, err := st.of(d, true)
	if err != nil {
		return 0, err
	}
	// What a note shows of another report follows from that report's
	// bytes (its section ids, its paragraph's first clause), its place
	// (town code and name, year) and which paragraph: no link need be
	// made to tell that it changed.
	buf := make([]byte, 0, 256)
	n := dr.runes
	buf = binary.AppendVarint(buf, int64(n[0]))
	buf = binary.AppendVarint(buf, int64(n[1]))
	buf = binary.AppendVarint(buf, int64(n[2]))
	for _, m := range dr.marks {
		part, index, _ := dr.para(m.Para)
		buf = binary.AppendVarint(buf, int64(part))
		buf = binary.AppendVarint(buf, int64(index))
		buf = binary.AppendVarint(buf, int64(m.AtLeast))
		buf = binary.AppendVarint(buf, int64(m.same))
		for _, x := range dr.links[m.link : m.link+m.same+m.other] {
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
	return h.Sum64(), nil
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
		dr, err := st.of(first.Doc, false)
		if err != nil {
			return nil, err
		}
		part, index, _ := dr.para(first.Para)
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
			l, err := p.reuseLink(st, nil, m)
			if err != nil {
				return nil, err
			}
			rp.Places = append(rp.Places, l)
		}
		rp.More = len(ps.Places) - len(rp.Places)
		d.Passages = append(d.Passages, rp)
	}
	pg.Data = d
	return pg, nil
}

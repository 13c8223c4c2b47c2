package site

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"nianbao/internal/assets"
	"nianbao/internal/cache"
	"nianbao/internal/content"
	"nianbao/internal/jsonstr"
	"nianbao/internal/output"
	"nianbao/internal/spill"
	"nianbao/internal/workers"
)

// record is one report in the open data: every front matter field (with
// the derived ones filled in) and where to read it.
type record struct {
	content.Meta
	URL       string `json:"url"`
	Markdown  string `json:"markdown"`
	SourceURL string `json:"source_url,omitempty"`
}

func (p *pages) record(r *Report) record {
	rec := record{Meta: r.Meta,
		URL:      p.l.abs(reportPath(r.Town.Code, r.Year)),
		Markdown: p.l.abs(reportMarkdownPath(r.Town.Code, r.Year)),
	}
	if r.Source != "" {
		rec.SourceURL = p.l.abs(reportSourcePath(r.Town.Code, r.Year, r.Source))
	}
	return rec
}

// The open data files that hold every report (reports.json and .csv,
// figures.json and .csv) are tens to hundreds of megabytes on a large
// site, and adding one report changes a few kilobytes of them. So the
// manifest keeps where each report's rows sit in each file (its span),
// and an incremental build makes anew only the rows of the reports that
// changed: the others are copied from the published file (output.Piece).

// dataSpans are the spans of the open data files, by file name, in the
// order of site.Reports: old in the published files, for the reports
// whose rows cannot have changed (Off -1 for the others); now in the files
// this build writes. A file this build leaves as it was keeps old's.
type dataSpans struct {
	old, now map[string][]cache.Span
}

// openDataFiles are the files that hold a row or record of every report.
var openDataFiles = []string{pathJSON, pathCSV, pathFiguresJSON, pathFiguresCSV}

// newDataSpans takes the last build's spans for the reports whose rows
// cannot have changed: the report is the same, and so are its town and
// regions (a file's rows show nothing else). prev are the last build's
// report states, in its manifest's order; nil for a full build.
func newDataSpans(s *Site, prev *cache.Manifest, c *changes) *dataSpans {
	ds := &dataSpans{old: map[string][]cache.Span{}, now: map[string][]cache.Span{}}
	var at map[string]int
	if prev != nil && c != nil && !c.all {
		at = make(map[string]int, len(prev.Reports))
		for k := range prev.Reports {
			at[prev.Reports[k].File] = k
		}
	}
	for _, file := range openDataFiles {
		now := make([]cache.Span, len(s.Reports))
		for i := range now {
			now[i].Off = -1
		}
		ds.now[file] = now
		if at == nil || prev.Spans[file] == nil {
			continue
		}
		spans := prev.Spans[file]
		old := make([]cache.Span, len(s.Reports))
		for i, r := range s.Reports {
			old[i].Off = -1
			if k, ok := at[r.entry.Name]; ok && !c.towns[r.Town.Code] && prev.Reports[k].Hash == r.entry.Hash {
				old[i] = spans[k]
			}
		}
		ds.old[file] = old
		copy(now, old)
	}
	return ds
}

// manifestSpans are the spans of this build in the order of the
// manifest's reports (states); a file with a report whose place is not
// known is left out, and the next build makes it whole.
func (ds *dataSpans) manifestSpans(s *Site, states []cache.ReportState) map[string][]cache.Span {
	at := make(map[string]int, len(s.Reports))
	for i, r := range s.Reports {
		at[r.entry.Name] = i
	}
	out := map[string][]cache.Span{}
outer:
	for file, now := range ds.now {
		spans := make([]cache.Span, len(states))
		for k := range states {
			i, ok := at[states[k].File]
			if !ok || now[i].Off < 0 {
				continue outer
			}
			spans[k] = now[i]
		}
		out[file] = spans
	}
	return out
}

// chunkBlock is the size of the blocks a chunk of a file holding every
// report is written into: large enough that writing them costs few calls.
const chunkBlock = 1 << 20

// spillAbove is the size, by the guess of what a report takes, from which
// a file holding every report is made in a temporary file rather than in
// memory: at 200,000 reports the figures alone are gigabytes. Below it
// (a site of a few thousand reports) nothing is written twice. A variable
// for the tests.
var spillAbove = 16 << 20

// spills are the temporary files of one build's open data, made in its
// cache (or the system's temporary directory) and closed once the files
// made from them are written.
type spills struct {
	dir   string
	mu    sync.Mutex
	files []*spill.File
}

// open makes a spill file for a file of about size bytes; nil (the file
// is made in memory) when it is smaller than spillAbove, when none can be
// made, or outside a build.
func (s *spills) open(size int) *spill.File {
	if s == nil || size < spillAbove {
		return nil
	}
	f, err := spill.New(s.dir, "open-data")
	if err != nil {
		return nil
	}
	s.mu.Lock()
	s.files = append(s.files, f)
	s.mu.Unlock()
	return f
}

// close closes and removes every spill file.
func (s *spills) close() {
	if s == nil {
		return
	}
	for _, f := range s.files {
		f.Close()
	}
	s.files = nil
}

// inChunks makes the file that holds every report: head, each report's
// bytes (write) with sep between those that have some, and tail. The
// reports that changed are made in parallel chunks, which are handed to
// the writer as they are: joining them would copy tens of megabytes in
// every build. A chunk is written into blocks of chunkBlock bytes, a new
// one begun when fewer than per bytes (a guess of what a report takes) are
// left, so that no buffer grows by copying what it holds. The others are
// pieces of the published file.
func (p *pages) inChunks(file, head, sep, tail string, per int, write func(buf []byte, r *Report) ([]byte, error)) ([]output.Piece, error) {
	reports := p.site.Reports
	sp := p.spills.open(len(reports) * per)
	var old, now []cache.Span
	if p.spans != nil {
		old, now = p.spans.old[file], p.spans.now[file]
	}
	kept := func(i int) bool { return old != nil && old[i].Off >= 0 }
	// Chunks of at most a few hundred reports, several for each worker, so
	// that the workers finish together.
	step := max(1, min(len(reports)/(8*max(1, p.workers)), 256))
	type chunk struct {
		lo, hi int
		bufs   [][]byte // the blocks, in order
		size   int      // their bytes
		off    int64    // where they are in sp, when spilled
		spill  bool
		at     []cache.Span // each report's place in the blocks, as if joined
		err    error
	}
	var chunks []chunk
	for i := 0; i < len(reports); {
		if kept(i) {
			i++
			continue
		}
		lo := i
		for i < len(reports) && !kept(i) && i-lo < step {
			i++
		}
		chunks = append(chunks, chunk{lo: lo, hi: i})
	}
	workers.Each(len(chunks), p.workers, func(c int) {
		ch := &chunks[c]
		block := min(chunkBlock, (ch.hi-ch.lo)*per)
		buf := make([]byte, 0, block)
		base := 0 // the bytes of the blocks before buf
		ch.at = make([]cache.Span, ch.hi-ch.lo)
		for i := ch.lo; i < ch.hi; i++ {
			if cap(buf)-len(buf) < per+len(sep) && len(buf) > 0 {
				ch.bufs = append(ch.bufs, buf)
				base += len(buf)
				buf = make([]byte, 0, block)
			}
			mark := len(buf)
			if base+mark > 0 {
				buf = append(buf, sep...)
			}
			start := len(buf)
			if buf, ch.err = write(buf, reports[i]); ch.err != nil {
				return
			}
			if len(buf) == start {
				buf = buf[:mark]
				start = mark
			}
			ch.at[i-ch.lo] = cache.Span{Off: int64(base + start), N: int64(len(buf) - start)}
		}
		if len(buf) > 0 {
			ch.bufs = append(ch.bufs, buf)
		}
		ch.size = base + len(buf)
		if sp != nil && ch.size > 0 {
			if ch.off, ch.err = sp.Append(ch.bufs...); ch.err == nil {
				ch.bufs, ch.spill = nil, true
			}
		}
	})
	pieces := []output.Piece{{Data: []byte(head)}}
	pos := int64(len(head))
	some := false // a report has bytes: the next needs a separator
	place := func(i int, s cache.Span) {
		if now != nil {
			now[i] = s
		}
	}
	for i, c := 0, 0; i < len(reports); {
		if !kept(i) {
			ch := &chunks[c]
			c++
			if ch.err != nil {
				return nil, ch.err
			}
			if some && ch.size > 0 {
				pieces = append(pieces, output.Piece{Data: []byte(sep)})
				pos += int64(len(sep))
			}
			for k, s := range ch.at {
				place(ch.lo+k, cache.Span{Off: pos + s.Off, N: s.N})
			}
			for _, b := range ch.bufs {
				pieces = append(pieces, output.Piece{Data: b})
			}
			if ch.spill {
				pieces = append(pieces, output.Piece{Spill: sp.OS(), Off: ch.off, N: int64(ch.size)})
			}
			if ch.size > 0 {
				pos += int64(ch.size)
				some = true
			}
			i = ch.hi
			continue
		}
		s := old[i]
		i++
		if s.N == 0 {
			place(i-1, cache.Span{Off: pos})
			continue
		}
		if some {
			// A report that followed the one before it in the last file
			// too is copied with the separator between them.
			last := &pieces[len(pieces)-1]
			if last.Published && last.Off+last.N+int64(len(sep)) == s.Off {
				last.N += int64(len(sep)) + s.N
				place(i-1, cache.Span{Off: pos + int64(len(sep)), N: s.N})
				pos += int64(len(sep)) + s.N
				continue
			}
			pieces = append(pieces, output.Piece{Data: []byte(sep)})
			pos += int64(len(sep))
		}
		pieces = append(pieces, output.Piece{Published: true, Off: s.Off, N: s.N})
		place(i-1, cache.Span{Off: pos, N: s.N})
		pos += s.N
		some = true
	}
	return append(pieces, output.Piece{Data: []byte(tail)}), nil
}

// reportsJSON is the records as compact JSON: what minifying the indented
// form gave, without the indenting and the minifying. A slice marshals as
// its elements joined by commas, so each record is written alone, by
// appendRecord.
func (p *pages) reportsJSON() ([]output.Piece, error) {
	return p.inChunks(pathJSON, "[", ",", "]", 1400, func(buf []byte, r *Report) ([]byte, error) {
		rec := p.record(r)
		return appendRecord(buf, &rec), nil
	})
}

// appendRecord appends a record as json.Marshal writes it (TestRecordJSON
// checks), several times faster: the open data holds every report and is
// written again whenever one changes.
func appendRecord(b []byte, rec *record) []byte {
	m := &rec.Meta
	b = append(b, '{')
	first := true
	key := func(k string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '"')
		b = append(b, k...)
		b = append(b, '"', ':')
	}
	str := func(k, v string) {
		if v != "" {
			key(k)
			b = jsonstr.Append(b, v)
		}
	}
	list := func(k string, vs []string) {
		if len(vs) > 0 {
			key(k)
			b = append(b, '[')
			for i, v := range vs {
				if i > 0 {
					b = append(b, ',')
				}
				b = jsonstr.Append(b, v)
			}
			b = append(b, ']')
		}
	}
	for i := range content.Fields {
		f := &content.Fields[i]
		if f.Private {
			continue
		}
		switch f.Kind {
		case content.TextField:
			str(f.Key, *f.Text(m))
		case content.ListField:
			list(f.Key, *f.List(m))
		case content.YearField:
			if m.Year != 0 {
				key(f.Key)
				b = strconv.AppendInt(b, int64(m.Year), 10)
			}
		case content.SectionsField:
			if len(m.Sections) > 0 {
				key(f.Key)
				b = append(b, '[')
				for i, s := range m.Sections {
					if i > 0 {
						b = append(b, ',')
					}
					b = append(b, `{"title":`...)
					b = jsonstr.Append(b, s.Title)
					b = append(b, `,"kind":`...)
					b = jsonstr.Append(b, s.Kind)
					b = append(b, `,"id":`...)
					b = jsonstr.Append(b, s.ID)
					b = append(b, '}')
				}
				b = append(b, ']')
			}
		}
	}
	key("url")
	b = jsonstr.Append(b, rec.URL)
	key("markdown")
	b = jsonstr.Append(b, rec.Markdown)
	str("source_url", rec.SourceURL)
	return append(b, '}')
}

// appendCSVRow appends a row as encoding/csv's Writer with UseCRLF writes
// it (TestCSVRow checks), without a buffered writer for every row, except
// that a cell a spreadsheet would take for a formula is defused.
func appendCSVRow(b []byte, fields []string) []byte {
	for n, f := range fields {
		if n > 0 {
			b = append(b, ',')
		}
		formula := csvFormula(f)
		if !formula && !csvNeedsQuotes(f) {
			b = append(b, f...)
			continue
		}
		b = append(b, '"')
		if formula {
			b = append(b, '\'')
		}
		// Runs without a quote or line break are copied whole: the
		// figures' sentences make this the open data's hot loop.
		for f != "" {
			i := csvSpecial(f, false)
			if i < 0 {
				b = append(b, f...)
				break
			}
			b = append(b, f[:i]...)
			switch f[i] {
			case '"':
				b = append(b, '"', '"')
			case '\n':
				b = append(b, '\r', '\n')
				// '\r' is dropped: a line break is written as \r\n from its \n
			}
			f = f[i+1:]
		}
		b = append(b, '"')
	}
	return append(b, '\r', '\n')
}

// csvSpecial is the index of the first quote or line break in f (or comma,
// with comma), or -1. The bytes are looked at one by one: these are ASCII,
// which no byte of a multi-byte UTF-8 character can be, and this is the
// open data's hot loop, where strings.IndexAny built its set every call.
func csvSpecial(f string, comma bool) int {
	for i := 0; i < len(f); i++ {
		switch f[i] {
		case '"', '\r', '\n':
			return i
		case ',':
			if comma {
				return i
			}
		}
	}
	return -1
}

// csvFormula reports whether a spreadsheet opening the CSV would run a
// cell starting like f as a formula: report text such as
// "=HYPERLINK(…)" in a 抄送 line must stay text. The cell gets a leading '
// and quotes, as OWASP advises against CSV injection, even where the value
// is harmless ("-", "+86 023…"): the JSON keeps every value exact.
func csvFormula(f string) bool {
	return f != "" && strings.IndexByte("=+-@\t\r", f[0]) >= 0
}

func csvNeedsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if f == `\.` || csvSpecial(f, true) >= 0 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsSpace(r)
}

// csvColumns are the CSV's columns, named as the JSON keys: the front
// matter's, then the record's own.
func csvColumns() []string {
	var cols []string
	for _, f := range openFields() {
		cols = append(cols, f.Key)
	}
	return cols
}

// openField is one field of the open data, for its dictionary: a front
// matter field that is not private, or one of the addresses the site adds.
type openField struct {
	Key, Label, Doc string
	// Type is the CSVW datatype: string, or integer for the year.
	Type string
	// List says the CSV joins several values with "；".
	List bool
}

// openFields are the open data's fields in the order of its columns.
func openFields() []openField {
	var out []openField
	for _, f := range content.Fields {
		if f.Private {
			continue
		}
		of := openField{Key: f.Key, Label: f.Label, Doc: f.Doc, Type: "string"}
		switch f.Kind {
		case content.YearField:
			of.Type = "integer"
		case content.ListField, content.SectionsField:
			of.List = true
		}
		out = append(out, of)
	}
	return append(out,
		openField{Key: "url", Label: "报告页面", Doc: "本站报告页面的地址", Type: "string"},
		openField{Key: "markdown", Label: "Markdown 文本", Doc: "报告 Markdown 文本（含元数据）的下载地址", Type: "string"},
		openField{Key: "source_url", Label: "原始文件", Doc: "收到的原件的下载地址，与 source_sha256 对应；没有原件时为空", Type: "string"})
}

// reportsCSV writes the records as CSV with a UTF-8 byte order mark, which
// is what makes Excel read Chinese text as UTF-8. Lists are joined by "；";
// sections are written "id:kind:title"; a cell that would start a formula
// begins with ' (csvFormula).
func (p *pages) reportsCSV() ([]output.Piece, error) {
	var head bytes.Buffer
	head.WriteString("\ufeff")
	w := csv.NewWriter(&head)
	w.UseCRLF = true // Excel's own line ending
	if err := w.Write(csvColumns()); err != nil {
		return nil, err
	}
	w.Flush()
	return p.inChunks(pathCSV, head.String(), "", "", 1200, func(buf []byte, r *Report) ([]byte, error) {
		rec := p.record(r)
		m := &rec.Meta
		row := make([]string, 0, len(content.Fields)+3)
		for i := range content.Fields {
			f := &content.Fields[i]
			if f.Private {
				continue
			}
			switch f.Kind {
			case content.TextField:
				row = append(row, *f.Text(m))
			case content.ListField:
				row = append(row, strings.Join(*f.List(m), "；"))
			case content.YearField:
				year := ""
				if m.Year != 0 {
					year = strconv.Itoa(m.Year)
				}
				row = append(row, year)
			case content.SectionsField:
				secs := make([]string, len(m.Sections))
				for i, s := range m.Sections {
					secs[i] = s.ID + ":" + s.Kind + ":" + s.Title
				}
				row = append(row, strings.Join(secs, "；"))
			}
		}
		row = append(row, rec.URL, rec.Markdown, rec.SourceURL)
		return appendCSVRow(buf, row), nil
	})
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Link      atomLink   `xml:"link"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published,omitempty"`
	Author    atomAuthor `xml:"author"`
	Summary   string     `xml:"summary,omitempty"`
}

// feed is an Atom feed of the newest reports, newest first.
func (p *pages) feed() ([]byte, error) {
	reports := newestReports(p.site.Reports, p.set.FeedEntries)
	author := p.set.Organizer
	if author == "" {
		author = p.set.Name
	}
	updated := p.site.Updated.rfc3339()
	if updated == "" {
		updated = "1970-01-01T00:00:00+08:00"
	}
	f := atomFeed{
		Lang:    "zh-CN",
		Title:   p.set.Name,
		ID:      p.l.abs(pathHome),
		Updated: updated,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: p.l.abs(pathFeed)},
			{Rel: "alternate", Type: "text/html", Href: p.l.abs(pathHome)},
		},
		Author: atomAuthor{Name: author},
	}
	for _, r := range reports {
		u := p.l.abs(reportPath(r.Town.Code, r.Year))
		e := atomEntry{
			Title:   reportTitle(r),
			ID:      u,
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: u},
			Updated: r.Newest().rfc3339(),
			Summary: p.reportDescription(r),
			Author:  atomAuthor{Name: r.Meta.Issuer},
		}
		if e.Author.Name == "" {
			e.Author.Name = r.Town.FullName()
		}
		if e.Updated == "" {
			e.Updated = updated
		}
		if r.Date.valid {
			e.Published = r.Date.rfc3339()
		}
		f.Entries = append(f.Entries, e)
	}
	return marshalXML(f)
}

func marshalXML(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sitemapEntry is one page of the sitemap; lastmod is empty when unknown.
type sitemapEntry struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// sitemapLimit is the number of URLs one sitemap file may hold.
const sitemapLimit = 50000

// sitemaps returns sitemap.xml, and when the site has more pages than one
// sitemap may list, the numbered sitemaps it indexes. They are written as
// the XML encoder and minifier would write them; a value that needs
// escaping sends the file through both instead.
func (p *pages) sitemaps(entries []sitemapEntry) (map[string][]byte, []string, error) {
	files := map[string][]byte{}
	if len(entries) <= sitemapLimit {
		b, err := sitemapXML("urlset", "url", entries)
		files[pathSitemap] = b
		return files, []string{pathSitemap}, err
	}
	var index []sitemapEntry
	var names []string
	for i := 0; i*sitemapLimit < len(entries); i++ {
		part := entries[i*sitemapLimit : min((i+1)*sitemapLimit, len(entries))]
		name := fmt.Sprintf("sitemap-%d.xml", i+1)
		b, err := sitemapXML("urlset", "url", part)
		if err != nil {
			return nil, nil, err
		}
		files[name] = b
		names = append(names, name)
		index = append(index, sitemapEntry{Loc: p.l.abs(name)})
	}
	b, err := sitemapXML("sitemapindex", "sitemap", index)
	files[pathSitemap] = b
	return files, append(names, pathSitemap), err
}

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// sitemapXML writes a minified sitemap or sitemap index.
func sitemapXML(root, item string, entries []sitemapEntry) ([]byte, error) {
	plain := len(entries) > 0 // the minifier writes an empty root as <root/>
	for _, e := range entries {
		if strings.ContainsAny(e.Loc, "&<>\"'\t\n\r") || strings.ContainsAny(e.Lastmod, "&<>\"'\t\n\r") {
			plain = false
			break
		}
	}
	if !plain {
		return marshalSitemap(root, item, entries)
	}
	size := len(xml.Header) + 2*len(root) + len(sitemapNS) + 32
	for _, e := range entries {
		size += len(e.Loc) + len(e.Lastmod) + 2*len(item) + 40
	}
	b := make([]byte, 0, size)
	b = append(b, strings.TrimSuffix(xml.Header, "\n")...)
	b = append(b, "<"+root+` xmlns="`+sitemapNS+`">`...)
	for _, e := range entries {
		b = append(b, "<"+item+"><loc>"...)
		b = append(b, e.Loc...)
		b = append(b, "</loc>"...)
		if e.Lastmod != "" {
			b = append(b, "<lastmod>"...)
			b = append(b, e.Lastmod...)
			b = append(b, "</lastmod>"...)
		}
		b = append(b, "</"+item+">"...)
	}
	return append(b, "</"+root+">"...), nil
}

// marshalSitemap writes a sitemap with the XML encoder and minifies it.
func marshalSitemap(root, item string, entries []sitemapEntry) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	start := xml.StartElement{Name: xml.Name{Space: sitemapNS, Local: root}}
	if err := enc.EncodeToken(start); err != nil {
		return nil, err
	}
	for _, e := range entries {
		if err := enc.EncodeElement(e, xml.StartElement{Name: xml.Name{Local: item}}); err != nil {
			return nil, err
		}
	}
	if err := enc.EncodeToken(start.End()); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return assets.NewMinifier().Bytes(assets.XML, buf.Bytes())
}

func (p *pages) robots() []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + p.l.abs(pathSitemap) + "\n")
}

// csvMetadata describes reports.csv in W3C's CSV on the Web vocabulary:
// each column's name, Chinese title, meaning and type, the separator of
// the columns that hold several values, and the licence when the settings
// give one, so that a researcher's tools read the CSV without guessing.
func (p *pages) csvMetadata() ([]byte, error) {
	return p.csvMetadataFor("reports.csv", p.set.Name+"：各报告的元数据", openFields())
}

// csvMetadataFor is the CSVW metadata of one of the open data's CSV files.
func (p *pages) csvMetadataFor(file, title string, fields []openField) ([]byte, error) {
	type column struct {
		Name        string            `json:"name"`
		Titles      map[string]string `json:"titles"`
		Description string            `json:"dc:description,omitempty"`
		Datatype    string            `json:"datatype"`
		Separator   string            `json:"separator,omitempty"`
	}
	type license struct {
		ID   string `json:"@id,omitempty"`
		Name string `json:"schema:name,omitempty"`
	}
	meta := struct {
		Context   string   `json:"@context"`
		URL       string   `json:"url"`
		Title     string   `json:"dc:title"`
		Publisher string   `json:"dc:publisher,omitempty"`
		License   *license `json:"dc:license,omitempty"`
		Dialect   struct {
			Encoding string `json:"encoding"`
			Header   bool   `json:"header"`
		} `json:"dialect"`
		Schema struct {
			Columns []column `json:"columns"`
		} `json:"tableSchema"`
	}{Context: "http://www.w3.org/ns/csvw", URL: file, Title: title, Publisher: p.set.Organizer}
	if l := p.set.DataLicense; l.Name != "" || l.URL != "" {
		meta.License = &license{ID: l.URL, Name: l.Name}
	}
	meta.Dialect.Encoding, meta.Dialect.Header = "utf-8", true
	for _, f := range fields {
		c := column{Name: f.Key, Titles: map[string]string{"zh": cmp.Or(f.Label, f.Key)}, Description: f.Doc, Datatype: f.Type}
		if f.List {
			c.Separator = "；"
		}
		meta.Schema.Columns = append(meta.Schema.Columns, c)
	}
	return json.MarshalIndent(meta, "", "  ")
}

package search

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Section is one top-level section of a report.
type Section struct {
	// ID is the anchor of the section on the report page ("s2"); "" marks the
	// lead, the text before the first heading (主送机关 and preamble).
	ID string
	// Title is the heading as printed ("一、主要举措和成效"); "" for the lead.
	Title string
	// Kind is one of measures, leadership, shortcomings, plans, other (the
	// kinds of internal/content); "" means other. The lead's kind is ignored.
	Kind string
	// Text is the plain text of the section, subheadings included as lines.
	Text string
}

// Doc is one report as the index sees it: what is searched, filtered and
// shown in a result.
type Doc struct {
	// URL is the report page relative to the site root, "r/500235145/2024/".
	URL string
	// Title is the report title on one line.
	Title string
	// Region of the issuing township; Code is its 9-digit statistical code.
	Province, City, County, Town, Code string
	// 公文 elements: 发文机关, 签发人, 发文字号.
	Issuer, Signer, DocNumber string
	// Year is the year the report is about (not the signing year); 0 if unknown.
	Year int
	// Added is the day the site took the report in (收录日期),
	// "2006-01-02"; "" sorts first. Reports are numbered in the order they
	// arrived, then by year and date, so that a report that arrives later
	// is numbered after the others whatever year it is about, and an
	// update renumbers none (see update.go).
	Added string
	// Date orders the reports of one year that arrived on the same day:
	// "2006-01-02", the 发布日期 or else the 成文日期; "" sorts first.
	Date     string
	Sections []Section
	// Version identifies the content of Sections: two docs with the same
	// URL, fields and Version are taken to have the same sections. An
	// update (Options.Previous) reuses what it built for a doc whose
	// version is unchanged; a doc without one is always indexed afresh.
	Version string
}

// Options tunes Build and BuildIndex.
type Options struct {
	// ShardBytes is the target raw size of one postings shard; the shard
	// count follows from the total postings size (see shardCount). 0 means
	// DefaultShardBytes.
	ShardBytes int
	// Sections, when not nil, supplies the sections of docs[i] (i indexes
	// the docs given to BuildIndex) in place of Doc.Sections. It is called
	// only for the docs whose text the index needs: every doc in a full
	// build, in batches, so that the text of all reports is never in memory
	// at once; only the added and renumbered ones in an update.
	Sections func(i int) ([]Section, error)
	// TailBlock is the block size of the main shards: the reports after
	// the last whole block of TailBlock reports are indexed in the tail
	// shards instead, which is all that adding a report in date order
	// rewrites (see update.go). 0 means DefaultTailBlock; 1 puts every
	// report in the main shards.
	TailBlock int
	// Previous is an index built earlier into the same place; BuildIndex
	// then writes only what changed (see update.go).
	Previous *Previous
	// Emit, when not nil, receives the files of a whole index as they are
	// made, in place of Index.Files, so that they need not all be held in
	// memory; it is called from several goroutines at once. An update
	// still returns its few files in Index.Files.
	Emit func(File)
	// SpillDir is where a full build whose postings outgrow RunBytes
	// keeps them on disk for the while it runs (spill.go); "" is the
	// system's temporary directory.
	SpillDir string
	// RunBytes bounds the postings a full build holds in memory; 0 means
	// DefaultRunBytes.
	RunBytes int
}

// DefaultShardBytes keeps a shard near 10 KB gzip, so a query fetching five
// shards stays far below the first-query budget (see README.md).
const DefaultShardBytes = 24 << 10

// DefaultTailBlock keeps the tail small enough to rebuild in a few tens of
// milliseconds and the main shards untouched for 255 additions in 256.
const DefaultTailBlock = 256

// baseDocs is the number of reports, of n, whose postings are in the main
// shards: whole blocks of block reports, or all of them while there are
// fewer than one block. It depends on n alone, so that a whole build and
// an update agree on it.
func baseDocs(n, block int) int {
	if n < block {
		return n
	}
	return n / block * block
}

// File is one output file of the index.
type File struct {
	// Path is slash-separated and relative to the index directory, e.g. "s/12.json".
	Path string
	Data []byte
}

// kinds lists the unit kinds in the order of their mask bits (bit 0 is
// the heading bit, kind i is bit i+1). It is a function, not a variable,
// so that nothing at package level can be changed.
func kinds() []string {
	return []string{"lead", "measures", "leadership", "shortcomings", "plans", "other"}
}

const (
	kindLead   = 0
	kindOther  = 5
	headingBit = 1
)

func kindIndex(k string) int {
	for i, name := range kinds() {
		if name == k {
			return i
		}
	}
	return -1
}

// metaField is a metadata field of the lead; a snippet shows it as
// "label：value", so that a match on 曾志刚 reads "签发人：曾志刚".
type metaField struct{ label, value string }

// leadFields lists the non-empty metadata fields in a fixed order: the
// index, d/N.json and both engines rely on it.
func leadFields(d *Doc) []metaField {
	all := []metaField{
		{"发文机关", d.Issuer}, {"发文字号", d.DocNumber}, {"签发人", d.Signer},
		{"省", d.Province}, {"市", d.City}, {"区县", d.County}, {"乡镇", d.Town},
		{"区划代码", d.Code},
	}
	if d.Year != 0 {
		all = append(all, metaField{"年度", strconv.Itoa(d.Year)})
	}
	out := all[:0]
	for _, f := range all {
		if f.value != "" {
			out = append(out, f)
		}
	}
	return out
}

// unit is a part of a report that a result can point to: the lead (title,
// metadata and the text before the first heading) or one section.
type unit struct {
	id, title string
	kind      int
	heads     []string // heading-zone fields: title(s) and metadata values
	body      string
}

// units cuts a cleaned doc into its units, lead first.
func units(d *Doc) []unit {
	lead := unit{kind: kindLead, heads: []string{d.Title}}
	for _, f := range leadFields(d) {
		lead.heads = append(lead.heads, f.value)
	}
	out := []unit{lead}
	for _, s := range d.Sections {
		if s.ID == "" {
			out[0].body = s.Text
			continue
		}
		k := kindIndex(s.Kind)
		if s.Kind == "" {
			k = kindOther
		}
		out = append(out, unit{id: s.ID, title: s.Title, kind: k, heads: []string{s.Title}, body: s.Text})
	}
	return out
}

// Build makes the index files of docs. The output is sorted by path and
// byte-for-byte the same for the same input, whatever the order of docs.
// All problems of the input are returned together.
func Build(docs []Doc, opt Options) ([]File, error) {
	opt.Previous = nil
	ix, err := BuildIndex(docs, opt)
	if err != nil {
		return nil, err
	}
	return ix.Files, nil
}

// Index is what BuildIndex made.
type Index struct {
	// Files are the files to write, sorted by path: every file of the index
	// after a full build; after an update, the new ones and those whose
	// bytes differ from the previous index's.
	Files []File
	// Paths lists every file of the index, sorted; those not in Files are
	// the previous index's, unchanged.
	Paths []string
	// State describes the index for the next update (Previous.State).
	State []byte
	// Rebuilt says why the whole index was built although a previous one
	// was given; "" after an update or when there was none.
	Rebuilt string
	// Indexed counts the docs whose text was indexed: all of them in a full
	// build, the added and renumbered ones in an update.
	Indexed int
}

// BuildIndex makes the index of docs, from scratch or, when opt.Previous
// is set and usable, by updating the previous index. Either way the index
// is byte for byte the one Build makes of the same docs.
func BuildIndex(docs []Doc, opt Options) (*Index, error) {
	if opt.ShardBytes <= 0 {
		opt.ShardBytes = DefaultShardBytes
	}
	if opt.TailBlock <= 0 {
		opt.TailBlock = DefaultTailBlock
	}
	clean, origin, errs := prepare(docs)
	if len(errs) > 0 {
		if opt.Sections == nil { // list the sections' problems too
			for _, d := range docs {
				if _, err := validSections(valid(d.URL), d.Sections); err != nil {
					errs = append(errs, err)
				}
			}
		}
		return nil, fmt.Errorf("build search index: %w", errors.Join(errs...))
	}
	if opt.RunBytes <= 0 {
		opt.RunBytes = DefaultRunBytes
	}
	in := &input{docs: clean, origin: origin, given: docs, sections: opt.Sections, emit: opt.Emit, spillDir: opt.SpillDir, runBytes: opt.RunBytes}
	rebuilt := ""
	if opt.Previous != nil {
		ix, why, err := update(in, opt)
		if err != nil || ix != nil {
			return ix, err
		}
		rebuilt = why
	}
	rs, lengths, contents, err := collect(in)
	if err != nil {
		return nil, err
	}
	var files []File
	put := func(f File) { files = append(files, f) }
	if in.emit != nil {
		put = in.emit
	}
	base := baseDocs(len(clean), opt.TailBlock)
	shards, tail, total, err := writeShards(rs, opt.ShardBytes, base, put)
	if err != nil {
		return nil, err
	}
	st := &state{shardBytes: opt.ShardBytes, tailBlock: opt.TailBlock, shards: shards, tail: tail, total: total, docs: make([]docState, len(clean))}
	for i := range clean {
		st.docs[i] = docState{fp: fingerprint(&clean[i]), length: lengths[i]}
	}
	put(File{Path: "meta.json", Data: writeMeta(clean, lengths, shards, base, tail)})
	put(File{Path: "regions.json", Data: writeRegions(clean)})
	for _, f := range contents {
		put(f)
	}
	paths := indexPaths(len(clean), shards, tail)
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return &Index{Files: files, Paths: paths, State: st.encode(), Rebuilt: rebuilt, Indexed: len(clean)}, nil
}

// indexPaths lists the files of an index of docs reports in shards main
// and tail tail shards, sorted.
func indexPaths(docs, shards, tail int) []string {
	paths := make([]string, 0, docs+shards+tail+2)
	paths = append(paths, "meta.json", "regions.json")
	for i := 0; i < docs; i++ {
		paths = append(paths, contentPath(i))
	}
	for s := 0; s < shards; s++ {
		paths = append(paths, shardPath(s))
	}
	for s := 0; s < tail; s++ {
		paths = append(paths, tailPath(s))
	}
	sort.Strings(paths)
	return paths
}

// input is the docs of one build in index order, and where their sections
// come from.
type input struct {
	docs     []Doc // validated and sorted; Sections not yet read
	origin   []int // index of each doc in given
	given    []Doc
	sections func(int) ([]Section, error)
	emit     func(File) // see Options.Emit
	spillDir string     // see Options.SpillDir
	runBytes int        // see Options.RunBytes
}

// doc returns docs[i] with its sections read and validated.
func (in *input) doc(i int) (Doc, error) {
	d := in.docs[i]
	secs := in.given[in.origin[i]].Sections
	if in.sections != nil {
		var err error
		if secs, err = in.sections(in.origin[i]); err != nil {
			return d, fmt.Errorf("doc %s: %w", d.URL, err)
		}
	}
	var err error
	d.Sections, err = validSections(d.URL, secs)
	return d, err
}

// validSections checks and cleans the sections of the doc at url.
func validSections(url string, secs []Section) ([]Section, error) {
	var errs []error
	ids := map[string]bool{}
	out := make([]Section, len(secs))
	for j, s := range secs {
		s.ID, s.Title, s.Kind, s.Text = valid(s.ID), valid(s.Title), valid(s.Kind), valid(s.Text)
		if ids[s.ID] {
			errs = append(errs, fmt.Errorf("doc %s: section ID %q used twice", url, s.ID))
		}
		ids[s.ID] = true
		if s.ID != "" && s.Kind != "" && (kindIndex(s.Kind) <= kindLead) {
			errs = append(errs, fmt.Errorf("doc %s: section %s: unknown kind %q", url, s.ID, s.Kind))
		}
		out[j] = s
	}
	return out, errors.Join(errs...)
}

// prepare validates the fields of docs, replaces invalid UTF-8 the way
// encoding/json does (one U+FFFD per bad byte, so the index and the stored
// text agree), and sorts them into document-number order: by the day the
// site took them in, then oldest year first, then by date, region code,
// county, town and URL. A report that arrives after the others is thus
// numbered last whatever its year (a town that publishes late, a site
// back-filled with old reports), so that adding it renumbers none; the
// reports taken in on one day, as a first import, are in year order, so
// each year is a few runs of numbers (meta.json). The docs returned have no
// sections; origin maps them back to docs.
func prepare(docs []Doc) ([]Doc, []int, []error) {
	var errs []error
	seen := map[string]int{}
	out := make([]Doc, len(docs))
	origin := make([]int, len(docs))
	for i, d := range docs {
		d.URL, d.Title = valid(d.URL), valid(d.Title)
		d.Province, d.City, d.County, d.Town, d.Code = valid(d.Province), valid(d.City), valid(d.County), valid(d.Town), valid(d.Code)
		d.Issuer, d.Signer, d.DocNumber, d.Date, d.Added = valid(d.Issuer), valid(d.Signer), valid(d.DocNumber), valid(d.Date), valid(d.Added)
		if d.URL == "" {
			errs = append(errs, fmt.Errorf("doc %d (%s): no URL", i, d.Title))
		} else if j, dup := seen[d.URL]; dup {
			errs = append(errs, fmt.Errorf("doc %d: URL %s already used by doc %d", i, d.URL, j))
		} else {
			seen[d.URL] = i
		}
		d.Sections = nil
		out[i], origin[i] = d, i
	}
	if len(errs) > 0 {
		return nil, nil, errs
	}
	idx := make([]int, len(out))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(i, j int) bool {
		a, b := &out[idx[i]], &out[idx[j]]
		switch {
		case a.Added != b.Added:
			return a.Added < b.Added
		case a.Year != b.Year:
			return a.Year < b.Year
		case a.Date != b.Date:
			return a.Date < b.Date
		case a.Code != b.Code:
			return a.Code < b.Code
		case a.County != b.County:
			return a.County < b.County
		case a.Town != b.Town:
			return a.Town < b.Town
		}
		return a.URL < b.URL
	})
	sorted := make([]Doc, len(out))
	for i, k := range idx {
		sorted[i], origin[i] = out[k], k
	}
	return sorted, origin, nil
}

func valid(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r) // ranging turns each invalid byte into U+FFFD
	}
	return b.String()
}

// Format is the index format: meta.json says it, and the engines read no
// other (the browser's FORMAT). A page cached from before the site was
// rebuilt may run an engine of another format against the new index.
const Format = 4

// lengthUnit is the granularity of the report lengths stored in meta.json:
// ranking only needs lengths roughly, and rounded ones gzip far better.
const lengthUnit = 100

// writeMeta writes meta.json of docs, whose postings are in shards main
// shards up to report base and in tail tail shards from there on.
func writeMeta(docs []Doc, lengths []int, shards, base, tail int) []byte {
	b := fmt.Appendf(nil, `{"format":%d,"docs":`, Format)
	b = strconv.AppendInt(b, int64(len(docs)), 10)
	b = append(b, `,"shards":`...)
	b = strconv.AppendInt(b, int64(shards), 10)
	b = fmt.Appendf(b, `,"tail":[%d,%d]`, base, tail)
	b = append(b, `,"kinds":[`...)
	for i, k := range kinds() {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
	}
	b = append(b, `],"years":[`...)
	for i := 0; i < len(docs); {
		j := i
		for j < len(docs) && docs[j].Year == docs[i].Year {
			j++
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = fmt.Appendf(b, "[%d,%d,%d]", docs[i].Year, i, j)
		i = j
	}
	b = append(b, `],"len":"`...)
	for _, n := range lengths {
		b = appendVLQ(b, uint64((n+lengthUnit/2)/lengthUnit))
	}
	return append(b, `"}`...)
}

// writeRegions lists counties and towns and the town of every doc, for the
// region filters. It is a separate file because only a filtered search
// needs it.
func writeRegions(docs []Doc) []byte {
	type county struct{ name, code string }
	type town struct {
		name, code string
		county     int
	}
	countyIdx := map[county]int{}
	townIdx := map[town]int{}
	var counties []county
	var towns []town
	docTown := make([]int, len(docs))
	// Docs are sorted by code, county and town within each year, so
	// numbering in doc order is deterministic.
	for i, d := range docs {
		c := county{d.County, prefix(d.Code, 6)}
		ci, ok := countyIdx[c]
		if !ok {
			ci = len(counties)
			countyIdx[c] = ci
			counties = append(counties, c)
		}
		t := town{d.Town, d.Code, ci}
		ti, ok := townIdx[t]
		if !ok {
			ti = len(towns)
			townIdx[t] = ti
			towns = append(towns, t)
		}
		docTown[i] = ti
	}
	b := []byte(`{"counties":[`)
	for i, c := range counties {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendTuple(b, c.name, c.code)
	}
	b = append(b, `],"towns":[`...)
	for i, t := range towns {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendJSONString(b, t.name)
		b = append(b, ',')
		b = appendJSONString(b, t.code)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(t.county), 10)
		b = append(b, ']')
	}
	b = append(b, `],"docs":"`...)
	prev := 0
	for _, t := range docTown {
		b = appendVLQ(b, zigzag(int64(t-prev)))
		prev = t
	}
	return append(b, `"}`...)
}

// appendTuple appends strings as a JSON array: ["a","b"].
func appendTuple(b []byte, vs ...string) []byte {
	b = append(b, '[')
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, v)
	}
	return append(b, ']')
}

func prefix(s string, n int) string {
	if len(s) < n {
		return ""
	}
	return s[:n]
}

// writeContent stores what a result shows and what verification reads:
// the display fields, the lead fields with their labels, and every unit's
// text. sections[0] is always the lead.
func writeContent(d *Doc) []byte {
	size := 256 + len(d.URL) + 2*len(d.Title)
	for _, s := range d.Sections {
		size += 32 + len(s.ID) + len(s.Title) + len(s.Text) + len(s.Text)/32
	}
	b := make([]byte, 0, size)
	b = append(b, `{"url":`...)
	b = appendJSONString(b, d.URL)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, d.Title)
	b = append(b, `,"year":`...)
	b = strconv.AppendInt(b, int64(d.Year), 10)
	b = append(b, `,"county":`...)
	b = appendJSONString(b, d.County)
	b = append(b, `,"town":`...)
	b = appendJSONString(b, d.Town)
	b = append(b, `,"meta":[`...)
	for i, f := range leadFields(d) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendTuple(b, f.label, f.value)
	}
	b = append(b, `],"sections":[`...)
	for i, u := range units(d) {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendTuple(b, u.id, u.title, kinds()[u.kind], u.body)
	}
	return append(b, "]}"...)
}

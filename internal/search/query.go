package search

import (
	"encoding/json"
	"fmt"
	"sort"
)

// PageSize is the number of results on one page.
const PageSize = 10

// maxExamine bounds how many candidates one page may verify, and so how
// many report files one page may download, when many candidates turn out
// not to contain the query (possible only for terms of three or more
// characters: see plan).
const maxExamine = 4 * PageSize

// Density constants: a match in a short text counts for more than one in
// a long text, but a one-line section with one match should not beat a
// long section that is about the query. Lengths are in indexed code points.
const (
	docLengthBias  = 1000
	unitLengthBias = 200
)

// Filter narrows a search. Zero fields do not filter.
type Filter struct {
	// Year is the report year.
	Year int
	// County is a county name (云阳县) or its 6-digit code; Town a township
	// name (后叶镇) or its 9-digit code.
	County, Town string
	// Kind is a section kind: measures, leadership, shortcomings, plans,
	// other, or lead (title, metadata and preamble).
	Kind string
}

// Result is one report in the results, pointing at its best section.
type Result struct {
	// Doc is the report's number in the index.
	Doc int `json:"doc"`
	// URL, Title, Town, County and Year describe the report.
	URL    string `json:"url"`
	Title  string `json:"title"`
	Town   string `json:"town"`
	County string `json:"county"`
	Year   int    `json:"year"`
	// SectionID is the anchor to link to ("" for the top of the report),
	// SectionTitle its heading and Kind its kind.
	SectionID    string `json:"sectionId"`
	SectionTitle string `json:"sectionTitle"`
	Kind         string `json:"kind"`
	// Snippet is an excerpt of the best section with spaces collapsed and
	// "…" where it was cut; Highlights are [start, end) offsets in code
	// points (not bytes, not UTF-16 units) of the matches in it.
	Snippet    string   `json:"snippet"`
	Highlights [][2]int `json:"highlights"`
	// Others counts the other sections of the report that contain every
	// term, and OtherSections names them, in the report's order, so that a
	// reader can open them.
	Others        int            `json:"others"`
	OtherSections []OtherSection `json:"otherSections,omitempty"`
	// Heading is the number of terms found in a title, heading or metadata
	// field and Hits the estimated number of occurrences: the ranking inputs
	// taken from the postings.
	Heading int `json:"heading"`
	Hits    int `json:"hits"`
}

// OtherSection is a section of a result's report that also holds every
// term: its anchor (empty for the report's opening) and its heading.
type OtherSection struct {
	ID    string `json:"id"`
	Title string `json:"title"`
}

// Page is one page of results.
type Page struct {
	// Total is the number of matching reports. It is exact when Exact is
	// set; otherwise it is an upper bound that counts candidates not yet
	// verified (show it as "约 N").
	Total int  `json:"total"`
	Exact bool `json:"exact"`
	// More says whether a next page may have results.
	More    bool     `json:"more"`
	Results []Result `json:"results"`
}

// Searcher is the reference query engine: it reads the index files through
// load, exactly the files the browser fetches, and ranks exactly as
// assets/search/engine.js does. It caches what it loads and is not safe
// for concurrent use.
type Searcher struct {
	load    func(path string) ([]byte, error)
	meta    *indexMeta
	regions *indexRegions
	shards  map[string]map[string]string // by path
	docs    map[int]*docContent
}

// NewSearcher returns a Searcher reading index files (paths as in File)
// through load.
func NewSearcher(load func(path string) ([]byte, error)) *Searcher {
	return &Searcher{load: load, shards: map[string]map[string]string{}, docs: map[int]*docContent{}}
}

// FilesLoader returns a load function serving files from memory, for
// NewSearcher over the output of Build.
func FilesLoader(files []File) func(string) ([]byte, error) {
	m := make(map[string][]byte, len(files))
	for _, f := range files {
		m[f.Path] = f.Data
	}
	return func(p string) ([]byte, error) {
		if d, ok := m[p]; ok {
			return d, nil
		}
		return nil, fmt.Errorf("search index: no file %s", p)
	}
}

// StaleError is the error of an index of another format than the engine
// reads: the page is older or newer than its index, and must be loaded again.
type StaleError struct{ Format int }

func (e *StaleError) Error() string {
	return fmt.Sprintf("search index meta.json: format %d, this engine reads %d", e.Format, Format)
}

type indexMeta struct {
	Format int `json:"format"`
	Docs   int `json:"docs"`
	Shards int `json:"shards"`
	// Tail is the first report of the tail and the tail shard count.
	Tail  [2]int   `json:"tail"`
	Kinds []string `json:"kinds"`
	// Years lists the runs of reports of one year, [year, first, end),
	// in report order; a year may have several runs.
	Years [][3]int `json:"years"`
	Len   string   `json:"len"`
	lens  []int
	years []int // the year of each doc, from Years
}

type indexRegions struct {
	Counties [][2]string          `json:"counties"`
	Towns    [][3]json.RawMessage `json:"towns"`
	Docs     string               `json:"docs"`
	town     []struct {
		name, code string
		county     int
	}
	docTown []int
}

func (s *Searcher) loadJSON(p string, v any) error {
	data, err := s.load(p)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("search index %s: %w", p, err)
	}
	return nil
}

func (s *Searcher) getMeta() (*indexMeta, error) {
	if s.meta != nil {
		return s.meta, nil
	}
	m := &indexMeta{}
	if err := s.loadJSON("meta.json", m); err != nil {
		return nil, err
	}
	if m.Format != Format {
		return nil, &StaleError{Format: m.Format}
	}
	r := vlqReader{s: m.Len}
	m.lens = make([]int, m.Docs)
	for i := range m.lens {
		m.lens[i] = int(r.next()) * lengthUnit
	}
	if r.err != nil || m.Shards < 1 || m.Tail[0] < 0 || m.Tail[0] > m.Docs || m.Tail[1] < 0 {
		return nil, fmt.Errorf("search index meta.json: malformed")
	}
	m.years = make([]int, m.Docs)
	for _, y := range m.Years {
		for d := max(y[1], 0); d < min(y[2], m.Docs); d++ {
			m.years[d] = y[0]
		}
	}
	s.meta = m
	return m, nil
}

func (s *Searcher) getRegions() (*indexRegions, error) {
	if s.regions != nil {
		return s.regions, nil
	}
	g := &indexRegions{}
	if err := s.loadJSON("regions.json", g); err != nil {
		return nil, err
	}
	for _, t := range g.Towns {
		var row struct {
			name, code string
			county     int
		}
		if json.Unmarshal(t[0], &row.name) != nil || json.Unmarshal(t[1], &row.code) != nil || json.Unmarshal(t[2], &row.county) != nil {
			return nil, fmt.Errorf("search index regions.json: malformed town")
		}
		g.town = append(g.town, row)
	}
	r := vlqReader{s: g.Docs}
	prev := int64(0)
	for r.pos < len(r.s) {
		prev += unzigzag(r.next())
		g.docTown = append(g.docTown, int(prev))
	}
	if r.err != nil {
		return nil, fmt.Errorf("search index regions.json: %w", r.err)
	}
	s.regions = g
	return g, nil
}

// shardsOf lists the shards holding the postings of tok: one main shard
// and, if the index has a tail, one tail shard.
func shardsOf(tok string, m *indexMeta) []string {
	paths := []string{shardPath(shardOf(tok, m.Shards))}
	if m.Tail[1] > 0 {
		paths = append(paths, tailPath(shardOf(tok, m.Tail[1])))
	}
	return paths
}

func (s *Searcher) getShard(p string) (map[string]string, error) {
	if sh, ok := s.shards[p]; ok {
		return sh, nil
	}
	sh := map[string]string{}
	if err := s.loadJSON(p, &sh); err != nil {
		return nil, err
	}
	s.shards[p] = sh
	return sh, nil
}

// postingsOf decodes the postings of tok from the loaded shards: those
// of the main shard, then those of the tail, whose reports come after.
// It reports false if no report has tok.
func (s *Searcher) postingsOf(tok string, m *indexMeta) (list, bool, error) {
	var out list
	found := false
	for _, p := range shardsOf(tok, m) {
		v, ok := s.shards[p][tok]
		if !ok {
			continue
		}
		l, err := decodeList(v)
		if err != nil {
			return list{}, false, fmt.Errorf("search index: postings of %q in %s: %w", tok, p, err)
		}
		if found && len(l.ids) > 0 && len(out.ids) > 0 && l.ids[0] <= out.ids[len(out.ids)-1] {
			return list{}, false, fmt.Errorf("search index: postings of %q in %s: reports out of order", tok, p)
		}
		out.ids = append(out.ids, l.ids...)
		out.tf = append(out.tf, l.tf...)
		out.mask = append(out.mask, l.mask...)
		found = true
	}
	return out, found, nil
}

// list is a decoded posting list, or the combination of several.
type list struct {
	ids  []int32
	tf   []int32
	mask []uint8
}

func decodeList(v string) (list, error) {
	r := vlqReader{s: v}
	n := int(r.next())
	if r.err != nil || n > len(v) {
		return list{}, errVLQ
	}
	l := list{ids: make([]int32, n), tf: make([]int32, n), mask: make([]uint8, n)}
	prev := int32(-1)
	for i := range l.ids {
		prev += 1 + int32(r.next())
		l.ids[i] = prev
	}
	for i := range l.tf {
		l.tf[i] = 1 + int32(r.next())
	}
	for i := range l.mask {
		l.mask[i] = uint8(r.next())
	}
	if r.err == nil && r.pos != len(v) {
		r.err = errVLQ
	}
	return l, r.err
}

// intersect keeps the docs in both lists; for the tokens of one term the
// count is the smaller one (the term cannot occur more often than any of
// its bigrams) and the mask the common bits.
func intersect(a, b list) list {
	var out list
	for i, j := 0, 0; i < len(a.ids) && j < len(b.ids); {
		switch {
		case a.ids[i] < b.ids[j]:
			i++
		case a.ids[i] > b.ids[j]:
			j++
		default:
			out.ids = append(out.ids, a.ids[i])
			out.tf = append(out.tf, min(a.tf[i], b.tf[j]))
			out.mask = append(out.mask, a.mask[i]&b.mask[j])
			i++
			j++
		}
	}
	return out
}

// candidate is a report whose postings contain every token of the query.
type candidate struct {
	doc     int32
	heading int32 // terms whose tokens all carry the heading bit
	hits    int32 // sum over terms of the estimated occurrences
}

// Search returns page (0-based) of the results for q: page 0 is the first
// PageSize results, page n what a reader's n-th "more results" adds. Terms
// are separated by spaces and all must occur; each term matches wherever
// its folded text occurs, ignoring spaces in the report.
//
// Ranking, from the postings: reports where more terms occur in the title,
// a heading or a metadata field come first; then reports where the matches
// are denser (estimated occurrences over report length); then newer years
// and the stable report order. Within a report, the section shown is the
// one with the most terms, then heading matches, then density, read from the
// report's text.
func (s *Searcher) Search(q string, f Filter, page int) (*Page, error) {
	out := &Page{Exact: true, Results: []Result{}}
	terms := queryTerms(q)
	if len(terms) == 0 || page < 0 {
		return out, nil
	}
	m, err := s.getMeta()
	if err != nil {
		return nil, err
	}
	kindBit := uint8(0)
	if f.Kind != "" {
		k := indexOf(m.Kinds, f.Kind)
		if k < 0 { // no section has an unknown kind
			return out, nil
		}
		kindBit = 2 << uint(k)
	}
	cands, exact, found, err := s.candidates(terms, m, kindBit)
	if err != nil {
		return nil, err
	}
	out.Exact = out.Exact && exact
	if !found { // a token no report has: no results, exactly
		out.Exact = true
		return out, nil
	}
	if cands, err = s.filter(cands, f, m); err != nil {
		return nil, err
	}
	rank(cands, m.lens, m.years)

	if err := s.verifyPages(out, cands, terms, f.Kind, page); err != nil {
		return nil, err
	}
	return out, nil
}

// candidates loads every shard the query's terms need, in path order (the
// browser fetches the same set in parallel), and returns the reports and
// sections that hold every term's keys, merged across terms; exact is
// false when a term's plan matches more than the term; found is false when
// a key no report has leaves no result at all.
func (s *Searcher) candidates(terms [][]rune, m *indexMeta, kindBit uint8) (cands []candidate, exact, found bool, err error) {
	plans := make([][]key, len(terms))
	var need []string
	exact = true
	for i, t := range terms {
		var e bool
		plans[i], e = plan(t)
		exact = exact && e
		for _, k := range plans[i] {
			need = append(need, shardsOf(k.String(), m)...)
		}
	}
	sort.Strings(need)
	for _, p := range need {
		if _, err := s.getShard(p); err != nil {
			return nil, false, false, err
		}
	}
	for i, ks := range plans {
		var tl list
		for j, k := range ks {
			l, ok, err := s.postingsOf(k.String(), m)
			if err != nil {
				return nil, false, false, err
			}
			if !ok {
				return nil, exact, false, nil
			}
			if j == 0 {
				tl = l
			} else {
				tl = intersect(tl, l)
			}
		}
		cands = merge(cands, tl, i == 0, kindBit)
	}
	return cands, exact, true, nil
}

// verifyPages verifies candidates in rank order, page by page, exactly as
// the browser does when a reader asks for more results, so that both show
// the same results on every page. A page is what one step of verification
// finds: up to PageSize results, fewer when maxExamine candidates turned out
// false; the next page continues where it stopped.
func (s *Searcher) verifyPages(out *Page, cands []candidate, terms [][]rune, kind string, page int) error {
	total := len(cands)
	next := 0
	var verified []Result
	for p := 0; p <= page; p++ {
		start := len(verified)
		want := start + PageSize
		examined := 0
		for len(verified) < want && next < len(cands) && examined < maxExamine {
			n := min(want-len(verified), len(cands)-next, maxExamine-examined)
			batch := cands[next : next+n]
			next += n
			examined += n
			for _, c := range batch {
				dc, err := s.getDoc(int(c.doc))
				if err != nil {
					return err
				}
				r, ok := dc.verify(terms, kind)
				if !ok {
					total--
					continue
				}
				r.Doc, r.Heading, r.Hits = int(c.doc), int(c.heading), int(c.hits)
				verified = append(verified, r)
			}
		}
		if p == page {
			out.Results = append(out.Results, verified[start:]...)
			out.More = next < len(cands)
		}
	}
	out.Total = total
	out.Exact = out.Exact || next == len(cands)
	return nil
}

// merge combines the candidates so far with the postings of the next term,
// keeping docs that have both and, under a kind filter, only postings found
// in a unit of that kind.
func merge(cands []candidate, tl list, first bool, kindBit uint8) []candidate {
	var out []candidate
	j := 0
	for i, id := range tl.ids {
		if kindBit != 0 && tl.mask[i]&kindBit == 0 {
			continue
		}
		c := candidate{doc: id}
		if !first {
			for j < len(cands) && cands[j].doc < id {
				j++
			}
			if j == len(cands) {
				break
			}
			if cands[j].doc != id {
				continue
			}
			c = cands[j]
		}
		c.hits += tl.tf[i]
		if tl.mask[i]&headingBit != 0 {
			c.heading++
		}
		out = append(out, c)
	}
	return out
}

func (s *Searcher) filter(cands []candidate, f Filter, m *indexMeta) ([]candidate, error) {
	out := cands[:0]
	var g *indexRegions
	if f.County != "" || f.Town != "" {
		var err error
		if g, err = s.getRegions(); err != nil {
			return nil, err
		}
	}
	for _, c := range cands {
		if c.doc < 0 || int(c.doc) >= m.Docs || (f.Year != 0 && m.years[c.doc] != f.Year) {
			continue
		}
		if g != nil {
			if int(c.doc) >= len(g.docTown) {
				continue
			}
			t := g.town[g.docTown[c.doc]]
			cty := g.Counties[t.county]
			if f.Town != "" && f.Town != t.name && f.Town != t.code {
				continue
			}
			if f.County != "" && f.County != cty[0] && f.County != cty[1] {
				continue
			}
		}
		out = append(out, c)
	}
	return out, nil
}

// rank sorts candidates: more heading terms, then higher density (compared
// by cross-multiplying integers, so Go and JavaScript agree exactly), then
// newer year, then doc number.
func rank(cands []candidate, lens, years []int) {
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.heading != b.heading {
			return a.heading > b.heading
		}
		da := int64(a.hits) * int64(lens[b.doc]+docLengthBias)
		db := int64(b.hits) * int64(lens[a.doc]+docLengthBias)
		if da != db {
			return da > db
		}
		if ya, yb := years[a.doc], years[b.doc]; ya != yb {
			return ya > yb
		}
		return a.doc < b.doc
	})
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

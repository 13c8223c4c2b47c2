package search

import "fmt"

// Why verify: postings of bigrams can only say that every bigram of a
// term occurs in a report, not that they occur next to each other. Storing
// positions would make the postings of common bigrams many times larger
// than the first-query budget. Instead each result is checked against the
// report's text (its d/N.json, which the browser fetches anyway to show a
// snippet) before it is shown, so no false positive is ever displayed; only
// the total of a query with a term of three or more characters is an upper
// bound until every candidate has been checked. Checking the text also
// picks the section to link to and the snippet, exactly.

// docContent is a report's d/N.json.
type docContent struct {
	URL      string      `json:"url"`
	Title    string      `json:"title"`
	Year     int         `json:"year"`
	County   string      `json:"county"`
	Town     string      `json:"town"`
	Meta     [][2]string `json:"meta"`
	Sections [][4]string `json:"sections"`
	units    []cunit
}

// cfield is one searchable field of a unit with its folded stream.
type cfield struct {
	label   string // shown before the value in a snippet ("签发人")
	text    string
	heading bool
	s       []rune
}

// cunit is a unit read back from d/N.json: sections[0] is the lead, whose
// heading fields are the report title and the metadata values.
type cunit struct {
	id, title, kind string
	fields          []cfield // heading fields first, body last
	length          int
}

func (s *Searcher) getDoc(n int) (*docContent, error) {
	if d, ok := s.docs[n]; ok {
		return d, nil
	}
	d := &docContent{}
	if err := s.loadJSON(contentPath(n), d); err != nil {
		return nil, err
	}
	if len(d.Sections) == 0 {
		return nil, fmt.Errorf("search index %s: no sections", contentPath(n))
	}
	for i, sec := range d.Sections {
		u := cunit{id: sec[0], title: sec[1], kind: sec[2]}
		if i == 0 {
			u.fields = append(u.fields, cfield{text: d.Title, heading: true})
			for _, m := range d.Meta {
				u.fields = append(u.fields, cfield{label: m[0], text: m[1], heading: true})
			}
		} else {
			u.fields = append(u.fields, cfield{text: sec[1], heading: true})
		}
		u.fields = append(u.fields, cfield{text: sec[3]})
		for j := range u.fields {
			u.fields[j].s = stream(u.fields[j].text)
			u.length += len(u.fields[j].s)
		}
		d.units = append(d.units, u)
	}
	s.docs[n] = d
	return d, nil
}

// find returns the non-overlapping occurrences of t in s, leftmost first,
// as start offsets.
func find(s, t []rune) []int {
	var at []int
	for i := 0; i+len(t) <= len(s); {
		j := 0
		for j < len(t) && s[i+j] == t[j] {
			j++
		}
		if j == len(t) {
			at = append(at, i)
			i += len(t)
		} else {
			i++
		}
	}
	return at
}

// unitScore is what decides the best unit of a report.
type unitScore struct {
	present, heading, occ, length int
	all                           bool
}

func (a unitScore) better(b unitScore) bool {
	if a.present != b.present {
		return a.present > b.present
	}
	if a.heading != b.heading {
		return a.heading > b.heading
	}
	return a.occ*(b.length+unitLengthBias) > b.occ*(a.length+unitLengthBias)
}

// verify checks that every term occurs in the report (in a unit of kind,
// if kind is set) and builds the result for the best such unit.
func (d *docContent) verify(terms [][]rune, kind string) (Result, bool) {
	found := make([]bool, len(terms))
	best, others := -1, 0
	var bestScore unitScore
	scores := make([]unitScore, len(d.units))
	for ui, u := range d.units {
		if kind != "" && u.kind != kind {
			continue
		}
		sc := unitScore{length: u.length, all: true}
		for ti, t := range terms {
			in, inHead := false, false
			for _, f := range u.fields {
				if n := len(find(f.s, t)); n > 0 {
					in = true
					inHead = inHead || f.heading
					sc.occ += n
				}
			}
			if in {
				sc.present++
				found[ti] = true
			} else {
				sc.all = false
			}
			if inHead {
				sc.heading++
			}
		}
		scores[ui] = sc
		if sc.present > 0 && (best < 0 || sc.better(bestScore)) {
			best, bestScore = ui, sc
		}
	}
	for _, ok := range found {
		if !ok {
			return Result{}, false
		}
	}
	var otherSections []OtherSection
	for ui := range d.units {
		if ui != best && scores[ui].all && (kind == "" || d.units[ui].kind == kind) {
			others++
			otherSections = append(otherSections, OtherSection{ID: d.units[ui].id, Title: d.units[ui].title})
		}
	}
	u := d.units[best]
	r := Result{
		URL: d.URL, Title: d.Title, Town: d.Town, County: d.County, Year: d.Year,
		SectionID: u.id, SectionTitle: u.title, Kind: u.kind, Others: others, OtherSections: otherSections,
	}
	r.Snippet, r.Highlights = snippetOf(u, terms)
	return r, true
}

// Snippet geometry, in code points.
const (
	snippetWidth  = 100
	snippetBefore = 30
)

// snippetOf picks the field of u with the most distinct terms (the body
// first on a tie, because it gives context) and cuts a window around its
// first match.
func snippetOf(u cunit, terms [][]rune) (string, [][2]int) {
	order := append([]int{len(u.fields) - 1}, seq(len(u.fields)-1)...)
	bestField, bestN := order[0], -1
	for _, fi := range order {
		n := 0
		for _, t := range terms {
			if len(find(u.fields[fi].s, t)) > 0 {
				n++
			}
		}
		if n > bestN {
			bestField, bestN = fi, n
		}
	}
	f := u.fields[bestField]
	prefix := ""
	if f.label != "" {
		prefix = f.label + "："
	}
	return snippet(prefix, f.text, terms)
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// snippet collapses the spaces of text, finds the terms in its folded
// stream, maps the matches back to the displayed characters and cuts a
// window of snippetWidth code points starting snippetBefore before the
// first match.
func snippet(prefix, text string, terms [][]rune) (string, [][2]int) {
	disp := []rune(prefix)
	var st []rune // folded stream
	var pos []int // display index of each stream code point
	space := false
	for _, r := range text {
		f := fold(r)
		if f == ' ' {
			space = len(disp) > len([]rune(prefix))
			continue
		}
		if space {
			disp = append(disp, ' ')
			space = false
		}
		pos = append(pos, len(disp))
		disp = append(disp, r)
		st = append(st, f)
	}
	var marks [][2]int
	for _, t := range terms {
		for _, a := range find(st, t) {
			marks = append(marks, [2]int{pos[a], pos[a+len(t)-1] + 1})
		}
	}
	// Sort by start (insertion sort: few marks) and merge overlaps.
	for i := 1; i < len(marks); i++ {
		for j := i; j > 0 && (marks[j][0] < marks[j-1][0] || marks[j][0] == marks[j-1][0] && marks[j][1] < marks[j-1][1]); j-- {
			marks[j], marks[j-1] = marks[j-1], marks[j]
		}
	}
	merged := marks[:0]
	for _, m := range marks {
		if n := len(merged); n > 0 && m[0] <= merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], m[1])
			continue
		}
		merged = append(merged, m)
	}
	start, end := 0, len(disp)
	if len(disp) > snippetWidth {
		first := 0
		if len(merged) > 0 {
			first = merged[0][0]
		}
		start = max(0, first-snippetBefore)
		end = min(len(disp), start+snippetWidth)
		start = max(0, end-snippetWidth)
	}
	out := string(disp[start:end])
	shift := 0
	if start > 0 {
		out = "…" + out
		shift = 1
	}
	if end < len(disp) {
		out += "…"
	}
	hl := [][2]int{}
	for _, m := range merged {
		a, b := max(m[0], start), min(m[1], end)
		if a < b {
			hl = append(hl, [2]int{a - start + shift, b - start + shift})
		}
	}
	return out, hl
}

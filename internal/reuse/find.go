package reuse

import (
	"cmp"
	"slices"
	"sort"
	"sync"
)

// Doc is a report as compared: its town, the town's code and its
// paragraphs. Find takes the docs of a town next to each other, the towns
// in the order of their codes.
type Doc struct {
	Town  int32
	Code  string
	Paras []Para
}

// Match is a paragraph of another report that holds units of a paragraph.
type Match struct {
	// Doc and Para are its report (an index into Find's docs) and its
	// paragraph (an index into that report's Paras).
	Doc, Para int32
	// Runes is how much of the paragraph's text it holds.
	Runes int32
}

// Mark is a paragraph most of whose text other reports hold.
type Mark struct {
	// Para is the paragraph, an index into its report's Paras.
	Para int32
	// Runes is how much of its text other reports hold.
	Runes int32
	// SameTown are paragraphs of the town's other reports holding its
	// text, OtherTowns those of other towns' reports, most shared text
	// first, at most MaxLinks each and one a report.
	SameTown, OtherTowns []Match
	// AtLeast is a lower bound of the other reports holding some of its
	// text: the most that hold any one of its units.
	AtLeast int32
}

// Result is what Find finds in one report.
type Result struct {
	// Runes is the length of the report's compared text; SameTown how
	// much of it the town's other reports also hold, OtherTowns how much
	// other towns' reports hold (text found in both counts in both).
	Runes, SameTown, OtherTowns int32
	// Marks are its paragraphs mostly found elsewhere, in text order.
	Marks []Mark
}

// The thresholds of Find, explained in the README.
const (
	// MinShare is the share of a paragraph's text that must be found in
	// other reports for the paragraph to be marked.
	MinShare = 0.5
	// MaxLinks is the most places a marked paragraph links to, of its own
	// town and of other towns each.
	MaxLinks = 3
	// nearby is how many of a unit's other towns' reports are looked at as
	// places to link to: those nearest by code (the longest code prefix in
	// common: the same county, then city, then province). Which they are
	// depends on the reports holding the unit alone, so that a report
	// added elsewhere changes nothing here (Update).
	nearby = 8
)

// CommonTowns is the number of towns from which a unit is common
// phrasing, not a passage taken from somewhere: 20 towns, or one in twenty
// of the site's towns when that is more. Such units count neither as
// found elsewhere nor in a paragraph's mark.
func CommonTowns(towns int) int { return max(20, towns/20) }

// entry is one unit of one report in the index.
type entry struct {
	hash uint64
	doc  int32
	para int32
}

// group is the reports holding one unit: entries[start:start+n], one
// entry a report, in docs' order.
type group struct {
	hash            uint64
	start, n, towns int32
	common          bool
}

// Index is every unit of every report, sorted by hash, for finding each
// report's text in the others (Find). It can be saved and updated with the
// reports that changed (Update), rather than built from every report.
type Index struct {
	entries []entry
	groups  []group
	// townOf is each doc's town; townSpan each doc's town's docs; codes
	// each doc's town code.
	townOf   []int32
	townSpan [][2]int32
	codes    []string
	// common is CommonTowns of the docs' towns.
	common int32
}

// NewIndex indexes the units of docs.
func NewIndex(docs []Doc) *Index {
	x, _ := NewIndexFunc(docs, 1, func(d int) ([]Para, error) { return docs[d].Paras, nil })
	return x
}

// NewIndexFunc is NewIndex for docs without their paragraphs, which paras
// gives for each doc, called on workers goroutines: only the index and a
// few docs' paragraphs are held at once, not every doc's.
func NewIndexFunc(docs []Doc, workers int, paras func(d int) ([]Para, error)) (*Index, error) {
	x := newTowns(docs)
	each := make([][]entry, len(docs))
	errs := make([]error, len(docs))
	parallel(len(docs), workers, func(d int) {
		var ps []Para
		if ps, errs[d] = paras(d); errs[d] == nil {
			each[d] = appendEntries(nil, int32(d), ps)
		}
	})
	size := 0
	for d, e := range each {
		if errs[d] != nil {
			return nil, errs[d]
		}
		size += len(e)
	}
	x.entries = make([]entry, 0, size)
	for d := range each {
		x.entries = append(x.entries, each[d]...)
		each[d] = nil
	}
	x.entries = sortEntries(x.entries)
	x.group()
	return x, nil
}

// newTowns is an Index of the docs' towns, without units.
func newTowns(docs []Doc) *Index {
	x := &Index{townOf: make([]int32, len(docs)), townSpan: make([][2]int32, len(docs)), codes: make([]string, len(docs))}
	towns := 0
	for i, d := range docs {
		x.townOf[i] = d.Town
		x.codes[i] = d.Code
		if i == 0 || d.Town != docs[i-1].Town {
			towns++
			x.townSpan[i][0] = int32(i)
		} else {
			x.townSpan[i][0] = x.townSpan[i-1][0]
		}
	}
	for i := len(docs) - 1; i >= 0; i-- {
		if i == len(docs)-1 || docs[i].Town != docs[i+1].Town {
			x.townSpan[i][1] = int32(i + 1)
		} else {
			x.townSpan[i][1] = x.townSpan[i+1][1]
		}
	}
	x.common = int32(CommonTowns(towns))
	return x
}

// appendEntries appends the entries of doc d's units.
func appendEntries(entries []entry, d int32, paras []Para) []entry {
	for j, p := range paras {
		for _, u := range p.Units {
			entries = append(entries, entry{u.Hash, d, int32(j)})
		}
	}
	return entries
}

// sortEntries sorts entries by hash, doc and paragraph, and keeps one
// entry a report in each group: a unit a report repeats is found in its
// first paragraph.
func sortEntries(entries []entry) []entry {
	slices.SortFunc(entries, compareEntries)
	return slices.CompactFunc(entries, func(a, b entry) bool { return a.hash == b.hash && a.doc == b.doc })
}

func compareEntries(a, b entry) int {
	if c := cmp.Compare(a.hash, b.hash); c != 0 {
		return c
	}
	if c := cmp.Compare(a.doc, b.doc); c != 0 {
		return c
	}
	return cmp.Compare(a.para, b.para)
}

// group finds the groups of the sorted entries: the units several
// reports hold.
func (x *Index) group() {
	x.groups = x.groups[:0]
	for s := 0; s < len(x.entries); {
		e := s + 1
		distinct := int32(1)
		for e < len(x.entries) && x.entries[e].hash == x.entries[s].hash {
			if x.townOf[x.entries[e].doc] != x.townOf[x.entries[e-1].doc] {
				distinct++ // a town's docs are next to each other
			}
			e++
		}
		if e-s > 1 {
			x.groups = append(x.groups, group{hash: x.entries[s].hash, start: int32(s), n: int32(e - s), towns: distinct, common: distinct >= x.common})
		}
		s = e
	}
}

// lookup returns the group of hash, nil when only one report holds it.
func (x *Index) lookup(hash uint64) *group {
	i := sort.Search(len(x.groups), func(i int) bool { return x.groups[i].hash >= hash })
	if i < len(x.groups) && x.groups[i].hash == hash {
		return &x.groups[i]
	}
	return nil
}

// Find finds, for each report, how much of its text other reports hold
// and which of its paragraphs they mostly hold, and the top units the
// reports of the most towns hold (Repeated). It works on several
// goroutines; workers says how many (at least one).
func Find(docs []Doc, workers, top int) ([]Result, []Passage) {
	x := NewIndex(docs)
	out := make([]Result, len(docs))
	parallel(len(docs), workers, func(d int) { out[d] = x.Find(int32(d), docs[d].Paras) })
	return out, x.Repeated(top)
}

// parallel calls f for each of 0..n-1 on workers goroutines (at least
// one). The package is a leaf, so it has its own.
func parallel(n, workers int, f func(i int)) {
	next := make(chan int, 64)
	var wg sync.WaitGroup
	for range max(1, workers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// Find is what Find finds in doc d, whose paragraphs are paras. It is
// safe for concurrent use.
func (x *Index) Find(d int32, paras []Para) Result {
	var res Result
	span := x.townSpan[d]
	var cands, links []Match
	var starts [][3]int32
	for pi, p := range paras {
		res.Runes += p.Runes
		cands = cands[:0]
		found, atLeast := int32(0), int32(0)
		for _, u := range p.Units {
			g := x.lookup(u.Hash)
			if g == nil || g.common {
				continue
			}
			members := x.entries[g.start : g.start+g.n]
			// Its town's reports are next to each other in members.
			lo := sort.Search(len(members), func(i int) bool { return members[i].doc >= span[0] })
			hi := sort.Search(len(members), func(i int) bool { return members[i].doc >= span[1] })
			same, other := int32(hi-lo-1), int32(len(members)-(hi-lo))
			if same > 0 {
				res.SameTown += u.Runes
			}
			if other > 0 {
				res.OtherTowns += u.Runes
			}
			found += u.Runes
			atLeast = max(atLeast, same+other)
			for _, m := range members[lo:hi] {
				if m.doc != d {
					cands = addCandidate(cands, m, u.Runes)
				}
			}
			// The other towns' reports nearest by code, on both sides:
			// members are in code order, so the codes sharing the
			// longest prefix with d's are next to its town's.
			for k, before, after := 0, lo-1, hi; k < nearby && (before >= 0 || after < len(members)); k++ {
				if before >= 0 && (after >= len(members) || x.near(d, members[before].doc) >= x.near(d, members[after].doc)) {
					cands = addCandidate(cands, members[before], u.Runes)
					before--
				} else {
					cands = addCandidate(cands, members[after], u.Runes)
					after++
				}
			}
		}
		if p.Runes < MinPara || float64(found) < MinShare*float64(p.Runes) {
			continue
		}
		m := Mark{Para: int32(pi), Runes: found, AtLeast: atLeast}
		slices.SortFunc(cands, func(a, b Match) int {
			if c := cmp.Compare(b.Runes, a.Runes); c != 0 {
				return c
			}
			if c := cmp.Compare(a.Doc, b.Doc); c != 0 {
				return c
			}
			return cmp.Compare(a.Para, b.Para)
		})
		// The links of all the report's marks share one array (linked
		// below): a national site has millions of marks.
		var sameAt, otherAt [MaxLinks]Match
		same, other := sameAt[:0], otherAt[:0]
		for k, c := range cands {
			if slices.ContainsFunc(cands[:k], func(o Match) bool { return o.Doc == c.Doc }) {
				continue // a report is linked once, at its paragraph holding the most
			}
			if c.Doc >= span[0] && c.Doc < span[1] {
				if len(same) < MaxLinks {
					same = append(same, c)
				}
			} else if len(other) < MaxLinks {
				other = append(other, c)
			}
		}
		starts = append(starts, [3]int32{int32(len(links)), int32(len(same)), int32(len(other))})
		links = append(append(links, same...), other...)
		res.Marks = append(res.Marks, m)
	}
	for i := range res.Marks {
		at, n, o := starts[i][0], starts[i][1], starts[i][2]
		res.Marks[i].SameTown = links[at : at+n : at+n]
		res.Marks[i].OtherTowns = links[at+n : at+n+o : at+n+o]
	}
	return res
}

// near is how near doc o's town is to doc d's: the length of the prefix
// their codes share.
func (x *Index) near(d, o int32) int {
	a, b := x.codes[d], x.codes[o]
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

// addCandidate adds runes to the match of e's paragraph in cands.
func addCandidate(cands []Match, e entry, runes int32) []Match {
	for i := range cands {
		if cands[i].Doc == e.doc && cands[i].Para == e.para {
			cands[i].Runes += runes
			return cands
		}
	}
	return append(cands, Match{Doc: e.doc, Para: e.para, Runes: runes})
}

// Passage is a unit the reports of several towns hold, and where.
type Passage struct {
	// Hash is the unit's (Unit.Hash), to find its text (UnitText).
	Hash uint64
	// Places are the paragraphs holding it, one a report, in docs' order.
	Places []Match
	// Towns is how many towns' reports hold it; Common says that is
	// CommonTowns or more, so that it counts as common phrasing.
	Towns  int
	Common bool
}

// moreRepeated orders groups as Repeated lists them: the reports of most
// towns first, then of most reports, then by hash.
func moreRepeated(a, b *group) int {
	if c := cmp.Compare(b.towns, a.towns); c != 0 {
		return c
	}
	if c := cmp.Compare(b.n, a.n); c != 0 {
		return c
	}
	return cmp.Compare(a.hash, b.hash)
}

// Repeated returns up to n units held by the reports of the most towns (at
// least two), most towns first, then most reports, then by hash.
func (x *Index) Repeated(n int) []Passage {
	// Only the groups of the most towns can be among the first n: from a
	// count of the groups by towns, the fewest towns a group needs so that
	// at most n groups of more towns are passed over. A site has hundreds
	// of thousands of groups, which are not all sorted for a hundred.
	var byTowns []int
	for i := range x.groups {
		if t := int(x.groups[i].towns); t >= 2 {
			if t >= len(byTowns) {
				byTowns = slices.Grow(byTowns, t+1-len(byTowns))[:t+1]
			}
			byTowns[t]++
		}
	}
	least, above := 2, 0
	for t := len(byTowns) - 1; t >= 2; t-- {
		if above += byTowns[t]; above >= n {
			least = t
			break
		}
	}
	gs := make([]*group, 0, min(above, len(x.groups)))
	for i := range x.groups {
		if int(x.groups[i].towns) >= least {
			gs = append(gs, &x.groups[i])
		}
	}
	slices.SortFunc(gs, moreRepeated)
	out := make([]Passage, 0, min(n, len(gs)))
	for _, g := range gs[:min(n, len(gs))] {
		p := Passage{Hash: g.hash, Towns: int(g.towns), Common: g.common}
		for _, e := range x.entries[g.start : g.start+g.n] {
			p.Places = append(p.Places, Match{Doc: e.doc, Para: e.para})
		}
		out = append(out, p)
	}
	return out
}

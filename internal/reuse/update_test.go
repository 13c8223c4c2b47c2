package reuse

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// An index updated with the reports added, changed and taken out is the
// index built from the reports afresh, and every report Update does not
// list as touched finds exactly what it found before. Random sites, edited
// step by step, with sentences shared by a few towns, by about as many
// towns as make common phrasing, and by most towns.
func TestUpdateMatchesNew(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const chars = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发动同工也能下过子说产种面而方后定行学所民得经之进着等部度家电力里如水化高自理起小物现实加量都体制机当使点从业本去把性好应开它合还因由其些然前外天政日那社义事平形相全表间样与关各重新线内正心反你明看原又么利比或但质气向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展果料象员革位入常文总品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几区强放决西被干做必战先回则任取据处府研信"
	runes := []rune(chars)
	sentence := func() string {
		var b strings.Builder
		for range 12 + rng.IntN(10) {
			b.WriteRune(runes[rng.IntN(len(runes))])
		}
		return b.String() + "。"
	}
	pool := make([]string, 60)
	for i := range pool {
		pool[i] = sentence()
	}
	// report is one report's text: its own sentences and some of the
	// pool's, the first few of which most towns use.
	type report struct {
		town, year int
		text       []string
		key        string
	}
	version := 0
	newReport := func(town, year int) report {
		r := report{town: town, year: year}
		for range 3 + rng.IntN(4) {
			var p strings.Builder
			for range 2 + rng.IntN(3) {
				switch x := rng.IntN(10); {
				case x < 3:
					p.WriteString(pool[rng.IntN(4)]) // most towns
				case x < 6:
					p.WriteString(pool[4+rng.IntN(len(pool)-4)])
				default:
					p.WriteString(sentence())
				}
			}
			r.text = append(r.text, p.String())
		}
		version++
		r.key = fmt.Sprintf("%03d-%d-%d", town, year, version)
		return r
	}
	var site []report
	for town := range 30 {
		for year := range 1 + rng.IntN(3) {
			site = append(site, newReport(town, 2020+year))
		}
	}
	docsOf := func(site []report) ([]Doc, []string) {
		slices.SortFunc(site, func(a, b report) int { return (a.town*10000 + a.year) - (b.town*10000 + b.year) })
		var docs []Doc
		var keys []string
		for _, r := range site {
			d := Doc{Town: int32(r.town), Code: fmt.Sprintf("5001%02d%03d", r.town/10, r.town)}
			for i, p := range r.text {
				d.Paras = append(d.Paras, Paragraph(p, nil, 1, i))
			}
			docs = append(docs, d)
			keys = append(keys, r.key)
		}
		return docs, keys
	}
	// found is what Find finds in each doc, with the docs it links to named
	// by key.
	found := func(x *Index, docs []Doc, keys []string) map[string]string {
		out := map[string]string{}
		for d := range docs {
			res := x.Find(int32(d), docs[d].Paras)
			var b strings.Builder
			fmt.Fprintf(&b, "%d %d %d", res.Runes, res.SameTown, res.OtherTowns)
			for _, m := range res.Marks {
				fmt.Fprintf(&b, " [%d %d %d", m.Para, m.Runes, m.AtLeast)
				for _, l := range append(slices.Clone(m.SameTown), m.OtherTowns...) {
					fmt.Fprintf(&b, " %s:%d:%d", keys[l.Doc], l.Para, l.Runes)
				}
				b.WriteString("]")
			}
			out[keys[d]] = b.String()
		}
		return out
	}
	docs, keys := docsOf(site)
	x := NewIndex(docs)
	saved := x.Save(keys)
	before := found(x, docs, keys)
	touchedSome, keptSome, marks := 0, 0, 0
	for step := range 40 {
		// Add, change or take out one or two reports.
		for range 1 + rng.IntN(2) {
			switch op := rng.IntN(3); {
			case op == 0 || len(site) < 10:
				site = append(site, newReport(rng.IntN(34), 2023+rng.IntN(3)))
			case op == 1:
				i := rng.IntN(len(site))
				site[i] = newReport(site[i].town, site[i].year)
			default:
				i := rng.IntN(len(site))
				site = slices.Delete(site, i, i+1)
			}
		}
		// Two reports of a town and year: keep the first.
		site = slices.CompactFunc(site, func(a, b report) bool { return a.town == b.town && a.year == b.year })
		docs, keys = docsOf(site)
		c := Decode(saved).Diff(keys)
		if c.Stale {
			t.Fatalf("step %d: the saved index is stale", step)
		}
		// Update reads the fresh docs' paragraphs only.
		blind := slices.Clone(docs)
		for i := range blind {
			if !c.Fresh[i] {
				blind[i].Paras = nil
			}
		}
		got, touched := c.Update(blind)
		want := NewIndex(docs)
		// Built one report at a time, the index is the same too.
		one, err := NewIndexFunc(blind, 2, func(d int) ([]Para, error) { return docs[d].Paras, nil })
		if err != nil || !reflect.DeepEqual(one.entries, want.entries) || !reflect.DeepEqual(one.groups, want.groups) {
			t.Fatalf("step %d: NewIndexFunc differs from NewIndex (%v)", step, err)
		}
		if !reflect.DeepEqual(got.entries, want.entries) || !reflect.DeepEqual(got.groups, want.groups) || got.common != want.common {
			t.Fatalf("step %d: the updated index differs from a new one", step)
		}
		after := found(want, docs, keys)
		for i, k := range keys {
			if touched == nil || touched[i] {
				touchedSome++
				continue
			}
			keptSome++
			if after[k] != before[k] {
				t.Errorf("step %d: %s changed but is not listed as touched:\n before %s\n after  %s", step, k, before[k], after[k])
			}
		}
		for _, v := range after {
			marks += strings.Count(v, "[")
		}
		before, saved = after, got.Save(keys)
	}
	if touchedSome == 0 || keptSome == 0 || marks == 0 {
		t.Errorf("the test touched %d reports and kept %d, with %d marks: it tells nothing", touchedSome, keptSome, marks)
	}
	t.Logf("touched %d, kept %d, marks %d", touchedSome, keptSome, marks)
}

// A saved index that is damaged or lists its reports in another order is
// stale, never misread.
func TestDiffStale(t *testing.T) {
	docs := []Doc{doc(1, nil, justice), doc(2, nil, justice, openGov)}
	docs[0].Code, docs[1].Code = "500101001", "500101002"
	saved := NewIndex(docs).Save([]string{"a", "b"})
	if c := Decode(saved).Diff([]string{"a", "b"}); c.Stale || slices.Contains(c.Fresh, true) {
		t.Errorf("unchanged: stale %v, fresh %v", c.Stale, c.Fresh)
	}
	if c := Decode(saved).Diff([]string{"b", "a"}); !c.Stale {
		t.Error("reordered: not stale")
	}
	for n := range len(saved) {
		if c := Decode(saved[:n]).Diff([]string{"a", "b"}); !c.Stale {
			t.Errorf("cut at %d: not stale", n)
		}
	}
	bad := slices.Clone(saved)
	bad[len(bad)-3] ^= 0xff
	if c := Decode(bad).Diff([]string{"a", "b"}); !c.Stale {
		// A flipped hash byte may still decode; it must then be sorted.
		x, _ := c.Update(docs)
		if !slices.IsSortedFunc(x.entries, compareEntries) {
			t.Error("a damaged index gave unsorted entries")
		}
	}
}

func FuzzSavedIndex(f *testing.F) {
	docs := []Doc{doc(1, nil, justice), doc(2, nil, justice, openGov)}
	f.Add(NewIndex(docs).Save([]string{"a", "b"}))
	f.Fuzz(func(t *testing.T, b []byte) {
		c := Decode(slices.Clone(b)).Diff([]string{"a", "b", "c"}) // Update works in what it decodes
		if !c.Stale {
			x, _ := c.Update(append(slices.Clone(docs), doc(3, nil, unrelA)))
			for d := range 3 {
				x.Find(int32(d), nil)
			}
		}
	})
}

// The saved entries are read where they lie when they are aligned, and
// copied when not; either way the index is the same, and so is its update.
func TestDecodeInPlaceOrCopied(t *testing.T) {
	docs := []Doc{doc(1, nil, justice), doc(2, nil, justice, openGov), doc(3, nil, unrelA)}
	for i := range docs {
		docs[i].Code = fmt.Sprintf("5001010%02d", i+1)
	}
	keys := []string{"a", "b", "c"}
	saved := NewIndex(docs[:2]).Save(keys[:2])
	want := NewIndex(docs)
	for shift := range 9 {
		buf := make([]byte, shift+len(saved), shift+len(saved)+64)
		copy(buf[shift:], saved)
		c := Decode(buf[shift:]).Diff(keys)
		if c.Stale {
			t.Fatalf("shifted by %d: stale", shift)
		}
		got, _ := c.Update(docs)
		if !reflect.DeepEqual(got.entries, want.entries) || !reflect.DeepEqual(got.groups, want.groups) {
			t.Errorf("shifted by %d: the updated index differs from a new one", shift)
		}
	}
}

// Merging in the first list's room gives what merging into a new one does.
func TestMergeEntriesInPlace(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		var a, b []entry
		for range rng.IntN(20) {
			a = append(a, entry{uint64(rng.IntN(30)), int32(rng.IntN(5)), int32(rng.IntN(3))})
		}
		for range rng.IntN(6) {
			b = append(b, entry{uint64(rng.IntN(30)), 5 + int32(rng.IntN(3)), int32(rng.IntN(3))})
		}
		a, b = sortEntries(a), sortEntries(b)
		want := mergeEntries(slices.Clip(a), b)
		roomy := append(make([]entry, 0, len(a)+len(b)), a...)
		got := mergeEntries(roomy, b)
		if !slices.Equal(got, want) || !slices.IsSortedFunc(got, compareEntries) {
			t.Fatalf("in place %v, into a new list %v", got, want)
		}
		if len(want) > 0 && &got[0] != &roomy[:1][0] {
			t.Fatal("did not merge in place")
		}
	}
}

// Repeated lists what sorting every group of two towns or more lists
// first (moreRepeated), ties at the cut included.
func TestRepeatedIsTheTopOfAll(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for round := range 50 {
		x := &Index{}
		for g := range 1 + rng.IntN(300) {
			towns := 1 + rng.IntN(1+rng.IntN(40))
			n := towns + rng.IntN(3)
			start := int32(len(x.entries))
			for d := range n {
				x.entries = append(x.entries, entry{uint64(g), int32(d), 0})
			}
			x.groups = append(x.groups, group{hash: uint64(rng.IntN(1000)), start: start, n: int32(n), towns: int32(towns)})
		}
		var all []*group
		for i := range x.groups {
			if x.groups[i].towns >= 2 {
				all = append(all, &x.groups[i])
			}
		}
		slices.SortFunc(all, moreRepeated)
		for _, n := range []int{0, 1, 3, 10, 100, 1000} {
			got := x.Repeated(n)
			want := all[:min(n, len(all))]
			if len(got) != len(want) {
				t.Fatalf("round %d, n %d: %d passages, want %d", round, n, len(got), len(want))
			}
			for i, p := range got {
				if p.Hash != want[i].hash || p.Towns != int(want[i].towns) || len(p.Places) != int(want[i].n) {
					t.Fatalf("round %d, n %d: passage %d is %v, want the group %+v", round, n, i, p, *want[i])
				}
			}
		}
	}
}

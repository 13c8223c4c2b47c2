package search

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzTokens(f *testing.F) {
	for _, s := range tokenSamples() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if utf8.RuneCountInString(n) != utf8.RuneCountInString(s) {
			t.Fatalf("Normalize(%q) = %q changes the number of code points", s, n)
		}
		if Normalize(n) != n {
			t.Fatalf("Normalize is not idempotent on %q", s)
		}
		toks := Tokens(s)
		st := stream(s)
		if len(st) > 0 && len(toks) < 2*len(st)-1 {
			t.Fatalf("Tokens(%q): %d tokens for %d code points", s, len(toks), len(st))
		}
		for _, term := range queryTerms(s) {
			keys, _ := plan(term)
			if len(keys) == 0 {
				t.Fatalf("plan(%q) is empty", string(term))
			}
		}
	})
}

func FuzzQuery(f *testing.F) {
	files, err := Build(loadFixtures(f), Options{})
	if err != nil {
		f.Fatal(err)
	}
	for _, c := range queryCases() {
		f.Add(c.q, c.f.Year, c.f.Town, c.f.Kind, 0)
	}
	f.Add("法", 0, "", "", 3)
	f.Fuzz(func(t *testing.T, q string, year int, town, kind string, page int) {
		if page > 5 {
			page = 5
		}
		s := NewSearcher(FilesLoader(files))
		p, err := s.Search(q, Filter{Year: year, Town: town, Kind: kind}, page)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Results) > PageSize || p.Total < len(p.Results) {
			t.Fatalf("%q: %d results, total %d", q, len(p.Results), p.Total)
		}
		// Every result contains every term (no false positives).
		for _, r := range p.Results {
			d, _ := s.getDoc(r.Doc)
			var all strings.Builder
			for _, u := range d.units {
				for _, fl := range u.fields {
					all.WriteString(string(fl.s))
					all.WriteByte(0)
				}
			}
			for _, term := range queryTerms(q) {
				if !strings.Contains(all.String(), string(term)) {
					t.Fatalf("%q: result %s lacks %q", q, r.URL, string(term))
				}
			}
			rs := []rune(r.Snippet)
			for _, h := range r.Highlights {
				if h[0] < 0 || h[1] > len(rs) || h[0] >= h[1] {
					t.Fatalf("%q: highlight %v out of %q", q, h, r.Snippet)
				}
			}
		}
	})
}

// FuzzPatchShard patches shards as an update reads them back from the
// last output, which may hold anything: patchShard must return a shard or
// an error, never panic. And replaceEntry, which splices an entry's
// columns, gives what decoding the whole list and writing it again gives
// (replaceWhole), for any entry written as appendEntry writes.
func FuzzPatchShard(f *testing.F) {
	ix, err := BuildIndex(versioned(synthCorpus(f, 12, 3)), Options{ShardBytes: 1 << 10})
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range ix.Files {
		if strings.HasPrefix(file.Path, "s/") {
			f.Add(file.Data, 3, 5, 2)
		}
	}
	f.Add([]byte(`{"ab":"BAAA"}`), 0, 0, 1)
	f.Fuzz(func(t *testing.T, data []byte, cut, doc, other int) {
		entries, err := parseShard(data)
		if err != nil || len(entries) == 0 || doc < 0 || doc > 1<<20 || other < 0 || other > 1<<20 {
			return
		}
		e := entries[0]
		toks := []string{e.tok, "新词"}
		adds := map[string][]posting{e.tok: {{doc: doc, tf: 1, mask: 3}}, "新词": {{doc: doc, tf: 0, mask: 1}}}
		edited := []int{min(doc, other), max(doc, other)}
		_, _, _ = patchShard(data, toks, adds, func(e entry, a []posting) (entry, bool, error) { return patchEntry(e, a, cut) })
		_, _, _ = patchShard(data, toks, adds, func(e entry, a []posting) (entry, bool, error) { return replaceEntry(e, a, edited) })

		ps, err := entryPostings(e)
		if err != nil {
			return
		}
		if canonical, _, _ := replaceWhole(e, nil, nil); !bytes.Equal(canonical.data, e.data) {
			return // not as appendEntry writes: the splice keeps what it does not change as it is
		}
		// The postings of doc and other put back, and doc's replaced.
		var own []posting
		for _, p := range ps {
			if p.doc == doc || p.doc == other {
				own = append(own, p)
			}
		}
		for _, put := range [][]posting{own, adds[e.tok]} {
			got, okGot, err := replaceEntry(e, put, edited)
			want, okWant, _ := replaceWhole(e, put, edited)
			if err != nil || okGot != okWant || !bytes.Equal(got.data, want.data) {
				t.Fatalf("reports %v replaced by %v: %s (%v), want %s", edited, put, got.data, err, want.data)
			}
		}
	})
}

// replaceWhole is what replaceEntry does, the long way: the whole list
// decoded, changed and written again.
func replaceWhole(e entry, adds []posting, edited []int) (entry, bool, error) {
	kept, err := entryPostings(e)
	if err != nil {
		return entry{}, false, err
	}
	var cols [3][]uint64
	last := -1
	put := func(p posting) {
		cols[0] = append(cols[0], uint64(p.doc-last-1))
		cols[1] = append(cols[1], p.tf)
		cols[2] = append(cols[2], p.mask)
		last = p.doc
	}
	for _, p := range kept {
		for len(adds) > 0 && adds[0].doc < p.doc {
			put(adds[0])
			adds = adds[1:]
		}
		if !slices.Contains(edited, p.doc) {
			put(p)
		}
	}
	for _, a := range adds {
		put(a)
	}
	if len(cols[0]) == 0 {
		return entry{}, false, nil
	}
	return entry{tok: e.tok, h: e.h, data: appendEntry(nil, e.tok, &cols)}, true, nil
}

// entryPostings decodes the postings of a shard entry, in report order.
func entryPostings(e entry) ([]posting, error) {
	// e.data is "tok":"postings"; the postings hold no quote.
	open := bytes.LastIndexByte(e.data[:len(e.data)-1], '"')
	if open < 0 || e.data[len(e.data)-1] != '"' {
		return nil, errVLQ
	}
	r := vlqReader{s: string(e.data[open+1 : len(e.data)-1])}
	n := int(r.next())
	if r.err != nil || n > len(r.s) {
		return nil, errVLQ
	}
	ps := make([]posting, n)
	last := -1
	for k := range ps {
		gap := r.next()
		if gap > 1<<31 {
			return nil, errVLQ // more reports than an index holds
		}
		last += 1 + int(gap)
		ps[k].doc = last
	}
	for k := range ps {
		ps[k].tf = r.next()
	}
	for k := range ps {
		ps[k].mask = r.next()
	}
	if r.err != nil || r.pos != len(r.s) {
		return nil, errVLQ
	}
	return ps, nil
}

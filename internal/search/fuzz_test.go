package search

import (
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

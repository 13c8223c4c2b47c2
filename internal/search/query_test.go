package search

import (
	"fmt"
	"strings"
	"testing"
)

// queryCase is a query over the five bundled reports with the results a
// reader would expect. top lists the leading results as "URL#section"
// ("URL#" for the report's top), in order; total is the number of matching
// reports.
type queryCase struct {
	name  string
	q     string
	f     Filter
	total int
	top   []string
	// snippet, if set, must be the first result's snippet with its
	// highlights in [brackets].
	snippet string
}

const (
	xinglong  = "r/yubei-xinglong/2021/"      // 兴隆镇 2021, the longest report
	zhaohua   = "r/zhaohua-zhaohua/2021/"     // 昭化镇 2021
	houye     = "r/500235145/2024/"           // 后叶镇 2024, 签发人 曾志刚
	yuanyi    = "r/liangping-yuanyi/2020/"    // 袁驿镇 2020, half-width punctuation
	huilongba = "r/shapingba-huilongba/2022/" // 回龙坝镇 2022
)

func queryCases() []queryCase {
	return []queryCase{
		// Topics. Every report has a 法律顾问; 后叶镇 is the shortest and says it
		// three times in its measures, so it is the densest.
		{name: "topic 法律顾问", q: "法律顾问", total: 5, top: []string{houye + "#s1", xinglong + "#s4", zhaohua + "#s4", yuanyi + "#s1", huilongba + "#s1"}},
		{name: "topic 矛盾纠纷, absent from 袁驿镇", q: "矛盾纠纷", total: 4, top: []string{xinglong + "#s4", huilongba + "#s3"}},
		{name: "topic 行政执法", q: "行政执法", total: 5, top: []string{houye + "#s1"}},
		{name: "two-character topic", q: "律师", total: 4, top: []string{xinglong + "#s4"}},
		{name: "place inside the text", q: "和顺茶馆", total: 1, top: []string{huilongba + "#s1"}},
		{name: "rare word", q: "枫桥", total: 2},
		{name: "no match", q: "量子计算", total: 0},
		// People, places and document numbers: metadata fields.
		{name: "签发人", q: "曾志刚", total: 1, top: []string{houye + "#"}, snippet: "签发人：[曾志刚]"},
		{name: "town name in the title", q: "后叶镇", total: 1, top: []string{houye + "#"}},
		{name: "town name without 镇", q: "回龙坝", total: 1, top: []string{huilongba + "#"}},
		{name: "county", q: "云阳县", total: 1, top: []string{houye + "#"}},
		{name: "county in title and text", q: "渝北区", total: 1, top: []string{xinglong + "#"}},
		{name: "发文字号 with its own brackets", q: "后叶委文〔2025〕5号", total: 1, top: []string{houye + "#"}, snippet: "发文字号：[后叶委文〔2025〕5号]"},
		{name: "发文字号 with ASCII brackets", q: "后叶委文[2025]5号", total: 1, top: []string{houye + "#"}},
		// Numbers and width folding.
		{name: "hotline number", q: "12348", total: 1, top: []string{xinglong + "#s4"}},
		{name: "full-width digits", q: "１２３４８", total: 1, top: []string{xinglong + "#s4"}},
		{name: "full-width year", q: "２０２１", total: 5},
		{name: "half-width bracket matches full-width", q: "(2021", total: 4},
		{name: "range with ASCII hyphen matches dashes", q: "2021-2025", total: 3, top: []string{zhaohua + "#", huilongba + "#"}},
		{name: "ASCII word, any case", q: "led", total: 1, top: []string{houye + "#s4"}},
		{name: "full-width upper-case word", q: "ＬＥＤ", total: 1, top: []string{houye + "#s4"}},
		{name: "spaces in the text are ignored", q: "2021年度法治政府建设总体情况", total: 1, top: []string{xinglong + "#"}},
		// One character, several terms.
		{name: "one character", q: "镇", total: 5},
		{name: "two terms, both needed", q: "法律顾问 2024", total: 1, top: []string{houye + "#s1"}},
		{name: "two terms, the section with both shown", q: "回龙坝 枫桥", total: 1, top: []string{huilongba + "#s1"}},
		{name: "terms repeated", q: "枫桥 枫桥", total: 2},
		// Filters.
		{name: "year filter", q: "法律顾问", f: Filter{Year: 2021}, total: 2, top: []string{xinglong + "#s4", zhaohua + "#s4"}},
		{name: "kind filter", q: "矛盾纠纷", f: Filter{Kind: "shortcomings"}, total: 1, top: []string{huilongba + "#s3"}},
		{name: "kind filter plans", q: "法律顾问", f: Filter{Kind: "plans"}, total: 3, top: []string{houye + "#s4", xinglong + "#s4", zhaohua + "#s4"}},
		{name: "town filter by name", q: "法律顾问", f: Filter{Town: "后叶镇"}, total: 1, top: []string{houye + "#s1"}},
		{name: "town filter by code", q: "法治", f: Filter{Town: "500235145"}, total: 1, top: []string{houye + "#s2"}},
		{name: "county filter", q: "法治", f: Filter{County: "沙坪坝区"}, total: 1, top: []string{huilongba + "#s2"}},
		{name: "year with no report", q: "法治", f: Filter{Year: 2019}, total: 0},
	}
}

func TestQueries(t *testing.T) {
	files, err := Build(loadFixtures(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSearcher(FilesLoader(files))
	for _, c := range queryCases() {
		t.Run(c.name, func(t *testing.T) {
			p, err := s.Search(c.q, c.f, 0)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range p.Results {
				got = append(got, r.URL+"#"+r.SectionID)
			}
			if p.Total != c.total || len(p.Results) != c.total {
				t.Errorf("%q: total %d, %d results %v; want %d", c.q, p.Total, len(p.Results), got, c.total)
			}
			if !p.Exact {
				t.Errorf("%q: total not exact after verifying every candidate", c.q)
			}
			for i, w := range c.top {
				if i >= len(got) || got[i] != w {
					t.Errorf("%q: results %v, want first %v", c.q, got, c.top)
					break
				}
			}
			if c.snippet != "" && len(p.Results) > 0 {
				if g := marked(p.Results[0]); g != c.snippet {
					t.Errorf("%q: snippet %s, want %s", c.q, g, c.snippet)
				}
			}
			for _, r := range p.Results {
				checkHighlights(t, c.q, r)
			}
		})
	}
}

// marked renders a result snippet with its highlights in brackets.
func marked(r Result) string {
	rs := []rune(r.Snippet)
	var b strings.Builder
	at := 0
	for _, h := range r.Highlights {
		b.WriteString(string(rs[at:h[0]]) + "[" + string(rs[h[0]:h[1]]) + "]")
		at = h[1]
	}
	b.WriteString(string(rs[at:]))
	return b.String()
}

// checkHighlights verifies that every highlight covers text that folds to
// a query term (ignoring spaces) and that highlights are ordered and apart.
func checkHighlights(t *testing.T, q string, r Result) {
	t.Helper()
	rs := []rune(r.Snippet)
	terms := queryTerms(q)
	prev := -1
	for _, h := range r.Highlights {
		if h[0] <= prev || h[1] <= h[0] || h[1] > len(rs) {
			t.Errorf("%q: bad highlight %v in %q", q, h, r.Snippet)
			return
		}
		prev = h[1]
		got := string(stream(string(rs[h[0]:h[1]])))
		ok := false
		for _, term := range terms {
			if strings.Contains(got, string(term)) || strings.Contains(string(term), got) || strings.Contains(got, "…") {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q: highlight %q is no term of the query", q, got)
		}
	}
	if len(r.Highlights) == 0 {
		t.Errorf("%q: result %s#%s has no highlight in %q", q, r.URL, r.SectionID, r.Snippet)
	}
}

func TestQueryPaging(t *testing.T) {
	docs := synthCorpus(t, 60, 3)
	files, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSearcher(FilesLoader(files))
	p0, err := s.Search("法治", Filter{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if p0.Total != 60 || !p0.Exact || !p0.More || len(p0.Results) != PageSize {
		t.Fatalf("page 0: total %d exact %v more %v, %d results", p0.Total, p0.Exact, p0.More, len(p0.Results))
	}
	seen := map[string]bool{}
	n := 0
	for page := 0; ; page++ {
		p, err := NewSearcher(FilesLoader(files)).Search("法治", Filter{}, page)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Results {
			if seen[r.URL] {
				t.Fatalf("page %d repeats %s", page, r.URL)
			}
			seen[r.URL] = true
			n++
		}
		if !p.More {
			break
		}
	}
	if n != 60 {
		t.Errorf("paging showed %d reports, want 60", n)
	}
}

// TestRankingOrder checks the ranking rules on the candidates of a query
// over the synthetic corpus: heading matches first, then density, then
// newest year.
func TestRankingOrder(t *testing.T) {
	docs := synthCorpus(t, 200, 5)
	files, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSearcher(FilesLoader(files))
	p, err := s.Search("2023", Filter{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	// Reports on 2023 have it in their title; others only in the text or in
	// the plans heading of the reports on 2022.
	for i, r := range p.Results {
		if r.Heading != 1 {
			t.Errorf("result %d (%s) has no heading match", i, r.URL)
		}
		if i > 0 && p.Results[i-1].Heading < r.Heading {
			t.Errorf("result %d ranks a heading match below a body match", i)
		}
	}
	m, _ := s.getMeta()
	for i := 1; i < len(p.Results); i++ {
		a, b := p.Results[i-1], p.Results[i]
		if a.Heading != b.Heading {
			continue
		}
		da := float64(a.Hits) / float64(m.lens[a.Doc]+docLengthBias)
		db := float64(b.Hits) / float64(m.lens[b.Doc]+docLengthBias)
		if da < db || da == db && a.Year < b.Year {
			t.Errorf("result %d (%s, %.5f, %d) ranks above %s (%.5f, %d)", i-1, a.URL, da, a.Year, b.URL, db, b.Year)
		}
	}
}

func ExampleSearcher_Search() {
	docs := []Doc{{
		URL: "r/500235145/2024/", Title: "云阳县后叶镇人民政府关于2024年法治政府建设情况的报告",
		County: "云阳县", Town: "后叶镇", Signer: "曾志刚", Year: 2024,
		Sections: []Section{
			{ID: "s1", Title: "一、主要举措和成效", Kind: "measures", Text: "聘请法律顾问，开通１２３４８热线。"},
		},
	}}
	files, _ := Build(docs, Options{})
	s := NewSearcher(FilesLoader(files))
	for _, q := range []string{"法律顾问", "12348", "曾志刚"} {
		p, _ := s.Search(q, Filter{}, 0)
		r := p.Results[0]
		fmt.Printf("%s: %s#%s %s %v\n", q, r.URL, r.SectionID, r.Snippet, r.Highlights)
	}
	// Output:
	// 法律顾问: r/500235145/2024/#s1 聘请法律顾问，开通１２３４８热线。 [[2 6]]
	// 12348: r/500235145/2024/#s1 聘请法律顾问，开通１２３４８热线。 [[9 14]]
	// 曾志刚: r/500235145/2024/# 签发人：曾志刚 [[4 7]]
}

// TestYearFilterAcrossRuns filters by a year whose reports are numbered in
// two runs: a first import in year order, then reports of that year that
// arrived later, after the newer years' (meta.json lists a run for each).
func TestYearFilterAcrossRuns(t *testing.T) {
	docs := synthCorpus(t, 60, 3)
	year := docs[0].Year // the oldest year, so that newer ones come between its runs
	for _, d := range docs {
		year = min(year, d.Year)
	}
	late := 0
	for i := range docs {
		if docs[i].Year == year && i%3 == 0 {
			docs[i].Added = "2026-12-06"
			late++
		}
	}
	files, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var runs int
	for _, f := range files {
		if f.Path == "meta.json" {
			runs = strings.Count(string(f.Data), fmt.Sprintf("[%d,", year))
		}
	}
	if late == 0 || runs != 2 {
		t.Fatalf("%d reports of %d arrived late, meta.json has %d runs of it; want some and 2", late, year, runs)
	}
	want := map[string]bool{}
	for _, d := range docs {
		if d.Year == year {
			want[d.URL] = true
		}
	}
	s := NewSearcher(FilesLoader(files))
	got := map[string]bool{}
	for page := 0; ; page++ {
		p, err := s.Search("镇", Filter{Year: year}, page)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range p.Results {
			got[r.URL] = true
		}
		if len(p.Results) == 0 || len(got) >= p.Total {
			break
		}
	}
	if len(got) != len(want) {
		t.Errorf("year %d: %d reports found, want %d", year, len(got), len(want))
	}
	for u := range got {
		if !want[u] {
			t.Errorf("year %d: %s found, of another year", year, u)
		}
	}
}

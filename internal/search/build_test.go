package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
)

func TestBuildDeterministic(t *testing.T) {
	docs := loadFixtures(t)
	a, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Same docs in another order, built again.
	shuffled := append([]Doc(nil), docs...)
	rand.New(rand.NewPCG(9, 9)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	b, err := Build(shuffled, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("file %s differs between builds", a[i].Path)
		}
	}
	if !sort.SliceIsSorted(a, func(i, j int) bool { return a[i].Path < a[j].Path }) {
		t.Error("files are not sorted by path")
	}
}

func TestBuildFiles(t *testing.T) {
	files, err := Build(loadFixtures(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	paths := map[string]bool{}
	for _, f := range files {
		paths[f.Path] = true
		if !json.Valid(f.Data) {
			t.Errorf("%s is not valid JSON", f.Path)
		}
		if bytes.Contains(f.Data, []byte("\n")) {
			t.Errorf("%s is not compact", f.Path)
		}
	}
	for _, p := range []string{"meta.json", "regions.json", "d/0.json", "d/4.json", "s/0.json"} {
		if !paths[p] {
			t.Errorf("no %s", p)
		}
	}
	var meta indexMeta
	json.Unmarshal(files[indexOfPath(files, "meta.json")].Data, &meta)
	if meta.Docs != 5 || len(meta.Years) != 4 || meta.Years[0][0] != 2020 {
		t.Errorf("meta: %+v", meta)
	}
	// Docs are numbered oldest year first.
	var d0 docContent
	json.Unmarshal(files[indexOfPath(files, "d/0.json")].Data, &d0)
	if d0.Year != 2020 || d0.Town != "袁驿镇" || d0.Sections[0][2] != "lead" {
		t.Errorf("d/0.json: %+v", d0)
	}
}

func indexOfPath(files []File, p string) int {
	for i, f := range files {
		if f.Path == p {
			return i
		}
	}
	return -1
}

// TestBuildShardSizing checks that shards come out near the target size:
// the first query's download depends on it.
func TestBuildShardSizing(t *testing.T) {
	docs := synthCorpus(t, 300, 2)
	for _, target := range []int{4 << 10, 16 << 10, 64 << 10} {
		files, err := Build(docs, Options{ShardBytes: target})
		if err != nil {
			t.Fatal(err)
		}
		var sizes []int
		total := 0
		for _, f := range files {
			if strings.HasPrefix(f.Path, "s/") {
				sizes = append(sizes, len(f.Data))
				total += len(f.Data)
			}
		}
		sort.Ints(sizes)
		mean := total / len(sizes)
		if mean > target*11/10 || mean < target/2 {
			t.Errorf("target %d: %d shards, mean %d bytes", target, len(sizes), mean)
		}
		// Hashing spreads tokens evenly; only a shard holding one huge list may be far above the mean.
		if median := sizes[len(sizes)/2]; median > 2*target {
			t.Errorf("target %d: median shard %d bytes", target, median)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	_, err := Build([]Doc{
		{URL: "r/a/", Sections: []Section{{ID: "s1", Kind: "measures"}, {ID: "s1"}}},
		{URL: "r/a/"},
		{Title: "无网址"},
		{URL: "r/b/", Sections: []Section{{ID: "s1", Kind: "achievements"}}},
	}, Options{})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`section ID "s1" used twice`, "URL r/a/ already used by doc 0", "no URL", `unknown kind "achievements"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestBuildEmpty(t *testing.T) {
	files, err := Build(nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewSearcher(FilesLoader(files)).Search("法治", Filter{}, 0)
	if err != nil || p.Total != 0 || len(p.Results) != 0 {
		t.Errorf("empty index: %+v, %v", p, err)
	}
}

func TestBuildInvalidUTF8(t *testing.T) {
	files, err := Build([]Doc{{URL: "r/x/", Title: "坏\xff字节", Sections: []Section{{ID: "s1", Text: "法律\xfe顾问"}}}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSearcher(FilesLoader(files))
	for _, q := range []string{"法律", "\ufffd顾问"} {
		p, err := s.Search(q, Filter{}, 0)
		if err != nil || len(p.Results) != 1 {
			t.Errorf("%q: %+v %v", q, p, err)
		}
	}
}

// TestVerification builds reports where the bigrams of a term occur apart
// (甲乙…乙丙 for 甲乙丙): they are candidates but never results, the total is
// an upper bound until all are checked, and a page examines at most
// maxExamine candidates.
func TestVerification(t *testing.T) {
	docs := falseCandidateDocs(50)
	files, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSearcher(FilesLoader(files))
	p0, err := s.Search("甲乙丙", Filter{}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(p0.Results) != 0 || p0.Exact || !p0.More || p0.Total != 51-maxExamine {
		t.Fatalf("page 0: %d results, total %d, exact %v, more %v", len(p0.Results), p0.Total, p0.Exact, p0.More)
	}
	p1, err := s.Search("甲乙丙", Filter{}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(p1.Results) != 1 || p1.Results[0].URL != "r/true/" || !p1.Exact || p1.Total != 1 || p1.More {
		t.Fatalf("page 1: %+v", p1)
	}
	if m := marked(p1.Results[0]); m != "甲乙丙在[甲乙丙]里" && !strings.Contains(m, "[甲乙丙]") {
		t.Errorf("snippet %s", m)
	}
}

// falseCandidateDocs returns n reports that contain 甲乙 and 乙丙 but not
// 甲乙丙, and ranked above them (denser, shorter) one that does.
func falseCandidateDocs(n int) []Doc {
	var docs []Doc
	for i := 0; i < n; i++ {
		docs = append(docs, Doc{URL: fmt.Sprintf("r/f%03d/", i), Year: 2024, Title: "报告",
			Sections: []Section{{ID: "s1", Kind: "measures", Text: strings.Repeat("甲乙，乙丙。", 5)}}})
	}
	return append(docs, Doc{URL: "r/true/", Year: 2020, Title: "报告",
		Sections: []Section{{ID: "s1", Kind: "measures", Text: "这里有甲乙丙。" + strings.Repeat("无关的文字。", 40)}}})
}

func TestVerificationAgreesWithJS(t *testing.T) {
	files, err := Build(falseCandidateDocs(50), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkAgreement(t, files, []agreementCase{{q: "甲乙丙"}, {q: "甲乙丙", page: 1}, {q: "甲乙丙", page: 2}, {q: "甲乙 乙丙"}})
}

// TestEscapesAgreeWithJS covers tokens that JSON must escape (quotes,
// backslashes) and code points outside the BMP, in both engines.
func TestEscapesAgreeWithJS(t *testing.T) {
	docs := []Doc{{URL: "r/esc/", Year: 2024, Title: `关于"引号"的报告`, Signer: "𠮷田",
		Sections: []Section{{ID: "s1", Kind: "other", Text: `路径 C:\法律\顾问，称为"法律顾问"，𠮷野家。`}}}}
	files, err := Build(docs, Options{ShardBytes: 64})
	if err != nil {
		t.Fatal(err)
	}
	s := NewSearcher(FilesLoader(files))
	for _, q := range []string{`\法律`, `"法律顾问"`, `𠮷田`, `"引号"`, `c:\`} {
		if p, err := s.Search(q, Filter{}, 0); err != nil || len(p.Results) != 1 {
			t.Errorf("%q: %+v %v", q, p, err)
		}
	}
	checkAgreement(t, files, []agreementCase{{q: `\法律`}, {q: `"法律顾问"`}, {q: `𠮷田`}, {q: `"引号"`}, {q: `c:\`}, {q: `\`}, {q: `"`}})
}

// TestBuildEmit checks that a whole index streamed through Options.Emit is
// the index Build returns.
func TestBuildEmit(t *testing.T) {
	docs := synthCorpus(t, 60, 4)
	want, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var got []File
	ix, err := BuildIndex(docs, Options{Emit: func(f File) {
		mu.Lock()
		got = append(got, f)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.Files) != 0 {
		t.Errorf("%d files returned besides those emitted", len(ix.Files))
	}
	sort.Slice(got, func(i, j int) bool { return got[i].Path < got[j].Path })
	if len(got) != len(want) || len(ix.Paths) != len(want) {
		t.Fatalf("%d files emitted, %d paths; want %d", len(got), len(ix.Paths), len(want))
	}
	for i := range want {
		if got[i].Path != want[i].Path || ix.Paths[i] != want[i].Path || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Errorf("%s differs", want[i].Path)
		}
	}
}

// TestTailSplit checks the split of the postings between main and tail
// shards: each holds the reports on its side of the boundary in meta.json,
// and every query gives the same pages whatever the block size, 1 (no
// tail) included.
func TestTailSplit(t *testing.T) {
	docs := synthCorpus(t, 300, 3)
	queries := synthQueries(docs, 40, 5)
	queries = append(queries, "法治", "法律顾问 2024", "12348", "法")
	pages := func(files []File) []string {
		s := NewSearcher(FilesLoader(files))
		var out []string
		for i, q := range queries {
			f := Filter{}
			if i%3 == 1 {
				f.Year = docs[i].Year
			}
			p, err := s.Search(q, f, i%2)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			b, _ := json.Marshal(p)
			out = append(out, string(b))
		}
		return out
	}
	whole, err := Build(docs, Options{ShardBytes: 8 << 10, TailBlock: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := pages(whole)
	for _, c := range []struct{ block, base int }{{16, 288}, {100, 300}, {256, 256}, {1000, 300}} {
		files, err := Build(docs, Options{ShardBytes: 8 << 10, TailBlock: c.block})
		if err != nil {
			t.Fatal(err)
		}
		var meta indexMeta
		if err := json.Unmarshal(files[indexOfPath(files, "meta.json")].Data, &meta); err != nil {
			t.Fatal(err)
		}
		if meta.Tail[0] != c.base || (meta.Tail[1] > 0) != (c.base < 300) {
			t.Errorf("block %d: tail %v, want from %d", c.block, meta.Tail, c.base)
		}
		tails := 0
		for _, f := range files {
			tail := strings.HasPrefix(f.Path, "t/")
			if !tail && !strings.HasPrefix(f.Path, "s/") {
				continue
			}
			if tail {
				tails++
			}
			var sh map[string]string
			if err := json.Unmarshal(f.Data, &sh); err != nil {
				t.Fatalf("block %d: %s: %v", c.block, f.Path, err)
			}
			for tok, v := range sh {
				l, err := decodeList(v)
				if err != nil {
					t.Fatalf("block %d: %s %q: %v", c.block, f.Path, tok, err)
				}
				if tail && l.ids[0] < int32(c.base) || !tail && l.ids[len(l.ids)-1] >= int32(c.base) {
					t.Fatalf("block %d: %s %q holds reports %d to %d; the tail starts at %d", c.block, f.Path, tok, l.ids[0], l.ids[len(l.ids)-1], c.base)
				}
			}
		}
		if tails != meta.Tail[1] {
			t.Errorf("block %d: %d tail files, meta.json says %d", c.block, tails, meta.Tail[1])
		}
		got := pages(files)
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("block %d: %q page %d:\n got %s\nwant %s", c.block, queries[i], i%2, got[i], want[i])
			}
		}
	}
}

// TestOtherSectionsAreNamed checks that a result names, in the report's
// order, the other sections that hold every term, for the reader to open
// them, and that both engines name the same.
func TestOtherSectionsAreNamed(t *testing.T) {
	docs := []Doc{{URL: "r/1/", Year: 2024, Title: "七塘镇2024年法治政府建设情况报告",
		Sections: []Section{
			{ID: "s1", Title: "一、主要举措和成效", Kind: "measures", Text: "聘请法律顾问，法律顾问全年审查合同12件。"},
			{ID: "s2", Title: "二、存在的不足", Kind: "shortcomings", Text: "法律顾问作用发挥不够。"},
			{ID: "s3", Title: "三、下一年度安排", Kind: "plans", Text: "继续发挥法律顾问作用。"},
			{ID: "s4", Title: "四、其他", Kind: "other", Text: "无关内容。"},
		}}}
	files, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewSearcher(FilesLoader(files)).Search("法律顾问", Filter{}, 0)
	if err != nil || len(p.Results) != 1 {
		t.Fatalf("%+v %v", p, err)
	}
	r := p.Results[0]
	want := []OtherSection{{ID: "s2", Title: "二、存在的不足"}, {ID: "s3", Title: "三、下一年度安排"}}
	if r.SectionID != "s1" || r.Others != 2 || !reflect.DeepEqual(r.OtherSections, want) {
		t.Errorf("best %s, others %d %+v; want s1 and %+v", r.SectionID, r.Others, r.OtherSections, want)
	}
	checkAgreement(t, files, []agreementCase{{q: "法律顾问"}})
}

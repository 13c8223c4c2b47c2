package align

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestSuggest checks that each plan finds the passage that speaks to it,
// that wording every passage shares does not make a match, and that a plan
// nothing speaks to gets no suggestion.
func TestSuggest(t *testing.T) {
	plans := []string{
		"深化法治宣传教育，开展“八五”普法宣传活动。",
		"加强行政执法队伍建设，组织执法人员培训。",
		"推进智慧法院建设。",
	}
	passages := []string{
		"全年组织执法人员培训6次，行政执法队伍素质明显提高。",
		"开展“八五”普法宣传活动48场次，法治宣传教育覆盖全镇。",
		"法治政府建设取得新成效。",
	}
	got := Suggest(plans, passages, 2)
	var best [][]int
	for _, ms := range got {
		var b []int
		for _, m := range ms {
			b = append(b, m.Passage)
		}
		best = append(best, b)
	}
	if want := [][]int{{1}, {0}, nil}; !reflect.DeepEqual(best, want) {
		t.Errorf("suggested %v, want %v (scores %+v)", best, want, got)
	}
	if len(Suggest(plans, nil, 2)) != 3 || Suggest(nil, passages, 2) == nil {
		t.Error("empty inputs")
	}
}

// BenchmarkSuggest aligns a plans section of 12 items with a measures
// section of 60 passages, the size of a real report's: a plan page of the
// site does this once.
func BenchmarkSuggest(b *testing.B) {
	item := "深化法治宣传教育，开展“八五”普法宣传活动，组织执法人员培训，推进依法行政。"
	passage := "全年组织执法人员培训6次，开展“八五”普法宣传活动48场次，法治宣传教育覆盖全镇，行政执法队伍素质明显提高，依法行政水平不断提升。"
	items := make([]string, 12)
	passages := make([]string, 60)
	for i := range items {
		items[i] = item[i%7:]
	}
	for i := range passages {
		passages[i] = passage[i%11:]
	}
	for b.Loop() {
		Suggest(items, passages, 2)
	}
}

// FuzzSuggest checks that any texts give a suggestion for each item, of
// passages that exist, scored within 0 and 1, best first.
func FuzzSuggest(f *testing.F) {
	f.Add("深化法治宣传教育\n加强执法培训", "开展普法宣传活动\n组织执法人员培训\n\xff\xfe")
	f.Fuzz(func(t *testing.T, a, b string) {
		items, passages := strings.Split(a, "\n"), strings.Split(b, "\n")
		got := Suggest(items, passages, 2)
		if len(got) != len(items) {
			t.Fatalf("%d suggestions for %d items", len(got), len(items))
		}
		for _, ms := range got {
			for k, m := range ms {
				if m.Passage < 0 || m.Passage >= len(passages) || m.Score < MinScore || m.Score > 1+1e-9 || k > 0 && m.Score > ms[k-1].Score {
					t.Fatalf("match %+v of %+v", m, ms)
				}
			}
		}
	})
}

// TestSortKeys: the radix sort agrees with slices.Sort on short and long
// lists, keys that share bytes, and repeated keys.
func TestSortKeys(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 255, 256, 257, 1000, 5000} {
		for _, mask := range []uint64{^uint64(0), 0xffff, 0x3ff_0000_00ff, 0} {
			keys := make([]uint64, n)
			for i := range keys {
				keys[i] = r.Uint64()&mask | 0x4e00<<40
			}
			want := slices.Clone(keys)
			slices.Sort(want)
			sortKeys(keys)
			if !slices.Equal(keys, want) {
				t.Fatalf("n=%d mask=%x: not sorted", n, mask)
			}
		}
	}
}

// FuzzSortKeys holds sortKeys to slices.Sort for any keys.
func FuzzSortKeys(f *testing.F) {
	f.Add([]byte("法治政府建设年度报告"), 300)
	f.Fuzz(func(t *testing.T, seed []byte, n int) {
		n = min(max(n, 0), 4096)
		keys := make([]uint64, n)
		for i := range keys {
			var k uint64
			for j := 0; j < 8 && len(seed) > 0; j++ {
				k = k<<8 | uint64(seed[(i*8+j)%len(seed)]) ^ uint64(i*j)
			}
			keys[i] = k
		}
		want := slices.Clone(keys)
		slices.Sort(want)
		sortKeys(keys)
		if !slices.Equal(keys, want) {
			t.Fatal("not sorted")
		}
	})
}

// BenchmarkSuggestReports suggests, for each paragraph of one bundled
// report, the paragraphs of another: a plan page's work on real text.
func BenchmarkSuggestReports(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "sources", "*.txt"))
	if len(files) < 2 {
		b.Skip("no bundled sources")
	}
	read := func(name string) []string {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		return strings.Split(string(data), "\n")
	}
	items, passages := read(files[0]), read(files[1])
	for b.Loop() {
		Suggest(items, passages, 2)
	}
}

// TestIsLetter checks the fast paths of isLetter against unicode's tables
// over the whole Basic Multilingual Plane and beyond.
func TestIsLetter(t *testing.T) {
	for r := rune(0); r <= 0x2FFFF; r++ {
		if got, want := isLetter(r), unicode.Is(unicode.Han, r) || unicode.IsLetter(r); got != want {
			t.Fatalf("isLetter(%U) = %v, want %v", r, got, want)
		}
	}
}

package align

import (
	"reflect"
	"strings"
	"testing"
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

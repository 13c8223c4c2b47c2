package report

import (
	"fmt"
	"reflect"
	"testing"
)

// tailOf gives the last characters of a paragraph, not bytes: the text a
// join repair records.
func TestTailOfCountsCharacters(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"", 8, ""},
		{"推进", 8, "推进"},
		{"一二三四五六七八", 8, "一二三四五六七八"},
		{"一二三四五六七八九十", 8, "三四五六七八九十"},
		{"全年办理案件37件，LED屏2块", 8, "件，LED屏2块"},
		{"并向社会公", 0, ""},
	} {
		if got := tailOf(tc.in, tc.n); got != tc.want {
			t.Errorf("tailOf(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

// TestTableRows checks that lines whose cells a tab sets apart become a
// table, two rows or more, and that a lone such line stays a paragraph.
func TestTableRows(t *testing.T) {
	text := "七塘镇人民政府2023年法治政府建设情况报告\n一、主要举措\n类别\t件数\n行政处罚\t37\n二、工作安排\n单独\t一行\n"
	d, err := Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Blocks {
		switch b.Kind {
		case Table:
			got = append(got, fmt.Sprintf("table %q", b.Rows))
		default:
			got = append(got, b.Text)
		}
	}
	want := []string{"一、主要举措", `table [["类别" "件数"] ["行政处罚" "37"]]`, "二、工作安排", "单独\t一行"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("blocks %q, want %q", got, want)
	}
}

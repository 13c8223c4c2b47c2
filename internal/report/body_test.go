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

// TestParagraphBreaks checks which lines the body joins: a line broken
// mid-sentence is joined whatever its indent when its neighbours are
// indented alike, but a line indented further than the one before starts a
// paragraph (首行缩进), and a lone value of a portal's unlabelled metadata
// table is joined to nothing. The texts are as found on portals (pairs 04
// and 06 of internal/site/testdata/changes-real).
func TestParagraphBreaks(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"indented further starts a paragraph",
			"莲花街道办事处2025年法治政府建设年度报告\n\n某某说明 : /2026-12630492\n\n  2025年,莲花街道坚持依法行政。\n",
			[]string{"某某说明 : /2026-12630492", "2025年,莲花街道坚持依法行政。"}},
		{"a break in an unindented paragraph is joined",
			"七塘镇人民政府2023年法治政府建设情况报告\n七塘镇坚持以习近平新时代中国特色社会主义思想为指导，全面推进\n依法行政。\n",
			[]string{"七塘镇坚持以习近平新时代中国特色社会主义思想为指导，全面推进依法行政。"}},
		{"lines indented alike are joined",
			"七塘镇人民政府2023年法治政府建设情况报告\n    七塘镇坚持以习近平新时代中国特色社会主义思想为指导，全面推进\n    依法行政。\n",
			[]string{"七塘镇坚持以习近平新时代中国特色社会主义思想为指导，全面推进依法行政。"}},
		{"a first line indented, the rest not",
			"七塘镇人民政府2023年法治政府建设情况报告\n\u3000\u3000七塘镇坚持以习近平新时代中国特色社会主义思想为指导，全面推进\n依法行政。\n\u3000\u3000全年办理案件37件。\n",
			[]string{"七塘镇坚持以习近平新时代中国特色社会主义思想为指导，全面推进依法行政。", "全年办理案件37件。"}},
		{"lone values are joined to nothing",
			"盈浦街道2025年度法治政府建设情况报告\n无\n无\n2025.12.17\n盈浦街道以习近平新时代中国特色社会主义思想为指导,现将具体情况汇报如下:\n一、主要举措\n街道党工委中心组坚持学好用好习近平法治思想。\n",
			[]string{"无", "无", "2025.12.17", "盈浦街道以习近平新时代中国特色社会主义思想为指导,现将具体情况汇报如下:", "一、主要举措", "街道党工委中心组坚持学好用好习近平法治思想。"}},
		{"a cover.s month is joined to nothing",
			"2024年重固镇法治政府建设报告\n2024年11月\n2024年,重固镇在区委、区政府的坚强领导下,积极开展法治政府建设相关工作。现将工作情况报告如下:\n一、主要举措\n镇政府坚持学法。\n",
			[]string{"2024年11月", "2024年,重固镇在区委、区政府的坚强领导下,积极开展法治政府建设相关工作。现将工作情况报告如下:", "一、主要举措", "镇政府坚持学法。"}},
	} {
		d, err := Parse([]byte(tc.text))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := blockTexts(d); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: blocks %q, want %q", tc.name, got, tc.want)
		}
	}
}

// blockTexts returns the text of each block of d's body.
func blockTexts(d *Document) []string {
	var out []string
	for _, b := range d.Blocks {
		out = append(out, b.Text)
	}
	return out
}

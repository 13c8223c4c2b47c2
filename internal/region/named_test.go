package region

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// NamedIn finds the townships a text names as words of their own, and no
// name inside another or at the tail of a longer one.
func TestNamedIn(t *testing.T) {
	tests := []struct{ text, want string }{
		{"向铜锣镇学习，向铜锣镇看齐", "[铜锣镇×2]"},
		// 坊镇 ends 天坊镇, which the table lacks: no mention.
		{"2023年，天坊镇全面推进法治建设", "[]"},
		// A long name counts after any character.
		{"强化乌兰木伦镇法治建设", "[乌兰木伦镇×1]"},
		// A name that may be a mere word (街道) is none.
		{"街道党工委高度重视", "[]"},
		{"在黄桷坪街道和在石门街道", "[黄桷坪街道×1 石门街道×1]"},
	}
	tb := Default()
	for _, tt := range tests {
		var got []string
		for _, m := range tb.NamedIn(tt.text) {
			got = append(got, fmt.Sprintf("%s×%d", m.Name, m.Count))
		}
		if s := fmt.Sprint(got); s != tt.want {
			t.Errorf("NamedIn(%q) = %s, want %s", tt.text, s, tt.want)
		}
	}
}

// ResolveAmong places a shared name by the places the text names anywhere,
// never by the name itself (武安 in 武安镇 is no evidence for 武安市).
func TestResolveAmong(t *testing.T) {
	tb := Default()
	tests := []struct{ name, text, want string }{
		{"铜锣镇", "", "四川省宜宾市长宁县铜锣镇"},
		{"武安镇", "武安镇认真贯彻《湖北省法治政府建设年度报告制定和公开工作指引》", "湖北省襄阳市南漳县武安镇"},
		{"新市街道", "认真贯彻《西安市法治政府建设实施方案》", "陕西省西安市临潼区新市街道"},
		{"武安镇", "武安镇全面推进法治建设，武安镇", ""},
		{"没有这个镇", "", ""},
	}
	for _, tt := range tests {
		town, err := tb.ResolveAmong(tb.Bearing(tt.name), tt.text)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ResolveAmong(%q, %q) = %s, want an error", tt.name, tt.text, town.FullName())
		case tt.want == "" && tt.name == "武安镇" && !errors.Is(err, ErrAmbiguous):
			t.Errorf("ResolveAmong(%q, %q): %v, want ambiguous", tt.name, tt.text, err)
		case tt.want != "" && (err != nil || town.FullName() != tt.want):
			t.Errorf("ResolveAmong(%q, %q) = %s, %v, want %s", tt.name, tt.text, town.FullName(), err, tt.want)
		}
	}
	if n := len(tb.Bearing("武安镇")); n != 5 {
		t.Errorf("Bearing(武安镇) has %d townships, want 5", n)
	}
	// Among the two a title left (市中区永安镇), a body that names 重庆 (as
	// one copied from a Chongqing report may) places neither.
	among := tb.Bearing("永安镇")
	among = slices.DeleteFunc(among, func(c Town) bool { return c.County != "市中区" })
	if town, err := tb.ResolveAmong(among, "全面落实习近平总书记对重庆提出的要求"); err == nil {
		t.Errorf("ResolveAmong(市中区's 永安镇) = %s, want no township", town.FullName())
	}
}

// FuzzNamedIn checks that no text makes NamedIn or ResolveAmong panic, that
// every mention is a name the text holds where it says, and that a name
// placed is a township of the table bearing it.
func FuzzNamedIn(f *testing.F) {
	for _, s := range []string{
		"向铜锣镇学习", "强化乌兰木伦镇法治建设", "", "镇", "\xe9\x95镇", "在黄桷坪街道和在石门街道", "县县县良种场镇镇",
	} {
		f.Add(s)
	}
	tb := Default()
	f.Fuzz(func(t *testing.T, text string) {
		for _, m := range tb.NamedIn(text) {
			if m.Count < 1 || m.First < 0 || !strings.HasPrefix(text[m.First:], m.Name) {
				t.Fatalf("NamedIn(%q): mention %+v is not in the text", text, m)
			}
			got, err := tb.ResolveAmong(tb.Bearing(m.Name), text)
			if err != nil {
				// A province the text names may rule every bearer out.
				if !errors.Is(err, ErrAmbiguous) && !errors.Is(err, ErrNotFound) {
					t.Fatalf("ResolveAmong(%q): %v", m.Name, err)
				}
				continue
			}
			if w, ok := tb.Town(got.Code); !ok || w != got || got.Name != m.Name && len(tb.Bearing(m.Name)) == 0 {
				t.Fatalf("ResolveAmong(%q) = %+v, not a township of the table", m.Name, got)
			}
		}
	})
}

// County finds a county by the names a report writes, for a township the
// table lacks.
func TestCounty(t *testing.T) {
	tb := Default()
	tests := []struct{ province, city, county, want string }{
		{"重庆市", "重庆市", "渝北区", "重庆市渝北区"},
		{"", "", "渝北区", "重庆市渝北区"},
		{"四川省", "广元市", "昭化区", "四川省广元市昭化区"},
		{"", "", "市中区", ""}, // five 市中区
		{"山东省", "枣庄市", "市中区", "山东省枣庄市市中区"},
		{"四川省", "", "市中区", ""}, // 乐山 and 内江
		{"湖北省", "", "渝北区", ""}, // not in 湖北
		{"", "", "没有这个区", ""},
	}
	for _, tt := range tests {
		got, ok := tb.County(tt.province, tt.city, tt.county)
		name := ""
		if ok {
			name = got.FullName()
		}
		if name != tt.want {
			t.Errorf("County(%q, %q, %q) = %q, want %q", tt.province, tt.city, tt.county, name, tt.want)
		}
	}
}

// DivisionAt finds the province, city or county a text starts with, the
// longest first, and nothing else.
func TestDivisionAt(t *testing.T) {
	tb := Default()
	tests := []struct{ text, want string }{
		{"静海区2023年度法治政府建设情况报告", "静海区"},
		{"清水县司法局关于2023年度法治政府建设工作情况的报告", "清水县"},
		{"湖北省人民政府关于2023年度法治政府建设情况的报告", "湖北省"},
		{"天水市人民政府", "天水市"},
		{"甘肃省天水市清水县", "甘肃省"},
		{"赵县人民政府", "赵县"},
		{"白驼镇人民政府关于2023年度法治政府建设情况的报告", ""},
		{"关于2023年度法治政府建设情况的报告", ""},
		{"幸福社区2023年法治建设工作总结", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := tb.DivisionAt(tt.text); got != tt.want {
			t.Errorf("DivisionAt(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

package region

import (
	"errors"
	"testing"
	"unicode/utf8"
)

func TestResolveFindsTheNamedTownship(t *testing.T) {
	tests := []struct {
		text string
		want string // township code
	}{
		// The seed towns, as their reports name them.
		{"重庆市渝北区兴隆镇人民政府", "500112138"},
		{"中共云阳县后叶镇委员会", "500235145"},
		{"广元市昭化区昭化镇人民政府", "510811108"},
		{"重庆市梁平区袁驿镇人民政府", "500155106"},
		{"重庆市沙坪坝区回龙坝镇人民政府", "500106106"},

		// A name that is unique in China needs no county.
		{"云阳县后叶镇", "500235145"},
		{"后叶镇", "500235145"},
		{"后叶镇2023年法治政府建设年度报告", "500235145"},
		{"昭化镇", "510811108"},
		// The county picks one of 31 兴隆镇, even after the township or in a short form.
		{"渝北区兴隆镇", "500112138"},
		{"兴隆镇人民政府（渝北区）", "500112138"},
		{"渝北兴隆镇", "500112138"},
		{"重庆市 渝北区 兴隆镇", "500112138"},
		// A name that starts a word, or follows the name of its county, is a match.
		{"坊镇人民政府", "610524102"},
		{"合阳县坊镇人民政府", "610524102"},
		{"2023年，坊镇坚持依法行政", "610524102"},
		// A second mention of the township is no evidence for a county whose short name it holds: 武安
		// in 武安镇 says nothing for 河北's 武安市; the province named elsewhere decides.
		{"发布机构：武安镇人民政府\n标题：武安镇2024年法治政府建设年度报告\n按照《湖北省法治政府建设年度报告制定和公开工作指引》", "420624101"},
		// Colloquial names of autonomous counties.
		{"石柱县黄水镇人民政府", "500240105"},
		{"石柱土家族自治县黄水镇", "500240105"},
		// Cities without counties, and counties without cities.
		{"广东省东莞市虎门镇人民政府", "441900121"},
		{"湖北省仙桃市郑场镇人民政府", "429004100"},
		// NBS's spelling differs from the text's.
		{"北京市朝阳区南磨房地区办事处", "110105021"},
		{"科尔沁左翼中旗保康街道", "150521403"}, // NBS: 保康街道办事处
		{"保康街道办事处", "150521403"},
		{"科技城(东渚街道)", "320505407"}, // NBS: 科技城（东渚街道）
		{"东渚街道", "320505407"},
		// A township name inside a longer one is not a second candidate, and a longer name that begins
		// inside the county's does not hide the real one.
		{"河北鹿泉经济开发区", "130110500"},
		{"集贤县良种场", "230521581"},  // NBS also has 县良种场 in 余干县 and 疏附县
		{"汾阳市西河街道", "141182003"}, // NBS also has 市西河街道 in 贵阳市云岩区
		// The longer county name just before the township wins over a shorter one inside it.
		{"呼和浩特市新城区东街街道", "150102004"},
		// A name that is only a kind of place counts right after its county.
		{"皮山县街道", "653223001"},
		{"叶城县林场", "653126405"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := Default().Resolve(tt.text)
			if err != nil || got.Code != tt.want {
				want, _ := Default().Town(tt.want)
				t.Errorf("Resolve(%q) = %s %s, %v; want %s %s", tt.text, got.Code, got.FullName(), err,
					tt.want, want.FullName())
			}
		})
	}
}

func TestResolveReportsWhatItCannotDecide(t *testing.T) {
	tests := []struct {
		text  string
		want  string
		count int // candidates of an ambiguity, 0 for not found
	}{
		{"兴隆镇", `"兴隆镇" 所指的乡镇不唯一，共 31 个候选（河北省承德市兴隆县兴隆镇、辽宁省沈阳市新民市兴隆镇、辽宁省辽阳市辽阳县兴隆镇、…）`, 31},
		// 云阳县 has no 兴隆镇: the county counts for nothing, and nothing is guessed.
		{"云阳县兴隆镇", `"云阳县兴隆镇" 所指的乡镇不唯一，共 31 个候选（河北省承德市兴隆县兴隆镇、辽宁省沈阳市新民市兴隆镇、辽宁省辽阳市辽阳县兴隆镇、…）`, 31},
		// Named twice, 武安镇 is still any of five: its second mention does not name 武安市.
		{"武安镇人民政府 武安镇2024年报告", `"武安镇人民政府 武安镇2024年报告" 所指的乡镇不唯一，共 5 个候选（河北省邯郸市武安市武安镇、福建省漳州市长泰区武安镇、山东省菏泽市郓城县武安镇、…）`, 5},
		// 重庆市 narrows it to the four in 重庆.
		{"重庆市云阳县兴隆镇", `"重庆市云阳县兴隆镇" 所指的乡镇不唯一，共 4 个候选（重庆市渝北区兴隆镇、重庆市南川区兴隆镇、重庆市奉节县兴隆镇、…）`, 4},
		// Two 市中区 with a 白马镇: listed whole when there are three or fewer.
		{"市中区白马镇", `"市中区白马镇" 所指的乡镇不唯一，共 2 个候选（四川省内江市市中区白马镇、四川省乐山市市中区白马镇）`, 2},
		{"中共云阳县委员会", `"中共云阳县委员会" 中没有区划表里的乡镇`, 0},
		{"街道", `"街道" 中没有区划表里的乡镇`, 0},
		{"云阳县新街道", `"云阳县新街道" 中没有区划表里的乡镇`, 0},
		{"", `"" 中没有区划表里的乡镇`, 0},
		// 坊镇 (陕西 合阳县) is only the tail of 天坊镇 and 明坊镇, towns the table does not know, and
		// nothing of where 坊镇 lies is named: no match. A province named that is not the township's
		// rules it out too.
		{"安徽省柏远市高营区天坊镇人民政府", `"安徽省柏远市高营区天坊镇人民政府" 中没有区划表里的乡镇`, 0},
		{"四川省武兴市梅化县明坊镇人民政府", `"四川省武兴市梅化县明坊镇人民政府" 中没有区划表里的乡镇`, 0},
		{"天坊镇", `"天坊镇" 中没有区划表里的乡镇`, 0},
		{"四川省后叶镇", `"四川省后叶镇" 中没有区划表里的乡镇`, 0},
		{"\xff\xfe", `"\xff\xfe" 中没有区划表里的乡镇`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := Default().Resolve(tt.text)
			if err == nil {
				t.Fatalf("Resolve(%q) = %s %s, want error %s", tt.text, got.Code, got.FullName(), tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("Resolve(%q) error\n got %s\nwant %s", tt.text, err, tt.want)
			}
			var amb *AmbiguousError
			switch {
			case tt.count == 0 && !errors.Is(err, ErrNotFound):
				t.Errorf("error %v is not ErrNotFound", err)
			case tt.count > 0 && (!errors.Is(err, ErrAmbiguous) || !errors.As(err, &amb)):
				t.Errorf("error %v is not an *AmbiguousError", err)
			case tt.count > 0 && len(amb.Candidates) != tt.count:
				t.Errorf("%d candidates, want %d", len(amb.Candidates), tt.count)
			}
		})
	}
}

// TestResolveEveryFullName resolves every township of the table from its full name, as an issuer line
// writes it: the table must not contain a township that its own names cannot find.
func TestResolveEveryFullName(t *testing.T) {
	tb := Default()
	for i := range tb.towns {
		w := tb.town(int32(i))
		text := w.FullName() + "人民政府"
		got, err := tb.Resolve(text)
		if err != nil || got.Code != w.Code {
			t.Errorf("Resolve(%q) = %s %s, %v; want %s", text, got.Code, got.FullName(), err, w.Code)
		}
	}
}

func BenchmarkResolve(b *testing.B) {
	tb := Default()
	for _, bm := range []struct{ name, text string }{
		{"issuer", "重庆市渝北区兴隆镇人民政府"},
		{"title", "广元市昭化区昭化镇人民政府关于2023年度法治政府建设情况的报告"},
		{"ambiguous", "城关镇"}, // 88 candidates
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tb.Resolve(bm.text)
			}
		})
	}
}

// FuzzResolve checks that no text makes Resolve panic, and that what it returns is a real township.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{
		"重庆市渝北区兴隆镇人民政府", "中共云阳县后叶镇委员会", "兴隆镇", "", "镇", "街道办事处",
		"科技城(东渚街道)", "（工业园区）城南街道", "\xe9\x95", "市西河街道西河街道", "县县县良种场",
	} {
		f.Add(s)
	}
	tb := Default()
	f.Fuzz(func(t *testing.T, text string) {
		got, err := tb.Resolve(text)
		if err != nil {
			if !errors.Is(err, ErrNotFound) && !errors.Is(err, ErrAmbiguous) {
				t.Fatalf("Resolve(%q): unexpected error kind %v", text, err)
			}
			return
		}
		if w, ok := tb.Town(got.Code); !ok || w != got {
			t.Fatalf("Resolve(%q) = %+v, not a township of the table", text, got)
		}
		if !utf8.ValidString(got.Name) {
			t.Fatalf("Resolve(%q) returned invalid name %q", text, got.Name)
		}
	})
}

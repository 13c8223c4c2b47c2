package figures

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// got is a fact as the cases below write it: indicator, figure as written,
// value, unit, qualifier.
func got(f Fact) string {
	s := fmt.Sprintf("%s %s =%s %s", f.Indicator, f.Written, formatValue(f.Value), f.Unit)
	if f.Qualifier != "" {
		s += " " + f.Qualifier
	}
	if f.High != 0 {
		s += " –" + formatValue(f.High)
	}
	if f.Rate {
		s += " rate"
	}
	return s
}

// TestTrickySentences are hand-written sentences of the kinds that fool a
// reader of figures: qualifiers, percentages, 万元, Chinese numerals, ranges,
// figures listed together, and numbers that are no figures at all.
func TestTrickySentences(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"全年开展普法宣传活动48场次，受教育群众2200余人次。",
			[]string{"pufa_events 48场次 =48 场次", "pufa_audience 2200余人次 =2200 人次 余"}},
		{"发放宣传资料1.2万余份，解答群众法律咨询300多人次。",
			[]string{"pufa_materials 1.2万余份 =12000 份 余", "legal_consult 300多人次 =300 人次 多"}},
		{"矛盾纠纷调解成功率达98%以上。",
			[]string{"mediation_rate 98%以上 =98 % 以上"}},
		{"共罚款3.86万元，另罚没38,650元。",
			[]string{"fines 3.86万元 =38600 万元", "fines 38,650元 =38650 元"}},
		{"聘请法律顾问两名，开展法治讲座三场，审查合同一百二十件。",
			[]string{"legal_advisers 两名 =2 名", "pufa_events 三场 =3 场", "legality_review 一百二十件 =120 件"}},
		{"参考率和合格率均达百分之百。",
			[]string{"exam_participation 百分之百 =100 %", "exam_pass 百分之百 =100 %"}},
		{"覆盖群众近500人，每月开展1次普法宣传。",
			[]string{"pufa_audience 近500人 =500 人 近", " 1次 =1 次 rate"}},
		{"各村开展法治宣传3至5场。",
			[]string{"pufa_events 3至5场 =3 场 至 –5"}},
		{"全年受理信访件12件，其中来信5件、来访7件。",
			[]string{"petitions 12件 =12 件", "petitions 5件 =5 件", "petitions 7件 =7 件"}},
		{"排查化解矛盾纠纷36件，调解成功34件。",
			[]string{"disputes_found 36件 =36 件", "disputes_resolved 34件 =34 件"}},
		{"现有1名常年法律顾问和2名兼职法治员。",
			[]string{"legal_advisers 1名 =1 名", " 2名 =2 名"}},
		{"组织干部学法考试2场，参学干部120人次。",
			[]string{" 2场 =2 场", " 120人次 =120 人次"}},
		// Numbers that are no figures.
		{"2023年3月15日，依据《关于印发〈方案〉的通知》（梁府发〔2023〕12号），拨打12348热线。", nil},
		{"深入开展“八五”普法，落实行政执法“三项制度”，增强“四个意识”，坚持“三会一课”和“三位一体”机制。", nil},
		{"一是加强学习；二是推进一站式服务，一次性告知；第三次会议召开。", nil},
	}
	for _, c := range cases {
		var have []string
		for _, f := range Default().Extract(c.text, 0) {
			have = append(have, got(f))
		}
		if strings.Join(have, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s\n got: %q\nwant: %q", c.text, have, c.want)
		}
	}
}

// TestFactsKeepTheirSentence checks each fact's sentence and figure are the
// text as written, for the page to quote and link to.
func TestFactsKeepTheirSentence(t *testing.T) {
	text := "一、主要举措\n全年开展普法活动 48 场次，受教育群众2200余人次。下一步，计划开展10场。"
	fs := Default().Extract(text, 3)
	if len(fs) != 3 {
		t.Fatalf("%d facts, want 3", len(fs))
	}
	for _, f := range fs {
		if f.Part != 3 || !strings.Contains(text, f.Sentence) || !strings.Contains(f.Sentence, f.Clause) || !strings.Contains(f.Clause, f.Written) {
			t.Errorf("%+v: the sentence, clause and figure must be the text as written, one inside the other", f)
		}
	}
	if fs[0].Written != "48 场次" || fs[0].Sentence != "全年开展普法活动 48 场次，受教育群众2200余人次。" {
		t.Errorf("first fact %q in %q", fs[0].Written, fs[0].Sentence)
	}
}

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]string{
		"2200余": "2200 余", "近500": "500 近", "一百二十": "120", "十二": "12", "两": "2", "3.86": "3.86",
		"1.2万": "12000", "1.2万余": "12000 余", "98以上": "98 以上", "上百": "100 上", "两万余": "20000 余",
		"一万二千": "12000", "万余": "10000 余", "千余": "1000 余", "三千五百": "3500", "１２": "12", "百分之九十八": "98", "1,200": "1200",
	} {
		v, q, ok := ParseNumber(in)
		have := formatValue(v)
		if q != "" {
			have += " " + q
		}
		if !ok || have != want {
			t.Errorf("ParseNumber(%q) = %q, %v; want %q", in, have, ok, want)
		}
	}
	for _, in := range []string{"", "abc", "超达千", "年"} {
		if _, _, ok := ParseNumber(in); ok {
			t.Errorf("ParseNumber(%q) is a number", in)
		}
	}
}

// TestTaxonomy keeps indicators.yaml valid and its errors readable.
func TestTaxonomy(t *testing.T) {
	if n := len(Default().Indicators); n < 19 {
		t.Errorf("%d indicators, want the 19 of the issue at least", n)
	}
	for _, c := range []struct{ yaml, want string }{
		{"- id: a\n  units: [件]\n  terms: [x]", "indicator 1: id and label are required"},
		{"- id: a\n  label: A\n  terms: [x]", "indicator a: units and terms are required"},
		{"- id: a\n  label: A\n  units: [件]\n  terms: [x]\n- id: a\n  label: B\n  units: [件]\n  terms: [y]", "indicator a is listed twice"},
	} {
		if _, err := ParseTaxonomy([]byte(c.yaml)); err == nil || err.Error() != c.want {
			t.Errorf("%q: error %v, want %q", c.yaml, err, c.want)
		}
	}
}

// FuzzExtract: any text gives facts whose figure, clause and sentence are
// pieces of it, in order, without a panic.
func FuzzExtract(f *testing.F) {
	f.Add("全年开展普法宣传活动48场次，受教育群众2200余人次。")
	f.Add("其中，来信5件、来访7件；罚款3.86万元，百分之百，两万余人次，3至5场")
	f.Add("1,2,3,,，，万余万元亿元百分之")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		for _, fa := range Default().Extract(text, 0) {
			if !strings.Contains(text, fa.Sentence) || !strings.Contains(fa.Clause, strings.TrimSpace(fa.Written)) || fa.Written == "" {
				t.Fatalf("%q: fact %+v is not a piece of the text", text, fa)
			}
		}
	})
}

// TestMayStartFigure checks the two-byte test that lets the reader skip a
// character undecoded: every three-byte character a figure may start with
// passes it, and a common one does not.
func TestMayStartFigure(t *testing.T) {
	for r := rune(0x800); r <= 0xFFFF; r++ {
		if !utf8.ValidRune(r) || !isDigit(r) && !isChineseNumeral(r) {
			continue
		}
		if s := string(r); !mayStartFigure(s, 0) {
			t.Errorf("%q (%U) is skipped", r, r)
		}
	}
	for _, s := range []string{"法", "治", "年", "度"} {
		if mayStartFigure(s, 0) {
			t.Errorf("%q is decoded", s)
		}
	}
	// Not well formed: left to the decoder.
	if !mayStartFigure("\xe4a\x80", 0) {
		t.Error("a broken character is skipped")
	}
}

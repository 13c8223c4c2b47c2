package reuse

import (
	"strings"
	"testing"
)

// doc makes a report of town from paragraphs, with its place names masked.
func doc(town int32, names []string, paras ...string) Doc {
	r := NewPlaces(names...)
	d := Doc{Town: town}
	for i, p := range paras {
		d.Paras = append(d.Paras, Paragraph(p, r, 1, i))
	}
	return d
}

const (
	justice     = "行政诉讼中及时向人民法院提交作出行政行为的依据、证据和其他资料；严格履行人民法院的生效判决、裁定；认真对待人民法院司法建议，落实司法建议提出的有关问题；严格落实行政机关负责人出庭应诉制度。"
	openGov     = "按照《政府信息公开条例》要求，制定和完善了政府信息公开指南和目录，提高了政府信息主动公开和依申请公开的全面性、规范性、便捷性和及时性。"
	unrelA      = "今年春耕期间组织农技人员深入田间地头，为种植大户讲解病虫害防治知识，发放种子补贴，帮助群众解决灌溉用水难题。"
	unrelB      = "新建的文化广场在国庆节前投入使用，周边居民每天傍晚在这里跳广场舞、下象棋，老年活动中心也同步开放。"
	longOpening = "2020年，在区委、区政府的坚强领导下，区政府有关部门的指导下，我镇坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻党的十九大和十九届二中、三中、四中、五中、六中全会精神，全面落实习近平总书记对重庆提出的“两点”定位要求，全力推进法治政府建设，各项工作取得了新成绩。"
	opening     = "2023年，我镇坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神和习近平法治思想，全面落实法治政府建设实施纲要，扎实推进法治政府建设，现将有关情况报告如下。"
)

// marked finds the docs and returns, for each, the indices of its marked
// paragraphs.
func marked(t *testing.T, docs ...Doc) [][]int32 {
	t.Helper()
	out := make([][]int32, len(docs))
	res, _ := Find(docs, 2, 0)
	for i, r := range res {
		for _, m := range r.Marks {
			out[i] = append(out[i], m.Para)
		}
	}
	return out
}

func TestPairs(t *testing.T) {
	a := []string{"甲镇"}
	b := []string{"乙乡"}
	cases := []struct {
		name   string
		x, y   Doc
		want   [][]int32
		shared bool // whether the reports share text found elsewhere
	}{
		{"identical paragraphs",
			doc(1, a, justice, unrelA), doc(2, b, unrelB, justice),
			[][]int32{{0}, {1}}, true},
		{"numbers, years and place names changed",
			doc(1, a, "2022年甲镇开展普法宣传活动48场次，发放宣传资料3200余份，受教育群众达到一万二千人次以上，覆盖全镇所有村社区。"),
			doc(2, b, "2024年乙乡开展普法宣传活动六十场次，发放宣传资料5100余份，受教育群众达到两万人次以上，覆盖全乡所有村社区。"),
			[][]int32{{0}, {0}}, true},
		{"sentences reordered",
			doc(1, a, justice+openGov),
			doc(2, b, openGov+justice),
			[][]int32{{0}, {0}}, true},
		{"a paragraph split in two",
			doc(1, a, justice+openGov),
			doc(2, b, justice, openGov),
			[][]int32{{0}, {0, 1}}, true},
		{"two paragraphs merged",
			doc(1, a, unrelA, justice, openGov),
			doc(2, b, justice+openGov, unrelB),
			[][]int32{{1, 2}, {0}}, true},
		{"unrelated paragraphs sharing only boilerplate",
			doc(1, a, opening+unrelA),
			doc(2, b, strings.ReplaceAll(opening, "2023", "2024")+unrelB),
			[][]int32{nil, nil}, false},
		{"the standard opening, long, naming the guiding thought",
			doc(1, a, longOpening+unrelA),
			doc(2, b, strings.ReplaceAll(longOpening, "2020", "2022")+unrelB),
			[][]int32{nil, nil}, false},
		{"the sentence that ends the opening, in a wording of its own (found in three of the real texts)",
			doc(1, a, "现将本镇2024年度法治政府建设工作的主要情况报告如下："+unrelA),
			doc(2, b, "现将本镇2023年度法治政府建设工作的主要情况报告如下："+unrelB),
			[][]int32{nil, nil}, false},
		{"unrelated paragraphs",
			doc(1, a, unrelA), doc(2, b, unrelB),
			[][]int32{nil, nil}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := marked(t, c.x, c.y)
			if !equalMarks(got, c.want) {
				t.Errorf("marked paragraphs %v, want %v", got, c.want)
			}
			res, _ := Find([]Doc{c.x, c.y}, 1, 0)
			if shared := res[0].OtherTowns > 0; shared != c.shared {
				t.Errorf("text found in the other report: %d characters of %d, want some: %v", res[0].OtherTowns, res[0].Runes, c.shared)
			}
		})
	}
}

func equalMarks(a, b [][]int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}

// TestSameTownAndLinks: a town's own earlier report is told apart from
// other towns', and a mark links to the paragraph holding the text.
func TestSameTownAndLinks(t *testing.T) {
	docs := []Doc{
		doc(1, []string{"甲镇"}, unrelA, justice),
		doc(1, []string{"甲镇"}, justice),
		doc(2, []string{"乙乡"}, unrelB, unrelA, justice),
	}
	res, _ := Find(docs, 2, 0)
	m := res[1].Marks
	if len(m) != 1 || len(m[0].SameTown) != 1 || len(m[0].OtherTowns) != 1 {
		t.Fatalf("marks of the second report: %+v", m)
	}
	if got := m[0].SameTown[0]; got.Doc != 0 || got.Para != 1 {
		t.Errorf("same town's place: %+v, want report 0 paragraph 1", got)
	}
	if got := m[0].OtherTowns[0]; got.Doc != 2 || got.Para != 2 {
		t.Errorf("other town's place: %+v, want report 2 paragraph 2", got)
	}
	if m[0].AtLeast != 2 {
		t.Errorf("AtLeast = %d, want 2", m[0].AtLeast)
	}
	if res[0].SameTown == 0 || res[0].OtherTowns == 0 {
		t.Errorf("report 0 shares: %+v", res[0])
	}
}

// TestCommonPhrasing: a sentence the reports of CommonTowns towns hold is
// common phrasing, not marked.
func TestCommonPhrasing(t *testing.T) {
	var docs []Doc
	for town := range int32(CommonTowns(0)) {
		docs = append(docs, doc(town, nil, justice))
	}
	res, top := Find(docs, 2, 100)
	for i, r := range res {
		if len(r.Marks) > 0 || r.OtherTowns > 0 {
			t.Fatalf("report %d: %+v", i, r)
		}
	}
	// The four clauses of justice, each in every report, common.
	if len(top) != 4 || top[0].Towns != CommonTowns(0) || !top[0].Common || len(top[0].Places) != CommonTowns(0) {
		t.Fatalf("repeated = %+v", top)
	}
	for _, p := range top {
		text := UnitText(justice, nil, p.Hash)
		if text == "" || !strings.Contains(justice, text) {
			t.Errorf("UnitText of a repeated unit: %q", text)
		}
	}
}

func TestMask(t *testing.T) {
	for in, want := range map[string]string{
		"一是开展普法活动48场次":    "开展普法活动#场次",
		"（二）调解成功率达98.5%":  "调解成功率达#%",
		"３．ＡＢＣ 培训，一千二百人次": "abc培训#人次",
		"全年共计受理 12,300 件": "全年共计受理#件",
	} {
		if got := maskUnit(in, nil); got != want {
			t.Errorf("maskUnit(%q) = %q, want %q", in, got, want)
		}
	}
	if got := maskUnit("五里店街道联合江北区司法局，我街道全年", NewPlaces("江北区", "五里店街道")); got != "@联合@司法局@全年" {
		t.Errorf("places masked: %q", got)
	}
}

func FuzzParagraph(f *testing.F) {
	f.Add(justice, "甲镇")
	f.Add(opening+openGov, "")
	f.Add("一是；；。。３．", "一")
	f.Fuzz(func(t *testing.T, text, name string) {
		p := Paragraph(text, NewPlaces(name), 0, 0)
		sum := int32(0)
		for _, u := range p.Units {
			if u.Runes < MinUnit {
				t.Fatalf("unit shorter than MinUnit: %+v", u)
			}
			sum += u.Runes
		}
		if sum > p.Runes {
			t.Fatalf("units %d characters, paragraph %d", sum, p.Runes)
		}
		if !strings.HasPrefix(strings.TrimSpace(text), p.Lead) {
			t.Fatalf("lead %q is not the start of %q", p.Lead, text)
		}
		Find([]Doc{{Paras: []Para{p}}, {Town: 1, Paras: []Para{p, p}}}, 1, 3)
	})
}

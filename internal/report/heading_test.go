package report

import "testing"

func TestMarkersAreToldFromNumbers(t *testing.T) {
	tests := []struct {
		in    string
		style markerStyle
		ord   int
	}{
		{"一、主要举措", styleHan, 1},
		{"十二、其他", styleHan, 12},
		{"（四）健全行政决策制度体系", styleParenHan, 4},
		{"(一)强组织,法治政府建设工作保障有力", styleParenHan, 1},
		{"（1） 深入学习贯彻习近平法治思想", styleParenNum, 1},
		{"1.深化行政审批制度改革。", styleNum, 1},
		{"2、发挥法律顾问作用。", styleNum, 2},
		{"3．加强执法监督。", styleNum, 3},
		{"1.5万元以上的合同", 0, 0}, // a number
		{"2023年全面完成", 0, 0},
		{"一是深入学习", 0, 0},
		{"12348 专线", 0, 0},
	}
	for _, tt := range tests {
		m, ok := parseMarker(tt.in)
		if ok != (tt.style != 0) || m.style != tt.style || m.ord != tt.ord {
			t.Errorf("parseMarker(%q) = %+v, %v; want style %d, number %d", tt.in, m, ok, tt.style, tt.ord)
		}
	}
}

// Level comes from nesting: （1）（2）（3）（四） in one section are siblings,
// and 1. under them is one level deeper whatever its glyph.
func TestLevelComesFromNesting(t *testing.T) {
	n := nesting{hasHan: true}
	var got []int
	for _, s := range []string{"一、", "（1）", "（2）", "1. ", "2. ", "（3）", "（四）", "二、", "(一)", "1、", "（1）", "(二)"} {
		m, _ := parseMarker(s + "文字")
		lv, _ := n.level(m)
		got = append(got, lv)
	}
	want := []int{1, 2, 2, 3, 3, 2, 2, 1, 2, 3, 4, 2}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("levels = %v, want %v", got, want)
		}
	}
}

func TestRunInHeadingKeepsItsFullStop(t *testing.T) {
	s := "（一）坚持多措并举，不断推进法治政府建设。一是深入学习……"
	m, _ := parseMarker(s)
	head, rest, ok := splitRunIn(s, m, 2)
	if !ok || head != "（一）坚持多措并举，不断推进法治政府建设。" || rest != "一是深入学习……" {
		t.Errorf("splitRunIn = %q, %q, %v", head, rest, ok)
	}
	s = "（二）优化营商环境。**三是政务服务不打烊。**推行"
	m, _ = parseMarker(s)
	if head, rest, _ := splitRunIn(s, m, 2); head != "（二）优化营商环境。" || rest != "**三是政务服务不打烊。**推行" {
		t.Errorf("bold that opens the next sentence went with the heading: %q, %q", head, rest)
	}
}

// TestMarkerWithoutItsComma checks a numeral that lost its 、: a marker
// before the words a section begins with, never before text.
func TestMarkerWithoutItsComma(t *testing.T) {
	for s, want := range map[string]bool{
		"一主要举措和成效":   true,
		"二存在的不足和原因":  true,
		"三下一步工作安排":   true,
		"四2024年工作打算": true,
		"二党政主要负责人履行推进法治建设第一责任人职责情况": true,
		"一是加强学法用法。":          false,
		"一年来，我镇坚持依法行政。":      false,
		"一体化推进法治建设":          false,
		"一主要举措和成效。全年办理案件5件。": false,
		"一20240101": false,
	} {
		m, ok := parseMarker(s)
		if ok != want || ok && (m.style != styleHan || m.end != len("一")) {
			t.Errorf("parseMarker(%q) = %+v, %v; want a marker: %v", s, m, ok, want)
		}
	}
}

// TestHeadingRunIntoItsFirstSentence checks where a top-level heading with
// nothing between it and its first sentence is cut: after the section's
// name, only where a sentence of its own follows.
func TestHeadingRunIntoItsFirstSentence(t *testing.T) {
	for s, want := range map[string]string{
		"一、主要举措和成效全年办理案件5件，化解纠纷12起。":             "一、主要举措和成效",
		"二、存在的不足基层法治力量仍然薄弱。":                     "二、存在的不足",
		"二、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况": "二、党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
		"三、存在的不足和原因分析":                           "三、存在的不足和原因分析",
		"一、坚持党的领导，推进法治建设。":                       "一、坚持党的领导，推进法治建设。",
	} {
		m, _ := parseMarker(s)
		head, _, _ := splitRunIn(s, m, 1)
		if head != want {
			t.Errorf("splitRunIn(%q) head = %q, want %q", s, head, want)
		}
	}
}

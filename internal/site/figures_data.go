package site

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"

	"nianbao/internal/figures"
	"nianbao/internal/jsonstr"
	"nianbao/internal/output"
)

// The figures in the open data: data/figures.csv and data/figures.json, a
// row for every figure of every report (classified or not, done or
// planned), with the report, the indicator, the figure as written and as a
// number, and the sentence it is in.

// figureFields are the columns of figures.csv and the keys of
// figures.json, with their dictionary.
func figureFields() []openField {
	return []openField{
		{Key: "province", Label: "省", Doc: "报告所属的省级行政区", Type: "string"},
		{Key: "city", Label: "市", Doc: "报告所属的地级行政区", Type: "string"},
		{Key: "county", Label: "县", Doc: "报告所属的县级行政区", Type: "string"},
		{Key: "town", Label: "乡镇（街道）", Doc: "报告的乡镇（街道）", Type: "string"},
		{Key: "code", Label: "统计用区划代码", Doc: "乡镇（街道）的 9 位统计用区划代码", Type: "string"},
		{Key: "year", Label: "报告年度", Doc: "报告所总结的年度", Type: "integer"},
		{Key: "url", Label: "报告页面", Doc: "数字所在部分在本站报告页面上的地址", Type: "string"},
		{Key: "section_kind", Label: "部分类别", Doc: "所在部分的类别：measures 主要举措和成效、leadership 第一责任人职责、shortcomings 不足和原因、plans 下一年度安排、other 其他", Type: "string"},
		{Key: "indicator", Label: "指标", Doc: "数字归入的可对照指标的键（见指标表）；未归类时为空", Type: "string"},
		{Key: "indicator_label", Label: "指标名称", Doc: "指标的中文名称", Type: "string"},
		{Key: "written", Label: "原文写法", Doc: "数字在原文中的写法，含“余”“多”“以上”等限定词和单位", Type: "string"},
		{Key: "qualifier", Label: "限定词", Doc: "余、多、以上、左右、近、约、超过、逾、超、上，范围写“至”；确数为空", Type: "string"},
		{Key: "value", Label: "数值", Doc: "原文数字的数值（“万”已乘出，中文数字已换成阿拉伯数字）；范围时为下限", Type: "number"},
		{Key: "high", Label: "范围上限", Doc: "原文写的是范围（如 3至5场）时的上限，否则为空", Type: "number"},
		{Key: "unit", Label: "单位", Doc: "原文中数字后的单位（％ 写作 %）", Type: "string"},
		{Key: "normalised_value", Label: "对照数值", Doc: "用于对照的数值：金额换算为元，其他同“数值”", Type: "number"},
		{Key: "normalised_unit", Label: "对照单位", Doc: "对照数值的单位：金额为元，其他同“单位”", Type: "string"},
		{Key: "target", Label: "计划数", Doc: "true：数字在“下一年度安排”部分，是计划而非完成数，不参与对照", Type: "boolean"},
		{Key: "rate", Label: "频次", Doc: "true：数字是频次（如“每月1次”），不是总数，不参与对照", Type: "boolean"},
		{Key: "sentence", Label: "原句", Doc: "数字所在的整句原文", Type: "string"},
	}
}

// figureRows makes the rows of one report's facts: what is the same for
// all of them (the report's fields, its page, each section's address) is
// made once, and every row is written into the same slice, since the open
// data makes half a million rows twice in a full build.
type figureRows struct {
	r       *Report
	head    [figReportFields]string
	url     string
	section map[string]string // the report page's address of each section
	row     []string
}

// figureRows starts the rows of report r's facts.
func (p *pages) figureRows(r *Report) *figureRows {
	m := &r.Meta
	w := &figureRows{r: r, url: p.l.abs(reportPath(r.Town.Code, r.Year)), row: make([]string, 0, figSentenceField+1)}
	w.head = [figReportFields]string{m.Province, m.City, m.County, m.Town, r.Town.Code, strconv.Itoa(r.Year)}
	return w
}

// of is fact f as the open data gives it, in figureFields' order; the
// slice is the next row's too.
func (w *figureRows) of(f *figures.Fact) []string {
	r := w.r
	kind := ""
	if f.Part > 0 && f.Part-1 < len(r.Sections) {
		kind = r.Sections[f.Part-1].Kind
	}
	label := ""
	if in := figures.Default().ByID(f.Indicator); in != nil {
		label = in.Label
	}
	value, unit, norm, normUnit := f.Value, f.Unit, f.Value, f.Unit
	switch f.Unit {
	case "万元":
		value, normUnit = f.Value/1e4, "元"
	case "亿元":
		value, normUnit = f.Value/1e8, "元"
	}
	high := ""
	if f.High != 0 {
		h := f.High
		if f.Unit == "万元" {
			h /= 1e4
		}
		high = formatNumber(h)
	}
	url := w.url
	if id := factSection(r, f); id != "" {
		if url = w.section[id]; url == "" {
			if w.section == nil {
				w.section = map[string]string{}
			}
			url = w.url + sectionFragment(id)
			w.section[id] = url
		}
	}
	w.row = append(append(w.row[:0], w.head[:]...),
		url,
		kind, f.Indicator, label, f.Written, f.Qualifier,
		formatNumber(value), high, unit,
		formatNumber(norm), normUnit,
		strconv.FormatBool(f.Target), strconv.FormatBool(f.Rate), f.Sentence,
	)
	return w.row
}

// formatNumber writes a value as the open data gives it: the shortest
// decimal that reads back as the value, with no exponent. Most figures are
// whole numbers, which need no float formatting.
func formatNumber(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 && (v != 0 || !math.Signbit(v)) {
		return strconv.FormatInt(int64(v), 10)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// figuresCSV is every figure as CSV, with a byte order mark for Excel, a
// cell that would start a formula defused (appendCSVRow).
func (p *pages) figuresCSV() ([]output.Piece, error) {
	var head bytes.Buffer
	head.WriteString("\ufeff")
	w := csv.NewWriter(&head)
	w.UseCRLF = true
	cols := make([]string, 0, 21)
	for _, f := range figureFields() {
		cols = append(cols, f.Key)
	}
	if err := w.Write(cols); err != nil {
		return nil, err
	}
	w.Flush()
	return p.inChunks(pathFiguresCSV, head.String(), "", "", 8000, func(buf []byte, r *Report) ([]byte, error) {
		facts, err := p.figuresOf(r, true)
		if err != nil {
			return nil, err
		}
		rows := p.figureRows(r)
		for i := range facts {
			buf = appendCSVRow(buf, rows.of(&facts[i]))
		}
		return buf, nil
	})
}

// figuresJSON is every figure as compact JSON, grouped as a reader finds
// them: a report (its place, year and page), its sentences that hold
// figures (section, kind, text), and each sentence's figures with
// figureFields' keys. Numbers and booleans are JSON's own; an empty value
// is left out. A sentence is written once however many figures it holds.
func (p *pages) figuresJSON() ([]output.Piece, error) {
	fields := figureFields()
	return p.inChunks(pathFiguresJSON, "[", ",", "]", 6000, func(buf []byte, r *Report) ([]byte, error) {
		facts, err := p.figuresOf(r, true)
		if err != nil || len(facts) == 0 {
			return buf, err
		}
		rows := p.figureRows(r)
		for i := range facts {
			row := rows.of(&facts[i])
			if i == 0 {
				buf = append(buf, '{')
				buf = appendJSONFields(buf, fields[:figReportFields], row[:figReportFields], true)
				buf = append(buf, `,"url":`...)
				buf = jsonstr.Append(buf, rows.url)
				buf = append(buf, `,"sentences":[`...)
			}
			if i == 0 || facts[i].Sentence != facts[i-1].Sentence || facts[i].Part != facts[i-1].Part {
				if i > 0 {
					buf = append(buf, "]},"...)
				}
				buf = append(buf, `{"section":`...)
				buf = jsonstr.Append(buf, factSection(r, &facts[i]))
				buf = append(buf, ',')
				buf = appendJSONFields(buf, fields[figKindField:figKindField+1], row[figKindField:figKindField+1], true)
				buf = append(buf, `,"text":`...)
				buf = jsonstr.Append(buf, facts[i].Sentence)
				buf = append(buf, `,"figures":[`...)
			} else {
				buf = append(buf, ',')
			}
			buf = append(buf, '{')
			buf = appendJSONFields(buf, fields[figKindField+1:figSentenceField], row[figKindField+1:figSentenceField], true)
			buf = append(buf, '}')
		}
		return append(buf, "]}]}"...), nil
	})
}

// The places of figureFields' groups: the report's own fields (before
// url), the section kind, and the sentence (last).
const (
	figReportFields  = 6
	figKindField     = 7
	figSentenceField = 19
)

// appendJSONFields appends "key":value pairs for the non-empty values,
// numbers and booleans as JSON's own, false left out; first says no comma
// goes before the first pair.
func appendJSONFields(buf []byte, fields []openField, values []string, first bool) []byte {
	for k, v := range values {
		f := fields[k]
		if v == "" || f.Type == "boolean" && v == "false" {
			continue
		}
		if !first {
			buf = append(buf, ',')
		}
		first = false
		buf = append(buf, '"')
		buf = append(buf, f.Key...)
		buf = append(buf, '"', ':')
		switch f.Type {
		case "integer", "number", "boolean":
			buf = append(buf, v...)
		default:
			buf = jsonstr.Append(buf, v)
		}
	}
	return buf
}

package extract

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
)

// numbering is a Word document's list definitions (word/numbering.xml)
// and the counters of the lists met so far.
type numbering struct {
	abstract map[string]*abstractNum // by w:abstractNumId
	nums     map[string]*numInstance // by w:numId
}

type numLevel struct {
	start   int
	format  string // w:numFmt: decimal, chineseCounting, …
	text    string // w:lvlText: "%1、", "（%1）", "%1.%2"
	suffix  string // w:suff: tab (the default), space or nothing
	started bool
	count   int
}

type abstractNum struct {
	levels [9]numLevel
}

// numInstance is a w:num: a list that uses an abstract definition, and
// may restart some of its levels.
type numInstance struct {
	abstract  string
	overrides map[int]int // level → start
	used      bool
}

func readNumbering(data []byte) *numbering {
	n := &numbering{abstract: map[string]*abstractNum{}, nums: map[string]*numInstance{}}
	d := xml.NewDecoder(bytes.NewReader(data))
	var abs *abstractNum
	var lvl *numLevel
	var inst *numInstance
	override := -1
	for {
		tok, err := d.Token()
		if err != nil {
			return n
		}
		e, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		val := attr(e, "val")
		switch e.Name.Local {
		case "abstractNum":
			abs, inst = &abstractNum{}, nil
			for i := range abs.levels {
				abs.levels[i] = numLevel{start: 1, format: "decimal", suffix: "tab"}
			}
			n.abstract[attr(e, "abstractNumId")] = abs
		case "num":
			abs, lvl = nil, nil
			inst = &numInstance{overrides: map[int]int{}}
			n.nums[attr(e, "numId")] = inst
		case "abstractNumId":
			if inst != nil {
				inst.abstract = val
			}
		case "lvlOverride":
			override, _ = strconv.Atoi(attr(e, "ilvl"))
		case "startOverride":
			if inst != nil && override >= 0 {
				inst.overrides[override], _ = strconv.Atoi(val)
			}
		case "lvl":
			lvl = nil
			if i, err := strconv.Atoi(attr(e, "ilvl")); err == nil && abs != nil && i >= 0 && i < len(abs.levels) {
				lvl = &abs.levels[i]
			}
		case "start":
			if lvl != nil {
				lvl.start, _ = strconv.Atoi(val)
			}
		case "numFmt":
			if lvl != nil {
				lvl.format = val
			}
		case "lvlText":
			if lvl != nil {
				lvl.text = val
			}
		case "suff":
			if lvl != nil {
				lvl.suffix = val
			}
		}
	}
}

// next advances the list numID at level ilvl and returns the number it
// shows, with its suffix. Lists sharing an abstract definition share its
// counters, as in Word, unless a list restarts a level.
func (n *numbering) next(numID string, ilvl int) string {
	inst := n.nums[numID]
	if inst == nil || ilvl < 0 || ilvl > 8 {
		return ""
	}
	abs := n.abstract[inst.abstract]
	if abs == nil {
		return ""
	}
	if !inst.used {
		inst.used = true
		for l, start := range inst.overrides {
			if l >= 0 && l < len(abs.levels) {
				abs.levels[l].started, abs.levels[l].count = true, start-1
			}
		}
	}
	lv := &abs.levels[ilvl]
	if !lv.started {
		lv.started, lv.count = true, lv.start-1
	}
	lv.count++
	for l := ilvl + 1; l < len(abs.levels); l++ {
		abs.levels[l].started = false
	}
	if lv.format == "bullet" || lv.format == "none" {
		return ""
	}
	text := lv.text
	for l := 0; l <= ilvl; l++ {
		c := abs.levels[l].count
		if !abs.levels[l].started {
			c = abs.levels[l].start
		}
		text = strings.ReplaceAll(text, "%"+strconv.Itoa(l+1), formatNumber(c, abs.levels[l].format))
	}
	if lv.suffix == "space" {
		text += " "
	}
	return text
}

var (
	hanDigits   = []string{"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	tiangan     = []string{"甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"}
	circled     = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
	romanValues = []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}}
)

// formatNumber writes n as a Word number format shows it.
func formatNumber(n int, format string) string {
	switch format {
	case "chineseLegalSimplified", "ideographLegalTraditional":
		// 壹 贰 叁: the financial numerals.
		legal := strings.NewReplacer("一", "壹", "二", "贰", "三", "叁", "四", "肆", "五", "伍", "六", "陆", "七", "柒", "八", "捌", "九", "玖", "十", "拾", "百", "佰", "千", "仟")
		return legal.Replace(hanNumber(n))
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
		"taiwaneseCountingThousand", "japaneseDigitalTenThousand", "ideographDigital":
		if format == "ideographDigital" {
			var b strings.Builder
			for _, r := range strconv.Itoa(n) {
				b.WriteString(hanDigits[r-'0'])
			}
			return b.String()
		}
		return hanNumber(n)
	case "ideographTraditional":
		if n >= 1 && n <= len(tiangan) {
			return tiangan[n-1]
		}
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if r := []rune(circled); n >= 1 && n <= len(r) {
			return string(r[n-1])
		}
	case "decimalFullWidth", "decimalFullWidth2":
		var b strings.Builder
		for _, r := range strconv.Itoa(n) {
			b.WriteRune(r - '0' + '０')
		}
		return b.String()
	case "decimalZero":
		if n < 10 && n >= 0 {
			return "0" + strconv.Itoa(n)
		}
	case "upperLetter", "lowerLetter":
		if n >= 1 {
			s := strings.Repeat(string(rune('A'+(n-1)%26)), (n-1)/26+1)
			if format == "lowerLetter" {
				s = strings.ToLower(s)
			}
			return s
		}
	case "upperRoman", "lowerRoman":
		if n >= 1 && n < 4000 {
			var b strings.Builder
			for _, rv := range romanValues {
				for n >= rv.v {
					b.WriteString(rv.s)
					n -= rv.v
				}
			}
			if format == "lowerRoman" {
				return strings.ToLower(b.String())
			}
			return b.String()
		}
	}
	return strconv.Itoa(n)
}

// hanNumber writes 1–9999 in Chinese counting: 一, 十, 十一, 二十, 一百零五.
func hanNumber(n int) string {
	if n <= 0 || n > 9999 {
		return strconv.Itoa(n)
	}
	units := []string{"", "十", "百", "千"}
	digits := []int{n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10}
	var b strings.Builder
	zero := false
	for i, d := range digits {
		u := units[3-i]
		if d == 0 {
			zero = b.Len() > 0
			continue
		}
		if zero {
			b.WriteString("〇")
			zero = false
		}
		if !(d == 1 && u == "十" && b.Len() == 0) {
			b.WriteString(hanDigits[d])
		}
		b.WriteString(u)
	}
	return strings.ReplaceAll(b.String(), "〇", "零")
}

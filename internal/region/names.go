package region

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// A text names a division in more ways than NBS writes it: 云阳 for 云阳县, 石柱县 for 石柱土家族自治县,
// 恩施州 for 恩施土家族苗族自治州, 广西 for 广西壮族自治区. This file derives those forms.

// suffixes returns the generic endings that a short form of a division of level lv drops, longest first
// so that 自治县 wins over 县 and 新区 over 区. 林区 is not among them: 神农架林区 is the only 林区, and
// 万柏林区, 碑林区 and 北林区 are 林 + 区.
func suffixes(lv level) string {
	switch lv {
	case levelProvince:
		return "特别行政区 自治区 省 市"
	case levelCity:
		return "自治州 地区 盟 市"
	}
	return "自治县 自治旗 新区 特区 矿区 县 区 市 旗"
}

// ethnicGroups are the 55 minority nationalities, longest first, as they appear in autonomous areas' names.
const ethnicGroups = "乌孜别克 柯尔克孜 " +
	"维吾尔 哈萨克 达斡尔 塔吉克 俄罗斯 鄂温克 塔塔尔 鄂伦春 " +
	"蒙古 布依 朝鲜 土家 哈尼 傈僳 高山 拉祜 东乡 纳西 景颇 仫佬 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 德昂 " +
	"保安 裕固 独龙 赫哲 门巴 珞巴 基诺 " +
	"回 藏 苗 彝 壮 满 侗 瑶 白 傣 黎 佤 畲 水 土 羌 怒 京"

// unitForms returns the forms a text may use for a province, city or county: the full name first, then
// the colloquial form of an autonomous area (石柱县, 恩施州), then the short form without the generic
// ending (云阳, 重庆, 广西). Forms shorter than two characters are left out: 和 (和县) is not evidence.
func unitForms(name string, lv level) []string {
	forms := []string{name}
	for suf := range strings.FieldsSeq(suffixes(lv)) {
		base, ok := strings.CutSuffix(name, suf)
		if !ok || (utf8.RuneCountInString(suf) > 1 && utf8.RuneCountInString(base) < 2) {
			continue // 清新区 is 清新 + 区, not 清 + 新区
		}
		autonomous := strings.HasPrefix(suf, "自治")
		if autonomous || strings.HasSuffix(base, "族") { // 管城回族区 is 管城 too
			base = stripEthnic(base)
		}
		if utf8.RuneCountInString(base) >= 2 {
			if autonomous && suf != "自治区" {
				forms = append(forms, base+strings.TrimPrefix(suf, "自治"))
			}
			forms = append(forms, base)
		}
		break
	}
	return forms
}

// stripEthnic removes trailing nationality names: 恩施土家族苗族 → 恩施, 巴音郭楞蒙古 → 巴音郭楞, 龙胜各族 →
// 龙胜, leaving at least two characters (内蒙古 stays). A single-character nationality is removed only with
// 族, so that 西藏 keeps its 藏. An area named after its nationality alone keeps the name without 族:
// 东乡族 → 东乡, 鄂温克族 → 鄂温克.
func stripEthnic(base string) string {
	for {
		if rest, ok := strings.CutSuffix(base, "各族"); ok && utf8.RuneCountInString(rest) >= 2 {
			base = rest
			continue
		}
		stripped := false
		for g := range strings.FieldsSeq(ethnicGroups) {
			if base == g+"族" && utf8.RuneCountInString(g) >= 2 {
				return g
			}
			rest, ok := strings.CutSuffix(base, g+"族")
			if !ok && utf8.RuneCountInString(g) >= 2 {
				rest, ok = strings.CutSuffix(base, g)
			}
			if ok && utf8.RuneCountInString(rest) >= 2 {
				base, stripped = rest, true
				break
			}
		}
		if !stripped {
			return base
		}
	}
}

// weakName reports whether a township name could stand in a text without naming that township: a kind of
// place (街道, 林场, 城区) or any other two characters that do not end in 镇 or 乡 (永兴, 城南). Resolve takes
// such a name only right after its county's name (皮山县街道, 蔡甸区桐湖).
func weakName(name string) bool {
	return utf8.RuneCountInString(name) <= 2 && !strings.HasSuffix(name, "镇") && !strings.HasSuffix(name, "乡")
}

// townForms returns the names under which Resolve finds a township: the NBS name and the spellings a text
// is likelier to use when NBS writes it oddly (…街道办事处, …办事处街道, a parenthesised note).
func townForms(name string) []string {
	var forms []string
	add := func(f string) {
		if utf8.RuneCountInString(f) >= 2 && !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	add(name)

	// A parenthesised note at either end is dropped: 三星镇（叠石桥家纺产业园区） is also 三星镇, （工业园区）城南街道
	// also 城南街道. A note that is itself a township name is one too: 科技城（东渚街道） is also 东渚街道.
	// A note in the middle (中国（南京）软件谷) is part of the name.
	bare := name
	for {
		var note string
		if rest, ok := strings.CutPrefix(bare, "（"); ok {
			note, bare, _ = strings.Cut(rest, "）")
		} else if i := strings.LastIndex(bare, "（"); i >= 0 && strings.HasSuffix(bare, "）") {
			note, bare = strings.TrimSuffix(bare[i+len("（"):], "）"), bare[:i]
		} else {
			break
		}
		if strings.HasSuffix(note, "镇") || strings.HasSuffix(note, "乡") || strings.HasSuffix(note, "街道") {
			add(note)
		}
	}
	add(bare)

	// NBS writes the zone before some townships it manages: 开发区银杏大街街道
	// is 银杏大街街道 to its reports, 高新区团山镇 is 团山镇.
	for _, zone := range []string{"开发区", "高新区", "经开区"} {
		if rest, ok := strings.CutPrefix(bare, zone); ok && utf8.RuneCountInString(rest) >= 3 &&
			(strings.HasSuffix(rest, "街道") || strings.HasSuffix(rest, "镇") || strings.HasSuffix(rest, "乡")) {
			add(rest)
		}
	}
	switch {
	case strings.HasSuffix(name, "街道办事处"): // 保康街道办事处 → 保康街道
		add(strings.TrimSuffix(name, "办事处"))
	case strings.HasSuffix(name, "办事处街道"): // 柏泉办事处街道 → 柏泉街道
		add(strings.TrimSuffix(name, "办事处街道") + "街道")
	case strings.HasSuffix(name, "办事处乡"): // 海防办事处乡 → 海防乡
		add(strings.TrimSuffix(name, "办事处乡") + "乡")
	case strings.HasSuffix(name, "办事处"): // 罗汉寺办事处 → 罗汉寺街道
		add(strings.TrimSuffix(name, "办事处") + "街道")
	}
	return forms
}

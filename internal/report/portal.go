package report

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text copied from a government portal page arrives with the page's chrome
// around the report (breadcrumbs, font-size and voice-reading widgets, print
// and close links, banner dates) and with a metadata block (索引号, 发布机构,
// 发文字号, 成文日期, 发布日期, 主题分类), labelled or laid out as a table.

// metaLabels are the labels of a portal metadata block. Where one label
// is the tail of another (日期, 文号, 来源), the longer comes first.
const metaLabels = `信息索引号|文件标题|索\s*引\s*号|发布机构|发布单位|发文机构|发文机关|发文单位|发\s*布\s*者|发文字号|文件编号|备注\s*/\s*文号|文\s*号|成文日期|成文时间|公文生成日期|生成日期|发布日期|发布时间|发表日期|信息提供日期|发文日期|发文时间|公开日期|日\s*期|主题分类|主\s*题\s*词|标\s*题|名\s*称|有\s*效\s*性|是否有效|关\s*键\s*词|公开方式|公开范围|公开形式|公开类别|公开时限|信息来源|文章来源|来\s*源|信息类别|信息分类|内容分类|公开目录|所属类目|效力状态|责任处室|机构名称|体裁分类|体\s*裁|组配分类|分\s*类|服务对象|所属机构|统一编号|公文时效|时效性|时\s*效|生效时间|终止时间|时\s*间|浏览次数|浏览量|浏\s*览|责任部门|责任科室|作\s*者`

var (
	reBreadcrumb = regexp.MustCompile(`^(?:当前位置|您当前的位置|您现在的位置|您现在所在的位置|您当前所在的位置|当前所在位置|您的位置|所在位置|位置)\s*[：:]|^首页\s*[>＞»/›]|[>＞»›]\s*(?:政务公开|信息公开|法治政府|政府信息公开|法定主动公开内容)`)
	// chromeWords are the words of widget and navigation lines; a short line
	// made of nothing else is chrome.
	chromeWords = []string{
		"字体大小", "字体", "字号", "大", "中", "小", "语音播报", "语音朗读", "进入播报模式", "退出播报模式", "播报模式", "朗读", "播报", "停止", "暂停", "继续",
		"视力保护色", "护眼模式", "背景色", "A+", "A-", "A",
		"打印本页", "打印", "关闭窗口", "关闭", "收藏", "分享到", "分享", "扫一扫", "在手机打开当前页", "手机打开",
		"政务微信", "政务微博", "微信", "微博", "QQ空间", "繁体版", "简体版", "繁体", "简体", "繁體", "网站无障碍", "无障碍版", "无障碍浏览", "无障碍阅读", "无障碍", "长者模式", "长者助手", "长者版", "长辈版", "进入老年模式", "退出老年模式", "老年模式", "关怀版", "适老化", "网站地图",
		"返回顶部", "返回上一级", "返回上级", "返回列表", "返回", "顶部", "头部", "底部", "纠错", "我要纠错", "政府信息公开", "信息公开", "政务公开", "热门搜索", "搜索", "加大字体", "缩小字体", "取消收藏", "浏览次数", "访问量", "点击数", "阅读次数", "默认", "登录", "注册",
		"首页", "【", "】", "[", "]", "|", "｜", "丨", "/", "：", ":", "·", "•", "-", ">", "＞", "»",
	}
	// A view counter, with its number or without ("点击数:人次", "浏览量:-").
	reChromeCount = regexp.MustCompile(`^(?:浏览次数|访问量|点击数|点击率|阅读次数|浏览量)\s*[：:]?\s*[\d\-]*\s*(?:人次|次)?$`)
	// A banner date ("2025年03月18日 星期二") is the day the page was viewed,
	// not the report's date: a bare date line before the title is chrome.
	reWeekday = regexp.MustCompile(`^(?:今天是\s*[：:]?)?\s*\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?\s*(?:星期[一二三四五六日天]|周[一二三四五六日])?\s*(?:农历\S{2,10})?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?$`)
	// Lines of the page around the text, each known from real portal
	// copies: the screen reader's hint for the text area, the site's
	// Chinese domain name, the dialog a link to another site opens, an
	// image that lost its address, the national emblem's name, which a
	// header shows in place of its image, the voice reader's notice, and
	// the name of a file the page offers for download, alone on its line
	// (海滨街2020年法治政府建设情况.docx; the report's own 附件：… line names
	// its attachment after a label, and stays).
	reChromeLine = regexp.MustCompile(`^(?:正文内容区域请使用\s*tab\s*按钮切换浏览|中文域名\s*[：:].*|您访问的链接即将离开.{0,40}是否继续\s*[?？]?|继续访问\s*放弃|!\[[^\]]*\]\([^)]*\)[\s|｜]*|中华人民共和国国徽|语音合成中.{0,2}请耐心等待[.。…]*|[^\s：:]{1,80}\.(?i:docx?|wps|pdf|ofd|xlsx?|zip|rar))$`)
	// The site's name in the page header, alone or ending the page's own
	// title as a browser shows it (友谊路街道2025年…报告_街镇园区文件_上海市宝山区人民政府门户网站).
	reSiteName = regexp.MustCompile(`^(?:.+[_｜|]\s*)?\p{Han}{2,30}(?:门户网站|人民政府网|政府网站|政府网|政务网|信息公开网|政府信息公开(?:网|平台|专栏)?)$`)
	// Footer lines and links to other articles, found below the report.
	reFooter = regexp.MustCompile(`网站标识码|ICP备|公网安备|版权所有|[Cc]opyright|©|^(?:主办单位|承办单位|主办|承办|协办单位|技术支持|运维单位|维护单位)\s*[：:]|^(?:联系我们|网站地图|网站声明|隐私声明|返回首页)$|^(?:上一篇|下一篇|上一条|下一条|责任编辑|编辑|审核|校对|作者)\s*[：:]|^(?:相关链接|相关文件|相关稿件|相关阅读|相关新闻)\s*[：:]?$`)

	// Most lines are not metadata: this anchored test rejects them at once.
	reMetaStart     = regexp.MustCompile(`^[\s\x{3000}]*(?:` + metaLabels + `)\s*[：:]`)
	reMetaLabelOnly = regexp.MustCompile(`^(?:索\s*引\s*号|发布机构|发文机关|发文字号|文\s*号|成文日期|生成日期|发布日期|发布时间|公开日期|公开方式|主题分类|主\s*题\s*词|标\s*题|名\s*称|有\s*效\s*性|信息来源|来\s*源|体裁分类)$`)
	reCellGap       = regexp.MustCompile(`\t|[ \x{3000}]{2,}`)
	reIndexNumber   = regexp.MustCompile(`^[0-9A-Za-z]{6,30}\s*[/／\-－]\s*\d{4}\s*[-－/／]\s*\d{1,8}$`)
)

// metaField maps a metadata label to the Document element it fills; "" for
// labels whose value the site does not keep (主题分类, 有效性, 来源 …).
// 公文生成日期 and 生成日期 are when the document was made, its 成文日期;
// 发文日期 and a bare 日期 or 时间 on a portal line are when the page
// published it.
func metaField(label string) string {
	switch strings.Join(strings.Fields(label), "") {
	case "索引号", "信息索引号":
		return "index_number"
	case "发布机构", "发布单位", "发文机构", "发文机关", "发文单位":
		return "issuer"
	case "发文字号", "文号", "文件编号", "备注/文号":
		return "doc_number"
	case "成文日期", "成文时间", "生成日期", "公文生成日期":
		return "date"
	case "发布日期", "发布时间", "发表日期", "信息提供日期", "发文日期", "发文时间", "公开日期", "日期", "时间":
		return "published"
	case "标题", "文件标题", "名称":
		return "title"
	case "来源", "信息来源", "文章来源":
		return "source"
	}
	return ""
}

// maxChrome is the longest line in bytes that may be chrome: a long
// breadcrumb or footer, never a paragraph.
const maxChrome = 400

// isChrome reports whether a line is portal chrome: a breadcrumb, a widget
// line, a view counter or a banner date.
func isChrome(s string) bool {
	if len(s) > maxChrome {
		return false
	}
	if reBreadcrumb.MatchString(s) || reChromeCount.MatchString(s) || reWeekday.MatchString(s) || reSiteName.MatchString(s) || reChromeLine.MatchString(s) || isFooter(s) || isNavMenu(s) || isSiteLinks(s) {
		return true
	}
	return isWidget(s)
}

// isWidget reports whether s is made of nothing but the words of widget and
// navigation links ("字体:[ 大 中 小 ] 关闭窗口") or is a view counter.
func isWidget(s string) bool {
	if runesOver(s, 40) {
		return false
	}
	if reChromeCount.MatchString(s) {
		return true
	}
	rest := s
	for {
		rest = strings.TrimFunc(rest, isIndent)
		if rest == "" {
			return true
		}
		matched := false
		for _, w := range chromeWords {
			if strings.HasPrefix(rest, w) {
				rest = rest[len(w):]
				matched = true
				break
			}
		}
		if !matched {
			return false
		}
	}
}

// navWords are the names of a government portal's main sections, which its
// menu bar lists.
var navWords = map[string]bool{
	"首页": true, "网站首页": true, "政务公开": true, "信息公开": true, "政府信息公开": true, "新闻中心": true, "新闻动态": true,
	"政务服务": true, "办事服务": true, "互动交流": true, "政民互动": true, "专题专栏": true, "数据开放": true, "服务大厅": true,
}

// isNavMenu reports whether s is a portal's menu bar copied as one line:
// at least three short names with nothing but spaces or bars between them,
// two of them the names of a portal's main sections ("网站首页 政府信息公开
// 互动交流", "首   页 走进汉台 新闻中心 …"). A report's line never reads so.
func isNavMenu(s string) bool {
	if runesOver(s, 80) {
		return false
	}
	items := strings.FieldsFunc(s, func(r rune) bool { return isIndent(r) || r == '|' || r == '｜' || r == '丨' })
	if len(items) < 3 {
		return false
	}
	known := 0
	for _, it := range items {
		if runesOver(it, 8) || strings.IndexFunc(it, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) >= 0 {
			return false
		}
		if navWords[it] {
			known++
		}
	}
	return known >= 2
}

// isSiteLinks reports whether s is a bar of links to other government
// sites ("中国政府网 | 重庆市人民政府网 | 重庆市万州区人民政府网 | |"): two or
// more sites' names between bars, and nothing else.
func isSiteLinks(s string) bool {
	if runesOver(s, 200) || !strings.ContainsAny(s, "|｜") {
		return false
	}
	n := 0
	for _, it := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == '｜' }) {
		it = strings.TrimFunc(it, isIndent)
		if it == "" {
			continue
		}
		if !reSiteLink.MatchString(it) {
			return false
		}
		n++
	}
	return n >= 2
}

// reSiteLink is the name of a government site in a bar of links.
var reSiteLink = regexp.MustCompile(`^\p{Han}{2,30}(?:网|网站|门户网站)$`)

// isFooter reports whether a line is the page footer (主办单位, 网站标识码,
// ICP备案号) or a link to another article (上一篇, 下一篇).
func isFooter(s string) bool {
	return !runesOver(s, 120) && reFooter.MatchString(s)
}

// emptyValue reports whether v is what a portal writes in a field left
// empty: nothing, a mark for nothing (无, -, /), or a 发文字号 template with no
// number in it (〔〕号).
func emptyValue(field, v string) bool {
	if v == "" || v == "无" || strings.Trim(v, "-—－/／") == "" {
		return true
	}
	return field == "doc_number" && strings.IndexFunc(v, unicode.IsDigit) < 0 && strings.Trim(v, "〔〕[]［］()（）号 ") == ""
}

// metaPair is one label and value of a metadata block, and where they lie
// in the line.
type metaPair struct {
	field, label, value string
	// known is false for a label the list does not hold ("备案号:"), whose
	// field is kept as text.
	known bool
	// start and end are the bytes of the label and its value in the line;
	// widget, where widget text after the value starts ("大 中 小"), or end.
	start, end, widget int
}

// maxMetaLine is the longest line in bytes read as metadata: a row of a
// few fields, never a paragraph.
const maxMetaLine = 600

var (
	reMetaWord = regexp.MustCompile(metaLabels)
	// reMetaFirst tests, at once, what every metadata line starts with
	// once its cell marks are trimmed: one of the labels. Most lines of a
	// report are not metadata, and need no further look.
	reMetaFirst = regexp.MustCompile(`^(?:` + metaLabels + `)`)
	// A label the list does not hold: a few Chinese characters and a colon.
	reOtherLabel = regexp.MustCompile(`\p{Han}{2,8}\s*[：:]`)
	// An organ that put a page up, or its site with the site's address,
	// before the page's fields ("沅陵县人民政府门户网站 www.yuanling.gov.cn 发布时间:…").
	reSourceFirst = regexp.MustCompile(`^(\p{Han}{2,30}?(?:人民政府门户网站|人民政府网|门户网站|人民政府|办事处|委员会|局|办公室|司法所|中心))(?:[ \t\x{3000}]+(?:https?://)?[a-z0-9-]+(?:\.[a-z0-9-]+)+/?)?[ \t\x{3000}]+`)
	// The same at the start of a bullet, letter-spaced or not ("体       裁:").
	reBulletLabel = regexp.MustCompile(`^(?:\p{Han}[ \t\x{3000}]*){2,8}[：:]`)
)

// reGluedLabel are the labels read even when glued to their value at the
// start of a line: long, and never the first words of a sentence.
var reGluedLabel = regexp.MustCompile(`^(?:信息索引号|索引号|发布机构|发文机关|发文字号|成文日期|发布日期|发布时间|发文日期|时效性|有效性)$`)

// metaLabelAt is a label found in a line: the bytes of the label with what
// marks it (colon, brackets), its word, whether only the cells around it
// mark it, and whether the list knows it.
type metaLabelAt struct {
	start, end int
	word       string
	bare       bool
	known      bool
}

// parseMetaLine reads the fields of a portal metadata line, in the layouts
// portals use: "索引号:… 发布机构:…" (labels glued to the value before them
// or not), bracket tables "[ 索引号 ] … [ 发文字号 ]", pipe tables
// "| 索引号: | … | 分类: | … |", bullets "• 发布机构:…", and rows of
// labels and values without marks "信息索引号 001008/2025-20657 文件编号".
// Every value ends where the next label starts; a label the list does not
// hold ("备案号:") ends it too, and its pair is not known. ok is false when
// the line does not start with a label.
func parseMetaLine(s string) ([]metaPair, bool) {
	if len(s) > maxMetaLine {
		return nil, false
	}
	if trimmed := strings.TrimLeftFunc(s, isCellMark); !reMetaFirst.MatchString(trimmed) {
		// A bullet of a metadata list under a label the list does not
		// hold ("• 所属类目: 街镇园区文件"): a field, kept as text.
		if m := reBulletLabel.FindStringIndex(trimmed); m != nil && strings.IndexAny(strings.TrimLeftFunc(s, isIndent), "•·") == 0 {
			at := len(s) - len(trimmed)
			word := strings.TrimFunc(trimmed[:m[1]], func(r rune) bool { return r == ':' || r == '：' || isIndent(r) })
			return []metaPair{newMetaPair(s, metaLabelAt{start: at, end: at + m[1], word: word}, len(s))}, true
		}
		// The page's source written unlabelled before its fields:
		// "芷江侗族自治县人民政府 发布时间: 2026-03-03 09:36".
		if m := reSourceFirst.FindStringSubmatchIndex(s); m != nil {
			if pairs, ok := parseMetaLine(s[m[1]:]); ok && pairs[0].known && pairs[0].field != "" {
				out := []metaPair{{field: "source", value: s[m[2]:m[3]], known: true, end: m[1], widget: m[1]}}
				for _, p := range pairs {
					p.start, p.end, p.widget = p.start+m[1], p.end+m[1], p.widget+m[1]
					out = append(out, p)
				}
				return out, true
			}
		}
		return nil, false
	}
	known := metaLabelsIn(s)
	if len(known) == 0 || !onlyMarks(s[:known[0].start]) {
		return nil, false
	}
	// Labels marked by nothing make a row only where the row starts with
	// one; in a row of "label:" fields such a word is part of a value.
	if !known[0].bare {
		known = slices.DeleteFunc(known, func(l metaLabelAt) bool { return l.bare })
	}
	if known[0].bare && (len(known) == 1 && len(s) > maxMetaRow || onlyLabels(s, known)) {
		// A bullet holding one label and nothing else is a field left
		// empty ("• 发文字号"), not a row of labels over a row of values.
		if len(known) == 1 && strings.IndexAny(strings.TrimLeftFunc(s, isIndent), "•·-*") == 0 {
			return []metaPair{newMetaPair(s, known[0], len(s))}, true
		}
		// So is a row of a pipe table holding one label and empty cells
		// ("| 名 称 | |||").
		if len(known) == 1 && strings.IndexAny(strings.TrimLeftFunc(s, isIndent), "|｜") == 0 && onlyMarks(s[known[0].end:]) {
			return []metaPair{newMetaPair(s, known[0], len(s))}, true
		}
		return nil, false // a row of labels over a row of values
	}
	// Labels the list does not hold, each at the edge of a cell.
	var labels []metaLabelAt
	for i, l := range known {
		labels = append(labels, l)
		end := len(s)
		if i+1 < len(known) {
			end = known[i+1].start
		}
		for from := l.end; from < end; {
			m := reOtherLabel.FindStringIndex(s[from:end])
			if m == nil {
				break
			}
			at, to := from+m[0], from+m[1]
			if isCellEdge(s[:at]) && !isWidget(strings.TrimFunc(s[at:end], isCellMark)) {
				word := strings.TrimFunc(s[at:to], func(r rune) bool { return r == ':' || r == '：' || isIndent(r) })
				labels = append(labels, metaLabelAt{start: at, end: to, word: word})
			}
			from = to
		}
	}
	pairs := make([]metaPair, 0, len(labels))
	for i, l := range labels {
		end := len(s)
		if i+1 < len(labels) {
			end = labels[i+1].start
		}
		pairs = append(pairs, newMetaPair(s, l, end))
	}
	return pairs, true
}

// newMetaPair makes the pair of label l whose value runs to end, setting
// apart widget text at the end of the value.
func newMetaPair(s string, l metaLabelAt, end int) metaPair {
	p := metaPair{label: l.word, known: l.known, start: l.start, end: end, widget: end}
	if l.known {
		p.field = metaField(l.word)
	}
	v := s[l.end:end]
	// Widget text after the value: the first place, at a space or a
	// bracket, from which the rest is widget words only.
	prev := ' '
	for k, r := range v {
		at := isIndent(prev) || r == '[' || r == '【'
		prev = r
		if !at {
			continue
		}
		if rest := strings.TrimFunc(v[k:], isCellMark); rest != "" && isWidget(rest) {
			p.widget = l.end + k
			v = v[:k]
			break
		}
	}
	p.value = strings.TrimFunc(v, isCellMark)
	return p
}

// metaLabelsIn returns the known labels of a line, in order, with their
// marks: a colon after the label, brackets around it, or, for a label
// marked by nothing, the edges of a cell (the start of the line, a space
// or a pipe on each side).
func metaLabelsIn(s string) []metaLabelAt {
	var out []metaLabelAt
	for _, m := range reMetaWord.FindAllStringIndex(s, -1) {
		a, b := m[0], m[1]
		word := strings.Join(strings.Fields(s[a:b]), "")
		prev, _ := utf8.DecodeLastRuneInString(s[:a])
		short := utf8.RuneCountInString(word) <= 2
		// A short label (日期, 来源, 分类) glued to the word before it is
		// part of that word ("报告日期" is no label).
		glued := a > 0 && unicode.Is(unicode.Han, prev)
		if glued && short && !afterOrgan(s[:a], s[b:]) {
			continue
		}
		after := strings.TrimLeftFunc(s[b:], isIndent)
		before := strings.TrimRightFunc(s[:a], isIndent)
		next, size := utf8.DecodeRuneInString(after)
		last, lastSize := utf8.DecodeLastRuneInString(before)
		switch {
		case next == ':' || next == '：':
			out = append(out, metaLabelAt{start: a, end: len(s) - len(after) + size, word: word, known: true})
		case (next == ']' || next == '】') && (last == '[' || last == '【'):
			out = append(out, metaLabelAt{start: len(before) - lastSize, end: len(s) - len(after) + size, word: word, known: true})
		case !glued && isCellEdge(s[:a]) && (after == "" || next == '|' || len(after) < len(s[b:])):
			out = append(out, metaLabelAt{start: a, end: b, word: word, bare: true, known: true})
		case !short && len(out) == 0 && onlyMarks(s[:a]) && next != utf8.RuneError && reGluedLabel.MatchString(word):
			// A label glued to its value at the start of a line, with
			// nothing between: "索引号pbxx/2026-00001", "发布日期2026-01-27".
			out = append(out, metaLabelAt{start: a, end: b, word: word, known: true})
		}
	}
	return out
}

// afterOrgan reports whether a short label glued to the text before it
// still is one: that text ends with an organ's name, the value of the
// field before ("发布机构:田村路街道办事处日期:2022-02-15"), and a colon follows.
func afterOrgan(before, after string) bool {
	after = strings.TrimLeftFunc(after, isIndent)
	return (strings.HasPrefix(after, ":") || strings.HasPrefix(after, "：")) && reOrganEnd.MatchString(before)
}

// reOrganEnd is the end of an organ's name.
var reOrganEnd = regexp.MustCompile(`(?:办事处|人民政府|委员会|党工委|司法所|办公室|局|中心)$`)

// onlyLabels reports whether a line holds its labels and nothing else.
func onlyLabels(s string, labels []metaLabelAt) bool {
	last := 0
	for _, l := range labels {
		if !onlyMarks(s[last:l.start]) {
			return false
		}
		last = l.end
	}
	return onlyMarks(s[last:])
}

// isCellEdge reports whether the text before a label ends a cell: it is
// empty, or ends in a space, a pipe or a bullet.
func isCellEdge(before string) bool {
	if before == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(before)
	return isIndent(r) || isCellMark(r)
}

// isCellMark reports whether r marks the cells of a copied table or list:
// pipes, brackets and bullets, and the spaces between them.
func isCellMark(r rune) bool {
	switch r {
	case '|', '｜', '[', ']', '【', '】', '•', '·', '-', '*':
		return true
	}
	return isIndent(r)
}

// onlyMarks reports whether s, the text before a line's first label, holds
// nothing but cell marks.
func onlyMarks(s string) bool {
	return strings.TrimFunc(s, isCellMark) == ""
}

// parseMetaTable reads a metadata table copied as a row of labels followed
// by a row of values, or a lone label followed by its value on the next line.
func parseMetaTable(labels, values string) ([]metaPair, bool) {
	ls := splitCells(labels)
	vs := splitCells(values)
	if len(ls) == 0 || len(ls) != len(vs) {
		return nil, false
	}
	var pairs []metaPair
	for i, l := range ls {
		if !reMetaLabelOnly.MatchString(l) {
			return nil, false
		}
		pairs = append(pairs, metaPair{field: metaField(l), label: l, value: vs[i]})
	}
	return pairs, true
}

// splitCells splits a copied table row at tabs or runs of two or more spaces.
func splitCells(s string) []string {
	var cells []string
	for _, c := range reCellGap.Split(s, -1) {
		if c = strings.TrimFunc(c, isIndent); c != "" {
			cells = append(cells, c)
		}
	}
	return cells
}

// isMetaValueLine reports whether s, the line below a label that stands
// alone, is that label's value: not another label, nor the title, the
// recipient or a numbered heading that follows a field left empty.
func isMetaValueLine(s string) bool {
	if s == "" || runesOver(s, 60) {
		return false
	}
	if _, ok := parseMetaLine(s); ok {
		return false
	}
	if _, ok := isRecipientLine(s); ok {
		return false
	}
	// A field of its own under a label the list does not hold ("• 发文机构:gyz1").
	if m := reOtherLabel.FindStringIndex(strings.TrimLeftFunc(s, isCellMark)); m != nil && m[0] == 0 {
		return false
	}
	_, numbered := parseMarker(s)
	return !numbered && !isTitleStart(s)
}

// Kinds of the pieces a metadata line is cut into.
const (
	metaKept    = iota // a field the front matter keeps
	metaChrome         // a field it has no key for, an empty one, or widgets
	metaUnknown        // a field whose label the list does not hold
)

// metaLine reads the metadata line at i. A line that holds, besides the
// fields the front matter keeps, fields it has no key for or widgets
// ("发布日期:2026-01-19 11:09:04 大 中 小") is cut into pieces, so that each
// is accounted for on its own: kept fields become front matter, the others
// are removed as chrome, and a field under a label the list does not hold
// stays in the body with a warning. It returns how many lines it took.
func (p *parser) metaLine(i int, pairs []metaPair) int {
	var bounds, kinds []int
	add := func(from, kind int) {
		bounds = append(bounds, from)
		kinds = append(kinds, kind)
	}
	for k, m := range pairs {
		from := m.start
		if k == 0 {
			from = 0 // with the marks before the first label
		}
		switch {
		case !m.known && isChrome(p.ls[i].text[m.start:m.end]):
			add(from, metaChrome) // a view counter ("浏览次数:128")
		case !m.known:
			add(from, metaUnknown)
		case m.field == "" || emptyValue(m.field, m.value):
			add(from, metaChrome)
		default:
			add(from, metaKept)
		}
		if m.widget < m.end {
			add(m.widget, metaChrome)
		}
	}
	pairOf := make([]int, 0, len(bounds))
	for k, m := range pairs {
		pairOf = append(pairOf, k)
		if m.widget < m.end {
			pairOf = append(pairOf, -1)
		}
	}
	pieces, which := p.splitLine(i, bounds)
	for k, l := range pieces {
		switch kinds[which[k]] {
		case metaKept:
			p.applyMeta([]metaPair{pairs[pairOf[which[k]]]}, l)
		case metaChrome:
			p.chrome(l)
		default:
			p.pre = append(p.pre, l)
			p.warn(l.no, "网页上有一项不认识的信息栏（%q），已放在正文开头：请对照原件核对；不属于报告的，请从导入后的 Markdown 文件中删去", clip(l.text, 30))
		}
	}
	return len(pieces)
}

// splitLine cuts line i of the lines read at the given byte offsets of its
// text into pieces, numbered as parts of their source line, and puts them
// in its place, with the index of the bound each starts at. Pieces that
// hold only spaces are dropped.
func (p *parser) splitLine(i int, bounds []int) ([]line, []int) {
	l := p.ls[i]
	var pieces []line
	var which []int
	for k, from := range bounds {
		to := len(l.text)
		if k+1 < len(bounds) {
			to = bounds[k+1]
		}
		if t := strings.TrimFunc(l.text[from:to], isIndent); t != "" {
			pieces = append(pieces, line{no: l.no, text: t})
			which = append(which, k)
		}
	}
	if len(pieces) <= 1 {
		return []line{l}, which
	}
	base := max(l.part, 1)
	for k := range pieces {
		pieces[k].part = base + k
	}
	// Later parts of the same source line move up.
	for j := i + 1; j < len(p.ls) && p.ls[j].no == l.no; j++ {
		p.ls[j].part += len(pieces) - 1
	}
	p.ls = slices.Replace(p.ls, i, i+1, pieces...)
	return pieces, which
}

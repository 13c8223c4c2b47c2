package report

import (
	"regexp"
	"strings"
)

// Text copied from a government portal page arrives with the page's chrome
// around the report (breadcrumbs, font-size and voice-reading widgets, print
// and close links, banner dates) and with a metadata block (索引号, 发布机构,
// 发文字号, 成文日期, 发布日期, 主题分类), labelled or laid out as a table.

// metaLabels are the labels of a portal metadata block.
const metaLabels = `索\s*引\s*号|发布机构|发文机关|发文单位|发文字号|文\s*号|成文日期|生成日期|发布日期|发布时间|公开日期|主题分类|主\s*题\s*词|标\s*题|名\s*称|有\s*效\s*性|公开方式|公开范围|公开形式|信息来源|来\s*源|体裁分类|组配分类|服务对象|所属机构|信息分类|统一编号|时\s*效`

var (
	reBreadcrumb = regexp.MustCompile(`^(?:当前位置|您当前的位置|您现在的位置|您的位置|所在位置|位置)\s*[：:]|^首页\s*[>＞»/›]|[>＞»›]\s*(?:政务公开|信息公开|法治政府|政府信息公开|法定主动公开内容)`)
	// chromeWords are the words of widget and navigation lines; a short line
	// made of nothing else is chrome.
	chromeWords = []string{
		"字体大小", "字体", "字号", "大", "中", "小", "语音播报", "语音朗读", "朗读", "播报", "停止", "暂停", "继续",
		"视力保护色", "护眼模式", "背景色", "A+", "A-", "A",
		"打印本页", "打印", "关闭窗口", "关闭", "收藏", "分享到", "分享", "扫一扫", "在手机打开当前页", "手机打开",
		"微信", "微博", "QQ空间", "繁体", "简体", "繁體", "无障碍", "无障碍浏览", "长者模式", "关怀版", "适老化",
		"返回顶部", "返回", "顶部", "纠错", "我要纠错", "浏览次数", "访问量", "点击数", "阅读次数", "默认", "登录", "注册",
		"首页", "【", "】", "[", "]", "|", "｜", "/", "：", ":", "·",
	}
	reChromeCount = regexp.MustCompile(`^(?:浏览次数|访问量|点击数|阅读次数|浏览量)\s*[：:]\s*\d*$`)
	// A banner date ("2025年03月18日 星期二") is the day the page was viewed,
	// not the report's date: a bare date line before the title is chrome.
	reWeekday = regexp.MustCompile(`^(?:今天是\s*[：:]?)?\s*\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?\s*(?:星期[一二三四五六日天]|周[一二三四五六日])?\s*(?:农历\S{2,10})?\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?$`)
	// The site's name in the page header.
	reSiteName = regexp.MustCompile(`^\p{Han}{2,30}(?:门户网站|人民政府网|政府网站|政府网|政务网|信息公开网|政府信息公开(?:网|平台|专栏)?)$`)
	// Footer lines and links to other articles, found below the report.
	reFooter = regexp.MustCompile(`网站标识码|ICP备|公网安备|版权所有|[Cc]opyright|©|^(?:主办单位|承办单位|主办|承办|协办单位|技术支持|运维单位|维护单位)\s*[：:]|^(?:联系我们|网站地图|网站声明|隐私声明|返回首页)$|^(?:上一篇|下一篇|上一条|下一条|责任编辑|编辑|审核|校对|作者)\s*[：:]|^(?:相关链接|相关文件|相关稿件|相关阅读|相关新闻)\s*[：:]?$`)

	// Labels of a portal metadata block and the element each fills.
	reMetaLabel = regexp.MustCompile(`(` + metaLabels + `)\s*[：:]`)
	// Most lines are not metadata: this anchored test rejects them at once.
	reMetaStart     = regexp.MustCompile(`^[\s\x{3000}]*(?:` + metaLabels + `)\s*[：:]`)
	reMetaLabelOnly = regexp.MustCompile(`^(?:索\s*引\s*号|发布机构|发文机关|发文字号|文\s*号|成文日期|生成日期|发布日期|主题分类|主\s*题\s*词|标\s*题|名\s*称|有\s*效\s*性|信息来源|体裁分类)$`)
	reCellGap       = regexp.MustCompile(`\t|[ \x{3000}]{2,}`)
	reIndexNumber   = regexp.MustCompile(`^[0-9A-Za-z]{6,30}\s*[/／\-－]\s*\d{4}\s*[-－/／]\s*\d{1,8}$`)
)

// metaField maps a metadata label to the Document element it fills; "" for
// labels whose value the site does not keep (主题分类, 有效性 …).
func metaField(label string) string {
	switch strings.Join(strings.Fields(label), "") {
	case "索引号":
		return "index_number"
	case "发布机构", "发文机关", "发文单位":
		return "issuer"
	case "发文字号", "文号":
		return "doc_number"
	case "成文日期", "生成日期":
		return "date"
	case "发布日期", "发布时间", "公开日期":
		return "published"
	case "标题", "名称":
		return "title"
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
	if reBreadcrumb.MatchString(s) || reChromeCount.MatchString(s) || reWeekday.MatchString(s) || reSiteName.MatchString(s) || isFooter(s) {
		return true
	}
	if runesOver(s, 40) {
		return false
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

// isFooter reports whether a line is the page footer (主办单位, 网站标识码,
// ICP备案号) or a link to another article (上一篇, 下一篇).
func isFooter(s string) bool {
	return !runesOver(s, 120) && reFooter.MatchString(s)
}

// metaPair is one label and value of a metadata block.
type metaPair struct {
	field, label, value string
}

// parseMetaLine reads "索引号：… 发布机构：…" pairs from a line; ok is false when
// the line does not start with a label.
func parseMetaLine(s string) ([]metaPair, bool) {
	if !reMetaStart.MatchString(s) {
		return nil, false
	}
	locs := reMetaLabel.FindAllStringSubmatchIndex(s, -1)
	if len(locs) == 0 || strings.TrimFunc(s[:locs[0][0]], isIndent) != "" {
		return nil, false
	}
	var pairs []metaPair
	for i, l := range locs {
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		label := s[l[2]:l[3]]
		pairs = append(pairs, metaPair{
			field: metaField(label),
			label: label,
			value: strings.TrimFunc(s[l[1]:end], isIndent),
		})
	}
	return pairs, true
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

package report

import "testing"

func TestPortalChromeIsRecognised(t *testing.T) {
	for _, s := range []string{
		"首页 > 政务公开 > 法定主动公开内容 > 法治政府建设",
		"首页>政务公开>重点领域信息公开",
		"您当前的位置：首页 > 政府信息公开",
		"当前位置: 首页 » 信息公开",
		"政府信息公开 > 法治政府建设",
		"2025年03月18日 星期二",
		"2024年1月15日", // a bare date above the title is the banner's
		"今天是：2024年2月5日 星期一",
		"2024-02-05 周一 10:32",
		"字体大小：大 中 小",
		"【字体：大 中 小】【打印】【关闭】",
		"【打印本页】 【关闭窗口】",
		"语音播报", "视力保护色", "A+ A A-",
		"分享到：微信 微博 QQ空间",
		"扫一扫在手机打开当前页",
		"浏览次数：128",
		"重庆市合川区人民政府网", "巫溪县人民政府门户网站",
		"主办单位：巫溪县人民政府办公室  网站标识码：5002380001  渝ICP备05003300号-1",
		"渝公网安备 50023802000001号",
		"上一篇：大进镇2023年政府信息公开工作年度报告",
		"下一篇：大进镇关于开展安全生产大检查的通知",
		"相关链接",
	} {
		if !isChrome(s) {
			t.Errorf("not recognised as chrome: %q", s)
		}
	}
}

// Report text is never chrome, however short, and whatever words it shares
// with the page around it.
func TestReportTextIsNotChrome(t *testing.T) {
	for _, s := range []string{
		"区政府：",
		"重庆市璧山区七塘镇人民政府",
		"关于2023年度法治政府建设情况的报告",
		"一、2023年推进法治政府建设的主要举措和成效",
		"（二）推进政务公开。全年主动公开政府信息213条。",
		"大力推进法治政府建设。",
		"中共云阳县后叶镇委员会",
		"【专题】法治政府建设年度报告专栏",
		"抄送：县委依法治县办。",
	} {
		if isChrome(s) {
			t.Errorf("report text taken for chrome: %q", s)
		}
	}
}

func TestMetadataBlocksAreRead(t *testing.T) {
	pairs, ok := parseMetaLine("索引号：11500235MB1C08913Q/2025-00012  发布机构：云阳县后叶镇人民政府  主题分类：其他")
	if !ok || len(pairs) != 3 || pairs[0].field != "index_number" || pairs[0].value != "11500235MB1C08913Q/2025-00012" ||
		pairs[1].field != "issuer" || pairs[1].value != "云阳县后叶镇人民政府" || pairs[2].field != "" {
		t.Errorf("labelled line: %+v, %v", pairs, ok)
	}
	pairs, ok = parseMetaTable("索引号\t发布机构\t成文日期", "11500154MB1A3567XK/2024-00031\t开州区大进镇人民政府\t2024-01-29")
	if !ok || len(pairs) != 3 || pairs[2].field != "date" || pairs[2].value != "2024-01-29" {
		t.Errorf("table: %+v, %v", pairs, ok)
	}
	if _, ok := parseMetaLine("一是推进政务公开。发布机构：镇政府"); ok {
		t.Error("a sentence that mentions a label is not metadata")
	}
}

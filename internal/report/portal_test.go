package report

import (
	"strings"
	"testing"
)

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
	// Shenzhen's portals label the day they published a report 信息提供日期.
	pairs, ok = parseMetaLine("信息提供日期 : 2026-02-03 17:09来源 : 深圳市福田区莲花街道办事处 信息索引号 : /2026-12630492")
	if !ok || len(pairs) != 3 || pairs[0].field != "published" || pairs[0].value != "2026-02-03 17:09" || pairs[2].field != "index_number" {
		t.Errorf("信息提供日期: %+v, %v", pairs, ok)
	}
	if _, ok := parseMetaLine("一是推进政务公开。发布机构：镇政府"); ok {
		t.Error("a sentence that mentions a label is not metadata")
	}
}

// Every layout portals use gives the same fields, and a value never
// swallows the label after it, known or not.
func TestMetadataLayouts(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string // field=value of each pair; "?label=value" for a label the list does not hold
	}{
		{"索 引 号:abc123/2026-0001 发布机构:某镇 发文日期:2026-03-16 信息类别:综合政务",
			[]string{"index_number=abc123/2026-0001", "issuer=某镇", "published=2026-03-16", "=综合政务"}},
		{"[ 索引号 ] 115001/2026-00004 [ 发文字号 ]", []string{"index_number=115001/2026-00004", "doc_number="}},
		{"| 索引号: | 011158/2025-09186 | 分类: | 其他 | ||", []string{"index_number=011158/2025-09186", "=其他"}},
		{"索引号 | SY-310115-2024-01660 |", []string{"index_number=SY-310115-2024-01660"}},
		{"• 公文生成日期: 2025-02-07", []string{"date=2025-02-07"}},
		{"信息索引号 001008/2025-20657 文件编号", []string{"index_number=001008/2025-20657", "doc_number="}},
		{"来源:某街道司法所 发布时间:2026-02-09 10:20", []string{"source=某街道司法所", "published=2026-02-09 10:20"}},
		{"发布日期:2026-01-19 11:09:04 大 中 小", []string{"published=2026-01-19 11:09:04"}},
		{"来源:某镇  日期:2024-03-28 10:09 打印 【字体:", []string{"source=某镇", "published=2024-03-28 10:09"}},
		{"发布时间:2024-02-20 备案号:QJ-17", []string{"published=2024-02-20", "?备案号=QJ-17"}},
	} {
		pairs, ok := parseMetaLine(tc.in)
		var got []string
		for _, p := range pairs {
			s := p.field + "=" + p.value
			if !p.known {
				s = "?" + p.label + "=" + p.value
			}
			got = append(got, s)
		}
		if !ok || strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%q: got %q (%v), want %q", tc.in, got, ok, tc.want)
		}
	}
	for _, s := range []string{"报告日期:2024-01-02", "一是推进政务公开。来源:镇政府", "索引号\t发布机构\t成文日期"} {
		if _, ok := parseMetaLine(s); ok {
			t.Errorf("%q read as a metadata line", s)
		}
	}
}

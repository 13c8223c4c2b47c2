package report

import (
	"slices"
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
		// Found on real portal copies (testdata/real, changes-real).
		"正文内容区域请使用tab按钮切换浏览",
		"中文域名:天津市宝坻区人民政府.政务",
		"丨     网站无障碍 丨 关怀版",
		"适老化 无障碍浏览",
		"繁体丨 简体 丨 无障碍丨 网站地图",
		"网站首页 政府信息公开 互动交流",
		"首   页 走进汉台 新闻中心 政府信息公开 政务服务 互动交流 专题专栏",
		"您现在所在的位置 :",
		"进入老年模式 退出老年模式",
		"无障碍版 长者助手 登录",
		"您访问的链接即将离开“大江镇人民政府”门户网站 是否继续?",
		"继续访问放弃",
		"返回上一级", "头部", "底部", "• 政务微信", ">",
		"![]() |",
		"中华人民共和国国徽",
		"海滨街2020年法治政府建设情况.docx",
		"语音合成中,请耐心等待...",
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
		"附件：钱塘镇法治政府建设工作台账.xls",
		"中共七塘镇委员会 七塘镇人民政府",     // issuers, not a menu
		"强化组织领导 完善制度体系 提升执法水平", // three phrases, no section of a portal
		"推进政务公开 优化政务服务 坚持依法行政", // phrases that name sections, not their names
		"按照有关规定,现将我镇2024年法治政府建设情况报告如下:",
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

// TestPageAroundTheReport: what real portal copies put around a report's
// text is taken out of the body (the page header above its breadcrumb, a
// metadata table or list whose labels were lost, a title repeated over
// other lines), and what is not known to be the page's stays.
func TestPageAroundTheReport(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		body       []string // the first blocks of the body
		removed    []string // lines removed as the page's
	}{
		{"the site's name above the breadcrumb",
			"宝安区\n您现在的位置 首页 > 政务公开 > 法治政府建设 > 宝安区\n深圳市宝安区西乡街道办事处关于2022年法治政府建设的报告\n2022年,我街道坚持依法行政。\n",
			[]string{"2022年,我街道坚持依法行政。"},
			[]string{"宝安区", "您现在的位置 首页 > 政务公开 > 法治政府建设 > 宝安区"}},
		{"a menu above the breadcrumb",
			"繁体丨 简体 丨 无障碍丨 网站地图\n  • 首页\n  • 魅力山亭\n  • 山亭新闻\n当前位置: 信息公开首页 > 政务公开 > 徐庄镇\n山亭区徐庄镇2025年度法治政府建设情况报告\n2025年,徐庄镇坚持依法行政。\n",
			[]string{"2025年,徐庄镇坚持依法行政。"},
			[]string{"繁体丨 简体 丨 无障碍丨 网站地图", "• 首页", "• 魅力山亭", "• 山亭新闻"}},
		{"the cells of a table under the title",
			"盈浦街道2025年度法治政府建设情况报告\n无\n主动公开\n无\n无\n2025.12.17\n盈浦街道以习近平新时代中国特色社会主义思想为指导,现将具体情况汇报如下:\n",
			[]string{"盈浦街道以习近平新时代中国特色社会主义思想为指导,现将具体情况汇报如下:"},
			[]string{"无", "主动公开", "无", "无", "2025.12.17"}},
		{"the publisher and a date under the title, the title again, the cover's month",
			"返回上一级\n字号\n2024年重固镇法治政府建设报告\n主动公开\n上海市青浦区重固镇人民政府\n2025.03.19\n2024年重固镇法治政府建设报告\n2024年11月\n2024年,重固镇积极开展法治政府建设相关工作。\n",
			[]string{"2024年11月", "2024年,重固镇积极开展法治政府建设相关工作。"},
			[]string{"返回上一级", "字号", "主动公开", "上海市青浦区重固镇人民政府", "2025.03.19"}},
		{"a list whose labels were lost",
			"您当前的位置:首页 >法定主动公开内容\n  • 11500224691216248X/2026-00002\n  • 法制\n  • 铜梁区双山镇\n  • 2026-01-27\n重庆市铜梁区双山镇人民政府2025年法治政府建设工作报告\n2025年,双山镇坚持依法行政。\n",
			[]string{"2025年,双山镇坚持依法行政。"},
			[]string{"• 法制", "• 铜梁区双山镇", "• 2026-01-27"}},
		{"a title repeated over two lines",
			"2024年度浦东新区川沙新镇人民政府法治政府建设情况报告\n索引号 发布机构 川沙新镇\n公开类别 主动公开 发布时间 2025-03-10\n2024年度浦东新区川沙新镇人民政府\n法治政府建设情况报告\n本年度报告根据有关规定编制。\n",
			[]string{"本年度报告根据有关规定编制。"},
			nil},
		{"a pipe row whose only cell is a label, and a number template left empty",
			"阿克陶县克孜勒陶镇人民政府2025年度法治政府建设工作报告\n| 索 引 号 | K45893645/2026-00379 | 主题分类 | |\n| 名 称 | |||\n| 成文日期 | 2026-02-14 | 发布日期 | 2026-02-14 |\n| 文 号 | 〔〕号 | 有 效 性 | |\n2025年,克孜勒陶镇坚持依法行政。\n",
			[]string{"2025年,克孜勒陶镇坚持依法行政。"},
			[]string{"| 名 称 | |||"}},
		{"labels and values on lines of their own, a label left empty",
			"政府信息公开\n索引号\n文  号\n2025\n来 源\n虎跳峡镇\n公开日期\n2026-02-05\n虎跳峡镇人民政府2025年法治政府建设工作报告\n2025年,虎跳峡镇坚持依法行政。\n",
			[]string{"2025年,虎跳峡镇坚持依法行政。"},
			[]string{"索引号"}},
		{"a site's name and address before the page's date",
			"中共楠木铺乡党委楠木铺乡人民政府关于2024年法治政府建设工作的报告\n沅陵县人民政府门户网站 www.yuanling.gov.cn 发布时间:2025-04-03 15:22\n2024年是全面贯彻落实党的二十届三中全会精神的开局之年。\n",
			[]string{"2024年是全面贯彻落实党的二十届三中全会精神的开局之年。"},
			nil},
		{"a title twice on a line, then the recipient and the report on one line",
			"乐清市柳市镇2024年法治政府建设年度报告 乐清市柳市镇2024年法治政府建设年度报告 |\n中共乐清市委、乐清市人民政府: 2024年柳市镇坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻落实习近平法治思想,深入学习贯彻党的二十大精神,全面推进依法行政,法治政府建设取得新成效,为建设现代化国际化的电气之都提供了有力的法治保障。现将有关情况报告如下: 一、推进法治政府建设的主要举措和成效 (一)强化组织领导。镇党委坚持把法治建设摆在重要位置,定期研究部署法治政府建设工作,把法治政府建设纳入全镇经济社会发展总体规划和年度工作计划,与经济社会发展同部署、同推进、同督促、同考核、同奖惩,形成了党委统一领导、政府具体实施、部门各负其责、群众广泛参与的工作格局。\n",
			[]string{"2024年柳市镇坚持以习近平新时代中国特色社会主义思想为指导,深入贯彻落实习近平法治思想,深入学习贯彻党的二十大精神,全面推进依法行政,法治政府建设取得新成效,为建设现代化国际化的电气之都提供了有力的法治保障。现将有关情况报告如下:", "一、推进法治政府建设的主要举措和成效"},
			nil},
		{"a line that may be a title stays, though the page's fields follow it",
			"七塘镇2024年法治工作\n索引号：11500227MB1C08913Q/2025-00012\n发布机构：七塘镇人民政府\n七塘镇人民政府关于2024年度法治政府建设情况的报告\n2024年,七塘镇坚持依法行政。\n",
			[]string{"七塘镇2024年法治工作", "2024年,七塘镇坚持依法行政。"},
			nil},
		{"a short label glued to the organ before it",
			"北京市海淀区人民政府田村路街道办事处2021年法治政府建设情况报告\n发布机构:田村路街道办事处日期:2022-02-15 11:47\n  2021年,田村路街道坚持依法行政。\n",
			[]string{"2021年,田村路街道坚持依法行政。"},
			nil},
		{"a line above the title with no page around it stays",
			"某某有限公司\n七塘镇人民政府2023年法治政府建设情况报告\n七塘镇坚持依法行政。\n",
			[]string{"某某有限公司", "七塘镇坚持依法行政。"},
			nil},
		{"lone values with no 公开方式 among them stay",
			"盈浦街道2025年度法治政府建设情况报告\n无\n无\n盈浦街道坚持依法行政。\n",
			[]string{"无", "无", "盈浦街道坚持依法行政。"},
			nil},
	} {
		d, err := Parse([]byte(tc.text))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := blockTexts(d)
		if len(got) > len(tc.body) {
			got = got[:len(tc.body)]
		}
		if !slices.Equal(got, tc.body) {
			t.Errorf("%s: body starts %q, want %q", tc.name, got, tc.body)
		}
		var removed []string
		for _, r := range d.Repairs {
			if r.Kind == RepairChrome {
				removed = append(removed, strings.TrimLeft(r.Text, " "))
			}
		}
		for _, w := range tc.removed {
			if !slices.Contains(removed, w) {
				t.Errorf("%s: %q not removed as the page's (removed: %q)", tc.name, w, removed)
			}
		}
	}
}

// TestPageGuessesAreNamed: lines taken for the page by where they stand,
// not by what they say, are named in one warning at the first of them, so
// that staff can put back any that was the report's.
func TestPageGuessesAreNamed(t *testing.T) {
	d, err := Parse([]byte("宝安区\n中山翠亨新区\n您现在的位置 首页 > 政务公开 > 法治政府建设\n深圳市宝安区西乡街道办事处关于2022年法治政府建设的报告\n2022年,我街道坚持依法行政。\n"))
	if err != nil {
		t.Fatal(err)
	}
	var got []Diagnostic
	for _, w := range d.Warnings {
		if strings.Contains(w.Msg, "按位置看作网页上的内容") {
			got = append(got, w)
		}
	}
	want := `有 2 行按位置看作网页上的内容（页头、导航或没有栏目名称的信息栏："宝安区"、"中山翠亨新区"），没有放进正文：请对照原件核对；其中如有报告的文字，请补进导入后的 Markdown 文件`
	if len(got) != 1 || got[0].Line != 1 || got[0].Msg != want {
		t.Errorf("warnings %+v, want one at line 1: %s", got, want)
	}
}

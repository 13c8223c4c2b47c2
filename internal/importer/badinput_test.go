package importer

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"nianbao/internal/region"
	"nianbao/internal/testenv"
)

const smallReport = testenv.SmallReport

func utf16LE(s string) []byte {
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

// TestBadInputGivesOneClearMessage lists what import says about inputs that
// are not usable reports, word for word: the message is part of the
// contract with whoever runs the import.
func TestBadInputGivesOneClearMessage(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "bad.txt: 文件是空的：请向报送单位重新索取原件，或把它移出 sources/"},
		{"byte order mark only", []byte("\xef\xbb\xbf"), "bad.txt: 文件是空的：请向报送单位重新索取原件，或把它移出 sources/"},
		{"white space only", []byte(" \n\u3000\u3000\r\n\t\n"), "bad.txt: 文件中只有空格和空行，没有文字：请向报送单位重新索取原件，或把它移出 sources/"},
		{"PNG image", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"),
			"bad.txt: 文件内容不是文字（是二进制数据）：请确认放入的是报告原件；文件损坏的，请向报送单位重新索取"},
		{"NUL bytes in text", []byte("关于2023年度法治政府建设情况的报告\n\x00\x00\x00\x00"), "bad.txt: 文件内容不是文字（是二进制数据）：请确认放入的是报告原件；文件损坏的，请向报送单位重新索取"},
		{"neither UTF-8 nor GB18030", []byte("关于2023年度\n法治政府\xff\xfe\x80建设情况的报告\n"),
			"bad.txt:2: 文件的编码既不是 UTF-8，也不是带 BOM 的 UTF-16 或 GB18030（第一个不符合 UTF-8 的字节在这一行）：请用记事本等编辑器打开，确认文字正常后另存为 UTF-8 编码"},
		{"UTF-16 without a byte order mark", utf16LE(smallReport)[2:],
			"bad.txt: 文件像是不带字节顺序标记（BOM）的 UTF-16 编码文字：请用记事本等编辑器把它另存为 UTF-8 编码，或带 BOM 的 UTF-16 编码"},
		{"odd-length UTF-16", utf16LE(smallReport)[:101],
			"bad.txt: 文件开头标明是 UTF-16 编码（有 BOM），字节数却是奇数，文件可能不完整：请向报送单位重新索取完整的原件"},
		{"UTF-8 byte order mark on other bytes", append([]byte("\xef\xbb\xbf"), 0xb9, 0xd8, 0xd3, 0xda, 0xff),
			"bad.txt: 文件开头标明是 UTF-8 编码（有 BOM），内容却不是有效的 UTF-8：请用记事本等编辑器打开，确认文字正常后另存为 UTF-8 编码"},
		{"a shopping list", []byte("鸡蛋 2 斤\n白菜 1 颗\n酱油 1 瓶\n记得带购物袋\n"),
			"bad.txt: 不像是报告（没有“…关于…的报告”“…法治政府建设…报告”这样的标题，也没有带序号的部分标题“一、二、…”）：请确认这是法治政府建设年度报告；不是的，请把它移出 sources/"},
		{"English text", []byte("Dear colleagues,\n\nPlease find the minutes of the meeting attached.\nBest regards\n"),
			"bad.txt: 不像是报告（没有“…关于…的报告”“…法治政府建设…报告”这样的标题，也没有带序号的部分标题“一、二、…”）：请确认这是法治政府建设年度报告；不是的，请把它移出 sources/"},
		{"numbered sections but no year", []byte("工作总结\n一、主要工作\n完成了各项任务。\n二、下步打算\n继续努力。\n"),
			"bad.txt: 找不到报告年度（标题、各部分标题和开头一段都没有年份，也没有日期），不能作为报告导入：请在标题或文件名中写上年份（如 …2024年…）"},
		{"only a title block", []byte("重庆市璧山区七塘镇人民政府\n关于2023年度法治政府建设情况的报告\n\n区政府：\n"),
			"bad.txt: 没有找到报告正文（文件中只有标题部分，或网页的导航、按钮等文字）：请向报送单位索取完整的报告，或把它移出 sources/"},
		{"only page chrome", []byte("首页 > 政务公开 > 法治政府建设\n字体大小：大 中 小\n【打印本页】【关闭窗口】\n"),
			"bad.txt: 没有找到报告正文（文件中只有标题部分，或网页的导航、按钮等文字）：请向报送单位索取完整的报告，或把它移出 sources/"},
		// What the site build refuses (content.CheckYear, content.CheckTown)
		// is refused here, not written to fail every later build.
		{"a year before 1949", []byte(strings.ReplaceAll(smallReport, "2023年度", "1900年度")),
			"bad.txt: 报告年度 1900 不合理（应在 1949 到 2200 之间）：请在原件中改正年份，再运行 go run ./cmd/build"},
		{"no township in the table and none written", []byte(strings.ReplaceAll(smallReport, "重庆市璧山区七塘镇人民政府", "某某有限公司")),
			`bad.txt: 看不出报告是哪个乡镇（街道）的，按 2023 年区划表，"关于2023年度法治政府建设情况的报告" 中没有区划表里的乡镇：请在原件的标题或落款中写上带乡镇名称的发文机关（如“…镇人民政府”），再运行 go run ./cmd/build`},
		{"neither issuer nor title", []byte("一、2023年主要举措和成效\n全年办理案件。\n二、2024年工作安排\n持续加强。\n"),
			"bad.txt: 看不出报告是哪个乡镇（街道）的，发文机关和标题都没有写明乡镇：请在原件的标题或落款中写上带乡镇名称的发文机关（如“…镇人民政府”），再运行 go run ./cmd/build"},
		// 坊镇 is a township of 陕西; in 天坊镇 it is only the tail of a
		// longer name, which is no match.
		{"a township named only as the tail of a longer name", []byte("县委、县政府：\n2023年，天坊镇在县委、县政府的正确领导下，全面推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n全年办理行政处罚案件5件。\n"),
			"bad.txt: 看不出报告是哪个乡镇（街道）的，发文机关和标题都没有写明乡镇：请在原件的标题或落款中写上带乡镇名称的发文机关（如“…镇人民政府”），再运行 go run ./cmd/build"},
		// A report that calls itself 我镇 and names two townships alike
		// in its body is about neither for sure.
		{"我镇 and two townships named alike", []byte("2023年，我镇全面推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n向铜锣镇学习经验，借鉴乌兰木伦镇做法。\n"),
			"bad.txt: 看不出报告是哪个乡镇（街道）的，发文机关和标题都没有写明乡镇；报告自称“我镇”，正文写到的乡镇有铜锣镇、乌兰木伦镇，没有一个明显多于其他：请在原件的标题或落款中写上带乡镇名称的发文机关（如“…镇人民政府”），再运行 go run ./cmd/build"},
		// Two names the table lacks, each named twice: neither is surely
		// the report's own.
		{"我镇 and two unknown townships", []byte("2023年，我镇全面推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n在青杠岭镇和在白沙岭镇开展普法，青杠岭镇、白沙岭镇各12场次。\n"),
			"bad.txt: 看不出报告是哪个乡镇（街道）的，发文机关和标题都没有写明乡镇；报告自称“我镇”，但正文没有写出 2023 年区划表中的乡镇：请在原件的标题或落款中写上带乡镇名称的发文机关（如“…镇人民政府”），再运行 go run ./cmd/build"},
		{"我镇 and no township named", []byte("2023年，我镇全面推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n全年办理行政处罚案件5件。\n"),
			"bad.txt: 看不出报告是哪个乡镇（街道）的，发文机关和标题都没有写明乡镇；报告自称“我镇”，但正文没有写出 2023 年区划表中的乡镇：请在原件的标题或落款中写上带乡镇名称的发文机关（如“…镇人民政府”），再运行 go run ./cmd/build"},
		// What else a township publishes on its 法治政府建设 work is no
		// report of a year: the year in its name is the year it plans.
		{"a plan for the year", []byte(otherDoc("白驼镇2024年法治政府建设工作要点")),
			fmt.Sprintf(otherKindMsg, "工作要点", "第一行是", "白驼镇2024年法治政府建设工作要点")},
		{"a notice that issues a plan", []byte(otherDoc("关于印发《白驼镇2024年法治政府建设工作计划》的通知")),
			fmt.Sprintf(otherKindMsg, "通知", "标题是", "关于印发《白驼镇2024年法治政府建设工作计划》的通知")},
		{"a five-year programme", []byte(otherDoc("白驼镇法治政府建设实施方案（2021—2025年）")),
			fmt.Sprintf(otherKindMsg, "实施方案", "第一行是", "白驼镇法治政府建设实施方案（2021—2025年）")},
		{"a leader's own 述法 report", []byte(otherDoc("白驼镇党委书记2023年度述法报告")),
			fmt.Sprintf(otherKindMsg, "党政负责人个人的述法（述职）报告", "第一行是", "白驼镇党委书记2023年度述法报告")},
		// A summary of part of a year or of several years names a year
		// too, but is no report of that year.
		{"a half-year's summary", []byte(otherDoc("白驼镇2024年上半年法治政府建设工作总结")),
			fmt.Sprintf(otherKindMsg, "半年或一个季度的工作总结", "标题是", "白驼镇2024年上半年法治政府建设工作总结")},
		{"ten months' summary", []byte(otherDoc("白驼镇2023年1-10月法治政府建设工作总结")),
			fmt.Sprintf(otherKindMsg, "几个月的工作总结", "标题是", "白驼镇2023年1-10月法治政府建设工作总结")},
		{"five years' summary", []byte(otherDoc("白驼镇2019—2023年法治政府建设工作总结")),
			fmt.Sprintf(otherKindMsg, "几年的工作总结", "标题是", "白驼镇2019—2023年法治政府建设工作总结")},
		// A draft is the township's text, but not the report it issued.
		{"a draft for comments", []byte(strings.Replace(smallReport, "法治政府建设情况的报告", "法治政府建设情况的报告（征求意见稿）", 1)),
			"bad.txt: 这份文件看来是报告的未定稿（标题是“重庆市璧山区七塘镇人民政府关于2023年度法治政府建设情况的报告（征求意见稿）”），不是正式印发的报告：网站只发布定稿，请向报送单位索取正式的报告，放入 sources/ 替换这份，再运行 go run ./cmd/build"},
		{"a draft marked on a line of its own", []byte("白驼镇2023年法治政府建设情况报告\n（征求意见稿）\n\n2023年，白驼镇深入学习贯彻习近平法治思想。现将有关情况报告如下：\n一、主要工作\n组织学法。\n\n白驼镇人民政府\n2024年1月8日\n"),
			"bad.txt:2: 这份文件看来是报告的未定稿（这一行写着“（征求意见稿）”），不是正式印发的报告：网站只发布定稿，请向报送单位索取正式的报告，放入 sources/ 替换这份，再运行 go run ./cmd/build"},
		// Two years' reports copied into one file: the second is no part
		// of the first.
		{"two reports in one file", []byte(twoReports),
			"bad.txt:12: 文件里像是有两份报告（第 1 行和第 12 行各是一份报告的标题：“白驼镇人民政府关于2023年度法治政府建设情况的报告”，它后面的部分标题又从“一、”开始）：请把它们分成两个文件，每个文件一份报告，再运行 go run ./cmd/build"},
		// A portal's list of reports, copied instead of the report.
		{"a portal's list of reports", []byte("首页 > 政务公开 > 法治政府建设年度报告\n白驼镇2023年法治政府建设年度报告 2024-03-20\n红堡镇2023年法治政府建设年度报告 2024-03-19\n永清镇2023年法治政府建设年度报告 2024-03-18\n共3条 首页 上一页 1 下一页 尾页\n"),
			"bad.txt: 这份文件看来是网页上的报告列表，不是一份报告（第 2、3、4 行都是报告的标题，文中没有一个句号）：请在网站上打开要导入的那一篇，把报告全文存下来放入 sources/，再把这份移出 sources/，然后运行 go run ./cmd/build"},
		// The cover that sends a report up, without the report.
		{"the cover of a report sent up", []byte("白驼镇人民政府关于报送2023年度法治政府建设情况报告的报告\n\n县司法局：\n现将我镇2023年度法治政府建设情况报告随文报送，请审阅。\n\n附件：白驼镇2023年度法治政府建设情况报告\n\n白驼镇人民政府\n2024年1月10日\n"),
			"bad.txt: 这份文件看来是报送报告的公文（标题是“白驼镇人民政府关于报送2023年度法治政府建设情况报告的报告”），只有几句话和附件的名称，报告全文在它的附件里：请把附件（报告全文）放入 sources/，把这份移出 sources/，再运行 go run ./cmd/build"},
		// A report of another body, dropped in by mistake, names a
		// township in its opening: the township is not taken from it.
		{"a county department's report that names a township", []byte(otherLead("清水县司法局关于2023年度法治政府建设工作情况的报告", "清水县司法局")),
			fmt.Sprintf(otherBodyMsg, "标题写明这是“清水县司法局”的报告")},
		// 镇海区 is a district: its 镇 makes it no township.
		{"a department of a district whose name has 镇", []byte(otherLead("镇海区司法局关于2023年度法治政府建设工作情况的报告", "")),
			fmt.Sprintf(otherBodyMsg, "标题写明这是“镇海区司法局”的报告")},
		// A copy without its title: the opening names whose work it is.
		{"a department's report that opens with its name", []byte("2022年,长治市司法局坚持以习近平法治思想为指导，在平顺县龙溪镇召开全市基层法治建设现场会。\n一、2022年工作情况\n组织干部学法用法。\n二、存在的不足\n基层法治力量薄弱。\n"),
			fmt.Sprintf(otherBodyMsg, "开头一段写明这是“长治市司法局”的工作")},
		{"a county's report under a title that is its name", []byte(otherLead("静海区2023年度法治政府建设情况报告", "")),
			fmt.Sprintf(otherBodyMsg, "标题写明这是“静海区”的报告")},
		{"a province's report", []byte(otherLead("甘肃省人民政府关于2023年度法治政府建设情况的报告", "甘肃省人民政府")),
			fmt.Sprintf(otherBodyMsg, "报告写明的发文机关是“甘肃省人民政府”")},
		{"a party committee of a county", []byte(otherLead("中共清水县委关于2023年度法治建设工作情况的报告", "")),
			fmt.Sprintf(otherBodyMsg, "标题写明这是“中共清水县委”的报告")},
		{"a 社区's report signed by its committee", []byte(otherLead("2023年法治建设工作总结", "幸福社区居民委员会")),
			fmt.Sprintf(otherBodyMsg, "报告写明的发文机关是“幸福社区居民委员会”")},
		{"a village's report", []byte(otherLead("白沙村2023年法治建设工作总结", "")),
			fmt.Sprintf(otherBodyMsg, "标题写明这是“白沙村”的报告")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Convert("bad.txt", tt.data, "content", region.Default())
			if err == nil {
				t.Fatalf("imported as %s; want the error %q", c.Path, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got  %q\n want %q", err.Error(), tt.want)
			}
		})
	}
}

// twoReports is the reports of 2022 and 2023 of 白驼镇, one after the other.
const twoReports = "白驼镇人民政府关于2022年度法治政府建设情况的报告\n\n2022年，白驼镇深入学习贯彻习近平法治思想。现将有关情况报告如下：\n一、主要工作\n组织学法5次。\n二、存在问题\n力量薄弱。\n\n白驼镇人民政府\n2023年1月8日\n\n" +
	"白驼镇人民政府关于2023年度法治政府建设情况的报告\n\n2023年，白驼镇深入学习贯彻习近平法治思想。现将有关情况报告如下：\n一、主要工作\n组织学法7次。\n二、存在问题\n力量薄弱。\n\n白驼镇人民政府\n2024年1月8日\n"

// otherKindMsg is the refusal of a document of another kind than a
// year's report (%s: the kind, how the name was found, the name).
const otherKindMsg = "bad.txt: 这份文件看来是%s，不是法治政府建设年度报告（%s“%s”）：这里只发布乡镇（街道）对一年工作的报告或总结；不是的，请把它移出 sources/；是的，请在原件中写上报告的标题（如“…关于2023年度法治政府建设情况的报告”），再运行 go run ./cmd/build"

// otherDoc is a document named name, with numbered parts, signed by the
// township 白驼镇.
func otherDoc(name string) string {
	return name + "\n\n一、总体要求\n坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻习近平法治思想。\n二、主要任务\n组织干部学法用法，规范行政执法。\n\n白驼镇人民政府\n2024年3月1日\n"
}

// otherBodyMsg is the refusal of a report that its own words give to
// another body than a township (%s: which words).
const otherBodyMsg = "bad.txt: 看来不是乡镇（街道）的报告：%s，不是乡镇（街道）；不能按正文中写到的乡镇来定它的所在地。这里只发布乡镇（街道）的报告：不是乡镇（街道）的，请把它移出 sources/；是的，请在原件的标题或落款中写上带乡镇名称的发文机关（如“…镇人民政府”），再运行 go run ./cmd/build"

// otherLead is a report of title, signed by issuer (none when ""), whose
// opening names the township 白驼镇 of 清水县.
func otherLead(title, issuer string) string {
	s := title + "\n\n2023年，在白驼镇召开全县基层法治建设现场会，深入学习贯彻习近平法治思想。现将有关情况报告如下：\n一、主要举措和成效\n组织干部学法用法。\n二、存在的不足\n基层法治力量薄弱。\n"
	if issuer != "" {
		s += "\n" + issuer + "\n2024年1月8日\n"
	}
	return s
}

// TestUsableInputImportsWithWarnings lists inputs that are usable with
// warnings, and the warnings word for word.
func TestUsableInputImportsWithWarnings(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		path     string
		warnings []string
	}{
		{"truncated mid-sentence", strings.Split(smallReport, "持续加强")[0] + "持续加强法治",
			"content/500120/500120101-2023.md", []string{
				"report.txt: 没有找到成文日期：请对照原件，在导入后的 Markdown 文件开头写上 date:（成文日期，如 2022-01-10）",
				"report.txt:9: 正文在句子中间结束，文件可能不完整：请对照原件核对结尾；缺了内容的，请向报送单位索取完整的原件",
			}},
		// The portal's 发布机构 stands in for the issuer the report does not
		// name, marked as derived.
		{"issuer only in the portal's metadata", "索引号：115002270087/2024-00001\n发布机构：七塘镇人民政府\n七塘镇2023年法治政府建设年度报告\n一、2023年主要举措和成效\n全年办理案件5件。\n二、2024年工作安排\n持续加强法治宣传。\n",
			"content/500120/500120101-2023.md", []string{
				"report.txt: 没有找到成文日期：请对照原件，在导入后的 Markdown 文件开头写上 date:（成文日期，如 2022-01-10）",
				"report.txt: 七塘镇所属的省（重庆市）、市（重庆市）、区县（璧山区）是按 2023 年区划表补出的，标题和发文机关中没有写：请核对",
				"report.txt: 报告没有写发文机关，发文机关“七塘镇人民政府”取自网页信息栏的“发布机构”：请核对",
			}},
		// A county's office that put the page up is its publisher, not the
		// issuer of a township's report: the township's organ is derived
		// instead, and the township still comes from the opening, since
		// nothing the report writes gives it to another body.
		{"the portal's 发布机构 a county's office", "索引号：115002270087/2024-00001\n发布机构：清水县人民政府办公室\n2023年法治政府建设工作报告\n\n2023年，白驼镇深入学习贯彻习近平法治思想，扎实推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n组织干部学法用法。\n二、存在的不足\n基层法治力量薄弱。\n",
			"content/620521/620521102-2023.md", []string{
				"report.txt: 没有找到成文日期：请对照原件，在导入后的 Markdown 文件开头写上 date:（成文日期，如 2022-01-10）",
				"report.txt: 标题和发文机关都没有写明乡镇，乡镇白驼镇取自正文（“2023年，白驼镇深入学习贯彻习近平法治思想，扎实推进法治政府建设”），按 2023 年区划表定为甘肃省天水市清水县白驼镇：请核对",
				"report.txt: 报告没有写发文机关，“白驼镇人民政府”是按乡镇推定的（镇、乡以人民政府、街道以办事处名义报告）：请核对",
			}},
		{"unknown town", strings.ReplaceAll(smallReport, "璧山区七塘镇", "璧山区青杠岭镇"),
			"content/unresolved/report-2023.md", []string{
				"report.txt: 2023 年区划表中没有乡镇重庆市璧山区青杠岭镇，所属地区按原件所写保留",
			}},
		// A street newer than the table, its city and county written at the
		// start of the title: kept as written, the province the table's.
		{"unknown town in the title", "济南市历下区建筑新村街道 2024年度法治政府建设报告\n2024年,建筑新村街道坚持依法行政。\n一、主要举措\n全年办理案件5件。\n",
			"content/unresolved/report-2024.md", []string{
				"report.txt: 没有找到发文机关（标题部分和落款中都没有）：请对照原件，在导入后的 Markdown 文件开头写上 issuer:（发文机关）",
				"report.txt: 没有找到成文日期：请对照原件，在导入后的 Markdown 文件开头写上 date:（成文日期，如 2022-01-10）",
				"report.txt: 2023 年区划表中没有乡镇济南市历下区建筑新村街道，所属地区按原件所写保留；省（山东省）是按 2023 年区划表中的历下区补出的：请核对",
				"report.txt: 报告没有写发文机关，“建筑新村街道办事处”是按乡镇推定的（镇、乡以人民政府、街道以办事处名义报告）：请核对",
			}},
		{"ambiguous town", strings.ReplaceAll(smallReport, "重庆市璧山区七塘镇", "兴隆镇"),
			"content/unresolved/report-2023.md", []string{
				`report.txt: 2023 年区划表中有多个同名乡镇（"兴隆镇人民政府" 所指的乡镇不唯一，共 31 个候选（河北省承德市兴隆县兴隆镇、辽宁省沈阳市新民市兴隆镇、辽宁省辽阳市辽阳县兴隆镇、…）），所属地区按原件所写保留`,
			}},
		{"no year but a date", strings.NewReplacer("2023年度", "本年度", "2023年", "本年", "2024年工作", "明年工作").Replace(smallReport),
			"content/500120/500120101-2023.md", []string{
				"report.txt: 报告年度 2023 是按成文日期 2024-01-15 的前一年推定的：请对照原件核对年度",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Convert("report.txt", []byte(tt.data), "content", region.Default())
			if err != nil {
				t.Fatal(err)
			}
			if c.Path != tt.path {
				t.Errorf("path = %s, want %s", c.Path, tt.path)
			}
			var got []string
			for _, w := range c.Warnings {
				got = append(got, w.Error())
			}
			if !reflect.DeepEqual(got, tt.warnings) {
				t.Errorf("warnings:\n got  %q\n want %q", got, tt.warnings)
			}
		})
	}
}

// An unresolved town's file is named after its source when that name is
// ASCII, else after the source's hash: paths stay ASCII.
func TestUnresolvedPathIsASCII(t *testing.T) {
	data := []byte(strings.ReplaceAll(smallReport, "璧山区七塘镇", "璧山区青杠岭镇"))
	for src, want := range map[string]string{
		"sources/Qinggangling 2023.txt": "content/unresolved/qinggangling-2023-2023.md",
		"sources/青杠岭镇2023年报告.txt":       "content/unresolved/6bed584b8981-2023.md",
	} {
		c, err := Convert(src, data, "content", region.Default())
		if err != nil || c.Path != want {
			t.Errorf("%s: path %v, %v; want %s", src, c.Path, err, want)
		}
	}
}

// TestNoInputPanics feeds Parse's error paths the shapes of input most
// likely to break an index: one byte, one line, lines of markers alone.
func TestNoInputPanics(t *testing.T) {
	inputs := []string{"一", "一、", "（一）", "1.", "关于", "报告", "区政府：", "2022年1月10日", "抄送：", "印发",
		"一、\n二、\n三、", "关于2021年度法治政府建设情况的报告\n一、", "索引号：\n发布机构：", "\f", "[bookmark: _GoBack]"}
	for _, in := range inputs {
		Convert("in.txt", []byte(in), "content", region.Default())
	}
}

// TestTownFromTheFileName checks the last hint for a report that names its
// township nowhere: the file's name and its folder, taken only when the
// table places the name without doubt, marked as derived, with a warning.
func TestTownFromTheFileName(t *testing.T) {
	text := []byte("县委、县政府：\n2023年，我镇在县委、县政府的正确领导下，全面推进法治政府建设。现将有关情况报告如下：\n一、主要举措和成效\n全年办理行政处罚案件5件。\n")
	for _, tt := range []struct{ src, want, path string }{
		{"sources/后叶镇2023年法治政府建设情况报告.txt",
			"sources/后叶镇2023年法治政府建设情况报告.txt: 原件正文没有写明乡镇，乡镇后叶镇是从文件名 sources/后叶镇2023年法治政府建设情况报告.txt 得出的，按 2023 年区划表定为重庆市云阳县后叶镇：请核对",
			"content/500235/500235145-2023.md"},
		{"sources/云阳县后叶镇/2023年报告.txt",
			"sources/云阳县后叶镇/2023年报告.txt: 原件正文没有写明乡镇，乡镇后叶镇是从文件名 sources/云阳县后叶镇/2023年报告.txt 得出的，按 2023 年区划表定为重庆市云阳县后叶镇：请核对",
			"content/500235/500235145-2023.md"},
		// Ambiguous, or only the tail of a longer name: no hint.
		{"sources/兴隆镇2023年报告.txt", "", ""},
		{"sources/天坊镇2023年报告.txt", "", ""},
	} {
		c, err := Convert(tt.src, text, "content", region.Default())
		if tt.want == "" {
			if err == nil {
				t.Errorf("%s: imported as %s (town %s); want a refusal", tt.src, c.Path, c.Meta.Town)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.src, err)
		}
		var got []string
		for _, w := range c.Warnings {
			got = append(got, w.Error())
		}
		if !slices.Contains(got, tt.want) || c.Path != tt.path || !slices.Equal(c.Meta.Derived, []string{"issuer", "province", "city", "county", "town", "year"}) {
			t.Errorf("%s: path %s, derived %v, warnings:\n%s\nwant the warning %q", tt.src, c.Path, c.Meta.Derived, strings.Join(got, "\n"), tt.want)
		}
	}
}

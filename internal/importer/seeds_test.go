package importer

import (
	"reflect"
	"strings"
	"testing"

	"nianbao/internal/content"
)

// wantSection is a top-level section as a reader of the source sees it.
type wantSection struct {
	title string
	kind  string
	subs  int // "###" headings under it
}

// wantSeed is what the five real reports in sources/ hold, read off the
// sources by hand. The README's table of extracted values is this table.
var wantSeeds = map[string]struct {
	path     string
	meta     content.Meta // front matter, less sections, source and hash
	sections []wantSection
	warnings []string
}{
	"000_520d7f9833027cc3": {
		path: "content/500112/500112138-2021.md",
		meta: content.Meta{
			Title:    "重庆市渝北区兴隆镇人民政府 2021 年法治政府建设年度报告",
			Issuer:   "重庆市渝北区兴隆镇人民政府",
			Province: "重庆市", City: "重庆市", County: "渝北区", Town: "兴隆镇", Code: "500112138",
			Year: 2021, Date: "2022-01-10", Recipient: "区政府",
		},
		sections: []wantSection{
			{"一、2021 年推进法治政府建设的主要举措和成效", "measures", 7},
			{"二、2021年主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况", "leadership", 6},
			{"三、2021年推进法治政府建设存在的不足和原因", "shortcomings", 0},
			{"四、2022年推进法治政府建设的工作举措", "plans", 8},
		},
	},
	"001_1b87885d80e1077b": {
		path: "content/510811/510811108-2021.md",
		meta: content.Meta{
			// Issuer line, then "关于…的" and the letter-spaced "报   告".
			Title:    "广元市昭化区昭化镇人民政府关于报送2021年度法治政府建设工作情况的报告",
			Issuer:   "广元市昭化区昭化镇人民政府",
			Province: "四川省", City: "广元市", County: "昭化区", Town: "昭化镇", Code: "510811108",
			// The source ends after the last section: no signature, no date.
			Year: 2021, Recipient: "区人民政府",
			// The issuer names the city and the district, not the province.
			Derived: []string{"province"},
		},
		sections: []wantSection{
			{"一、2021年度推进法治政府建设的主要举措和成效", "measures", 6},
			{"二、2021年度党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况", "leadership", 3},
			{"三、2021年度推进法治政府建设存在的主要问题", "shortcomings", 0},
			{"四、2022年度推进法治政府建设的主要安排", "plans", 5},
		},
		warnings: []string{
			"sources/001_1b87885d80e1077b.txt: 没有找到成文日期：请对照原件，在导入后的 Markdown 文件开头写上 date:（成文日期，如 2022-01-10）",
			"sources/001_1b87885d80e1077b.txt: 昭化镇所属的省（四川省）是按 2023 年区划表补出的，标题和发文机关中没有写：请核对",
		},
	},
	"002_79ead3803c27d682": {
		path: "content/500235/500235145-2024.md",
		meta: content.Meta{
			Title:    "中共云阳县后叶镇委员会 云阳县后叶镇人民政府关于2024年法治政府建设情况的报告",
			Issuer:   "中共云阳县后叶镇委员会、云阳县后叶镇人民政府",
			Issuers:  []string{"中共云阳县后叶镇委员会", "云阳县后叶镇人民政府"},
			Province: "重庆市", City: "重庆市", County: "云阳县", Town: "后叶镇", Code: "500235145",
			Year: 2024, Date: "2025-01-22", Signer: "曾志刚", DocNumber: "后叶委文〔2025〕5号",
			Recipient: "县委、县政府", CC: []string{"县委依法治县办"},
			Printer: "云阳县后叶镇基层治理综合指挥室", Printed: "2025-01-22",
			Derived: []string{"province", "city"},
		},
		sections: []wantSection{
			// （1）（2）（3）（四）…（8）（九): siblings by nesting, whatever the glyph.
			{"一、2024年推进法治政府建设的主要举措和成效", "measures", 9},
			{"二、2024年主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况", "leadership", 4},
			{"三、2024年推进法治政府建设存在的不足", "shortcomings", 3},
			{"四、2025年推进法治政府建设的工作思路目标举措", "plans", 3},
		},
		warnings: []string{"sources/002_79ead3803c27d682.txt: 后叶镇所属的省（重庆市）、市（重庆市）是按 2023 年区划表补出的，标题和发文机关中没有写：请核对"},
	},
	"003_39af7f231e95775a": {
		path: "content/500155/500155106-2020.md",
		meta: content.Meta{
			Title:    "重庆市梁平区袁驿镇人民政府2020年法治政府建设情况报告",
			Issuer:   "重庆市梁平区袁驿镇人民政府",
			Province: "重庆市", City: "重庆市", County: "梁平区", Town: "袁驿镇", Code: "500155106",
			// No recipient, no signature, no date: the text ends with the plans.
			Year: 2020,
		},
		sections: []wantSection{
			{"一、2020年法治政府建设工作情况", "measures", 8},
			{"二、存在的问题和不足", "shortcomings", 0},
			{"三、2021年工作计划", "plans", 0},
		},
		warnings: []string{"sources/003_39af7f231e95775a.txt: 没有找到成文日期：请对照原件，在导入后的 Markdown 文件开头写上 date:（成文日期，如 2022-01-10）"},
	},
	"004_45967ab9b73f81fb": {
		path: "content/500106/500106106-2022.md",
		meta: content.Meta{
			// The issuer line directly above the title line is part of it.
			Title:    "重庆市沙坪坝区回龙坝镇人民政府2022 年法治政府建设情况报告",
			Issuer:   "重庆市沙坪坝区回龙坝镇人民政府",
			Province: "重庆市", City: "重庆市", County: "沙坪坝区", Town: "回龙坝镇", Code: "500106106",
			Year: 2022, Date: "2023-03-22",
		},
		sections: []wantSection{
			{"一、推进法治政府建设的主要举措和成效", "measures", 4},
			{"二、党政主要负责人履行推进法治建设第一责任人职责情况", "leadership", 3},
			{"三、存在不足和原因", "shortcomings", 0},
			{"四、2023年工作思路、目标举措", "plans", 3},
		},
	},
}

func TestSeedsGiveTheExpectedFrontMatterAndSections(t *testing.T) {
	got := seeds(t)
	if len(got) != len(wantSeeds) {
		t.Errorf("sources/ holds %d reports, the test knows %d", len(got), len(wantSeeds))
	}
	for _, s := range got {
		t.Run(s.name, func(t *testing.T) {
			want, ok := wantSeeds[s.name]
			if !ok {
				t.Fatalf("no expectations for sources/%s.txt", s.name)
			}
			if s.conv.Path != want.path {
				t.Errorf("path = %s, want %s", s.conv.Path, want.path)
			}
			f, err := content.Parse(s.conv.Path, s.conv.File)
			if err != nil {
				t.Fatalf("the output does not parse back: %v", err)
			}
			m := f.Meta
			if m.Source != "sources/"+s.name+".txt" || len(m.SourceSHA256) != 64 {
				t.Errorf("source = %q, source_sha256 = %q", m.Source, m.SourceSHA256)
			}
			sections := m.Sections
			m.Sections, m.Source, m.SourceSHA256 = nil, "", ""
			if !reflect.DeepEqual(m, want.meta) {
				t.Errorf("front matter:\n got  %+v\n want %+v", m, want.meta)
			}
			subs := subHeadings(string(f.Body))
			if len(sections) != len(want.sections) || len(subs) != len(want.sections) {
				t.Fatalf("%d sections in front matter, %d in the body; want %d", len(sections), len(subs), len(want.sections))
			}
			for i, w := range want.sections {
				g := sections[i]
				if g.Title != w.title || g.Kind != w.kind || g.ID != content.SectionID(i+1) || subs[i] != w.subs {
					t.Errorf("section %d = %q %s %s with %d ###; want %q %s %s with %d",
						i+1, g.Title, g.Kind, g.ID, subs[i], w.title, w.kind, content.SectionID(i+1), w.subs)
				}
			}
			var warnings []string
			for _, w := range s.conv.Warnings {
				warnings = append(warnings, w.Error())
			}
			if !reflect.DeepEqual(warnings, want.warnings) {
				t.Errorf("warnings = %q, want %q", warnings, want.warnings)
			}
		})
	}
}

// subHeadings counts the "###" headings under each "##" heading of a body.
func subHeadings(body string) []int {
	var n []int
	for _, l := range strings.Split(body, "\n") {
		switch {
		case strings.HasPrefix(l, "## "):
			n = append(n, 0)
		case strings.HasPrefix(l, "### ") && len(n) > 0:
			n[len(n)-1]++
		}
	}
	return n
}

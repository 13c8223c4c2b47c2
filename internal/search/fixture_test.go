package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The fixture loader turns the five raw reports of sources/ into Docs with
// just enough structure for search tests: the metadata is written here by
// hand, sections are cut at lines starting with 一、二、三、…. The real
// importer (internal/report, internal/content) replaces this in the site
// build; it is kept small on purpose.

type fixtureMeta struct {
	file string
	doc  Doc
	// bodyFrom is the start of the first line after the title block.
	bodyFrom string
}

func fixtureMetas() []fixtureMeta {
	return []fixtureMeta{
		{"000_520d7f9833027cc3.txt", Doc{URL: "r/yubei-xinglong/2021/", Title: "重庆市渝北区兴隆镇人民政府2021年法治政府建设年度报告",
			Province: "重庆市", County: "渝北区", Town: "兴隆镇", Issuer: "重庆市渝北区兴隆镇人民政府", Year: 2021}, "区政府："},
		{"001_1b87885d80e1077b.txt", Doc{URL: "r/zhaohua-zhaohua/2021/", Title: "广元市昭化区昭化镇人民政府关于报送2021年度法治政府建设工作情况的报告",
			Province: "四川省", City: "广元市", County: "昭化区", Town: "昭化镇", Issuer: "广元市昭化区昭化镇人民政府", Year: 2021}, "区人民政府："},
		{"002_79ead3803c27d682.txt", Doc{URL: "r/500235145/2024/", Title: "中共云阳县后叶镇委员会 云阳县后叶镇人民政府关于2024年法治政府建设情况的报告",
			Province: "重庆市", County: "云阳县", Town: "后叶镇", Code: "500235145", Issuer: "中共云阳县后叶镇委员会、云阳县后叶镇人民政府",
			Signer: "曾志刚", DocNumber: "后叶委文〔2025〕5号", Year: 2024}, "县委、县政府："},
		{"003_39af7f231e95775a.txt", Doc{URL: "r/liangping-yuanyi/2020/", Title: "重庆市梁平区袁驿镇人民政府2020年法治政府建设情况报告",
			Province: "重庆市", County: "梁平区", Town: "袁驿镇", Issuer: "重庆市梁平区袁驿镇人民政府", Year: 2020}, "2020年,我镇"},
		{"004_45967ab9b73f81fb.txt", Doc{URL: "r/shapingba-huilongba/2022/", Title: "重庆市沙坪坝区回龙坝镇人民政府2022年法治政府建设情况报告",
			Province: "重庆市", County: "沙坪坝区", Town: "回龙坝镇", Issuer: "重庆市沙坪坝区回龙坝镇人民政府", Year: 2022}, "2022 年，回龙坝镇"},
	}
}

// fixtureKind is a tiny copy of content.KindOf (this package imports
// nothing of the module).
func fixtureKind(h string) string {
	for _, r := range []struct{ kind, words string }{
		{"leadership", "第一责任人 主要负责人 履行"},
		{"shortcomings", "不足 问题 差距"},
		{"plans", "安排 计划 思路 打算 目标 下一步 2022年推进 2023年工作"},
		{"measures", "举措 成效 主要工作 工作情况"},
	} {
		for _, w := range strings.Fields(r.words) {
			if strings.Contains(h, w) {
				return r.kind
			}
		}
	}
	return "other"
}

func isHeadingLine(l string) bool {
	i := strings.Index(l, "、")
	if i <= 0 {
		return false
	}
	return strings.Trim(l[:i], "一二三四五六七八九十") == ""
}

// loadFixtures reads the bundled reports.
func loadFixtures(t testing.TB) []Doc {
	t.Helper()
	var docs []Doc
	for _, fm := range fixtureMetas() {
		data, err := os.ReadFile(filepath.Join("..", "..", "sources", fm.file))
		if err != nil {
			t.Fatalf("read fixture: %v", err)
		}
		text := strings.ReplaceAll(string(data), "\r\n", "\n")
		text = strings.ReplaceAll(text, "[bookmark: _GoBack]", "")
		d := fm.doc
		cur := &Section{} // the lead
		started := false
		for _, line := range strings.Split(text, "\n") {
			l := strings.Trim(line, " \t\u3000")
			if !started {
				if !strings.HasPrefix(l, fm.bodyFrom) {
					continue
				}
				started = true
			}
			if isHeadingLine(l) {
				d.Sections = append(d.Sections, *cur)
				n := len(d.Sections)
				cur = &Section{ID: "s" + string(rune('0'+n)), Title: l, Kind: fixtureKind(l)}
				continue
			}
			if l != "" {
				cur.Text += l + "\n"
			}
		}
		if !started {
			t.Fatalf("fixture %s: no line starts with %q", fm.file, fm.bodyFrom)
		}
		d.Sections = append(d.Sections, *cur)
		docs = append(docs, d)
	}
	return docs
}

func TestFixtures(t *testing.T) {
	docs := loadFixtures(t)
	if len(docs) != 5 {
		t.Fatalf("got %d docs", len(docs))
	}
	for _, d := range docs {
		if len(d.Sections) < 4 {
			t.Errorf("%s: %d sections", d.URL, len(d.Sections))
		}
		kinds := map[string]bool{}
		for _, s := range d.Sections[1:] {
			kinds[s.Kind] = true
		}
		if !kinds["measures"] || !kinds["shortcomings"] || !kinds["plans"] {
			t.Errorf("%s: kinds %v", d.URL, kinds)
		}
	}
}

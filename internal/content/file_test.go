package content

import (
	"reflect"
	"strings"
	"testing"
)

// Front matter written by Marshal reads back equal, whatever the values
// hold: colons, quotes, YAML keywords, numbers with leading zeros, dates,
// line breaks, tabs. (Control characters are never written: the importer
// removes them from the text, and Parse refuses them,
// TestFrontMatterRefusesControlCharacters.)
func TestFrontMatterRoundTrips(t *testing.T) {
	odd := []string{
		"区政府：", "a: b", `"引号"`, "'单引号'", "null", "yes", "no", "~", "0123", "2022-01-10", "1e3",
		"- 列表", "# 注释", "| 竖线", "> 大于", "&锚", "*别名", "!标签", "%指令", "@at", "`反引号`",
		"两行\n文字", " 前后空格 ", "\t制表", "\u2028行分隔", "\ufeffBOM", "{}", "[]", "---",
	}
	for _, v := range odd {
		m := Meta{
			Title: v, Issuer: v, Issuers: []string{v, v + "2"}, Town: v, Code: "500235145", Year: 2024,
			Date: "2025-01-22", Signer: v, DocNumber: v, Recipient: v, CC: []string{v}, Printer: v,
			Printed: "2025-01-22", IndexNumber: v, Published: v,
			Sections: []Section{{Title: v, Kind: KindOther, ID: SectionID(1)}}, Source: v, SourceSHA256: v,
		}
		file, err := Marshal(&m, []byte("正文。\n"))
		if err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		f, err := Parse("x.md", file)
		if err != nil {
			t.Fatalf("%q: %v\n%s", v, err, file)
		}
		if !reflect.DeepEqual(f.Meta, m) {
			t.Errorf("%q does not round-trip:\n wrote %+v\n read  %+v\n%s", v, m, f.Meta, file)
		}
		if strings.TrimPrefix(string(f.Body), "\n") != "正文。\n" {
			t.Errorf("%q: body %q", v, f.Body)
		}
	}
}

func TestFrontMatterAcceptsChineseKeys(t *testing.T) {
	file := "\ufeff---\n标题: 关于2023年度法治政府建设情况的报告\n发文机关: 云阳县后叶镇人民政府\n签发人: 曾志刚\n" +
		"发文字号: 后叶委文〔2025〕5号\n成文日期: 2025-01-22\n主送机关: 县委、县政府\n抄送: 县委依法治县办\n年度: 2024年\n" +
		"镇: 后叶镇\n区县: 云阳县\n市: 重庆市\n省: 重庆市\n---\n\n正文。\n"
	f, err := Parse("x.md", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	want := Meta{
		Title: "关于2023年度法治政府建设情况的报告", Issuer: "云阳县后叶镇人民政府", Signer: "曾志刚",
		DocNumber: "后叶委文〔2025〕5号", Date: "2025-01-22", Recipient: "县委、县政府", CC: []string{"县委依法治县办"},
		Year: 2024, Town: "后叶镇", County: "云阳县", City: "重庆市", Province: "重庆市",
	}
	if !reflect.DeepEqual(f.Meta, want) {
		t.Errorf("got  %+v\nwant %+v", f.Meta, want)
	}
	for _, key := range []string{"乡镇", "街道"} {
		f, err := Parse("x.md", []byte("---\n"+key+": 三合街道\n---\n"))
		if err != nil || f.Meta.Town != "三合街道" {
			t.Errorf("%s: %+v, %v", key, f, err)
		}
	}
}

func TestFrontMatterErrorsNameTheLine(t *testing.T) {
	tests := []struct{ file, want string }{
		{"正文", "x.md:1: 文件第一行不是 ---，读不到文件开头的信息：请在第一行写 ---，下面写报告的信息（title: 等），再以一行 --- 结束"},
		{"---title: a\n---\n", "x.md:1: 文件第一行不是 ---，读不到文件开头的信息：请在第一行写 ---，下面写报告的信息（title: 等），再以一行 --- 结束"},
		{"---\n---\n正文", "x.md:1: 文件开头的信息是空的：请在两行 --- 之间写上报告的信息，至少有 year:（报告年度）和 town:（乡镇名称）"},
		{"---\n- a\n---\n", "x.md:2: 文件开头的信息不是“键: 值”的写法：请每行写一项，例如 year: 2024"},
		{"---\ntitle: a\n", "x.md:1: 文件开头的信息没有以一行 --- 结束：请在信息的最后一项之后加一行 ---"},
		{"---\ntitle: a\n作者: b\n---\n", "x.md:3: 文件开头的信息中没有 \"作者\" 这一项（可能拼错了）：请改正拼写，或删去这一行"},
		{"---\ntitle: a\n标题: b\n---\n", "x.md:3: 文件开头的信息中，\"标题\" 写了两次（第一次在第 2 行）：请删去其中一处"},
		{"---\nyear: 二〇二四\n---\n", "x.md:2: 报告年度 \"二〇二四\" 不是数字：请写成阿拉伯数字的年份，例如 year: 2024"},
		// Saved as GBK by an editor: "法治" in GBK is B7 A8 D6 CE. A stray
		// byte before a line end once panicked goldmark's CJK line breaks.
		{"---\nyear: 2024\n---\n正文\n\xb7\xa8\xd6\xce\n", "x.md:5: 这一行有不是 UTF-8 编码的文字，文件可能被编辑器另存成了 GBK 等编码：请用记事本等编辑器打开这个文件，确认文字正常后另存为 UTF-8 编码"},
		{"---\ntitle: \xb5\n---\n", "x.md:2: 这一行有不是 UTF-8 编码的文字，文件可能被编辑器另存成了 GBK 等编码：请用记事本等编辑器打开这个文件，确认文字正常后另存为 UTF-8 编码"},
	}
	for _, tt := range tests {
		_, err := Parse("x.md", []byte(tt.file))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Parse(%q) = %v, want %q", tt.file, err, tt.want)
		}
	}
}

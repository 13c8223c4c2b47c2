package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestBuildRefusesWhatImportRefuses checks, word for word, the messages of
// the rules a content file shares with the importer (content.CheckYear,
// content.CheckTown), as a hand-written file meets them.
func TestBuildRefusesWhatImportRefuses(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	files := fixtureContent()
	for name, data := range map[string]string{
		"cq/1900.md":     "---\ntown: 龙角镇\ncode: \"500235105\"\nyear: 1900\n---\n\n正文。\n",
		"cq/2300.md":     "---\ntown: 龙角镇\ncode: \"500235105\"\n年度: 2300年\n---\n\n正文。\n",
		"cq/no-year.md":  "---\ntown: 龙角镇\ncode: \"500235105\"\n---\n\n正文。\n",
		"cq/bad-code.md": "---\ntown: 龙角镇\ncode: \"5002351\"\nyear: 2019\n---\n\n正文。\n",
		"cq/no-town.md":  "---\ntitle: 关于2018年度法治政府建设情况的报告\nyear: 2018\n---\n\n正文。\n",
	} {
		files[name] = &fstest.MapFile{Data: []byte(data)}
	}
	cfg.Content = files
	// None of them was published before, so each is left out and the
	// rest of the site is published.
	res := build(t, cfg)
	var got []string
	for _, p := range res.Refused {
		got = append(got, p.Error())
	}
	want := []string{
		"content/cq/1900.md:4: 报告年度 1900 不合理（应在 1949 到 2200 之间）：请改正 year: 中的年份",
		"content/cq/2300.md:4: 报告年度 2300 不合理（应在 1949 到 2200 之间）：请改正 year: 中的年份",
		"content/cq/bad-code.md:3: 统计用区划代码 \"5002351\" 不是 9 位数字：请改为乡镇（街道）的 9 位统计用区划代码，或删去 code: 这一行",
		"content/cq/no-town.md:1: 看不出报告是哪个乡镇（街道）的：请在文件开头写上 town:（乡镇名称）和 county:（区县），或 code:（9 位统计用区划代码）",
		"content/cq/no-year.md:1: 没有报告年度：请在文件开头写上报告所说的年度，例如 year: 2021",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("refused\n got  %q\n want %q", got, want)
	}
}

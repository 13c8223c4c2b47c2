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
		"content/cq/1900.md:4: year 1900 is not a plausible report year (1949 to 2200): correct the year",
		"content/cq/2300.md:4: year 2300 is not a plausible report year (1949 to 2200): correct the year",
		"content/cq/bad-code.md:3: code \"5002351\" is not a 9-digit township code",
		"content/cq/no-town.md:1: cannot tell which township the report is about: add \"town:\" and \"county:\" (or \"code:\") to the front matter",
		"content/cq/no-year.md:1: year is missing: give the year the report is about, e.g. \"year: 2021\"",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("refused\n got  %q\n want %q", got, want)
	}
}

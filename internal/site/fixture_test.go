package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"nianbao/internal/region"
)

// The fixture site: five towns in two provinces, written the way the
// importer writes content files and the way staff write them by hand.
//
//	500112138 兴隆镇 (重庆市 渝北区)   2021, 2022 (2022 holds hostile text)
//	500235105 龙角镇 (重庆市 云阳县)   2022
//	500235145 后叶镇 (重庆市 云阳县)   2021, 2022, 2024 — 2023 is missing
//	510811100 元坝镇 (四川省 广元市 昭化区) 2022, code only
//	510811108 昭化镇 (四川省 广元市 昭化区) 2021, 2022, hand-written: Chinese keys, no code, no sections

// body writes a report body with the four usual parts; the words name the
// town and year so that tests can tell sections apart.
func body(town string, year int) string {
	return fmt.Sprintf(`%[2]d年，%[1]s坚持以习近平新时代中国特色社会主义思想为指导，全面推进法治政府建设。现将有关情况报告如下：

## 一、%[2]d年推进法治政府建设的主要举措和成效

### （一）坚持依法行政

一是规范决策程序。%[1]s%[2]d年举措甲。二是推动政务公开，主动公开政府信息。

### （二）强化普法宣传

%[1]s%[2]d年举措乙：开展“八五”普法宣传活动。

#### 1.宪法宣传周

组织宪法宣誓活动。

## 二、党政主要负责人履行推进法治建设第一责任人职责情况

%[1]s%[2]d年履职：党政主要负责人带头学法。

## 三、存在的不足和原因

%[1]s%[2]d年不足：法治宣传的针对性有待提高。

## 四、%[3]d年工作安排

%[1]s%[2]d年安排：继续深化依法行政。
`, town, year, year+1)
}

// frontMatter writes the importer's front matter for a town.
func frontMatter(title, province, city, county, town, code string, year int, date string, extra string) string {
	return fmt.Sprintf(`---
title: %s
issuer: %s人民政府
province: %s
city: %s
county: %s
town: %s
code: "%s"
year: %d
date: "%s"
signer: 张三
doc_number: 文〔%d〕1号
recipient: 区政府
sections:
  - {title: 一、%d年推进法治政府建设的主要举措和成效, kind: measures, id: s1}
  - {title: 二、党政主要负责人履行推进法治建设第一责任人职责情况, kind: leadership, id: s2}
  - {title: 三、存在的不足和原因, kind: shortcomings, id: s3}
  - {title: 四、%d年工作安排, kind: plans, id: s4}
%s---

`, title, town, province, city, county, town, code, year, date, year+1, year, year+1, extra)
}

func reportFile(province, city, county, town, code string, year int, date, extra, text string) string {
	title := fmt.Sprintf("%s%s人民政府%d年法治政府建设年度报告", county, town, year)
	return frontMatter(title, province, city, county, town, code, year, date, extra) + text
}

// hostile is report text that must come out as plain text.
const hostile = `
<script>alert("x")</script>

正文里有<b>标签</b>和<img src=x onerror=alert(1)>，还有[点这里](javascript:alert(1))与{{ .Site.Name }}及{{template "x"}}。

<div onclick="alert(1)">整块HTML</div>
`

// fixtureContent is the content directory of the fixture site.
func fixtureContent() fstest.MapFS {
	files := map[string]string{
		"cq/500112138-2021.md": reportFile("重庆市", "重庆市", "渝北区", "兴隆镇", "500112138", 2021, "2022-01-10",
			"source: sources/xinglong-2021.txt\n", body("兴隆镇", 2021)),
		"cq/500112138-2022.md": reportFile("重庆市", "重庆市", "渝北区", "兴隆镇", "500112138", 2022, "2023-01-12", "published: 2023-02-01 09:30\n",
			body("兴隆镇", 2022)+hostile),
		"cq/500235105-2022.md": reportFile("重庆市", "重庆市", "云阳县", "龙角镇", "500235105", 2022, "2023-02-15", "", body("龙角镇", 2022)),
		"cq/500235145-2021.md": reportFile("重庆市", "重庆市", "云阳县", "后叶镇", "500235145", 2021, "2022-01-20", "", body("后叶镇", 2021)),
		"cq/500235145-2022.md": reportFile("重庆市", "重庆市", "云阳县", "后叶镇", "500235145", 2022, "2023-01-18", "", body("后叶镇", 2022)),
		"cq/500235145-2024.md": reportFile("重庆市", "重庆市", "云阳县", "后叶镇", "500235145", 2024, "2025-01-22",
			"cc: [县委依法治县办]\nprinter: 后叶镇党政办\nprinted: 2025-01-22\n", body("后叶镇", 2024)),
		"sc/510811100-2022.md": `---
title: 元坝镇2022年法治政府建设年度报告
town: 元坝镇
code: "510811100"
year: 2022
date: 2023-03-01
---

` + body("元坝镇", 2022),
		// Hand-written by staff: Chinese keys, no code, no sections.
		"sc/昭化镇-2021.md": "\ufeff---\n镇: 昭化镇\n区县: 昭化区\n市: 广元市\n省: 四川省\n年度: 2021年\n成文日期: 2022年2月8日\n标题: 广元市昭化区昭化镇人民政府关于报送2021年度法治政府建设工作情况的报告\n---\n\n" + body("昭化镇", 2021),
		"sc/昭化镇-2022.md": "---\n镇: 昭化镇\n区县: 昭化区\n年度: 2022\n---\n\n" + body("昭化镇", 2022),
		"README.md":      "Notes for staff, not a report.\n",
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// fixtureRoot holds the source file one report names.
func fixtureRoot() fstest.MapFS {
	return fstest.MapFS{
		"sources/xinglong-2021.txt": {Data: []byte("重庆市渝北区兴隆镇人民政府 2021 年法治政府建设年度报告\n")},
	}
}

func fixtureSettings() Settings {
	s, err := ParseSettings("site.yaml", []byte(`
name: 法治政府建设年度报告
base_url: https://www.example.gov.cn/zwgk/fzzfjsnb/
description: 乡镇法治政府建设年度报告
intro: 各乡镇每年公开上一年度法治政府建设情况。
portal: {name: 示例区人民政府门户网站, url: "https://www.example.gov.cn/"}
organizer: 示例区司法局
site_id_code: "5001070012"
icp: 渝ICP备00000000号
icp_url: https://beian.miit.gov.cn/
psb: 渝公网安备50000000000000号
contact: {phone: 023-00000000, email: zwgk@example.gov.cn}
column: {name: 法治政府建设年度报告, description: 年度报告, keywords: 法治政府, type: 政务公开}
`))
	if err != nil {
		panic(err)
	}
	return s
}

// fixtureConfig builds the fixture site with the repository's own
// templates and assets, into a new directory under the test's temp dir.
func fixtureConfig(t testing.TB, basePath string) Config {
	t.Helper()
	return Config{
		Content:      fixtureContent(),
		ContentDir:   "content",
		Root:         fixtureRoot(),
		SourcesDir:   "sources",
		Templates:    os.DirFS(filepath.Join("..", "..", "templates")),
		TemplatesDir: "templates",
		Assets:       os.DirFS(filepath.Join("..", "..", "assets")),
		AssetsDir:    "assets",
		Out:          filepath.Join(t.TempDir(), "public"),
		Settings:     fixtureSettings(),
		BasePath:     basePath,
		Regions:      region.Default(),
		Workers:      2,
	}
}

// build builds cfg and fails the test on any problem.
func build(t *testing.T, cfg Config) *Result {
	t.Helper()
	res, err := Build(cfg)
	if err != nil {
		var msgs []string
		for _, p := range res.Problems {
			msgs = append(msgs, p.Error())
		}
		t.Fatalf("build: %v\n%s", err, strings.Join(msgs, "\n"))
	}
	return res
}

// failingBuild builds cfg, which must fail, and returns its problems, a
// line each.
func failingBuild(t *testing.T, cfg Config) string {
	t.Helper()
	res, err := Build(cfg)
	if err == nil {
		t.Fatal("the build succeeded")
	}
	var msgs []string
	for _, p := range res.Problems {
		msgs = append(msgs, p.Error())
	}
	return strings.Join(msgs, "\n")
}

// read returns a file of the built site.
func read(t *testing.T, cfg Config, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(cfg.Out, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

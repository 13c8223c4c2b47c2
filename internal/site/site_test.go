package site

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"nianbao/internal/sitecheck"
)

// TestLinksResolve builds the fixture site at the root and under a
// portal's sub-path and checks every page: links, fragments, lang, one h1,
// unique IDs, no inline script or style, nothing from another origin.
//
// checkSite runs internal/sitecheck's link and page checks, as build
// -check does, and fails the test on each problem; it returns how many
// links and pages they looked at.
func checkSite(t *testing.T, cfg Config) (links, pages int) {
	t.Helper()
	st := cfg.Settings
	o, err := sitecheck.NewOptions(st.BaseURL, cfg.BasePath, st.Portal.URL, st.ICPURL, st.PSBURL)
	if err != nil {
		t.Fatal(err)
	}
	l, p, err := sitecheck.CheckBuilt(cfg.Out, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, pr := range append(l.Problems, p.Problems...) {
		if pr.File == dateless && (strings.Contains(pr.Message, "PubDate") || strings.Contains(pr.Message, "no visible date")) {
			continue
		}
		t.Error(pr)
	}
	return l.Checked, p.Checked
}

// dateless is the fixture's report whose source gives no date at all: the
// page rules want a date on every report page, and the site shows 未注明
// rather than invent one.
const dateless = "towns/510811108/2022/index.html"

func TestLinksResolve(t *testing.T) {
	for _, base := range []string{"/", "/zwgk/fzzfjsnb/"} {
		t.Run(base, func(t *testing.T) {
			cfg := fixtureConfig(t, base)
			build(t, cfg)
			links, pages := checkSite(t, cfg)
			if pages < 40 || links < 1000 {
				t.Errorf("checked %d pages and %d links; the fixture site has more", pages, links)
			}
			home := read(t, cfg, "index.html")
			if !strings.Contains(home, `href="`+base+`towns/500235145/"`) {
				t.Errorf("home page links are not under %s", base)
			}
		})
	}
}

// TestPages checks that every page of the URL scheme exists.
func TestPages(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	res := build(t, cfg)
	if res.Reports != 9 || res.Towns != 5 {
		t.Errorf("built %d reports of %d towns, want 9 of 5", res.Reports, res.Towns)
	}
	for _, name := range []string{
		"index.html", "404.html", "sitemap.xml", "robots.txt", "feed.xml",
		"data/index.html", "data/reports.json", "data/reports.csv", "search/index.html",
		"towns/500235145/index.html", "towns/500235145/2021/index.html", "towns/500235145/2024/index.html",
		"towns/500235145/2021/report.md", "towns/500112138/2021/source.txt",
		"regions/500000/index.html", "regions/500235/index.html", // a municipality: no city level
		"regions/510000/index.html", "regions/510800/index.html", "regions/510811/index.html",
		"years/2021/index.html", "years/2022/index.html", "years/2024/index.html",
		"compare/index.html", "compare/2022/shortcomings/index.html", "compare/2021/measures/index.html",
		"towns/500235145/shortcomings/index.html", "towns/500235145/plans/index.html",
		"towns/500235145/plan-2021/index.html", "towns/510811108/plan-2021/index.html",
	} {
		if _, err := os.Stat(filepath.Join(cfg.Out, name)); err != nil {
			t.Errorf("missing %s", name)
		}
	}
	for _, name := range []string{
		"years/2023/index.html",                   // no report is about 2023
		"compare/2024/shortcomings/index.html",    // only one town reported on 2024
		"towns/500235145/plan-2022/index.html",    // 2023 is missing, so 2022's plans have no delivery
		"towns/500235105/shortcomings/index.html", // one report only
		"regions/500100/index.html",               // 重庆's counties sit directly under the province
		"README/index.html", "towns/README/index.html",
	} {
		if _, err := os.Stat(filepath.Join(cfg.Out, name)); err == nil {
			t.Errorf("unexpected %s", name)
		}
	}
	want := map[string]int{"report": 9, "town": 5, "home": 1, "404": 1, "compare-plan": 3}
	for _, c := range res.Pages {
		if n, ok := want[c.Kind]; ok && n != c.Files {
			t.Errorf("%d %s pages, want %d", c.Files, c.Kind, n)
		}
	}
}

// TestReportPage checks the parts of a report page the issue lists.
func TestReportPage(t *testing.T) {
	cfg := fixtureConfig(t, "/zwgk/fzzfjsnb/")
	build(t, cfg)
	doc := parseHTML(t, read(t, cfg, "towns/500235145/2024/index.html"))

	h1 := findAll(doc, tag("h1"))
	if len(h1) != 1 || textOf(h1[0]) != "云阳县后叶镇人民政府2024年法治政府建设年度报告" {
		t.Fatalf("h1 = %v", h1)
	}
	table := findAll(doc, withClass("table", "docmeta"))
	if len(table) != 1 {
		t.Fatal("no metadata table")
	}
	rows := map[string]string{}
	for _, tr := range findAll(table[0], tag("tr")) {
		th, td := findAll(tr, tag("th")), findAll(tr, tag("td"))
		rows[textOf(th[0])] = textOf(td[0])
	}
	for k, v := range map[string]string{
		"发文机关": "后叶镇人民政府", "发文字号": "文〔2025〕1号", "签发人": "张三", "主送机关": "区政府",
		"成文日期": "2025-01-22", "主题分类": "法治政府建设年度报告",
	} {
		if rows[k] != v {
			t.Errorf("metadata %s = %q, want %q", k, rows[k], v)
		}
	}
	if _, ok := rows["索引号"]; ok {
		t.Error("索引号 shown although unknown")
	}

	// The table of contents links to every heading, and every heading has
	// its positional ID.
	toc := findAll(doc, withClass("nav", "toc"))[0]
	links := hrefs(toc)
	for _, id := range []string{"s1", "s1-1", "s1-2", "s1-2-1", "s2", "s3", "s4"} {
		if !contains(links, "#"+id) {
			t.Errorf("table of contents lacks #%s", id)
		}
		if byID(doc, id) == nil {
			t.Errorf("no element with id %s", id)
		}
	}
	if h := byID(doc, "s3"); h == nil || h.Data != "h2" || textOf(h) != "三、存在的不足和原因" {
		t.Errorf("s3 is %v", h)
	}
	if h := byID(doc, "s1-2-1"); h == nil || h.Data != "h4" {
		t.Errorf("#### heading is not h4: %v", h)
	}

	// Each top-level section shows its kind.
	kinds := findAll(doc, withClass("span", "kind"))
	var labels []string
	for _, k := range kinds {
		labels = append(labels, textOf(k))
	}
	if strings.Join(labels, "|") != "本部分类别：主要举措和成效|本部分类别：第一责任人履职|本部分类别：存在的不足|本部分类别：下一年度安排" {
		t.Errorf("kind labels = %q", labels)
	}

	// The timeline runs from the first report to the last, the missing
	// year included, with previous and next links.
	tl := findAll(doc, withClass("ol", "timeline"))[0]
	if got := textOf(tl); got != "2021年度 2022年度 2023年度 未收录 2024年度（本篇）" {
		t.Errorf("timeline = %q", got)
	}
	// The same years, and the comparisons, under the title, before the
	// table of contents and the text: on a phone they would otherwise come
	// after the whole report.
	bars := findAll(doc, withClass("nav", "yearbar"))
	if len(bars) != 1 {
		t.Fatalf("%d year bars", len(bars))
	}
	if got := textOf(bars[0]); !strings.HasPrefix(got, "后叶镇历年报告： 2021年度 2022年度 2023年度 未收录 2024年度 对照阅读（") {
		t.Errorf("year bar = %q", got)
	}
	if l := hrefs(bars[0]); !contains(l, "/zwgk/fzzfjsnb/towns/500235145/2021/") || !contains(l, "#cmp-h") {
		t.Errorf("year bar links %q", l)
	}
	// 朗读 is offered only by the script, where the browser has a Chinese
	// voice: three buttons, hidden in the page as built.
	if ra := findAll(doc, func(n *html.Node) bool { return getAttrOK(n, "data-readaloud") }); len(ra) != 1 || !getAttrOK(ra[0], "hidden") || len(findAll(ra[0], tag("button"))) != 3 {
		t.Error("the 朗读 controls must be three buttons, hidden without the script")
	}
	var navs []string // in document order
	for _, n := range findAll(doc, tag("nav")) {
		navs = append(navs, getAttr(n, "class"))
	}
	if i, j := slices.Index(navs, "yearbar"), slices.Index(navs, "toc"); i < 0 || j < 0 || i > j {
		t.Errorf("navigation in the order %q: the year bar must come before the table of contents", navs)
	}
	prev := findAll(doc, func(n *html.Node) bool { return getAttr(n, "rel") == "prev" })
	if len(prev) != 1 || getAttr(prev[0], "href") != "/zwgk/fzzfjsnb/towns/500235145/2022/" {
		t.Errorf("previous link = %v", prev)
	}
	if next := findAll(doc, func(n *html.Node) bool { return getAttr(n, "rel") == "next" }); len(next) != 0 {
		t.Error("the newest report has a next link")
	}

	// Signature, 抄送 and 印发 as the document has them.
	if sig := findAll(doc, withClass("div", "signature")); len(sig) != 1 || textOf(sig[0]) != "后叶镇人民政府 2025年1月22日" {
		t.Errorf("signature = %v", sig)
	}
	if end := findAll(doc, withClass("div", "doc-end")); len(end) != 1 || !strings.Contains(textOf(end[0]), "抄送：县委依法治县办。") {
		t.Error("no 抄送 line")
	}

	// Downloads: the Markdown always, the source when there is one.
	md := hrefs(findAll(doc, withClass("aside", "report-side"))[0])
	if !contains(md, "/zwgk/fzzfjsnb/towns/500235145/2024/report.md") {
		t.Errorf("no Markdown download in %q", md)
	}
	xl := parseHTML(t, read(t, cfg, "towns/500112138/2021/index.html"))
	if !contains(hrefs(xl), "/zwgk/fzzfjsnb/towns/500112138/2021/source.txt") {
		t.Error("no source download")
	}
	if got := read(t, cfg, "towns/500112138/2021/source.txt"); !strings.HasPrefix(got, "重庆市渝北区兴隆镇") {
		t.Errorf("source copy = %q", got)
	}
}

// TestReportLinksToComparisons checks that a report page links to every
// comparison that includes it, at the report's own block.
func TestReportLinksToComparisons(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	build(t, cfg)
	links := hrefs(parseHTML(t, read(t, cfg, "towns/500235145/2022/index.html")))
	for _, want := range []string{
		"/compare/2022/measures/#t500235145",
		"/compare/2022/shortcomings/#t500235145",
		"/compare/2022/plans/#t500235145",
		"/towns/500235145/shortcomings/#y2022",
		"/towns/500235145/plan-2021/", // 2022's measures against 2021's plans
	} {
		if !contains(links, want) {
			t.Errorf("report 2022 does not link to %s", want)
		}
	}
	town := hrefs(parseHTML(t, read(t, cfg, "towns/500235145/index.html")))
	for _, want := range []string{"/towns/500235145/shortcomings/", "/towns/500235145/plan-2021/", "/compare/2021/shortcomings/#t500235145"} {
		if !contains(town, want) {
			t.Errorf("town page does not link to %s", want)
		}
	}
}

// TestTownTimeline checks the town page: one entry a year, newest first,
// the year the site has no report for shown as not collected (未收录, never
// "not published", which the site cannot know), dates, lead sentences and
// outlines.
func TestTownTimeline(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	build(t, cfg)
	doc := parseHTML(t, read(t, cfg, "towns/500235145/index.html"))
	entries := findAll(doc, func(n *html.Node) bool { return n.Data == "li" && strings.HasPrefix(getAttr(n, "id"), "y") })
	var years []string
	for _, e := range entries {
		years = append(years, getAttr(e, "id"))
	}
	if strings.Join(years, " ") != "y2024 y2023 y2022 y2021" {
		t.Fatalf("timeline years = %v", years)
	}
	if got := textOf(entries[1]); !strings.Contains(got, "未收录") || strings.Contains(got, "未发布") {
		t.Errorf("2023 entry = %q", got)
	}
	first := textOf(entries[3])
	for _, want := range []string{"成文日期：2022-01-20", "2021年，后叶镇坚持以习近平新时代中国特色社会主义思想为指导，全面推进法治政府建设。", "三、存在的不足和原因 存在的不足"} {
		if !strings.Contains(first, want) {
			t.Errorf("2021 entry lacks %q: %q", want, first)
		}
	}
	if !contains(hrefs(entries[3]), "/towns/500235145/2021/#s3") {
		t.Error("outline does not link to the sections")
	}
}

// TestRegionGrid checks the town × year grid of region pages.
func TestRegionGrid(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	build(t, cfg)
	doc := parseHTML(t, read(t, cfg, "regions/500235/index.html"))
	rows := findAll(findAll(doc, withClass("table", "grid"))[0], tag("tr"))
	var got []string
	for _, r := range rows {
		got = append(got, textOf(r))
	}
	want := []string{
		"乡镇（街道） 2021年 2022年 2023年 2024年",
		"龙角镇 查看 未收录 未收录",
		"后叶镇 查看 查看 未收录 查看",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("grid:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The province page groups towns by county and lists its counties.
	prov := read(t, cfg, "regions/500000/index.html")
	for _, s := range []string{"渝北区", "云阳县", "兴隆镇", "后叶镇", `href="/regions/500235/"`} {
		if !strings.Contains(prov, s) {
			t.Errorf("province page lacks %s", s)
		}
	}
	city := read(t, cfg, "regions/510800/index.html")
	if !strings.Contains(city, "昭化镇") || !strings.Contains(city, "元坝镇") {
		t.Error("city page lacks its towns")
	}
}

// TestYearPage checks that a year lists every report about it, grouped by
// region in code order.
func TestYearPage(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	build(t, cfg)
	doc := parseHTML(t, read(t, cfg, "years/2022/index.html"))
	var groups []string
	for _, h := range findAll(doc, tag("h2")) {
		groups = append(groups, textOf(h))
	}
	want := "重庆市 渝北区|重庆市 云阳县|四川省 广元市 昭化区|2022年度对照阅读"
	if strings.Join(groups, "|") != want {
		t.Errorf("groups = %q, want %q", strings.Join(groups, "|"), want)
	}
	text := textOf(doc)
	for _, town := range []string{"兴隆镇", "龙角镇", "后叶镇", "元坝镇", "昭化镇"} {
		if !strings.Contains(text, town) {
			t.Errorf("2022 lacks %s", town)
		}
	}
}

// TestComparisons checks the three kinds of comparison pages: neutral
// order, each town's heading wording, links back to the full sections.
func TestComparisons(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	build(t, cfg)

	// The hub lists the towns' own comparisons too, not only the years'.
	hub := parseHTML(t, read(t, cfg, "compare/index.html"))
	if !contains(hrefs(hub), "/towns/500235145/#cmp-h") || !strings.Contains(textOf(hub), "后叶镇 重庆市 云阳县") {
		t.Errorf("the hub does not list 后叶镇's comparisons: %q", textOf(hub))
	}

	doc := parseHTML(t, read(t, cfg, "compare/2022/shortcomings/index.html"))
	var towns []string
	for _, e := range findAll(doc, withClass("article", "cmp-entry")) {
		towns = append(towns, getAttr(e, "id"))
	}
	if strings.Join(towns, " ") != "t500112138 t500235105 t500235145 t510811100 t510811108" {
		t.Errorf("towns in order %v", towns)
	}
	// The page leads with what can be compared at a glance: each town's
	// sub-headings, its name linking down to its text, which is folded
	// under a summary (open as built; the script folds it on a phone).
	outline := findAll(doc, withClass("section", "cmp-outline"))
	if len(outline) != 1 || !contains(hrefs(outline[0]), "#t500235145") {
		t.Error("no outline of the towns leads the comparison")
	}
	folds := findAll(doc, withClass("details", "cmp-fold"))
	if len(folds) == 0 || !getAttrOK(folds[0], "open") || !getAttrOK(folds[0], "data-fold-narrow") {
		t.Error("the towns' texts are not in folds open as built")
	}
	hx := byID(doc, "t500235145")
	text := textOf(hx)
	for _, want := range []string{"后叶镇", "原标题：三、存在的不足和原因", "后叶镇2022年不足"} {
		if !strings.Contains(text, want) {
			t.Errorf("后叶镇 block lacks %q: %s", want, text)
		}
	}
	if strings.Contains(text, "后叶镇2022年举措甲") {
		t.Error("the shortcomings comparison shows measures")
	}
	if !contains(hrefs(hx), "/towns/500235145/2022/#s3") {
		t.Error("no link back to the section")
	}
	// Sections shown together carry no IDs of their own, which would repeat.
	if n := len(findAll(doc, func(n *html.Node) bool { return n.Data == "h3" && getAttr(n, "id") != "" })); n != 0 {
		t.Errorf("%d sub-headings with IDs on a comparison page", n)
	}

	town := textOf(parseHTML(t, read(t, cfg, "towns/500235145/shortcomings/index.html")))
	i21, i23, i24 := strings.Index(town, "后叶镇2021年不足"), strings.Index(town, "2023年度 本站未收录该年度报告"), strings.Index(town, "后叶镇2024年不足")
	if i21 < 0 || i23 < i21 || i24 < i23 {
		t.Errorf("town comparison not in year order with 2023 未收录: %d %d %d", i21, i23, i24)
	}

	plan := textOf(parseHTML(t, read(t, cfg, "towns/500235145/plan-2021/index.html")))
	ip, im := strings.Index(plan, "后叶镇2021年安排"), strings.Index(plan, "后叶镇2022年举措甲")
	if ip < 0 || im < ip {
		t.Errorf("plan page does not set 2021's plans before 2022's measures")
	}
	if strings.Contains(plan, "后叶镇2022年安排") {
		t.Error("plan page shows the delivery year's plans")
	}
	// Each plan is set beside the passage of the next year's measures
	// that shares its wording, as a suggestion; the page never speaks of
	// left and right, which a phone stacks.
	planDoc := parseHTML(t, read(t, cfg, "towns/500235145/plan-2021/index.html"))
	rows := findAll(planDoc, withClass("ol", "plan-list"))
	if len(rows) != 1 || !strings.Contains(textOf(rows[0]), "后叶镇2021年安排：继续深化依法行政。 （一）坚持依法行政") {
		t.Errorf("plan rows: %q", textOf(planDoc))
	}
	if strings.Contains(plan, "左侧") || strings.Contains(plan, "右侧") {
		t.Error("the plan page speaks of left and right")
	}
	for _, word := range []string{"排名", "得分", "评分"} {
		if strings.Contains(strings.ReplaceAll(plan+town, "不作评价或排名", ""), word) {
			t.Errorf("a comparison page %s", word)
		}
	}
}

// TestCompareSplit checks that a comparison with more towns than
// CompareSplit becomes one page per county with an index.
func TestCompareSplit(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	cfg.Settings.CompareSplit = 2
	build(t, cfg)
	index := parseHTML(t, read(t, cfg, "compare/2022/measures/index.html"))
	links := hrefs(index)
	for _, want := range []string{"/compare/2022/measures/500112/", "/compare/2022/measures/500235/", "/compare/2022/measures/510811/"} {
		if !contains(links, want) {
			t.Errorf("split index lacks %s", want)
		}
	}
	county := textOf(parseHTML(t, read(t, cfg, "compare/2022/measures/500235/index.html")))
	if !strings.Contains(county, "后叶镇2022年举措甲") || strings.Contains(county, "兴隆镇2022年举措甲") {
		t.Error("county page shows the wrong towns")
	}
	report := hrefs(parseHTML(t, read(t, cfg, "towns/500235145/2022/index.html")))
	if !contains(report, "/compare/2022/measures/500235/#t500235145") {
		t.Error("report does not link to its county's comparison")
	}
	checkSite(t, cfg)
}

// TestDerivedFields checks that a hand-written file without code, region
// or sections is placed and sectioned like an imported one.
func TestDerivedFields(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	build(t, cfg)
	doc := parseHTML(t, read(t, cfg, "towns/510811108/2021/index.html"))
	crumbs := textOf(findAll(doc, withClass("nav", "crumbs"))[0])
	if crumbs != "当前位置： 首页 四川省 广元市 昭化区 昭化镇 2021年报告" {
		t.Errorf("crumbs = %q", crumbs)
	}
	if !strings.Contains(textOf(doc), "本部分类别：存在的不足") {
		t.Error("sections of a hand-written file have no kind")
	}
	if h := findAll(doc, tag("h1")); textOf(h[0]) != "广元市昭化区昭化镇人民政府关于报送2021年度法治政府建设工作情况的报告" {
		t.Errorf("title %q", textOf(h[0]))
	}
	// Without a title the page names the town and year.
	doc22 := parseHTML(t, read(t, cfg, "towns/510811108/2022/index.html"))
	if h := findAll(doc22, tag("h1")); textOf(h[0]) != "四川省广元市昭化区昭化镇2022年法治政府建设年度报告" {
		t.Errorf("made-up title %q", textOf(h[0]))
	}
}

// TestHostileText checks that report text with script, HTML tags, a
// javascript: link and template syntax renders as plain text.
func TestHostileText(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	build(t, cfg)
	src := read(t, cfg, "towns/500112138/2022/index.html")
	doc := parseHTML(t, src)
	text := textOf(doc)
	for _, want := range []string{
		`<script>alert("x")</script>`,
		`正文里有<b>标签</b>和<img src=x onerror=alert(1)>，还有[点这里](javascript:alert(1))与{{ .Site.Name }}及{{template "x"}}。`,
		`<div onclick="alert(1)">整块HTML</div>`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("page text lacks %q", want)
		}
	}
	scripts := findAll(doc, tag("script"))
	if len(scripts) != 1 || getAttr(scripts[0], "src") == "" {
		t.Errorf("%d script elements", len(scripts))
	}
	for _, n := range findAll(doc, func(*html.Node) bool { return true }) {
		if n.Data == "b" || n.Data == "img" || n.Data == "div" && getAttr(n, "onclick") != "" {
			t.Errorf("report text became a <%s> element", n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || strings.Contains(strings.ToLower(a.Val), "javascript:") {
				t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
			}
		}
	}
	// The comparison pages show the same text as text.
	cmp := parseHTML(t, read(t, cfg, "compare/2022/plans/index.html"))
	if len(findAll(cmp, tag("script"))) != 1 || !strings.Contains(textOf(cmp), `<script>alert("x")</script>`) {
		t.Error("comparison page does not show the script as text")
	}
}

// TestGovernmentMeta checks the meta tags, canonical link, footer identity
// and dated pages 政务公开 inspections look for.
func TestGovernmentMeta(t *testing.T) {
	cfg := fixtureConfig(t, "/zwgk/fzzfjsnb/")
	build(t, cfg)
	doc := parseHTML(t, read(t, cfg, "towns/500112138/2022/index.html"))
	for name, want := range map[string]string{
		"SiteName":     "法治政府建设年度报告",
		"SiteDomain":   "www.example.gov.cn",
		"SiteIDCode":   "5001070012",
		"ColumnName":   "法治政府建设年度报告",
		"ColumnType":   "政务公开",
		"ArticleTitle": "渝北区兴隆镇人民政府2022年法治政府建设年度报告",
		"PubDate":      "2023-02-01 09:30",
		"Author":       "兴隆镇人民政府",
		"Url":          "https://www.example.gov.cn/zwgk/fzzfjsnb/towns/500112138/2022/",
	} {
		if got, _ := meta(doc, name); got != want {
			t.Errorf("meta %s = %q, want %q", name, got, want)
		}
	}
	for _, name := range []string{"description", "ContentSource", "Keywords", "Description", "ColumnDescription", "ColumnKeywords"} {
		if got, ok := meta(doc, name); !ok || got == "" {
			t.Errorf("meta %s missing", name)
		}
	}
	canon := findAll(doc, func(n *html.Node) bool { return n.Data == "link" && getAttr(n, "rel") == "canonical" })
	if len(canon) != 1 || getAttr(canon[0], "href") != "https://www.example.gov.cn/zwgk/fzzfjsnb/towns/500112138/2022/" {
		t.Error("canonical link")
	}
	foot := textOf(findAll(doc, tag("footer"))[0])
	for _, want := range []string{"主办单位：示例区司法局", "网站标识码：5001070012", "渝ICP备00000000号", "渝公网安备50000000000000号", "联系电话：023-00000000"} {
		if !strings.Contains(foot, want) {
			t.Errorf("footer lacks %q", want)
		}
	}
	// Every page shows a date.
	date := regexp.MustCompile(`<time datetime="\d{4}-\d{2}-\d{2}"`)
	err := filepath.WalkDir(cfg.Out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			data, _ := os.ReadFile(p)
			if !date.Match(data) {
				t.Errorf("%s shows no date", p)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAccessibility checks what the templates promise readers: the skip
// link, the font size switch hidden until the script can work it, labelled
// search, and real table headers.
func TestAccessibility(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	build(t, cfg)
	doc := parseHTML(t, read(t, cfg, "index.html"))
	skip := findAll(doc, withClass("a", "skip"))
	if len(skip) != 1 || getAttr(skip[0], "href") != "#main" || byID(doc, "main") == nil {
		t.Error("no skip link to #main")
	}
	sw := findAll(doc, func(n *html.Node) bool { return getAttrOK(n, "data-fontsize") })
	if len(sw) != 1 || !getAttrOK(sw[0], "hidden") || len(findAll(sw[0], func(n *html.Node) bool { return getAttrOK(n, "data-size") })) != 3 {
		t.Error("the 字号 switch must be three buttons, hidden without script")
	}
	if hc := findAll(sw[0], func(n *html.Node) bool { return getAttrOK(n, "data-contrast") }); len(hc) != 1 || getAttr(hc[0], "aria-pressed") != "false" || textOf(hc[0]) != "高对比度" {
		t.Error("the 高对比度 switch must be one toggle button beside 字号, hidden without script")
	}
	form := findAll(doc, tag("form"))[0]
	if getAttr(form, "action") != "/search/" || getAttr(form, "method") != "get" {
		t.Error("search box does not GET search/")
	}
	if in := byID(doc, "q"); in == nil || getAttr(in, "name") != "q" || len(findAll(form, func(n *html.Node) bool { return n.Data == "label" && getAttr(n, "for") == "q" })) != 1 {
		t.Error("search input is not labelled")
	}
	css := ""
	for _, l := range findAll(doc, tag("link")) {
		if getAttr(l, "rel") == "stylesheet" {
			css = read(t, cfg, strings.TrimPrefix(getAttr(l, "href"), "/"))
		}
	}
	for _, want := range []string{"text-indent:2em", "text-align:justify", "@media print", "fs-l", ":focus-visible"} {
		if !strings.Contains(css, want) {
			t.Errorf("stylesheet lacks %s", want)
		}
	}
	if regexp.MustCompile(`line-height:1\.[0-6]\d*[;}]`).MatchString(strings.Split(css, "@media print")[0]) && !strings.Contains(css, "line-height:1.8") {
		t.Error("body line height below 1.75")
	}
}

func getAttrOK(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// TestDatesAreNamedAndNeverInvented checks how a report's dates are shown:
// the document's 成文日期 and 发布日期 always, as 未注明 when the source gives
// none; the day the site added it only as 收录日期; and every date on a page
// under the name of what it is.
func TestDatesAreNamedAndNeverInvented(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	content := cloneFS(fixtureContent())
	// A report whose source gives no date at all, added on 2026-11-22.
	setFile(content, "cq/500235145-2023.md", reportFile("重庆市", "重庆市", "云阳县", "后叶镇", "500235145", 2023, "", "added: \"2026-11-22\"\n", body("后叶镇", 2023)))
	cfg.Content = content
	build(t, cfg)
	doc := parseHTML(t, read(t, cfg, "towns/500235145/2023/index.html"))
	rows := map[string]string{}
	for _, tr := range findAll(findAll(doc, withClass("table", "docmeta"))[0], tag("tr")) {
		rows[textOf(findAll(tr, tag("th"))[0])] = textOf(findAll(tr, tag("td"))[0])
	}
	for k, v := range map[string]string{"成文日期": "未注明", "发布日期": "未注明", "收录日期": "2026-11-22"} {
		if rows[k] != v {
			t.Errorf("metadata %s = %q, want %q", k, rows[k], v)
		}
	}
	// The page's PubDate (published on this site) is the day it was added.
	if page := read(t, cfg, "towns/500235145/2023/index.html"); !strings.Contains(page, `name="PubDate" content="2026-11-22`) {
		t.Error("the report page's PubDate is not the day the site added it")
	}
	timeline := read(t, cfg, "towns/500235145/index.html")
	for _, want := range []string{"收录日期：<time datetime=\"2026-11-22\">", "成文日期：<time datetime=\"2022-01-20\">"} {
		if !strings.Contains(timeline, want) {
			t.Errorf("the timeline lacks %q", want)
		}
	}
	if strings.Contains(timeline, "发布日期：<time datetime=\"2026-11-22\">") {
		t.Error("the timeline shows the day the site added a report as its 发布日期")
	}
	data := read(t, cfg, "data/reports.json")
	if !strings.Contains(data, `"added":"2026-11-22"`) || strings.Contains(data, `"published":"2026-11-22"`) {
		t.Error("the open data does not keep 收录日期 apart")
	}
}

// TestDerivedValuesAreMarked checks that what a report does not write but
// the importer or the site worked out is shown as such: an issuer derived
// from the township (a 街道's 办事处, never a 人民政府) and a region from the
// division table.
func TestDerivedValuesAreMarked(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	content := cloneFS(fixtureContent())
	// As the importer writes a report that names no issuer: its
	// township's 办事处, marked derived.
	street := strings.Replace(reportFile("重庆市", "重庆市", "云阳县", "双江街道", "500235001", 2023, "2024-01-15", "derived:\n  - issuer\n  - province\n  - city\n  - year\n", body("双江街道", 2023)), "issuer: 双江街道人民政府\n", "issuer: 双江街道办事处\n", 1)
	setFile(content, "cq/500235001-2023.md", street)
	// And a hand-written file that names none: the site derives it.
	bare := strings.Replace(reportFile("重庆市", "重庆市", "云阳县", "青龙街道", "500235002", 2023, "2024-01-15", "", body("青龙街道", 2023)), "issuer: 青龙街道人民政府\n", "", 1)
	setFile(content, "cq/500235002-2023.md", bare)
	cfg.Content = content
	build(t, cfg)
	doc := parseHTML(t, read(t, cfg, "towns/500235001/2023/index.html"))
	rows := map[string]string{}
	for _, tr := range findAll(findAll(doc, withClass("table", "docmeta"))[0], tag("tr")) {
		rows[textOf(findAll(tr, tag("th"))[0])] = textOf(findAll(tr, tag("td"))[0])
	}
	if rows["发文机关"] != "双江街道办事处（推定）" {
		t.Errorf("发文机关 = %q", rows["发文机关"])
	}
	if !strings.HasSuffix(rows["所属地区"], "（推定）") {
		t.Errorf("所属地区 = %q", rows["所属地区"])
	}
	if rows["报告年度"] != "2023年度（推定）" {
		t.Errorf("报告年度 = %q", rows["报告年度"])
	}
	// A derived issuer is no signature.
	if sig := findAll(doc, withClass("div", "signature")); len(sig) > 0 && strings.Contains(textOf(sig[0]), "双江街道") {
		t.Errorf("signature = %q", textOf(sig[0]))
	}
	doc2 := parseHTML(t, read(t, cfg, "towns/500235002/2023/index.html"))
	for _, tr := range findAll(findAll(doc2, withClass("table", "docmeta"))[0], tag("tr")) {
		if k, v := textOf(findAll(tr, tag("th"))[0]), textOf(findAll(tr, tag("td"))[0]); k == "发文机关" && v != "青龙街道办事处（推定）" {
			t.Errorf("a report without an issuer: 发文机关 = %q", v)
		}
	}
	// A report that writes its issuer and region shows them as written.
	doc = parseHTML(t, read(t, cfg, "towns/500235145/2021/index.html"))
	for _, tr := range findAll(findAll(doc, withClass("table", "docmeta"))[0], tag("tr")) {
		if v := textOf(findAll(tr, tag("td"))[0]); strings.Contains(v, "推定") {
			t.Errorf("%s = %q, marked as derived", textOf(findAll(tr, tag("th"))[0]), v)
		}
	}
}

// TestTownTheTableLacksStandsInItsCounty checks that a township the
// division table does not know (created after its data year), whose report
// names a county the table has, is shown on that county's page beside its
// neighbours, not on a county page of its own.
func TestTownTheTableLacksStandsInItsCounty(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	content := cloneFS(fixtureContent())
	setFile(content, "unresolved/qinggangling-2023.md", reportFile("重庆市", "重庆市", "渝北区", "青杠岭镇", "", 2023, "2024-01-15", "", body("青杠岭镇", 2023)))
	cfg.Content = content
	build(t, cfg)
	county := read(t, cfg, "regions/500112/index.html")
	if !strings.Contains(county, "青杠岭镇") || !strings.Contains(county, "兴隆镇") {
		t.Errorf("渝北区's page lacks 青杠岭镇 or 兴隆镇")
	}
	entries, err := os.ReadDir(filepath.Join(cfg.Out, "regions"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "x") {
			t.Errorf("a stand-in region page regions/%s/ for a county the table has", e.Name())
		}
	}
}

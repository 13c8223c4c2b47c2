package importer

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"nianbao/internal/region"
	"nianbao/internal/report"
	"nianbao/internal/testenv"
)

// The benchmark corpus: reports made by recombining the sections of the five
// real reports, for real townships all over the table, in the encodings and
// layouts import meets (plain UTF-8, GB18030, UTF-16, portal copies).

// benchCounties are the counties whose townships the corpus uses: the
// seeds' own, and others from every kind of division (districts, counties,
// autonomous counties, county-level cities, cities without counties).
var benchCounties = []string{
	"500101", "500106", "500110", "500112", "500155", "500229", "500235", "500236", "500240", "500243",
	"510811", "510821", "511725", "511921", "110105", "320505", "429004", "441900", "530102", "653126",
}

// benchTowns lists up to n real townships of benchCounties.
func benchTowns(n int) []region.Town {
	t := region.Default()
	var towns []region.Town
	for _, c := range benchCounties {
		for _, first := range []int{0, 100, 200, 400, 500} {
			for k := first + 1; k < first+60; k++ {
				if town, ok := t.Town(fmt.Sprintf("%s%03d", c, k)); ok {
					towns = append(towns, town)
				}
			}
		}
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(towns), func(i, j int) { towns[i], towns[j] = towns[j], towns[i] })
	return towns[:min(n, len(towns))]
}

// benchSections holds the seeds' top-level sections by kind, each as the
// lines of its body, and their opening paragraphs.
type benchSections struct {
	byKind map[string][][]string
	leads  []string
}

func loadBenchSections(tb testing.TB) benchSections {
	s := benchSections{byKind: map[string][][]string{}}
	for _, sd := range seeds(tb) {
		d := sd.conv.Doc
		var cur []string
		kind := ""
		flush := func() {
			if kind != "" {
				s.byKind[kind] = append(s.byKind[kind], cur)
			}
		}
		for _, b := range d.Blocks {
			switch {
			case b.Kind == report.Heading && b.Level == 1:
				flush()
				kind, cur = report.SectionKind(b.Text, d.Year), nil
			case kind == "":
				s.leads = append(s.leads, b.Text)
			default:
				cur = append(cur, b.Text)
			}
		}
		flush()
	}
	return s
}

// issuerOf writes a township's government as its reports name it.
func issuerOf(t region.Town) string {
	name := t.Province
	if t.City != t.Province {
		name += t.City
	}
	if t.County != t.City {
		name += t.County
	}
	name += t.Name
	if strings.HasSuffix(t.Name, "街道") {
		return name + "办事处"
	}
	return name + "人民政府"
}

// benchCorpus makes n reports, deterministically, each a distinct town and
// year so that they all import.
func benchCorpus(tb testing.TB, n int) map[string][]byte {
	secs := loadBenchSections(tb)
	towns := benchTowns(n)
	rng := rand.New(rand.NewPCG(3, 4))
	pick := func(xs [][]string) []string { return xs[rng.IntN(len(xs))] }
	heads := map[string]string{
		"measures":     "一、%d年推进法治政府建设的主要举措和成效",
		"leadership":   "二、%d年党政主要负责人履行推进法治建设第一责任人职责情况",
		"shortcomings": "三、%d年推进法治政府建设存在的不足和原因",
		"plans":        "四、%d年推进法治政府建设的主要安排",
	}
	out := map[string][]byte{}
	for i := 0; i < n; i++ {
		town := towns[i%len(towns)]
		year := 2019 + i/len(towns)
		issuer := issuerOf(town)
		var b strings.Builder
		portal := i%5 == 1
		if portal {
			fmt.Fprintf(&b, "首页 > 政务公开 > 法定主动公开内容 > 法治政府建设\n%d年03月18日 星期二\n字体大小：大 中 小\n语音播报\n", year+1)
			fmt.Fprintf(&b, "索引号：11%s0MB1C%05dQ/%d-%05d\n发布机构：%s\n成文日期：%d-01-22\n发布日期：%d-01-26\n主题分类：其他\n", town.CountyCode, i, year+1, i, issuer, year+1, year+1)
		}
		title := fmt.Sprintf("关于%d年度法治政府建设情况的报告", year)
		fmt.Fprintf(&b, "%s\n%s\n", issuer, title)
		if portal {
			fmt.Fprintf(&b, "%s%s\n", issuer, title)
		}
		b.WriteString("\n区政府：\n")
		fmt.Fprintf(&b, "　　%s\n", secs.leads[rng.IntN(len(secs.leads))])
		for _, kind := range []string{"measures", "leadership", "shortcomings", "plans"} {
			y := year
			if kind == "plans" {
				y++
			}
			fmt.Fprintf(&b, "　　"+heads[kind]+"\n", y)
			for _, l := range pick(secs.byKind[kind]) {
				fmt.Fprintf(&b, "　　%s\n", l)
			}
		}
		fmt.Fprintf(&b, "\n%s\n%d年1月22日\n", issuer, year+1)
		if portal {
			b.WriteString("【打印本页】【关闭窗口】\n")
		}
		data := []byte(b.String())
		switch {
		case i%7 == 3:
			data, _ = simplifiedchinese.GB18030.NewEncoder().Bytes(data)
		case i%11 == 5:
			data, _ = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(data)
		}
		out[fmt.Sprintf("r%04d.txt", i)] = data
	}
	return out
}

// benchRepo writes the corpus as a sources/ directory.
func benchRepo(b *testing.B, corpus map[string][]byte) string {
	root := b.TempDir()
	os.MkdirAll(filepath.Join(root, "sources"), 0o755)
	for name, data := range corpus {
		if err := os.WriteFile(filepath.Join(root, "sources", name), data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	return root
}

// BenchmarkImport imports a corpus of 1,000 reports from a directory into a
// fresh content directory, as "build import sources" does: read, decode,
// parse, resolve the township, write each file and the manifest.
func BenchmarkImport(b *testing.B) {
	corpus := benchCorpus(b, 1000)
	root := benchRepo(b, corpus)
	region.Default() // parsed once per process, not per import
	var size int
	for _, d := range corpus {
		size += len(d)
	}
	b.SetBytes(int64(size))
	run := 0
	cpu := testenv.CPUTime()
	for b.Loop() {
		run++
		res := Import([]string{"sources"}, Options{Root: root, Out: fmt.Sprintf("content%d", run)})
		if len(res.Problems) > 0 || len(res.Written) != len(corpus) {
			b.Fatalf("%d written, problems: %v", len(res.Written), res.Problems[:min(3, len(res.Problems))])
		}
	}
	n := float64(len(corpus) * run)
	b.ReportMetric(n/b.Elapsed().Seconds(), "reports/s")
	if cpu := testenv.CPUTime() - cpu; cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/n, "cpu-µs/report")
	}
}

// BenchmarkPending finds the one source not yet imported among 2,000 whose
// other 1,999 have content files written by Import, as every build does
// before anything else: walk sources/ and content/ and learn the source
// each content file names. "read" reads every content file's front
// matter; "cached" has a source cache, as the build command keeps, and
// content files written an hour ago, so it reads none.
func BenchmarkPending(b *testing.B) {
	corpus := benchCorpus(b, 2000)
	root := benchRepo(b, corpus)
	opt := Options{Root: root, Out: "content"}
	res := Import([]string{"sources"}, opt)
	if len(res.Problems) > 0 || len(res.Written) != len(corpus) {
		b.Fatalf("%d written, problems: %v", len(res.Written), res.Problems[:min(3, len(res.Problems))])
	}
	// Removing one content file makes its source the one pending.
	if err := os.Remove(filepath.Join(root, filepath.FromSlash(res.Written[0]))); err != nil {
		b.Fatal(err)
	}
	// Sources and content files as a site holds them: written long ago.
	old := time.Now().Add(-time.Hour)
	aged, _ := filepath.Glob(filepath.Join(root, "sources", "*"))
	for _, w := range res.Written[1:] {
		aged = append(aged, filepath.Join(root, filepath.FromSlash(w)))
	}
	for _, p := range aged {
		if err := os.Chtimes(p, old, old); err != nil {
			b.Fatal(err)
		}
	}
	cached := opt
	cached.SourceCache = filepath.Join(b.TempDir(), "import-sources")
	for _, c := range []struct {
		name string
		opt  Options
	}{{"read", opt}, {"cached", cached}} {
		b.Run(c.name, func(b *testing.B) {
			if _, err := Pending("sources", c.opt); err != nil { // fills the cache
				b.Fatal(err)
			}
			run := 0
			cpu := testenv.CPUTime()
			for b.Loop() {
				run++
				got, err := Pending("sources", c.opt)
				if err != nil || len(got) != 1 || got[0] != "sources/r0000.txt" {
					b.Fatalf("Pending = %q, %v; want [sources/r0000.txt]", got, err)
				}
			}
			n := float64(run * (len(corpus) - 1))
			b.ReportMetric(float64(b.Elapsed().Microseconds())/n, "µs/file")
			if cpu := testenv.CPUTime() - cpu; cpu > 0 {
				b.ReportMetric(float64(cpu.Microseconds())/n, "cpu-µs/file")
			}
		})
	}
}

// BenchmarkParse parses one report of the corpus per iteration.
func BenchmarkParse(b *testing.B) {
	corpus := benchCorpus(b, 1000)
	var reports [][]byte
	for _, d := range corpus {
		reports = append(reports, d)
	}
	i := 0
	for b.Loop() {
		if _, err := report.Parse(reports[i%len(reports)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "reports/s")
}

// BenchmarkConvert converts one report per iteration, in memory: parse,
// township, front matter and Markdown.
func BenchmarkConvert(b *testing.B) {
	corpus := benchCorpus(b, 1000)
	var reports [][]byte
	for _, d := range corpus {
		reports = append(reports, d)
	}
	t := region.Default()
	i := 0
	for b.Loop() {
		if _, err := Convert("r.txt", reports[i%len(reports)], "content", t); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(float64(i)/b.Elapsed().Seconds(), "reports/s")
}

// TestBenchCorpusImports keeps the benchmark honest: every generated report
// imports to its own town and year, with no warning.
func TestBenchCorpusImports(t *testing.T) {
	corpus := benchCorpus(t, 1000)
	seen := map[string]string{}
	for name, data := range corpus {
		c, err := Convert(name, data, "content", region.Default())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(c.Warnings) > 0 {
			t.Errorf("%s: %v", name, c.Warnings)
		}
		if other, dup := seen[c.Path]; dup {
			t.Errorf("%s and %s both go to %s", name, other, c.Path)
		}
		seen[c.Path] = name
	}
}

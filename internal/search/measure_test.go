package search

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"nianbao/internal/testenv"
)

// TestMeasure builds the index of a synthetic corpus and reports the
// figures of README.md: index size, shard count, build time, bytes
// downloaded by the first query of typical queries, and query time in node.
// It runs only when asked:
//
//	SEARCH_MEASURE_DOCS=20000 go test -run TestMeasure -v -timeout 30m ./internal/search
//
// SEARCH_MEASURE_OUT=dir keeps the index there (for Pagefind comparisons or
// a browser); by default it goes to a temporary directory.
func TestMeasure(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("SEARCH_MEASURE_DOCS"))
	if n <= 0 {
		t.Skip("set SEARCH_MEASURE_DOCS=20000 to measure")
	}
	docs := synthCorpus(t, n, 1)
	corpus := 0
	for _, d := range docs {
		for _, s := range d.Sections {
			corpus += len(s.Text) + len(s.Title)
		}
	}
	// Three builds: the machine may be shared, the fastest is the best
	// estimate of the cost, the slowest shows the noise.
	var files []File
	var runs, cpus []time.Duration
	for i := 0; i < 3; i++ {
		files = nil
		runtime.GC()
		start, cpu0 := time.Now(), testenv.CPUTime()
		var err error
		if files, err = Build(docs, Options{}); err != nil {
			t.Fatal(err)
		}
		runs = append(runs, time.Since(start).Round(time.Millisecond))
		cpus = append(cpus, (testenv.CPUTime() - cpu0).Round(time.Millisecond))
	}
	build := slices.Min(runs)
	dir := os.Getenv("SEARCH_MEASURE_OUT")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	dir = writeIndexTo(t, dir, files)

	var b strings.Builder
	fmt.Fprintf(&b, "corpus: %d reports, %.1f MB of text (%.1f KB a report)\n", n, float64(corpus)/1e6, float64(corpus)/float64(n)/1e3)
	fmt.Fprintf(&b, "build: fastest of 3 runs %v wall (%.0f ms per 1,000 reports); wall %v, CPU %v; %d CPUs (GOMAXPROCS), %s %s/%s\n",
		build, float64(build.Milliseconds())*1000/float64(n), runs, cpus, runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH)

	gz := map[string]int{}
	gzOf := func(p string, data []byte) int {
		if v, ok := gz[p]; ok {
			return v
		}
		gz[p] = gzipSize(data)
		return gz[p]
	}
	type group struct{ files, raw, gzip int }
	groups := map[string]*group{}
	byPath := map[string][]byte{}
	for _, f := range files {
		byPath[f.Path] = f.Data
		k := f.Path
		if i := strings.IndexByte(k, '/'); i >= 0 {
			k = k[:i+1] + "*"
		}
		g := groups[k]
		if g == nil {
			g = &group{}
			groups[k] = g
		}
		g.files++
		g.raw += len(f.Data)
		if k != "d/*" || g.files <= 2000 { // gzip a sample of the report files, extrapolate
			g.gzip += gzOf(f.Path, f.Data)
		}
	}
	if g := groups["d/*"]; g != nil && g.files > 2000 {
		g.gzip = g.gzip * g.files / 2000
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	fmt.Fprintf(&b, "\n| files | count | raw | gzip |\n|---|---:|---:|---:|\n")
	for _, k := range keys {
		g := groups[k]
		fmt.Fprintf(&b, "| %s | %d | %.1f MB | %.1f MB |\n", k, g.files, float64(g.raw)/1e6, float64(g.gzip)/1e6)
	}
	shards := groups["s/*"]
	fmt.Fprintf(&b, "\nshards: %d, mean %.1f KB raw / %.1f KB gzip\n", shards.files,
		float64(shards.raw)/float64(shards.files)/1e3, float64(shards.gzip)/float64(shards.files)/1e3)

	script := bundleJS(t, "main.js", false)
	scriptGz, scriptGz1 := gzipSize(script), gzipSizeLevel(script, gzip.BestSpeed)
	fmt.Fprintf(&b, "script: main.js bundled and minified, %d bytes, %d bytes gzip\n\n", len(script), scriptGz)

	cases := measureQueries(docs)
	var reqs []map[string]any
	for _, c := range cases {
		r := c.request()
		r["time"] = 20
		reqs = append(reqs, r)
	}
	var times []json.RawMessage
	var cli string
	if hasNode() {
		cli = nodeCLI(t)
		times = runNode(t, cli, dir, reqs)
	}
	fmt.Fprintf(&b, "| query | filter | results | files | meta+regions | shards (main+tail) | reports | total gzip -6 incl. script | total gzip -1 | node ms (median / max / cold) | Go ms |\n")
	fmt.Fprintf(&b, "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for i, c := range cases {
		rec := &recorder{load: FilesLoader(files)}
		s := NewSearcher(rec.get)
		p, err := s.Search(c.q, c.f, 0)
		if err != nil {
			t.Fatal(err)
		}
		var meta, shard, content int
		fast := scriptGz1
		for _, path := range rec.paths() {
			fast += gzipSizeLevel(byPath[path], gzip.BestSpeed)
			size := gzOf(path, byPath[path])
			switch {
			case strings.HasPrefix(path, "s/"), strings.HasPrefix(path, "t/"):
				shard += size
			case strings.HasPrefix(path, "d/"):
				content += size
			default:
				meta += size
			}
		}
		// Go compute time with the files already in memory and parsed.
		goStart := time.Now()
		const goRuns = 5
		for j := 0; j < goRuns; j++ {
			if _, err := NewSearcher(FilesLoader(files)).Search(c.q, c.f, 0); err != nil {
				t.Fatal(err)
			}
		}
		goMs := float64(time.Since(goStart).Microseconds()) / 1000 / goRuns
		nodeMs := "–"
		if times != nil {
			// A visitor's first query runs before the JIT has warmed up:
			// one node process per query, timing its only search.
			req := c.request()
			req["preload"] = rec.paths()
			var cold struct {
				Ms float64 `json:"coldMs"`
			}
			json.Unmarshal(runNode(t, cli, dir, []map[string]any{req})[0], &cold)
			var tm struct {
				Median float64 `json:"medianMs"`
				Max    float64 `json:"maxMs"`
			}
			json.Unmarshal(times[i], &tm)
			nodeMs = fmt.Sprintf("%.1f / %.1f / %.0f", tm.Median, tm.Max, cold.Ms)
		}
		total := fmt.Sprint(p.Total)
		if !p.Exact {
			total = "≤" + total
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %.1f KB | %.1f KB | %.1f KB | **%.1f KB** | %.1f KB | %s | %.1f |\n",
			c.q, filterText(c.f), total, len(rec.loaded), kb(meta), kb(shard), kb(content), kb(meta+shard+content+scriptGz), kb(fast), nodeMs, goMs)
	}
	t.Log("\n" + b.String())
}

func kb(n int) float64 { return float64(n) / 1024 }

func hasNode() bool {
	_, err := exec.LookPath("node")
	return err == nil
}

func filterText(f Filter) string {
	var parts []string
	if f.Year != 0 {
		parts = append(parts, fmt.Sprintf("year=%d", f.Year))
	}
	if f.County != "" {
		parts = append(parts, "county="+f.County)
	}
	if f.Town != "" {
		parts = append(parts, "town="+f.Town)
	}
	if f.Kind != "" {
		parts = append(parts, "kind="+f.Kind)
	}
	return strings.Join(parts, " ")
}

// measureQueries are the typical first queries of a visitor.
func measureQueries(docs []Doc) []agreementCase {
	d := docs[len(docs)/3]
	return []agreementCase{
		{q: "法律顾问"}, {q: "矛盾纠纷"}, {q: "行政执法"}, {q: "法治政府建设"}, {q: "12348"},
		{q: d.Town}, {q: d.Signer}, {q: "2021-2025"}, {q: "法"}, {q: "法律顾问 2024"},
		{q: "法律顾问", f: Filter{Year: 2023}}, {q: "矛盾纠纷", f: Filter{County: d.County}},
		{q: "行政执法", f: Filter{Kind: "shortcomings"}},
	}
}

func writeIndexTo(t testing.TB, dir string, files []File) string {
	t.Helper()
	for _, f := range files {
		p := dir + "/" + f.Path
		if err := os.MkdirAll(p[:strings.LastIndexByte(p, '/')], 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// BenchmarkBuild indexes 1,000 synthetic reports (about 12 MB of text).
func BenchmarkBuild(b *testing.B) {
	docs := synthCorpus(b, 1000, 1)
	b.ResetTimer()
	cpu0 := testenv.CPUTime()
	for i := 0; i < b.N; i++ {
		if _, err := Build(docs, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	// CPU time says more than wall time on a shared machine.
	b.ReportMetric(float64((testenv.CPUTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkQuery runs typical queries over the index of 1,000 synthetic
// reports with a fresh Searcher each time (files in memory, parsing
// included), as a first query in the browser does.
func BenchmarkQuery(b *testing.B) {
	docs := synthCorpus(b, 1000, 1)
	files, err := Build(docs, Options{})
	if err != nil {
		b.Fatal(err)
	}
	load := FilesLoader(files)
	for _, c := range measureQueries(docs) {
		b.Run(c.q+filterText(c.f), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := NewSearcher(load).Search(c.q, c.f, 0); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

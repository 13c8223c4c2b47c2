package site

import (
	"os"
	"path/filepath"
	"testing"

	"nianbao/internal/assets"
	"nianbao/internal/cache"
	"nianbao/internal/content"
	"nianbao/internal/output"
)

// The hot paths of a build, on the bundled reports: making and rendering one
// page of each of the kinds there are thousands of, minifying it whole for
// comparison, and a whole build, from scratch and incrementally. Run with
//
//	go test -run '^$' -bench . -benchmem ./internal/site
//
// bench/compare.sh and bench/incremental.sh time whole builds at scale.

// benchConfig builds the repository's own reports, which are real ones.
func benchConfig(b *testing.B) Config {
	cfg := fixtureConfig(b, "/zwgk/fzzfjsnb/")
	cfg.Content = os.DirFS(filepath.Join("..", "..", "content"))
	cfg.Root = os.DirFS(filepath.Join("..", ".."))
	cfg.Settings.CompareSplit = 2 // county pages, as a national site has
	return cfg
}

func benchPages(b *testing.B, whole bool) {
	bl := prepare(b, benchConfig(b))
	bl.renderer.whole = whole
	seen := map[string]bool{}
	for _, j := range bl.jobs() {
		if !j.isPage() || seen[j.kind] {
			continue
		}
		switch j.kind {
		case "report", "compare-year", "compare-town", "town", "region":
		default:
			continue
		}
		seen[j.kind] = true
		b.Run(j.kind, func(b *testing.B) {
			var size int
			for b.Loop() {
				pg, err := bl.page(&j)
				if err != nil {
					b.Fatal(err)
				}
				data, err := bl.renderer.render(pg)
				if err != nil {
					b.Fatal(err)
				}
				size = len(data)
			}
			b.SetBytes(int64(size))
		})
	}
}

// BenchmarkRenderPage makes a page's data, executes its minified template
// and splices the report text in.
func BenchmarkRenderPage(b *testing.B) { benchPages(b, false) }

// BenchmarkRenderPageWholeMinify is BenchmarkRenderPage from the templates
// as written, minifying every page whole, as the build did before report
// text and templates were minified once.
func BenchmarkRenderPageWholeMinify(b *testing.B) { benchPages(b, true) }

// BenchmarkBuild builds the fixture site from scratch, and again after
// adding a report to an already built copy (incrementally).
func BenchmarkBuild(b *testing.B) {
	b.Run("scratch", func(b *testing.B) {
		cfg := benchConfig(b)
		for b.Loop() {
			if _, err := Build(cfg); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("add-one-report", func(b *testing.B) {
		cfg := fixtureConfig(b, "/")
		cfg.CacheDir = filepath.Join(b.TempDir(), "cache")
		content := cloneFS(fixtureContent())
		cfg.Content = content
		added := reportFile("重庆市", "重庆市", "云阳县", "后叶镇", "500235145", 2023, "2024-01-15", "", body("后叶镇", 2023))
		for b.Loop() {
			b.StopTimer()
			delete(content, "cq/500235145-2023.md")
			if _, err := Build(cfg); err != nil {
				b.Fatal(err)
			}
			setFile(content, "cq/500235145-2023.md", added)
			b.StartTimer()
			res, err := Build(cfg)
			if err != nil || !res.Incremental {
				b.Fatalf("incremental %v, %v", res.Incremental, err)
			}
		}
	})
}

// BenchmarkFiguresData makes data/figures.csv and data/figures.json whole:
// a row for every figure of every report, as a full build does.
func BenchmarkFiguresData(b *testing.B) {
	bl := prepare(b, benchConfig(b))
	for _, f := range []struct {
		name string
		make func() ([]output.Piece, error)
	}{{"csv", bl.pages.figuresCSV}, {"json", bl.pages.figuresJSON}} {
		b.Run(f.name, func(b *testing.B) {
			var size int
			for b.Loop() {
				pieces, err := f.make()
				if err != nil {
					b.Fatal(err)
				}
				size = 0
				for _, p := range pieces {
					size += len(p.Data)
				}
			}
			b.SetBytes(int64(size))
		})
	}
}

// BenchmarkParseReport parses, renders and minifies each bundled report
// and makes its search text: what the load step does for each report the
// cache does not hold.
func BenchmarkParseReport(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "content", "*", "*.md"))
	raws := make([][]byte, len(files))
	size := 0
	for i, f := range files {
		var err error
		if raws[i], err = os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
		size += len(raws[i])
	}
	r := &partRenderer{md: content.NewMarkdown(), min: assets.NewMinifier()}
	b.SetBytes(int64(size))
	for b.Loop() {
		for i, raw := range raws {
			if _, _, err := r.parse(&cache.Record{Path: files[i]}, raw); err != nil {
				b.Fatal(err)
			}
		}
	}
}

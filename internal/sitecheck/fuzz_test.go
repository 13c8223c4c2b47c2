package sitecheck

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// FuzzChecks feeds arbitrary HTML to the link and page checks: they must
// not panic, and every problem must name its file and a position inside it.
func FuzzChecks(f *testing.F) {
	for _, name := range []string{"good/index.html", "good/towns/500235145/2024/index.html", "broken/broken-link/index.html", "broken/404.html"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<table><tr><td>x<a href="#a" id=a>y</table><svg><use href="#a"/></svg><img srcset=",, ,">`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"index.html":         {Data: data},
			"towns/a/index.html": {Data: data},
			"assets/site.css":    {Data: data},
			"sitemap.xml":        {Data: data},
		}
		s, err := Load(fsys)
		if err != nil {
			return
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		o := Options{BasePath: "/zwgk/fzzfjsnb/", Origin: "https://fzzf.example.gov.cn", ArticlePages: ReportPages}
		for _, res := range []Result{s.CheckLinks(o), s.CheckPages(o)} {
			for _, p := range res.Problems {
				if p.File == "" || p.Message == "" || p.Line < 0 || p.Line > lines || p.Col < 0 {
					t.Errorf("problem out of place: %+v (the file has %d lines)", p, lines)
				}
			}
		}
	})
}

package sitecheck

import (
	"testing"
	"testing/fstest"
)

func TestLinksGoodFixture(t *testing.T) {
	res := loadFixture(t, "good").CheckLinks(fixtureOptions())
	sameLines(t, "links of testdata/good", problemStrings(res.Problems), nil)
	if res.Checked != 39 {
		t.Errorf("checked %d URLs, want 39", res.Checked)
	}
}

// Each broken page of testdata/broken has one defect; these are the
// messages the link check gives for them.
func TestLinksBrokenFixture(t *testing.T) {
	res := loadFixture(t, "broken").CheckLinks(fixtureOptions())
	sameLines(t, "links of testdata/broken", problemStrings(res.Problems), []string{
		`404.html:28:6: relative link "index.html" in a page served at any URL: start it with /zwgk/fzzfjsnb/`,
		`assets/site.css:10:21: broken link "missing.png": assets/missing.png does not exist`,
		`broken-link/index.html:29:6: broken link "../nowhere/": nowhere/index.html does not exist`,
		`broken-link/index.html:30:6: broken link "../#no-such-id": no id "no-such-id" in index.html`,
		`duplicate-id/index.html:30:3: duplicate id "s1" (first at 29:3)`,
		`sitemap.xml:4:11: broken link "https://fzzf.example.gov.cn/zwgk/fzzfjsnb/towns/500235145/2023/": towns/500235145/2023/index.html does not exist`,
		`third-party/index.html:19:1: <script src> "https://cdn.example.com/lib.js" loads from another origin, https://cdn.example.com`,
	})
}

// pageFile wraps a body in the least a page needs.
func pageFile(body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><title>t</title></head>\n<body>\n" + body + "\n</body></html>\n")}
}

func TestLinksCases(t *testing.T) {
	fsys := fstest.MapFS{
		"index.html":            pageFile(`<p id="top"><a href="towns/a">a</a></p>`),
		"towns/a/index.html":    pageFile(`<h2 id="一、主要举措">一</h2>`),
		"assets/a.png":          {Data: []byte("png")},
		"assets/b.png":          {Data: []byte("png")},
		"cases/ok/index.html":   pageFile(`<a href="../../towns/a/#%E4%B8%80%E3%80%81%E4%B8%BB%E8%A6%81%E4%B8%BE%E6%8E%AA">encoded</a> <a href="/base/towns/a/#一、主要举措">raw</a> <a href="/base">home</a> <a href="mailto:zwgk@example.gov.cn">mail</a> <a href="tel:02300000000">tel</a> <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt=""> <img srcset="/base/assets/a.png 1x, /base/assets/b.png 2x" src="/base/assets/a.png" alt=""> <a href="https://portal.example.gov.cn/x">portal</a> <a href="/base/?q=%E6%B3%95">search</a> <form action=""></form>`),
		"cases/bad/index.html":  pageFile(`<a href="javascript:void(0)">js</a>` + "\n" + `<a href="#">hash</a> <a href="">empty</a>` + "\n" + `<a href="/other/">out</a> <a href="//cdn.example.com/x.js">proto</a> <img srcset="/base/assets/a.png 1x, /base/assets/c.png 2x" alt="">` + "\n" + `<a href="%zz">bad escape</a> <a href="http://fzzf.example.gov.cn/base/">http</a>`),
		"cases/meta/index.html": {Data: []byte(`<!DOCTYPE html><html lang="zh-CN"><head><title>t</title><meta name="Url" content="https://fzzf.example.gov.cn/base/cases/gone/"><meta http-equiv="refresh" content="5; url=/base/gone/"></head><body></body></html>`)},
	}
	s, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	res := s.CheckLinks(Options{
		BasePath:       "/base",
		Origin:         "https://fzzf.example.gov.cn",
		AllowedOrigins: []string{"https://portal.example.gov.cn"},
	})
	sameLines(t, "links", problemStrings(res.Problems), []string{
		`cases/bad/index.html:4:1: link "javascript:void(0)" has the scheme "javascript"; want a path or an http(s) URL`,
		`cases/bad/index.html:5:1: link "#" ends in an empty #fragment`,
		`cases/bad/index.html:5:22: empty URL in <a href>`,
		`cases/bad/index.html:6:1: link "/other/" leaves the base path /base/`,
		`cases/bad/index.html:6:27: link "//cdn.example.com/x.js" goes to another origin, https://cdn.example.com`,
		`cases/bad/index.html:6:70: broken link "/base/assets/c.png": assets/c.png does not exist`,
		`cases/bad/index.html:7:1: malformed URL "%zz": invalid URL escape "%zz"`,
		`cases/bad/index.html:7:30: link "http://fzzf.example.gov.cn/base/" goes to another origin, http://fzzf.example.gov.cn`,
		`cases/meta/index.html:1:57: broken link "https://fzzf.example.gov.cn/base/cases/gone/": cases/gone/index.html does not exist`,
		`cases/meta/index.html:1:129: broken link "/base/gone/": gone/index.html does not exist`,
	})
}

func TestSrcsetURLs(t *testing.T) {
	got := srcsetURLs(" a.png 1x,b.png 2x , c.png")
	sameLines(t, "srcset", got, []string{"a.png", "b.png", "c.png"})
}

// A site under its portal's origin may link to the portal's home, and to
// nothing else of that origin outside its base path.
func TestPortalOnTheSiteOrigin(t *testing.T) {
	o, err := NewOptions("https://www.example.gov.cn/zwgk/fzzfjsnb/", "", "https://www.example.gov.cn/")
	if err != nil {
		t.Fatal(err)
	}
	if len(o.AllowedOrigins) != 0 || len(o.AllowedPaths) != 1 || o.AllowedPaths[0] != "/" {
		t.Fatalf("options = %+v", o)
	}
	s, err := Load(fstest.MapFS{"index.html": {Data: []byte(`<a href="https://www.example.gov.cn/">门户</a><a href="/other/">其他</a>`)}})
	if err != nil {
		t.Fatal(err)
	}
	sameLines(t, "links", problemStrings(s.CheckLinks(o).Problems), []string{
		`index.html:1:45: link "/other/" leaves the base path /zwgk/fzzfjsnb/`,
	})
}

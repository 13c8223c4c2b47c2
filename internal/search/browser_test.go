package search

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"

	"nianbao/internal/testenv"
)

// searchPage is the smallest search page that follows the contract of
// README.md, served under a sub-path with the strict CSP.
const searchPage = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<title>站内检索</title><script src="../assets/search.js" defer></script></head><body>
<h1>站内检索</h1>
<form role="search" action="./" method="get" data-search-index="index/" data-search-root="../">
<label for="q">检索词</label><input id="q" name="q" type="search">
<label for="year">年度</label><select id="year" name="year"><option value="">全部</option><option>2024</option><option>2021</option></select>
<button>搜索</button></form>
<p data-search-status aria-live="polite"></p>
<ol data-search-results></ol>
<nav data-search-fallback><a href="../r/">按年度和地区浏览</a></nav>
</body></html>`

// TestBrowserSmoke runs the bundled script in headless Chromium, if
// installed, on a page served from a sub-path: the URL's query and filter
// reach the engine, results render with <mark>, the fallback hides, and the
// CSP (no inline script, no eval) holds. Typing into the built site is the
// site's Chromium test in .ci/run.
func TestBrowserSmoke(t *testing.T) {
	chromium := testenv.NeedChromium(t, "the browser smoke test")
	files, err := Build(loadFixtures(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	const base = "/zwgk/fzzfjsnb/"
	site := map[string][]byte{
		base + "search/":          []byte(searchPage),
		base + "assets/search.js": bundleJS(t, "main.js", false),
	}
	for _, f := range files {
		site[base+"search/index/"+f.Path] = f.Data
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, ok := site[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		switch {
		case strings.HasSuffix(r.URL.Path, ".js"):
			w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		case strings.HasSuffix(r.URL.Path, ".json"):
			w.Header().Set("Content-Type", "application/json")
		default:
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		w.Write(data)
	}))
	defer srv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	url := srv.URL + base + "search/?q=%E6%B3%95%E5%BE%8B%E9%A1%BE%E9%97%AE&year=2021" // 法律顾问, 2021
	out, err := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu",
		"--user-data-dir="+t.TempDir(), "--virtual-time-budget=10000", "--dump-dom", url).Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	dom := string(out)
	for _, want := range []string{
		`role="status">找到 2 条结果</p>`,
		`<mark>法律顾问</mark>`,
		`href="` + srv.URL + base + `r/yubei-xinglong/2021/#s4"`,
		`渝北区兴隆镇 · 2021年 · 四、2022年推进法治政府建设的工作举措`,
		`<nav data-search-fallback="" hidden="">`,
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("page lacks %s\n%s", want, dom)
		}
	}
}

package search

import (
	"os"
	"path/filepath"
	"testing"
)

func TestZZSite(t *testing.T) {
	root := "/tmp/site/zwgk/fzzfjsnb"
	os.RemoveAll("/tmp/site")
	files, _ := Build(loadFixtures(t), Options{})
	writeIndexTo(t, root+"/search/index", files)
	os.MkdirAll(root+"/assets", 0o755)
	os.WriteFile(root+"/assets/search.js", bundleJS(t, "main.js", false), 0o644)
	page := `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<title>检索</title><script src="../assets/search.js" defer></script></head><body>
<h1>站内检索</h1>
<form role="search" action="./" method="get" data-search-index="index/" data-search-root="../">
<label for="q">检索词</label><input id="q" name="q" type="search">
<label for="year">年度</label><select id="year" name="year"><option value="">全部</option><option>2024</option><option>2021</option></select>
<label for="kind">部分</label><select id="kind" name="kind"><option value="">全部</option><option value="plans">下一年度安排</option></select>
<button>搜索</button></form>
<p data-search-status aria-live="polite"></p>
<ol data-search-results></ol>
<nav data-search-fallback><a href="../r/">按年度和地区浏览</a></nav>
</body></html>`
	os.MkdirAll(filepath.Join(root, "search"), 0o755)
	os.WriteFile(root+"/search/index.html", []byte(page), 0o644)
}

package sitecheck

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestServer(t *testing.T) {
	base := serve(t, "testdata/good", "testdata/netlify.toml", fixtureBase)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tc := range []struct {
		path, status, contentType, location, body, cache string
	}{
		{path: "", status: "200 OK", contentType: "text/html; charset=utf-8", body: "<h1>示例法治政府建设年度报告</h1>"},
		{path: "towns/500235145/2024/", status: "200 OK", contentType: "text/html; charset=utf-8", body: "<h1>后叶镇2024年法治政府建设年度报告</h1>"},
		{path: "towns/500235145/2024", status: "301 Moved Permanently", location: fixtureBase + "towns/500235145/2024/"},
		{path: "towns/500235145/2024/report.md", status: "200 OK", contentType: "text/markdown; charset=utf-8"},
		{path: "assets/site.css", status: "200 OK", contentType: "text/css; charset=utf-8", cache: "public, max-age=31536000, immutable"},
		{path: "no/such/page/", status: "404 Not Found", contentType: "text/html; charset=utf-8", body: "<h1>页面未找到</h1>"},
		{path: "../../etc/passwd", status: "404 Not Found", body: "<h1>页面未找到</h1>"},
	} {
		resp, err := noRedirect.Get(base + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		h := resp.Header
		if resp.Status != tc.status {
			t.Errorf("%s: status %q, want %q", tc.path, resp.Status, tc.status)
		}
		if tc.contentType != "" && h.Get("Content-Type") != tc.contentType {
			t.Errorf("%s: Content-Type %q, want %q", tc.path, h.Get("Content-Type"), tc.contentType)
		}
		if h.Get("Location") != tc.location {
			t.Errorf("%s: Location %q, want %q", tc.path, h.Get("Location"), tc.location)
		}
		if !strings.Contains(string(body), tc.body) {
			t.Errorf("%s: body lacks %q", tc.path, tc.body)
		}
		if h.Get("Cache-Control") != tc.cache {
			t.Errorf("%s: Cache-Control %q, want %q", tc.path, h.Get("Cache-Control"), tc.cache)
		}
		if !strings.HasPrefix(h.Get("Content-Security-Policy"), "default-src 'self';") || h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: the headers of netlify.toml are missing: %v", tc.path, h)
		}
	}
	// Outside the base path nothing of the site is served.
	resp, err := http.Get(strings.TrimSuffix(base, fixtureBase) + "/index.html")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("/index.html outside the base path: status %d, want 404", resp.StatusCode)
	}
}

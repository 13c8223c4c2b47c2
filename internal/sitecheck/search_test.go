package sitecheck

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/net/html"

	"nianbao/internal/search"
)

// searchQueries are typed into the real build's search page. They cover a
// topic, a number, a 签发人, a town, a half-width form and a filter.
var searchQueries = []map[string]string{
	{"q": "法律顾问"},
	{"q": "矛盾纠纷", "year": "2024"},
	{"q": "12348"},
	{"q": "曾志刚"},
	{"q": "回龙坝"},
	{"q": "(2021"},
}

// searchResult is what scripts/search-e2e.mjs saw for one query.
type searchResult struct {
	Query      map[string]string `json:"query"`
	Error      string            `json:"error"`
	Errors     []string          `json:"errors"`
	Status     string            `json:"status"`
	LiveRegion string            `json:"liveRegion"`
	URL        string            `json:"url"`
	Results    []struct {
		Title  string   `json:"title"`
		Href   string   `json:"href"`
		Marks  []string `json:"marks"`
		Others []string `json:"others"`
	} `json:"results"`
	// Towns are the town pages offered above the results.
	Towns []string `json:"towns"`
}

// TestSiteSearch types queries into the search page of a real build in
// headless Chromium, as a reader would, and checks that the page shows
// what the reference engine of internal/search answers from the same index
// files: the announced count, and each result's report and section, in
// order, with the match highlighted. Like TestSite it runs when
// NIANBAO_SITE_DIR names a build (.ci/run sets it).
func TestSiteSearch(t *testing.T) {
	dir := os.Getenv(siteEnv)
	if dir == "" {
		t.Skipf("skipping the search test of a real build: %s is not set (.ci/run sets it)", siteEnv)
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	root := repoRoot(t)
	job := browserJob(t)
	siteYAML, err := os.ReadFile(filepath.Join(root, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	opt, err := OptionsFromSiteYAML("site.yaml", siteYAML, os.Getenv("NIANBAO_BASE_PATH"))
	if err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(dir, "search", "index")
	if _, err := os.Stat(filepath.Join(index, "meta.json")); err != nil {
		t.Fatalf("the build has no search index: %v", err)
	}
	base := serve(t, dir, filepath.Join(root, "netlify.toml"), opt.BasePath)

	in, _ := json.Marshal(map[string]any{"chromium": job.Chromium, "url": base + "search/", "queries": searchQueries})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, job.Node, filepath.Join(root, "scripts", "search-e2e.mjs"))
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("scripts/search-e2e.mjs: %v\n%s", err, tail(stderr.String(), 2000))
	}
	var out struct{ Results []searchResult }
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("read the output of scripts/search-e2e.mjs: %v", err)
	}
	if len(out.Results) != len(searchQueries) {
		t.Fatalf("%d results for %d queries", len(out.Results), len(searchQueries))
	}

	ref := search.NewSearcher(func(p string) ([]byte, error) { return os.ReadFile(filepath.Join(index, filepath.FromSlash(p))) })
	shown := 0
	for _, got := range out.Results {
		q := got.Query["q"]
		if got.Error != "" {
			t.Errorf("%q: %s", q, got.Error)
			continue
		}
		for _, e := range got.Errors {
			t.Errorf("%q: console error: %s", q, e)
		}
		f := search.Filter{County: got.Query["county"], Town: got.Query["town"], Kind: got.Query["kind"]}
		f.Year, _ = strconv.Atoi(got.Query["year"])
		want, err := ref.Search(q, f, 0)
		if err != nil {
			t.Fatalf("%q: reference engine: %v", q, err)
		}
		if want.Total == 0 {
			t.Errorf("%q: the reference engine finds nothing; the query list should test results", q)
		}
		if got.LiveRegion != "polite" && got.LiveRegion != "assertive" {
			t.Errorf("%q: the result count is not announced (aria-live=%q)", q, got.LiveRegion)
		}
		if !strings.Contains(got.Status, strconv.Itoa(want.Total)) {
			t.Errorf("%q: the page says %q; the reference engine finds %d", q, got.Status, want.Total)
		}
		if u, err := url.Parse(got.URL); err != nil || u.Query().Get("q") != q {
			t.Errorf("%q: the page's URL %q does not carry the query (a search must be shareable)", q, got.URL)
		}
		if len(got.Results) != len(want.Results) {
			t.Errorf("%q: the page shows %d results, the reference engine %d", q, len(got.Results), len(want.Results))
			continue
		}
		for i, w := range want.Results {
			href := base + w.URL
			if w.SectionID != "" {
				href += "#" + w.SectionID
			}
			g := got.Results[i]
			if g.Href != href || g.Title != w.Title {
				t.Errorf("%q result %d: page shows %q → %s; reference %q → %s", q, i+1, g.Title, g.Href, w.Title, href)
			}
			var others []string
			for _, o := range w.OtherSections {
				h := base + w.URL
				if o.ID != "" {
					h += "#" + o.ID
				}
				others = append(others, h)
			}
			if strings.Join(g.Others, " ") != strings.Join(others, " ") {
				t.Errorf("%q result %d: the other sections offered are %q, the reference engine names %q", q, i+1, g.Others, others)
			}
			if len(g.Marks) == 0 {
				t.Errorf("%q result %d: no highlighted match", q, i+1)
			}
		}
		shown += len(got.Results)
		if want := townLinks(t, dir, base, q); strings.Join(got.Towns, " ") != strings.Join(want, " ") {
			t.Errorf("%q: the town pages offered are %q, want %q", q, got.Towns, want)
		}
	}
	t.Logf("summary: search: %d queries typed into search/ in Chromium, %d results shown, all as the reference engine answers", len(out.Results), shown)
}

// townLinks are the town pages the search page should offer for q: the
// towns of its town filter whose name (with their regions) holds q, the
// first five, as the page's script finds them.
func townLinks(t *testing.T, dir, base, q string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "search", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	word := strings.Join(strings.Fields(q), "")
	if utf8.RuneCountInString(word) < 2 {
		return nil
	}
	var out []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode || n.Data != "select" || attrOr(n, "name") != "town" {
			continue
		}
		for o := range n.Descendants() {
			if o.Type == html.ElementNode && o.Data == "option" && attrOr(o, "value") != "" && len(out) < 5 {
				var text strings.Builder
				for c := range o.Descendants() {
					if c.Type == html.TextNode {
						text.WriteString(c.Data)
					}
				}
				if strings.Contains(text.String(), word) {
					out = append(out, base+"towns/"+url.PathEscape(attrOr(o, "value"))+"/")
				}
			}
		}
	}
	return out
}

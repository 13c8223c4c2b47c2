package search

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"

	"nianbao/internal/testenv"
)

// The browser engine (assets/search) must agree with the Go reference
// engine. These tests bundle it with esbuild for node, lowered to ES2017 as
// the site bundles it for browsers, and compare answers.

func assetsDir(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "assets", "search"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// bundleJS bundles one file of assets/search with the options of
// internal/assets (ES2017, UTF-8) and returns the code.
func bundleJS(t testing.TB, entry string, node bool) []byte {
	t.Helper()
	opt := api.BuildOptions{
		EntryPoints:       []string{filepath.Join(assetsDir(t), entry)},
		Bundle:            true,
		Write:             false,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Charset:           api.CharsetUTF8,
		Target:            api.ES2017,
		LegalComments:     api.LegalCommentsNone,
		LogLevel:          api.LogLevelSilent,
	}
	if node {
		opt.Platform, opt.Format = api.PlatformNode, api.FormatESModule
	}
	r := api.Build(opt)
	if len(r.Errors) > 0 {
		var msgs []string
		for _, m := range r.Errors {
			loc := ""
			if m.Location != nil {
				loc = fmt.Sprintf("%s:%d:%d: ", m.Location.File, m.Location.Line, m.Location.Column+1)
			}
			msgs = append(msgs, loc+m.Text)
		}
		t.Fatalf("esbuild %s:\n%s", entry, strings.Join(msgs, "\n"))
	}
	if len(r.OutputFiles) != 1 {
		t.Fatalf("esbuild %s: %d output files", entry, len(r.OutputFiles))
	}
	return r.OutputFiles[0].Contents
}

// nodeCLI returns the path of the bundled node entry, skipping the test when
// node is not installed.
func nodeCLI(t testing.TB) string {
	t.Helper()
	testenv.NeedNode(t, "the Go/JavaScript agreement test")
	p := filepath.Join(t.TempDir(), "cli.mjs")
	if err := os.WriteFile(p, bundleJS(t, "cli.js", true), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// runNode sends requests to the node entry and returns one raw answer each.
func runNode(t testing.TB, cli, indexDir string, requests []map[string]any) []json.RawMessage {
	t.Helper()
	in, err := json.Marshal(requests)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("node", cli, indexDir)
	cmd.Stdin = bytes.NewReader(in)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != len(requests) {
		t.Fatalf("node answered %d lines to %d requests", len(lines), len(requests))
	}
	out := make([]json.RawMessage, len(lines))
	for i, l := range lines {
		out[i] = json.RawMessage(l)
	}
	return out
}

// writeIndex writes files under a new temporary directory.
func writeIndex(t testing.TB, files []File) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// recorder wraps a loader and records the paths it served.
type recorder struct {
	load   func(string) ([]byte, error)
	loaded []string
}

func (r *recorder) get(p string) ([]byte, error) {
	r.loaded = append(r.loaded, p)
	return r.load(p)
}

func (r *recorder) paths() []string {
	out := append([]string(nil), r.loaded...)
	sort.Strings(out)
	return out
}

func TestNormalizeAgreesWithJS(t *testing.T) {
	cli := nodeCLI(t)
	// Every code point except surrogates (which Go strings cannot hold).
	var all strings.Builder
	for r := rune(0); r <= 0x10ffff; r++ {
		if r < 0xd800 || r > 0xdfff {
			all.WriteRune(r)
		}
	}
	samples := tokenSamples()
	reqs := []map[string]any{{"op": "normalize", "s": all.String()}, {"op": "stream", "s": all.String()}}
	for _, s := range samples {
		reqs = append(reqs, map[string]any{"op": "tokens", "s": s}, map[string]any{"op": "plan", "s": s})
	}
	ans := runNode(t, cli, t.TempDir(), reqs)
	var got string
	if err := json.Unmarshal(ans[0], &got); err != nil {
		t.Fatal(err)
	}
	want := Normalize(all.String())
	if got != want {
		g, w := []rune(got), []rune(want)
		for i := range w {
			if i >= len(g) || g[i] != w[i] {
				t.Fatalf("normalize differs first at input index %d: Go %U, JS %U", i, w[i], g[min(i, len(g)-1)])
			}
		}
		t.Fatalf("normalize: JS output has %d code points, Go %d", len(g), len(w))
	}
	var st string
	if err := json.Unmarshal(ans[1], &st); err != nil {
		t.Fatal(err)
	}
	if st != string(stream(all.String())) {
		t.Fatal("stream differs between Go and JS")
	}
	ans = ans[1:]
	for i, s := range samples {
		var toks []string
		if err := json.Unmarshal(ans[1+2*i], &toks); err != nil {
			t.Fatal(err)
		}
		if want := Tokens(s); !reflect.DeepEqual(toks, want) && !(len(toks) == 0 && len(want) == 0) {
			t.Errorf("tokens(%q):\n JS %q\n Go %q", s, toks, want)
		}
		var plans []struct {
			Term   string   `json:"term"`
			Tokens []string `json:"tokens"`
			Exact  bool     `json:"exact"`
		}
		if err := json.Unmarshal(ans[2+2*i], &plans); err != nil {
			t.Fatal(err)
		}
		terms := queryTerms(s)
		if len(plans) != len(terms) {
			t.Errorf("terms(%q): JS %d, Go %d", s, len(plans), len(terms))
			continue
		}
		for j, term := range terms {
			keys, exact := plan(term)
			var ks []string
			for _, k := range keys {
				ks = append(ks, k.String())
			}
			if plans[j].Term != string(term) || !reflect.DeepEqual(plans[j].Tokens, ks) || plans[j].Exact != exact {
				t.Errorf("plan(%q): JS %+v, Go %q %q exact=%v", s, plans[j], string(term), ks, exact)
			}
		}
	}
}

// tokenSamples are strings that exercise every folding and tokenizing rule.
func tokenSamples() []string {
	return []string{
		"法律顾问", "１２３４８", "12348", "ＡＢＣ abc ABC", "（2021—2025年）", "(2021-2025年)",
		"后叶委文〔2025〕5号", "后叶委文[2025]5号", "﹝2025﹞【2025】", "2021 年", "社会公\n\n开",
		"　　一、主要举措", "http://www.gov.cn/12348abcdefghij", "x", "𠮷野家 𠮷", "a\u00a0b\u200bc\ufeffd",
		"“两点”定位、‘四个’", "1～3 1〜3 1~3", "ｈｔｔｐ：／／", "￥100 ￡", "﹐﹑﹒﹔﹕﹖﹗",
		"法律 顾问 法律", strings.Repeat("很长的查询词", 10), "a b c d e f g h i j k",
		"", "   ", "0123456789abcdefghijklmnopqrstuvwxyz", "2021年法治政府建设", "LED显示屏",
	}
}

// agreementCase is one search run by both engines.
type agreementCase struct {
	q    string
	f    Filter
	page int
}

func (c agreementCase) request() map[string]any {
	return map[string]any{"op": "search", "q": c.q, "page": c.page,
		"filter": map[string]any{"year": c.f.Year, "county": c.f.County, "town": c.f.Town, "kind": c.f.Kind}}
}

// checkAgreement runs every case through Go and node over the same index
// files and fails on any difference in results or in the files loaded.
func checkAgreement(t *testing.T, files []File, cases []agreementCase) {
	t.Helper()
	cli := nodeCLI(t)
	dir := writeIndex(t, files)
	reqs := make([]map[string]any, len(cases))
	for i, c := range cases {
		reqs[i] = c.request()
	}
	ans := runNode(t, cli, dir, reqs)
	for i, c := range cases {
		rec := &recorder{load: FilesLoader(files)}
		want, err := NewSearcher(rec.get).Search(c.q, c.f, c.page)
		if err != nil {
			t.Fatalf("Go %q: %v", c.q, err)
		}
		var got struct {
			Page   Page     `json:"page"`
			Loaded []string `json:"loaded"`
		}
		if err := json.Unmarshal(ans[i], &got); err != nil {
			t.Fatalf("JS %q: %v: %s", c.q, err, ans[i])
		}
		if !reflect.DeepEqual(&got.Page, want) {
			gj, _ := json.MarshalIndent(got.Page, "", " ")
			wj, _ := json.MarshalIndent(want, "", " ")
			t.Errorf("%q %+v page %d: JS and Go differ\nJS: %s\nGo: %s", c.q, c.f, c.page, gj, wj)
			continue
		}
		if want := rec.paths(); len(got.Loaded)+len(want) > 0 && !reflect.DeepEqual(got.Loaded, want) {
			t.Errorf("%q %+v page %d: JS loaded %v, Go %v", c.q, c.f, c.page, got.Loaded, rec.paths())
		}
	}
}

func TestQueriesAgreeWithJS(t *testing.T) {
	files, err := Build(loadFixtures(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var cases []agreementCase
	for _, qc := range queryCases() {
		cases = append(cases, agreementCase{q: qc.q, f: qc.f})
	}
	for _, s := range tokenSamples() {
		cases = append(cases, agreementCase{q: s})
	}
	cases = append(cases, agreementCase{q: "法", page: 1}, agreementCase{q: "法律顾问", f: Filter{Kind: "nonsense"}})
	checkAgreement(t, files, cases)
}

// TestSyntheticAgreesWithJS compares the engines on a few hundred synthetic
// reports with queries cut from their text, paging included, which reaches
// the paths the five real reports do not: false candidates of long terms,
// several pages, region filters over many towns, and postings split
// between main and tail shards (the default block of 256 leaves 144
// reports in the tail).
func TestSyntheticAgreesWithJS(t *testing.T) {
	docs := synthCorpus(t, 400, 7)
	// Some arrived later, so that a year filter crosses several runs.
	for i := 0; i < len(docs); i += 23 {
		docs[i].Added = "2026-12-06"
	}
	files, err := Build(docs, Options{ShardBytes: 8 << 10})
	if err != nil {
		t.Fatal(err)
	}
	var cases []agreementCase
	for i, q := range synthQueries(docs, 60, 11) {
		c := agreementCase{q: q}
		switch i % 6 {
		case 1:
			c.f.Year = docs[i].Year
		case 2:
			c.f.Kind = []string{"measures", "leadership", "shortcomings", "plans"}[i%4]
		case 3:
			c.f.County = docs[i].County
		case 4:
			c.page = 1 + i%3
		case 5:
			c.f.Town = docs[i].Code
		}
		cases = append(cases, c)
	}
	checkAgreement(t, files, cases)
}

// TestBrowserBundle checks that the page script bundles for ES2017 as the
// site bundles it, and reports its size.
func TestBrowserBundle(t *testing.T) {
	code := bundleJS(t, "main.js", false)
	for _, bad := range []string{"eval(", "new Function", "innerHTML", "WebAssembly"} {
		if bytes.Contains(code, []byte(bad)) {
			t.Errorf("bundle contains %q", bad)
		}
	}
	t.Logf("main.js bundle: %d bytes, %d bytes gzip", len(code), gzipSize(code))
}

// gzipSize is the size of b compressed at gzip's default level (6), which
// is what `gzip` and most hosts use.
func gzipSize(b []byte) int { return gzipSizeLevel(b, gzip.DefaultCompression) }

func gzipSizeLevel(b []byte, level int) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, level)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// TestStaleFormat checks that both engines refuse an index of another
// format, as a page cached from before the site was rebuilt meets, with an
// error that says so (the page then asks the reader to reload it), rather
// than looking tokens up in the wrong shards; and that an index of this
// format is read by both.
func TestStaleFormat(t *testing.T) {
	files, err := Build(loadFixtures(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	cli := nodeCLI(t)
	for _, format := range []int{Format, Format - 1, Format + 1} {
		meta := files[indexOfPath(files, "meta.json")].Data
		edited := bytes.Replace(meta, fmt.Appendf(nil, `{"format":%d,`, Format), fmt.Appendf(nil, `{"format":%d,`, format), 1)
		if bytes.Equal(edited, meta) != (format == Format) {
			t.Fatalf("meta.json does not start with its format: %.40s", meta)
		}
		set := append([]File(nil), files...)
		set[indexOfPath(set, "meta.json")] = File{Path: "meta.json", Data: edited}
		_, err := NewSearcher(FilesLoader(set)).Search("法治", Filter{}, 0)
		var stale *StaleError
		if got := errors.As(err, &stale); got != (format != Format) {
			t.Errorf("format %d: Go engine's error %v", format, err)
		}
		var ans struct {
			Error string `json:"error"`
			Stale bool   `json:"stale"`
		}
		raw := runNode(t, cli, writeIndex(t, set), []map[string]any{{"op": "search", "q": "法治"}})
		if err := json.Unmarshal(raw[0], &ans); err != nil {
			t.Fatal(err)
		}
		if ans.Stale != (format != Format) || (ans.Error != "") != (format != Format) {
			t.Errorf("format %d: the browser's engine answered %s", format, raw[0])
		}
	}
}

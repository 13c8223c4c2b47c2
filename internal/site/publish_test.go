package site

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nianbao/internal/cache"
	"nianbao/internal/publish"
)

// TestDamagedOutputIsRepaired checks that a build does not trust an
// output changed by hand since the last build: a page deleted, or edited
// to the same length with its modification time set back (as cp -p,
// rsync -a and tar x leave it), is seen, named, and the whole site is
// written again.
func TestDamagedOutputIsRepaired(t *testing.T) {
	for _, tt := range []struct {
		name   string
		damage func(t *testing.T, out string)
		want   string
	}{
		{"a page deleted", func(t *testing.T, out string) {
			if err := os.Remove(filepath.Join(out, "towns", "500235145", "2021", "index.html")); err != nil {
				t.Fatal(err)
			}
		}, "towns/500235145/2021/index.html 不见了"},
		{"a page defaced, its time set back", func(t *testing.T, out string) {
			// A change within the file system clock's tick (at most 10 ms)
			// of the build's end would share its time.
			time.Sleep(20 * time.Millisecond)
			p := filepath.Join(out, "index.html")
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			data, _ := os.ReadFile(p)
			i := bytes.Index(data, []byte("<title>"))
			copy(data[i+7:], "DEFACED")
			if err := os.WriteFile(p, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
				t.Fatal(err)
			}
		}, "index.html 被改动过"},
		{"a page replaced by a directory", func(t *testing.T, out string) {
			p := filepath.Join(out, "feed.xml")
			os.Remove(p)
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}, "feed.xml 不是文件"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := fixtureConfig(t, "/")
			cfg.CacheDir = filepath.Join(t.TempDir(), "cache")
			build(t, cfg)
			clean := readTree(t, cfg.Out)
			tt.damage(t, cfg.Out)
			res := build(t, cfg)
			if res.Incremental {
				t.Error("the build updated a damaged output in place")
			}
			want := cfg.Out + " 在上次构建后被改动过（" + tt.want + "），本次重新生成整个网站：无需处理；以后请不要手工改动 " + cfg.Out + " 中的文件"
			if len(res.Warnings) != 1 || res.Warnings[0].Error() != want {
				t.Errorf("warnings %q, want %q", res.Warnings, want)
			}
			got := readTree(t, cfg.Out)
			for name, data := range clean.files {
				if !bytes.Equal(got.files[name], data) {
					t.Errorf("%s not repaired", name)
				}
			}
			// And the repaired site is trusted again.
			if res := build(t, cfg); !res.Incremental || len(res.Warnings) > 0 {
				t.Errorf("after the repair: incremental %v, warnings %q", res.Incremental, res.Warnings)
			}
		})
	}
}

// TestSameLengthEditIsSeen checks that a content file rewritten to the
// same length with its old modification time (cp -p, rsync -a, tar x) is
// read again: its change time moved.
func TestSameLengthEditIsSeen(t *testing.T) {
	if testing.Short() {
		t.Skip("waits out the two seconds in which a file's time is not trusted")
	}
	dir := filepath.Join(t.TempDir(), "content")
	for name, f := range fixtureContent() {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(cache.RacyWindow + 100*time.Millisecond)
	cfg := fixtureConfig(t, "/")
	cfg.Content = os.DirFS(dir)
	cfg.CacheDir = filepath.Join(t.TempDir(), "cache")
	build(t, cfg)
	p := filepath.Join(dir, "cq", "500112138-2021.md")
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	edited := bytes.Replace(data, []byte("举措乙"), []byte("举措丙"), 1)
	if bytes.Equal(edited, data) || len(edited) != len(data) {
		t.Fatal("the fixture lacks 举措乙")
	}
	if err := os.WriteFile(p, edited, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	res := build(t, cfg)
	if res.Parsed != 1 {
		t.Errorf("parsed %d files, want the one edited", res.Parsed)
	}
	if page := read(t, cfg, "towns/500112138/2021/index.html"); !strings.Contains(page, "举措丙") {
		t.Error("the edit is not on the page")
	}
}

// TestLeftoversAreRemoved checks that what killed builds left beside the
// output is removed at the next build and named in its warnings.
func TestLeftoversAreRemoved(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	parent := filepath.Dir(cfg.Out)
	for name, text := range map[string]string{
		"public.tmp-123/index.html":   "half a site",
		"public.old-456/index.html":   "an old site",
		"public.old-456/a/b/c.html":   "more of it",
		"public-notes/keep.txt":       "not the build's",
		"public.tmp-123/towns/x.html": "",
	} {
		p := filepath.Join(parent, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := build(t, cfg)
	want := []string{
		cfg.Out + ".old-456：已删除（上次构建中途停止时留下的，2 个文件，21 字节）：无需处理",
		cfg.Out + ".tmp-123：已删除（上次构建中途停止时留下的，2 个文件，11 字节）：无需处理",
	}
	var got []string
	for _, w := range res.Warnings {
		got = append(got, w.Error())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "public public-notes" {
		t.Errorf("beside the output: %v", names)
	}
}

// TestOutputGuard checks that a build refuses an output it did not make,
// and one that holds what it reads, before touching anything.
func TestOutputGuard(t *testing.T) {
	cfg := fixtureConfig(t, "/")
	if err := os.MkdirAll(cfg.Out, 0o755); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(cfg.Out, "notes.txt")
	if err := os.WriteFile(notes, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(cfg)
	want := "-out " + cfg.Out + " 不是构建生成的文件夹（里面没有 .nianbao-site 文件），而且不是空的；构建会整体替换输出文件夹，会删掉里面的文件：请换一个空的或新的文件夹，或先把里面的文件移走"
	if !errors.Is(err, ErrFailed) || len(res.Problems) != 1 || res.Problems[0].Error() != want {
		t.Errorf("got %v %q, want %q", err, res.Problems, want)
	}
	if data, _ := os.ReadFile(notes); string(data) != "mine" {
		t.Error("the refused output was touched")
	}

	cfg = fixtureConfig(t, "/")
	cfg.Reads = []publish.Input{{Path: filepath.Dir(cfg.Out), What: "报告的 Markdown 文件夹（-content）"}}
	res, err = Build(cfg)
	want = "-out " + cfg.Out + " 位于 " + filepath.Dir(cfg.Out) + "（报告的 Markdown 文件夹（-content））之内：请换一个在它之外的文件夹，例如 -out public"
	if !errors.Is(err, ErrFailed) || len(res.Problems) != 1 || res.Problems[0].Error() != want {
		t.Errorf("an output inside what the build reads: %v %q", err, res.Problems)
	}
}

package importer

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"nianbao/internal/filestamp"
)

// TestPendingWithSourceCache runs Pending with a source cache through the
// changes an editor makes between builds and requires, each time, what
// Pending says without the cache.
func TestPendingWithSourceCache(t *testing.T) {
	root := repo(t, map[string]string{
		"sources/a.txt":  "",
		"sources/b.txt":  "",
		"sources/c.txt":  "",
		"content/1/a.md": imported("source: sources/a.txt\n"),
		"content/1/b.md": imported("source: sources/b.txt\n"),
	})
	cache := filepath.Join(root, ".build-cache", "import-sources")
	opt := Options{Root: root, Out: "content"}
	cached := opt
	cached.SourceCache = cache
	// Files changed long ago, as between two builds a day apart; age sets
	// a file's time back after each edit.
	age := func(name string, d time.Duration) {
		t.Helper()
		when := time.Now().Add(-d)
		if err := os.Chtimes(filepath.Join(root, name), when, when); err != nil {
			t.Fatal(err)
		}
	}
	age("content/1/a.md", time.Hour)
	age("content/1/b.md", time.Hour)
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(root, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name string
		edit func()
		want []string
	}{
		{"first build", func() {}, []string{"sources/c.txt"}},
		{"unchanged", func() {}, []string{"sources/c.txt"}},
		{"c imported", func() {
			write("content/1/c.md", imported("source: sources/c.txt\n"))
			age("content/1/c.md", time.Hour)
		}, nil},
		{"a removed", func() { os.Remove(filepath.Join(root, "content/1/a.md")) }, []string{"sources/a.txt"}},
		{"b now names a", func() {
			write("content/1/b.md", imported("source: sources/a.txt\n"))
			age("content/1/b.md", 30*time.Minute)
		}, []string{"sources/b.txt"}},
		// The same size and time as the cache records, but changed just
		// before the cache was written: its time is not trusted.
		{"b changed within the same tick", func() {
			info, err := os.Stat(filepath.Join(root, "content/1/b.md"))
			if err != nil {
				t.Fatal(err)
			}
			age("content/1/b.md", 0)
			if _, err := Pending("sources", cached); err != nil { // caches b naming a, now
				t.Fatal(err)
			}
			recent, _ := os.Stat(filepath.Join(root, "content/1/b.md"))
			write("content/1/b.md", imported("source: sources/b.txt\n"))
			if now, _ := os.Stat(filepath.Join(root, "content/1/b.md")); now.Size() != info.Size() {
				t.Fatal("the edit must keep the size")
			}
			os.Chtimes(filepath.Join(root, "content/1/b.md"), recent.ModTime(), recent.ModTime())
		}, []string{"sources/a.txt"}},
		{"cache damaged", func() { write(".build-cache/import-sources", sourceCacheMagic+"\xff\xff") }, []string{"sources/a.txt"}},
		{"cache of another format", func() { write(".build-cache/import-sources", "other\n") }, []string{"sources/a.txt"}},
	}
	for _, s := range steps {
		s.edit()
		want, err := Pending("sources", opt)
		if err != nil || !reflect.DeepEqual(want, s.want) {
			t.Fatalf("%s: without the cache, Pending = %q, %v; want %q", s.name, want, err, s.want)
		}
		got, err := Pending("sources", cached)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: with the cache, Pending = %q, %v; want %q", s.name, got, err, want)
		}
	}
	if _, err := os.Stat(cache); err != nil {
		t.Errorf("no cache written: %v", err)
	}
}

// TestSourceCacheSkipsUnchangedFiles checks that the cache is used, and
// that it is used only while a file's stamp is the one cached: a cache
// that says a.md names sources/b.txt is believed while a.md is untouched,
// and no longer once a.md is rewritten to the same length with its
// modification time set back, as cp -p and rsync -a do.
func TestSourceCacheSkipsUnchangedFiles(t *testing.T) {
	root := repo(t, map[string]string{
		"sources/a.txt":  "",
		"sources/b.txt":  "",
		"content/1/a.md": imported("source: sources/a.txt\n"),
	})
	name := filepath.Join(root, "content/1/a.md")
	old := time.Now().Add(-time.Hour)
	os.Chtimes(name, old, old)
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	// A cache written a minute from now, so that no time in it is racy,
	// whose answer for a.md only the cache can give.
	cache := filepath.Join(root, "cache", "import-sources")
	st := filestamp.Of(info)
	b := []byte(sourceCacheMagic)
	b = binary.AppendVarint(b, time.Now().Add(time.Minute).UnixNano())
	b = binary.AppendVarint(b, int64(len(name)))
	b = append(b, name...)
	for _, v := range []int64{st.Size, st.Mtime, st.Ctime, int64(st.Ino), int64(len("sources/b.txt"))} {
		b = binary.AppendVarint(b, v)
	}
	b = append(b, "sources/b.txt"...)
	if err := os.MkdirAll(filepath.Dir(cache), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cache, b, 0o644); err != nil {
		t.Fatal(err)
	}
	opt := Options{Root: root, Out: "content", SourceCache: cache}
	if got, err := Pending("sources", opt); err != nil || !reflect.DeepEqual(got, []string{"sources/a.txt"}) {
		t.Fatalf("Pending = %q, %v; want the cached answer", got, err)
	}
	// Same size, same modification time, other bytes: the change time
	// tells.
	data, _ := os.ReadFile(name)
	os.WriteFile(name, []byte(string(data[:len(data)-1])+"x"), 0o644)
	os.Chtimes(name, old, old)
	if got, err := Pending("sources", opt); err != nil || !reflect.DeepEqual(got, []string{"sources/b.txt"}) {
		t.Errorf("Pending = %q, %v; want the file read again", got, err)
	}
}

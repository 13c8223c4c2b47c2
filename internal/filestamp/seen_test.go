package filestamp

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// What was seen of a file answers for it, through Lstat and the entries of
// its directory, until it is forgotten; other files are asked of the
// system; reading is always the system's.
func TestSeenFS(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a/x.md", "one")
	write("a/y.md", "two")
	seen := &Seen{}
	old, err := os.Lstat(filepath.Join(dir, "a", "x.md"))
	if err != nil {
		t.Fatal(err)
	}
	seen.Put(filepath.Join(dir, "a", "x.md"), old)
	write("a/x.md", "changed since") // by someone else: what was seen still answers
	fsys := seen.FS(os.DirFS(dir), dir)

	info, err := fs.Lstat(fsys, "a/x.md")
	if err != nil || info.Size() != 3 {
		t.Fatalf("Lstat of a file seen: size %v, %v; want what was seen, 3", info, err)
	}
	// What is kept is all a build reads of the file, as lstat said it.
	if Of(info) != Of(old) || !info.ModTime().Equal(old.ModTime()) || info.Mode() != old.Mode() || info.Name() != "x.md" || info.IsDir() {
		t.Errorf("kept %v %v %v %q, lstat said %v %v %v %q", Of(info), info.ModTime(), info.Mode(), info.Name(), Of(old), old.ModTime(), old.Mode(), old.Name())
	}
	if Of(old).Ctime == 0 && Of(old).Ino == 0 && runtime.GOOS == "linux" {
		t.Error("the stamp lstat gave has no change time or inode: the test tells nothing")
	}
	entries, err := fs.ReadDir(fsys, "a")
	if err != nil || len(entries) != 2 {
		t.Fatalf("ReadDir: %v, %v", entries, err)
	}
	sizes := map[string]int64{}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		sizes[e.Name()] = info.Size()
	}
	if sizes["x.md"] != 3 || sizes["y.md"] != 3 {
		t.Errorf("entries' sizes %v, want x.md as seen (3) and y.md as it is (3)", sizes)
	}
	if data, err := fs.ReadFile(fsys, "a/x.md"); err != nil || string(data) != "changed since" {
		t.Errorf("ReadFile = %q, %v; want the file as it is", data, err)
	}

	seen.Forget(filepath.Join(dir, "a", "x.md"))
	if info, err := fs.Lstat(fsys, "a/x.md"); err != nil || info.Size() != int64(len("changed since")) {
		t.Errorf("Lstat once forgotten: %v, %v; want the file as it is", info, err)
	}
	var none *Seen
	if got := none.FS(os.DirFS(dir), dir); got == nil {
		t.Error("a nil Seen gave no file system")
	}
	none.Put("x", old)
	none.Forget("x")
}

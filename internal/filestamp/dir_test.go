package filestamp

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestDirLstat checks a lookup through an open directory against os.Lstat
// of the joined path: the same stamp for a file, not regular for a link
// or a directory, fs.ErrNotExist for a missing file.
func TestDirLstat(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "a", "b", "index.html"), []byte("<p>x</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("b/index.html", filepath.Join(root, "a", "link")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	d, err := OpenDir(root)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()

	s, regular, err := d.Lstat("a/b/index.html")
	if err != nil || !regular {
		t.Fatalf("a/b/index.html: regular %v, err %v", regular, err)
	}
	info, err := os.Lstat(filepath.Join(root, "a", "b", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := Of(info); s != want {
		t.Errorf("stamp %+v, os.Lstat gives %+v", s, want)
	}
	for _, name := range []string{"a/link", "a/b"} {
		if _, regular, err := d.Lstat(name); err != nil || regular {
			t.Errorf("%s: regular %v, err %v; want not regular", name, regular, err)
		}
	}
	if _, _, err := d.Lstat("a/missing.html"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a/missing.html: err %v, want fs.ErrNotExist", err)
	}
	if _, err := OpenDir(filepath.Join(root, "none")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("OpenDir of a missing directory: err %v, want fs.ErrNotExist", err)
	}
}

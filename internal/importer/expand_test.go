package importer

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestExpandNames checks the names the importer gives the files it finds
// in a folder: relative to the root with forward slashes, however the
// folder was named (relative, absolute, with "./" or a trailing slash, or
// from the working directory when there is no root), and "../" for a
// folder outside the root. The names are front matter's source: a name
// that changed with the way the folder was given would import every
// report again.
func TestExpandNames(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "site")
	for _, f := range []string{"sources/2024/a镇.txt", "sources/b.docx", "sources/notes.xyz", "other/c.txt"} {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{"sources/2024/a镇.txt", "sources/b.docx"}
	for _, tc := range []struct {
		name, root, arg string
		want            []string
	}{
		{"relative", root, "sources", want},
		{"dot and slash", root, "./sources/", want},
		{"absolute", root, filepath.Join(root, "sources"), want},
		{"a sub-folder", root, "sources/2024", want[:1]},
		{"outside the root", filepath.Join(root, "other"), filepath.Join(root, "sources"), []string{"../sources/2024/a镇.txt", "../sources/b.docx"}},
	} {
		got, errs := expand([]string{tc.arg}, Options{Root: tc.root})
		if len(errs) > 0 || !slices.Equal(got, tc.want) {
			t.Errorf("%s: expand(%q) = %q, %v; want %q", tc.name, tc.arg, got, errs, tc.want)
		}
	}
	t.Chdir(root)
	if got, errs := expand([]string{"sources"}, Options{}); len(errs) > 0 || !slices.Equal(got, want) {
		t.Errorf("no root: expand(sources) = %q, %v; want %q", got, errs, want)
	}
}

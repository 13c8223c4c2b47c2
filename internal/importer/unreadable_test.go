package importer

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// failingWalk walks like filepath.WalkDir, except that reading the folder
// bad fails with err, reported as WalkDir reports it: a second call for the
// folder, with the error. Permissions cannot make a folder unreadable to
// root, which runs the tests in CI.
func failingWalk(bad string, err error) func(string, fs.WalkDirFunc) error {
	return func(root string, fn fs.WalkDirFunc) error {
		return filepath.WalkDir(root, func(p string, e fs.DirEntry, werr error) error {
			if werr != nil || p != bad || !e.IsDir() {
				return fn(p, e, werr)
			}
			if r := fn(p, e, nil); r != nil {
				return r
			}
			if r := fn(p, e, &fs.PathError{Op: "open", Path: p, Err: err}); r != nil && r != filepath.SkipDir {
				return r
			}
			return filepath.SkipDir // nothing of it was read
		})
	}
}

// unreadableRepo has a folder of sources between two readable reports in
// sorted order.
func unreadableRepo(t *testing.T) string {
	return repo(t, map[string]string{
		"sources/a.txt":          smallReport,
		"sources/b-locked/x.txt": smallReport,
		"sources/c.txt":          otherReport,
	})
}

const lockedMsg = "sources/b-locked: 无法读取这个文件夹（permission denied），其中的报告没有导入：请检查它的读取权限，或把它移出 sources"

// A folder of sources that cannot be read is named, with what to do, and
// every report outside it is imported, before it and after it.
func TestUnreadableFolderIsNamedAndTheRestImported(t *testing.T) {
	root := unreadableRepo(t)
	opt := Options{Root: root, Out: "content",
		walkDir: failingWalk(filepath.Join(root, "sources", "b-locked"), fs.ErrPermission)}

	pending, err := Pending("sources", opt)
	if want := []string{"sources/a.txt", "sources/c.txt"}; !reflect.DeepEqual(pending, want) {
		t.Errorf("Pending = %q, want %q", pending, want)
	}
	if err == nil || err.Error() != lockedMsg {
		t.Errorf("Pending error:\n got  %v\n want %s", err, lockedMsg)
	}

	res := Import([]string{"sources"}, opt)
	if got, want := messages(res.Problems), []string{lockedMsg}; !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n got  %q\n want %q", got, want)
	}
	if want := []string{"content/500120/500120101-2023.md", "content/500151/500151105-2023.md"}; !reflect.DeepEqual(res.Written, want) {
		t.Errorf("written = %q, want %q", res.Written, want)
	}
}

// The sources folder itself unreadable is named as given.
func TestUnreadableSourcesFolderIsNamed(t *testing.T) {
	root := unreadableRepo(t)
	opt := Options{Root: root, Out: "content",
		walkDir: failingWalk(filepath.Join(root, "sources"), fs.ErrPermission)}
	want := "sources: 无法读取这个文件夹（permission denied）：请检查它的读取权限"
	pending, err := Pending("sources", opt)
	if len(pending) > 0 || err == nil || err.Error() != want {
		t.Errorf("Pending = %q, %v; want nothing and %q", pending, err, want)
	}
	res := Import([]string{"sources"}, opt)
	if got := messages(res.Problems); len(res.Written) > 0 || !reflect.DeepEqual(got, []string{want}) {
		t.Errorf("written %q, problems %q; want nothing written and %q", res.Written, got, want)
	}
}

// The same with real permissions, where they bite.
func TestUnreadableFolderOnDisk(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("permissions do not stop root from reading a folder; TestUnreadableFolderIsNamedAndTheRestImported fails the walk instead")
	}
	root := unreadableRepo(t)
	locked := filepath.Join(root, "sources", "b-locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	res := Import([]string{"sources"}, Options{Root: root, Out: "content"})
	if got, want := messages(res.Problems), []string{lockedMsg}; !reflect.DeepEqual(got, want) || len(res.Written) != 2 {
		t.Errorf("written %q, problems\n got  %q\n want %q", res.Written, got, want)
	}
}

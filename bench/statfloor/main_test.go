package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The floor counts every file and folder under the folders given, lstats
// each file once a run, and fails on a folder that is not there rather
// than print a figure for fewer files.
func TestStatFloor(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"a.md", "x/b.md", "x/y/c.txt"} {
		p := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("正文"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-runs", "2", "-workers", "3", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	out := stdout.String()
	if n := strings.Count(out, ": 3 files in 3 folders listed in "); n != 2 {
		t.Errorf("%d runs listed the 3 files in 3 folders, want 2:\n%s", n, out)
	}
	if n := strings.Count(out, "lstat of every file with 3 goroutines"); n != 2 {
		t.Errorf("%d runs printed, want 2:\n%s", n, out)
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{filepath.Join(dir, "missing")}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "missing") {
		t.Errorf("a missing folder: exit %d, %q", code, stderr.String())
	}
	if code := run(nil, &stdout, &stderr); code != 2 {
		t.Errorf("no folder: exit %d, want 2", code)
	}
}

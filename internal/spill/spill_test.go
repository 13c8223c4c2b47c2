package spill

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"nianbao/internal/publish"
)

// TestAppendRead checks that concurrent appends each get a place of their
// own and read back as written, and that the file leaves nothing behind.
func TestAppendRead(t *testing.T) {
	dir := t.TempDir()
	s, err := New(dir, "test-spill")
	if err != nil {
		t.Fatal(err)
	}
	const n = 200
	at := make([]int64, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := []byte(fmt.Sprintf("part %d;", i))
			var err error
			if at[i], err = s.Append(b[:3], b[3:]); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for i := range n {
		want := []byte(fmt.Sprintf("part %d;", i))
		got := make([]byte, len(want))
		if err := s.ReadAt(got, at[i]); err != nil || !bytes.Equal(got, want) {
			t.Fatalf("part %d reads %q (%v)", i, got, err)
		}
		all, err := io.ReadAll(s.Section(at[i], int64(len(want))))
		if err != nil || !bytes.Equal(all, want) {
			t.Fatalf("section of part %d reads %q (%v)", i, all, err)
		}
	}
	s.Close()
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Errorf("left %s", left[0].Name())
	}
}

// TestNewInMissingDir checks that the directory is made, and that a
// directory that cannot be made is an error, not a panic.
func TestNewInMissingDir(t *testing.T) {
	dir := t.TempDir() + "/a/b"
	s, err := New(dir, "x")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	file := t.TempDir() + "/file"
	os.WriteFile(file, nil, 0o644)
	if _, err := New(file+"/sub", "x"); err == nil {
		t.Error("a directory under a file was made")
	}
}

// TestNameIsTemp checks that a spill a killed run left, where its name
// cannot be removed while it is open, is one the next build's tidying
// takes for a temporary file, whatever it is for.
func TestNameIsTemp(t *testing.T) {
	for _, name := range []string{"import-spool", "search-spill", "open-data"} {
		s, err := New(t.TempDir(), name)
		if err != nil {
			t.Fatal(err)
		}
		if base := filepath.Base(s.OS().Name()); !publish.IsTemp(base) || !strings.HasPrefix(base, "."+name+".tmp-") {
			t.Errorf("%s: %s is not a temporary file to publish.IsTemp", name, base)
		}
		s.Close()
	}
}

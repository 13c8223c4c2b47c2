package cache

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
	"unsafe"
)

// The saved reuse index comes back as written, for the version that wrote
// it only, starting at a multiple of 8 bytes in memory and with room to
// grow, whatever the length of the version line.
func TestReuseRoundTrip(t *testing.T) {
	dir := t.TempDir()
	saved := bytes.Repeat([]byte("0123456789abcdef"), 1000)
	for _, version := range []string{"v", "version-2", "a-longer-version-line"} {
		write := func(w io.Writer) error { _, err := w.Write(saved); return err }
		if err := WriteReuse(dir, version, write); err != nil {
			t.Fatal(err)
		}
		got := ReadReuse(dir, version)
		if !bytes.Equal(got, saved) {
			t.Fatalf("%s: read back %d bytes, want %d", version, len(got), len(saved))
		}
		if p := uintptr(unsafe.Pointer(&got[0])); p%8 != 0 {
			t.Errorf("%s: starts at %#x, not a multiple of 8", version, p)
		}
		if cap(got) < len(saved)+len(saved)/16 {
			t.Errorf("%s: room for %d bytes, want at least %d", version, cap(got), len(saved)+len(saved)/16)
		}
		if ReadReuse(dir, version+"x") != nil {
			t.Errorf("%s: another version's index was read", version)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, reuseFile), []byte("v"), 0o644); err != nil {
		t.Fatal(err)
	}
	if ReadReuse(dir, "v") != nil {
		t.Error("a file cut short was read")
	}
	if ReadReuse(t.TempDir(), "v") != nil {
		t.Error("no file, yet something was read")
	}
}

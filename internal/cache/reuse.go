package cache

import (
	"io"
	"os"
	"path/filepath"
	"unsafe"

	"nianbao/internal/publish"
)

// The index of every report's units (internal/reuse's saved form) is kept
// beside the pack, so that the next build updates it with the reports that
// changed rather than reading every report's units. It is valid for the
// version of the code that wrote it only.

const reuseFile = "reuse"

// ReadReuse returns the saved reuse index of this version of the code;
// nil when there is none. The saved form starts at a multiple of 8 bytes
// in memory and has room to grow by about a sixteenth, so that
// reuse.Decode can take its entries where they were read, and an update
// merge a few reports' entries in place.
func ReadReuse(dir, version string) []byte {
	f, err := os.Open(filepath.Join(dir, reuseFile))
	if err != nil {
		return nil
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil
	}
	head := version + "\n"
	size := int(info.Size())
	if size < len(head) {
		return nil
	}
	// Memory past the file's bytes is allocated but, fresh from the
	// system, never touched unless an update grows into it.
	buf := make([]byte, 8+size+size/16+64<<10)
	shift := int(-(uintptr(unsafe.Pointer(&buf[0])) + uintptr(len(head))) & 7)
	data := buf[shift : shift+size]
	if _, err := io.ReadFull(f, data); err != nil || string(data[:len(head)]) != head {
		return nil
	}
	return buf[shift+len(head) : shift+size : len(buf)]
}

// WriteReuse saves the reuse index atomically: the version of the code on
// a line of its own, then what write writes (the index's saved form).
func WriteReuse(dir, version string, write func(io.Writer) error) error {
	return publish.WriteFileFunc(filepath.Join(dir, reuseFile), func(w io.Writer) error {
		if _, err := io.WriteString(w, version+"\n"); err != nil {
			return err
		}
		return write(w)
	})
}

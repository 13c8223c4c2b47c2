// Package spill keeps bytes that a step of a large import or build makes
// now and needs later in a temporary file instead of memory, so that the
// memory a run takes does not grow with the number of reports.
package spill

import (
	"fmt"
	"io"
	"os"
	"sync"
)

// File is a temporary file that bytes are appended to and read back from,
// by place. Its name is removed as soon as it is made where the system
// allows it (an open file stays readable), so that a killed run leaves
// nothing behind; elsewhere Close removes it, and one a killed run left is
// named as publish.IsTemp expects (".NAME.tmp-*"), for the next build's
// tidying.
type File struct {
	f   *os.File
	mu  sync.Mutex
	end int64
}

// New creates a File in dir ("" for the system's temporary directory),
// named ".NAME.tmp-" and a random suffix.
func New(dir, name string) (*File, error) {
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
	}
	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name()) // fails where an open file cannot be removed; Close tries again
	return &File{f: f}, nil
}

// Append writes the parts, joined, after what the file holds and returns
// where they start. Safe for concurrent use: each call has a place of its
// own.
func (s *File) Append(parts ...[]byte) (int64, error) {
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	s.mu.Lock()
	at := s.end
	s.end += int64(n)
	s.mu.Unlock()
	off := at
	for _, p := range parts {
		if _, err := s.f.WriteAt(p, off); err != nil {
			return 0, fmt.Errorf("write the temporary file: %w", err)
		}
		off += int64(len(p))
	}
	return at, nil
}

// ReadAt reads len(p) bytes at off.
func (s *File) ReadAt(p []byte, off int64) error {
	if _, err := s.f.ReadAt(p, off); err != nil {
		return fmt.Errorf("read back the temporary file: %w", err)
	}
	return nil
}

// Section reads the n bytes at off.
func (s *File) Section(off, n int64) *io.SectionReader { return io.NewSectionReader(s.f, off, n) }

// OS is the open file, for copying from it in the kernel.
func (s *File) OS() *os.File { return s.f }

// Close closes and removes the file.
func (s *File) Close() {
	s.f.Close()
	os.Remove(s.f.Name())
}

//go:build !linux

package filestamp

import (
	"os"
	"path/filepath"
)

// OpenDir opens the directory path for Lstat; Close releases it.
func OpenDir(path string) (*Dir, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, err
	}
	return &Dir{path: path, fd: -1}, nil
}

// Close releases the directory.
func (d *Dir) Close() error { return nil }

func (d *Dir) lstat(name string) (Stamp, bool, error) {
	info, err := os.Lstat(filepath.Join(d.path, filepath.FromSlash(name)))
	if err != nil {
		return Stamp{}, false, err
	}
	return Of(info), info.Mode().IsRegular(), nil
}

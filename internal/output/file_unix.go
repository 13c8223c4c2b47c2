//go:build unix

package output

import (
	"errors"
	"io/fs"
	"syscall"
)

// writeFile writes the parts, one after the other, to a new file name. It
// is os.WriteFile without the runtime's poller: registering a regular
// file with it costs five system calls that fail or undo each other, as
// many as the write itself, and a site has a file for every page.
func writeFile(name string, parts ...[]byte) error {
	fd, err := syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	for errors.Is(err, syscall.EINTR) {
		fd, err = syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for _, data := range parts {
		for len(data) > 0 {
			n, err := syscall.Write(fd, data)
			if errors.Is(err, syscall.EINTR) {
				continue
			}
			if err != nil {
				syscall.Close(fd)
				return &fs.PathError{Op: "write", Path: name, Err: err}
			}
			data = data[n:]
		}
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

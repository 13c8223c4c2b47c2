//go:build unix

package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// Lock makes sure one build at a time publishes into out, and that no
// build clears away another's files as leftovers: it holds an advisory
// lock on the folder that holds out until unlock is called or the process
// ends. Locking the folder, not a file in it, leaves nothing behind.
func Lock(out string) (unlock func(), err error) {
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("lock %s: %w", out, err)
	}
	f, err := os.Open(parent)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", out, err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, fmt.Errorf("另一次构建正在写入 %s：请等它结束后再运行 go run ./cmd/build", parent)
		}
		return nil, fmt.Errorf("lock %s: %w", out, err)
	}
	return func() { f.Close() }, nil
}

package publish

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// WriteFile writes data to name through a temporary file in the same
// directory and a rename, so that a reader or a killed build never sees
// half a file and a failed write leaves nothing behind. The temporary file
// is named "."+base+".tmp-*" (IsTemp).
//
// It does not sync: an import writes thousands of files, and a sync each
// would cost more than the import. A process killed at any moment is
// covered; after a power cut, ext4 and XFS flush a file renamed over
// another before the rename (auto_da_alloc).
func WriteFile(name string, data []byte) error {
	return WriteFileFunc(name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// WriteFileFunc is WriteFile for a file that write writes, in as many
// pieces as it likes: a large file need not be put together in memory
// first.
func WriteFileFunc(name string, write func(io.Writer) error) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	werr := write(tmp)
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		// CreateTemp makes the file private; others read what we publish.
		werr = os.Chmod(tmpName, 0o644)
	}
	if werr == nil {
		werr = os.Rename(tmpName, name)
	}
	if werr != nil {
		os.Remove(tmpName)
	}
	return werr
}

// IsTemp reports whether a file's base name is one WriteFile writes to
// for a moment, and which a killed process leaves behind. Names of earlier
// versions (".import-*.tmp") count too.
func IsTemp(base string) bool {
	if !strings.HasPrefix(base, ".") {
		return false
	}
	return strings.Contains(base, ".tmp-") ||
		strings.HasPrefix(base, ".import-") && strings.HasSuffix(base, ".tmp")
}

// staleAfter is how old a temporary file of WriteFile must be to be taken
// for one a killed process left: a write takes milliseconds, so a file
// this old is no other process's write in progress.
const staleAfter = time.Minute

// Tidy removes the temporary files WriteFile left under dir when the
// process writing them was killed (RemoveStale), and returns their paths,
// sorted. A missing dir holds none.
func Tidy(dir string) ([]string, error) {
	var removed []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		ok, err := RemoveStale(p, d)
		if ok {
			removed = append(removed, p)
		}
		return err
	})
	return removed, err
}

// RemoveStale removes the file p, met in a walk as d, if it is a temporary
// file of WriteFile old enough to be one a killed process left, and says
// whether it did. Callers that walk a tree anyway call it on each entry
// instead of walking it again with Tidy.
func RemoveStale(p string, d fs.DirEntry) (bool, error) {
	if d.IsDir() || !IsTemp(d.Name()) {
		return false, nil
	}
	info, err := d.Info()
	if err != nil || time.Since(info.ModTime()) < staleAfter {
		return false, nil
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	return true, nil
}

package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// NewTree makes an empty directory beside out for a build to write a
// whole new tree into, with the Marker in it.
func NewTree(out string) (string, error) {
	return newSibling(out, true)
}

// NewStage makes an empty directory beside out for a build to stage the
// files that Apply moves into out.
func NewStage(out string) (string, error) {
	return newSibling(out, false)
}

// newSibling makes an empty out.tmp-* directory beside out, readable by a
// web server, with the Marker in it when marker is set.
func newSibling(out string, marker bool) (string, error) {
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", parent, err)
	}
	dir, err := os.MkdirTemp(parent, filepath.Base(out)+".tmp-")
	if err != nil {
		return "", fmt.Errorf("create a folder beside %s: %w", out, err)
	}
	// MkdirTemp makes the directory private; a web server must read it.
	if err := os.Chmod(dir, 0o755); err != nil {
		os.Remove(dir)
		return "", fmt.Errorf("chmod %s: %w", dir, err)
	}
	if marker {
		if err := WriteMarker(dir); err != nil {
			os.RemoveAll(dir)
			return "", fmt.Errorf("write %s: %w", filepath.Join(dir, Marker), err)
		}
	}
	return dir, nil
}

// Swap publishes the tree dir (from NewTree) as out. Where the system can
// exchange two directories in one rename (Linux), out is at every moment
// the whole old tree or the whole new one, and the old one is then
// removed by remove (a parallel remover, say; nil for os.RemoveAll).
// Elsewhere out is moved aside and dir moved in under a journal, which
// Recover carries out to the end if the build is killed between the two.
func Swap(dir, out string, remove func(string) error) error {
	if remove == nil {
		remove = os.RemoveAll
	}
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		if err := os.Rename(dir, out); err != nil {
			return fmt.Errorf("move the new site into %s: %w", out, err)
		}
		return syncDir(filepath.Dir(out))
	}
	switch err := exchange(dir, out); {
	case err == nil:
		// dir now holds the old site.
		if err := syncDir(filepath.Dir(out)); err != nil {
			return err
		}
		if err := remove(dir); err != nil {
			return fmt.Errorf("remove the old site %s: %w", dir, err)
		}
		return nil
	case !errors.Is(err, errNoExchange):
		return fmt.Errorf("exchange %s with the new site: %w", out, err)
	}
	aside := siblingName(out, ".old-")
	j := &journal{kind: kindSwap, tree: filepath.Base(dir), old: filepath.Base(aside)}
	if err := j.carryOut(out); err != nil {
		return err
	}
	if err := remove(aside); err != nil {
		return fmt.Errorf("remove the old site %s: %w", aside, err)
	}
	return nil
}

// errNoExchange says the system or file system cannot exchange two
// directories in one rename.
var errNoExchange = errors.New("cannot exchange directories")

// siblingName is a name beside out that no file has.
func siblingName(out, infix string) string {
	for i := 0; ; i++ {
		name := fmt.Sprintf("%s%s%d-%d", out, infix, os.Getpid(), i)
		if _, err := os.Lstat(name); errors.Is(err, fs.ErrNotExist) {
			return name
		}
	}
}

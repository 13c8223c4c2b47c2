package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"nianbao/internal/content"
)

// guard decides whether c may be written over what its path holds now. It
// refuses to replace a file edited by hand since import wrote it, or one
// that holds a different source for the same town and year, unless
// opt.Force is set. same is true when the file already holds exactly c.
func guard(c *Converted, opt Options, man *manifest) (same bool, err error) {
	old, err := os.ReadFile(abs(opt.Root, c.Path))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, &Problem{File: c.Source, Msg: fmt.Sprintf("read %s: %v", c.Path, unwrapPath(err))}
	}
	if string(old) == string(c.File) {
		return true, nil
	}
	if opt.Force {
		return false, nil
	}
	prev, perr := content.Parse(c.Path, old)
	if perr == nil && prev.Meta.Source != "" && prev.Meta.Source != c.Source && prev.Meta.SourceSHA256 != c.Meta.SourceSHA256 {
		return false, &Problem{File: c.Source, Msg: fmt.Sprintf(
			"%s already holds %s %d imported from %s, a different source for the same town and year (use -force to replace it)",
			c.Path, townLabel(&c.Meta), c.Meta.Year, prev.Meta.Source)}
	}
	if !man.unchanged(c.Path, old) {
		return false, &Problem{File: c.Source, Msg: fmt.Sprintf(
			"%s was edited by hand after it was imported; not overwriting it (use -force to replace it)", c.Path)}
	}
	return false, nil
}

// writeAtomic writes through a temporary file in the same directory and a
// rename, so that a reader or a crash never sees half a file and a failed
// write leaves nothing behind.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".import-*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(name, 0o644)
	}
	if werr == nil {
		werr = os.Rename(name, path)
	}
	if werr != nil {
		os.Remove(name)
	}
	return werr
}

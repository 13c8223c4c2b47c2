package importer

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Extensions lists the file name endings Import reads from a directory.
var Extensions = []string{".txt"}

// expand turns file and directory arguments into source paths relative to
// Root (slash-separated), sorted within each directory. A file named twice
// is imported once.
func expand(paths []string, opt Options) ([]string, []error) {
	var out []string
	var errs []error
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	for _, p := range paths {
		full := abs(opt.Root, p)
		st, err := os.Stat(full)
		if err != nil {
			errs = append(errs, &Problem{File: filepath.ToSlash(p), Msg: unwrapPath(err).Error()})
			continue
		}
		if !st.IsDir() {
			add(rel(opt.Root, full))
			continue
		}
		var found []string
		err = filepath.WalkDir(full, func(q string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if strings.HasPrefix(e.Name(), ".") && q != full {
				if e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !e.IsDir() && hasExt(e.Name()) {
				found = append(found, rel(opt.Root, q))
			}
			return nil
		})
		if err != nil {
			errs = append(errs, &Problem{File: filepath.ToSlash(p), Msg: unwrapPath(err).Error()})
		}
		sort.Strings(found)
		for _, f := range found {
			add(f)
		}
	}
	return out, errs
}

func hasExt(name string) bool {
	for _, e := range Extensions {
		if strings.EqualFold(filepath.Ext(name), e) {
			return true
		}
	}
	return false
}

// unwrapPath drops the path an *fs.PathError would print: messages name
// files relative to the repository, never by a path of this machine.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func abs(root, p string) string {
	if filepath.IsAbs(p) || root == "" {
		return filepath.Clean(p)
	}
	return filepath.Join(root, filepath.FromSlash(p))
}

// rel gives p relative to root with forward slashes. A source outside the
// repository is named with "../" rather than by an absolute path, which
// would differ from machine to machine.
func rel(root, p string) string {
	if root == "" {
		root = "."
	}
	ar, err1 := filepath.Abs(root)
	ap, err2 := filepath.Abs(p)
	if err1 == nil && err2 == nil {
		if r, err := filepath.Rel(ar, ap); err == nil {
			return filepath.ToSlash(r)
		}
	}
	return filepath.ToSlash(p)
}

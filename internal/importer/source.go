package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"nianbao/internal/extract"
)

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
		// The files under full are named from full's name, which is made
		// once: rel makes both paths absolute, asking the system for the
		// working directory each time, and a sources folder holds tens of
		// thousands of files.
		base := rel(opt.Root, full)
		under := func(q string) string {
			if suffix, ok := strings.CutPrefix(q, full); ok && (strings.HasPrefix(suffix, string(filepath.Separator)) || strings.HasSuffix(full, string(filepath.Separator))) {
				return path.Join(base, filepath.ToSlash(suffix))
			}
			return rel(opt.Root, q)
		}
		walk := opt.walkDir
		if walk == nil {
			walk = filepath.WalkDir
		}
		err = walk(full, func(q string, e fs.DirEntry, err error) error {
			if err != nil {
				// Only reading a folder fails here. It is reported and
				// skipped: it holds back none of the others.
				msg := fmt.Sprintf("无法读取这个文件夹（%v），其中的报告没有导入：请检查它的读取权限，或把它移出 %s", unwrapPath(err), rel(opt.Root, full))
				if q == full {
					msg = fmt.Sprintf("无法读取这个文件夹（%v）：请检查它的读取权限", unwrapPath(err))
				}
				errs = append(errs, &Problem{File: under(q), Msg: msg})
				return filepath.SkipDir
			}
			if strings.HasPrefix(e.Name(), ".") && q != full {
				if e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if e.IsDir() {
				return nil
			}
			if _, ok := extract.FormatOf(e.Name()); ok {
				found = append(found, under(q))
			} else if opt.Ignored != nil && !isNote(e.Name()) {
				opt.Ignored(&Problem{File: under(q), Msg: fmt.Sprintf(
					"不是可导入的报告格式，未导入（可导入：%s）：请另存为其中一种格式，或把它移出 %s",
					strings.Join(extract.Extensions(), " "), rel(opt.Root, full))})
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

// loadSource reads the source src (relative to Root) unless a symbolic
// link on its way leads outside the directory that holds it: the top
// directory of the repository it is in (sources/ for sources/2024/a.txt),
// or its own directory when it lies in the root or outside the repository.
// A link could otherwise bring any file of the machine into content/ and
// onto the site.
func loadSource(src string, opt Options) ([]byte, error) {
	full := abs(opt.Root, src)
	dir := sourceHome(src)
	out, err := leadsOutside(full, abs(opt.Root, dir), opt.dirs)
	if err != nil {
		return nil, err
	}
	if out {
		where := dir + "/"
		if dir == "." {
			where = "本项目文件夹"
		}
		return nil, fmt.Errorf("这个文件是指向 %s 之外的符号链接，出于安全不会读取：请把报告文件本身复制到 %s", where, where)
	}
	return os.ReadFile(full)
}

// sourceHome is the directory a source named relative to the repository
// root must stay in once links are followed: its top directory in the
// repository, or its own directory when it has none.
func sourceHome(src string) string {
	top, _, nested := strings.Cut(src, "/")
	if !nested || top == "" || top == ".." {
		return path.Dir(src)
	}
	return top
}

// leadsOutside reports whether the file p, with every symbolic link on its
// path followed, lies outside dir (whose own links are trusted: the
// repository may itself sit behind one).
func leadsOutside(p, dir string, dirs *resolvedDirs) (bool, error) {
	real, err := dirs.realPath(p)
	if err != nil {
		return false, err
	}
	home, err := dirs.resolve(dir)
	if err != nil {
		return false, err
	}
	r, err := filepath.Rel(home, real)
	return err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)), nil
}

// resolvedDirs remembers the directories whose links an import has
// followed: thousands of sources share a few directories, and following
// every link of every path costs a system call per path element.
type resolvedDirs struct {
	mu   sync.Mutex
	dirs map[string]string // directory → absolute path with every link followed
}

// resolve is filepath.EvalSymlinks of a directory, made absolute, once.
func (c *resolvedDirs) resolve(dir string) (string, error) {
	if c != nil {
		c.mu.Lock()
		r, ok := c.dirs[dir]
		c.mu.Unlock()
		if ok {
			return r, nil
		}
	}
	r, err := filepath.EvalSymlinks(dir)
	if err == nil {
		r, err = filepath.Abs(r)
	}
	if err != nil {
		return "", err
	}
	if c != nil {
		c.mu.Lock()
		if c.dirs == nil {
			c.dirs = map[string]string{}
		}
		c.dirs[dir] = r
		c.mu.Unlock()
	}
	return r, nil
}

// realPath is the absolute path of file p with every link followed: its
// directory's, resolved once, and the file's own when it is a link.
func (c *resolvedDirs) realPath(p string) (string, error) {
	info, err := os.Lstat(p)
	if err != nil {
		return "", err
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		r, err := filepath.EvalSymlinks(p)
		if err != nil {
			return "", err
		}
		return filepath.Abs(r)
	}
	dir, err := c.resolve(filepath.Dir(p))
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, filepath.Base(p)), nil
}

// isNote says a file in a folder of sources is a note for people, not a
// report: README files, and names starting with "_" as in content/.
func isNote(name string) bool {
	base := strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))
	return base == "README" || strings.HasPrefix(name, "_")
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

// SourcePath is how front matter names the file or directory p (relative
// to root, or absolute): relative to root, with forward slashes. The build
// compares the sources directory named so with the source paths the
// importer wrote.
func SourcePath(root, p string) string { return rel(root, abs(root, p)) }

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

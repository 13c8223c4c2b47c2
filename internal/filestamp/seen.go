package filestamp

import (
	"io/fs"
	"path/filepath"
	"sync"
	"time"
)

// Seen holds what one run learnt of files with lstat, by their path on
// the system, so that a later step of the same run need not ask again: a
// build's import looks at every content file and every original, and the
// build after it looks at each of them once more (a few microseconds a
// file, tens of thousands of files). A file the run writes or removes is
// forgotten (Forget), so that what is held is what lstat said, at most a
// step ago. A nil *Seen holds nothing.
type Seen struct {
	m sync.Map // path → *seenInfo
}

// Put keeps what lstat said of path.
func (s *Seen) Put(path string, info fs.FileInfo) {
	if s != nil && info != nil {
		s.m.Store(path, &seenInfo{name: filepath.Base(path), size: info.Size(), mode: info.Mode(), stamp: Of(info)})
	}
}

// seenInfo is the fs.FileInfo Seen keeps: what a build reads of a file,
// without the system's own record of it (Sys, 144 bytes on Linux). A build
// of 200,000 reports holds 400,000 of them to its end, 97 MB as the
// system's FileInfo. Of reads its stamp back as it was.
type seenInfo struct {
	name  string
	size  int64
	mode  fs.FileMode
	stamp Stamp
}

func (i *seenInfo) Name() string      { return i.name }
func (i *seenInfo) Size() int64       { return i.size }
func (i *seenInfo) Mode() fs.FileMode { return i.mode }
func (i *seenInfo) IsDir() bool       { return i.mode.IsDir() }
func (i *seenInfo) Sys() any          { return nil }

func (i *seenInfo) ModTime() time.Time {
	if i.stamp.Mtime == 0 {
		return time.Time{}
	}
	return time.Unix(0, i.stamp.Mtime)
}

// Forget drops what was said of path: the run changed the file.
func (s *Seen) Forget(path string) {
	if s != nil {
		s.m.Delete(path)
	}
}

func (s *Seen) get(path string) fs.FileInfo {
	if s == nil {
		return nil
	}
	if v, ok := s.m.Load(path); ok {
		return v.(*seenInfo)
	}
	return nil
}

// FS returns fsys, which is the directory dir of the system, answering
// Lstat, and the Info of the entries ReadDir lists, from what s holds when
// it holds the file; everything else is fsys's.
func (s *Seen) FS(fsys fs.FS, dir string) fs.FS {
	if s == nil {
		return fsys
	}
	return &seenFS{fsys: fsys, dir: dir, seen: s}
}

type seenFS struct {
	fsys fs.FS
	dir  string
	seen *Seen
}

func (f *seenFS) path(name string) string { return filepath.Join(f.dir, filepath.FromSlash(name)) }

func (f *seenFS) Open(name string) (fs.File, error)          { return f.fsys.Open(name) }
func (f *seenFS) ReadFile(name string) ([]byte, error)       { return fs.ReadFile(f.fsys, name) }
func (f *seenFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(f.fsys, name) }
func (f *seenFS) ReadLink(name string) (string, error)       { return fs.ReadLink(f.fsys, name) }
func (f *seenFS) ReadDir(name string) ([]fs.DirEntry, error) { return f.readDir(name) }

func (f *seenFS) Lstat(name string) (fs.FileInfo, error) {
	if info := f.seen.get(f.path(name)); info != nil {
		return info, nil
	}
	return fs.Lstat(f.fsys, name)
}

func (f *seenFS) readDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(f.fsys, name)
	for i, e := range entries {
		if e.IsDir() {
			continue
		}
		if info := f.seen.get(f.path(name + "/" + e.Name())); info != nil && info.Mode().Type() == e.Type() {
			entries[i] = seenEntry{e, info}
		}
	}
	return entries, err
}

// seenEntry is a directory entry whose Info was seen.
type seenEntry struct {
	fs.DirEntry
	info fs.FileInfo
}

func (e seenEntry) Info() (fs.FileInfo, error) { return e.info, nil }

// Package output writes the files of one build beside the published
// output directory and makes them the published site in one step
// (internal/publish), so that a failed or killed build leaves the old site:
// the build engine's writing half, owned by no page.
package output

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"sync"

	"nianbao/internal/publish"
	"nianbao/internal/workers"
)

// Writer writes the files of one build beside the real output directory,
// so that a failed build leaves the published site as it was.
//
// A full build writes every file into a temporary directory, which commit
// swaps into place. An incremental build compares each file it renders with
// the one already published and stages only those whose bytes differ;
// commit then renames them into place one by one and removes the files the
// site no longer has. Safe for concurrent use.
type Writer struct {
	dir         string // the temporary (full) or staging (incremental) directory
	out         string // the published output directory
	incremental bool
	gzip        bool

	mu      sync.Mutex
	dirs    map[string]bool
	states  []File   // every file of the site, in the order of the jobs
	staged  []string // incremental: files to move into place
	written int      // files written (or staged), without .gz files

	// Files are written by their own goroutines, so that the renderers
	// keep the processors busy while a write waits on the file system.
	queue   chan Req
	writers sync.WaitGroup
	errs    []error
}

// Req is a file to write: Data, or the Pieces joined (the open data,
// made in parallel chunks, which joining would copy), or a copy of Src in
// From. Idx is the file's place in the site's list of files (States).
type Req struct {
	Idx        int
	Kind, Name string
	Data       []byte
	Pieces     []Piece
	From       fs.FS
	Src        string
	// differs says data is known to differ from the published file, which
	// need not be read to compare.
	Differs bool
	// Release, when set, is called once Data is written (or found the
	// same as the published file): the writer holds none of it after.
	Release func()
}

// Start starts n goroutines writing what send queues.
func (o *Writer) Start(n int) {
	o.queue = make(chan Req, 4*n)
	for range n {
		o.writers.Add(1)
		go func() {
			defer o.writers.Done()
			for r := range o.queue {
				var err error
				if r.From != nil {
					if err = o.copy(r.Idx, r.Kind, r.Name, r.From, r.Src); err != nil {
						err = fmt.Errorf("copy %s: %w", r.Src, err)
					}
				} else if r.Pieces != nil {
					err = o.writePieces(r.Idx, r.Kind, r.Name, r.Pieces)
				} else {
					err = o.Write(r.Idx, r.Kind, r.Name, [][]byte{r.Data}, r.Differs)
				}
				if r.Release != nil {
					r.Release()
				}
				if err != nil {
					o.mu.Lock()
					o.errs = append(o.errs, err)
					o.mu.Unlock()
				}
			}
		}()
	}
}

// Send queues a file for the writers.
func (o *Writer) Send(r Req) { o.queue <- r }

// Wait waits for every queued file and returns what went wrong, sorted.
func (o *Writer) Wait() []error {
	close(o.queue)
	o.writers.Wait()
	sort.Slice(o.errs, func(i, j int) bool { return o.errs[i].Error() < o.errs[j].Error() })
	return o.errs
}

// gzipTypes are the extensions given a .gz beside them.
var gzipTypes = map[string]bool{
	".html": true, ".css": true, ".js": true, ".svg": true, ".xml": true,
	".json": true, ".txt": true, ".csv": true, ".md": true,
}

// New starts the writing of a build into out: a full build into a new
// tree, an incremental one into a staging directory; n is how many files
// the build plans.
func New(out string, gz, incremental bool, n int) (*Writer, error) {
	newDir := publish.NewTree
	if incremental {
		newDir = publish.NewStage
	}
	dir, err := newDir(out)
	if err != nil {
		return nil, err
	}
	return &Writer{dir: dir, out: out, incremental: incremental, gzip: gz,
		dirs: map[string]bool{".": true}, states: make([]File, n)}, nil
}

// Add makes room for one more file after the jobs' files.
func (o *Writer) Add() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.states = append(o.states, File{})
	return len(o.states) - 1
}

// Keep records file i of the site, which an incremental build did not
// render because nothing it shows changed.
func (o *Writer) Keep(i int, f File) { o.setState(i, f) }

// setState records file i; add may be growing states meanwhile.
func (o *Writer) setState(i int, f File) {
	o.mu.Lock()
	o.states[i] = f
	o.mu.Unlock()
}

// Write writes the parts, joined, as the site-relative file name, file i
// of the site, counting it under kind. An incremental build stages it only
// when it differs from the published file (which it reads to compare
// unless differs says so already).
func (o *Writer) Write(i int, kind, name string, parts [][]byte, differs bool) error {
	size := 0
	for _, p := range parts {
		size += len(p)
	}
	o.setState(i, File{Name: name, Kind: kind, Size: int64(size)})
	if o.incremental && !differs {
		// A file of another size differs: the open data, tens of
		// megabytes, changes size whenever a report is added, and need
		// not be read to tell.
		old := filepath.Join(o.out, filepath.FromSlash(name))
		if info, err := os.Stat(old); err == nil && info.Size() == int64(size) {
			if prev, err := os.ReadFile(old); err == nil && equalParts(prev, parts) {
				return nil
			}
		}
	}
	if err := o.mkdir(path.Dir(name)); err != nil {
		return err
	}
	full := filepath.Join(o.dir, filepath.FromSlash(name))
	if err := writeFile(full, parts...); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return o.wrote(name, parts)
}

// wrote writes the .gz of a file just written, when the build wants one,
// and counts the file as written (and staged).
func (o *Writer) wrote(name string, parts [][]byte) error {
	if o.gzip && gzipTypes[path.Ext(name)] {
		gz, err := gzipBytes(parts)
		if err != nil {
			return fmt.Errorf("compress %s: %w", name, err)
		}
		if err := writeFile(filepath.Join(o.dir, filepath.FromSlash(name))+".gz", gz); err != nil {
			return fmt.Errorf("write %s.gz: %w", name, err)
		}
	}
	o.mu.Lock()
	o.written++
	if o.incremental {
		o.staged = append(o.staged, name)
	}
	o.mu.Unlock()
	return nil
}

// Piece is a part of a file: Data; or, when Published, the N bytes at Off
// of the published file of the same name; or, when Spill is set, the N
// bytes at Off of that file. The open data holds every report; an
// incremental build copies the rows of the reports that did not change
// from the last build's file, in the kernel, rather than making and
// writing hundreds of megabytes again, and a build of many reports keeps
// the rows it makes in a temporary file rather than in memory.
type Piece struct {
	Data      []byte
	Published bool
	Spill     *os.File
	Off, N    int64
}

// source is the file a piece's bytes are copied from: old (the published
// file) or its spill; nil for a piece of Data.
func (p *Piece) source(old *os.File) *os.File {
	if p.Published {
		return old
	}
	return p.Spill
}

// copied says the piece's bytes are copied from a file.
func (p *Piece) copied() bool { return p.Published || p.Spill != nil }

// size is the piece's length.
func (p *Piece) size() int64 {
	if p.copied() {
		return p.N
	}
	return int64(len(p.Data))
}

// writePieces writes the pieces, joined, as the site-relative file name,
// file i of the site; only when the result differs from the published
// file, in an incremental build.
func (o *Writer) writePieces(i int, kind, name string, pieces []Piece) error {
	size, published, copied := int64(0), false, false
	for k := range pieces {
		size += pieces[k].size()
		published = published || pieces[k].Published
		copied = copied || pieces[k].copied()
	}
	if !copied {
		parts := make([][]byte, len(pieces))
		for k, p := range pieces {
			parts[k] = p.Data
		}
		return o.Write(i, kind, name, parts, false)
	}
	o.setState(i, File{Name: name, Kind: kind, Size: size})
	if published && !o.incremental {
		return fmt.Errorf("internal error: %s: a full build has no published file to copy from", name)
	}
	var old *os.File
	if o.incremental {
		var err error
		old, err = os.Open(filepath.Join(o.out, filepath.FromSlash(name)))
		switch {
		case err == nil:
			defer old.Close()
			if same, err := samePieces(old, size, pieces); err != nil || same {
				return err
			}
		case published:
			return fmt.Errorf("copy from the published %s: %w", name, err)
		}
	}
	if o.gzip {
		// The .gz is made from the whole file: read the copied parts.
		parts := make([][]byte, len(pieces))
		for k, p := range pieces {
			if parts[k] = p.Data; p.copied() {
				parts[k] = make([]byte, p.N)
				if _, err := p.source(old).ReadAt(parts[k], p.Off); err != nil {
					return fmt.Errorf("copy %s: %w", name, err)
				}
			}
		}
		return o.Write(i, kind, name, parts, true)
	}
	if err := o.mkdir(path.Dir(name)); err != nil {
		return err
	}
	dst, err := os.OpenFile(filepath.Join(o.dir, filepath.FromSlash(name)), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	err = copyPieces(dst, old, pieces)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return o.wrote(name, nil)
}

// copyPieces writes the pieces to dst, those of the published file copied
// from old and those of a spill from it; on Linux, ReadFrom of a limited
// reader of a file is one copy_file_range call, which never brings the
// bytes into this process.
func copyPieces(dst, old *os.File, pieces []Piece) error {
	for _, p := range pieces {
		src := p.source(old)
		if src == nil {
			if _, err := dst.Write(p.Data); err != nil {
				return err
			}
			continue
		}
		if _, err := src.Seek(p.Off, io.SeekStart); err != nil {
			return err
		}
		n, err := dst.ReadFrom(&io.LimitedReader{R: src, N: p.N})
		if err != nil {
			return err
		}
		if n != p.N {
			return fmt.Errorf("the file to copy from is shorter than it was written (%d bytes at %d)", p.N, p.Off)
		}
	}
	return nil
}

// samePieces reports whether the pieces, size bytes in all, joined are
// the published file old: each published piece in its own place, and each
// new piece equal to the bytes it would replace.
func samePieces(old *os.File, size int64, pieces []Piece) (bool, error) {
	info, err := old.Stat()
	if err != nil || info.Size() != size {
		return false, err
	}
	pos := int64(0)
	var buf, was []byte
	for _, p := range pieces {
		switch {
		case p.Published:
			if p.Off != pos {
				return false, nil
			}
		case p.Spill != nil:
			// Compared a block at a time, so that a file of any size
			// takes little memory.
			for off := int64(0); off < p.N; {
				n := min(p.N-off, 1<<20)
				buf = slices.Grow(buf[:0], int(n))[:n]
				was = slices.Grow(was[:0], int(n))[:n]
				if _, err := p.Spill.ReadAt(buf, p.Off+off); err != nil {
					return false, err
				}
				if _, err := old.ReadAt(was, pos+off); err != nil || !bytes.Equal(buf, was) {
					return false, nil
				}
				off += n
			}
		default:
			buf = slices.Grow(buf[:0], len(p.Data))[:len(p.Data)]
			if _, err := old.ReadAt(buf, pos); err != nil || !bytes.Equal(buf, p.Data) {
				return false, nil
			}
		}
		pos += p.size()
	}
	return true, nil
}

// equalParts reports whether data is the parts joined.
func equalParts(data []byte, parts [][]byte) bool {
	for _, p := range parts {
		if len(p) > len(data) || !bytes.Equal(data[:len(p)], p) {
			return false
		}
		data = data[len(p):]
	}
	return len(data) == 0
}

// copy writes the file src of fsys as name. A full build without .gz
// files copies it without reading it into memory (the kernel copies
// between two files on one disk).
func (o *Writer) copy(i int, kind, name string, fsys fs.FS, src string) error {
	if o.incremental || o.gzip {
		data, err := fs.ReadFile(fsys, src)
		if err != nil {
			return err
		}
		return o.Write(i, kind, name, [][]byte{data}, false)
	}
	in, err := fsys.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := o.mkdir(path.Dir(name)); err != nil {
		return err
	}
	dst, err := os.OpenFile(filepath.Join(o.dir, filepath.FromSlash(name)), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	n, err := io.Copy(dst, in)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	o.setState(i, File{Name: name, Kind: kind, Size: n})
	o.mu.Lock()
	o.written++
	o.mu.Unlock()
	return nil
}

// mkdir creates a directory of the site and those above it, remembering
// which exist so that each costs one system call.
func (o *Writer) mkdir(dir string) error {
	o.mu.Lock()
	done := o.dirs[dir]
	o.mu.Unlock()
	if done {
		return nil
	}
	if err := o.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(o.dir, filepath.FromSlash(dir)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	o.mu.Lock()
	o.dirs[dir] = true
	o.mu.Unlock()
	return nil
}

// Counts returns the per-kind counts of the site's files, sorted by kind.
func Counts(files []File) []KindCount {
	stats := map[string]*KindCount{}
	for _, f := range files {
		s := stats[f.Kind]
		if s == nil {
			s = &KindCount{Kind: f.Kind}
			stats[f.Kind] = s
		}
		s.Files++
		s.Bytes += f.Size
	}
	out := make([]KindCount, 0, len(stats))
	for _, s := range stats {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out
}

// gzipPool reuses compressors: each holds about a megabyte of tables.
var gzipPool = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression)
	return zw
}}

// gzipBytes compresses deterministically: no file name, no modification
// time, so two builds give the same bytes. The default level is several
// times faster than the best and within a few percent of its size.
func gzipBytes(parts [][]byte) ([]byte, error) {
	size := 0
	for _, p := range parts {
		size += len(p)
	}
	var buf bytes.Buffer
	buf.Grow(size/3 + 64)
	zw := gzipPool.Get().(*gzip.Writer)
	defer gzipPool.Put(zw)
	zw.Reset(&buf)
	for _, p := range parts {
		if _, err := zw.Write(p); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Commit makes the build's files the published site (internal/publish):
// a full build's tree is swapped in whole; an incremental build's staged
// files are moved into place, and the files in gone removed, under a
// journal that the next build carries out if this one is killed half-way.
func (o *Writer) Commit(gone []string, count int) error {
	if !o.incremental {
		return publish.Swap(o.dir, o.out, func(dir string) error { return removeTree(dir, count) })
	}
	sort.Strings(o.staged)
	moves, removes := o.staged, gone
	if o.gzip {
		moves, removes = withGz(moves), withGz(removes)
	}
	return publish.Apply(o.out, o.dir, moves, removes)
}

// withGz lists each name followed by its .gz, for the types given one.
func withGz(names []string) []string {
	out := make([]string, 0, 2*len(names))
	for _, n := range names {
		out = append(out, n)
		if gzipTypes[path.Ext(n)] {
			out = append(out, n+".gz")
		}
	}
	return out
}

// Discard removes the temporary directory of a failed build.
func (o *Writer) Discard() {
	_ = os.RemoveAll(o.dir)
}

// removeTree removes a directory tree, its top-level entries in parallel:
// removing the old output of a large site is many thousands of unlinks.
func removeTree(dir string, count int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	var subs []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		inner, err := os.ReadDir(filepath.Join(dir, e.Name()))
		if err != nil {
			continue
		}
		for _, x := range inner {
			subs = append(subs, filepath.Join(dir, e.Name(), x.Name()))
		}
	}
	errs := make([]error, len(subs))
	workers.Each(len(subs), count, func(i int) { errs[i] = os.RemoveAll(subs[i]) })
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return os.RemoveAll(dir)
}

// File is one file of the output; a .gz beside it is implied by the
// build's gzip setting.
type File struct {
	Name string // site-relative slash path
	Kind string
	Size int64
}

// KindCount is how many files of one kind a site has, and their bytes.
type KindCount struct {
	Kind  string
	Files int
	Bytes int64
}

// States returns every file of the site, in the order of the build's
// jobs, then the files added since. Call it after Wait.
func (o *Writer) States() []File { return o.states }

// Written returns how many files were written (or staged), without .gz
// files.
func (o *Writer) Written() int { return o.written }

// Gzipped reports whether a file of this name is given a .gz beside it.
func Gzipped(name string) bool { return gzipTypes[path.Ext(name)] }

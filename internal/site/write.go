package site

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
	"sort"
	"sync"

	"nianbao/internal/publish"
	"nianbao/internal/workers"
)

// output writes the files of one build beside the real output directory,
// so that a failed build leaves the published site as it was.
//
// A full build writes every file into a temporary directory, which commit
// swaps into place. An incremental build compares each file it renders with
// the one already published and stages only those whose bytes differ;
// commit then renames them into place one by one and removes the files the
// site no longer has. Safe for concurrent use.
type output struct {
	dir         string // the temporary (full) or staging (incremental) directory
	out         string // the published output directory
	incremental bool
	gzip        bool

	mu      sync.Mutex
	dirs    map[string]bool
	states  []fileState // every file of the site, in the order of the jobs
	staged  []string    // incremental: files to move into place
	written int         // files written (or staged), without .gz files

	// Files are written by their own goroutines, so that the renderers
	// keep the processors busy while a write waits on the file system.
	queue   chan writeReq
	writers sync.WaitGroup
	errs    []error
}

// writeReq is a file to write: data, or the parts joined (the open data,
// made in parallel chunks, which joining would copy), or a copy of src in
// from. idx is the file's place in output.states.
type writeReq struct {
	idx        int
	kind, name string
	data       []byte
	parts      [][]byte
	from       fs.FS
	src        string
	// differs says data is known to differ from the published file, which
	// need not be read to compare.
	differs bool
}

// start starts n goroutines writing what send queues.
func (o *output) start(n int) {
	o.queue = make(chan writeReq, 4*n)
	for range n {
		o.writers.Add(1)
		go func() {
			defer o.writers.Done()
			for r := range o.queue {
				var err error
				if r.from != nil {
					if err = o.copy(r.idx, r.kind, r.name, r.from, r.src); err != nil {
						err = fmt.Errorf("copy %s: %w", r.src, err)
					}
				} else {
					parts := r.parts
					if parts == nil {
						parts = [][]byte{r.data}
					}
					err = o.write(r.idx, r.kind, r.name, parts, r.differs)
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

// send queues a file for the writers.
func (o *output) send(r writeReq) { o.queue <- r }

// wait waits for every queued file and returns what went wrong, sorted.
func (o *output) wait() []error {
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

func newOutput(out string, gz, incremental bool, n int) (*output, error) {
	newDir := publish.NewTree
	if incremental {
		newDir = publish.NewStage
	}
	dir, err := newDir(out)
	if err != nil {
		return nil, err
	}
	return &output{dir: dir, out: out, incremental: incremental, gzip: gz,
		dirs: map[string]bool{".": true}, states: make([]fileState, n)}, nil
}

// add makes room for one more file after the jobs' files.
func (o *output) add() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.states = append(o.states, fileState{})
	return len(o.states) - 1
}

// keep records file i of the site, which an incremental build did not
// render because nothing it shows changed.
func (o *output) keep(i int, f fileState) { o.setState(i, f) }

// setState records file i; add may be growing states meanwhile.
func (o *output) setState(i int, f fileState) {
	o.mu.Lock()
	o.states[i] = f
	o.mu.Unlock()
}

// write writes the parts, joined, as the site-relative file name, file i
// of the site, counting it under kind. An incremental build stages it only
// when it differs from the published file (which it reads to compare
// unless differs says so already).
func (o *output) write(i int, kind, name string, parts [][]byte, differs bool) error {
	size := 0
	for _, p := range parts {
		size += len(p)
	}
	o.setState(i, fileState{name: name, kind: kind, size: int64(size)})
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
	if o.gzip && gzipTypes[path.Ext(name)] {
		gz, err := gzipBytes(parts)
		if err != nil {
			return fmt.Errorf("compress %s: %w", name, err)
		}
		if err := writeFile(full+".gz", gz); err != nil {
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
func (o *output) copy(i int, kind, name string, fsys fs.FS, src string) error {
	if o.incremental || o.gzip {
		data, err := fs.ReadFile(fsys, src)
		if err != nil {
			return err
		}
		return o.write(i, kind, name, [][]byte{data}, false)
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
	o.setState(i, fileState{name: name, kind: kind, size: n})
	o.mu.Lock()
	o.written++
	o.mu.Unlock()
	return nil
}

// mkdir creates a directory of the site and those above it, remembering
// which exist so that each costs one system call.
func (o *output) mkdir(dir string) error {
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

// counts returns the per-kind counts of the site's files, sorted by kind.
func counts(files []fileState) []KindCount {
	stats := map[string]*KindCount{}
	for _, f := range files {
		s := stats[f.kind]
		if s == nil {
			s = &KindCount{Kind: f.kind}
			stats[f.kind] = s
		}
		s.Files++
		s.Bytes += f.size
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

// commit makes the build's files the published site (internal/publish):
// a full build's tree is swapped in whole; an incremental build's staged
// files are moved into place, and the files in gone removed, under a
// journal that the next build carries out if this one is killed half-way.
func (o *output) commit(gone []string, count int) error {
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

// discard removes the temporary directory of a failed build.
func (o *output) discard() {
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

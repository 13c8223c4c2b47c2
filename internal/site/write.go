package site

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"sync"

	"github.com/tdewolff/minify/v2"
)

// output writes the files of one build into a temporary directory beside
// the real output; commit swaps it in, discard removes it. Safe for
// concurrent use.
type output struct {
	dir  string // the temporary directory
	min  *minify.M
	gzip bool

	mu    sync.Mutex
	dirs  map[string]bool
	stats map[string]*KindCount
}

// gzipTypes are the extensions given a .gz beside them.
var gzipTypes = map[string]bool{
	".html": true, ".css": true, ".js": true, ".svg": true, ".xml": true,
	".json": true, ".txt": true, ".csv": true, ".md": true,
}

func newOutput(out string, m *minify.M, gz bool) (*output, error) {
	parent := filepath.Dir(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", parent, err)
	}
	dir, err := os.MkdirTemp(parent, filepath.Base(out)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("create temporary output directory: %w", err)
	}
	// MkdirTemp makes the directory private; a web server must read it.
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, fmt.Errorf("chmod %s: %w", dir, err)
	}
	return &output{dir: dir, min: m, gzip: gz, dirs: map[string]bool{".": true}, stats: map[string]*KindCount{}}, nil
}

// write minifies data as media (unless media is empty) and writes it to the
// site-relative file name, counting it under kind.
func (o *output) write(kind, name, media string, data []byte) error {
	if media != "" {
		min, err := o.min.Bytes(media, data)
		if err != nil {
			return fmt.Errorf("minify %s: %w", name, err)
		}
		data = min
	}
	if err := o.mkdir(path.Dir(name)); err != nil {
		return err
	}
	full := filepath.Join(o.dir, filepath.FromSlash(name))
	if err := os.WriteFile(full, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	n := int64(len(data))
	if o.gzip && gzipTypes[path.Ext(name)] {
		gz, err := gzipBytes(data)
		if err != nil {
			return fmt.Errorf("compress %s: %w", name, err)
		}
		if err := os.WriteFile(full+".gz", gz, 0o644); err != nil {
			return fmt.Errorf("write %s.gz: %w", name, err)
		}
	}
	o.mu.Lock()
	s := o.stats[kind]
	if s == nil {
		s = &KindCount{Kind: kind}
		o.stats[kind] = s
	}
	s.Files++
	s.Bytes += n
	o.mu.Unlock()
	return nil
}

func (o *output) mkdir(dir string) error {
	o.mu.Lock()
	done := o.dirs[dir]
	o.mu.Unlock()
	if done {
		return nil
	}
	if err := os.MkdirAll(filepath.Join(o.dir, filepath.FromSlash(dir)), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	o.mu.Lock()
	o.dirs[dir] = true
	o.mu.Unlock()
	return nil
}

// counts returns the per-kind counts, sorted by kind.
func (o *output) counts() []KindCount {
	out := make([]KindCount, 0, len(o.stats))
	for _, s := range o.stats {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Kind < out[j].Kind })
	return out
}

// gzipBytes compresses deterministically: no file name, no modification
// time, so two builds give the same bytes.
func gzipBytes(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// commit replaces out with the built directory. The old output is moved
// aside first and removed only once the new one is in place, so a failure
// here leaves the old site where it was.
func (o *output) commit(out string) error {
	old := ""
	if _, err := os.Lstat(out); err == nil {
		aside, err := os.MkdirTemp(filepath.Dir(out), filepath.Base(out)+".old-")
		if err != nil {
			return fmt.Errorf("move old output aside: %w", err)
		}
		// rename(2) cannot replace a non-empty directory on every system, so
		// the placeholder is removed and its unique name reused.
		if err := os.Remove(aside); err != nil {
			return fmt.Errorf("move old output aside: %w", err)
		}
		if err := os.Rename(out, aside); err != nil {
			return fmt.Errorf("move old output aside: %w", err)
		}
		old = aside
	}
	if err := os.Rename(o.dir, out); err != nil {
		if old != "" {
			_ = os.Rename(old, out)
		}
		return fmt.Errorf("move new output into place: %w", err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove old output %s: %w", old, err)
		}
	}
	return nil
}

// discard removes the temporary directory of a failed build.
func (o *output) discard() {
	_ = os.RemoveAll(o.dir)
}

package importer

import (
	"bytes"
	"encoding/binary"
	"os"
	"time"

	"nianbao/internal/filestamp"
	"nianbao/internal/publish"
)

// statFile is a content file with the stamp it had when listed (size,
// modification and change times, inode); zero when unknown.
type statFile struct {
	path  string
	stamp filestamp.Stamp
}

// sourceCache is what the last Pending read from each content file: the
// source it names, under the file's path with its stamp. A file whose
// stamp is unchanged is taken to name the same source, as the site build
// takes it to hold the same report; a same-length edit with its
// modification time set back (cp -p, rsync -a) still moves its change time.
type sourceCache struct {
	written int64 // when the cache was written, Unix nanoseconds
	entries map[string]cachedSource
}

type cachedSource struct {
	stamp filestamp.Stamp
	src   string
}

const sourceCacheMagic = "nianbao import sources 2\n"

// racyWindow is how long before the cache was written a file must have
// last changed for its cached source to be trusted: a file changed again
// within its filesystem's timestamp granularity (up to 2 s on FAT) of
// being read keeps its time, and is read again instead.
const racyWindow = 2 * time.Second

// lookup returns the cached source of f, if its stamp is the cached one
// and old enough to be trusted. A nil cache has none.
func (c *sourceCache) lookup(f statFile) (string, bool) {
	if c == nil || !f.stamp.Known() {
		return "", false
	}
	e, ok := c.entries[f.path]
	if !ok || e.stamp != f.stamp || f.stamp.Changed() > c.written-int64(racyWindow) {
		return "", false
	}
	return e.src, true
}

// readSourceCache reads the cache at path; a missing or damaged one is an
// empty cache.
func readSourceCache(path string) *sourceCache {
	c := &sourceCache{entries: map[string]cachedSource{}}
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte(sourceCacheMagic)) {
		return c
	}
	d := data[len(sourceCacheMagic):]
	bad := false
	num := func() int64 {
		v, n := binary.Varint(d)
		if n <= 0 {
			bad = true
			return 0
		}
		d = d[n:]
		return v
	}
	str := func() string {
		l := num()
		if bad || l < 0 || l > int64(len(d)) {
			bad = true
			return ""
		}
		s := string(d[:l])
		d = d[l:]
		return s
	}
	written := num()
	entries := map[string]cachedSource{}
	for len(d) > 0 && !bad {
		name := str()
		e := cachedSource{stamp: filestamp.Stamp{Size: num(), Mtime: num(), Ctime: num(), Ino: uint64(num())}, src: str()}
		entries[name] = e
	}
	if bad {
		return c
	}
	c.written, c.entries = written, entries
	return c
}

// writeSourceCache replaces the cache at path with the sources srcs of
// files, unless it already holds exactly these. It is written atomically,
// as content files are, so that a build stopped midway leaves either
// cache whole.
func writeSourceCache(path string, old *sourceCache, files []statFile, srcs []string) error {
	same := len(old.entries) == len(files)
	for i, f := range files {
		e, ok := old.entries[f.path]
		if !same || !ok || e.stamp != f.stamp || e.src != srcs[i] || f.stamp.Changed() > old.written-int64(racyWindow) {
			same = false
			break
		}
	}
	if same {
		return nil
	}
	b := []byte(sourceCacheMagic)
	b = binary.AppendVarint(b, time.Now().UnixNano())
	for i, f := range files {
		if !f.stamp.Known() {
			continue
		}
		b = binary.AppendVarint(b, int64(len(f.path)))
		b = append(b, f.path...)
		b = binary.AppendVarint(b, f.stamp.Size)
		b = binary.AppendVarint(b, f.stamp.Mtime)
		b = binary.AppendVarint(b, f.stamp.Ctime)
		b = binary.AppendVarint(b, int64(f.stamp.Ino))
		b = binary.AppendVarint(b, int64(len(srcs[i])))
		b = append(b, srcs[i]...)
	}
	return publish.WriteFile(path, b)
}

package importer

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"time"

	"nianbao/internal/bincode"
	"nianbao/internal/filestamp"
	"nianbao/internal/publish"
)

// A source edited after it was imported must reach the site: its content
// file names it with the SHA-256 of the bytes it was made from, and a
// source whose bytes hash otherwise is imported again (Pending lists it).
// Import then overwrites the content file if it is as import wrote it, and
// stops that report with a message if it was edited by hand too (guard).
//
// Hashing every source at every build would read them all; the stamps of
// a source and its content file that were seen to agree are kept instead
// (Options.SourceCache + ".agree"), and only a pair whose stamps moved is
// hashed again.

const agreeMagic = "nianbao import agree 2\n"

// agreeEntry is a source and its content file, with the stamps they had
// when the content file was seen to hold the source's SHA-256.
type agreeEntry struct {
	content     string
	src, stampC filestamp.Stamp
}

type agreeCache struct {
	written int64
	entries map[string]agreeEntry // by source path
	changed bool
}

func readAgree(path string) *agreeCache {
	c := &agreeCache{entries: map[string]agreeEntry{}}
	if path == "" {
		return c
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return c
	}
	d := bincode.ViewDecoder(data)
	if d.Str() != agreeMagic {
		return c
	}
	written := d.Int()
	entries := map[string]agreeEntry{}
	for d.Len() > 0 && d.Err() == nil {
		src := d.Str()
		e := agreeEntry{content: d.Str(), src: readStamp(d), stampC: readStamp(d)}
		entries[src] = e
	}
	if d.Err() == nil {
		c.written, c.entries = written, entries
	}
	return c
}

func readStamp(d *bincode.Decoder) filestamp.Stamp {
	return filestamp.Stamp{Size: d.Int(), Mtime: d.Int(), Ctime: d.Int(), Ino: d.Uint()}
}

func writeStamp(e *bincode.Encoder, s filestamp.Stamp) {
	e.Int(s.Size)
	e.Int(s.Mtime)
	e.Int(s.Ctime)
	e.Uint(s.Ino)
}

func (c *agreeCache) save(path string) error {
	if path == "" || !c.changed {
		return nil
	}
	e := &bincode.Encoder{}
	e.Str(agreeMagic)
	e.Int(time.Now().UnixNano())
	// In the order of the sources, so that two saves of one cache give the
	// same bytes.
	for _, src := range slices.Sorted(maps.Keys(c.entries)) {
		x := c.entries[src]
		e.Str(src)
		e.Str(x.content)
		writeStamp(e, x.src)
		writeStamp(e, x.stampC)
	}
	return publish.WriteFile(path, e.B)
}

// trusted reports whether a stamp may vouch for a file's bytes: known, and
// not changed within racyWindow of the cache's writing.
func (c *agreeCache) trusted(s filestamp.Stamp) bool {
	return s.Known() && s.Changed() <= c.written-int64(racyWindow)
}

// sourceChanged reports whether the source src (relative to Root) holds
// other bytes than the content file cf was made from, and gives the entry
// to keep when they were seen to agree anew. A file that cannot be read is
// not called changed: the import, or the build, reports it. It only reads
// c, so that many run at once.
func sourceChanged(src string, cf statFile, opt Options, c *agreeCache) (changed bool, agreed *agreeEntry) {
	// Lstat, which the build asks of each original too (Options.Seen),
	// then Stat when the original is a link.
	full := abs(opt.Root, src)
	si, err := os.Lstat(full)
	if err != nil {
		return false, nil
	}
	opt.Seen.Put(full, si)
	if si.Mode()&fs.ModeSymlink != 0 {
		if si, err = os.Stat(full); err != nil {
			return false, nil
		}
	}
	cs := cf.stamp // known from the walk of content/ when the cache is kept
	if !cs.Known() {
		ci, err := os.Stat(cf.path)
		if err != nil {
			return false, nil
		}
		cs = filestamp.Of(ci)
	}
	ss, contentPath := filestamp.Of(si), cf.path
	if e, ok := c.entries[src]; ok && e.content == contentPath && e.src == ss && e.stampC == cs && c.trusted(ss) && c.trusted(cs) {
		return false, nil
	}
	want, ok := contentSourceSum(contentPath)
	if !ok {
		return false, nil // a content file without the sum, or one that does not parse: the build's to report
	}
	data, err := os.ReadFile(abs(opt.Root, src))
	if err != nil {
		return false, nil
	}
	sum := sha256.Sum256(data)
	if hex.EncodeToString(sum[:]) != want {
		return true, nil
	}
	return false, &agreeEntry{content: contentPath, src: ss, stampC: cs}
}

// contentSourceSum reads the source_sha256 a content file's front matter
// gives; ok is false when it gives none.
func contentSourceSum(path string) (string, bool) {
	f, err := os.Open(path)
	if err != nil {
		return "", false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	fences := 0
	for sc.Scan() && fences < 2 {
		line := strings.TrimSpace(sc.Text())
		if line == "---" {
			fences++
			continue
		}
		if v, ok := strings.CutPrefix(line, "source_sha256:"); ok && fences == 1 {
			v = strings.Trim(strings.TrimSpace(v), `"'`)
			return v, len(v) == 64
		}
	}
	return "", false
}

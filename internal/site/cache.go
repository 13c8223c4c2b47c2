package site

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"
	"unsafe"

	"nianbao/internal/bincode"
	"nianbao/internal/content"
	"nianbao/internal/filestamp"
	"nianbao/internal/publish"
)

// The build cache (Config.CacheDir) keeps what reading a content file
// yields (front matter, headings, lead) keyed by the SHA-256 of its bytes,
// with its rendered parts in the pack beside it (pack.go), so that a
// rebuild parses only the files that changed, and the manifest of the last
// output (manifest.go), so that it renders only the pages they change. Both carry the code version: the hash of the running executable,
// which changes with the parser, the renderer, the templates' functions and
// this package. A cache that does not match is ignored and rewritten.

const indexMagic = "nianbao build index 3\n"

// index is the cache of parsed content files.
type index struct {
	byName map[string]*entry
	byHash map[[32]byte]*entry
	// records counts the records of the log, for deciding when to write
	// it afresh; whole says the log was read to its end, so that records
	// may be appended to it.
	records int
	whole   bool
}

// racyWindow is how recent a file's last change (filestamp.Changed) may be
// for its stamp to be trusted next time: a file written in the same instant
// the index was saved could change again without its stamp changing.
const racyWindow = 2 * time.Second

// codeVersion is the SHA-256 of the running executable, or "" when it
// cannot be read (the cache is then not used).
func codeVersion() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}

// The index is a log: a snapshot of every entry, then the entries added
// or changed and the names removed by later builds, appended so that a
// rebuild that changed one report writes one record rather than the
// whole index. A later record wins; the log is written afresh when it
// holds more than twice as many records as entries.
const (
	recEntry   = 'e'
	recRemoved = 'r'
)

// readIndex reads the index in dir; a missing, old or corrupt index is an
// empty one, and ok is false. A record cut short (a build stopped while
// appending) ends the log.
func readIndex(dir, version string) (idx *index, ok bool) {
	idx = &index{byName: map[string]*entry{}, byHash: map[[32]byte]*entry{}}
	if dir == "" || version == "" {
		return idx, false
	}
	data, err := os.ReadFile(filepath.Join(dir, "index"))
	if err != nil || len(data) == 0 {
		return idx, false
	}
	d := bincode.NewDecoder(bytesToString(data))
	if d.Str() != indexMagic || d.Str() != version || d.Err() != nil {
		return idx, false
	}
	unknown := false // a record of no known tag: the rest is not read
	defer func() { idx.whole = !unknown && d.Err() == nil && d.Len() == 0 }()
	for d.Len() > 0 {
		switch tag := d.Byte(); tag {
		case recEntry:
			e := &entry{}
			decodeEntry(d, e)
			if d.Err() != nil {
				return idx, true
			}
			idx.byName[e.name] = e
			idx.byHash[e.hash] = e
		case recRemoved:
			name := d.Str()
			if d.Err() != nil {
				return idx, true
			}
			delete(idx.byName, name)
		default:
			unknown = true
			return idx, true
		}
		idx.records++
	}
	return idx, true
}

// writeIndex saves the entries of this build: it appends what changed
// since prev to the log, or writes the log afresh.
func writeIndex(dir, version string, entries []entry, prev *index, prevOK bool, now time.Time) error {
	racy := now.Add(-racyWindow).UnixNano()
	stored := func(x *entry) filestamp.Stamp {
		if x.stamp.Changed() >= racy {
			return filestamp.Stamp{Size: x.stamp.Size} // hash it next time
		}
		return x.stamp
	}
	n := 0
	var changed []*entry
	live := map[string]bool{}
	for i := range entries {
		x := &entries[i]
		if x.err != nil {
			continue
		}
		n++
		live[x.name] = true
		if old := prev.byName[x.name]; old == nil || old.hash != x.hash || old.stamp != stored(x) ||
			old.partsAt != x.partsAt || old.textAt != x.textAt {
			changed = append(changed, x)
		}
	}
	var removed []string
	for name := range prev.byName {
		if !live[name] {
			removed = append(removed, name)
		}
	}
	if prevOK && len(changed) == 0 && len(removed) == 0 {
		return nil
	}
	e := &bincode.Encoder{}
	if prevOK && prev.whole && prev.records+len(changed)+len(removed) <= 2*n+64 {
		sort.Strings(removed)
		for _, x := range changed {
			e.Byte(recEntry)
			encodeEntry(e, x, stored(x))
		}
		for _, name := range removed {
			e.Byte(recRemoved)
			e.Str(name)
		}
		f, err := os.OpenFile(filepath.Join(dir, "index"), os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return err
		}
		_, err = f.Write(e.B)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return err
	}
	e.B = make([]byte, 0, 2048*n+64)
	e.Str(indexMagic)
	e.Str(version)
	for i := range entries {
		if x := &entries[i]; x.err == nil {
			e.Byte(recEntry)
			encodeEntry(e, x, stored(x))
		}
	}
	return publish.WriteFile(filepath.Join(dir, "index"), e.B)
}

// bytesToString views data, which is never changed afterwards, as a
// string without copying it: the index and the parts are read whole and
// cut into many strings.
func bytesToString(data []byte) string {
	if len(data) == 0 {
		return ""
	}
	return unsafe.String(&data[0], len(data))
}

func encodeEntry(e *bincode.Encoder, x *entry, st filestamp.Stamp) {
	e.Str(x.name)
	e.Int(st.Size)
	e.Int(st.Mtime)
	e.Int(st.Ctime)
	e.Uint(st.Ino)
	e.Bytes(x.hash[:])
	e.Int(x.partsAt.off)
	e.Int(x.partsAt.n)
	e.Int(x.textAt.off)
	e.Int(x.textAt.n)
	m := &x.meta
	for i := range content.Fields {
		switch f := &content.Fields[i]; f.Kind {
		case content.TextField:
			e.Str(*f.Text(m))
		case content.ListField:
			e.Strs(*f.List(m))
		case content.YearField:
			e.Int(int64(m.Year))
		case content.SectionsField:
			e.Uint(uint64(len(m.Sections)))
			for _, s := range m.Sections {
				e.Str(s.Title)
				e.Str(s.Kind)
				e.Str(s.ID)
			}
		}
	}
	e.Int(int64(x.bodyLine))
	encodeHeadings(e, x.level1)
	encodeHeadings(e, x.sections)
	e.Str(x.leadText)
}

func decodeEntry(d *bincode.Decoder, x *entry) {
	x.name = d.Str()
	x.stamp = filestamp.Stamp{Size: d.Int(), Mtime: d.Int(), Ctime: d.Int(), Ino: d.Uint()}
	copy(x.hash[:], d.Str())
	x.partsAt = span{d.Int(), d.Int()}
	x.textAt = span{d.Int(), d.Int()}
	m := &x.meta
	for i := range content.Fields {
		switch f := &content.Fields[i]; f.Kind {
		case content.TextField:
			*f.Text(m) = d.Str()
		case content.ListField:
			*f.List(m) = d.Strs()
		case content.YearField:
			m.Year = int(d.Int())
		case content.SectionsField:
			if n := d.Count(); n > 0 {
				m.Sections = make([]content.Section, n)
				for i := range m.Sections {
					m.Sections[i] = content.Section{Title: d.Str(), Kind: d.Str(), ID: d.Str()}
				}
			}
		}
	}
	x.bodyLine = int(d.Int())
	x.level1 = decodeHeadings(d)
	x.sections = decodeHeadings(d)
	x.leadText = d.Str()
}

func encodeHeadings(e *bincode.Encoder, hs []content.Heading) {
	e.Uint(uint64(len(hs)))
	for _, h := range hs {
		e.Int(int64(h.Level))
		e.Str(h.ID)
		e.Str(h.Text)
		e.Int(int64(h.Line))
	}
}

func decodeHeadings(d *bincode.Decoder) []content.Heading {
	n := d.Count()
	if n == 0 {
		return nil
	}
	out := make([]content.Heading, n)
	for i := range out {
		out[i] = content.Heading{Level: int(d.Int()), ID: d.Str(), Text: d.Str(), Line: int(d.Int())}
	}
	return out
}

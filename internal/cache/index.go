// Package cache keeps what a build remembers for the next: an index of
// parsed content files keyed by their bytes' SHA-256 (index.go), a pack of
// their rendered parts on disk (pack.go), so that a rebuild parses only the
// files that changed and a large build keeps its texts out of memory, and
// the manifest of the last output (manifest.go), so that it renders and
// writes only what those changes touch.
package cache

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"nianbao/internal/bincode"
	"nianbao/internal/content"
	"nianbao/internal/filestamp"
	"nianbao/internal/publish"
)

// The index and the build's manifest of its last output (in package site)
// carry the code version: the hash of the running executable, which
// changes with the parser, the renderer and the templates' functions. A
// cache that does not match is ignored and rewritten.

const indexMagic = "nianbao build index 4\n"

// Record is what reading one content file yields, as the index keeps it.
type Record struct {
	Name string // the path inside the content tree
	Path string // as shown in diagnostics, e.g. "content/cq/后叶镇-2024.md"; not kept
	// Stamp is the file's when listed (filestamp): a file whose stamp is
	// the cached one is not read again. Zero when unknown or not to be trusted.
	Stamp filestamp.Stamp
	Hash  [32]byte

	Meta     content.Meta
	BodyLine int
	// Level1 are the body's level-1 headings (a problem); Sections its "##" headings.
	Level1, Sections []content.Heading
	// Lead is the lead's first sentence as the site shows it, not the whole
	// lead: every build reads the index whole and holds it to its end, so a
	// record keeps only what the site uses.
	Lead string

	// PartsAt, TextAt, FactsAt and ReuseAt locate the rendered parts, the
	// plain text, the figures of the text (internal/figures) and its
	// paragraphs as compared for reuse (internal/reuse) in the pack.
	PartsAt, TextAt, FactsAt, ReuseAt Span
}

// Index is the cache of parsed content files.
type Index struct {
	byName map[string]*Record
	byHash map[[32]byte]*Record
	// records counts the records of the log, for deciding when to write
	// it afresh; whole says the log was read to its end, so that records
	// may be appended to it.
	records int
	whole   bool
}

// RacyWindow is how recent a file's last change (filestamp.Changed) may be
// for its stamp to be trusted next time: a file written in the same instant
// the index was saved could change again without its stamp changing.
const RacyWindow = 2 * time.Second

// ByName returns the record of the file named name, or nil.
func (x *Index) ByName(name string) *Record { return x.byName[name] }

// ByHash returns the record of a file with these bytes, or nil.
func (x *Index) ByHash(sum [32]byte) *Record { return x.byHash[sum] }

// CodeVersion names the running executable's code, or is "" when it
// cannot be read (the cache is then not used): the build ID the go command
// gave it (buildID), or else the SHA-256 of the executable.
func CodeVersion(cacheDir string) string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if id := buildID(exe); id != "" {
		return "go build " + id
	}
	return hashVersion(exe, cacheDir)
}

// buildID returns the build ID the go command writes into an ELF
// executable (its .note.go.buildid note), which changes with every byte of
// the code: its last part hashes the linked executable. Reading it costs
// a few page reads, where hashing the executable (tens of megabytes) was
// 20 ms at the start of every build from an empty cache, a fiftieth of a
// build of 1,000 reports. It is "" when there is none, or not the four
// hashes the go command writes (an ID set by hand with -ldflags=-buildid
// need not change with the code), and for other executable formats.
func buildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	sec := f.Section(".note.go.buildid")
	if sec == nil {
		return ""
	}
	note, err := sec.Data()
	if err != nil || len(note) < 16 {
		return ""
	}
	// An ELF note: the sizes of its name and description, its type (4),
	// the name "Go" padded to four bytes, then the description.
	order := f.ByteOrder
	nameSize, descSize, kind := order.Uint32(note), order.Uint32(note[4:]), order.Uint32(note[8:])
	if nameSize != 4 || kind != 4 || string(note[12:16]) != "Go\x00\x00" || uint64(descSize) > uint64(len(note)-16) {
		return ""
	}
	id := string(note[16 : 16+descSize])
	parts := strings.Split(id, "/")
	if len(parts) != 4 {
		return ""
	}
	for _, p := range parts {
		if len(p) < 20 || strings.Trim(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			return ""
		}
	}
	return id
}

// hashVersion is the SHA-256 of the executable. Hashing it is a fixed
// cost of every build, as large as the rest of adding a report to a small
// site, so the hash is kept in cacheDir with the executable's stamp and
// made again only when the stamp differs or is too recent to trust
// (RacyWindow). With cacheDir "" it is always made.
func hashVersion(exe, cacheDir string) string {
	info, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	stamp := filestamp.Of(info)
	file := ""
	if cacheDir != "" && stamp.Known() {
		file = filepath.Join(cacheDir, "code-version")
		if sum := readCodeVersion(file, stamp); sum != "" {
			return sum
		}
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
	sum := hex.EncodeToString(h.Sum(nil))
	if file != "" {
		// Only saves time: a build does not fail for want of it.
		_ = writeCodeVersion(file, stamp, time.Now().UnixNano(), sum)
	}
	return sum
}

const codeVersionMagic = "nianbao code version 1\n"

// readCodeVersion returns the hash file keeps for an executable of this
// stamp, or "" when it keeps none, another, or one saved too soon after
// the executable last changed.
func readCodeVersion(file string, stamp filestamp.Stamp) string {
	data, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	d := bincode.NewDecoder(string(data))
	if d.Str() != codeVersionMagic {
		return ""
	}
	was := filestamp.Stamp{Size: d.Int(), Mtime: d.Int(), Ctime: d.Int(), Ino: d.Uint()}
	written := d.Int()
	sum := d.Str()
	if d.Err() != nil || was != stamp || stamp.Changed() > written-int64(RacyWindow) || len(sum) != 2*sha256.Size {
		return ""
	}
	return sum
}

// writeCodeVersion keeps the hash of the executable of this stamp in file.
func writeCodeVersion(file string, stamp filestamp.Stamp, written int64, sum string) error {
	var e bincode.Encoder
	e.Str(codeVersionMagic)
	e.Int(stamp.Size)
	e.Int(stamp.Mtime)
	e.Int(stamp.Ctime)
	e.Uint(stamp.Ino)
	e.Int(written)
	e.Str(sum)
	return publish.WriteFile(file, e.B)
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

// ReadIndex reads the index in dir; a missing, old or corrupt index is an
// empty one, and ok is false. A record cut short (a build stopped while
// appending) ends the log.
func ReadIndex(dir, version string) (idx *Index, ok bool) {
	idx = &Index{byName: map[string]*Record{}, byHash: map[[32]byte]*Record{}}
	if dir == "" || version == "" {
		return idx, false
	}
	data, err := os.ReadFile(filepath.Join(dir, "index"))
	if err != nil || len(data) == 0 {
		return idx, false
	}
	d := bincode.ViewDecoder(data)
	if d.Str() != indexMagic || d.Str() != version || d.Err() != nil {
		return idx, false
	}
	unknown := false // a record of no known tag: the rest is not read
	defer func() { idx.whole = !unknown && d.Err() == nil && d.Len() == 0 }()
	for d.Len() > 0 {
		switch tag := d.Byte(); tag {
		case recEntry:
			e := &Record{}
			decodeEntry(d, e)
			if d.Err() != nil {
				return idx, true
			}
			idx.byName[e.Name] = e
			idx.byHash[e.Hash] = e
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

// WriteIndex saves the records of this build's readable files: it appends
// what changed since prev to the log, or writes the log afresh.
func WriteIndex(dir, version string, records []*Record, prev *Index, prevOK bool, now time.Time) error {
	racy := now.Add(-RacyWindow).UnixNano()
	stored := func(x *Record) filestamp.Stamp {
		if x.Stamp.Changed() >= racy {
			return filestamp.Stamp{Size: x.Stamp.Size} // hash it next time
		}
		return x.Stamp
	}
	n := len(records)
	var changed []*Record
	live := map[string]bool{}
	for _, x := range records {
		live[x.Name] = true
		if old := prev.byName[x.Name]; old == nil || old.Hash != x.Hash || old.Stamp != stored(x) ||
			old.PartsAt != x.PartsAt || old.TextAt != x.TextAt || old.FactsAt != x.FactsAt || old.ReuseAt != x.ReuseAt {
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
	// Appending saves writing every record, but every build reads what is
	// appended: the log is written afresh once an eighth of it would be
	// superseded records. Up to twice the live records, as it was, one
	// build that saw every file change (after a bulk import, or a copy of
	// the repository) appended a whole second log, and the next sixty-odd
	// builds each read both: at 20,000 reports 29 MB more, a third of a
	// second more of every addition.
	if prevOK && prev.whole && prev.records+len(changed)+len(removed) <= n+n/8+64 {
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
	for _, x := range records {
		e.Byte(recEntry)
		encodeEntry(e, x, stored(x))
	}
	return publish.WriteFile(filepath.Join(dir, "index"), e.B)
}

func encodeEntry(e *bincode.Encoder, x *Record, st filestamp.Stamp) {
	e.Str(x.Name)
	e.Int(st.Size)
	e.Int(st.Mtime)
	e.Int(st.Ctime)
	e.Uint(st.Ino)
	e.Bytes(x.Hash[:])
	e.Int(x.PartsAt.Off)
	e.Int(x.PartsAt.N)
	e.Int(x.TextAt.Off)
	e.Int(x.TextAt.N)
	e.Int(x.FactsAt.Off)
	e.Int(x.FactsAt.N)
	e.Int(x.ReuseAt.Off)
	e.Int(x.ReuseAt.N)
	m := &x.Meta
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
	e.Int(int64(x.BodyLine))
	encodeHeadings(e, x.Level1)
	encodeHeadings(e, x.Sections)
	e.Str(x.Lead)
}

func decodeEntry(d *bincode.Decoder, x *Record) {
	x.Name = d.Str()
	x.Stamp = filestamp.Stamp{Size: d.Int(), Mtime: d.Int(), Ctime: d.Int(), Ino: d.Uint()}
	copy(x.Hash[:], d.Str())
	x.PartsAt = Span{d.Int(), d.Int()}
	x.TextAt = Span{d.Int(), d.Int()}
	x.FactsAt = Span{d.Int(), d.Int()}
	x.ReuseAt = Span{d.Int(), d.Int()}
	m := &x.Meta
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
	x.BodyLine = int(d.Int())
	x.Level1 = decodeHeadings(d)
	x.Sections = decodeHeadings(d)
	x.Lead = d.Str()
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

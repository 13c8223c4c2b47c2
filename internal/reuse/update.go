package reuse

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"slices"
	"sort"
	"unsafe"
)

// An index can be kept between builds (WriteSaved) and brought up to date with
// the reports added, changed or taken out since (Update), so that adding a
// report reads that report's units alone, not every report's. The saved
// form names each report by a key the caller gives, which changes whenever
// the report's units may (its content, its place names, the code).
// Update also says which reports' results may have changed: those sharing
// a unit that is not common phrasing with a report added or taken out.
// The others' results are as they were, because Find's result for a report
// depends only on the reports holding its units: their towns, their codes
// and their order, which adding a report elsewhere does not change.

const savedMagic = "nianbao reuse index 2\n"

// entrySize is the size of an entry, in memory and in the saved form.
const entrySize = int(unsafe.Sizeof(entry{}))

// nativeLE says this machine keeps an entry in memory as the saved form
// has it: the hash, the doc and the paragraph, little-endian.
var nativeLE = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// WriteSaved writes the index in its saved form; keys name its docs, in
// order. The entries come last, 16 bytes each, at a multiple of 8 bytes
// from the start: on a little-endian machine they are written as they are
// held, and Decode takes them where they were read, so that keeping the
// index between builds costs one write and one read of about 16 bytes a
// unit, not an encoding and a decoding of each.
func (x *Index) WriteSaved(w io.Writer, keys []string) error {
	size := len(savedMagic) + 3*binary.MaxVarintLen64 + 8
	for _, k := range keys {
		size += len(k) + binary.MaxVarintLen64
	}
	b := make([]byte, 0, size)
	b = append(b, savedMagic...)
	b = binary.AppendUvarint(b, uint64(x.common))
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = binary.AppendUvarint(b, uint64(len(k)))
		b = append(b, k...)
	}
	b = binary.AppendUvarint(b, uint64(len(x.entries)))
	for len(b)%8 != 0 {
		b = append(b, 0)
	}
	if nativeLE {
		if _, err := w.Write(b); err != nil {
			return err
		}
		if len(x.entries) == 0 {
			return nil
		}
		_, err := w.Write(unsafe.Slice((*byte)(unsafe.Pointer(&x.entries[0])), len(x.entries)*entrySize))
		return err
	}
	for i, e := range x.entries {
		b = binary.LittleEndian.AppendUint64(b, e.hash)
		b = binary.LittleEndian.AppendUint32(b, uint32(e.doc))
		b = binary.LittleEndian.AppendUint32(b, uint32(e.para))
		if len(b) >= 64<<10 || i == len(x.entries)-1 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	if len(x.entries) == 0 {
		_, err := w.Write(b)
		return err
	}
	return nil
}

// Save returns the index in its saved form (WriteSaved).
func (x *Index) Save(keys []string) []byte {
	var b bytes.Buffer
	_ = x.WriteSaved(&b, keys) // a bytes.Buffer takes every write
	return b.Bytes()
}

// Changes is how a saved index differs from the docs of a build: which
// docs are not in it (their units must be read), and what Update needs.
type Changes struct {
	// Fresh says, for each doc, that it is not in the saved index.
	Fresh []bool
	// Stale says the saved index cannot be updated (it is unreadable, or
	// its docs are in another order): build a new one.
	Stale bool
	// Saved are the keys of the saved index's docs.
	Saved []string

	common  int32
	remap   []int32 // each saved doc's place now, -1 when taken out
	entries []entry // the saved entries
	removed int     // saved docs taken out
}

var errSaved = errors.New("malformed saved reuse index")

// Saved is a saved index read back (Decode), to be compared with the docs
// of a build (Saved.Diff). Reading it is most of the cost of an update, and
// needs nothing of the build: a build reads it while it does other work.
type Saved struct {
	keys    []string
	at      map[string]int32 // the place of each key in keys
	common  int32
	entries []entry
	err     error
}

// Decode reads Save's form; a malformed one gives a Saved whose Diff is
// Stale. The Saved takes saved over: its entries are read in place when
// saved starts at a multiple of 8 bytes in memory (else copied), and
// Update renumbers and merges them there.
func Decode(saved []byte) *Saved {
	keys, common, entries, err := decodeSaved(saved)
	if err != nil {
		return &Saved{err: err}
	}
	at := make(map[string]int32, len(keys))
	for i, k := range keys {
		at[k] = int32(i)
	}
	return &Saved{keys: keys, at: at, common: common, entries: entries}
}

// Diff compares the saved index with the docs of a build, named by keys.
// A Saved is compared once: the Changes share its entries.
func (s *Saved) Diff(keys []string) *Changes {
	c := &Changes{Fresh: make([]bool, len(keys))}
	for i := range c.Fresh {
		c.Fresh[i] = true
	}
	if s.err != nil {
		c.Stale = true
		return c
	}
	c.common, c.entries, c.Saved = s.common, s.entries, s.keys
	c.remap = make([]int32, len(s.keys))
	for i := range c.remap {
		c.remap[i] = -1
	}
	last := int32(-1)
	for i, k := range keys {
		o, ok := s.at[k]
		if !ok {
			continue
		}
		if o < last {
			// Docs kept must keep their order, so that the saved entries
			// stay sorted when renumbered.
			c.Stale = true
			return c
		}
		last = o
		c.remap[o] = int32(i)
		c.Fresh[i] = false
	}
	for _, n := range c.remap {
		if n < 0 {
			c.removed++
		}
	}
	return c
}

// decodeSaved reads Save's form.
func decodeSaved(b []byte) (keys []string, common int32, entries []entry, err error) {
	if len(b) < len(savedMagic) || string(b[:len(savedMagic)]) != savedMagic {
		return nil, 0, nil, errSaved
	}
	at := len(savedMagic)
	bad := false
	next := func() uint64 {
		v, n := binary.Uvarint(b[at:])
		if n <= 0 {
			bad = true
			at = len(b)
			return 0
		}
		at += n
		return v
	}
	common = int32(next())
	n := next()
	if bad || n > uint64(len(b)-at) {
		return nil, 0, nil, errSaved
	}
	keys = make([]string, n)
	for i := range keys {
		l := next()
		if bad || l > uint64(len(b)-at) {
			return nil, 0, nil, errSaved
		}
		keys[i] = string(b[at : at+int(l)])
		at += int(l)
	}
	m := next()
	for ; !bad && at%8 != 0 && at < len(b); at++ {
		if b[at] != 0 {
			bad = true
		}
	}
	if bad || at%8 != 0 || m != uint64(len(b)-at)/uint64(entrySize) || (len(b)-at)%entrySize != 0 {
		return nil, 0, nil, errSaved
	}
	entries = entriesIn(b[at:], int(m))
	for i := range entries {
		e := &entries[i]
		if e.doc < 0 || uint64(e.doc) >= uint64(len(keys)) || e.para < 0 || e.para > 1<<30 {
			return nil, 0, nil, errSaved
		}
		if i > 0 && compareEntries(entries[i-1], *e) >= 0 {
			return nil, 0, nil, errSaved
		}
	}
	return keys, common, entries, nil
}

// entriesIn returns the m entries b holds in the saved form: b itself, with
// whatever room b has past them, when b is where an entry may be and this
// machine is little-endian; else a copy.
func entriesIn(b []byte, m int) []entry {
	if m == 0 {
		return nil
	}
	if nativeLE && uintptr(unsafe.Pointer(&b[0]))%unsafe.Alignof(entry{}) == 0 {
		return unsafe.Slice((*entry)(unsafe.Pointer(&b[0])), cap(b)/entrySize)[:m]
	}
	entries := make([]entry, m)
	for i := range entries {
		r := b[i*entrySize:]
		entries[i] = entry{binary.LittleEndian.Uint64(r), int32(binary.LittleEndian.Uint32(r[8:])), int32(binary.LittleEndian.Uint32(r[12:]))}
	}
	return entries
}

// Update makes the index of docs from the saved one and the paragraphs of
// the fresh docs (the others' Paras are not read), and says which docs'
// results may differ from what the saved index gave: all of them when
// touched is nil. It panics if c is Stale.
func (c *Changes) Update(docs []Doc) (x *Index, touched []bool) {
	if c.Stale {
		panic("reuse: Update of a stale index")
	}
	x = newTowns(docs)
	// The saved entries, renumbered where they are (they are the Saved's,
	// compared once), and the hashes of the docs taken out.
	var changed []uint64
	kept := c.entries[:0]
	for _, e := range c.entries {
		if n := c.remap[e.doc]; n >= 0 {
			e.doc = n
			kept = append(kept, e)
		} else {
			changed = append(changed, e.hash)
		}
	}
	c.entries = nil
	var fresh []entry
	freshDocs := 0
	for i, d := range docs {
		if c.Fresh[i] {
			fresh = appendEntries(fresh, int32(i), d.Paras)
			freshDocs++
		}
	}
	fresh = sortEntries(fresh)
	for _, e := range fresh {
		changed = append(changed, e.hash)
	}
	x.entries = mergeEntries(kept, fresh)
	x.group()
	if x.common != c.common {
		return x, nil // what counts as common phrasing moved
	}
	touched = slices.Clone(c.Fresh)
	// A group more than this many towns wide was common phrasing before
	// too, and counts for nothing either way.
	wide := x.common + int32(freshDocs+c.removed)
	slices.Sort(changed)
	changed = slices.Compact(changed)
	for _, h := range changed {
		if g := x.lookup(h); g != nil && g.towns >= wide {
			continue
		}
		i := sort.Search(len(x.entries), func(i int) bool { return x.entries[i].hash >= h })
		for ; i < len(x.entries) && x.entries[i].hash == h; i++ {
			touched[x.entries[i].doc] = true
		}
	}
	return x, touched
}

// mergeEntries merges two sorted lists of entries of different docs: in
// a's room, from its end, when it has enough for both (an update merges a
// few reports' entries into every other report's), else into a new list.
func mergeEntries(a, b []entry) []entry {
	n := len(a) + len(b)
	if cap(a) >= n {
		out := a[:n]
		i, j := len(a)-1, len(b)-1
		for k := n - 1; j >= 0; k-- {
			if i >= 0 && compareEntries(a[i], b[j]) > 0 {
				out[k], i = a[i], i-1
			} else {
				out[k], j = b[j], j-1
			}
		}
		return out
	}
	out := make([]entry, 0, n)
	for len(a) > 0 && len(b) > 0 {
		if compareEntries(a[0], b[0]) <= 0 {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return append(append(out, a...), b...)
}

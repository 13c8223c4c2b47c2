package search

import (
	"bufio"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"unicode/utf8"

	spillfile "nianbao/internal/spill"
)

// A full build of a national site cannot hold its postings in memory: at
// 200,000 reports they are gigabytes, and their encoded entries as much
// again. So collect gathers the postings of the reports in runs, a run
// being the postings of a range of reports within Options.RunBytes; each
// full run is written to a temporary file (the spill) with its lists in
// shard order, and the next run starts empty. writeShards then merges the
// runs list by list: the reports of a run all come after those of the run
// before, so a token's postings are its lists of each run one after the
// other. The merged entries go to the spill too, in shard order, and are
// read back a shard at a time once their total, which decides the shard
// count, is known. What is in memory is one run, one token's postings and
// one shard; what an index of one run (every site of a few thousand
// reports) does is what it did before: nothing is written.
//
// Shard order is the order of tokens by hash: a shard holds the tokens of
// one range of hashes (shardOf), so the entries of each shard are next to
// each other in it. Tokens of one hash are ordered by key; writeShard
// orders each shard's tokens by their text.

// DefaultRunBytes bounds the postings of a run: with the run's token table
// and the collector's headroom, the index takes a few hundred megabytes
// at most, whatever the number of reports.
const DefaultRunBytes = 96 << 20

// keyHash is fnv32(k.String()) without making the string.
func keyHash(k key) uint32 {
	var buf [asciiMax]byte
	var b []byte
	switch k & (3 << 62) {
	case kindUni:
		b = utf8.AppendRune(buf[:0], rune(k))
	case kindBi:
		b = utf8.AppendRune(buf[:0], rune(k>>21)&0x1fffff)
		b = utf8.AppendRune(b, rune(k)&0x1fffff)
	default:
		n := int(k>>56) & 0x3f
		b = buf[:n]
		for i := range b {
			b[i] = byte(k>>(7*uint(i))) & 0x7f
		}
	}
	h := uint32(2166136261)
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	return h
}

// before reports whether the token of hash h and key k comes before that
// of hash h2 and key k2 in shard order.
func before(h uint32, k key, h2 uint32, k2 key) bool {
	return h < h2 || h == h2 && k < k2
}

// size is about the memory p holds: what decides when a run is full.
func (p *postings) size() int {
	return len(p.arena.blocks)*blockBytes + cap(p.lists)*24 + cap(p.keys)*8 + len(p.index.slots)*12 + len(p.uni)*4
}

// order returns the numbers of p's lists in shard order.
func (p *postings) order() []int32 {
	hashes := make([]uint32, len(p.keys))
	ord := make([]int32, len(p.keys))
	for i, k := range p.keys {
		hashes[i], ord[i] = keyHash(k), int32(i)
	}
	slices.SortFunc(ord, func(a, b int32) int {
		return cmp.Or(cmp.Compare(hashes[a], hashes[b]), cmp.Compare(p.keys[a], p.keys[b]))
	})
	return ord
}

// raw appends the bytes of l (its interleaved varints) to b.
func (p *postings) raw(b []byte, l *plist) []byte {
	for c := l.head; ; {
		ch := p.arena.chunk(c)
		if c == l.tail {
			return append(b, ch[:l.fill]...)
		}
		b = append(b, ch[:chunkData]...)
		c = binary.LittleEndian.Uint32(ch[chunkData:])
	}
}

// decodeRaw decodes the interleaved varints of a list (gap, tf-1, mask)
// into its three columns.
func decodeRaw(b []byte, cols *[3][]uint64) error {
	for i := range cols {
		cols[i] = cols[i][:0]
	}
	for col := 0; len(b) > 0; col = (col + 1) % 3 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return errors.New("search index spill: bad varint")
		}
		cols[col] = append(cols[col], v)
		b = b[n:]
	}
	if len(cols[0]) != len(cols[2]) {
		return errors.New("search index spill: a posting is cut short")
	}
	return nil
}

// spill is the temporary file of a build's runs and entries, written in
// order through a buffer and read back by place.
type spill struct {
	f   *spillfile.File
	w   *bufio.Writer
	end int64 // bytes written, buffered or not
	err error // the first write error
}

func newSpill(dir string) (*spill, error) {
	f, err := spillfile.New(dir, "search-spill")
	if err != nil {
		return nil, err
	}
	return &spill{f: f, w: bufio.NewWriterSize(appender{f}, 1<<20)}, nil
}

// appender writes to the end of a spill file.
type appender struct{ f *spillfile.File }

func (a appender) Write(p []byte) (int, error) {
	if _, err := a.f.Append(p); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (s *spill) write(b []byte) {
	if s.err != nil {
		return
	}
	if _, err := s.w.Write(b); err != nil {
		s.err = err
	}
	s.end += int64(len(b))
}

// reader reads the bytes from from to to back.
func (s *spill) reader(from, to int64) (*bufio.Reader, error) {
	if s.err == nil {
		s.err = s.w.Flush()
	}
	if s.err != nil {
		return nil, fmt.Errorf("search index spill: %w", s.err)
	}
	return bufio.NewReaderSize(s.f.Section(from, to-from), 256<<10), nil
}

func (s *spill) close() { s.f.Close() }

// span is the place of a run or of the entries in the spill.
type span struct{ from, to int64 }

// spillRun writes the lists of p to s in shard order, each as its key
// (8 bytes), the length of its varints and the varints, and returns their
// place.
func spillRun(s *spill, p *postings) span {
	sp := span{from: s.end}
	var head, raw []byte
	for _, i := range p.order() {
		raw = p.raw(raw[:0], &p.lists[i])
		head = binary.LittleEndian.AppendUint64(head[:0], uint64(p.keys[i]))
		head = binary.AppendUvarint(head, uint64(len(raw)))
		s.write(head)
		s.write(raw)
	}
	sp.to = s.end
	return sp
}

// source yields the lists of one run in shard order.
type source struct {
	h   uint32
	k   key
	raw []byte
	ok  bool
	// a spilled run
	r *bufio.Reader
	// the run in memory
	p   *postings
	ord []int32
}

func (s *source) next() error {
	if s.p != nil {
		if len(s.ord) == 0 {
			s.ok = false
			return nil
		}
		i := s.ord[0]
		s.ord = s.ord[1:]
		s.k, s.raw, s.ok = s.p.keys[i], s.p.raw(s.raw[:0], &s.p.lists[i]), true
		s.h = keyHash(s.k)
		return nil
	}
	var kb [8]byte
	if _, err := io.ReadFull(s.r, kb[:]); err != nil {
		s.ok = false
		if err == io.EOF {
			return nil
		}
		return fmt.Errorf("search index spill: %w", err)
	}
	n, err := binary.ReadUvarint(s.r)
	if err != nil || n > 1<<32 {
		return fmt.Errorf("search index spill: bad list length")
	}
	if uint64(cap(s.raw)) < n {
		s.raw = make([]byte, n)
	}
	s.raw = s.raw[:n]
	if _, err := io.ReadFull(s.r, s.raw); err != nil {
		return fmt.Errorf("search index spill: %w", err)
	}
	s.k = key(binary.LittleEndian.Uint64(kb[:]))
	s.h, s.ok = keyHash(s.k), true
	return nil
}

// mergeRuns merges the runs (in report order) token by token, in shard
// order. Each token's postings of the reports before from are encoded as
// its main entry and written to sp; those from from on become its tail
// entry, returned. It returns the place of the main entries and their
// total size.
func mergeRuns(runs []*source, from int, sp *spill) (entries span, total int, tail []entry, err error) {
	for _, r := range runs {
		if err := r.next(); err != nil {
			return span{}, 0, nil, err
		}
	}
	entries.from = sp.end
	var cols, part, rest [3][]uint64
	var out []byte
	for {
		var min *source
		for _, r := range runs {
			if r.ok && (min == nil || before(r.h, r.k, min.h, min.k)) {
				min = r
			}
		}
		if min == nil {
			break
		}
		h, k := min.h, min.k
		for i := range cols {
			cols[i] = cols[i][:0]
		}
		last := -1
		for _, r := range runs {
			if !r.ok || r.h != h || r.k != k {
				continue
			}
			if err := decodeRaw(r.raw, &part); err != nil {
				return span{}, 0, nil, err
			}
			// A run's first gap counts from the start of the run's list,
			// which is from report -1: make it count from the last report
			// of the runs before.
			if len(part[0]) > 0 {
				part[0][0] -= uint64(last + 1)
			}
			for _, g := range part[0] {
				last += int(g) + 1
			}
			for i := range cols {
				cols[i] = append(cols[i], part[i]...)
			}
			if err := r.next(); err != nil {
				return span{}, 0, nil, err
			}
		}
		tok := k.String()
		if splitColumns(&cols, &rest, from) {
			tail = append(tail, entry{tok: tok, h: h, data: appendEntry(nil, tok, &rest)})
		}
		if len(cols[0]) > 0 {
			out = binary.LittleEndian.AppendUint64(out[:0], uint64(k))
			data := appendEntry(nil, tok, &cols)
			out = binary.AppendUvarint(out, uint64(len(data)))
			sp.write(out)
			sp.write(data)
			total += entry{data: data}.size()
		}
	}
	entries.to = sp.end
	return entries, total, tail, sp.err
}

// readEntries calls f with each entry written by mergeRuns at sp's place
// e, in order; the entry's data is f's to keep.
func readEntries(sp *spill, e span, f func(entry)) error {
	r, err := sp.reader(e.from, e.to)
	if err != nil {
		return err
	}
	var kb [8]byte
	for {
		if _, err := io.ReadFull(r, kb[:]); err != nil {
			if err == io.EOF {
				return nil
			}
			return fmt.Errorf("search index spill: %w", err)
		}
		n, err := binary.ReadUvarint(r)
		if err != nil || n > 1<<32 {
			return fmt.Errorf("search index spill: bad entry length")
		}
		data := make([]byte, n)
		if _, err := io.ReadFull(r, data); err != nil {
			return fmt.Errorf("search index spill: %w", err)
		}
		k := key(binary.LittleEndian.Uint64(kb[:]))
		f(entry{tok: k.String(), h: keyHash(k), data: data})
	}
}

// cutter puts entries, given in shard order, into shards shards files,
// each written as soon as its last entry is in; shards without entries
// are written too, empty.
type cutter struct {
	shards int
	path   func(int) string
	put    func(File)
	cur    int // the shard being filled
	group  []entry
}

func (c *cutter) add(e entry) {
	s := shardOfHash(e.h, c.shards)
	for c.cur < s {
		c.flush()
	}
	c.group = append(c.group, e)
}

func (c *cutter) flush() {
	c.put(File{Path: c.path(c.cur), Data: writeShard(c.group)})
	c.group = c.group[:0]
	c.cur++
}

// close writes the last shards.
func (c *cutter) close() {
	for c.cur < c.shards {
		c.flush()
	}
}

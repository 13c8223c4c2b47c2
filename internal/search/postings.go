package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync/atomic"

	"nianbao/internal/workers"
)

// A posting says that a token occurs in a report: how often (tf, over all
// fields) and where, as a mask of the heading bit (in the title, metadata
// or a section heading) and one bit per unit kind it occurs in. Postings
// are per report, not per section: at 20,000 reports a common bigram such as
// 法治 is in every report, and per-section postings would be five times the
// bytes of the first query. Which section to show is decided later, from
// the report's text (see verify.go).
//
// A token's postings are stored as three columns — doc gaps, tf-1 and masks —
// each a run of VLQ numbers, because gzip compresses a column of similar
// numbers far better than interleaved triples.
//
// While building, a list is a chain of chunks of interleaved binary
// varints (gap, tf-1, mask): appending touches one place in memory, never
// copies a growing slice, and gives the garbage collector nothing to scan.
// writeShards transposes it into the columns.
type plist struct {
	last       int32
	n          int32
	head, tail uint32 // chunk numbers in the arena
	fill       uint32 // bytes used in the tail chunk
}

type postings struct {
	uni   []uint32 // BMP unigram → 1 + position in lists, without hashing
	index table    // other tokens → 1 + position in lists
	keys  []key    // token of each list
	lists []plist  // in order of first occurrence
	arena arena
}

func newPostings() *postings {
	return &postings{uni: make([]uint32, 0x10000), index: newTable(16)}
}

// arena holds posting bytes in chunks of chunkSize bytes: chunkData bytes
// of data, then the number of the next chunk.
type arena struct {
	blocks [][]byte
	n      uint32 // chunks handed out; chunk 0 is never used
}

const (
	chunkSize  = 32
	chunkData  = chunkSize - 4
	blockBits  = 15 // chunks per block: 1 MiB blocks
	blockMask  = 1<<blockBits - 1
	blockBytes = chunkSize << blockBits
)

func (a *arena) chunk(c uint32) []byte {
	off := int(c&blockMask) * chunkSize
	return a.blocks[c>>blockBits][off : off+chunkSize]
}

func (a *arena) alloc() uint32 {
	if a.n == 0 {
		a.n = 1
	}
	c := a.n
	a.n++
	if int(c>>blockBits) >= len(a.blocks) {
		a.blocks = append(a.blocks, make([]byte, blockBytes))
	}
	return c
}

// appendUvarint appends v to l in the binary varint format.
func (p *postings) appendUvarint(l *plist, v uint64) {
	for {
		b := byte(v & 0x7f)
		v >>= 7
		if v != 0 {
			b |= 0x80
		}
		if l.fill == chunkData {
			c := p.arena.alloc()
			binary.LittleEndian.PutUint32(p.arena.chunk(l.tail)[chunkData:], c)
			l.tail, l.fill = c, 0
		}
		p.arena.chunk(l.tail)[l.fill] = b
		l.fill++
		if v == 0 {
			return
		}
	}
}

// columns decodes the varints of l into its three columns.
func (p *postings) columns(l *plist, cols *[3][]uint64) {
	for i := range cols {
		cols[i] = cols[i][:0]
	}
	var v uint64
	var shift uint
	col := 0
	for c := l.head; ; {
		ch := p.arena.chunk(c)
		n := chunkData
		if c == l.tail {
			n = int(l.fill)
		}
		for _, b := range ch[:n] {
			v |= uint64(b&0x7f) << shift
			if b < 0x80 {
				cols[col] = append(cols[col], v)
				v, shift = 0, 0
				if col++; col == 3 {
					col = 0
				}
				continue
			}
			shift += 7
		}
		if c == l.tail {
			return
		}
		c = binary.LittleEndian.Uint32(ch[chunkData:])
	}
}

// add appends a report's occurrence of k to its posting list.
func (p *postings) add(doc int32, o occ) {
	var ix *uint32
	if o.k < 0x10000 { // kindUni is 0: a unigram of the BMP
		ix = &p.uni[o.k]
	} else {
		ix = p.index.at(o.k)
	}
	if *ix == 0 {
		c := p.arena.alloc()
		p.lists = append(p.lists, plist{last: -1, head: c, tail: c})
		p.keys = append(p.keys, o.k)
		*ix = uint32(len(p.lists))
	}
	l := &p.lists[*ix-1]
	gap, tf, mask := uint64(doc-l.last-1), uint64(o.v>>8-1), uint64(o.v&0xff)
	if gap|tf|mask < 0x80 && l.fill+3 <= chunkData {
		// Most postings are three one-byte numbers.
		ch := p.arena.chunk(l.tail)
		ch[l.fill], ch[l.fill+1], ch[l.fill+2] = byte(gap), byte(tf), byte(mask)
		l.fill += 3
	} else {
		p.appendUvarint(l, gap)
		p.appendUvarint(l, tf)
		p.appendUvarint(l, mask)
	}
	l.last = doc
	l.n++
}

// table is an open-addressing hash table from keys to uint32 values. The
// index builder spends most of its time counting tokens; a Go map needs a
// lookup and an assignment per occurrence where this needs one probe, and
// holds no pointers for the garbage collector to scan.
type table struct {
	slots []slot
	used  []int32 // occupied slots, to clear and iterate in insertion order
	bits  uint
}

// slot keeps a key next to its value: one cache miss per probe, not two.
type slot struct {
	k key // 0 marks an empty slot: uniKey(0) never occurs (U+0000 folds to a space)
	v uint32
}

func newTable(bits uint) table {
	return table{slots: make([]slot, 1<<bits), bits: bits}
}

// at returns the value of k, inserting a zero value if k is absent.
func (t *table) at(k key) *uint32 {
	if 2*len(t.used) >= len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	i := (uint64(k) * 0x9e3779b97f4a7c15) >> (64 - t.bits)
	for {
		s := &t.slots[i]
		switch s.k {
		case k:
			return &s.v
		case 0:
			s.k = k
			t.used = append(t.used, int32(i))
			return &s.v
		}
		i = (i + 1) & mask
	}
}

func (t *table) grow() {
	old := *t
	*t = newTable(old.bits + 1)
	t.used = make([]int32, 0, 2*len(old.used))
	for _, i := range old.used {
		*t.at(old.slots[i].k) = old.slots[i].v
	}
}

// reset empties the table, touching only the used slots.
func (t *table) reset() {
	for _, i := range t.used {
		t.slots[i] = slot{}
	}
	t.used = t.used[:0]
}

// occ is a token's count and mask within one report, packed tf<<8 | mask.
type occ struct {
	k key
	v uint32
}

// counter counts the tokens of one report; a worker reuses it.
type counter struct {
	uni     []uint32 // BMP unigrams, indexed by code point
	uniUsed []uint16
	t       table
	buf     []rune
}

func newCounter() *counter {
	return &counter{uni: make([]uint32, 0x10000), t: newTable(13)}
}

func (c *counter) count(k key, mask uint32) {
	var v *uint32
	if k < 0x10000 {
		v = &c.uni[k]
		if *v == 0 {
			c.uniUsed = append(c.uniUsed, uint16(k))
		}
	} else {
		v = c.t.at(k)
	}
	*v = bump(*v, mask)
}

// countStream counts the tokens of a stream. It is eachToken unrolled,
// with the counting inlined: the calls per token cost a third of the build
// time. TestCounterMatchesTokens keeps the two in step.
func (c *counter) countStream(s []rune, mask uint32) {
	run := 0
	for i, r := range s {
		if r < 0x10000 {
			v := &c.uni[r]
			if *v == 0 {
				c.uniUsed = append(c.uniUsed, uint16(r))
			}
			*v = bump(*v, mask)
		} else {
			c.count(uniKey(r), mask)
		}
		if i+1 < len(s) {
			k := biKey(r, s[i+1])
			t := &c.t
			if 2*len(t.used) >= len(t.slots) {
				t.grow()
			}
			m := uint64(len(t.slots) - 1)
			for j := (uint64(k) * 0x9e3779b97f4a7c15) >> (64 - t.bits); ; j = (j + 1) & m {
				sl := &t.slots[j]
				if sl.k == k {
					sl.v = bump(sl.v, mask)
					break
				}
				if sl.k == 0 {
					sl.k = k
					sl.v = bump(0, mask)
					t.used = append(t.used, int32(j))
					break
				}
			}
		}
		if !isASCIIAlnum(r) {
			run = 0
			continue
		}
		run++
		for n := 3; n <= asciiMax && n <= run; n++ {
			c.count(asciiKey(s[i+1-n:i+1]), mask)
		}
	}
}

// bump adds one occurrence with mask to a packed tf<<8 | mask value.
func bump(v, mask uint32) uint32 {
	if v>>8 < 1<<24-1 {
		v += 1 << 8
	}
	return v | mask
}

// tokenize counts the tokens of one doc and appends them to out, unigrams
// first; it also returns the doc's length in indexed code points.
func (c *counter) tokenize(d *Doc, out []occ) ([]occ, int) {
	return c.tokenizeUnits(units(d), out)
}

// tokenizeUnits is tokenize over the units of a doc.
func (c *counter) tokenizeUnits(us []unit, out []occ) ([]occ, int) {
	for _, r := range c.uniUsed {
		c.uni[r] = 0
	}
	c.uniUsed = c.uniUsed[:0]
	c.t.reset()
	length := 0
	add := func(s string, mask uint32) {
		c.buf = c.buf[:0]
		for _, r := range s {
			if f := fold(r); f != ' ' {
				c.buf = append(c.buf, f)
			}
		}
		length += len(c.buf)
		c.countStream(c.buf, mask)
	}
	for _, u := range us {
		bit := uint32(2) << uint(u.kind)
		for _, h := range u.heads {
			add(h, bit|headingBit)
		}
		add(u.body, bit)
	}
	if n := len(c.uniUsed) + len(c.t.used); cap(out) < n {
		out = make([]occ, 0, n+n/4)
	}
	for _, r := range c.uniUsed {
		out = append(out, occ{key(r), c.uni[r]})
	}
	for _, i := range c.t.used {
		out = append(out, occ{c.t.slots[i].k, c.t.slots[i].v})
	}
	return out, length
}

// collect reads and tokenizes the docs in parallel, batch by batch, and
// writes each one's d/N.json, while one goroutine appends each batch to
// the postings in doc order (doc order is what makes the gaps small and the
// output deterministic). Batch buffers are recycled: a fresh slice per
// report would be a gigabyte of garbage at 20,000 reports. Only a batch's
// text is in memory at a time.
func collect(in *input) (*runs, []int, []File, error) {
	const batch = 128
	docs := in.docs
	type result struct {
		occs  [][]occ
		start int
	}
	lengths := make([]int, len(docs))
	var contents []File
	if in.emit == nil {
		contents = make([]File, len(docs))
	}
	errs := make([]error, len(docs))
	ch := make(chan result, 1)
	free := make(chan [][]occ, 3)
	for i := 0; i < cap(free); i++ {
		free <- make([][]occ, batch)
	}
	go func() {
		counters := make([]*counter, runtime.GOMAXPROCS(0))
		for w := range counters {
			counters[w] = newCounter()
		}
		for start := 0; start < len(docs); start += batch {
			end := min(start+batch, len(docs))
			res := result{occs: (<-free)[:end-start], start: start}
			// Each goroutine of the batch takes one of the counters,
			// which keep their tables from one batch to the next.
			var taken atomic.Int32
			take := func() *counter { return counters[taken.Add(1)-1] }
			workers.EachWith(end-start, len(counters), take, func(c *counter, j int) {
				i := start + j
				d, err := in.doc(i)
				if err != nil {
					errs[i] = err
					res.occs[j] = res.occs[j][:0]
					return
				}
				res.occs[j], lengths[i] = c.tokenize(&d, res.occs[j][:0])
				f := File{Path: contentPath(i), Data: writeContent(&d)}
				if in.emit != nil {
					in.emit(f)
				} else {
					contents[i] = f
				}
			})
			ch <- res
		}
		close(ch)
	}()
	rs := &runs{p: newPostings(), dir: in.spillDir}
	for res := range ch {
		for j, occs := range res.occs {
			for _, o := range occs {
				rs.p.add(int32(res.start+j), o)
			}
		}
		free <- res.occs[:cap(res.occs)]
		if rs.p.size() >= in.runBytes {
			rs.spill()
		}
	}
	if err := errors.Join(errs...); err != nil {
		rs.close()
		return nil, nil, nil, fmt.Errorf("build search index: %w", err)
	}
	return rs, lengths, contents, nil
}

// runs are the postings collect gathered: the full runs in the spill, and
// the last run in memory.
type runs struct {
	p      *postings // the run being filled
	dir    string    // where to make the spill
	sp     *spill    // nil while nothing is spilled
	spans  []span    // the spilled runs, in report order
	failed bool      // no spill could be made: every run stays in memory
}

// spill writes the run in memory to the spill and starts the next one.
func (rs *runs) spill() {
	if rs.failed {
		return
	}
	if rs.sp == nil {
		sp, err := newSpill(rs.dir)
		if err != nil {
			// Build as before, in memory: a huge site may then need
			// more memory, but no site is refused for want of a
			// temporary file.
			rs.failed = true
			return
		}
		rs.sp = sp
	}
	rs.spans = append(rs.spans, spillRun(rs.sp, rs.p))
	rs.p = newPostings()
}

func (rs *runs) close() {
	if rs.sp != nil {
		rs.sp.close()
	}
}

// writeShards groups the posting lists into shard files by token hash:
// the postings of reports before from into the main shards s/N.json, the
// others into the tail shards t/N.json (see baseDocs), each passed to put
// as it is made. It returns their counts and the total size of the main
// shards' entries, from which their count follows (shardCount): the index
// of a small site is one or two files and that of 20,000 reports a few
// thousand.
func writeShards(rs *runs, shardBytes, from int, put func(File)) (shards, tails, total int, err error) {
	defer rs.close()
	var tail []entry
	if rs.sp == nil {
		var main []entry
		main, tail = encodeEntries(rs.p, from)
		var base []File
		base, total = groupShards(main, shardBytes, shardPath)
		for _, f := range base {
			put(f)
		}
		shards = len(base)
	} else {
		srcs := make([]*source, 0, len(rs.spans)+1)
		for _, s := range rs.spans {
			r, err := rs.sp.reader(s.from, s.to)
			if err != nil {
				return 0, 0, 0, err
			}
			srcs = append(srcs, &source{r: r})
		}
		srcs = append(srcs, &source{p: rs.p, ord: rs.p.order()})
		var e span
		if e, total, tail, err = mergeRuns(srcs, from, rs.sp); err != nil {
			return 0, 0, 0, err
		}
		rs.p = nil // merged: let the last run go before the shards are cut
		if total > 0 {
			shards = shardCount(total, shardBytes)
			c := cutter{shards: shards, path: shardPath, put: put}
			if err := readEntries(rs.sp, e, c.add); err != nil {
				return 0, 0, 0, err
			}
			c.close()
		}
	}
	if shards == 0 { // an empty index still has its one shard, "{}"
		put(File{Path: shardPath(0), Data: writeShard(nil)})
		shards = 1
	}
	tailFiles, _ := groupShards(tail, tailShardBytes(shardBytes), tailPath)
	for _, f := range tailFiles {
		put(f)
	}
	return shards, len(tailFiles), total, nil
}

// encodeEntries encodes the posting lists of p as shard entries, those of
// reports before from in main and the others in tail; an entry without
// postings has no data. The lists are freed.
func encodeEntries(p *postings, from int) (main, tail []entry) {
	main = make([]entry, len(p.lists))
	tail = make([]entry, len(p.lists))
	type columns struct{ cols, rest [3][]uint64 } // reused by one goroutine
	workers.EachWith(len(p.lists), runtime.GOMAXPROCS(0), func() *columns { return new(columns) }, func(c *columns, i int) {
		tok := p.keys[i].String()
		p.columns(&p.lists[i], &c.cols)
		if splitColumns(&c.cols, &c.rest, from) {
			tail[i] = entry{tok: tok, h: fnv32(tok), data: appendEntry(nil, tok, &c.rest)}
		}
		if len(c.cols[0]) > 0 {
			main[i] = entry{tok: tok, h: fnv32(tok), data: appendEntry(nil, tok, &c.cols)}
		}
	})
	p.arena, p.lists = arena{}, nil // encoded: let the memory go before the report files are written
	return main, tail
}

// splitColumns moves the postings of reports from from on out of cols into
// rest, whose first gap then counts from the start (the report number
// itself), as in a list of its own. It reports whether rest has any.
func splitColumns(cols, rest *[3][]uint64, from int) bool {
	id, k := -1, 0
	for ; k < len(cols[0]); k++ {
		next := id + 1 + int(cols[0][k])
		if next >= from {
			id = next
			break
		}
		id = next
	}
	for j := range rest {
		rest[j] = append(rest[j][:0], cols[j][min(k, len(cols[j])):]...)
		cols[j] = cols[j][:min(k, len(cols[j]))]
	}
	if len(rest[0]) == 0 {
		return false
	}
	rest[0][0] = uint64(id)
	return true
}

// groupShards puts the entries (those with data) into the shards their
// tokens hash to, as many as shardCount gives for their total size, and
// returns the shard files, named by path, with that total.
func groupShards(entries []entry, shardBytes int, path func(int) string) ([]File, int) {
	total := 0
	kept := entries[:0]
	for _, e := range entries {
		if e.data != nil {
			total += e.size()
			kept = append(kept, e)
		}
	}
	if total == 0 {
		return nil, 0
	}
	// Within one hash the order does not matter: writeShard sorts a
	// shard's tokens.
	sort.Slice(kept, func(i, j int) bool { return kept[i].h < kept[j].h })
	var files []File
	c := cutter{shards: shardCount(total, shardBytes), path: path, put: func(f File) { files = append(files, f) }}
	for _, e := range kept {
		c.add(e)
	}
	c.close()
	return files, total
}

// tailShardBytes is the target size of a tail shard: half a main shard's.
// A query fetches one of each per token, and the tail holds at most a
// block of reports, so smaller tail shards cost the first query less; but
// an addition rewrites every tail shard, a few hundred files at this size.
func tailShardBytes(shardBytes int) int { return max(shardBytes/2, 1) }

// entry is one token's postings as a shard holds them: "tok":"postings".
type entry struct {
	tok  string
	h    uint32 // fnv32(tok)
	data []byte
}

// size is what the entry adds to the total that decides the shard count.
func (e entry) size() int { return len(e.data) + 1 }

// appendEntry appends the shard entry of tok with the posting columns
// cols (doc gaps, tf-1, masks): the count, then each column, as VLQ.
func appendEntry(b []byte, tok string, cols *[3][]uint64) []byte {
	size := len(tok) + 8
	for _, col := range cols {
		for _, v := range col {
			size += vlqLen(v)
		}
	}
	if b == nil {
		b = make([]byte, 0, size)
	}
	b = appendJSONString(b, tok)
	b = append(b, ':', '"')
	b = appendVLQ(b, uint64(len(cols[0])))
	for _, col := range cols {
		for _, v := range col {
			b = appendVLQ(b, v)
		}
	}
	return append(b, '"')
}

// writeShard sorts the entries of one shard by token and joins them into
// a JSON object.
func writeShard(g []entry) []byte {
	sort.Slice(g, func(i, j int) bool { return g[i].tok < g[j].tok })
	size := 2
	for _, e := range g {
		size += e.size()
	}
	b := make([]byte, 0, size)
	b = append(b, '{')
	for i, e := range g {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, e.data...)
	}
	return append(b, '}')
}

// shardCount is the number of shards for entries of total bytes: the
// smallest step of a geometric series (eight steps per doubling) that keeps
// the mean shard within shardBytes. The steps keep the count, and so the
// shard of every token, the same while an index grows by one report (it
// changes about once in 2,000 additions at 20,000 reports), which is what
// lets an update rewrite only the shards of the new report's tokens.
func shardCount(total, shardBytes int) int {
	need := (total + shardBytes - 1) / shardBytes
	if need <= 1 {
		return 1
	}
	n := 1
	for k := 1; n < need; k++ {
		n = int(math.Ceil(math.Exp2(float64(k) / 8)))
	}
	return n
}

package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"nianbao/internal/workers"
)

// An update turns the index of the last build into the index of this one
// by rewriting only what differs, and must give exactly the bytes a full
// build would (TestUpdateMatchesBuild). Reports are numbered in index
// order (prepare): by the day the site took them in (Doc.Added), then
// oldest year first and by date. So a new one takes the next free number,
// whatever year it is about, and the reports before the first one that
// differs — the common prefix — keep their numbers and d/N.json.
//
// The postings are in two parts (baseDocs): the main shards s/N.json hold
// the reports of whole blocks of TailBlock reports, the tail shards
// t/N.json the few after the last whole block. A report added on a later
// day than the others lands in the tail and leaves the main shards as they
// were, so the update re-indexes the tail alone — at most a block of reports, a few
// hundred small files — however large the index. Only when the main part
// changes (a block fills up, or a report before the tail is added, changed
// or removed) are its shards patched: the postings of the reports from the
// first that differs (read back from the old d/N.json) are cut off, those
// of the new ones appended, and only the shards holding these tokens
// rewritten. A report corrected where it stands, the reports after it
// unchanged, is indexed alone (updateInPlace): its old postings are taken
// out of the lists of its tokens and its new ones put in (replaceEntry),
// so that correcting one of the first reports costs what correcting the
// last does. The main shard count must not change (shardCount moves in
// steps, so it rarely does), nor may many reports be renumbered;
// otherwise, or if anything of the previous index cannot be read, the
// index is built whole.

// Previous is an index built earlier, for BuildIndex to update.
type Previous struct {
	// State is Index.State of that build.
	State []byte
	// Load reads one of its files by path ("s/12.json").
	Load func(path string) ([]byte, error)
}

// minRenumbered is how many reports after the common prefix (renumbered,
// added or removed) an update handles whatever the size of the index;
// beyond it, up to an eighth of the reports: past that, reading back and
// rewriting nearly every shard costs as much as a full build.
const minRenumbered = 256

// state is what an update needs to know of the index it updates.
type state struct {
	shardBytes, tailBlock int
	shards, tail          int // main and tail shard counts
	total                 int // sum of the main shards' entry sizes, which decides their count
	docs                  []docState
}

// docState is one report of an index: its fingerprint and its length.
type docState struct {
	fp     [16]byte
	length int
}

const stateMagic = "nianbao search state 3\n"

func (s *state) encode() []byte {
	b := make([]byte, 0, len(stateMagic)+40+len(s.docs)*20)
	b = append(b, stateMagic...)
	for _, v := range []int{s.shardBytes, s.tailBlock, s.shards, s.tail, s.total, len(s.docs)} {
		b = binary.AppendUvarint(b, uint64(v))
	}
	for _, d := range s.docs {
		b = append(b, d.fp[:]...)
		b = binary.AppendUvarint(b, uint64(d.length))
	}
	return b
}

func decodeState(b []byte) (*state, error) {
	bad := errors.New("malformed state")
	if !bytes.HasPrefix(b, []byte(stateMagic)) {
		return nil, bad
	}
	b = b[len(stateMagic):]
	next := func() int {
		v, n := binary.Uvarint(b)
		if n <= 0 || v > 1<<40 {
			b = nil
			return -1
		}
		b = b[n:]
		return int(v)
	}
	s := &state{shardBytes: next(), tailBlock: next(), shards: next(), tail: next(), total: next()}
	n := next()
	if n < 0 || s.tailBlock < 1 || s.shards < 1 || s.tail < 0 || s.total < 0 || n > len(b)/17 {
		return nil, bad
	}
	s.docs = make([]docState, n)
	for i := range s.docs {
		if len(b) < 16 {
			return nil, bad
		}
		copy(s.docs[i].fp[:], b)
		b = b[16:]
		if s.docs[i].length = next(); s.docs[i].length < 0 {
			return nil, bad
		}
	}
	if len(b) != 0 {
		return nil, bad
	}
	return s, nil
}

// fingerprint identifies a doc with its version: the same fingerprint
// means the same d/N.json and postings at the same number. A doc without a
// version gets none (all zero), which matches nothing.
func fingerprint(d *Doc) [16]byte {
	var fp [16]byte
	if d.Version == "" {
		return fp
	}
	// The fields go into one buffer, hashed at once: on the stack for most
	// docs, where a Write per field allocated each field's bytes.
	var arr [512]byte
	buf := arr[:0]
	var year [20]byte
	for _, f := range [...]string{d.URL, d.Title, d.Province, d.City, d.County, d.Town, d.Code,
		d.Issuer, d.Signer, d.DocNumber, string(strconv.AppendInt(year[:0], int64(d.Year), 10)), d.Date, d.Version} {
		buf = binary.AppendUvarint(buf, uint64(len(f)))
		buf = append(buf, f...)
	}
	sum := sha256.Sum256(buf)
	copy(fp[:], sum[:])
	return fp
}

// posting is one report's occurrence of a token, as an update appends it.
type posting struct {
	doc      int
	tf, mask uint64
}

// update tries to update opt.Previous into the index of in. It returns
// the index, or nil and why the whole index must be built instead; an error
// is a problem of the input, which a full build would report too.
func update(in *input, opt Options) (*Index, string, error) {
	prev := opt.Previous
	st, err := decodeState(prev.State)
	if err != nil || prev.Load == nil {
		return nil, "no usable state of the previous index", nil
	}
	if st.shardBytes != opt.ShardBytes {
		return nil, "the shard size changed", nil
	}
	if st.tailBlock != opt.TailBlock {
		return nil, "the tail block size changed", nil
	}
	n := len(in.docs)
	fps := make([][16]byte, n)
	for i := range in.docs {
		fps[i] = fingerprint(&in.docs[i])
	}
	p := 0
	for p < n && p < len(st.docs) && fps[p] != [16]byte{} && fps[p] == st.docs[p].fp {
		p++
	}
	oldAfter, newAfter := len(st.docs)-p, n-p // reports after the common prefix, before and now
	if oldAfter+newAfter == 0 {
		// Nothing changed: the index stands as it is.
		return &Index{Paths: indexPaths(n, st.shards, st.tail), State: prev.State}, "", nil
	}
	if n == len(st.docs) {
		// Reports corrected where they stand, the others after them
		// unchanged: only the corrected ones are indexed again.
		if edited := editedDocs(fps, st, p); len(edited) < n-p {
			return updateInPlace(in, opt, st, fps, edited)
		}
	}
	if oldAfter+newAfter > max(minRenumbered, n/8) {
		return nil, fmt.Sprintf("%d reports to renumber", max(oldAfter, newAfter)), nil
	}
	// The main shards hold reports [0, oldBase) and will hold [0, newBase);
	// the first cut of them are the same reports.
	oldBase, newBase := baseDocs(len(st.docs), st.tailBlock), baseDocs(n, st.tailBlock)
	cut := min(p, oldBase, newBase)

	lengths := make([]int, n)
	for i := 0; i < min(p, n); i++ {
		lengths[i] = st.docs[i].length
	}
	docs := numbers(cut, n)
	contents, occs, err := tokenizeDocs(in, docs, lengths, func(d int) bool { return d >= p })
	if err != nil {
		return nil, "", err
	}
	adds, tails := splitPostings(occs, docs, newBase)

	files, total, why := patchMain(prev.Load, st, adds, numbers(cut, oldBase), func(e entry, adds []posting) (entry, bool, error) {
		return patchEntry(e, adds, cut)
	})
	if why != "" {
		return nil, why, nil
	}
	if shardCount(total, opt.ShardBytes) != st.shards {
		return nil, "the shard count changes", nil
	}
	tail := tailShards(tails, newBase, opt)
	files = append(append(files, tail...), contents...)
	return finish(in, prev, st, fps, lengths, files, total, newBase, len(tail), n-cut), "", nil
}

// tailShards makes the tail shards of the postings tails, of the reports
// from base on.
func tailShards(tails *postings, base int, opt Options) []File {
	_, entries := encodeEntries(tails, base)
	tail, _ := groupShards(entries, tailShardBytes(opt.ShardBytes), tailPath)
	return tail
}

// finish makes an update's index from the files it made (main and tail
// shards, report files): with meta.json and regions.json, those that
// differ from the previous index's, and the state to keep, that of base
// reports in the main shards, of the given total, and tail tail shards.
func finish(in *input, prev *Previous, st *state, fps [][16]byte, lengths []int, files []File, total, base, tail, indexed int) *Index {
	n := len(in.docs)
	next := &state{shardBytes: st.shardBytes, tailBlock: st.tailBlock, shards: st.shards, tail: tail, total: total, docs: make([]docState, n)}
	for i := range next.docs {
		next.docs[i] = docState{fp: fps[i], length: lengths[i]}
	}
	files = append(files, File{Path: "meta.json", Data: writeMeta(in.docs, lengths, st.shards, base, tail)})
	files = append(files, File{Path: "regions.json", Data: writeRegions(in.docs)})
	files = changedFiles(files, prev.Load)
	return &Index{Files: files, Paths: indexPaths(n, st.shards, tail), State: next.encode(), Indexed: indexed}
}

// numbers lists the numbers from, up to but not including to.
func numbers(from, to int) []int {
	out := make([]int, 0, max(to-from, 0))
	for d := from; d < to; d++ {
		out = append(out, d)
	}
	return out
}

// tokenizeDocs reads and tokenizes reports docs, setting their lengths,
// and makes the d/N.json of those that written says are new or changed
// (the others' stand); the occurrences and files are in the order of docs.
func tokenizeDocs(in *input, docs []int, lengths []int, written func(d int) bool) (contents []File, occs [][]occ, err error) {
	contents = make([]File, len(docs))
	occs = make([][]occ, len(docs))
	errs := make([]error, len(docs))
	forEachDoc(len(docs), func(c *counter, j int) {
		d, err := in.doc(docs[j])
		if err != nil {
			errs[j] = err
			return
		}
		occs[j], lengths[docs[j]] = c.tokenize(&d, nil)
		if written(docs[j]) {
			contents[j] = File{Path: contentPath(docs[j]), Data: writeContent(&d)}
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, nil, fmt.Errorf("build search index: %w", err)
	}
	return contents, occs, nil
}

// splitPostings sorts the occurrences of reports docs (in increasing
// order) into what the main shards gain (reports before newBase) and the
// tail's postings.
func splitPostings(occs [][]occ, docs []int, newBase int) (adds map[string][]posting, tails *postings) {
	adds = map[string][]posting{}
	tails = newPostings()
	for j, list := range occs {
		d := docs[j]
		for _, o := range list {
			if d >= newBase {
				tails.add(int32(d), o)
				continue
			}
			tok := o.k.String()
			adds[tok] = append(adds[tok], posting{doc: d, tf: uint64(o.v>>8 - 1), mask: uint64(o.v & 0xff)})
		}
	}
	return adds, tails
}

// editedDocs lists the reports from p on whose fingerprints differ from
// those of the previous index at the same numbers.
func editedDocs(fps [][16]byte, st *state, p int) []int {
	var out []int
	for d := p; d < len(fps); d++ {
		if fps[d] == [16]byte{} || fps[d] != st.docs[d].fp {
			out = append(out, d)
		}
	}
	return out
}

// updateInPlace updates an index in which every report keeps its number
// and the reports edited changed: it indexes those alone and replaces
// their postings in the main shards of their tokens, old and new; the
// tail, a block at most, is made again when one of them is in it.
func updateInPlace(in *input, opt Options, st *state, fps [][16]byte, edited []int) (*Index, string, error) {
	n := len(in.docs)
	if len(edited) > max(minRenumbered, n/8) {
		return nil, fmt.Sprintf("%d reports changed", len(edited)), nil
	}
	base := baseDocs(n, st.tailBlock)
	main := edited
	for len(main) > 0 && main[len(main)-1] >= base {
		main = main[:len(main)-1]
	}
	docs := slices.Clone(main)
	tailEdited := len(main) < len(edited)
	if tailEdited {
		docs = append(docs, numbers(base, n)...)
	}
	lengths := make([]int, n)
	for i := range lengths {
		lengths[i] = st.docs[i].length
	}
	contents, occs, err := tokenizeDocs(in, docs, lengths, func(d int) bool {
		_, ok := slices.BinarySearch(edited, d)
		return ok
	})
	if err != nil {
		return nil, "", err
	}
	adds, tails := splitPostings(occs, docs, base)
	files, total, why := patchMain(opt.Previous.Load, st, adds, main, func(e entry, adds []posting) (entry, bool, error) {
		return replaceEntry(e, adds, edited)
	})
	if why != "" {
		return nil, why, nil
	}
	if shardCount(total, opt.ShardBytes) != st.shards {
		return nil, "the shard count changes", nil
	}
	tailCount := st.tail
	if tailEdited {
		tail := tailShards(tails, base, opt)
		files = append(files, tail...)
		tailCount = len(tail)
	}
	files = append(files, contents...)
	return finish(in, opt.Previous, st, fps, lengths, files, total, base, tailCount, len(docs)), "", nil
}

// changedFiles keeps, sorted by path, only the files that differ from the
// previous index's, so that the caller need not compare; the main shards
// patchMain wrote are always kept.
func changedFiles(files []File, load func(string) ([]byte, error)) []File {
	kept := files[:0]
	for _, f := range files {
		if f.Data == nil {
			continue
		}
		if !strings.HasPrefix(f.Path, "s/") {
			if old, err := load(f.Path); err == nil && bytes.Equal(old, f.Data) {
				continue
			}
		}
		kept = append(kept, f)
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].Path < kept[j].Path })
	return kept
}

// patchMain patches the main shards: the postings of the reports old (of
// the previous index) are taken out and the postings adds put in, by
// patch, in the shards of their tokens. It returns the shards whose bytes
// change and the new total of their entries, or why the previous index
// cannot be patched.
func patchMain(load func(string) ([]byte, error), st *state, adds map[string][]posting, old []int, patch func(entry, []posting) (entry, bool, error)) ([]File, int, string) {
	// The tokens whose postings change: those of the reports taken out,
	// read back from their d/N.json, and those added.
	oldToks := make([][]occ, len(old))
	var loadErr error
	var mu sync.Mutex
	forEachDoc(len(old), func(c *counter, j int) {
		us, err := readUnits(load, old[j])
		if err != nil {
			mu.Lock()
			loadErr = err
			mu.Unlock()
			return
		}
		oldToks[j], _ = c.tokenizeUnits(us, nil)
	})
	if loadErr != nil {
		return nil, 0, fmt.Sprintf("the previous index cannot be read: %v", loadErr)
	}
	// A token whose postings taken out are the postings put in (a word a
	// corrected report had and still has, as often) keeps its entry as it
	// is: its shard need not be read.
	removed := map[string][]posting{}
	for j, list := range oldToks {
		for _, o := range list {
			tok := o.k.String()
			removed[tok] = append(removed[tok], posting{doc: old[j], tf: uint64(o.v>>8 - 1), mask: uint64(o.v & 0xff)})
		}
	}
	affected := map[string]bool{}
	for tok, ps := range adds {
		if !slices.Equal(ps, removed[tok]) {
			affected[tok] = true
		}
	}
	for tok, ps := range removed {
		if !slices.Equal(ps, adds[tok]) {
			affected[tok] = true
		}
	}
	byShard := map[int][]string{}
	for tok := range affected {
		s := shardOf(tok, st.shards)
		byShard[s] = append(byShard[s], tok)
	}
	shards := make([]int, 0, len(byShard))
	for s := range byShard {
		shards = append(shards, s)
	}
	sort.Ints(shards)

	files := make([]File, len(shards))
	deltas := make([]int, len(shards))
	serrs := make([]error, len(shards))
	forEach(len(shards), func(k int) {
		s := shards[k]
		data, err := load(shardPath(s))
		if err == nil {
			files[k].Data, deltas[k], err = patchShard(data, byShard[s], adds, patch)
			if err == nil && bytes.Equal(files[k].Data, data) {
				files[k].Data = nil // unchanged: dropped by the caller
			}
		}
		if err != nil {
			serrs[k] = fmt.Errorf("%s: %w", shardPath(s), err)
		}
		files[k].Path = shardPath(s)
	})
	if err := errors.Join(serrs...); err != nil {
		return nil, 0, fmt.Sprintf("the previous index cannot be read: %v", err)
	}
	total := st.total
	for _, d := range deltas {
		total += d
	}
	return files, total, ""
}

// forEach runs f(0..n-1) on one goroutine per CPU.
func forEach(n int, f func(i int)) { workers.Each(n, runtime.GOMAXPROCS(0), f) }

// forEachDoc is forEach with a token counter per goroutine.
func forEachDoc(n int, f func(c *counter, i int)) {
	workers.EachWith(n, runtime.GOMAXPROCS(0), newCounter, f)
}

// readUnits reads back the units of report doc from its d/N.json, which
// holds everything tokenize read: the title, the metadata values in
// order, and each section's title, kind and text.
func readUnits(load func(string) ([]byte, error), doc int) ([]unit, error) {
	data, err := load(contentPath(doc))
	if err != nil {
		return nil, err
	}
	var c struct {
		Title    string      `json:"title"`
		Meta     [][2]string `json:"meta"`
		Sections [][4]string `json:"sections"`
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", contentPath(doc), err)
	}
	if len(c.Sections) == 0 || c.Sections[0][2] != kinds()[kindLead] {
		return nil, fmt.Errorf("%s: no lead", contentPath(doc))
	}
	lead := unit{kind: kindLead, heads: []string{c.Title}, body: c.Sections[0][3]}
	for _, m := range c.Meta {
		lead.heads = append(lead.heads, m[1])
	}
	us := []unit{lead}
	for _, s := range c.Sections[1:] {
		k := kindIndex(s[2])
		if k <= kindLead {
			return nil, fmt.Errorf("%s: unknown kind %q", contentPath(doc), s[2])
		}
		us = append(us, unit{id: s[0], title: s[1], kind: k, heads: []string{s[1]}, body: s[3]})
	}
	return us, nil
}

// patchShard rewrites one shard: the entry of each of toks is patched
// with the postings adds gives it (patchEntry, replaceEntry); a token left
// with none is dropped. It returns the shard and how much its entries
// grew.
func patchShard(data []byte, toks []string, adds map[string][]posting, patch func(entry, []posting) (entry, bool, error)) ([]byte, int, error) {
	entries, err := parseShard(data)
	if err != nil {
		return nil, 0, err
	}
	want := make(map[string]bool, len(toks))
	for _, t := range toks {
		want[t] = true
	}
	delta := 0
	out := entries[:0]
	for _, e := range entries {
		if !want[e.tok] {
			out = append(out, e)
			continue
		}
		delete(want, e.tok)
		delta -= e.size()
		ne, ok, err := patch(e, adds[e.tok])
		if err != nil {
			return nil, 0, fmt.Errorf("token %q: %w", e.tok, err)
		}
		if ok {
			delta += ne.size()
			out = append(out, ne)
		}
	}
	for _, tok := range toks {
		if !want[tok] || len(adds[tok]) == 0 {
			continue // patched above, or nothing to add
		}
		var cols [3][]uint64
		last := -1
		for _, a := range adds[tok] {
			cols[0] = append(cols[0], uint64(a.doc-last-1))
			cols[1] = append(cols[1], a.tf)
			cols[2] = append(cols[2], a.mask)
			last = a.doc
		}
		ne := entry{tok: tok, h: fnv32(tok), data: appendEntry(nil, tok, &cols)}
		delta += ne.size()
		out = append(out, ne)
	}
	return writeShard(out), delta, nil
}

// patchEntry cuts the postings of e off before report cut and appends adds
// (in report order, all at or after cut). It splices the columns rather
// than decoding them: only the doc gaps are read, to find the cut and the
// last report kept. The bytes are those appendEntry writes for the same
// postings, the encoding being canonical.
func patchEntry(e entry, adds []posting, cut int) (entry, bool, error) {
	// e.data is "tok":"postings"; the postings hold no quote.
	open := bytes.LastIndexByte(e.data[:len(e.data)-1], '"')
	if open < 0 || e.data[len(e.data)-1] != '"' {
		return entry{}, false, errVLQ
	}
	v := string(e.data[open+1 : len(e.data)-1])
	r := vlqReader{s: v}
	n := int(r.next())
	if r.err != nil || n > len(v) {
		return entry{}, false, errVLQ
	}
	g0 := r.pos
	last, k := -1, 0
	for ; k < n; k++ {
		at := r.pos
		d := last + 1 + int(r.next())
		if r.err != nil {
			return entry{}, false, errVLQ
		}
		if d >= cut {
			r.pos = at
			break
		}
		last = d
	}
	gCut := r.pos
	r.skip(n - k)
	t0 := r.pos
	r.skip(k)
	tCut := r.pos
	r.skip(n - k)
	m0 := r.pos
	r.skip(k)
	mCut := r.pos
	r.skip(n - k)
	if r.err != nil || r.pos != len(v) {
		return entry{}, false, errVLQ
	}
	if k+len(adds) == 0 {
		return entry{}, false, nil
	}
	b := make([]byte, 0, open+1+len(v)+8*len(adds)+8)
	b = append(b, e.data[:open+1]...)
	b = appendVLQ(b, uint64(k+len(adds)))
	b = append(b, v[g0:gCut]...)
	for _, a := range adds {
		b = appendVLQ(b, uint64(a.doc-last-1))
		last = a.doc
	}
	b = append(b, v[t0:tCut]...)
	for _, a := range adds {
		b = appendVLQ(b, a.tf)
	}
	b = append(b, v[m0:mCut]...)
	for _, a := range adds {
		b = appendVLQ(b, a.mask)
	}
	return entry{tok: e.tok, h: e.h, data: append(b, '"')}, true, nil
}

// replaceEntry takes the postings of the reports edited (in increasing
// order) out of e and puts adds (in report order) in, each where its
// report number puts it. Like patchEntry it splices the columns: the
// values of the postings kept are copied as they are, and only the gap
// after a posting taken out or put in is written anew, so that a list of
// 20,000 reports costs one pass to read, not a decoding and an encoding.
// The bytes are those appendEntry writes for the same postings, the
// encoding being canonical.
func replaceEntry(e entry, adds []posting, edited []int) (entry, bool, error) {
	// e.data is "tok":"postings"; the postings hold no quote.
	open := bytes.LastIndexByte(e.data[:len(e.data)-1], '"')
	if open < 0 || e.data[len(e.data)-1] != '"' {
		return entry{}, false, errVLQ
	}
	// Read in place: a list of every report is tens of kilobytes, and
	// e.data is not written while v is read.
	raw := e.data[open+1 : len(e.data)-1]
	v := ""
	if len(raw) > 0 {
		v = unsafe.String(&raw[0], len(raw))
	}
	r := vlqReader{s: v}
	n := int(r.next())
	if r.err != nil || n > len(v) {
		return entry{}, false, errVLQ
	}
	// The gaps, copied in runs as they are read, but for the gap after a
	// change; the changes are noted for the other two columns: a posting
	// taken out, or adds put in before one.
	type change struct {
		at   int  // index of the posting in e
		out  bool // it is taken out
		from int  // else adds[from:to] go in before it
		to   int
	}
	var changes []change
	gaps := make([]byte, 0, len(v)+8*len(adds))
	run := r.pos // the start of the gaps not yet copied
	inLast, outLast, ai, ei := -1, -1, 0, 0
	for k := 0; k < n; k++ {
		start := r.pos
		gap := r.next()
		if r.err != nil || gap > 1<<31 {
			return entry{}, false, errVLQ
		}
		doc := inLast + 1 + int(gap)
		if ai < len(adds) && adds[ai].doc < doc {
			gaps, run = append(gaps, v[run:start]...), start
			from := ai
			for ; ai < len(adds) && adds[ai].doc < doc; ai++ {
				gaps = appendVLQ(gaps, uint64(adds[ai].doc-outLast-1))
				outLast = adds[ai].doc
			}
			changes = append(changes, change{at: k, from: from, to: ai})
		}
		for ei < len(edited) && edited[ei] < doc {
			ei++
		}
		if ei < len(edited) && edited[ei] == doc {
			gaps, run = append(gaps, v[run:start]...), r.pos
			changes = append(changes, change{at: k, out: true})
			inLast = doc
			continue
		}
		if outLast != inLast {
			gaps, run = append(gaps, v[run:start]...), r.pos
			gaps = appendVLQ(gaps, uint64(doc-outLast-1))
		}
		inLast, outLast = doc, doc
	}
	gaps = append(gaps, v[run:r.pos]...)
	tailFrom := ai
	for ; ai < len(adds); ai++ {
		gaps = appendVLQ(gaps, uint64(adds[ai].doc-outLast-1))
		outLast = adds[ai].doc
	}
	count := n + len(adds)
	for _, c := range changes {
		if c.out {
			count--
		}
	}
	if count == 0 {
		return entry{}, false, nil
	}
	b := make([]byte, 0, len(e.data)+16*len(adds)+8)
	b = append(b, e.data[:open+1]...)
	b = appendVLQ(b, uint64(count))
	b = append(b, gaps...)
	// The tf and mask columns: the values of e copied in runs but for
	// those taken out, the adds' put in where the gaps put them.
	for col := range 2 {
		k, run := 0, r.pos
		for _, c := range changes {
			r.skip(c.at - k)
			k = c.at
			b = append(b, v[run:r.pos]...)
			if c.out {
				r.skip(1)
				k++
			} else {
				for _, a := range adds[c.from:c.to] {
					b = appendVLQ(b, [2]uint64{a.tf, a.mask}[col])
				}
			}
			run = r.pos
		}
		r.skip(n - k)
		b = append(b, v[run:r.pos]...)
		for _, a := range adds[tailFrom:] {
			b = appendVLQ(b, [2]uint64{a.tf, a.mask}[col])
		}
	}
	if r.err != nil || r.pos != len(v) {
		return entry{}, false, errVLQ
	}
	return entry{tok: e.tok, h: e.h, data: append(b, '"')}, true, nil
}

// parseShard splits a shard file, {"tok":"postings",…} as writeShard
// makes it, into its entries.
func parseShard(data []byte) ([]entry, error) {
	bad := func(at int) error { return fmt.Errorf("malformed shard at byte %d", at) }
	if len(data) < 2 || data[0] != '{' || data[len(data)-1] != '}' {
		return nil, bad(0)
	}
	var out []entry
	i := 1
	if len(data) == 2 {
		return nil, nil
	}
	for {
		start := i
		if data[i] != '"' {
			return nil, bad(i)
		}
		esc := false
		j := i + 1
		for ; j < len(data) && data[j] != '"'; j++ {
			if data[j] == '\\' {
				esc = true
				j++
			}
		}
		if j >= len(data) {
			return nil, bad(i)
		}
		tok := string(data[i+1 : j])
		if esc {
			if err := json.Unmarshal(data[i:j+1], &tok); err != nil {
				return nil, bad(i)
			}
		}
		i = j + 1
		if i+1 >= len(data) || data[i] != ':' || data[i+1] != '"' {
			return nil, bad(i)
		}
		end := bytes.IndexByte(data[i+2:], '"')
		if end < 0 {
			return nil, bad(i)
		}
		i += 2 + end + 1
		out = append(out, entry{tok: tok, h: fnv32(tok), data: data[start:i]})
		if i >= len(data)-1 {
			return out, nil
		}
		if data[i] != ',' {
			return nil, bad(i)
		}
		i++
	}
}

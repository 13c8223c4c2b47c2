package cache

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"nianbao/internal/bincode"
	"nianbao/internal/content"
	"nianbao/internal/figures"
	"nianbao/internal/reuse"
)

// Parts are the rendered body of a report, minified once so that the
// pages showing it only copy it.
type Parts struct {
	TOC      []content.Heading
	Lead     string   // minified HTML of what comes before the first "##"
	Sections []string // minified HTML of each "##" section, sub-headings with IDs
}

// A Pack holds the rendered parts of every report (the minified HTML of
// its lead and sections, and its table of contents), written once when the
// report is parsed and read back by each page that shows it. Keeping them
// on disk rather than in memory keeps a build of a national site within a
// small machine's memory, and, kept in the cache directory, it spares an
// incremental build from parsing the reports it did not change but whose
// pages it renders again. The operating system's page cache makes the
// reads cheap.
type Pack struct {
	f    *os.File
	name string
	temp bool // removed by Close

	mu   sync.Mutex
	size int64
}

const packName = "parts"

// OpenPack opens the pack of the cache directory, empty when fresh says
// the index that points into it was not usable; without a cache directory
// it is a temporary file.
func OpenPack(cacheDir string, fresh bool) (*Pack, error) {
	if cacheDir == "" {
		f, err := os.CreateTemp("", "nianbao-parts-")
		if err != nil {
			return nil, fmt.Errorf("create parts file: %w", err)
		}
		return &Pack{f: f, name: f.Name(), temp: true}, nil
	}
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return nil, fmt.Errorf("create cache directory: %w", err)
	}
	name := filepath.Join(cacheDir, packName)
	flags := os.O_RDWR | os.O_CREATE
	if fresh {
		flags |= os.O_TRUNC
	}
	f, err := os.OpenFile(name, flags, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", name, err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &Pack{f: f, name: name, size: info.Size()}, nil
}

// Span locates a blob in the pack; N is 0 when there is none.
type Span struct{ Off, N int64 }

// Each blob starts with the SHA-256 of the content file it was made from,
// so that a blob is never handed out for other bytes.

// Put appends a report's parts and records where they are in e.
func (p *Pack) Put(e *Record, ps *Parts) error {
	size := 64 + len(ps.Lead) + 16*len(ps.TOC)
	for _, s := range ps.Sections {
		size += len(s) + 4
	}
	enc := &bincode.Encoder{B: make([]byte, 0, size)}
	enc.Bytes(e.Hash[:])
	encodeHeadings(enc, ps.TOC)
	enc.Str(ps.Lead)
	enc.Strs(ps.Sections)
	return p.append(enc.B, &e.PartsAt)
}

// PutText appends a report's plain text (one string per block, as the
// search index takes it) and records where it is in e.
func (p *Pack) PutText(e *Record, text []string) error {
	enc := &bincode.Encoder{}
	enc.Bytes(e.Hash[:])
	enc.Strs(text)
	return p.append(enc.B, &e.TextAt)
}

// PutFacts appends the figures of a report's text and records where they
// are in e: found once, when the report is parsed, they are read by its
// page, its town's and county's pages and the open data.
func (p *Pack) PutFacts(e *Record, facts []figures.Fact) error {
	enc := &bincode.Encoder{B: make([]byte, 0, 64+200*len(facts))}
	enc.Bytes(e.Hash[:])
	enc.Uint(uint64(len(facts)))
	sentence := ""
	for i := range facts {
		f := &facts[i]
		enc.Int(int64(f.Part))
		if i > 0 && f.Sentence == sentence {
			enc.Uint(0)
		} else {
			enc.Uint(1)
			enc.Str(f.Sentence)
			sentence = f.Sentence
		}
		for _, s := range [...]string{f.Clause, f.Written, f.Number, f.Qualifier, f.Unit} {
			putPiece(enc, sentence, s)
		}
		enc.Uint(math.Float64bits(f.Value))
		enc.Uint(math.Float64bits(f.High))
		enc.Str(f.Indicator)
		var flags uint64
		if f.Target {
			flags |= 1
		}
		if f.Rate {
			flags |= 2
		}
		if f.Once {
			flags |= 4
		}
		enc.Uint(flags)
	}
	return p.append(enc.B, &e.FactsAt)
}

// A fact's sentence is written once for the facts of one sentence, and
// each of its other words (clause, figure as written, number, qualifier,
// unit) as its place in the sentence when it is part of it, as it nearly
// always is: a report's facts take a third of the bytes, and the build
// reads them for several pages. putPiece writes s: 0 for "", 1 and s
// itself, or 2+offset and length in sentence.
func putPiece(enc *bincode.Encoder, sentence, s string) {
	if s == "" {
		enc.Uint(0)
		return
	}
	if i := strings.Index(sentence, s); i >= 0 {
		enc.Uint(uint64(2 + i))
		enc.Uint(uint64(len(s)))
		return
	}
	enc.Uint(1)
	enc.Str(s)
}

// getPiece reads what putPiece wrote: a part of sentence shares its bytes.
func getPiece(d *bincode.Decoder, sentence string) string {
	k := d.Uint()
	switch {
	case k == 0:
		return ""
	case k == 1:
		return d.Str()
	}
	n := d.Uint()
	if k-2 > uint64(len(sentence)) || n > uint64(len(sentence))-(k-2) {
		d.Corrupt()
		return ""
	}
	return sentence[k-2 : k-2+n]
}

// GetFacts reads the figures recorded in e that keep accepts, or all of
// them when keep is nil: a page that shows some of a report's figures
// holds only those.
func (p *Pack) GetFacts(e *Record, keep func(*figures.Fact) bool) ([]figures.Fact, error) {
	d, err := p.read(e, e.FactsAt)
	if err != nil {
		return nil, err
	}
	return decodeFacts(d, keep)
}

// decodeFacts reads what PutFacts wrote after the hash, the facts keep
// accepts (all for nil).
func decodeFacts(d *bincode.Decoder, keep func(*figures.Fact) bool) ([]figures.Fact, error) {
	n := d.Count()
	var facts []figures.Fact
	if keep == nil {
		facts = make([]figures.Fact, 0, n)
	}
	sentence := ""
	for i := range n {
		// Decoded in place: a fact of its own would escape to the heap,
		// handed to keep, once for each of half a million facts.
		facts = append(facts, figures.Fact{})
		f := &facts[len(facts)-1]
		f.Part = int(d.Int())
		switch d.Uint() {
		case 0:
			if i == 0 {
				return nil, bincode.ErrCorrupt
			}
		case 1:
			sentence = d.Str()
		default:
			return nil, bincode.ErrCorrupt
		}
		f.Sentence = sentence
		f.Clause, f.Written, f.Number, f.Qualifier, f.Unit = getPiece(d, sentence), getPiece(d, sentence), getPiece(d, sentence), getPiece(d, sentence), getPiece(d, sentence)
		if d.Err() != nil {
			return nil, d.Err()
		}
		f.Value, f.High = math.Float64frombits(d.Uint()), math.Float64frombits(d.Uint())
		f.Indicator = d.Str()
		flags := d.Uint()
		f.Target, f.Rate, f.Once = flags&1 != 0, flags&2 != 0, flags&4 != 0
		if keep != nil && !keep(f) {
			facts = facts[:len(facts)-1]
		}
	}
	return facts, d.Err()
}

// PutReuse appends a report's paragraphs as compared for reuse
// (internal/reuse) and records where they are in e.
func (p *Pack) PutReuse(e *Record, paras []reuse.Para) error {
	enc := &bincode.Encoder{B: make([]byte, 0, 64+64*len(paras))}
	enc.Bytes(e.Hash[:])
	enc.Uint(uint64(len(paras)))
	for i := range paras {
		q := &paras[i]
		enc.Int(int64(q.Part))
		enc.Int(int64(q.Index))
		enc.Int(int64(q.Runes))
		enc.Str(q.Lead)
		enc.Uint(uint64(len(q.Units)))
		for _, u := range q.Units {
			enc.Uint(u.Hash)
			enc.Int(int64(u.Runes))
		}
	}
	return p.append(enc.B, &e.ReuseAt)
}

// GetReuse reads the paragraphs recorded in e.
func (p *Pack) GetReuse(e *Record) ([]reuse.Para, error) {
	d, err := p.read(e, e.ReuseAt)
	if err != nil {
		return nil, err
	}
	paras := make([]reuse.Para, d.Count())
	for i := range paras {
		q := &paras[i]
		q.Part, q.Index, q.Runes = int32(d.Int()), int32(d.Int()), int32(d.Int())
		q.Lead = d.Str()
		if n := d.Count(); n > 0 {
			q.Units = make([]reuse.Unit, n)
			for k := range q.Units {
				q.Units[k] = reuse.Unit{Hash: d.Uint(), Runes: int32(d.Int())}
			}
		}
	}
	return paras, d.Err()
}

func (p *Pack) append(blob []byte, at *Span) error {
	p.mu.Lock()
	off := p.size
	p.size += int64(len(blob))
	p.mu.Unlock()
	if _, err := p.f.WriteAt(blob, off); err != nil {
		return fmt.Errorf("write %s: %w", p.name, err)
	}
	*at = Span{off, int64(len(blob))}
	return nil
}

var errNoBlob = errors.New("no such blob in the pack")

// read reads a blob of e's and checks that it was made from e's bytes.
func (p *Pack) read(e *Record, at Span) (*bincode.Decoder, error) {
	if at.N <= 0 || at.Off < 0 || at.Off+at.N > p.size {
		return nil, errNoBlob
	}
	buf := make([]byte, at.N)
	if _, err := p.f.ReadAt(buf, at.Off); err != nil {
		return nil, err
	}
	d := bincode.ViewDecoder(buf)
	if d.Str() != string(e.Hash[:]) {
		return nil, errNoBlob
	}
	return d, nil
}

// Get reads the parts recorded in e.
func (p *Pack) Get(e *Record) (*Parts, error) {
	d, err := p.read(e, e.PartsAt)
	if err != nil {
		return nil, err
	}
	ps := &Parts{TOC: decodeHeadings(d), Lead: d.Str(), Sections: d.Strs()}
	return ps, d.Err()
}

// GetText reads the plain text recorded in e.
func (p *Pack) GetText(e *Record) ([]string, error) {
	d, err := p.read(e, e.TextAt)
	if err != nil {
		return nil, err
	}
	text := d.Strs()
	return text, d.Err()
}

// Compact rewrites the pack with only the blobs of records when more than
// half of it is blobs of files that changed or went away since.
func (p *Pack) Compact(records []*Record) error {
	var live int64
	for _, e := range records {
		live += e.PartsAt.N + e.TextAt.N + e.FactsAt.N + e.ReuseAt.N
	}
	if p.temp || p.size <= 2*live+32<<20 {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(p.name), "."+packName+".tmp-")
	if err != nil {
		return err
	}
	var off int64
	move := func(at *Span) error {
		if at.N <= 0 {
			return nil
		}
		buf := make([]byte, at.N)
		if _, err := p.f.ReadAt(buf, at.Off); err != nil {
			*at = Span{} // that report is parsed again when needed
			return nil
		}
		if _, err := tmp.WriteAt(buf, off); err != nil {
			return err
		}
		*at = Span{off, at.N}
		off += at.N
		return nil
	}
	for _, e := range records {
		if err := errors.Join(move(&e.PartsAt), move(&e.TextAt), move(&e.FactsAt), move(&e.ReuseAt)); err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			return err
		}
	}
	if err := os.Rename(tmp.Name(), p.name); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	p.f.Close()
	p.f, p.size = tmp, off
	return nil
}

// Name is the pack's file, for messages.
func (p *Pack) Name() string { return p.name }

// Close closes the pack, removing it if it was temporary.
func (p *Pack) Close() {
	p.f.Close()
	if p.temp {
		os.Remove(p.name)
	}
}

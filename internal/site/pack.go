package site

import (
	"errors"
	"fmt"
	"nianbao/internal/bincode"
	"os"
	"path/filepath"
	"sync"
)

// A pack holds the rendered parts of every report (the minified HTML of
// its lead and sections, and its table of contents), written once when the
// report is parsed and read back by each page that shows it. Keeping them
// on disk rather than in memory keeps a build of a national site within a
// small machine's memory, and, kept in the cache directory, it spares an
// incremental build from parsing the reports it did not change but whose
// pages it renders again. The operating system's page cache makes the
// reads cheap.
type pack struct {
	f    *os.File
	name string
	temp bool // removed by close

	mu   sync.Mutex
	size int64
}

const packName = "parts"

// openPack opens the pack of the cache directory, empty when fresh says
// the index that points into it was not usable; without a cache directory
// it is a temporary file.
func openPack(cacheDir string, fresh bool) (*pack, error) {
	if cacheDir == "" {
		f, err := os.CreateTemp("", "nianbao-parts-")
		if err != nil {
			return nil, fmt.Errorf("create parts file: %w", err)
		}
		return &pack{f: f, name: f.Name(), temp: true}, nil
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
	return &pack{f: f, name: name, size: info.Size()}, nil
}

// span locates a blob in the pack; n is 0 when there is none.
type span struct{ off, n int64 }

// Each blob starts with the SHA-256 of the content file it was made from,
// so that a blob is never handed out for other bytes.

// put appends a report's parts and records where they are in e.
func (p *pack) put(e *entry, ps *parts) error {
	size := 64 + len(ps.lead) + 16*len(ps.toc)
	for _, s := range ps.sections {
		size += len(s) + 4
	}
	enc := &bincode.Encoder{B: make([]byte, 0, size)}
	enc.Bytes(e.hash[:])
	encodeHeadings(enc, ps.toc)
	enc.Str(ps.lead)
	enc.Strs(ps.sections)
	return p.append(enc.B, &e.partsAt)
}

// putText appends a report's plain text (see searchText) and records
// where it is in e.
func (p *pack) putText(e *entry, text []string) error {
	enc := &bincode.Encoder{}
	enc.Bytes(e.hash[:])
	enc.Strs(text)
	return p.append(enc.B, &e.textAt)
}

func (p *pack) append(blob []byte, at *span) error {
	p.mu.Lock()
	off := p.size
	p.size += int64(len(blob))
	p.mu.Unlock()
	if _, err := p.f.WriteAt(blob, off); err != nil {
		return fmt.Errorf("write %s: %w", p.name, err)
	}
	*at = span{off, int64(len(blob))}
	return nil
}

var errNoBlob = errors.New("no such blob in the pack")

// read reads a blob of e's and checks that it was made from e's bytes.
func (p *pack) read(e *entry, at span) (*bincode.Decoder, error) {
	if at.n <= 0 || at.off < 0 || at.off+at.n > p.size {
		return nil, errNoBlob
	}
	buf := make([]byte, at.n)
	if _, err := p.f.ReadAt(buf, at.off); err != nil {
		return nil, err
	}
	d := bincode.NewDecoder(bytesToString(buf))
	if d.Str() != string(e.hash[:]) {
		return nil, errNoBlob
	}
	return d, nil
}

// get reads the parts recorded in e.
func (p *pack) get(e *entry) (*parts, error) {
	d, err := p.read(e, e.partsAt)
	if err != nil {
		return nil, err
	}
	ps := &parts{toc: decodeHeadings(d), lead: d.Str(), sections: d.Strs()}
	return ps, d.Err()
}

// getText reads the plain text recorded in e.
func (p *pack) getText(e *entry) ([]string, error) {
	d, err := p.read(e, e.textAt)
	if err != nil {
		return nil, err
	}
	text := d.Strs()
	return text, d.Err()
}

// compact rewrites the pack with only the parts of entries when more than
// half of it is parts of files that changed or went away since.
func (p *pack) compact(entries []entry) error {
	var live int64
	for i := range entries {
		if entries[i].err == nil {
			live += entries[i].partsAt.n + entries[i].textAt.n
		}
	}
	if p.temp || p.size <= 2*live+32<<20 {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(p.name), "."+packName+".tmp-")
	if err != nil {
		return err
	}
	var off int64
	move := func(at *span) error {
		if at.n <= 0 {
			return nil
		}
		buf := make([]byte, at.n)
		if _, err := p.f.ReadAt(buf, at.off); err != nil {
			*at = span{} // that report is parsed again when needed
			return nil
		}
		if _, err := tmp.WriteAt(buf, off); err != nil {
			return err
		}
		*at = span{off, at.n}
		off += at.n
		return nil
	}
	for i := range entries {
		e := &entries[i]
		if e.err != nil {
			continue
		}
		if err := errors.Join(move(&e.partsAt), move(&e.textAt)); err != nil {
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

// close closes the pack, removing it if it was temporary.
func (p *pack) close() {
	p.f.Close()
	if p.temp {
		os.Remove(p.name)
	}
}

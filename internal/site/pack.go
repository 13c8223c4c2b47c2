package site

import (
	"errors"
	"fmt"
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

// put appends a report's parts and records where they are in e.
func (p *pack) put(e *entry, ps *parts) error {
	enc := &encoder{b: make([]byte, 0, 64+len(ps.lead)+16*len(ps.toc)+sectionBytes(ps))}
	enc.bytes(e.hash[:])
	encodeHeadings(enc, ps.toc)
	enc.str(ps.lead)
	enc.strs(ps.sections)
	p.mu.Lock()
	off := p.size
	p.size += int64(len(enc.b))
	p.mu.Unlock()
	if _, err := p.f.WriteAt(enc.b, off); err != nil {
		return fmt.Errorf("write %s: %w", p.name, err)
	}
	e.blobOff, e.blobLen = off, int64(len(enc.b))
	return nil
}

func sectionBytes(ps *parts) int {
	n := 0
	for _, s := range ps.sections {
		n += len(s) + 4
	}
	return n
}

var errNoBlob = errors.New("no parts in the pack")

// get reads the parts recorded in e, checking that they are the parts of
// its bytes.
func (p *pack) get(e *entry) (*parts, error) {
	if e.blobLen <= 0 || e.blobOff < 0 || e.blobOff+e.blobLen > p.size {
		return nil, errNoBlob
	}
	buf := make([]byte, e.blobLen)
	if _, err := p.f.ReadAt(buf, e.blobOff); err != nil {
		return nil, err
	}
	d := &decoder{s: string(buf)}
	if d.str() != string(e.hash[:]) {
		return nil, errNoBlob
	}
	ps := &parts{toc: decodeHeadings(d), lead: d.str(), sections: d.strs()}
	if d.err != nil {
		return nil, d.err
	}
	return ps, nil
}

// compact rewrites the pack with only the parts of entries when more than
// half of it is parts of files that changed or went away since.
func (p *pack) compact(entries []entry) error {
	var live int64
	for i := range entries {
		if entries[i].err == nil && entries[i].blobLen > 0 {
			live += entries[i].blobLen
		}
	}
	if p.temp || p.size <= 2*live+32<<20 {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(p.name), packName+".tmp-")
	if err != nil {
		return err
	}
	var off int64
	moved := make([]int64, len(entries))
	for i := range entries {
		e := &entries[i]
		moved[i] = -1
		if e.err != nil || e.blobLen <= 0 {
			continue
		}
		buf := make([]byte, e.blobLen)
		if _, err := p.f.ReadAt(buf, e.blobOff); err != nil {
			continue // that report is parsed again when needed
		}
		if _, err := tmp.WriteAt(buf, off); err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
			return err
		}
		moved[i] = off
		off += e.blobLen
	}
	if err := os.Rename(tmp.Name(), p.name); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	p.f.Close()
	p.f, p.size = tmp, off
	for i := range entries {
		if moved[i] >= 0 {
			entries[i].blobOff = moved[i]
		} else {
			entries[i].blobOff, entries[i].blobLen = -1, 0
		}
	}
	return nil
}

// close closes the pack, removing it if it was temporary.
func (p *pack) close() {
	p.f.Close()
	if p.temp {
		os.Remove(p.name)
	}
}

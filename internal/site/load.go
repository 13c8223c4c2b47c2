package site

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"

	"nianbao/internal/assets"
	"nianbao/internal/cache"
	"nianbao/internal/content"
	"nianbao/internal/diag"
	"nianbao/internal/figures"
	"nianbao/internal/filestamp"
	"nianbao/internal/reuse"
	"nianbao/internal/workers"
)

// entry is one content file: what the build cache keeps of it (the front
// matter, the headings and the lead) and, once needed, its rendered parts.
type entry struct {
	cache.Record

	err error

	// mem holds the rendered parts when the pack could not take them.
	mu  sync.Mutex
	mem *cache.Parts
}

// contentFile is a Markdown file found in the content tree.
type contentFile struct {
	name  string
	stamp filestamp.Stamp
}

// contentFiles lists the Markdown files of the content tree in lexical order.
// README files and names starting with "_" or "." are notes, not reports.
// ContentFiles lists the names of the report files of a content tree, as
// a build reads them, in lexical order.
func ContentFiles(fsys fs.FS) ([]string, error) {
	files, err := contentFiles(fsys)
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = f.name
	}
	return names, err
}

func contentFiles(fsys fs.FS) ([]contentFile, error) {
	var files []contentFile
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		base := d.Name()
		if p != "." && (strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || path.Ext(base) != ".md" || strings.EqualFold(base, "README.md") {
			return nil
		}
		f := contentFile{name: p}
		if info, err := d.Info(); err == nil {
			f.stamp = filestamp.Of(info)
		}
		files = append(files, f)
		return nil
	})
	return files, err
}

// loadContent reads every content file, count at a time. A file whose
// stamp (size, modification and change times, inode) matches the cache, or whose bytes hash to a
// cached entry, is taken from the cache; any other is parsed and rendered.
// Results keep the order of files.
func loadContent(fsys fs.FS, dir string, files []contentFile, idx *cache.Index, r *partRenderer, count int, progress func(int)) (entries []entry, parsed int) {
	entries = make([]entry, len(files))
	var n atomic.Int64
	workers.Each(len(files), count, func(i int) {
		defer progress(i)
		f := files[i]
		e := &entries[i]
		e.Name, e.Path, e.Stamp = f.name, path.Join(dir, f.name), f.stamp
		if old := idx.ByName(f.name); old != nil && old.Stamp.Known() && old.Stamp == f.stamp {
			e.fromCache(old)
			return
		}
		raw, err := fs.ReadFile(fsys, f.name)
		if err != nil {
			e.err = &content.Error{File: e.Path, Msg: fmt.Sprintf("读不出这个文件（%v）：请确认文件还在、可以打开，再构建一次", err)}
			return
		}
		e.Hash = sha256.Sum256(raw)
		e.Stamp.Size = int64(len(raw))
		if old := idx.ByHash(e.Hash); old != nil {
			e.fromCache(old)
			return
		}
		n.Add(1)
		var p *cache.Parts
		var text []string
		if err := diag.Contain(e.Path, func() (err error) {
			p, text, err = r.parse(&e.Record, raw)
			return err
		}); err != nil {
			e.err = err
			return
		}
		if err := r.pack.Put(&e.Record, p); err != nil {
			e.mem = p // keep them in memory
		}
		_ = r.pack.PutText(&e.Record, text) // searchTextOf makes it again if this fails
		_ = r.pack.PutFacts(&e.Record, findFacts(text))
		_ = r.pack.PutReuse(&e.Record, reuseSketch(&e.Meta, p))
	})
	return entries, int(n.Load())
}

// fromCache copies what the cache knows of a file with the same bytes.
func (e *entry) fromCache(old *cache.Record) {
	e.Hash = old.Hash
	e.Meta = old.Meta
	e.BodyLine = old.BodyLine
	e.Level1 = old.Level1
	e.Sections = old.Sections
	e.Lead = old.Lead
	e.PartsAt, e.TextAt, e.FactsAt, e.ReuseAt = old.PartsAt, old.TextAt, old.FactsAt, old.ReuseAt
}

// partRenderer parses content files and renders their bodies. It is safe
// for concurrent use.
type partRenderer struct {
	md     *content.Markdown
	min    *minify.M
	fs     fs.FS
	pack   *cache.Pack
	recent recentParts
}

// recentParts keeps the parts last read from the pack, decoded. The files
// of a town are made one after the other (jobs), and its report pages,
// comparisons by section kind, changes and plan pages read the parts of
// the same few reports over and over: at 20,000 reports, reading them
// again was 3.1 of the build's 30 GB of allocations. Two generations of
// at most recentKeep reports each: a report read in the older one moves
// to the newer, and the older is dropped whole when the newer is full.
// Parts are never changed once made, so the pages share them.
type recentParts struct {
	mu        sync.Mutex
	cur, prev map[*entry]*cache.Parts
}

// recentKeep is how many reports' parts a generation holds: more than a
// town's reports by far (pages of one town are made together), and a few
// megabytes at most.
const recentKeep = 128

func (c *recentParts) get(e *entry) *cache.Parts {
	c.mu.Lock()
	defer c.mu.Unlock()
	if p := c.cur[e]; p != nil {
		return p
	}
	p := c.prev[e]
	if p != nil {
		c.putLocked(e, p)
	}
	return p
}

func (c *recentParts) put(e *entry, p *cache.Parts) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.putLocked(e, p)
}

func (c *recentParts) putLocked(e *entry, p *cache.Parts) {
	if c.cur == nil || len(c.cur) >= recentKeep {
		c.prev, c.cur = c.cur, make(map[*entry]*cache.Parts, recentKeep)
	}
	c.cur[e] = p
}

// parse reads a content file's front matter and body, fills what the cache
// keeps of it, and returns its rendered parts and its text for the search
// index (searchText).
func (r *partRenderer) parse(e *cache.Record, raw []byte) (*cache.Parts, []string, error) {
	f, err := content.Parse(e.Path, raw)
	if err != nil {
		return nil, nil, err
	}
	doc, err := r.md.RenderParts(f.Body)
	if err != nil {
		return nil, nil, &content.Error{File: e.Path, Line: f.BodyLine, Msg: err.Error()}
	}
	e.Meta = f.Meta
	e.BodyLine = f.BodyLine
	e.Level1, e.Sections = nil, make([]content.Heading, len(doc.Sections))
	for _, h := range doc.TOC {
		if h.Level == 1 {
			e.Level1 = append(e.Level1, h)
		}
	}
	for i, s := range doc.Sections {
		e.Sections[i] = s.Heading
	}
	// A copy, so that the whole lead's text it was cut from is not held.
	e.Lead = strings.Clone(firstSentence(doc.LeadText, leadChars))
	p := &cache.Parts{TOC: doc.TOC, Sections: make([]string, len(doc.Sections))}
	if p.Lead, err = r.minify(e, f.BodyLine, doc.LeadHTML); err != nil {
		return nil, nil, err
	}
	for i, s := range doc.Sections {
		if p.Sections[i], err = r.minify(e, f.BodyLine+s.Line-1, s.HTML); err != nil {
			return nil, nil, err
		}
	}
	return p, searchText(doc), nil
}

func (r *partRenderer) minify(e *cache.Record, line int, html string) (string, error) {
	if html == "" {
		return "", nil
	}
	out, err := r.min.String(assets.HTML, html)
	if err != nil {
		return "", &content.Error{File: e.Path, Line: line, Msg: "minify: " + err.Error()}
	}
	return out, nil
}

// partsOf returns a report's rendered parts: from the pack, or else by
// parsing its file again.
func (r *partRenderer) partsOf(e *entry) (*cache.Parts, error) {
	if p := r.recent.get(e); p != nil {
		return p, nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if p, err := r.pack.Get(&e.Record); err == nil {
		r.recent.put(e, p)
		return p, nil
	}
	if e.mem != nil {
		return e.mem, nil
	}
	p, _, err := r.reparse(e)
	if err != nil {
		return nil, err
	}
	x := cache.Record{Path: e.Path, Hash: e.Hash}
	if r.pack.Put(&x, p) == nil {
		e.PartsAt = x.PartsAt
	} else {
		e.mem = p
	}
	return p, nil
}

// reparse parses a report's file again, for what the pack lost: its
// rendered parts and its search text. The file must still have the bytes
// the build read.
func (r *partRenderer) reparse(e *entry) (*cache.Parts, []string, error) {
	raw, err := fs.ReadFile(r.fs, e.Name)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", e.Path, err)
	}
	if sha256.Sum256(raw) != e.Hash {
		return nil, nil, fmt.Errorf("%s 在构建过程中被改动了：请再构建一次（go run ./cmd/build）", e.Path)
	}
	x := cache.Record{Path: e.Path, Hash: e.Hash}
	return r.parse(&x, raw)
}

// searchTextOf returns a report's plain text for the search index: from
// the pack, or else made again from its file.
func (r *partRenderer) searchTextOf(e *entry) ([]string, error) {
	return packed(e, r.pack.GetText, r.pack.PutText, func(x *cache.Record) *cache.Span { return &x.TextAt },
		func() ([]string, error) {
			_, text, err := r.reparse(e)
			return text, err
		})
}

// factsOf returns the figures of a report's text: from the pack, those
// keep accepts (all for nil), or else all of them, found again in its text.
func (r *partRenderer) factsOf(e *entry, keep func(*figures.Fact) bool) ([]figures.Fact, error) {
	get := func(x *cache.Record) ([]figures.Fact, error) { return r.pack.GetFacts(x, keep) }
	return packed(e, get, r.pack.PutFacts, func(x *cache.Record) *cache.Span { return &x.FactsAt },
		func() ([]figures.Fact, error) {
			text, err := r.searchTextOf(e)
			if err != nil {
				return nil, err
			}
			return findFacts(text), nil
		})
}

// reuseOf returns a report's paragraphs as compared for reuse: from the
// pack, or else made again from its parts.
func (r *partRenderer) reuseOf(e *entry) ([]reuse.Para, error) {
	return packed(e, r.pack.GetReuse, r.pack.PutReuse, func(x *cache.Record) *cache.Span { return &x.ReuseAt },
		func() ([]reuse.Para, error) {
			p, err := r.partsOf(e)
			if err != nil {
				return nil, err
			}
			return reuseSketch(&e.Meta, p), nil
		})
}

// packed returns one of a report's blobs in the pack: read by get, or else
// made by make and put back by put, which records where in the blob's span
// of a record (span picks it), copied to e for the next build's index.
func packed[T any](e *entry, get func(*cache.Record) (T, error), put func(*cache.Record, T) error,
	span func(*cache.Record) *cache.Span, make func() (T, error)) (T, error) {
	e.mu.Lock()
	v, err := get(&e.Record)
	e.mu.Unlock()
	if err == nil {
		return v, nil
	}
	if v, err = make(); err != nil {
		return v, err
	}
	x := cache.Record{Hash: e.Hash}
	if put(&x, v) == nil {
		e.mu.Lock()
		*span(&e.Record) = *span(&x)
		e.mu.Unlock()
	}
	return v, nil
}

// findFacts finds the figures of a report's plain text, part by part (the
// lead, then each section: searchText's order), and marks those whose
// figure is written once in the report. Every number with a unit in the
// text is a fact, so two facts written alike are the only way a figure is
// written twice (a text fragment matches whole words: 8场次 is not in
// 48场次).
func findFacts(text []string) []figures.Fact {
	if !withFeature(featureFigures) {
		return nil
	}
	var out []figures.Fact
	tax := figures.Default()
	for i, t := range text {
		out = append(out, tax.Extract(t, i)...)
	}
	seen := make(map[string]int, len(out))
	for i := range out {
		seen[out[i].Written]++
	}
	for i := range out {
		out[i].Once = seen[out[i].Written] == 1
	}
	return out
}

// raw reads a content file again, for the line of a problem in its front
// matter; nil when it cannot be read.
func (r *partRenderer) raw(e *entry) []byte {
	data, err := fs.ReadFile(r.fs, e.Name)
	if err != nil {
		return nil
	}
	return data
}

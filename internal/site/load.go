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
	"nianbao/internal/content"
	"nianbao/internal/filestamp"
	"nianbao/internal/workers"
)

// entry is one content file: what the build cache keeps of it (the front
// matter, the headings and the lead) and, once needed, its rendered parts.
type entry struct {
	name string // the path inside Config.Content
	path string // as shown in diagnostics, e.g. "content/cq/后叶镇-2024.md"
	// stamp is the file's when listed (filestamp): a file whose stamp is
	// the cached one is not read again. Zero when unknown or not to be trusted.
	stamp filestamp.Stamp
	hash  [32]byte

	meta     content.Meta
	bodyLine int
	// level1 are the body's level-1 headings (a problem); sections its "##" headings.
	level1, sections []content.Heading
	leadText         string

	// partsAt and textAt locate the rendered parts and the plain text in the
	// pack.
	partsAt, textAt span

	err error

	// mem holds the rendered parts when the pack could not take them.
	mu  sync.Mutex
	mem *parts
}

// parts are the rendered body of a report, minified once so that the
// pages showing it only copy it.
type parts struct {
	toc      []content.Heading
	lead     string   // minified HTML of what comes before the first "##"
	sections []string // minified HTML of each "##" section, sub-headings with IDs
}

// contentFile is a Markdown file found in the content tree.
type contentFile struct {
	name  string
	stamp filestamp.Stamp
}

// contentFiles lists the Markdown files of the content tree in lexical order.
// README files and names starting with "_" or "." are notes, not reports.
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
func loadContent(fsys fs.FS, dir string, files []contentFile, idx *index, r *partRenderer, count int) (entries []entry, parsed int) {
	entries = make([]entry, len(files))
	var n atomic.Int64
	workers.Each(len(files), count, func(i int) {
		f := files[i]
		e := &entries[i]
		e.name, e.path, e.stamp = f.name, path.Join(dir, f.name), f.stamp
		if old := idx.byName[f.name]; old != nil && old.stamp.Known() && old.stamp == f.stamp {
			e.fromCache(old)
			return
		}
		raw, err := fs.ReadFile(fsys, f.name)
		if err != nil {
			e.err = &content.Error{File: e.path, Msg: err.Error()}
			return
		}
		e.hash = sha256.Sum256(raw)
		e.stamp.Size = int64(len(raw))
		if old := idx.byHash[e.hash]; old != nil {
			e.fromCache(old)
			return
		}
		n.Add(1)
		p, err := r.parse(e, raw)
		if err != nil {
			e.err = err
			return
		}
		if err := r.pack.put(e, p); err != nil {
			e.mem = p // keep them in memory
		}
		_ = r.pack.putText(e, searchText(p)) // searchTextOf makes it again if this fails
	})
	return entries, int(n.Load())
}

// fromCache copies what the cache knows of a file with the same bytes.
func (e *entry) fromCache(old *entry) {
	e.hash = old.hash
	e.meta = old.meta
	e.bodyLine = old.bodyLine
	e.level1 = old.level1
	e.sections = old.sections
	e.leadText = old.leadText
	e.partsAt, e.textAt = old.partsAt, old.textAt
}

// partRenderer parses content files and renders their bodies. It is safe
// for concurrent use.
type partRenderer struct {
	md   *content.Markdown
	min  *minify.M
	fs   fs.FS
	pack *pack
}

// parse reads a content file's front matter and body, fills what the cache
// keeps of it, and returns its rendered parts.
func (r *partRenderer) parse(e *entry, raw []byte) (*parts, error) {
	f, err := content.Parse(e.path, raw)
	if err != nil {
		return nil, err
	}
	doc, err := r.md.RenderParts(f.Body)
	if err != nil {
		return nil, &content.Error{File: e.path, Line: f.BodyLine, Msg: err.Error()}
	}
	e.meta = f.Meta
	e.bodyLine = f.BodyLine
	e.level1, e.sections = nil, make([]content.Heading, len(doc.Sections))
	for _, h := range doc.TOC {
		if h.Level == 1 {
			e.level1 = append(e.level1, h)
		}
	}
	for i, s := range doc.Sections {
		e.sections[i] = s.Heading
	}
	e.leadText = doc.LeadText
	p := &parts{toc: doc.TOC, sections: make([]string, len(doc.Sections))}
	if p.lead, err = r.minify(e, f.BodyLine, doc.LeadHTML); err != nil {
		return nil, err
	}
	for i, s := range doc.Sections {
		if p.sections[i], err = r.minify(e, f.BodyLine+s.Line-1, s.HTML); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (r *partRenderer) minify(e *entry, line int, html string) (string, error) {
	if html == "" {
		return "", nil
	}
	out, err := r.min.String(assets.HTML, html)
	if err != nil {
		return "", &content.Error{File: e.path, Line: line, Msg: "minify: " + err.Error()}
	}
	return out, nil
}

// partsOf returns a report's rendered parts: from the pack, or else by
// parsing its file again.
func (r *partRenderer) partsOf(e *entry) (*parts, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if p, err := r.pack.get(e); err == nil {
		return p, nil
	}
	if e.mem != nil {
		return e.mem, nil
	}
	raw, err := fs.ReadFile(r.fs, e.name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", e.path, err)
	}
	if sha256.Sum256(raw) != e.hash {
		return nil, fmt.Errorf("%s: changed during the build; build again", e.path)
	}
	x := entry{path: e.path, hash: e.hash}
	p, err := r.parse(&x, raw)
	if err != nil {
		return nil, err
	}
	if r.pack.put(&x, p) == nil {
		e.partsAt = x.partsAt
	} else {
		e.mem = p
	}
	return p, nil
}

// searchTextOf returns a report's plain text for the search index: from
// the pack, or else made from its parts.
func (r *partRenderer) searchTextOf(e *entry) ([]string, error) {
	e.mu.Lock()
	text, err := r.pack.getText(e)
	e.mu.Unlock()
	if err == nil {
		return text, nil
	}
	p, err := r.partsOf(e)
	if err != nil {
		return nil, err
	}
	text = searchText(p)
	e.mu.Lock()
	x := entry{hash: e.hash}
	if r.pack.putText(&x, text) == nil {
		e.textAt = x.textAt
	}
	e.mu.Unlock()
	return text, nil
}

// raw reads a content file again, for the line of a problem in its front
// matter; nil when it cannot be read.
func (r *partRenderer) raw(e *entry) []byte {
	data, err := fs.ReadFile(r.fs, e.name)
	if err != nil {
		return nil
	}
	return data
}

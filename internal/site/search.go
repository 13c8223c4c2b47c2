package site

import (
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"nianbao/internal/content"
	"nianbao/internal/output"
	"nianbao/internal/search"
)

// dirSearchIndex is the directory of the search index under the site root;
// the search page's script reads it (see internal/search).
const dirSearchIndex = "search/index/"

// searchRunBytes bounds the search postings a build holds in memory
// (search.Options.RunBytes; 0, the default, but in tests).
var searchRunBytes = 0

// buildSearchIndex turns every report into a search document and builds
// the index files, kept in memory until render writes them beside the pages.
// The index is built from the same rendered sections the pages show, so a
// result's snippet is text the reader finds on the page. When the last
// build's output is updated in place, so is its index: only the reports
// added or changed since, and those numbered after them, are indexed again
// (see internal/search's update.go).
func (b *builder) buildSearchIndex() error {
	if b.cfg.NoSearch {
		return nil
	}
	if c := b.changes; c != nil && !c.all && len(c.towns) == 0 {
		// No report was added, removed or changed, and no place renamed:
		// the last build's index stands.
		b.keepSearch = true
		b.manifest.Search = b.old.Search
		return nil
	}
	reports := b.site.Reports
	docs := make([]search.Doc, len(reports))
	for i, r := range reports {
		docs[i] = searchHead(r)
	}
	opt := search.Options{
		// A full index of a large site waits in runs on disk, beside the
		// cache (or in the system's temporary directory without one).
		SpillDir: b.cfg.CacheDir,
		RunBytes: searchRunBytes,
		Sections: func(i int) ([]search.Section, error) {
			return b.searchSections(reports[i])
		},
		Emit: func(f search.File) {
			b.out.Send(output.Req{Idx: b.out.Add(), Kind: kindSearchIndex, Name: path.Join(dirSearchIndex, f.Path), Data: f.Data})
		},
	}
	if b.old != nil && len(b.old.Search) > 0 {
		dir := filepath.Join(b.cfg.Out, filepath.FromSlash(dirSearchIndex))
		opt.Previous = &search.Previous{State: b.old.Search, Load: func(p string) ([]byte, error) {
			return os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		}}
	}
	ix, err := search.BuildIndex(docs, opt)
	if err == nil && opt.Previous != nil && ix.Rebuilt == "" && !b.lastHas(ix) {
		// The manifest lacks a file the update would keep: build it whole.
		opt.Previous = nil
		ix, err = search.BuildIndex(docs, opt)
		if err == nil {
			ix.Rebuilt = "the last build's index is incomplete"
		}
	}
	if err != nil {
		// The problems of a report's text are reported by load; this is
		// anything else.
		return fmt.Errorf("search index: %w", err)
	}
	b.searchFiles, b.searchPaths = ix.Files, ix.Paths
	b.searchUpdated = opt.Previous != nil && ix.Rebuilt == ""
	b.res.Indexed, b.res.SearchRebuilt = ix.Indexed, ix.Rebuilt
	b.manifest.Search = ix.State
	return nil
}

// sendSearch queues the files of an updated index for the writers and
// keeps the last build's other files (a whole index was written as it was
// made).
func (b *builder) sendSearch() {
	written := make(map[string]bool, len(b.searchFiles))
	for _, f := range b.searchFiles {
		name := path.Join(dirSearchIndex, f.Path)
		written[name] = true
		b.out.Send(output.Req{Idx: b.out.Add(), Kind: kindSearchIndex, Name: name, Data: f.Data, Differs: b.searchUpdated})
	}
	b.searchFiles = nil
	if b.old == nil || !b.keepSearch && !b.searchUpdated {
		return
	}
	listed := make(map[string]bool, len(b.searchPaths))
	for _, p := range b.searchPaths {
		listed[path.Join(dirSearchIndex, p)] = true
	}
	for _, f := range b.old.Files {
		if f.Kind == kindSearchIndex && !written[f.Name] && (b.keepSearch || listed[f.Name]) {
			b.out.Keep(b.out.Add(), f)
		}
	}
}

// lastHas reports whether the last build wrote every file of ix that ix
// does not write itself.
func (b *builder) lastHas(ix *search.Index) bool {
	had := map[string]bool{}
	for _, f := range b.old.Files {
		if f.Kind == kindSearchIndex {
			had[f.Name] = true
		}
	}
	for _, f := range ix.Files {
		had[path.Join(dirSearchIndex, f.Path)] = true
	}
	for _, p := range ix.Paths {
		if !had[path.Join(dirSearchIndex, p)] {
			return false
		}
	}
	return true
}

// searchHead is one report as the search index sees it, without its text.
// Its version is the hash of its content file: the text comes from nothing
// else but the code, and a build of other code starts afresh.
func searchHead(r *Report) search.Doc {
	m := &r.Meta
	date := r.Published
	if !date.valid {
		date = r.Date
	}
	return search.Doc{
		URL:       reportPath(r.Town.Code, r.Year),
		Title:     m.Title,
		Province:  m.Province,
		City:      m.City,
		County:    m.County,
		Town:      m.Town,
		Code:      r.Town.Code,
		Issuer:    m.Issuer,
		Signer:    m.Signer,
		DocNumber: m.DocNumber,
		Year:      r.Year,
		Added:     r.Added.String(),
		Date:      date.String(),
		Version:   hex.EncodeToString(r.entry.Hash[:]),
	}
}

// searchSections is the text of a report's lead and sections.
func (b *builder) searchSections(r *Report) ([]search.Section, error) {
	text, err := b.parts.searchTextOf(r.entry)
	if err != nil {
		return nil, err
	}
	secs := []search.Section{{Text: text[0]}}
	for _, s := range r.Sections {
		if s.Index+1 >= len(text) {
			return nil, fmt.Errorf("%s: internal error: section %s has no rendered text", r.File, s.ID)
		}
		secs = append(secs, search.Section{ID: s.ID, Title: s.Title, Kind: s.Kind, Text: text[s.Index+1]})
	}
	return secs, nil
}

// searchText is the plain text of a report's lead and of each of its
// sections, in that order, one line per block: what a reader sees on the
// report's page, so that a result's snippet is text found there. It is the
// renderer's own text of the blocks (content.Rendered), with each run of
// spaces, tabs and other breaks inside a line shown as one space, as the
// minified page shows it (TestSearchTextIsThePagesText), without parsing
// the page's HTML back into text. It is made once, when the report is
// parsed, and kept in the pack: every build indexes every report.
func searchText(doc *content.Rendered) []string {
	text := make([]string, 0, 1+len(doc.Sections))
	text = append(text, oneSpace(doc.LeadPlain))
	for _, s := range doc.Sections {
		text = append(text, oneSpace(s.Plain))
	}
	return text
}

// oneSpace writes each run of HTML whitespace within a line (space, tab,
// carriage return, form feed) as one space, and none at a line's ends, as
// the minifier writes the page's text; the text's own line breaks stay.
func oneSpace(s string) string {
	s = strings.TrimSpace(s)
	if spacedOnce(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\r', '\f':
			space = true
		case '\n':
			space = false
			b = append(b, c)
		default:
			if space && len(b) > 0 && b[len(b)-1] != '\n' {
				b = append(b, ' ')
			}
			space = false
			b = append(b, c)
		}
	}
	return string(b)
}

// spacedOnce reports whether s, trimmed, is as oneSpace writes it: its
// only whitespace within lines lone spaces between other characters. Most
// report text is, and is then not copied.
func spacedOnce(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t', '\r', '\f':
			return false
		case ' ':
			if s[i-1] == '\n' || s[i+1] == ' ' || s[i+1] == '\n' {
				return false // s is trimmed: a space has a byte on each side
			}
		}
	}
	return true
}

// kindSearchIndex is the kind of the index files in the build summary.
const kindSearchIndex = "search-index"

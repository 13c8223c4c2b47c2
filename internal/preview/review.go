package preview

import (
	"bytes"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"nianbao/internal/content"
	"nianbao/internal/extract"
	"nianbao/internal/report"
	"nianbao/internal/site"
)

// Item is one report for the review page: new or changed since the last
// publish, with what a checker needs beside each other.
type Item struct {
	// File is the content file to edit; Source the original it came from.
	File, Source string
	Title, Town  string
	Year         int
	// Changed says the report is on the published site with other text;
	// else it is new.
	Changed bool
	// Page is the report's page in the preview, "" when it has none (the
	// build left it out).
	Page string
	// Messages are the build's errors and warnings about the report.
	Messages []string
	// Derived are the labels of the values worked out, not read.
	Derived []string
	// Meta are the front matter's values, label and value, in the order
	// of content.Fields.
	Meta [][2]string
	// SourceText is the original's text as the importer read it; "" when
	// it could not be read.
	SourceText string
}

// ReviewOptions say where the review finds the reports.
type ReviewOptions struct {
	Content    fs.FS
	ContentDir string // as named in messages: "content"
	// Root is the repository, where the sources named by content files lie.
	Root string
	// Published is the directory of the last publish (public/): a report
	// whose Markdown it holds unchanged is not listed.
	Published string
	// Built is the preview's own site, to tell which reports have a page.
	Built    string
	BasePath string
	Tools    extract.Tools
}

// Review lists the reports new or changed since the last publish, with the
// build's lines about each (lines read "file:line: message" after an
// "error: " or "warning: ").
func Review(opt ReviewOptions, lines []string) []Item {
	names, err := site.ContentFiles(opt.Content)
	if err != nil {
		return nil
	}
	var items []Item
	for _, n := range names {
		raw, err := fs.ReadFile(opt.Content, n)
		if err != nil {
			continue
		}
		file := path.Join(opt.ContentDir, n)
		doc, perr := content.Parse(file, raw)
		it := Item{File: file}
		if perr == nil {
			m := &doc.Meta
			it.Title, it.Town, it.Year, it.Source = m.Title, m.County+m.Town, m.Year, m.Source
			if m.Code != "" && m.Year != 0 {
				page, md := site.ReportPaths(m.Code, m.Year)
				old, err := os.ReadFile(filepath.Join(opt.Published, filepath.FromSlash(md)))
				if err == nil && bytes.Equal(old, raw) {
					continue // published as it is
				}
				it.Changed = err == nil
				if _, err := os.Stat(filepath.Join(opt.Built, filepath.FromSlash(md))); err == nil {
					it.Page = opt.BasePath + page
				}
			}
			for _, k := range m.Derived {
				it.Derived = append(it.Derived, content.Label(k))
			}
			it.Meta = metaRows(m)
			it.SourceText = sourceText(opt, m.Source)
		}
		it.Messages = linesAbout(lines, file, it.Source)
		items = append(items, it)
	}
	return items
}

// metaRows are the front matter's filled-in fields, as the report page
// labels them.
func metaRows(m *content.Meta) [][2]string {
	var rows [][2]string
	for i := range content.Fields {
		f := &content.Fields[i]
		if f.Label == "" {
			continue
		}
		var v string
		switch f.Kind {
		case content.TextField:
			v = *f.Text(m)
		case content.ListField:
			v = strings.Join(*f.List(m), "、")
		case content.YearField:
			if m.Year != 0 {
				v = strconv.Itoa(m.Year)
			}
		case content.SectionsField:
			var ts []string
			for _, s := range m.Sections {
				ts = append(ts, s.Title)
			}
			v = strings.Join(ts, "\n")
		}
		if v != "" {
			rows = append(rows, [2]string{f.Label, v})
		}
	}
	return rows
}

// sourceText reads the original as the importer does.
func sourceText(opt ReviewOptions, src string) string {
	if src == "" || strings.Contains(src, "..") {
		return ""
	}
	data, err := os.ReadFile(filepath.Join(opt.Root, filepath.FromSlash(src)))
	if err != nil {
		return ""
	}
	x, err := extract.Extract(src, data, opt.Tools)
	if err != nil {
		return ""
	}
	if x.Format == extract.Text {
		return decodeText(x.Text)
	}
	return string(x.Text)
}

// linesAbout picks the lines that name file or source.
func linesAbout(lines []string, file, source string) []string {
	var out []string
	for _, l := range lines {
		msg := l
		for _, p := range []string{"error: ", "warning: "} {
			msg = strings.TrimPrefix(msg, p)
		}
		if strings.HasPrefix(msg, file+":") || source != "" && strings.HasPrefix(msg, source+":") {
			out = append(out, l)
		}
	}
	return out
}

// decodeText decodes a text original as the parser does.
func decodeText(b []byte) string {
	t, _, err := report.Decode(b)
	if err != nil {
		return ""
	}
	return t
}

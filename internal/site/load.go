package site

import (
	"io/fs"
	"path"
	"strings"
	"sync"

	"nianbao/internal/content"
)

// loaded is one content file read, parsed and rendered.
type loaded struct {
	path string // as shown in diagnostics, e.g. "content/cq/后叶镇-2024.md"
	raw  []byte
	file *content.File
	doc  *content.Rendered
	err  error
}

// contentFiles lists the Markdown files of the content tree in lexical order.
// README files and names starting with "_" or "." are notes, not reports.
func contentFiles(fsys fs.FS) ([]string, error) {
	var names []string
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
		names = append(names, p)
		return nil
	})
	return names, err
}

// loadContent reads, parses and renders every content file, workers at a
// time. Parsing the Markdown here, once, gives the model its outline and the
// pages their HTML from the same tree. Results keep the order of names.
func loadContent(fsys fs.FS, dir string, names []string, md *content.Markdown, workers int) []loaded {
	out := make([]loaded, len(names))
	forEach(len(names), workers, func(i int) {
		l := &out[i]
		l.path = path.Join(dir, names[i])
		raw, err := fs.ReadFile(fsys, names[i])
		if err != nil {
			l.err = &content.Error{File: l.path, Msg: err.Error()}
			return
		}
		l.raw = raw
		if l.file, l.err = content.Parse(l.path, raw); l.err != nil {
			return
		}
		if l.doc, err = md.Render(l.file.Body); err != nil {
			l.err = &content.Error{File: l.path, Line: l.file.BodyLine, Msg: err.Error()}
		}
	})
	return out
}

// forEach calls f(0) … f(n-1) on up to workers goroutines.
func forEach(n, workers int, f func(i int)) {
	if workers < 1 {
		workers = 1
	}
	if workers > n {
		workers = n
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// Package importer converts raw report files into the Markdown files of
// content/: it reads sources, runs the report parser, resolves the township,
// chooses the output path and writes each file atomically, refusing to
// overwrite a file that was edited by hand or that holds another source for
// the same town and year.
package importer

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"nianbao/internal/content"
	"nianbao/internal/region"
)

// Options says where sources and content live.
type Options struct {
	// Root is the repository root; source paths written into front matter
	// are relative to it.
	Root string
	// Out is the content directory, relative to Root or absolute.
	Out string
	// Force overwrites hand-edited files and replaces another source for the
	// same town and year.
	Force bool
	// Regions resolves townships; nil means region.Default().
	Regions *region.Table
}

// Result is what one Import did.
type Result struct {
	// Written lists the content file of every source imported, relative to
	// Root, in the order the sources were given (a file whose bytes did not
	// change is listed but not rewritten).
	Written []string
	// Problems has one error per source that could not be imported, each a
	// *Problem naming its file.
	Problems []error
	// Warnings are problems that did not stop an import, each a *Problem
	// naming its file.
	Warnings []error
}

// Import imports the given files and directories. Every source is converted
// (in parallel: parsing is the costly step) before any file is written, and
// files are then written in the order the sources were given, so that the
// outcome never depends on timing.
func Import(paths []string, opt Options) Result {
	if opt.Regions == nil {
		opt.Regions = region.Default()
	}
	var res Result
	files, errs := expand(paths, opt)
	res.Problems = append(res.Problems, errs...)
	man, err := loadManifest(opt)
	if err != nil {
		res.Problems = append(res.Problems, err)
		return res
	}
	outDir := rel(opt.Root, abs(opt.Root, opt.Out))
	convs, cerrs := convertAll(files, outDir, opt)
	claimed := map[string]string{} // content path → source of this run
	for i, c := range convs {
		if cerrs[i] != nil {
			res.Problems = append(res.Problems, cerrs[i])
			continue
		}
		for _, w := range c.Warnings {
			res.Warnings = append(res.Warnings, w)
		}
		if err := write(c, opt, man, claimed); err != nil {
			res.Problems = append(res.Problems, err)
			continue
		}
		res.Written = append(res.Written, c.Path)
	}
	if err := man.save(); err != nil {
		res.Problems = append(res.Problems, err)
	}
	return res
}

// convertAll reads and converts every source, using every core.
func convertAll(files []string, out string, opt Options) ([]*Converted, []error) {
	convs := make([]*Converted, len(files))
	errs := make([]error, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				convs[i], errs[i] = convertFile(files[i], out, opt)
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	return convs, errs
}

func convertFile(src, out string, opt Options) (*Converted, error) {
	data, err := os.ReadFile(abs(opt.Root, src))
	if err != nil {
		return nil, &Problem{File: src, Msg: unwrapPath(err).Error()}
	}
	return Convert(src, data, out, opt.Regions)
}

// write writes one converted report unless another source of this run
// claimed the same path or guard refuses; a file that already holds the
// same bytes is left alone.
func write(c *Converted, opt Options, man *manifest, claimed map[string]string) error {
	if other, ok := claimed[c.Path]; ok && !opt.Force {
		return &Problem{File: c.Source, Msg: fmt.Sprintf(
			"%s %d is also reported by %s in this run; both would be written to %s (use -force to let the later one win)",
			townLabel(&c.Meta), c.Meta.Year, other, c.Path)}
	}
	claimed[c.Path] = c.Source
	same, err := guard(c, opt, man)
	if err != nil {
		return err
	}
	if !same {
		if err := writeAtomic(abs(opt.Root, c.Path), c.File); err != nil {
			return &Problem{File: c.Source, Msg: fmt.Sprintf("write %s: %v", c.Path, unwrapPath(err))}
		}
	}
	man.record(c.Path, c.File)
	return nil
}

// Pending lists the report files under dir (relative to opt.Root) that no
// content file names as its source.
func Pending(dir string, opt Options) ([]string, error) {
	files, errs := expand([]string{dir}, opt)
	if len(errs) > 0 {
		if _, err := os.Stat(abs(opt.Root, dir)); errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, errs[0]
	}
	known, err := knownSources(opt)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		if !known[f] {
			out = append(out, f)
		}
	}
	return out, nil
}

// knownSources reads the source of every content file.
func knownSources(opt Options) (map[string]bool, error) {
	known := map[string]bool{}
	root := abs(opt.Root, opt.Out)
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if e.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		// A content file that does not parse is the site build's to report;
		// here it simply names no source.
		if f, err := content.Parse(p, data); err == nil && f.Meta.Source != "" {
			known[f.Meta.Source] = true
		}
		return nil
	})
	return known, err
}

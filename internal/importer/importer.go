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
	"runtime"
	"slices"
	"sync/atomic"
	"time"

	"nianbao/internal/content"
	"nianbao/internal/diag"
	"nianbao/internal/extract"
	"nianbao/internal/filestamp"
	"nianbao/internal/publish"
	"nianbao/internal/region"
	"nianbao/internal/workers"
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
	// Now gives the day a report is added to the site (its 收录日期); nil
	// means the current time.
	Now func() time.Time
	// SourceCache is a file where Pending keeps the source each content
	// file names, with the file's stamp (internal/filestamp), so that the
	// next Pending reads only the content files changed since; "" reads
	// every content file each time.
	SourceCache string
	// SpoolDir is the folder the converted files wait in until the import
	// writes them (spool.go): the build's cache folder; "" is the system's
	// temporary folder.
	SpoolDir string

	// Progress, when set, is told of each source converted, done of total;
	// it is called from many goroutines at once.
	Progress func(done, total int)
	// DryRun converts and decides as an import does and writes nothing:
	// Result.Written lists the files it would write. build check uses it.
	DryRun bool
	// Tools names the programs a PDF or a .doc is read with; zero looks
	// them up on PATH.
	Tools extract.Tools
	// Ignored is told of each file in a folder of sources that is not a
	// report format (a spreadsheet, an image), which is not imported; nil
	// says nothing.
	Ignored func(p *Problem)

	// Tidied is told of each half-written file a killed import left under
	// Out, which Pending removes; nil says nothing.
	Tidied func(path string)
	// Seen, when set, is given what Pending learns of each content file
	// and each original with lstat, for the build that follows in the same
	// run; the files Import writes are forgotten.
	Seen *filestamp.Seen

	// walkDir walks a directory of sources; nil means filepath.WalkDir.
	// Tests make it fail where permissions cannot, as for root.
	walkDir func(root string, fn fs.WalkDirFunc) error
	// dirs caches the directories an import has resolved (loadSource).
	dirs *resolvedDirs
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

// Import imports the given files and directories. Every source is read
// and converted, in parallel, before anything is written; whether each file
// may be written is then decided in the order the sources were given, so
// the outcome never depends on timing; the writes themselves run in
// parallel again, since creating files is the slow part on most disks.
func Import(paths []string, opt Options) Result {
	if opt.Regions == nil {
		opt.Regions = region.Default()
	}
	opt.dirs = &resolvedDirs{}
	var res Result
	files, errs := expand(paths, opt)
	res.Problems = append(res.Problems, errs...)
	man, err := loadManifest(opt)
	if err != nil {
		res.Problems = append(res.Problems, err)
		return res
	}
	outDir := rel(opt.Root, abs(opt.Root, opt.Out))
	// The converted files wait in a spool on disk (beside the build's
	// caches), so that the import's memory does not grow with the number
	// of reports; without one they wait in memory.
	sp, _ := newSpool(opt.SpoolDir)
	if sp != nil {
		defer sp.close()
	}
	var converted atomic.Int64
	convs, problems := parallel(len(files), func(i int) (*Converted, error) {
		if opt.Progress != nil {
			defer func() { opt.Progress(int(converted.Add(1)), len(files)) }()
		}
		c, err := convertFile(files[i], outDir, opt)
		if err != nil {
			return c, err
		}
		err = stampAdded(c, opt)
		// Past here the import needs the file and the front matter, not
		// the parsed document, the body apart or what the content file
		// holds now (guard reads it again): at national scale, 200,000
		// reports converted before any is written, those were most of its
		// memory, and the files themselves the rest.
		c.Doc, c.body = nil, nil
		c.held, c.heldErr, c.heldOK = nil, nil, false
		if sp != nil && err == nil {
			_ = sp.put(c) // kept in memory when the disk refuses it
		}
		return c, err
	})
	copies := sameBytes(convs, problems, opt)

	writes, superseded := choose(convs, problems, copies, opt, man, &res)
	if opt.DryRun {
		for _, i := range writes {
			res.Written = append(res.Written, convs[i].Path)
		}
		for i := range convs {
			if problems[i] != nil {
				res.Problems = append(res.Problems, problems[i])
			}
		}
		return res
	}
	writeFiles(convs, writes, problems, sp, opt)

	for i, c := range convs {
		if problems[i] != nil {
			res.Problems = append(res.Problems, problems[i])
			continue
		}
		if superseded[i] || copies[i] != nil {
			continue
		}
		man.record(c.Path, c.fileSum())
		res.Written = append(res.Written, c.Path)
	}
	if err := man.save(); err != nil {
		res.Problems = append(res.Problems, err)
	}
	return res
}

// china is the time zone of the reports' dates.
var china = time.FixedZone("CST", 8*60*60)

// stampAdded records the day this site took the report in, as its
// 收录日期 (added): the site's own fact, kept apart from the document's
// dates so that a report whose source gives none is shown as undated
// (未注明), never as published on the day it was imported. A file
// imported before keeps the day it was given then, so importing the same
// source again gives the same bytes; a file from before this key, whose
// source had no date at all, was given that day as its 发布日期, which
// is moved here.
func stampAdded(c *Converted, opt Options) error {
	old, err := c.existing(opt)
	if err != nil {
		return nil // a new file: the day of this import, set by convert
	}
	f, err := content.ParseFront(c.Path, old)
	if err != nil || f.Meta.Source != c.Source {
		return nil
	}
	day := f.Meta.Added
	if day == "" && c.Meta.Date == "" && c.Meta.Published == "" {
		day = f.Meta.Published
	}
	if day == "" || day == c.Meta.Added {
		return nil
	}
	c.Meta.Added = day
	file, err := content.Marshal(&c.Meta, c.body)
	if err != nil {
		return &Problem{File: c.Source, Msg: err.Error()}
	}
	c.File = file
	return nil
}

func warningsOf(c *Converted) []error {
	out := make([]error, len(c.Warnings))
	for i, w := range c.Warnings {
		out[i] = w
	}
	return out
}

// choose decides which conversions are written: not a refused one, not a
// copy of another source, not one that would overwrite a hand edit or
// another source's file (guard), and of two sources for one town and year
// in this run, the later only with -force. It fills problems and the
// result's warnings, and returns the conversions to write and those a later
// one superseded.
func choose(convs []*Converted, problems, copies []error, opt Options, man *manifest, res *Result) (writes []int, superseded []bool) {
	claimed := map[string]int{} // content path → index of its source in this run
	superseded = make([]bool, len(convs))
	for i, c := range convs {
		if problems[i] != nil {
			continue
		}
		if copies[i] != nil {
			res.Warnings = append(res.Warnings, copies[i])
			continue
		}
		res.Warnings = append(res.Warnings, warningsOf(c)...)
		if prev, ok := claimed[c.Path]; ok {
			if !opt.Force {
				problems[i] = &Problem{File: c.Source, Msg: fmt.Sprintf(
					"与 %s 是同一乡镇同一年度（%s %d 年度）的报告，两份都会写到 %s，本次未导入这份："+
						"要以这份为准，运行 %s；否则把其中一份移出 sources/",
					convs[prev].Source, townLabel(&c.Meta), c.Meta.Year, c.Path, importCommand(opt, c.Source, true))}
				continue
			}
			superseded[prev] = true
			writes = slices.DeleteFunc(writes, func(k int) bool { return k == prev })
		}
		claimed[c.Path] = i
		same, err := guard(c, opt, man)
		c.held, c.heldErr, c.heldOK = nil, nil, false // read by guard last
		switch {
		case err != nil:
			problems[i] = err
		case !same:
			writes = append(writes, i)
		}
	}
	return writes, superseded
}

// writeFiles writes the chosen conversions, each atomically, and puts what
// went wrong into problems.
func writeFiles(convs []*Converted, writes []int, problems []error, sp *spool, opt Options) {
	_, werrs := parallel(len(writes), func(k int) (struct{}, error) {
		c := convs[writes[k]]
		data, err := sp.file(c)
		if err == nil {
			p := abs(opt.Root, c.Path)
			opt.Seen.Forget(p) // before: a file half-replaced is not vouched for either
			err = publish.WriteFile(p, data)
		}
		if err != nil {
			return struct{}{}, &Problem{File: c.Source, Msg: fmt.Sprintf("无法写入 %s（%v）：请检查磁盘空间和文件夹的写入权限，再运行 go run ./cmd/build", c.Path, unwrapPath(err))}
		}
		return struct{}{}, nil
	})
	for k, err := range werrs {
		if err != nil {
			problems[writes[k]] = err
		}
	}
}

// parallel runs f for 0…n-1 on every core (internal/workers) and returns
// the results in order.
func parallel[T any](n int, f func(i int) (T, error)) ([]T, []error) {
	out := make([]T, n)
	errs := make([]error, n)
	workers.Each(n, runtime.GOMAXPROCS(0), func(i int) { out[i], errs[i] = f(i) })
	return out, errs
}

// convertFile reads a source (extracting the text of a Word, PDF or OFD
// file) and converts it. A fault met on one uploaded file is that file's
// problem (diag.Contain), not the import's.
func convertFile(src, out string, opt Options) (c *Converted, err error) {
	err = diag.Contain(src, func() error {
		data, err := loadSource(src, opt)
		if err != nil {
			return &Problem{File: src, Msg: unwrapPath(err).Error()}
		}
		c, err = convert(src, data, out, opt.Regions, Today(opt), opt.Tools)
		return err
	})
	return c, err
}

// Today is the day of an import (or a check), in the reports' time zone.
func Today(opt Options) string {
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	return now().In(china).Format(time.DateOnly)
}

// Pending lists the report files under dir (relative to opt.Root) that no
// content file names as its source, and those that changed since their
// content file was made from them (changed.go), to be imported again. A folder under dir that cannot be read
// is left out, and the error then names each such folder (each a
// *Problem), while the files found elsewhere are still listed.
func Pending(dir string, opt Options) ([]string, error) {
	agreePath := ""
	if opt.SourceCache != "" {
		agreePath = opt.SourceCache + ".agree"
	}
	// The cache of sources seen to agree with their content files is read
	// while the two trees are walked.
	agreed := make(chan *agreeCache, 1)
	go func() { agreed <- readAgree(agreePath) }()
	files, errs := expand([]string{dir}, opt)
	if len(errs) > 0 && len(files) == 0 {
		if _, err := os.Stat(abs(opt.Root, dir)); errors.Is(err, fs.ErrNotExist) {
			errs = nil // no sources: nothing pending
		}
	}
	// The content files are walked even then: the walk also clears away
	// what a killed import left there (Options.Tidied).
	known, err := knownSources(opt)
	agree := <-agreed
	if err != nil {
		return nil, err
	}
	pending := make([]bool, len(files))
	changed := make([]*agreeEntry, len(files))
	workers.Each(len(files), runtime.GOMAXPROCS(0), func(i int) {
		c, ok := known[files[i]]
		if !ok {
			pending[i] = true
			return
		}
		pending[i], changed[i] = sourceChanged(files[i], c, opt, agree)
	})
	var out []string
	for i, f := range files {
		if pending[i] {
			out = append(out, f)
		}
		if changed[i] != nil {
			agree.entries[f] = *changed[i]
			agree.changed = true
		}
	}
	// Like the source cache, this one only saves time: an error is dropped.
	_ = agree.save(agreePath)
	return out, errors.Join(errs...)
}

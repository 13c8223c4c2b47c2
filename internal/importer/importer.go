// Package importer converts raw report files into the Markdown files of
// content/: it reads sources, runs the report parser, resolves the township,
// chooses the output path and writes each file atomically, refusing to
// overwrite a file that was edited by hand or that holds another source for
// the same town and year.
package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"nianbao/internal/content"
	"nianbao/internal/region"
	"nianbao/internal/report"
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
	// Problems has one error per source that could not be imported.
	Problems []error
	// Warnings are problems that did not stop an import, each naming its file.
	Warnings []error
}

// Extensions lists the file name endings Import reads from a directory.
var Extensions = []string{".txt"}

// Import imports the given files and directories.
func Import(paths []string, opt Options) Result {
	var res Result
	files, errs := expand(paths, opt)
	res.Problems = append(res.Problems, errs...)
	man, err := loadManifest(opt)
	if err != nil {
		res.Problems = append(res.Problems, err)
		return res
	}
	claimed := map[string]string{} // output path → source of this run
	for _, f := range files {
		out, warns, err := importOne(f, opt, man, claimed)
		res.Warnings = append(res.Warnings, warns...)
		if err != nil {
			res.Problems = append(res.Problems, err)
			continue
		}
		res.Written = append(res.Written, out)
	}
	if err := man.save(); err != nil {
		res.Problems = append(res.Problems, err)
	}
	return res
}

// Pending lists the report files under dir (relative to opt.Root) that no
// content file names as its source.
func Pending(dir string, opt Options) ([]string, error) {
	files, errs := expand([]string{dir}, opt)
	if len(errs) > 0 {
		if errors.Is(errs[0], fs.ErrNotExist) {
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

// expand turns file and directory arguments into source paths relative to
// Root (slash-separated), sorted within each directory.
func expand(paths []string, opt Options) ([]string, []error) {
	var out []string
	var errs []error
	for _, p := range paths {
		full := abs(opt.Root, p)
		st, err := os.Stat(full)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, unwrapPath(err)))
			continue
		}
		if !st.IsDir() {
			out = append(out, rel(opt.Root, full))
			continue
		}
		var found []string
		err = filepath.WalkDir(full, func(q string, e fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if strings.HasPrefix(e.Name(), ".") && q != full {
				if e.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !e.IsDir() && hasExt(e.Name()) {
				found = append(found, rel(opt.Root, q))
			}
			return nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, unwrapPath(err)))
		}
		sort.Strings(found)
		out = append(out, found...)
	}
	return out, errs
}

func hasExt(name string) bool {
	for _, e := range Extensions {
		if strings.EqualFold(filepath.Ext(name), e) {
			return true
		}
	}
	return false
}

// unwrapPath drops the absolute path an *fs.PathError would print.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func abs(root, p string) string {
	if filepath.IsAbs(p) || root == "" {
		return filepath.Clean(p)
	}
	return filepath.Join(root, p)
}

// rel gives p relative to root with forward slashes, or p itself when it is
// outside root.
func rel(root, p string) string {
	if root == "" {
		root = "."
	}
	ar, err1 := filepath.Abs(root)
	ap, err2 := filepath.Abs(p)
	if err1 == nil && err2 == nil {
		if r, err := filepath.Rel(ar, ap); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
	}
	return filepath.ToSlash(p)
}

// importOne imports one source and returns its content path.
func importOne(src string, opt Options, man *manifest, claimed map[string]string) (string, []error, error) {
	data, err := os.ReadFile(abs(opt.Root, src))
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", src, unwrapPath(err))
	}
	doc, err := report.Parse(data)
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", src, err)
	}
	var warns []error
	for _, w := range doc.Warnings {
		warns = append(warns, fmt.Errorf("%s: %s", src, w))
	}
	meta, body := content.FromReport(doc)
	sum := sha256.Sum256(data)
	meta.Source = src
	meta.SourceSHA256 = hex.EncodeToString(sum[:])
	if w := placeTown(&meta, doc, opt.Regions); w != "" {
		warns = append(warns, fmt.Errorf("%s: %s", src, w))
	}
	out := outputPath(opt.Out, &meta)
	if other, ok := claimed[out]; ok && !opt.Force {
		return "", warns, fmt.Errorf("%s: %s %d is also reported by %s in this run; both would be written to %s (use -force to let the later one win)", src, townLabel(&meta), meta.Year, other, out)
	}
	claimed[out] = src
	file, err := content.Marshal(&meta, body)
	if err != nil {
		return "", warns, fmt.Errorf("%s: %w", src, err)
	}
	if err := guard(out, file, &meta, opt, man); err != nil {
		return "", warns, fmt.Errorf("%s: %w", src, err)
	}
	if err := writeAtomic(abs(opt.Root, out), file); err != nil {
		return "", warns, fmt.Errorf("%s: write %s: %w", src, out, unwrapPath(err))
	}
	man.record(out, file)
	return out, warns, nil
}

// guard refuses to replace a file edited by hand since it was imported, or
// one that holds a different source for the same town and year.
func guard(out string, file []byte, meta *content.Meta, opt Options, man *manifest) error {
	old, err := os.ReadFile(abs(opt.Root, out))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", out, unwrapPath(err))
	}
	if string(old) == string(file) || opt.Force {
		return nil
	}
	prev, perr := content.Parse(out, old)
	if perr == nil && prev.Meta.Source != "" && prev.Meta.Source != meta.Source && prev.Meta.SourceSHA256 != meta.SourceSHA256 {
		return fmt.Errorf("%s already holds %s %d imported from %s, a different source for the same town and year (use -force to replace it)", out, townLabel(meta), meta.Year, prev.Meta.Source)
	}
	if !man.unchanged(out, old) {
		return fmt.Errorf("%s was edited by hand after it was imported; not overwriting it (use -force to replace it)", out)
	}
	return nil
}

// writeAtomic writes through a temporary file in the same directory and a
// rename, so that a reader or a crash never sees half a file.
func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".import-*.tmp")
	if err != nil {
		return err
	}
	name := tmp.Name()
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Chmod(name, 0o644)
	}
	if werr == nil {
		werr = os.Rename(name, path)
	}
	if werr != nil {
		os.Remove(name)
	}
	return werr
}

var reSlug = regexp.MustCompile(`[^a-z0-9]+`)

// outputPath is the content file of a report: by county code, township code
// and year ("content/500235/500235145-2024.md"); a township the table does
// not know goes under "unresolved/", named after its source file when that
// name is ASCII, else after the source's hash.
func outputPath(dir string, m *content.Meta) string {
	year := fmt.Sprintf("%04d", m.Year)
	if len(m.Code) == 9 {
		return filepath.ToSlash(filepath.Join(dir, m.Code[:6], m.Code+"-"+year+".md"))
	}
	base := strings.TrimSuffix(filepath.Base(m.Source), filepath.Ext(m.Source))
	slug := strings.Trim(reSlug.ReplaceAllString(strings.ToLower(base), "-"), "-")
	if slug == "" || len(slug) < 3 {
		slug = m.SourceSHA256[:12]
	}
	return filepath.ToSlash(filepath.Join(dir, "unresolved", slug+"-"+year+".md"))
}

func townLabel(m *content.Meta) string {
	if m.Town != "" {
		return m.County + m.Town
	}
	return m.Issuer
}

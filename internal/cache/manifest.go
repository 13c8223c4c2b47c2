package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"nianbao/internal/bincode"
	"nianbao/internal/filestamp"
	"nianbao/internal/output"
	"nianbao/internal/publish"
	"nianbao/internal/workers"
)

// The manifest describes the last output a build wrote: what it was built
// from (the version of the code, templates, assets and settings; each
// report's content hash and place; the site-wide facts pages show) and
// every file it holds. The next build into the same directory compares it
// with what it is about to build, renders only the pages whose inputs
// changed (package site's deps.go), and writes only the files whose bytes
// changed.

const manifestMagic = "nianbao build manifest 5\n"

// Manifest is what one build wrote into an output directory, and from what.
type Manifest struct {
	Version  string // outputVersion of the build
	OutStamp int64  // modification time of the output directory after the build
	// Committed is when the build had put its last file in place: a file
	// of the output changed since has a later change time (Verify).
	Committed int64
	Reports   []ReportState
	Facts     SiteFacts
	Files     []output.File // by name
	// Search is the state of the Search index (Search.Index.State), from
	// which the next build updates it.
	Search []byte
	// ReuseGen names the saved reuse index the reports' Reuse digests were
	// made against (package site's reuseGen).
	ReuseGen string
	// Spans are where each report's rows sit in the open data files that
	// hold every report, by file name, in the order of Reports: the next
	// build copies the rows of a report that did not change from there.
	Spans map[string][]Span
}

// ReportState is what a page may show of one report, as far as deciding
// what to rebuild goes: its bytes, its source file, and where it sits.
type ReportState struct {
	File   string // content file name
	Hash   [32]byte
	Source string // source path and stamp
	Town   string
	Year   int
	Chain  []string // region codes, province first
	// Reuse sums up what the report's page shows of its text found in
	// other reports, which changes with them.
	Reuse uint64
}

// SiteFacts are the site-wide values that decide which pages exist and
// link where; a change in one marks the pages that depend on it.
type SiteFacts struct {
	Years []int
	// YKs is every comparison of one kind in one year: "year/kind" and
	// whether it is split by county.
	YKs map[string]bool
	// Volatile are the site view's values that change with any report
	// (siteView fields), by field name.
	Volatile map[string]string
	// Towns and Regions map codes to what their pages and every page
	// naming them show of them.
	Towns, Regions map[string]string
}

// ManifestPath is the manifest of one output directory inside the cache.
// The directory is named by a hash so that no path is written: the hash of
// its absolute path with the links of the folder it is in resolved, so
// that an output reached by another path (a linked folder, a scheduled
// job started elsewhere) is still known, and not written again whole.
func ManifestPath(cacheDir, out string) string {
	abs, err := filepath.Abs(out)
	if err != nil {
		abs = out
	}
	// The output itself is not resolved: a build may replace it.
	if dir, err := publish.Resolve(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(dir, filepath.Base(abs))
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(cacheDir, "output-"+hex.EncodeToString(sum[:8]))
}

// ReadManifest reads the manifest in file; nil when there is none or it
// cannot be read whole.
func ReadManifest(file string) *Manifest {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	d := bincode.ViewDecoder(data)
	if d.Str() != manifestMagic {
		return nil
	}
	m := &Manifest{Version: d.Str(), OutStamp: d.Int(), Committed: d.Int()}
	n := d.Count()
	m.Reports = make([]ReportState, n)
	for i := range m.Reports {
		r := &m.Reports[i]
		r.File = d.Str()
		copy(r.Hash[:], d.Str())
		r.Source = d.Str()
		r.Town = d.Str()
		r.Year = int(d.Int())
		r.Chain = d.Strs()
		r.Reuse = d.Uint()
	}
	for range d.Count() {
		m.Facts.Years = append(m.Facts.Years, int(d.Int()))
	}
	m.Facts.YKs = map[string]bool{}
	for range d.Count() {
		k := d.Str()
		m.Facts.YKs[k] = d.Bool()
	}
	m.Facts.Volatile = decodeMap(d)
	m.Facts.Towns = decodeMap(d)
	m.Facts.Regions = decodeMap(d)
	kinds := d.Strs()
	n = d.Count()
	m.Files = make([]output.File, n)
	for i := range m.Files {
		f := &m.Files[i]
		f.Name = d.Str()
		k := int(d.Uint())
		if k < len(kinds) {
			f.Kind = kinds[k]
		}
		f.Size = d.Int()
	}
	m.Search = []byte(d.Str())
	m.ReuseGen = d.Str()
	m.Spans = map[string][]Span{}
	for range d.Count() {
		name := d.Str()
		spans := make([]Span, d.Count())
		for k := range spans {
			spans[k] = Span{d.Int(), d.Int()}
		}
		if len(spans) == len(m.Reports) {
			m.Spans[name] = spans
		}
	}
	if d.Err() != nil || d.Len() != 0 {
		return nil
	}
	return m
}

// WriteManifest writes m to file atomically.
func WriteManifest(file string, m *Manifest) error {
	e := &bincode.Encoder{B: make([]byte, 0, 64*len(m.Files)+96*len(m.Reports)+1024)}
	e.Str(manifestMagic)
	e.Str(m.Version)
	e.Int(m.OutStamp)
	e.Int(m.Committed)
	e.Uint(uint64(len(m.Reports)))
	for _, r := range m.Reports {
		e.Str(r.File)
		e.Bytes(r.Hash[:])
		e.Str(r.Source)
		e.Str(r.Town)
		e.Int(int64(r.Year))
		e.Strs(r.Chain)
		e.Uint(r.Reuse)
	}
	e.Uint(uint64(len(m.Facts.Years)))
	for _, y := range m.Facts.Years {
		e.Int(int64(y))
	}
	keys := slices.Sorted(maps.Keys(m.Facts.YKs))
	e.Uint(uint64(len(keys)))
	for _, k := range keys {
		e.Str(k)
		e.Bool(m.Facts.YKs[k])
	}
	encodeMap(e, m.Facts.Volatile)
	encodeMap(e, m.Facts.Towns)
	encodeMap(e, m.Facts.Regions)
	kindIndex := map[string]int{}
	var kinds []string
	for _, f := range m.Files {
		if _, ok := kindIndex[f.Kind]; !ok {
			kindIndex[f.Kind] = len(kinds)
			kinds = append(kinds, f.Kind)
		}
	}
	e.Strs(kinds)
	e.Uint(uint64(len(m.Files)))
	for _, f := range m.Files {
		e.Str(f.Name)
		e.Uint(uint64(kindIndex[f.Kind]))
		e.Int(f.Size)
	}
	e.Bytes(m.Search)
	e.Str(m.ReuseGen)
	names := slices.Sorted(maps.Keys(m.Spans))
	e.Uint(uint64(len(names)))
	for _, name := range names {
		e.Str(name)
		e.Uint(uint64(len(m.Spans[name])))
		for _, s := range m.Spans[name] {
			e.Int(s.Off)
			e.Int(s.N)
		}
	}
	return publish.WriteFile(file, e.B)
}

// Verify checks, from their metadata alone, that the files of the output
// are the ones the manifest describes: each is there, a regular file of
// the size written, and has not changed since the build put it in place.
// A file deleted or edited by hand (even one whose modification time was
// set back, as cp -p and rsync -a do) is listed, sorted, with what is
// wrong with it.
func (m *Manifest) Verify(out string, gz bool, count int) []string {
	bad := make([]string, len(m.Files))
	dir, err := filestamp.OpenDir(out)
	if err != nil {
		for i := range m.Files {
			bad[i] = m.Files[i].Name + " 不见了"
		}
	} else {
		defer dir.Close()
		workers.Each(len(m.Files), count, func(i int) {
			f := &m.Files[i]
			if why := verifyOne(dir, f.Name, f.Size, m.Committed); why != "" {
				bad[i] = f.Name + why
			} else if gz && output.Gzipped(f.Name) {
				if why := verifyOne(dir, f.Name+".gz", -1, m.Committed); why != "" {
					bad[i] = f.Name + ".gz" + why
				}
			}
		})
	}
	var list []string
	for _, b := range bad {
		if b != "" {
			list = append(list, b)
		}
	}
	sort.Strings(list)
	return list
}

// verifyOne says what is wrong with the published file name: "" when it
// is a regular file of size bytes (any size when size < 0) that has not
// changed since committed.
func verifyOne(dir *filestamp.Dir, name string, size, committed int64) string {
	st, regular, err := dir.Lstat(name)
	switch {
	case err != nil:
		return " 不见了"
	case !regular:
		return " 不是文件"
	case size >= 0 && st.Size != size:
		return " 被改动过"
	case st.Changed() > committed:
		return " 被改动过"
	}
	return ""
}

func encodeMap(e *bincode.Encoder, m map[string]string) {
	keys := slices.Sorted(maps.Keys(m))
	e.Uint(uint64(len(keys)))
	for _, k := range keys {
		e.Str(k)
		e.Str(m[k])
	}
}

func decodeMap(d *bincode.Decoder) map[string]string {
	n := d.Count()
	m := make(map[string]string, n)
	for range n {
		k := d.Str()
		m[k] = d.Str()
	}
	return m
}

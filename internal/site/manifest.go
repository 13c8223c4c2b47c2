package site

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

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
// changed (deps.go), and writes only the files whose bytes changed.

const manifestMagic = "nianbao build manifest 3\n"

type manifest struct {
	version  string // outputVersion of the build
	outStamp int64  // modification time of the output directory after the build
	// committed is when the build had put its last file in place: a file
	// of the output changed since has a later change time (verify).
	committed int64
	reports   []reportState
	facts     siteFacts
	files     []output.File // by name
	// search is the state of the search index (search.Index.State), from
	// which the next build updates it.
	search []byte
}

// reportState is what a page may show of one report, as far as deciding
// what to rebuild goes: its bytes, its source file, and where it sits.
type reportState struct {
	file   string // content file name
	hash   [32]byte
	source string // source path and stamp
	town   string
	year   int
	chain  []string // region codes, province first
}

// siteFacts are the site-wide values that decide which pages exist and
// link where; a change in one marks the pages that depend on it.
type siteFacts struct {
	years []int
	// yks is every comparison of one kind in one year: "year/kind" and
	// whether it is split by county.
	yks map[string]bool
	// volatile are the site view's values that change with any report
	// (siteView fields), by field name.
	volatile map[string]string
	// towns and regions map codes to what their pages and every page
	// naming them show of them.
	towns, regions map[string]string
}

// manifestPath is the manifest of one output directory inside the cache.
// The directory is named by a hash so that no path is written.
func manifestPath(cacheDir, out string) string {
	abs, err := filepath.Abs(out)
	if err != nil {
		abs = out
	}
	sum := sha256.Sum256([]byte(abs))
	return filepath.Join(cacheDir, "output-"+hex.EncodeToString(sum[:8]))
}

func readManifest(file string) *manifest {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	d := bincode.ViewDecoder(data)
	if d.Str() != manifestMagic {
		return nil
	}
	m := &manifest{version: d.Str(), outStamp: d.Int(), committed: d.Int()}
	n := d.Count()
	m.reports = make([]reportState, n)
	for i := range m.reports {
		r := &m.reports[i]
		r.file = d.Str()
		copy(r.hash[:], d.Str())
		r.source = d.Str()
		r.town = d.Str()
		r.year = int(d.Int())
		r.chain = d.Strs()
	}
	for range d.Count() {
		m.facts.years = append(m.facts.years, int(d.Int()))
	}
	m.facts.yks = map[string]bool{}
	for range d.Count() {
		k := d.Str()
		m.facts.yks[k] = d.Bool()
	}
	m.facts.volatile = decodeMap(d)
	m.facts.towns = decodeMap(d)
	m.facts.regions = decodeMap(d)
	kinds := d.Strs()
	n = d.Count()
	m.files = make([]output.File, n)
	for i := range m.files {
		f := &m.files[i]
		f.Name = d.Str()
		k := int(d.Uint())
		if k < len(kinds) {
			f.Kind = kinds[k]
		}
		f.Size = d.Int()
	}
	m.search = []byte(d.Str())
	if d.Err() != nil || d.Len() != 0 {
		return nil
	}
	return m
}

func writeManifest(file string, m *manifest) error {
	e := &bincode.Encoder{B: make([]byte, 0, 64*len(m.files)+96*len(m.reports)+1024)}
	e.Str(manifestMagic)
	e.Str(m.version)
	e.Int(m.outStamp)
	e.Int(m.committed)
	e.Uint(uint64(len(m.reports)))
	for _, r := range m.reports {
		e.Str(r.file)
		e.Bytes(r.hash[:])
		e.Str(r.source)
		e.Str(r.town)
		e.Int(int64(r.year))
		e.Strs(r.chain)
	}
	e.Uint(uint64(len(m.facts.years)))
	for _, y := range m.facts.years {
		e.Int(int64(y))
	}
	keys := sortedKeys(m.facts.yks)
	e.Uint(uint64(len(keys)))
	for _, k := range keys {
		e.Str(k)
		e.Bool(m.facts.yks[k])
	}
	encodeMap(e, m.facts.volatile)
	encodeMap(e, m.facts.towns)
	encodeMap(e, m.facts.regions)
	kindIndex := map[string]int{}
	var kinds []string
	for _, f := range m.files {
		if _, ok := kindIndex[f.Kind]; !ok {
			kindIndex[f.Kind] = len(kinds)
			kinds = append(kinds, f.Kind)
		}
	}
	e.Strs(kinds)
	e.Uint(uint64(len(m.files)))
	for _, f := range m.files {
		e.Str(f.Name)
		e.Uint(uint64(kindIndex[f.Kind]))
		e.Int(f.Size)
	}
	e.Bytes(m.search)
	return publish.WriteFile(file, e.B)
}

// verify checks, from their metadata alone, that the files of the output
// are the ones the manifest describes: each is there, a regular file of
// the size written, and has not changed since the build put it in place.
// A file deleted or edited by hand (even one whose modification time was
// set back, as cp -p and rsync -a do) is listed, sorted, with what is
// wrong with it.
func (m *manifest) verify(out string, gz bool, count int) []string {
	bad := make([]string, len(m.files))
	workers.Each(len(m.files), count, func(i int) {
		f := &m.files[i]
		names := []string{f.Name}
		if gz && output.Gzipped(f.Name) {
			names = append(names, f.Name+".gz")
		}
		for k, name := range names {
			info, err := os.Lstat(filepath.Join(out, filepath.FromSlash(name)))
			why := ""
			switch {
			case err != nil:
				why = " 不见了"
			case !info.Mode().IsRegular():
				why = " 不是文件"
			case k == 0 && info.Size() != f.Size:
				why = " 被改动过"
			case filestamp.Of(info).Changed() > m.committed:
				why = " 被改动过"
			}
			if why != "" {
				bad[i] = name + why
				return
			}
		}
	})
	var list []string
	for _, b := range bad {
		if b != "" {
			list = append(list, b)
		}
	}
	sort.Strings(list)
	return list
}

func encodeMap(e *bincode.Encoder, m map[string]string) {
	keys := sortedKeys(m)
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

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// reportStates lists the reports of the site in content file order.
func reportStates(s *Site) []reportState {
	out := make([]reportState, 0, len(s.Reports))
	for _, r := range s.Reports {
		st := reportState{file: r.entry.Name, hash: r.entry.Hash, town: r.Town.Code, year: r.Year}
		if r.Source != "" {
			st.source = r.Source + "@" + r.sourceStamp
		}
		for _, reg := range r.Town.Chain {
			st.chain = append(st.chain, reg.Code)
		}
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].file < out[j].file })
	return out
}

// factsOf collects the site-wide facts of a model and its view.
func factsOf(s *Site, v *siteView) siteFacts {
	f := siteFacts{
		years:   s.Years,
		yks:     map[string]bool{},
		towns:   map[string]string{},
		regions: map[string]string{},
		volatile: map[string]string{
			"Updated":     v.Updated,
			"TownCount":   strconv.Itoa(v.TownCount),
			"ReportCount": strconv.Itoa(v.ReportCount),
			"FirstYear":   strconv.Itoa(v.FirstYear),
			"LastYear":    strconv.Itoa(v.LastYear),
		},
	}
	for _, yk := range s.YearKinds {
		f.yks[ykKey(yk.Year, yk.Kind)] = yk.Split
	}
	for _, t := range s.Towns {
		var b strings.Builder
		b.WriteString(t.Name)
		for _, r := range t.Chain {
			b.WriteString("/" + r.Code + ":" + r.Name)
		}
		f.towns[t.Code] = b.String()
	}
	for _, r := range s.Regions {
		parent := ""
		if r.Parent != nil {
			parent = r.Parent.Code
		}
		f.regions[r.Code] = r.Name + "/" + strconv.Itoa(r.Level) + "/" + parent
	}
	return f
}

func ykKey(year int, kind string) string { return strconv.Itoa(year) + "/" + kind }

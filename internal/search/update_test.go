package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
)

// versioned gives each doc a version: the hash of its sections, as the
// site gives the hash of the content file.
func versioned(docs []Doc) []Doc {
	out := make([]Doc, len(docs))
	for i, d := range docs {
		d.Version = sectionsHash(d.Sections)
		out[i] = d
	}
	return out
}

func sectionsHash(secs []Section) string {
	h := sha256.New()
	for _, s := range secs {
		fmt.Fprintf(h, "%q %q %q %q\n", s.ID, s.Title, s.Kind, s.Text)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// updateCase is an index of before, updated into one of after.
type updateCase struct {
	name          string
	before, after []Doc
	shardBytes    int
	tailBlock     int
	corrupt       string // a file of the previous index to garble
	// update says the update must be used (not a full build), with this
	// many docs indexed (-1: any number), this many d/N.json written
	// (checked when indexed is) and at most this many files written (0:
	// any number, -1: none).
	update                  bool
	indexed, reports, files int
	// mainKept says the update must write no main shard s/N.json.
	mainKept bool
}

func updateCases(t *testing.T) []updateCase {
	all := versioned(synthCorpus(t, 120, 5))
	byURL := func(docs []Doc, url string) int {
		for i, d := range docs {
			if d.URL == url {
				return i
			}
		}
		t.Fatalf("no %s", url)
		return -1
	}
	without := func(docs []Doc, i int) []Doc {
		return append(append([]Doc(nil), docs[:i]...), docs[i+1:]...)
	}
	// The report that arrives last: the latest of the newest year.
	last := 0
	for i, d := range all {
		if d.Year > all[last].Year || d.Year == all[last].Year && d.Date > all[last].Date {
			last = i
		}
	}
	// One of the middle of an older year.
	mid := byURL(all, all[len(all)/2].URL)
	changed := append([]Doc(nil), all...)
	changed[mid].Sections = append([]Section(nil), changed[mid].Sections...)
	changed[mid].Sections[1].Text += "新增一段：聘请法律顾问12348名。"
	changed[mid].Version = sectionsHash(changed[mid].Sections)
	renamed := append([]Doc(nil), all...)
	renamed[last].Signer = "新签发人"
	backdated := append([]Doc(nil), all...)
	backdated[last].Date = "2000-01-01" // now first of its year: its year's others renumbered
	noVersion := append([]Doc(nil), all...)
	noVersion[last].Version = ""
	// A report of an older year that arrives after the others (a town that
	// published late, a site back-filled): numbered last, like one of the
	// newest year.
	late := append([]Doc(nil), all...)
	late[mid].Added = "2026-12-06"
	// The docs in index order, to cross the blocks of the main shards.
	_, origin, _ := prepare(all)
	ordered := make([]Doc, len(all))
	for i, k := range origin {
		ordered[i] = all[k]
	}
	return []updateCase{
		// Its shards, meta.json, regions.json and its d/N.json.
		{name: "one added last", before: without(all, last), after: all, update: true, indexed: 1, reports: 1, files: 64},
		{name: "one added in an older year", before: without(all, mid), after: all, update: true, indexed: -1},
		{name: "one of an older year arrives later", before: without(all, mid), after: late, update: true, indexed: 1, reports: 1, files: 64},
		{name: "the late one withdrawn", before: late, after: without(all, mid), update: true, indexed: 0, files: 64},
		{name: "the last withdrawn", before: all, after: without(all, last), update: true, indexed: 0, files: 64},
		{name: "one withdrawn", before: all, after: without(all, mid), update: true, indexed: -1},
		{name: "one corrected", before: all, after: changed, update: true, indexed: -1},
		{name: "a field changed", before: all, after: renamed, update: true, indexed: 1, reports: 1, files: 64},
		{name: "one moved in order", before: all, after: backdated, update: true, indexed: -1},
		{name: "nothing changed", before: all, after: all, update: true, indexed: 0, files: -1},
		{name: "no version", before: without(all, last), after: noVersion, update: true, indexed: 1, reports: 1, files: 64},
		// With blocks of 16, 120 reports are 112 in the main shards and 8 in
		// the tail: an addition in date order re-indexes the tail alone.
		{name: "tail: one added last", before: without(all, last), after: all, tailBlock: 16, update: true, indexed: 8, reports: 1, mainKept: true},
		{name: "tail: the last withdrawn", before: all, after: without(all, last), tailBlock: 16, update: true, indexed: 7, reports: 0, mainKept: true},
		{name: "tail: a field changed", before: all, after: renamed, tailBlock: 16, update: true, indexed: 8, reports: 1, mainKept: true},
		{name: "tail: nothing changed", before: all, after: all, tailBlock: 16, update: true, indexed: 0, files: -1},
		{name: "tail: from no tail", before: ordered[:112], after: ordered[:113], tailBlock: 16, update: true, indexed: 1, reports: 1, mainKept: true},
		{name: "tail: to no tail", before: ordered[:113], after: ordered[:112], tailBlock: 16, update: true, indexed: 0, reports: 0, mainKept: true},
		// A block fills up: its reports move into the main shards (blocks
		// of 4 from 112 reports on keep the main shard count, 59).
		{name: "tail: a block fills", before: ordered[:115], after: ordered[:117], tailBlock: 4, update: true, indexed: 5, reports: 2},
		{name: "tail: a block empties", before: ordered[:117], after: ordered[:115], tailBlock: 4, update: true, indexed: 3, reports: 0},
		{name: "tail: one added in an older year", before: without(all, mid), after: all, tailBlock: 16, update: true, indexed: -1},
		{name: "tail: one of an older year arrives later", before: without(all, mid), after: late, tailBlock: 16, update: true, indexed: 8, reports: 1, mainKept: true},
		{name: "tail: one corrected", before: all, after: changed, tailBlock: 16, update: true, indexed: -1},
		{name: "tail: block size changed", before: all, after: all, tailBlock: -1},
		{name: "from empty", before: nil, after: all[:40]},
		{name: "to empty", before: all[:40], after: nil},
		{name: "a shard unreadable", before: without(all, last), after: all, corrupt: "s/"},
		{name: "a report file unreadable", before: all, after: without(all, mid), corrupt: "d/"},
		{name: "many renumbered", before: all[60:], after: append(append([]Doc(nil), all[:30]...), all[60:]...)},
		{name: "shard count changes", before: all[:20], after: all[:40], shardBytes: 8 << 10},
	}
}

// TestUpdateMatchesBuild updates indexes through many kinds of change and
// requires the files and state a full build of the same docs gives, byte
// for byte.
func TestUpdateMatchesBuild(t *testing.T) {
	for _, c := range updateCases(t) {
		t.Run(c.name, func(t *testing.T) {
			opt := Options{ShardBytes: c.shardBytes, TailBlock: c.tailBlock}
			if c.tailBlock < 0 { // built with blocks of 16, updated with the default
				opt.TailBlock = 16
			}
			prev, err := BuildIndex(c.before, opt)
			if err != nil {
				t.Fatal(err)
			}
			opt.TailBlock = max(c.tailBlock, 0)
			old := map[string][]byte{}
			for _, f := range prev.Files {
				old[f.Path] = f.Data
			}
			for _, p := range prev.Paths {
				if c.corrupt != "" && strings.HasPrefix(p, c.corrupt) {
					old[p] = []byte("{garbled")
				}
			}
			opt.Previous = &Previous{State: prev.State, Load: func(p string) ([]byte, error) {
				if d, ok := old[p]; ok {
					return d, nil
				}
				return nil, fmt.Errorf("no %s", p)
			}}
			got, err := BuildIndex(c.after, opt)
			if err != nil {
				t.Fatal(err)
			}
			opt.Previous = nil
			want, err := BuildIndex(c.after, opt)
			if err != nil {
				t.Fatal(err)
			}
			if c.update && got.Rebuilt != "" {
				t.Fatalf("rebuilt: %s", got.Rebuilt)
			}
			if !c.update && got.Rebuilt == "" {
				t.Fatalf("updated, %d docs indexed; want a full build", got.Indexed)
			}
			if c.update && c.indexed >= 0 && got.Indexed != c.indexed {
				t.Errorf("%d docs indexed, want %d", got.Indexed, c.indexed)
			}
			reports := 0
			for _, f := range got.Files {
				if strings.HasPrefix(f.Path, "d/") {
					reports++
				}
				if c.mainKept && strings.HasPrefix(f.Path, "s/") {
					t.Errorf("%s written: the main shards should be kept", f.Path)
				}
			}
			if c.update && c.indexed >= 0 && reports != c.reports {
				t.Errorf("%d d/N.json written, want %d", reports, c.reports)
			}
			if c.files < 0 && len(got.Files) > 0 {
				t.Errorf("update wrote %d files, want none", len(got.Files))
			}
			if c.update {
				for _, f := range got.Files {
					if d, ok := old[f.Path]; ok && bytes.Equal(d, f.Data) {
						t.Errorf("%s returned though unchanged", f.Path)
					}
				}
			}
			if c.files > 0 && len(got.Files) > c.files {
				t.Errorf("update wrote %d of %d files, want at most %d", len(got.Files), len(want.Files), c.files)
			}
			// The previous files the update kept, with what it wrote over them.
			result := map[string][]byte{}
			for _, p := range got.Paths {
				if d, ok := old[p]; ok {
					result[p] = d
				}
			}
			for _, f := range got.Files {
				result[f.Path] = f.Data
			}
			if len(result) != len(want.Files) || len(got.Paths) != len(want.Paths) {
				t.Fatalf("%d files (%d paths), want %d", len(result), len(got.Paths), len(want.Files))
			}
			for i, f := range want.Files {
				if got.Paths[i] != f.Path {
					t.Fatalf("path %d is %s, want %s", i, got.Paths[i], f.Path)
				}
				if !bytes.Equal(result[f.Path], f.Data) {
					t.Errorf("%s differs from a full build's", f.Path)
				}
			}
			if !bytes.Equal(got.State, want.State) {
				t.Error("state differs from a full build's")
			}
		})
	}
}

// BenchmarkUpdate times adding the newest report to an index of 2,000.
func BenchmarkUpdate(b *testing.B) {
	all := versioned(synthCorpus(b, 2000, 11))
	last := 0
	for i, d := range all {
		if d.Year > all[last].Year || d.Year == all[last].Year && d.Date > all[last].Date {
			last = i
		}
	}
	before := append(append([]Doc(nil), all[:last]...), all[last+1:]...)
	prev, err := BuildIndex(before, Options{})
	if err != nil {
		b.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range prev.Files {
		files[f.Path] = f.Data
	}
	opt := Options{Previous: &Previous{State: prev.State, Load: func(p string) ([]byte, error) { return files[p], nil }}}
	b.ResetTimer()
	for b.Loop() {
		ix, err := BuildIndex(all, opt)
		if err != nil || ix.Rebuilt != "" {
			b.Fatal(err, ix.Rebuilt)
		}
		b.ReportMetric(float64(len(ix.Files)), "files/op")
	}
}

package site

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
	"time"

	"nianbao/internal/content"
	"nianbao/internal/filestamp"
)

func testEntry(name, text string) entry {
	return entry{
		name: name, stamp: filestamp.Stamp{Size: int64(len(text)), Mtime: 1_600_000_000_000_000_000, Ctime: 1_600_000_000_000_000_000, Ino: 7}, hash: sha256.Sum256([]byte(text)),
		meta:     content.Meta{Title: text, Town: "后叶镇", Year: 2024, Issuers: []string{"甲", "乙"}, Sections: []content.Section{{Title: "一、", Kind: "measures", ID: "s1"}}},
		bodyLine: 12, sections: []content.Heading{{Level: 2, ID: "s1", Text: "一、", Line: 3}}, leadText: "导语。",
		partsAt: span{10, 20},
	}
}

// TestIndexLog checks that the index keeps what it is given across
// appends and rewrites, and survives a record cut short.
func TestIndexLog(t *testing.T) {
	dir := t.TempDir()
	now := time.Unix(1_700_000_000, 0)
	entries := []entry{testEntry("a.md", "一"), testEntry("b.md", "二"), testEntry("c.md", "三")}
	idx, ok := readIndex(dir, "v1")
	if ok {
		t.Fatal("an index where there is none")
	}
	if err := writeIndex(dir, "v1", entries, idx, ok, now); err != nil {
		t.Fatal(err)
	}
	idx, ok = readIndex(dir, "v1")
	if !ok || len(idx.byName) != 3 || idx.records != 3 {
		t.Fatalf("read %d entries in %d records, ok %v", len(idx.byName), idx.records, ok)
	}
	got := idx.byName["b.md"]
	if got.meta.Title != "二" || got.meta.Issuers[1] != "乙" || got.sections[0].ID != "s1" || got.leadText != "导语。" || got.partsAt.n != 20 || got.hash != entries[1].hash {
		t.Errorf("entry read back as %+v", got)
	}
	if _, ok := readIndex(dir, "v2"); ok {
		t.Error("an index of another version was used")
	}

	// One changed, one removed, one added: three records appended.
	entries = []entry{testEntry("a.md", "一改"), testEntry("c.md", "三"), testEntry("d.md", "四")}
	if err := writeIndex(dir, "v1", entries, idx, ok, now); err != nil {
		t.Fatal(err)
	}
	idx, ok = readIndex(dir, "v1")
	if !ok || len(idx.byName) != 3 || idx.records != 6 || idx.byName["b.md"] != nil || idx.byName["a.md"].meta.Title != "一改" {
		t.Fatalf("after appending: %d entries in %d records", len(idx.byName), idx.records)
	}
	// Nothing changed: nothing written.
	info, _ := os.Stat(filepath.Join(dir, "index"))
	if err := writeIndex(dir, "v1", entries, idx, ok, now); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(filepath.Join(dir, "index")); after.Size() != info.Size() {
		t.Error("an unchanged index was written")
	}
	// A record cut short ends the log.
	f, _ := os.OpenFile(filepath.Join(dir, "index"), os.O_WRONLY|os.O_APPEND, 0o644)
	f.Write([]byte{recEntry, 5, 'x'})
	f.Close()
	idx, ok = readIndex(dir, "v1")
	if !ok || len(idx.byName) != 3 {
		t.Fatalf("a cut record lost the log: %d entries", len(idx.byName))
	}
	// A file modified just before the index was written is hashed again.
	entries = append(entries, testEntry("e.md", "五"))
	entries[len(entries)-1].stamp.Ctime = now.UnixNano()
	if err := writeIndex(dir, "v1", entries, idx, ok, now); err != nil {
		t.Fatal(err)
	}
	idx, _ = readIndex(dir, "v1")
	if idx.byName["e.md"].stamp.Known() {
		t.Error("a racy change time was trusted")
	}
}

// TestPack checks that parts come back as put, and that parts whose
// report changed are not handed out.
func TestPack(t *testing.T) {
	p, err := openPack(t.TempDir(), true)
	if err != nil {
		t.Fatal(err)
	}
	defer p.close()
	e := testEntry("a.md", "一")
	want := &parts{toc: []content.Heading{{Level: 2, ID: "s1", Text: "一、举措", Line: 3}}, lead: "<p>导语。</p>", sections: []string{"<p>甲</p>", "<h3 id=\"s2-1\">乙</h3>"}}
	if err := p.put(&e, want); err != nil {
		t.Fatal(err)
	}
	got, err := p.get(&e)
	if err != nil || got.lead != want.lead || len(got.sections) != 2 || got.sections[1] != want.sections[1] || got.toc[0] != want.toc[0] {
		t.Fatalf("got %+v, %v", got, err)
	}
	other := testEntry("a.md", "一")
	other.partsAt = e.partsAt
	other.hash[0]++
	if _, err := p.get(&other); err == nil {
		t.Error("parts handed out for other bytes")
	}
}

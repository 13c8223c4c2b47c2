package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"nianbao/internal/bincode"
	"nianbao/internal/content"
	"nianbao/internal/figures"
	"nianbao/internal/filestamp"
)

func testRecord(name, text string) *Record {
	return &Record{
		Name: name, Stamp: filestamp.Stamp{Size: int64(len(text)), Mtime: 1_600_000_000_000_000_000, Ctime: 1_600_000_000_000_000_000, Ino: 7}, Hash: sha256.Sum256([]byte(text)),
		Meta:     content.Meta{Title: text, Town: "后叶镇", Year: 2024, Issuers: []string{"甲", "乙"}, Sections: []content.Section{{Title: "一、", Kind: "measures", ID: "s1"}}},
		BodyLine: 12, Sections: []content.Heading{{Level: 2, ID: "s1", Text: "一、", Line: 3}}, Lead: "导语。",
		PartsAt: Span{10, 20},
	}
}

// TestIndexLog checks that the index keeps what it is given across
// appends and rewrites, and survives a record cut short.
func TestIndexLog(t *testing.T) {
	dir := t.TempDir()
	now := time.Unix(1_700_000_000, 0)
	entries := []*Record{testRecord("a.md", "一"), testRecord("b.md", "二"), testRecord("c.md", "三")}
	idx, ok := ReadIndex(dir, "v1")
	if ok {
		t.Fatal("an index where there is none")
	}
	if err := WriteIndex(dir, "v1", entries, idx, ok, now); err != nil {
		t.Fatal(err)
	}
	idx, ok = ReadIndex(dir, "v1")
	if !ok || len(idx.byName) != 3 || idx.records != 3 {
		t.Fatalf("read %d entries in %d records, ok %v", len(idx.byName), idx.records, ok)
	}
	got := idx.byName["b.md"]
	if got.Meta.Title != "二" || got.Meta.Issuers[1] != "乙" || got.Sections[0].ID != "s1" || got.Lead != "导语。" || got.PartsAt.N != 20 || got.Hash != entries[1].Hash {
		t.Errorf("entry read back as %+v", got)
	}
	if _, ok := ReadIndex(dir, "v2"); ok {
		t.Error("an index of another version was used")
	}

	// One changed, one removed, one added: three records appended.
	entries = []*Record{testRecord("a.md", "一改"), testRecord("c.md", "三"), testRecord("d.md", "四")}
	if err := WriteIndex(dir, "v1", entries, idx, ok, now); err != nil {
		t.Fatal(err)
	}
	idx, ok = ReadIndex(dir, "v1")
	if !ok || len(idx.byName) != 3 || idx.records != 6 || idx.byName["b.md"] != nil || idx.byName["a.md"].Meta.Title != "一改" {
		t.Fatalf("after appending: %d entries in %d records", len(idx.byName), idx.records)
	}
	// Nothing changed: nothing written.
	info, _ := os.Stat(filepath.Join(dir, "index"))
	if err := WriteIndex(dir, "v1", entries, idx, ok, now); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(filepath.Join(dir, "index")); after.Size() != info.Size() {
		t.Error("an unchanged index was written")
	}
	// A record cut short ends the log.
	f, _ := os.OpenFile(filepath.Join(dir, "index"), os.O_WRONLY|os.O_APPEND, 0o644)
	f.Write([]byte{recEntry, 5, 'x'})
	f.Close()
	idx, ok = ReadIndex(dir, "v1")
	if !ok || len(idx.byName) != 3 {
		t.Fatalf("a cut record lost the log: %d entries", len(idx.byName))
	}
	// A file modified just before the index was written is hashed again.
	entries = append(entries, testRecord("e.md", "五"))
	entries[len(entries)-1].Stamp.Ctime = now.UnixNano()
	if err := WriteIndex(dir, "v1", entries, idx, ok, now); err != nil {
		t.Fatal(err)
	}
	idx, _ = ReadIndex(dir, "v1")
	if idx.byName["e.md"].Stamp.Known() {
		t.Error("a racy change time was trusted")
	}
}

// The log is appended to while what it supersedes stays small, and written
// afresh when a build changed many of its files: after every file was
// touched it holds each record once, not twice.
func TestIndexLogStaysSmall(t *testing.T) {
	dir := t.TempDir()
	now := time.Unix(1_700_000_000, 0)
	var entries []*Record
	for i := range 1000 {
		entries = append(entries, testRecord(strconv.Itoa(i)+".md", strconv.Itoa(i)))
	}
	write := func() *Index {
		t.Helper()
		idx, ok := ReadIndex(dir, "v1")
		if err := WriteIndex(dir, "v1", entries, idx, ok, now); err != nil {
			t.Fatal(err)
		}
		idx, _ = ReadIndex(dir, "v1")
		return idx
	}
	write()
	for i := range 10 {
		entries[i].Stamp.Ino++
	}
	if idx := write(); idx.records != 1010 {
		t.Errorf("ten files changed: %d records, want the ten appended (1010)", idx.records)
	}
	for _, x := range entries {
		x.Stamp.Ino++
	}
	if idx := write(); idx.records != 1000 || len(idx.byName) != 1000 {
		t.Errorf("every file changed: %d records of %d files, want the log written afresh (1000)", idx.records, len(idx.byName))
	}
}

// TestPack checks that parts come back as put, and that parts whose
// report changed are not handed out.
func TestPack(t *testing.T) {
	p, err := OpenPack(t.TempDir(), true)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	e := testRecord("a.md", "一")
	want := &Parts{TOC: []content.Heading{{Level: 2, ID: "s1", Text: "一、举措", Line: 3}}, Lead: "<p>导语。</p>", Sections: []string{"<p>甲</p>", "<h3 id=\"s2-1\">乙</h3>"}}
	if err := p.Put(e, want); err != nil {
		t.Fatal(err)
	}
	got, err := p.Get(e)
	if err != nil || got.Lead != want.Lead || len(got.Sections) != 2 || got.Sections[1] != want.Sections[1] || got.TOC[0] != want.TOC[0] {
		t.Fatalf("got %+v, %v", got, err)
	}
	other := testRecord("a.md", "一")
	other.PartsAt = e.PartsAt
	other.Hash[0]++
	if _, err := p.Get(other); err == nil {
		t.Error("parts handed out for other bytes")
	}
}

// factsCases are a report's figures as the pack must give them back: words
// that are part of the sentence and words that are not, empty words, a
// sentence shared by facts, repeated after another, and one that is empty.
func factsCases() [][]figures.Fact {
	s1 := "全年开展普法宣传活动48场次，受教育群众2200余人次。"
	s2 := "罚款38650元。"
	return [][]figures.Fact{
		nil,
		{{Part: 1, Sentence: s1, Clause: "全年开展普法宣传活动48场次，", Written: "48场次", Number: "48", Unit: "场次", Value: 48, Indicator: "pufa_events", Once: true},
			{Part: 1, Sentence: s1, Clause: "受教育群众2200余人次。", Written: "2200余人次", Number: "2200", Qualifier: "余", Unit: "人次", Value: 2200, Indicator: "pufa_audience"},
			{Part: 2, Sentence: s2, Clause: s2, Written: "38650元", Number: "38650", Unit: "元", Value: 38650, High: 0.5, Target: true, Rate: true},
			{Part: 3, Sentence: s1, Clause: "改写的分句", Written: "四十八场", Number: "四十八", Unit: "场", Value: 48},
			{Part: 3, Sentence: "", Clause: "", Written: "3至5场", Number: "3", Unit: "场", Value: 3, High: 5},
			{Part: 4, Sentence: s1, Clause: s1, Written: s1 + "外", Unit: "%", Value: math.Inf(1)}},
	}
}

// TestPackFacts checks that a report's figures come back from the pack as
// they went in.
func TestPackFacts(t *testing.T) {
	p, err := OpenPack(t.TempDir(), true)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for i, want := range factsCases() {
		e := testRecord("a.md", "一")
		if err := p.PutFacts(e, want); err != nil {
			t.Fatal(err)
		}
		got, err := p.GetFacts(e, nil)
		if err != nil || len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
			t.Errorf("case %d: got %+v, %v\nwant %+v", i, got, err, want)
		}
		// Read with a filter, the facts it accepts, in their order.
		classified := func(f *figures.Fact) bool { return f.Indicator != "" }
		var wantSome []figures.Fact
		for _, f := range want {
			if classified(&f) {
				wantSome = append(wantSome, f)
			}
		}
		if got, err := p.GetFacts(e, classified); err != nil || !reflect.DeepEqual(got, wantSome) {
			t.Errorf("case %d, classified only: got %+v, %v\nwant %+v", i, got, err, wantSome)
		}
	}
}

// FuzzPackFacts reads a damaged facts blob: an error or facts, never a
// panic, and every word within what was read.
func FuzzPackFacts(f *testing.F) {
	p, err := OpenPack(f.TempDir(), true)
	if err != nil {
		f.Fatal(err)
	}
	for _, facts := range factsCases() {
		e := testRecord("a.md", "一")
		if err := p.PutFacts(e, facts); err != nil {
			f.Fatal(err)
		}
		blob := make([]byte, e.FactsAt.N)
		if _, err := p.f.ReadAt(blob, e.FactsAt.Off); err != nil {
			f.Fatal(err)
		}
		f.Add(blob[bincodeHashLen(blob):])
	}
	p.Close()
	f.Fuzz(func(t *testing.T, body []byte) {
		facts, err := decodeFacts(bincode.ViewDecoder(body), nil)
		if err != nil {
			return
		}
		for _, x := range facts {
			for _, s := range []string{x.Sentence, x.Clause, x.Written, x.Number, x.Qualifier, x.Unit, x.Indicator} {
				if len(s) > len(body) {
					t.Fatalf("a word of %d bytes from %d", len(s), len(body))
				}
			}
		}
	})
}

// bincodeHashLen is how many bytes the hash takes at the start of a blob.
func bincodeHashLen(blob []byte) int {
	n, k := binary.Uvarint(blob)
	return k + int(n)
}

// TestCodeVersionIsTheBuildID checks that an executable the go command
// built is named by its build ID, as "go tool buildid" prints it, and that
// a file with no build ID, or one set by hand, has none.
func TestCodeVersionIsTheBuildID(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("build IDs are read from ELF executables")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	out, err := exec.Command(goTool, "tool", "buildid", exe).Output()
	if err != nil {
		t.Skipf("go tool buildid: %v", err)
	}
	want := strings.TrimSpace(string(out))
	if got := CodeVersion(""); got != "go build "+want {
		t.Errorf("CodeVersion = %q, want %q", got, "go build "+want)
	}
	text := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(text, []byte("不是可执行文件"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := buildID(text); got != "" {
		t.Errorf("buildID of a text file = %q", got)
	}
	hand := filepath.Join(t.TempDir(), "hand")
	cmd := exec.Command(goTool, "build", "-ldflags=-buildid=v1", "-o", hand, "./testdata/hello")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("go build: %v\n%s", err, out)
	}
	if got := buildID(hand); got != "" {
		t.Errorf("buildID of an executable built with -buildid=v1 = %q, want none (the hash instead)", got)
	}
}

// TestCodeVersionKept checks that the executable's hash is read back from
// the cache only for the same executable (its stamp), and only when it was
// kept well after the executable last changed: a kept hash is trusted
// there (a made-up one is returned, proving it was read), and made again
// for another stamp, a racy one, or a damaged file.
func TestCodeVersionKept(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	want := hashVersion(exe, "")
	if want == "" {
		t.Skip("the test executable cannot be read")
	}
	dir := t.TempDir()
	if got := hashVersion(exe, dir); got != want {
		t.Fatalf("hashVersion = %s, want %s", got, want)
	}
	info, err := os.Stat(exe)
	if err != nil {
		t.Fatal(err)
	}
	stamp := filestamp.Of(info)
	file := filepath.Join(dir, "code-version")
	madeUp := strings.Repeat("ab", sha256.Size)
	later := stamp.Changed() + int64(RacyWindow) + int64(time.Second)
	for _, tt := range []struct {
		name    string
		stamp   filestamp.Stamp
		written int64
		sum     string
		want    string
	}{
		{"kept for this executable", stamp, later, madeUp, madeUp},
		{"kept for another", filestamp.Stamp{Size: stamp.Size + 1, Mtime: stamp.Mtime, Ctime: stamp.Ctime, Ino: stamp.Ino}, later, madeUp, want},
		{"kept just after the executable changed", stamp, stamp.Changed() + int64(time.Millisecond), madeUp, want},
		{"not a hash", stamp, later, "abc", want},
	} {
		if err := writeCodeVersion(file, tt.stamp, tt.written, tt.sum); err != nil {
			t.Fatal(err)
		}
		if got := hashVersion(exe, dir); got != tt.want {
			t.Errorf("%s: hashVersion = %s, want %s", tt.name, got, tt.want)
		}
	}
	if err := os.WriteFile(file, []byte("nianbao code version 1\n\xff\xff"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := hashVersion(exe, dir); got != want {
		t.Errorf("damaged file: hashVersion = %s, want %s", got, want)
	}
}

// FuzzReadCodeVersion checks that a kept code version file of any bytes
// gives a hash of the right length or none, and never panics.
func FuzzReadCodeVersion(f *testing.F) {
	var e bincode.Encoder
	e.Str(codeVersionMagic)
	for range 4 {
		e.Int(1)
	}
	e.Int(1 << 40)
	e.Str(strings.Repeat("ab", sha256.Size))
	f.Add(e.B)
	f.Add([]byte(codeVersionMagic))
	file := filepath.Join(f.TempDir(), "code-version")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if sum := readCodeVersion(file, filestamp.Stamp{Size: 1, Mtime: 1, Ctime: 1, Ino: 1}); sum != "" && len(sum) != 2*sha256.Size {
			t.Errorf("hash %q of the wrong length", sum)
		}
	})
}

// TestManifestPathThroughLinks checks that one output directory has one
// manifest, however its path is written: through a linked folder, relative
// or not, or not made yet; and that two directories have two.
func TestManifestPathThroughLinks(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	if err := os.MkdirAll(filepath.Join(real, "site"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, filepath.Join(dir, "link")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	t.Chdir(dir)
	cache := filepath.Join(dir, "cache")
	want := ManifestPath(cache, filepath.Join(real, "site", "public"))
	for _, out := range []string{
		filepath.Join(dir, "link", "site", "public"),
		filepath.Join("link", "site", "public"),
		filepath.Join("real", "site", ".", "public"),
		filepath.Join(dir, "link", "site", "..", "site", "public"),
	} {
		if got := ManifestPath(cache, out); got != want {
			t.Errorf("%s: %s, want %s", out, got, want)
		}
	}
	// Folders not made yet are named as written, below the linked one.
	if a, b := ManifestPath(cache, filepath.Join(dir, "link", "new", "public")), ManifestPath(cache, filepath.Join(real, "new", "public")); a != b {
		t.Errorf("a folder not made yet: %s against %s", a, b)
	}
	if ManifestPath(cache, filepath.Join(real, "site", "other")) == want {
		t.Error("two output directories share a manifest")
	}
}

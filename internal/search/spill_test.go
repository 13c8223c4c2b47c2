package search

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
)

// TestSpillMatchesMemory checks that an index built in runs spilled to
// disk is byte for byte the index built in memory, whatever the size of
// the runs, with a tail or without, returned or emitted, and that the
// spill leaves nothing behind.
func TestSpillMatchesMemory(t *testing.T) {
	docs := synthCorpus(t, 300, 7)
	for _, block := range []int{1, 16, 256} {
		want, err := Build(docs, Options{ShardBytes: 8 << 10, TailBlock: block})
		if err != nil {
			t.Fatal(err)
		}
		for _, run := range []int{1, 64 << 10, 1 << 20} {
			dir := t.TempDir()
			opt := Options{ShardBytes: 8 << 10, TailBlock: block, RunBytes: run, SpillDir: dir}
			got, err := Build(docs, opt)
			if err != nil {
				t.Fatal(err)
			}
			sameFiles(t, got, want, "block %d, runs of %d bytes", block, run)
			var mu sync.Mutex
			var emitted []File
			opt.Emit = func(f File) {
				mu.Lock()
				emitted = append(emitted, f)
				mu.Unlock()
			}
			if _, err := BuildIndex(docs, opt); err != nil {
				t.Fatal(err)
			}
			sort.Slice(emitted, func(i, j int) bool { return emitted[i].Path < emitted[j].Path })
			sameFiles(t, emitted, want, "block %d, runs of %d bytes, emitted", block, run)
			if left, _ := os.ReadDir(dir); len(left) > 0 {
				t.Errorf("the spill left %s", left[0].Name())
			}
		}
	}
}

// TestSpillRuns checks that small runs do make a build spill, in more
// than one run, so that TestSpillMatchesMemory tests the merge.
func TestSpillRuns(t *testing.T) {
	docs := synthCorpus(t, 300, 7)
	clean, origin, errs := prepare(docs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	in := &input{docs: clean, origin: origin, given: docs, spillDir: t.TempDir(), runBytes: 64 << 10}
	rs, _, _, err := collect(in)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.close()
	if rs.sp == nil || len(rs.spans) < 3 {
		t.Fatalf("%d runs spilled, want 3 or more", len(rs.spans))
	}
}

// TestSpillUnavailable checks that a build that cannot make its spill
// (its directory is a file) builds the same index in memory.
func TestSpillUnavailable(t *testing.T) {
	docs := synthCorpus(t, 120, 8)
	want, err := Build(docs, Options{})
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Build(docs, Options{RunBytes: 1, SpillDir: file})
	if err != nil {
		t.Fatal(err)
	}
	sameFiles(t, got, want, "no spill")
}

// TestShardOrder checks the order the spill writes tokens in: shards are
// ranges of hashes, so sorting by hash puts each shard's tokens together,
// and keyHash is the hash of the token's text.
func TestShardOrder(t *testing.T) {
	keys := []key{uniKey('法'), uniKey('a'), uniKey(0x1F600), biKey('法', '治'), biKey('1', 'a'), asciiKey([]rune("12348")), asciiKey([]rune("abcdefgh"))}
	for _, k := range keys {
		if got, want := keyHash(k), fnv32(k.String()); got != want {
			t.Errorf("keyHash(%q) = %#x, want %#x", k.String(), got, want)
		}
	}
	for _, n := range []int{1, 2, 3, 7, 1000, 1 << 20} {
		last := 0
		for _, h := range []uint32{0, 1, 1 << 16, 1<<31 - 1, 1 << 31, 1<<32 - 2, 1<<32 - 1} {
			s := shardOfHash(h, n)
			if s < last || s >= n {
				t.Fatalf("%d shards: hash %#x in shard %d after shard %d", n, h, s, last)
			}
			last = s
		}
		if last != n-1 {
			t.Errorf("%d shards: the largest hash is in shard %d", n, last)
		}
	}
}

// FuzzKeyHash checks keyHash against the hash of the text for any token
// the tokenizer makes.
func FuzzKeyHash(f *testing.F) {
	f.Add("法治政府建设 2024 年度报告 12348")
	f.Fuzz(func(t *testing.T, s string) {
		c := newCounter()
		occs, _ := c.tokenize(&Doc{URL: "/x/", Title: s}, nil)
		for _, o := range occs {
			if got, want := keyHash(o.k), fnv32(o.k.String()); got != want {
				t.Fatalf("keyHash(%q) = %#x, want %#x", o.k.String(), got, want)
			}
		}
	})
}

// sameFiles fails t unless got and want are the same files.
func sameFiles(t *testing.T, got, want []File, format string, args ...any) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf(format+": %d files, want %d", append(args, len(got), len(want))...)
	}
	for i := range want {
		if got[i].Path != want[i].Path || !bytes.Equal(got[i].Data, want[i].Data) {
			t.Fatalf(format+": %s differs", append(args, want[i].Path)...)
		}
	}
}

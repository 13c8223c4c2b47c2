package publish

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

// writeTree writes files (slash paths → text) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readTree reads every file under dir (slash paths → text).
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		got[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// names lists the entries of dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return out
}

// TestGuard lists the outputs a build refuses, word for word.
func TestGuard(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"content/a.md": "x", "sources/a.txt": "x", "site.yaml": "name: x",
		"notes/todo.txt": "keep me", "empty/.keep": "",
		"old-public/index.html": "<p>", "ours/" + Marker: markerText, "ours/index.html": "<p>",
	})
	os.Remove(filepath.Join(root, "empty", ".keep"))
	if err := os.Symlink(filepath.Join(root, "content"), filepath.Join(root, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "ours"), filepath.Join(root, "ours-link")); err != nil {
		t.Fatal(err)
	}
	reads := []Input{
		{filepath.Join(root, "content"), "报告的 Markdown 文件夹（-content）"},
		{filepath.Join(root, "sources"), "报告原件文件夹（-sources）"},
		{filepath.Join(root, "site.yaml"), "网站设置文件（-config）"},
	}
	at := func(p string) string { return filepath.Join(root, p) }
	notOurs := " 不是构建生成的文件夹（里面没有 .nianbao-site 文件），而且不是空的；构建会整体替换输出文件夹，会删掉里面的文件：请换一个空的或新的文件夹，或先把里面的文件移走"
	tests := []struct {
		out    string
		legacy bool
		want   string
	}{
		{out: at("public")},
		{out: at("deep/new/public")},
		{out: at("empty")},
		{out: at("ours")},
		{out: at("old-public"), legacy: true},
		{out: at("sources"), want: "-out " + at("sources") + " 是报告原件文件夹（-sources），构建要读取它；构建会整体替换输出文件夹，会把它删掉：请换一个文件夹，例如 -out public"},
		{out: at("site.yaml"), want: "-out " + at("site.yaml") + " 是网站设置文件（-config），构建要读取它；构建会整体替换输出文件夹，会把它删掉：请换一个文件夹，例如 -out public"},
		{out: at("link"), want: "-out " + at("link") + " 是报告的 Markdown 文件夹（-content），构建要读取它；构建会整体替换输出文件夹，会把它删掉：请换一个文件夹，例如 -out public"},
		{out: root, want: "-out " + root + " 包含了项目文件夹 " + root + "，构建时会连同它一起删除：请换一个文件夹，例如 -out public"},
		{out: filepath.Dir(root), want: "-out " + filepath.Dir(root) + " 包含了项目文件夹 " + root + "，构建时会连同它一起删除：请换一个文件夹，例如 -out public"},
		{out: at("content/public"), want: "-out " + at("content/public") + " 位于 " + at("content") + "（报告的 Markdown 文件夹（-content））之内：请换一个在它之外的文件夹，例如 -out public"},
		{out: at("notes/todo.txt"), want: "-out " + at("notes/todo.txt") + " 是文件，不是文件夹：请换一个文件夹，例如 -out public"},
		{out: at("notes"), want: "-out " + at("notes") + notOurs},
		{out: at("ours-link"), want: "-out " + at("ours-link") + " 是符号链接：请直接写出它指向的文件夹（" + at("ours") + "），或换一个文件夹"},
		{out: at("old-public"), want: "-out " + at("old-public") + notOurs},
	}
	for _, tt := range tests {
		err := Guard(tt.out, root, reads, tt.legacy)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Guard(%s):\n got %q\nwant %q", tt.out, got, tt.want)
		}
	}
	if got := readTree(t, at("notes")); got["todo.txt"] != "keep me" {
		t.Error("a refused output was touched")
	}
}

// TestSwap checks that a new tree replaces the old one whole, also where
// there was none, and that nothing is left beside it.
func TestSwap(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	for i, files := range []map[string]string{
		{"index.html": "one", "a/b.html": "b"},
		{"index.html": "two", "c.html": "c"},
	} {
		tree, err := NewTree(out)
		if err != nil {
			t.Fatal(err)
		}
		writeTree(t, tree, files)
		if err := Swap(tree, out, nil); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{Marker: markerText}
		for k, v := range files {
			want[k] = v
		}
		if got := readTree(t, out); !reflect.DeepEqual(got, want) {
			t.Errorf("swap %d: got %v, want %v", i, got, want)
		}
		if got := names(t, parent); !reflect.DeepEqual(got, []string{"public"}) {
			t.Errorf("swap %d: beside the output: %v", i, got)
		}
	}
}

// TestRecoverFinishesAnApply stops an Apply after each of its steps (by
// carrying out only part of its journal) and checks that Recover always
// ends with the whole new tree and nothing beside it.
func TestRecoverFinishesAnApply(t *testing.T) {
	old := map[string]string{Marker: markerText, "index.html": "old", "gone/x.html": "x", "keep.html": "k"}
	moves := []string{"index.html", "new/deep/y.html"}
	removes := []string{"gone/x.html"}
	want := map[string]string{Marker: markerText, "index.html": "new", "new/deep/y.html": "y", "keep.html": "k"}
	for done := 0; done <= len(moves)+len(removes); done++ {
		parent := t.TempDir()
		out := filepath.Join(parent, "public")
		writeTree(t, out, old)
		stage, err := NewStage(out)
		if err != nil {
			t.Fatal(err)
		}
		writeTree(t, stage, map[string]string{"index.html": "new", "new/deep/y.html": "y"})
		j := &journal{kind: kindApply, tree: filepath.Base(stage), moves: moves, removes: removes}
		if err := j.write(out); err != nil {
			t.Fatal(err)
		}
		// The build is killed after done steps.
		part := &journal{kind: kindApply, tree: j.tree}
		for i := 0; i < done; i++ {
			if i < len(moves) {
				part.moves = append(part.moves, moves[i])
			} else {
				part.removes = append(part.removes, removes[i-len(moves)])
			}
		}
		if err := part.run(out); err != nil {
			t.Fatal(err)
		}
		notes, err := Recover(out)
		if err != nil {
			t.Fatal(err)
		}
		if got := readTree(t, out); !reflect.DeepEqual(got, want) {
			t.Errorf("stopped after %d steps: got %v", done, got)
		}
		if got := names(t, parent); !reflect.DeepEqual(got, []string{"public"}) {
			t.Errorf("stopped after %d steps: beside the output: %v", done, got)
		}
		if len(notes) != 1 || notes[0] != out+"：上次构建在更新网站时中途停止，已替它完成其余 3 处改动：无需处理" {
			t.Errorf("stopped after %d steps: notes %q", done, notes)
		}
	}
}

// TestRecoverFinishesASwap does the same for the journal of a swap, used
// where directories cannot be exchanged: stopped before, between and after
// its two renames.
func TestRecoverFinishesASwap(t *testing.T) {
	for step := 0; step <= 2; step++ {
		parent := t.TempDir()
		out := filepath.Join(parent, "public")
		writeTree(t, out, map[string]string{"index.html": "old"})
		tree, err := NewTree(out)
		if err != nil {
			t.Fatal(err)
		}
		writeTree(t, tree, map[string]string{"index.html": "new"})
		aside := out + ".old-1"
		j := &journal{kind: kindSwap, tree: filepath.Base(tree), old: filepath.Base(aside)}
		if err := j.write(out); err != nil {
			t.Fatal(err)
		}
		if step >= 1 {
			os.Rename(out, aside)
		}
		if step >= 2 {
			os.Rename(tree, out)
		}
		if _, err := Recover(out); err != nil {
			t.Fatal(err)
		}
		if got := readTree(t, out); got["index.html"] != "new" {
			t.Errorf("stopped after %d renames: %v", step, got)
		}
		if got := names(t, parent); !reflect.DeepEqual(got, []string{"public"}) {
			t.Errorf("stopped after %d renames: beside the output: %v", step, got)
		}
	}
}

// TestRecoverRemovesLeftovers checks that what stopped builds left beside
// the output is removed and named, and that nothing else is touched.
func TestRecoverRemovesLeftovers(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	writeTree(t, parent, map[string]string{
		"public/index.html":         "site",
		"public.tmp-123/a.html":     "half a new site",
		"public.tmp-123/b/c.html":   "more",
		"public.old-456/index.html": "an old site",
		"public.journal.tmp":        "nianbao publish jour",
		"publications/x.txt":        "not ours",
	})
	notes, err := Recover(out)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		out + ".journal.tmp：已删除（上次构建中途停止时留下的，1 个文件，20 字节）：无需处理",
		out + ".old-456：已删除（上次构建中途停止时留下的，1 个文件，11 字节）：无需处理",
		out + ".tmp-123：已删除（上次构建中途停止时留下的，2 个文件，19 字节）：无需处理",
	}
	if !reflect.DeepEqual(notes, want) {
		t.Errorf("notes:\n got %q\nwant %q", notes, want)
	}
	if got := names(t, parent); !reflect.DeepEqual(got, []string{"public", "publications"}) {
		t.Errorf("left: %v", got)
	}
}

// TestRecoverRefusesAForeignJournal checks that a journal it cannot read
// is left alone and named.
func TestRecoverRefusesAForeignJournal(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	writeTree(t, parent, map[string]string{"public.journal": "something else\n"})
	_, err := Recover(out)
	want := out + ".journal 不是本程序能读懂的发布记录：如果没有别的构建在运行，请查看其中列出的文件后删除它"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

// TestLock checks that a second build into the same output is refused
// while the first holds it.
func TestLock(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	unlock, err := Lock(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(out); err == nil || !strings.Contains(err.Error(), "另一次构建正在写入 "+filepath.Dir(out)+"：请等它结束后再运行 go run ./cmd/build") {
		t.Errorf("second lock: %v", err)
	}
	unlock()
	unlock2, err := Lock(out)
	if err != nil {
		t.Fatalf("after unlock: %v", err)
	}
	unlock2()
}

// TestWriteFile checks the atomic writer and the names of its temporary
// files.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "sub", "a.md")
	for _, text := range []string{"one", "two"} {
		if err := WriteFile(name, []byte(text)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(name); string(got) != text {
			t.Errorf("got %q, want %q", got, text)
		}
	}
	if got := names(t, filepath.Dir(name)); !reflect.DeepEqual(got, []string{"a.md"}) {
		t.Errorf("left: %v", got)
	}
	for name, want := range map[string]bool{
		".a.md.tmp-123": true, ".import-123.tmp": true, "a.md": false, ".a.md": false, "a.tmp-1": false,
	} {
		if IsTemp(name) != want {
			t.Errorf("IsTemp(%q) = %v", name, !want)
		}
	}
}

// TestRecoverIgnoresAJournalNamingOtherFiles checks that a journal naming
// anything but the build's own folders beside the output, or files outside
// it, is not carried out.
func TestRecoverIgnoresAJournalNamingOtherFiles(t *testing.T) {
	for _, body := range []string{
		"swap\npublic.tmp-1\n../../home\n",
		"swap\n../x\npublic.old-1\n",
		"apply\npublic.tmp-1\n\n-../site.yaml\n",
		"apply\npublic.tmp-1\n\n+/etc/passwd\n",
		"apply\npublic.tmp-1\n\n*x\n",
	} {
		parent := t.TempDir()
		out := filepath.Join(parent, "public")
		writeTree(t, parent, map[string]string{"public.journal": journalMagic + "\n" + body + "end\n", "site.yaml": "keep"})
		_, err := Recover(out)
		want := out + ".journal 不是本程序能读懂的发布记录：如果没有别的构建在运行，请查看其中列出的文件后删除它"
		if err == nil || err.Error() != want {
			t.Errorf("%q: got %v", body, err)
		}
		if got := readTree(t, parent); got["site.yaml"] != "keep" {
			t.Errorf("%q: site.yaml touched", body)
		}
	}
}

// TestTidy checks that the temporary files of killed writes are removed
// and named, and that a write in progress (a recent one) and every other
// file are left alone.
func TestTidy(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"a/.x.md.tmp-1":     "half",
		"a/b/.import-7.tmp": "half",
		"a/.y.md.tmp-2":     "being written",
		"a/x.md":            "x",
		"a/.hidden":         "h",
	})
	old := time.Now().Add(-time.Hour)
	for _, name := range []string{"a/.x.md.tmp-1", "a/b/.import-7.tmp"} {
		if err := os.Chtimes(filepath.Join(dir, filepath.FromSlash(name)), old, old); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := Tidy(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "a", ".x.md.tmp-1"), filepath.Join(dir, "a", "b", ".import-7.tmp")}
	if !reflect.DeepEqual(removed, want) {
		t.Errorf("removed %q, want %q", removed, want)
	}
	got := readTree(t, dir)
	if len(got) != 3 || got["a/.y.md.tmp-2"] == "" || got["a/x.md"] == "" || got["a/.hidden"] == "" {
		t.Errorf("left %v", got)
	}
	if removed, err := Tidy(filepath.Join(dir, "missing")); err != nil || removed != nil {
		t.Errorf("a missing folder: %v, %v", removed, err)
	}
}

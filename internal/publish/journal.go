package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// A journal is written beside the output, whole or not at all, before a
// publication that takes more than one rename starts. Once it exists the
// publication is decided: Recover carries it out to the end, and every
// step can be taken again after a crash (a file already moved is not
// moved again, one already removed is not missed).

const journalMagic = "nianbao publish journal 1"

const (
	kindSwap  = "swap"  // out moved aside to old, tree moved in as out
	kindApply = "apply" // staged files moved into out, others removed
)

type journal struct {
	kind string
	// tree is the new tree (swap) or the staging directory (apply), old
	// the name out is moved aside to (swap): base names beside out.
	tree, old string
	// moves are files of the staging directory to move into out, removes
	// files of out to remove: slash paths inside out.
	moves, removes []string
}

func journalPath(out string) string { return out + ".journal" }

func (j *journal) write(out string) error {
	var b strings.Builder
	b.WriteString(journalMagic + "\n" + j.kind + "\n" + j.tree + "\n" + j.old + "\n")
	for _, list := range []struct {
		tag   string
		names []string
	}{{"+", j.moves}, {"-", j.removes}} {
		for _, n := range list.names {
			if !fs.ValidPath(n) || strings.ContainsAny(n, "\n\r") {
				return fmt.Errorf("publish %s: file name %q cannot be published", out, n)
			}
			b.WriteString(list.tag + n + "\n")
		}
	}
	b.WriteString("end\n")
	name := journalPath(out)
	tmp := name + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	_, err = f.WriteString(b.String())
	if err == nil {
		// The journal is what a crash leaves to go on: it must be on the
		// disk before anything it lists is moved.
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, name)
	}
	if err == nil {
		err = syncDir(filepath.Dir(name))
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// readJournal reads the journal of out; nil when there is none or it is
// not one of ours (then it is left alone and reported).
func readJournal(out string) (*journal, error) {
	data, err := os.ReadFile(journalPath(out))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", journalPath(out), err)
	}
	lines := strings.Split(string(data), "\n")
	if len(lines) < 6 || lines[0] != journalMagic || lines[len(lines)-2] != "end" || lines[len(lines)-1] != "" ||
		(lines[1] != kindSwap && lines[1] != kindApply) {
		return nil, fmt.Errorf("%s 不是本程序能读懂的发布记录：如果没有别的构建在运行，请查看其中列出的文件后删除它", journalPath(out))
	}
	j := &journal{kind: lines[1], tree: lines[2], old: lines[3]}
	// A journal names only what a build makes beside out, and files
	// inside it: whatever else one says is not carried out.
	base := filepath.Base(out)
	bad := !strings.HasPrefix(j.tree, base+".tmp-") || strings.ContainsAny(j.tree, `/\`) ||
		j.kind == kindSwap && (!strings.HasPrefix(j.old, base+".old-") || strings.ContainsAny(j.old, `/\`)) ||
		j.kind == kindApply && j.old != ""
	for _, l := range lines[4 : len(lines)-2] {
		if len(l) < 2 || !fs.ValidPath(l[1:]) {
			bad = true
			break
		}
		switch l[0] {
		case '+':
			j.moves = append(j.moves, l[1:])
		case '-':
			j.removes = append(j.removes, l[1:])
		default:
			bad = true
		}
	}
	if bad {
		return nil, fmt.Errorf("%s 不是本程序能读懂的发布记录：如果没有别的构建在运行，请查看其中列出的文件后删除它", journalPath(out))
	}
	return j, nil
}

// run carries out the journal; it may have been carried out in part.
func (j *journal) run(out string) error {
	parent := filepath.Dir(out)
	if j.kind == kindSwap {
		tree, old := filepath.Join(parent, j.tree), filepath.Join(parent, j.old)
		if exists(tree) {
			if exists(out) {
				if err := os.Rename(out, old); err != nil {
					return fmt.Errorf("move the old site aside: %w", err)
				}
			}
			if err := os.Rename(tree, out); err != nil {
				return fmt.Errorf("move the new site into %s: %w", out, err)
			}
		}
		return syncDir(parent)
	}
	stage := filepath.Join(parent, j.tree)
	made := map[string]bool{}
	for _, name := range j.moves {
		src := filepath.Join(stage, filepath.FromSlash(name))
		dst := filepath.Join(out, filepath.FromSlash(name))
		if !exists(src) {
			continue // moved before the crash
		}
		if dir := filepath.Dir(dst); !made[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("create %s: %w", dir, err)
			}
			made[dir] = true
		}
		if err := os.Rename(src, dst); err != nil {
			return fmt.Errorf("move %s into place: %w", name, err)
		}
	}
	dirs := map[string]bool{}
	for _, name := range j.removes {
		if err := os.Remove(filepath.Join(out, filepath.FromSlash(name))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove %s: %w", name, err)
		}
		for d := path.Dir(name); d != "." && d != "/"; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	// Deepest first, so that a parent is tried once its children are gone;
	// a directory still holding files stays.
	list := make([]string, 0, len(dirs))
	for d := range dirs {
		list = append(list, d)
	}
	sort.Slice(list, func(a, b int) bool {
		da, db := strings.Count(list[a], "/"), strings.Count(list[b], "/")
		if da != db {
			return da > db
		}
		return list[a] < list[b]
	})
	for _, d := range list {
		_ = os.Remove(filepath.Join(out, filepath.FromSlash(d)))
	}
	return nil
}

// carryOut writes the journal, carries it out, and removes it: a crash
// after the first step is finished by Recover.
func (j *journal) carryOut(out string) error {
	if err := j.write(out); err != nil {
		return err
	}
	if err := j.run(out); err != nil {
		return err
	}
	return removeJournal(out)
}

func removeJournal(out string) error {
	if err := os.Remove(journalPath(out)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", journalPath(out), err)
	}
	return nil
}

// Apply publishes the staged files: it moves each of moves (slash paths)
// from stage into out and removes each of removes from out, with the
// directories this leaves empty. The journal written first lets Recover
// finish it if the build is killed half-way, so that out is never left
// half old and half new past the next start. The staging directory is
// removed at the end.
func Apply(out, stage string, moves, removes []string) error {
	if len(moves) > 0 || len(removes) > 0 {
		j := &journal{kind: kindApply, tree: filepath.Base(stage), moves: moves, removes: removes}
		if err := j.carryOut(out); err != nil {
			return err
		}
	}
	return os.RemoveAll(stage)
}

// Recover finishes a publication that a killed build left half done, then
// removes what stopped builds left beside out: trees and staging
// directories (out.tmp-*), old trees (out.old-*) and a journal being
// written. Call it holding the Lock, before anything else touches out.
// It returns one sentence for each thing it did.
func Recover(out string) (notes []string, err error) {
	j, err := readJournal(out)
	if err != nil {
		return nil, err
	}
	if j != nil {
		if err := j.run(out); err != nil {
			return notes, fmt.Errorf("%s：上次构建中途停止，未能替它完成发布（%w）：请检查输出文件夹的写入权限和磁盘空间，再运行 go run ./cmd/build", journalPath(out), err)
		}
		if err := removeJournal(out); err != nil {
			return notes, err
		}
		// What the journal's publication leaves (the emptied staging
		// directory, the old tree) goes with it, unnamed.
		done := j.tree
		if j.kind == kindSwap {
			done = j.old
		}
		if done != "" {
			if err := os.RemoveAll(filepath.Join(filepath.Dir(out), done)); err != nil {
				return notes, err
			}
		}
		switch j.kind {
		case kindSwap:
			notes = append(notes, fmt.Sprintf("%s：上次构建在换上新网站时中途停止，已替它换好：无需处理", out))
		default:
			notes = append(notes, fmt.Sprintf("%s：上次构建在更新网站时中途停止，已替它完成其余 %d 处改动：无需处理", out, len(j.moves)+len(j.removes)))
		}
	}
	left, err := leftovers(out)
	if err != nil {
		return notes, err
	}
	for _, p := range left {
		files, size := du(p)
		if err := os.RemoveAll(p); err != nil {
			return notes, fmt.Errorf("%s：无法删除上次构建中途停止时留下的文件夹（%w）：请检查它的权限，或手工删除它", p, err)
		}
		notes = append(notes, fmt.Sprintf("%s：已删除（上次构建中途停止时留下的，%d 个文件，%d 字节）：无需处理", p, files, size))
	}
	return notes, nil
}

// leftovers lists what stopped builds leave beside out, sorted.
func leftovers(out string) ([]string, error) {
	var list []string
	for _, pattern := range []string{out + ".tmp-*", out + ".old-*", journalPath(out) + ".tmp"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			return nil, err
		}
		list = append(list, m...)
	}
	sort.Strings(list)
	return list, nil
}

// du counts the files and bytes of a tree.
func du(p string) (files int, size int64) {
	_ = filepath.WalkDir(p, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
			if info, err := d.Info(); err == nil {
				size += info.Size()
			}
		}
		return nil
	})
	return files, size
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

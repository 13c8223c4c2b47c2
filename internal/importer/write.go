package importer

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"nianbao/internal/content"
)

// guard decides whether c may be written over what its path holds now. It
// refuses to replace a file edited by hand since import wrote it, or one
// that holds a different source for the same town and year, unless
// opt.Force is set. same is true when the file already holds exactly c.
func guard(c *Converted, opt Options, man *manifest) (same bool, err error) {
	old, err := c.existing(opt)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, &Problem{File: c.Source, Msg: fmt.Sprintf("无法读取 %s（%v）：请检查它的读写权限", c.Path, unwrapPath(err))}
	}
	if c.fileIs(old) {
		return true, nil
	}
	if opt.Force {
		return false, nil
	}
	prev, perr := content.ParseFront(c.Path, old)
	if perr == nil && prev.Meta.Source != "" && prev.Meta.Source != c.Source && prev.Meta.SourceSHA256 != c.Meta.SourceSHA256 {
		return false, &Problem{File: c.Source, Msg: fmt.Sprintf(
			"%s 已有从 %s 导入的%s %d 年度报告，与这份是同一乡镇同一年度的另一份原件，本次未导入："+
				"要以这份为准，运行 %s；要保留原来的，把这份移出 sources/",
			c.Path, prev.Meta.Source, townLabel(&c.Meta), c.Meta.Year, importCommand(opt, c.Source, true))}
	}
	if !man.unchanged(c.Path, old) {
		if perr == nil && prev.Meta.Source == c.Source && prev.Meta.SourceSHA256 != c.Meta.SourceSHA256 {
			// Both sides changed: neither may win silently.
			return false, &Problem{File: c.Source, Msg: fmt.Sprintf(
				"报告原件在导入后有改动，而 %[1]s 也被手工修改过，两边都改了，本次未更新这篇报告（网站上仍是原来的内容）："+
					"要以原件为准、放弃手工修改，运行 %[2]s；"+
					"要保留手工修改，把原件恢复为导入时的版本（原件的 SHA-256 记在 %[1]s 的 source_sha256 中），或把改动也写进原件后再运行前一条命令",
				c.Path, importCommand(opt, c.Source, true))}
		}
		return false, &Problem{File: c.Source, Msg: fmt.Sprintf(
			"%s 在导入后被手工修改过，本次没有覆盖它：要以原件重新导入、放弃手工修改，运行 %s", c.Path, importCommand(opt, c.Source, true))}
	}
	return false, nil
}

// importCommand is the command that imports src, as staff type it at the
// repository's root: the one every message that asks for an import gives.
func importCommand(opt Options, src string, force bool) string {
	cmd := "go run ./cmd/build import"
	if force {
		cmd += " -force"
	}
	if out := rel(opt.Root, abs(opt.Root, opt.Out)); out != "content" {
		cmd += " -out " + shellQuote(out)
	}
	return cmd + " " + shellQuote(src)
}

// shellQuote quotes s for a POSIX shell when it holds anything but
// letters, digits and / . _ -: a file name with a space works as written.
func shellQuote(s string) string {
	plain := s != ""
	for _, r := range s {
		if !(r == '/' || r == '.' || r == '_' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f && !unicode.IsSpace(r)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// sameBytes settles which of several sources holding the same bytes (one
// file under two names, "a.txt" and "copy of a.txt") is the one imported,
// so that content/ does not name each in turn, one build after another. The
// source an existing content file already names wins while it still holds
// those bytes; else the shortest name, then the first in sorted order, since
// a copy's name is the original's with something added ("a - 副本.txt",
// "a (1).txt", which sort before "a.txt"). Every other one gets a warning
// naming the source used, at the index of its conversion; the rest are nil.
func sameBytes(convs []*Converted, problems []error, opt Options) []error {
	groups := map[string][]int{} // SHA-256 → indexes in convs
	var sums []string
	for i, c := range convs {
		if problems[i] != nil {
			continue
		}
		sum := c.Meta.SourceSHA256
		if groups[sum] == nil {
			sums = append(sums, sum)
		}
		groups[sum] = append(groups[sum], i)
	}
	copies := make([]error, len(convs))
	for _, sum := range sums {
		g := groups[sum]
		slices.SortFunc(g, func(a, b int) int {
			x, y := convs[a].Source, convs[b].Source
			return cmp.Or(cmp.Compare(utf8.RuneCountInString(x), utf8.RuneCountInString(y)), strings.Compare(x, y))
		})
		used, file := heldSource(convs[g[0]], opt)
		if used == "" || !slices.ContainsFunc(g, func(i int) bool { return convs[i].Source == used }) && !holds(used, sum, opt) {
			used, file = convs[g[0]].Source, convs[g[0]].Path
		}
		for _, i := range g {
			if convs[i].Source != used {
				copies[i] = &Problem{File: convs[i].Source, Msg: fmt.Sprintf(
					"与 %s 内容完全相同（%s 就是从它导入的），这份副本不再导入：请删去两者之一", used, file)}
			}
		}
	}
	return copies
}

// heldSource returns the source named by the content file that already
// holds c's bytes, and that file; "" when none does. The file is the one c
// would be written to, or, for a town the table does not know, whose file
// is named after its source, any file of the same year beside it.
func heldSource(c *Converted, opt Options) (src, file string) {
	candidates := []string{c.Path}
	if c.Meta.Code == "" {
		dir, year := path.Dir(c.Path), fmt.Sprintf("-%04d.md", c.Meta.Year)
		entries, _ := os.ReadDir(abs(opt.Root, dir)) // none: nothing held
		for _, e := range entries {
			if p := path.Join(dir, e.Name()); !e.IsDir() && strings.HasSuffix(e.Name(), year) && p != c.Path {
				candidates = append(candidates, p)
			}
		}
	}
	for _, p := range candidates {
		var data []byte
		var err error
		if p == c.Path {
			data, err = c.existing(opt)
		} else {
			data, err = os.ReadFile(abs(opt.Root, p))
		}
		// A file that does not spell the hash holds other bytes: most are
		// told apart without parsing.
		if err != nil || !bytes.Contains(data, []byte(c.Meta.SourceSHA256)) {
			continue
		}
		if f, err := content.ParseFront(p, data); err == nil && f.Meta.Source != "" && f.Meta.SourceSHA256 == c.Meta.SourceSHA256 {
			return f.Meta.Source, p
		}
	}
	return "", ""
}

// holds reports whether the source src still holds the bytes whose
// SHA-256 is sum: a source renamed or changed since it was imported no
// longer stands for them.
func holds(src, sum string, opt Options) bool {
	data, err := os.ReadFile(abs(opt.Root, src))
	if err != nil {
		return false
	}
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:]) == sum
}

package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"nianbao/internal/filestamp"
)

// Marker is the file at the root of every tree a build publishes. An
// output directory that exists, is not empty and lacks it was not made by
// the build, and is never replaced.
const Marker = ".nianbao-site"

// markerText is what the marker says to whoever opens it.
const markerText = "This folder is the output of the site build (go run ./cmd/build).\n" +
	"The build replaces it whole: do not keep anything else in it.\n" +
	"本目录由网站构建程序生成，每次构建整体替换，请勿在此存放其他文件。\n"

// Input is a file or folder a build reads, and what it is to the user.
type Input struct {
	Path string
	What string // e.g. "报告原件文件夹（-sources）"
}

// Guard checks that out may be replaced by a build. It refuses an output
// that is or contains the repository root, one that is, contains or lies
// inside a file or folder the build reads, one that is a file, and a
// directory that is not empty and holds no Marker unless legacy says an
// earlier build made it (one from before the marker). Paths are compared
// after resolving symbolic links; messages name them as given.
func Guard(out, root string, reads []Input, legacy bool) error {
	abs, err := Resolve(out)
	if err != nil {
		return fmt.Errorf("-out %s: %w", out, err)
	}
	if ra, err := Resolve(root); err == nil && (ra == abs || within(ra, abs)) {
		return fmt.Errorf("-out %s 包含了项目文件夹 %s，构建时会连同它一起删除：请换一个文件夹，例如 -out public", out, root)
	}
	for _, in := range reads {
		if in.Path == "" {
			continue
		}
		pa, err := Resolve(in.Path)
		if err != nil {
			continue
		}
		switch {
		case pa == abs:
			return fmt.Errorf("-out %s 是%s，构建要读取它；构建会整体替换输出文件夹，会把它删掉：请换一个文件夹，例如 -out public", out, in.What)
		case within(pa, abs):
			return fmt.Errorf("-out %s 包含了 %s（%s），构建时会连同它一起删除：请换一个文件夹，例如 -out public", out, in.Path, in.What)
		case within(abs, pa):
			if info, err := os.Stat(pa); err == nil && info.IsDir() {
				return fmt.Errorf("-out %s 位于 %s（%s）之内：请换一个在它之外的文件夹，例如 -out public", out, in.Path, in.What)
			}
		}
	}
	info, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("-out %s: %w", out, err)
	}
	if info.Mode()&fs.ModeSymlink != 0 {
		// Swapping would replace the link, and remove what it points to
		// as the old site.
		return fmt.Errorf("-out %s 是符号链接：请直接写出它指向的文件夹（%s），或换一个文件夹", out, abs)
	}
	if !info.IsDir() {
		return fmt.Errorf("-out %s 是文件，不是文件夹：请换一个文件夹，例如 -out public", out)
	}
	if _, err := os.Lstat(filepath.Join(out, Marker)); err == nil || legacy {
		return nil
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return fmt.Errorf("-out %s: %w", out, err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("-out %s 不是构建生成的文件夹（里面没有 %s 文件），而且不是空的；构建会整体替换输出文件夹，会删掉里面的文件：请换一个空的或新的文件夹，或先把里面的文件移走", out, Marker)
	}
	return nil
}

// WriteMarker writes the Marker into a tree about to be published.
func WriteMarker(dir string) error {
	return os.WriteFile(filepath.Join(dir, Marker), []byte(markerText), 0o644)
}

// Resolve makes p absolute and resolves the symbolic links of the part
// of it that exists.
func Resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest), nil
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// within reports whether p lies strictly inside dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// Touch marks out as just published: it sets the change time of its
// Marker (writing one if it has none) and returns it, in the file
// system's clock. A file of out whose change time is later was changed
// after the build.
func Touch(out string) (int64, error) {
	m := filepath.Join(out, Marker)
	if err := os.Chmod(m, 0o644); err != nil {
		if err := WriteMarker(out); err != nil {
			return 0, err
		}
	}
	info, err := os.Stat(m)
	if err != nil {
		return 0, err
	}
	return filestamp.Of(info).Changed(), nil
}

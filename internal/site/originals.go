package site

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"

	"nianbao/internal/report"
)

// originals are the files a report's "source:" may name for publishing:
// those in the sources directory of the repository. Anything else a front
// matter could name, such as the settings, the .git directory or, through a
// symbolic link, any file of the machine, is never published.
type originals struct {
	root fs.FS  // the repository
	dir  string // the sources directory in root, slash-separated
	// dirs are the directories below dir found to be directories, not
	// links, shared by the finds of one build: thousands of originals sit
	// in a few directories, and each would be looked at again.
	dirs *sync.Map
}

// Why an original is not published; derive words the warnings.
var (
	errNotInSources = errors.New("not in the sources directory")
	errLinkOut      = errors.New("a symbolic link leads out of the sources directory")
)

// maxLinks bounds the symbolic links followed for one original, as the
// operating system bounds them, so that a loop of links ends.
const maxLinks = 40

// find returns the path in root of the original that name stands for, with
// every symbolic link below the sources directory followed, and its size
// and time. The path it returns holds no link below that directory, so
// copying it reads what was checked. The directory itself may be a link:
// a host may keep the originals on another disk.
func (o originals) find(name string) (string, fs.FileInfo, error) {
	if o.dirs == nil {
		o.dirs = &sync.Map{}
	}
	o.dir = path.Clean(o.dir)
	p := path.Clean(name)
	if !o.holds(p) {
		return "", nil, errNotInSources
	}
	done, rest := o.dir, strings.TrimPrefix(p, o.dir+"/")
	var last fs.FileInfo // of done, when it was looked at and is no link
	for links := 0; rest != ""; {
		elem, tail, _ := strings.Cut(rest, "/")
		next := done + "/" + elem
		if _, ok := o.dirs.Load(next); ok && tail != "" {
			done, rest, last = next, tail, nil
			continue
		}
		info, err := fs.Lstat(o.root, next)
		if err != nil {
			return "", nil, err
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			if info.IsDir() {
				o.dirs.Store(next, true)
			}
			done, rest, last = next, tail, info
			continue
		}
		if links++; links > maxLinks {
			return "", nil, fmt.Errorf("%s: more than %d symbolic links", name, maxLinks)
		}
		target, err := fs.ReadLink(o.root, next)
		if err != nil {
			return "", nil, err
		}
		// done holds no link, so ".." in a relative target climbs where
		// the name says; an absolute target is outside the repository.
		to := path.Join(done, target)
		if path.IsAbs(target) || (to != o.dir && !o.holds(to)) {
			return "", nil, errLinkOut
		}
		done, rest, last = o.dir, strings.TrimPrefix(strings.TrimPrefix(path.Join(to, tail), o.dir), "/"), nil
	}
	info := last // what Lstat says of a file that is no link is what Stat says
	if info == nil {
		var err error
		if info, err = fs.Stat(o.root, done); err != nil {
			return "", nil, err
		}
	}
	if !info.Mode().IsRegular() {
		return "", nil, fmt.Errorf("%s: not a regular file", name)
	}
	return done, info, nil
}

// outside reports whether the sources directory itself is outside the
// repository (the build's -sources is not under its -root): then nothing
// can be published from it, which one warning says for every report
// (outsideWarning).
func (o originals) outside() bool {
	d := path.Clean(o.dir)
	return d == ".." || strings.HasPrefix(d, "../") || path.IsAbs(d)
}

// outsideWarning is the build's one warning when the sources directory is
// outside the repository.
func (o originals) outsideWarning() error {
	d := path.Clean(o.dir)
	return fmt.Errorf("原件目录 %s/ 在仓库根目录（-root）之外，其中的原件一律不发布，报告页面都没有原件下载：请把原件移到仓库根目录之下的 sources/ 中再运行，或运行时用 -root 指向同时包含原件和报告的目录", d)
}

// holds reports whether the clean path p lies in the sources directory.
func (o originals) holds(p string) bool {
	return o.dir != "" && o.dir != "." && fs.ValidPath(p) && strings.HasPrefix(p, o.dir+"/")
}

// utf8Copy makes the UTF-8 copy of a text original: decoded as the importer
// decodes it (UTF-8, UTF-16, GB18030), with a byte order mark, which tells
// editors and browsers opening it from disk its encoding. Bytes that decode
// as no text are copied as they are.
func utf8Copy(root fs.FS, src string) ([]byte, error) {
	data, err := fs.ReadFile(root, src)
	if err != nil {
		return nil, fmt.Errorf("%s：无法读取（%v）", src, err)
	}
	text, _, err := report.Decode(data)
	if err != nil {
		return data, nil
	}
	return append([]byte("\ufeff"), text...), nil
}

package preview

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/fsnotify/fsnotify"
)

// watcher watches directory trees (fsnotify watches one directory at a
// time on Linux: every directory is added, and each new one as it comes)
// and single files, and says on changed that something changed.
type watcher struct {
	w       *fsnotify.Watcher
	skip    []string
	trees   []string        // directories watched with all below them
	files   map[string]bool // single files watched through their directory
	changed chan struct{}
	log     io.Writer
}

func watch(roots, skip []string, log io.Writer) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("无法监视文件的改动（%v）：预览仍可使用，但改动后需重新运行", err)
	}
	w := &watcher{w: fw, files: map[string]bool{}, changed: make(chan struct{}, 1), log: log}
	for _, s := range skip {
		if abs, err := filepath.Abs(s); err == nil {
			w.skip = append(w.skip, abs)
		}
	}
	for _, r := range roots {
		abs, err := filepath.Abs(r)
		if err != nil {
			continue
		}
		info, err := os.Stat(abs)
		switch {
		case err != nil:
			continue // a folder made later is not seen: sources/ and content/ exist
		case info.IsDir():
			w.trees = append(w.trees, abs)
			w.addTree(abs)
		default:
			// An editor saves a file by writing another and renaming it
			// over: the directory is watched, and only this name counts.
			w.files[abs] = true
			w.add(filepath.Dir(abs))
		}
	}
	go w.loop()
	return w, nil
}

func (w *watcher) skipped(p string) bool {
	return slices.ContainsFunc(w.skip, func(s string) bool {
		return p == s || strings.HasPrefix(p, s+string(filepath.Separator))
	}) || strings.HasPrefix(filepath.Base(p), ".")
}

func (w *watcher) add(dir string) {
	if err := w.w.Add(dir); err != nil && w.log != nil {
		fmt.Fprintf(w.log, "预览：无法监视 %s（%v），那里的改动需重新运行才能看到\n", dir, err)
	}
}

// addTree watches dir and every directory below it.
func (w *watcher) addTree(dir string) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != dir && w.skipped(p) {
			return filepath.SkipDir
		}
		w.add(p)
		return nil
	})
}

func (w *watcher) loop() {
	for {
		select {
		case ev, ok := <-w.w.Events:
			if !ok {
				return
			}
			if !w.counts(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					w.addTree(ev.Name)
				}
			}
			if ev.Has(fsnotify.Chmod) && !ev.Has(fsnotify.Write) {
				continue
			}
			select {
			case w.changed <- struct{}{}:
			default:
			}
		case err, ok := <-w.w.Errors:
			if !ok {
				return
			}
			if w.log != nil {
				fmt.Fprintf(w.log, "预览：监视文件时出错（%v）\n", err)
			}
		}
	}
}

// counts says a change to p is a change to the site's input: p lies in a
// watched tree, or is a watched file (and not another file beside it, in
// the repository's root that holds site.yaml).
func (w *watcher) counts(p string) bool {
	if w.skipped(p) {
		return false
	}
	if w.files[p] {
		return true
	}
	return slices.ContainsFunc(w.trees, func(t string) bool {
		return p == t || strings.HasPrefix(p, t+string(filepath.Separator))
	})
}

func (w *watcher) close() { w.w.Close() }

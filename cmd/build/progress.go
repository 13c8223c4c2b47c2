package main

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"golang.org/x/term"
)

// progress shows how far a long import or build is, on one line of a
// terminal that it rewrites at most five times a second. It is nil, and
// shows nothing, when standard error is not a terminal or the build runs
// under CI: a log gets the summary only.
type progress struct {
	w     io.Writer
	mu    sync.Mutex
	last  time.Time
	shown bool
}

// stepNames are the long steps as staff read them.
var stepNames = map[string]string{"import": "导入报告", "load": "读取报告", "render": "生成页面"}

func newProgress(stderr io.Writer) *progress {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || os.Getenv("CI") != "" {
		return nil
	}
	return &progress{w: stderr}
}

// step shows that done of total items of a step are done.
func (p *progress) step(name string, done, total int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if done < total && now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = now
	fmt.Fprintf(p.w, "\r\033[K%s %d/%d", stepNames[name], done, total)
	p.shown = true
}

// imported is step for the import's counts.
func (p *progress) imported(done, total int) { p.step("import", done, total) }

// clear removes the progress line before other output.
func (p *progress) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}

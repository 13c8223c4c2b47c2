// Package preview serves a local preview of the site while staff work on
// it: the site as its host would serve it, under its base path, rebuilt
// whenever a source, a content file, a template, an asset or the settings
// change, with open pages reloading themselves (server-sent events; the
// script exists only in the preview and never in the built files), a
// build's errors shown in place of a stale page, and a review page of the
// reports new or changed since the last publish.
package preview

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"nianbao/internal/sitecheck"
)

// Prefix is where the preview's own pages live, outside any base path.
const Prefix = "/_preview/"

// Outcome is what one build did, as the preview shows it.
type Outcome struct {
	// Failed says the site could not be built: the preview then shows
	// Lines instead of the pages of the last build.
	Failed bool
	// Lines are what the build printed about the content: its errors and
	// warnings, file:line first.
	Lines []string
	Took  time.Duration
	// Review lists the reports new or changed since the last publish.
	Review []Item
}

// Options configure Serve.
type Options struct {
	// Addr is where to listen, "127.0.0.1:8080"; a port of 0 picks one.
	Addr string
	// BasePath is the path the site is served under, "/zwgk/fzzfjsnb/".
	BasePath string
	// Site is the directory the build writes the preview site into.
	Site string
	// Rules are the host's response headers (netlify.toml), so that the
	// preview enforces the site's real Content-Security-Policy.
	Rules []sitecheck.HeaderRule
	// Watch are the directories and files whose changes trigger a build;
	// Skip are directories under them that never do (the build's own).
	Watch, Skip []string
	// Build builds the site into Site; it is never called twice at once.
	Build func() Outcome
	// Log receives a line for each build and each problem of the watcher.
	Log io.Writer
	// Ready, when set, is told the address the preview listens at.
	Ready func(url string)
	// Debounce is how long the files must stay quiet before a build
	// starts (an editor saves in several steps); 0 means 300 ms.
	Debounce time.Duration
}

// Serve builds the site, serves it and rebuilds it on every change until
// ctx is done.
func Serve(ctx context.Context, opt Options) error {
	if opt.Debounce == 0 {
		opt.Debounce = 300 * time.Millisecond
	}
	p := &previewer{opt: opt, hub: newHub()}
	site := sitecheck.NewServer(os.DirFS(opt.Site), opt.BasePath, opt.Rules)
	site.SetHTMLTail(`<script src="` + Prefix + `reload.js"></script>`)
	p.site = site

	w, err := watch(opt.Watch, opt.Skip, opt.Log)
	if err != nil {
		return err
	}
	defer w.close()
	p.rebuild()

	ln, err := net.Listen("tcp", opt.Addr)
	if err != nil {
		return fmt.Errorf("无法在 %s 上启动预览（%v）：换一个端口，例如 -addr 127.0.0.1:8090", opt.Addr, err)
	}
	srv := &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	if opt.Ready != nil {
		opt.Ready("http://" + ln.Addr().String() + opt.BasePath)
	}
	for {
		select {
		case <-ctx.Done():
			p.hub.close()
			sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			defer cancel()
			_ = srv.Shutdown(sctx)
			return nil
		case err := <-done:
			if errors.Is(err, http.ErrServerClosed) {
				return nil
			}
			return err
		case <-w.changed:
			// Wait for the files to settle, then build once for all the
			// changes; changes made during the build (the import writes
			// content/) bring one more build, which finds nothing to do.
			settle(w.changed, opt.Debounce)
			p.rebuild()
		}
	}
}

// settle waits until no change has come for d.
func settle(changed <-chan struct{}, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	for {
		select {
		case <-changed:
			t.Reset(d)
		case <-t.C:
			return
		}
	}
}

// previewer is the preview's state: the last build's outcome, and the
// pages that listen for reloads.
type previewer struct {
	opt  Options
	site *sitecheck.Server
	hub  *hub

	mu   sync.Mutex
	last Outcome
	n    int // builds so far
}

func (p *previewer) rebuild() {
	out := p.opt.Build()
	p.mu.Lock()
	p.last, p.n = out, p.n+1
	n := p.n
	p.mu.Unlock()
	if p.opt.Log != nil {
		state := "完成"
		if out.Failed {
			state = "失败"
		}
		fmt.Fprintf(p.opt.Log, "预览：第 %d 次构建%s，用时 %.1f 秒，%d 条提示，待审阅 %d 篇\n", n, state, out.Took.Seconds(), len(out.Lines), len(out.Review))
	}
	p.hub.send(n)
}

func (p *previewer) outcome() (Outcome, int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.last, p.n
}

// ServeHTTP serves the preview's own pages under Prefix, the build's
// errors in place of any page while the last build failed, and else the
// site.
func (p *previewer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if rest, ok := strings.CutPrefix(r.URL.Path, Prefix); ok {
		p.servePreview(w, r, rest)
		return
	}
	if r.URL.Path == "/" && p.opt.BasePath != "/" {
		http.Redirect(w, r, p.opt.BasePath, http.StatusFound)
		return
	}
	if out, _ := p.outcome(); out.Failed && isPage(r.URL.Path) {
		p.serveFailed(w, out)
		return
	}
	p.site.ServeHTTP(w, r)
}

// isPage says a request is for a page, not a script, style or file.
func isPage(p string) bool {
	return strings.HasSuffix(p, "/") || strings.HasSuffix(p, ".html")
}

package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"nianbao/internal/filestamp"
	"nianbao/internal/preview"
	"nianbao/internal/site"
	"nianbao/internal/sitecheck"
)

// previewDir is where build serve writes the preview site, beside the
// published one and never over it.
const previewDir = ".preview"

// runServe implements "build serve": a local preview, rebuilt on every
// change, with a review page of the reports new or changed since the last
// publish. It runs until interrupted (Ctrl+C).
func runServe(args []string, stdout, stderr io.Writer) int {
	return serve(context.Background(), args, stdout, stderr, nil)
}

// serve is runServe with a context that ends it and a function told the
// preview's address, for tests.
func serve(ctx context.Context, args []string, stdout, stderr io.Writer, ready func(string)) int {
	f := &buildFlags{}
	var addr, published string
	var lan bool
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&addr, "addr", "127.0.0.1:8080", "预览的地址和端口 `HOST:PORT`")
	fs.BoolVar(&lan, "lan", false, "允许同一网络的其他电脑访问预览（默认只有本机可以）")
	repoFlags(fs, f, true)
	fs.StringVar(&f.basePath, "base-path", "", "在 `PATH` 下预览，默认与正式网站相同（site.yaml 中 base_url 的路径）")
	fs.StringVar(&published, "published", "public", "上次发布的网站目录 `DIR`：待审阅的是与它相比新增或改动的报告")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "用法：go run ./cmd/build serve [选项]")
		fmt.Fprintln(stderr, "本地预览：生成网站并在浏览器中打开；sources/、content/、模板、样式或 site.yaml 有改动时自动重新生成，打开的页面自动刷新。")
		fmt.Fprintln(stderr, "待审阅的报告在 /_preview/。预览写在 .preview/，不改动要发布的 public/；确认无误后运行 go run ./cmd/build 再发布 public/。按 Ctrl+C 结束。")
		printFlags(fs, stderr)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	if !lan && !loopback(addr) {
		fmt.Fprintf(stderr, "error: -addr %s 会让其他电脑也能访问预览；只在本机预览请用 -addr 127.0.0.1:8080，确需开放请加 -lan\n", addr)
		return 2
	}
	f.out = previewDir
	cfg, ok := buildConfig(f, stderr)
	if !ok {
		return 1
	}
	base := site.BasePath(cfg.Settings.BaseURL, f.basePath)
	var rules []sitecheck.HeaderRule
	if data, err := os.ReadFile(f.at("netlify.toml")); err == nil {
		rules, _ = sitecheck.ParseNetlifyHeaders("netlify.toml", data)
	}
	if ctx == context.Background() {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
		defer stop()
	}
	opt := preview.Options{
		Addr: addr, BasePath: base, Site: f.at(previewDir), Rules: rules,
		Watch: []string{f.at(f.sources), f.at(f.content), f.at(f.templates), f.at(f.assets), f.at(f.config)},
		Skip:  []string{f.at(f.cache), f.at(previewDir), f.at(published)},
		Build: func() preview.Outcome { return previewBuild(f, base, published) },
		Log:   stdout,
		Ready: func(url string) {
			fmt.Fprintf(stdout, "预览地址：%s （待审阅的报告：%s）\n按 Ctrl+C 结束预览。\n", url, strings.TrimSuffix(url, base)+preview.Prefix)
			if ready != nil {
				ready(url)
			}
		},
	}
	if err := preview.Serve(ctx, opt); err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return 1
	}
	return 0
}

// loopback says addr listens on this machine only.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// previewBuild imports and builds as the build command does, into the
// preview's directory, and keeps what it printed for the browser.
func previewBuild(f *buildFlags, base, published string) preview.Outcome {
	start := time.Now()
	var out, errs bytes.Buffer
	bf := *f
	bf.basePath = base
	bf.seen = &filestamp.Seen{}
	failed := false
	importPending(&bf, &out, &errs)
	cfg, ok := buildConfig(&bf, &errs)
	if ok {
		res, err := site.Build(cfg)
		reportBuild(&bf, res, err, &errs)
		failed = err != nil
	} else {
		failed = true
	}
	var lines []string
	for _, l := range strings.Split(errs.String(), "\n") {
		if strings.HasPrefix(l, "error: ") || strings.HasPrefix(l, "warning: ") {
			lines = append(lines, l)
		}
	}
	o := preview.Outcome{Failed: failed, Lines: lines, Took: time.Since(start)}
	o.Review = preview.Review(preview.ReviewOptions{
		Content: cfg.Content, ContentDir: filepath.ToSlash(f.content), Root: f.root,
		Published: f.at(published), Built: f.at(previewDir), BasePath: base,
	}, lines)
	return o
}

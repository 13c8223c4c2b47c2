package sitecheck

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// Vnu runs the Nu HTML checker (vnu.jar, from npm vnu-jar).
type Vnu struct {
	// Java runs Jar, e.g. "java" and node_modules/vnu-jar/build/dist/vnu.jar.
	Java, Jar string
}

// Check runs the checker over every HTML and CSS file under dir and
// returns its errors; warnings and info messages are not problems. Checked
// counts the files. It starts the checker twice, once for all the HTML and
// once for all the CSS, never per file (a JVM per file would take minutes):
// in a run that checks both kinds (--also-check-css), or that picks CSS out
// of a directory (--skip-non-css), vnu 26.9.27 reports lines one too far.
func (v Vnu) Check(ctx context.Context, dir string) (Result, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Result{}, err
	}
	var res Result
	var css []string
	err = fs.WalkDir(os.DirFS(abs), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(name) {
		case ".html":
			res.Checked++
		case ".css":
			res.Checked++
			css = append(css, filepath.Join(abs, filepath.FromSlash(name)))
		}
		return nil
	})
	if err != nil {
		return Result{}, fmt.Errorf("vnu: %w", err)
	}
	passes := [][]string{{"--skip-non-html", abs}}
	if len(css) > 0 {
		passes = append(passes, append([]string{"--css"}, css...))
	}
	for _, args := range passes {
		ps, err := v.run(ctx, abs, args)
		if err != nil {
			return Result{}, err
		}
		res.Problems = append(res.Problems, ps...)
	}
	sortProblems(res.Problems)
	return res, nil
}

func (v Vnu) run(ctx context.Context, abs string, args []string) ([]Problem, error) {
	only := args[0]
	cmd := exec.CommandContext(ctx, v.Java, append([]string{"-Xss16m", "-jar", v.Jar,
		"--errors-only", "--format", "json", "--stdout", "--exit-zero-always"}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("vnu %s: %w\n%s", only, err, tail(stderr.String(), 2000))
	}
	var out struct {
		Messages []struct {
			Type        string `json:"type"`
			URL         string `json:"url"`
			LastLine    int    `json:"lastLine"`
			FirstLine   int    `json:"firstLine"`
			FirstColumn int    `json:"firstColumn"`
			Message     string `json:"message"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return nil, fmt.Errorf("vnu %s: read its output: %w\n%s", only, err, tail(stdout.String()+stderr.String(), 2000))
	}
	var ps []Problem
	for _, m := range out.Messages {
		if m.Type == "info" {
			continue
		}
		// firstLine is left out when the message spans one line.
		ps = append(ps, Problem{
			Check: "vnu", File: vnuFile(abs, m.URL), Line: cmp.Or(m.FirstLine, m.LastLine), Col: m.FirstColumn,
			Message: m.Message,
		})
	}
	return ps, nil
}

// vnuFile turns the file: URL vnu reports into a path in the site.
func vnuFile(root, raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "file" {
		return raw
	}
	p := u.Path
	if p == "" {
		p = u.Opaque
	}
	rel, err := filepath.Rel(root, filepath.FromSlash(p))
	if err != nil || strings.HasPrefix(rel, "..") {
		return raw
	}
	return filepath.ToSlash(rel)
}

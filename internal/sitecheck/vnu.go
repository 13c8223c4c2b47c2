package sitecheck

import (
	"bytes"
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

// Check runs the checker once over every HTML file under dir (starting a
// JVM per file would take minutes) and returns its errors; warnings and
// info messages are not problems. Checked counts the HTML files.
func (v Vnu) Check(ctx context.Context, dir string) (Result, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return Result{}, err
	}
	var res Result
	err = fs.WalkDir(os.DirFS(abs), ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(name) == ".html" {
			res.Checked++
		}
		return err
	})
	if err != nil {
		return Result{}, fmt.Errorf("vnu: %w", err)
	}
	cmd := exec.CommandContext(ctx, v.Java, "-Xss16m", "-jar", v.Jar,
		"--errors-only", "--skip-non-html", "--format", "json", "--stdout", "--exit-zero-always", abs)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return Result{}, fmt.Errorf("vnu: %w\n%s", err, tail(stderr.String(), 2000))
	}
	var out struct {
		Messages []struct {
			Type        string `json:"type"`
			SubType     string `json:"subType"`
			URL         string `json:"url"`
			LastLine    int    `json:"lastLine"`
			FirstLine   int    `json:"firstLine"`
			FirstColumn int    `json:"firstColumn"`
			Message     string `json:"message"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		return Result{}, fmt.Errorf("vnu: read its output: %w\n%s", err, tail(stdout.String()+stderr.String(), 2000))
	}
	for _, m := range out.Messages {
		if m.Type == "info" {
			continue
		}
		line := m.FirstLine
		if line == 0 {
			line = m.LastLine
		}
		res.Problems = append(res.Problems, Problem{
			Check: "vnu", File: vnuFile(abs, m.URL), Line: line, Col: m.FirstColumn,
			Message: m.Message,
		})
	}
	sortProblems(res.Problems)
	return res, nil
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

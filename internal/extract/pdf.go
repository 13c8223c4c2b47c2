package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// toolTimeout bounds an external converter: a file that makes it hang
// must not hold back the other reports.
const toolTimeout = 2 * time.Minute

// readPDF reads a PDF's text layer with poppler's pdftotext, in reading
// order, then leaves out page numbers and running headers and footers.
func readPDF(data []byte, t Tools) (*Result, error) {
	if !bytes.HasPrefix(bytes.TrimLeft(data[:min(len(data), 1024)], "\x00\t\r\n "), []byte("%PDF")) {
		return nil, errors.New("文件以 .pdf 结尾，却不是 PDF 文件：请确认文件完整，或向报送单位重新索取")
	}
	prog, err := lookTool(t.PDFToText, "pdftotext")
	if err != nil {
		return nil, errors.New("读取 PDF 需要 poppler 的 pdftotext，本机没有安装：Debian/Ubuntu 上运行 sudo apt-get install poppler-utils（macOS：brew install poppler），或将正文另存为 .txt 放入 sources/")
	}
	dir, err := os.MkdirTemp(t.TempDir, "nianbao-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	out, err := runTool(prog, "-enc", "UTF-8", "-eol", "unix", in, "-")
	if err != nil {
		if strings.Contains(err.Error(), "password") || strings.Contains(err.Error(), "Incorrect") {
			return nil, errors.New("PDF 文件加了密码，无法读取：请向报送单位索取未加密的版本")
		}
		return nil, fmt.Errorf("pdftotext 无法读取这个 PDF（%v）：请向报送单位索取 Word 或 OFD 版本", err)
	}
	var pages [][]string
	for _, pg := range strings.Split(strings.TrimSuffix(string(out), "\f"), "\f") {
		pages = append(pages, strings.Split(pg, "\n"))
	}
	lines, dropped := joinPages(pages)
	lines, joined := joinCutValues(lines)
	r := &Result{Text: []byte(strings.Join(lines, "\n") + "\n")}
	if dropped > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("PDF 共 %d 页，已去掉页码和页眉页脚 %d 行", len(pages), dropped))
	}
	if joined > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("有 %d 个日期或索引号被换行分开，已接回：请核对", joined))
	}
	return r, nil
}

// lookTool finds an external program: the one named, or name on PATH.
func lookTool(named, name string) (string, error) {
	if named != "" {
		return exec.LookPath(named)
	}
	return exec.LookPath(name)
}

// runTool runs an external converter with a time limit and returns its
// standard output; its error carries the first line of what it printed
// on standard error.
func runTool(prog string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), toolTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, prog, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("超过 %v 仍未完成", toolTimeout)
	}
	if err != nil {
		msg, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		if msg == "" {
			msg = err.Error()
		}
		return nil, errors.New(msg)
	}
	return stdout.Bytes(), nil
}

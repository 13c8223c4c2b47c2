package extract

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// readLegacy converts a binary Word or WPS file (.doc, .wps) to .docx with
// LibreOffice, then reads that.
func readLegacy(name string, data []byte, t Tools) (*Result, error) {
	ext := strings.ToLower(path.Ext(name))
	prog, err := lookTool(t.Office, "soffice")
	if err != nil {
		return nil, fmt.Errorf("%s 是旧版 Word/WPS 格式，本机没有 LibreOffice 无法读取：请用 Word 或 WPS 打开后“另存为” .docx 再放入 sources/（或安装 LibreOffice：sudo apt-get install libreoffice-writer-nogui）", ext)
	}
	dir, err := os.MkdirTemp(t.TempDir, "nianbao-office-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "source"+ext)
	if err := os.WriteFile(in, data, 0o600); err != nil {
		return nil, err
	}
	// A profile of its own: LibreOffice refuses to start while another
	// instance holds the user's, and must not change the user's settings.
	profile := "file://" + filepath.ToSlash(filepath.Join(dir, "profile"))
	if _, err := runTool(prog, "-env:UserInstallation="+profile, "--headless", "--norestore",
		"--convert-to", "docx", "--outdir", dir, in); err != nil {
		return nil, fmt.Errorf("LibreOffice 无法转换这个 %s 文件（%v）：请用 Word 或 WPS 打开后另存为 .docx", ext, err)
	}
	out, err := os.ReadFile(filepath.Join(dir, "source.docx"))
	if err != nil {
		return nil, errors.New("LibreOffice 没有转换出 .docx（文件可能已损坏或加了密码）：请用 Word 或 WPS 打开后另存为 .docx")
	}
	r, err := readDOCX(out)
	if err != nil {
		return nil, err
	}
	r.Notes = append(r.Notes, fmt.Sprintf("%s 文件已用 LibreOffice 转为 .docx 读取：请核对自动编号和表格", ext))
	return r, nil
}

package extract

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// container is a zip package (.docx, .ofd) read within limits: no part
// may unpack to more than maxPart bytes, nor all parts read to more than
// maxTotal.
type container struct {
	kind  string // "Word" or "OFD", for messages
	files map[string]*zip.File
	read  int64
}

func openContainer(kind string, data []byte) (*container, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("文件不是完整的 %s 文件（无法按压缩包打开：%v）：请用 %s 重新另存一份再放入 sources/", kind, err, saveWith(kind))
	}
	if len(zr.File) > maxParts {
		return nil, fmt.Errorf("文件内含 %d 个部件，超出 %s 文件的合理范围，未读取：请用 %s 重新另存一份", len(zr.File), kind, saveWith(kind))
	}
	c := &container{kind: kind, files: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		// Names are matched without case and without a leading slash:
		// OFD writers differ in both.
		c.files[strings.ToLower(strings.TrimPrefix(path.Clean("/"+f.Name), "/"))] = f
	}
	return c, nil
}

func saveWith(kind string) string {
	if kind == "OFD" {
		return "OFD 阅读器"
	}
	return "Word 或 WPS"
}

var errNoPart = errors.New("no such part")

// part reads the part at name (a slash path inside the package).
func (c *container) part(name string) ([]byte, error) {
	f := c.files[strings.ToLower(strings.TrimPrefix(path.Clean("/"+name), "/"))]
	if f == nil {
		return nil, errNoPart
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s 文件中的 %s 无法读取（%v）：请用 %s 重新另存一份", c.kind, name, err, saveWith(c.kind))
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxPart+1))
	if err != nil {
		return nil, fmt.Errorf("%s 文件中的 %s 已损坏（%v）：请用 %s 重新另存一份", c.kind, name, err, saveWith(c.kind))
	}
	c.read += int64(len(data))
	if len(data) > maxPart || c.read > maxTotal {
		return nil, fmt.Errorf("%s 文件解压后过大（超过 %d MB），未读取：请检查文件是否为正常的报告", c.kind, maxTotal>>20)
	}
	return data, nil
}

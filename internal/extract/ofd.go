package extract

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// readOFD reads an OFD document (GB/T 33190): the text objects of each
// page in reading order — top to bottom, then left to right — as lines,
// then leaves out page numbers and running headers and footers. Template
// pages (a letterhead, a page-number field) and annotations are not read.
func readOFD(data []byte) (*Result, error) {
	c, err := openContainer("OFD", data)
	if err != nil {
		return nil, err
	}
	main, err := c.part("OFD.xml")
	if errors.Is(err, errNoPart) {
		return nil, errors.New("文件以 .ofd 结尾，却不是 OFD 文件（缺少 OFD.xml）：请用 OFD 阅读器打开后重新另存")
	}
	if err != nil {
		return nil, err
	}
	var root struct {
		DocBody []struct {
			DocInfo struct {
				Title string `xml:"Title"`
			} `xml:"DocInfo"`
			DocRoot string `xml:"DocRoot"`
		} `xml:"DocBody"`
	}
	if err := xml.Unmarshal(main, &root); err != nil || len(root.DocBody) == 0 || strings.TrimSpace(root.DocBody[0].DocRoot) == "" {
		return nil, errors.New("OFD 文件的入口（OFD.xml）无法解析：请用 OFD 阅读器打开后重新另存")
	}
	docPath := strings.TrimSpace(root.DocBody[0].DocRoot)
	docXML, err := c.part(docPath)
	if err != nil {
		return nil, fmt.Errorf("OFD 文件缺少文档部件 %s：请用 OFD 阅读器打开后重新另存", docPath)
	}
	var doc struct {
		Pages struct {
			Page []struct {
				BaseLoc string `xml:"BaseLoc,attr"`
			} `xml:"Page"`
		} `xml:"Pages"`
	}
	if err := xml.Unmarshal(docXML, &doc); err != nil {
		return nil, fmt.Errorf("OFD 文件的文档部件无法解析（%v）：请用 OFD 阅读器打开后重新另存", err)
	}
	var pages [][]string
	for i, pg := range doc.Pages.Page {
		loc := ofdPath(docPath, pg.BaseLoc)
		content, err := c.part(loc)
		if err != nil {
			return nil, fmt.Errorf("OFD 文件第 %d 页（%s）无法读取：请用 OFD 阅读器打开后重新另存", i+1, loc)
		}
		lines, err := ofdPageLines(content)
		if err != nil {
			return nil, fmt.Errorf("OFD 文件第 %d 页无法解析（%v）：请用 OFD 阅读器打开后重新另存", i+1, err)
		}
		pages = append(pages, lines)
	}
	lines, dropped := joinPages(pages)
	lines, joined := joinCutValues(lines)
	r := &Result{Text: []byte(strings.Join(lines, "\n") + "\n"), Title: strings.TrimSpace(root.DocBody[0].DocInfo.Title)}
	if dropped > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("OFD 共 %d 页，已去掉页码和页眉页脚 %d 行", len(pages), dropped))
	}
	if joined > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("有 %d 个日期或索引号被换行分开，已接回：请核对", joined))
	}
	return r, nil
}

// ofdPath resolves a BaseLoc: absolute in the package when it starts
// with "/", else relative to the document's folder.
func ofdPath(docPath, loc string) string {
	loc = strings.TrimSpace(loc)
	if strings.HasPrefix(loc, "/") {
		return loc
	}
	return path.Join(path.Dir(docPath), loc)
}

// ofdText is one TextCode placed on the page, in millimetres.
type ofdText struct {
	x, y, size float64
	text       strings.Builder
}

// ofdPageLines reads a page's text objects and sets them in lines: pieces
// whose baselines lie within half a character of each other are one line,
// read left to right; a gap wider than two characters becomes two spaces,
// as a copied table's cells are set apart.
func ofdPageLines(data []byte) ([]string, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var pieces []*ofdText
	var bx, by, size float64
	var cur *ofdText
	for {
		tok, err := d.Token()
		if err != nil {
			if err == io.EOF {
				break
			}
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "TextObject":
				f := strings.Fields(attr(t, "Boundary"))
				bx, by = 0, 0
				if len(f) >= 2 {
					bx, _ = strconv.ParseFloat(f[0], 64)
					by, _ = strconv.ParseFloat(f[1], 64)
				}
				size, _ = strconv.ParseFloat(attr(t, "Size"), 64)
				if size <= 0 {
					size = 3.5
				}
			case "TextCode":
				x, _ := strconv.ParseFloat(attr(t, "X"), 64)
				y, _ := strconv.ParseFloat(attr(t, "Y"), 64)
				cur = &ofdText{x: bx + x, y: by + y, size: size}
			}
		case xml.EndElement:
			if t.Name.Local == "TextCode" && cur != nil {
				if strings.TrimSpace(cur.text.String()) != "" {
					pieces = append(pieces, cur)
				}
				cur = nil
			}
		case xml.CharData:
			if cur != nil {
				cur.text.Write(t)
			}
		}
	}
	sort.SliceStable(pieces, func(i, j int) bool { return pieces[i].y < pieces[j].y })
	var lines []string
	for i := 0; i < len(pieces); {
		j := i + 1
		for j < len(pieces) && pieces[j].y-pieces[i].y <= pieces[i].size/2 {
			j++
		}
		line := pieces[i:j]
		sort.SliceStable(line, func(a, b int) bool { return line[a].x < line[b].x })
		var b strings.Builder
		end := 0.0
		for k, p := range line {
			if k > 0 && p.x-end > 2*p.size {
				b.WriteString("  ")
			}
			b.WriteString(p.text.String())
			end = p.x + float64(utf8.RuneCountInString(p.text.String()))*p.size
		}
		lines = append(lines, b.String())
		i = j
	}
	return lines, nil
}

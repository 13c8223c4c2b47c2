package extract

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// readDOCX reads a Word document (Office Open XML): the body's paragraphs
// and tables in order, with the numbers Word's automatic numbering shows
// written out (一、 （一） 1. made by a list are part of the text a reader
// sees), insertions of tracked changes kept and deletions dropped, and
// headers, footers, comments and footnotes left out (they live in other
// parts, which are not read).
func readDOCX(data []byte) (*Result, error) {
	c, err := openContainer("Word", data)
	if err != nil {
		return nil, err
	}
	body, err := c.part("word/document.xml")
	if errors.Is(err, errNoPart) {
		return nil, errors.New("文件以 .docx 结尾，却不是 Word 文档（缺少 word/document.xml）：请用 Word 或 WPS 打开后另存为 .docx")
	}
	if err != nil {
		return nil, err
	}
	w := &docxWalker{styles: map[string]*docxStyle{}, heads: map[int]int{}}
	if b, err := c.part("word/styles.xml"); err == nil {
		w.readStyles(b)
	}
	if b, err := c.part("word/numbering.xml"); err == nil {
		w.num = readNumbering(b)
	}
	r := &Result{}
	if b, err := c.part("docProps/core.xml"); err == nil {
		r.Title = coreTitle(b)
	}
	if err := w.walk(body); err != nil {
		return nil, fmt.Errorf("这份 Word 文档的正文无法解析（%v）：请用 Word 或 WPS 打开后另存为 .docx", err)
	}
	r.Text = []byte(strings.Join(w.lines, "\n") + "\n")
	// The line a paragraph starts on: a line break inside one (w:br)
	// makes more lines.
	line := 1
	for i, l := range w.lines {
		if level, ok := w.heads[i]; ok {
			if r.Headings == nil {
				r.Headings = map[int]int{}
			}
			r.Headings[line] = level
		}
		line += strings.Count(l, "\n") + 1
	}
	if w.deleted > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("Word 文档中有 %d 处修订删除的文字，已按接受修订处理（删除的不收录，插入的保留）：请确认这就是定稿", w.deleted))
	}
	return r, nil
}

// docxStyle is what a paragraph style contributes: its list numbering and
// the style it is based on.
type docxStyle struct {
	basedOn string
	numID   string
	ilvl    int
	hasNum  bool
	// outline is the heading level the style gives (1 for Heading 1), 0
	// for body text, -1 when it says nothing (then basedOn decides).
	outline int
}

// docxWalker turns the body's XML into lines.
type docxWalker struct {
	styles map[string]*docxStyle
	num    *numbering
	lines  []string
	// heads are the indexes in lines of paragraphs a heading style marks,
	// with no list number, and their levels.
	heads map[int]int
	// deleted counts the runs of deleted text left out.
	deleted int
}

func attr(e xml.StartElement, local string) string {
	for _, a := range e.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

func (w *docxWalker) readStyles(data []byte) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var cur *docxStyle
	for {
		tok, err := d.Token()
		if err != nil {
			return
		}
		e, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch e.Name.Local {
		case "style":
			cur = &docxStyle{outline: -1}
			w.styles[attr(e, "styleId")] = cur
		case "name":
			if cur != nil && cur.outline < 0 {
				cur.outline = headingName(attr(e, "val"))
			}
		case "outlineLvl":
			if cur != nil {
				cur.outline = outlineLevel(attr(e, "val"))
			}
		case "basedOn":
			if cur != nil {
				cur.basedOn = attr(e, "val")
			}
		case "numId":
			if cur != nil {
				cur.numID, cur.hasNum = attr(e, "val"), true
			}
		case "ilvl":
			if cur != nil {
				cur.ilvl, _ = strconv.Atoi(attr(e, "val"))
			}
		}
	}
}

// styleNum finds the numbering a style gives, through the styles it is
// based on.
func (w *docxWalker) styleNum(id string) (numID string, ilvl int, ok bool) {
	for range 20 { // a loop of basedOn ends here
		s := w.styles[id]
		if s == nil {
			return "", 0, false
		}
		if s.hasNum {
			return s.numID, s.ilvl, true
		}
		id = s.basedOn
	}
	return "", 0, false
}

// styleOutline is the heading level a style gives, through the styles it
// is based on; 0 for body text.
func (w *docxWalker) styleOutline(id string) int {
	for range 20 {
		s := w.styles[id]
		if s == nil {
			return 0
		}
		if s.outline >= 0 {
			return s.outline
		}
		id = s.basedOn
	}
	return 0
}

// headingName reads the level of a style named as Word and WPS name their
// heading styles ("heading 1", "标题 1"); -1 for any other name.
func headingName(name string) int {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, p := range []string{"heading", "标题"} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			if n, err := strconv.Atoi(strings.TrimSpace(rest)); err == nil && n >= 1 && n <= 9 {
				return n
			}
		}
	}
	return -1
}

// outlineLevel reads w:outlineLvl, 0-based with 9 for body text.
func outlineLevel(val string) int {
	n, err := strconv.Atoi(val)
	if err != nil || n < 0 || n >= 9 {
		return 0
	}
	return n + 1
}

// docxPara collects one paragraph.
type docxPara struct {
	text          strings.Builder
	style         string
	numID         string
	ilvl          int
	hasNum, ilvlS bool
	outline       int // w:outlineLvl of the paragraph itself, -1 for none
}

// walk reads document.xml. Text inside w:del, w:moveFrom and mc:Fallback
// (the copy of a drawing's text for old readers) is skipped; a table's
// rows become lines of cells separated by tabs.
func (w *docxWalker) walk(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	var paras []*docxPara // open paragraphs: a text box nests one in another
	skip := 0             // depth inside skipped elements
	inText := false
	var row []string // cells of the open table row
	inRow := 0
	var cell []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := t.Name.Local
			if skip > 0 {
				skip++
				continue
			}
			switch name {
			case "del", "moveFrom", "Fallback", "instrText", "delText", "pPrChange", "rPrChange", "sectPrChange", "numberingChange":
				if name == "del" || name == "moveFrom" {
					w.deleted++
				}
				skip = 1
			case "p":
				paras = append(paras, &docxPara{outline: -1})
			case "outlineLvl":
				if len(paras) > 0 {
					paras[len(paras)-1].outline = outlineLevel(attr(t, "val"))
				}
			case "pStyle":
				if len(paras) > 0 {
					paras[len(paras)-1].style = attr(t, "val")
				}
			case "numId":
				if len(paras) > 0 {
					p := paras[len(paras)-1]
					p.numID, p.hasNum = attr(t, "val"), true
				}
			case "ilvl":
				if len(paras) > 0 {
					p := paras[len(paras)-1]
					p.ilvl, _ = strconv.Atoi(attr(t, "val"))
					p.ilvlS = true
				}
			case "t":
				inText = true
			case "tab", "ptab":
				// A tab stop of the paragraph's properties has a position;
				// a tab in the text has none.
				if len(paras) > 0 && attr(t, "pos") == "" {
					paras[len(paras)-1].text.WriteByte('\t')
				}
			case "br", "cr":
				if len(paras) > 0 && attr(t, "type") != "page" && attr(t, "type") != "column" {
					paras[len(paras)-1].text.WriteByte('\n')
				}
			case "noBreakHyphen":
				if len(paras) > 0 {
					paras[len(paras)-1].text.WriteByte('-')
				}
			case "tr":
				// A table nested in a cell is read into that cell: its
				// rows and cells do not start the outer table's.
				inRow++
				if inRow == 1 {
					row = nil
				}
			case "tc":
				if inRow <= 1 {
					cell = nil
				}
			}
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if len(paras) == 0 {
					continue
				}
				p := paras[len(paras)-1]
				paras = paras[:len(paras)-1]
				num := w.number(p)
				line := num + p.text.String()
				if inRow > 0 {
					cell = append(cell, strings.TrimSpace(line))
				} else {
					level := p.outline
					if level < 0 {
						level = w.styleOutline(p.style)
					}
					if level > 0 && num == "" && strings.TrimSpace(line) != "" {
						w.heads[len(w.lines)] = level
					}
					// A text box's paragraph, nested in another, comes out
					// as its own line before the one that holds it.
					w.lines = append(w.lines, line)
				}
			case "tc":
				if inRow <= 1 {
					row = append(row, strings.Join(nonEmpty(cell), " "))
					cell = nil
				}
			case "tr":
				inRow--
				if inRow > 0 {
					continue // the end of a nested row
				}
				if r := strings.Join(row, "\t"); strings.TrimSpace(r) != "" {
					w.lines = append(w.lines, r)
				}
				row = nil
			}
		case xml.CharData:
			if inText && skip == 0 && len(paras) > 0 {
				paras[len(paras)-1].text.Write(t)
			}
		}
	}
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// number returns the text Word's list numbering shows before p, and
// advances the list's counters.
func (w *docxWalker) number(p *docxPara) string {
	numID, ilvl, ok := p.numID, p.ilvl, p.hasNum
	if sid, slvl, sok := w.styleNum(p.style); sok {
		if !ok {
			numID, ok = sid, true
		}
		if !p.ilvlS {
			ilvl = slvl
		}
	}
	if !ok || w.num == nil || numID == "0" {
		return ""
	}
	return w.num.next(numID, ilvl)
}

func coreTitle(data []byte) string {
	d := xml.NewDecoder(bytes.NewReader(data))
	in := false
	var b strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return strings.TrimSpace(b.String())
		}
		switch t := tok.(type) {
		case xml.StartElement:
			in = t.Name.Local == "title"
		case xml.EndElement:
			if t.Name.Local == "title" {
				return strings.TrimSpace(b.String())
			}
		case xml.CharData:
			if in {
				b.Write(t)
			}
		}
	}
}

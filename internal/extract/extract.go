// Package extract reads the text of a report out of the files it arrives
// in — Word (.docx, and .doc or .wps through LibreOffice), PDF (through
// poppler's pdftotext), OFD (GB/T 33190) and web pages saved from a portal —
// so that every format feeds the one parser (internal/report) as plain text
// does: one paragraph or visual line per line, in reading order.
//
// Extraction never rewords: it drops only what is not the report's text
// (page headers, footers and page numbers, Word's deleted revisions and
// comments, a portal page's menus), and says so in its notes.
package extract

import (
	"errors"
	"fmt"
	"path"
	"strings"
)

// Format is a kind of source file.
type Format string

// The formats a source can have.
const (
	Text Format = "text" // .txt, read by the parser as it is
	DOCX Format = "docx"
	PDF  Format = "pdf"
	OFD  Format = "ofd"
	HTML Format = "html"
	// Legacy is a binary Word or WPS file (.doc, .wps), converted to .docx
	// with LibreOffice when it is installed.
	Legacy Format = "legacy"
)

// formats maps a file name's ending to its format.
var formats = map[string]Format{
	".txt":  Text,
	".docx": DOCX,
	".pdf":  PDF,
	".ofd":  OFD,
	".html": HTML,
	".htm":  HTML,
	".doc":  Legacy,
	".wps":  Legacy,
}

// Extensions lists the file name endings that are read, in the order
// messages name them.
func Extensions() []string {
	return []string{".txt", ".docx", ".doc", ".wps", ".pdf", ".ofd", ".html", ".htm"}
}

// FormatOf returns the format of a file by its name's ending, ignoring
// case; ok is false for a file that is not a report format.
func FormatOf(name string) (f Format, ok bool) {
	f, ok = formats[strings.ToLower(path.Ext(name))]
	return f, ok
}

// Result is the text read from one file.
type Result struct {
	// Text is the report's text: UTF-8 for every format but Text, whose
	// bytes are passed on as they are for the parser to decode.
	Text   []byte
	Format Format
	// Title is the title the file gives itself (a Word document's title
	// property, a web page's <title>): a hint, never the report's title.
	Title string
	// Headings are the lines (1-based) the file marks as headings by their
	// style alone (a Word heading style, no number), with their level: 1
	// for a section, 2 below it. The parser takes them as headings.
	Headings map[int]int
	// Notes say what extraction left out or found doubtful, in the staff's
	// words; the importer shows them as warnings.
	Notes []string
}

// Tools names the external programs some formats need; an empty name
// means "look it up on PATH".
type Tools struct {
	PDFToText string // poppler's pdftotext
	Office    string // LibreOffice's soffice
	// TempDir is where a .doc is converted; "" for the system's.
	TempDir string
}

// ErrUnsupported is returned for a file whose format is not a report format.
var ErrUnsupported = errors.New("not a report format")

// Limits on what a file may expand to: a zip that would unpack to more is
// refused rather than read (a zip bomb), as is a document of absurd size.
const (
	maxPart  = 64 << 20  // one part of a zip container
	maxTotal = 256 << 20 // all parts read from one container
	maxParts = 10000     // files listed in one container
)

// Extract reads the text of the file name with the given bytes. An error
// says, in the staff's words, why no text could be read and what to do.
func Extract(name string, data []byte, t Tools) (*Result, error) {
	f, ok := FormatOf(name)
	if !ok {
		return nil, ErrUnsupported
	}
	var r *Result
	var err error
	switch f {
	case Text:
		return &Result{Text: data, Format: Text}, nil
	case DOCX:
		r, err = readDOCX(data)
	case PDF:
		r, err = readPDF(data, t)
	case OFD:
		r, err = readOFD(data)
	case HTML:
		r, err = readHTML(data)
	case Legacy:
		r, err = readLegacy(name, data, t)
	}
	if err != nil {
		return nil, err
	}
	r.Format = f
	if note := checkText(string(r.Text)); note != "" {
		return nil, errors.New(note)
	}
	if n := strings.Count(string(r.Text), "\uFFFD"); n > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("读出的文字中有 %d 处无法识别的字符（显示为 �）：请对照原件核对这些地方", n))
	}
	return r, nil
}

// checkText says why extracted text cannot be a report: nothing read, or
// no Chinese at all (a scan with no text layer, a font without a Unicode
// map); "" when it can.
func checkText(s string) string {
	han, bad, other := 0, 0, 0
	for _, r := range s {
		switch {
		case r >= 0x4E00 && r <= 0x9FFF:
			han++
		case r == '\uFFFD':
			bad++
		case r > ' ':
			other++
		}
	}
	switch {
	case han == 0 && bad == 0 && other == 0:
		return "文件中读不到文字（可能是扫描件或图片，没有文字层）：请向报送单位索取可复制文字的版本（Word、OFD 或文字版 PDF），或将正文另存为 .txt 放入 sources/"
	case han == 0:
		return "文件中读不到汉字（可能是扫描件，或字体未带编码映射，读出的是乱码）：请向报送单位索取 Word 或 OFD 版本，或将正文另存为 .txt 放入 sources/"
	case bad*20 > han:
		return fmt.Sprintf("读出的文字有 %d 处无法识别的字符（乱码）：请向报送单位索取 Word 或 OFD 版本，或将正文另存为 .txt 放入 sources/", bad)
	}
	return ""
}

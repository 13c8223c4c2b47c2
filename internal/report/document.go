// Package report turns the raw text of a 法治政府建设年度报告, as extracted
// from Word or PDF or copied from a government portal, into a structured
// document: its 公文 elements (title, issuers, 发文字号, 签发人, 主送机关,
// 成文日期, 抄送, 印发) and a body of headings and paragraphs.
//
// The body text is kept exactly: the only changes are layout repairs, each of
// which is recorded in Document.Repairs (see RepairKind). The package does no
// file I/O.
package report

import (
	"strings"

	"nianbao/internal/diag"
)

// Document is one parsed report.
type Document struct {
	// Encoding is the detected encoding of the input (EncUTF8 …).
	Encoding string

	Title string
	// PageTitles are the page's own names for the report, above the
	// document's title in other words, dropped (RepairRepeatedTitle).
	PageTitles []string
	Issuers    []string
	// IssuersFromPortal says the issuers are the portal's 发布机构 (or
	// 发文机关) field, the report itself naming none: who published the
	// page, most likely but not surely who sent the report.
	IssuersFromPortal bool
	DocNumber         string // 发文字号
	Signer            string // 签发人
	Recipient         string // 主送机关, without the colon
	Date              string // 成文日期, YYYY-MM-DD
	CC                []string
	Printer           string // 印发机关
	Printed           string // 印发日期, YYYY-MM-DD

	// IndexNumber and Published come from a portal's metadata block.
	IndexNumber string
	Published   string
	// PublishedUnlabelled says Published is the date the page prints under
	// (or beside) the title with no label, before 来源 or with its time of
	// day ("2021年12月03日 来源: 上海普陀"): most likely but not surely the
	// 发布日期, so the importer marks it derived.
	PublishedUnlabelled bool
	// PortalSource is the page's 来源 (信息来源): who put the page up, such
	// as 浚县司法局. It is no element of the report, only evidence of
	// where a township of a shared name lies.
	PortalSource string

	// Year is the year the report is about (not the signing year).
	Year int
	// YearFrom says where Year was read: YearFromTitle, or a weaker place
	// whose year the importer marks as derived.
	YearFrom YearSource

	// Blocks is the body in order: the lead paragraphs, then headings and
	// paragraphs.
	Blocks []Block

	// Lines records what became of every non-blank source line, in order.
	Lines []LineRole

	// Repairs lists every layout repair made, in source order.
	Repairs []Repair

	// Warnings are problems that did not stop the import.
	Warnings []Diagnostic
}

// YearSource says where a report's year was found.
type YearSource uint8

// Where a year is found, from the surest place to the least sure.
const (
	YearFromTitle   YearSource = iota // the title: 关于2023年度…的报告
	YearFromHeading                   // the first section heading: 一、2023年工作总结
	YearFromLead                      // the opening paragraph: 2023年，我镇…
	YearFromDate                      // the year before the 成文日期
	YearFromHint                      // outside the text: Hints.Year (a file's name)
)

// Hints are what a caller knows of a report from outside its text, used
// only where the text says nothing.
type Hints struct {
	// Year is the report year a file's name gives (兴隆镇2024年报告.docx),
	// taken when the text names no year at all; 0 for none.
	Year int
	// YearSaid says where Year came from, for the warning, in Chinese:
	// "文件名 兴隆镇2024年报告.docx".
	YearSaid string
	// Headings are the lines (1-based) the file marks as headings by style
	// alone, with no number (a Word heading style), and their levels: a
	// body line among them is a heading of that level.
	Headings map[int]int
}

// BlockKind tells headings from paragraphs.
type BlockKind uint8

// Block kinds.
const (
	Paragraph BlockKind = iota
	Heading
	// Table is rows of cells: lines whose cells a tab sets apart, as a
	// Word table or a table copied from a web page comes.
	Table
)

// Block is a heading or a paragraph of the body.
type Block struct {
	Kind BlockKind
	// Level is 1 for a top-level section heading (一、), 2 for the next
	// (（一）), and so on; 0 for paragraphs.
	Level int
	Text  string
	// Rows are a Table's cells, row by row; Text is then empty.
	Rows [][]string
	// Line is the 1-based source line the block starts on.
	Line int
}

// Role says what a source line became.
type Role uint8

// Line roles.
const (
	RoleBody     Role = iota // text of the body
	RoleMeta                 // consumed into a 公文 element (title, signature, …)
	RoleRemoved              // removed as a layout repair or portal chrome
	RoleRepeated             // a repeat of the title, dropped
)

// LineRole records what became of one source line.
type LineRole struct {
	Line  int
	Part  int // pieces of a line split by RepairSplit count from 1
	Role  Role
	Field string // for RoleMeta: the element ("title", "signer", …)
	Text  string // the line after indentation was trimmed
}

// RepairKind names one kind of layout repair.
type RepairKind string

// The layout repairs the importer makes. README.md lists them; no other
// change is ever made to a report's text.
const (
	RepairJoin          RepairKind = "joined a line broken mid-sentence"
	RepairPageNumber    RepairKind = "removed a page number"
	RepairFormFeed      RepairKind = "removed a form feed"
	RepairArtifact      RepairKind = "removed a conversion leftover"
	RepairLetterSpacing RepairKind = "closed up letter spacing in the title"
	RepairChrome        RepairKind = "removed portal chrome"
	RepairSplit         RepairKind = "split text that had lost its line breaks"
	RepairRepeatedTitle RepairKind = "dropped a repeated title"
	RepairControl       RepairKind = "removed control characters"
	RepairSurrogate     RepairKind = "replaced a lone UTF-16 surrogate with U+FFFD"
)

// Repair is one layout repair at a source line.
type Repair struct {
	Line int
	Kind RepairKind
	// Text is what was removed (or, for joins, the end of the first line;
	// for lone surrogates, their code units written U+D83D).
	Text string
}

// Diagnostic is a problem at a line of the source (File is left to the
// caller, which knows it): the project's one diagnostic.
type Diagnostic = diag.Diagnostic

// Error is returned by Parse when the input cannot be imported: a
// Diagnostic, which formats as "line N: message".
type Error = diag.Diagnostic

// PageText returns the text of the page around the report that was removed
// as chrome (its header, breadcrumb, menus, footer), a line each: no element
// of the report, but the site's name in it may say where a township of a
// shared name lies (中文域名:天津市宝坻区人民政府.政务).
func (d *Document) PageText() string {
	var b strings.Builder
	for _, r := range d.Repairs {
		if r.Kind == RepairChrome {
			b.WriteString(r.Text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

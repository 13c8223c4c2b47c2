package importer

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"nianbao/internal/content"
	"nianbao/internal/extract"
	"nianbao/internal/region"
	"nianbao/internal/report"
)

// Converted is one report turned into the bytes of its content file, before
// anything is written.
type Converted struct {
	// Source is the report's path as written into front matter.
	Source string
	// Path is the content file, a slash path under Options.Out.
	Path string
	Meta content.Meta
	// File is the whole content file: front matter, then the Markdown body.
	File []byte
	// Doc is the parsed report, for callers that check what became of each
	// source line.
	Doc *report.Document
	// Warnings are problems that did not stop the conversion.
	Warnings []*Problem

	body []byte // the Markdown body, to write File again with other front matter
	// Once Import spools the file (spool.put), File is nil and sum, at and
	// size say what and where it is.
	spooled bool
	sum     [32]byte
	at      int64
	size    int
	// held is what Path holds before the import writes it (read once, by
	// existing): the import's checks all look at it.
	held    []byte
	heldErr error
	heldOK  bool
}

// Convert turns the raw bytes of one report into its content file. src is
// the report's path relative to the repository (it goes into front matter,
// names the report in messages, and its ending says the format: .docx,
// .pdf, …; any ending extract does not know is read as text); out is the
// content directory. Convert reads and writes no file, and runs no program
// but the converter a PDF or a .doc needs, so the same bytes always give
// the same file.
func Convert(src string, data []byte, out string, regions *region.Table) (*Converted, error) {
	return convert(src, data, out, regions, "", extract.Tools{})
}

// convert is Convert with the day the site adds the report (收录日期,
// content.Meta.Added), which Import knows and Convert leaves out.
func convert(src string, data []byte, out string, regions *region.Table, added string, tools extract.Tools) (*Converted, error) {
	x, err := extract.Extract(src, data, tools)
	if errors.Is(err, extract.ErrUnsupported) {
		x, err = &extract.Result{Text: data, Format: extract.Text}, nil
	}
	if err != nil {
		return nil, &Problem{File: src, Msg: err.Error()}
	}
	hints := nameHints(src)
	if hints.Year == 0 && x.Title != "" {
		hints = yearHint(x.Title, fmt.Sprintf("文档属性中的标题“%s”", x.Title))
	}
	hints.Headings = x.Headings
	doc, err := report.ParseWith(x.Text, hints)
	if err != nil {
		var re *report.Error
		if errors.As(err, &re) {
			return nil, &Problem{File: src, Line: re.Line, Msg: re.Msg}
		}
		return nil, &Problem{File: src, Msg: err.Error()}
	}
	c := &Converted{Source: src, Doc: doc}
	for _, n := range x.Notes {
		c.Warnings = append(c.Warnings, &Problem{File: src, Msg: n})
	}
	for _, w := range doc.Warnings {
		c.Warnings = append(c.Warnings, &Problem{File: src, Line: w.Line, Msg: w.Msg})
	}
	meta, body := content.FromReport(doc)
	if doc.YearFrom != report.YearFromTitle {
		meta.MarkDerived("year")
	}
	sum := sha256.Sum256(data)
	meta.Source = src
	meta.SourceSHA256 = hex.EncodeToString(sum[:])
	// The site build refuses a report that breaks the rules of
	// content.Check…; written, it would fail every build after this one.
	if err := content.CheckYear(meta.Year); err != nil {
		return nil, &Problem{File: src, Msg: fmt.Sprintf("%v：请在原件中改正年份，再运行 go run ./cmd/build", err)}
	}
	w := placeTown(&meta, doc, regions)
	if err := content.CheckTown(&meta); err != nil {
		if meta.Town == "" && otherBody(doc, regions) != "" {
			return nil, &Problem{File: src, Msg: fmt.Sprintf("看来不是乡镇（街道）的报告：%s，不是乡镇（街道）；不能按正文中写到的乡镇来定它的所在地。这里只发布乡镇（街道）的报告：不是乡镇（街道）的，请把它移出 sources/；是的，请在原件的标题或落款中写上带乡镇名称的发文机关（如“…镇人民政府”），再运行 go run ./cmd/build", w)}
		}
		return nil, &Problem{File: src, Msg: fmt.Sprintf("%v，%s：请在原件的标题或落款中写上带乡镇名称的发文机关（如“…镇人民政府”），再运行 go run ./cmd/build", err, w)}
	}
	if w != "" {
		c.Warnings = append(c.Warnings, &Problem{File: src, Msg: w})
	}
	if doc.PublishedUnlabelled {
		meta.MarkDerived("published")
		c.Warnings = append(c.Warnings, &Problem{File: src, Msg: fmt.Sprintf(
			"发布日期 %s 取自网页标题旁没有标注名称的日期：请核对", meta.Published)})
	}
	if doc.IssuersFromPortal && !namesTown(meta.Issuer, meta.Town) {
		// A county's office or 司法局 that put the page up published
		// the report; it did not send it.
		meta.Issuer, meta.Issuers = "", nil
	}
	if doc.IssuersFromPortal && meta.Issuer != "" {
		meta.MarkDerived("issuer")
		c.Warnings = append(c.Warnings, &Problem{File: src, Msg: fmt.Sprintf(
			"报告没有写发文机关，发文机关“%s”取自网页信息栏的“发布机构”：请核对", meta.Issuer)})
	}
	if meta.Issuer == "" {
		if issuer := content.IssuerOf(meta.Town); issuer != "" {
			meta.Issuer = issuer
			meta.MarkDerived("issuer")
			c.Warnings = append(c.Warnings, &Problem{File: src, Msg: fmt.Sprintf(
				"报告没有写发文机关，“%s”是按乡镇推定的（镇、乡以人民政府、街道以办事处名义报告）：请核对", issuer)})
		}
	}
	meta.Added = added
	// A copy, so that the import, which keeps every report's front matter
	// until it writes them, does not keep every report's text with it.
	c.Meta = meta.Clone()
	c.Path = outputPath(out, &meta)
	file, err := content.Marshal(&meta, body)
	if err != nil {
		return nil, &Problem{File: src, Msg: err.Error()}
	}
	c.File, c.body = file, body
	return c, nil
}

// namesTown reports whether organ names the township town, in any form a
// text may write it (石门街 for 石门街道).
func namesTown(organ, town string) bool {
	for _, f := range region.NameForms(town) {
		if strings.Contains(organ, f) {
			return true
		}
	}
	return false
}

// reNameYear finds a year in a file's name as staff write it: 2024年,
// 2024年度.
var reNameYear = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})年`)

// nameHints reads the report year from the source's file name and the
// folder it sits in (兴隆镇2024年法治政府建设情况报告.docx, 2023年/兴隆镇.txt):
// the text's own year always comes first, and a name naming two years
// gives none.
func nameHints(src string) report.Hints {
	return yearHint(path.Base(src)+"\x00"+path.Base(path.Dir(src)), "文件名 "+src)
}

// yearHint reads the one year s names (2024年); none when it names two.
func yearHint(s, said string) report.Hints {
	var year string
	for _, m := range reNameYear.FindAllStringSubmatch(s, -1) {
		if year != "" && m[1] != year {
			return report.Hints{}
		}
		year = m[1]
	}
	if year == "" {
		return report.Hints{}
	}
	y, _ := strconv.Atoi(year)
	return report.Hints{Year: y, YearSaid: said}
}

var reSlug = regexp.MustCompile(`[^a-z0-9]+`)

// outputPath is the content file of a report: by county code, township code
// and year ("content/500235/500235145-2024.md"); a township the table does
// not know goes under "unresolved/", named after its source file when that
// name is ASCII, else after the source's hash.
func outputPath(dir string, m *content.Meta) string {
	year := fmt.Sprintf("%04d", m.Year)
	if len(m.Code) == 9 {
		return path.Join(dir, m.Code[:6], m.Code+"-"+year+".md")
	}
	base := path.Base(m.Source)
	base = strings.TrimSuffix(base, path.Ext(base))
	slug := strings.Trim(reSlug.ReplaceAllString(strings.ToLower(base), "-"), "-")
	// A name in Chinese would leave only its digits: "兴隆镇2022年报告" → "2022".
	if len(slug) < 3 || strings.IndexFunc(base, func(r rune) bool { return r >= utf8.RuneSelf }) >= 0 {
		slug = m.SourceSHA256[:12]
	}
	return path.Join(dir, "unresolved", slug+"-"+year+".md")
}

// townLabel names the town of a report in messages.
func townLabel(m *content.Meta) string {
	if m.Town != "" {
		return m.County + m.Town
	}
	return m.Issuer
}

// fileIs reports whether data is c's file, byte for byte.
func (c *Converted) fileIs(data []byte) bool {
	if !c.spooled {
		return string(data) == string(c.File)
	}
	return len(data) == c.size && sha256.Sum256(data) == c.sum
}

// fileSum is the SHA-256 of c's file.
func (c *Converted) fileSum() [32]byte {
	if c.spooled {
		return c.sum
	}
	return sha256.Sum256(c.File)
}

// existing returns what the content file c would be written to holds now,
// reading it once for all the checks of one import.
func (c *Converted) existing(opt Options) ([]byte, error) {
	if !c.heldOK {
		c.held, c.heldErr = os.ReadFile(abs(opt.Root, c.Path))
		c.heldOK = true
	}
	return c.held, c.heldErr
}

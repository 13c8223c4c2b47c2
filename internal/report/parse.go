package report

import (
	"fmt"
	"unicode/utf8"
)

// Parse reads one raw report. It returns an *Error when the input cannot be
// imported (empty, binary, not a report); otherwise problems that did not
// stop the import are in Document.Warnings.
func Parse(data []byte) (*Document, error) { return ParseWith(data, Hints{}) }

// ParseWith is Parse with what the caller knows of the report from outside
// its text.
func ParseWith(data []byte, h Hints) (*Document, error) {
	text, enc, lone, err := decode(data)
	if err != nil {
		if e, ok := err.(*Error); ok {
			return nil, e
		}
		return nil, &Error{Msg: err.Error()}
	}
	doc := &Document{Encoding: enc}
	recordSurrogates(doc, lone)
	ls := splitLines(text, doc)
	ls = splitRunTogether(ls, doc)
	p := &parser{doc: doc, ls: nonBlank(ls), hints: h, titleFrom: -1, titleTo: -1}
	p.role = make(map[lineKey]LineRole, len(p.ls))
	// The phases, each in its own file: lines.go and split.go have cut the
	// text into lines; head.go reads the title block, signature.go the end,
	// body.go what lies between; finish.go decides the year and checks.
	start := p.head()
	end := p.tail(start)
	p.body(start, end)
	p.finish()
	if err := p.check(); err != nil {
		return nil, err
	}
	return doc, nil
}

// parser holds the state of one Parse.
type parser struct {
	doc  *Document
	ls   []line // non-blank lines
	role map[lineKey]LineRole
	// titleLines holds the title as read, with and without its issuer
	// prefix, so that a later copy of it (portals repeat it) is recognised.
	titleLines []string
	// titleFrom and titleTo are the lines of the title taken (-1 for none,
	// or a title from the metadata block); pageTitles,
	// the page's own names for the report, dropped for the document's.
	titleFrom, titleTo int
	pageTitles         []string
	// pre holds text before the title that is not recognised chrome; after
	// holds 附注 and unrecognised text below the signature. Both stay in the
	// body, each line a paragraph of its own.
	pre, after []line
	// guessed holds the lines taken for the page by where they stand rather
	// than by what they say (the header above a breadcrumb, a table's cells
	// whose labels were lost): removed, and named in one warning.
	guessed []line
	// separate holds the lines that start a paragraph whatever ends the
	// one before: the kept lines above and the first line of the body.
	separate map[lineKey]bool
	// portalIssuers holds the 发布机构 of a portal metadata block, the
	// issuer only when the report names none; portalIssuerLines, the lines
	// that give it alone.
	portalIssuers     []string
	portalIssuerLines []line
	hints             Hints
	// lastIndent is the indent of the last line put into the body's last
	// block (continues).
	lastIndent int
}

func (p *parser) mark(l line, role Role, field string) {
	p.role[l.key()] = LineRole{Line: l.no, Part: l.part, Role: role, Field: field, Text: l.text}
}

func (p *parser) warn(lineNo int, format string, args ...any) {
	p.doc.Warnings = append(p.doc.Warnings, Diagnostic{Line: lineNo, Msg: fmt.Sprintf(format, args...)})
}

func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

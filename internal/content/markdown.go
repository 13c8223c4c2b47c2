package content

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"nianbao/internal/report"
)

// FromReport builds the front matter and the Markdown body of an imported
// report. Region fields, code and source are the importer's to fill.
func FromReport(d *report.Document) (Meta, []byte) {
	m := Meta{
		Title:       d.Title,
		Issuer:      strings.Join(d.Issuers, "、"),
		Year:        d.Year,
		Date:        d.Date,
		Signer:      d.Signer,
		DocNumber:   d.DocNumber,
		Recipient:   d.Recipient,
		CC:          d.CC,
		Printer:     d.Printer,
		Printed:     d.Printed,
		IndexNumber: d.IndexNumber,
		Published:   d.Published,
	}
	if len(d.Issuers) > 1 {
		m.Issuers = d.Issuers
	}
	var b strings.Builder
	size := 0
	for _, blk := range d.Blocks {
		size += len(blk.Text) + 12 // "\n", "#### ", a few escapes
	}
	b.Grow(size)
	top := 0
	for _, blk := range d.Blocks {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		if blk.Kind == report.Table {
			writeTable(&b, blk.Rows)
			continue
		}
		if blk.Kind == report.Heading {
			if blk.Level == 1 {
				top++
				m.Sections = append(m.Sections, Section{
					Title: blk.Text,
					Kind:  report.SectionKind(blk.Text, d.Year),
					ID:    SectionID(top),
				})
			}
			b.WriteString(strings.Repeat("#", blk.Level+1))
			b.WriteString(" ")
			b.WriteString(escapeHeading(blk.Text))
		} else {
			b.WriteString(Escape(blk.Text))
		}
		b.WriteString("\n")
	}
	return m, []byte(b.String())
}

// writeTable writes rows as a GFM table, the first row its head, every
// row as wide as the widest, each cell escaped.
func writeTable(b *strings.Builder, rows [][]string) {
	width := 0
	for _, r := range rows {
		width = max(width, len(r))
	}
	for i, r := range rows {
		b.WriteString("|")
		for c := range width {
			cell := ""
			if c < len(r) {
				cell = Escape(r[c])
			}
			b.WriteString(" " + cell + " |")
		}
		b.WriteString("\n")
		if i == 0 {
			b.WriteString("|" + strings.Repeat(" --- |", width) + "\n")
		}
	}
}

// Escape writes report text as a Markdown paragraph that renders to exactly
// that text. Bold already present in the source ("**三是……。**") is kept as
// bold; every other character Markdown would read as syntax is escaped.
func Escape(s string) string { return escape(s, true) }

// escape escapes s; block is false for heading text, where what would open
// a block (a list, a quote) at the start of a paragraph is plain text.
func escape(s string, block bool) string {
	if plain(s, block) {
		return s
	}
	bold := boldPairs(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	atStart := block
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if k, ok := bold[i]; ok {
			writeBoldMarker(&b, s, i, k)
			i += 2
			atStart = false
			continue
		}
		switch {
		case atStart && (r == '#' || r == '>' || r == '-' || r == '+' || r == '=' || r == '|'):
			b.WriteByte('\\')
			b.WriteRune(r)
		case atStart && r >= '0' && r <= '9':
			// "1. " or "1) " at the start of a paragraph opens an ordered list.
			j := i
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			b.WriteString(s[i:j])
			if j < len(s) && (s[j] == '.' || s[j] == ')') {
				b.WriteByte('\\')
			}
			i = j
			atStart = false
			continue
		case r == '\\' || r == '*' || r == '_' || r == '`' || r == '[' || r == ']' || r == '<' || r == '|' || r == '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '&' && i+1 < len(s) && (s[i+1] == '#' || s[i+1] < 0x80 && unicode.IsLetter(rune(s[i+1]))):
			b.WriteString(`\&`)
		default:
			b.WriteRune(r)
		}
		atStart = false
		i += size
	}
	return b.String()
}

// plain reports whether s holds nothing Markdown could read as syntax, as
// most report text does: it is then written as it is.
func plain(s string, block bool) bool {
	if block && s != "" && strings.IndexByte("#>-+=|0123456789", s[0]) >= 0 {
		return false
	}
	return !strings.ContainsAny(s, "\\*_`[]<|~&")
}

// escapeHeading escapes heading text; a run of # at the end of an ATX
// heading would be read as its closing sequence.
func escapeHeading(s string) string {
	e := escape(s, false)
	if strings.HasSuffix(e, "#") {
		e = strings.TrimSuffix(e, "#") + `\#`
	}
	return e
}

// boldPairs finds the "**" markers of source bold that pair up, keyed by
// byte offset, with true for an opening marker. Text with an odd number of
// markers keeps none: every * is then escaped and shows as written.
func boldPairs(s string) map[int]bool {
	var at []int
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '*' && s[i+1] == '*' {
			if i+2 < len(s) && s[i+2] == '*' {
				return nil // *** is not a pair we can keep faithfully
			}
			at = append(at, i)
			i++
		}
	}
	if len(at) == 0 || len(at)%2 != 0 {
		return nil
	}
	pairs := make(map[int]bool, len(at))
	for k := 0; k < len(at); k += 2 {
		open, closing := at[k], at[k+1]
		inner := s[open+2 : closing]
		if inner == "" || strings.TrimSpace(inner) != inner {
			return nil
		}
		pairs[open], pairs[closing] = true, false
	}
	return pairs
}

// writeBoldMarker writes "**" so that CommonMark reads it as an opening or
// closing delimiter. Next to Chinese punctuation the flanking rules fail
// ("。**根据"), so an escaped space, which goldmark's CJK extension renders
// as nothing, is put on the outer side.
func writeBoldMarker(b *strings.Builder, s string, i int, open bool) {
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i+2:])
	if open {
		inner := after
		if isPunct(inner) && i > 0 && !unicode.IsSpace(before) && !isPunct(before) {
			b.WriteString(`\ `)
		}
		b.WriteString("**")
		return
	}
	b.WriteString("**")
	inner := before
	if isPunct(inner) && i+2 < len(s) && !unicode.IsSpace(after) && !isPunct(after) {
		b.WriteString(`\ `)
	}
}

// isPunct is CommonMark's notion of punctuation: ASCII punctuation and the
// Unicode P and S categories.
func isPunct(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

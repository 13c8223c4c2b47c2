package report

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one source line after indentation and leftovers were removed.
type line struct {
	no   int    // 1-based source line
	part int    // 0, or the piece of a line that had lost its line breaks
	text string // trimmed; "" for a blank line
	// indent is how far the line was indented, in columns: a space or tab
	// one, a full-width space two (Word's and the portals' 首行缩进).
	indent int
}

// lineKey identifies a line or a piece of one.
type lineKey struct{ no, part int }

func (l line) key() lineKey { return lineKey{l.no, l.part} }

var (
	// Word's hidden bookmarks survive some converters as "[bookmark: _GoBack]",
	// and pandoc writes them as "[]{#_Toc93412345 .anchor}".
	reArtifact = regexp.MustCompile(`\[bookmark:[^\]\n]{0,80}\]|\[\]\{#[^}\n]{0,80}\}`)
	// Page numbers on a line of their own: "— 3 —", "- 3 -", "－3－", "第3页",
	// "第 3 页 共 9 页", "3/9", or a bare "3" from a PDF's footer.
	rePageNumber = regexp.MustCompile(`^(?:[—–\-－~～]{1,2}\s*\d{1,3}\s*[—–\-－~～]{1,2}|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3}|\d{1,3})$`)
)

// maxPageNumber is the longest page-number line in bytes ("第 999 页 共 999 页").
const maxPageNumber = 40

// invisible reports runes that converters leave inside text and that no
// reader can see: zero-width spaces and joiners, soft hyphens, stray BOMs.
func invisible(r rune) bool {
	switch r {
	case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD':
		return true
	}
	return false
}

// invisibles are the runes invisible reports, as strings to search for:
// a substring search is much faster than decoding every rune of the text.
var invisibles = []string{"\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD"}

func hasInvisible(s string) bool {
	for _, x := range invisibles {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// IsControl reports the control characters a report's text never keeps: C0
// except TAB, LF, CR and FF (layout, handled on their own), DEL and C1. No
// reader sees them, HTML calls them errors and XML 1.0 forbids most; they
// arrive as Word's manual line break (U+000B), a terminal's escapes
// (U+001B) or text decoded with the wrong code page (C1).
func IsControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' || r >= 0x7F && r <= 0x9F
}

// HasControl reports whether s holds a control character (IsControl). It
// looks at bytes, much faster than decoding runes: in UTF-8 a C1 character
// is 0xC2 followed by 0x80–0x9F, and 0xC2 is never a continuation byte.
func HasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F ||
			c == 0xC2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9F {
			return true
		}
	}
	return false
}

// removeControls removes the control characters of a line, recording the
// repair with a warning that says which were removed. NUL never gets here:
// Decode refuses text holding NUL as binary.
func removeControls(s string, no int, doc *Document) string {
	var removed []rune
	s = strings.Map(func(r rune) rune {
		if IsControl(r) {
			removed = append(removed, r)
			return -1
		}
		return r
	}, s)
	doc.Repairs = append(doc.Repairs, Repair{Line: no, Kind: RepairControl, Text: string(removed)})
	doc.Warnings = append(doc.Warnings, Diagnostic{Line: no, Msg: fmt.Sprintf("删去了 %d 个控制字符（%s，看不见的特殊字符）：一般无需处理；这一行的文字看起来不对时，请对照原件核对",
		len(removed), codePoints(removed))})
	return s
}

// codePoints lists the distinct characters of rs in order of first
// appearance, written U+001B, for messages: control characters cannot be
// shown as themselves.
func codePoints(rs []rune) string {
	var b strings.Builder
	seen := map[rune]bool{}
	for _, r := range rs {
		if seen[r] {
			continue
		}
		seen[r] = true
		if b.Len() > 0 {
			b.WriteString("、")
		}
		fmt.Fprintf(&b, "%U", r)
	}
	return b.String()
}

// isIndent reports the characters removed at the start and end of a line:
// the full-width space (U+3000) that Word uses for paragraph indentation,
// ordinary spaces, tabs and no-break spaces. CSS indents paragraphs instead.
func isIndent(r rune) bool {
	return r == '\u3000' || r == '\u00A0' || unicode.IsSpace(r)
}

// splitLines cuts text into trimmed lines, removing control characters, page
// numbers, form feeds and conversion leftovers, and recording each as a
// repair.
func splitLines(text string, doc *Document) []line {
	raw := strings.Split(text, "\n")
	out := make([]line, 0, len(raw))
	// Most texts have none of the leftovers: look for each once, in the
	// whole text, rather than on every line.
	controls := HasControl(text)
	formFeeds := strings.IndexByte(text, '\f') >= 0
	invisibles := hasInvisible(text)
	bookmarks := strings.Contains(text, "[bookmark:") || strings.Contains(text, "[]{#")
	for i, s := range raw {
		no := i + 1
		if controls && HasControl(s) {
			s = removeControls(s, no, doc)
		}
		if formFeeds && strings.IndexByte(s, '\f') >= 0 {
			doc.Repairs = append(doc.Repairs, Repair{Line: no, Kind: RepairFormFeed, Text: "\f"})
			s = strings.ReplaceAll(s, "\f", "")
		}
		if invisibles && hasInvisible(s) {
			var removed strings.Builder
			s = strings.Map(func(r rune) rune {
				if invisible(r) {
					removed.WriteRune(r)
					return -1
				}
				return r
			}, s)
			doc.Repairs = append(doc.Repairs, Repair{Line: no, Kind: RepairArtifact, Text: removed.String()})
		}
		if bookmarks {
			for _, l := range reArtifact.FindAllStringIndex(s, -1) {
				doc.Repairs = append(doc.Repairs, Repair{Line: no, Kind: RepairArtifact, Text: s[l[0]:l[1]]})
			}
			s = reArtifact.ReplaceAllString(s, "")
		}
		indent := indentOf(s)
		s = strings.TrimFunc(s, isIndent)
		if s != "" && len(s) <= maxPageNumber && rePageNumber.MatchString(s) {
			doc.Repairs = append(doc.Repairs, Repair{Line: no, Kind: RepairPageNumber, Text: s})
			doc.Lines = append(doc.Lines, LineRole{Line: no, Role: RoleRemoved, Text: s})
			s = ""
		}
		out = append(out, line{no: no, text: s, indent: indent})
	}
	return out
}

// indentOf is how far s is indented, in columns (line.indent).
func indentOf(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r == '\u3000':
			n += 2
		case isIndent(r):
			n++
		default:
			return n
		}
	}
	return 0 // a blank line has no indent
}

// runesOver reports whether s has more than n runes, without counting them
// when its length in bytes decides: a rune takes one to four bytes.
func runesOver(s string, n int) bool {
	switch {
	case len(s) <= n:
		return false
	case len(s) > 4*n:
		return true
	}
	return utf8.RuneCountInString(s) > n
}

// nonBlank returns the lines that have text.
func nonBlank(ls []line) []line {
	out := ls[:0:0]
	for _, l := range ls {
		if l.text != "" {
			out = append(out, l)
		}
	}
	return out
}

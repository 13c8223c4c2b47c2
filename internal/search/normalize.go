package search

import "strings"

// fold maps one code point to the one code point it is compared as. It is
// one to one on purpose (no expansions as in full NFKC, which turns "㈠" into
// "(一)"), so that every position in the folded text is a position in the
// original text and snippets can highlight the original characters.
//
// assets/search/normalize.js holds the same table; TestNormalizeAgreesWithJS
// feeds every code point through both.
func fold(r rune) rune {
	switch {
	case r < 0x80:
		switch {
		case 'A' <= r && r <= 'Z':
			return r + ('a' - 'A')
		case r <= 0x20 || r == 0x7f:
			return ' '
		case r == '[':
			return '('
		case r == ']':
			return ')'
		}
		return r
	case 0xff01 <= r && r <= 0xff5e:
		// Full-width ASCII: fold to ASCII, then apply the ASCII rules above.
		return fold(r - 0xfee0)
	case r <= 0x9f, 0x2000 <= r && r <= 0x200d:
		// C1 controls; en/em spaces, thin spaces, zero-width space and joiners.
		return ' '
	case 0x2010 <= r && r <= 0x2015:
		// Hyphens and dashes: "2021—2025" and "2021-2025" are the same range.
		return '-'
	}
	switch r {
	case 0x00a0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x2060, 0x3000, 0xfeff:
		return ' '
	case 0x2212, 0xfe58, 0xfe63:
		return '-'
	case 0x2018, 0x2019, 0x201a, 0x201b:
		return '\''
	case 0x201c, 0x201d, 0x201e, 0x201f:
		return '"'
	// 发文字号 brackets: DOMAIN.md lists 〔2025〕 [2025] （2025） ﹝2025﹞ 【2025】 as
	// variants of one thing, so all of them fold to ASCII parentheses.
	case 0x3010, 0x3014, 0x3016, 0xfe59, 0xfe5d:
		return '('
	case 0x3011, 0x3015, 0x3017, 0xfe5a, 0xfe5e:
		return ')'
	case 0x301c:
		return '~'
	// Half-width CJK punctuation and full-width signs, as NFKC maps them.
	case 0xff5f:
		return 0x2985
	case 0xff60:
		return 0x2986
	case 0xff61:
		return 0x3002
	case 0xff62:
		return 0x300c
	case 0xff63:
		return 0x300d
	case 0xff64, 0xfe51:
		return 0x3001
	case 0xff65:
		return 0x30fb
	case 0xffe0:
		return 0xa2
	case 0xffe1:
		return 0xa3
	case 0xffe2:
		return 0xac
	case 0xffe3:
		return 0xaf
	case 0xffe4:
		return 0xa6
	case 0xffe5:
		return 0xa5
	case 0xffe6:
		return 0x20a9
	// Small form variants, as NFKC maps them.
	case 0xfe50:
		return ','
	case 0xfe52:
		return '.'
	case 0xfe54:
		return ';'
	case 0xfe55:
		return ':'
	case 0xfe56:
		return '?'
	case 0xfe57:
		return '!'
	case 0xfe5b:
		return '{'
	case 0xfe5c:
		return '}'
	case 0xfe5f:
		return '#'
	case 0xfe60:
		return '&'
	case 0xfe61:
		return '*'
	case 0xfe62:
		return '+'
	case 0xfe64:
		return '<'
	case 0xfe65:
		return '>'
	case 0xfe66:
		return '='
	case 0xfe68:
		return '\\'
	case 0xfe69:
		return '$'
	case 0xfe6a:
		return '%'
	case 0xfe6b:
		return '@'
	}
	return r
}

// Normalize folds s the way the index and the browser compare text:
// full-width letters, digits and punctuation become ASCII, ASCII letters
// become lower case, the bracket and dash variants of 公文 numbering fold
// together, and every kind of space or control character becomes one ASCII
// space. Each code point maps to exactly one code point.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(fold(r))
	}
	return b.String()
}

// isASCIIAlnum reports whether a folded code point belongs to an ASCII word
// or number, the runs that get their own n-gram tokens.
func isASCIIAlnum(r rune) bool {
	return '0' <= r && r <= '9' || 'a' <= r && r <= 'z'
}

// stream returns the folded code points of s with the spaces removed: the
// sequence that tokens are taken from and queries are matched against.
// Spaces are dropped, not kept as separators, because in these reports they
// are extraction residue ("2021 年", a sentence broken across pages) rather
// than word boundaries.
func stream(s string) []rune {
	out := make([]rune, 0, len(s)/3+1)
	for _, r := range s {
		if f := fold(r); f != ' ' {
			out = append(out, f)
		}
	}
	return out
}

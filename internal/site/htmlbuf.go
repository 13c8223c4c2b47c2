package site

import (
	"html/template"
	"strconv"
	"strings"
)

// The one writer of the markup the templates leave to Go (lists_html.go,
// compare_html.go, figures_html.go): what it writes is escaped exactly as
// html/template escapes a value in the same place.

// htmlBuf writes HTML whose values are escaped as html/template escapes
// them in the same places.
type htmlBuf struct{ b []byte }

func (h *htmlBuf) html() template.HTML { return template.HTML(h.b) }

func (h *htmlBuf) raw(s string) *htmlBuf {
	h.b = append(h.b, s...)
	return h
}

func (h *htmlBuf) int(n int) *htmlBuf {
	h.b = strconv.AppendInt(h.b, int64(n), 10)
	return h
}

// text is a value in text, an RCDATA element (<title>) or a quoted
// attribute: html/template's htmlEscaper and attrEscaper, which share one
// table.
func (h *htmlBuf) text(s string) *htmlBuf {
	h.b = appendEscaped(h.b, s)
	return h
}

// attr is a value in a quoted attribute that is not a URL.
func (h *htmlBuf) attr(s string) *htmlBuf { return h.text(s) }

// url is a value that makes up the whole of a quoted URL attribute:
// html/template's urlFilter, urlNormalizer and attrEscaper in turn.
func (h *htmlBuf) url(s string) *htmlBuf {
	if !safeURL(s) {
		s = "#ZgotmplZ"
	}
	return h.text(normalizeURL(s))
}

// appendEscaped escapes s as html/template's htmlReplacementTable does.
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case 0:
			rep = "\uFFFD"
		case '"':
			rep = "&#34;"
		case '&':
			rep = "&amp;"
		case '\'':
			rep = "&#39;"
		case '+':
			rep = "&#43;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		default:
			continue
		}
		b = append(append(b, s[last:i]...), rep...)
		last = i + 1
	}
	return append(b, s[last:]...)
}

// safeURL says whether html/template's urlFilter lets a URL through: one
// without a scheme, or with http, https or mailto.
func safeURL(s string) bool {
	i := strings.IndexByte(s, ':')
	if i < 0 || strings.Contains(s[:i], "/") {
		return true
	}
	scheme := s[:i]
	return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
}

// normalizeURL percent-encodes what html/template's urlNormalizer does:
// every byte but the unreserved and reserved characters of RFC 3986 other
// than the single quote and parentheses, and a % that starts no escape.
func normalizeURL(s string) string {
	var b []byte
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		if b == nil {
			b = make([]byte, 0, len(s)+16)
		}
		b = append(b, s[last:i]...)
		b = append(b, '%', "0123456789abcdef"[c>>4], "0123456789abcdef"[c&15])
		last = i + 1
	}
	if b == nil {
		return s
	}
	return string(append(b, s[last:]...))
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

package report

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Encoding names reported in Document.Encoding.
const (
	EncUTF8    = "UTF-8"
	EncUTF8BOM = "UTF-8 with BOM"
	EncUTF16LE = "UTF-16LE"
	EncUTF16BE = "UTF-16BE"
	EncGB18030 = "GB18030"
)

// Decode errors.
var (
	ErrEmpty      = errors.New("the file is empty")
	ErrWhiteSpace = errors.New("the file holds only white space")
	ErrBinary     = errors.New("the file is not text (binary data)")
	ErrUTF16NoBOM = errors.New("the file looks like UTF-16 without a byte order mark: save it as UTF-8, or as UTF-16 with a byte order mark")
)

// Decode turns the raw bytes of a report file into text with LF line ends
// and names the encoding it detected (EncUTF8 …). The detection order is
// BOM, then valid UTF-8, then a GB18030 trial decode that must not produce
// U+FFFD: statistical detectors misread short Chinese text, and GBK (unlike
// GB18030) silently mangles four-byte sequences.
func Decode(data []byte) (text, enc string, err error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		enc, data = EncUTF8BOM, data[3:]
		if !utf8.Valid(data) {
			return "", "", errors.New("the file starts with a UTF-8 byte order mark but is not valid UTF-8")
		}
		text = string(data)
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		enc = EncUTF16LE
		if data[0] == 0xFE {
			enc = EncUTF16BE
		}
		if len(data)%2 != 0 {
			return "", "", errors.New("the file starts with a UTF-16 byte order mark but has an odd number of bytes (truncated?)")
		}
		dec := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()
		out, e := dec.Bytes(data)
		if e != nil {
			return "", "", errors.New("the file starts with a UTF-16 byte order mark but is not valid UTF-16")
		}
		text = string(out)
	case utf8.Valid(data):
		enc, text = EncUTF8, string(data)
	default:
		out, e := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if e != nil || !utf8.Valid(out) || bytes.ContainsRune(out, utf8.RuneError) {
			if looksBinary(string(data)) {
				if looksUTF16(data) {
					return "", "", ErrUTF16NoBOM
				}
				return "", "", ErrBinary
			}
			return "", "", &Error{Line: badUTF8Line(data), Msg: "the file is neither UTF-8, UTF-16 with a byte order mark, nor GB18030 text (the first byte that is not UTF-8 is on this line)"}
		}
		enc, text = EncGB18030, string(out)
	}
	if looksBinary(text) {
		if looksUTF16(data) {
			return "", "", ErrUTF16NoBOM
		}
		return "", "", ErrBinary
	}
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	if text == "" {
		return "", "", ErrEmpty
	}
	if strings.TrimFunc(text, func(r rune) bool { return isIndent(r) || invisible(r) || r == '\f' }) == "" {
		return "", "", ErrWhiteSpace
	}
	return text, enc, nil
}

// badUTF8Line returns the 1-based line of the first byte that is not UTF-8.
func badUTF8Line(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return 1 + bytes.Count(b[:i], []byte("\n"))
		}
		i += size
	}
	return 0
}

// looksUTF16 reports whether data, which holds NUL bytes, reads as text in
// UTF-16 of either byte order: a file saved without its byte order mark.
// Binary data has pairs of NUL bytes, which UTF-16 text never has.
func looksUTF16(data []byte) bool {
	if len(data)%2 != 0 {
		return false
	}
	for _, order := range []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian} {
		out, err := unicode.UTF16(order, unicode.IgnoreBOM).NewDecoder().Bytes(data)
		if err == nil && !bytes.ContainsRune(out, utf8.RuneError) && !looksBinary(string(out)) {
			return true
		}
	}
	return false
}

// looksBinary reports whether text holds NUL bytes or many control
// characters, which no report extracted from Word, PDF or a web page has.
func looksBinary(b string) bool {
	if strings.IndexByte(b, 0) >= 0 {
		return true
	}
	ctrl := 0
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' {
			ctrl++
		}
	}
	return ctrl > 8 && ctrl*100 > len(b)
}

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
	ErrEmpty  = errors.New("the file is empty")
	ErrBinary = errors.New("the file is not text (binary data)")
)

// decode turns raw bytes into text with LF line ends. The detection order is
// BOM, then valid UTF-8, then a GB18030 trial decode that must not produce
// U+FFFD: statistical detectors misread short Chinese text, and GBK (unlike
// GB18030) silently mangles four-byte sequences.
func decode(data []byte) (text, enc string, err error) {
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
			if looksBinary(data) {
				return "", "", ErrBinary
			}
			return "", "", errors.New("the file is neither UTF-8, UTF-16 with a byte order mark, nor GB18030 text")
		}
		enc, text = EncGB18030, string(out)
	}
	if looksBinary([]byte(text)) {
		return "", "", ErrBinary
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	if strings.TrimSpace(strings.TrimPrefix(text, "\uFEFF")) == "" {
		return "", "", ErrEmpty
	}
	return text, enc, nil
}

// looksBinary reports whether text holds NUL bytes or many control
// characters, which no report extracted from Word, PDF or a web page has.
func looksBinary(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	ctrl := 0
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' {
			ctrl++
		}
	}
	return ctrl > 8 && ctrl*100 > len(b)
}

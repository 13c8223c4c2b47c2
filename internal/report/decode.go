package report

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
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
	ErrEmpty      = errors.New("文件是空的：请向报送单位重新索取原件，或把它移出 sources/")
	ErrWhiteSpace = errors.New("文件中只有空格和空行，没有文字：请向报送单位重新索取原件，或把它移出 sources/")
	ErrBinary     = errors.New("文件内容不是文字（是二进制数据）：请确认放入的是报告原件；文件损坏的，请向报送单位重新索取")
	ErrUTF16NoBOM = errors.New("文件像是不带字节顺序标记（BOM）的 UTF-16 编码文字：请用记事本等编辑器把它另存为 UTF-8 编码，或带 BOM 的 UTF-16 编码")
)

// Decode turns the raw bytes of a report file into text with LF line ends
// and names the encoding it detected (EncUTF8 …). The detection order is
// BOM, then valid UTF-8, then UTF-8 with surrogates written as three-byte
// sequences (see decodeUTF8), then a GB18030 trial decode that must not
// produce U+FFFD: statistical detectors misread short Chinese text, and GBK
// (unlike GB18030) silently mangles four-byte sequences. A lone UTF-16
// surrogate becomes U+FFFD; Parse warns about each.
func Decode(data []byte) (text, enc string, err error) {
	text, enc, _, err = decode(data)
	return text, enc, err
}

// decode is Decode that also returns the lone surrogates it replaced, by
// line.
func decode(data []byte) (text, enc string, lone []surrogateLine, err error) {
	var units []loneUnit
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		enc, data = EncUTF8BOM, data[3:]
		var ok bool
		if text, units, ok = decodeUTF8(data); !ok {
			return "", "", nil, errors.New("文件开头标明是 UTF-8 编码（有 BOM），内容却不是有效的 UTF-8：请用记事本等编辑器打开，确认文字正常后另存为 UTF-8 编码")
		}
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		var order binary.ByteOrder = binary.LittleEndian
		enc = EncUTF16LE
		if data[0] == 0xFE {
			order, enc = binary.BigEndian, EncUTF16BE
		}
		if len(data)%2 != 0 {
			return "", "", nil, errors.New("文件开头标明是 UTF-16 编码（有 BOM），字节数却是奇数，文件可能不完整：请向报送单位重新索取完整的原件")
		}
		text, units = decodeUTF16(data[2:], order)
	default:
		var ok bool
		if text, units, ok = decodeUTF8(data); ok {
			enc = EncUTF8
			break
		}
		out, e := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if e != nil || !utf8.Valid(out) || bytes.ContainsRune(out, utf8.RuneError) {
			if looksBinary(string(data)) {
				if looksUTF16(data) {
					return "", "", nil, ErrUTF16NoBOM
				}
				return "", "", nil, ErrBinary
			}
			return "", "", nil, &Error{Line: badUTF8Line(data), Msg: "文件的编码既不是 UTF-8，也不是带 BOM 的 UTF-16 或 GB18030（第一个不符合 UTF-8 的字节在这一行）：请用记事本等编辑器打开，确认文字正常后另存为 UTF-8 编码"}
		}
		enc, text = EncGB18030, string(out)
	}
	if looksBinary(text) {
		if looksUTF16(data) {
			return "", "", nil, ErrUTF16NoBOM
		}
		return "", "", nil, ErrBinary
	}
	lone = surrogateLines(text, units)
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	if text == "" {
		return "", "", nil, ErrEmpty
	}
	if strings.TrimFunc(text, func(r rune) bool { return isIndent(r) || invisible(r) || r == '\f' }) == "" {
		return "", "", nil, ErrWhiteSpace
	}
	return text, enc, lone, nil
}

// loneUnit is a UTF-16 surrogate that has no partner, at the byte offset of
// the U+FFFD that replaced it in the decoded text.
//
// A lone surrogate is half of a character whose other half is missing from
// the file (an emoji or a rare 汉字 of a name, cut by a faulty export). It
// becomes U+FFFD rather than nothing: the text must not close up over a lost
// character, so that reader and reviewer see where one is missing and the
// warning's line leads to it in the original document.
type loneUnit struct {
	at   int
	unit uint16
}

// surrogateLine lists the lone surrogates replaced on one line.
type surrogateLine struct {
	line  int
	units []uint16
}

// decodeUTF8 decodes UTF-8, tolerating UTF-16 surrogates written as
// three-byte sequences (ED A0–BF 80–BF), as CESU-8 and WTF-8 writers do: a
// high surrogate followed by a low one is the character the pair encodes,
// and any other becomes U+FFFD. ok is false when data has any other byte
// sequence that is not UTF-8.
func decodeUTF8(data []byte) (text string, lone []loneUnit, ok bool) {
	if utf8.Valid(data) {
		return string(data), nil, true
	}
	var b strings.Builder
	b.Grow(len(data))
	for i := 0; i < len(data); {
		if u, found := surrogateAt(data, i); found {
			if v, pair := surrogateAt(data, i+3); pair && isHigh(u) && !isHigh(v) {
				b.WriteRune(utf16.DecodeRune(rune(u), rune(v)))
				i += 6
				continue
			}
			lone = append(lone, loneUnit{at: b.Len(), unit: u})
			b.WriteRune(utf8.RuneError)
			i += 3
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return "", nil, false
		}
		b.Write(data[i : i+size])
		i += size
	}
	return b.String(), lone, true
}

// surrogateAt reads the surrogate encoded as three bytes at data[i:], if
// there is one.
func surrogateAt(data []byte, i int) (uint16, bool) {
	if i+2 >= len(data) || data[i] != 0xED || data[i+1] < 0xA0 || data[i+1] > 0xBF || data[i+2] < 0x80 || data[i+2] > 0xBF {
		return 0, false
	}
	return 0xD000 | uint16(data[i+1]&0x3F)<<6 | uint16(data[i+2]&0x3F), true
}

// isHigh tells a high (leading) surrogate from a low one.
func isHigh(u uint16) bool { return u < 0xDC00 }

// decodeUTF16 decodes UTF-16 after its byte order mark. Unlike
// x/text's decoder, which replaces lone surrogates silently, it returns
// where each was replaced.
func decodeUTF16(data []byte, order binary.ByteOrder) (string, []loneUnit) {
	var b strings.Builder
	b.Grow(len(data) * 3 / 2)
	var lone []loneUnit
	for i := 0; i+1 < len(data); i += 2 {
		u := order.Uint16(data[i:])
		if !utf16.IsSurrogate(rune(u)) {
			b.WriteRune(rune(u))
			continue
		}
		if i+3 < len(data) {
			if v := order.Uint16(data[i+2:]); isHigh(u) && utf16.IsSurrogate(rune(v)) && !isHigh(v) {
				b.WriteRune(utf16.DecodeRune(rune(u), rune(v)))
				i += 2
				continue
			}
		}
		lone = append(lone, loneUnit{at: b.Len(), unit: u})
		b.WriteRune(utf8.RuneError)
	}
	return b.String(), lone
}

// surrogateLines groups lone surrogates by line, in text whose line ends
// are not yet normalized: CRLF, CR and LF each end one line.
func surrogateLines(text string, lone []loneUnit) []surrogateLine {
	var out []surrogateLine
	line, pos := 1, 0
	for _, l := range lone {
		for ; pos < l.at; pos++ {
			if text[pos] == '\n' || text[pos] == '\r' && (pos+1 == len(text) || text[pos+1] != '\n') {
				line++
			}
		}
		if n := len(out); n > 0 && out[n-1].line == line {
			out[n-1].units = append(out[n-1].units, l.unit)
			continue
		}
		out = append(out, surrogateLine{line: line, units: []uint16{l.unit}})
	}
	return out
}

// recordSurrogates records the lone surrogates replaced on each line as a
// repair, with a warning.
func recordSurrogates(doc *Document, lone []surrogateLine) {
	for _, l := range lone {
		rs := make([]rune, len(l.units))
		for i, u := range l.units {
			rs[i] = rune(u)
		}
		codes := codePoints(rs)
		doc.Repairs = append(doc.Repairs, Repair{Line: l.line, Kind: RepairSurrogate, Text: codes})
		doc.Warnings = append(doc.Warnings, Diagnostic{Line: l.line, Msg: fmt.Sprintf(
			"这一行有 %d 个残缺的字符（落单的 UTF-16 代理项 %s，是一个字符的一半，文件中缺了另一半），已替换为 U+FFFD（显示为 �）：请对照报告原件核对这一行，把缺的字补进导入后的 Markdown 文件",
			len(rs), codes)})
	}
}

// badUTF8Line returns the 1-based line of the first byte that is not UTF-8,
// passing over the surrogates decodeUTF8 accepts.
func badUTF8Line(b []byte) int {
	for i := 0; i < len(b); {
		if _, ok := surrogateAt(b, i); ok {
			i += 3
			continue
		}
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

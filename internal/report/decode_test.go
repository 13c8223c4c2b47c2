package report

import (
	"encoding/binary"
	"reflect"
	"slices"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func TestDecodeDetectsTheEncoding(t *testing.T) {
	// 𠀀 (U+20000) and 䶮 take four bytes in GB18030, which GBK cannot read.
	text := "关于2022年度法治政府建设情况的报告\r\n签发人：王䶮𠀀\r旧式行尾\n"
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	want := "关于2022年度法治政府建设情况的报告\n签发人：王䶮𠀀\n旧式行尾\n"
	tests := []struct {
		name string
		data []byte
		enc  string
	}{
		{"UTF-8", []byte(text), EncUTF8},
		{"UTF-8 with BOM", append([]byte("\xef\xbb\xbf"), text...), EncUTF8BOM},
		{"GB18030", gb, EncGB18030},
	}
	for _, tt := range tests {
		got, enc, err := Decode(tt.data)
		if err != nil || got != want || enc != tt.enc {
			t.Errorf("%s: Decode = %q, %s, %v; want %q, %s", tt.name, got, enc, err, want, tt.enc)
		}
	}
}

// utf16Bytes writes UTF-16 code units with a byte order mark, so that a
// test can put a lone surrogate where no encoder would.
func utf16Bytes(order binary.AppendByteOrder, units ...uint16) []byte {
	b := order.AppendUint16(nil, 0xFEFF)
	for _, u := range units {
		b = order.AppendUint16(b, u)
	}
	return b
}

// utf16Units is s as UTF-16 code units.
func utf16Units(s string) []uint16 { return utf16.Encode([]rune(s)) }

func TestDecodeReplacesLoneSurrogates(t *testing.T) {
	cat := func(parts ...[]uint16) []uint16 { return slices.Concat(parts...) }
	tests := []struct {
		name string
		data []byte
		text string
		enc  string
		lone []surrogateLine
	}{
		{"UTF-16LE, a high surrogate alone", utf16Bytes(binary.LittleEndian, cat(utf16Units("甲\n乙"), []uint16{0xD83D}, utf16Units("丙\n"))...),
			"甲\n乙\uFFFD丙\n", EncUTF16LE, []surrogateLine{{2, []uint16{0xD83D}}}},
		{"UTF-16BE, a low surrogate alone at the end", utf16Bytes(binary.BigEndian, cat(utf16Units("甲\n乙"), []uint16{0xDE00})...),
			"甲\n乙\uFFFD", EncUTF16BE, []surrogateLine{{2, []uint16{0xDE00}}}},
		{"UTF-16LE, a pair is its character", utf16Bytes(binary.LittleEndian, utf16Units("王𠀀\n")...), "王𠀀\n", EncUTF16LE, nil},
		{"UTF-16LE, a pair in the wrong order is two lone halves", utf16Bytes(binary.LittleEndian, cat(utf16Units("王"), []uint16{0xDC00, 0xD840}, utf16Units("\n"))...),
			"王\uFFFD\uFFFD\n", EncUTF16LE, []surrogateLine{{1, []uint16{0xDC00, 0xD840}}}},
		{"UTF-16LE, CRLF and CR each end one line", utf16Bytes(binary.LittleEndian, cat(utf16Units("甲\r\n乙\r丙\r\n"), []uint16{0xD83D})...),
			"甲\n乙\n丙\n\uFFFD", EncUTF16LE, []surrogateLine{{4, []uint16{0xD83D}}}},
		{"UTF-8 with a surrogate written as three bytes (WTF-8)", []byte("甲\n乙\xed\xa0\xbd丙\n"),
			"甲\n乙\uFFFD丙\n", EncUTF8, []surrogateLine{{2, []uint16{0xD83D}}}},
		{"UTF-8 with BOM and two lone surrogates on different lines", []byte("\xef\xbb\xbf\xed\xb8\x80甲\n乙\n\xed\xa0\xbd"),
			"\uFFFD甲\n乙\n\uFFFD", EncUTF8BOM, []surrogateLine{{1, []uint16{0xDE00}}, {3, []uint16{0xD83D}}}},
		{"UTF-8 with a pair written as six bytes (CESU-8) is its character", []byte("王\xed\xa1\x80\xed\xb0\x80\n"), "王𠀀\n", EncUTF8, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, lone, err := decode(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if text != tt.text || enc != tt.enc || !reflect.DeepEqual(lone, tt.lone) {
				t.Errorf("decode = %q, %s, %v; want %q, %s, %v", text, enc, lone, tt.text, tt.enc, tt.lone)
			}
		})
	}
}

// A surrogate written as three bytes does not make other bytes that are not
// UTF-8 acceptable.
func TestDecodeStillRefusesOtherBadBytes(t *testing.T) {
	_, _, err := Decode([]byte("甲\xed\xa0\xbd\n乙\xff\n"))
	want := "line 2: 文件的编码既不是 UTF-8，也不是带 BOM 的 UTF-16 或 GB18030（第一个不符合 UTF-8 的字节在这一行）：请用记事本等编辑器打开，确认文字正常后另存为 UTF-8 编码"
	if err == nil || err.Error() != want {
		t.Errorf("Decode error %v, want %q", err, want)
	}
}

package report

import (
	"testing"

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

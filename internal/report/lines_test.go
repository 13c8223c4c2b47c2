package report

import (
	"encoding/binary"
	"reflect"
	"strings"
	"testing"

	"nianbao/internal/testenv"
)

const repairedReport = testenv.SmallReport

// Control characters and lone surrogates are layout repairs, each line's
// announced by a warning that says which characters: the text is
// otherwise the source's.
func TestControlsAndLoneSurrogatesAreRepairedWithAWarning(t *testing.T) {
	withSurrogate := utf16Bytes(binary.LittleEndian, append(utf16Units(strings.Split(repairedReport, "，")[0]),
		append([]uint16{0xD83D}, utf16Units("，"+strings.SplitN(repairedReport, "，", 2)[1])...)...)...)
	tests := []struct {
		name     string
		data     []byte
		warnings []string
		repairs  []Repair
		title    string // the title read
		text     string // the first section's text
	}{
		{"control characters",
			[]byte(strings.NewReplacer(
				"关于2023", "\x7f关于2023",
				"推进法治政府建设的主要", "推进\u0085法治政府建设的主要",
				"落实行政执法“三项制度”，全年", "落实\v行政执法\x1b“三项制度”\x1b，全年\x01",
			).Replace(repairedReport)),
			[]string{
				"line 2: 删去了 1 个控制字符（U+007F，看不见的特殊字符）：一般无需处理；这一行的文字看起来不对时，请对照原件核对",
				"line 6: 删去了 1 个控制字符（U+0085，看不见的特殊字符）：一般无需处理；这一行的文字看起来不对时，请对照原件核对",
				"line 7: 删去了 4 个控制字符（U+000B、U+001B、U+0001，看不见的特殊字符）：一般无需处理；这一行的文字看起来不对时，请对照原件核对",
			},
			[]Repair{
				{Line: 2, Kind: RepairControl, Text: "\x7f"},
				{Line: 6, Kind: RepairControl, Text: "\u0085"},
				{Line: 7, Kind: RepairControl, Text: "\v\x1b\x1b\x01"},
			},
			"关于2023年度法治政府建设情况的报告", "全面落实行政执法“三项制度”，全年办理行政处罚案件37件。"},
		{"a lone surrogate in UTF-16", withSurrogate,
			[]string{"line 7: 这一行有 1 个残缺的字符（落单的 UTF-16 代理项 U+D83D，是一个字符的一半，文件中缺了另一半），已替换为 U+FFFD（显示为 �）：请对照报告原件核对这一行，把缺的字补进导入后的 Markdown 文件"},
			[]Repair{{Line: 7, Kind: RepairSurrogate, Text: "U+D83D"}},
			"关于2023年度法治政府建设情况的报告", "全面落实行政执法“三项制度”\uFFFD，全年办理行政处罚案件37件。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			var warnings []string
			for _, w := range doc.Warnings {
				warnings = append(warnings, w.String())
			}
			if !reflect.DeepEqual(warnings, tt.warnings) {
				t.Errorf("warnings:\n got  %q\n want %q", warnings, tt.warnings)
			}
			var repairs []Repair
			for _, r := range doc.Repairs {
				if r.Kind == RepairControl || r.Kind == RepairSurrogate {
					repairs = append(repairs, r)
				}
			}
			if !reflect.DeepEqual(repairs, tt.repairs) {
				t.Errorf("repairs:\n got  %#v\n want %#v", repairs, tt.repairs)
			}
			if !strings.HasSuffix(doc.Title, tt.title) {
				t.Errorf("title %q, want it to end in %q", doc.Title, tt.title)
			}
			var heading, text string
			for i, b := range doc.Blocks {
				if b.Kind == Heading && heading == "" {
					heading, text = b.Text, doc.Blocks[i+1].Text
				}
			}
			if heading != "一、2023年推进法治政府建设的主要举措和成效" || text != tt.text {
				t.Errorf("first section %q: %q; want 一、2023年推进法治政府建设的主要举措和成效: %q", heading, text, tt.text)
			}
		})
	}
}

// A few stray control characters are a repair; text made mostly of them,
// or holding NUL, is not a report.
func TestManyControlCharactersAreBinary(t *testing.T) {
	for _, data := range []string{
		strings.Repeat("\x01\x02\x1b甲", 20) + "。",
		"关于2023年度法治政府建设情况的报告\n\x00",
	} {
		if _, err := Parse([]byte(data)); err == nil || err.Error() != ErrBinary.Error() {
			t.Errorf("Parse(%q) = %v, want %v", data, err, ErrBinary)
		}
	}
}

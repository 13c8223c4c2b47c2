package site

import (
	"errors"
	"os"
	"strings"
	"testing"

	"nianbao/internal/content"
)

// settingsHead is the least a site.yaml holds: lines 1 and 2.
const settingsHead = "name: 法治政府建设年度报告\nbase_url: https://www.example.gov.cn/zwgk/fzzfjsnb/\n"

// settingsErrorCases are site.yaml files with YAML errors, and the message
// that names the line to edit.
var settingsErrorCases = []struct{ name, file, want string }{
	{"unknown key", settingsHead + "icp: 1\nicpp: 2\n", "site.yaml:4: 没有 icpp 这一项（可能拼错了）：请改正拼写，或删去这一行"},
	{"unknown key in a group", settingsHead + "contact:\n  phone: 1\n  mail: a@b.cn\n", "site.yaml:5: contact 下没有 mail 这一项（可能拼错了）：请改正拼写，或删去这一行"},
	{"key indented under a value", settingsHead + "  icp: 1\n",
		"site.yaml:3: 这一行多出了“: ”，或缩进比上一个键深：值中有“: ”的，请给整个值加上引号；键的缩进不要比上一个键深"},
	{"key of a group indented too deep", settingsHead + "contact:\n  phone: 1\n   email: a@b.cn\n",
		"site.yaml:5: 这一行多出了“: ”，或缩进比上一个键深：值中有“: ”的，请给整个值加上引号；键的缩进不要比上一个键深"},
	{"key of a group indented too little", settingsHead + "contact:\n  phone: 1\n email: a@b.cn\n",
		"site.yaml:5: 这一行的写法不对：请检查这一行的缩进，以及右引号后面是否还跟着文字"},
	{"list item among keys", settingsHead + "- a\n",
		"site.yaml:3: 这一行的写法不对：请检查这一行的缩进，以及右引号后面是否还跟着文字"},
	{"text after a closing quote", settingsHead + "organizer: \"某某县人民政府\"办公室\n",
		"site.yaml:3: 这一行的写法不对：请检查这一行的缩进，以及右引号后面是否还跟着文字"},
	{"quote left open on the first line", "intro: \"本栏目\n" + settingsHead,
		"site.yaml:1: 这一行开始的引号没有结束：请补上配对的引号"},
	{"quote left open later", settingsHead + "intro: '本栏目\nicp: 1\n",
		"site.yaml:3: 这一行开始的引号没有结束：请补上配对的引号"},
	{"group indented with a tab", settingsHead + "contact:\n\tphone: 1\n",
		"site.yaml:4: 这一行用了 Tab 缩进，或值以 @、` 开头：请用空格缩进，不要用 Tab；以 @ 或 ` 开头的值请加上引号"},
	{"key without a value", settingsHead + "icp\n", "site.yaml:3: 这一行的键后面缺少“: ”：请在键后面写上“: ”（冒号和一个空格）"},
	{"key given twice", settingsHead + "icp: 1\nicp: 2\n", `site.yaml:4: "icp" 写了两次（第一次在第 3 行）：请删去其中一处`},
	{"key given twice in a group", settingsHead + "contact:\n  phone: 1\n  phone: 2\n", `site.yaml:5: "phone" 写了两次（第一次在第 4 行）：请删去其中一处`},
	{"number that is not one", settingsHead + "newest: ten\n", "site.yaml:3: 这里应写整数，却写成了文字 `ten`：请写成阿拉伯数字"},
	{"text block where a group belongs", settingsHead + "contact: |\n  a\n  b\n", "site.yaml:3: 这里应写一组设置，却写成了文字 `a\\nb\\n`：请在下面几行缩进两格，逐项写成“键: 值”"},
	{"BOM", "\ufeff" + settingsHead + "icpp: 2\n", "site.yaml:3: 没有 icpp 这一项（可能拼错了）：请改正拼写，或删去这一行"},
	{"CRLF", strings.ReplaceAll(settingsHead+"- a\n", "\n", "\r\n"),
		"site.yaml:3: 这一行的写法不对：请检查这一行的缩进，以及右引号后面是否还跟着文字"},
	{"line separator in a value", "intro: '本栏目\u2028公开'\n" + settingsHead + "icpp: 2\n", "site.yaml:4: 没有 icpp 这一项（可能拼错了）：请改正拼写，或删去这一行"},
	{"anchor", settingsHead + "portal: &p\n  name: 某某县人民政府\n",
		"site.yaml:3: 不能用 YAML 锚点（&p）：请删去 &p，并在每个写了 *p 的地方把值完整写出来"},
	{"alias", settingsHead + "organizer: *p\n", "site.yaml:3: 不能用 YAML 别名（*p）：请把它代表的值完整写出来"},
}

// Every YAML error in site.yaml names the line to edit.
func TestSettingsErrorsNameTheFileLine(t *testing.T) {
	for _, tt := range settingsErrorCases {
		_, err := ParseSettings("site.yaml", []byte(tt.file))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: ParseSettings(%q) = %v\nwant %s", tt.name, tt.file, err, tt.want)
		}
	}
}

// A site.yaml of aliases standing for a long text many times over is
// refused at its first anchor, before anything is expanded.
func TestHostileSettingsAreRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString(settingsHead + "intro: &a " + strings.Repeat("法治政府", 1500) + "\ncolumn:\n  keywords: &k [*a, *a, *a, *a, *a, *a, *a, *a]\n")
	for i := 0; b.Len() < 1<<20; i++ {
		b.WriteString("k" + strings.Repeat("x", i%50) + ": [*k, *k, *k, *k, *k, *k, *k, *k]\n")
	}
	_, err := ParseSettings("site.yaml", []byte(b.String()))
	want := "site.yaml:3: 不能用 YAML 锚点（&a）：请删去 &a，并在每个写了 *a 的地方把值完整写出来"
	if err == nil || err.Error() != want {
		t.Errorf("ParseSettings = %.300v\nwant %s", err, want)
	}
}

// FuzzParseSettings checks the site.yaml reader on any bytes: it never
// panics, and every problem it gives names the file, and a line of it
// when it names one.
func FuzzParseSettings(f *testing.F) {
	for _, tt := range settingsErrorCases {
		f.Add([]byte(tt.file))
	}
	if data, err := os.ReadFile("../../site.yaml"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ParseSettings("site.yaml", data)
		if err == nil {
			return
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if !strings.HasPrefix(line, "site.yaml:") {
				t.Fatalf("ParseSettings(%q) = %v: a problem that does not name the file", data, err)
			}
		}
		var e *content.Error
		if errors.As(err, &e) {
			if lines := 1 + strings.Count(string(data), "\n"); e.Line < 0 || e.Line > lines {
				t.Fatalf("ParseSettings(%q) = %v, a line outside the file's %d", data, err, lines)
			}
		}
	})
}

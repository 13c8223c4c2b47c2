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
	{"unknown key", settingsHead + "icp: 1\nicpp: 2\n", "site.yaml:4: field icpp not found in type site.Settings"},
	{"unknown key in a group", settingsHead + "contact:\n  phone: 1\n  mail: a@b.cn\n", "site.yaml:5: field mail not found in type site.Contact"},
	{"key indented under a value", settingsHead + "  icp: 1\n",
		`site.yaml:3: mapping values are not allowed in this context: quote a value that holds ": ", and indent a key no deeper than the key above it`},
	{"key of a group indented too deep", settingsHead + "contact:\n  phone: 1\n   email: a@b.cn\n",
		`site.yaml:5: mapping values are not allowed in this context: quote a value that holds ": ", and indent a key no deeper than the key above it`},
	{"key of a group indented too little", settingsHead + "contact:\n  phone: 1\n email: a@b.cn\n",
		"site.yaml:5: did not find expected key: check this line's indentation, and that nothing follows a closing quote"},
	{"list item among keys", settingsHead + "- a\n",
		"site.yaml:3: did not find expected key: check this line's indentation, and that nothing follows a closing quote"},
	{"text after a closing quote", settingsHead + "organizer: \"某某县人民政府\"办公室\n",
		"site.yaml:3: did not find expected key: check this line's indentation, and that nothing follows a closing quote"},
	{"quote left open on the first line", "intro: \"本栏目\n" + settingsHead,
		"site.yaml:1: found unexpected end of stream: close the quote opened on this line"},
	{"quote left open later", settingsHead + "intro: '本栏目\nicp: 1\n",
		"site.yaml:3: found unexpected end of stream: close the quote opened on this line"},
	{"group indented with a tab", settingsHead + "contact:\n\tphone: 1\n",
		"site.yaml:4: found character that cannot start any token: indent with spaces, not tabs, and quote a value that starts with @ or `"},
	{"key without a value", settingsHead + "icp\n", `site.yaml:3: could not find expected ':': write ": " after the key`},
	{"key given twice", settingsHead + "icp: 1\nicp: 2\n", `site.yaml:4: mapping key "icp" already defined at line 3`},
	{"key given twice in a group", settingsHead + "contact:\n  phone: 1\n  phone: 2\n", `site.yaml:5: mapping key "phone" already defined at line 4`},
	{"number that is not one", settingsHead + "newest: ten\n", "site.yaml:3: cannot unmarshal !!str `ten` into int"},
	{"text block where a group belongs", settingsHead + "contact: |\n  a\n  b\n", "site.yaml:3: cannot unmarshal !!str `a\\nb\\n` into site.Contact"},
	{"BOM", "\ufeff" + settingsHead + "icpp: 2\n", "site.yaml:3: field icpp not found in type site.Settings"},
	{"CRLF", strings.ReplaceAll(settingsHead+"- a\n", "\n", "\r\n"),
		"site.yaml:3: did not find expected key: check this line's indentation, and that nothing follows a closing quote"},
	{"line separator in a value", "intro: '本栏目\u2028公开'\n" + settingsHead + "icpp: 2\n", "site.yaml:4: field icpp not found in type site.Settings"},
	{"anchor", settingsHead + "portal: &p\n  name: 某某县人民政府\n",
		"site.yaml:3: YAML anchors (&p) are not allowed: remove &p and write the value out wherever *p stands for it"},
	{"alias", settingsHead + "organizer: *p\n", "site.yaml:3: YAML aliases (*p) are not allowed: write the value out"},
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
	want := "site.yaml:3: YAML anchors (&a) are not allowed: remove &a and write the value out wherever *a stands for it"
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

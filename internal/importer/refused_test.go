package importer

import (
	"reflect"
	"strings"
	"testing"
)

// A report the site build would refuse is not written: it gets one message
// naming its source, and the reports beside it are imported as usual.
func TestImportRefusesWhatTheBuildRefusesAndGoesOn(t *testing.T) {
	root := repo(t, map[string]string{
		"sources/a.txt":        smallReport,
		"sources/b-1900.txt":   strings.ReplaceAll(smallReport, "2023年度", "1900年度"),
		"sources/b-nobody.txt": strings.ReplaceAll(strings.ReplaceAll(smallReport, "重庆市璧山区七塘镇人民政府", "某某有限公司"), "2023年度", "2022年度"),
		"sources/c.txt":        otherReport,
	})
	opt := Options{Root: root, Out: "content"}
	for _, run := range []string{"first", "second"} {
		res := Import([]string{"sources"}, opt)
		if want := []string{"content/500120/500120101-2023.md", "content/500151/500151105-2023.md"}; !reflect.DeepEqual(res.Written, want) {
			t.Errorf("%s run: written = %q, want %q", run, res.Written, want)
		}
		want := []string{
			"sources/b-1900.txt: 报告年度 1900 不合理（应在 1949 到 2200 之间）：请在原件中改正年份，再运行 go run ./cmd/build",
			`sources/b-nobody.txt: 看不出报告是哪个乡镇（街道）的，按 2023 年区划表，"关于2022年度法治政府建设情况的报告" 中没有区划表里的乡镇：请在原件的标题或落款中写上带乡镇名称的发文机关（如“…镇人民政府”），再运行 go run ./cmd/build`,
		}
		if got := messages(res.Problems); !reflect.DeepEqual(got, want) {
			t.Errorf("%s run: problems\n got  %q\n want %q", run, got, want)
		}
	}
	want := []string{
		"content/.imported.json",
		"content/500120/500120101-2023.md",
		"content/500151/500151105-2023.md",
		"sources/a.txt", "sources/b-1900.txt", "sources/b-nobody.txt", "sources/c.txt",
	}
	if got := tree(t, root); !reflect.DeepEqual(got, want) {
		t.Errorf("files after import: a refused report must leave nothing in content/\n got  %q\n want %q", got, want)
	}
}

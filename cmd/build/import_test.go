package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nianbao/internal/extract/extracttest"
	"nianbao/internal/testenv"
)

const importReport = testenv.SmallReport

// importRepo makes a repository with a sources/ directory.
func importRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func runImportCmd(root string, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(append([]string{"import", "-root", root}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func TestImportCommandPrintsEachFileWritten(t *testing.T) {
	root := importRepo(t, map[string]string{
		"sources/a.txt": importReport,
		"sources/b.txt": strings.ReplaceAll(importReport, "璧山区七塘镇", "铜梁区安居镇"),
	})
	code, stdout, stderr := runImportCmd(root, "sources")
	if code != 0 || stderr != "" {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	want := "content/500120/500120101-2023.md\ncontent/500151/500151105-2023.md\n"
	if stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
}

func TestImportCommandNamesTheBadFileAndExitsOne(t *testing.T) {
	root := importRepo(t, map[string]string{
		"sources/a.txt": importReport,
		"sources/b.txt": "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
		"sources/c.txt": strings.Split(importReport, "持续加强")[0] + "持续加强法治",
	})
	code, stdout, stderr := runImportCmd(root, "-out", "site/content", "sources")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if want := "site/content/500120/500120101-2023.md\n"; stdout != want {
		t.Errorf("stdout = %q, want %q", stdout, want)
	}
	// c.txt is the same town and year as a.txt, cut off mid-sentence.
	wantErr := "warning: sources/c.txt: 没有找到成文日期：请对照原件，在导入后的 Markdown 文件开头写上 date:（成文日期，如 2022-01-10）\n" +
		"warning: sources/c.txt:9: 正文在句子中间结束，文件可能不完整：请对照原件核对结尾；缺了内容的，请向报送单位索取完整的原件\n" +
		"error: sources/b.txt: 文件内容不是文字（是二进制数据）：请确认放入的是报告原件；文件损坏的，请向报送单位重新索取\n" +
		"error: sources/c.txt: 与 sources/a.txt 是同一乡镇同一年度（璧山区七塘镇 2023 年度）的报告，两份都会写到 site/content/500120/500120101-2023.md，本次未导入这份：要以这份为准，运行 go run ./cmd/build import -force -out site/content sources/c.txt；否则把其中一份移出 sources/\n"
	if stderr != wantErr {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr, wantErr)
	}
	entries, _ := os.ReadDir(filepath.Join(root, "site/content/500120"))
	if len(entries) != 1 {
		t.Errorf("site/content/500120 holds %d files, want 1", len(entries))
	}
}

// TestImportCommandReadsEveryFormat drops a report in each format staff
// receive into sources/, with a spreadsheet beside them: every report is
// imported, and the spreadsheet is named, not silently passed over.
func TestImportCommandReadsEveryFormat(t *testing.T) {
	town := func(name string) string { return strings.ReplaceAll(importReport, "璧山区七塘镇", name) }
	lines := strings.Split(strings.TrimRight(town("大足区龙水镇"), "\n"), "\n")
	root := importRepo(t, map[string]string{
		"sources/a.docx":    string(extracttest.DOCXText(importReport)),
		"sources/b.ofd":     string(extracttest.OFD(extracttest.Pages(town("铜梁区安居镇"), 8))),
		"sources/c.html":    string(extracttest.PortalPage("", nil, lines)),
		"sources/统计表.xlsx":  "PK\x03\x04",
		"sources/README.md": "说明",
	})
	code, stdout, stderr := runImportCmd(root, "sources")
	if code != 0 {
		t.Errorf("exit %d", code)
	}
	want := "content/500120/500120101-2023.md\ncontent/500151/500151105-2023.md\ncontent/500111/500111100-2023.md\n"
	if stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	if !strings.Contains(stderr, "warning: sources/统计表.xlsx: 不是可导入的报告格式，未导入（可导入：.txt .docx .doc .wps .pdf .ofd .html .htm）：请另存为其中一种格式，或把它移出 sources\n") || strings.Contains(stderr, "README") {
		t.Errorf("stderr:\n%s", stderr)
	}
	md, _ := os.ReadFile(filepath.Join(root, "content/500120/500120101-2023.md"))
	if !strings.Contains(string(md), "source: sources/a.docx") || !strings.Contains(string(md), "全年办理行政处罚案件37件。") {
		t.Errorf("content file of the Word report:\n%s", md)
	}
}

func TestImportCommandRefusesHandEditsUnlessForced(t *testing.T) {
	root := importRepo(t, map[string]string{"sources/a.txt": importReport})
	runImportCmd(root, "sources/a.txt")
	out := filepath.Join(root, "content/500120/500120101-2023.md")
	data, _ := os.ReadFile(out)
	os.WriteFile(out, append(data, "\n补充说明。\n"...), 0o644)

	code, stdout, stderr := runImportCmd(root, "sources/a.txt")
	want := "error: sources/a.txt: content/500120/500120101-2023.md 在导入后被手工修改过，本次没有覆盖它：要以原件重新导入、放弃手工修改，运行 go run ./cmd/build import -force sources/a.txt\n"
	if code != 1 || stdout != "" || stderr != want {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant:\n%s", code, stdout, stderr, want)
	}
	code, stdout, stderr = runImportCmd(root, "-force", "sources/a.txt")
	if code != 0 || stdout != "content/500120/500120101-2023.md\n" || stderr != "" {
		t.Errorf("with -force: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if got, _ := os.ReadFile(out); !bytes.Equal(got, data) {
		t.Error("-force did not restore the imported file")
	}
}

func TestImportCommandWithoutArgumentsPrintsUsage(t *testing.T) {
	code, stdout, stderr := runImportCmd(t.TempDir())
	if code != 2 || stdout != "" || !strings.HasPrefix(stderr, "用法：go run ./cmd/build import [-out DIR] [-force] 文件或目录...\n") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}

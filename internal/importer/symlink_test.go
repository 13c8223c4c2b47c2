package importer

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestSymlinkOutOfSourcesIsRefused lists, word for word, what import says
// about a source reached through a symbolic link that leads out of
// sources/, and checks that the other sources still import. The outside
// files hold good reports, so that only the refusal can keep them out.
func TestSymlinkOutOfSourcesIsRefused(t *testing.T) {
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte(otherReport), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(outside, "dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "dir", "x.txt"), []byte(otherReport), 0o644); err != nil {
		t.Fatal(err)
	}
	const (
		good   = "content/500120/500120101-2023.md"
		other  = "content/500151/500151105-2023.md"
		refuse = "这个文件是指向 sources/ 之外的符号链接，出于安全不会读取：请把报告文件本身复制到 sources/"
	)
	tests := []struct {
		name     string
		files    map[string]string // beside sources/a.txt and site.yaml
		link     string            // in the repository
		target   string            // "OUT/…" is in the outside directory
		args     []string
		pending  bool // import what Pending lists, as the build does
		written  []string
		problems []string
	}{
		{name: "file linked out, found by the build", link: "sources/evil.txt", target: "OUT/secret.txt", pending: true,
			written: []string{good}, problems: []string{"sources/evil.txt: " + refuse}},
		{name: "file linked out, named", link: "sources/evil.txt", target: "OUT/secret.txt", args: []string{"sources/evil.txt", "sources/a.txt"},
			written: []string{good}, problems: []string{"sources/evil.txt: " + refuse}},
		{name: "file linked out, in a directory named", link: "sources/evil.txt", target: "OUT/secret.txt", args: []string{"sources"},
			written: []string{good}, problems: []string{"sources/evil.txt: " + refuse}},
		{name: "file linked out by a relative path", link: "sources/evil.txt", target: "../site.yaml", args: []string{"sources"},
			written: []string{good}, problems: []string{"sources/evil.txt: " + refuse}},
		{name: "file under a directory linked out", link: "sources/linked", target: "OUT/dir", args: []string{"sources/linked/x.txt", "sources/a.txt"},
			written: []string{good}, problems: []string{"sources/linked/x.txt: " + refuse}},
		{name: "a directory linked out is not walked", link: "sources/linked", target: "OUT/dir", args: []string{"sources"},
			written: []string{good}},
		{name: "file in the root linked out", link: "evil.txt", target: "OUT/secret.txt", args: []string{"evil.txt"},
			problems: []string{"evil.txt: 这个文件是指向 本项目文件夹 之外的符号链接，出于安全不会读取：请把报告文件本身复制到 本项目文件夹"}},
		{name: "a link inside sources/ is followed", files: map[string]string{"sources/other.txt": otherReport, "sources/2023/notes.md": ""},
			link: "sources/2023/c.txt", target: "../other.txt", args: []string{"sources/2023/c.txt"},
			written: []string{other}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"sources/a.txt": smallReport, "site.yaml": otherReport}
			for name, data := range tt.files {
				files[name] = data
			}
			root := repo(t, files)
			target := tt.target
			if rest, ok := strings.CutPrefix(target, "OUT/"); ok {
				target = filepath.Join(outside, filepath.FromSlash(rest))
			}
			if err := os.Symlink(filepath.FromSlash(target), filepath.Join(root, filepath.FromSlash(tt.link))); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
			opt := Options{Root: root, Out: "content"}
			args := tt.args
			if tt.pending {
				var err error
				if args, err = Pending("sources", opt); err != nil {
					t.Fatalf("Pending: %v", err)
				}
			}
			res := Import(args, opt)
			if !reflect.DeepEqual(res.Written, tt.written) {
				t.Errorf("written = %q, want %q", res.Written, tt.written)
			}
			if got := messages(res.Problems); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems:\n got  %q\n want %q", got, tt.problems)
			}
		})
	}
}

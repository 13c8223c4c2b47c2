package importer

import (
	"encoding/json"
	"maps"
	"path/filepath"
	"testing"

	"nianbao/internal/jsonstr"
)

// manifestSamples are manifests in the form save writes and in others
// only encoding/json reads.
var manifestSamples = []string{
	"{\n}\n",
	"{\n  \"500120/500120101-2023.md\": \"ab12\"\n}\n",
	"{\n  \"a.md\": \"1\",\n  \"b.md\": \"2\"\n}\n",
	"{\n  \"a\\\"b.md\": \"1\"\n}\n", // escaped: the json path
	"{\n  \"a.md\": \"1\",\n}\n",     // trailing comma: not JSON
	"{\"a.md\":\"1\"}",
	"{\n  \"a.md\": \"1\"\n}\n\n",
	"{\n  \"a.md\": \"1\"\n  \"b.md\": \"2\"\n}\n",
	"{\n  \"\xff.md\": \"1\"\n}\n",
	"{\n  \"a.md\": \"1\",\n  \"a.md\": \"2\"\n}\n",
}

// TestManifestQuoting checks that save quotes keys and values exactly as
// json.Marshal does, so that the manifest's bytes did not change with the
// faster writing.
func TestManifestQuoting(t *testing.T) {
	for _, s := range []string{"", "500120/500120101-2023.md", "七塘镇/报告.md", `say "hi"`, `a\b`, "tab\t", "<&>",
		"line\u2028sep", "para\u2029sep", "bad\xff", "\x7f", "\u00e9", "\xe2\x80"} {
		want, _ := json.Marshal(s)
		if got := jsonstr.Append(nil, s); string(got) != string(want) {
			t.Errorf("jsonstr.Append(%q) = %s, json.Marshal gives %s", s, got, want)
		}
	}
}

// TestManifestRoundTrip saves manifests of awkward paths and reads them
// back.
func TestManifestRoundTrip(t *testing.T) {
	for _, sums := range []map[string]string{
		{},
		{"500120/500120101-2023.md": "ab", "七塘镇/报告.md": "cd"},
		{`say "hi".md`: "1", `back\slash.md`: "2", "tab\t.md": "3", "<&>.md": "4", "line\u2028sep.md": "5", "bad\xff.md": "6"},
	} {
		m := &manifest{path: filepath.Join(t.TempDir(), ManifestName), name: ManifestName, sums: maps.Clone(sums), changed: true}
		if err := m.save(); err != nil {
			t.Fatal(err)
		}
		got, err := loadManifest(Options{Root: filepath.Dir(m.path), Out: "."})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{}
		for k, v := range sums { // as JSON stores them: invalid UTF-8 replaced
			kb, _ := json.Marshal(k)
			var kk string
			json.Unmarshal(kb, &kk)
			want[kk] = v
		}
		if !maps.Equal(got.sums, want) {
			t.Errorf("read back %q, want %q", got.sums, want)
		}
	}
}

// FuzzParseManifest checks that the fast reading of a manifest never
// disagrees with encoding/json: whatever it accepts, json.Unmarshal
// accepts too and reads the same entries.
func FuzzParseManifest(f *testing.F) {
	for _, s := range manifestSamples {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, ok := parseManifest(data)
		if !ok {
			return
		}
		var want map[string]string
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("parseManifest accepted %q, which is not JSON: %v", data, err)
		}
		if !maps.Equal(got, want) {
			t.Fatalf("parseManifest(%q) = %q, json says %q", data, got, want)
		}
	})
}

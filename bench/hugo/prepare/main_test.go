package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
)

// writeReport writes a content file of the corpus with sections of the given
// kinds.
func writeReport(t *testing.T, corpus, code string, year int, kinds ...string) {
	t.Helper()
	fm := "---\ntitle: 报告\ntown: 镇\ncode: \"" + code + "\"\nyear: " + strconv.Itoa(year) + "\nsource: sources/" + code + "-" + strconv.Itoa(year) + ".txt\nsections:\n"
	body := "导语。\n"
	for i, k := range kinds {
		fm += "  - title: 部分" + strconv.Itoa(i) + "\n    kind: " + k + "\n    id: s" + strconv.Itoa(i+1) + "\n"
		body += "\n## 部分" + strconv.Itoa(i) + "\n\n正文。\n"
	}
	dir := filepath.Join(corpus, "content", code[:6])
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, code+"-"+strconv.Itoa(year)+".md"), []byte(fm+"---\n\n"+body), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(corpus, "sources"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A GB18030 original: its UTF-8 copy must be decoded.
	if err := os.WriteFile(filepath.Join(corpus, "sources", code+"-"+strconv.Itoa(year)+".txt"), []byte{0xd5, 0xfd, 0xce, 0xc4}, 0o644); err != nil {
		t.Fatal(err)
	}
}

// The project's data groups the reports as our model step does: kinds
// found in two of a town's reports, plan years whose next year reports
// measures, the region chain, year comparisons of kinds two reports have.
func TestPrepare(t *testing.T) {
	corpus, out := t.TempDir(), filepath.Join(t.TempDir(), "hugo")
	writeReport(t, corpus, "500106106", 2021, "measures", "plans")
	writeReport(t, corpus, "500106106", 2022, "measures", "shortcomings", "plans")
	writeReport(t, corpus, "500112138", 2022, "measures", "leadership")
	t.Chdir("../../..") // bench/hugo/site is read from the repository root
	if err := run(corpus, out, 60); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(out, "data", "site.json"))
	if err != nil {
		t.Fatal(err)
	}
	var d data
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	a := d.Towns["500106106"]
	if a == nil || d.Towns["500112138"] == nil || len(d.Towns) != 2 {
		t.Fatalf("towns: %v", d.Towns)
	}
	if !reflect.DeepEqual(a.Kinds, []string{"measures", "plans"}) {
		t.Errorf("kinds of a town = %v, want the two found in both its reports", a.Kinds)
	}
	want := []plan{{2021, "/reports/500106/500106106-2021", "/reports/500106/500106106-2022"}}
	if !reflect.DeepEqual(a.Plans, want) {
		t.Errorf("plans = %v, want %v", a.Plans, want)
	}
	if !reflect.DeepEqual(a.Chain, []string{"500000", "500106"}) {
		t.Errorf("chain = %v, want the municipality once and the district", a.Chain)
	}
	var compared []string
	for _, c := range d.Compare {
		compared = append(compared, strconv.Itoa(c.Year)+c.Kind)
	}
	if !reflect.DeepEqual(compared, []string{"2022measures"}) || len(d.Split) != 0 {
		t.Errorf("year comparisons = %v (split %v), want 2022's measures alone", compared, d.Split)
	}
	// Past compare_split towns, a year's comparison is one page per county.
	if err := run(corpus, out, 1); err != nil {
		t.Fatal(err)
	}
	if raw, err = os.ReadFile(filepath.Join(out, "data", "site.json")); err != nil {
		t.Fatal(err)
	}
	d = data{}
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Split) != 1 || !reflect.DeepEqual(d.Split[0].Counties, []string{"500106", "500112"}) || len(d.Compare) != 2 {
		t.Errorf("split 1: split pages %+v, county pages %d, want one split into the two counties", d.Split, len(d.Compare))
	}
	utf8, err := os.ReadFile(filepath.Join(out, "static", "files", "500106106", "2021", "source-utf8.txt"))
	if err != nil || string(utf8) != "\ufeff正文" {
		t.Errorf("UTF-8 copy = %q, %v", utf8, err)
	}
	if _, err := os.Stat(filepath.Join(out, "content", "town", "_content.gotmpl")); err != nil {
		t.Errorf("the project's content adapters are missing: %v", err)
	}
}
